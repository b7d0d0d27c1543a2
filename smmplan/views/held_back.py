"""The figures of the cap a paid budget stops at, when it is not break-even
(``goal_gap.held_by_cap``), for the summary, the objectives and the paid chapter."""

from __future__ import annotations

import datetime as dt

from ..conversion_cost import cap_break_even
from ..goal_gap import held_by_cap
from ..paid_months import month_free, tests_outside_caps
from ..plan import Plan
from .base import platform_label


def full_months(plan: Plan) -> list[dt.date]:
    """The months whose paid conversions reach the cap (``paid.seats``), a dated test's
    leads left out when they come on top of it (``paid_months.outside_caps``)."""
    paid = plan.paid
    if not paid.seats or not paid.monthly:
        return []
    tests = tests_outside_caps(paid)
    by: dict[str, float] = {}
    for r in paid.monthly:
        if r["platform"] not in tests:
            by[r["month"]] = by.get(r["month"], 0.0) + r["conversions"]
    return [dt.date.fromisoformat(m[:10]) for m, c in by.items()
            if c > 0 and c >= month_free(paid.seats, m) - 0.05]


def cap_values(plan: Plan) -> dict:
    """The figures of the cap the paid budget stops at (``held_by_cap``): the most leads
    a month (or free seats), today's leads and the multiple, the cost of a conversion at
    the planned budget."""
    tr, paid = plan.tr, plan.paid
    cap, bound = paid.seats or {}, (paid.seats or {}).get("bound") or {}
    return {"most": tr.number(cap.get("free", 0)),
            "full": tr.join([tr.month(m) for m in full_months(plan)]),
            "seats": tr.number(cap.get("free_paid", 0)),
            "line": cap.get("line") or "", "base": tr.number(bound.get("baseline", 0), 1),
            "multiple": tr.number(bound.get("multiple", 0)),
            "plan_marginal": tr.money(paid.marginal_cpa, 2) if paid.marginal_cpa
            else tr.t("common.na"),  # the last conversions' cost; the plan's average:
            "average": tr.money(paid.totals["cpa"], 2) if paid.totals["cpa"]
            else tr.t("common.na"), "versus": _versus(plan),
            "rule": tr.t("agency.bound_rule", multiple=tr.number(bound.get("multiple", 0)),
                         base=tr.number(bound.get("baseline", 0), 1))}


def held_break_even(plan: Plan) -> float | None:
    """The first-year break-even the last conversions are held to (``cap_break_even`` when
    a cap stops the budget)."""
    paid = plan.paid
    return cap_break_even(paid) if held_by_cap(paid) else paid.break_even_cpa


def bought_above_break_even(plan: Plan) -> bool:
    """Whether the plan's last conversions cost more than that break-even (a lead gen form
    lead valued below a site lead: it pays back over the contract years, not the first)."""
    cpa, last = held_break_even(plan), plan.paid.marginal_cpa
    return bool(cpa and last and last > cpa)


def _versus(plan: Plan) -> str:
    """The last conversions' cost against the break-even they are held to: under it, or
    above it (a lead gen form lead valued below a site lead, its first month read in the
    CRM)."""
    tr, cpa = plan.tr, held_break_even(plan)
    return tr.t(f"budget.cap_{'above' if bought_above_break_even(plan) else 'under'}",
                cpa=tr.money(cpa, 2) if cpa else tr.t("common.na"))


def monthly_cap_note(plan: Plan) -> str:
    """Why the budget table (the sweep, whose lead bound counts the whole year) still shows
    leads bought past the plan's budget while the forecast, which caps each month, stops
    there; "" when the table shows none, the cap is not a lead bound, or the plan spends
    its whole envelope (it stops at the budget, not at months already full)."""
    tr, paid = plan.tr, plan.paid
    cap = paid.seats or {}
    if not cap.get("bound") or not paid.sweep or not paid.held_back:
        return ""
    year = sweep_cap(paid)
    conv = float(paid.totals["conversions"])
    past = [r for r in paid.sweep if r["budget"] > paid.total + 0.5 and r["marginal_cpa"]
            and conv + 0.5 < r["conversions"] < year - 0.5]
    if not past:
        return ""
    return tr.t("budget.sweep_monthly_cap", most=tr.number(cap.get("free", 0)),
                total=tr.money(paid.total), conversions=tr.number(conv),
                cost=tr.money(past[0]["marginal_cpa"], 2))


def on_top_leads(paid, scenario: str = "mid") -> float:
    """The dated tests' conversions that come on top of the cap (``outside_caps``), in the
    expected case or the ``low`` / ``high`` one: in the sweep and the scenarios beside the
    capped ones."""
    tests = tests_outside_caps(paid)
    field = {"mid": "conversions", "low": "conversions_low", "high": "conversions_high"}[scenario]
    return sum(getattr(c, field) for c in paid.channels if c.platform in tests)


def sweep_tests_note(plan: Plan) -> str:
    """The capped table and scenarios count the tests' leads on top of the cap."""
    paid, tr = plan.paid, plan.tr
    tests, leads = sorted(tests_outside_caps(paid)), on_top_leads(paid)
    if not tests or not paid.seats or not leads:
        return ""
    return tr.t("budget.seats_full_tests", platforms=tr.join(
        [platform_label(p) for p in tests]), leads=tr.number(leads),
        high=tr.number(on_top_leads(paid, "high")))


def sweep_cap(paid) -> float:
    """The most conversions the budget table (the sweep, capped over the whole year) and
    the scenarios count: the cap, and a test's leads on top of it."""
    cap = paid.seats or {}
    return cap.get("free_paid", cap.get("free", 0) * len(paid.paid_months)) + on_top_leads(paid)


def cap_notes(plan: Plan) -> str:
    """The notes under a capped budget table: the tests' leads it counts on top of the
    cap, and why it shows leads past the plan's budget (``monthly_cap_note``)."""
    return " ".join(filter(None, [sweep_tests_note(plan), monthly_cap_note(plan)]))
