"""The tracking report (``smmplan track``): what ``tracking.track`` computed, shown."""

from __future__ import annotations

import pandas as pd

from ..brief import platforms
from ..charts import actuals_trajectory_chart, delivery_chart, variance_waterfall
from ..plan import Plan
from ..report import Column, Html, render
from ..tracking import Report
from .base import TOC_MARKER, Section, kpi_value, platform_label, text_on, weekday_name
from .summary import logo_data_uri

CHAPTER = "tracking"


def _platform(key: str | None) -> str:
    return platform_label(key) if key in platforms() else (key or "")


def _percent(tr):
    """A column format: a percentage with two decimals, or "n/a" when unmeasured."""
    return lambda v: tr.percent(v, 2) if v is not None else tr.t("common.na")


def _label(plan: Plan, family: str, key: str | None) -> str:
    tr = plan.tr
    return tr.t(f"{family}.{key}") if key and tr.has(f"{family}.{key}") else (key or "")


def _heading(plan: Plan, id_: str, key: str) -> Html:
    return Html(render("heading.html.j2", level=2, id=id_, text=plan.tr.t(key)))


def _para(text: str, css: str = "smm-note") -> Html:
    return Html(render("paragraph.html.j2", css=css, text=text))


def _needs(plan: Plan, source: str) -> str:
    return plan.tr.t("tracking.not_measured", needs=plan.tr.t(f"tracking.needs.{source}"))


def _action_text(plan: Plan, a: dict) -> str:
    """One action in words, with its figures formatted for the client."""
    tr = plan.tr
    kpi = a.get("kpi")
    values: dict[str, str] = {}
    for key, value in a.items():
        if key == "kind":
            continue
        if key == "kpi":
            values[key] = tr.t(f"kpi.{value}")
        elif key in ("target", "realistic_target", "actual"):
            values[key] = kpi_value(plan, kpi, value)
        elif key in ("progress", "expected_progress", "share", "planned_share"):
            values[key] = tr.percent(value, 0) if value is not None else tr.t("common.na")
        elif key in ("rate", "average"):
            values[key] = tr.percent(value, 2)
        elif key in ("cpa", "marginal_cpa", "break_even_cpa", "spend"):
            values[key] = tr.money(value, 2) if value is not None else tr.t("common.na")
        elif key == "platform":
            values[key] = _platform(value)
        elif key == "format":
            values[key] = _label(plan, "format", value)
        elif key == "weekday":
            values[key] = weekday_name(plan, value)
        elif key == "hour":
            values[key] = f"{value:02d}:00"
        elif key in ("scheduled", "published", "posts"):
            values[key] = tr.number(value)
        elif key == "gap":
            values[key] = tr.number(abs(value))
        else:
            values[key] = str(value)
    return tr.t(f"tracking.action.{a['kind']}", **values)


def _cover(plan: Plan, report: Report) -> Html:
    tr = plan.tr
    name = plan.brief.client.name
    period = tr.t("tracking.intro", client=name,
                  start=tr.date(pd.Timestamp(report.period_start).date()),
                  end=tr.date(pd.Timestamp(report.period_end).date()),
                  month=report.month_index + 1) if report.period_start else tr.t(
        "tracking.intro_nodates", client=name, month=report.month_index + 1)
    labels = {k: tr.t(f"cover.{k}") for k in ("prepared_for", "prepared_by", "date")}
    labels["period"] = tr.t("tracking.cover_actuals")
    return Html(render("cover.html.j2", primary=plan.theme.primary,
                       secondary=plan.theme.secondary,
                       on_primary=text_on(plan.theme.primary),
                       on_secondary=text_on(plan.theme.secondary),
                       title=tr.t("tracking.title"), client=name,
                       sector=plan.brief.client.sector, logo=logo_data_uri(plan),
                       labels=labels, period=period, author=plan.brief.client.author,
                       date=tr.date(plan.date), toc_title=tr.t("toc.title"),
                       toc_marker=TOC_MARKER, lang=plan.brief.client.language))


