"""What a paid conversion is worth, per-source conversion rates, the minimum-spend rule and
the monthly phasing (smmplan/paid_value.py), without Jupyter."""

from __future__ import annotations

import copy
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from smmplan.brief import parse_brief
from smmplan.errors import BriefError
from smmplan.optimiser import saturation
from smmplan.paid_value import (
    conversion_value,
    customer_value,
    earns_its_floor,
    month_weights,
    web_cvr_by_platform,
)
from smmplan.paths import EXAMPLES_DIR

from .conftest import example_raw, standalone


def _brief(raw, folder: Path | None = None):
    return parse_brief(raw, (folder or Path(".")) / "brief.yaml")


def test_a_booking_is_valued_at_the_offer_it_books():
    raw = standalone(example_raw("bakery"))
    raw["budget"]["paid"] = {"conversion": "booking", "books": "Ateliers pain"}
    worth = conversion_value(_brief(raw), history_value=None)
    assert (worth.value, worth.margin, worth.basis) == (45, 55, "offer")
    assert worth.value * worth.margin / 100 == pytest.approx(24.75)
    raw["budget"]["paid"] = {"conversion": "booking"}
    mean = conversion_value(_brief(raw), history_value=None)
    assert mean.basis == "brief" and mean.value == pytest.approx((6.5 + 9 + 45) / 3)
    assert conversion_value(_brief(raw), history_value=30.0).value == 30.0


def test_books_must_name_an_offer_line():
    raw = standalone(example_raw("bakery"))
    raw["budget"]["paid"] = {"books": "Cours de pâtisserie"}
    with pytest.raises(BriefError, match="budget.paid.books.*Ateliers pain"):
        _brief(raw)


def test_customer_value_counts_repeat_orders_over_the_horizon(tmp_path):
    rows = [{"Customer ID": f"C{i}", "Orders Count": 4 + 4 * (i % 2),
             "Total Spent": 100.0 * (4 + 4 * (i % 2)),
             "Last Order Date": f"2026-{1 + i % 12:02d}-15"} for i in range(60)]
    pd.DataFrame(rows).to_csv(tmp_path / "audience.csv", index=False)
    raw = standalone(example_raw("fashion"))
    raw["data"] = {"audience": {"path": "audience.csv", "columns": {
        "id": "Customer ID", "value": "Total Spent"}}}
    raw["budget"]["paid"] = {"objective": "revenue", "customer_months": 12,
                             "customer_file_months": 36}
    brief = _brief(raw, tmp_path)
    value = customer_value(brief, margin=50.0)
    # 6 orders in 36 months -> 2 in 12, of 100 each: 200, break-even 100 at 50 %
    assert (value["orders"], value["order_value"], value["value"]) == (2.0, 100.0, 200.0)
    assert value["break_even"] == 100.0 and value["file_months_basis"] == "brief"
    raw["budget"]["paid"].pop("customer_file_months")  # from the dates: Jan-Dec, 11 months
    dated = customer_value(_brief(raw, tmp_path), margin=50.0)
    assert dated["file_months_basis"] == "dates" and dated["months"] < 12
    assert dated["orders"] == pytest.approx(6.0, abs=0.01)  # never beyond what it covers
    raw["budget"]["paid"]["books"] = raw["offer"][0]["name"]  # a booked offer is its own
    assert customer_value(_brief(raw, tmp_path), margin=50.0) is None


def test_customer_value_break_even_sets_the_stop_for_a_revenue_objective():
    from smmplan.budget import plan_paid
    from smmplan.validation import load_brief

    paid = plan_paid(load_brief(EXAMPLES_DIR / "fashion" / "brief.yaml"))
    assert paid.customer_value and paid.break_even_basis == "customer"
    assert paid.break_even_cpa == paid.customer_value["break_even"]
    assert paid.break_even_cpa > paid.first_order_break_even
    for u in paid.unearned:  # unfunded below break-even at the minimum useful spend
        assert u["marginal_cpa"] > paid.break_even_cpa
        assert next(c for c in paid.channels if c.platform == u["platform"]).spend == 0


def test_per_source_conversion_rates_need_enough_sessions():
    web = pd.DataFrame({"source": ["linkedin / social", "lnkd.in / referral", "x / social",
                                   "t.co / referral", "youtube / social", "google / organic"],
                        "sessions": [150, 100, 500, 0, 40, 900],
                        "conversions": [3, 2, 10, 0, 1, 30]})
    rates = web_cvr_by_platform(web, "ga4.csv")
    assert set(rates) == {"linkedin", "x"}  # youtube: 40 sessions, below the minimum
    assert rates["linkedin"].mid == pytest.approx(2.0) and rates["x"].mid == pytest.approx(2.0)
    assert rates["x"].basis == "client_web_source" and rates["x"].sources == ["ga4.csv"]


def test_a_platform_above_break_even_at_its_floor_is_not_funded():
    curve = lambda x: saturation(x, top=100.0, scale=1000.0)  # noqa: E731
    # marginal cost at spend s: scale / top * exp(s / scale) = 10 * e^(s/1000)
    ok, cost = earns_its_floor(curve, 1000.0, break_even=20.0)
    assert not ok and cost == pytest.approx(10 * np.e, rel=0.01)
    assert earns_its_floor(curve, 1000.0, break_even=30.0)[0]
    assert earns_its_floor(curve, 1000.0, break_even=None) == (True, None)


def test_spend_is_phased_where_a_unit_of_spend_returns_more():
    months = [pd.Timestamp(2027, m, 1) for m in range(1, 13)]
    flat = dict.fromkeys(range(1, 13), 1.0)
    demand = {**flat, 12: 2.0}
    w = month_weights("instagram", months, {"instagram": 1.0}, demand, flat)
    assert all(np.isclose(w[k].sum(), 1.0) for k in w)
    assert w["spend"].argmax() == 11 and w["conversions"].argmax() == 11
    assert np.allclose(w["spend"][:11], w["spend"][0])  # flat cost, flat demand elsewhere
    dear = month_weights("instagram", months, {"instagram": 2.0}, flat, flat)
    assert dear["spend"][11] < dear["spend"][0]  # Q4 costs twice as much: less spend there


def test_monthly_forecast_adds_up_and_the_text_reads_it(tmp_path):
    from smmplan.budget import plan_paid

    raw = copy.deepcopy(standalone(example_raw("bakery")))
    paid = plan_paid(_brief(raw, tmp_path))
    by = pd.DataFrame(paid.monthly).groupby("platform")[["spend", "conversions"]].sum()
    for c in paid.channels:
        if c.spend > 0:
            assert by.loc[c.platform, "spend"] == pytest.approx(c.spend, abs=0.1)
            assert by.loc[c.platform, "conversions"] == pytest.approx(c.conversions, abs=0.1)
    assert len({round(r["spend"]) for r in paid.monthly}) > 1  # not even
