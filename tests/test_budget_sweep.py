"""The budget sweep: awareness keeps its share at every level, and break-even is found where
the marginal cost per conversion (a mean over each step) crosses it."""

from __future__ import annotations

import numpy as np
import pytest

from smmplan.budget_sweep import SWEEP, break_even_budget, budget_sweep


def test_awareness_keeps_its_share_of_every_level():
    seen = []

    def solve(budget, floor=None, aware=None):
        seen.append((budget, float(aware.sum())))
        return type("A", (), {"spend": np.array([budget])})()

    rows = budget_sweep(solve, lambda s: (float(np.sqrt(s.sum())), 0.0), 850.0, 150.0, 0.0,
                        aware_split=lambda b: np.array([b]))
    for (conv, aware), r in zip(seen, rows, strict=True):
        assert aware == pytest.approx(conv * 150 / 850)
        assert r["budget"] == pytest.approx((conv + aware), abs=0.01)
    assert [r["factor"] for r in rows] == list(SWEEP)


def test_break_even_sits_where_the_step_means_cross_it():
    # conversions = 100 * sqrt(b): the marginal cost at b is sqrt(b) / 50, equal to a
    # break-even of 10 at b = 250,000; each step's mean stands at the step's middle
    def conversions(b):
        return 100 * np.sqrt(b)

    rows, prev = [], None
    for b in range(100_000, 500_001, 50_000):
        c = conversions(b)
        rows.append({"budget": float(b), "marginal_cpa": (b - prev[0]) / (c - prev[1])
                     if prev else None})
        prev = (b, c)
    assert break_even_budget(rows, 10.0) == pytest.approx(250_000, rel=0.02)
    assert break_even_budget(rows, 1000.0) is None
    assert break_even_budget(rows, 1.0) == pytest.approx(125_000)  # the first step's middle


def test_break_even_is_found_above_a_fine_grid_still_below_it():
    # $100 a conversion up to a kink at $201,000 (a bound on leads), $10,000 past it: the
    # coarse grid of a $1,000,000 envelope interpolates the crossing near $154,000, far
    # below the kink; the fine grid around it still earns its keep at every step, so the
    # crossing lies above it and is looked for there (a larger envelope must not stop lower)
    from smmplan.budget_sweep import refined_break_even

    def conversions(s):
        b = float(s.sum())
        return (b / 100 if b <= 201_000 else 2010 + (b - 201_000) / 10_000), 0.0

    def solve(budget, floor=None):
        return type("A", (), {"spend": np.array([budget])})()

    def sweep_at(whole, factors=SWEEP):
        return budget_sweep(solve, conversions, whole, 0.0, 0.0, None, factors)

    coarse = break_even_budget(sweep_at(1_000_000), 500)
    assert coarse < 170_000
    assert 190_000 < refined_break_even(sweep_at, coarse, 500, 1_000_000) < 205_000
