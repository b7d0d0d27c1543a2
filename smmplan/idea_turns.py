"""Ideas in turns (``interleave``: topics taking turns) and an idea template told in
turns (data/sectors/<kind>.yaml ``ideas[].rotate``: the idea's topic without the
product): one idea for the products of every offer line that takes the
template, each post naming the next product in turn ("Sizes left and the next delivery:
Dresses", the next post "...: Streetwear"), rather than one idea per product, each repeated
through the year (a category x template grid). Its repeats are the rotation, not the same
post again (``idea_repeats.vary_repeats`` gives a product told again its angle)."""

from __future__ import annotations

import dataclasses
import itertools
import re
from collections.abc import Callable

from .brief import Brief
from .catalogue import content_facts
from .i18n import Translator
from .idea_model import Idea, copy_register, product_fits, template_fields, template_fits


def products_in_turn(brief: Brief, template: dict) -> list[str]:
    """The products a rotating template is told on: each offer line that takes it, its
    products that take it (``audience_values``, else the line's name), the lines taking
    turns (a product of each line, then the next of each)."""
    lines = []
    for o in brief.offer:
        if not template_fits(template, o):
            continue
        mine = [v for v in (o.audience_values or [o.name]) if product_fits(template, v)]
        lines.append(mine or ([o.name] if product_fits(template, o.name) else []))
    turns = itertools.zip_longest(*lines)
    return list(dict.fromkeys(v for turn in turns for v in turn if v))


def turn_ideas(brief: Brief, tr: Translator, book: dict, no_show: frozenset[str],
               confirmed: Callable[[dict], bool]) -> list[Idea]:
    """One idea for each rotating template of the sector's playbook ``book`` that a product
    takes: its topic (``rotate``) with the products in turn said in its hook, for the ideas
    list; its posts' texts, one per product (``Idea.turns``); marked to confirm when the
    brief names no offer it assumes (``confirmed``: ``ideas.confirmed``)."""
    from .webinars import event_planned

    out = []
    for template in book["ideas"]:
        items = products_in_turn(brief, template) if template.get("rotate") else []
        if items and event_planned(template, brief):
            out.append(_turn_idea(brief, tr, template, items, no_show, book,
                                  "" if confirmed(template) else tr.t("ideas.to_confirm")))
    return out


def _turn_idea(brief: Brief, tr: Translator, template: dict, items: list[str],
               no_show: frozenset[str], book: dict, mark: str) -> Idea:
    """The one idea of a rotating template told on ``items`` in turn."""
    reg = copy_register(brief)
    values = {"brand": brief.client.name, "offer": "", "detail": "", "diff": "",
              "persona": "", "need": ""}
    topic = tr.text(template["rotate"], reg, **values)
    hook = tr.text(template["hook"], reg, **values)
    turns = tuple(f"{tr.t('ideas.turn_topic', topic=topic, item=item)}{mark} — {hook}"
                  for item in items)
    return Idea(template["pillar"], topic + mark,
                tr.t("ideas.turn_hook", hook=hook, items=tr.join(items)), template["cta"],
                **template_fields(template, book, no_show),
                series=template.get("series") or f"{template['rotate'].get('en', '')}|turns",
                turns=turns)


def interleave(ideas: list[Idea]) -> list[Idea]:
    """The ideas in turns of topic: every topic's first version, then every topic's second,
    and so on. A pick takes the first least-used idea that fits in this order, so one
    topic's versions (one per offer, differentiator or persona) no longer run in a row."""
    by_topic: dict[str, list[Idea]] = {}
    for i in ideas:
        by_topic.setdefault(i.topic, []).append(i)
    turns = itertools.zip_longest(*by_topic.values())
    return [i for turn in turns for i in turn if i is not None]


def numbered(template: dict, idea: Idea, tr: Translator) -> Idea:
    """An idea of a template whose every post is a new instance of it (data/sectors/
    <kind>.yaml ``ideas[].numbered``: one customer's story, one review, one task timed) as
    a named series: its posts numbered in date order ("Cloudline Enterprise customer story
    #3: [customer and industry to name]"), as many as one idea may fill in the year
    (data/content.yaml ``calendar.idea_caps.per_year``; ``Idea.turns``,
    ``idea_repeats.vary_repeats``), each a distinct entry for its writer to fill, rather
    than one title told again from new angles."""
    if not template.get("numbered"):
        return idea
    cut = re.search(r"\s?:\s", idea.topic)  # the number goes before the topic's colon
    at = cut.start() if cut else len(idea.topic)
    return dataclasses.replace(idea, turns=tuple(
        f"{idea.topic[:at]}{tr.t('ideas.entry_number', n=n)}{idea.topic[at:]} — {idea.hook}"
        for n in range(1, int(content_facts()["calendar"]["idea_caps"]["per_year"]) + 1)))
