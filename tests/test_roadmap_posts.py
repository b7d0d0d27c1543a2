"""The 90-day roadmap's posts a month are the calendar's month table's (one value)."""

from __future__ import annotations

import pytest

from smmplan.paths import EXAMPLES_DIR
from smmplan.plan import load_plan
from smmplan.views.channels import calendar_view
from smmplan.views.summary import roadmap


@pytest.mark.parametrize("example", ["b2b-software", "bakery"])
def test_the_roadmap_counts_the_posts_the_calendar_table_counts(example):
    plan = load_plan(EXAMPLES_DIR / example / "brief.yaml")
    calendar_view(plan)  # records the month table
    rows = plan.record.tables["calendar_months"]["rows"]
    by_month = {r["month_name"]: sum(v for k, v in r.items()
                                     if k not in ("month", "month_name")) for r in rows}
    assert any(s.ad_only for s in plan.channels.slots)  # the case that differed
    for r in roadmap(plan):
        assert r["posts"] == by_month[r["month"]], r["month"]
