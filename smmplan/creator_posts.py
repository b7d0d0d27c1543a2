"""The creator lever's posts on the calendar: as many as the lever says, and the best run as
ads.

A sector lever run by paid creators (``levers[].cost`` in the sector playbook) can state how
many creator posts it means (``levers[].posts.per_quarter``: [low, high]) and the share of
a platform's sponsored posts that are creator posts run as ads from the creator's handle
(whitelisted; ``levers[].posts.ads_share``, percent). The calendar then holds the high end
of that range over the plan's months, or as many as the production budget pays (fee plus
usage rights, ``creators.creator_cost``), never fewer than it holds already:

- first the sponsored share: on each platform with its own fee, that share of its sponsored
  posts (not a key moment's) takes the lever's idea, spread over the year;
- then organic posts of the lever's platforms (not a key moment's), spread over the weeks,
  each taken from the lever's own pillar first (the pillars keep their shares), the idea
  the calendar repeats most, until the count is reached.
"""

from __future__ import annotations

import datetime as dt
import math

from .currency import convert
from .sectors import playbook


def creator_lever(kind: str) -> dict | None:
    """The sector's costed lever that states its posts, else None."""
    return next((x for x in playbook(kind)["levers"] if x.get("cost") and x.get("posts")),
                None)


def creator_target(brief, lever: dict, platforms: list[str]) -> dict:
    """How many creator posts the plan holds: the lever's range over the plan's months
    (``low``, ``high``), the most the production budget pays at the mean fee of
    ``platforms`` with usage rights (``affordable``) and the count (``posts``)."""
    months = brief.client.period.months
    low, high = (math.ceil(n * months / 3) for n in lever["posts"]["per_quarter"])
    cost = lever["cost"]
    fees = [convert(float(cost["per_post"].get(p, cost.get("other") or 0)), cost["currency"],
                    brief.client.currency)[0] for p in platforms] or [0.0]
    each = sum(fees) / len(fees) * (1 + float(cost.get("rights") or 0) / 100)
    budget = float(brief.budget.production or 0)
    affordable = int(budget // each) if each > 0 and budget > 0 else 0
    return {"low": low, "high": high, "affordable": affordable,
            "posts": min(high, affordable), "ads_share": float(lever["posts"]["ads_share"])}


def held_for_the_lever(brief, evergreen: list) -> list:
    """The ideas with the lever's ideas capped at 0 posts (``Idea.cap``) when the lever
    states its posts: the calendar's filling leaves them out and ``place_creator_posts``
    places exactly the lever's count."""
    from dataclasses import replace

    lever = creator_lever(brief.client.sector_kind)
    if lever is None:
        return evergreen
    return [replace(i, cap=0) if i.lever == lever["key"] else i for i in evergreen]


def _spread(posts: list, n: int) -> list:
    """``n`` of ``posts`` (in date order) evenly spaced."""
    if n <= 0 or not posts:
        return []
    if n >= len(posts):
        return list(posts)
    return [posts[int((i + 0.5) * len(posts) / n)] for i in range(n)]


def place_creator_posts(slots: list, brief, evergreen: list, tr, register: str) -> dict | None:
    """Give the lever's ideas (one product each, the least used on the platform) to the
    sponsored share and then to organic posts until the
    calendar holds ``creator_target``'s count (see the module doc); returns the target with
    what was placed (``sponsored``, ``organic``), None without a lever that states its
    posts or without its idea."""
    from .ideas import fits, give  # the calendar's own helpers

    lever = creator_lever(brief.client.sector_kind)
    mine = [i for i in evergreen if lever and i.lever == lever["key"]]
    if not mine:
        return None
    used: dict[tuple[str, str], int] = {}
    for s in slots:
        if s.lever == lever["key"]:
            used[(s.platform, s.base_idea)] = used.get((s.platform, s.base_idea), 0) + 1

    day: dict[str, set] = {}  # the ideas each day already carries (never one twice a day)
    for s in slots:
        day.setdefault(s.date, set()).add(s.base_idea)

    def put(s) -> None:
        """The lever's idea least used on the post's platform (one product each), not one
        the same day already carries on another platform."""
        idea = min((i for i in mine if fits(i, s)), key=lambda i: (
            i.text in day[s.date] - {s.base_idea},
            used.get((s.platform, i.text), 0), sum(n for (_, t), n in used.items()
                                                  if t == i.text)))
        used[(s.platform, idea.text)] = used.get((s.platform, idea.text), 0) + 1
        give(s, idea, tr, register)
        day[s.date].add(idea.text)

    own = set(lever["cost"]["per_post"])  # platforms with their own creator fee first
    on = sorted({s.platform for s in slots if s.platform in own}) or \
        sorted({s.platform for s in slots})
    target = creator_target(brief, lever, on)
    ok = [s for s in slots if s.platform in on and not s.moment
          and any(fits(i, s) for i in mine)]
    sponsored = 0
    for p in on:
        ads = [s for s in ok if s.platform == p and s.sponsored]
        for s in _spread(ads, round(len(ads) * target["ads_share"] / 100)):
            if s.lever != lever["key"]:
                put(s)
            sponsored += 1
    have = sum(1 for s in slots if s.lever == lever["key"])
    need = target["posts"] - have
    repeats: dict[str, int] = {}
    for s in slots:
        repeats[s.base_idea] = repeats.get(s.base_idea, 0) + 1
    weeks: dict[tuple, list] = {}
    for s in ok:
        if not s.sponsored and not s.ad_only and s.lever != lever["key"]:
            weeks.setdefault(dt.date.fromisoformat(s.date).isocalendar()[:2], []).append(s)
    order = sorted(weeks)
    pillars = {i.pillar for i in mine}
    organic = 0
    while need > 0 and any(weeks.values()):
        for week in _spread(order, min(need, len(order))):
            if not weeks[week]:
                continue
            # a post of the lever's own pillar first (the pillars keep their shares), the
            # idea the calendar repeats most
            s = max(weeks[week], key=lambda x: (x.pillar in pillars, repeats[x.base_idea],
                                                x.date))
            weeks[week].remove(s)
            repeats[s.base_idea] -= 1
            put(s)
            organic += 1
            need -= 1
            if need <= 0:
                break
        order = [w for w in order if weeks[w]]
    return {**target, "sponsored": sponsored, "organic": organic,
            "total": sum(1 for s in slots if s.lever == lever["key"])}
