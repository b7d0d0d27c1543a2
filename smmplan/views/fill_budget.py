"""A fill-rate goal the paid forecast misses: what closes the gap. When more paid budget
still costs less than break-even a booking and would reach the goal (``GoalGap.reach``,
computed once in ``goal_gap``), that budget is offered as the client's option once the
client's own conversion rate is measured (before that, the sentence says what the first
campaign month's checkpoint decides, and proposes no budget); otherwise
the missing bookings are left to organic posts and regulars, which the plan does not
forecast."""

from __future__ import annotations

import datetime as dt

from ..goal_gap import GoalGap, rates_measured
from ..plan import Plan
from .base import day, month_year
from .history_note import checkpoint_day


def fill_miss(plan: Plan, g: GoalGap, values: dict) -> str:
    """The fill-rate gap sentence (``values``: the seats' figures of ``fill_sentence``)."""
    tr, s = plan.tr, g.seats
    assert s is not None
    values = {"organic": "", "beyond": tr.t("objectives.unforecast"), "beyond_short": ""} \
        | values | {"gap": tr.number(g.gap), "gap_month": tr.number(g.gap / s.months, 1)}
    r, paid = g.reach, plan.paid
    if not r or not paid.break_even_cpa or not paid.marginal_cpa:
        return tr.t("goal_gap.fill_miss", **values)
    if not rates_measured(paid) and paid.paid_months:  # no more budget on borrowed rates:
        return tr.t("goal_gap.fill_miss_checkpoint", **values,  # what the checkpoint decides
                    **checkpoint_values(plan))
    return tr.t("goal_gap.fill_miss_budget", **values,
                last=tr.money(paid.marginal_cpa, 2), break_even=tr.money(paid.break_even_cpa, 2),
                budget=tr.money(r["budget"]), planned=tr.money(paid.total),
                wanted=tr.number(r["conversions"]),
                basis=tr.t("goal_gap.reach_tested" if r["tested"] else "goal_gap.reach_beyond",
                           cost=tr.money(r["marginal_cpa"], 2)))


def checkpoint_values(plan: Plan) -> dict:
    """What the checkpoint after the first campaign month decides on, in words: its date,
    the month measured, the break-even cost and the planned paid budget."""
    tr, paid = plan.tr, plan.paid
    first = dt.date.fromisoformat(paid.paid_months[0])
    index = next((i + 1 for i, m in enumerate(plan.brief.client.period.month_starts)
                  if m.isoformat()[:7] == paid.paid_months[0][:7]), 0)
    when = checkpoint_day(plan, index)
    return {"break_even": tr.money(paid.break_even_cpa or 0, 2), "planned": tr.money(paid.total),
            "month": month_year(tr, first), "date": day(tr, when) if when else tr.month(first)}


def checkpoint_decides(plan: Plan, g: GoalGap) -> bool:
    """Whether a fill-rate gap is left to the first campaign month's checkpoint (the
    ``fill_miss_checkpoint`` case): a gap, unmeasured rates, a budget that would reach it."""
    paid = plan.paid
    return (g.seats is not None and g.seats.booked is not None and g.gap > 0
            and not g.overshoots and bool(g.reach)
            and bool(paid.break_even_cpa) and bool(paid.marginal_cpa)
            and not rates_measured(paid) and bool(paid.paid_months))
