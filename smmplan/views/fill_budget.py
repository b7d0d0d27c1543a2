"""A fill-rate goal the paid forecast misses: what closes the gap. When more paid budget
still costs less than break-even a booking and would reach the goal (``GoalGap.reach``,
computed once in ``goal_gap``), that budget is offered as the client's option; otherwise
the missing bookings are left to organic posts and regulars, which the plan does not
forecast."""

from __future__ import annotations

from ..goal_gap import GoalGap
from ..plan import Plan


def fill_miss(plan: Plan, g: GoalGap, values: dict) -> str:
    """The fill-rate gap sentence (``values``: the seats' figures of ``fill_sentence``)."""
    tr, s = plan.tr, g.seats
    assert s is not None
    values = {"organic": "", "beyond": tr.t("objectives.unforecast"), "beyond_short": ""} \
        | values | {"gap": tr.number(g.gap), "gap_month": tr.number(g.gap / s.months, 1)}
    r, paid = g.reach, plan.paid
    if not r or not paid.break_even_cpa or not paid.marginal_cpa:
        return tr.t("goal_gap.fill_miss", **values)
    return tr.t("goal_gap.fill_miss_budget", **values,
                last=tr.money(paid.marginal_cpa, 2), break_even=tr.money(paid.break_even_cpa, 2),
                budget=tr.money(r["budget"]), planned=tr.money(paid.total),
                wanted=tr.number(r["conversions"]),
                basis=tr.t("goal_gap.reach_tested" if r["tested"] else "goal_gap.reach_beyond",
                           cost=tr.money(r["marginal_cpa"], 2)))
