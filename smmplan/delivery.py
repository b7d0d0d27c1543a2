"""What was delivered against the plan, for the tracking report: posts published against
the calendar by platform, format and pillar; follower growth per platform; the change of a
rate split into mix (what was posted) and rate (how each kind performed); the paid lines
against their forecast and break-even."""

from __future__ import annotations

import pandas as pd

from .catalogue import tracking_rules as rules
from .history_target import calendar_format
from .metrics import RANKING_KPI, by_group, frame_metric, post_metrics
from .plan import Plan


def extra_column(table: pd.DataFrame, key: str, mapped: dict[str, str]) -> str | None:
    """A post-export column the post reader does not keep (link clicks, pillar): the
    brief's map, else the exact names of data/tracking.yaml."""
    if key in mapped and mapped[key] in table.columns:
        return mapped[key]
    lowered = {str(c).strip().lower(): c for c in reversed(list(table.columns))}
    return next((lowered[n] for n in rules()["columns"][key] if n in lowered), None)


def follower_growth(posts: pd.DataFrame) -> list[dict]:
    """Per platform: followers on the first and last dated post, growth (%) and the
    equivalent monthly growth (%, compounded over 30.44-day months)."""
    if "followers" not in posts or "date" not in posts:
        return []
    rows = []
    dated = posts.dropna(subset=["date", "followers"]).sort_values("date", kind="stable")
    for platform, group in dated.groupby("platform", sort=True):
        first, last = group.iloc[0], group.iloc[-1]
        if len(group) < 2 or first["followers"] <= 0:
            continue
        days = max(1, (last["date"] - first["date"]).days)
        growth = last["followers"] / first["followers"] - 1
        rows.append({"platform": platform, "start": float(first["followers"]),
                     "end": float(last["followers"]), "growth": growth * 100,
                     "monthly": ((1 + growth) ** (30.44 / days) - 1) * 100})
    return rows


def audience_growth(posts: pd.DataFrame) -> float | None:
    """Monthly growth (%) of the followers summed over platforms, each platform's first
    and last dated figure (``follower_growth``), compounded over the period's span: a
    figure that does not mix one platform's count with another's."""
    rows = follower_growth(posts)
    if not rows:
        return None
    dated = posts.dropna(subset=["date"])
    days = max(1, (dated["date"].max() - dated["date"].min()).days)
    growth = sum(r["end"] for r in rows) / sum(r["start"] for r in rows) - 1
    return ((1 + growth) ** (30.44 / days) - 1) * 100


def decompose(before: pd.DataFrame, after: pd.DataFrame, by: str,
              kpi: str = RANKING_KPI) -> dict:
    """The change of a post KPI between two post sets split into mix (what was posted) and
    rate (how each kind performed): with w the weight of a group (its share of posts for a
    mean of posts, of the denominator for a ratio of sums) and r its rate,
    Δ = Σ (w1 − w0) r0 [mix] + Σ w1 (r1 − r0) [rate], a group absent on one side counting
    wholly as mix. The terms add up to the change exactly."""
    d = post_metrics()[kpi]

    def weights(posts: pd.DataFrame) -> pd.Series:
        if d["aggregate"] == "mean_of_posts":
            ok = posts[posts[d["denominator"]] > 0] if d["denominator"] in posts else posts
            size = ok.groupby(by).size().astype(float)
        else:
            size = posts.groupby(by)[d["denominator"]].sum().astype(float)
        return size / size.sum()

    w0, w1 = weights(before), weights(after)
    r0 = by_group(before, by, kpi).set_index(by)["rate"]
    r1 = by_group(after, by, kpi).set_index(by)["rate"]
    rows = []
    for name in sorted(set(w0.index) | set(w1.index)):
        a0, a1 = float(w0.get(name, 0.0)), float(w1.get(name, 0.0))
        b0, b1 = r0.get(name), r1.get(name)
        if b0 is not None and b1 is not None and not (pd.isna(b0) or pd.isna(b1)):
            mix, rate = (a1 - a0) * b0, a1 * (b1 - b0)
        else:
            mix, rate = a1 * (b1 if b1 is not None and not pd.isna(b1) else 0.0) - \
                a0 * (b0 if b0 is not None and not pd.isna(b0) else 0.0), 0.0
        rows.append({by: name, "share_before": a0 * 100, "share_after": a1 * 100,
                     "rate_before": None if b0 is None or pd.isna(b0) else float(b0),
                     "rate_after": None if b1 is None or pd.isna(b1) else float(b1),
                     "mix": mix, "rate": rate})
    base, actual = frame_metric(before, kpi), frame_metric(after, kpi)
    return {"kpi": kpi, "by": by, "baseline": base, "actual": actual,
            "change": None if base is None or actual is None else actual - base,
            "mix": sum(r["mix"] for r in rows), "rate": sum(r["rate"] for r in rows),
            "groups": rows}


def _gap_rows(scheduled: pd.Series, published: pd.Series, key: str) -> list[dict]:
    names = sorted(set(scheduled.index) | set(published.index))
    return [{key: n, "scheduled": int(scheduled.get(n, 0)),
             "published": int(published.get(n, 0)),
             "gap": int(published.get(n, 0)) - int(scheduled.get(n, 0))} for n in names]


