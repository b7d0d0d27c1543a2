"""The growth option funded from the paid budget held back (``smmplan/growth_track.py``):
each step sized on the plan's own figures, gated, dated, its budget taken out of the
held-back amount (one value everywhere), shown in the paid chapter apart from the base
forecast."""

from __future__ import annotations

import copy
import math
from types import SimpleNamespace

import pytest

from smmplan import growth_track as gt
from smmplan.benchmarks import Range
from smmplan.budget import ChannelModel
from smmplan.budget_sweep import break_even_budget
from smmplan.checks import run
from smmplan.i18n import Translator
from smmplan.plan import Plan
from smmplan.validation import load_brief
from smmplan.views.growth_track import growth_blocks, growth_steps, summary_note
from smmplan.views.reserve import reserve_rows

SPLIT = "paid envelope = spent + programme + growth option + held back"


@pytest.fixture(scope="module")
def plans() -> dict:
    return {name: Plan(load_brief(f"data/examples/{name}/brief.yaml"))
            for name in ("fashion", "b2b-software", "bakery")}


def test_creator_sample_reads_the_advantage_and_never_falls_under_the_plans_sample():
    n = gt.creator_sample(19, 1.96, 0.84, 30)
    keep = 0.81  # the creator arm's count at the same spend is n / keep
    se = math.sqrt(1 / n + keep / n)
    assert math.log(1 / keep) / se >= 1.96 + 0.84  # the difference is read
    smaller = gt.creator_sample(19, 1.96, 0.84, n + 50)
    assert smaller == n + 50  # never fewer than the plan's own test sample
    assert gt.creator_sample(10, 1.96, 0.84, 30) > n  # a smaller advantage needs more
    assert gt.creator_sample(0, 1.96, 0.84, 30) == 30


def _paid(worth: float, held: float = 500_000.0):
    sweep = [{"budget": b, "conversions": c, "marginal_cpa": m} for b, c, m in [
        (50_000, 2000, None), (100_000, 3500, 33.3), (150_000, 4600, 45.5),
        (200_000, 5400, 62.5), (250_000, 6000, 83.3), (300_000, 6400, 125.0)]]
    return SimpleNamespace(
        customer_value={"break_even": worth, "value": 110.0, "months": 12},
        break_even_cpa=50.0, sweep=sweep, total=150_000.0,
        scenarios={"low": {"conversions": 900}, "mid": {"conversions": 1000},
                   "high": {"conversions": 1100}},
        paid_months=[f"2027-{m:02d}-01" for m in range(1, 13)],
        held_back={"budget": held, "conversions": 100.0})


def test_new_customer_line_is_the_budget_tables_break_even_at_the_customer_value():
    import datetime as dt

    step = gt.new_customer_step(_paid(65.0), 500_000.0, dt.date(2027, 3, 1))
    assert step["budget"] == round(break_even_budget(_paid(65.0).sweep, 65.0) - 150_000, -2)
    assert step["stop"] == step["bid"] == 65.0
    low, high = step["conversions"]
    assert low < high and step["revenue"] == [round(low * 110, 2), round(high * 110, 2)]
    more = gt.new_customer_step(_paid(80.0), 500_000.0, dt.date(2027, 3, 1))
    assert more["budget"] > step["budget"]  # a higher customer value buys more
    capped = gt.new_customer_step(_paid(80.0), 10_000.0, dt.date(2027, 3, 1))
    assert capped["budget"] == 10_000.0  # never more than the reserve
    assert gt.new_customer_step(_paid(45.0), 500_000.0, dt.date(2027, 3, 1)) is None


def _model() -> ChannelModel:
    def rng(v):
        return Range(v * 0.9, v, v * 1.1, ["test"], "test")

    return ChannelModel("instagram", rng(10.0), rng(1.0), rng(3.0), 1_000_000, 3, 1.0,
                        periods=12)


