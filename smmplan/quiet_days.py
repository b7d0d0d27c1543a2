"""Fewer posts when buyers are away: a sector moment's quiet days (playbook
``dates[].quiet_days``, e.g. Thanksgiving week for B2B) keep only a share of each
platform's organic posts (data/content.yaml ``calendar.quiet_keep``); its days off
(``dates[].off_days``, by country: the Friday after Thanksgiving in the U.S.) keep none."""

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


def off_days(brief: Brief) -> set[str]:
    """The ISO days of the quiet stretches on which buyers are off (``off_days`` of the
    sector moment for the client's country, counted from the stretch's first day): no post
    at all, organic or sponsored, and no key moment's post moved onto them."""
    c = brief.client
    out = set()
    for d in sector_dates(c.sector_kind, c.country, c.period.start, c.period.end):
        for k in (d["entry"].get("off_days") or {}).get(c.country, []):
            day = d["date"] + dt.timedelta(days=int(k))
            if c.period.start <= day <= c.period.end:
                out.add(day.isoformat())
    return out


def thin_quiet_days(slots: list, brief: Brief) -> int:
    """Drop organic posts in the quiet windows, keeping ``quiet_keep`` of each platform's
    (rounded up, evenly spaced); sponsored posts stay, but on a day off (``off_days``)
    no post does. Returns how many were dropped."""
    keep = float(content_facts()["calendar"]["quiet_keep"])
    off = off_days(brief)
    drop: set[int] = {id(s) for s in slots if s.date in off}
    for first, last in quiet_windows(brief):
        by_platform: dict[str, list] = {}
        for s in slots:
            if first <= s.date <= last and not s.sponsored and s.date not in off:
                by_platform.setdefault(s.platform, []).append(s)
        for posts in by_platform.values():
            posts.sort(key=lambda s: (s.date, s.time))
            n = math.ceil(len(posts) * keep)
            kept = {round(i * (len(posts) - 1) / max(1, n - 1)) for i in range(n)} \
                if n > 1 else {0}
            drop |= {id(s) for i, s in enumerate(posts) if i not in kept}
    slots[:] = [s for s in slots if id(s) not in drop]
    return len(drop)
