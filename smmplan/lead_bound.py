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
