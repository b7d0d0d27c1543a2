"""The appendix defines every KPI the objectives chapter names, once, in the plan's
language: the engagement rate says it is averaged over posts."""

from __future__ import annotations

import json

import pytest
import yaml

from smmplan.catalogue import kpi_catalogue
from smmplan.paths import DATA_DIR
from smmplan.plan import Plan
from smmplan.validation import load_brief
from smmplan.views.kpi_definitions import plan_kpis


@pytest.fixture(scope="module")
def plans() -> dict:
    return {name: Plan(load_brief(f"data/examples/{name}/brief.yaml"))
            for name in ("fashion", "b2b-software", "bakery")}


def test_every_kpi_of_the_catalogue_has_a_definition_in_both_languages():
    for language in ("en", "fr"):
        words = yaml.safe_load((DATA_DIR / "locales" / f"{language}.yaml")
                               .read_text(encoding="utf-8"))["kpi_definition"]
        assert set(kpi_catalogue()) <= set(words), language


def test_each_plan_defines_every_kpi_it_names_once(plans):
    for name, plan in plans.items():
        named = {o.kpi for o in [*plan.objectives.objectives, *plan.objectives.setup]} | {
            m["kpi"] for m in plan.objectives.measurement}
        keys = plan_kpis(plan)
        assert len(keys) == len(set(keys)), name
        assert set(keys) == named - {None}, name


def test_the_appendix_table_says_how_the_engagement_rate_is_averaged(built):
    for slug in ("maison-lune", "cloudline"):
        path = built["plans"][slug] / "plan.json"
        tables = json.loads(path.read_text(encoding="utf-8"))["tables"]
        rows = {r["kpi"]: r for r in tables["kpi_definitions"]["rows"]}
        assert "average of its posts' rates" in rows["Engagement rate by reach"]["definition"]


def test_the_appendix_reads_each_kpi_where_the_measurement_plan_reads_it(plans):
    """Cloudline's leads: GA4 for the site's, the ads account and CRM for the lead forms',
    in the appendix as in the measurement plan (not the catalogue's "web analytics")."""
    from smmplan.views.kpi_definitions import kpi_definitions
    from smmplan.views.measurement import objectives_measurement

    for plan in plans.values():
        measured = objectives_measurement(plan).html()
        defined = kpi_definitions(plan).html()
        cloud = plan.brief.client.name == "Cloudline"
        for m in plan.objectives.measurement:
            if m["kpi"] == "leads_per_month" and cloud:
                from smmplan.views.kpi_source import kpi_source

                cell = kpi_source(plan, m["kpi"], m["source"])
                assert "CRM" in cell and cell in measured and cell in defined


def test_the_target_rule_names_the_post_history_only_where_a_goal_reads_it(plans):
    """Review 20: the rule of targets on a post history was printed in Cloudline's plan,
    which has none; Lune and Fournil read goals on theirs."""
    from smmplan.views.objectives import objectives_smart

    for name, on_history in (("b2b-software", False), ("fashion", True), ("bakery", True)):
        html = objectives_smart(plans[name]).html()
        history = "post history" if plans[name].tr.language == "en" \
            else "historique de publications"
        note = next(p for p in html.split("<p") if ("Targets" in p or "Cibles" in p)
                    and ("pace" in p or "rythme" in p))
        assert (history in note) == on_history, name


def test_each_definition_says_the_aggregate_the_catalogue_computes():
    """Diff review M8: data/kpis.yaml's ``aggregate`` and the locales' definitions were
    kept apart. A KPI averaged over posts says so in both languages; one that divides the
    period's sums does not say it averages the posts' rates."""
    averaged = {"en": "average of its posts' rates", "fr": "moyenne des taux de ses publications"}
    for language, words in averaged.items():
        text = yaml.safe_load((DATA_DIR / "locales" / f"{language}.yaml").read_text(
            encoding="utf-8"))["kpi_definition"]
        for kpi, spec in kpi_catalogue().items():
            if spec.get("aggregate") == "mean_of_posts":
                assert words in text[kpi], (language, kpi)
            elif spec.get("aggregate") == "ratio_of_sums":
                assert words not in text[kpi], (language, kpi)
