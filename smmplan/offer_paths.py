"""Calls to action that follow each offer line's buying path: a self-serve line's posts ask
for a sign-up or a trial, a sales-led line's for a demo (brief ``offer[].buying_path``,
swaps in data/content.yaml ``calendar.cta_by_buying_path``), and the offer lines a paid
conversion can buy (a demo request the sales-led lines, a sign-up the self-serve ones:
data/paid.yaml ``buying_path_by_conversion``)."""

from __future__ import annotations

from dataclasses import replace

from .brief import Brief
from .catalogue import content_facts, paid_facts


def line_of(brief: Brief, offer: str = "", persona: str = "") -> str:
    """The offer line an idea is about: its own, else its persona's (``targets.personas``
    ``offer``), else none."""
    if offer:
        return offer
    return next((p.offer or "" for p in brief.targets.personas if p.name == persona), "")


def path_cta(brief: Brief, cta: str, offer: str = "", persona: str = "") -> str:
    """The call to action ``cta`` once the idea's offer line's buying path is applied."""
    line = line_of(brief, offer, persona)
    path = next((o.buying_path for o in brief.offer if o.name == line), None)
    swaps = content_facts()["calendar"]["cta_by_buying_path"].get(path or "", {})
    return swaps.get(cta, cta)


def follow_buying_paths(brief: Brief, ideas: list) -> list:
    """The ideas with each call to action fitted to its offer line's buying path (ideas are
    frozen once made: changed ones are copies)."""
    if not any(o.buying_path for o in brief.offer):
        return ideas
    out = []
    for i in ideas:
        cta = path_cta(brief, i.cta, i.offer, getattr(i, "persona", ""))
        out.append(i if cta == i.cta else replace(i, cta=cta))
    return out


def event_lines(brief: Brief, kind: str) -> list:
    """The offer lines one paid conversion of ``kind`` (budget.conversion_kind) can buy: the
    lines whose buying path is the conversion's (a lead: ``sales_led``) or unstated; every
    line when none has that path or the conversion has none (a purchase)."""
    path = paid_facts()["buying_path_by_conversion"].get(kind)
    lines = list(brief.offer)
    if not path or not any(o.buying_path == path for o in lines):
        return lines
    return [o for o in lines if o.buying_path in (path, None)]


def left_out_lines(brief: Brief, kind: str) -> list:
    """The offer lines a conversion of ``kind`` does not buy (bought on another path)."""
    kept = {o.name for o in event_lines(brief, kind)}
    return [o for o in brief.offer if o.name not in kept]
