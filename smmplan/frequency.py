"""Posts a week per kept platform (rules and their reasons in data/content.yaml
``frequency_rules``, planning conventions stated in the plan).

``allocate_frequency`` shares the team's capacity: the recommended minimum first (a best
performer at least a fair share), the spare capacity to the best-scored platforms, each up
to its recommended maximum. Two rules make the frequency follow the data
(``data_ceilings``): a platform other than the best-scored one gets at most the best-scored
one's posts times the ratio of their scores; a platform whose own engagement rate is weak
against the client's best and that brings (almost) none of its customers runs at a
maintenance cadence. ``recount`` sets each platform's posts a week from the calendar once it
is built: the frequency the plan states is the calendar's own count.
"""

from __future__ import annotations

import math
from collections import Counter
from typing import TYPE_CHECKING

from .brief import Brief
from .catalogue import content_facts
from .channel_choice import history_rates, performer_basis

if TYPE_CHECKING:
    from .calendar_slots import Slot
    from .channels import ChannelChoice


def rules() -> dict:
    """The frequency conventions (data/content.yaml ``frequency_rules``)."""
    return content_facts()["frequency_rules"]


def overloaded(brief: Brief, capacity: float) -> bool:
    """Whether the brief's posting today (its channels' posts a week) exceeds the posts a
    week the team can sustain (``capacity``) by more than 5 %."""
    return sum(c.posts_per_week or 0 for c in brief.situation.channels) > capacity * 1.05


def engagement_rates(brief: Brief) -> dict[str, tuple[float, str]]:
    """The client's own engagement rate per platform it runs, with its basis: its post
    history (``channel_choice.history_rates``) when that covers two or more of its channels
    (the basis ``channel_choice.best_performers`` ranks on) and the platform has one, else the
    rate the brief declares."""
    own = history_rates(brief) if performer_basis(brief) == "history" else {}
    out = {p: (r, "history") for p, r in own.items()}
    for c in brief.situation.channels:
        if c.platform not in out and c.engagement_rate is not None:
            out[c.platform] = (c.engagement_rate, "brief")
    return out


def against_best(brief: Brief) -> dict[str, tuple[float, float]]:
    """Each of the client's platforms with a rate (``engagement_rates``): its engagement
    rate and the client's best rate on the same basis (its post history, else the rates
    the brief declares)."""
    best = {"history": max(history_rates(brief).values(), default=0.0),
            "brief": max((c.engagement_rate for c in brief.situation.channels
                          if c.engagement_rate is not None), default=0.0)}
    return {p: (rate, best[basis]) for p, (rate, basis) in engagement_rates(brief).items()}


def lead_choice(kept: list[ChannelChoice]) -> ChannelChoice | None:
    """The platform the plan leads with: the best-scored kept one (None when none is kept)."""
    return max(kept, key=lambda c: c.score, default=None)


def weak_platforms(kept: list[ChannelChoice], brief: Brief,
                   protected: set[str] | None = None) -> set[str]:
    """The kept platforms at a maintenance cadence: not one in ``protected`` (a best
    performer, a platform with paid spend),
    the best-scored platform nor the one with the conversion role, with an engagement rate
    under ``weak_engagement`` times the client's best rate on the same basis (history
    against history, declared against declared), and, when the client's data says where
    its customers came from, fewer than ``weak_acquisition`` % of them acquired through
    it."""
    r = rules()["maintenance"]
    rates = against_best(brief)
    lead = lead_choice(kept)
    weak = set()
    for c in kept:
        if c is lead or c.role == "conversion" or c.platform in (protected or set()) \
                or c.platform not in rates:
            continue
        rate, best = rates[c.platform]
        low = rate < r["weak_engagement"] * best
        idle = c.acquired is None or c.acquired < r["weak_acquisition"]
        if low and idle:
            weak.add(c.platform)
    return weak


