"""The ideas sponsored posts carry: on a platform with conversion spend, one that asks for
the conversion the paid budget buys (a B2B plan buying demo requests sponsors "Book a
demo"); on one with awareness spend only, one that asks for attention; a key moment that
sells, cut in a format the budget sponsors where the sale is bought."""

from __future__ import annotations

import datetime as dt

from .catalogue import content_facts
from .i18n import Translator
from .idea_repeats import cadence_period, sponsored_repeats
from .ideas import Idea, fill, fits, give, idea_caps


def recut_moments(slots: list, moments: list[Idea], platforms: set[str], sells: set[str],
                  mix: dict[str, list[str]], formats: set[str], tr: Translator,
                  register: str = "vous") -> None:
    """A key moment's post that sells (a call to action of ``sells``) on a platform with
    conversion spend (``platforms``) in a format the budget does not sponsor (a link, a
    live...) is cut in the first format of the platform's ``mix`` it sponsors, so the
    moment can be sponsored where the sale is bought; never a moment written for its format
    (a session's reminder story stays a story)."""
    by_text = {m.text: m for m in moments}
    for s in slots:
        idea = by_text.get(s.base_idea) if s.moment else None
        if idea is None or idea.cta not in sells or s.platform not in platforms \
                or s.format in formats or idea.formats:
            continue
        fmt = next((f for f in mix.get(s.platform, []) if f in formats and f != "live"), None)
        if fmt is not None:
            s.format = fmt
            give(s, idea, tr, register)


def selling_ctas(kind: str | None = None) -> set[str]:
    """The calls to action that ask for the conversion the paid budget buys
    (data/content.yaml ``calendar.conversion_cta_by_kind``), any sale's without a kind."""
    rules = content_facts()["calendar"]
    return set(rules["conversion_cta_by_kind"].get(kind or "", rules["conversion_ctas"]))


def paid_ideas(ideas: list[Idea], books: str | None, kind: str | None = None) -> list[Idea]:
    """The ideas a sponsored post on a platform with conversion spend may carry: those
    whose call to action asks for the conversion bought (``selling_ctas``: a plan buying
    demo requests sponsors "Book a demo", never "Start a free trial"), of the offer line a
    conversion books (``budget.paid.books``) when the brief names one, else offer and
    key-moment ideas, never a point of view (a pillar whose role is awareness, data/content.yaml
    ``pillars``: values, which stays organic) while another sells; when no idea has that
    call to action, any sale's."""
    # a person's post is no company ad, a story told once a year (``per_year``) no ad run
    ideas = [i for i in ideas if i.voice != "person" and i.per_year is None]
    view = {p for p, role in content_facts()["pillars"].items() if role == "awareness"}
    for selling in (selling_ctas(kind), selling_ctas()):
        found = [i for i in ideas if (i.offer == books if books else (i.offer or i.moment))
                 and i.cta in selling]
        if found:  # proof (customer stories, demos, comparisons), not a point of view
            return [i for i in found if i.pillar not in view] or found
    return [i for i in ideas if i.offer == books] if books else []


def awareness_ideas(ideas: list[Idea]) -> list[Idea]:
    """The ideas a sponsored post on a platform with awareness spend only may carry:
    undated ones that say the awareness goal's message (``Idea.speaks``,
    awareness_message.py), whatever their call to action; without one, those whose call to
    action asks for attention, not the sale (data/content.yaml ``calendar.awareness_ctas``).
    Never one a founder or an employee posts from their own profile (``voice: person``): a
    company cannot boost it as its ad; nor a story told once a year."""
    asks = set(content_facts()["calendar"]["awareness_ctas"])
    fit = [i for i in ideas if not i.date and not i.occurs and i.voice != "person"
           and i.per_year is None]
    return [i for i in fit if i.speaks] or [i for i in fit if i.cta in asks]


def sponsor_fit(paid: list[Idea], formats: set[str], selling: set[str] | None = None,
                aware: list[Idea] = ()):
    """How well a calendar post suits a sponsored post (for ``sponsor_slots``): None when
    its format is not one to sponsor or no idea of its platform's kind fits it (``paid``
    on the ``selling`` platforms, those with conversion spend, all when None;
    ``aware`` on the others); -1 for a key moment's post that sells on a selling platform,
    0 when it already carries such an idea, 1 when one can be given to it; 2 more for a
    post of a pillar whose role is not the one the spend buys (data/content.yaml
    ``pillars``: showcase for conversion, values for awareness)."""
    texts = {i.text for i in paid}
    aware_texts = {i.text for i in aware}
    roles: dict[str, set[str]] = {}
    for pillar, role in content_facts()["pillars"].items():
        roles.setdefault(role, set()).add(pillar)

    def rank(slot) -> int | None:
        if slot.format not in formats:
            return None
        sells = selling is None or slot.platform in selling
        pool, known = (paid, texts) if sells else (list(aware), aware_texts)
        if not pool and sells and selling is None:
            return 0
        # a post of the pillar whose role the spend buys first (showcase: conversion),
        # so the sponsored posts keep the pillars' shares
        other = 0 if slot.pillar in roles["conversion" if sells else "awareness"] else 2
        if slot.base_idea in known:
            return -1 if slot.moment and sells else other
        if slot.moment or not pool:  # a key moment keeps its post
            return None
        return 1 + other if any(fits(i, slot) for i in pool) else None
    return rank


