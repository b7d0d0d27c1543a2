"""Named customers the calendar can stand on: an idea whose every numbered post names a new
customer (``Idea.reference``: a customer story, a review, a switch, a first 30 days) takes
at most the sector playbook's ``references.per_month`` new customers a month per offer line
(by its buying path: a sales-led line's case studies are signed off one or two a month);
the line's other such posts recut a story already told, oldest and least recut first,
each time from the next of ``references.recuts`` (its quote, its number, its before/after
screen): "Cloudline Enterprise customer story #3, recut: the number". The plan then asks
the client for the reference list the calendar needs (``reference_needs``), not one new
customer a post."""

from __future__ import annotations

import re

from .brief import Brief
from .i18n import Translator
from .sectors import playbook


def _rule(brief: Brief) -> dict | None:
    return playbook(brief.client.sector_kind).get("references")


def _cap(rule: dict, brief: Brief, offer: str) -> int:
    """New customers a month for ``offer``: its buying path's, else the default."""
    line = next((o for o in brief.offer if o.name == offer), None)
    per = rule["per_month"]
    return int(per.get(getattr(line, "buying_path", None) or "default", per["default"]))


def _entry(text: str) -> str:
    """A numbered post's title up to its number ("Switched to Cloudline Teams #3")."""
    found = re.search(r"#\d+", text)
    return text[:found.end()] if found else text.split(" — ")[0]


def cap_references(slots: list, brief: Brief, tr: Translator, ideas: list) -> None:
    """Cap the new customers a month and recut the rest (module docstring); after
    ``idea_repeats.vary_repeats`` (which numbers the posts in date order): the posts that
    stay new are numbered again in date order, so a series has no gaps."""
    rule = _rule(brief)
    refs = {i.text: i for i in ideas if i.reference and i.turns}
    if rule is None or not refs:
        return
    recuts = [tr.t(f"ideas.recut_angle.{k}") for k in rule["recuts"]]
    new: dict[tuple[str, str], int] = {}  # (offer, month) -> new customers named
    numbers: dict[str, int] = {}  # idea -> entries named so far
    told: dict[str, list[list]] = {}  # offer -> [entry title, times recut]
    for s in sorted(slots, key=lambda s: (s.date, s.time, s.platform)):
        idea = refs.get(s.base_idea)
        if idea is None:  # an ad only carries its entry as a post does
            continue
        key = (idea.offer, s.date[:7])
        mine = told.setdefault(idea.offer, [])
        if new.get(key, 0) < _cap(rule, brief, idea.offer) or not mine:
            n = numbers.get(idea.text, 0)
            numbers[idea.text] = n + 1
            new[key] = new.get(key, 0) + 1
            s.idea = idea.turns[n % len(idea.turns)]
            mine.append([_entry(s.idea), 0])
            continue
        story = min(mine, key=lambda e: e[1])  # the least recut, oldest first
        s.idea = tr.t("ideas.recut_topic", entry=story[0], angle=recuts[story[1] % len(
            recuts)]) + " — " + tr.t("ideas.recut_hook")
        story[1] += 1
        s.angle = ""


def reference_counts(slots: list, ideas: list[dict]) -> dict[str, int]:
    """Per offer line, the distinct new customers the calendar names (its reference ideas'
    numbered entries, recuts aside), in the order of the brief's lines."""
    turns = {i["text"]: (i["offer"], set(i["turns"])) for i in ideas
             if i.get("reference") and i.get("turns")}
    out: dict[str, set[str]] = {}
    for s in slots:
        offer, entries = turns.get(s.base_idea, ("", set()))
        if s.idea in entries:
            out.setdefault(offer, set()).add(s.idea)
    return {k: len(v) for k, v in out.items()}


def reference_needs(brief: Brief, tr: Translator, slots: list, ideas: list[dict],
                    due: str) -> list[str]:
    """The 'what we need from you' line of a customer reference programme: per offer line,
    the customers who agree to be named the calendar needs over the year and a month,
    the first month's by ``due``; none without reference ideas on the calendar."""
    rule = _rule(brief)
    counts = reference_counts(slots, ideas)
    if rule is None or not counts:
        return []
    lines = [tr.plural("agency.need_references_line", counts[o.name], line=o.name,
                       per=tr.number(_cap(rule, brief, o.name)))
             for o in brief.offer if counts.get(o.name)]
    return [tr.t("agency.need_references", lines=tr.join(lines), date=due)]
