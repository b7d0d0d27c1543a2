"""The owner's title as the client's brief writes it: a small business's brief often names
who runs it in its own notes ("La gérante publie quand elle a le temps."). The plan then
calls that person by the same title ("la gérante") where it would say "owner or manager"
(the approval flow, the crisis levels, the owner-run team option). The titles and their
genders are ``data/roles.yaml`` ``owner_titles``; None when the brief names none."""

from __future__ import annotations

import re

from .brief import Brief
from .catalogue import role_facts

_VOWEL = re.compile(r"[aeiouyhàâéèêëîïôûAEIOUYH]")


def owner_title(brief: Brief) -> tuple[str, str] | None:
    """(title, gender) of the first owner title in the brief's notes on its situation,
    in the plan's language: ("gérante", "f"); None when they name none."""
    titles = role_facts().get("owner_titles", {}).get(brief.client.language, {})
    if not titles:
        return None
    problems = brief.situation.problems
    texts = [getattr(problems, name).evidence for name in type(problems).model_fields]
    words = "|".join(re.escape(t) for t in sorted(titles, key=len, reverse=True))
    for text in texts:
        m = re.search(rf"(?<![\w-])({words})(?![\w-])", text, re.IGNORECASE)
        if m:
            title = m.group(1).lower()
            return title, str(titles[title])
    return None


def owner_words(brief: Brief, tr) -> dict[str, str] | None:
    """The title with the article the plan's sentences need: ``title`` ("gérante"),
    ``the`` ("la gérante", "the founder") and ``of`` ("de la gérante", "du gérant",
    "the founder's"); None when the brief names no owner title."""
    found = owner_title(brief)
    if found is None:
        return None
    title, form = found
    if tr.language == "fr" and _VOWEL.match(title):
        form = "elided"  # l’, de l’
    return {"title": title, "the": tr.t(f"approval_role.owner_the_{form}", title=title),
            "of": tr.t(f"approval_role.owner_of_{form}", title=title)}
