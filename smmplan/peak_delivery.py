"""Weekly delivery-promise posts through the peak (``data/peak_delivery.yaml``): when the
brief names a delivery or service weakness in peak season (a sentence of its weaknesses,
threats or problem evidence with a delivery word and a peak word), the calendar carries a
pinned post each week, on each platform that pins a photo, carousel or text post, from
``weeks`` weeks before the sector's order cut-off (the Christmas delivery cut-off, a
``closed_after`` date of ``data/sectors/<kind>.yaml``) up to the cut-off itself: what this
week's orders take to arrive, the last day to order, where to ask about a late parcel.
Dated ideas (key moments of their week), one post per platform; never sponsored (their
call to action does not sell)."""

from __future__ import annotations

import datetime as dt
import re

from .brief import Brief
from .i18n import Translator, apply_register
from .idea_model import Idea, copy_register
from .paths import data_yaml
from .sectors import sector_dates


def facts() -> dict:
    """data/peak_delivery.yaml."""
    return data_yaml("peak_delivery.yaml")


def _has(text: str, terms: list[str]) -> bool:
    """Whether ``text`` holds one of ``terms``: a whole word, or a word's start for a term
    ending in ``*`` (data/peak_delivery.yaml)."""
    return any(re.search(rf"(?<!\w){re.escape(t.rstrip('*'))}"
                         + ("" if t.endswith("*") else r"(?!\w)"), text, re.I) for t in terms)


def delivers(brief: Brief) -> bool:
    """Whether the brief speaks of delivering orders (its offer or its situation): a shop
    that does not deliver gets no delivery complaint to log."""
    return _has(brief.model_dump_json(include={"offer", "situation"}),
                facts()["terms"]["delivery"])


def peak_weakness(brief: Brief) -> str | None:
    """The brief's first sentence naming a delivery weakness in peak season, else None."""
    s, terms = brief.situation, facts()["terms"]
    texts = [*s.weaknesses, *s.threats,
             *(p.evidence for _, p in s.problems if p.evidence)]
    return next((t for t in texts if _has(t, terms["delivery"]) and _has(t, terms["peak"])),
                None)


def cutoffs(brief: Brief) -> list[tuple[dt.date, dict]]:
    """The sector's order cut-offs in the plan (a date with ``closed_after``): (last day to
    order, its sector entry)."""
    c = brief.client
    return [(d["date"] - dt.timedelta(days=int(d["entry"].get("order_by_days") or 0)),
             d["entry"])
            for d in sector_dates(c.sector_kind, c.country, c.period.start, c.period.end)
            if d["entry"].get("closed_after")]


def promise_ideas(brief: Brief, tr: Translator) -> list[Idea]:
    """One dated idea a week (module docstring) for each cut-off, [] without a peak
    delivery weakness in the brief."""
    if peak_weakness(brief) is None:
        return []
    f, reg, start = facts(), copy_register(brief), brief.client.period.start
    out = []
    for cutoff, entry in cutoffs(brief):
        monday = cutoff - dt.timedelta(days=cutoff.weekday())
        for k in range(int(f["weeks"]) - 1, -1, -1):
            first = max(monday - dt.timedelta(weeks=k), start)
            last = min(first + dt.timedelta(days=6 - first.weekday()), cutoff)
            if last < first:
                continue
            # early in its week (Monday to Wednesday): the week's promise before most of
            # the week's orders
            when = min(first + dt.timedelta(days=2), last)
            words = {"week": tr.weekday_date(first), "deadline": tr.weekday_date(cutoff),
                     "moment": tr.text(entry["name"], reg)}
            out.append(Idea(f["pillar"],
                            apply_register(tr.t("ideas.delivery_promise.topic", **words), reg),
                            apply_register(tr.t("ideas.delivery_promise.hook", **words), reg),
                            f["cta"], moment=tr.t("ideas.delivery_promise.moment"),
                            date=when.isoformat(), lead_days=(when - first).days, posts=1,
                            formats=list(f["formats"]),  # the cut-off's day: before its hour
                            order_by_days=0 if when == cutoff else None))
    return out
