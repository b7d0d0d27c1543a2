"""quartiles: the same floats as pandas' quantile, found without partitioning every value."""

import numpy as np
import pandas as pd
import pytest

import smmplan.quartiles as quartiles_module
from smmplan.quartiles import LARGE, quartiles


@pytest.mark.parametrize("kind", ["normal", "prices", "counts", "sorted", "gaps", "yes_no",
                                  "halves"])
@pytest.mark.parametrize("extra", [0, 1, 2, 3])  # every number of values modulo 4
def test_quartiles_equal_pandas(kind, extra):
    rng = np.random.default_rng(len(kind) * 10 + extra)
    n = LARGE + 12_345 + extra
    values = {"normal": lambda: rng.normal(50, 10, n),
              "prices": lambda: np.round(rng.lognormal(3, 1, n), 2),
              "counts": lambda: rng.poisson(3, n).astype(float),  # many ties
              "sorted": lambda: np.sort(rng.normal(size=n)),
              "gaps": lambda: rng.exponential(1, n),
              "yes_no": lambda: (rng.random(n) < 0.5).astype(float),
              "halves": lambda: rng.integers(0, 6, n) / 2}[kind]()
    if kind == "gaps":
        values[rng.random(n) < 0.2] = np.nan
    expected = pd.Series(values).quantile([0.25, 0.75]).to_numpy()
    got = np.array(quartiles(values))
    assert got.tobytes() == expected.tobytes()


def test_quartiles_fall_back_when_a_bracket_misses(monkeypatch):
    """A bracket too narrow to hold its ranks: the plain computation, the same floats."""
    monkeypatch.setattr(quartiles_module, "_MARGIN", 0)
    values = np.random.default_rng(3).normal(size=LARGE * 2)
    values[: LARGE // 2] = 0.0  # the strided sample's estimate of the ranks is off
    expected = pd.Series(values).quantile([0.25, 0.75]).to_numpy()
    assert np.array(quartiles(values)).tobytes() == expected.tobytes()


def test_a_column_of_few_values_is_not_partitioned(monkeypatch):
    """Ranks among the copies of a bracket's ends are read off counts: on a column of a
    few distinct values only the values strictly inside a bracket are partitioned."""
    sizes = []
    partition = np.partition

    def spy(a, kth, *args, **kwargs):
        sizes.append(len(a))
        return partition(a, kth, *args, **kwargs)

    monkeypatch.setattr(quartiles_module.np, "partition", spy)
    rng = np.random.default_rng(5)
    for values in (rng.poisson(3, 200_000).astype(float),
                   (rng.random(200_000) < 0.3).astype(float)):
        expected = pd.Series(values).quantile([0.25, 0.75]).to_numpy()
        assert np.array(quartiles(values)).tobytes() == expected.tobytes()
    assert max(sizes, default=0) < 1_000
