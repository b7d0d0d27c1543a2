"""A lead bound and the months: each month keeps its demand share of the leads the budget
would buy and never passes the bound; what a capped month cannot use is not moved into
months of lower demand but held back (``lead_bound.paid_cap``)."""

from __future__ import annotations

from types import SimpleNamespace

import pandas as pd
import pytest

from smmplan.lead_bound import paid_cap
from smmplan.paid_months import free_in
from smmplan.paid_value import month_weights

MONTHS = [pd.Timestamp(f"2027-{m:02d}-01") for m in range(1, 13)]
DEMAND = {m: 2.0 if m == 3 else 0.5 if m in (7, 8) else 1.0 for m in range(1, 13)}
INDEX = dict.fromkeys(range(1, 13), 1.0)
BOUND = {"line": None, "capacity": 27.0, "fill": 0.0, "free": 27.0,
         "bound": {"baseline": 9.0, "basis": "data", "multiple": 3.0}}


def _model(per_lead: float):
    return SimpleNamespace(platform="linkedin",
                           chain=lambda x: {"conversions": x / per_lead})


def test_capped_months_do_not_feed_the_low_demand_months():
    model = _model(100.0)
    cap = paid_cap(BOUND, [model], [30000.0], MONTHS, MONTHS, {}, DEMAND, INDEX)
    share = month_weights("linkedin", MONTHS, {}, DEMAND, INDEX, [True] * 12)["conversions"]
    expected = sum(min(27.0, 300.0 * s) for s in share)
    assert cap == pytest.approx(expected)
    assert cap < free_in(BOUND, MONTHS) - 1  # not 12 x 27: March's surplus is held back
    # July keeps its own share of the 300 leads, not March's surplus
    july = 300.0 * share[6]
    assert july < 27.0 and cap - 27.0 * sum(300.0 * s >= 27.0 for s in share) == \
        pytest.approx(sum(300.0 * s for s in share if 300.0 * s < 27.0))


def test_free_seats_still_move_to_months_with_seats():
    seats = {k: v for k, v in BOUND.items() if k != "bound"}
    cap = paid_cap(seats, [_model(100.0)], [30000.0], MONTHS, MONTHS, {}, DEMAND, INDEX)
    assert cap == pytest.approx(free_in(seats, MONTHS))
