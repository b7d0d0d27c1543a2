"""The plan checks itself: every figure that two chapters show must have one value.

Each check reads ``plan.json`` (the same recorder as the HTML, so what is checked is what
the client reads) and returns ``Check`` results; ``run`` gives them all. A check whose
figures are absent from a plan (no post history, no paid budget) is skipped, not passed.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterator
from dataclasses import asdict, dataclass

from .i18n import plan_translator


@dataclass
class Check:
    """One comparison: what was compared, where, and whether it held."""

    name: str
    ok: bool
    detail: str = ""

    def __post_init__(self) -> None:
        self.ok = bool(self.ok)  # a NumPy comparison gives numpy.bool_: plan.json says true

    def to_json(self) -> dict:
        return asdict(self)


def _close(a: float | None, b: float | None, rel: float = 1e-4, abs_: float = 0.011) -> bool:
    if a is None or b is None:
        return a is b
    return math.isclose(a, b, rel_tol=rel, abs_tol=abs_)


def _rows(plan: dict, table: str) -> list[dict]:
    return plan.get("tables", {}).get(table, {}).get("rows", [])


def content_type_rates(plan: dict) -> Iterator[Check]:
    """Engagement rate by content type: objectives chapter vs "what to sponsor"."""
    history = {r["content_type"]: r["rate"] for r in _rows(plan, "engagement_by_type")}
    for row in _rows(plan, "sponsor"):
        if row["name"] in history and row["engagement_rate"] is not None:
            yield Check(f"engagement rate of {row['name']}",
                        _close(history[row["name"]], row["engagement_rate"], abs_=0.0051),
                        f"objectives {history[row['name']]} vs paid {row['engagement_rate']}")


def paid_spend(plan: dict) -> Iterator[Check]:
    """Paid spend: the allocation table, the monthly forecast, the total and the team
    chapter's plan cost."""
    budget = {r["platform_name"]: r["spend"] for r in _rows(plan, "budget")}
    if not budget:
        return
    total = plan["budget"]["total"]
    yield Check("paid spend adds up to the total", _close(sum(budget.values()), total),
                f"{sum(budget.values()):.2f} vs {total:.2f}")
    shown = {r["platform_name"]: r["spend_total"] for r in _rows(plan, "budget_monthly")}
    for platform, spend in budget.items():
        if spend or platform in shown:
            yield Check(f"monthly spend of {platform}",
                        _close(shown.get(platform, 0.0), spend, abs_=0.5),
                        f"months {shown.get(platform, 0.0):.2f} vs allocation {spend:.2f}")
    ads = plan.get("team", {}).get("total_cost", {}).get("ads")
    loyal = (plan["budget"].get("retention") or {}).get("budget") or 0.0  # past buyers
    if ads is not None:
        yield Check("paid budget in the plan cost", _close(ads, total + loyal),
                    f"{ads} vs {total} + {loyal}")


def held_back_split(plan: dict) -> Iterator[Check]:
    """The brief's paid budget is what the plan spends, the past-buyer programme's budget
    (``retention.py``), the growth option's (``growth_track.py``) and what stays held back,
    one amount each: the programme's and the option's budgets are taken out of the
    held-back amount."""
    paid = plan.get("budget") or {}
    held, loyal = paid.get("held_back") or {}, paid.get("retention") or {}
    if not held or not paid.get("envelope"):
        return
    growth = (held.get("growth") or {}).get("budget") or 0.0
    parts = paid["total"] + held["budget"] + (loyal.get("budget") or 0.0) + growth
    yield Check("paid envelope = spent + programme + growth option + held back",
                _close(parts, paid["envelope"], abs_=0.02), f"{parts} vs {paid['envelope']}")
    if loyal:
        yield Check("programme budget taken out of the held-back amount",
                    _close(held.get("retention"), loyal["budget"])
                    and _close(loyal["held_before"] - loyal["budget"] - growth,
                               held["budget"]),
                    f"{held.get('retention')} vs {loyal['budget']}; {loyal['held_before']} - "
                    f"{loyal['budget']} - {growth} vs {held['budget']}")
    if growth:
        steps = held["growth"]["steps"]
        yield Check("growth option = its steps, each gated and dated, out of the held back",
                    _close(sum(s["budget"] for s in steps), growth, abs_=0.02)
                    and all(s.get("stop") and s.get("read") for s in steps)
                    and _close(held["growth"]["held_before"] - growth, held["budget"],
                               abs_=0.02),
                    f"{[s['budget'] for s in steps]} vs {growth}; "
                    f"{held['growth']['held_before']} - {growth} vs {held['budget']}")
    reserve = _rows(plan, "reserve")  # the table of the envelope: each amount in one row
    if reserve:
        parts = sum(r["amount"] for r in reserve[:-1])
        yield Check("reserve table: its lines add up to the paid envelope, none negative",
                    _close(parts, reserve[-1]["amount"], abs_=0.05)
                    and _close(reserve[-1]["amount"], paid["envelope"])
                    and all(r["amount"] >= 0 for r in reserve),
                    f"{parts} vs {reserve[-1]['amount']} vs {paid['envelope']}")


