"""Each target's own stop threshold (its value per conversion x the margin) when the
targets' values differ, and a discovery message for prospecting aimed at a target whose
card speaks to customers (the fashion example: T1's card is 'Recognise and keep them')."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from smmplan.plan import Plan
from smmplan.target_stops import prospecting_swaps, target_stops
from smmplan.validation import load_brief


@pytest.fixture(scope="module")
def fashion() -> Plan:
    return Plan(load_brief("data/examples/fashion/brief.yaml"))


def _paid(values: list[float]) -> SimpleNamespace:
    rows = [{"platform": "instagram", "target": k, "funded": True, "spend": 100.0,
             "conversions": 10.0, "revenue": 10 * v} for k, v in enumerate(values)]
    return SimpleNamespace(break_even_cpa=50.0, margin=50.0, aov=100.0, lead_values={},
                           break_even_basis="first_order", by_target=rows)


def test_thresholds_follow_each_targets_value():
    stops = target_stops(_paid([130.0, 70.0]))
    assert [s["stop"] for s in stops] == [65.0, 35.0]
    assert target_stops(_paid([100.0, 100.3])) == []  # one value: the plan's one rule


def test_fashion_states_a_stop_per_target(fashion):
    from smmplan.views.budget import budget_appendix
    from smmplan.views.summary import reporting

    tr, paid = fashion.tr, fashion.paid
    stops = target_stops(paid)
    low = min(stops, key=lambda s: s["stop"])
    high = max(stops, key=lambda s: s["stop"])
    assert low["stop"] < paid.break_even_cpa < high["stop"]
    html = budget_appendix(fashion).html()
    for s in stops:
        assert tr.money(s["stop"], 2) in html
    assert "Each target has its own stop threshold" in html
    assert any(tr.money(low["stop"], 2) in line for line in reporting(fashion))


def test_prospecting_to_a_customer_card_carries_discovery(fashion):
    from smmplan.views.budget import budget_appendix

    swaps = prospecting_swaps(fashion.paid, fashion.targets.personas)
    assert swaps and all(s["card"] in ("premium", "winback", "loyal") for s in swaps)
    t1 = next(s for s in swaps if s["target"] == 0)
    assert "tiktok" in t1["platforms"]
    html = budget_appendix(fashion).html()
    assert "carry a discovery message" in html and "Be discovered" in html


def test_thresholds_held_to_the_platforms_own_history_value():
    paid = _paid([130.0, 70.0])
    paid.by_target[1]["funded"] = False  # only the 130 target is bought there
    paid.calibration = {"instagram": {"revenue": 9_000.0, "conversions": 100.0}}  # 90 each
    stop = target_stops(paid)[0]
    assert stop["stop"] == pytest.approx(45.0) and stop["planned_stop"] == pytest.approx(65.0)
    assert stop["history_value"] == 90.0
    paid.calibration = {"instagram": {"revenue": 14_000.0, "conversions": 100.0}}  # above
    assert "history_value" not in target_stops(paid)[0]  # the target's own value stands


def test_fashion_tiktok_held_to_its_history_and_says_so(fashion):
    from smmplan.views.summary import reporting
    from smmplan.views.target_stops import held_notes

    tr, paid = fashion.tr, fashion.paid
    cal = paid.calibration["tiktok"]
    tiktok = [s for s in target_stops(paid) if s["platform"] == "tiktok"]
    value = cal["revenue"] / cal["conversions"]
    assert tiktok and all(s["stop"] == pytest.approx(value * paid.margin / 100, abs=0.01)
                          for s in tiktok)
    note = " ".join(held_notes(fashion))
    assert tr.money(value, 2) in note and tr.money(tiktok[0]["planned_stop"], 2) in note
    assert any(tr.money(value, 2) in line for line in reporting(fashion))


def test_low_scenario_values_at_the_history_where_the_plan_expects_more():
    from smmplan.target_stops import low_values

    models = [SimpleNamespace(platform="tiktok"), SimpleNamespace(platform="instagram")]
    fitted = {"tiktok": SimpleNamespace(value=87.0), "instagram": SimpleNamespace(value=90.0)}
    out, held = low_values(models, [110.0, 90.5], fitted)
    assert out == [87.0, 90.5]  # within 1 % of its history: the plan's value stands
    assert held == {"tiktok": {"value": 87.0, "planned": 110.0}}


def test_fashion_low_scenario_counts_tiktok_at_its_history(fashion):
    from smmplan.views.target_stops import low_notes

    tr, low = fashion.tr, fashion.paid.scenarios["low"]
    cal = fashion.paid.calibration["tiktok"]
    held = low["history_values"]["tiktok"]
    assert held["value"] == pytest.approx(cal["revenue"] / cal["conversions"], abs=0.01)
    assert held["planned"] > held["value"]
    assert tr.money(held["value"], 2) in low_notes(fashion)[0]
