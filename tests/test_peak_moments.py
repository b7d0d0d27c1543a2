"""The summary names the sector's moments of the year's strongest months, in date order."""

from __future__ import annotations

from smmplan.views.summary import peak_moments


def _date(name: str, date: str, kind: str = "sector") -> dict:
    return {"name": name, "date": date, "kind": kind}


def test_a_late_peak_is_named_before_earlier_weaker_moments():
    demand = {m: 1.0 for m in range(1, 13)} | {3: 1.08, 6: 1.06, 9: 1.07, 10: 1.05, 12: 1.15}
    dates = [_date("Quarter end (Q1)", "2027-03-31"), _date("Quarter end (Q2)", "2027-06-30"),
             _date("Summit", "2027-09-20"), _date("Quarter end (Q3)", "2027-09-30"),
             _date("Launch week", "2027-10-12"), _date("Year-end budgets", "2026-12-15"),
             _date("Christmas", "2026-12-25", kind="public")]
    named = peak_moments(dates, demand, 4, 1.05)
    # December (1.15) first in strength, then March, September (two), June; said by date
    assert named == ["Year-end budgets", "Quarter end (Q1)", "Summit", "Quarter end (Q3)"]
    assert "Christmas" not in named and "Launch week" not in named


def test_no_strong_month_no_moment_and_a_repeated_name_once():
    flat = {m: 1.0 for m in range(1, 13)}
    assert peak_moments([_date("Sale", "2027-01-10")], flat, 4, 1.05) == []
    strong = flat | {1: 1.2}
    assert peak_moments([_date("Sale", "2027-01-10"), _date("Sale", "2027-01-24")],
                        strong, 4, 1.05) == ["Sale"]
