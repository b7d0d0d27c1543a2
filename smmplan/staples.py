"""A sector's staple: an idea template the sector's data marks ``staple: week``
(data/sectors/food_shop.yaml: "{offer}: out of the oven this morning") is what the shop's
regulars come for, so it goes out every week rather than when its turn comes among the
other ideas. Each of its ideas (one per product line) also gets a version for the brief's
new shops ("…, dans les deux nouvelles boutiques"), and the weeks take the versions in
turn, the new shops' first: a dated idea of each week, placed after every other dated
idea on a free post of its pillar at an hour it fits (a morning for "this morning"); a
week whose posts all carry other dated ideas has none (the pillar mix and the posts a
week stay as planned)."""

from __future__ import annotations

import dataclasses
import datetime as dt

from .brief import Brief
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
    product line's new-shop version just before the line's own)."""
    staples = [i for i in evergreen if i.staple == "week"]
    if not staples:
        return []
    p = brief.client.period
    monday = p.start - dt.timedelta(days=p.start.weekday())
    out = []
    while monday <= p.end:
        sunday = min(monday + dt.timedelta(days=6), p.end)
        out.append(dataclasses.replace(staples[len(out) % len(staples)],
                                       date=sunday.isoformat(),
                                       lead_days=(sunday - max(monday, p.start)).days,
                                       posts=1, once=True))
        monday += dt.timedelta(days=7)
    return out