def paid_results(plan: dict) -> Iterator[Check]:
    """Conversions: the allocation table, the mid scenario and the budget sweep at the
    planned budget."""
    paid = plan.get("budget")
    if not paid or not _rows(plan, "budget"):
        return
    allocated = sum(r["conversions"] or 0 for r in _rows(plan, "budget"))
    mid = paid["scenarios"].get("mid", {}).get("conversions")
    yield Check("conversions: allocation vs mid scenario", _close(allocated, mid, abs_=0.051),
                f"{allocated:.1f} vs {mid}")
    for row in paid["sweep"]:
        if row["factor"] == 1.0:  # the sweep is drawn around the brief's envelope
            yield Check("budget sweep at the brief's budget",
                        _close(row["budget"], paid["envelope"], abs_=0.011)
                        and _close(row["conversions"], paid["envelope_conversions"],
                                   abs_=0.011),
                        f"{row['budget']} -> {row['conversions']} vs {paid['envelope']} -> "
                        f"{paid['envelope_conversions']}")
            if paid["envelope"] == paid["total"]:
                yield Check("budget sweep at the planned budget",
                            _close(row["conversions"], allocated, abs_=0.011),
                            f"{row['conversions']} vs {allocated:.2f}")


def paid_decisions(plan: dict) -> Iterator[Check]:
    """The split beats the history's and an equal split of the same budget (when they are
    feasible), never spends past break-even under a revenue or profit objective, and each
    platform's curve reproduces its history within ±10 %."""
    paid = plan.get("budget")
    if not paid or not paid.get("channels") or "objective" not in paid:
        return
    key = "revenue" if paid["objective"] != "conversions" and paid["aov"] else "conversions"
    value = sum(c[key] for c in paid["channels"])
    for name in ("equal_split", "historical_split"):
        other = paid.get(name)
        if other and other.get("feasible"):
            yield Check(f"allocation vs {name.replace('_', ' ')}", value >= other[key] - 0.5,
                        f"{value:.2f} vs {other[key]:.2f} ({key})")
    if paid["objective"] in ("revenue", "profit") and paid["break_even_budget"]:
        yield Check("no spend past break-even",
                    paid["total"] <= paid["break_even_budget"] * 1.01 + 100,
                    f"{paid['total']} vs break-even {paid['break_even_budget']}")
    for platform, cal in paid.get("calibration", {}).items():
        ok = abs(cal["model_conversions"] - cal["conversions"]) <= 0.1 * cal["conversions"]
        yield Check(f"calibration of {platform}", ok,
                    f"model {cal['model_conversions']} vs history {cal['conversions']}")


def break_even_value(plan: dict) -> Iterator[Check]:
    """One value per conversion: the break-even that sets the budget and the stop rule is
    the forecast's value per conversion x margin, never a customer value on top (an ads
    conversion is any purchase, so the forecast already counts repeat orders). Skipped
    without a value per conversion or a margin (nothing to break even on)."""
    paid = plan.get("budget")
    if not paid or not paid.get("aov") or not paid.get("margin"):
        return
    want = paid["aov"] * paid["margin"] / 100
    yield Check("break-even = value per conversion x margin",
                _close(paid["break_even_cpa"], want, abs_=0.006),
                f"break-even {paid['break_even_cpa']} vs {paid['aov']:.2f} x "
                f"{paid['margin']:.1f} % = {want:.2f}")


