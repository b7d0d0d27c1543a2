"""After an order cut-off, what is ordered no longer arrives by the day it was for: a sector
moment's ``closed_after`` (data/sectors/<kind>.yaml dates[]: the Christmas delivery cut-off)
names the day it lasts until (``until``: Christmas Day) and the calls to action that sell
for delivery (``ctas``: shop). From the cut-off (the moment's date less its
``order_by_days``) at the sector's ``call_hour``, when same-day dispatch closes (else
from its start), to the end of ``until``, the calendar's evergreen ideas with those calls to action
do not go out (the sector's after-the-cut-off moment, an e-gift card or "order now, wear it
in January", takes the selling posts), and on ``until`` itself no post is sponsored: an ad
on Christmas Day sells nothing that arrives in time and reaches people away from their
feeds."""

from __future__ import annotations

import dataclasses
import datetime as dt

from .brief import Brief
from .catalogue import content_facts
from .sectors import sector_dates


def call_hour(brief: Brief) -> int | None:
    """The hour before which the last call to order goes out on a deadline's own day, in
    a sector whose deadlines are delivery cut-offs (data/content.yaml
    ``calendar.order_call_hour``); None elsewhere (orders taken until the shop closes)."""
    rule = content_facts()["calendar"]["order_call_hour"]
    return int(rule["hour"]) if brief.client.sector_kind in rule["sectors"] else None


def with_call_hour(brief: Brief, moments: list) -> list:
    """``moments`` with those that have an order deadline given the sector's
    ``call_hour`` (``Idea.closed``)."""
    hour = call_hour(brief)
    if hour is None:
        return moments
    return [dataclasses.replace(m, call_hour=hour) if m.order_by_days is not None else m
            for m in moments]


def closed_windows(brief: Brief) -> list[tuple[str, str, frozenset[str]]]:
    """Each cut-off's closed stretch in the plan: (first and last ISO time, the calls to
    action that do not go out then)."""
    c = brief.client
    hour = call_hour(brief) or 0
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
        out.append((f"{cutoff.isoformat()}T{hour:02d}:00", f"{until.isoformat()}T23:59",
                    frozenset(after.get("ctas", []))))
    return out


def shut_selling(brief: Brief, ideas: list) -> list:
    """``ideas`` with those whose call to action sells for delivery, and first looks at
    what is new (``Idea.launch``: a drop nobody receives by the day), shut in each closed
    stretch (``Idea.shut``: ``fits`` then never puts them there); dated ideas unchanged (a
    moment of those days is written for them)."""
    windows = closed_windows(brief)
    if not windows:
        return ideas
    out = []
    for idea in ideas:
        shut = tuple((first, last) for first, last, ctas in windows
                     if (idea.cta in ctas or idea.launch) and not idea.date)
        out.append(dataclasses.replace(idea, shut=idea.shut + shut) if shut else idea)
    return out


def no_ads_days(brief: Brief) -> set[str]:
    """The ISO days no post is sponsored: each closed stretch's last day (``until``)."""
    return {last[:10] for _, last, _ in closed_windows(brief)}
