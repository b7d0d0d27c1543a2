"""Objectives and KPIs: the KPI catalogue, the business goals of the brief (every one an
objective, ``goals.py``), the problem -> objective -> KPI tree, baselines measured from the
client's exports (else declared in the brief, else measured in the plan's first month),
SMART targets with a monthly trajectory, a realism check of targets written in the brief,
and the measurement plan (the source document's eight measures, then each objective's KPI).

One objective per KPI: a problem whose KPIs already measure a business goal is listed on
that goal's row; otherwise it gets one of its KPIs not used yet (``pick_kpi``: one the
client's data measures today first, then one the sector's lever for the problem measures,
then one the problem's own words name, then a service standard's). ROAS and cost per
conversion are measured on the ads history's conversion campaigns (the paid chapter's
figures, ``ads_kpis``), posts a week on the post export, its target the calendar's rate
counted as the export counts (``posts_week.py``).

Targets (documented rule): half the KPI's realistic monthly pace (data/kpis.yaml,
``max_monthly_change``) over the horizon, or the best monthly value the data itself
reached (the 75th percentile of its monthly values, in the good direction) when that is
bolder, never beyond the realistic pace. A brief target needing more than the realistic
pace (at the one decimal the plan shows) is flagged, with the value reachable at that pace.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache

import numpy as np
import pandas as pd

from .brief import Brief
from .catalogue import kpi_catalogue, measurement_items, objective_tree, sentiment_lexicon  # noqa: F401  # noqa: F401 (re-exported)
from .conversion_cost import history_totals
from .errors import DataError
from .exports.comments import read_comments
from .exports.posts import read_posts
from .exports.web import read_web
from .goals import GENERIC, goal_platform, match_kpi
from .goals import baseline as goal_baseline
from .history_target import calendar_mix, format_values, history_target
from .history_target import rule as history_rule
from .jsondata import as_data
from .metrics import RANKING_KPI, by_group, metric, post_metrics, ranking_kpi
from .offer_paths import left_out_lines
from .pace_rule import pace_target
from .posts_week import calendar_posts_per_week, export_has_stories, export_posts_per_week

# --- KPI formulas (each unit-tested against hand-computed values) -----------------------

def post_kpis(posts: pd.DataFrame) -> dict[str, float | None]:
    """KPIs computable from a normalised post export (``exports.posts.posts_frame``),
    each by its definition in ``data/kpis.yaml`` (``metrics.metric``); a KPI whose
    numerator or denominator the export lacks is left out."""
    has = posts.columns
    col = {c: posts[c].to_numpy(dtype=float) for c in (
        "engagements", "reach", "followers", "shares", "likes", "impressions", "comments",
        "views")
        if c in has}  # NumPy arrays: this runs for every month of the history
    n = len(posts)
    out: dict[str, float | None] = {}
    for kpi, d in post_metrics().items():
        if d["numerator"] in col and (d["denominator"] == "posts" or d["denominator"] in col):
            out[kpi] = metric(col, n, kpi)
    if "followers" in col and "date" in has:
        ordered = posts.dropna(subset=["date", "followers"]).sort_values("date")
        if len(ordered) >= 2 and ordered["followers"].iloc[0] > 0:
            days = max(1, (ordered["date"].iloc[-1] - ordered["date"].iloc[0]).days)
            growth = ordered["followers"].iloc[-1] / ordered["followers"].iloc[0] - 1
            out["audience_growth_rate"] = float(((1 + growth) ** (30.44 / days) - 1) * 100)
    return out


def comment_kpis(texts: pd.Series) -> dict[str, float | None]:
    """Share of negative comments and net sentiment (lexicon method, ``sentiment``)."""
    texts = texts.dropna().astype(str)
    if texts.empty:
        return {"negative_comment_ratio": None, "net_sentiment": None}
    scores = texts.map(sentiment)
    negative = float((scores < 0).mean() * 100)
    return {"negative_comment_ratio": negative,
            "net_sentiment": float((scores > 0).mean() * 100) - negative}


def web_kpis(web: pd.DataFrame) -> dict[str, float | None]:
    """Social sessions, their conversion rate and bounce rate (GA4 definition)."""
    social = web[web["social"]]
    sessions = float(social["sessions"].sum())
    if not sessions:
        return {"social_sessions": 0.0, "social_conversion_rate": None, "bounce_rate": None}
    return {"social_sessions": sessions,
            "social_conversion_rate": float(social["conversions"].sum() / sessions * 100),
            "bounce_rate": float((1 - social["engaged"].sum() / sessions) * 100)}


def goal_web_kpis(brief: Brief, web: pd.DataFrame) -> tuple[dict[str, float | None],
                                                               dict | None]:
    """``web_kpis`` with a conversion defined as the plan defines it: when one conversion is
    what a leads goal counts ("demo requests": only the key events on /demo), only those key
    events (``paid_value.goal_web``, the paid chapter's and the goal baseline's own
    definition); else every social key event. Returns the KPIs and what was counted (None
    when every key event counts)."""
    from .paid_value import goal_web  # the one definition of a conversion in the web export

    frame, counted = goal_web(brief, web)
    return web_kpis(frame if frame is not None else web), counted


def landing_pages(web: pd.DataFrame) -> pd.DataFrame:
    """Per landing page, social traffic only: sessions, conversion rate, bounce rate."""
    social = web[web["social"]].groupby("landing_page")[["sessions", "engaged",
                                                          "conversions"]].sum()
    social = social[social["sessions"] > 0]
    social["conversion_rate"] = social["conversions"] / social["sessions"] * 100
    social["bounce_rate"] = (1 - social["engaged"] / social["sessions"]) * 100
    return social.sort_values("sessions", ascending=False).reset_index()


@lru_cache(maxsize=1)
def lexicon() -> dict[str, dict[str, set[str]]]:
    """data/sentiment.yaml: positive and negative words per language."""
    raw = sentiment_lexicon()
    return {lang: {k: set(v) for k, v in words.items()} for lang, words in raw.items()
            if isinstance(words, dict)}


def sentiment(text: str) -> int:
    """-1, 0 or +1 for a comment: negative words minus positive words (English and French
    lexicons, data/sentiment.yaml), with a negation ("not", "pas", "jamais") flipping the
    next word. Documented and deterministic; a measured model can replace it later."""
    import re

    words = re.findall(r"[\w']+", text.lower())
    score, flip = 0, False
    pos = set().union(*(lex["positive"] for lex in lexicon().values()))
    neg = set().union(*(lex["negative"] for lex in lexicon().values()))
    negations = set().union(*(lex["negation"] for lex in lexicon().values()))
    for w in words:
        if w in negations:
            flip = True
            continue
        value = 1 if w in pos else -1 if w in neg else 0
        score += -value if flip else value
        if value:
            flip = False
    return int(np.sign(score))


# --- Objectives ---------------------------------------------------------------------------

@dataclass
class Baseline:
    kpi: str
    value: float | None
    basis: str  # "data", "brief", "not_measurable" (from exports not given), "to_measure"
    #             (a business KPI read outside the exports: measured in the plan's first month)
    detail: str = ""  # the file it was measured in, or what the figure covers
    covers: dict = field(default_factory=dict)  # a rate's {start, end, months, total}


@dataclass
class Objective:
    problem: str | None  # the first problem it serves (None: a business goal only)
    objective: str
    stage: str
    kpi: str
    kpis: list[str]
    baseline: Baseline
    target: float | None
    deadline: str
    owner: str
    source: str
    review: str
    trajectory: list[float] = field(default_factory=list)
    from_brief: bool = False
    goal: str = ""
    realistic: bool = True
    required_monthly: float | None = None  # % per month needed by a brief target
    max_monthly: float | None = None
    problems: list[str] = field(default_factory=list)  # every problem it serves
    metric: str = ""  # the goal's measure in the client's words (business goals)
    platform: str | None = None  # the platform a goal names ("Instagram followers")
    realistic_target: float | None = None  # reachable at the realistic pace, when flagged
    horizon_months: int | None = None  # a business goal's horizon (its target's months)
    committed_low: float | None = None  # the bottom of a committed range (fill_range.py)
    organic_bookings: float | None = None  # fill rate: bookings credited to organic posts
    path_basis: str = ""  # what ``trajectory`` is: "forecast" (the plan's monthly forecast),
    #   "forecast_month" (a total's monthly figures) or "curve" (objective_paths.py)
    passed_over: list[str] = field(default_factory=list)  # better-fitting KPIs no data
    #   measures today (ahead of ``kpi`` in data/objective_tree.yaml), when ``kpi`` is
    #   measured; said in the plan for every objective


@dataclass
class Objectives:
    objectives: list[Objective]
    baselines: dict[str, Baseline]
    measurement: list[dict]
    history: dict  # post-history analysis: by type, heatmap, paid vs organic, top/bottom
    landing_pages: list[dict]
    months: list[str]
    unusable: dict[str, str] = field(default_factory=dict)  # export kind -> why not used
    setup: list[Objective] = field(default_factory=list)  # set-up tasks, not objectives:
    #   a problem's KPI no data measures and no goal of the client's needs (its funnel stage)

    def to_json(self) -> dict:
        return as_data(self)


def review_frequency(entry: dict) -> str:
    """How often a KPI (its data/kpis.yaml entry) is reviewed: its own ``review``, else
    weekly for what the posts, ads and comments exports measure, monthly for the rest."""
    return entry.get("review") or (
        "weekly" if entry["source"] in ("posts", "ads", "comments") else "monthly")


def _months(brief: Brief) -> list[str]:
    return [m.isoformat() for m in brief.client.period.month_starts]


def analyse_posts(posts: pd.DataFrame) -> dict:
    """Post-history analysis shown in the chapter: engagement by content type, weekday x
    hour heatmap, paid against organic, top and bottom posts, posting frequency."""
    out: dict = {"posts": len(posts), "issues": dict(posts.attrs.get("issues", {})),
                 "rate_kpi": ranking_kpi(posts), "notes": list(posts.attrs.get("notes", []))}
    by_type = by_group(posts, "content_type", RANKING_KPI)
    if "reach" in posts:
        by_type["reach"] = by_type["content_type"].map(
            posts.groupby("content_type")["reach"].mean())
    out["by_type"] = by_type.round(3).to_dict("records")
    heat = posts.pivot_table(index="weekday", columns="hour", values="rate", aggfunc="mean")
    out["heatmap"] = {"weekdays": [int(w) for w in heat.index],
                      "hours": [int(h) for h in heat.columns],
                      "rate": [[None if pd.isna(v) else round(float(v), 3) for v in row]
                               for row in heat.to_numpy()]}
    if "paid" in posts:
        g = posts.groupby("paid")["rate"].agg(["mean", "size"])
        out["paid_vs_organic"] = {("paid" if k else "organic"): {
            "rate": round(float(v["mean"]), 3), "posts": int(v["size"])} for k, v in g.iterrows()}
    ranked = posts.sort_values("rate", ascending=False)
    cols = [c for c in ("date", "platform", "content_type", "reach", "rate") if c in posts]
    for name, rows in (("top", ranked.head(5)), ("bottom", ranked.tail(5))):
        records = rows[cols].copy()
        if "date" in records:
            records["date"] = records["date"].dt.date.astype(str)
        out[name] = records.round(3).to_dict("records")
    week = export_posts_per_week(posts)  # one rule with tracking's (posts_week.py)
    if week is not None:
        out["posts_per_week"] = week
    return out


def ads_kpis(ads: dict | None) -> dict[str, dict]:
    """ROAS and cost per conversion of the ads history's conversion campaigns (``ads``: the
    paid chapter's calibration by platform, ``Paid.calibration``), each with the figures it
    rests on (``conversion_cost.history_totals``: ROAS over the platforms with revenue),
    when there: the paid chapter's today, one value."""
    return history_totals(ads)


