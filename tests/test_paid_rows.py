"""The ads history's rates come from its conversion rows (awareness rows count for reach),
the reachable audience is at least what the history reached, and the realistic revenue goal
counts each repeat pound once."""

import pandas as pd
import pytest

from smmplan.calibration import effective_audience, platform_histories
from smmplan.exports.ads import ads_frame
from smmplan.goal_gap import repeat_from, repeat_in_paid

COLUMNS = {"spend": "Spend", "impressions": "Impressions", "clicks": "Clicks",
           "conversions": "Purchases"}


def _table() -> pd.DataFrame:
    return pd.DataFrame({
        "Platform": ["TikTok"] * 4,
        "Objective": ["Sales", "Awareness", "Sales", "Video views"],
        "Reporting starts": ["2026-01-01", "2026-01-01", "2026-02-01", "2026-02-01"],
        "Reporting ends": ["2026-01-31", "2026-01-31", "2026-02-28", "2026-02-28"],
        "Spend": [1000.0, 1000.0, 1000.0, 1000.0],
        "Impressions": [100000, 300000, 100000, 600000],
        "Reach": [60000, 150000, 50000, 400000],
        "Clicks": [1000, 1000, 1000, 1000],
        "Purchases": [20, 2, 30, 2]})


def test_awareness_rows_are_left_out_of_the_rates():
    frame = ads_frame(_table(), COLUMNS)
    assert list(frame["awareness"]) == [False, True, False, True]
    h = platform_histories(frame, 12, 1)["tiktok"]
    assert h.rows == 2 and h.awareness_rows == 2
    assert h.spend == pytest.approx(2000) and h.awareness_spend == pytest.approx(2000)
    assert h.conversions == pytest.approx(50)
    assert h.rates["cvr"][1] == pytest.approx(2.5)  # 50 / 2,000 clicks, not 54 / 4,000


def test_audience_is_the_median_month_with_awareness_reach():
    frame = ads_frame(_table(), COLUMNS)
    h = platform_histories(frame, 12, 1)["tiktok"]
    months = [effective_audience(400000, 210000), effective_audience(700000, 450000)]
    assert h.audience == pytest.approx(sum(months) / 2)  # the median of two months
    assert h.audience_source == "median" and h.audience_month is None


def test_audience_never_below_the_most_people_reached_in_a_month():
    march = _table().iloc[2:].assign(**{"Reporting starts": "2026-03-01",
                                         "Reporting ends": "2026-03-31"})
    jan = _table().iloc[:2]
    frame = ads_frame(pd.concat([jan, jan.assign(**{"Reporting starts": "2026-02-01",
                                                      "Reporting ends": "2026-02-28"}),
                                 march]), COLUMNS)
    h = platform_histories(frame, 12, 1)["tiktok"]
    # median month 273,166 people, below the 450,000 March reached: the floor holds
    assert effective_audience(400000, 210000) < 450000
    assert h.audience == pytest.approx(450000)
    assert h.audience_source == "reached" and h.audience_month == "2026-03-01"


def test_without_objective_column_every_row_counts():
    frame = ads_frame(_table().drop(columns="Objective"), COLUMNS)
    h = platform_histories(frame, 12, 1)["tiktok"]
    assert h.rows == 4 and h.awareness_rows == 0 and h.conversions == pytest.approx(54)


def test_repeat_revenue_in_paid_is_not_counted_twice():
    cv = {"customers": 1000, "orders_per_customer": 2.0, "file_months": 24,
          "order_value": 50.0}
    gross = repeat_from(cv, 12)
    assert gross == pytest.approx(25000)
    assert repeat_in_paid(cv, 20000) == pytest.approx(10000)  # half the orders are repeats
    assert repeat_in_paid({**cv, "orders_per_customer": 1.0}, 20000) == 0.0
    assert repeat_in_paid(None, 20000) == 0.0
