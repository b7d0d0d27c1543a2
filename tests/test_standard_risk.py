"""A service standard without a baseline is a rule of the plan, not a convention to reset:
the risks table says so (Maison Lune's reply share)."""

from __future__ import annotations

from smmplan.catalogue import kpi_catalogue
from smmplan.paths import EXAMPLES_DIR
from smmplan.plan import load_plan
from smmplan.views.summary import risks


def test_a_service_standard_is_said_as_the_plans_rule():
    plan = load_plan(EXAMPLES_DIR / "fashion" / "brief.yaml")
    standards = {k for k, v in kpi_catalogue().items() if v.get("standard_target") is not None}
    # a reputation objective on the reply standard (Lune's takes the complaints the brief
    # names now: the standard is set on that objective here)
    o = next(o for o in plan.objectives.objectives if o.baseline.basis == "not_measurable")
    o.kpi, o.target = "review_reply_share", 100.0
    assert o.kpi in standards
    objectives = [o]
    rows = risks(plan)
    for o in objectives:
        name = plan.tr.t(f"kpi.{o.kpi}")
        [row] = [r for r in rows if r["risk"].startswith(name)]
        assert "service standard" in row["impact"] and "convention" not in row["impact"]
        assert "reset the target" not in row["check"]
    # a KPI that is no standard keeps the convention's words
    others = [r for r in rows if "no baseline" in r["risk"]
              and not any(r["risk"].startswith(plan.tr.t(f"kpi.{o.kpi}")) for o in objectives)]
    assert all("convention" in r["impact"] for r in others)


def test_a_kpi_without_baseline_or_target_is_not_called_a_convention():
    """An objective whose KPI has neither a baseline nor a target yet (measured from month
    one) is said as such in the risks, not as a target that is a convention."""
    from smmplan.views import summary

    plan = load_plan(EXAMPLES_DIR / "fashion" / "brief.yaml")
    o = next(o for o in plan.objectives.objectives if o.baseline.basis == "not_measurable")
    o.target, o.kpi = None, "complaints_per_week"
    rows = [r for r in summary.risks(plan) if r["risk"].startswith(plan.tr.t(f"kpi.{o.kpi}"))]
    assert rows and "no target is set" in rows[0]["risk"]
    assert "convention" not in rows[0]["impact"] and "reset the target" not in rows[0]["check"]
