"""Retargeting ad sets are a capped pool: the conversion curve is fitted on the prospecting
rows, and the cheap conversions of people who already know the brand do not scale with the
spend."""

from __future__ import annotations

import pandas as pd
import pytest

from smmplan.budget import plan_paid
from smmplan.calibration import platform_histories
from smmplan.catalogue import paid_facts
from smmplan.exports.ads import ads_frame, retargeting_rows
from smmplan.paths import EXAMPLES_DIR
from smmplan.validation import load_brief


def _frame(named: bool = True) -> pd.DataFrame:
    table = pd.DataFrame({
        "Campaign name": ["Prospecting", "Prospecting", "Retargeting", "Always on",
                          "Always on", "Customers"],
        "Ad set name": ["Broad 18-34", "Lookalike 1% customers", "Site visitors 30d",
                        "Cart abandoners 7d", "Interests fashion", "Lookalike buyers"],
        "Platform": ["Instagram"] * 6, "Amount spent": [1000, 1000, 500, 300, 800, 900],
        "Impressions": [80_000] * 6, "Link clicks": [800] * 6,
        "Purchases": [30, 28, 40, 25, 20, 26]})
    return ads_frame(table if named else table.drop(columns=["Campaign name", "Ad set name"]),
                     {})


def test_retargeting_ad_sets_are_told_from_prospecting_ones():
    found = retargeting_rows(_frame())
    # site visitors and cart abandoners retarget; lookalikes (even of customers) prospect
    assert found.tolist() == [False, False, True, True, False, False]
    assert retargeting_rows(_frame(named=False)).sum() == 0


def test_the_rates_are_the_prospecting_rows_and_the_totals_all_rows():
    history = platform_histories(_frame(), 12, 1)["instagram"]
    assert history.retargeting["rows"] == 2 and history.retargeting["conversions"] == 65
    assert history.conversions == 169 and history.spend == 4500  # totals: every row
    cpm, ctr, cvr = (history.rates[k][1] for k in ("cpm", "ctr", "cvr"))
    # the curve's rates are the four prospecting rows' (3,700 for 104 conversions)
    assert cpm / 1000 / (ctr / 100) / (cvr / 100) == pytest.approx(3700 / 104)


def test_fashion_instagram_forecasts_retargeting_as_a_capped_pool():
    paid = plan_paid(load_brief(EXAMPLES_DIR / "fashion" / "brief.yaml"))
    ads = pd.read_csv(EXAMPLES_DIR / "fashion" / "ads.csv", encoding="utf-8-sig")
    insta = ads[ads["Platform"] == "Instagram"]
    visitors = insta["Ad set name"].str.contains("Site visitors")
    cal = paid.calibration["instagram"]
    pool = cal["retargeting"]
    assert pool["conversions"] == insta.loc[visitors, "Purchases"].sum()
    assert pool["cpa"] == pytest.approx(insta.loc[visitors, "Amount spent (GBP)"].sum()
                                        / insta.loc[visitors, "Purchases"].sum(), abs=0.01)
    # still exact at the history's own spend
    assert cal["model_conversions"] == pytest.approx(cal["conversions"], rel=1e-6)
    plan = next(c for c in paid.channels if c.platform == "instagram")
    months = len(paid.paid_months)
    cap = pool["monthly_cap_spend"] * months
    multiple = paid_facts()["retargeting"]["max_multiple"]
    assert pool["monthly_cap_conversions"] == pytest.approx(
        pool["conversions"] / cal["months"] * multiple, rel=0.01)
    assert plan.conversion_spend > cap  # the plan spends beyond the pool
    bought = cap * pool["conversions"] / pool["spend"] * cal["demand_against_history"] \
        / cal["season_against_history"]
    # beyond the pool, conversions cost more than the history's prospecting ones
    assert (plan.conversion_spend - cap) / (plan.conversions - bought) \
        > pool["prospecting_cpa"]
    # and the platform's blended cost is above the history's blended one (the plan spends
    # more than the history, beyond the pool: 1.41 x at the break-even budget of one value)
    assert plan.spend / plan.conversions > cal["spend"] / cal["conversions"] * 1.2
