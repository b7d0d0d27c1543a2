"""Where a KPI is read, as the measurement plan says it: the catalogue's source
(``data/kpis.yaml``), except a leads goal whose paid leads come partly from the platforms'
own lead gen forms (``Paid.lead_forms``), which never reach the site: read in two places,
each with its part of the leads a month the plan commits to (the forms' leads a month of the
paid forecast; the rest, today's organic and the site's, in web analytics)."""

from __future__ import annotations

from ..goal_gap import form_leads_a_month
from ..objective_paths import committed_value
from ..plan import Plan
from .base import platform_label


def kpi_source(plan: Plan, kpi: str, source: str) -> str:
    """The "Where it is read" cell of ``kpi`` (catalogue ``source``)."""
    tr, paid = plan.tr, plan.paid
    forms = [c for c in paid.channels if c.platform in (paid.lead_forms or {})
             and c.conversions > 0]
    goal = next((o for o in plan.objectives.objectives if o.kpi == kpi), None)
    end = committed_value(goal) if goal is not None else None
    if kpi != "leads_per_month" or not forms or end is None:
        return tr.t(f"objectives.source.{source}")
    on_forms = form_leads_a_month(paid, plan.brief.client.period.months)
    return tr.t("objectives.source_leads_forms", site=tr.number(max(0.0, end - on_forms), 1),
                forms=tr.number(on_forms, 1),
                platforms=tr.join([platform_label(c.platform) for c in forms]))
