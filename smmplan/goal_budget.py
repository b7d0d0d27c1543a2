"""The paid budget that would reach a goal the plan's budget falls short of, read from the
budget sweep (``Paid.sweep``, the budget chapter's "what more budget would bring" table):
the whole paid budget whose conversions reach the goal's, while the last conversion still
costs less than break-even. Computed once here (``goal_gap.goal_gaps`` keeps it on the goal)
and shown from there."""

from __future__ import annotations

import math

BEYOND = 1.5  # at most this multiple of the highest tested budget, read past the table at
# the cost of its last step (the marginal cost rises: the figure is a floor, said "about")


def rounded_up(budget: float) -> float:
    """A budget offered to the client, rounded up (to 100 from 1,000, else to 10)."""
    step = 100 if budget >= 1000 else 10
    return float(math.ceil(budget / step - 1e-9) * step)


def budget_to_reach(sweep: list[dict], conversions: float, break_even: float | None,
                    cap: float | None = None) -> dict | None:
    """The whole paid budget whose conversions reach ``conversions``, from the sweep's rows
    (interpolated between two tested budgets, or past the highest one at the cost of its
    last step, up to ``BEYOND`` times it): {budget (rounded up), conversions, marginal_cpa
    (the last conversions' cost there), tested (within the table)}. None without a
    break-even, when the conversions pass ``cap`` (the free seats paid can fill), or when the
    last conversions would cost break-even or more: more budget would not pay."""
    rows = [r for r in sweep if r.get("conversions") is not None]
    if not rows or not break_even or conversions <= 0:
        return None
    if cap is not None and conversions > cap * 0.999:
        return None
    for lo, hi in zip(rows, rows[1:], strict=False):
        if lo["conversions"] < conversions <= hi["conversions"]:
            cost = hi.get("marginal_cpa")
            if not cost or cost >= break_even:
                return None
            t = (conversions - lo["conversions"]) / (hi["conversions"] - lo["conversions"])
            return {"budget": rounded_up(lo["budget"] + t * (hi["budget"] - lo["budget"])),
                    "conversions": conversions, "marginal_cpa": cost, "tested": True}
    top = rows[-1]
    cost = top.get("marginal_cpa")
    if conversions <= top["conversions"] or not cost or cost >= break_even \
            or not top.get("conversion_budget"):
        return None  # reached at the lowest level already, or nothing to read past the table
    whole = top["budget"] / top["conversion_budget"]  # the awareness share kept, as the sweep
    budget = top["budget"] + (conversions - top["conversions"]) * cost * whole
    if budget > top["budget"] * BEYOND:
        return None
    return {"budget": rounded_up(budget), "conversions": conversions, "marginal_cpa": cost,
            "tested": False}
