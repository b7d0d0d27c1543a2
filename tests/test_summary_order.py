"""The summary leads with what the client's data measures and its goals need, never with
what the plan cannot measure yet (Maison Fournil: "À corriger en premier : Trafic du
site…" and "Sessions issues des réseaux (n.d.)" first)."""

from __future__ import annotations

from smmplan.paths import example_briefs
from smmplan.plan import Plan
from smmplan.validation import load_brief
from smmplan.views.identity import identity_decisions
from smmplan.views.objectives import objectives_decisions


def test_the_summary_leads_with_measured_problems_and_goals():
    plan = Plan(load_brief(next(p for p in example_briefs() if p.parent.name == "bakery")))
    tr = plan.tr
    fix = next(s for s in identity_decisions(plan) if s.startswith("À corriger en premier"))
    first = fix.split(":", 1)[1].strip()
    assert first.startswith(tr.t("problem.brand_awareness.name"))  # followers, reach measured
    assert tr.t("problem.website_traffic.name") in fix  # still said, after it
    listed = objectives_decisions(plan)[0].split(":", 1)[1]
    assert listed.strip().startswith(tr.t("kpi.fill_rate"))  # her first goal
    assert listed.index(tr.t("kpi.social_sessions")) > listed.index(tr.t("kpi.reach_per_post"))
