"""One ROAS and one break-even per platform (review 28, H4, H8, M11, M13): the return on
ad spend is revenue over the conversion campaigns' spend everywhere, the ads history's own
definition, with the return on all paid spend said once under its own name; a platform's
own stop threshold is used, and said, only when it differs materially from the plan's."""

from __future__ import annotations

from types import SimpleNamespace as NS

import pytest

from smmplan.catalogue import paid_facts
from smmplan.checks import one_roas, revenue_months
from smmplan.conversion_cost import campaigns, platform_break_even, stop_thresholds
from smmplan.goal_gap import ads_forecast, rates_measured
from smmplan.paid_model import Paid


def _channel(platform: str, aware: float, conv_spend: float, conversions: float,
             revenue: float) -> NS:
    return NS(platform=platform, spend=aware + conv_spend, awareness_spend=aware,
              conversion_spend=conv_spend, conversions=conversions, revenue=revenue)


def test_the_plans_roas_is_on_conversion_spend_and_the_all_in_return_apart():
    """Lune's chapter printed ROAS 2.50 (revenue over all spend) beside 2.94 (the
    objective's, on conversion spend): one figure now, the all-in return named apart."""
    channels = [_channel("instagram", 20_000.0, 120_000.0, 4_000.0, 400_000.0),
                _channel("tiktok", 13_000.0, 40_000.0, 1_500.0, 70_000.0),
                _channel("pinterest", 5_000.0, 0.0, 0.0, 0.0)]  # awareness only
    paid = NS(channels=channels, total=sum(c.spend for c in channels))
    totals = Paid.totals.fget(paid)
    conv_spend = sum(c.conversion_spend for c in channels)
    assert totals["roas"] == pytest.approx(470_000 / conv_spend)
    assert totals["cpa"] == pytest.approx(conv_spend / 5_500)
    assert totals["roas_all_in"] == pytest.approx(470_000 / paid.total)
    assert totals["roas_all_in"] < totals["roas"]
    assert totals["conversion_spend"] == conv_spend == campaigns(channels)["spend"]
    assert ads_forecast("roas", paid)["value"] == pytest.approx(totals["roas"], abs=1e-4)
    assert ads_forecast("cpa", paid)["value"] == pytest.approx(totals["cpa"], abs=1e-4)


def _failed(plan: dict) -> set[str]:
    return {c.name for check in (one_roas, revenue_months) for c in check(plan) if not c.ok}


def test_a_roas_shown_twice_with_two_values_is_caught():
    channels = [{"platform": "instagram", "roas": 3.06}]
    budget = {"aov": 90.0, "total": 195_900.0, "channels": channels,
              "scenarios": {"mid": {"revenue": 551_843.58, "conversion_spend": 187_425.0,
                                    "roas": 2.94}},
              "today": {"roas_plan": 2.94, "platforms": [
                  {"platform": "instagram", "roas_plan": 3.32}]}}
    failed = _failed({"budget": budget})
    assert failed == {"ROAS of instagram: channel table vs against today"}
    channels[0]["roas"] = 3.32
    budget["today"]["roas_plan"] = 2.50  # the all-in figure beside the history's
    failed = _failed({"budget": budget})
    assert failed == {"ROAS: scenarios vs against today"}
    budget["today"]["roas_plan"] = 2.94
    assert not _failed({"budget": budget})
    budget["scenarios"]["mid"]["roas"] = 2.50  # revenue over all paid spend
    assert "ROAS: revenue over conversion spend" in _failed({"budget": budget})


def test_an_awareness_only_platform_does_not_block_a_measured_plan():
    """M13: a platform bought for reach alone, on benchmark rates, never converts on them:
    the converting platforms' own rates decide whether the plan may ask for more."""
    channels = [_channel("instagram", 0.0, 10_000.0, 300.0, 30_000.0),
                _channel("youtube", 4_000.0, 0.0, 0.0, 0.0)]
    models = [{"platform": "instagram", "cvr": {"basis": "history"}},
              {"platform": "youtube", "cvr": {"basis": "benchmark"}}]
    assert rates_measured(NS(channels=channels, models=models))
    channels[1].conversion_spend = 500.0
    assert not rates_measured(NS(channels=channels, models=models))


def _stops_paid(values: dict[str, float]) -> NS:
    rows = [{"platform": p, "target": 0, "funded": True, "spend": 1000.0, "conversions": 10.0,
             "revenue": 10 * v} for p, v in values.items()]
    channels = [_channel(p, 0.0, 1000.0, 10.0, 10 * v) for p, v in values.items()]
    return NS(break_even_cpa=52.26, margin=58.3325, aov=89.59, lead_values={},
              break_even_basis="first_order", by_target=rows, channels=channels,
              calibration={})


def test_platform_thresholds_only_when_they_differ_materially():
    """H8: Lune's £52.61, £50.82 and £52.36 against the plan's £52.26 are one rule (within
    ``stop_threshold.distinct_share``); a platform worth £100 a conversion (£58.33) has its
    own, and the stop rule, the q4 step and the text read the same figure."""
    share = paid_facts()["stop_threshold"]["distinct_share"]
    assert 0 < share < 1
    near = _stops_paid({"instagram": 90.19, "tiktok": 87.12, "facebook": 89.76})
    assert set(platform_break_even(near).values()) == {52.26}
    far = _stops_paid({"instagram": 90.19, "tiktok": 100.0})
    each = platform_break_even(far)  # one apart: each platform at its own value
    assert each == pytest.approx({"instagram": 90.19 * 0.583325, "tiktok": 100 * 0.583325},
                                 abs=0.01)
    assert stop_thresholds(far) == each
    assert any(abs(stop / 52.26 - 1) > share for stop in each.values())


def test_b2b_lead_values_within_the_share_are_one_break_even():
    leads = {"linkedin": {"break_even": 800.0}, "x": {"break_even": 790.0}}
    paid = NS(break_even_cpa=795.0, lead_values=leads, break_even_basis="first_order",
              channels=[NS(platform="linkedin"), NS(platform="x")], margin=80.0, aov=None,
              by_target=[])
    assert set(platform_break_even(paid).values()) == {795.0}
    leads["x"]["break_even"] = 400.0
    assert platform_break_even(paid) == {"linkedin": 800.0, "x": 400.0}
