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
    from smmplan.views.budget_notes import _demand_note

    plan = Plan(load_brief(next(p for p in example_briefs() if p.parent.name == "bakery")))
    text = _demand_note(plan)
    assert "la dépense la suit\u00a0: la plus forte en déc. 2027" in text
    assert "janv. 2027" in text.split("campagne de quartier", 1)[1]  # said, aside
    assert "la plus forte en janv." not in text
