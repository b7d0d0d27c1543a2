"""A business goal about shops the client has just opened ("Faire connaître les deux
nouvelles boutiques": data/content.yaml ``calendar.new_locations.words``) gets posts of
its own: an opening post in the plan's first weeks ("come and taste", the address and
hours of each) and a local post each month about the new shops' neighbourhoods, named as
the brief names them (the goal's own words: "les deux nouvelles boutiques")."""

from __future__ import annotations

import datetime as dt
import re

from .brief import Brief
from .catalogue import content_facts
from .i18n import Translator, apply_register
from .sectors import playbook


def new_shops_phrase(brief: Brief) -> str:
    """The new shops as the brief's goal names them ("les deux nouvelles boutiques"), from
    the article or number before the words to the words; "" when no goal is about new
    shops."""
    words = content_facts()["calendar"]["new_locations"]["words"]
    for goal in brief.goals.business_goals:
        text = goal.description.strip().rstrip(".")
        for w in sorted(words, key=len, reverse=True):
            m = re.search(r"((?:\b\w+\s){0,2})" + re.escape(w) + r"\b", text, re.IGNORECASE)
            if m:
                return (m.group(1) + text[m.end(1):m.end()]).strip()
    return ""


def new_shops_goal(brief: Brief) -> str | None:
    """The business goal that names the new shops (its description), None if none does."""
    shops = new_shops_phrase(brief)
    return next((g.description for g in brief.goals.business_goals
                 if shops and shops.casefold() in g.description.casefold()), None)


def new_shops(brief: Brief) -> int:
    """How many new shops the goal names (a digit or a number word), else one."""
    words = content_facts()["calendar"]["new_locations"]["number_words"]
    for token in re.findall(r"\w+", new_shops_phrase(brief).lower()):
        if token.isdigit():
            return max(1, int(token))
        if token in words:
            return int(words[token])
    return 1


def opening_date(brief: Brief) -> dt.date | None:
    """The date of the new shops' "meet us" post (the plan's third week; the brief dates no
    opening), None when no goal is about new shops."""
    if not new_shops_phrase(brief):
        return None
    p = brief.client.period
    return min(p.start + dt.timedelta(days=13), p.end)


def new_shop_ideas(brief: Brief, tr: Translator) -> list:
    """The opening post and the monthly local posts (module docstring) as dated ideas."""
    from babel.dates import format_date

    from .idea_model import Idea, copy_register

    shops = new_shops_phrase(brief)
    if not shops:
        return []
    reg = copy_register(brief)
    phrase, shops = shops, shops[:1].upper() + shops[1:]  # it opens the post's topic
    p = brief.client.period
    day = int(content_facts()["calendar"]["new_locations"]["local_day"])
    book = playbook(brief.client.sector_kind).get("new_locations", {})

    def text(key: str, **values: object) -> str:  # the sector's words, else the generic
        if key in book:
            return tr.text(book[key], reg, **values)
        return apply_register(tr.t(f"ideas.new_shops_{key}", **values), reg)

    out = [Idea("community", text("open_topic", shops=shops),
                text("open_hook", brand=brief.client.name), "visit",
                moment=tr.t("ideas.new_shops_open_moment", shops=phrase),  # after a colon
                date=opening_date(brief).isoformat(), lead_days=13,
                posts=1, goal=True)]
    for first in p.month_starts[1:]:
        month = format_date(first, "MMMM", locale=tr.locale)
        when = min(first + dt.timedelta(days=day - 1), p.end)
        out.append(Idea("community", apply_register(tr.t(
            "ideas.new_shops_local_topic", shops=shops, month=month), reg),
            text("local_hook"), "visit",
            moment=tr.t("ideas.new_shops_local_moment", month=month),
            date=when.isoformat(), lead_days=6, posts=1, goal=True))
    return out
