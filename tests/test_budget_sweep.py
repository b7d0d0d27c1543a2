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
