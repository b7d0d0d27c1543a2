"""Allocating a budget across channels with concave or S-shaped response curves.

The problem is separable: maximise sum_i f_i(x_i) subject to sum_i x_i = B,
lower_i <= x_i <= upper_i, x_i fixed for held channels, and x_i = 0 or x_i >= m_i (a
minimum useful spend). ``allocate`` solves it exactly on a budget grid by dynamic
programming (which handles S-shaped curves and the 0-or-at-least-m_i rule, where a
gradient method can stop in a local optimum), then polishes the grid solution with SLSQP
on the channels it funds. Tests compare it with a fine grid and with multi-start SLSQP.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cache

import numpy as np

from .errors import SmmplanError

Curve = Callable[[np.ndarray], np.ndarray]


class AllocationError(SmmplanError):
    """Bounds that make the budget impossible to place."""

    exit_code = 2


@dataclass
class Allocation:
    spend: np.ndarray
    value: float
    grid_value: float


def hill(x: np.ndarray, top: float, half: float, slope: float) -> np.ndarray:
    """Hill curve top * x^s / (half^s + x^s): concave for s <= 1, S-shaped for s > 1."""
    x = np.maximum(np.asarray(x, dtype=float), 0.0)
    return top * x ** slope / (half ** slope + x ** slope)


def saturation(x: np.ndarray, top: float, scale: float) -> np.ndarray:
    """Exponential saturation top * (1 - exp(-x / scale)): concave, slope top/scale at 0."""
    return top * -np.expm1(-np.maximum(np.asarray(x, dtype=float), 0.0) / scale)


def allocate(curves: Sequence[Curve], budget: float, lower: Sequence[float] | None = None,
             upper: Sequence[float] | None = None, min_spend: Sequence[float] | None = None,
             fixed: Sequence[float | None] | None = None, names: Sequence[str] | None = None,
             grid: int = 400, polish: bool = True) -> Allocation:
    """The spend per channel that maximises the summed curves (see the module docstring).

    ``lower`` applies to funded channels (a channel may still get 0 unless its lower bound
    is positive); raises AllocationError, naming the channels, when the bounds cannot add
    up to the budget.
    """
    n = len(curves)
    names = list(names or [f"channel {i + 1}" for i in range(n)])
    lower = np.zeros(n) if lower is None else np.asarray(lower, dtype=float)
    upper = np.full(n, budget, dtype=float) if upper is None else np.minimum(
        np.asarray(upper, dtype=float), budget)
    min_spend = np.zeros(n) if min_spend is None else np.asarray(min_spend, dtype=float)
    fixed = [None] * n if fixed is None else list(fixed)
    if budget <= 0:
        raise AllocationError(f"budget must be positive (got {budget})")
    held = sum(f for f in fixed if f is not None)
    if held > budget + 1e-9:
        raise AllocationError(f"channels held fixed ({held:,.0f}) exceed the budget "
                              f"({budget:,.0f})")
    free = [i for i in range(n) if fixed[i] is None]
    floor = sum(max(lower[i], 0) for i in free)
    if held + floor > budget + 1e-9:
        raise AllocationError(
            f"minimums ({floor:,.0f}) plus fixed spend ({held:,.0f}) exceed the budget "
            f"({budget:,.0f}): lower the minimums of "
            + ", ".join(names[i] for i in free if lower[i] > 0))
    if held + sum(upper[i] for i in free) < budget - 1e-9:
        raise AllocationError(
            f"maximums ({sum(upper[i] for i in free):,.0f}) plus fixed spend ({held:,.0f}) "
            f"cannot place the budget ({budget:,.0f}): raise a maximum or add a channel")
    rest = budget - held
    spend = np.array([f if f is not None else 0.0 for f in fixed], dtype=float)
    if not free or rest <= 1e-9:
        value = float(sum(c(np.array([s]))[0] for c, s in zip(curves, spend, strict=True)))
        return Allocation(spend, value, value)
    step = rest / grid
    points = np.arange(grid + 1) * step
    tables = []
    for i in free:
        vals = np.asarray(curves[i](points), dtype=float).copy()
        ok = (points <= upper[i] + 1e-9) & (
            (points >= max(lower[i], min_spend[i]) - 1e-9) | ((points == 0) & (lower[i] <= 0)))
        vals[~ok] = -np.inf
        tables.append(vals)
    # Dynamic programming over the grid: best[j] = best value spending j steps so far.
    j = np.arange(grid + 1)
    before = _steps_before(grid)
    best = tables[0].copy()
    choices = []
    for vals in tables[1:]:
        total = np.append(best, -np.inf)[before]  # best[j - a], -inf where a > j
        total += vals[None, :]
        pick = np.argmax(total, axis=1)
        choices.append(pick)
        best = total[j, pick]
    if not np.isfinite(best[grid]):
        raise AllocationError("no allocation satisfies the minimum useful spends and bounds: "
                              "lower the minimums or raise the maximums")
    steps = np.zeros(len(free), dtype=int)
    remaining = grid
    for k in range(len(free) - 1, 0, -1):
        steps[k] = choices[k - 1][remaining]
        remaining -= steps[k]
    steps[0] = remaining
    for k, i in enumerate(free):
        spend[i] = steps[k] * step
    grid_value = float(best[grid]) + sum(
        float(curves[i](np.array([spend[i]]))[0]) for i in range(n) if fixed[i] is not None)
    if polish:
        spend = _polish(curves, spend, free, rest, lower, upper, min_spend)
    value = float(sum(curves[i](np.array([spend[i]]))[0] for i in range(n)))
    return Allocation(spend, value, grid_value)


@cache
def _steps_before(grid: int) -> np.ndarray:
    """For every (j, a) of the grid, the index of j - a, or grid + 1 (a -inf appended to
    the best values) where a > j: one gather per channel instead of an index clip, a
    comparison and a select (the same values), built once per grid size."""
    j = np.arange(grid + 1)
    before = j[:, None] - j[None, :]
    before[before < 0] = grid + 1
    before.flags.writeable = False
    return before


def _polish(curves, spend, free, rest, lower, upper, min_spend) -> np.ndarray:
    """SLSQP on the funded free channels, from the grid solution; kept only if better."""
    from scipy.optimize import minimize  # here: a plan's kernel never optimises (see targets)

    active = [i for i in free if spend[i] > 0]
    if len(active) < 2:
        return spend
    bounds = [(max(lower[i], min_spend[i]), upper[i]) for i in active]
    scale = rest

    def negative(z):
        return -sum(float(curves[i](np.array([v * scale]))[0])
                    for i, v in zip(active, z, strict=True))

    start = np.array([spend[i] for i in active]) / scale
    res = minimize(negative, start, method="SLSQP",
                   bounds=[(lo / scale, hi / scale) for lo, hi in bounds],
                   constraints=[{"type": "eq",
                                 "fun": lambda z: z.sum() - sum(spend[i] for i in active)
                                 / scale}],
                   options={"maxiter": 200, "ftol": 1e-12})
    if res.success and -res.fun >= -negative(start):
        out = spend.copy()
        for i, v in zip(active, res.x, strict=True):
            out[i] = v * scale
        return out
    return spend


def multistart(curves: Sequence[Curve], budget: float, starts: int = 40,
               seed: int = 0) -> float:
    """Best value found by SLSQP from many random starts (a reference for tests)."""
    from scipy.optimize import minimize

    n = len(curves)
    rng = np.random.default_rng(seed)

    def negative(x):
        return -sum(float(c(np.array([v]))[0]) for c, v in zip(curves, x, strict=True))

    best = -np.inf
    for _ in range(starts):
        x0 = rng.dirichlet(np.ones(n)) * budget
        res = minimize(negative, x0, method="SLSQP", bounds=[(0, budget)] * n,
                       constraints=[{"type": "eq", "fun": lambda x: x.sum() - budget}],
                       options={"maxiter": 300, "ftol": 1e-12})
        if res.success:
            best = max(best, -res.fun)
    return best


def can_place(maxima: list[float | None], fixed: list[float | None], budget: float) -> bool:
    """Whether channels with these maximums (None: no maximum) and fixed spends can take
    ``budget`` between them (the check ``allocate`` raises on)."""
    room = sum(f if f is not None else (budget if m is None else m)
               for m, f in zip(maxima, fixed, strict=True))
    return room >= budget - 1e-9
