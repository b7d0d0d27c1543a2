"""The tracking report (``smmplan track``)."""

from __future__ import annotations

import pandas as pd

from ..brief import platforms
from ..objectives import kpi_catalogue
from ..plan import Plan
from ..report import Column, Html, render
from .base import (
    TOC_MARKER,
    Section,
    kpi_value,
    platform_label,
    text_on,
)
from .summary import logo_data_uri


def tracking_report(plan: Plan, report) -> Section:
    """Cover-like heading, scorecard with RAG status, variances and what to change."""
    tr = plan.tr
    name = plan.brief.client.name
    intro = tr.t("tracking.intro", client=name,
                 start=tr.date(pd.Timestamp(report.period_start).date()),
                 end=tr.date(pd.Timestamp(report.period_end).date()),
                 month=report.month_index + 1) if report.period_start else tr.t(
        "tracking.intro_nodates", client=name, month=report.month_index + 1)
    rows = [{
        "objective": tr.t(f"objective.{r.objective}") if tr.has(f"objective.{r.objective}")
        else r.objective, "kpi": tr.t(f"kpi.{r.kpi}"), "kpi_id": r.kpi,
        "expected": kpi_value(plan, r.kpi, r.expected),
        "actual": kpi_value(plan, r.kpi, r.actual),
        "target": kpi_value(plan, r.kpi, r.target),
        "to_goal": r.to_goal, "status": r.status,
        "status_name": tr.t(f"tracking.status.{r.status}")} for r in report.scorecard]
    levers = {k: d.get("lever", "generic") for k, d in kpi_catalogue().items()}
    changes = [tr.t(f"tracking.fix.{levers[r.kpi]}", kpi=tr.t(f"kpi.{r.kpi}"))
               for r in report.scorecard if r.status in ("red", "amber")]
    blocks = [
        Html(render("cover.html.j2", primary=plan.theme.primary,
                    secondary=plan.theme.secondary,
                    on_primary=text_on(plan.theme.primary),
                    on_secondary=text_on(plan.theme.secondary),
                    title=tr.t("tracking.title"), client=name, sector=plan.brief.client.sector,
                    logo=logo_data_uri(plan),
                    labels={k: tr.t(f"cover.{k}") for k in ("prepared_for", "period",
                                                            "prepared_by", "date")},
                    period=intro, author=plan.brief.client.author, date=tr.date(plan.date),
                    toc_title=tr.t("toc.title"), toc_marker=TOC_MARKER,
                    lang=plan.brief.client.language)),
        Html(render("heading.html.j2", level=2, id="scorecard",
                    text=tr.t("tracking.scorecard"))),
        Html(render("scorecard.html.j2", rows=rows, headers=[
            tr.t("table.objective"), tr.t("table.kpi"), tr.t("tracking.expected"),
            tr.t("tracking.actual"), tr.t("table.target"), tr.t("tracking.to_goal"),
            tr.t("tracking.status_title")], to_goal=[tr.percent(r["to_goal"], 0)
                                                     if r["to_goal"] is not None else
                                                     tr.t("common.na") for r in rows])),
    ]
    plan.record.tables["scorecard"] = {"chapter": "tracking", "title": tr.t(
        "tracking.scorecard"), "columns": [], "rows": [
        {k: v for k, v in r.items() if k not in ("kpi", "objective", "status_name")}
        for r in rows]}
    plan.record.frames["scorecard"] = pd.DataFrame(rows).drop(
        columns=["kpi", "status_name"])
    blocks += [Html(render("heading.html.j2", level=2, id="change",
                           text=tr.t("tracking.change"))),
               Html(render("list.html.j2", items=changes or [tr.t("tracking.all_on_track")],
                           css="smm-decision"))]
    if report.by_channel:
        frame = pd.DataFrame(report.by_channel)
        frame["platform_name"] = [platform_label(p) if p in platforms() else p
                                  for p in frame["platform"]]
        blocks += [Html(render("heading.html.j2", level=2, id="by-channel",
                               text=tr.t("tracking.by_channel"))),
                   plan.record.table("variance_by_channel", "tracking",
                                     tr.t("tracking.by_channel"), frame,
                                     [Column("platform_name", tr.t("table.platform")),
                                      Column("posts", tr.t("table.posts"),
                                             lambda v: tr.number(v)),
                                      Column("rate", tr.t("table.engagement_rate"),
                                             lambda v: tr.percent(v, 2)),
                                      Column("variance", tr.t("tracking.variance"),
                                             lambda v: tr.number(v, 2))])]
    if report.by_type:
        frame = pd.DataFrame(report.by_type)
        blocks += [Html(render("heading.html.j2", level=2, id="by-type",
                               text=tr.t("tracking.by_type"))),
                   plan.record.table("variance_by_type", "tracking", tr.t("tracking.by_type"),
                                     frame,
                                     [Column("content_type", tr.t("table.content_type")),
                                      Column("posts", tr.t("table.posts"),
                                             lambda v: tr.number(v)),
                                      Column("rate", tr.t("table.engagement_rate"),
                                             lambda v: tr.percent(v, 2)),
                                      Column("baseline", tr.t("table.baseline"),
                                             lambda v: tr.percent(v, 2)),
                                      Column("variance", tr.t("tracking.variance"),
                                             lambda v: tr.number(v, 2))])]
    blocks.append(Html(render("paragraph.html.j2", css="smm-note", text=tr.t(
        "tracking.files", files=", ".join(report.files)))))
    return Section(*blocks)

