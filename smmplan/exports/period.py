"""The period an export covers when it says so in its comment lines above the header (GA4:
``# Start date: 20260801`` / ``# End date: 20261031``; French ``Date de début`` / ``Date de
fin``). Used when an export has no date column: its totals are then per that period."""

from __future__ import annotations

import calendar
import datetime as dt
import re
from pathlib import Path

from ..errors import DataError
from .table import decode

_START = re.compile(r"^#\s*(start date|date de d[ée]but|from|du)\s*:\s*(\S+)", re.I)
_END = re.compile(r"^#\s*(end date|date de fin|to|au)\s*:\s*(\S+)", re.I)
_FORMATS = ("%Y%m%d", "%Y-%m-%d", "%d/%m/%Y", "%m/%d/%Y")


def _date(text: str) -> dt.date | None:
    for fmt in _FORMATS:
        try:
            return dt.datetime.strptime(text.strip(), fmt).date()
        except ValueError:
            continue
    return None


def stated_period(path: str | Path) -> tuple[dt.date, dt.date] | None:
    """(start, end) that a text export states in its comment lines above the header; None
    when it states none (or an Excel file, which has no comment lines)."""
    path = Path(path)
    if path.suffix.lower() not in (".csv", ".tsv", ".txt") or not path.is_file():
        return None
    with path.open("rb") as handle:
        raw = handle.read(8192)
    try:
        text, _ = decode(raw)
    except (DataError, UnicodeDecodeError):  # the table reader names an unreadable file
        return None
    start = end = None
    for line in text.splitlines():
        if line.strip() and not line.startswith("#"):
            break  # the header: the comment lines are over
        if (found := _START.match(line)) is not None:
            start = _date(found.group(2))
        elif (found := _END.match(line)) is not None:
            end = _date(found.group(2))
    if start is None or end is None or end < start:
        return None
    return start, end


def months_between(start: dt.date, end: dt.date) -> float:
    """Months from ``start`` to ``end``, both days included, by the calendar: each whole
    month counts one (1 November to 31 October is 12 months, not 365 / 30.44 days), the
    days left over a share of their month's length."""
    after = end + dt.timedelta(days=1)
    whole = (after.year - start.year) * 12 + after.month - start.month
    if after.day < start.day:
        whole -= 1
    year, month = divmod(start.month - 1 + whole, 12)
    year += start.year
    month += 1
    length = calendar.monthrange(year, month)[1]
    anchor = dt.date(year, month, min(start.day, length))
    return whole + (after - anchor).days / length
