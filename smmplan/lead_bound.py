"""The most paid leads a month the client's history supports (data/paid.yaml
``lead_bound``): a lead goal's paid forecast stays within a stated multiple of the leads a
month measured today, the goal's baseline. Shaped like ``paid_months.free_seats`` so the
paid planner caps it the same way (a month never passes it; the budget stops where the
forecast reaches it)."""

from __future__ import annotations

from .brief import Brief
from .catalogue import paid_facts

LEAD_KINDS = ("lead", "signup")  # conversions that count as leads of a leads goal


def lead_bound(brief: Brief, kind: str) -> dict | None:
    """{line: None, capacity, fill: 0, free (leads a month at most), bound: {baseline,
    multiple, basis}}; None unless a conversion is a lead of a leads goal whose baseline is
    known and above zero."""
    from .goals import baseline, match_kpi

    rule = paid_facts().get("lead_bound") or {}
    if kind not in LEAD_KINDS or not rule.get("max_multiple"):
        return None
    months = brief.goals.horizon_months
    for goal in brief.goals.business_goals:
        if match_kpi(goal) != "leads_per_month":
            continue
        found = baseline(brief, goal, "leads_per_month", None, months)
        if found is None or not found.value:
            continue
        most = float(found.value) * float(rule["max_multiple"])
        return {"line": None, "capacity": most, "fill": 0.0, "free": most,
                "bound": {"baseline": float(found.value), "basis": found.basis,
                          "multiple": float(rule["max_multiple"])}}
    return None


def paid_cap(seats: dict, models: list, spends, all_months: list, months: list,
             overrides: dict, demand: dict, index: dict) -> float:
    """The paid conversions the plan's months may hold in all. Free seats: their sum
    (``paid_months.free_in``: a booking a full month cannot take moves to a month with
    seats). A lead bound: each month its demand share (``paid_value.month_weights``, the
    largest share of any platform) of the leads ``spends`` would buy without the bound, and
    never more than the bound: a month past the bound cannot use its money, and moving it
    into months of lower demand would buy leads where buyers are fewest, so the budget
    stops there and what the capped months cannot use stays held back."""
    from .paid_months import free_in, month_free
    from .paid_value import month_weights

    if not seats.get("bound") or not models:
        return free_in(seats, months)
    want = sum(float(m.chain(x)["conversions"]) for m, x in zip(models, spends, strict=True))
    on = [m in months for m in all_months]
    shares = [month_weights(m.platform, all_months, overrides, demand, index, on)
              ["conversions"] for m in models]
    return min(free_in(seats, months), sum(
        min(month_free(seats, m), want * max(s[i] for s in shares))
        for i, m in enumerate(all_months) if on[i]))


def largest_within(fits, hi: float, steps: int = 40) -> float:
    """The largest budget in [0, ``hi``] that ``fits`` (bisection): ``fits`` must hold below
    any budget it holds at, so the stop does not depend on where the search starts and a
    larger envelope never stops lower than a smaller one."""
    lo = 0.0
    for _ in range(steps):
        mid = (lo + hi) / 2
        lo, hi = (mid, hi) if fits(mid) else (lo, mid)
    return lo
