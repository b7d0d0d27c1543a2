"""A past-buyer retention programme funded from the paid budget held back (``data/
retention.yaml``): when a goal of the brief is a repeat purchase rate with a target above
its baseline, the paid plan holds budget back (``Paid.held_back``) and the client's customer
file gives the customers and their orders (``Paid.customer_value``), part of the held-back
budget reaches the past buyers who are not repeat buyers today through a hashed customer
list, each month up to a frequency cap.

Sizing, the client's data first:
- customers: the customer file's; when the file records fewer orders a year than the ads
  export alone bought (an extract of the file), scaled to the ads export's purchases at the
  file's orders per customer (a floor: paid social's buyers only);
- audience: the customers not counted as repeat buyers (1 - the goal's baseline rate), times
  the list's match rate (borrowed);
- budget: the audience x the monthly frequency cap x the paid months, at the platform's cost
  per impression (its ads history, else the plan's rates), at most ``max_share_of_held`` of
  the held-back budget;
- cost of a repeat order: the platform's retargeting cost per conversion in the ads history,
  else its prospecting cost x ``warm_cost_ratio`` (borrowed).

Forecast: each matched past buyer orders again with probability 1 - exp(-impressions x
orders per impression) (saturating: a person returns once for the rate); those buyers are
the repeat orders, each moving the rate by one customer out of the customer base. Revenue
and margin are on the plan's one basis: the value per conversion and the break-even per
conversion (value x margin). They are not added to the paid forecast nor to the revenue
goal (whose returning customers the file's own pace already counts): the programme is read
on its own cost per repeat order. Stop rule: a cost per repeat order above the margin of one
order (the break-even per conversion), counted above a held-out control group, read once
``review_orders`` orders are counted."""

from __future__ import annotations

import datetime as dt
import math
import re

from .benchmarks import benchmark_cpa
from .brief import add_months
from .dates import monday_on_or_after, month_end
from .goals import REPEAT_WINDOW_MONTHS
from .owned_forecast import forecast
from .paid_model import held_less
from .paths import data_yaml


def facts() -> dict:
    """data/retention.yaml."""
    return data_yaml("retention.yaml")


def customer_base(customers: int, file_orders_year: float,
                  ads_orders_year: float | None) -> tuple[int, str]:
    """(customers, basis): the file's customers, or scaled to the ads export's purchases a
    year when the file records fewer orders a year than the ads alone ("ads")."""
    if ads_orders_year and file_orders_year and ads_orders_year > file_orders_year:
        return round(customers * ads_orders_year / file_orders_year), "ads"
    return customers, "file"


def size_programme(*, customers: int, baseline: float, target: float, held: float,
                   months: int, cpm: float, warm_cpa: float, value: float,
                   break_even: float, rules: dict | None = None) -> dict | None:
    """The programme's budget and forecast for a customer base of ``customers``, a repeat
    rate from ``baseline`` to ``target`` (percent), ``held`` back, over ``months`` at
    ``cpm`` a thousand impressions and ``warm_cpa`` a repeat order at the platform's rates;
    ``value`` and ``break_even`` per conversion. None when nothing can be bought or a repeat
    order would cost more than its margin."""
    r = rules or facts()
    if customers <= 0 or held <= 0 or months <= 0 or cpm <= 0 or warm_cpa <= 0 \
            or target <= baseline or not break_even:
        return None
    lapsed = customers * (1 - baseline / 100)  # past buyers not counted as repeat buyers
    audience = lapsed * r["match_rate"] / 100
    budget = min(audience * r["monthly_frequency"] * months * cpm / 1000,
                 held * r["max_share_of_held"] / 100)
    budget = round(budget, -2) if budget >= 1000 else round(budget, 2)
    if audience < 1 or budget <= 0:
        return None
    impressions = budget / cpm * 1000
    per_impression = cpm / 1000 / warm_cpa  # orders an impression brings at the warm cost
    orders = audience * -math.expm1(-impressions / audience * per_impression)
    if orders <= 0 or budget / orders > break_even:
        return None
    needed = customers * (target - baseline) / 100  # repeat buyers the target needs
    reached = baseline + round(orders) / customers * 100  # whole buyers, as printed
    return {"customers": int(customers), "lapsed": round(lapsed), "audience": round(audience),
            "budget": float(budget), "monthly": round(budget / months, 2),
            "impressions": round(impressions), "frequency": round(impressions / audience
                                                                   / months, 1),
            "orders": round(orders, 1), "cost_per_order": round(budget / orders, 2),
            "revenue": round(orders * value, 2), "margin": round(orders * break_even, 2),
            "net": round(orders * break_even - budget, 2), "break_even": round(break_even, 2),
            "needed": round(needed, 1), "share_of_gap": round(min(1.0, orders / needed) * 100, 1),
            "rate": round(reached, 2), "points": round(reached - baseline, 2),
            "baseline": baseline, "target": target, "reaches": reached >= target - 1e-9,
            "gap_points": round(max(0.0, target - reached), 2),
            "holdout": r["holdout"], "match_rate": r["match_rate"],
            "monthly_frequency": r["monthly_frequency"]}


