"""The executive summary's first recommendation says the decision, the figure and the date,
and leaves the figure's make-up to the objectives chapter, which it names (review 19: 184,
171 and 304 words). A fill-rate range that counts bookings credited to organic posts by
convention says how many points they are and the range without them, the figures the
risks table gives too (Maison Fournil)."""

from __future__ import annotations

from functools import cache

import pytest

from smmplan.goal_gap import goal_gaps
from smmplan.paths import EXAMPLES_DIR
from smmplan.plan import Plan
from smmplan.validation import load_brief

MAX_WORDS = 120  # the first recommendation: decision, figure, date, pointer


@cache
def _plan(example: str) -> Plan:
    return Plan(load_brief(EXAMPLES_DIR / example / "brief.yaml"))


def _words(text: str) -> int:
    return sum(any(c.isalnum() for c in t) for t in text.split())


@pytest.mark.parametrize("example", ["b2b-software", "fashion", "bakery"])
def test_the_first_recommendation_is_short_and_points_to_its_chapter(example):
    """Old code: 184 / 171 / 304 words (the goal's whole gap sentence followed)."""
    from smmplan.views.summary import recommendations

    plan = _plan(example)
    first = recommendations(plan)[0]
    assert _words(first) <= MAX_WORDS, (_words(first), first)
    assert plan.tr.t("chapter.objectives") in first


def test_the_fill_headline_says_the_conventions_points_and_the_range_without_them():
    """Old code: "entre 72 % et 79 %" with the 46 bookings in, the 59-66 % without them only
    in the risks table, and the convention said twice, the bookings three times."""
    from smmplan.views.summary import recommendations, risks

    plan = _plan("bakery")
    tr = plan.tr
    o = next(o for o in plan.objectives.objectives if o.kpi == "fill_rate")
    g = next(g for g in goal_gaps([o], plan.paid, plan.brief.client.period.months,
                                  plan.brief.offer))
    s = g.seats
    low = float(plan.paid.scenarios["low"]["conversions"])
    without = round((g.organic + g.paid) / s.capacity * 100)
    low_without = round((g.organic + low) / s.capacity * 100)
    assert (low_without, without) == (63, 73)  # 232 and 269 of 368 places
    points = round(o.realistic_target) - without
    assert points == 12 and round(o.committed_low) - low_without == points
    first = recommendations(plan)[0]
    assert f"dont {points} points" in first
    assert f"{tr.percent(low_without, 0)} à {tr.percent(without, 0)} sans elles" in first
    assert first.count("convention") == 1 and first.count(tr.number(o.organic_bookings)) == 1
    row = next(r for r in risks(plan) if "convention" in r["risk"])  # the same figure
    assert tr.percent(without, 0) in row["impact"]


def test_the_checkpoint_decision_is_a_dated_next_step_with_its_budget():
    """Fournil's fill-rate gap is decided at the first campaign month's checkpoint: Next
    steps dates it and gives the budget that would close the gap (review 20: the decision
    was in the summary without a figure, and missing from Next steps)."""
    from smmplan.goal_gap import goal_gaps
    from smmplan.plan import Plan
    from smmplan.validation import load_brief
    from smmplan.views.base import day
    from smmplan.views.fill_budget import checkpoint_date, checkpoint_decides
    from smmplan.views.summary import next_steps

    plan = Plan(load_brief("data/examples/bakery/brief.yaml"))
    tr, paid = plan.tr, plan.paid
    fill = [o for o in plan.objectives.objectives if o.kpi == "fill_rate"]
    g = goal_gaps(fill, paid, plan.brief.client.period.months, plan.brief.offer)[0]
    assert checkpoint_decides(plan, g) and g.reach["budget"] > paid.total
    when = checkpoint_date(plan)
    steps = [s for s in next_steps(plan) if s.startswith(day(tr, when))]
    assert len(steps) == 1
    step = steps[0]
    assert tr.money(g.reach["budget"]) in step and tr.money(paid.total) in step
    assert tr.money(g.reach["budget"] - paid.total) in step and tr.number(g.gap) in step
    for other in ("fashion", "b2b-software"):  # no fill-rate gap left to a checkpoint
        p = Plan(load_brief(f"data/examples/{other}/brief.yaml"))
        assert not any("checkpoint on the cost of a booking" in s for s in next_steps(p))
