"""A follower goal on one platform judged against what the plan buys there, not only
against a monthly pace: the calendar's own posts on the platform (stories aside) at the
client's median reach per post there (its post export), plus the people the paid forecast
reaches there. With a follows column in the export (follows each post brought), the
client's follow rate (follows over reach) turns that reach into a follower forecast;
without one, the rate the goal needs is said instead (no published follow rate is used:
none we hold is measured on a comparable base)."""

from __future__ import annotations

import math

from .exports.posts import read_posts


def follower_forecast(plan, objective) -> dict | None:
    """{platform, posts, per_post, organic, paid, total, baseline, target, need,
    needed_rate (follows per person reached the goal needs), rate (the client's, or None),
    gained, forecast, reached} for a follower-count objective on a platform whose reach per
    post the post export measures; None otherwise."""
    o = objective
    if o.kpi != "followers" or not o.platform or o.baseline.value is None or o.target is None:
        return None
    posts = read_posts(plan.brief)
    if posts is None or "reach" not in posts:
        return None
    mine = posts[(posts["platform"] == o.platform) & (posts["reach"] > 0)]
    if mine.empty:
        return None
    per_post = float(mine["reach"].median())
    count = sum(1 for s in plan.channels.slots
                if s.platform == o.platform and not s.ad_only and s.format != "story")
    paid = sum(c.reach for c in plan.paid.channels if c.platform == o.platform)
    organic = count * per_post
    total = organic + paid
    need = float(o.target) - float(o.baseline.value)
    if total <= 0 or need <= 0:
        return None
    rate = None
    if "follows" in mine and mine["follows"].notna().any():
        seen = mine[mine["follows"].notna()]
        rate = float(seen["follows"].sum() / seen["reach"].sum()) if seen["reach"].sum() else None
    gained = rate * total if rate is not None else None
    forecast = float(o.baseline.value) + gained if gained is not None else None
    return {"platform": o.platform, "posts": count, "per_post": per_post,
            "organic": organic, "paid": float(paid), "total": total,
            "baseline": float(o.baseline.value), "target": float(o.target), "need": need,
            "needed_rate": need / total, "one_in": max(1, math.floor(total / need)),
            "rate": rate, "gained": gained, "forecast": forecast,
            "reached": forecast >= float(o.target) if forecast is not None else None}
