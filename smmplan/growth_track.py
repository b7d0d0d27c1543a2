"""A growth option funded from the paid budget the plan holds back (``Paid.held_back``, past
break-even), ``data/growth.yaml``: up to three steps, each with its own gate and read date,
each sized on the plan's own figures and committed from the reserve (taken out of the
held-back amount, as the past-buyer programme is: ``retention.with_retention``). They are
options, not forecast: the plan's forecast, cost and ROI stay the base; the steps' revenue
is shown apart, "if every gate opens".

- ``creator``: creator ads from the creator's own account (whitelisted: the sector's creator
  lever states an ads share) against the brand's studio ads on the biggest paid platform
  with its own creator fee, prospecting only. Each arm buys the sample that reads a
  difference of the published creator advantage (``creator_sample``), at today's cost per
  purchase on that platform (its ads history's prospecting rows, else the forecast's);
  an arm is stopped at the break-even cost per purchase.
- ``new_customer``: a prospecting line bid to a new customer's 12-month value at the margin
  (``Paid.customer_value``) instead of one order's: the plan's budget table
  (``Paid.sweep``) read by the plan's own break-even rule
  (``budget_sweep.break_even_budget``) at that value instead of one order's margin. Valid
  only once the shop's new / returning customer flag reaches the ads account.
- ``q4``: extra spend in the last months (``q4_step.months``) on the platform whose
  history-fitted curve leaves the most room there, when the month before costs
  ``better_than_forecast`` percent under its forecast: the curve, put through the plan's
  forecast of those months and scaled by that gain, is spent until its last purchase
  costs the break-even. No room on any platform: no step.

None of it when the budget is held by a cap (free seats, a lead bound: more spend buys no
conversion) or without a break-even."""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import replace

from .budget_sweep import break_even_budget
from .catalogue import paid_facts
from .creator_posts import creator_lever
from .dates import monday_on_or_after, month_end
from .paid_model import held_less
from .paths import data_yaml
from .retention import with_retention

WEEKS_A_MONTH = 4.345


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
        return cal["spend"] / cal["conversions"], "history"
    c = next((c for c in paid.channels if c.platform == platform), None)
    return (c.cpa, "forecast") if c is not None and c.cpa else (None, "")


def _window(model, channel, weeks: float, months: int):
    """(the model over ``weeks``, the channel's conversion spend over them, the factor that
    puts the model through the plan's forecast of those weeks)."""
    share = weeks / WEEKS_A_MONTH / months
    at = replace(model, periods=weeks / WEEKS_A_MONTH)
    base = channel.conversion_spend * share
    bought = float(at.chain(base)["conversions"])
    return at, base, (channel.conversions * share / bought) if bought else 1.0


def creator_step(brief, paid, models, held: float, start: dt.date) -> dict | None:
    """The creator-vs-studio test (module doc); None when the sector's creator lever runs
    no ads from creators' accounts, no paid platform has its own creator fee, or the
    reserve cannot pay it."""
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
    budget = round(2 * n * cpa, 2)
    if budget > held:
        return None
    weeks = int(f["weeks"])
    at, base, k = _window(model, channel, weeks, len(paid.paid_months))
    keep = 1 - float(f["advantage"]) / 100
    extra = {"low": k * float(at.chain(base + budget, "low")["conversions"]
                              - at.chain(base, "low")["conversions"])}
    low = extra["low"]  # the extra spend on the fitted curve, studio ads only
    high = n + n / keep  # today's cost per purchase, the creator arm at its advantage
    end = start + dt.timedelta(weeks=weeks)
    return {"kind": "creator", "platform": channel.platform, "budget": budget,
            "arm": round(budget / 2, 2), "n": n, "cpa_today": round(cpa, 2),
            "cpa_basis": basis, "advantage": float(f["advantage"]),
            "source": f["advantage_source"], "weeks": weeks, "stop": round(
                paid.break_even_cpa, 2), "start": start.isoformat(), "read": end.isoformat(),
            "conversions": [round(low, 1), round(high, 1)],
            "revenue": [round(low * paid.aov, 2), round(high * paid.aov, 2)]}


def _conversions_at(sweep: list[dict], budget: float) -> float:
    """The budget table's conversions at ``budget``, interpolated between its rows."""
    rows = sorted(sweep, key=lambda r: r["budget"])
    lower = max((r for r in rows if r["budget"] <= budget), key=lambda r: r["budget"],
                default=rows[0])
    upper = min((r for r in rows if r["budget"] >= budget), key=lambda r: r["budget"],
                default=rows[-1])
    span = upper["budget"] - lower["budget"]
    u = (budget - lower["budget"]) / span if span else 0.0
    return lower["conversions"] + u * (upper["conversions"] - lower["conversions"])


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
    budget = round(min(at - paid.total, held), -2)
    if budget <= 0:
        return None
    mid = _conversions_at(paid.sweep, paid.total + budget) - _conversions_at(paid.sweep,
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
            "conversions": conv, "revenue": [round(c * cv["value"], 2) for c in conv]}


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
    those months in the paid months (after a gate month) or room under break-even."""
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
        room = _q4_room(model, rows, months, share, float(f["better_than_forecast"]),
                        paid.break_even_cpa, held)
        if room and (best is None or room[0] > best[1][0]):
            best = (c, room, rows[gate]["spend"] * share / rows[gate]["conversions"])
    if best is None:
        return None
    c, (budget, extra, g, now), forecast = best
    value = c.revenue / c.conversions
    last = dt.date.fromisoformat(months[-1])
    end = month_end(last)
    conversions = [round(extra, 1), round(extra * g, 1)]
    return {"kind": "q4", "platform": c.platform, "budget": float(budget),
            "gate_month": gate, "forecast_cpa": round(forecast, 2),
            "threshold": round(forecast * (1 - float(f["better_than_forecast"]) / 100), 2),
            "better": float(f["better_than_forecast"]), "stop": round(paid.break_even_cpa, 2),
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
        start = monday_on_or_after(dt.date.fromisoformat(step["read"]))
    step = new_customer_step(paid, left, start)
    if step:
        steps.append(step)
        left -= step["budget"]
    step = q4_step(paid, models, left)
    if step:
        steps.append(step)
    if not steps:
        return None
    steps = [paused_low(s) for s in steps]
    return {"steps": steps, "budget": round(sum(s["budget"] for s in steps), 2),
            "revenue": [round(sum(s["revenue"][i] for s in steps), 2) for i in (0, 1)],
            "held_before": round(held, 2)}


def with_growth(brief, models, paid):
    """``paid`` with the growth option (``held_back["growth"]``) and its budget taken out of
    the budget held back (``paid_model.held_less``)."""
    option = growth_option(brief, paid, models)
    if option is None:
        return paid
    paid.held_back = held_less(paid.held_back, option["budget"]) | {"growth": option}
    return paid


def with_reserve(brief, models, paid):
    """The held-back budget's uses: the past-buyer programme first
    (``retention.with_retention``), then the growth option from what it leaves."""
    return with_growth(brief, models, with_retention(brief, paid))