def _scorecard(plan: Plan, report: Report) -> list:
    tr = plan.tr
    rows = []
    for r in report.scorecard:
        name = r.goal or (tr.t(f"objective.{r.objective}") if tr.has(
            f"objective.{r.objective}") else r.objective)
        call = None
        if r.call == "raise_target":
            call = tr.t("tracking.call.raise_target")
        elif r.call == "unrealistic":
            call = tr.t("tracking.call.unrealistic",
                        value=kpi_value(plan, r.kpi, r.realistic_target))
        rows.append({
            "objective": name, "kpi": tr.t(f"kpi.{r.kpi}")
            + (f" ({_platform(r.platform)})" if r.platform else ""),
            "kpi_id": r.kpi, "baseline": r.baseline, "actual": r.actual,
            "expected": r.expected, "target": r.target, "progress": r.progress,
            "pace": r.pace, "status": r.status, "call": r.call,
            "realistic_target": r.realistic_target,
            "baseline_text": kpi_value(plan, r.kpi, r.baseline),
            "actual_text": kpi_value(plan, r.kpi, r.actual) if r.actual is not None
            else _needs(plan, r.needs or "data"),
            "expected_text": kpi_value(plan, r.kpi, r.expected),
            "target_text": kpi_value(plan, r.kpi, r.target),
            "progress_text": tr.percent(r.progress, 0) if r.progress is not None
            else tr.t("common.na"),
            "pace_text": tr.t(f"tracking.pace.{r.pace}") if r.pace else tr.t("common.na"),
            "status_name": tr.t(f"tracking.status.{r.status}"), "call_text": call})
    keep = ("objective", "kpi_id", "baseline", "actual", "expected", "target", "progress",
            "pace", "status", "call", "realistic_target")
    headers = [tr.t("table.objective"), tr.t("table.kpi"), tr.t("table.baseline"),
               tr.t("tracking.actual"), tr.t("tracking.expected_period"),
               tr.t("table.target"), tr.t("tracking.progress"), tr.t("tracking.pace_title"),
               tr.t("tracking.status_title")]
    plan.record.tables["scorecard"] = {
        "chapter": CHAPTER, "title": tr.t("tracking.scorecard"),
        "columns": [{"key": k, "header": h} for k, h in zip(
            ("objective", "kpi_id", "baseline", "actual", "expected", "target", "progress",
             "pace", "status"), headers, strict=True)],
        "rows": [{k: r[k] for k in keep} for r in rows]}
    plan.record.frames["scorecard"] = pd.DataFrame([{k: r[k] for k in keep} for r in rows])
    return [_heading(plan, "scorecard", "tracking.scorecard"),
            _para(tr.t("tracking.scorecard_how")),
            Html(render("scorecard.html.j2", rows=rows, headers=headers))]


def _trajectories(plan: Plan, report: Report) -> list:
    tr = plan.tr
    months = [m.isoformat() for m in plan.brief.client.period.month_starts]
    blocks = []
    for r in report.scorecard:
        points = [t for t in report.trend if t["kpi"] == r.kpi]
        if r.baseline is None or not points:
            continue
        planned = next((o.trajectory for o in plan.objectives.objectives
                        if o.kpi == r.kpi), [])  # the plan's one path (objective_paths)
        if not planned:
            continue
        values = {f"{t['month']}-01": t["actual"] for t in points}
        fig = actuals_trajectory_chart(
            months, planned, [values.get(m) for m in months],
            r.baseline, tr.t("tracking.chart.trajectory", kpi=tr.t(f"kpi.{r.kpi}")),
            tr.t(f"kpi.{r.kpi}"), tr, plan.theme)
        blocks.append(plan.record.figure(f"tracking_trajectory_{r.kpi}", CHAPTER, fig))
    return blocks