def test_q4_room_keeps_the_last_purchase_under_break_even_and_grows_with_the_gate():
    rows = {m: {"spend": 6000.0, "conversions": 180.0} for m in ("2027-11-01", "2027-12-01")}
    months = list(rows)
    room = gt._q4_room(_model(), rows, months, 1.0, 20, 50.0, 1e6)
    assert room is not None
    budget, extra, g, now = room
    assert g == pytest.approx(1.25) and extra > 0 and now > 0
    at = gt.replace(_model(), periods=2)
    k = 360 / float(at.chain(12_000.0)["conversions"])
    last = 1 / (g * k * float(at.chain(12_000 + budget + 1)["conversions"]
                              - at.chain(12_000 + budget)["conversions"]))
    assert last <= 50.0 * 1.01
    wider = gt._q4_room(_model(), rows, months, 1.0, 30, 50.0, 1e6)
    assert wider[0] > budget  # a stricter gate (a cheaper October) leaves more room
    assert gt._q4_room(_model(), rows, months, 1.0, 20, 50.0, 500.0)[0] <= 500.0
    assert gt._q4_room(_model(), rows, months, 1.0, 20, 5.0, 1e6) is None


def test_with_growth_takes_the_option_out_of_the_held_back_amount(monkeypatch):
    option = {"steps": [{"budget": 30_000.0}], "budget": 30_000.0, "revenue": [1.0, 2.0],
              "held_before": 100_000.0}
    monkeypatch.setattr(gt, "growth_option", lambda brief, paid, models: option)
    paid = SimpleNamespace(held_back={"budget": 100_000.0, "conversions": 1000.0},
                           sweep=[], total=50_000.0)
    out = gt.with_growth(None, [], paid)
    assert out.held_back["budget"] == 70_000.0
    assert out.held_back["conversions"] == 700.0  # no budget curve: in proportion
    assert out.held_back["growth"] is option


def test_what_the_rest_buys_is_read_on_the_budget_curve():
    """Returns fall as spend grows: the first 70,000 on top of the plan buy more than 70 %
    of what the whole 100,000 would (Lune's reserve: 3,503, not 3,141 in proportion); never
    more than the whole amount's own figure (its month caps)."""
    from smmplan.paid_model import curve_gain, held_less

    sweep = [{"budget": b, "conversions": c} for b, c in
             [(50_000.0, 1000.0), (100_000.0, 1600.0), (150_000.0, 2000.0)]]
    paid = SimpleNamespace(held_back={"budget": 100_000.0, "conversions": 1000.0,
                                      "marginal_cpa": 100.0}, sweep=sweep, total=50_000.0)
    assert curve_gain(sweep, 50_000.0, 70_000.0) == 760.0  # 1,760 at 120,000 - 1,000
    out = held_less(paid, 30_000.0)
    assert out["budget"] == 70_000.0 and out["conversions"] == 760.0
    assert out["marginal_cpa"] == round(70_000 / 760, 2)
    assert curve_gain(sweep, 50_000.0, 120_000.0) is None  # beyond the curve
    capped = SimpleNamespace(held_back={"budget": 100_000.0, "conversions": 500.0},
                             sweep=sweep, total=50_000.0)
    assert held_less(capped, 30_000.0)["conversions"] == 500.0


def test_fashion_option_adds_up_to_the_envelope_gated_and_dated(plans):
    paid = plans["fashion"].paid
    g = paid.held_back["growth"]
    kinds = [s["kind"] for s in g["steps"]]
    assert kinds[:2] == ["creator", "new_customer"]  # creators whitelisted, customer value
    parts = paid.total + paid.retention["budget"] + g["budget"] + paid.held_back["budget"]
    assert parts == pytest.approx(paid.envelope, abs=0.02)
    assert g["budget"] == pytest.approx(sum(s["budget"] for s in g["steps"]))
    for s in g["steps"]:
        assert s["stop"] and s["read"] > s["start"] and s["conversions"][0] <= s["conversions"][1]
    creator = g["steps"][0]
    assert creator["stop"] == round(paid.break_even_cpa, 2)
    assert creator["cpa_today"] == paid.calibration["instagram"]["retargeting"][
        "prospecting_cpa"]
    assert creator["on_top"] == pytest.approx(2 * creator["n"] * creator["cpa_today"],
                                              abs=0.01)
    assert g["steps"][1]["bid"] == paid.customer_value["break_even"]
    # the base forecast stays the base: the option's revenue is not in it
    assert paid.totals["revenue"] == pytest.approx(paid.scenarios["mid"]["revenue"], abs=1)


