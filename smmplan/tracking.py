"""Tracking actuals against the plan (``smmplan track``): the plan's KPIs recomputed from
a period's exports by the same readers and definitions, each objective's progress from
its baseline towards its target and its pace against the trajectory, variance of each
channel and content type against its own baseline, delivery against the calendar, the
paid budget against its forecast, the source document's eight measures, and actions each
backed by its figure. Rules and thresholds: ``data/tracking.yaml``.

Progress maths (``assess``), for a KPI going from ``baseline`` towards ``target``:
- progress = (actual − baseline) / (target − baseline) × 100: % of the way covered (negative
  when the KPI moved away from its target);
- deviation = (actual − expected) / |expected| × 100, signed so that positive means further
  towards the target; ``expected`` is the trajectory's mean over the months covered (its
  last covered month's value for a level such as followers);
- pace: ahead / on / behind by the ``pace.on_band``; status: green when on or ahead (or the
  target met), amber when behind, red when behind by more than ``pace.alert`` % or worse
  than the baseline; a target met before its deadline, or covered far ahead of the
  trajectory, is called "raise the target";
- a target the plan flagged as beyond the realistic pace is called unrealistic and paced
  against the trajectory to its realistic alternative instead.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from .brief import Brief
from .catalogue import tracking_rules as rules
from .delivery import (
    audience_growth,
    calendar_format,
    decompose,
    delivery,
    extra_column,
    follower_growth,
    paid_lines,
)
from .errors import DataError
from .exports.ads import ads_frame, conversion_rows
from .exports.comments import comment_texts
from .exports.posts import posts_frame, read_posts
from .exports.table import read_header, read_table
from .exports.web import web_frame
from .goals import counted_frame, lead_event, match_kpi
from .jsondata import as_data
from .metrics import RANKING_KPI, by_group, frame_metric
from .objective_paths import committed_value
from .objectives import comment_kpis, goal_web_kpis, kpi_catalogue, post_kpis
from .plan import Plan
from .posts_week import export_posts_per_week

# --- Progress maths -------------------------------------------------------------------

@dataclass
class Assessment:
    progress: float | None  # % of the way from baseline to target
    expected_progress: float | None  # % of the way the trajectory expects by now
    deviation: float | None  # % from the trajectory, positive = towards the target
    pace: str | None  # ahead / on / behind
    status: str  # green / amber / red / not_measured
    call: str | None = None  # raise_target


def assess(baseline: float | None, actual: float | None, expected: float | None,
           target: float | None, direction: str = "up", final: bool = False) -> Assessment:
    """Progress, pace and status of one KPI (module doc). ``final``: the actuals reach the
    target's deadline month (a target met then is met, not too soft)."""
    if actual is None or baseline is None or target is None or expected is None:
        return Assessment(None, None, None, None, "not_measured")
    r = rules()
    toward = float(np.sign(target - baseline)) or (1.0 if direction == "up" else -1.0)
    span = target - baseline
    progress = (actual - baseline) / span * 100 if span else None
    expected_progress = (expected - baseline) / span * 100 if span else None
    deviation = (actual - expected) / abs(expected) * 100 * toward if expected else None
    band = r["pace"]["on_band"]
    pace = None if deviation is None else "ahead" if deviation > band else \
        "behind" if deviation < -band else "on"
    met = (actual - target) * toward >= 0
    lost = (actual - baseline) * toward < 0
    if met:
        status = "green"
    elif lost or (deviation is not None and deviation < -r["pace"]["alert"]):
        status = "red"
    elif pace == "behind":
        status = "amber"
    else:
        status = "green"
    soft = r["raise_target"]
    call = None
    if not final and (met or (progress is not None and expected_progress is not None and
                              progress >= soft["share"] and
                              progress >= soft["factor"] * max(expected_progress, 0))):
        call = "raise_target"
    def rnd(v):
        return (None if v is None else round(v, 1))
    return Assessment(rnd(progress), rnd(expected_progress), rnd(deviation), pace, status,
                      call)


# --- The report -----------------------------------------------------------------------

