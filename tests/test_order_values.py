"""Order value by month: the sector's index or the client's own, used in the monthly
revenue forecast (revenue = the month's conversions x the month's order value)."""

from __future__ import annotations

import pandas as pd
import pytest

from smmplan.budget import plan_paid
from smmplan.order_values import client_order_values, monthly_order_values
from smmplan.paths import example_briefs
from smmplan.sectors import order_value_by_month, sector_kinds
from smmplan.validation import load_brief


def test_every_sector_index_averages_one_so_the_year_mean_is_the_briefs_order_value():
    for kind in sector_kinds():
        index = order_value_by_month(kind)
        assert sorted(index) == list(range(1, 13))
        assert sum(index.values()) / 12 == pytest.approx(1.0, abs=0.01)
        values = monthly_order_values(80.0, index)
        assert sum(values.values()) / 12 == pytest.approx(80.0, abs=0.8)
    fashion = order_value_by_month("retail_fashion")
    assert fashion[1] < fashion[12] and fashion[8] < fashion[10]  # sourced shape


def test_monthly_revenue_uses_that_months_order_value():
    path = next(p for p in example_briefs() if p.parent.name == "fashion")
    paid = plan_paid(load_brief(path))
    index = paid.order_value["index"]
    assert paid.order_value["basis"] in ("history", "sector")
    rows = pd.DataFrame(paid.monthly)
    rows = rows[rows["conversions"] > 0]
    for _, group in rows.groupby("platform"):
        idx = [index[pd.Timestamp(m).month] for m in group["month"]]
        per_index = group["revenue"] / group["conversions"] / idx
        assert per_index.max() == pytest.approx(per_index.min(), rel=0.02)  # one mean basket
    # the months' revenue adds up to the forecast's
    assert rows["revenue"].sum() == pytest.approx(paid.totals["revenue"], rel=1e-3)


def test_the_clients_own_monthly_order_values_come_first():
    frame = pd.DataFrame({
        "start": pd.to_datetime(["2025-01-05", "2025-02-05", "2025-11-05", "2025-12-05"]),
        "conversions": [10, 10, 10, 10], "revenue": [800, 800, 1200, 1200],
        "spend": [1, 1, 1, 1]})
    index = client_order_values(frame)
    assert index is not None and sum(index.values()) / 12 == pytest.approx(1.0, abs=1e-3)
    assert index[12] / index[1] == pytest.approx(1.5, rel=1e-3)
    assert index[6] == pytest.approx(index[7])  # months without data are neutral
    assert client_order_values(frame.drop(columns="revenue")) is None
    assert client_order_values(frame.iloc[:2]) is None  # fewer than three months
