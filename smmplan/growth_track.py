"""A growth option funded from the paid budget the plan holds back (``Paid.held_back``, past
break-even), ``data/growth.yaml``: up to three steps, each with its own gate and read date,
each sized on the plan's own figures and committed from the reserve (taken out of the
held-back amount, as the past-buyer programme is: ``retention.with_retention``). They are
options, not forecast: the plan's forecast, cost and ROI stay the base; the steps' revenue
is shown apart, "if every gate opens".

- ``creator``: creator ads from the creator's own account (whitelisted: the sector's creator
  lever states an ads share) against the brand's studio ads on the biggest paid platform
  with its own creator fee, prospecting only, as a split of that platform's planned
  prospecting spend (``creator_test.split``), no money on top: it runs in whole weeks
  until the studio arm reaches the sample that reads a difference of the published creator
  advantage (``creator_sample``) at the forecast's own prospecting purchases
  (``split_weeks``); an arm is stopped at the break-even cost per purchase.
- ``new_customer``: a prospecting line bid to a new customer's 12-month value at the margin
  (``Paid.customer_value``) instead of one order's: the plan's budget table
  (``Paid.sweep``) read by the plan's own break-even rule
  (``budget_sweep.break_even_budget``) at that value instead of one order's margin, so the
  curve, not the reserve, sets its size unless the reserve is smaller (``limit``). Valid
  only once the shop's new / returning customer flag reaches the ads account.
- ``q4``: extra spend in the last months (``q4_step.months``) on the platform whose
  history-fitted curve leaves the most room there, when the month before costs
  ``better_than_forecast`` percent under its forecast: the curve, put through the plan's
  forecast of those months and scaled by that gain, is spent until its last purchase
  costs the platform's break-even in the stop rule (``conversion_cost.platform_break_even``).
  No room on any platform: no step; a room under ``min_share_of_envelope`` percent of the
  envelope is stated and not opened.

None of it when the budget is held by a cap (free seats, a lead bound: more spend buys no
conversion) or without a break-even."""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import replace

from .budget_sweep import break_even_budget, conversions_at
from .catalogue import paid_facts
from .conversion_cost import cost, platform_break_even
from .creator_posts import creator_lever
from .dates import monday_on_or_after, month_end
from .paid_model import held_less
from .paths import data_yaml
from .retention import with_retention


def facts() -> dict:
    """data/growth.yaml."""
    return data_yaml("growth.yaml")


def creator_sample(advantage: float, z_confidence: float, z_power: float, least: int) -> int:
    """Conversions the studio arm must reach (the creator arm gets the same spend) so that
    a cost per purchase ``advantage`` percent lower is told apart: the log of the two
    Poisson counts' ratio against its standard error, sqrt(1/n + 1/n'), with n' = n / (1 -
    advantage); never fewer than ``least``."""
    keep = 1 - advantage / 100
    if not 0 < keep < 1:
        return least
    n = (z_confidence + z_power) ** 2 * (1 + keep) / math.log(1 / keep) ** 2
    return max(least, math.ceil(n))


def _today_cpa(paid, platform: str) -> tuple[float | None, str]:
    """Today's cost per purchase on ``platform``: its ads history's prospecting rows, else
    the whole history, else the forecast's; with the basis."""
    cal = (paid.calibration or {}).get(platform) or {}
    pool = cal.get("retargeting") or {}
    if pool.get("prospecting_cpa"):
        return float(pool["prospecting_cpa"]), "prospecting"
    if cal.get("conversions"):
        return cost(cal["spend"], cal["conversions"]), "history"
    c = next((c for c in paid.channels if c.platform == platform), None)
    return (c.cpa, "forecast") if c is not None and c.cpa else (None, "")


def _prospecting_days(model, channel, rows: dict):
    """Each day's planned prospecting (spend, purchases) on ``channel``, by month: the
    month's conversion spend and forecast purchases (``rows``: the monthly table's) less
    its retargeting pool (``retargeting.PoolMixin``: bought first, at the history's cost),
    over the month's days."""
    share = channel.conversion_spend / channel.spend if channel.spend else 0.0
    one = replace(model, periods=1)
    pool_spend = float(getattr(model, "pool_spend", 0.0) or 0.0)
    pool_rate = float(getattr(model, "pool_conversions", 0.0) or 0.0)
    out = {}
    for month, row in rows.items():
        spend = row["spend"] * share
        pool = min(spend, pool_spend)
        modelled = float(one.chain(spend)["conversions"])
        kept = 1 - pool * pool_rate / modelled if modelled else 1.0
        days = (month_end(dt.date.fromisoformat(month)) - dt.date.fromisoformat(month)).days + 1
        out[month] = ((spend - pool) / days, max(0.0, row["conversions"] * kept) / days)
    return out


