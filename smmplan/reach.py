"""The reachable audience of a paid platform: how many people the plan's ads can reach.

A consumer brief: people aged 15+ in the client's country (World Bank) or in the area it
serves (``client.market_population``) x the share of adults using the platform
(``market.platform_use``) x the addressable share. A B2B brief naming the job families it
sells to (``budget.paid.professions``): the people employed in them in the client's
country (``data/professions.yaml``: BLS OEWS for the U.S.) x the share of professionals
using the platform (else of adults) x the addressable share (default: all of them). A
country without counts falls back on the consumer estimate, and the plan says so. The
brief's ``budget.paid.channels.<platform>.audience`` replaces any estimate."""

from __future__ import annotations

from dataclasses import dataclass

from .brief import Brief
from .catalogue import paid_facts
from .errors import DataError
from .market import platform_use, population_15_plus
from .paths import data_yaml


@dataclass(frozen=True)
class Professionals:
    """People employed in the brief's job families in its country, and the source."""

    country: str
    families: list[str]
    people: int
    source: str
    date: str


def profession_facts() -> dict:
    """data/professions.yaml: employment by job family and country, with sources."""
    return data_yaml("professions.yaml")


def professionals(brief: Brief) -> Professionals | None:
    """The people in the brief's job families (``budget.paid.professions``) in its
    country, or None when it names none or the country has no counts for every family."""
    families = list(brief.budget.paid.professions or [])
    country = brief.client.country.upper()
    facts = profession_facts()
    if not families or country not in facts["sources"]:
        return None
    counts = [n[country] for f in families
              for n in facts["families"][f]["occupations"].values() if country in n]
    if not counts:
        return None
    meta = facts["sources"][country]
    return Professionals(country, families, int(sum(counts)), meta["source"], meta["date"])


def professional_use(platform: str, country: str) -> tuple[float, str]:
    """Share (percent) of professionals using ``platform``, and its source: the survey of
    degree holders where one exists, else the share of adults (``market.platform_use``)."""
    facts = profession_facts()["platform_use"]
    if platform in facts["share"]:
        return float(facts["share"][platform]), facts["source"]
    use = platform_use(platform, country)
    return use.share, use.source


def reachable_audience(brief: Brief, platform: str, override: int | None) -> float:
    """Reachable people on a platform (see the module's docstring)."""
    if override:
        return float(override)
    facts = paid_facts()["audience"]
    share = brief.budget.paid.addressable_share
    pros = professionals(brief)
    if pros is not None:
        use = professional_use(platform, brief.client.country)[0] / 100
        return max(1000.0, pros.people * use * (100.0 if share is None else share) / 100)
    use = platform_use(platform, brief.client.country).share / 100
    if brief.client.market_population:  # a local business: its own area, all of it
        return max(1000.0, brief.client.market_population * use
                   * (100.0 if share is None else share) / 100)
    population = population_15_plus(brief.client.country)
    if population is None:
        raise DataError(
            f"{brief.source}: budget.paid.channels.{platform}.audience: no population figure "
            f"for {brief.client.country} (World Bank, data/population.csv); give the "
            "reachable audience")
    if share is None:
        share = facts["default_addressable_share"][brief.client.size]
    return max(1000.0, population.people * use * share / 100)
