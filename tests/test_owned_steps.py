"""The owned-channel steps for the repeat-rate gap the paid programme leaves
(``retention.owned_steps``, ``views/owned_steps.py``): the past buyers still needed as a
number, dated steps in the client's e-mail tool (named from the brief, else generic words),
each with its KPI, in the objectives chapter, the first 90 days and the next steps; and the
repeat-rate baseline said with the counts that reproduce it."""

from __future__ import annotations

import copy
import datetime as dt
from types import SimpleNamespace

import pytest

from smmplan import retention
from smmplan.i18n import Translator
from smmplan.plan import Plan
from smmplan.validation import load_brief
from smmplan.views.baseline_figures import brief_figure_note, computed_note
from smmplan.views.owned_steps import dated_steps, gap_text
from smmplan.views.summary import next_steps, roadmap

OWNED = retention.facts()["owned"]


@pytest.fixture(scope="module")
def fashion() -> Plan:
    return Plan(load_brief("data/examples/fashion/brief.yaml"))


def _brief(text: str = "Free repairs for two years", threat: str = ""):
    period = SimpleNamespace(start=dt.date(2027, 1, 1), months=12)
    return SimpleNamespace(client=SimpleNamespace(period=period),
                           brand=SimpleNamespace(value_proposition=text, differentiators=[]),
                           situation=SimpleNamespace(strengths=[], threats=[threat]),
                           offer=[], model_dump_json=lambda: text + " " + threat)


def test_repairs_are_the_clients_offer_not_a_threats_words():
    assert retention.mentions(_brief(), "repair_terms")
    assert not retention.mentions(_brief("Organic coffee beans",
                                         threat="Repair services are growing"),
                                  "repair_terms")


def test_no_steps_when_the_programme_reaches_the_target():
    prog = {"reaches": True, "needed": 100.0, "orders": 120.0}
    assert retention.owned_steps(_brief(), prog, None) is None


def test_gap_is_the_buyers_still_needed_and_steps_are_dated_from_the_start():
    prog = {"reaches": False, "needed": 287.0, "orders": 67.6}
    cv = {"file_months": 42.0, "orders_per_customer": 4.2}
    out = retention.owned_steps(_brief(), prog, cv)
    assert out["rest"] == 219
    assert [s["date"] for s in out["steps"]] == [
        (dt.date(2027, 1, 1) + dt.timedelta(days=int(s["days"]))).isoformat()
        for s in OWNED["steps"]]
    # 4.2 orders: 3.2 gaps of 13.1 months, later than the repeat rate's 12-month window
    # would keep the customer: the flow fires 3 months before the window drops them
    assert out["win_back_gap"] == round(42.0 / (4.2 - 1), 1) == 13.1
    assert out["win_back_months"] == 9 and out["win_back_basis"] == "window"
    short = retention.owned_steps(_brief(), prog, {"file_months": 24.0,
                                                   "orders_per_customer": 4.0})
    assert short["win_back_months"] == 8.0 and short["win_back_basis"] == "file"
    assert out["end"] == "2027-12-31" and out["repair"] is True
    first = dt.date.fromisoformat(out["from"])
    months = 12 - first.month + 1
    assert out["per_month"] == pytest.approx(219 / months, abs=0.05)


def test_win_back_falls_back_to_the_convention_and_no_repair_words():
    prog = {"reaches": False, "needed": 50.0, "orders": 10.0}
    out = retention.owned_steps(_brief("Organic coffee beans"), prog, None)
    assert out["win_back_basis"] == "convention"
    assert out["win_back_months"] == OWNED["win_back_months"] and out["repair"] is False


def test_fashion_gap_has_a_number_dates_kpis_and_the_named_tool(fashion):
    tr, r = fashion.tr, fashion.paid.retention
    o = r["owned"]
    assert o["rest"] == round(r["needed"] - r["orders"]) > 0
    text = gap_text(fashion)[0]
    assert tr.number(o["rest"]) in text and "Klaviyo" in text
    assert text.count("(KPI: ") == len(o["steps"])
    rows = roadmap(fashion)
    steps = next_steps(fashion)
    for when, short in dated_steps(fashion):
        month = tr.month(when.replace(day=1))
        assert any(row["month"] == month and short in row["focus"] for row in rows)
        assert short in steps


def test_generic_wording_without_a_named_tool(fashion):
    plan = copy.copy(fashion)
    plan.paid = copy.copy(fashion.paid)
    plan.paid.retention = dict(fashion.paid.retention, email_tool=None)
    text = gap_text(plan)[0]
    assert "Klaviyo" not in text and "your e-mail tool" in text


def test_french_renders(fashion):
    plan = copy.copy(fashion)
    plan.tr = Translator("fr", "fr_FR", "GBP")
    texts = gap_text(plan) + [t for _, t in dated_steps(plan)]
    assert all("{" not in t for t in texts) and "\u00a0:" in texts[0]


def test_repeat_rate_baseline_is_said_with_the_counts_that_give_it(fashion):
    o = next(o for o in fashion.objectives.objectives if o.kpi == "repeat_purchase_rate")
    covers, tr = o.baseline.covers, fashion.tr
    assert covers["repeat"] / covers["customers"] * 100 == pytest.approx(o.baseline.value,
                                                                          abs=0.005)
    note = (brief_figure_note(fashion, o) or computed_note(fashion, o))[0]
    assert tr.number(covers["repeat"]) in note and tr.number(covers["customers"]) in note
    assert not (brief_figure_note(fashion, o) and computed_note(fashion, o))  # said once


def test_the_asks_include_the_tool_and_the_full_customer_export_before_the_first_step(fashion):
    from smmplan.catalogue import content_facts
    from smmplan.views.base import day
    from smmplan.views.client_needs import client_needs

    first = dt.date.fromisoformat(fashion.paid.retention["owned"]["steps"][0]["date"])
    due = first - dt.timedelta(days=int(content_facts()["calendar"]["ask_lead_days"]))
    asks = [a for a in client_needs(fashion) if "Klaviyo" in a]
    assert len(asks) == 1 and day(fashion.tr, due) in asks[0]
