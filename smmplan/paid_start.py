"""The day the plan's first conversion ad runs, worked out once for every sentence that
speaks of it (the paid chapter's set-up rule, the neighbourhood campaign's "only paid spend
before", the conversion-tag ask, the roll-out table).

It is the first paid month's first day, or earlier when a sponsored post sells that month
ahead: a month's sessions announced the week before it, paid from that month's budget
(``channels.sponsor_slots`` books it there).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .plan import Plan


def first_conversion_ad(plan: Plan, platform: str | None = None) -> dict | None:
    """{day (ISO date), month (the paid month it is paid from, ISO first day), ahead (True
    when a sponsored post sells that month before it starts), platform (the ad's, or None
    when it is the month's first day)} for the plan's first conversion ad (on ``platform``
    when given), or None when the plan has no paid month."""
    months = plan.paid.paid_months
    if not months:
        return None
    first = months[0]
    sells = {i["text"]: i["sells"] for i in plan.channels.ideas if i.get("sells")}
    early = sorted((s for s in plan.channels.slots if s.sponsored and s.date < first
                    and sells.get(s.base_idea, "") >= first[:7]
                    and platform in (None, s.platform)), key=lambda s: s.date)
    if not early:
        return {"day": first[:10], "month": first[:10], "ahead": False, "platform": None}
    sold = sells[early[0].base_idea][:7]
    month = next((m for m in months if m[:7] == sold), first)
    return {"day": early[0].date[:10], "month": month[:10], "ahead": True,
            "platform": early[0].platform}