def posting_volume(plan: dict) -> Iterator[Check]:
    """Posts per week: the channels chapter's plan vs what the team chapter is sized for."""
    planned = sum(r["posts_per_week"] or 0 for r in _rows(plan, "channels"))
    team = plan.get("team", {}).get("posts_per_week")
    if team is not None and _rows(plan, "channels"):
        yield Check("posts per week: channels vs team", _close(planned, team, abs_=0.051),
                    f"channels {planned} vs team {team}")


def calendar_agrees(plan: dict) -> Iterator[Check]:
    """Sponsored posts only on platforms with a paid budget, in proportion to their spend;
    the planned posting within the team's capacity."""
    channels = plan.get("channels", {})
    if "capacity_posts" in channels:
        yield Check("posting within capacity",
                    channels["planned_posts"] <= channels["capacity_posts"] + 1e-9,
                    f"{channels['planned_posts']} planned vs {channels['capacity_posts']}")
    posts = plan.get("calendar", {}).get("posts", [])
    sponsored: dict[str, int] = {}
    for post in posts:  # the held-back test's creatives: costed apart (the reserve table)
        if post["sponsored"] and not post.get("test"):
            sponsored[post["platform"]] = sponsored.get(post["platform"], 0) + 1
    spend = {c["platform"]: c["spend"] for c in plan.get("budget", {}).get("channels", [])}
    unpaid = sorted(p for p in sponsored if not spend.get(p))
    yield Check("sponsored posts on paid platforms only", not unpaid,
                f"sponsored on {', '.join(unpaid)} without paid budget" if unpaid else "")
    organic = {p["platform"] for p in posts}
    paid = {p: v for p, v in spend.items() if v > 0 and p in organic}
    if sponsored and paid:
        total_posts, total_spend = sum(sponsored.values()), sum(paid.values())
        for platform, value in paid.items():
            expected = total_posts * value / total_spend
            got = sponsored.get(platform, 0)
            yield Check(f"sponsored posts on {platform} follow its spend",
                        abs(got - expected) <= max(1.0, 0.1 * expected),
                        f"{got} posts vs {expected:.1f} by spend share")


def neighbourhood_boosts(plan: dict) -> Iterator[Check]:
    """Each month the paid chapter funds a neighbourhood ad for the new shops (the monthly
    rows' ``boost``: ``openings_paid.monthly_boost``), the calendar has a sponsored post (in
    the feed or ad-only) of that month's local post on that platform (``boost_ads``)."""
    funded = {(r["platform"], r["month"][:7]) for r in plan.get("budget", {}).get("monthly", [])
              or [] if r.get("boost")}
    if not funded:
        return
    local = {i["text"] for i in plan.get("channels", {}).get("ideas", []) if i.get("goal")}
    marked = {(p["platform"], p["date"][:7]) for p in plan.get("calendar", {}).get("posts", [])
              if p["sponsored"] and (p.get("base_idea") or p.get("idea")) in local}
    missing = sorted(m for _, m in funded - marked)
    yield Check("neighbourhood boosts in the calendar", not missing,
                f"{len(funded & marked)} of {len(funded)} months; missing {', '.join(missing)}"
                if missing else f"{len(funded)} months")


def dated_ideas_placed(plan: dict) -> Iterator[Check]:
    """Every dated idea the plan lists (a key moment, a brief event, a goal's post such as
    the new shops' opening) whose date falls in the calendar's period has a post there."""
    posts = [p for p in plan.get("calendar", {}).get("posts", []) if p.get("date")]
    if not posts:
        return
    carried = {p.get("base_idea") or p.get("idea") for p in posts}
    first, last = min(p["date"] for p in posts), max(p["date"] for p in posts)
    for idea in plan.get("channels", {}).get("ideas", []):
        if idea.get("date") and first <= idea["date"] <= last:
            yield Check(f"dated idea in the calendar: {idea['text'][:60]}",
                        idea["text"] in carried, f"{idea['date']}")


def _summary(plan: dict, chapter: str) -> str:
    """The executive summary's decisions for ``chapter``, as shown."""
    return " ".join(d for s in plan.get("summary") or [] if s["chapter"] == chapter
                    for d in s["decisions"])


