"""Today's organic leads follow the posting the plan keeps: where the client's own data
says which platform brings its results (``Channels.acquired_from``, the web analytics'
conversions by platform, counting the leads goal's own event), each platform's share of
today's organic leads moves with its own posts a week against today's (its brand page's
feed posts, counted as today's are: posts from people's own profiles, stories and ads run
off the feed come on top and are not counted), never above today's (more posts are not
counted as more leads until a month measures them). A platform the plan drops keeps none
of its share; one with no posting today keeps all of it."""

from __future__ import annotations

from dataclasses import replace

from .objectives import Objectives
from .posts_week import calendar_posts_per_week

KPIS = ("leads_per_month",)  # the goals whose organic part the shares measure


def posting_factor(channels, weeks: float) -> dict | None:
    """{factor (the share of today's organic leads the plan's posting keeps), platforms:
    {platform: {share (%), today, plan (posts a week), kept (0..1)}}}; None without a
    platform whose share and today's posting are known. The plan's posts a week on a
    platform are counted as today's are, its brand page's feed posts
    (``posts_week.calendar_posts_per_week`` over ``weeks``: no story, no ad run off the
    feed, no post from a person's own profile); a platform with a share of the results
    and no posting today keeps its share whole (its results do not follow posts)."""
    rows = {}
    for c in channels.choices:
        if c.acquired is None or not c.acquired:
            continue
        if not c.current_posts_per_week:
            rows[c.platform] = {"share": float(c.acquired), "today": 0.0, "plan": None,
                                "kept": 1.0}
            continue
        mine = [s for s in channels.slots if s.platform == c.platform]
        planned = (calendar_posts_per_week(mine, weeks, False) or 0.0) if c.kept else 0.0
        rows[c.platform] = {"share": float(c.acquired), "today": float(c.current_posts_per_week),
                            "plan": round(planned, 2),
                            "kept": min(1.0, planned / float(c.current_posts_per_week))}
    total = sum(r["share"] for r in rows.values())
    if not total:
        return None
    factor = sum(r["share"] * r["kept"] for r in rows.values()) / total
    return {"factor": round(factor, 4), "platforms": rows}


def with_posting(ob: Objectives, channels, weeks: float) -> Objectives:
    """The leads goal measured on the same event as the platforms' shares gets
    ``baseline.covers["posting"]`` (``posting_factor``), which ``goal_gap.goal_gaps``
    applies to today's organic part; unchanged when nothing says where results come from."""
    src = channels.acquired_from or {}
    if src.get("basis") != "web":
        return ob
    found = posting_factor(channels, weeks)
    if found is None or found["factor"] >= 1 - 1e-9:
        return ob
    out = []
    for o in ob.objectives:
        b = o.baseline
        if o.from_brief and o.kpi in KPIS and b.value and \
                (b.covers.get("counted") or {}).get("event") == src.get("event"):
            o = replace(o, baseline=replace(b, covers=dict(b.covers, posting=found)))
        out.append(o)
    return replace(ob, objectives=out)


def kept_share(covers: dict | None) -> float:
    """The share of today's organic part the plan's posting keeps (1 when not said)."""
    return float(((covers or {}).get("posting") or {}).get("factor", 1.0))
