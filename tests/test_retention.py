"""The past-buyer retention programme (``smmplan/retention.py``): sized from the customer
file and the budget held back, forecast on the plan's break-even per conversion, its budget
taken out of the held-back amount (one value everywhere), shown in the paid chapter, the
summary and the repeat-rate objective."""

from __future__ import annotations

import copy
import math
from types import SimpleNamespace

import pytest

from smmplan import retention
from smmplan.checks import run
from smmplan.i18n import Translator
from smmplan.plan import Plan
from smmplan.validation import load_brief
from smmplan.views.reserve import reserve_rows
from smmplan.views.retention import lever, programme_text, step

RULES = retention.facts()
ARGS = {"customers": 4000, "baseline": 30.0, "target": 36.0, "held": 400_000.0,
        "months": 12, "cpm": 10.0, "warm_cpa": 16.0, "value": 90.0, "break_even": 52.0}


@pytest.fixture(scope="module")
def plans() -> dict:
    return {name: Plan(load_brief(f"data/examples/{name}/brief.yaml"))
            for name in ("fashion", "b2b-software", "bakery")}


def test_budget_is_the_matched_lapsed_buyers_at_the_frequency_cap():
    out = retention.size_programme(**ARGS, rules=RULES)
    audience = 4000 * (1 - 0.30) * RULES["match_rate"] / 100
    expected = audience * RULES["monthly_frequency"] * 12 * 10.0 / 1000
    assert out["audience"] == round(audience)
    assert out["budget"] == round(expected, -2)
    assert out["frequency"] == pytest.approx(RULES["monthly_frequency"], rel=0.1)


def test_budget_never_takes_more_than_its_share_of_the_held_back_amount():
    out = retention.size_programme(**{**ARGS, "held": 2_000.0}, rules=RULES)
    assert out["budget"] <= 2_000.0 * RULES["max_share_of_held"] / 100 + 0.01


def test_forecast_saturates_and_moves_the_rate_by_buyers_over_the_base():
    out = retention.size_programme(**ARGS, rules=RULES)
    impressions = out["budget"] / ARGS["cpm"] * 1000
    p = ARGS["cpm"] / 1000 / ARGS["warm_cpa"]
    audience = 4000 * 0.70 * RULES["match_rate"] / 100
    orders = audience * -math.expm1(-impressions / audience * p)
    assert out["orders"] == pytest.approx(orders, abs=0.06)
    assert out["orders"] < out["budget"] / ARGS["warm_cpa"]  # fewer than a linear cost
    assert out["rate"] == pytest.approx(30.0 + round(orders) / 4000 * 100, abs=0.006)
    assert out["needed"] == pytest.approx(4000 * 0.06)
    assert not out["reaches"] and out["gap_points"] == pytest.approx(36.0 - out["rate"],
                                                                     abs=0.006)


def test_revenue_and_margin_on_the_plans_one_basis():
    out = retention.size_programme(**ARGS, rules=RULES)
    assert out["revenue"] == pytest.approx(out["orders"] * 90.0, abs=5)
    assert out["margin"] == pytest.approx(out["orders"] * 52.0, abs=3)
    assert out["cost_per_order"] == pytest.approx(out["budget"] / out["orders"], abs=0.01)


def test_no_programme_when_a_repeat_order_costs_more_than_its_margin():
    assert retention.size_programme(**{**ARGS, "warm_cpa": 80.0}, rules=RULES) is None
    assert retention.size_programme(**{**ARGS, "target": 25.0}, rules=RULES) is None
    assert retention.size_programme(**{**ARGS, "held": 0.0}, rules=RULES) is None


def test_customer_base_scaled_when_the_file_is_an_extract():
    assert retention.customer_base(1200, 1500.0, 6000.0) == (4800, "ads")
    assert retention.customer_base(1200, 1500.0, 900.0) == (1200, "file")
    assert retention.customer_base(1200, 1500.0, None) == (1200, "file")


