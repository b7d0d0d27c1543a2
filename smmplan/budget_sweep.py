"""The paid budget swept: conversions re-optimised at each level of the budget, the
marginal cost per conversion between levels, where it reaches break-even, and what the
optimiser maximises (conversions, revenue or profit)."""

from __future__ import annotations

import itertools

from .optimiser import AllocationError

# levels of the conversion budget, as multiples of the brief's
SWEEP = (0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0, 1.1, 1.25, 1.5, 1.75, 2.0)


# a finer sweep around the crossing found on ``SWEEP``, as multiples of that crossing: the
# break-even budget then depends on the curve, not on the envelope's grid
REFINE = (0.8, 0.85, 0.9, 0.95, 1.0, 1.05, 1.1, 1.15, 1.2)
RISE = 8  # fine grids tried upward when one lies wholly below the crossing


def budget_sweep(solve, conversions, conv_budget: float, aware_budget: float, floor: float,
                 aware_split=None, factors: tuple[float, ...] = SWEEP) -> list[dict]:
    """Re-optimised conversions at each level of the paid budget (``SWEEP``) and the
    marginal cost per conversion between levels; ``budget`` is the whole paid budget at that
    level. Awareness keeps its share of every level (``aware_split``: its spend per platform
    for an awareness budget, placed before the conversion spend); without it, the awareness
    part stays as it is. The basis of the headline and of break-even."""
    rows, prev = [], None
    for factor in factors:
        b = conv_budget * factor
        aware = aware_budget * factor if aware_split is not None else aware_budget
        try:
            alloc = solve(b, floor=floor, aware=aware_split(aware)) if aware_split \
                is not None else solve(b, floor=floor)
        except AllocationError:
            if factor == 1.0 and factors is SWEEP:
                raise
            continue
        conv, revenue = conversions(alloc.spend)
        # a level that adds no conversion (past a cap: rounding noise only) has no cost
        marginal = (b - prev[0]) / (conv - prev[1]) if prev and conv > prev[1] + 1e-6 \
            else None
        rows.append({"factor": factor, "budget": round(b + aware, 2),
                     "conversion_budget": round(b, 2), "conversions": round(conv, 2),
                     "revenue": round(revenue, 2) if revenue else None,
                     "marginal_cpa": round(marginal, 2) if marginal else None})
        prev = (b, conv)
    return rows


def conversions_at(sweep: list[dict], budget: float) -> float:
    """The budget table's conversions at ``budget`` (a whole paid budget), linear between
    its rows, its first or last row's outside them."""
    rows = sorted(sweep, key=lambda r: r["budget"])
    lower = max((r for r in rows if r["budget"] <= budget), key=lambda r: r["budget"],
                default=rows[0])
    upper = min((r for r in rows if r["budget"] >= budget), key=lambda r: r["budget"],
                default=rows[-1])
    span = upper["budget"] - lower["budget"]
    u = (budget - lower["budget"]) / span if span else 0.0
    return lower["conversions"] + u * (upper["conversions"] - lower["conversions"])


def break_even_budget(sweep: list[dict], break_even: float | None) -> float | None:
    """The whole paid budget where the marginal cost per conversion reaches the break-even
    cost; None when no level reaches it. A level's ``marginal_cpa`` is the mean over the
    step that ends at it, so it stands at the step's middle; the crossing is interpolated
    between those middles (the first middle when the first step is already past it)."""
    if not break_even:
        return None
    points = [((a["budget"] + b["budget"]) / 2, b["marginal_cpa"])
              for a, b in itertools.pairwise(sweep) if b["marginal_cpa"]]
    for i, (at, cpa) in enumerate(points):
        if cpa >= break_even:
            if i == 0:
                return round(at, 2)
            lo_at, lo_cpa = points[i - 1]
            t = (break_even - lo_cpa) / (cpa - lo_cpa) if cpa != lo_cpa else 0
            return round(lo_at + max(0, min(1, t)) * (at - lo_at), 2)
    return None


def refined_break_even(sweep_at, coarse: float | None, break_even: float | None,
                       envelope: float) -> float | None:
    """The break-even budget found again on a fine grid (``REFINE``) around the coarse
    crossing ``coarse``: ``sweep_at(whole_budget, factors)`` sweeps the whole paid budget.
    A crossing the fine grid does not bracket keeps the coarse figure; never above the
    envelope."""
    if coarse is None or not break_even:
        return coarse
    at = coarse
    for _ in range(RISE):
        fine = sweep_at(at, REFINE)
        found = break_even_budget(fine, break_even) if len(fine) > 1 else None
        below = [r for r in fine[1:] if r["marginal_cpa"]]  # the fine grid's first step must
        # still earn its keep, else the crossing lies before the grid and the coarse one stays
        inside = found is not None and fine[0]["budget"] < found < fine[-1]["budget"] \
            and bool(below) and below[0]["marginal_cpa"] < break_even
        if inside:
            return round(min(found, envelope), 2)
        if found is not None or not below or fine[-1]["budget"] >= envelope:
            break
        at = fine[-1]["budget"]  # every step still earns its keep: the crossing lies above
        # (the coarse grid's interpolation fell short of a kink, e.g. a bound on leads)
    return coarse


def worth(value, curve, worth: float, spend: float) -> float:
    """The optimiser's objective on one platform at ``spend``."""
    return value(curve(spend), spend, worth)


def value_fn(objective: str, margin: float | None):
    """What the optimiser maximises for a platform's conversions worth ``v`` each."""
    if objective == "revenue":
        return lambda conv, spend, v: conv * v
    if objective == "profit":
        return lambda conv, spend, v: conv * v * margin / 100 - spend
    return lambda conv, spend, v: conv
