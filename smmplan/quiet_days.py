"""Fewer posts when buyers are away: a sector moment's quiet days (playbook
``dates[].quiet_days``, e.g. Thanksgiving week for B2B) keep only a share of each
platform's organic posts (data/content.yaml ``calendar.quiet_keep``); its days off
(``dates[].off_days``, by country: the Friday after Thanksgiving in the U.S.) keep none.
A quiet week without a moment of its own (playbook ``quiet_weeks``: the B2B year-end break)
keeps at most ``posts_per_day`` posts a day on all platforms together, and nothing in it is
sponsored or run as an ad only (``no_paid_days``)."""

from __future__ import annotations

import datetime as dt
import math

from .brief import Brief
from .catalogue import content_facts
from .sectors import date_for, playbook, sector_dates


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


def quiet_weeks(brief: Brief) -> list[tuple[str, str, int]]:
    """First and last ISO day of each of the playbook's ``quiet_weeks`` in the plan, with
    the most posts a day it keeps."""
    c = brief.client
    out = []
    for w in playbook(c.sector_kind).get("quiet_weeks") or []:
        if c.country not in w["countries"]:
            continue
        for year in range(c.period.start.year, c.period.end.year + 1):
            first = date_for(w["rule"], year)
            last = first + dt.timedelta(days=int(w["days"]) - 1)
            if first <= c.period.end and last >= c.period.start:
                out.append((max(first, c.period.start).isoformat(),
                            min(last, c.period.end).isoformat(), int(w["posts_per_day"])))
    return out


def no_paid_days(brief: Brief) -> set[str]:
    """The ISO days of the quiet weeks (``quiet_weeks``): no post of them is sponsored or run
    as an ad only, and no post from people's own profiles is added on them."""
    out = set()
    for first, last, _ in quiet_weeks(brief):
        day = dt.date.fromisoformat(first)
        while day.isoformat() <= last:
            out.add(day.isoformat())
            day += dt.timedelta(days=1)
    return out


def _cap_days(slots: list, brief: Brief) -> set[int]:
    """The posts a quiet week drops: past its ``posts_per_day`` on a day, keeping a key
    moment's post first, then the platform with the most posts in the calendar (the one
    the plan leads with), the earliest first."""
    weight = {}
    for s in slots:
        weight[s.platform] = weight.get(s.platform, 0) + 1
    drop: set[int] = set()
    for first, last, most in quiet_weeks(brief):
        by_day: dict[str, list] = {}
        for s in slots:
            if first <= s.date <= last:
                by_day.setdefault(s.date, []).append(s)
        for posts in by_day.values():
            posts.sort(key=lambda s: (not getattr(s, "moment", ""), -weight[s.platform],
                                      s.time))
            drop |= {id(s) for s in posts[most:]}
    return drop


def cap_quiet_weeks(slots: list, brief: Brief) -> None:
    """Drop the posts past a quiet week's ``posts_per_day`` once the calendar is filled (a key
    moment's post placed there, a post from people's own profiles)."""
    drop = _cap_days(slots, brief)
    slots[:] = [s for s in slots if id(s) not in drop]


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
    drop |= _cap_days([s for s in slots if id(s) not in drop], brief)
    slots[:] = [s for s in slots if id(s) not in drop]
    return len(drop)