def pick_kpi(free: list[str], measured: set[str], levers: set[str], worded: set[str],
             standard: set[str] | frozenset = frozenset()) -> str:
    """A problem's headline KPI among those that fit it and serve no other objective
    (``free``, in ``data/objective_tree.yaml`` order): one the client's data measures today
    first, then one the plan's own lever for the problem measures (its sector playbook's
    ``kpis``), then one the problem's own words name (its diagnosis evidence,
    ``data/goal_metrics.yaml`` patterns: what the client wrote outranks a convention), then
    one with a target of its own before any baseline (``standard``: a service standard of
    data/kpis.yaml, ``standard_target``), then the tree's order."""
    return min(free, key=lambda k: (k not in measured, k not in levers, k not in worded,
                                    k not in standard, free.index(k)))


def lever_kpis(brief: Brief, problem: str) -> set[str]:
    """The KPIs the sector playbook's levers for a problem measure (``kpis`` of a lever
    whose ``problems`` name it)."""
    from .sectors import playbook

    try:
        levers = playbook(brief.client.sector_kind)["levers"]
    except DataError:
        return set()
    return {k for lv in levers if problem in lv.get("problems", []) for k in lv.get("kpis", [])}


def worded_kpis(brief: Brief, problem: str) -> set[str]:
    """The KPIs the problem's diagnosis evidence names in its own words ("ROAS down from
    4.1 to 2.9": ROAS), by the ``data/goal_metrics.yaml`` patterns."""
    from .goals import kpi_patterns

    text = getattr(brief.situation.problems, problem).evidence or ""
    return {k for k, pattern in kpi_patterns() if pattern.search(text)}


