"""Customer tables as exported: birth years become ages, impossible values are excluded,
extreme ones capped, missing values counted per column, and a value may sum several
per-category spend columns."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from smmplan.audience import AGE_RANGE, OUTLIER_IQR, prepare_audience
from smmplan.errors import DataError


def _customers(n: int = 300, seed: int = 3) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    birth = rng.integers(1950, 2004, n).astype(float)
    birth[:3] = [1893, 1899, 2020]  # ages 130+, 125+ and 5: impossible
    income = rng.normal(50000, 12000, n).round()
    income[5] = income.mean() * 300  # an income hundreds of times the median
    wines = rng.integers(0, 900, n).astype(object)
    wines[10:14] = ["n/a", "", "-", None]
    return pd.DataFrame({"Year_Birth": birth, "Income": income, "MntWines": wines,
                         "MntMeat": rng.integers(0, 600, n),
                         "Recency": rng.integers(0, 99, n)})


def test_birth_year_becomes_an_age_with_impossible_ages_excluded():
    table = _customers()
    aud = prepare_audience(table, "c.csv", today=pd.Timestamp("2026-06-30"))
    age = aud.features["age"]
    expected = 2026 - table["Year_Birth"]
    ok = expected.between(*AGE_RANGE)
    assert age[ok].tolist() == expected[ok].tolist()
    assert age[~ok].isna().all() and (~ok).sum() == 3
    note = next(n for n in aud.notes if n.column == "Year_Birth")
    assert (note.kind, note.flagged, note.rule) == ("age", 3, "age_range")
    assert aud.age_column == "age"


def test_extreme_values_are_capped_by_the_stated_rule_and_missing_counted():
    table = _customers()
    aud = prepare_audience(table, "c.csv", today=pd.Timestamp("2026-06-30"))
    q1, q3 = table["Income"].quantile([0.25, 0.75])
    bound = q3 + OUTLIER_IQR * (q3 - q1)
    assert aud.features["Income"].max() == pytest.approx(bound)
    note = next(n for n in aud.notes if n.column == "Income")
    assert (table["Income"] > bound).sum() == 1
    assert (note.flagged, note.rule) == (1, "outlier")
    wines = next(n for n in aud.notes if n.column == "MntWines")
    assert wines.missing == 4
    assert next(n for n in aud.notes if n.column == "MntMeat").missing == 0


def test_negative_amounts_are_excluded():
    table = _customers()
    table["Total spent"] = np.arange(len(table), dtype=float) + 10
    table.loc[[7, 8], "Total spent"] = [-5.0, -1.0]
    aud = prepare_audience(table, "c.csv")
    note = next(n for n in aud.notes if n.column == "Total spent")
    assert (note.flagged, note.rule) == (2, "negative")
    assert aud.features["Total spent"][[7, 8]].isna().all()


def test_column_names_get_human_labels():
    from smmplan.audience import human_label

    assert human_label("TotalSpentCat3") == "Total spent cat 3"
    assert human_label("Year_Birth") == "Year birth"
    assert human_label("Annual Income (k$)") == "Annual Income (k$)"


def test_value_sums_several_spend_columns():
    table = _customers()
    aud = prepare_audience(table, "c.csv", {"value": "MntWines + MntMeat"})
    wines = pd.to_numeric(table["MntWines"], errors="coerce").fillna(0)
    expected = wines + table["MntMeat"]
    assert aud.value_column == "total value"
    kept = aud.features["total value"]
    assert kept.notna().all() and kept.tolist() == pytest.approx(
        expected.clip(upper=kept.max()).tolist())
    with pytest.raises(DataError, match="'MntFish' \\(mapped as 'value'\\)"):
        prepare_audience(table, "c.csv", {"value": "MntWines + MntFish"})
