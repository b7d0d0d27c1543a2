"""Rows a client reads as noise: a fixed-price booked offer's order value drifting by a
few cents from month to month (or blank in a month without bookings), and workload rows
of 0.0 hours."""

from __future__ import annotations

from .conftest import plan_json


def test_a_booked_offers_order_value_is_its_price_every_month(built):
    rows = plan_json(built["plans"]["maison-fournil"])["tables"]["order_value_by_month"]["rows"]
    assert len(rows) == 12 and {r["order_value"] for r in rows} == {45.0}


def test_no_workload_row_of_zero_hours(built):
    for folder in built["plans"].values():
        rows = plan_json(folder)["tables"].get("team_workload", {}).get("rows", [])
        hours = [[v for k, v in r.items() if k not in ("name", "posts")] for r in rows]
        assert all(any(h) for h in hours), folder.name
