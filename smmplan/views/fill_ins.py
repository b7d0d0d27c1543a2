"""The calendar's fill-ins ("[customer to name]", "[task to time]"): the facts a post's
template leaves to the client's team, asked for in "What we need from you" with how many
posts carry each, the first one's date and how long before its post it is due, so that no
bracket reaches the client's public page unannounced. The named customers of the reference
programme (``customer_refs.reference_needs``) are asked for there, not again here."""

from __future__ import annotations

import datetime as dt
import re

from ..customer_refs import reference_counts
from ..plan import Plan
from .base import day

FILL_IN = re.compile(r"\[[^\[\]]+\]")


def fill_ins(slots: list, covered: set[str] | frozenset = frozenset()
             ) -> list[tuple[str, int, str]]:
    """Each bracketed fill-in of the calendar's posts, with the posts that carry it and the
    first one's date, most used first (ties by first date); the posts of the ideas in
    ``covered`` (the customer reference programme's, asked for on their own) left out."""
    found: dict[str, list[str]] = {}
    for s in slots:
        if s.base_idea in covered:
            continue
        for token in dict.fromkeys(FILL_IN.findall(s.idea)):
            found.setdefault(token, []).append(s.date)
    return sorted(((t, len(d), min(d)) for t, d in found.items()),
                  key=lambda x: (-x[1], x[2]))


def fill_in_needs(plan: Plan, lead: dt.timedelta) -> list[str]:
    """The 'what we need from you' line of the calendar's fill-ins (none without any)."""
    tr = plan.tr
    covered = {i["text"] for i in plan.channels.ideas if i.get("reference")} \
        if reference_counts(plan.channels.slots, plan.channels.ideas) else set()
    items = [tr.plural("agency.need_fill_in_item", n, token=token,
                       date=day(tr, dt.date.fromisoformat(first)))
             for token, n, first in fill_ins(plan.channels.slots, covered)]
    if not items:
        return []
    return [tr.t("agency.need_fill_ins", items=tr.join(items),
                 days=tr.number(lead.days))]
