"""The calendar's sentence on the weekly delivery-promise posts (``peak_delivery``): the
brief's own words on its peak-season delivery weakness, quoted, and the pinned posts the
calendar carries for it (how many, on which platforms, from and to which date)."""

from __future__ import annotations

import datetime as dt

from ..peak_delivery import cutoffs, peak_weakness
from ..plan import Plan
from .base import day, platform_label


def promise_note(plan: Plan) -> list[str]:
    """[] when the brief names no peak delivery weakness or no post carries a promise."""
    tr = plan.tr
    quoted = peak_weakness(plan.brief)
    moment = tr.t("ideas.delivery_promise.moment")
    posts = sorted((s for s in plan.channels.slots if s.moment == moment and not s.ad_only),
                   key=lambda s: s.date)
    if quoted is None or not posts:
        return []
    return [tr.t("channels.delivery_promise", evidence=quoted.strip().rstrip("."),
                 posts=tr.plural("plural.posts", len(posts)),
                 platforms=tr.join([platform_label(p)
                                    for p in dict.fromkeys(s.platform for s in posts)]),
                 first=day(tr, dt.date.fromisoformat(posts[0].date)),
                 last=day(tr, min(c for c, _ in cutoffs(plan.brief)
                                  if c.isoformat() >= posts[-1].date)))]
