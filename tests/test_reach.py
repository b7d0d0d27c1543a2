"""The reachable audience: a share of Internet users turned into a share of adults (World
Bank Internet use), a B2B brief's professionals (BLS OEWS employment by occupation) instead
of all adults, and LinkedIn's CPM range from several sources."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from smmplan import market, reach
from smmplan.benchmarks import platform_benchmarks
from smmplan.brief import parse_brief
from smmplan.errors import BriefError
from smmplan.i18n import Translator
from smmplan.paths import DATA_DIR, data_yaml
from smmplan.views.reach import audience_notes

from .conftest import example_raw, standalone


def b2b(country: str = "US", **paid) -> object:
    raw = standalone(example_raw("b2b-software"))
    raw["client"]["country"] = country
    raw["budget"]["paid"].update(paid)
    return parse_brief(raw, Path("brief.yaml"))


def test_internet_use_file_is_sourced_and_covers_the_markets():
    with (DATA_DIR / "internet_use.csv").open(encoding="utf-8", newline="") as fh:
        rows = {r["iso2"]: r for r in csv.DictReader(fh)}
    assert len(rows) >= 200 and "NA" in rows
    assert all(0 <= float(r["internet_users_pct"]) <= 100 for r in rows.values())
    assert 90 < float(rows["GB"]["internet_users_pct"]) <= 100
    assert float(rows["IN"]["internet_users_pct"]) < 60  # many adults offline
    meta = market.internet_source()
    assert "IT.NET.USER.ZS" in meta["indicator"] and "CC BY 4.0" in meta["licence"]
    assert market.internet_use("XK") is None


def test_a_share_of_internet_users_becomes_a_share_of_adults(monkeypatch):
    gb = market.platform_use("facebook", "GB")  # Ofcom: share of UK online adults
    net = market.internet_use("GB")
    assert gb.of_internet_users and gb.measured == 91
    assert gb.share == pytest.approx(91 * net.share / 100)
    us = market.platform_use("facebook", "US")  # Pew: already a share of all adults
    assert not us.of_internet_users and us.share == us.measured == 68
    facts = {"by_country": {"XK": {"source": "S", "base": "internet_users",
                                   "share": {"facebook": 80}}},
             "by_region": {}, "stand_in": {"source": "X", "share": {}, "default": 30}}
    monkeypatch.setattr(market, "platform_use_facts", lambda: facts)
    xk = market.platform_use("facebook", "XK")  # no Internet-use figure: kept as published
    assert xk.of_internet_users and xk.internet is None and xk.share == 80


def test_b2b_reach_is_the_professions_it_sells_to():
    brief = b2b()
    facts = data_yaml("professions.yaml")
    expected = sum(n["US"] for f in ("operations_managers", "operations_specialists",
                                     "it_security")
                   for n in facts["families"][f]["occupations"].values())
    pros = reach.professionals(brief)
    assert pros.people == expected and "Bureau of Labor Statistics" in pros.source
    linkedin = reach.reachable_audience(brief, "linkedin", None)
    assert linkedin == pytest.approx(expected * 51 / 100)  # professionals on LinkedIn
    x = reach.reachable_audience(brief, "x", None)  # no survey of professionals: adults'
    assert x == pytest.approx(expected * market.platform_use("x", "US").share / 100)
    # the brief's addressable share narrows it; its audience replaces it
    assert reach.reachable_audience(b2b(addressable_share=20), "linkedin", None) == \
        pytest.approx(expected * 0.51 * 0.20)
    assert reach.reachable_audience(brief, "linkedin", 12345) == 12345
    # without job families, or in a country without counts: all adults, as before
    adults = market.population_15_plus("US").people * 0.30 * 5 / 100
    assert reach.reachable_audience(b2b(professions=[]), "linkedin", None) == \
        pytest.approx(adults)
    assert reach.professionals(b2b("FR")) is None


def test_unknown_profession_is_refused():
    with pytest.raises(BriefError, match="unknown job family 'astronauts'"):
        b2b(professions=["astronauts"])


@pytest.mark.parametrize("lang,locale", [("en", "en_US"), ("fr", "fr_FR")])
def test_the_plan_says_where_the_audience_comes_from(lang, locale):
    tr = Translator(lang, locale, "USD")
    notes = " ".join(audience_notes(tr, b2b(), ["linkedin", "x"], "US"))
    assert "7" in notes and "Bureau of Labor Statistics" in notes and "Pew" in notes
    notes = " ".join(audience_notes(tr, b2b("FR"), ["linkedin", "facebook"], "FR"))
    assert tr.t("paid_market.professions_missing", country="FR",
                families=tr.join([tr.t(f"professions.{f}") for f in
                                  ("operations_managers", "operations_specialists",
                                   "it_security")])) in notes
    assert "World Bank" in notes or "Banque mondiale" in notes  # FR's figure: Internet users


def test_linkedin_cpm_comes_from_several_sources():
    cpm = platform_benchmarks("linkedin", 1.0)["cpm"]
    assert cpm.low < cpm.mid < cpm.high
    assert len({s.split(" (")[0] for s in cpm.sources}) >= 2


def test_a_published_count_of_users_is_a_share_of_people_aged_15_plus():
    tiktok = market.platform_use("tiktok", "GB")  # Digital 2022 UK: 21.8 million adults
    people = market.population_15_plus("GB").people
    assert tiktok.counted and tiktok.basis == "country" and "Digital 2022" in tiktok.source
    assert tiktok.share == pytest.approx(100 * 21_800_000 / people)
    tr = Translator("en", "en_GB", "GBP")
    raw = standalone(example_raw("fashion"))
    raw["budget"]["paid"].pop("professions", None)
    notes = " ".join(audience_notes(tr, parse_brief(raw, Path("brief.yaml")),
                                    ["tiktok", "facebook"], "United Kingdom"))
    assert "number of users in United Kingdom published by We Are Social" in notes
    assert "Ofcom" in notes and "95.3%" in notes  # Facebook: online adults x Internet use
