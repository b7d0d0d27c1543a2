"""Chapter 3's follower forecast (``follower_forecast``): after the pace sentence of a
follower goal, what the plan's posts and paid reach bring on the platform, and either the
forecast at the client's own follow rate or the rate the goal needs."""

from __future__ import annotations

from ..follower_forecast import follower_forecast
from ..plan import Plan
from .base import platform_label
from .history_note import pace_checkpoint


def follower_notes(plan: Plan, objective) -> list[str]:
    """One sentence for a follower goal the post export lets the plan forecast; []
    otherwise."""
    f = follower_forecast(plan, objective)
    if f is None:
        return []
    tr = plan.tr
    values = {"platform": platform_label(f["platform"]), "posts": tr.number(f["posts"]),
              "per_post": tr.number(f["per_post"]), "organic": tr.number(f["organic"]),
              "paid": tr.t("objectives.followers_paid", paid=tr.number(f["paid"]))
              if f["paid"] >= 1 else "", "total": tr.number(f["total"]),
              "baseline": tr.number(f["baseline"]), "target": tr.number(f["target"]),
              "need": tr.number(f["need"]), "one_in": tr.number(f["one_in"]),
              "needed": tr.percent(f["needed_rate"] * 100, 1)}
    reach = tr.t("objectives.followers_reach", **values)
    if f["rate"] is None:
        return [reach + " " + tr.t("objectives.followers_needed", **values)
                + pace_checkpoint(plan, objective)]  # the convention's first checkpoint
    return [reach + " " + tr.t(
        "objectives.followers_forecast" + ("" if f["reached"] else "_short"), **values,
        rate=tr.percent(f["rate"] * 100, 2), gained=tr.number(f["gained"]),
        forecast=tr.number(f["forecast"]))]