def delivery(slots: pd.DataFrame, posts: pd.DataFrame | None,
             pillars: pd.Series | None) -> dict:
    """Posts published against scheduled (the calendar's slots of the months covered) per
    platform, format (export post types mapped to the calendar's formats), platform and
    format, pillar (when the export has one) and sponsored posts."""
    posts = posts if posts is not None else pd.DataFrame(
        columns=["platform", "content_type"])
    fmt = pd.Series([calendar_format(p, t) for p, t in zip(posts["platform"],
                                                           posts["content_type"], strict=True)],
                    index=posts.index, dtype=object)
    out = {"scheduled": len(slots), "published": len(posts),
           "platform": _gap_rows(slots.groupby("platform").size(),
                                 posts.groupby("platform").size(), "platform"),
           "format": _gap_rows(slots.groupby("format").size(),
                               fmt.groupby(fmt).size(), "format")}
    pairs = slots.groupby(["platform", "format"]).size()
    done = posts.assign(format=fmt).groupby(["platform", "format"]).size()
    out["platform_format"] = [{"platform": p, "format": f, **row} for (p, f), row in (
        (k, {"scheduled": int(pairs.get(k, 0)), "published": int(done.get(k, 0)),
              "gap": int(done.get(k, 0)) - int(pairs.get(k, 0))})
         for k in sorted(set(pairs.index) | set(done.index)))]
    out["pillar"] = None if pillars is None else _gap_rows(
        slots.groupby("pillar").size(),
        pillars.astype(str).str.strip().str.lower().value_counts(), "pillar")
    out["sponsored"] = {"scheduled": int(slots["sponsored"].sum()),
                        "published": int(posts["paid"].fillna(False).astype(bool).sum())
                        if "paid" in posts else None}
    return out


def paid_lines(plan: Plan, ads: pd.DataFrame, months: list[str]) -> dict:
    """Spend, conversions, revenue, CPA and ROAS per platform against the plan's forecast
    for the months covered, each line's marginal cost per conversion and whether to scale,
    cut or stop it. Marginal CPA = the line's CPA × the plan's marginal-to-average CPA
    ratio at its planned budget (``Paid.marginal_cpa``: the response curve's shape)."""
    paid = plan.paid
    planned = pd.DataFrame(paid.monthly)
    planned = planned[planned["month"].isin(months)] if len(planned) else planned
    per = planned.groupby("platform")[["spend", "conversions", "revenue"]].sum() \
        if len(planned) else pd.DataFrame(columns=["spend", "conversions", "revenue"])
    conversions = sum(c.conversions for c in paid.channels)
    curvature = None
    if paid.marginal_cpa and conversions:
        curvature = paid.marginal_cpa / (paid.conversion_budget / conversions)
    actual = ads.groupby("platform")[[c for c in ("spend", "conversions", "revenue")
                                      if c in ads]].sum()
    has_revenue = "revenue" in ads
    lines = []
    for platform in sorted(set(actual.index) | set(per.index)):
        a = actual.loc[platform] if platform in actual.index else None
        p = per.loc[platform] if platform in per.index else None
        spend = float(a["spend"]) if a is not None else 0.0
        conv = float(a["conversions"]) if a is not None else 0.0
        rev = float(a["revenue"]) if a is not None and has_revenue else None
        cpa = spend / conv if conv else None
        marginal = cpa * curvature if cpa is not None and curvature else None
        be = paid.break_even_cpa
        if spend and not conv:
            action = "stop"
        elif be is None or cpa is None:
            action = None
        elif cpa > be:
            action = "stop"
        elif marginal is not None and marginal > be:
            action = "cut"
        else:
            action = "scale"
        lines.append({
            "platform": platform, "spend": spend,
            "planned_spend": float(p["spend"]) if p is not None else 0.0,
            "conversions": conv,
            "planned_conversions": float(p["conversions"]) if p is not None else 0.0,
            "revenue": rev, "planned_revenue": float(p["revenue"]) if p is not None else 0.0,
            "cpa": cpa, "marginal_cpa": marginal, "break_even_cpa": be,
            "roas": rev / spend if rev is not None and spend else None,
            "planned_roas": float(p["revenue"] / p["spend"]) if p is not None and p["spend"]
            else None, "action": action if spend else None})
    total = {k: sum(line[k] or 0.0 for line in lines) for k in (
        "spend", "planned_spend", "conversions", "planned_conversions", "planned_revenue")}
    total["revenue"] = sum(line["revenue"] for line in lines if line["revenue"] is not None) \
        if has_revenue else None
    total["roas"] = total["revenue"] / total["spend"] if has_revenue and total["spend"] \
        else None
    total["planned_roas"] = total["planned_revenue"] / total["planned_spend"] \
        if total["planned_spend"] else None
    total["cpa"] = total["spend"] / total["conversions"] if total["conversions"] else None
    return {"lines": lines, "total": total, "curvature": curvature,
            "break_even_cpa": paid.break_even_cpa}