@dataclass
class ScoreRow:
    objective: str
    kpi: str
    goal: str
    platform: str | None
    baseline: float | None
    basis: str
    expected: float | None  # the trajectory's value for the period (see the module doc)
    actual: float | None
    target: float | None
    progress: float | None
    expected_progress: float | None
    deviation: float | None
    pace: str | None
    status: str  # green / amber / red / not_measured
    call: str | None  # raise_target / unrealistic
    realistic_target: float | None  # when the target is unrealistic: the reachable value
    reference: str  # "target", or "realistic" when paced against the realistic target
    needs: str | None  # the source to give when not measured (tracking.needs.<source>)


@dataclass
class Report:
    period_start: str | None
    period_end: str | None
    month_index: int  # 0-based month of the plan the actuals end in
    months: list[str]  # the plan months the actuals cover
    files: list[str]
    scorecard: list[ScoreRow]
    by_channel: list[dict]
    by_type: list[dict]
    decomposition: dict | None
    delivery: dict
    paid: dict | None
    measures: list[dict]
    followers: list[dict]
    link_clicks: list[dict]
    trend: list[dict]
    actions: list[dict]
    missing: list[str] = field(default_factory=list)  # sources not given: tracking.needs.*
    notes: list[str] = field(default_factory=list)

    def to_json(self) -> dict:
        return as_data(self)


ACTUALS = {"posts": "posts.csv", "web_analytics": "web_analytics.csv",
           "comments": "comments.csv", "ads": "ads.csv"}  # kind -> default file name


def _find(folder: Path, name: str, brief: Brief, kind: str) -> Path | None:
    """The actuals file of a kind: the brief's file name, else the default one."""
    spec = getattr(brief.data, kind)
    candidates = [folder / name]
    if spec is not None:
        candidates.insert(0, folder / Path(spec.path).name)
    return next((p for p in candidates if p.is_file()), None)


def _read(folder: Path, name: str, plan: Plan, kind: str):
    spec = getattr(plan.brief.data, kind)
    found = _find(folder, name, plan.brief, kind)
    if found is None:
        return None, None, {}
    return found, read_table(found, spec.sheet if spec else None), (spec.columns if spec
                                                                     else {})


def check_actuals(brief: Brief, actuals: str | Path) -> list[str]:
    """Problems with a period's exports, found before any kernel starts, one line each
    naming the file, the column and what is wrong (as ``validate`` does for a brief)."""
    folder = Path(actuals)
    if not folder.is_dir():
        return [f"{folder}: the actuals folder does not exist"]
    problems, found = [], 0
    for kind, name in ACTUALS.items():
        file = _find(folder, name, brief, kind)
        if file is None:
            continue
        found += 1
        spec = getattr(brief.data, kind)
        try:
            header = read_header(file, spec.sheet if spec else None)
        except Exception as exc:  # any reader failure is a user-facing data problem
            problems.append(f"{file}: cannot be read: {exc}")
            continue
        for ours, theirs in (spec.columns if spec else {}).items():
            if theirs not in header:
                shown = ", ".join(header[:12]) + (", ..." if len(header) > 12 else "")
                problems.append(f"{file}: column {theirs!r} (data.{kind}.columns.{ours} in "
                                f"{brief.source}) is not in the file (its columns: {shown})")
    if not found:
        problems.append(f"{folder}: no actuals found (expected "
                        f"{' and/or '.join(ACTUALS.values())}, or the file names the "
                        "brief uses)")
    return problems


def _covered(plan: Plan, dates: list[pd.Timestamp]) -> list[int]:
    """The plan months (0-based) from the first to the last date of the actuals."""
    start = plan.brief.client.period.start
    n = plan.brief.client.period.months

    def index(d: pd.Timestamp) -> int:
        return max(0, min(n - 1, (d.year - start.year) * 12 + d.month - start.month))

    if not dates:
        return [0]
    return list(range(index(min(dates)), index(max(dates)) + 1))


