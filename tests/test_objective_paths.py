"""Each judged objective's month-by-month path is the plan's own monthly forecast where it
has one (review 19, X1): its mean (a total: its sum) is the value the plan commits to, a
month's value is the forecast's month, and the chart and the tracking alerts read it."""

from __future__ import annotations

from collections import defaultdict

import pytest

from smmplan.goal_gap import goal_gaps
from smmplan.objective_paths import committed_value
from smmplan.objectives import _trajectory
from smmplan.paths import EXAMPLES_DIR
from smmplan.plan import load_plan
from smmplan.views.objectives import kpi_label, objectives_smart


def _month(plan, key: str) -> dict[str, float]:
    out: dict[str, float] = defaultdict(float)
    for row in plan.paid.monthly:
        out[str(row["month"])[:7]] += float(row.get(key) or 0.0)
    return out


def _ads_months(plan) -> tuple[dict[str, float], dict[str, float]]:
    """The conversion campaigns' spend and revenue by month (a platform's spend at its
    share of conversion spend)."""
    share = {c.platform: c.conversion_spend / c.spend for c in plan.paid.channels
             if c.conversion_spend > 0 and c.conversions > 0}
    spend: dict[str, float] = defaultdict(float)
    value: dict[str, float] = defaultdict(float)
    for row in plan.paid.monthly:
        if row["platform"] in share:
            spend[row["month"][:7]] += row["spend"] * share[row["platform"]]
            value[row["month"][:7]] += row["revenue"]
    return spend, value


@pytest.mark.parametrize("example", ["b2b-software", "fashion", "bakery"])
def test_each_goals_path_is_its_monthly_forecast(example):
    plan = load_plan(EXAMPLES_DIR / example / "brief.yaml")
    ob, months = plan.objectives, plan.brief.client.period.months
    gaps = {g.goal: g for g in goal_gaps(ob.objectives, plan.paid, months, plan.brief.offer)}
    judged = 0
    for o in ob.objectives:
        path, end = o.trajectory, committed_value(o)
        if o.path_basis == "curve":  # no monthly forecast: the smooth curve, said so
            assert path == _trajectory(o.baseline.value, end, len(path))
            continue
        if o.path_basis == "forecast_ads":  # an ads KPI on the paid forecast's months
            spend, value = _ads_months(plan)
            assert sum(spend.values()) and o.kpi == "roas"
            assert sum(v * spend[m[:7]] for m, v in zip(ob.months, path, strict=True)) / sum(
                spend.values()) == pytest.approx(o.target, abs=1e-3)
            assert path == pytest.approx([value[m[:7]] / spend[m[:7]] for m in ob.months],
                                         abs=1e-3)
            continue
        if not o.path_basis:
            continue
        judged += 1
        g, conv = gaps[o.goal], _month(plan, "conversions")
        assert len(path) == len(ob.months) == months
        if o.kpi == "leads_per_month":  # paid leads of the month + today's organic
            assert sum(path) / len(path) == pytest.approx(end, abs=0.01)
            for m, v in zip(ob.months, path, strict=True):
                assert v == pytest.approx(g.organic + conv[m[:7]], abs=1e-3)
        elif o.kpi == "fill_rate":  # seats booked / seats offered, month by month
            seats = plan.paid.seats["held_by_month"]
            weights = [seats[m[:7]] for m in ob.months]
            mean = sum(v * w for v, w in zip(path, weights, strict=True)) / sum(weights)
            assert mean == pytest.approx(end, abs=0.5)  # the target is in whole percent
            today = g.seats.booked - g.from_ads
            organic = g.organic_months or {}
            assert sum(organic.values()) == pytest.approx(g.organic_plan)
            ratios = []
            for m, v in zip(ob.months, path, strict=True):
                share = seats[m[:7]] / sum(weights)
                booked = today * share + organic.get(m[:7], 0.0) + conv[m[:7]]
                assert booked <= seats[m[:7]] + 1e-6  # never more bookings than seats
                ratios.append(v / (booked / seats[m[:7]] * 100))
            # the month's forecast, scaled down to the whole-percent commitment when the
            # forecast passes it (objective_paths.with_paths)
            assert max(ratios) - min(ratios) == pytest.approx(0, abs=1e-3)
            assert max(ratios) <= 1 + 1e-3
        else:  # a total over the goal's months: monthly figures that sum to it
            assert o.path_basis == "forecast_month"
            assert sum(path) == pytest.approx(end, rel=1e-6)
            revenue = _month(plan, "revenue")
            steps = [v - revenue[m[:7]] for m, v in zip(ob.months, path, strict=True)]
            assert max(steps) - min(steps) == pytest.approx(0, abs=0.1)  # the rest: flat
    assert judged == 1  # each example's headline goal follows its forecast
    objectives_smart(plan)  # records the chart: every judged goal is drawn on its path
    traces = {t["name"]: t["y"] for t in plan.record.figures["trajectory"]["plotly"]["data"]}
    for o in ob.objectives:
        if o.path_basis in ("forecast", "forecast_ads", "curve") and o.baseline.value:
            assert traces[kpi_label(plan, o)] == [
                round(v / o.baseline.value * 100, 1) for v in o.trajectory]
