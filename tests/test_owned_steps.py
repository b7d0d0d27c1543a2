"""The owned-channel steps for the repeat-rate gap the paid programme leaves
(``retention.owned_steps``, ``views/owned_steps.py``): the past buyers still needed as a
number, dated steps in the client's e-mail tool (named from the brief, else generic words),
each with its KPI, in the objectives chapter, the first 90 days and the next steps; and the
repeat-rate baseline said with the counts that reproduce it."""

from __future__ import annotations

import copy
import datetime as dt
import math
from types import SimpleNamespace

import pytest

from smmplan import owned_forecast as forecast
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
                           data=SimpleNamespace(audience=None),
                           budget=SimpleNamespace(tools=0),
                           brand=SimpleNamespace(value_proposition=text, differentiators=[]),
                           situation=SimpleNamespace(strengths=[], threats=[threat]),
                           offer=[], model_dump_json=lambda: text + " " + threat)


def _prog(**kw) -> dict:
    """A sized programme short of its target (``retention.size_programme``'s keys)."""
    return {"reaches": False, "needed": 287.0, "orders": 67.6, "lapsed": 2941,
            "customers": 4147, "baseline": 29.08, "target": 36.0, "audience": 1176,
            "budget": 1100.0, "monthly": 91.67, "warm_cpa": 15.8, "cpm": 9.48,
            "monthly_frequency": 8} | kw


def test_repairs_are_the_clients_offer_not_a_threats_words():
    assert retention.mentions(_brief(), "repair_terms")
    assert not retention.mentions(_brief("Organic coffee beans",
                                         threat="Repair services are growing"),
                                  "repair_terms")


def test_no_steps_when_the_programme_reaches_the_target():
    prog = {"reaches": True, "needed": 100.0, "orders": 120.0}
    assert retention.owned_steps(_brief(), prog, None) is None


def test_gap_is_the_buyers_still_needed_and_steps_are_dated_from_the_start():
    prog = _prog(needed=287.0, orders=67.6)
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
    prog = _prog(needed=50.0, orders=10.0)
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


FORECAST = OWNED["forecast"]


def test_each_step_brings_back_its_recipients_at_the_flow_rate():
    """Consenting past buyers split by the win-back trigger: the lapsed get the win-back's
    e-mails, the recent the reminder; early access brings no past buyer back."""
    out = forecast.step_forecast(1000, {"consent_share": 0.5, "old_share": 0.8}, FORECAST)
    rate = FORECAST["order_rate"] / 100
    assert out["win_back"]["recipients"] == 400 and out["reminder"]["recipients"] == 100
    assert out["win_back"]["back"] == pytest.approx(
        400 * (1 - (1 - rate) ** FORECAST["messages"]["win_back"]), abs=0.5)
    assert out["reminder"]["back"] == pytest.approx(100 * rate, abs=0.5)
    assert out["early_access"]["back"] == 0
    # without a consent column or dates: everyone reachable, all to the win-back
    bare = forecast.step_forecast(1000, None, FORECAST)
    assert bare["win_back"]["recipients"] == 1000 and bare["reminder"]["recipients"] == 0


def test_the_file_gives_the_consent_and_lapsed_shares(fashion):
    import pandas as pd

    t = pd.read_csv("data/examples/fashion/audience.csv", sep=";")
    when = pd.to_datetime(t["Last Order Date"], format="mixed", errors="coerce")
    end = when.max()
    repeat = (t["Orders Count"] >= 2) & (when >= end - pd.DateOffset(months=12))
    pool = t[~repeat]
    shares = forecast.file_shares(fashion.brief, 9, 12)
    assert shares["past_buyers"] == len(pool) > 0
    assert shares["consent_share"] == pytest.approx(
        (pool["Accepts Email Marketing"] == "yes").mean(), abs=1e-4)
    old = when[~repeat] < end - pd.DateOffset(days=round(9 * 30.44))
    assert shares["old_share"] == pytest.approx(old.mean(), abs=1e-4)


