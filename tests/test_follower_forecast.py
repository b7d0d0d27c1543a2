"""A follower goal judged on what the plan buys (follower_forecast.py, views/follower_note.py):
the calendar's posts at the client's median reach plus the paid reach, and the client's own
follow rate when its export has one (review 11, Maison Fournil 2 and 4)."""

from __future__ import annotations

from pathlib import Path

import pytest

from smmplan.plan import Plan
from smmplan.validation import load_brief

BAKERY = Path(__file__).resolve().parent.parent / "data" / "examples" / "bakery" / "brief.yaml"


@pytest.fixture(scope="module")
def plan() -> Plan:
    return Plan(load_brief(BAKERY))


def test_a_follower_goal_is_judged_on_the_reach_the_plan_buys(plan, monkeypatch):
    # review 11: "2 100 -> 4 000 ... dans le rythme réaliste (10,0 %)", a pace, no forecast
    from smmplan import follower_forecast as ff
    from smmplan.views.follower_note import follower_notes

    goal = next(o for o in plan.objectives.objectives if o.kpi == "followers")
    f = ff.follower_forecast(plan, goal)
    paid = sum(c.reach for c in plan.paid.channels if c.platform == goal.platform)
    assert f["paid"] == pytest.approx(paid) and f["organic"] == f["posts"] * f["per_post"]
    assert f["rate"] is None and f["needed_rate"] == pytest.approx(1900 / f["total"])
    (note,) = follower_notes(plan, goal)
    assert plan.tr.number(f["one_in"]) in note and plan.tr.number(f["total"]) in note
    # with the client's own follows per post, a forecast and a verdict
    posts = ff.read_posts(plan.brief)
    posts["follows"] = posts["reach"] * 0.02
    monkeypatch.setattr(ff, "read_posts", lambda brief: posts.copy())
    f = ff.follower_forecast(plan, goal)
    assert f["rate"] == pytest.approx(0.02)
    assert f["forecast"] == pytest.approx(2100 + 0.02 * f["total"])
    assert f["reached"] == (f["forecast"] >= 4000)
    (note,) = follower_notes(plan, goal)
    assert plan.tr.number(f["forecast"]) in note
