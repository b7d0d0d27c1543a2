"""Client-facing wording that must follow the brief: one value per figure, the 'what we
need from you' list, review sites and assets by sector, the privacy law by country, readable
target names and one grouping verdict."""

from __future__ import annotations

from functools import cache

from smmplan import views as v
from smmplan.paths import example_briefs
from smmplan.plan import Plan
from smmplan.validation import load_brief
from smmplan.views.base import kpi_value
from smmplan.views.client_needs import client_needs
from smmplan.views.community import community_playbook
from smmplan.views.summary import compliance
from smmplan.views.team import team_workload


@cache
def example(name: str) -> Plan:
    return Plan(load_brief(next(p for p in example_briefs() if p.parent.name == name)))


def test_scenario_mid_row_is_the_headline_value():
    plan = example("b2b-software")
    headline = plan.tr.number(sum(c.conversions for c in plan.paid.channels))
    html = v.budget_scenarios(plan).html()
    mid = plan.tr.t("budget.scenario.mid")
    row = html[html.index(f">{mid}<"):]
    row = row[:row.index("</tr>")]
    assert f">{headline}<" in row, (headline, row)


def test_equal_split_sentence_names_the_metric_it_compares():
    plan = example("b2b-software")
    text = " ".join(v.budget_allocation(plan).html().split())
    assert "revenue forecast would be" in text
    assert "Against an equal split of the same budget" not in text


def test_needs_follow_the_brief():
    bakery = client_needs(example("bakery"))
    joined = " ".join(bakery)
    assert "export clients" not in joined  # walk-in shop: no customer file
    assert "gestionnaire de publicités" not in joined  # starting out: no ads history
    assert "registres de réservation" in joined and "Ateliers pain" in joined
    assert "Product photos" not in " ".join(client_needs(example("b2b-software")))
    assert "CRM" in " ".join(client_needs(example("b2b-software")))


def test_review_sites_follow_the_sector():
    bakery = community_playbook(example("bakery")).html()
    assert "Avis public (Google)" in bakery and "G2" not in bakery and "Trustpilot" not in bakery
    saas = community_playbook(example("b2b-software")).html()
    assert "Trustpilot" not in saas and "G2" in saas


def workload_text(plan: Plan) -> str:
    return " ".join(b.markup for b in team_workload(plan))


def test_pins_only_when_pinterest_is_kept():
    bakery = workload_text(example("bakery"))
    assert "épingles" not in bakery
    fashion = example("fashion")
    if any(c.kept and c.platform == "pinterest" for c in fashion.channels.choices):
        assert "pins" in workload_text(fashion)


def test_privacy_law_follows_the_country():
    uk = " ".join(compliance(example("fashion")))
    assert "UK GDPR" in uk and "in the US" not in uk and "CCPA" not in uk
    us = " ".join(compliance(example("b2b-software")))
    assert "GDPR" not in us


def test_fill_rate_target_without_useless_decimals():
    plan = example("bakery")
    assert kpi_value(plan, "fill_rate", 50.0) == plan.tr.percent(50, 0)
    assert kpi_value(plan, "fill_rate", 5.87) == plan.tr.percent(5.87, 2)


def test_target_names_are_phrases_and_one_grouping_verdict():
    plan = example("fashion")
    names = [v.persona_name(plan, p) for p in plan.targets.personas]
    assert not any("(acquisition channel)" in n or ", " in n for n in names), names
    lines = v.targets_decisions(plan)
    assert plan.targets.weak  # the example's grouping is weak but stable (0.17, ARI 0.86)
    assert not any(line.startswith("Grouping stability") for line in lines), lines
    # the summary says it in plain words; the method's figures stay in the chapter
    assert any("weakly separated but stable" in line and "hypotheses" in line
               for line in lines), lines
    assert not any(w in " ".join(lines) for w in ("silhouette", "Rand", "Kaufman")), lines
