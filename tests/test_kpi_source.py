"""A leads KPI whose paid leads come partly from lead gen forms is read where each part is
counted (review 19, top-10 #3): the site's leads in web analytics, the forms' in the ads
account and CRM, each with its part of the leads a month the plan commits to."""

from __future__ import annotations

from smmplan.objective_paths import committed_value
from smmplan.paths import EXAMPLES_DIR
from smmplan.plan import load_plan
from smmplan.views.measurement import objectives_measurement


def test_lead_form_leads_are_read_in_the_ads_account_not_in_ga4():
    plan = load_plan(EXAMPLES_DIR / "b2b-software" / "brief.yaml")
    tr, paid = plan.tr, plan.paid
    objectives_measurement(plan)
    rows = plan.record.frames["measurement"]
    row = rows[rows["kpi"] == tr.t("kpi.leads_per_month")].iloc[0]
    assert row["source"] != tr.t("objectives.source.web")
    forms = [c for c in paid.channels if c.platform in paid.lead_forms and c.conversions > 0]
    assert forms  # Cloudline buys leads on LinkedIn's forms
    on_forms = sum(c.conversions for c in forms) / plan.brief.client.period.months
    goal = next(o for o in plan.objectives.objectives if o.kpi == "leads_per_month")
    site = committed_value(goal) - on_forms
    # the two parts add up to the leads a month the plan commits to, each where it is read
    assert tr.number(on_forms, 1) in row["source"] and tr.number(site, 1) in row["source"]
    assert "GA4" in row["source"] and "CRM" in row["source"]
