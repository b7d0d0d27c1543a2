"""The brief's business goals, none dropped: each matched to a KPI (``data/goal_metrics.yaml``
patterns on the goal's own words, English and French) and given a baseline from the
client's data when it holds one, else the brief's figure, else "to measure in month 1".

Baselines of business KPIs (the client's data first):
- followers: the post export's follower column (latest value on the goal's platform), else
  the brief's channel figures;
- repeat purchase rate: the customer file's order counts and last-order dates (customers
  with 2+ orders who ordered in the 12 months up to the file's latest order);
- revenue from social: the ads export's conversion value, per month of its reporting
  period, over the goal's horizon (paid social only: said so);
- leads per month: the web-analytics export's key events from social sources (only the
  landing pages of the event the goal names, "demo requests": ``data/goal_metrics.yaml``
  ``counts``; else all, said), per month
  of its date column, else over the period its header states (GA4's "Start date" / "End
  date" lines); an undated export without a stated period is said, not guessed;
- the others (fill rate, aided awareness, the client's own measure), and the above when the
  data has no figure: the brief's declared baseline, else measured in the plan's first month.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache

import pandas as pd

from .brief import Brief, BusinessGoal, platforms
from .catalogue import goal_metrics
from .errors import DataError
from .exports.ads import conversion_rows, read_ads
from .exports.columns import find_column
from .exports.period import months_between, stated_period
from .exports.posts import read_posts
from .exports.table import read_export
from .exports.values import parse_dates, parse_numbers
from .exports.web import read_web

GENERIC = "business_kpi"


@cache
def _patterns() -> tuple[tuple[str, re.Pattern], ...]:
    """(KPI, pattern) that match a business goal: ``data/goal_metrics.yaml`` ``patterns``."""
    return tuple((row["kpi"], re.compile("|".join(row["patterns"]), re.I))
                 for row in goal_metrics())


@cache
def kpi_patterns() -> tuple[tuple[str, re.Pattern], ...]:
    """(KPI, pattern) that find a KPI named in a problem's diagnosis evidence, in
    ``data/goal_metrics.yaml`` order: a goal's ``patterns`` and the looser ``evidence``
    words, never used to match a goal."""
    return tuple((row["kpi"], re.compile("|".join(row["patterns"] + row.get("evidence", [])),
                                         re.I)) for row in goal_metrics())


def match_kpi(goal: BusinessGoal) -> str:
    """The KPI that measures a goal: the brief's ``kpi`` when given, else the first pattern
    of ``data/goal_metrics.yaml`` found in the goal's metric, then in its description, else
    the generic business KPI (the client's own measure)."""
    if goal.kpi:
        return goal.kpi
    for text in (goal.metric, goal.description):
        if text:
            for kpi, pattern in _patterns():
                if pattern.search(text):
                    return kpi
    return GENERIC


def goal_platform(goal: BusinessGoal) -> str | None:
    """The platform a goal names in its own words ("4,000 Instagram followers")."""
    raw = f"{goal.metric or ''} {goal.description}"
    text = raw.lower()
    for key, facts in platforms().items():
        if facts.get("case_sensitive"):  # LINE, not a "product line"
            if re.search(rf"\b{re.escape(facts['label'])}\b", raw):
                return key
            continue
        names = {key, facts["label"].lower()} - {"x"}
        if any(re.search(rf"\b{re.escape(n)}\b", text) for n in names):
            return key
    return None


@dataclass
class GoalBaseline:
    value: float | None
    basis: str  # data, brief, to_measure
    detail: str = ""  # which file, or what the figure covers (a catalogue key)
    covers: dict = field(default_factory=dict)  # {start, end, months, total} of a rate


def baseline(brief: Brief, goal: BusinessGoal, kpi: str, platform: str | None,
             months: int) -> GoalBaseline | None:
    """A business KPI's baseline from the client's data or the brief; None for the social
    KPIs, whose baselines the objectives chapter measures itself."""
    if kpi == "followers":
        found = _followers(brief, platform)
    elif kpi == "repeat_purchase_rate":
        found = _repeat_rate(brief)
    elif kpi == "social_revenue":
        found = _paid_revenue(brief, months)
    elif kpi == "leads_per_month":
        found = _leads(brief, lead_event(goal))
    elif kpi in ("fill_rate", "aided_awareness", GENERIC):
        found = None
    else:
        return None
    if found is not None and found.value is not None:
        return found
    if goal.baseline is not None:
        return GoalBaseline(float(goal.baseline), "brief")
    return found or GoalBaseline(None, "to_measure")


def _followers(brief: Brief, platform: str | None) -> GoalBaseline | None:
    posts = read_posts(brief)
    if posts is not None and "followers" in posts and "date" in posts:
        rows = posts.dropna(subset=["followers", "date"])
        if platform:
            rows = rows[rows["platform"] == platform]
        if len(rows):
            latest = rows.sort_values("date").groupby("platform")["followers"].last()
            return GoalBaseline(float(latest.sum()), "data", brief.data.posts.path)
    typed = [c.followers for c in brief.situation.channels
             if c.followers is not None and (platform is None or c.platform == platform)]
    return GoalBaseline(float(sum(typed)), "brief") if typed else None


# The repeat rate counts the repeat buyers whose last order falls in this many months up to
# the file's latest order (retention.owned_steps times its win-back within it).
REPEAT_WINDOW_MONTHS = 12


def repeat_buyers(brief: Brief, window_months: int = REPEAT_WINDOW_MONTHS) -> dict | None:
    """The customer file's repeat buyers by the repeat rate's one definition: 2+ orders,
    the last one within ``window_months`` of the file's latest order (when the file dates
    last orders). {``table``, ``columns``, ``name``, ``orders`` (per customer, NaN where
    unread), ``repeat`` (bool per customer), ``last`` (last-order dates, or None), ``end``
    (the latest order, or None)}; None without the file, its order column or any count."""
    found = read_export(brief, "audience")
    if found is None:
        return None
    table, columns, name = found
    column = find_column(table.columns, "audience", "orders", columns)
    if column is None:
        return None
    orders = parse_numbers(table[column])
    if orders.dropna().empty:
        return None
    repeat = orders >= 2
    last = find_column(table.columns, "audience", "last_order", columns)
    when = end = None
    if last is not None and last in table.columns:  # repeat buyers active in the window
        when = parse_dates(table[last])
        if when.notna().any():
            end = when.max()
            repeat &= when >= end - pd.DateOffset(months=window_months)
        else:
            when = None
    return {"table": table, "columns": columns, "name": name, "orders": orders,
            "repeat": repeat, "last": when, "end": end}


def _repeat_rate(brief: Brief) -> GoalBaseline | None:
    found = repeat_buyers(brief)
    if found is None:
        return None
    name, orders, repeat, end = found["name"], found["orders"], found["repeat"], found["end"]
    counted = repeat[orders.notna()]  # the denominator: every customer with an order count
    return GoalBaseline(round(float(counted.mean() * 100), 2), "data", name, {
        "repeat": int(counted.sum()), "customers": int(len(counted)),
        "end": end.date().isoformat() if end is not None else None})


def _paid_revenue(brief: Brief, months: int) -> GoalBaseline | None:
    try:
        ads = read_ads(brief)
    except DataError:  # the paid chapter names the problem
        return None
    if ads is None or "revenue" not in ads or "start" not in ads:
        return None
    start = ads["start"].min()
    end = ads["end"].max() if "end" in ads else ads["start"].max()
    if start != start or end != end:  # NaT
        return None
    covered = max(1.0, months_between(start.date(), end.date()))  # 12 calendar months: 12
    sold = conversion_rows(ads)  # the rows the paid forecast (the target) counts: awareness
    value = float(sold["revenue"].sum() / covered * months)  # rows are bought for reach
    spend = float(sold["spend"].sum()) if "spend" in ads else None
    spend_all = float(ads["spend"].sum()) if "spend" in ads else None
    return GoalBaseline(round(value, 2), "data", "paid_social", {
        "revenue": round(float(sold["revenue"].sum()), 2), "months": round(covered, 2),
        "spend": None if spend is None else round(spend, 2),
        "revenue_all": round(float(ads["revenue"].sum()), 2),  # every row, awareness too
        "spend_all": None if spend_all is None else round(spend_all, 2)})


def lead_event(goal: BusinessGoal) -> dict | None:
    """The event a leads goal names in its own words ("demo requests"): its rule of
    ``data/goal_metrics.yaml`` (``counts``: event, goal and rows patterns), else None."""
    rules = next((r.get("counts", []) for r in goal_metrics()
                  if r["kpi"] == "leads_per_month"), [])
    for text in (goal.metric, goal.description):
        for rule in rules:
            if text and re.search(rule["goal"], text, re.I):
                return rule
    return None


def counted_rows(web: pd.DataFrame, event: dict | None) -> tuple[pd.Series, dict]:
    """Which social rows of a web export a leads goal counts, and what was counted
    (``{"event", "pages", "fallback"}``): only the rows whose landing page matches the
    goal's event and holds key events; every social row when the goal names no event or no
    row matches (``fallback`` True: the plan says so)."""
    social = web["social"].astype(bool)
    if event is None:
        return social, {"event": None, "pages": [], "fallback": False}
    match = web["landing_page"].str.contains(event["rows"], case=False, regex=True)
    rows = social & match
    if web.loc[rows, "conversions"].sum() > 0:
        pages = sorted(web.loc[rows & (web["conversions"] > 0), "landing_page"].unique())
        return rows, {"event": event["event"], "pages": pages, "fallback": False}
    return social, {"event": event["event"], "pages": [], "fallback": True}


def counted_frame(web: pd.DataFrame, event: dict | None) -> tuple[pd.DataFrame, dict]:
    """The web export with only the key events a leads goal counts (``counted_rows``): the
    other rows keep their sessions and lose their key events. The one definition of a lead
    in the web export: the goal's baseline sums its social rows' key events, and the paid
    chapter's rate divides them by the social sessions (``paid_value.goal_web``)."""
    rows, counted = counted_rows(web, event)
    return web.assign(conversions=web["conversions"].where(rows, 0.0)), counted


def _leads(brief: Brief, event: dict | None = None) -> GoalBaseline | None:
    """Social key events (leads) a month in the web-analytics export, only the goal's own
    event when it names one (``counted_rows``): per month of its date column (whole months
    only when there are some), else its total over the period the file states; ``value``
    None with ``detail`` "web_no_period" when it states neither. ``covers["counted"]`` says
    which rows were counted."""
    try:
        web = read_web(brief)
    except DataError:  # the objectives chapter names the unusable file
        return None
    found = read_export(brief, "web_analytics")
    if web is None or found is None:
        return None
    table, columns, name = found
    web, counted = counted_frame(web, event)
    social = web["social"].astype(bool).to_numpy()
    column = find_column(table.columns, "web_analytics", "date", columns)
    if column is not None and column in table.columns:
        when = parse_dates(table[column])
        rows = web[social & when.notna().to_numpy()]
        if len(rows):
            dates = when[rows.index]
            by_month = rows["conversions"].groupby(dates.dt.to_period("M")).sum()
            start, end = dates.min().date(), dates.max().date()
            total = float(by_month.sum())
            return GoalBaseline(round(float(by_month.mean()), 2), "data", name, {
                "start": start.isoformat(), "end": end.isoformat(),
                "months": len(by_month), "total": total, "counted": counted})
    period = stated_period(brief.resolve(brief.data.web_analytics.path))
    if period is None:
        return GoalBaseline(None, "to_measure", "web_no_period", {"file": name})
    months = months_between(*period)
    total = float(web.loc[social, "conversions"].sum())
    return GoalBaseline(round(total / months, 2), "data", name, {
        "start": period[0].isoformat(), "end": period[1].isoformat(),
        "months": round(months, 2), "total": total, "counted": counted})


def evidence_for(brief: Brief, kpi: str) -> str | None:
    """The brief's diagnosis evidence that names a KPI (its ``data/goal_metrics.yaml``
    pattern) and quotes a figure, for a goal without a baseline: shown, never parsed."""
    pattern = next((p for k, p in kpi_patterns() if k == kpi), None)
    if pattern is None:
        return None
    for name in type(brief.situation.problems).model_fields:
        text = getattr(brief.situation.problems, name).evidence
        if pattern.search(text) and re.search(r"\d", text):
            return text
    return None
