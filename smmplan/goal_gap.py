"""The paid forecast against the brief's business goals it can be compared with: revenue
from social (the forecast's revenue over the plan, for a goal over the same months) and
leads a month (the forecast's conversions a month, when a conversion is a lead). The
forecast's figures are the budget chapter's (``Paid.totals``), never recomputed; a goal the
forecast misses says what closes the gap, one it overshoots says so."""

from __future__ import annotations

from dataclasses import dataclass

from .budget import Paid
from .objectives import Objective

LEAD_KINDS = ("lead", "signup")  # conversions that count as leads of a leads goal


@dataclass
class GoalGap:
    kpi: str  # social_revenue or leads_per_month
    goal: str  # the goal in the client's words
    target: float
    baseline: float | None
    paid: float  # the paid forecast, in the target's unit (total, or a month)
    share: float  # paid / target, percent
    gap: float  # target - paid (negative: the forecast overshoots)
    held_back: float | None = None  # paid budget the plan does not spend (past break-even)
    held_back_conversions: float | None = None  # what that budget would still buy

    @property
    def overshoots(self) -> bool:
        """The paid forecast alone passes the goal."""
        return self.gap < 0


def goal_gaps(objectives: list[Objective], paid: Paid, months: int) -> list[GoalGap]:
    """Each business goal the paid forecast can be compared with, in the objectives' order.
    ``months`` is the plan's length (the forecast's months)."""
    totals = paid.totals
    held = paid.held_back or {}
    out: list[GoalGap] = []
    for o in objectives:
        if not o.from_brief or not o.target or o.target <= 0:
            continue
        if o.kpi == "social_revenue" and paid.aov and o.horizon_months == months:
            forecast = float(totals["revenue"])
        elif o.kpi == "leads_per_month" and paid.conversion in LEAD_KINDS and months:
            forecast = float(totals["conversions"]) / months
        else:
            continue
        out.append(GoalGap(o.kpi, o.goal, float(o.target), o.baseline.value, forecast,
                           forecast / o.target * 100, float(o.target) - forecast,
                           held.get("budget"), held.get("conversions")))
    return out
