"""After an order cut-off, what is ordered no longer arrives by the day it was for: a sector
moment's ``closed_after`` (data/sectors/<kind>.yaml dates[]: the Christmas delivery cut-off)
names the day it lasts until (``until``: Christmas Day) and the calls to action that sell
for delivery (``ctas``: shop). From the day after the cut-off (the moment's date less its
``order_by_days``) to ``until``, the calendar's evergreen ideas with those calls to action
do not go out (the sector's after-the-cut-off moment, an e-gift card or "order now, wear it
in January", takes the selling posts), and on ``until`` itself no post is sponsored: an ad
on Christmas Day sells nothing that arrives in time and reaches people away from their
feeds."""

from __future__ import annotations

import dataclasses
import datetime as dt

from .brief import Brief
from .sectors import sector_dates


def closed_windows(brief: Brief) -> list[tuple[str, str, frozenset[str]]]:
    """Each cut-off's closed stretch in the plan: (first ISO day, last ISO day, the calls
    to action that do not go out then)."""
    c = brief.client
    out = []
    for d in sector_dates(c.sector_kind, c.country, c.period.start, c.period.end):
        after = d["entry"].get("closed_after")
        if not after:
            continue
        cutoff = d["date"] - dt.timedelta(days=int(d["entry"].get("order_by_days") or 0))
        month, day = after["until"]
        until = dt.date(cutoff.year, int(month), int(day))
        if until <= cutoff:
            until = dt.date(cutoff.year + 1, int(month), int(day))
        out.append(((cutoff + dt.timedelta(days=1)).isoformat(), until.isoformat(),
                    frozenset(after.get("ctas", []))))
    return out


def shut_selling(brief: Brief, ideas: list) -> list:
    """``ideas`` with those whose call to action sells for delivery shut in each closed
    stretch (``Idea.shut``: ``fits`` then never puts them there); dated ideas unchanged (a
    moment of those days is written for them)."""
    windows = closed_windows(brief)
    if not windows:
        return ideas
    out = []
    for idea in ideas:
        shut = tuple((first, last) for first, last, ctas in windows
                     if idea.cta in ctas and not idea.date)
        out.append(dataclasses.replace(idea, shut=idea.shut + shut) if shut else idea)
    return out


def no_ads_days(brief: Brief) -> set[str]:
    """The ISO days no post is sponsored: each closed stretch's last day (``until``)."""
    return {last for _, last, _ in closed_windows(brief)}