def plan_objectives(brief: Brief, fix_first: list[str], roles: dict[str, float],
                    sov: float | None, slots: list | None = None,
                    ads: dict | None = None) -> Objectives:
    """The objectives chapter's results (``slots``: the calendar, whose format mix prices
    a post KPI's target on a history that does not rise, ``history_target``, and whose
    posts a week as the post export counts them are the posts-a-week KPI's target,
    ``posts_week.calendar_posts_per_week``; ``ads``: the paid chapter's ads history of
    conversion campaigns, ``ads_kpis``)."""

    cat = kpi_catalogue()
    months = _months(brief)
    horizon = brief.client.period.months
    measured: dict[str, float | None] = {}
    detail: dict[str, str] = {}
    posts = read_posts(brief)
    history: dict = {}
    monthly_kpis: list[dict] | None = None
    month_labels: list[str] = []
    if posts is not None and len(posts):
        measured.update(post_kpis(posts))
        for k in measured:
            detail[k] = brief.data.posts.path
        history = analyse_posts(posts)
        stories = export_has_stories(posts)
        planned = calendar_posts_per_week(slots or [], brief.client.period.weeks, stories)
        if planned is not None:  # the target, counted as the export counts (said in the plan)
            history["calendar_posts"] = {"per_week": planned, "stories": stories}
        if "date" in posts and posts["date"].notna().any():
            dated = posts.dropna(subset=["date"])
            # every post KPI of every month, computed once for all the targets below
            by_period = list(dated.groupby(dated["date"].dt.to_period("M")))
            monthly_kpis = [post_kpis(rows) for _, rows in by_period]
            month_labels = [str(period) for period, _ in by_period]  # "2026-10"
    pages: list[dict] = []
    counted_cvr: dict = {}  # the conversion rate's counted key events, when not all count
    try:
        web = read_web(brief)
    except DataError as exc:  # an unusable file is said, not ignored
        detail["web_missing"] = str(exc)
    else:
        if web is not None:
            kpis, counted = goal_web_kpis(brief, web)
            for k, v in kpis.items():
                measured[k], detail[k] = v, brief.data.web_analytics.path
            if counted is not None:
                social = web[web["social"].astype(bool)]  # every social key event: the
                counted_cvr = {"counted": {k: counted[k] for k in ("event", "pages")}  # ceiling
                               | {"fallback": False}, "events": counted["events"],
                               "sessions": counted["sessions"],
                               "all_events": float(social["conversions"].sum())}
            pages = landing_pages(web).round(3).to_dict("records")
    try:
        texts = read_comments(brief)
    except DataError as exc:
        detail["comments_missing"] = str(exc)
    else:
        if texts is not None:
            for k, v in comment_kpis(texts).items():
                measured[k], detail[k] = v, brief.data.comments.path
    if sov is not None:
        measured["share_of_voice"], detail["share_of_voice"] = sov, "brief"
    ads_found = ads_kpis(ads)  # the paid chapter's history, one value, and its figures
    for k, v in ads_found.items():
        measured[k], detail[k] = v["value"], "ads_history"
    if history.get("posts_per_week"):  # the post export's posts a week today
        measured["posts_per_week"] = history["posts_per_week"]
        detail["posts_per_week"] = brief.data.posts.path
    declared = {g.kpi: g.baseline for g in brief.goals.business_goals if g.kpi and
                g.baseline is not None}
    if brief.situation.channels and "engagement_rate_followers" not in measured:
        rates = [c.engagement_rate for c in brief.situation.channels if c.engagement_rate]
        if rates:
            declared.setdefault("engagement_rate_followers", float(np.mean(rates)))

    def baseline(kpi: str) -> Baseline:
        if measured.get(kpi) is not None:
            basis = "brief" if detail.get(kpi) == "brief" else "data"
            covers = counted_cvr if kpi == "social_conversion_rate" else \
                {"ads": ads_found[kpi]} if kpi in ads_found else {}
            return Baseline(kpi, round(float(measured[kpi]), 4), basis, detail.get(kpi, ""),
                            dict(covers))
        if declared.get(kpi) is not None:
            return Baseline(kpi, float(declared[kpi]), "brief")
        return Baseline(kpi, None, "not_measurable")

    period = brief.client.period
    mix = calendar_mix(slots or [], period.start.isoformat(), period.end.isoformat())

    def own_history(kpi: str, base: float | None, months: int) -> dict | None:
        """The target on a post KPI's own flat or falling history (``history_target``)."""
        if monthly_kpis is None or cat[kpi]["source"] != "posts":
            return None
        known = [(label, m[kpi]) for label, m in zip(month_labels, monthly_kpis, strict=True)
                 if m.get(kpi) is not None]
        return history_target(base, [v for _, v in known], cat[kpi]["direction"],
                              cat[kpi]["max_monthly_change"], months,
                              format_values(posts, kpi, post_kpis) if mix else None, mix,
                              [label for label, _ in known])

    def target_for(kpi: str, base: float | None) -> float | None:
        if cat[kpi].get("standard_target") is not None:  # a service standard: its own
            return float(cat[kpi]["standard_target"])
        if base is None:
            return None
        planned = (history.get("calendar_posts") or {}).get("per_week")
        if kpi == "posts_per_week" and planned:  # the calendar's own rate, never below
            return round(max(base, planned), 2)
        found = own_history(kpi, base, horizon)
        if found is not None:
            return found["value"]
        up = cat[kpi]["direction"] == "up"
        cap = (1 + cat[kpi]["max_monthly_change"]) ** horizon - 1
        # half the realistic monthly pace (one rule, shared with the trial line's target)
        goal = pace_target(base, cat[kpi]["max_monthly_change"], horizon, cat[kpi]["direction"])
        r = history_rule()  # data/targets.yaml: months needed, a good month's percentile
        by_month = [v for v in (m.get(kpi) for m in monthly_kpis or []) if v is not None] \
            if cat[kpi]["source"] == "posts" else []
        if len(by_month) >= r["min_months"]:
            best = float(np.percentile(by_month, r["percentile"] if up else 100 - r["percentile"]))
            goal = max(goal, best) if up else min(goal, best)  # the bolder of the two
        limit = base * (1 + cap) if up else base * (1 - min(0.9, cap))
        return round(min(goal, limit) if up else max(goal, limit), 4)

    owner = "social_media_manager" if brief.client.size == "sme" else "analyst"
    deadline = brief.client.period.end.isoformat()

    # 1. Every business goal of the brief is an objective (none dropped), one row per KPI.
    objectives: list[Objective] = []
    by_kpi: dict[tuple[str, str | None], Objective] = {}
    for goal in brief.goals.business_goals:
        kpi, platform = match_kpi(goal), goal_platform(goal)
        months_ = goal.horizon_months or brief.goals.horizon_months
        found = goal_baseline(brief, goal, kpi, platform, months_)
        base = Baseline(kpi, found.value, found.basis, found.detail, found.covers) if found \
            else baseline(kpi)
        if found is None and base.value is None and goal.baseline is not None:
            base = Baseline(kpi, float(goal.baseline), "brief")
        chosen = brief.goals.kpi_targets.get(kpi) if kpi != GENERIC else None  # the lab's
        target = chosen if chosen is not None else goal.target if goal.target is not None \
            else target_for(kpi, base.value)
        pace = cat[kpi]["max_monthly_change"] * 100
        required, realistic = _pace(base.value, target, months_, pace)
        if not realistic and base.covers.get("all_events") and base.covers.get("sessions"):
            # a landing-page report misses the goal's events made after landing elsewhere:
            # the counted rate is a floor, every key event's rate a ceiling; judged on both
            ceiling = base.covers["all_events"] / base.covers["sessions"] * 100
            realistic = _pace(ceiling, target, months_, pace)[1]
            base.covers["ceiling"] = {"rate": round(ceiling, 4), "realistic": realistic}
        own = own_history(kpi, base.value, months_) if chosen is None else None
        if own is not None and target is not None:  # judged on its own history
            base.covers["history"] = own
            realistic = (target <= own["value"] + 1e-9) if cat[kpi]["direction"] == "up" \
                else (target >= own["value"] - 1e-9)
        survey = survey_check(cat[kpi], base.value, target, months_)
        if survey is not None:  # a survey is read each quarter, within its margin of error
            base.covers["survey"], realistic = survey, survey["realistic"]
        row = Objective(
            None, "business_goal", cat[kpi]["stage"], kpi, [kpi], base, target, deadline,
            owner, cat[kpi]["source"], review_frequency(cat[kpi]),
            _trajectory(base.value, target, brief.client.period.months), from_brief=True,
            goal=goal.description, realistic=realistic,
            required_monthly=round(required, 2) if required is not None else None,
            max_monthly=pace, metric=goal.metric or "", platform=platform,
            realistic_target=None if realistic else own["value"] if own is not None
            else _reachable(base.value, pace, months_, cat[kpi]["direction"]),
            horizon_months=months_)
        key = (kpi, platform) if kpi != GENERIC else (f"{kpi}:{len(objectives)}", None)
        kept = by_kpi.get(key)
        if kept is not None and kept.target == row.target:  # one KPI, one target: one row
            kept.goal = f"{kept.goal} · {goal.description}"
            continue
        by_kpi.setdefault(key, row)  # two targets for one KPI: both shown, each checked
        objectives.append(row)
    # 2. Each problem the plan must fix gets an objective with a KPI of its own; a problem
    # whose KPIs all serve another objective already is listed on that objective's row.
    tree = objective_tree()
    problems = list(dict.fromkeys(fix_first + [p for p in ("digital_culture",)
                                               if getattr(brief.situation.problems, p)
                                               .score >= 2]))
    goal_rows = len(objectives)
    asked: list[str] = []  # the other KPIs of a problem's lever, when its own has no figure
    for problem in problems:
        node = tree[problem]
        shared = next((by_kpi[(k, None)] for k in node["kpis"] if (k, None) in by_kpi), None)
        free = [k for k in node["kpis"] if (k, None) not in by_kpi]
        measurable = [k for k in free if baseline(k).value is not None]
        if shared is not None and not measurable:
            shared.problems.append(problem)
            shared.problem = shared.problem or problem
            continue
        if not free:
            kept = by_kpi[(node["kpis"][0], None)]
            kept.problems.append(problem)
            continue
        kpi = pick_kpi(free, set(measurable), lever_kpis(brief, problem),
                       worded_kpis(brief, problem),
                       {k for k in free if cat[k].get("standard_target") is not None})
        base = baseline(kpi)
        # the better-fitting KPIs passed over for want of data: said only when the chosen
        # one is measured today (else it waits for data as they would)
        passed = [k for k in free[:free.index(kpi)] if k not in measurable] \
            if base.value is not None else []
        chosen = brief.goals.kpi_targets.get(kpi)
        target = chosen if chosen is not None else target_for(kpi, base.value)
        own = own_history(kpi, base.value, horizon) if chosen is None else None
        if own is not None:
            base.covers["history"] = own  # the basis the plan states
        pace = cat[kpi]["max_monthly_change"] * 100
        required, realistic = _pace(base.value, target, horizon, pace)
        row = Objective(
            problem, node["objective"], node["stage"], kpi, node["kpis"], base, target,
            deadline, owner, cat[kpi]["source"], review_frequency(cat[kpi]),
            _trajectory(base.value, target, horizon), from_brief=False,
            realistic=realistic if chosen is not None else True,
            required_monthly=round(required, 2) if chosen is not None and required is not None
            else None, max_monthly=pace if chosen is not None else None, problems=[problem],
            realistic_target=None if chosen is None or realistic else _reachable(
                base.value, pace, horizon, cat[kpi]["direction"]), passed_over=passed)
        by_kpi[(kpi, None)] = row
        objectives.append(row)
        if base.value is None:  # no figure today: the plan's lever measures are asked too
            asked += [k for k in node["kpis"] if k in lever_kpis(brief, problem) and k != kpi]
    # the client's own goals first, then the problems' objectives the data measures, then
    # those it cannot measure yet (each says how it will be measured): a plan never leads
    # with a figure it does not have ("n.d.")
    objectives = objectives[:goal_rows] + sorted(
        objectives[goal_rows:], key=lambda o: o.baseline.value is None)
    # a KPI no data measures and none of the client's goals needs (no goal at its funnel
    # stage) is a measurement to put in place in month 1, not a SMART objective with "n/a"
    stages = {o.stage for o in objectives[:goal_rows]}
    setup = [o for o in objectives[goal_rows:] if o.baseline.value is None
             and o.stage not in stages]
    objectives = [o for o in objectives if o not in setup]
    used = list(dict.fromkeys([o.kpi for o in objectives + setup] + asked))
    baselines = {k: baseline(k) for k in asked} | {
        o.kpi: o.baseline for o in reversed(objectives + setup)}  # first row's wins
    measurement = _measurement(brief, used, owner, {k: baseline(k) for k in
                                                   measurement_kpis() + asked} | baselines,
                               {o.kpi for o in setup} | set(asked))
    return Objectives(objectives, {k: baselines[k] for k in used}, measurement, history,
                      pages, months, unusable={k.removesuffix("_missing"): v
                                               for k, v in detail.items()
                                               if k.endswith("_missing")}, setup=setup)


