"""Tracking actuals against the plan: KPIs recomputed from the exports of a period, a
"% to goal" scorecard with red / amber / green status, variance by channel and content
type, and what to change when off track.

% to goal = actual / expected x 100 for a KPI where higher is better (expected / actual
where lower is better), expected being the objective's trajectory for the last month the
actuals cover. Green from 95 %, amber from 85 % (the measurement plan's alert is 15 %
worse than the trajectory), red below.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from pathlib import Path

import pandas as pd

from .brief import Brief
from .errors import DataError
from .exports.comments import comment_texts
from .exports.posts import posts_frame
from .exports.table import read_header, read_table
from .exports.web import web_frame
from .metrics import RANKING_KPI, by_group, frame_metric
from .objectives import comment_kpis, kpi_catalogue, post_kpis, web_kpis
from .plan import Plan

GREEN, AMBER = 95.0, 85.0


@dataclass
class ScoreRow:
    objective: str
    kpi: str
    baseline: float | None
    expected: float | None
    actual: float | None
    target: float | None
    to_goal: float | None  # percent
    status: str  # green / amber / red / not_measured


@dataclass
class Report:
    period_start: str | None
    period_end: str | None
    month_index: int  # 0-based month of the plan the actuals end in
    files: list[str]
    scorecard: list[ScoreRow]
    by_channel: list[dict]
    by_type: list[dict]
    notes: list[str] = field(default_factory=list)

    def to_json(self) -> dict:
        return asdict(self)


def status_of(to_goal: float | None) -> str:
    """Red / amber / green from a % to goal."""
    if to_goal is None:
        return "not_measured"
    return "green" if to_goal >= GREEN else "amber" if to_goal >= AMBER else "red"


ACTUALS = {"posts": "posts.csv", "web_analytics": "web_analytics.csv",
           "comments": "comments.csv"}  # kind -> default file name in an actuals folder


def _find(folder: Path, name: str, brief: Brief, kind: str) -> Path | None:
    """The actuals file of a kind: the brief's file name, else the default one."""
    spec = getattr(brief.data, kind)
    candidates = [folder / name]
    if spec is not None:
        candidates.insert(0, folder / Path(spec.path).name)
    return next((path for path in candidates if path.is_file()), None)


def _read(folder: Path, name: str, plan: Plan, kind: str):
    spec = getattr(plan.brief.data, kind)
    path = _find(folder, name, plan.brief, kind)
    if path is None:
        return None, None, {}
    return path, read_table(path, spec.sheet if spec else None), (spec.columns if spec else {})


def check_actuals(brief: Brief, actuals: str | Path) -> list[str]:
    """Problems with a period's exports, found before any kernel starts, one line each
    naming the file, the column and what is wrong (as ``validate`` does for a brief)."""
    folder = Path(actuals)
    if not folder.is_dir():
        return [f"{folder}: the actuals folder does not exist"]
    problems, found = [], 0
    for kind, name in ACTUALS.items():
        path = _find(folder, name, brief, kind)
        if path is None:
            continue
        found += 1
        spec = getattr(brief.data, kind)
        try:
            header = read_header(path, spec.sheet if spec else None)
        except Exception as exc:  # any reader failure is a user-facing data problem
            problems.append(f"{path}: cannot be read: {exc}")
            continue
        for ours, theirs in (spec.columns if spec else {}).items():
            if theirs not in header:
                shown = ", ".join(header[:12]) + (", ..." if len(header) > 12 else "")
                problems.append(f"{path}: column {theirs!r} (data.{kind}.columns.{ours} in "
                                f"{brief.source}) is not in the file (its columns: {shown})")
    if not found:
        problems.append(f"{folder}: no actuals found (expected "
                        f"{' and/or '.join(ACTUALS.values())}, or the file names the "
                        "brief uses)")
    return problems


def track(plan: Plan, actuals: str | Path) -> Report:
    """The tracking report for the exports in ``actuals`` (same layouts as the brief's)."""
    folder = Path(actuals)
    if not folder.is_dir():
        raise DataError(f"{folder}: the actuals folder does not exist")
    measured: dict[str, float | None] = {}
    files, dates = [], []
    posts_path, posts_table, posts_cols = _read(folder, "posts.csv", plan, "posts")
    posts = None
    if posts_table is not None:
        # actuals belong to the plan period: later dates are the impossible ones
        latest = pd.Timestamp(plan.brief.client.period.end) + pd.Timedelta(days=1)
        try:
            posts = posts_frame(posts_table, posts_cols, latest=latest)
        except KeyError as exc:
            raise DataError(f"{posts_path}: missing column {exc}") from None
        if posts is None or posts.empty:
            raise DataError(f"{posts_path}: no usable post rows (reach and dates needed)")
        measured.update(post_kpis(posts))
        files.append(posts_path.name)
        if "date" in posts:
            dates += list(posts["date"].dropna())
    web_path, web_table, web_cols = _read(folder, "web_analytics.csv", plan, "web_analytics")
    if web_table is not None:
        measured.update(web_kpis(web_frame(web_table, web_cols, str(web_path))))
        files.append(web_path.name)
    com_path, com_table, com_cols = _read(folder, "comments.csv", plan, "comments")
    if com_table is not None:
        measured.update(comment_kpis(comment_texts(com_table, com_cols, str(com_path))))
        files.append(com_path.name)
    if not files:
        raise DataError(f"{folder}: no actuals found (expected posts.csv and/or "
                        "web_analytics.csv, or the file names the brief uses)")
    start = plan.brief.client.period.start
    end = max(dates).date() if dates else plan.brief.client.period.end
    month = max(0, min(plan.brief.client.period.months - 1,
                       (end.year - start.year) * 12 + end.month - start.month))
    cat = kpi_catalogue()
    rows = []
    for o in plan.objectives.objectives:
        expected = o.trajectory[month] if o.trajectory else None
        actual = measured.get(o.kpi)
        to_goal = None
        if expected and actual is not None:
            up = cat[o.kpi]["direction"] == "up"
            to_goal = actual / expected * 100 if up else (expected / actual * 100 if actual
                                                           else None)
        rows.append(ScoreRow(o.goal or o.objective, o.kpi, o.baseline.value, expected,
                             round(actual, 4) if actual is not None else None, o.target,
                             round(to_goal, 1) if to_goal is not None else None,
                             status_of(to_goal)))
    by_channel, by_type = [], []
    base = plan.objectives.history
    if posts is not None:
        overall = frame_metric(posts, RANKING_KPI)
        if (posts["platform"] != "").any():
            for row in by_group(posts, "platform").sort_values("platform").itertuples():
                by_channel.append({"platform": row.platform, "posts": row.posts,
                                   "rate": round(row.rate, 3),
                                   "variance": round(row.rate - overall, 3)})
        base_types = {r["content_type"]: r["rate"] for r in base.get("by_type", [])}
        for row in by_group(posts, "content_type").sort_values("content_type").itertuples():
            before = base_types.get(row.content_type)
            by_type.append({"content_type": row.content_type, "posts": row.posts,
                            "rate": round(row.rate, 3), "baseline": before,
                            "variance": round(row.rate - before, 3) if before is not None
                            else None})
    return Report(str(min(dates).date()) if dates else None, str(end), month, files, rows,
                  by_channel, by_type)
