"""Team and cost: FTE rules, sourcing options, total cost, P&L."""

from __future__ import annotations

import pytest

from smmplan.budget import plan_paid
from smmplan.paths import example_briefs
from smmplan.team import plan_team, size_roles
from smmplan.validation import load_brief


def examples():
    return {p.parent.name: load_brief(p) for p in example_briefs()}


def test_sme_gets_one_all_round_manager_and_large_the_full_team():
    b = examples()
    bakery = size_roles(b["bakery"], 1800, posts=4, channels=2)
    assert bakery == {"social_media_manager": round((4 * 1.5 + 2 * 1 + 1) / 37.5, 2)}
    posts = sum(c.posts_per_week for c in b["fashion"].situation.channels)
    roles = size_roles(b["fashion"], 620_000, posts=posts, channels=4)
    assert set(roles) == {"strategist", "content_manager", "community_manager", "analyst",
                          "campaign_manager", "designer"}
    assert roles["content_manager"] == pytest.approx(posts / 12, abs=0.01)
    assert roles["campaign_manager"] == pytest.approx(0.62, abs=0.01)


def test_costs_options_and_pnl_add_up():
    for brief in examples().values():
        paid = plan_paid(brief)
        team = plan_team(brief, paid)
        assert team.mixed <= min(team.in_house, team.freelancers, team.agency) + 1e-6
        c = team.total_cost
        assert c["total"] == pytest.approx(c["team"] + c["ads"] + c["production"] + c["tools"])
        assert len(team.monthly) == brief.client.period.months
        assert team.monthly[-1]["cumulative"] == pytest.approx(
            sum(m["result"] for m in team.monthly), abs=1)
        assert sum(m["team"] + m["ads"] + m["production"] + m["tools"]
                   for m in team.monthly) == pytest.approx(c["total"], rel=1e-4)


def test_brief_salaries_override_and_flags():
    b = examples()
    bakery = plan_team(b["bakery"], plan_paid(b["bakery"]))
    assert bakery.roles[0].annual_pay == 32000 and bakery.roles[0].pay_basis == "brief"
    fashion = plan_team(b["fashion"], plan_paid(b["fashion"]))
    assert "country_pay" in fashion.notes  # GB pay: U.S. medians at the GB wage level
    assert all(r.pay_basis == "country_ratio" for r in fashion.roles)


def test_the_clients_own_team_and_budget_come_first():
    from smmplan.plan import Plan

    b = examples()
    fashion = Plan(b["fashion"]).team  # in-house team of six: counted before any hire
    for r in fashion.roles:
        own = b["fashion"].budget.in_house.get(r.role, 0)
        assert r.existing == pytest.approx(min(own, r.fte), abs=0.01)
        assert r.hire == pytest.approx(max(0.0, r.fte - own), abs=0.01)
    assert fashion.total_cost["team"] <= b["fashion"].budget.team
    bakery = Plan(b["bakery"])  # a small shop: its hours plus what the team budget buys
    assert bakery.team.total_cost["team"] <= b["bakery"].budget.team
    assert bakery.team.posts_per_week == bakery.channels.planned_posts \
        <= bakery.capacity.posts
    cloud = Plan(b["b2b-software"]).team  # above its budget: the gap is stated
    assert cloud.budget_gap == pytest.approx(cloud.total_cost["team"]
                                             - b["b2b-software"].budget.team, abs=1)
    assert "team_budget_gap" in cloud.notes