def allocate_frequency(kept: list[ChannelChoice], capacity: float,
                       floors: dict[str, float] | None = None,
                       ceilings: dict[str, float] | None = None,
                       stretch: float | None = None,
                       current: dict[str, float] | None = None,
                       unheld: set[str] | None = None) -> None:
    """Posts a week per kept platform: the recommended minimum first (today's posting for a
    best performer in ``floors``, ``channel_choice.best_performers``), then the remaining
    capacity to the best-scored platforms first, each up to its recommended maximum (or
    today's posting when higher); ``ceilings`` (``weak_platforms``: the maintenance cadence)
    lower a platform's minimum and maximum. A platform other than the best-scored one and a
    best performer gets at most the best-scored one's posts times the ratio of their scores
    (``frequency_rules.follow_score``): what that holds back goes to the better-scored
    platforms, and capacity left over is not spent. When capacity cannot pay the minimums,
    the best performers keep theirs first and the others share the rest in proportion; a
    best performer cut below today is marked ``cut``. A best performer's floor is at least
    a fair share of the capacity (an equal split between the kept platforms, within its
    recommended maximum), not only today's posting. The best-scored platform, the one the
    plan leads with, never posts less than today (``current``: today's feed posts a week)
    either: the others' fair share is what its posting today leaves. A platform in
    ``unheld`` (the one that brings most of the client's results,
    ``channel_choice.results_leader``) is not held to its score either. Rounding to
    half-posts never plans more than the capacity: the platform rounded up the most gives
    back half a post first. Each platform's ``floor`` says which of these floors applied:
    "best", "lead_today" or None."""
    if not kept:
        return
    facts = content_facts()["platforms"]
    today = floors or {}
    lead = lead_choice(kept)
    keep = {lead.platform: (current or {})[lead.platform]} if (current or {}).get(
        lead.platform) and lead.platform not in today and len(kept) > 1 else {}
    fair = (capacity - sum(keep.values())) / (len(kept) - len(keep))
    floors = {p: max(v, min(fair, facts[p]["posts_per_week"][1])) for p, v in today.items()}
    floors |= keep
    top = dict(ceilings or {})
    bound: set[str] = set()
    for _ in range(len(kept) + 1):  # the lead's posts grow as the weaker ones give way
        _share(kept, capacity, floors, top, facts)
        ceiling = {c.platform: lead.posts_per_week * score_ratio(c, lead)
                   for c in kept if c is not lead and not c.protected
                   and c.platform not in (unheld or set())}
        over = {c.platform for c in kept
                if c.posts_per_week > ceiling.get(c.platform, math.inf) + 1e-9}
        if not over - bound and all(
                abs(top.get(p, math.inf) - min((ceilings or {}).get(p, math.inf),
                                               ceiling[p])) < 1e-9 for p in bound):
            break
        bound |= over
        for p in bound:
            top[p] = min((ceilings or {}).get(p, math.inf), ceiling[p])
    raw = {}
    for c in kept:
        c.held = c.platform in bound and c.platform not in (ceilings or {})  # by its score
        c.posts_per_week = min(c.posts_per_week, ceiling.get(c.platform, math.inf))
        raw[c.platform] = c.posts_per_week
        c.posts_per_week = round(c.posts_per_week * 2) / 2  # half-posts a week: biweekly
        if c.posts_per_week > ceiling.get(c.platform, math.inf) + 1e-9:
            c.posts_per_week -= 0.5  # rounding does not lift it past its ceiling
    # rounding up must not plan more than the team can produce: the platform rounded up
    # the most gives back its half-post first, never below its floor (then the trim below)
    while sum(c.posts_per_week for c in kept) > capacity + 1e-9:
        up = [c for c in kept if c.posts_per_week - raw[c.platform] > 1e-9
              and c.posts_per_week - 0.5 >= floors.get(c.platform, 0.0) - 1e-9]
        if not up:
            break
        max(up, key=lambda c: c.posts_per_week - raw[c.platform]).posts_per_week -= 0.5
    # rounding must not plan more than the team can produce: trim the weakest first, a
    # platform at a maintenance cadence (it already posts the least that keeps it active)
    # and a best performer last
    for c in sorted(kept, key=lambda c: (c.protected, c.platform in (ceilings or {}),
                                         c.score)):
        while sum(k.posts_per_week for k in kept) > capacity + 1e-9 and c.posts_per_week > 0:
            c.posts_per_week -= 0.5
    for c in kept:
        c.protected = c.platform in today  # a best performer (the lead's floor is no label)
        c.cut = c.protected and c.posts_per_week < today[c.platform] - 1e-9
        # the floor applied: a best performer's, the lead's today's posting, or none
        c.floor = "best" if c.protected else "lead_today" if c.platform in keep else None
    _stretch(kept, capacity, set(ceilings or {}), facts, stretch)


