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
        first = dt.date.fromisoformat(paid.paid_months[0])  # what the checkpoint decides
        index = next((i + 1 for i, m in enumerate(plan.brief.client.period.month_starts)
                      if m.isoformat()[:7] == paid.paid_months[0][:7]), 0)
        when = checkpoint_day(plan, index)
        return tr.t("goal_gap.fill_miss_checkpoint", **values,
                    break_even=tr.money(paid.break_even_cpa, 2), planned=tr.money(paid.total),
                    month=month_year(tr, first),
                    date=day(tr, when) if when else tr.month(first))
    return tr.t("goal_gap.fill_miss_budget", **values,
                last=tr.money(paid.marginal_cpa, 2), break_even=tr.money(paid.break_even_cpa, 2),
                budget=tr.money(r["budget"]), planned=tr.money(paid.total),
                wanted=tr.number(r["conversions"]),
                basis=tr.t("goal_gap.reach_tested" if r["tested"] else "goal_gap.reach_beyond",
                           cost=tr.money(r["marginal_cpa"], 2)))