def _actions(report: Report, posts: pd.DataFrame | None) -> list[dict]:
    """What to change, each with the figure behind it (data/tracking.yaml thresholds)."""
    r = rules()
    out: list[dict] = []
    for row in report.scorecard:
        if row.call == "unrealistic":
            out.append({"kind": "unrealistic" if row.actual is not None else
                        "unrealistic_unmeasured", "kpi": row.kpi, "target": row.target,
                        "realistic_target": row.realistic_target, "actual": row.actual})
        elif row.call == "raise_target":
            out.append({"kind": "raise_target", "kpi": row.kpi, "progress": row.progress,
                        "expected_progress": row.expected_progress, "target": row.target,
                        "actual": row.actual})
    if posts is not None and len(posts):
        average = frame_metric(posts, RANKING_KPI)
        a = r["actions"]
        for t in sorted(report.by_type, key=lambda t: -(t["rate"] or 0)):
            if t["posts"] < a["min_posts"] or not average or t["rate"] is None:
                continue
            kind = "push_format" if t["rate"] >= a["push"] * average else \
                "cut_format" if t["rate"] <= a["cut"] * average else None
            if kind:
                out.append({"kind": kind, "content_type": t["content_type"],
                            "rate": t["rate"], "average": average, "share": t["share"],
                            "planned_share": t["planned_share"]})
        windows = posts.groupby(["weekday", "hour"]).agg(
            posts=("rate", "size"), rate=("rate", "mean")).reset_index()
        windows = windows[windows["posts"] >= a["window_posts"]].sort_values(
            ["rate", "weekday", "hour"], ascending=[False, True, True])
        if len(windows) >= 2:
            for kind, w in (("best_window", windows.iloc[0]), ("worst_window",
                                                               windows.iloc[-1])):
                out.append({"kind": kind, "weekday": int(w["weekday"]), "hour": int(w["hour"]),
                            "rate": float(w["rate"]), "posts": int(w["posts"]),
                            "average": float(posts["rate"].mean())})
    d, rule = report.delivery, r["delivery"]
    for row in d["platform"]:
        if row["scheduled"] and row["published"] == 0:
            out.append({"kind": "missing_platform", **row})
        elif abs(row["gap"]) >= rule["posts"] and (
                not row["scheduled"] or abs(row["gap"]) / row["scheduled"] * 100 >= rule["share"]):
            out.append({"kind": "over_delivered" if row["gap"] > 0 else "under_delivered",
                        **row})
    silent = {row["platform"] for row in d["platform"] if row["published"] == 0}
    for row in d["platform_format"]:
        if row["scheduled"] and row["published"] == 0 and row["platform"] not in silent:
            out.append({"kind": "missing_format", **row})
    sp = d["sponsored"]
    if sp["published"] is not None and sp["scheduled"] and \
            abs(sp["published"] - sp["scheduled"]) >= rule["posts"]:
        out.append({"kind": "sponsored_gap", **sp})
    for line in (report.paid or {}).get("lines", []):
        if line["action"]:
            out.append({"kind": f"paid_{line['action']}", "platform": line["platform"],
                        "cpa": line["cpa"], "marginal_cpa": line["marginal_cpa"],
                        "break_even_cpa": line["break_even_cpa"], "spend": line["spend"]})
    return out


def _value(measured: dict, kpi: str) -> float | None:
    v = measured.get(kpi)
    return None if v is None or (isinstance(v, float) and math.isnan(v)) else float(v)


def tracked_leads(brief: Brief, web: pd.DataFrame | None, ads: pd.DataFrame | None,
                  forms: dict | None) -> float | None:
    """The leads a leads goal counts in the actuals: the web export's social key events of
    the goal's own event (``goals.counted_frame``, its baseline's definition), plus the
    conversions of the ads export's conversion campaigns on the platforms that collect
    leads on their own lead gen forms (``forms``: ``Paid.lead_forms``), which never visit
    the site; None without either export."""
    found = []
    if web is not None:
        event = next((lead_event(g) for g in brief.goals.business_goals
                      if match_kpi(g) == "leads_per_month"), None)
        frame = counted_frame(web, event)[0]
        found.append(float(frame.loc[frame["social"].astype(bool), "conversions"].sum()))
    if ads is not None and forms and "platform" in ads:
        rows = conversion_rows(ads)
        found.append(float(rows.loc[rows["platform"].isin(list(forms)), "conversions"].sum()))
    return sum(found) if found else None