def measurement_kpis() -> list[str]:
    """KPIs of the source document's eight measures (``data/measurement.yaml``)."""
    return [m["kpi"] for m in measurement_items() if m["kpi"]]


def _measurement(brief: Brief, used: list[str], owner: str,
                 baselines: dict[str, Baseline], setup: set[str] = frozenset()) -> list[dict]:
    """The measurement plan: the source document's eight measures, every plan, then each
    other KPI the objectives use; each with where it is read, how often, whether the
    client's data measures it today, and the alert rule."""
    cat = kpi_catalogue()
    rows, seen = [], set()
    for m in measurement_items():
        kpi = m["kpi"]
        measured = (brief.data.audience is not None or bool(brief.targets.personas)) \
            if kpi is None else baselines[kpi].value is not None
        rows.append({"measure": m["key"], "kpi": kpi, "source": m["source"],
                     "frequency": m["frequency"], "owner": owner, "measured": measured,
                     "alert": 15.0 if kpi else None,  # % worse than the trajectory
                     "direction": cat[kpi]["direction"] if kpi else None})
        seen.add(kpi)
    for kpi in used:
        if kpi in seen:
            continue
        rows.append({"measure": None, "kpi": kpi, "source": cat[kpi]["source"],
                     "frequency": review_frequency(cat[kpi]), "owner": owner,
                     "measured": baselines[kpi].value is not None,
                     "alert": None if kpi in setup else 15.0,  # a set-up task: no trajectory
                     "setup": kpi in setup, "direction": cat[kpi]["direction"]})
    trial = [o.name for o in left_out_lines(brief, "lead") if o.buying_path == "self_serve"]
    if trial:  # bought alone, never through a demo: its own event, measured apart
        kpi = "trial_signups_per_month"
        rows.append({"measure": None, "kpi": kpi, "source": "signups", "lines": trial,
                     "frequency": review_frequency(cat[kpi]), "owner": owner,
                     "measured": False, "alert": None, "direction": cat[kpi]["direction"]})
    return rows


