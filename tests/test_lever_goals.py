"""The repeat-rate goal and its costed levers, the past-buyer programme and the e-mail steps
it hands the rest to: when they forecast less than the client's target, the objective
commits to the rate they reach together (the SMART table, the summary and the objectives
chapter), the client's target is the stretch, and the sentence says what would close the gap."""

from __future__ import annotations

from dataclasses import dataclass
from types import SimpleNamespace

import pytest

from smmplan.lever_goals import goal_checks, plan_rate, programme_based, with_programme
from smmplan.plan import Plan
from smmplan.validation import load_brief


@dataclass
class _Goal:
    kpi: str = "repeat_purchase_rate"
    target: float = 36.0
    from_brief: bool = True
    realistic: bool = True
    realistic_target: float | None = None


@pytest.fixture(scope="module")
def fashion() -> Plan:
    return Plan(load_brief("data/examples/fashion/brief.yaml"))


def test_a_short_programme_makes_its_forecast_the_committed_value(fashion):
    r = fashion.paid.retention
    assert r and not r["reaches"] and r["rate"] < r["target"]
    o = next(o for o in fashion.objectives.objectives if o.kpi == "repeat_purchase_rate")
    # committed to what the programme and the e-mail steps forecast together
    assert r["owned"]["rate"] > r["rate"] and plan_rate(r) == r["owned"]["rate"]
    assert not o.realistic and o.realistic_target == pytest.approx(plan_rate(r))
    assert o.target == r["target"]  # the client's 36% stays, as the stretch
    assert programme_based(o, fashion.paid)


def test_the_smart_table_summary_and_sentence_say_one_rate(fashion):
    from smmplan.views.objectives import objectives_decisions, objectives_smart

    tr, r = fashion.tr, fashion.paid.retention
    rate, target = f"{tr.number(plan_rate(r), 2)}%", f"{tr.number(r['target'])}%"
    html = objectives_smart(fashion).html()
    assert f"{rate} is the realistic goal to agree on and {target} the stretch" in html
    assert f"the target {target} needs" not in html  # no "within the realistic pace" verdict
    assert "full customer count" in html and "the Klaviyo steps below" in html
    assert "a win-back flow in Klaviyo" in html  # the dated steps (views/owned_steps.py)
    assert any(f"29.08% → {rate} (stretch: {target})" in s for s in objectives_decisions(
        fashion))


def test_a_programme_that_reaches_its_target_changes_nothing():
    paid = SimpleNamespace(retention={"reaches": True, "rate": 36.5, "target": 36.0})
    assert with_programme([_Goal()], paid)[0].realistic
    paid = SimpleNamespace(retention={"reaches": False, "rate": 31.0, "target": 36.0})
    out = with_programme([_Goal(), _Goal(kpi="engagement_rate_reach")], paid)
    assert (out[0].realistic, out[0].realistic_target) == (False, 31.0)
    assert out[1].realistic and out[1].realistic_target is None


def test_the_plan_check_catches_a_smart_table_left_at_the_target():
    plan = {"client": {"language": "en", "locale": "en_GB", "currency": "GBP"},
            "budget": {"retention": {"reaches": False, "rate": 30.71, "target": 36.0}},
            "objectives": {"objectives": [{"goal": "Win back", "kpi": "repeat_purchase_rate",
                                           "from_brief": True, "target": 36.0,
                                           "realistic": False, "realistic_target": 30.71}]},
            "tables": {"objectives": {"rows": [{"objective": "Win back", "target": "30.71%",
                                                "stretch": "36%"}]}}}
    assert all(ok for _, ok, _ in goal_checks(plan))
    plan["tables"]["objectives"]["rows"][0].update(target="36%", stretch="")
    plan["objectives"]["objectives"][0].update(realistic=True, realistic_target=None)
    assert not any(ok for _, ok, _ in goal_checks(plan))
