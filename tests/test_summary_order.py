"""The summary leads with what the client's data measures and its goals need, never with
what the plan cannot measure yet (Maison Fournil: "À corriger en premier : Trafic du
site…" and "Sessions issues des réseaux (n.d.)" first)."""

from __future__ import annotations

from smmplan.paths import example_briefs
from smmplan.plan import Plan
from smmplan.validation import load_brief
from smmplan.views.base import after_colon
from smmplan.views.identity import identity_decisions
from smmplan.views.objectives import objectives_decisions


def test_the_summary_leads_with_measured_problems_and_goals():
    plan = Plan(load_brief(next(p for p in example_briefs() if p.parent.name == "bakery")))
    tr = plan.tr
    lines = identity_decisions(plan)
    at = next(i for i, s in enumerate(lines) if s.startswith("À corriger en premier"))
    fix = lines[at]
    first = fix.split(":", 1)[1].strip()
    # followers, reach measured; a label after a colon in lower case (review 15, Fournil 6)
    assert first.startswith(after_colon(tr, tr.t("problem.brand_awareness.name")))
    # a showcase site's traffic, which no goal needs and no data measures, is not "fix
    # first" (review 9): still said, in the next sentence, once measured
    assert tr.t("problem.website_traffic.name") not in fix
    assert lines[at + 1].startswith("Ensuite") and \
        after_colon(tr, tr.t("problem.website_traffic.name")) in lines[at + 1]
    listed = objectives_decisions(plan)[0].split(":", 1)[1]
    assert listed.strip().startswith(after_colon(tr, tr.t("kpi.fill_rate")))  # her first goal
    assert tr.t("kpi.social_sessions") not in listed  # a set-up task, not an objective


def test_the_smart_table_leads_with_the_clients_goals_and_ends_with_the_unmeasured():
    """Maison Fournil's first SMART row was "Sessions issues des réseaux | n.d." (review 9):
    the brief's goals come first, an objective without a measurement last."""
    plan = Plan(load_brief(next(p for p in example_briefs() if p.parent.name == "bakery")))
    obs = plan.objectives.objectives
    goals = [o.from_brief for o in obs]
    assert goals == sorted(goals, reverse=True) and goals[0]
    assert all(o.baseline.value is not None for o in obs)
    # review 10: "Sessions issues des réseaux | n.d." although "aucun de vos objectifs n'en
    # dépend": a measurement to put in place in month 1 (UTM links, Google Business
    # Profile), not a SMART objective
    assert [o.kpi for o in plan.objectives.setup] == ["social_sessions"]
    row = next(m for m in plan.objectives.measurement if m["kpi"] == "social_sessions")
    assert row["setup"] and row["alert"] is None
    from smmplan.views.objectives import objectives_decisions, setup_notes

    assert "Google Business Profile" in setup_notes(plan)[0]
    assert any(s.startswith("À mettre en place") for s in objectives_decisions(plan))


def test_the_diagnosis_chapter_and_the_summary_rank_the_problems_alike():
    """Review 10: the synthèse said "À corriger en premier : Notoriété…" while the chapter
    ranked "1 | Trafic du site" and opened with it. One ranking, both places."""
    import re

    from smmplan.views.identity import diagnosis

    plan = Plan(load_brief(next(p for p in example_briefs() if p.parent.name == "bakery")))
    tr = plan.tr
    html = diagnosis(plan).html()
    awareness, traffic = (tr.t(f"problem.{k}.name") for k in ("brand_awareness",
                                                               "website_traffic"))
    first_item = re.search(r"<li[^>]*>(.*?)</li>", html, re.S).group(1)
    assert first_item.lstrip().startswith(awareness)
    rows = re.findall(r"<tr[^>]*>\s*<td[^>]*>\s*1\s*</td>\s*<td[^>]*>(.*?)</td>", html, re.S)
    assert rows and rows[0].strip() == awareness
    assert html.index(awareness) < html.index(traffic)
    fix = next(s for s in identity_decisions(plan) if s.startswith("À corriger en premier"))
    assert after_colon(tr, awareness) in fix and after_colon(tr, traffic) not in fix