def feed_lead(kept: list[ChannelChoice], today: dict[str, float],
              mix: dict[str, list[str]]) -> str:
    """The lead platform (the best-scored, ``allocate_frequency`` keeps it at today's
    posting) when the stories of its format rotation ``mix`` would take its feed posts
    below today's (a brief counts feed posts: 5 a week on reel, carousel, story would be
    3.3 feed posts), else "": its rotation is then feed formats only, and none of its posts
    is left out for want of ideas (``channels.plan_channels``)."""
    if not kept:
        return ""
    lead = lead_choice(kept)
    rotation = mix.get(lead.platform) or []
    share = sum(f != "story" for f in rotation) / (len(rotation) or 1)
    now = today.get(lead.platform) or 0.0
    return lead.platform if now and lead.posts_per_week * share < now - 1e-9 else ""


def lead_rotation(formats: list[str], posts: float, today: float) -> list[str]:
    """The lead's format rotation (``feed_lead``): its first three feed formats, with a
    story only in the posts beyond today's feed (5.5 a week against 5 today: one post in
    eleven a story), so its feed stays at today's."""
    feed = [f for f in formats if f != "story"][:3]
    if "story" not in formats[:3] or posts <= today + 1e-9:
        return feed
    every = math.ceil(posts / (posts - today))  # one story every this many posts
    return [feed[i % len(feed)] for i in range(every - 1)] + ["story"]


def _stretch(kept: list[ChannelChoice], capacity: float, weak: set[str], facts: dict,
             most: float | None) -> None:
    """The capacity the rules leave unused (at most ``most`` posts a week when given), to
    the best-scored platforms already at their recommended maximum, by half-posts up to
    their ``frequency_rules.stretch_max`` (a platform without one, or at a maintenance
    cadence, stays where it is)."""
    top = rules().get("stretch_max") or {}
    left = capacity - sum(c.posts_per_week for c in kept)
    left = left if most is None else min(left, most)
    for c in sorted(kept, key=lambda c: -c.score):
        c.stretched = 0.0
        if c.platform in weak or c.platform not in top \
                or c.posts_per_week < facts[c.platform]["posts_per_week"][1] - 1e-9:
            continue
        while left >= 0.5 - 1e-9 and c.posts_per_week + 0.5 <= top[c.platform] + 1e-9:
            c.posts_per_week += 0.5
            left -= 0.5
            c.stretched += 0.5


