"""The client's market: people aged 15+ by country (World Bank, ``data/population.csv``),
the country's UN M49 region (``data/regions.csv``) and the share of adults using each
platform, by country where a published figure exists, else by region, else a stated
stand-in (``data/platform_use.yaml``). A share measured among Internet users is turned into
a share of adults with the country's Internet use (World Bank, ``data/internet_use.csv``).
Sources beside each file in ``data/``. Light: read by validation as well as by the paid
chapter."""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import cache

from .catalogue import platform_use_facts, population_source
from .paths import DATA_DIR, data_yaml


@dataclass(frozen=True)
class Population:
    """People aged 15+ in a country, with the figure's year and source."""

    country: str
    people: int
    year: int
    source: str


@dataclass(frozen=True)
class InternetUse:
    """The share of a country's population (percent) using the Internet, and its year."""

    country: str
    share: float
    year: int


@dataclass(frozen=True)
class PlatformUse:
    """The share of adults (percent) using a platform, and its basis: ``country``,
    ``region`` (with the region's name) or ``stand_in``. ``measured`` is the published
    figure; when it is a share of Internet users (``of_internet_users``), ``share`` is it x
    the country's Internet use (``internet``), or the figure as published when the country
    has none (``internet`` None)."""

    platform: str
    share: float
    basis: str
    source: str
    region: str | None = None
    measured: float | None = None
    of_internet_users: bool = False
    internet: InternetUse | None = None
    counted: bool = False  # a published count of users / people aged 15+


@cache
def _rows(name: str) -> dict[str, dict[str, str]]:
    # the csv module keeps Namibia's code "NA" as text (pandas would read it as missing)
    with (DATA_DIR / name).open(encoding="utf-8", newline="") as fh:
        return {row["iso2"]: row for row in csv.DictReader(fh)}


def population_15_plus(country: str) -> Population | None:
    """The country's people aged 15+ (latest World Bank year), or None when the World
    Development Indicators have no figure for it."""
    row = _rows("population.csv").get(country.upper())
    if row is None:
        return None
    meta = population_source()
    return Population(country.upper(), int(row["population_15_plus"]), int(row["year"]),
                      f"World Bank WDI (SP.POP.TOTL, SP.POP.0014.TO.ZS), {row['year']}, "
                      f"{meta['licence'].split(' (')[0]}")


def internet_use(country: str) -> InternetUse | None:
    """The country's share of people using the Internet (ITU via World Bank, latest year),
    or None when the file has no figure for it."""
    row = _rows("internet_use.csv").get(country.upper())
    if row is None:
        return None
    return InternetUse(country.upper(), float(row["internet_users_pct"]), int(row["year"]))


def internet_source() -> dict:
    """data/internet_use.source.yaml: where the Internet-use table comes from."""
    return data_yaml("internet_use.source.yaml")


def region(country: str) -> str | None:
    """The country's UN M49 sub-region (e.g. "Latin America and the Caribbean")."""
    row = _rows("regions.csv").get(country.upper())
    return (row["sub_region"] or None) if row else None


def _has(entry: dict | None, platform: str, country: str) -> bool:
    if not entry:
        return False
    counted = platform in entry.get("people", {}) and population_15_plus(country) is not None
    return counted or platform in entry.get("share", {})


def _use(platform: str, country: str, entry: dict, basis: str,
         where: str | None = None) -> PlatformUse:
    population = population_15_plus(country)
    count = entry.get("people", {}).get(platform)
    if count is not None and population is not None:
        # a published count of the country's users, with its own source: its share of
        # the people aged 15+
        share = min(100.0, 100 * float(count["people"]) / population.people)
        return PlatformUse(platform, share, basis, count["source"], where, share,
                           counted=True)
    measured = float(entry["share"][platform])
    if entry.get("base") != "internet_users":
        return PlatformUse(platform, measured, basis, entry["source"], where, measured)
    internet = internet_use(country)
    share = measured * internet.share / 100 if internet else measured
    return PlatformUse(platform, share, basis, entry["source"], where, measured, True,
                       internet)


def platform_use(platform: str, country: str) -> PlatformUse:
    """The share of adults using ``platform`` in ``country``: the country's published
    figure, else its region's, else the stand-in (see ``data/platform_use.yaml``); a figure
    measured among Internet users x the country's Internet use."""
    facts = platform_use_facts()
    entry = (facts.get("by_country") or {}).get(country.upper())
    if _has(entry, platform, country):
        return _use(platform, country, entry, "country")
    where = region(country)
    entry = (facts.get("by_region") or {}).get(where) if where else None
    if _has(entry, platform, country):
        return _use(platform, country, entry, "region", where)
    stand_in = facts["stand_in"]
    share = float(stand_in["share"].get(platform, stand_in["default"]))
    return PlatformUse(platform, share, "stand_in", stand_in["source"], where, share)
