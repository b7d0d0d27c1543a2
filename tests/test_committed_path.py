"""The trajectory chart plots the path each goal is judged on: a client's goal flagged as
beyond the realistic pace is plotted to the realistic target the plan commits to."""

from __future__ import annotations

import pytest

from smmplan.objectives import committed_path
from smmplan.paths import EXAMPLES_DIR
from smmplan.plan import load_plan
from smmplan.views.objectives import kpi_label, objectives_smart


@pytest.mark.parametrize("example", ["b2b-software", "fashion", "bakery"])
def test_every_headline_goal_is_plotted_to_what_the_plan_commits_to(example):
    plan = load_plan(EXAMPLES_DIR / example / "brief.yaml")
    objectives_smart(plan)  # records the chart
    traces = {t["name"]: t["y"] for t in plan.record.figures["trajectory"]["plotly"]["data"]}
    stretched = 0
    for o in plan.objectives.objectives:
        path = committed_path(o)
        if not o.baseline.value or not path:
            continue
        assert len(path) == plan.brief.client.period.months
        end = o.target if o.realistic else o.realistic_target
        assert path[-1] == pytest.approx(end, rel=1e-3)
        # plotted, as % of today's value, to the committed end, not to the client's stretch
        assert traces[kpi_label(plan, o)][-1] == pytest.approx(
            end / o.baseline.value * 100, abs=0.06)
        stretched += not o.realistic and o.from_brief
    assert stretched  # every example's own goal is a stretch: it was left out of the chart
