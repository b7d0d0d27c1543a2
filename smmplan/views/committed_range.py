"""How a committed range (``fill_range``) reads in every chapter: the SMART table, the
objectives' decisions, the executive summary and the flagged goal's note show the same
bottom and the same central value, with the month whose measured rate settles it."""

from __future__ import annotations

import datetime as dt

from ..organic_bookings import organic_facts
from ..plan import Plan
from .base import day, kpi_value, month_year
from .history_note import checkpoint_day


def committed(o) -> float | None:
    """The target the plan commits to: a goal flagged as unrealistic with a realistic value
    commits to that value (the client's figure stays as the stretch), else its target; a
    range's central value."""
    if not o.realistic and o.realistic_target is not None:
        return o.realistic_target
    return o.target


def committed_shown(plan: Plan, o) -> str:
    """The committed value as shown: "59% to 68%" for a range, else the value."""
    high = kpi_value(plan, o.kpi, committed(o))
    if getattr(o, "committed_low", None) is None:
        return high
    return plan.tr.t("objectives.committed_range",
                     low=kpi_value(plan, o.kpi, o.committed_low), high=high)


def range_values(plan: Plan, o) -> dict:
    """The range's words: its bottom, the forecast's low and central bookings, the first
    campaign month (full name) and its last day, the checkpoint."""
    paid, tr = plan.paid, plan.tr
    first = dt.date.fromisoformat(paid.paid_months[0])
    months = plan.brief.client.period.month_starts
    index = next((i + 1 for i, m in enumerate(months) if m.isoformat()[:7]
                  == paid.paid_months[0][:7]), None)
    when = checkpoint_day(plan, index) if index else None
    return {"low": kpi_value(plan, o.kpi, o.committed_low),
            "organic": organic_words(plan, o.organic_bookings, "objectives.organic_range"),
            "low_bookings": tr.number(paid.scenarios["low"]["conversions"]),
            "bookings": tr.number(paid.scenarios["mid"]["conversions"]),
            "month": month_year(tr, first),
            "date": day(tr, when) if when else ""}


def organic_words(plan: Plan, n: float | None, key: str) -> str:
    """The clause ``key`` naming the bookings credited to the organic posts of the dated
    sessions (``organic_bookings``: the convention a session x the sessions), "" without."""
    if not n:
        return ""
    tr, per = plan.tr, float(organic_facts()["per_session"])
    sessions = int((plan.paid.seats or {}).get("sessions") or 0)
    return tr.t(key, n=tr.number(n), sessions=tr.number(sessions),
                per=tr.plural("objectives.organic_per", per))


def organic_points(plan: Plan, o) -> dict | None:
    """A fill-rate goal's committed range without the bookings credited to the organic posts
    by convention (``organic_bookings``), from the same seats and forecasts as the range:
    the bottom and the central value without them (whole points, as the range) and the
    points the convention adds to the central value; None without such bookings."""
    from ..fill_range import fill_points
    from ..goal_gap import goal_gaps

    if not o.organic_bookings or o.realistic_target is None:
        return None
    paid = plan.paid
    g = next(iter(goal_gaps([o], paid, plan.brief.client.period.months, plan.brief.offer)),
             None)
    if g is None or g.seats is None or not g.seats.capacity:
        return None
    cap, low = g.seats.capacity, float(paid.scenarios["low"]["conversions"])
    without, low_without = fill_points(g.organic + g.paid, cap), fill_points(g.organic + low, cap)
    return {"without": without, "low_without": low_without,
            "points": round(o.realistic_target) - without}
