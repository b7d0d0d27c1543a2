"""The optimiser against a fine grid and multi-start SLSQP, on concave and S-shaped curves."""

from __future__ import annotations

from functools import partial

import numpy as np
import pytest

from smmplan.optimiser import AllocationError, allocate, hill, multistart, saturation


def curves(n: int, seed: int, s_shaped: bool):
    rng = np.random.default_rng(seed)
    out = []
    for i in range(n):
        if s_shaped and i % 2:
            out.append(partial(hill, top=rng.uniform(500, 3000), half=rng.uniform(5e3, 4e4),
                               slope=rng.uniform(1.5, 3.0)))
        else:
            out.append(partial(saturation, top=rng.uniform(500, 3000),
                               scale=rng.uniform(5e3, 4e4)))
    return out


def value(cs, spend):
    return sum(float(c(np.array([x]))[0]) for c, x in zip(cs, spend, strict=True))


@pytest.mark.parametrize("s_shaped", [False, True])
@pytest.mark.parametrize("n", [3, 7])
def test_matches_fine_grid_and_multistart(n, s_shaped):
    cs = curves(n, seed=n, s_shaped=s_shaped)
    budget = 80_000
    found = allocate(cs, budget)
    assert found.spend.sum() == pytest.approx(budget)
    reference = max(allocate(cs, budget, grid=1600).value, multistart(cs, budget, starts=30))
    assert found.value >= reference * (1 - 0.005)
    equal = value(cs, [budget / n] * n)
    assert found.value >= equal


def test_brute_force_on_two_s_shaped_channels():
    cs = [partial(hill, top=1000, half=30_000, slope=3), partial(hill, top=800, half=10_000,
                                                                  slope=2.5)]
    budget = 40_000
    xs = np.linspace(0, budget, 40_001)
    best = max(value(cs, [x, budget - x]) for x in xs[::10])
    assert allocate(cs, budget).value >= best * (1 - 0.005)


def test_bounds_fixed_and_minimum_useful_spend():
    cs = curves(4, seed=1, s_shaped=False)
    found = allocate(cs, 50_000, lower=[10_000, 0, 0, 0], upper=[20_000, 50_000, 50_000, 5_000],
                     fixed=[None, None, 12_345, None], min_spend=[0, 0, 0, 4_000])
    assert 10_000 - 1e-6 <= found.spend[0] <= 20_000 + 1e-6
    assert found.spend[2] == pytest.approx(12_345)
    assert found.spend[3] == 0 or found.spend[3] >= 4_000 - 1e-6
    assert found.spend.sum() == pytest.approx(50_000)


def test_minimum_useful_spend_avoids_spreading_thin():
    cs = [partial(saturation, top=1000, scale=5_000) for _ in range(10)]
    found = allocate(cs, 10_000, min_spend=[3_000] * 10)
    funded = found.spend[found.spend > 0]
    assert len(funded) <= 3 and (funded >= 3_000 - 1e-6).all()


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"budget": 0}, "budget must be positive"),
        ({"budget": 1000, "lower": [800, 800]}, "minimums"),
        ({"budget": 1000, "upper": [100, 100]}, "maximums"),
        ({"budget": 1000, "fixed": [1200, None]}, "held fixed"),
    ],
)
def test_impossible_bounds_are_explained(kwargs, message):
    cs = [partial(saturation, top=10, scale=100)] * 2
    with pytest.raises(AllocationError, match=message):
        allocate(cs, **kwargs)
