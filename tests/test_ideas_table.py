"""The ideas table (chapter 4, ``views.channels.content_plan``): an idea the calendar dates
is listed once, on its dated row, not again undated (review14, Lune 5: "Dresses: repaired,
not replaced" twice, once with "29 Jan 2027"; Fournil 3: the voucher twice)."""

from __future__ import annotations

import functools

import pytest

from smmplan.plan import Plan
from smmplan.validation import load_brief
from smmplan.views.channels import content_plan


@functools.cache
def _rows(name: str) -> list[dict]:
    plan = Plan(load_brief(f"data/examples/{name}/brief.yaml"))
    content_plan(plan)
    return plan.record.tables["ideas"]["rows"]


@pytest.mark.parametrize("name", ["fashion", "bakery", "b2b-software"])
def test_a_dated_idea_is_not_listed_again_undated(name):
    rows = _rows(name)
    dated = {r["text"] for r in rows if r["moment"]}
    assert dated  # every example dates some ideas (key moments, one-post ideas)
    assert not [r["text"] for r in rows if not r["moment"] and r["text"] in dated]
    assert not [r for r in rows if r["moment"].strip().endswith("·")]


def test_each_repair_story_is_one_dated_row():
    repairs = [r for r in _rows("fashion") if "repaired, not replaced" in r["text"]]
    assert len(repairs) == 6 and all(r["moment"] for r in repairs)
    assert len({r["text"] for r in repairs}) == 6
