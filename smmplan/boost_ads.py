"""The monthly neighbourhood boost in the calendar: after the opening campaign, the paid
chapter funds one small reach ad per new shop each month (``openings_paid.monthly_boost``;
the months are the monthly rows with ``boost``, its amount per shop). Each such month, the
month's local post about the new shops (``new_shops.new_shop_ideas``) on the campaign's
platform is the boosted one: sponsored in the feed when the month's feed keeps within
``calendar.sponsored_feed_share`` (data/content.yaml, ``ad_only``), else run as an ad-only
copy of it; its note says the radius, the amount per shop and the days. So the calendar
marks as many neighbourhood ads as the paid chapter funds."""

from __future__ import annotations

import copy
import math

from .catalogue import content_facts, paid_facts


def _feed(slots: list, platform: str, month: str) -> list:
    """The month's feed posts on a platform (all but stories, no ads-only copies)."""
    families = content_facts()["calendar"]["format_families"]
    return [s for s in slots if s.platform == platform and s.date[:7] == month
            and not s.ad_only and families.get(s.format, s.format) != "story"]


def boost_ads(slots: list, moments: list, monthly: list[dict] | None, shops: int, tr) -> list:
    """Mark each boost month's local post (module docstring); returns the posts marked
    (sponsored feed posts and ads-only copies, the copies added to ``slots``)."""
    rows = [r for r in monthly or [] if r.get("boost")]
    share = float(content_facts()["calendar"]["sponsored_feed_share"])
    days = int(paid_facts()["opening_campaign"]["min_days"])
    marked = []
    for r in rows:
        month = r["month"][:7]
        local = {i.text for i in moments if i.goal and i.date[:7] == month}
        post = next((s for s in sorted(slots, key=lambda s: s.date)
                     if s.platform == r["platform"] and s.base_idea in local
                     and not s.ad_only), None)
        if post is None:
            continue
        note = tr.t("budget.boost_ads" if shops > 1 else "budget.boost_ad", shops=shops,
                    amount=tr.money(r["boost"], 2), days=tr.number(days))
        feed = _feed(slots, r["platform"], month)
        room = post in feed and sum(s.sponsored for s in feed) + 1 <= math.floor(
            share * len(feed) + 1e-9)
        if post.sponsored:
            pass
        elif room or post not in feed:  # a story is boosted as it is: it is no feed post
            post.sponsored = True
        else:  # the feed keeps its organic post; the boost runs off it, the same day
            post = copy.copy(post)
            post.sponsored = post.ad_only = True
            slots.append(post)
        post.adaptation = f"{note} {post.adaptation}".strip()
        marked.append(post)
    slots.sort(key=lambda s: (s.date, s.time, s.platform, s.ad_only))
    return marked
