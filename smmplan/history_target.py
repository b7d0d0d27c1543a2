"""The target of a KPI read in the client's post export (reach per post, engagement rate,
comments per post) when its own monthly history does not rise (``data/targets.yaml``,
``history``, with its rationale): a growth pace is a ceiling, not a forecast, so on a flat
or falling history the target is the better of a good month of the account's own (the 75th
percentile of its monthly values; the 25th for a KPI that goes down) and what the formats
the calendar plans gave in that history (each format's own value, weighted by its share of
the calendar's feed posts), never beyond half the realistic pace; it is set again on the
measured months after the first quarter. A rising history (its monthly slope's t statistic
at least ``rising_t``, and still with any ``rising_leave_out`` months left out: a rise one
month carries is not a trend), or one too short to judge, keeps the pace rule
(``objectives.plan_objectives``)."""

from __future__ import annotations

from itertools import combinations

import numpy as np
import pandas as pd

from .catalogue import tracking_rules
from .pace_rule import pace_target
from .paths import data_yaml


def rule() -> dict:
    """data/targets.yaml ``history``: the rule's parameters."""
    return data_yaml("targets.yaml")["history"]


def calendar_format(platform: str, post_type: str) -> str:
    """The calendar format (data/content.yaml) of an export's post type on a platform
    (``formats`` of data/tracking.yaml); the type itself, lower case, when unknown."""
    key = str(post_type).strip().lower()
    table = tracking_rules()["formats"]
    return table.get(platform, {}).get(key) or table["any"].get(key) or key


def slope_t(values: list[float], at: list[float] | None = None) -> float:
    """The t statistic of the least-squares slope of ``values`` over their months (``at``:
    each value's month number, so that a month left out leaves its gap; default 0, 1, ...; 0 when
    it cannot be computed: fewer than 3 values, or a perfectly flat series)."""
    y = np.asarray(values, dtype=float)
    n = len(y)
    if n < 3:
        return 0.0
    x = np.arange(n, dtype=float) if at is None else np.asarray(at, dtype=float)
    sxx = float(((x - x.mean()) ** 2).sum())
    slope = float(((x - x.mean()) * (y - y.mean())).sum()) / sxx
    residual = y - (y.mean() + slope * (x - x.mean()))
    se = (float((residual ** 2).sum()) / (n - 2) / sxx) ** 0.5
    if se == 0:
        return 0.0 if slope == 0 else float(np.sign(slope)) * float("inf")
    return slope / se


def rise_t(values: list[float], up: bool = True, at: list[float] | None = None
           ) -> tuple[float, int | None]:
    """The history's rise in the KPI's good direction: the smallest slope t statistic (sign
    turned for a KPI that goes down) with any ``rising_leave_out`` months left out (the
    others keep their months, ``at``), and the index of the month whose removal gives it
    when leaving it out is what breaks a rise of the whole series (else None)."""
    sign = 1.0 if up else -1.0
    at = list(range(len(values))) if at is None else list(at)
    whole = sign * slope_t(values, at)
    k = int(rule().get("rising_leave_out", 0))
    if k <= 0 or len(values) - k < 3:
        return whole, None
    tried = [(sign * slope_t([v for i, v in enumerate(values) if i not in out],
                             [m for i, m in enumerate(at) if i not in out]), out)
             for out in combinations(range(len(values)), k)]
    low, out = min(tried, key=lambda x: x[0])
    carried = out[0] if whole >= rule()["rising_t"] > low and k == 1 else None
    return min(whole, low), carried


def format_values(posts: pd.DataFrame, kpi: str, kpis) -> dict[str, float]:
    """The KPI on each calendar format's own posts of the history (``kpis``: the post KPIs
    of a frame, ``objectives.post_kpis``), for formats with ``min_format_posts`` posts."""
    if "content_type" not in posts or "platform" not in posts:
        return {}
    fmt = [calendar_format(p, t) for p, t in zip(posts["platform"], posts["content_type"],
                                                  strict=True)]
    out = {}
    for name, rows in posts.groupby(pd.Series(fmt, index=posts.index), sort=True):
        if len(rows) >= rule()["min_format_posts"]:
            value = kpis(rows).get(kpi)
            if value is not None and np.isfinite(value):
                out[str(name)] = float(value)
    return out


def calendar_mix(slots, start: str, end: str) -> dict[str, float]:
    """Each format's share of the calendar's feed posts over the plan's period (ads-only
    creatives, off the feed, left out)."""
    counts: dict[str, int] = {}
    for s in slots:
        if start <= s.date <= end and not getattr(s, "ad_only", False):
            counts[s.format] = counts.get(s.format, 0) + 1
    total = sum(counts.values())
    return {f: n / total for f, n in sorted(counts.items())} if total else {}


def mix_value(values: dict[str, float], mix: dict[str, float]) -> tuple[float | None, float]:
    """The calendar mix at the history's own format values: each priced format weighted by
    its calendar share, over the priced share; None when the priced formats are less than
    ``min_mix_share`` of the calendar. Returns (value, priced share)."""
    priced = {f: s for f, s in mix.items() if f in values}
    share = sum(priced.values())
    if not priced or share < rule()["min_mix_share"]:
        return None, share
    return sum(values[f] * s for f, s in priced.items()) / share, share


def history_target(base: float | None, by_month: list[float], direction: str, pace: float,
                   months: int, values: dict[str, float] | None = None,
                   mix: dict[str, float] | None = None,
                   labels: list[str] | None = None) -> dict | None:
    """The rule's target for a KPI of baseline ``base`` with monthly history ``by_month``
    (``labels``: their months, "2026-10", so that a month without posts leaves its gap;
    ``pace``: the KPI's realistic monthly change, a fraction; ``months``: the horizon), or
    None when the pace rule applies (too few months, or a rising history). The dict holds
    the value and what it rests on (for the plan's sentence)."""
    r = rule()
    if base is None or len(by_month) < r["min_months"]:
        return None
    up = direction == "up"
    at = [int(m[:4]) * 12 + int(m[5:7]) for m in labels] if labels else None
    t = slope_t(by_month, at)
    rise, carried = rise_t(by_month, up, at)
    if rise >= r["rising_t"]:
        return None
    good = float(np.percentile(by_month, r["percentile"] if up else 100 - r["percentile"]))
    mixed, share = mix_value(values or {}, mix or {})
    candidates = [good] + ([mixed] if mixed is not None else [])
    value = max(candidates + [base]) if up else min(candidates + [base])
    half = pace_target(base, pace, months, direction)
    value = min(value, half) if up else max(value, half)
    return {"value": round(value, 4), "good": round(good, 4),
            "mix": None if mixed is None else round(mixed, 4), "mix_share": round(share, 4),
            "months": len(by_month), "low": round(float(min(by_month)), 4),
            "high": round(float(max(by_month)), 4), "t": round(float(t), 2),
            "percentile": r["percentile"] if up else 100 - r["percentile"],
            "checkpoint": r["checkpoint_month"], "capped": abs(value - half) < 1e-9,
            "carried": None if carried is None else round(float(by_month[carried]), 4),
            "carried_month": labels[carried] if carried is not None and labels else None}
