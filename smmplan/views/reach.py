"""The paid chapter's notes on where each platform's reachable audience comes from: the
people in the market (adults aged 15+, the area served, or the professionals a B2B brief
sells to), the share of them using each platform and its basis, and the conversion of a
share of Internet users into a share of adults."""

from __future__ import annotations

from ..brief import Brief
from ..i18n import Translator
from ..market import platform_use, population_15_plus
from ..reach import professional_use, professionals
from .base import platform_label

ORDER = ("country", "region", "stand_in")


def _labels(tr: Translator, platforms: list[str]) -> str:
    """The platforms in words, joined as the plan's language joins a list ("a, b et c")."""
    return tr.join([platform_label(p) for p in platforms])


def _use_notes(tr: Translator, country: str, name: str, platforms: list[str]) -> list[str]:
    notes = []
    uses = [platform_use(p, country) for p in platforms]
    groups = {(u.basis, u.source): [v for v in uses if (v.basis, v.source) == (u.basis, u.source)]
              for u in uses}
    for (basis, _), mine in sorted(groups.items(), key=lambda kv: ORDER.index(kv[0][0])):
        if mine:
            key = "count" if mine[0].counted else basis
            notes.append(tr.t(f"paid_market.use_{key}", country=name,
                              region=mine[0].region or "", source=mine[0].source,
                              platforms=_labels(tr, [u.platform for u in mine])))
    online = [u for u in uses if u.of_internet_users]
    if online and online[0].internet is not None:
        net = online[0].internet
        notes.append(tr.t("paid_market.internet", country=name,
                          platforms=_labels(tr, [u.platform for u in online]),
                          share=tr.percent(net.share), year=net.year,
                          source=tr.t("paid_market.internet_source")))
    elif online:
        notes.append(tr.t("paid_market.internet_missing", country=name,
                          platforms=_labels(tr, [u.platform for u in online])))
    return notes


def audience_notes(tr: Translator, brief: Brief, platforms: list[str], name: str
                   ) -> list[str]:
    """Notes on the reachable audience of ``platforms`` (those the brief gives no audience
    for), in the order the estimate is built."""
    if not platforms:
        return []
    country = brief.client.country
    if brief.client.market_population:
        return [tr.t("paid_market.local", people=tr.number(brief.client.market_population)),
                *_use_notes(tr, country, name, platforms)]
    families = tr.join([tr.t(f"professions.{f}") for f in brief.budget.paid.professions])
    pros = professionals(brief)
    if pros is not None:
        share = brief.budget.paid.addressable_share
        notes = [tr.t("paid_market.professions", country=name, families=families,
                      people=tr.number(pros.people), source=pros.source,
                      share=tr.percent(100.0 if share is None else share, 0))]
        surveyed = [p for p in platforms
                    if professional_use(p, country)[1] != platform_use(p, country).source]
        if surveyed:
            notes.append(tr.t("paid_market.professions_use", platforms=_labels(tr, surveyed),
                              source=professional_use(surveyed[0], country)[1]))
        rest = [p for p in platforms if p not in surveyed]
        return notes + _use_notes(tr, country, name, rest)
    notes = []
    if brief.budget.paid.professions:
        notes.append(tr.t("paid_market.professions_missing", country=name, families=families))
    people = population_15_plus(country)
    if people is None:
        return notes
    notes.append(tr.t("paid_market.population", country=name, people=tr.number(people.people),
                      source=tr.t("paid_market.population_source", year=people.year)))
    return notes + _use_notes(tr, country, name, platforms)

