"""Bookings the calendar's organic posts are credited with for a fill-rate goal: a stated
planning convention per dated session (``data/organic_bookings.yaml``, with its
rationale), above today's fill rate, so that the paid forecast is not the only source of
new bookings the plan counts. Computed once here; ``goal_gap.goal_gaps`` adds it to the
seats the plan's forecasts fill, and every chapter shows it as its own component."""

from __future__ import annotations

from .paths import data_yaml


def organic_facts() -> dict:
    """data/organic_bookings.yaml: bookings a dated session is credited with, its basis."""
    return data_yaml("organic_bookings.yaml")


def organic_bookings(dated: dict | None, line: str) -> tuple[float, int]:
    """(bookings over the plan, sessions) the organic posts are credited with for ``line``:
    the convention's bookings a session x the dated sessions held (``Paid.seats``); (0, 0)
    without dated sessions of that line (no session for the calendar to promote)."""
    dated = dated or {}
    n = int(dated.get("sessions") or 0) if dated.get("line") == line else 0
    return float(organic_facts()["per_session"]) * n, n


def within_free_seats(dated: dict, org: float, booked: float, capacity: float,
                      paid_by_month: dict[str, float]) -> dict[str, float]:
    """The organic convention's bookings that fit the seats, by month ("YYYY-MM"): each
    month's share of ``org`` (as its seats are held) never past what today's bookings
    (``booked``, spread as the seats are) and the month's paid bookings leave free. A full
    month takes none: the fill rate never counts a booking for a seat that does not exist.
    Without dated sessions, one figure for the plan ("all")."""
    held = dated.get("held_by_month") or {}
    if not held or not capacity:
        return {"all": min(org, max(0.0, capacity - booked - sum(paid_by_month.values())))}
    total = sum(held.values())
    return {month[:7]: min(org * seats / total, max(0.0, seats - booked * seats / capacity
                                                    - paid_by_month.get(month[:7], 0.0)))
            for month, seats in held.items()}
