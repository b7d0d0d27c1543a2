"""The demand the paid phasing follows: the client's ads history (platform mix removed,
weighed against the sector's pattern), else the sector's pattern."""

from __future__ import annotations

import pandas as pd
import pytest

from smmplan.paid_demand import client_demand, demand_index
from smmplan.sectors import demand_by_month
from smmplan.validation import load_brief


def _frame(rows: list[tuple[str, str, float, float]]) -> pd.DataFrame:
    return pd.DataFrame([{"start": pd.Timestamp(m), "platform": p, "impressions": i,
                          "conversions": c, "spend": i / 100} for m, p, i, c in rows])


def test_a_cheaper_platforms_month_is_not_read_as_low_demand():
    # each platform converts at its own rate every month; only the mix changes
    rows = []
    for k, month in enumerate(pd.date_range("2026-01-01", periods=8, freq="MS")):
        tiktok = 1000.0 * (1 + k)
        rows += [(month, "instagram", 1000.0, 4.0), (month, "tiktok", tiktok, tiktok / 1000)]
    own, years, first, last = client_demand(_frame(rows), 6)
    assert all(v == pytest.approx(1.0) for v in own.values())
    assert set(years.values()) == {1} and (first, last) == ("2026-01", "2026-08")
    assert client_demand(_frame(rows[:8]), 6) is None  # four months: too few


def test_a_month_that_converts_more_is_higher():
    rows = [(m, "instagram", 1000.0, 8.0 if m.month == 12 else 4.0)
            for m in pd.date_range("2026-01-01", periods=12, freq="MS")]
    own = client_demand(_frame(rows), 6)[0]
    assert own[12] == pytest.approx(2 * own[1])


def test_the_fashion_history_is_weighed_against_the_sector():
    brief = load_brief("data/examples/fashion/brief.yaml")
    d = demand_index(brief)
    sector = demand_by_month("retail_fashion")
    assert d.basis == "history" and d.sector_years == 2
    for m in (11, 12):  # between the history's own figure and the sector's
        lo, hi = sorted((d.own[m], sector[m]))
        assert lo - 0.02 <= d.index[m] <= hi + 0.02
    assert max(d.index, key=d.index.get) == 12


def test_without_an_ads_history_the_sector_pattern_is_used():
    brief = load_brief("data/examples/bakery/brief.yaml")
    d = demand_index(brief)
    assert d.basis == "sector" and d.index == demand_by_month(brief.client.sector_kind)


def test_fashion_peak_season_gets_more_than_an_average_month():
    from smmplan.budget import plan_paid

    paid = plan_paid(load_brief("data/examples/fashion/brief.yaml"))
    by = pd.DataFrame(paid.monthly).groupby("month")["spend"].sum()
    by = by[by > 0]
    assert by.idxmax().startswith("2027-12")
    assert by["2027-11-01"] > by.mean() and by["2027-12-01"] > by.mean()
    assert not paid.peaks


def test_the_demand_sentence_never_says_spend_follows_demand_when_it_does_not():
    """Review 10: "La demande est la plus forte en décembre et la dépense la suit : la plus
    forte en janv. 2027" (the opening campaign's reach ads). The opening campaign is set
    aside and said; the phased spend's peak is then a demand peak month."""
    from smmplan.paths import example_briefs
    from smmplan.plan import Plan
    from smmplan.validation import load_brief
    from smmplan.views.budget_notes import demand_note

    plan = Plan(load_brief(next(p for p in example_briefs() if p.parent.name == "bakery")))
    text = demand_note(plan)
    assert "la dépense la suit\u00a0: la plus forte en déc. 2027" in text
    assert "janv. 2027" in text.split("campagne de quartier", 1)[1]  # said, aside
    assert "la plus forte en janv." not in text


def test_the_order_value_by_month_is_weighed_against_the_sector_as_demand_is():
    """Review 11: November, the Black Friday month, got the average month's spend: its one
    year of baskets (0.94 of the average) replaced the sector's 1.02 outright, while its
    demand was weighed 1 : 2 against the sector's. Both now follow one rule."""
    from smmplan.exports.ads import read_ads
    from smmplan.order_values import client_order_values, order_value_index
    from smmplan.sectors import order_value_by_month

    brief = load_brief("data/examples/fashion/brief.yaml")
    index, basis = order_value_index(brief)
    own, sector = client_order_values(read_ads(brief)), order_value_by_month("retail_fashion")
    assert basis == "history" and sum(index.values()) / 12 == pytest.approx(1.0, abs=1e-3)
    for m in range(1, 13):  # between the history's own figure and the sector's
        lo, hi = sorted((own[m], sector[m]))
        assert lo - 0.02 <= index[m] <= hi + 0.02
    assert abs(index[11] - sector[11]) < abs(own[11] - sector[11])


def test_a_peak_month_below_the_sectors_says_why_from_the_clients_history():
    """Maison Lune's November gets less than the sector's 1.18: the note gives its share of
    an average month's spend (the monthly table's), the history's figures behind it, and
    why a cheaper month (March) forecasts more conversions."""
    from smmplan.plan import Plan
    from smmplan.views.paid_demand import peak_notes

    plan = Plan(load_brief("data/examples/fashion/brief.yaml"))
    by = pd.DataFrame(plan.paid.monthly).groupby("month")[
        ["spend", "impressions", "conversions"]].sum()
    share = by.loc["2027-11-01", "spend"] / by["spend"].mean()
    below, conversions = peak_notes(plan)
    assert below.startswith(f"November gets {share:.2f} times an average month's spend, "
                            "not the 1.18 of the sector's pattern alone")
    assert "November converted 0.90 times your average per ad view" in below
    view = by["spend"] / by["impressions"]
    best = by.loc[view < view["2027-11-01"] / 1.05, "conversions"].idxmax()
    assert best == "2027-03-01"  # Q1 ad views, the cheapest of the year
    assert conversions.startswith(
        f"November forecasts fewer conversions ({by.loc['2027-11-01', 'conversions']:,.0f}) "
        f"than Mar 2027 ({by.loc[best, 'conversions']:,.0f}): an ad view costs "
        f"{view['2027-11-01'] / view[best]:.1f} times as much then")
