"""Ads that do not take the organic feed's place: at most ``calendar.sponsored_feed_share``
of a platform's feed posts a month (all but stories, data/content.yaml) run sponsored in
the feed; the month's other paid creatives run as ads only (dark posts), each a copy of
the post it was (same day, idea and format) marked ``ad_only``, and the post itself goes
back to the feed as an organic post with an idea of its pillar. So does a sponsored post
that repeats an earlier sponsored post of its platform within
``calendar.sponsored_repeat_days`` (``repeats``): the post is in the feed once, its extra
paid weight an ad only. The sponsored posts per platform stay as many (they follow the
spend), the feed's posts per week stay as many."""

from __future__ import annotations

import copy
import datetime as dt
import math

from .catalogue import content_facts
from .idea_repeats import sponsored_repeats


def _family(fmt: str) -> str:
    return content_facts()["calendar"]["format_families"].get(fmt, fmt)


def repeats(slots: list, known: dict) -> set[int]:
    """The sponsored feed posts (ids) whose idea an earlier sponsored feed post of their
    platform carries within ``calendar.sponsored_repeat_days``, when no other idea that
    sells fits them (``sponsored_ideas.sell_on_sponsored``: a workshop's dates of the
    month, its only selling post): the post is in the feed once, its extra paid weight an
    ad only. A series whose every post is a new entry (``Idea.turns``) never repeats."""
    days = int(content_facts()["calendar"]["sponsored_repeat_days"])
    return sponsored_repeats(slots, days, "first", skip=lambda s: known.get(
        s.base_idea) is None or bool(known[s.base_idea].turns))


def split_ads_only(slots: list, evergreen: list, moments: list, tr, register: str = "vous",
                   ) -> list:
    """Mark the paid creatives beyond the feed's share, and the repeats (``repeats``), as
    ads only (module docstring): a key moment's sponsored post stays in the feed first,
    then the earliest; returns the
    ads-only copies, added to ``slots``."""
    from .ideas import fill

    share = float(content_facts()["calendar"]["sponsored_feed_share"])
    groups: dict[tuple[str, str], list] = {}
    for s in slots:
        if _family(s.format) != "story" and not s.ad_only:
            groups.setdefault((s.platform, s.date[:7]), []).append(s)
    known = {i.text: i for i in [*evergreen, *moments]}
    again = repeats(slots, known)  # the same sponsored post again: an ad, off the feed
    freed = []
    for feed in groups.values():
        paid = sorted((s for s in feed if s.sponsored and id(s) not in again),
                      key=lambda s: (not s.moment, s.date))
        freed += paid[math.floor(share * len(feed) + 1e-9):]
    freed += [s for s in slots if id(s) in again]
    if not freed:
        return []
    ads = []
    for s in freed:
        ad = copy.copy(s)
        ad.ad_only = True
        ads.append(ad)
        s.sponsored = False
    slots.extend(ads)  # the ads count in the ideas' uses and days (no idea twice a day)
    dated = {m.text for m in moments if m.date}  # a dated post (a gift's before its date,
    # a weekly staple) keeps its idea in the feed too: its day is why it is there
    gone = {id(s) for s in freed if s.base_idea not in dated or id(s) in again}  # the ad
    # carries the idea, the post takes another
    chosen = {id(s): known[s.base_idea] for s in slots
              if id(s) not in gone and s.base_idea in known}
    fill([s for s in slots if id(s) in chosen or id(s) in gone], evergreen, moments, chosen,
         tr, register)
    slots.sort(key=lambda s: (s.date, s.time, s.platform, s.ad_only))
    return ads


def repeated_ads(slots: list) -> int:
    """The ads only that carry the idea of a sponsored feed post of their platform within
    ``calendar.sponsored_repeat_days`` before them (``repeats``: the post once in the feed,
    its extra paid weight as ads), for the calendar's note."""
    days = int(content_facts()["calendar"]["sponsored_repeat_days"])
    feed = [s for s in slots if s.sponsored and not s.ad_only]
    return sum(any(f.platform == a.platform and f.base_idea == a.base_idea and 0 <= (
        dt.date.fromisoformat(a.date) - dt.date.fromisoformat(f.date)).days <= days
        for f in feed) for a in slots if a.ad_only)