class FeedIdeas:
    """Where each idea is on each platform's feed (ads-only creatives aside) and which
    periods each series with a cadence has a post in, kept up to date as ideas are given
    (``move``), so a sponsored post is never given a repeat (``repeats``)."""

    def __init__(self, slots: list, ideas: list[Idea]) -> None:
        self.days = int(content_facts()["calendar"]["sponsored_repeat_days"])
        self.ideas = {i.text: i for i in ideas}
        self.on: dict[tuple[str, str], list[dt.date]] = {}
        self.periods: dict[tuple[str, str], int] = {}
        for s in slots:
            self._count(s, s.base_idea, 1)

    def _count(self, slot, text: str, sign: int) -> None:
        if getattr(slot, "ad_only", False) or not text:
            return
        day = dt.date.fromisoformat(slot.date)
        mine = self.on.setdefault((slot.platform, text), [])
        mine.append(day) if sign > 0 else mine.remove(day)
        idea = self.ideas.get(text)
        if idea is not None and idea.cadence:
            key = (idea.series, cadence_period(idea.cadence, slot.date))
            self.periods[key] = self.periods.get(key, 0) + sign

    def move(self, slot, text: str) -> None:
        """``slot`` carries ``text`` instead of its idea (call before ``give``)."""
        self._count(slot, slot.base_idea, -1)
        self._count(slot, text, 1)

    def repeats(self, idea: Idea, slot) -> bool:
        """Whether ``idea`` on ``slot`` repeats a post of its platform's feed within
        ``calendar.sponsored_repeat_days``, or is its series' second post in the period of
        its cadence ("New in ... this month": once a month); never for an ad only, nor
        for a series whose every post is a new entry (``Idea.turns``: customer story #3,
        then #4) but by its cadence."""
        if getattr(slot, "ad_only", False):
            return False
        own = slot.base_idea == idea.text
        day = dt.date.fromisoformat(slot.date)
        near = sum(abs((d - day).days) <= self.days
                   for d in self.on.get((slot.platform, idea.text), []))
        if near > own and not idea.turns:
            return True
        if not idea.cadence:
            return False
        return self.periods.get((idea.series, cadence_period(idea.cadence, slot.date)),
                                0) > own


def earlier_sponsored(slots: list, days: int) -> set[int]:
    """The sponsored posts (ids, ads only aside) whose idea a later sponsored post of their
    platform carries within ``days`` (a key moment's teaser and reminder, both sponsored):
    the later stays, the earlier is given another idea that sells."""
    return sponsored_repeats(slots, days, "last")


def sell_on_sponsored(slots: list, paid: list[Idea], tr: Translator, register: str = "vous",
                      evergreen: list[Idea] | None = None, moments: list[Idea] = (),
                      selling: set[str] | None = None, aware: list[Idea] = ()) -> None:
    """Every sponsored post carries an idea of its platform's kind (``sponsor_fit``: a
    paid idea on the ``selling`` platforms, an awareness idea on the others): one that
    does not is given the least used that fits it, one idea on at most
    ``idea_caps.sponsored_per_year`` sponsored posts while another fits (an idea told in
    turns or numbered entries, ``Idea.turns``: up to its entries, each post a new one). With
    ``evergreen``, the other posts (not a key moment's) then take their ideas again
    around them (``fill``), so the caps count the sponsored posts too."""
    texts = {i.text for i in paid}
    aware_texts = {i.text for i in aware}
    cap = int(idea_caps()["sponsored_per_year"])
    uses: dict[str, int] = {}
    for s in slots:
        if s.sponsored and s.base_idea in texts | aware_texts:
            uses[s.base_idea] = uses.get(s.base_idea, 0) + 1
    on_day: dict[str, set[str]] = {}
    for s in slots:
        on_day.setdefault(s.date, set()).add(s.base_idea)
    by_text = {i.text: i for i in [*(evergreen or []), *moments, *paid, *aware]}
    feed = FeedIdeas(slots, list(by_text.values()))
    own = {id(s) for s in slots if s.moment} - earlier_sponsored(slots, feed.days)  # a key
    # moment's own posts keep it, but its teaser when its reminder is sponsored too
    for s in slots:
        sells = selling is None or s.platform in selling
        pool, known = (paid, texts) if sells else (list(aware), aware_texts)
        if not s.sponsored or (s.base_idea in known and uses.get(s.base_idea, 0) <= cap and (
                id(s) in own or not feed.repeats(by_text[s.base_idea], s))):
            continue
        found = [i for i in pool if fits(i, s)]
        found = [i for i in found if not feed.repeats(i, s)] or found
        if found:
            if s.base_idea in known:
                uses[s.base_idea] -= 1
            idea = min(found, key=lambda i: (feed.repeats(i, s),
                                             uses.get(i.text, 0) >= max(cap, len(i.turns)),
                                             0 if sells else -i.speaks,  # the closest
                                             i.pillar != s.pillar,
                                             i.text in on_day[s.date], uses.get(i.text, 0)))
            on_day[s.date].add(idea.text)
            uses[idea.text] = uses.get(idea.text, 0) + 1
            feed.move(s, idea.text)
            give(s, idea, tr, register)
    if evergreen is None:
        return
    known_ideas = {i.text: i for i in [*evergreen, *moments, *paid, *aware]}
    dated = {m.text for m in moments if m.date}  # a weekly staple's post keeps it too
    fixed = {id(s): known_ideas[s.base_idea] for s in slots
             if (s.sponsored or s.moment or s.base_idea in dated) and s.base_idea in known_ideas}
    fill(slots, evergreen, list(moments), fixed, tr, register)