def review_date(start: dt.date, orders: float, months: int, end: dt.date,
                wanted: int) -> dt.date:
    """When ``wanted`` repeat orders are counted at the forecast's pace (``orders`` over
    ``months``), a Monday, never after ``end``."""
    per_week = orders / months * 12 / 52 if months else 0.0
    weeks = math.ceil(wanted / per_week) if per_week > 0 else 10 ** 4
    return min(monday_on_or_after(start + dt.timedelta(weeks=weeks)), end)


def email_tool(brief) -> str | None:
    """The e-mail or CRM tool the brief names (anywhere in its text), else None."""
    text = brief.model_dump_json()
    for name in facts()["email_tools"]:
        if re.search(rf"(?<![\w.]){re.escape(name)}(?![\w])", text, re.I):
            return name
    return None


def _goal(brief):
    from .goals import match_kpi  # goals reads exports; kept out of import time

    kpi = facts()["kpi"]
    return next((g for g in brief.goals.business_goals
                 if g.target is not None and match_kpi(g) == kpi), None)


def _platform(paid) -> str | None:
    """The paid platform that takes a customer list: one whose ads history retargets (its
    own warm cost), else the one with the most conversion spend."""
    ok = [c for c in paid.channels if c.platform in facts()["platforms"]
          and c.conversion_spend > 0]
    if not ok:
        return None
    warm = [c for c in ok if ((paid.calibration or {}).get(c.platform) or {}).get(
        "retargeting")]
    return max(warm or ok, key=lambda c: c.conversion_spend).platform


def _warm_cost(paid, platform: str, model: dict) -> tuple[float | None, str]:
    pool = ((paid.calibration or {}).get(platform) or {}).get("retargeting") or {}
    if pool.get("cpa"):
        return float(pool["cpa"]), "history"
    cpa = benchmark_cpa(model)
    if cpa is None:
        return None, ""
    return cpa * facts()["warm_cost_ratio"], "benchmark"


def _ads_orders_year(paid) -> float | None:
    if paid.conversion != "purchase":
        return None
    rows = ((paid.history or {}).get("platforms") or {}).values()
    per_year = [r["conversions"] / r["months"] * 12 for r in rows
                if r.get("conversions") and r.get("months")]
    return sum(per_year) if per_year else None


def programme(brief, paid) -> dict | None:
    """The past-buyer programme (module docstring): ``size_programme``'s figures plus the
    platform, the bases of each input, the start and review dates, the e-mail tool and
    the owned-channel steps for the gap it leaves (``owned_steps``); None when it does not
    apply."""
    from .goals import baseline as goal_baseline

    held = (paid.held_back or {}).get("budget") or 0.0
    cv = paid.customer_value
    goal = _goal(brief)
    if held <= 0 or not cv or goal is None or not paid.break_even_cpa or not paid.aov \
            or not paid.paid_months:
        return None
    months = len(paid.paid_months)
    base = goal_baseline(brief, goal, facts()["kpi"], None, brief.client.period.months)
    platform = _platform(paid)
    if base is None or base.value is None or platform is None:
        return None
    model = next((m for m in paid.models if m.get("platform") == platform), {})
    cpm = (model.get("cpm") or {}).get("mid")
    warm, warm_basis = _warm_cost(paid, platform, model)
    file_year = cv["customers"] * cv["orders_per_customer"] / cv["file_months"] * 12
    customers, customers_basis = customer_base(cv["customers"], file_year,
                                               _ads_orders_year(paid))
    sized = size_programme(customers=customers, baseline=float(base.value),
                           target=float(goal.target), held=held, months=months,
                           cpm=cpm or 0.0, warm_cpa=warm or 0.0, value=paid.aov,
                           break_even=paid.break_even_cpa)
    if sized is None:
        return None
    first = dt.date.fromisoformat(paid.paid_months[0])
    start = monday_on_or_after(first + dt.timedelta(weeks=int(facts()["start_weeks"])))
    end = month_end(dt.date.fromisoformat(paid.paid_months[-1]))
    review = review_date(start, sized["orders"], months, end, int(facts()["review_orders"]))
    out = sized | {
        "platform": platform, "cpm": round(cpm, 2), "warm_cpa": round(warm, 2),
        "warm_basis": warm_basis, "customers_basis": customers_basis,
        "file_customers": int(cv["customers"]), "file_orders_year": round(file_year),
        "ads_orders_year": round(_ads_orders_year(paid) or 0), "baseline_basis": base.basis,
        "goal": goal.description, "start": start.isoformat(), "review": review.isoformat(),
        "email_tool": email_tool(brief), "held_before": round(held, 2)}
    return out | {"owned": owned_steps(brief, out, cv)}


