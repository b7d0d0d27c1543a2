"""The value-by-month table's words match its figures (review 19, C3): a note that says
the value is "the same every month" only when the table's value column is, and no index
column that is the same in every row (it says nothing)."""

from __future__ import annotations

from html import unescape

import pytest

from smmplan.paths import EXAMPLES_DIR
from smmplan.plan import load_plan
from smmplan.views.order_value_table import order_value_table


@pytest.mark.parametrize("example", ["b2b-software", "fashion", "bakery"])
def test_no_constant_column_and_the_note_matches_the_values(example):
    plan = load_plan(EXAMPLES_DIR / example / "brief.yaml")
    tr = plan.tr
    blocks = order_value_table(plan)
    table = plan.record.tables["order_value_by_month"]
    keys = [c["key"] for c in table["columns"]]
    index = [plan.paid.order_value["index"][int(r["month"][5:7])]
             for r in plan.paid.monthly if r["platform"] == plan.paid.monthly[0]["platform"]]
    assert ("index" in keys) == (len({round(v, 4) for v in index}) > 1)
    values = {tr.money(r["order_value"], 2) for r in table["rows"] if r["order_value"] == r[
        "order_value"]}  # months with conversions
    text = unescape(" ".join(str(getattr(b, "markup", "")) for b in blocks))
    flat = {tr.t(k) for k in ("budget.order_value_flat", "budget.order_value_flat_lead")}
    if len(values) > 1:  # the value moves: no sentence saying it does not
        assert not any(f in text for f in flat)