def team_figures(plan: dict) -> Iterator[Check]:
    """The team's FTE and hours, one value each: the team is the client's own FTE plus
    those to add (the roles table's); the executive summary shows the team chapter's FTE
    and, above the team budget, its gap; the plan's option is staffed with the chapter's
    hours a week."""
    team = plan.get("team")
    if not team or "hire_fte" not in team:
        return
    yield Check("team FTE: own + to add", _close(team["fte"], team["existing_fte"]
                                                 + team["hire_fte"]),
                f"{team['fte']} vs {team['existing_fte']} + {team['hire_fte']}")
    roles = _rows(plan, "team")
    if roles:
        hire = sum(r["hire"] or 0 for r in roles)
        yield Check("FTE to add: roles table vs team", _close(hire, team["hire_fte"], abs_=0.03),
                    f"{hire:.2f} vs {team['hire_fte']}")
    summary = _summary(plan, "team")
    if summary and "client" in plan:
        tr = plan_translator(plan)
        shown = tr.number(team["fte"], 2)
        yield Check("team FTE in the executive summary", shown in summary,
                    f"{shown} in {summary!r}")
        if team.get("budget_gap"):
            gap = tr.money(team["budget_gap"])
            yield Check("team budget gap in the executive summary", gap in summary,
                        f"{gap} in {summary!r}")
            if team.get("staffing_cost") is not None:  # the gap's sentence names its cost
                cost = tr.money(team["staffing_cost"])
                said = [s for s in summary.split(". ") if gap in s]
                yield Check("team budget gap: said with the cost it is measured on",
                            any(cost in s for s in said), f"{cost} in {said!r}")
    yield from _team_gap(team)
    plan_option = next((o for o in team.get("options", []) if o["kind"] == "plan"), None)
    if team.get("hours") and plan_option and plan_option.get("hours_per_week") is not None:
        yield Check("hours a week: team vs its plan option",
                    _close(plan_option["hours_per_week"], team["hours"]["needed"]),
                    f"{plan_option['hours_per_week']} vs {team['hours']['needed']}")


def lifetime_return(plan: dict) -> Iterator[Check]:
    """The multi-year view of annual contracts (``contract_value``): its gross margin is its
    revenue x the margin, and the executive summary shows that margin and the ROI it gives
    against the team chapter's total cost, one value each."""
    lv = (plan.get("budget") or {}).get("lifetime")
    total = ((plan.get("team") or {}).get("total_cost") or {}).get("total")
    if not lv or not total:
        return
    yield Check("multi-year gross margin: revenue x margin",
                _close(lv["gross_margin"], lv["revenue"] * lv["margin"] / 100, abs_=0.05),
                f"{lv['gross_margin']} vs {lv['revenue']} x {lv['margin']}%")
    summary = _summary(plan, "team")
    if summary and "client" in plan:
        tr = plan_translator(plan)
        roi = tr.percent(round((lv["gross_margin"] - total) / total * 100, 1), 0)
        margin = tr.money(lv["gross_margin"])
        yield Check("multi-year ROI in the executive summary",
                    f"{margin}" in summary and roi in summary.split(margin, 1)[-1],
                    f"{margin} then {roi} in {summary!r}")


def _team_gap(team: dict) -> Iterator[Check]:
    """The team budget gap is the staffing cost (the plan as sized, own team included) less
    the team budget, one value; the cost table's two team lines (and so the total cost and
    the ROI) are the recommended option's cost."""
    options, cost = team.get("options") or [], team.get("staffing_cost")
    if cost is None or not options:
        return
    c = team["total_cost"]
    sized = next((o for o in options if o["kind"] == "plan"), None)
    if sized is not None:
        yield Check("team staffing cost: the plan-as-sized option's cost",
                    _close(cost, sized["cost"], abs_=0.02), f"{cost} vs {sized['cost']}")
    pick = next((o for o in options if o.get("recommended")), None)
    if pick is not None:  # one cost for the plan and its ROI: the recommended option's
        yield Check("total cost's team lines: own team + the recommended option's hires",
                    _close(pick["cost"], c.get("existing_team", 0) + c["team"], abs_=0.02),
                    f"{pick['cost']} vs {c.get('existing_team', 0)} + {c['team']}")
    budget = options[0]["budget"]
    if team.get("budget_gap"):
        yield Check("team budget gap = staffing cost - team budget",
                    _close(team["budget_gap"], cost - budget, abs_=0.02),
                    f"{team['budget_gap']} vs {cost} - {budget}")
    else:
        yield Check("no team budget gap: staffing cost within the team budget",
                    cost <= budget + 1, f"{cost} vs {budget}")


