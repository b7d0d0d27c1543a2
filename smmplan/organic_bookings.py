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
