"""Each platform's posts month by month follow its weekly rate (``checks.monthly_posts``
turns them into the plan's checks): in every whole month of the period, a platform's feed
posts (not its ads run off the feed, not the posts of people's own profiles) stay within
data/content.yaml ``calendar.monthly_band`` of its own average rate over the year."""

from __future__ import annotations

import calendar
import datetime as dt
from collections import Counter
from collections.abc import Iterator

from .catalogue import content_facts


def _days(month: str) -> int:
    return calendar.monthrange(int(month[:4]), int(month[5:7]))[1]


def whole_months(start: str, end: str) -> list[str]:
    """The ``YYYY-MM`` months the period from ``start`` to ``end`` covers entirely."""
    first, last = dt.date.fromisoformat(start), dt.date.fromisoformat(end)
    out, day = [], first.replace(day=1)
    while day <= last:
        month = day.isoformat()[:7]
        if first <= day and dt.date(day.year, day.month, _days(month)) <= last:
            out.append(month)
        day = (day.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
    return out


def monthly_posts(plan: dict) -> Iterator[tuple[str, bool, str]]:
    """(name, passed, detail) per platform and whole month of the calendar."""
    period = plan.get("client", {}).get("period") or {}
    posts = [p for p in plan.get("calendar", {}).get("posts", [])
             if not p.get("ad_only") and not p.get("profile")]
    if not posts or not period.get("start") or not period.get("end"):
        return
    months = whole_months(period["start"], period["end"])
    days = sum(_days(m) for m in months)
    band = float(content_facts()["calendar"]["monthly_band"]) / 100
    for platform in sorted({p["platform"] for p in posts}):
        count = Counter(p["date"][:7] for p in posts if p["platform"] == platform)
        total = sum(count[m] for m in months)
        if not days or not total:
            continue
        for month in months:
            expected = total / days * _days(month)
            yield (f"posts of {platform} in {month} follow its weekly rate",
                   abs(count[month] - expected) <= max(2.0, band * expected),
                   f"{count[month]} posts vs {expected:.1f} at its yearly rate")
