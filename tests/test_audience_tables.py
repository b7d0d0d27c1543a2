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


def _category_spend(n: int = 400, seed: int = 5) -> pd.DataFrame:
    """A customer table with spend per product category ("Customer Personality" layout:
    MntWines, MntMeatProducts...) and purchase counts that are not amounts."""
    rng = np.random.default_rng(seed)
    favourite = rng.integers(0, 3, n)
    base = rng.uniform(20, 80, (n, 3))
    base[np.arange(n), favourite] *= 4  # each person spends most on one category
    return pd.DataFrame({"ID": np.arange(n) + 5000, "Year_Birth": rng.integers(1950, 2000, n),
                         "Income": rng.normal(50000, 15000, n).round(),
                         "MntWines": base[:, 0].round(), "MntMeatProducts": base[:, 1].round(),
                         "MntGoldProds": base[:, 2].round(),
                         "NumWebPurchases": rng.poisson(4, n),
                         "NumStorePurchases": rng.poisson(6, n)})


def test_per_category_spend_columns_are_found_by_their_shared_prefix():
    from smmplan.audience import CATEGORY_TOTAL, MAIN_CATEGORY, category_columns

    table = _category_spend()
    aud = prepare_audience(table, "c.csv")
    assert not any(n.flagged for n in aud.notes)  # no capped amount: raw sums hold
    assert aud.categories == {"Wines": "MntWines", "Meat products": "MntMeatProducts",
                              "Gold prods": "MntGoldProds"}
    spend = table[["MntWines", "MntMeatProducts", "MntGoldProds"]]
    expected = spend.idxmax(axis=1).map({c: k for k, c in aud.categories.items()})
    assert aud.product_column == MAIN_CATEGORY
    assert aud.features[MAIN_CATEGORY].astype(str).tolist() == expected.tolist()
    assert aud.value_column == CATEGORY_TOTAL
    assert aud.features[CATEGORY_TOTAL].tolist() == pytest.approx(spend.sum(axis=1).tolist())
    assert MAIN_CATEGORY not in aud.categorical + aud.numeric  # not clustered twice
    shares = aud.category_shares()
    assert sum(shares.values()) == pytest.approx(100)
    assert shares["Wines"] == pytest.approx(spend["MntWines"].sum() / spend.sum().sum() * 100)
    roles = aud.roles()
    assert roles["product_source"] == "categories"
    assert roles["categories"]["MntWines"] == "Wines"
    # a suffix works too; counts ("Num...Purchases") and totals are not categories
    assert category_columns(["shoes_spend", "bags_spend", "total_spend", "age"]) == {
        "Shoes": "shoes_spend", "Bags": "bags_spend"}
    assert category_columns(["spend_shoes", "spend_bags"]) == {"Shoes": "spend_shoes",
                                                              "Bags": "spend_bags"}
    assert category_columns(["NumWebPurchases", "NumStorePurchases", "Total Spent"]) == {}


def test_per_category_spend_columns_from_the_column_map():
    table = _category_spend()
    aud = prepare_audience(table, "c.csv", {"categories": "MntWines + MntGoldProds"})
    assert aud.categories == {"Wines": "MntWines", "Gold prods": "MntGoldProds"}
    labelled = prepare_audience(table, "c.csv", {"category.Wine": "MntWines",
                                                 "category.Jewellery": "MntGoldProds",
                                                 "value": "Income"})
    assert labelled.categories == {"Wine": "MntWines", "Jewellery": "MntGoldProds"}
    assert labelled.value_column == "Income"  # a mapped value is kept
    assert "category.Wine" not in labelled.features  # the map's keys rename nothing
    with pytest.raises(DataError, match="'MntFish' \\(mapped as 'categories'\\)"):
        prepare_audience(table, "c.csv", {"categories": "MntWines + MntFish"})
    table["Tier"] = np.where(table["Income"] > 50000, "gold", "silver")
    with pytest.raises(DataError, match="'Tier' \\(mapped as 'categories'\\) does not hold"):
        prepare_audience(table, "c.csv", {"category.Tier": "Tier"})


def test_category_spend_gives_offer_lines_their_sub_targets_and_personas_what_they_buy(
        tmp_path):
    from smmplan import views as v
    from smmplan.plan import Plan
    from smmplan.validation import load_brief

    from .conftest import example_raw, standalone, write_brief

    _category_spend(600).to_csv(tmp_path / "customers.csv", index=False)
    raw = standalone(example_raw("fashion"))
    raw["data"] = {"audience": {"path": "customers.csv",
                                "columns": {"id": "ID", "categories":
                                            "MntWines + MntMeatProducts + MntGoldProds"}}}
    raw["offer"] = [
        {"name": "Cellar", "average_order_value": 60, "audience_values": ["Wines"]},
        {"name": "Butcher", "average_order_value": 40, "audience_values": ["MntMeatProducts"]},
        {"name": "Jewellery", "average_order_value": 200, "audience_values": ["Gold prods"]}]
    plan = Plan(load_brief(write_brief(tmp_path, raw)))
    tg = plan.targets
    assert tg.roles["product_source"] == "categories"
    main = plan.audience.features["main category"].astype(str)
    rows = {lt.line: lt.rows for lt in tg.lines}
    assert rows == {"Cellar": int((main == "Wines").sum()),
                    "Butcher": int((main == "Meat products").sum()),
                    "Jewellery": int((main == "Gold prods").sum())}
    assert {lt.method for lt in tg.lines} == {"clustered"}
    assert all(p.buys and p.buys[0]["share"] >= p.buys[-1]["share"] for p in tg.personas)
    text = " ".join(s.html() for s in (v.target_personas(plan), v.sub_targets(plan),
                                       v.targets_intro(plan)))
    assert "What they buy" in text and "no product information" not in text
    assert "spend by product category" in text
    assert "Mnt" not in text  # human labels, never the raw column names


def test_validate_names_a_missing_category_column(tmp_path):
    from smmplan.errors import SmmplanError
    from smmplan.validation import load_brief

    from .conftest import example_raw, standalone, write_brief

    _category_spend().to_csv(tmp_path / "customers.csv", index=False)
    raw = standalone(example_raw("fashion"))
    raw["data"] = {"audience": {"path": "customers.csv",
                                "columns": {"categories": "MntWines + MntFish"}}}
    with pytest.raises(SmmplanError, match=r"data.audience.columns.categories: column "
                                           r"'MntFish' is not in customers.csv"):
        load_brief(write_brief(tmp_path, raw))
