"""Fewer posts when buyers are away: a sector moment's quiet days (playbook
``dates[].quiet_days``, e.g. Thanksgiving week for B2B) keep only a share of each
platform's organic posts (data/content.yaml ``calendar.quiet_keep``)."""

from __future__ import annotations

import datetime as dt
import math

from .brief import Brief
from .catalogue import content_facts
from .sectors import sector_dates


def quiet_windows(brief: Brief) -> list[tuple[str, str]]:
    """First and last ISO day of each quiet stretch of the sector's moments in the plan."""
    c = brief.client
    out = []
    for d in sector_dates(c.sector_kind, c.country, c.period.start, c.period.end):
        days = d["entry"].get("quiet_days")
        if days:
            out.append((d["date"].isoformat(),
                        (d["date"] + dt.timedelta(days=days - 1)).isoformat()))
    return out


def thin_quiet_days(slots: list, brief: Brief) -> int:
    """Drop organic posts in the quiet windows, keeping ``quiet_keep`` of each platform's
    (rounded up, evenly spaced); sponsored posts stay. Returns how many were dropped."""
    keep = float(content_facts()["calendar"]["quiet_keep"])
    drop: set[int] = set()
    for first, last in quiet_windows(brief):
        by_platform: dict[str, list] = {}
        for s in slots:
            if first <= s.date <= last and not s.sponsored:
                by_platform.setdefault(s.platform, []).append(s)
        for posts in by_platform.values():
            posts.sort(key=lambda s: (s.date, s.time))
            n = math.ceil(len(posts) * keep)
            kept = {round(i * (len(posts) - 1) / max(1, n - 1)) for i in range(n)} \
                if n > 1 else {0}
            drop |= {id(s) for i, s in enumerate(posts) if i not in kept}
    slots[:] = [s for s in slots if id(s) not in drop]
    return len(drop)