def test_with_retention_takes_the_budget_out_of_the_held_back_amount(monkeypatch):
    paid = SimpleNamespace(held_back={"budget": 10_000.0, "conversions": 100.0,
                                      "marginal_cpa": 100.0}, retention=None,
                           sweep=[], total=20_000.0)  # no budget curve: in proportion
    monkeypatch.setattr(retention, "programme", lambda brief, p: {"budget": 1_500.0})
    out = retention.with_retention(None, paid)
    assert out.held_back["budget"] == 8_500.0
    assert out.held_back["retention"] == 1_500.0
    assert out.held_back["conversions"] == 85.0
    assert out.retention == {"budget": 1_500.0}


def test_fashion_funds_a_programme_from_its_reserve(plans):
    paid = plans["fashion"].paid
    r = paid.retention
    assert r is not None and r["budget"] > 0
    growth = (paid.held_back.get("growth") or {}).get("budget", 0.0)  # growth_track.py
    assert paid.total + r["budget"] + growth + paid.held_back["budget"] == pytest.approx(
        paid.envelope)
    assert r["held_before"] - r["budget"] - growth == pytest.approx(paid.held_back["budget"])
    assert r["break_even"] == pytest.approx(paid.break_even_cpa, abs=0.005)
    assert r["cost_per_order"] <= paid.break_even_cpa
    assert r["baseline"] == next(o.baseline.value for o in plans["fashion"].objectives.objectives
                                 if o.kpi == "repeat_purchase_rate")
    assert r["email_tool"] == "Klaviyo"  # named in the brief's infrastructure evidence
    assert r["start"] < r["review"] <= "2027-12-31"


def test_no_programme_without_a_repeat_purchase_goal(plans):
    assert plans["b2b-software"].paid.retention is None
    assert plans["bakery"].paid.retention is None


def test_texts_show_the_programme_and_the_held_back_rest(plans):
    plan = plans["fashion"]
    tr, r = plan.tr, plan.paid.retention
    texts = programme_text(plan)
    assert len(texts) == 3 and tr.money(r["budget"]) in texts[0]
    assert tr.money(r["break_even"], 2) in texts[2]  # the stop rule's threshold
    assert r["budget"] in [x["amount"] for x in reserve_rows(plan)]  # its own line
    assert step(plan)[1].count(tr.money(r["budget"])) == 1
    assert lever(plan, "repeat_purchase_rate") and not lever(plan, "social_revenue")


def test_french_texts_render(plans):
    plan = copy.copy(plans["fashion"])
    plan.tr = Translator("fr", "fr_FR", "GBP")
    texts = programme_text(plan) + [step(plan)[1]]
    assert all("{" not in t and "\u00a0:" in t for t in texts if ":" in t)


def test_plan_checks_cover_the_split(plans, tmp_path):
    plan = plans["fashion"]
    data = plan.to_json()
    names = {c.name: c.ok for c in run(data)}
    assert names["paid envelope = spent + programme + growth option + held back"]
    assert names["programme budget taken out of the held-back amount"]
    data["budget"]["held_back"]["budget"] += 500  # an amount that no longer adds up
    split = "paid envelope = spent + programme + growth option + held back"
    assert not {c.name: c.ok for c in run(data)}[split]


def test_increment_against_today_is_stated_in_money(plans):
    from smmplan.views.against_today import increment, increment_note
    from smmplan.views.budget_notes import today_note

    plan = plans["fashion"]
    tr, inc = plan.tr, increment(plan)
    note = increment_note(plan)
    assert tr.money(abs(inc["spend_delta"])) in note
    assert tr.money(abs(inc["revenue_delta"])) in note
    assert inc["spend"] == pytest.approx(sum(c.conversion_spend for c in plan.paid.channels))
    more_for_less = inc["spend_delta"] > 0 and inc["revenue_delta"] <= 0
    assert ("does not promise more sales" in note) == more_for_less
    assert ("for more revenue" in today_note(plan)) == (inc["revenue_delta"] > 0)
