"""Optimiser speed and quality, measured in one run.

For 3, 10 and 30 channels (half concave, half S-shaped response curves, seeded): the
median wall time of ``smmplan.optimiser.allocate`` over 5 runs, and its gap to the best
of a fine-grid run (grid 1,600) and multi-start SLSQP (30 random starts); also the gain
over an equal split. Goals (issue 5): 10 channels in <= 100 ms; gap <= 0.5 %.
Usage: python benchmarks/bench_budget.py
"""

from __future__ import annotations

import statistics
import time
from functools import partial

import numpy as np

from smmplan.optimiser import allocate, hill, multistart, saturation


def curves(n: int, seed: int):
    rng = np.random.default_rng(seed)
    return [partial(hill, top=rng.uniform(500, 3000), half=rng.uniform(5e3, 4e4),
                    slope=rng.uniform(1.5, 3.0)) if i % 2 else
            partial(saturation, top=rng.uniform(500, 3000), scale=rng.uniform(5e3, 4e4))
            for i in range(n)]


def main() -> None:
    budget = 150_000
    print(f"{'channels':>8} {'median ms':>10} {'value':>10} {'reference':>10} {'gap %':>7}"
          f" {'vs equal':>9}")
    for n in (3, 10, 30):
        cs = curves(n, seed=n)
        times = []
        for _ in range(5):
            t0 = time.perf_counter()
            found = allocate(cs, budget)
            times.append((time.perf_counter() - t0) * 1000)
        reference = max(allocate(cs, budget, grid=1600).value,
                        multistart(cs, budget, starts=30))
        equal = sum(float(c(np.array([budget / n]))[0]) for c in cs)
        gap = max(0.0, (reference - found.value) / reference * 100)
        print(f"{n:>8} {statistics.median(times):>10.1f} {found.value:>10.1f} "
              f"{reference:>10.1f} {gap:>7.3f} {found.value / equal - 1:>+9.1%}")
    print("goals: 10 channels <= 100 ms, gap <= 0.5 %")


if __name__ == "__main__":
    main()