def channel_scores(plan: dict) -> Iterator[Check]:
    """Every channel score on its 0-100 scale, as the channels table states."""
    for row in _rows(plan, "channels"):
        if row.get("score") is not None:
            yield Check(f"score of {row['platform_name']} within 0-100",
                        0 <= row["score"] <= 100, f"{row['score']}")


def revenue_months(plan: dict) -> Iterator[Check]:
    """Paid revenue booked in the same month everywhere: the appendix's order values by
    month and the monthly P&L; the P&L adds up to the team chapter's revenue, the paid
    forecast less the deals that close after the plan; the ROAS is revenue over conversion
    spend."""
    paid = plan.get("budget")
    if not paid or not paid.get("aov") or not paid.get("scenarios"):
        return
    pnl = {r["month_name"]: r["revenue"] for r in _rows(plan, "pnl")}
    for row in _rows(plan, "order_value_by_month"):
        if row["month_name"] in pnl:
            yield Check(f"revenue of {row['month_name']}: order values vs P&L",
                        _close(row["revenue"], pnl[row["month_name"]], abs_=1.0),
                        f"{row['revenue']} vs {pnl[row['month_name']]}")
    mid = paid["scenarios"]["mid"]
    after = (paid.get("deal") or {}).get("after_plan", 0.0)
    booked = plan.get("team", {}).get("revenue")
    if booked is not None and pnl:
        yield Check("paid revenue: P&L vs team", _close(sum(pnl.values()), booked, abs_=2.0),
                    f"{sum(pnl.values()):.2f} vs {booked}")
        yield Check("paid revenue booked: forecast less deals after the plan",
                    _close(booked, mid["revenue"] - after, abs_=2.0),
                    f"{booked} vs {mid['revenue']} - {after}")
    if mid.get("roas") is not None and mid.get("conversion_spend"):
        yield Check("ROAS: revenue over conversion spend",
                    _close(mid["roas"], mid["revenue"] / mid["conversion_spend"], abs_=0.006),
                    f"{mid['roas']} vs {mid['revenue']} / {mid['conversion_spend']}")


def one_roas(plan: dict) -> Iterator[Check]:
    """One ROAS, on conversion spend: each platform's in the channel table and beside its
    ads history, and the plan's in the scenarios, beside the history and in an ads
    objective's target."""
    paid = plan.get("budget") or {}
    mid = (paid.get("scenarios") or {}).get("mid") or {}
    if not paid.get("aov") or mid.get("roas") is None:
        return
    table = {c["platform"]: c.get("roas") for c in paid.get("channels") or []}
    today = paid.get("today") or {}
    for line in today.get("platforms") or []:
        if line.get("roas_plan") is not None:
            yield Check(f"ROAS of {line['platform']}: channel table vs against today",
                        _close(table.get(line["platform"]), line["roas_plan"], abs_=0.006),
                        f"{table.get(line['platform'])} vs {line['roas_plan']}")
    shown = {"against today": today.get("roas_plan")} | {
        f"objective {o['objective']}": o["target"]
        for o in (plan.get("objectives") or {}).get("objectives") or []
        if o.get("kpi") == "roas" and (o["baseline"].get("covers") or {}).get("forecast")}
    for where, value in shown.items():
        if value is not None:
            yield Check(f"ROAS: scenarios vs {where}", _close(mid["roas"], value, abs_=0.006),
                        f"{mid['roas']} vs {value}")


