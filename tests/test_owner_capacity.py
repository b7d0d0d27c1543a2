"""The owner's hours come from the brief (hours or share of a week) or are said to be an
estimate with its basis, and are a ceiling; a brand team's capacity is bounded by its
in-house production hours as well as its content hours."""

from __future__ import annotations

import pytest

from smmplan.budget import plan_paid
from smmplan.paths import example_briefs
from smmplan.team import content_capacity, owner_hours, plan_team
from smmplan.validation import load_brief


def examples():
    return {p.parent.name: load_brief(p) for p in example_briefs()}


def _with_budget(brief, **update):
    return brief.model_copy(update={"budget": brief.budget.model_copy(update=update)})


def test_owner_hours_come_from_the_brief_else_are_an_estimate_with_its_basis():
    bakery = examples()["bakery"]
    hours, basis = owner_hours(bakery)
    # today's 2.5 posts at the hours of their platforms' feed formats (4.6 h: a brief's
    # posts a week are feed posts, not stories), 1 h of replies on each of the 2 channels
    # and 1 h of planning
    assert basis == "today" and hours == pytest.approx(7.6)
    assert owner_hours(_with_budget(bakery, owner_hours=3)) == (3, "brief")
    assert owner_hours(_with_budget(bakery, owner_share=10)) == (pytest.approx(3.75), "share")
    cap = content_capacity(_with_budget(bakery, owner_share=10), 1.0)
    assert cap.existing_hours == pytest.approx(3.75) and cap.existing_basis == "share"


@pytest.mark.parametrize("update", [{}, {"owner_hours": 2}, {"team": 0, "owner_hours": 5}])
def test_the_plan_never_schedules_more_owner_hours_than_she_gives(update):
    from smmplan.checks import run

    bakery = _with_budget(examples()["bakery"], **update)
    team = plan_team(bakery, plan_paid(bakery), posts=6.0, channels=2)
    own = team.hours["needed"] - team.hours["bought"]
    assert own <= team.hours["existing"] + 0.011
    good = team.options[0]
    assert good["kind"] == "owner_run"
    assert good["hours_per_week"] <= team.hours["existing"] + 0.011
    checks = [c for c in run({"team": team.to_json()}) if c.name.startswith("owner hours")]
    assert len(checks) == 2 and all(c.ok for c in checks)
    broken = team.to_json()
    broken["options"][0]["hours_per_week"] = team.hours["existing"] + 0.5
    assert not all(c.ok for c in run({"team": broken}) if c.name.startswith("owner hours"))


def test_the_team_chapter_says_where_the_owners_hours_come_from():
    from smmplan.plan import Plan
    from smmplan.views.team import team_roles

    plan = Plan(examples()["bakery"])
    html = team_roles(plan).html()
    assert "estimation" in html and "2,5 publications actuelles" in html
    told = Plan(_with_budget(examples()["bakery"], owner_hours=5))
    assert told.team.hours["existing"] == 5 and "estimation" not in team_roles(told).html()


def test_a_brand_teams_capacity_is_bounded_by_its_production_hours():
    """Maison Lune: 2 content FTE would write about 40 posts a week, but its one designer
    cannot shoot and edit that many reels and carousels: the capacity is the lower bound."""
    from smmplan import workload as wl

    fashion = examples()["fashion"]
    cap = content_capacity(fashion, 1.0)
    mix = wl.today_mix(fashion)
    today = sum(mix.values())
    hours = wl.totals(wl.rows(mix, today, {}))
    content_bound = 2.0 * 37.5 / (hours["content"] / today)
    made_bound = 1.0 * 37.5 / (hours["production"] / today)
    assert made_bound < content_bound
    assert cap.bound == "production" and cap.posts == pytest.approx(made_bound, abs=0.01)
    more = _with_budget(fashion, in_house={**fashion.budget.in_house, "designer": 4})
    assert content_capacity(more, 1.0).bound == "content"
    assert content_capacity(more, 1.0).posts == pytest.approx(content_bound, abs=0.01)


def test_without_a_team_budget_the_plan_says_the_calendar_is_cut_to_the_owners_hours():
    """The hours are fitted on the final calendar: the ads-only creatives and the reminder
    stories added after the posting was allocated are counted in them (session 22 left
    0.4 h a week beyond the owner's 12 h)."""
    from smmplan import workload as wl
    from smmplan.plan import Plan
    from smmplan.views.team import team_roles

    owner = 9  # fewer hours than the calendar as sized asks for (review replies 1 h a week)
    plan = Plan(_with_budget(examples()["bakery"], team=0, owner_hours=owner))
    assert plan.team.hours["bought"] == 0
    assert plan.team.hours["needed"] <= owner + 0.011
    period = plan.brief.client.period
    ads_only = [s.format for s in plan.channels.slots if s.ad_only]
    assert ads_only  # the case at hand: paid creatives beyond the feed's share
    made = wl.calendar_mix(ads_only, period.start, period.end)
    counted = {r["family"]: r["posts_per_week"] for r in plan.team.workload
               if r.get("ads_only")}
    assert counted == pytest.approx(made, abs=0.01)  # each ads-only creative is in the hours
    assert plan.team.hours["needed"] > owner - 1.0  # fitted, not cut far below the hours
    html = team_roles(plan).html()
    assert "rien n’est acheté" in html and "Le calendrier est réduit" in html
