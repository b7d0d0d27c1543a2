"""The monthly neighbourhood boost in the calendar: after the opening campaign, the paid
chapter funds one small reach ad per new shop each month (``openings_paid.monthly_boost``;
the months are the monthly rows with ``boost``, its amount per shop). Each such month, the
month's local post about the new shops (``new_shops.new_shop_ideas``) on the campaign's
platform is the one boosted, in a format the "What to sponsor" table sponsors (``formats``:
each platform's, best first; a story or a format the table leaves out is recut to the
first, as a feed post is):

the post sponsored in the feed when the month's feed keeps within
``calendar.sponsored_feed_share`` (data/content.yaml, ``ad_only``), else an ad-only copy;
with several new shops, its note asks for one ad per shop, each cut on the part of the post
that shows its own shop and run within its own radius (the amount is per shop).

So the calendar marks as many neighbourhood ads as the paid chapter funds."""

from __future__ import annotations

import copy
import math

from .catalogue import content_facts, paid_facts


def _feed(slots: list, platform: str, month: str) -> list:
    """The month's feed posts on a platform (all but stories, no ads-only copies)."""
    families = content_facts()["calendar"]["format_families"]
    return [s for s in slots if s.platform == platform and s.date[:7] == month
            and not s.ad_only and families.get(s.format, s.format) != "story"]


def ad_format(fmt: str, allowed: list[str] | None) -> str:
    """``fmt`` when the table sponsors it (or no list is given), else the platform's first
    sponsored format."""
    return fmt if not allowed or fmt in allowed else allowed[0]


def ad_copy(post, fmt: str, recut):
    """An ad-only copy of ``post`` in ``fmt`` (``recut(copy)`` rewrites a copy whose format
    changed)."""
    ad = copy.copy(post)
    ad.sponsored = ad.ad_only = True
    if ad.format != fmt:
        ad.format = fmt
        recut(ad)
    return ad


def boost_ads(slots: list, moments: list, monthly: list[dict] | None, shops: int, tr,
              formats: dict[str, list[str]] | None = None, register: str = "vous") -> list:
    """Mark each boost month's local post (module docstring); returns the posts marked
    (sponsored feed posts and ads-only copies, the copies added to ``slots``)."""
    from .ideas import give

    rows = [r for r in monthly or [] if r.get("boost")]
    share = float(content_facts()["calendar"]["sponsored_feed_share"])
    days = int(paid_facts()["opening_campaign"]["min_days"])
    marked = []
    for r in rows:
        month = r["month"][:7]
        allowed = (formats or {}).get(r["platform"])
        local = {i.text: i for i in moments if i.goal and i.date[:7] == month}
        posts = [s for s in sorted(slots, key=lambda s: s.date)
                 if s.platform == r["platform"] and s.base_idea in local and not s.ad_only]
        post = next((s for s in posts if not allowed or s.format in allowed),
                    posts[0] if posts else None)
        if post is None:
            continue
        fmt = ad_format(post.format, allowed)
        recut = lambda ad, ideas=local: give(ad, ideas[ad.base_idea], tr, register)  # noqa: E731
        note = tr.t("budget.boost_ads" if shops > 1 else "budget.boost_ad", shops=shops,
                    amount=tr.money(r["boost"], 2), days=tr.number(days))
        feed = _feed(slots, r["platform"], month)
        room = post in feed and sum(s.sponsored for s in feed) + 1 <= math.floor(
            share * len(feed) + 1e-9)
        if post.sponsored:
            pass
        elif room and fmt == post.format:
            post.sponsored = True
        else:  # the feed keeps its organic post; the boost runs off it, the same day
            post = ad_copy(post, fmt, recut)
            slots.append(post)
        post.adaptation = f"{note} {post.adaptation}".strip()
        marked.append(post)
    slots.sort(key=lambda s: (s.date, s.time, s.platform, s.ad_only))
    return marked