def split_weeks(days: dict, start: dt.date, n: int, split: float) -> tuple[int, float,
                                                                          float] | None:
    """(weeks, the creator arm's spend, the studio arm's purchases) for a ``split`` percent
    (creator ads) / rest (studio ads) split of the planned prospecting (``days``: month ->
    a day's spend and purchases) from ``start``, run in whole weeks until the studio arm
    reaches ``n`` purchases at the forecast; None when the paid months end first."""
    creator, rest = split / 100, 1 - split / 100
    got = spent = 0.0
    day, week = start, 0
    while got < n:
        week += 1
        for _ in range(7):
            month = day.replace(day=1).isoformat()
            if month not in days:
                return None
            spent += days[month][0] * creator
            got += days[month][1] * rest
            day += dt.timedelta(days=1)
    return week, spent, got


def creator_step(brief, paid, models, held: float, start: dt.date) -> dict | None:
    """The creator-vs-studio test (module doc): a split of the biggest creator-fee
    platform's planned prospecting spend, no money on top (``held`` is not used); None
    when the sector's creator lever runs no ads from creators' accounts, no paid platform
    has its own creator fee, or the paid months end before the sample is reached."""
    lever = creator_lever(brief.client.sector_kind)
    if not lever or not (lever.get("posts") or {}).get("ads_share"):
        return None
    fees = (lever.get("cost") or {}).get("per_post") or {}
    paying = sorted((c for c in paid.channels if c.platform in fees and c.conversion_spend > 0),
                    key=lambda c: -c.conversion_spend)
    model = next((m for m in models if paying and m.platform == paying[0].platform), None)
    if model is None:
        return None
    channel = paying[0]
    f = facts()["creator_test"]
    cpa, basis = _today_cpa(paid, channel.platform)
    if not cpa:
        return None
    n = creator_sample(float(f["advantage"]), float(f["z_confidence"]), float(f["z_power"]),
                       int(paid_facts()["held_back_test"]["min_conversions"]))
    rows = {r["month"]: r for r in paid.monthly if r["platform"] == channel.platform}
    found = split_weeks(_prospecting_days(model, channel, rows), start, n, float(f["split"]))
    if found is None:
        return None
    weeks, arm, studio = found
    keep = 1 - float(f["advantage"]) / 100
    gain = studio / keep - studio  # the creator arm at its advantage, same spend
    end = start + dt.timedelta(weeks=weeks)
    return {"kind": "creator", "platform": channel.platform, "budget": 0.0, "inside": True,
            "split": float(f["split"]), "arm": round(arm, 2), "n": n,
            "studio": round(studio, 1), "on_top": round(2 * n * cpa, 2),
            "cpa_today": round(cpa, 2), "cpa_basis": basis,
            "advantage": float(f["advantage"]), "source": f["advantage_source"],
            "weeks": weeks, "stop": round(paid.break_even_cpa, 2), "start": start.isoformat(),
            "read": end.isoformat(), "conversions": [0.0, round(gain, 1)],
            "revenue": [0.0, round(gain * paid.aov, 2)]}


