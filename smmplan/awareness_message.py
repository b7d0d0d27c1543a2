"""The ideas that say the awareness goal's message (data/content.yaml
``calendar.awareness_message``): when the brief's awareness goal names a target
(``awareness_target.awareness_target``) whose card gives a message, the ideas about that
target, its offer line or the brand as a whole that share enough words with the message
are marked ``Idea.speaks`` (the words they share); the sponsored posts bought for awareness
carry them, the closest first (``sponsored_ideas.awareness_ideas``, ``sell_on_sponsored``),
not whatever asks for a follow."""

from __future__ import annotations

import re
from dataclasses import replace

from .awareness_target import awareness_target
from .brief import Brief
from .catalogue import content_facts


def _rule() -> dict:
    return content_facts()["calendar"]["awareness_message"]


def stems(text: str) -> set[str]:
    """The text's words of 4 letters or more, cut to the rule's ``stem`` letters, without
    its ``stop_words``."""
    rule = _rule()
    stop, cut = set(rule["stop_words"]), int(rule["stem"])
    return {w[:cut] for w in re.findall(r"[^\W\d_]+", text.casefold())
            if len(w) >= 4 and w not in stop}


def target_message(brief: Brief) -> dict | None:
    """{persona, offer, message} of the awareness goal's target when its card gives a
    message; None otherwise."""
    target = awareness_target(brief)
    if target is None:
        return None
    persona = next(p for p in brief.targets.personas if p.name == target["persona"])
    if not persona.message:
        return None
    return {"persona": persona.name, "offer": persona.offer or "", "message": persona.message}


def speaks_message(brief: Brief, ideas: list) -> list:
    """``ideas`` with those that say the awareness goal's message marked ``speaks``, the
    number of its words they share (copies: ideas are frozen); unchanged without such a
    message."""
    target = target_message(brief)
    if target is None:
        return ideas
    said, least = stems(target["message"]), int(_rule()["min_shared"])
    out = []
    for i in ideas:
        ours = (not i.persona or i.persona == target["persona"]) and (
            not i.offer or not target["offer"] or i.offer == target["offer"])
        shared = len(stems(i.text) & said)
        out.append(replace(i, speaks=shared) if ours and shared >= least else i)
    return out
