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
from .base import day, kpi_value, month_year
from .history_note import checkpoint_day


def fill_miss(plan: Plan, g: GoalGap, values: dict) -> str:
    """The fill-rate gap sentence (``values``: the seats' figures of ``fill_sentence``)."""
    tr, s = plan.tr, g.seats
    assert s is not None
    values = {"organic": "", "beyond": tr.t("objectives.unforecast"), "beyond_short": ""} \
        | values | {"gap": tr.number(g.gap), "gap_month": tr.number(g.gap / s.months, 1)}
    r, paid = g.reach, plan.paid
    if checkpoint_decides(plan, g):  # no more budget on borrowed rates: the checkpoint's
        return tr.t("goal_gap.fill_miss_checkpoint", **values, **checkpoint_values(plan))
    if not r or not paid.break_even_cpa or not paid.marginal_cpa \
            or (not rates_measured(paid) and paid.paid_months):
        return tr.t("goal_gap.fill_miss", **values)
    return tr.t("goal_gap.fill_miss_budget", **values,
                last=tr.money(paid.marginal_cpa, 2), break_even=tr.money(paid.break_even_cpa, 2),
                budget=tr.money(r["budget"]), planned=tr.money(paid.total),
                wanted=tr.number(r["conversions"]),
                basis=tr.t("goal_gap.reach_tested" if r["tested"] else "goal_gap.reach_beyond",
                           cost=tr.money(r["marginal_cpa"], 2)))


def checkpoint_date(plan: Plan) -> dt.date | None:
    """The day of the checkpoint after the first campaign month (``checkpoint_day``)."""
    paid = plan.paid
    index = next((i + 1 for i, m in enumerate(plan.brief.client.period.month_starts)
                  if m.isoformat()[:7] == paid.paid_months[0][:7]), 0)
    return checkpoint_day(plan, index)


def checkpoint_values(plan: Plan) -> dict:
    """What the checkpoint after the first campaign month decides on, in words: its date,
    the month measured, the break-even cost and the planned paid budget."""
    tr, paid = plan.tr, plan.paid
    first = dt.date.fromisoformat(paid.paid_months[0])
    when = checkpoint_date(plan)
    return {"break_even": tr.money(paid.break_even_cpa or 0, 2), "planned": tr.money(paid.total),
            "month": month_year(tr, first), "date": day(tr, when) if when else tr.month(first)}


def checkpoint_steps(plan: Plan) -> list[tuple[dt.date, str]]:
    """Next steps: the checkpoint's dated decision on each fill-rate gap it decides
    (``checkpoint_decides``), with the budget that would close the gap at the plan's own
    forecast (``GoalGap.reach``), so that the decision has a figure and a date."""
    from ..goal_gap import goal_gaps

    tr, paid = plan.tr, plan.paid
    goals = [o for o in plan.objectives.objectives if o.target is not None]
    if not goals or not (plan.brief.budget.paid_media or 0) > 0 or not paid.paid_months:
        return []
    when = checkpoint_date(plan)
    if when is None:
        return []
    out = []
    for g in goal_gaps(goals, paid, plan.brief.client.period.months, plan.brief.offer):
        if checkpoint_decides(plan, g):
            out.append((when, tr.t(
                "agency.step_checkpoint", **checkpoint_values(plan), gap=tr.number(g.gap),
                target=kpi_value(plan, g.kpi, g.target), budget=tr.money(g.reach["budget"]),
                more=tr.money(g.reach["budget"] - paid.total))))
    return out


def checkpoint_decides(plan: Plan, g: GoalGap) -> bool:
    """Whether a fill-rate gap is left to the first campaign month's checkpoint (the
    ``fill_miss_checkpoint`` case): a gap, unmeasured rates, a budget that would reach it."""
    paid = plan.paid
    return (g.seats is not None and g.seats.booked is not None and g.gap > 0
            and not g.overshoots and bool(g.reach)
            and bool(paid.break_even_cpa) and bool(paid.marginal_cpa)
            and not rates_measured(paid) and bool(paid.paid_months))
