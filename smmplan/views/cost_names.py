"""The costs of a lead the paid chapter quotes, named side by side when they are nearly
equal: the average (conversion spend over leads, ``conversion_cost.conversion_only``, the
plan's one cost per lead), the last leads the planned budget buys (``Paid.marginal_cpa``)
and the budget table's steps (``Paid.sweep``). Different measures, not different
estimates of one: a CFO reading "$376.07" beside "$378.52" and "$379.00" is told what
each is and why they are so close."""

from __future__ import annotations

from ..goal_gap import LEAD_KINDS
from ..plan import Plan

CLOSE = 0.05  # the table's steps within 5% of each other: the costs are "nearly equal"


def cost_names_note(plan: Plan) -> str:
    """The sentence ("" when the conversion costs are not nearly equal, or the forecast
    carries no awareness spend, or there is no last-lead cost)."""
    tr, paid, costs = plan.tr, plan.paid, plan.conversion_only
    if not costs or not costs["with_awareness"] or not paid.marginal_cpa \
            or not paid.break_even_cpa or paid.conversion not in LEAD_KINDS:
        return ""
    bound = (paid.seats or {}).get("free_paid") or float("inf")  # a step the cap stops
    steps = [r["marginal_cpa"] for r in paid.sweep or [] if r.get("marginal_cpa")
             and r["marginal_cpa"] < paid.break_even_cpa and r["conversions"] < bound - 0.5]
    every = [*steps, costs["average"], paid.marginal_cpa]
    if len(steps) < 2 or max(every) > min(every) * (1 + CLOSE):
        return ""
    held = (paid.held_back or {}).get("marginal_cpa")  # the held-back budget's, shown too
    return tr.t("budget.cost_names_held" if held else "budget.cost_names",
                average=tr.money(costs["average"], 2), last=tr.money(paid.marginal_cpa, 2),
                low=tr.money(min(steps), 2), high=tr.money(max(steps), 2),
                held=tr.money(held, 2) if held else "")
