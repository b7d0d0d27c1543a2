"""quartiles: the same floats as pandas' quantile, found without partitioning every value."""

import numpy as np
import pandas as pd
import pytest

import smmplan.quartiles as quartiles_module
from smmplan.quartiles import LARGE, quartiles


@pytest.mark.parametrize("kind", ["normal", "prices", "counts", "sorted", "gaps"])
@pytest.mark.parametrize("extra", [0, 1, 2, 3])  # every number of values modulo 4
def test_quartiles_equal_pandas(kind, extra):
    rng = np.random.default_rng(len(kind) * 10 + extra)
    n = LARGE + 12_345 + extra
    values = {"normal": lambda: rng.normal(50, 10, n),
              "prices": lambda: np.round(rng.lognormal(3, 1, n), 2),
              "counts": lambda: rng.poisson(3, n).astype(float),  # many ties
              "sorted": lambda: np.sort(rng.normal(size=n)),
              "gaps": lambda: rng.exponential(1, n)}[kind]()
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