def realistic_goals(plan: dict) -> Iterator[Check]:
    """A business goal flagged as unrealistic has one realistic value, the plan's own
    forecasts: what today's baseline brings that the paid forecast does not replace (the
    baseline less its ads history's part) plus paid revenue (booked in the plan) and the
    repeat customers' revenue, or plus the paid leads a month, as the objectives chapter
    and the executive summary show it."""
    from .goal_gap import LEAD_KINDS, organic_today, repeat_from, repeat_in_paid
    from .organic_posting import kept_share

    paid = plan.get("budget")
    if not paid or not paid.get("scenarios") or not paid.get("total"):
        return
    months = plan["client"]["period"]["months"]
    mid = paid["scenarios"]["mid"]
    summary = _summary(plan, "objectives")
    for o in plan["objectives"]["objectives"]:
        if not o["from_brief"] or not o.get("target") or o.get("horizon_months") != months:
            continue
        base = o["baseline"]
        organic = organic_today(o["kpi"], base.get("value"), base.get("detail", ""),
                                paid.get("history"), paid.get("conversion", ""), months
                                ) * kept_share(base.get("covers"))  # the posting kept
        if o["kpi"] == "social_revenue" and paid.get("aov"):
            forecast = mid["revenue"] - (paid.get("deal") or {}).get("after_plan", 0.0)
            repeat = repeat_from(paid.get("customer_value"), months) or 0.0
            repeat -= min(repeat, repeat_in_paid(paid.get("customer_value"), forecast))
            expected = organic + forecast + min(repeat, max(0.0, o["target"] - forecast
                                                            - organic))
            shown = plan_translator(plan).money(o["realistic_target"])
        elif o["kpi"] == "leads_per_month" and paid.get("conversion") in LEAD_KINDS:
            expected = organic + mid["conversions"] / months
            shown = plan_translator(plan).number(o["realistic_target"])
        else:
            continue
        # one definition of the realistic value: a goal the plan forecasts is flagged
        # exactly when its forecasts fall short of the target, whatever the growth pace
        yield Check(f"realistic verdict of {o['goal']}: the plan's forecasts",
                    bool(o["realistic"]) == (expected >= o["target"] * 0.9999),
                    f"realistic={o['realistic']}, forecasts {expected:.2f} vs {o['target']}")
        if o["realistic"] or o["realistic_target"] is None:
            continue
        yield Check(f"realistic value of {o['goal']}: the plan's forecasts",
                    _close(o["realistic_target"], expected, abs_=1.0),
                    f"{o['realistic_target']} vs {expected:.2f}")
        if summary:
            yield Check(f"realistic value of {o['goal']} in the executive summary",
                        shown in summary, f"{shown} in {summary!r}")


def measurement_labels(plan: dict) -> Iterator[Check]:
    """Labels that must follow the plan's own figures: a posting window said to have no
    post of its channel in the history only on a channel none of whose windows is
    measured; a KPI's alert in the direction the KPI is better (negative comments alert
    when they rise above the trajectory)."""
    if "client" not in plan:
        return
    tr = plan_translator(plan)
    none = tr.t("channels.window_basis.default")
    windows = _rows(plan, "windows")
    measured = {r["platform_name"] for r in windows if r.get("posts")}
    for row in windows:
        if row["platform_name"] in measured:
            yield Check(f"window label of {row['platform_name']} {row['weekday_name']}",
                        row["basis_name"] != none, row["basis_name"])
    shown = _rows(plan, "measurement")
    wanted = plan.get("objectives", {}).get("measurement", [])
    for row, m in zip(shown, wanted, strict=False):
        if m.get("alert") and m.get("direction"):
            text = tr.t(f"objectives.alert_{m['direction']}", n=tr.percent(m["alert"], 0))
            yield Check(f"alert direction of {m['kpi']}", row["alert"] == text,
                        f"{row['alert']!r} vs {text!r}")


def rate_spreads(plan: dict) -> Iterator[Check]:
    """A rate the plan borrows from published benchmarks carries a spread (low below
    high): the forecast's range is as wide as the risk the plan states for it. On lead gen
    forms the spread is the published cost per lead's, carried by the conversion rate (CPM
    and CTR held at their middle: ``b2b_paid.lead_form_rates``)."""
    for m in plan.get("budget", {}).get("models", []):
        form = (m.get("cvr") or {}).get("basis") == "lead_form_benchmark"
        for metric in ("cvr",) if form else ("cpm", "ctr", "cvr"):
            r = m.get(metric)
            if isinstance(r, dict) and r.get("basis") in ("benchmark", "borrowed",
                                                          "lead_form_benchmark"):
                yield Check(f"spread of {m['platform']} {metric}", r["low"] < r["high"],
                            f"{r['low']}-{r['mid']}-{r['high']}")