def _delivery(plan: Plan, report: Report) -> list:
    tr, d = plan.tr, report.delivery
    blocks = [_heading(plan, "delivery", "tracking.delivery"),
              _para(tr.t("tracking.delivery_intro", scheduled=tr.number(d["scheduled"]),
                         published=tr.number(d["published"])), "smm-lead")]
    if d["platform"]:
        names = [_platform(r["platform"]) for r in d["platform"]]
        blocks.append(plan.record.figure("tracking_delivery", CHAPTER, delivery_chart(
            names, [r["scheduled"] for r in d["platform"]],
            [r["published"] for r in d["platform"]], tr, plan.theme)))
    counts = [Column("scheduled", tr.t("tracking.scheduled"), lambda v: tr.number(v)),
              Column("published", tr.t("tracking.published"), lambda v: tr.number(v)),
              Column("gap", tr.t("tracking.gap"), lambda v: f"{v:+d}")]
    if d["platform_format"]:
        frame = pd.DataFrame(d["platform_format"])
        frame["platform_name"] = [_platform(p) for p in frame["platform"]]
        frame["format_name"] = [_label(plan, "format", f) for f in frame["format"]]
        blocks.append(plan.record.table(
            "delivery_by_format", CHAPTER, tr.t("tracking.delivery_format"), frame,
            [Column("platform_name", tr.t("table.platform")),
             Column("format_name", tr.t("tracking.format")), *counts]))
    if d["pillar"]:
        frame = pd.DataFrame(d["pillar"])
        frame["pillar_name"] = [_label(plan, "pillar", p) for p in frame["pillar"]]
        blocks.append(plan.record.table(
            "delivery_by_pillar", CHAPTER, tr.t("tracking.delivery_pillar"), frame,
            [Column("pillar_name", tr.t("tracking.pillar")), *counts]))
    else:
        blocks.append(_para(tr.t("tracking.pillar_missing")))
    sp = d["sponsored"]
    blocks.append(_para(tr.t("tracking.sponsored", scheduled=tr.number(sp["scheduled"]),
                             published=tr.number(sp["published"]))
                        if sp["published"] is not None else
                        tr.t("tracking.sponsored_unknown",
                             scheduled=tr.number(sp["scheduled"]))))
    return blocks


def _variance(plan: Plan, report: Report) -> list:
    tr = plan.tr
    blocks = []
    pct = _percent(tr)

    def pts(v):
        return (("+" if v > 0 else "") + tr.number(v, 2) if v is not None
               else tr.t("common.na"))
    def share(v):
        return (tr.percent(v, 0) if v is not None else tr.t("common.na"))
    common = [Column("posts", tr.t("table.posts"), lambda v: tr.number(v)),
              Column("rate", tr.t("table.engagement_rate"), pct),
              Column("baseline", tr.t("tracking.own_baseline"), pct),
              Column("variance", tr.t("tracking.variance"), pts),
              Column("share", tr.t("tracking.share"), share),
              Column("planned_share", tr.t("tracking.planned_share"), share)]
    if report.by_channel:
        frame = pd.DataFrame(report.by_channel)
        frame["platform_name"] = [_platform(p) for p in frame["platform"]]
        blocks += [_heading(plan, "by-channel", "tracking.by_channel"),
                   plan.record.table("variance_by_channel", CHAPTER,
                                     tr.t("tracking.by_channel"), frame,
                                     [Column("platform_name", tr.t("table.platform")),
                                      *common])]
    if report.by_type:
        blocks += [_heading(plan, "by-type", "tracking.by_type"),
                   plan.record.table("variance_by_type", CHAPTER, tr.t("tracking.by_type"),
                                     pd.DataFrame(report.by_type),
                                     [Column("content_type", tr.t("table.content_type")),
                                      *common])]
    dec = report.decomposition
    if dec and dec["change"] is not None:
        blocks += [_para(tr.t("tracking.decomposition", baseline=pct(dec["baseline"]),
                              actual=pct(dec["actual"]), mix=pts(dec["mix"]),
                              rate=pts(dec["rate"])), "smm-lead"),
                   plan.record.figure("tracking_variance", CHAPTER, variance_waterfall(
                       [tr.t("table.baseline"), tr.t("tracking.mix"), tr.t("tracking.rate"),
                        tr.t("tracking.actual")],
                       [dec["baseline"], dec["mix"], dec["rate"], dec["actual"]], tr,
                       plan.theme))]
    return blocks


