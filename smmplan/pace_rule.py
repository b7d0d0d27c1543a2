"""The plan's documented target rule for a KPI (``objectives``): half the KPI's realistic
monthly pace (data/kpis.yaml ``max_monthly_change``) over the horizon, compounded month by
month. One function, so that every target the plan states on this rule (the objectives,
the cap of a post KPI's own-history target, a self-serve line's trial sign-ups) is the
same computation."""

from __future__ import annotations


def pace_target(base: float, pace: float, months: int, direction: str = "up") -> float:
    """The value half the realistic pace reaches from ``base`` in ``months`` (``pace``: the
    KPI's realistic monthly change, a fraction; ``direction``: "up" or "down")."""
    step = 1 + pace / 2 if direction == "up" else 1 - pace / 2
    return base * step ** months
