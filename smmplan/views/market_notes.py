"""The channel chapter's notes on the client's market: where each platform's audience fit
comes from (usage in the client's country, its region or a stand-in) and the regional
platforms of its country."""

from __future__ import annotations

from ..plan import Plan
from .base import platform_label


def _country_name(plan: Plan) -> str:
    from babel import Locale

    country = plan.brief.client.country
    return Locale.parse(plan.tr.locale).territories.get(country, country)


def usage_notes(plan: Plan) -> list[str]:
    """Where the audience fit of the platforms scored without targets comes from: platform
    usage in the client's country, its region or the stand-in, each basis named once."""
    from ..market import platform_use

    tr, ch = plan.tr, plan.channels
    country = plan.brief.client.country
    notes = []
    for basis in ("country", "region", "stand_in"):
        mine = [c.platform for c in ch.choices if c.audience_basis == basis]
        if not mine:
            continue
        uses = [platform_use(content_source(p), country) for p in mine]
        sources = list(dict.fromkeys(u.source for u in uses))
        notes.append(tr.t(f"channels.use_{basis}", country=_country_name(plan),
                          region=uses[0].region or "", source="; ".join(sources),
                          platforms=tr.join([platform_label(p) for p in mine])))
    return notes


def content_source(platform: str) -> str:
    """The platform whose audience a platform shares (TikTok Shop: TikTok's)."""
    from ..catalogue import content_facts

    return content_facts()["platforms"][platform].get("audience_of", platform)


def regional_notes(plan: Plan) -> list[str]:
    """The regional platforms of the client's country: why each matters, kept or to
    consider."""
    tr, ch = plan.tr, plan.channels
    by_key = {c.platform: c for c in ch.choices}
    notes = []
    for p in ch.regional:
        c = by_key[p]
        key = "channels.regional_kept" if c.kept else "channels.regional_consider"
        notes.append(tr.t(key, platform=platform_label(p), country=_country_name(plan),
                          why=tr.t(f"channels.regional_why.{p}"), score=tr.number(c.score, 0)))
    return notes
