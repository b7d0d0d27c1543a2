"""One wording on repeat orders: when the paid forecast's sales already hold repeat orders
(a customer file gives the mix), the ROI sentences say they are included and never that
the ROI comes "before repeat purchases"; without a customer file the old wording stays."""

from __future__ import annotations

from smmplan.goal_gap import repeat_in_paid
from smmplan.plan import Plan
from smmplan.validation import load_brief
from smmplan.views.roi_scope import roi_key
from smmplan.views.team import _return_line, team_costs


def test_fashion_roi_counts_the_repeat_orders_it_holds():
    plan = Plan(load_brief("data/examples/fashion/brief.yaml"))
    assert repeat_in_paid(plan.paid.customer_value, plan.team.revenue) > 0
    assert roi_key(plan, "team.roi", "team") == "team.roi_repeats"
    summary = _return_line(plan)[0]
    chapter = team_costs(plan).html()
    roi = plan.tr.percent(plan.team.roi, 0)
    assert roi in summary and roi in chapter
    for text in (summary, chapter):
        assert "repeat purchases" not in text
        assert "the repeat orders among them included" in text


def test_without_a_customer_file_the_roi_leaves_repeats_out():
    plan = Plan(load_brief("data/examples/bakery/brief.yaml"))
    assert plan.paid.customer_value is None
    assert roi_key(plan, "summary_team.return", "summary") == "summary_team.return"
    assert "réachats" in _return_line(plan)[0]
