"""Which months paid runs in and how many bookings a month it may fill:

- no paid spend before what the first ad needs is done (``data/paid.yaml``
  ``before_first_ad``: tracking, then a first creative; about a month), and never after the
  roll-out's set-up phase (``identity.assess_maturity``) would end;
- a booking that fills seats (a fill-rate goal's offer line with ``capacity_per_month``)
  is capped each month at the seats left free at today's fill rate (each month's own seats
  when the line's sessions are dated, ``sessions.sessions``: a month of five Saturdays has
  more, one with holidays on its Saturdays fewer): conversions beyond
  the cap move to months with free seats (``fill``), and the paid total is lowered when
  every month would be full.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from .brief import Brief
from .identity import assess_maturity

BOOKING_KINDS = ("booking",)  # conversions that take a seat of the offer line they book


def setup_months(brief: Brief) -> int:
    """Months without paid spend at the start: the weeks of ``before_first_ad`` steps the
    brief needs (rounded up to whole months), never more than the roll-out's set-up phase
    (0 when it has none)."""
    import math

    from .catalogue import paid_facts

    crawl = assess_maturity(brief).rollout_months["crawl"]
    facts = paid_facts().get("before_first_ad") or {}
    if not crawl or not facts:
        return crawl
    has = {"ads_history": brief.data.ads is not None}
    weeks = sum(float(s["weeks"]) for s in facts["steps"] if not has.get(s.get("unless"), False))
    return min(crawl, math.ceil(weeks / float(facts["weeks_per_month"]) - 1e-9))


def active_months(brief: Brief, months: list[pd.Timestamp]) -> list[pd.Timestamp]:
    """The plan's months after the paid set-up months (``setup_months``; all of them when
    there are none, or when they would take the whole plan)."""
    crawl = setup_months(brief)
    return months[crawl:] if 0 < crawl < len(months) else months


def free_seats(brief: Brief, kind: str) -> dict | None:
    """Seats a month paid bookings may fill: {line, capacity, fill (today's fill rate,
    percent, the fill-rate goal's baseline; 0 without one), free (capacity x (1 - fill))}.
    None unless a conversion is a booking of an offer line with a capacity."""
    from .goals import match_kpi

    if kind not in BOOKING_KINDS:
        return None
    books = brief.budget.paid.books
    lines = [o for o in brief.offer if o.capacity_per_month]
    line = next((o for o in lines if books and o.name.casefold() == books.casefold()),
                lines[0] if len(lines) == 1 else None)
    if line is None:
        return None
    fill = next((float(g.baseline) for g in brief.goals.business_goals
                 if g.baseline is not None and match_kpi(g) == "fill_rate"), 0.0)
    from .sessions import sessions

    capacity = float(line.capacity_per_month)
    left = 1 - min(fill, 100.0) / 100
    held = sessions(brief)
    by_month = {m: round(max(0.0, v * left), 2) for m, v in held.seats_by_month().items()} \
        if held is not None and held.line == line.name else {}
    out = {"line": line.name, "capacity": capacity, "fill": fill,
           "free": max(0.0, capacity * left), "by_month": by_month}
    if by_month:
        out |= {"per_session": held.per_session, "sessions": len(held.dates),
                "held_by_month": held.seats_by_month(),
                "skipped": [d.isoformat() for d in held.skipped]}
    return out


def month_free(seats: dict, month) -> float:
    """The seats free in one month (a date, a Timestamp or "YYYY-MM..."): the month's own
    when the sessions are dated, else the line's monthly figure."""
    key = str(month.isoformat() if hasattr(month, "isoformat") else month)[:7]
    return float(seats.get("by_month", {}).get(key, seats["free"]))


def free_in(seats: dict, months) -> float:
    """The seats free over ``months`` (``month_free`` summed)."""
    return sum(month_free(seats, m) for m in months)


def fill(weights: np.ndarray, caps: np.ndarray) -> np.ndarray:
    """Shares (summing to 1, or to ``caps.sum()`` when less) that follow ``weights`` but
    never pass ``caps``: what a capped month cannot take goes to the others in proportion
    to their weights."""
    weights = np.asarray(weights, dtype=float)
    caps = np.asarray(caps, dtype=float)
    out = np.zeros_like(weights)
    left, rest = weights > 0, 1.0
    while left.any() and rest > 1e-12:
        share = np.where(left, rest * weights / weights[left].sum(), 0.0)
        over = left & (share > caps + 1e-12)
        if not over.any():
            out[left] = share[left]
            break
        out[over] = caps[over]
        rest -= float(caps[over].sum())
        left &= ~over
    return out


def outside_caps(gated: bool, seats: dict | None) -> bool:
    """Whether a platform's conversions come on top of the monthly caps instead of within
    them: a gated test's (``lead_gate``, ``ChannelModel.gate``) leads on a lead bound do (a
    test is bought to be read, not to fill the forecast: it never takes a funded platform's
    place); nothing does on free seats (``seats`` without ``bound``): a seat a test fills
    is a seat. The one rule of the budget's stop, the sweep, the monthly forecast, the
    months at the cap and the notes."""
    return bool(gated) and not (seats is not None and not seats.get("bound"))


def tests_outside_caps(paid) -> set[str]:
    """The platforms of the plan's dated tests whose leads come on top of the caps
    (``outside_caps``)."""
    return {t["platform"] for t in (paid.tests or [])
            if outside_caps(t.get("gate"), paid.seats)}