def test_no_option_without_a_reserve_or_under_a_lead_bound(plans):
    assert "growth" not in (plans["b2b-software"].paid.held_back or {})
    assert plans["bakery"].paid.held_back is None


def test_paid_chapter_shows_the_table_and_the_revenue_apart(plans):
    plan = plans["fashion"]
    tr, g, paid = plan.tr, plan.paid.held_back["growth"], plan.paid
    html = " ".join(b.markup for b in growth_blocks(plan))
    assert "Growth option (from the reserve)" in html
    assert "If every gate opens" in html
    assert tr.money(paid.totals["revenue"] + g["revenue"][1]) in html
    amounts = [r["amount"] for r in reserve_rows(plan)]  # the envelope, line by line
    for amount in (paid.total, paid.retention["budget"], g["budget"], paid.envelope):
        assert amount in amounts
    assert tr.money(g["budget"]) in summary_note(plan)
    assert len(growth_steps(plan)) == len(g["steps"])
    assert growth_blocks(plans["b2b-software"]) == [] and growth_blocks(plans["bakery"]) == []


def test_french_texts_render(plans):
    plan = copy.copy(plans["fashion"])
    plan.tr = Translator("fr", "fr_FR", "GBP")
    texts = [summary_note(plan), *[t for _, t in growth_steps(plan)],
             *[r["line"] + " " + r["when"] for r in reserve_rows(plan)]]
    html = " ".join(b.markup for b in growth_blocks(plan))
    assert "Option de croissance" in html and "{" not in html
    assert all("{" not in t for t in texts)
    assert all(" :" not in t and " ;" not in t for t in [*texts, html])


def test_plan_checks_cover_the_option(plans):
    data = plans["fashion"].to_json()
    names = {c.name: c.ok for c in run(data)}
    assert names[SPLIT]
    assert names["growth option = its steps, each gated and dated, out of the held back"]
    data["budget"]["held_back"]["growth"]["budget"] += 500  # no longer adds up
    assert not {c.name: c.ok for c in run(data)}[SPLIT]


def test_the_gates_are_in_what_we_need_from_the_client(plans):
    # review 14, Lune 4: the gates (creators' usage rights, the new / returning flag) were
    # not in "what we need from you"
    from smmplan.views.client_needs import client_needs

    plan = plans["fashion"]
    steps = {s["kind"]: s for s in plan.paid.held_back["growth"]["steps"]}
    needs = client_needs(plan)
    assert any("paid-usage rights" in n and "Instagram" in n for n in needs)
    assert any("new / returning customer flag" in n for n in needs)
    assert {"creator", "new_customer"} <= set(steps)


def test_the_scale_rule_holds_each_platform_to_its_own_forecast(plans):
    # review 14, Lune 3: "below the forecast's £29.29" fired for Instagram at its own
    # forecast (£25.65) and never for TikTok (£50.57)
    from smmplan.views.summary import reporting

    plan = plans["fashion"]
    each = plan.conversion_only["platforms"]
    assert len(each) > 1
    rule = next(t for t in reporting(plan) if t.startswith("Scale: a platform"))
    for platform, cost in each.items():
        assert plan.tr.money(cost, 2) in rule, platform
    assert plan.tr.money(plan.conversion_only["average"], 2) not in rule


def test_a_steps_low_end_never_buys_past_its_own_stop(plans):
    # review 14, Lune 1: "218 purchases for £20,666" is £94.80 a purchase against the
    # £52.26 stop: the low end spent money the stop rule would have kept
    steps = plans["fashion"].paid.held_back["growth"]["steps"]
    assert any(s.get("paused") for s in steps)
    for s in steps:
        low_spend, high_spend = s["spend"]
        assert high_spend == s["budget"] and low_spend <= s["budget"]
        if s.get("paused"):
            assert s["paused"]["cost"] > s["stop"] and low_spend < s["budget"]
            assert s["conversions"][0] * s["paused"]["cost"] == pytest.approx(low_spend,
                                                                               rel=0.01)
        elif s["budget"]:  # a split inside the planned spend buys nothing on top
            assert s["budget"] / s["conversions"][0] <= s["stop"] + 0.01
    g = plans["fashion"].paid.held_back["growth"]
    assert g["revenue"][0] == pytest.approx(sum(s["revenue"][0] for s in steps), abs=0.05)


