"""Paid budget: benchmarks, curves, history fitting, scenarios, forecasts, bad input."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from smmplan.brief import parse_brief
from smmplan.budget import ChannelModel, Range, plan_paid, platform_benchmarks
from smmplan.errors import BriefError, DataError

from .conftest import example_raw, standalone, write_brief


def brief_from(raw, folder=None):
    from pathlib import Path

    return parse_brief(raw, (folder or Path(".")) / "brief.yaml")


def test_benchmark_ranges_and_implied_cpm():
    li = platform_benchmarks("linkedin", 1.0)
    # CPMs given directly: ad-calc 6.59, ZenABM's video and single-image medians 38.94 and
    # 59.15; recotap gives a CPC but no CTR, so no implied CPM
    assert (li["cpm"].low, li["cpm"].mid, li["cpm"].high) == pytest.approx((6.59, 38.94, 59.15))
    assert li["ctr"].mid == pytest.approx(0.42)
    assert li["cvr"].basis == "borrowed"
    fb = platform_benchmarks("facebook", 1.0)
    implied = [1.72 * 0.90 / 100 * 1000, 1.88 * 2.53 / 100 * 1000, 7.93]
    assert fb["cpm"].low == pytest.approx(min(implied))
    assert fb["cpm"].high == pytest.approx(max(implied))
    eur = platform_benchmarks("facebook", 0.9)
    assert eur["cpm"].mid == pytest.approx(fb["cpm"].mid * 0.9)


def test_chain_is_consistent_and_concave():
    m = ChannelModel("x", Range(10, 10, 10, [], "t"), Range(1, 1, 1, [], "t"),
                     Range(5, 5, 5, [], "t"), audience=1e9, frequency=3, season=1.0)
    out = m.chain(1000.0)
    assert out["impressions"] == pytest.approx(100_000)
    assert out["clicks"] == pytest.approx(1000, rel=1e-3)  # no saturation at this scale
    assert out["conversions"] == pytest.approx(50, rel=1e-3)
    small = ChannelModel("x", m.cpm, m.ctr, m.cvr, audience=10_000, frequency=3, season=1.0)
    a, b, c = (float(small.curve()(np.array([x]))[0]) for x in (1000, 2000, 3000))
    assert b - a < a and c - b < b - a  # diminishing returns
    assert float(small.curve()(np.array([1.0]))[0]) == pytest.approx(
        float(small.chain(1.0)["conversions"]), rel=1e-6)


def test_plan_sums_and_scenarios_for_every_example():
    from smmplan.paths import example_briefs
    from smmplan.validation import load_brief

    for path in example_briefs():
        brief = load_brief(path)
        paid = plan_paid(brief)
        bounded = any(c.min or c.max or c.fixed for c in brief.budget.paid.channels.values())
        assert sum(c.spend for c in paid.channels) == pytest.approx(paid.total)
        assert sum(c.awareness_spend for c in paid.channels) == pytest.approx(
            paid.total * paid.awareness_share / 100)
        for c in paid.channels:
            assert c.conversions_low <= c.conversions + 1e-9 <= c.conversions_high + 2e-9
        s = paid.scenarios
        assert s["low"]["conversions"] <= s["mid"]["conversions"] <= s["high"]["conversions"]
        if not bounded:  # the equal split ignores the brief's bounds
            assert sum(c.conversions for c in paid.channels) >= \
                paid.equal_split_conversions - 1e-6
        monthly = pd.DataFrame(paid.monthly)
        assert monthly["spend"].sum() == pytest.approx(
            sum(c.spend for c in paid.channels if c.spend > 0), rel=1e-4)
        conv = [r["conversions"] for r in paid.sweep]
        assert conv == sorted(conv)


def test_history_rates_are_recovered(tmp_path):
    rng = np.random.default_rng(0)
    rows = []
    for _ in range(60):
        spend = rng.uniform(500, 5000)
        imp = spend / 8.0 * 1000
        clicks = imp * 0.012
        rows.append({"Platform": "Instagram", "Spend": round(spend, 2),
                     "Impressions": int(imp), "Clicks": int(clicks),
                     "Purchases": int(clicks * 0.03)})
    pd.DataFrame(rows).to_csv(tmp_path / "ads.csv", index=False)
    raw = standalone(example_raw("fashion"))
    raw["data"] = {"ads": {"path": "ads.csv", "columns": {
        "spend": "Spend", "impressions": "Impressions", "clicks": "Clicks",
        "conversions": "Purchases", "platform": "Platform"}}}
    raw["budget"]["paid"] = {"usd_rate": 1.0, "channels": {"instagram": {}}}
    paid = plan_paid(brief_from(raw, tmp_path))
    model = paid.models[0]
    assert model["cpm"]["mid"] == pytest.approx(8.0, rel=0.01)
    assert model["ctr"]["mid"] == pytest.approx(1.2, rel=0.02)
    assert model["cvr"]["mid"] == pytest.approx(3.0, rel=0.05)
    assert model["cpm"]["low"] <= model["cpm"]["mid"] <= model["cpm"]["high"]
    assert model["cpm"]["basis"] == "history"


def test_bad_ads_exports_name_the_column(tmp_path):
    raw = standalone(example_raw("fashion"))
    pd.DataFrame({"Platform": ["Myspace"], "Spend": [10], "Impressions": [1000],
                  "Clicks": [0], "Purchases": [0]}).to_csv(tmp_path / "ads.csv", index=False)
    raw["data"] = {"ads": {"path": "ads.csv"}}
    with pytest.raises(DataError, match=r"ads.csv: column 'Platform': unknown platform"):
        plan_paid(brief_from(raw, tmp_path))
    pd.DataFrame({"Platform": ["Instagram"], "Impressions": [1000], "Clicks": [0],
                  "Purchases": [0]}).to_csv(tmp_path / "ads.csv", index=False)
    with pytest.raises(DataError, match=r"no spend column"):
        plan_paid(brief_from(raw, tmp_path))


def test_bad_budgets():
    raw = standalone(example_raw("fashion"))
    raw["budget"]["paid_media"] = 0
    with pytest.raises(DataError, match="budget.paid_media: must be positive"):
        plan_paid(brief_from(raw))
    raw["budget"]["paid_media"] = -5
    with pytest.raises(BriefError, match="budget.paid_media"):
        brief_from(raw)
    raw = standalone(example_raw("fashion"))
    raw["budget"]["paid"]["channels"] = {"instagram": {"min": 500000},
                                         "facebook": {"min": 400000}}
    with pytest.raises(DataError, match="minimums"):
        plan_paid(brief_from(raw))
    raw["budget"]["paid"]["channels"] = {"myspace": {}}
    with pytest.raises(BriefError, match=r"budget.paid.channels.myspace"):
        brief_from(raw)


def test_validate_catches_a_negative_budget(tmp_path):
    from smmplan.validation import load_brief

    raw = standalone(example_raw("bakery"))
    raw["budget"]["paid_media"] = -1
    with pytest.raises(BriefError, match="budget.paid_media: Input should be greater"):
        load_brief(write_brief(tmp_path, raw))


def test_forecast_split_by_target_adds_up():
    from smmplan.paths import EXAMPLES_DIR
    from smmplan.plan import Plan
    from smmplan.target_channels import ruled_out
    from smmplan.validation import load_brief

    plan = Plan(load_brief(EXAMPLES_DIR / "fashion" / "brief.yaml"))
    paid = plan.paid
    split = pd.DataFrame(paid.by_target)
    assert set(split["target"]) == {p.id for p in plan.targets.personas}
    sums = split.groupby("platform")[["spend", "conversions", "revenue"]].sum()
    for c in paid.channels:
        if c.conversion_spend > 0:
            assert sums.loc[c.platform, "conversions"] == pytest.approx(c.conversions, rel=1e-3)
            assert sums.loc[c.platform, "revenue"] == pytest.approx(c.revenue, rel=1e-3)
            assert sums.loc[c.platform, "spend"] == pytest.approx(c.spend, rel=1e-3)
    # a target whose purchases are worth less than they cost on a platform (its value per
    # order against break-even) gets no spend there, and only there
    funded = {(r.platform, r.target) for r in split.itertuples() if r.spend > 0}
    assert paid.left_out
    assert not funded & {(r["platform"], r["target"]) for r in paid.left_out}
    for r in paid.left_out:  # priced out, or ruled out by the target's card
        assert r.get("channel") or r["cost"] > r["break_even"]
    # the target cards' verdict: a platform few of a target came through spends nothing on it
    paying = {c.platform for c in paid.channels}
    cards = {(p, t.id) for t in plan.targets.personas for p in ruled_out(t, paying)
             if p in paying}
    assert cards and not funded & cards
    assert cards <= {(r["platform"], r["target"]) for r in paid.left_out if r.get("channel")}


def test_seasonality_override():
    from smmplan.budget import season_factors

    months = list(pd.date_range("2027-01-01", periods=12, freq="MS"))
    x = season_factors("x", months)
    assert x[-1] / x[0] == pytest.approx(1.34)  # Q4 over Q1, data/paid.yaml
    assert x.mean() == pytest.approx(1.0)  # a published CPM is the year's median
    y = season_factors("x", months, {"x": 2.0})
    assert y[-1] / y[0] == pytest.approx(2.0) and y.mean() == pytest.approx(1.0)


def test_a_cap_bounds_the_platforms_whole_spend():
    """Instagram capped at 150,000 (below what it would get uncapped) in the fashion
    example spends at most that in all, awareness included; a fixed platform is held at its
    amount in all."""
    raw = standalone(example_raw("fashion"))
    raw["budget"]["paid_media"] = 700000
    for objective in ("revenue", "conversions"):
        raw["budget"]["paid"].update(objective=objective, channels={
            "instagram": {"max": 150000}, "facebook": {}})
        paid = plan_paid(brief_from(raw))
        ig = next(c for c in paid.channels if c.platform == "instagram")
        assert ig.awareness_spend > 0 and ig.conversion_spend > 0
        assert ig.spend <= 150000 + 0.01
        assert sum(c.spend for c in paid.channels) == pytest.approx(paid.total)
    # maximising conversions spends the whole 700,000: the cap binds on the whole spend
    # (within the optimiser's grid: with the U.K. usage figures Facebook's audience is
    # larger and Instagram stops a hundred short of its cap)
    assert paid.total == 700000 and ig.spend == pytest.approx(150000, rel=1e-2)
    raw["budget"]["paid"]["channels"] = {"instagram": {}, "facebook": {"fixed": 300000}}
    paid = plan_paid(brief_from(raw))
    fb = next(c for c in paid.channels if c.platform == "facebook")
    assert fb.spend == pytest.approx(300000) and fb.awareness_spend > 0


def test_a_minimum_bounds_the_platforms_whole_spend_awareness_included():
    """Cloudline asks for LinkedIn at least 60,000: its awareness spend passes it, so no
    conversion money is forced onto LinkedIn on top (60,120 went to conversions there at 8
    times X's cost per conversion); the minimum still holds on the whole spend."""
    from smmplan.paths import EXAMPLES_DIR
    from smmplan.validation import load_brief

    brief = load_brief(EXAMPLES_DIR / "b2b-software" / "brief.yaml")
    assert brief.budget.paid.channels["linkedin"].min == 60000
    li = next(c for c in plan_paid(brief).channels if c.platform == "linkedin")
    assert li.spend >= 60000 - 0.01  # (awareness alone passed it before the lead bound
    # lowered the total: data/paid.yaml lead_bound, see test_b2b_paid.py)
    # (LinkedIn's conversion spend is no longer below the minimum: with a B2B lead-generation
    # rate it is the plan's conversion platform on its own merit, see test_b2b_paid.py)
    raw = standalone(example_raw("b2b-software"))
    raw["budget"]["paid"]["channels"]["linkedin"]["min"] = 120000  # above its awareness part
    li = next(c for c in plan_paid(brief_from(raw)).channels if c.platform == "linkedin")
    assert li.spend >= 120000 - 0.01
