"""The objectives chapter's measurement plan: where and how often each KPI is read, who
reads it, whether the data measures it today and when it alerts; then what the post
history shows and the landing pages (split from ``views.objectives``)."""

from __future__ import annotations

import pandas as pd

from .. import charts
from ..plan import Plan
from ..report import Column, Html, render
from .base import Section, role_name, section_heading, weekday_name
from .kpi_source import kpi_source
from .trial_value import trial_kpi_cell, trial_kpi_note


def _measured(plan: Plan, m: dict) -> bool:
    """Whether the client's data measures a measure today: the audience profile only from
    a customer file (personas described in the brief are hypotheses, not a measure)."""
    if m["kpi"] is None and m["source"] == "audience":
        return plan.brief.data.audience is not None
    return bool(m["measured"])


def _declared(plan: Plan, m: dict) -> bool:
    """A KPI whose only figure today is the one the brief declares (not the client's data)."""
    return m["kpi"] is not None and any(
        o.kpi == m["kpi"] and o.baseline.basis == "brief" for o in plan.objectives.objectives)


def objectives_measurement(plan: Plan) -> Section:
    """Measurement plan, post-history analysis and landing pages."""
    tr, ob = plan.tr, plan.objectives
    frame = pd.DataFrame([{
        "measure": tr.t(f"measure.{m['measure']}") if m["measure"] else tr.t(
            "measure.trial_line", lines=tr.join(m["lines"])) if m.get("lines") else tr.t(
            "measure.setup" if m.get("setup") else "measure.objective"),
        "kpi": tr.t(f"kpi.{m['kpi']}") if m["kpi"] else tr.t("measure.no_kpi"),
        "source": kpi_source(plan, m["kpi"], m["source"]),
        "frequency": tr.t(f"objectives.frequency.{m['frequency']}"),
        "owner": role_name(plan, m["owner"]),
        "measured": trial_kpi_cell(plan) if m.get("lines") and trial_kpi_cell(plan) else tr.t(
            "measure.declared") if _declared(plan, m) else tr.t(
            "measure.measured") if _measured(plan, m) else tr.t(
            "measure.missing", needs=tr.t("measure.needs_customer_file") if m["kpi"] is None
            else tr.t(f"objectives.needs.{m['source']}")),
        "alert": tr.t(f"objectives.alert_{m.get('direction') or 'up'}",
                      n=tr.percent(m["alert"], 0)) if m["alert"] else ""}
        for m in ob.measurement])
    blocks = [section_heading(plan, "objectives.measurement", "objectives-measurement"),
              Html(render("paragraph.html.j2", text=tr.t("measure.intro"))),
              plan.record.table("measurement", "objectives", tr.t("objectives.measurement"),
                                frame, [Column("measure", tr.t("table.measure")),
                                        Column("kpi", tr.t("table.kpi")),
                                        Column("source", tr.t("table.source")),
                                        Column("frequency", tr.t("table.frequency")),
                                        Column("owner", tr.t("table.owner")),
                                        Column("measured", tr.t("table.measured")),
                                        Column("alert", tr.t("table.alert"))])]
    if trial_kpi_note(plan):  # the trial KPI's provisional figure, until its event is live
        blocks.append(Html(render("paragraph.html.j2", css="smm-note",
                                  text=trial_kpi_note(plan))))
    h = ob.history
    if h:
        blocks.append(section_heading(plan, "objectives.history", "objectives-history"))
        found = {k: v for k, v in h.get("issues", {}).items() if v}
        if found:
            blocks.append(Html(render("paragraph.html.j2", css="smm-note", text=tr.t(
                "objectives.issues", items=tr.join([tr.t(f"objectives.issue.{k}", n=v)
                                                    for k, v in found.items()])))))
        rate_kpi = h.get("rate_kpi", "engagement_rate_reach")
        if rate_kpi != "engagement_rate_reach":  # say what a reach column would add
            text = tr.t("objectives.rate_basis_none") if rate_kpi == "engagements_per_post" \
                else tr.t("objectives.rate_basis", kpi=tr.t(f"kpi.{rate_kpi}").lower())
            blocks.append(Html(render("paragraph.html.j2", css="smm-note", text=text)))
        for note in h.get("notes", []):
            blocks.append(Html(render("paragraph.html.j2", css="smm-note",
                                      text=tr.t(f"objectives.{note}"))))
        per_post = rate_kpi == "engagements_per_post"
        by_type = pd.DataFrame(h["by_type"])
        columns = [Column("content_type", tr.t("table.content_type")),
                   Column("posts", tr.t("table.posts"), lambda v: tr.number(v)),
                   Column("rate", tr.t("table.engagements_per_post"), lambda v: tr.number(v, 1))
                   if per_post else Column("rate", tr.t(
                       "table.engagement_rate" if rate_kpi == "engagement_rate_reach"
                       else f"kpi.{rate_kpi}"), lambda v: tr.percent(v, 2))]
        if "reach" in by_type:
            columns.append(Column("reach", tr.t("table.reach"), lambda v: tr.number(v)))
        blocks.append(plan.record.table(
            "engagement_by_type", "objectives", tr.t("objectives.history"), by_type, columns))
        if "paid_vs_organic" in h and {"paid", "organic"} <= set(h["paid_vs_organic"]):
            pv = h["paid_vs_organic"]
            blocks.append(Html(render("paragraph.html.j2", text=tr.t(
                "objectives.paid_vs_organic", paid=tr.percent(pv["paid"]["rate"], 2),
                organic=tr.percent(pv["organic"]["rate"], 2)))))
        names = [weekday_name(plan, i) for i in range(7)]
        blocks.append(plan.record.figure("posting_heatmap", "objectives",
                                         charts.posting_heatmap(h["heatmap"], names, tr,
                                                                plan.theme)))
    if ob.landing_pages:
        pages = pd.DataFrame(ob.landing_pages)
        blocks += [section_heading(plan, "objectives.web", "objectives-web"),
                   plan.record.table(
                       "landing_pages", "objectives", tr.t("objectives.web"), pages,
                       [Column("landing_page", tr.t("table.landing_page")),
                        Column("sessions", tr.t("table.sessions"), lambda v: tr.number(v)),
                        Column("conversion_rate", tr.t("table.conversion_rate"),
                               lambda v: tr.percent(v, 2)),
                        Column("bounce_rate", tr.t("table.bounce_rate"),
                               lambda v: tr.percent(v, 1))])]
    return Section(*blocks)

