"""Small date rules used by several chapters, written once."""

from __future__ import annotations

import datetime as dt


def monday_on_or_after(day: dt.date) -> dt.date:
    """The first Monday on or after ``day`` (``day`` itself when it is a Monday)."""
    return day + dt.timedelta(days=(7 - day.weekday()) % 7)


def month_end(day: dt.date) -> dt.date:
    """The last day of ``day``'s month."""
    return (day.replace(day=28) + dt.timedelta(days=4)).replace(day=1) - dt.timedelta(days=1)