def track(plan: Plan, actuals: str | Path) -> Report:
    """The tracking report for the exports in ``actuals`` (same layouts as the brief's)."""
    folder = Path(actuals)
    if not folder.is_dir():
        raise DataError(f"{folder}: the actuals folder does not exist")
    brief, cat, r = plan.brief, kpi_catalogue(), rules()
    measured: dict[str, float | None] = {}
    files: list[str] = []
    dates: list[pd.Timestamp] = []
    posts_path, posts_table, posts_cols = _read(folder, "posts.csv", plan, "posts")
    posts = None
    if posts_table is not None:
        # actuals belong to the plan period: later dates are the impossible ones
        latest = pd.Timestamp(brief.client.period.end) + pd.Timedelta(days=1)
        try:
            posts = posts_frame(posts_table, posts_cols, latest=latest)
        except KeyError as exc:
            raise DataError(f"{posts_path}: missing column {exc}") from None
        if posts is None or posts.empty:
            raise DataError(f"{posts_path}: no usable post rows (reach and dates needed)")
        measured.update(post_kpis(posts))
        measured["audience_growth_rate"] = audience_growth(posts)
        files.append(posts_path.name)
        if "date" in posts:
            dates += list(posts["date"].dropna())
    web_path, web_table, web_cols = _read(folder, "web_analytics.csv", plan, "web_analytics")
    web = None
    if web_table is not None:
        web = web_frame(web_table, web_cols, str(web_path))
        measured.update(goal_web_kpis(brief, web)[0])  # the plan's definition of a conversion
        files.append(web_path.name)
    com_path, com_table, com_cols = _read(folder, "comments.csv", plan, "comments")
    if com_table is not None:
        measured.update(comment_kpis(comment_texts(com_table, com_cols, str(com_path))))
        files.append(com_path.name)
    ads_path, ads_table, ads_cols = _read(folder, "ads.csv", plan, "ads")
    ads = None
    if ads_table is not None:
        ads = ads_frame(ads_table, ads_cols, str(ads_path))
        files.append(ads_path.name)
        if "start" in ads and ads["start"].notna().any():
            dates += list(ads["start"].dropna())
    if not files:
        raise DataError(f"{folder}: no actuals found (expected "
                        f"{' and/or '.join(ACTUALS.values())}, or the file names the "
                        "brief uses)")
    covered = _covered(plan, dates)
    month = covered[-1]
    plan_months = [m.isoformat() for m in brief.client.period.month_starts]
    months = [plan_months[i] for i in covered]
    n_months = len(covered)
    if ads is not None:
        conv = float(ads["conversions"].sum())
        clicks, imps = float(ads["clicks"].sum()), float(ads["impressions"].sum())
        measured.update({"ctr": clicks / imps * 100 if imps else None,
                         "cvr": conv / clicks * 100 if clicks else None})
        sold = conversion_rows(ads)  # ROAS and cost per conversion as the plan defines
        c_spend, c_conv = float(sold["spend"].sum()), float(sold["conversions"].sum())
        measured["cpa"] = c_spend / c_conv if c_conv else None  # them: conversion campaigns
        if "revenue" in ads:
            c_rev = float(sold["revenue"].sum())  # the revenue goal's rows too (its
            measured["roas"] = c_rev / c_spend if c_spend else None  # baseline's, target's)
            measured["social_revenue"] = c_rev / n_months * brief.goals.horizon_months
    if posts is not None:  # posts a week as the baseline counts them (posts_week.py)
        measured["posts_per_week"] = export_posts_per_week(posts, whole_months=True)
    leads = tracked_leads(brief, web, ads, getattr(plan.paid, "lead_forms", None))
    if leads is not None:
        measured["leads_per_month"] = leads / n_months
    last_followers = {}
    if posts is not None and "followers" in posts and "date" in posts:
        ordered = posts.dropna(subset=["followers", "date"]).sort_values("date", kind="stable")
        last_followers = ordered.groupby("platform")["followers"].last().to_dict()

    # 1. scorecard
    rows: list[ScoreRow] = []
    final = month == brief.client.period.months - 1
    for o in plan.objectives.objectives:
        if o.kpi == "followers":
            actual = (last_followers.get(o.platform) if o.platform else
                      (sum(last_followers.values()) if last_followers else None))
        else:
            actual = _value(measured, o.kpi)
        base, target = o.baseline.value, o.target
        goal_to = committed_value(o)  # the value the path runs to
        unrealistic = goal_to != target
        trajectory = o.trajectory  # the plan's one path (objective_paths)
        expected = None
        if trajectory:
            expected = trajectory[month] if o.kpi in r["levels"] else \
                float(np.mean([trajectory[i] for i in covered]))
            if o.path_basis == "forecast_month":  # a total's months: at the year's pace,
                expected *= len(trajectory)     # as the actuals are (``measured``)
        a = assess(base, actual, expected, goal_to, cat[o.kpi]["direction"], final)
        if unrealistic and a.call is None:
            a.call = "unrealistic"
        if actual is not None and base is not None and target is not None and unrealistic:
            a.progress = round((actual - base) / (target - base) * 100, 1) \
                if target != base else None  # of the way to the brief's own target
        rows.append(ScoreRow(
            o.objective, o.kpi, o.goal, o.platform, base, o.baseline.basis,
            None if expected is None else round(expected, 4),
            None if actual is None else round(actual, 4), target, a.progress,
            a.expected_progress, a.deviation, a.pace, a.status, a.call,
            o.realistic_target if unrealistic else None,
            "realistic" if unrealistic else "target",
            None if actual is not None else cat[o.kpi]["source"]))

    # 2. variance against each channel's and content type's own baseline and planned share
    history = read_posts(brief)
    slots = pd.DataFrame([as_data(s) for s in plan.channels.slots],
                         columns=["date", "time", "platform", "pillar", "format", "sponsored"])
    if len(slots):
        slots = slots[slots["date"].str[:7].isin([m[:7] for m in months])]
    by_channel, by_type, decomposition = [], [], None
    if posts is not None:
        plan_platform = slots.groupby("platform").size()
        base_platform = (by_group(history, "platform").set_index("platform")["rate"]
                         if history is not None else pd.Series(dtype=float))
        if (posts["platform"] != "").any():
            for row in by_group(posts, "platform").sort_values("platform").itertuples():
                before = base_platform.get(row.platform)
                before = None if before is None or pd.isna(before) else float(before)
                by_channel.append({
                    "platform": row.platform, "posts": int(row.posts), "rate": row.rate,
                    "baseline": before,
                    "variance": None if before is None or row.rate is None
                    else row.rate - before,
                    "share": row.posts / len(posts) * 100,
                    "planned_share": plan_platform.get(row.platform, 0) / len(slots) * 100
                    if len(slots) else None})
        base_type = (by_group(history, "content_type").set_index("content_type")["rate"]
                     if history is not None else pd.Series(dtype=float))
        slot_fmt = slots.groupby("format").size()
        for row in by_group(posts, "content_type").sort_values("content_type").itertuples():
            before = base_type.get(row.content_type)
            before = None if before is None or pd.isna(before) else float(before)
            formats = {calendar_format(p, row.content_type)
                       for p in posts.loc[posts["content_type"] == row.content_type,
                                          "platform"].unique()}
            by_type.append({
                "content_type": row.content_type, "posts": int(row.posts), "rate": row.rate,
                "baseline": before,
                "variance": None if before is None or row.rate is None else row.rate - before,
                "share": row.posts / len(posts) * 100,
                "planned_share": sum(int(slot_fmt.get(f, 0)) for f in formats) / len(slots)
                * 100 if len(slots) else None})
        if history is not None and len(history):
            decomposition = decompose(history, posts, "content_type")

    # 3. delivery against the calendar
    pillar_col = extra_column(posts_table, "pillar", posts_cols) \
        if posts_table is not None else None
    pillars = posts_table.loc[posts.index, pillar_col] if pillar_col and posts is not None \
        else None
    deliv = delivery(slots, posts, pillars)

    # 4. paid budget, the eight measures, followers, link clicks, month-by-month trend
    missing = []
    paid = paid_lines(plan, ads, months) if ads is not None else None
    if ads is None:
        missing.append("ads")
    if pillars is None:
        missing.append("pillar")
    before = post_kpis(history) if history is not None and len(history) else {}
    if before:
        before["audience_growth_rate"] = audience_growth(history)
    measures = []
    for m in plan.objectives.measurement:
        if m["measure"] is None:
            continue
        kpi = m["kpi"]
        if kpi is None:
            measures.append({"measure": m["measure"], "kpi": None, "baseline": None,
                             "actual": None, "change": None, "needs": m["source"]})
            continue
        base = before.get(kpi)
        if base is None and kpi in plan.objectives.baselines:
            base = plan.objectives.baselines[kpi].value
        act = _value(measured, kpi)
        measures.append({"measure": m["measure"], "kpi": kpi, "baseline": base,
                         "actual": act,
                         "change": act - base if act is not None and base is not None
                         else None, "needs": None if act is not None else m["source"]})
    missing += sorted({m["needs"] for m in measures if m["needs"]} |
                      {row.needs for row in rows if row.needs} - set(missing))
    followers = []
    if posts is not None:
        then = {f["platform"]: f for f in follower_growth(history)} \
            if history is not None else {}
        for f in follower_growth(posts):
            b = then.get(f["platform"])
            followers.append({**f, "baseline_monthly": b["monthly"] if b else None})
    clicks = []
    if posts_table is not None and posts is not None:
        col = extra_column(posts_table, "link_clicks", posts_cols)
        hist_table = None
        if col and brief.data.posts is not None and history is not None:
            hist_table = read_table(brief.resolve(brief.data.posts.path),
                                    brief.data.posts.sheet)
        hcol = extra_column(hist_table, "link_clicks", posts_cols) \
            if hist_table is not None else None
        if col:
            from .exports.values import parse_numbers

            now = posts.assign(clicks=parse_numbers(posts_table.loc[posts.index, col])
                               .fillna(0).to_numpy())
            then_ = history.assign(clicks=parse_numbers(hist_table.loc[history.index, hcol])
                                   .fillna(0).to_numpy()) if hcol else None
            for name, group in [("", now)] + list(now.groupby("platform", sort=True)):
                old = None
                if then_ is not None:
                    old = then_ if name == "" else then_[then_["platform"] == name]
                clicks.append({
                    "platform": name or None, "clicks": float(group["clicks"].sum()),
                    "per_post": float(group["clicks"].sum() / len(group)),
                    "ctr": float(group["clicks"].sum() / group["reach"].sum() * 100),
                    "baseline_ctr": float(old["clicks"].sum() / old["reach"].sum() * 100)
                    if old is not None and len(old) and old["reach"].sum() else None})
    trend = []
    if posts is not None and "date" in posts:
        by_month = posts.dropna(subset=["date"])
        for key, group in by_month.groupby(by_month["date"].dt.to_period("M")):
            index = plan_months.index(key.start_time.date().isoformat()) \
                if key.start_time.date().isoformat() in plan_months else None
            values = post_kpis(group)
            planned = int((slots["date"].str[:7] == str(key)).sum()) if len(slots) else 0
            for row in rows:
                if row.kpi not in values or values[row.kpi] is None:
                    continue
                o = next(o for o in plan.objectives.objectives if o.kpi == row.kpi)
                traj = o.trajectory  # the plan's one path (objective_paths)
                trend.append({"month": str(key), "kpi": row.kpi, "actual": values[row.kpi],
                              "expected": traj[index] if traj and index is not None
                              else None, "posts": len(group), "scheduled": planned})
    period_start = str(min(dates).date()) if dates else None
    period_end = str(max(dates).date()) if dates else None
    report = Report(period_start, period_end, month, months, files, rows, by_channel,
                    by_type, decomposition, deliv, paid, measures, followers, clicks, trend,
                    [], missing)
    report.actions = _actions(report, posts)
    return report
