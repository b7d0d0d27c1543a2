"""A sector's staple: an idea template the sector's data marks ``staple: week``
(data/sectors/food_shop.yaml: "{offer}: out of the oven this morning") is what the shop's
regulars come for, so it goes out every week rather than when its turn comes among the
other ideas. Each of its ideas (one per product line) also gets a version for the brief's
new shops ("…, dans les deux nouvelles boutiques"), and the weeks take the versions in
turn, the new shops' first: a dated idea of each week, placed after every other dated
idea on a free post of its pillar at an hour it fits (a morning for "this morning"); a
week whose free posts of its pillar are all later in the day has one of them moved to the
platform's morning hour (``to_morning``); only a week whose posts of its pillar all carry
other dated ideas has none (the pillar mix and the posts a week stay as planned)."""

from __future__ import annotations

import dataclasses
import datetime as dt

from .brief import Brief
from .catalogue import content_facts
from .i18n import Translator
from .new_shops import new_shops_phrase


def with_shop_staples(brief: Brief, tr: Translator, ideas: list) -> list:
    """``ideas`` with, for each staple idea, its version for the brief's new shops (none
    when no goal is about new shops)."""
    shops = new_shops_phrase(brief)
    if not shops:
        return ideas
    out = []
    for idea in ideas:
        if idea.staple:
            out.append(dataclasses.replace(idea, topic=tr.t(
                "ideas.staple_new_shops", topic=idea.topic, shops=shops)))
        out.append(idea)
    return out


def staple_moments(brief: Brief, evergreen: list) -> list:
    """One post of a staple each week of the plan (module docstring), as a dated idea of
    the week (Monday to Sunday, a single post on one platform), placed after every other
    dated idea: the week's version in turn, in ``ideas.with_shop_staples``' order (each
    product line's new-shop version just before the line's own). A staple marked
    ``staple: month`` (a monthly series: "Repaired, not replaced") the same way, one post
    each calendar month."""
    p = brief.client.period
    out = []
    for every in ("week", "month"):
        staples = [i for i in evergreen if i.staple == every]
        first = p.start - dt.timedelta(days=p.start.weekday()) if every == "week" \
            else p.start.replace(day=1)
        n = 0
        while staples and first <= p.end:
            after = first + dt.timedelta(days=7) if every == "week" else \
                (first.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
            last = min(after - dt.timedelta(days=1), p.end)
            out.append(dataclasses.replace(staples[n % len(staples)], date=last.isoformat(),
                                           lead_days=(last - max(first, p.start)).days,
                                           posts=1, once=True))
            n += 1
            first = after
    return out


def to_morning(idea, posts: list, taken: set[int], days: set[str], fits) -> list:
    """A staple's week without a free post at its hour (module docstring): the first free
    post of its pillar in the week (``fits``: the idea's other conditions) moved to the platform's
    earliest morning hour (data/content.yaml ``calendar.morning``) when that hour is free
    on its day; [] when no post can be moved."""
    low, high = content_facts()["calendar"]["morning"]
    mornings = sorted({s.time for s in posts if low <= int(s.time[:2]) <= high})
    busy = {(s.date, s.time) for s in posts}
    for s in posts:
        if not mornings or id(s) in taken or s.date in days or (s.date, mornings[0]) in busy \
                or s.pillar != idea.pillar:
            continue
        was, s.time = s.time, mornings[0]
        if fits(idea, s):
            return [s]
        s.time = was
    return []


def gift_moments(brief: Brief, evergreen: list) -> list:
    """A gift idea (one with a ``window`` of the year: a voucher before Christmas) as
    ``calendar.gift_posts`` dated posts spread evenly through each year's window of the
    plan period, each a single post on one platform, so the gift has organic posts
    before its gift date whatever the other ideas take."""
    n = int(content_facts()["calendar"].get("gift_posts", 0))
    p = brief.client.period
    out = []
    for idea in (i for i in evergreen if i.window and not i.staple):
        for year in range(p.start.year, p.end.year + 1):
            first, last = (dt.date.fromisoformat(f"{year}-{d}") for d in idea.window)
            span = (last - first).days
            for k in range(1, n + 1):
                day = first + dt.timedelta(days=round(k * span / (n + 1)))
                if p.start <= day <= p.end:
                    out.append(dataclasses.replace(idea, date=day.isoformat(), lead_days=3,
                                                   posts=1, once=True))
    return out


def placed_moments(slots: list, moments: list) -> dict[int, object]:
    """The posts that carry a dated idea as placed, by post id: a key moment's and a
    staple's week or month (a staple has no moment name: its text tells it), kept as they
    are when the other posts take their ideas again."""
    by_text = {m.text: m for m in moments}
    staples = {m.text for m in moments if m.staple and m.date}
    return {id(s): by_text[s.base_idea] for s in slots
            if s.base_idea in by_text and (s.moment or s.base_idea in staples)}