def today_result(plan: dict) -> Iterator[Check]:
    """With an ads history: the forecast at today's spend and platform split gives today's
    result within its tolerance (``history_fit.fit``), and conversion campaigns spending
    more than today's forecast more sales than today's."""
    paid = plan.get("budget") or {}
    today = paid.get("today")
    if not today or not paid.get("channels"):
        return
    fit = today.get("fit")
    if fit:
        yield Check("forecast at today's split and spend = today's result",
                    abs(fit["gap"]) <= fit["tolerance"],
                    f"{fit['revenue']} vs {fit['revenue_today']} ({fit['gap']:+.1%})")
    spend = sum(c["conversion_spend"] for c in paid["channels"])
    revenue = sum(c["revenue"] or 0 for c in paid["channels"])
    if spend > today["spend_today"] + 0.5 and paid.get("aov"):
        yield Check("more spend than today brings more sales",
                    revenue > today["revenue_today"],
                    f"{spend:.0f} -> {revenue:.0f} vs today {today['spend_today']} -> "
                    f"{today['revenue_today']}")


def target_cards_paid(plan: dict) -> Iterator[Check]:
    """Paid spend by target: a target gets spend only on the platforms its card lists
    (the targets table's channels)."""
    cards = {r["name"]: {c.strip() for c in (r.get("channels") or "").split(",")}
             for r in _rows(plan, "segments")}
    for row in _rows(plan, "budget_by_target"):
        if (row.get("spend") or 0) > 0 and row["target_name"] in cards:
            yield Check(f"paid spend of {row['target_name']} on {row['platform_name']}",
                        row["platform_name"] in cards[row["target_name"]],
                        f"card lists {', '.join(sorted(cards[row['target_name']]))}")


def team_totals(plan: dict) -> Iterator[Check]:
    """The team chapter's totals, each the sum of the rows it shows (``team_checks``)."""
    from . import team_checks

    for name, ok, detail in team_checks.team_totals(plan):
        yield Check(name, ok, detail)


def programme_goal(plan: dict) -> Iterator[Check]:
    """The repeat-rate goal commits to what its past-buyer programme forecasts when that
    is short of the target (``lever_goals.goal_checks``)."""
    from .lever_goals import goal_checks

    for name, ok, detail in goal_checks(plan):
        yield Check(name, ok, detail)


def committed_values(plan: dict) -> Iterator[Check]:
    """A committed range shown as one range, and a post KPI committed within its own
    history's rule (``fill_range.committed_checks``)."""
    from .fill_range import committed_checks

    for name, ok, detail in committed_checks(plan):
        yield Check(name, ok, detail)


def monthly_posts(plan: dict) -> Iterator[Check]:
    """Each platform's posts month by month within a band of its weekly rate
    (``month_checks.monthly_posts``)."""
    from .month_checks import monthly_posts as months

    for name, ok, detail in months(plan):
        yield Check(name, ok, detail)


def seats_held(plan: dict) -> Iterator[Check]:
    """A month's paid conversions within the cap of that month (free seats, or a lead
    bound): every platform's but a test's that comes on top of a lead bound
    (``paid_months.outside_caps``)."""
    from .paid_months import month_free, outside_caps

    budget = plan.get("budget") or {}
    seats = budget.get("seats")
    if not seats or not budget.get("monthly"):
        return
    outside = {t["platform"] for t in budget.get("tests") or []
               if outside_caps(t.get("gate"), seats)}
    by: dict[str, float] = {}
    for r in budget["monthly"]:
        if r["platform"] not in outside:
            by[r["month"]] = by.get(r["month"], 0.0) + (r["conversions"] or 0.0)
    for month, booked in sorted(by.items()):
        free = month_free(seats, month)
        yield Check(f"paid conversions of {month[:7]} within its cap", booked <= free + 0.05,
                    f"{booked:.2f} vs {free:.2f}")


CHECKS: tuple[Callable[[dict], Iterator[Check]], ...] = (
    content_type_rates, paid_spend, held_back_split, paid_results, paid_decisions, break_even_value,
    posting_volume,
    calendar_agrees, team_figures, lifetime_return, channel_scores, revenue_months,
    realistic_goals, measurement_labels, rate_spreads, team_totals, dated_ideas_placed,
    target_cards_paid, today_result, programme_goal, committed_values, monthly_posts,
    neighbourhood_boosts, one_roas, seats_held)


def run(plan: dict) -> list[Check]:
    """Every check on a plan's JSON."""
    return [c for check in CHECKS for c in check(plan)]
