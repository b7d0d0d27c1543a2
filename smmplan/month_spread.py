"""The posts left out as filler, spread over the months. ``ideas.fill`` drops a post that
only a product's idea beyond its cap fits (grid filler); those caps are reached late in the
year, so every dropped post fell in the last months and a platform that posted 14 times in
January posted 5 times in November. Here the same number of posts leaves each platform, but
each month gives up its share of them (in proportion to the posts the calendar planned
there), so a platform's monthly posts keep following its weekly rate all year.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter

from .i18n import Translator
from .ideas import Idea, fill


def state(slots: list) -> dict[int, tuple]:
    """Each post's pillar, format and idea before ideas are given (``respread`` puts them
    back on the posts that take an idea again)."""
    return {id(s): (s.pillar, s.format, s.idea, s.base_idea) for s in slots}


def fill_evenly(slots: list, evergreen: list[Idea], moments: list[Idea],
                chosen: dict[int, Idea], tr: Translator, register: str = "vous") -> list:
    """``ideas.fill`` with ``drop`` (a product's filler leaves), the posts it drops spread
    over the months (``respread``). Returns the posts left short."""
    before, planned = list(slots), state(slots)
    short = fill(slots, evergreen, moments, chosen, tr, register, True)
    return respread(before, planned, slots, evergreen, moments, chosen, tr, register, short)


def respread(before: list, planned: dict[int, tuple], slots: list, evergreen: list[Idea],
             moments: list[Idea], chosen: dict[int, Idea], tr: Translator, register: str,
             short: list) -> list:
    """When giving ideas dropped some of ``before`` (``slots`` holds what is left), the
    same number of posts per platform taken out month by month instead (``_even``) and the
    ideas given again without dropping more (``planned``: the posts' state before,
    ``chosen``: the key moments' posts, kept as placed): the filler's count is the one the
    ideas asked for, only its months change. ``slots`` is changed in place. Returns the
    posts left short."""
    left = {id(s) for s in slots}
    dropped = [s for s in before if id(s) not in left]
    if not dropped:
        return short
    out = _even(before, dropped, chosen, planned)
    if out == {id(s) for s in dropped}:
        return short
    slots[:] = sorted((s for s in before if id(s) not in out),
                      key=lambda s: (s.date, s.time, s.platform))
    for s in slots:
        if id(s) not in chosen and not getattr(s, "profile", ""):
            s.pillar, s.format, s.idea, s.base_idea = planned[id(s)]
    return fill(slots, evergreen, moments, chosen, tr, register)


def _even(posts: list, dropped: list, chosen: dict[int, Idea],
          planned: dict[int, tuple]) -> set[int]:
    """The posts to take out: per platform as many as ``dropped`` holds, shared over its
    months in proportion to its posts there (cumulative rounding, so the shares add up),
    within a month the dropped ones first, then those of the pillars that ran out of
    ideas, evenly spaced; never a post that is kept, a key moment's or a person's."""
    out: set[int] = set()
    for platform, n in Counter(s.platform for s in dropped).items():
        mine = [s for s in posts if s.platform == platform]
        free = [s for s in mine if not getattr(s, "keep", False) and id(s) not in chosen
                and not getattr(s, "profile", "")]
        months = sorted({s.date[:7] for s in mine})
        count = Counter(s.date[:7] for s in mine)
        room = Counter(s.date[:7] for s in free)
        quota, cum, before = {}, 0.0, 0
        for m in months:  # each month's share of the drops, by its posts
            cum += n * count[m] / len(mine)
            quota[m] = min(round(cum) - before, room[m])
            before = round(cum)
        left = min(n, len(free)) - sum(quota.values())
        while left > 0:  # a month without room: the fullest months give the rest
            m = max((m for m in months if quota[m] < room[m]),
                    key=lambda m: (count[m] - quota[m]) / _days(m))
            quota[m] += 1
            left -= 1
        pillars = Counter(planned[id(s)][0] for s in dropped if s.platform == platform)
        gone = {id(s) for s in dropped}
        for m in months:
            if not quota[m]:
                continue
            here = [s for s in free if s.date[:7] == m]
            first = [s for s in here if id(s) in gone]
            rest = [s for s in here if id(s) not in gone]
            rest.sort(key=lambda s: planned[id(s)][0] not in pillars)
            fitting = [s for s in rest if planned[id(s)][0] in pillars]
            need = quota[m] - len(first[:quota[m]])
            picks = first[:quota[m]] + _spaced(fitting, need)
            picks += [s for s in rest if s not in picks][:quota[m] - len(picks)]
            out |= {id(s) for s in picks}
    return out


def _spaced(posts: list, k: int) -> list:
    """``k`` of ``posts`` (date order) evenly spaced."""
    if k <= 0 or not posts:
        return []
    posts = sorted(posts, key=lambda s: (s.date, s.time))
    step = len(posts) / min(k, len(posts))
    return [posts[int(i * step)] for i in range(min(k, len(posts)))]


def _days(month: str) -> int:
    """Days in a ``YYYY-MM`` month."""
    first = dt.date.fromisoformat(month + "-01")
    after = (first.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
    return (after - first).days
