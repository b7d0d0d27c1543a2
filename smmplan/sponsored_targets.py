"""Sponsored posts that speak to the targets a platform's paid budget serves: the paid
split gives each platform's spend to some targets (``budget.by_target``); a sponsored post
there that shows a product carries one those targets buy more than the rest (their cards'
favourite categories, ``ideas._favourites``), not another target's. Lune's Facebook money
all goes to the 46-year-old target that buys outerwear and workwear: its sponsored posts
show outerwear and workwear, not streetwear and sportswear."""

from __future__ import annotations

from .brief import Brief
from .i18n import Translator
from .ideas import Idea, _favourites, fits, give, idea_caps


def favoured_products(brief: Brief, personas: list, by_target: list[dict]) -> dict[str, list[str]]:
    """Per platform, the favourite products of the targets its paid budget serves (most
    spend first; each target's most distinctive first), none where no served target has
    one. ``by_target``: the paid split's rows of platform, target (a persona's ``id``) and
    spend."""
    ids = {p.id: p for p in personas}
    out: dict[str, list[str]] = {}
    for row in sorted(by_target, key=lambda r: -(r.get("spend") or 0)):
        persona = ids.get(row.get("target"))
        if persona is None or not (row.get("spend") or 0) > 0:
            continue
        mine = out.setdefault(row["platform"], [])
        mine += [v for v in _favourites(brief, persona) if v not in mine]
    return {p: v for p, v in out.items() if v}


def in_season(product: str, month: int, seasons: list[dict]) -> bool:
    """Whether ``product`` sells in ``month`` (1-12) by the sector's ``product_seasons``
    (data/sectors/<kind>.yaml: words of a product's name and its months); a product no rule
    names sells all year."""
    words = set(product.lower().replace("-", " ").split())
    rules = [r for r in seasons if words & {w.lower() for w in r["words"]}]
    return not rules or any(month in r["months"] for r in rules)


def favour_targets(slots: list, paid: list[Idea], favoured: dict[str, list[str]],
                   tr: Translator, register: str = "vous", seasons: list[dict] = ()) -> int:
    """A sponsored post (not a key moment's) on a platform of ``favoured`` whose idea shows
    a product its targets do not favour, or none, or one out of its season (``in_season``)
    while another is in it, is given the least used ``paid`` idea that fits it and shows
    one they do, in season first (the favourites in turns, an idea on at most
    ``idea_caps.sponsored_per_year`` sponsored posts while another fits). Returns how many
    posts changed."""
    cap = int(idea_caps()["sponsored_per_year"])
    by_text = {i.text: i for i in paid}
    uses: dict[str, int] = {}
    shown: dict[tuple[str, str], int] = {}  # (platform, product) -> sponsored posts
    for s in slots:
        if s.sponsored and s.base_idea in by_text:
            uses[s.base_idea] = uses.get(s.base_idea, 0) + 1
    changed = 0
    for s in sorted(slots, key=lambda s: (s.date, s.time)):
        wanted = favoured.get(s.platform)
        if not s.sponsored or s.moment or not wanted:
            continue
        month = int(s.date[5:7])
        now = by_text.get(s.base_idea)
        found = [i for i in paid if i.product in wanted and fits(i, s)]
        season = [i for i in found if in_season(i.product, month, seasons)]
        if now is not None and now.product in wanted and (
                in_season(now.product, month, seasons) or not season):
            shown[(s.platform, now.product)] = shown.get((s.platform, now.product), 0) + 1
            continue
        if not found:
            continue
        idea = min(season or found, key=lambda i: (
            uses.get(i.text, 0) >= cap, shown.get((s.platform, i.product), 0),
            wanted.index(i.product), uses.get(i.text, 0), i.pillar != s.pillar))
        if now is not None:
            uses[now.text] -= 1
        uses[idea.text] = uses.get(idea.text, 0) + 1
        shown[(s.platform, idea.product)] = shown.get((s.platform, idea.product), 0) + 1
        give(s, idea, tr, register)
        changed += 1
    return changed
