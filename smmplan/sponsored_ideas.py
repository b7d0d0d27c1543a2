"""The ideas sponsored posts carry: on a platform with conversion spend, one that asks for
the conversion the paid budget buys (a B2B plan buying demo requests sponsors "Book a
demo"); on one with awareness spend only, one that asks for attention; a key moment that
sells, cut in a format the budget sponsors where the sale is bought."""

from __future__ import annotations

from .catalogue import content_facts
from .i18n import Translator
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
    key-moment ideas; when no idea has that call to action, any sale's."""
    # a person's post is no company ad, a story told once a year (``per_year``) no ad run
    ideas = [i for i in ideas if i.voice != "person" and i.per_year is None]
    for selling in (selling_ctas(kind), selling_ctas()):
        found = [i for i in ideas if (i.offer == books if books else (i.offer or i.moment))
                 and i.cta in selling]
        if found:
            return found
    return [i for i in ideas if i.offer == books] if books else []


def awareness_ideas(ideas: list[Idea]) -> list[Idea]:
    """The ideas a sponsored post on a platform with awareness spend only may carry:
    undated ones whose call to action asks for attention, not the sale
    (data/content.yaml ``calendar.awareness_ctas``), never one a founder or an employee
    posts from their own profile (``voice: person``): a company cannot boost it as its ad."""
    asks = set(content_facts()["calendar"]["awareness_ctas"])
    return [i for i in ideas if i.cta in asks and not i.date and not i.occurs
            and i.voice != "person" and i.per_year is None]  # nor a story told once


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


def sell_on_sponsored(slots: list, paid: list[Idea], tr: Translator, register: str = "vous",
                      evergreen: list[Idea] | None = None, moments: list[Idea] = (),
                      selling: set[str] | None = None, aware: list[Idea] = ()) -> None:
    """Every sponsored post carries an idea of its platform's kind (``sponsor_fit``: a
    paid idea on the ``selling`` platforms, an awareness idea on the others): one that
    does not is given the least used that fits it, one idea on at most
    ``idea_caps.sponsored_per_year`` sponsored posts while another fits. With
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
    for s in slots:
        sells = selling is None or s.platform in selling
        pool, known = (paid, texts) if sells else (list(aware), aware_texts)
        if not s.sponsored or (s.base_idea in known and uses.get(s.base_idea, 0) <= cap):
            continue
        found = [i for i in pool if fits(i, s)]
        if found:
            if s.base_idea in known:
                uses[s.base_idea] -= 1
            idea = min(found, key=lambda i: (uses.get(i.text, 0) >= cap, i.pillar != s.pillar,
                                             i.text in on_day[s.date], uses.get(i.text, 0)))
            on_day[s.date].add(idea.text)
            uses[idea.text] = uses.get(idea.text, 0) + 1
            give(s, idea, tr, register)
    if evergreen is None:
        return
    known_ideas = {i.text: i for i in [*evergreen, *moments, *paid, *aware]}
    fixed = {id(s): known_ideas[s.base_idea] for s in slots
             if (s.sponsored or s.moment) and s.base_idea in known_ideas}
    fill(slots, evergreen, list(moments), fixed, tr, register)