def test_paused_low_cuts_the_low_end_to_its_first_check():
    step = {"kind": "creator", "budget": 6000.0, "stop": 50.0, "weeks": 6,
            "conversions": [60.0, 200.0], "revenue": [6000.0, 20000.0]}
    out = gt.paused_low(step)
    weeks = gt.facts()["first_check_weeks"]
    assert out["spend"] == [pytest.approx(6000 * weeks / 6), 6000.0]
    assert out["conversions"] == [pytest.approx(60 * weeks / 6, abs=0.1), 200.0]
    assert out["paused"]["cost"] == 100.0
    fine = gt.paused_low(step | {"conversions": [150.0, 200.0]})
    assert fine["spend"] == [6000.0, 6000.0] and "paused" not in fine


def test_split_weeks_runs_until_the_studio_arm_reaches_its_sample():
    import datetime as dt

    days = {"2027-01-01": (100.0, 10.0), "2027-02-01": (100.0, 10.0),
            "2027-03-01": (100.0, 10.0)}
    weeks, arm, studio = gt.split_weeks(days, dt.date(2027, 1, 4), 320, 50)
    assert weeks == 10  # 5 purchases a day for the studio arm: 320 after 64 days
    assert studio == pytest.approx(350) and arm == pytest.approx(70 * 50)
    assert studio - 35 < 320 <= studio  # one week less would not reach the sample
    assert gt.split_weeks(days, dt.date(2027, 1, 4), 320, 25)[0] == 7  # a 75% studio arm
    assert gt.split_weeks(days, dt.date(2027, 1, 4), 1000, 50) is None  # months run out


def test_the_creator_test_is_a_split_inside_the_planned_spend(plans):
    """Review14 (Lune 2): the test added £20,666 on top of the plan when a 50/50 split
    of the planned Instagram prospecting answers the same question at no extra cost."""
    paid = plans["fashion"].paid
    g = paid.held_back["growth"]
    steps = {s["kind"]: s for s in g["steps"]}
    creator = steps["creator"]
    assert creator["budget"] == 0 and creator["inside"] and creator["split"] == 50
    assert g["budget"] == pytest.approx(sum(s["budget"] for s in g["steps"]
                                            if s["kind"] != "creator"))
    assert creator["studio"] >= creator["n"] > 30  # the power computation's sample
    start, read = (gt.dt.date.fromisoformat(creator[k]) for k in ("start", "read"))
    assert (read - start).days == 7 * creator["weeks"]
    # each arm's spend is half the platform's planned prospecting over those weeks:
    # its conversion spend less the retargeting pool, never more than the whole spend
    ig = next(c for c in paid.channels if c.platform == creator["platform"])
    assert creator["arm"] < ig.conversion_spend * creator["weeks"] / 52 / 2
    # the money freed stays held back: the new-customer line is sized by its curve
    nc = steps["new_customer"]
    assert nc["limit"] == "curve" and nc["budget"] < paid.held_back["budget"]
    assert nc["budget"] == round(break_even_budget(paid.sweep, nc["bid"]) - paid.total, -2)
    html = " ".join(b.markup for b in growth_blocks(plans["fashion"]))
    assert "none on top of the plan" in html and "stays held back" in html
    summary = summary_note(plans["fashion"])
    assert "runs inside the planned Instagram spend, at no extra cost" in summary
    paid_steps = [s for s in g["steps"] if s["budget"] > 0]
    assert ("only if its gate opens" in summary) == (len(paid_steps) == 1)  # not "each"
    assert ("only if each gate opens" in summary) == (len(paid_steps) > 1)


def test_a_last_months_step_under_the_least_share_is_stated_not_opened(plans):
    """Review14 (Lune 2): a £3,300 November-December step (0.5% of £620,000) is a
    token: under data/growth.yaml min_share_of_envelope it is no step, and the plan
    says what room the curve leaves; a step at or above that share opens."""
    plan = plans["fashion"]
    g = plan.paid.held_back["growth"]
    least = gt.facts()["q4_step"]["min_share_of_envelope"]
    html = " ".join(b.markup for b in growth_blocks(plan))
    dropped = g.get("q4_dropped")
    if dropped is None:  # opened: its share is at least the least
        step = next(s for s in g["steps"] if s["kind"] == "q4")
        assert step["budget"] >= least / 100 * plan.paid.envelope
        assert "No November–December step" not in html
        return
    assert "q4" not in {s["kind"] for s in g["steps"]}
    room = dropped["dropped"]["room"]
    assert 0 < room < least / 100 * plan.paid.envelope
    assert dropped["dropped"]["share"] == pytest.approx(room / plan.paid.envelope * 100,
                                                        abs=0.01)
    assert "No November–December step" in html and plan.tr.money(room) in html
    assert not any("November–December step (" in t for _, t in growth_steps(plan))