def _paid(plan: Plan, report: Report) -> list:
    tr = plan.tr
    blocks = [_heading(plan, "paid", "tracking.paid")]
    if report.paid is None:
        return blocks + [_para(_needs(plan, "ads"))]
    def money(v):
        return (tr.money(v) if v is not None else tr.t("common.na"))
    def ratio(v):
        return (tr.number(v, 2) if v is not None else tr.t("common.na"))
    frame = pd.DataFrame(report.paid["lines"] + [{**report.paid["total"], "platform": "",
                                                  "action": None}])
    frame["platform_name"] = [_platform(p) if p else tr.t("tracking.total")
                              for p in frame["platform"]]
    frame["action_name"] = [tr.t(f"tracking.paid_action.{a}") if isinstance(a, str) else ""
                            for a in frame["action"]]
    blocks.append(plan.record.table(
        "paid_vs_forecast", CHAPTER, tr.t("tracking.paid"), frame,
        [Column("platform_name", tr.t("table.platform")),
         Column("spend", tr.t("table.spend"), money),
         Column("planned_spend", tr.t("tracking.planned_spend"), money),
         Column("conversions", tr.t("table.conversions"), lambda v: tr.number(v)),
         Column("planned_conversions", tr.t("tracking.planned_conversions"),
                lambda v: tr.number(v)),
         Column("revenue", tr.t("table.revenue"), money),
         Column("planned_revenue", tr.t("tracking.planned_revenue"), money),
         Column("roas", tr.t("table.roas"), ratio),
         Column("planned_roas", tr.t("tracking.planned_roas"), ratio),
         Column("cpa", tr.t("table.cpa"), money),
         Column("marginal_cpa", tr.t("table.marginal_cpa"), money),
         Column("action_name", tr.t("table.action"))]))
    if report.paid["break_even_cpa"] is not None:
        blocks.append(_para(tr.t("tracking.break_even",
                                 value=tr.money(report.paid["break_even_cpa"], 2))))
    return blocks


def _measures(plan: Plan, report: Report) -> list:
    tr = plan.tr
    pct = _percent(tr)
    rows = []
    for m in report.measures:
        kpi = m["kpi"]
        rows.append({"measure": m["measure"], "name": tr.t(f"measure.{m['measure']}"),
                     "kpi": tr.t(f"kpi.{kpi}") if kpi else "",
                     "baseline": m["baseline"], "actual": m["actual"],
                     "baseline_text": kpi_value(plan, kpi, m["baseline"]) if kpi
                     else tr.t("common.na"),
                     "actual_text": kpi_value(plan, kpi, m["actual"]) if m["actual"]
                     is not None else _needs(plan, m["needs"])})
    blocks = [_heading(plan, "measures", "tracking.measures"),
              plan.record.table("measures", CHAPTER, tr.t("tracking.measures"),
                                pd.DataFrame(rows),
                                [Column("name", tr.t("table.measure")),
                                 Column("kpi", tr.t("table.kpi")),
                                 Column("baseline_text", tr.t("table.baseline")),
                                 Column("actual_text", tr.t("tracking.actual"))])]
    if report.followers:
        frame = pd.DataFrame(report.followers)
        frame["platform_name"] = [_platform(p) for p in frame["platform"]]
        blocks.append(plan.record.table(
            "followers", CHAPTER, tr.t("tracking.followers"), frame,
            [Column("platform_name", tr.t("table.platform")),
             Column("start", tr.t("tracking.followers_start"), lambda v: tr.number(v)),
             Column("end", tr.t("tracking.followers_end"), lambda v: tr.number(v)),
             Column("monthly", tr.t("tracking.monthly_growth"), pct),
             Column("baseline_monthly", tr.t("tracking.baseline_growth"), pct)]))
    if report.link_clicks:
        frame = pd.DataFrame(report.link_clicks)
        frame["platform_name"] = [_platform(p) if p else tr.t("tracking.total")
                                  for p in frame["platform"]]
        blocks.append(plan.record.table(
            "link_clicks", CHAPTER, tr.t("tracking.link_clicks"), frame,
            [Column("platform_name", tr.t("table.platform")),
             Column("clicks", tr.t("table.clicks"), lambda v: tr.number(v)),
             Column("per_post", tr.t("tracking.per_post"), lambda v: tr.number(v, 1)),
             Column("ctr", tr.t("tracking.click_rate"), pct),
             Column("baseline_ctr", tr.t("tracking.baseline_click_rate"), pct)]))
    return blocks