def new_customer_step(paid, held: float, start: dt.date) -> dict | None:
    """The new-customer line (module doc); None without a customer value above the
    break-even or a budget table that reaches it, or when the reserve cannot pay it."""
    cv = paid.customer_value or {}
    worth = cv.get("break_even")
    if not worth or worth <= paid.break_even_cpa or not paid.sweep:
        return None
    at = break_even_budget(paid.sweep, worth)  # the plan's own rule, at the customer value
    if at is None:
        return None
    room = round(at - paid.total, -2)  # what the curve can use within the stop rule
    budget = round(min(at - paid.total, held), -2)
    if budget <= 0:
        return None
    mid = conversions_at(paid.sweep, paid.total + budget) - conversions_at(paid.sweep,
                                                                             paid.total)
    sc = paid.scenarios
    lo_f = sc["low"]["conversions"] / sc["mid"]["conversions"] if sc.get("mid") else 1.0
    hi_f = sc["high"]["conversions"] / sc["mid"]["conversions"] if sc.get("mid") else 1.0
    last = dt.date.fromisoformat(paid.paid_months[-1])
    end = month_end(last)
    read = start + dt.timedelta(weeks=int(facts()["new_customer"]["weeks"]))
    conv = [round(mid * lo_f, 1), round(mid * hi_f, 1)]
    return {"kind": "new_customer", "budget": float(budget), "bid": round(worth, 2),
            "value": cv["value"], "months": cv.get("months"), "stop": round(worth, 2),
            "start": start.isoformat(), "read": read.isoformat(), "end": end.isoformat(),
            "limit": "curve" if room <= budget else "reserve", "conversions": conv,
            "revenue": [round(c * cv["value"], 2) for c in conv]}


def _q4_room(model, rows: dict, months: list[str], share: float, better: float,
             break_even: float, most: float) -> tuple[float, float, float, float] | None:
    """(extra spend, extra conversions at the forecast, the gate's factor, the cost of one
    more purchase at the forecast) for one platform:
    its curve over ``months`` put through the plan's own forecast of them, scaled by the
    gate's factor (a gate month ``better`` percent under its forecast cost), spent until the
    last purchase costs ``break_even`` (at most ``most``); None without room."""
    base = sum(rows[m]["spend"] for m in months) * share
    conv = sum(rows[m]["conversions"] for m in months)
    at = replace(model, periods=len(months))
    bought = float(at.chain(base)["conversions"])
    if not bought or not conv:
        return None
    k, g = conv / bought, 1 / (1 - better / 100)

    def cost(x: float) -> float:  # the last purchase's cost at ``x`` more, gate passed
        step = float(at.chain(base + x + 1.0)["conversions"] - at.chain(base + x)["conversions"])
        return 1.0 / (g * k * step) if step > 0 else math.inf

    if cost(0.0) >= break_even:
        return None
    lo, hi = 0.0, max(most, 1.0)
    if cost(hi) < break_even:
        lo = hi
    while hi - lo >= 1.0:
        mid = (lo + hi) / 2
        lo, hi = (mid, hi) if cost(mid) < break_even else (lo, mid)
    budget = round(lo, -2)
    if budget <= 0:
        return None
    return budget, k * float(at.chain(base + budget)["conversions"]
                             - at.chain(base)["conversions"]), g, cost(0.0) * g


def q4_step(paid, models, held: float) -> dict | None:
    """The last months' step (module doc) on the platform with the most room; None without
    those months in the paid months (after a gate month) or room under break-even. A room
    under ``min_share_of_envelope`` percent of the envelope is no step: the dict then has
    ``dropped`` (the room, its share, the threshold) and a zero budget."""
    f = facts()["q4_step"]
    months = [m for m in paid.paid_months if int(m[5:7]) in f["months"]]
    if not months or paid.paid_months.index(months[0]) == 0:
        return None
    gate = paid.paid_months[paid.paid_months.index(months[0]) - 1]
    best = None
    for c in paid.channels:
        model = next((m for m in models if m.platform == c.platform), None)
        rows = {r["month"]: r for r in paid.monthly if r["platform"] == c.platform}
        if model is None or not c.conversions or not c.conversion_spend or \
                not all(m in rows and rows[m]["conversions"] for m in [gate, *months]):
            continue
        share = c.conversion_spend / c.spend
        stop = platform_break_even(paid).get(c.platform, paid.break_even_cpa)
        room = _q4_room(model, rows, months, share, float(f["better_than_forecast"]),
                        stop, held)
        if room and (best is None or room[0] > best[1][0]):
            best = (c, room, rows[gate]["spend"] * share / rows[gate]["conversions"], stop)
    if best is None:
        return None
    c, (budget, extra, g, now), forecast, stop = best
    value = c.revenue / c.conversions
    last = dt.date.fromisoformat(months[-1])
    end = month_end(last)
    conversions = [round(extra, 1), round(extra * g, 1)]
    least = float(f.get("min_share_of_envelope", 0))
    share = budget / paid.envelope * 100 if paid.envelope else 100.0
    dropped = {"room": float(budget), "share": round(share, 2), "least": least} \
        if share < least else None
    return {"kind": "q4", "platform": c.platform, "budget": 0.0 if dropped else float(budget),
            "dropped": dropped,
            "gate_month": gate, "forecast_cpa": round(forecast, 2),
            "threshold": round(forecast * (1 - float(f["better_than_forecast"]) / 100), 2),
            "better": float(f["better_than_forecast"]), "stop": round(stop, 2),
            "marginal_now": round(now, 2),
            "start": months[0], "read": end.isoformat(), "months": months,
            "conversions": conversions, "revenue": [round(x * value, 2) for x in conversions]}