def test_fashion_steps_add_up_to_the_committed_rate(fashion):
    """The figures the plan prints add up: the steps' whole buyers back make their total,
    the total and what is still missing make the past buyers the programme leaves, and the
    SMART target is the rate the programme's orders and the steps' buyers reach together."""
    r = fashion.paid.retention
    o = r["owned"]
    backs = [s["back"] for s in o["steps_back"].values()]
    assert all(isinstance(b, int) for b in backs + [o["back"], o["missing"], o["rest"]])
    assert o["back"] == sum(backs) and 0 < o["back"] < o["rest"]
    assert o["back"] + o["missing"] == o["rest"] and o["missing"] > 0
    assert o["rate"] == pytest.approx(
        r["baseline"] + (round(r["orders"]) + o["back"]) / r["customers"] * 100, abs=0.005)
    goal = next(x for x in fashion.objectives.objectives if x.kpi == "repeat_purchase_rate")
    assert goal.realistic_target == o["rate"] > goal.baseline.value
    assert o["tool_owned"] and o["hours"] == FORECAST["hours_per_email"] * sum(
        FORECAST["emails"].values())


def test_a_larger_list_campaign_is_sized_against_the_frequency_cap():
    """The extra budget shrinks to nothing as the buyers still missing do, and the
    programme's own saturating rule gives its orders plus those missing at the budget plus
    the extra; beyond the programme's cap, and None past the matched list."""
    prog = _prog()
    ext = forecast.list_extension(prog, 146)
    small = forecast.list_extension(prog, 5)
    assert 0 < small["budget"] < ext["budget"] and forecast.list_extension(prog, 0) is None
    spend = prog["budget"] + ext["budget"]
    impressions_each = spend / prog["cpm"] * 1000 / prog["audience"]
    orders = prog["audience"] * (1 - math.exp(-impressions_each * prog["cpm"] / 1000
                                              / prog["warm_cpa"]))
    assert orders == pytest.approx(prog["orders"] + 146, rel=0.01)  # budget rounded to 100
    assert ext["times"] > 1  # beyond the programme's cap
    assert forecast.list_extension(prog, 2000) is None  # more than the matched list


def test_fashion_forecast_paragraphs_say_the_figures(fashion):
    tr, o = fashion.tr, fashion.paid.retention["owned"]
    total, cost = gap_text(fashion)[1:]
    for figure in (tr.number(o["back"]), tr.number(o["missing"]),
                   tr.number(o["extension"]["frequency"], 1), "1.71%", "53%"):
        assert figure in total
    assert "£24,000" in cost and tr.number(o["hours"]) in cost
    plan = copy.copy(fashion)
    plan.tr = Translator("fr", "fr_FR", "GBP")
    assert all("{" not in t and "\u00a0:" in t for t in gap_text(plan)[1:])


def test_the_rate_is_counted_on_one_denominator(fashion):
    """The file is an extract, so the programme counts more customers than it holds: today's
    rate, the programme's and the steps' buyers back and the target are all repeat buyers
    out of that one count, and the rates it prints are those counts over it (whole buyers);
    the reminder says whom its recipients are among that count."""
    from smmplan.views.retention import lever

    r, tr = fashion.paid.retention, fashion.tr
    o, n = r["owned"], r["customers"]
    assert r["customers_basis"] == "ads" and n > r["file_customers"]
    today, prog = round(n * r["baseline"] / 100), round(r["orders"])
    assert r["rate"] == pytest.approx(r["baseline"] + prog / n * 100, abs=0.005)
    assert r["rate"] == pytest.approx((today + prog) / n * 100, abs=0.5 / n * 100 + 0.005)
    assert o["rate"] == pytest.approx((today + prog + o["back"]) / n * 100,
                                      abs=0.5 / n * 100 + 0.005)
    assert (today + round(r["needed"])) / n * 100 == pytest.approx(r["target"],
                                                                   abs=0.5 / n * 100)
    text = " ".join(lever(fashion, "repeat_purchase_rate"))
    for count in (n, today, today + prog, today + prog + o["back"],
                  today + round(r["needed"])):
        assert tr.number(count) in text
    reminder = o["steps_back"]["reminder"]
    line = next(x for x in gap_text(fashion) if tr.number(reminder["recipients"]) in x)
    assert tr.number(n) in line