def _trend(plan: Plan, report: Report) -> list:
    tr = plan.tr
    if not report.trend:
        return []
    frame = pd.DataFrame(report.trend)
    frame["month_name"] = [tr.month(pd.Timestamp(f"{m}-01").date()) for m in frame["month"]]
    frame["kpi_name"] = [tr.t(f"kpi.{k}") for k in frame["kpi"]]
    frame["actual_text"] = [kpi_value(plan, k, v) for k, v in zip(frame["kpi"],
                                                                  frame["actual"], strict=True)]
    frame["expected_text"] = [kpi_value(plan, k, v) for k, v in zip(frame["kpi"],
                                                                    frame["expected"], strict=True)]
    return [_heading(plan, "trend", "tracking.trend"),
            plan.record.table("trend", CHAPTER, tr.t("tracking.trend"), frame,
                              [Column("month_name", tr.t("table.month")),
                               Column("kpi_name", tr.t("table.kpi")),
                               Column("actual_text", tr.t("tracking.actual")),
                               Column("expected_text", tr.t("tracking.expected_month")),
                               Column("posts", tr.t("tracking.published"),
                                      lambda v: tr.number(v)),
                               Column("scheduled", tr.t("tracking.scheduled"),
                                      lambda v: tr.number(v))])]


def tracking_report(plan: Plan, report: Report) -> Section:
    """Cover, scorecard, what to change, trajectories, delivery, variance, paid, the eight
    measures and the month-by-month trend."""
    tr = plan.tr
    actions = [_action_text(plan, a) for a in report.actions]
    blocks = [_cover(plan, report), *_scorecard(plan, report),
              _heading(plan, "change", "tracking.change"),
              Html(render("list.html.j2", items=actions or [tr.t("tracking.all_on_track")],
                          css="smm-decision")),
              *_trajectories(plan, report), *_delivery(plan, report),
              *_variance(plan, report), *_paid(plan, report), *_measures(plan, report),
              *_trend(plan, report)]
    if report.missing:
        blocks += [_heading(plan, "missing", "tracking.missing_title"),
                   Html(render("list.html.j2", items=[tr.t(f"tracking.needs.{m}")
                                                      for m in report.missing], css=""))]
    blocks.append(_para(tr.t("tracking.files", files=", ".join(report.files))))
    return Section(*blocks)


def tracking_footer(plan: Plan) -> Section:
    """The report's provenance footer ("Report generated by ...")."""
    tr, prov = plan.tr, plan.provenance()
    rows = [(tr.t("footer.brief"), prov["brief"]["name"], prov["brief"]["sha256"])]
    rows += [(tr.t("footer.data_file"), f["name"], f["sha256"]) for f in prov["data_files"]]
    return Section(Html(render(
        "footer.html.j2", generated=tr.t("tracking.generated",
                                         version=prov["smmplan_version"],
                                         date=tr.date(plan.date)),
        sha_label=tr.t("footer.sha256"), rows=rows)))