def _weeks(step: dict) -> float:
    """How long a step runs, in weeks: the creator test's own weeks, else from its start
    to its end (the new-customer line) or its read date (the last months' step)."""
    if step.get("weeks"):
        return float(step["weeks"])
    end = dt.date.fromisoformat(step.get("end") or step["read"])
    return max(1.0, ((end - dt.date.fromisoformat(step["start"])).days + 1) / 7)


def paused_low(step: dict) -> dict:
    """The step with ``spend`` [low, high]: at the low end of its range, where one
    conversion costs more than its stop rule allows, the step is paused at its first check
    (data/growth.yaml ``first_check_weeks``), so it spends and buys only that part of its
    weeks (``paused`` the low end's cost per conversion); else its whole budget both ends."""
    low = step["conversions"][0]
    cost = step["budget"] / low if low > 0 else None
    if cost is None or cost <= step["stop"]:
        return step | {"spend": [step["budget"], step["budget"]]}
    part = min(1.0, float(facts()["first_check_weeks"]) / _weeks(step))
    return step | {"spend": [round(step["budget"] * part, 2), step["budget"]],
                   "conversions": [round(low * part, 1), step["conversions"][1]],
                   "revenue": [round(step["revenue"][0] * part, 2), step["revenue"][1]],
                   "paused": {"cost": round(cost, 2), "weeks": float(
                       facts()["first_check_weeks"])}}


def growth_option(brief, paid, models) -> dict | None:
    """{steps (creator, new_customer, q4 as they apply, each from what the ones before
    leave of the reserve), budget (their sum), revenue [low, high], held_before}; None when
    nothing applies (module doc)."""
    held = (paid.held_back or {}).get("budget") or 0.0
    if held <= 0 or paid.seats or not paid.break_even_cpa or not paid.aov \
            or paid.objective not in ("revenue", "profit") or not paid.paid_months:
        return None
    first = dt.date.fromisoformat(paid.paid_months[0])
    weeks = int(facts()["creator_test"]["start_weeks"])
    start = monday_on_or_after(first + dt.timedelta(weeks=weeks))
    steps, left = [], held
    step = creator_step(brief, paid, models, left, start)
    if step:
        steps.append(step)
        left -= step["budget"]
    # the new-customer line does not wait for the test's read: the test is a split of the
    # plan's own prospecting, which runs either way
    start = monday_on_or_after(start + dt.timedelta(
        weeks=int(facts()["new_customer"]["after_weeks"])))
    step = new_customer_step(paid, left, start)
    if step:
        steps.append(step)
        left -= step["budget"]
    step = q4_step(paid, models, left)
    dropped = None
    if step and step["dropped"]:
        dropped = step  # no step: the room the curve leaves is stated, not spent
    elif step:
        steps.append(step)
    if not steps:
        return None
    steps = [paused_low(s) for s in steps]
    return {"steps": steps, "budget": round(sum(s["budget"] for s in steps), 2),
            "revenue": [round(sum(s["revenue"][i] for s in steps), 2) for i in (0, 1)],
            "held_before": round(held, 2), "q4_dropped": dropped}


def with_growth(brief, models, paid):
    """``paid`` with the growth option (``held_back["growth"]``) and its budget taken out of
    the budget held back (``paid_model.held_less``)."""
    option = growth_option(brief, paid, models)
    if option is None:
        return paid
    paid.held_back = held_less(paid, option["budget"]) | {"growth": option}
    return paid


def with_reserve(brief, models, paid):
    """The held-back budget's uses: the past-buyer programme first
    (``retention.with_retention``), then the growth option from what it leaves."""
    return with_growth(brief, models, with_retention(brief, paid))