def mentions(brief, key: str) -> bool:
    """Whether what the client offers names one of ``data/retention.yaml``'s ``key`` terms
    (``repair_terms``: the offer includes repairs): its value proposition, differentiators,
    strengths and offer lines, not a competitor's, a weakness's or a threat's words."""
    text = " ".join([brief.brand.value_proposition, *brief.brand.differentiators,
                     *brief.situation.strengths,
                     *(f"{o.name} {o.description}" for o in brief.offer)])
    return any(re.search(rf"\b{re.escape(term)}", text, re.I) for term in facts()[key])


def owned_steps(brief, prog: dict, cv: dict | None) -> dict | None:
    """When the paid programme leaves a gap to the repeat-rate target: the past buyers still
    needed (the target's count less the programme's forecast) and the owned-channel steps
    of ``data/retention.yaml`` (``owned``), dated from the plan's start. The win-back flow
    fires at the customers' average gap between two orders in their customer file (its
    months over the gaps between a customer's orders, one fewer than its orders), else at
    the convention. Each step's forecast of the past buyers it brings back, their cost and
    what is still missing: ``owned_forecast.forecast``. None when the programme reaches
    the target."""
    if prog["reaches"]:
        return None
    f = facts()["owned"]
    start = brief.client.period.start
    steps = [{"key": s["key"], "date": (start + dt.timedelta(days=int(s["days"]))).isoformat()}
             for s in f["steps"]]
    # n orders a customer leave n - 1 gaps over the file's months: the average gap
    per_order = cv["file_months"] / (cv["orders_per_customer"] - 1) \
        if cv and cv.get("file_months") and (cv.get("orders_per_customer") or 0) > 1 else None
    end = month_end(add_months(start, brief.client.period.months - 1))
    first = dt.date.fromisoformat(steps[0]["date"])
    months = max(1, (end.year - first.year) * 12 + end.month - first.month + 1)
    # the flow reaches a customer before the repeat rate's window drops them
    latest = REPEAT_WINDOW_MONTHS - f["win_back_margin_months"]
    gap = round(per_order, 1) if per_order else None
    months_ = f["win_back_months"] if gap is None else min(gap, latest)
    basis = "convention" if gap is None else "file" if gap <= latest else "window"
    out = forecast(brief, prog, months_, REPEAT_WINDOW_MONTHS, f["forecast"],
                   email_tool(brief))  # its "rest": the past buyers still needed, whole
    return {"per_month": round(out["rest"] / months, 1), "from": first.isoformat(),
            "end": end.isoformat(), "steps": steps,
            "win_back_months": months_, "win_back_basis": basis, "win_back_gap": gap,
            "repeat_window": REPEAT_WINDOW_MONTHS,
            "reminder_days": f["reminder_days"], "early_hours": f["early_hours"],
            "repair": mentions(brief, "repair_terms")} | out


def with_retention(brief, paid):
    """``paid`` with the programme (``Paid.retention``) and its budget taken out of the
    budget held back (``paid_model.held_less``)."""
    prog = programme(brief, paid)
    if prog is None:
        return paid
    paid.held_back = held_less(paid, prog["budget"]) | {"retention": prog["budget"]}
    paid.retention = prog
    return paid
