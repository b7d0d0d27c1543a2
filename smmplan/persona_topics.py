"""Public titles for a persona's need, topic-led as a brand publishes them: a sector
playbook's ``themes`` (each ``match`` words and a ``title``), the first not yet taken whose
words the persona's message or description uses. The persona's name and the brief's own
note on it are for the strategist, never a post title ("Templates and how-tos they can use
today, then a free trial, for Hands-on ops managers")."""

from __future__ import annotations

from .brief import Brief
from .i18n import Translator
from .idea_model import copy_register


def matched_themes(brief: Brief, themes: list[dict], tr: Translator) -> list[tuple]:
    """(persona, title) for each persona one of ``themes`` answers, each theme once; a
    persona none answers is left out."""
    left, out = list(themes), []
    for p in brief.targets.personas:
        text = f"{p.message or ''} {p.description or ''}".lower()
        theme = next((t for t in left if any(w in text for w in t["match"])), None)
        if theme is not None:
            left.remove(theme)
            out.append((p, tr.text(theme["title"], copy_register(brief))))
    return out


def persona_fills(brief: Brief, tpl: dict, tr: Translator) -> list[dict]:
    """A ``per: persona`` template's fills: with ``themes``, each answered persona with its
    theme's title as ``need``; without, the persona's own message (or description)."""
    if "themes" in tpl:
        return [{"persona": p.name, "need": title}
                for p, title in matched_themes(brief, tpl["themes"], tr)]
    return [{"persona": p.name, "need": (p.message or p.description).strip().strip(
        "«»\"“”").strip().rstrip(".")} for p in brief.targets.personas
        if p.message or p.description]
