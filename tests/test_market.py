"""Every country and currency: population aged 15+ (World Bank), platform usage by country,
region or stand-in, dated exchange rates (ECB, then the table of every currency in use),
and validate reporting what the paid chapter would reject."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from babel.core import get_global

from smmplan import currency, market
from smmplan.brief import parse_brief
from smmplan.budget import plan_paid, usd_rate
from smmplan.errors import DataError
from smmplan.paths import DATA_DIR
from smmplan.validation import check_market

from .conftest import example_raw, standalone

MARKETS = {"BR": "BRL", "JP": "JPY", "IN": "INR", "ZA": "ZAR", "MX": "MXN", "PL": "PLN"}


def brief_for(country: str, code: str, **paid):
    raw = standalone(example_raw("fashion"))
    raw["client"].update(country=country, currency=code)
    raw["budget"]["paid"] = {"objective": "revenue", "addressable_share": 15, **paid}
    return parse_brief(raw, Path("brief.yaml"))


@pytest.mark.parametrize("country", sorted(MARKETS))
def test_briefs_from_six_markets_plan_paid_without_overrides(country):
    brief = brief_for(country, MARKETS[country])
    assert check_market(brief) == []
    paid = plan_paid(brief)
    assert paid.channels and paid.total > 0
    assert paid.rate_source.startswith(currency.ECB_SOURCE)
    # the rate is the ECB's, crossed through the euro
    conv = currency._converter()
    day = min(conv.bounds[MARKETS[country]].last_date, conv.bounds["USD"].last_date)
    assert paid.rate == pytest.approx(conv.convert(1, "USD", MARKETS[country], date=day))
    people = market.population_15_plus(country).people
    for model in paid.models:
        share = market.platform_use(model["platform"], country).share
        assert model["audience"] == pytest.approx(people * share / 100 * 15 / 100, rel=1e-6)


def test_population_file_covers_every_country_with_a_wdi_figure():
    with (DATA_DIR / "population.csv").open(encoding="utf-8") as fh:
        rows = {r["iso2"]: r for r in csv.DictReader(fh)}
    assert len(rows) >= 210 and "NA" in rows  # Namibia's code is not read as missing
    for code in list(MARKETS) + ["FR", "US", "NG", "VN", "EG", "AR"]:
        assert code in rows, code
    assert 1.0e9 < int(rows["IN"]["population_15_plus"]) < 1.3e9
    assert 25e6 < int(rows["PL"]["population_15_plus"]) < 35e6
    assert market.population_15_plus("TW") is None  # not in the WDI
    pop = market.population_15_plus("br")
    assert pop.people == int(rows["BR"]["population_15_plus"]) and "CC BY 4.0" in pop.source


def test_platform_use_by_country_then_region_then_stand_in(monkeypatch):
    us = market.platform_use("facebook", "US")
    assert (us.basis, us.share) == ("country", 68.0)
    br = market.platform_use("facebook", "BR")
    assert (br.basis, br.share) == ("country", 75.0) and "2023" in br.source
    mx = market.platform_use("facebook", "MX")  # no Mexican figure, no regional one
    assert mx.basis == "stand_in" and mx.region == "Latin America and the Caribbean"
    assert "Pew" in mx.source and mx.share == 68.0
    # a country's figure covers only the platforms it names: the rest falls through
    assert market.platform_use("linkedin", "FR").basis == "stand_in"
    # a share of Internet users (smartphone owners here) x the country's Internet use
    line, net = market.platform_use("line", "JP"), market.internet_use("JP")
    assert line.of_internet_users and line.measured == 89.5 and line.internet == net
    assert line.share == pytest.approx(89.5 * net.share / 100) and line.share < 89.5
    facts = {"by_country": {}, "by_region": {"Latin America and the Caribbean": {
        "source": "S", "share": {"facebook": 71}}},
        "stand_in": {"source": "X", "share": {}, "default": 30}}
    monkeypatch.setattr(market, "platform_use_facts", lambda: facts)
    assert market.platform_use("facebook", "MX") == market.PlatformUse(
        "facebook", 71.0, "region", "S", "Latin America and the Caribbean", 71.0)
    assert market.platform_use("tiktok", "MX").basis == "stand_in"
    assert market.platform_use("tiktok", "MX").share == 30.0


def test_every_currency_in_use_has_a_dated_rate():
    in_use = {cur for rows in get_global("territory_currencies").values()
              for cur, _start, end, tender in rows if end is None and tender}
    assert in_use - currency.covered() == set()
    ngn, day, source = currency.usd_rate("NGN")
    assert ngn > 100 and day == "2026-09-29" and "exchange-api" in source
    # a series the ECB stopped publishing is not used: the table's current rate is
    rub, day, _ = currency.usd_rate("RUB")
    assert day == "2026-09-29" and rub > 30


def test_budget_rate_order_brief_table_then_dated():
    assert usd_rate(brief_for("GB", "GBP"))[1].startswith("European Central Bank")
    assert usd_rate(brief_for("GB", "GBP", usd_rate=0.8)) == (0.8, "brief")
    rate, source = usd_rate(brief_for("NG", "NGN"))
    assert rate == currency.usd_rate("NGN")[0] and "2026-09-29" in source


def test_validate_reports_what_plan_paid_would_reject(monkeypatch):
    taiwan = brief_for("TW", "TWD")
    problems = check_market(taiwan)
    with pytest.raises(DataError) as exc:
        plan_paid(taiwan)
    assert str(exc.value) in problems
    assert "no population figure for TW" in problems[0]
    given = brief_for("TW", "TWD", channels={"instagram": {"audience": 500000}})
    assert check_market(given) == []
    assert plan_paid(given).models[0]["audience"] == 500000
    monkeypatch.setattr(currency, "_tables", lambda: [{"per_usd": {}}])
    nigeria = brief_for("NG", "NGN")
    problems = check_market(nigeria)
    with pytest.raises(DataError) as exc:
        plan_paid(nigeria)
    assert problems == [str(exc.value)] and "budget.paid.usd_rate" in problems[0]


def test_platform_use_figures_are_sourced_dated_and_cover_the_main_markets():
    from smmplan.catalogue import platform_use_facts, platforms

    facts = platform_use_facts()["by_country"]
    assert {"US", "FR", "GB", "DE", "IT", "CA", "JP", "BR", "IN", "TH"} <= set(facts)
    for code, entry in facts.items():
        assert entry["source"] and set(entry["share"]) <= set(platforms()), code
        assert all(0 < v <= 100 for v in entry["share"].values()), code
        if code != "US":  # relayed figures say where they were read and what they measure
            assert entry["verified"] is False and entry["relayed"] and entry["measure"]
            assert entry["date"], code


@pytest.mark.parametrize("country,currency,language,words", [
    ("FR", "EUR", "fr", ["France", "We Are Social"]),
    ("ES", "EUR", "fr", ["Espagne", "substitut"]),
    ("GB", "GBP", "en", ["United Kingdom", "Ofcom", "U.S. survey figures stand in"]),
])
def test_the_channels_chapter_names_the_usage_basis(country, currency, language, words):
    from smmplan.plan import Plan
    from smmplan.views.channels import usage_notes

    raw = standalone(example_raw("bakery"))
    raw["client"].update(country=country, currency=currency, language=language)
    raw.pop("targets", None)  # no personas: the platforms are scored on usage alone
    plan = Plan(parse_brief(raw, Path("brief.yaml")))
    text = " ".join(usage_notes(plan))
    for word in words:
        assert word in text, (word, text)