def _pace(base: float | None, target: float | None, months: int,
          pace: float | None = None) -> tuple[float | None, bool]:
    """Monthly change (%) needed to go from ``base`` to ``target`` in ``months``, and
    whether it is within ``pace`` (% a month; no check when None), compared as the plan
    shows them (one decimal): a target needing "5.0 %" a month is within a 5.0 % pace."""
    if not base or target is None or target / base <= 0:
        return None, True
    required = ((target / base) ** (1 / months) - 1) * 100
    return required, pace is None or round(abs(required), 1) <= pace + 1e-9


def survey_check(entry: dict, base: float | None, target: float | None,
                 months: int) -> dict | None:
    """A survey KPI's realism (``data/kpis.yaml``: ``review: quarterly`` and
    ``survey_respondents``), judged on the readings it has: the change needed a quarter
    against the realistic pace a quarter, and a target whose gap to the value reachable at
    that pace is within the survey's margin of error (95%, ``1.96 √(p(1-p)/n)`` at the
    target) is not flagged: one survey cannot tell the two apart. None for other KPIs."""
    n = entry.get("survey_respondents")
    if not n or entry.get("review") != "quarterly" or not base or target is None \
            or not 0 < target < 100 or entry["direction"] != "up":
        return None
    pace = entry["max_monthly_change"] * 100
    reachable = _reachable(base, pace, months, "up") or 0.0
    required = ((target / base) ** (3 / months) - 1) * 100
    pace_q = ((1 + pace / 100) ** 3 - 1) * 100
    p = target / 100
    margin = 1.96 * (p * (1 - p) / n) ** 0.5 * 100
    within_pace = round(required, 1) <= round(pace_q, 1) + 1e-9
    gap = max(0.0, target - reachable)
    return {"respondents": n, "margin": round(margin, 2), "required": round(required, 2),
            "pace": round(pace_q, 2), "reachable": round(reachable, 4),
            "gap": round(gap, 2), "readings": months // 3, "within_pace": within_pace,
            "realistic": within_pace or gap <= margin}


def _reachable(base: float | None, pace: float, months: int, direction: str) -> float | None:
    """The value reachable from ``base`` in ``months`` at ``pace`` % a month."""
    if base is None:
        return None
    step = 1 + pace / 100 if direction == "up" else 1 - pace / 100
    return round(base * step ** months, 4)


def _trajectory(base: float | None, target: float | None, months: int) -> list[float]:
    """Month-by-month path from the baseline to the target (geometric when both are
    positive, else linear)."""
    if base is None or target is None:
        return []
    if base > 0 and target > 0:
        return [round(base * (target / base) ** ((m + 1) / months), 4) for m in range(months)]
    return [round(base + (target - base) * (m + 1) / months, 4) for m in range(months)]