def _share(kept: list[ChannelChoice], capacity: float, floors: dict[str, float],
           top: dict[str, float], facts: dict) -> None:
    """One pass of ``allocate_frequency`` before rounding: the minimums (``top`` lowers a
    platform's minimum and maximum, a best performer's floor stays), then the spare
    capacity to the best-scored platforms first, each up to its maximum."""
    mins = {c.platform: max(facts[c.platform]["posts_per_week"][0],
                            floors.get(c.platform, 0.0)) for c in kept}
    maxs = {c.platform: max(facts[c.platform]["posts_per_week"][1],
                            floors.get(c.platform, 0.0)) for c in kept}
    for p, v in top.items():
        if p in mins and p not in floors:
            mins[p], maxs[p] = min(mins[p], v), min(maxs[p], v)
    base = sum(mins.values())
    # short of capacity, a best performer keeps today's posting first and the others share
    # what is left, each in proportion to its recommended minimum
    short = capacity < base
    need = {c.platform: floors[c.platform] if short else mins[c.platform]
            for c in kept if c.platform in floors}
    first = min(1.0, capacity / sum(need.values())) if need else 0.0
    rest = max(0.0, capacity - sum(need.values()) * first)
    others = sum(mins[c.platform] for c in kept if c.platform not in floors)
    for c in kept:
        c.protected = c.platform in floors
        c.posts_per_week = need[c.platform] * first if c.protected else \
            mins[c.platform] * (min(1.0, rest / others) if others else 0.0)
    left = capacity - sum(c.posts_per_week for c in kept)
    for c in sorted(kept, key=lambda c: -c.score):  # spare capacity: best channels first
        add = max(0.0, min(left, maxs[c.platform] - c.posts_per_week))
        c.posts_per_week += add
        left -= add


def score_ratio(c: ChannelChoice, lead: ChannelChoice) -> float:
    """The share of the best-scored platform's posts a weaker one may get
    (``frequency_rules.follow_score``: the ratio of their scores, 1 when off)."""
    if not rules()["follow_score"] or lead.score <= 0:
        return 1.0
    return min(1.0, c.score / lead.score)


def recount(kept: list[ChannelChoice], slots: list[Slot], weeks: float) -> None:
    """Each kept platform's posts a week from the calendar as built: its posts on the feed
    (an ad only is none) over the plan's weeks, to one decimal; the one place the frequency
    follows what the calendar's steps (quiet days, reminder stories, the ideas' supply)
    changed; ``profiles``: the share of those posted from people's own profiles."""
    feed = Counter(s.platform for s in slots if not s.ad_only)
    profiles = Counter(s.platform for s in slots if not s.ad_only and s.profile)
    for c in kept:
        c.posts_per_week = round(feed[c.platform] / weeks, 1) if weeks > 0 else 0.0
        page = round((feed[c.platform] - profiles[c.platform]) / weeks, 1) if weeks > 0 else 0.0
        c.profiles = round(c.posts_per_week - page, 1)  # the brand page's + the profiles'


def page_posts(slots: list[Slot], platform: str) -> int:
    """The brand page's posts on ``platform`` in the calendar: its feed posts (an ad only is
    none), never a post from a person's own profile (``profile_posts``)."""
    return sum(1 for s in slots if s.platform == platform and not s.ad_only and not s.profile)


def floor_shortfall(kept: list[ChannelChoice], slots: list[Slot], today: dict[str, float],
                    weeks: float) -> dict[str, float]:
    """Posts a week each platform held to today's posting (``floor``: a best performer not
    ``cut``, the lead kept at today's) lacks on its brand page in ``slots`` (``page_posts``:
    the posts from people's own profiles come on top and never count), against today's
    posts a week (``today``) over the plan's ``weeks``; the platforms that lack none are
    left out."""
    short = {}
    for c in kept:
        now = today.get(c.platform) or 0.0
        if c.floor is None or c.cut or now <= 0 or weeks <= 0:
            continue
        need = math.ceil(now * weeks - 1e-9)
        have = page_posts(slots, c.platform)
        if have < need:
            short[c.platform] = (need - have) / weeks
    return short


def maintenance_role(c: ChannelChoice, roles: tuple[str, ...],
                     wanted: dict[str, float]) -> str:
    """The role of a platform at a maintenance cadence: its engagement is weak, so not
    engagement, nor conversion (the plan converts elsewhere): the best of the other roles
    for its strengths and the roles the diagnosis asks for."""
    strengths = content_facts()["platforms"][c.platform]["roles"]
    others = [r for r in roles if r not in ("engagement", "conversion")]
    return max(others, key=lambda r: (strengths[r] * (1 + wanted.get(r, 0)), -roles.index(r)))
