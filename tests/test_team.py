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
    assert list(size_roles(b["bakery"], 1800)) == ["social_media_manager"]
    roles = size_roles(b["fashion"], 620_000)
    assert set(roles) == {"strategist", "content_manager", "community_manager", "analyst",
                          "campaign_manager", "designer"}
    posts = sum(c.posts_per_week for c in b["fashion"].situation.channels)
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
    assert "us_pay_converted" in fashion.notes
