"""The split the paid forecast is compared with: an equal split of the conversion budget
across the platforms, and, when that breaks a platform's spending limits (its minimum, its
cap, or a cap of 0 for a platform left out below break-even), the split closest to equal
within them: each platform held at the limit it would break, the rest shared equally by
the others. A feasible reference, so the gain the plan states is one it could choose."""

from __future__ import annotations

from collections.abc import Callable, Sequence


def nearest_equal(lower: Sequence[float], upper: Sequence[float],
                  budget: float) -> list[float] | None:
    """The split of ``budget`` closest to equal within [``lower``, ``upper``] per platform:
    one common level, each platform held at the limit the level would break (a level found
    by bisection, so the split always places the whole budget, also when every platform
    ends at a limit but one); None when no split fits."""
    n = len(lower)
    if not n or sum(lower) > budget + 0.01 or sum(upper) < budget - 0.01:
        return None

    def placed(level: float) -> list[float]:
        return [min(max(level, lo), hi) for lo, hi in zip(lower, upper, strict=True)]

    low, high = min(lower), max(upper)
    for _ in range(200):
        mid = (low + high) / 2
        low, high = (mid, high) if sum(placed(mid)) < budget else (low, mid)
    return [round(v, 6) for v in placed(high)]


def equal_split(conversions: Callable, lower: Sequence[float], upper: Sequence[float],
                budget: float) -> tuple[tuple[float, float], dict]:
    """The equal split's (conversions, revenue) and its record {conversions, revenue,
    feasible, and when it is not feasible: nearest (the split closest to equal within the
    limits: conversions, revenue, spend)}."""
    n = len(lower)
    equal = conversions([budget / n] * n)
    record = {"conversions": round(equal[0], 2), "revenue": round(equal[1], 2),
              "feasible": all(lo <= budget / n <= hi for lo, hi in zip(lower, upper,
                                                                     strict=True))}
    spend = None if record["feasible"] else nearest_equal(lower, upper, budget)
    if spend is not None:
        near = conversions(spend)
        record["nearest"] = {"conversions": round(near[0], 2), "revenue": round(near[1], 2),
                             "spend": [round(s, 2) for s in spend]}
    return equal, record