def _q4_paid(value: float, **extra) -> SimpleNamespace:
    """A paid plan with TikTok alone, its conversions worth ``value`` each, for q4_step."""
    rows = [{"month": m, "platform": "tiktok", "spend": 6000.0, "conversions": 180.0}
            for m in ("2027-10-01", "2027-11-01", "2027-12-01")]
    channel = SimpleNamespace(platform="tiktok", spend=18_000.0, conversion_spend=18_000.0,
                              conversions=540.0, revenue=540 * value)
    target = {"platform": "tiktok", "target": "p1", "funded": True, "conversions": 540.0,
              "revenue": 540 * value, "spend": 18_000.0}
    return SimpleNamespace(**{
        "paid_months": [r["month"] for r in rows], "channels": [channel], "monthly": rows,
        "break_even_cpa": 52.26, "margin": 58.3325, "aov": 89.59, "envelope": 1_000.0,
        "break_even_basis": "first_order", "lead_values": {}, "by_target": [target],
        "calibration": {}, **extra})


def test_a_last_months_step_stops_at_the_stop_rules_break_even():
    """Review 17: a platform's conversions are worth its own ads history's value; its step
    stops where one costs that value x the margin. Review 28 (H8): the same threshold as
    the stop rule's (``platform_break_even``), and a platform's own only when it differs
    from the plan's by more than ``stop_threshold.distinct_share``: TikTok at £87.12 a
    conversion (£50.82, 2.8 % off £52.26) is held to the plan's £52.26; at £100 (£58.33)
    to its own."""
    from smmplan.conversion_cost import platform_break_even, stop_thresholds

    model = gt.replace(_model(), platform="tiktok")
    for value in (87.12, 100.0):
        paid = _q4_paid(value)
        stop = gt.q4_step(paid, [model], 1e6)["stop"]
        assert stop == pytest.approx(platform_break_even(paid)["tiktok"], abs=0.01)
        assert stop == pytest.approx(stop_thresholds(paid)["tiktok"], abs=0.01)
        own = value * paid.margin / 100
        share = gt.paid_facts()["stop_threshold"]["distinct_share"]
        assert stop == pytest.approx(own if abs(own / 52.26 - 1) > share else 52.26,
                                     abs=0.01)
    paid = _q4_paid(100.0, margin=None)  # no margin: the plan's break-even
    assert gt.q4_step(paid, [model], 1e6)["stop"] == 52.26


def test_q4_threshold_reads_the_data_file(monkeypatch):
    facts = copy.deepcopy(gt.facts())
    rows = [{"month": m, "platform": "instagram", "spend": 6000.0, "conversions": 180.0}
            for m in ("2027-10-01", "2027-11-01", "2027-12-01")]
    channel = SimpleNamespace(platform="instagram", spend=18_000.0, conversion_spend=18_000.0,
                              conversions=540.0, revenue=540 * 90.0)
    paid = SimpleNamespace(paid_months=[r["month"] for r in rows], channels=[channel],
                           monthly=rows, break_even_cpa=50.0, envelope=1_000_000.0,
                           margin=None, aov=None, lead_values={},
                           break_even_basis="first_order", by_target=[])
    monkeypatch.setattr(gt, "facts", lambda: facts)
    facts["q4_step"]["min_share_of_envelope"] = 0
    opened = gt.q4_step(paid, [_model()], 1e6)
    assert opened["budget"] > 0 and opened["dropped"] is None
    facts["q4_step"]["min_share_of_envelope"] = opened["budget"] / 1_000_000 * 100 + 0.1
    shut = gt.q4_step(paid, [_model()], 1e6)
    assert shut["budget"] == 0 and shut["dropped"]["room"] == opened["budget"]
