"""The calendar within what its ideas support: when the distinct ideas cannot fill the
planned posts within their cadences and the yearly ceiling (``ideas.fill`` returns the posts
they fall short for), the platform where a post matters least (the lowest-scored kept
platform without paid spend, else the lowest-scored) gives up posts of the pillars that fell
short, rather than an idea being repeated beyond its cadence, and the ideas are given again.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter

from .i18n import Translator
from .ideas import Idea
from .month_spread import fill_evenly


def within_supply(slots: list, short: list, evergreen: list[Idea], moments: list[Idea],
                  tr: Translator, register: str, spare: str | None,
                  planned: dict[int, tuple[str, str]], rounds: int = 6,
                  others: tuple[str, ...] = ()) -> dict[str, int]:
    """Drop, for each post in ``short``, a post of the same pillar and month on ``spare``
    (the nearest in date; never a key moment's post), else on the first of ``others``
    (``least_needed``'s next platforms) that has one, then give every post its idea again
    (``fill``), until the ideas fall short for none or ``spare`` has no such post left.
    ``planned``: each post's pillar and format as the calendar planned them (an idea's
    pillar and a link fallback replace them when given). ``slots`` is changed in place.
    Returns the posts dropped per platform."""
    removed: Counter = Counter()
    for _ in range(rounds):
        drop = _to_drop(slots, short, spare, planned, others)
        if not drop:
            break
        removed.update(s.platform for s in drop.values())
        slots[:] = [s for s in slots if id(s) not in drop]
        by_text = {m.text: m for m in moments}  # a dated idea's post keeps it (a key
        chosen = {id(s): by_text[s.base_idea] for s in slots  # moment's, a staple's week
                  if s.base_idea in by_text}  # or month, a gift's): wider than placed_moments
        for s in slots:
            if id(s) not in chosen:
                s.pillar, s.format = planned[id(s)]
                s.idea = s.base_idea = ""
        short = fill_evenly(slots, evergreen, moments, chosen, tr, register)
    return dict(removed)


def _to_drop(slots: list, short: list, spare: str | None,
             planned: dict[int, tuple[str, str]], others: tuple[str, ...] = ()
             ) -> dict[int, object]:
    """The posts of ``spare`` that give way to the ``short`` ones (post id to post)."""
    if spare is None:
        return {}
    drop: dict[int, object] = {}
    for s in short:
        pillar = planned[id(s)][0]
        mine = []
        for platform in [spare] + [p for p in others if p != spare]:
            mine = [p for p in slots if p.platform == platform and not p.moment
                    and not p.keep and id(p) not in drop
                    and planned[id(p)][0] == pillar and p.date[:7] == s.date[:7]]
            if mine:
                break
        if mine:
            day = dt.date.fromisoformat(s.date)
            p = min(mine, key=lambda p: (p is not s, abs((dt.date.fromisoformat(p.date)
                                                          - day).days)))
            drop[id(p)] = p
    return drop


def next_needed(choices: list, paid_spend: dict[str, float] | None) -> tuple[str, ...]:
    """After ``least_needed``'s platform, the others that may give up a post, in the same
    order (none with paid spend: its ads need their feed posts)."""
    first = least_needed(choices, paid_spend)
    kept = [c for c in choices if c.kept and (c.posts_per_week or 0) > 0
            and not (c.maintenance or c.protected) and c.platform != first
            and not (paid_spend or {}).get(c.platform)]
    return tuple(c.platform for c in sorted(kept, key=lambda c: c.score))


def least_needed(choices: list, paid_spend: dict[str, float] | None) -> str | None:
    """The kept platform where a post matters least: without paid spend first, then the
    lowest score (None with a single platform: it keeps its posts). A platform at a
    maintenance cadence or a best performer's floor is never it: its posts are already the
    fewest the plan states for it (None when no other platform is left)."""
    kept = [c for c in choices if c.kept and (c.posts_per_week or 0) > 0]
    spare = [c for c in kept if not (c.maintenance or c.protected)]
    if len(kept) < 2 or not spare:
        return None
    return min(spare, key=lambda c: ((paid_spend or {}).get(c.platform, 0) > 0, c.score)
               ).platform
