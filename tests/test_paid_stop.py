"""One number, one value in the paid chapter (review s24 #1, #5, #8, #9): the stop rule's
multiple is data/paid.yaml's, said in words from the figure; the test share, the
conversions a test brings and the budget the plan stopped at (and why) are recorded once by
the model, and the views read them."""

from __future__ import annotations

import copy
from dataclasses import replace
from pathlib import Path

import pytest

from smmplan.catalogue import paid_facts
from smmplan.i18n import Translator
from smmplan.plan import Plan
from smmplan.validation import load_brief

EXAMPLES = Path(__file__).resolve().parent.parent / "data" / "examples"


@pytest.fixture(scope="module")
def bakery() -> Plan:
    return Plan(load_brief(EXAMPLES / "bakery" / "brief.yaml"))


@pytest.mark.parametrize(("multiple", "en", "fr"), [
    (3, "three times", "trois fois"), (2, "twice", "deux fois"), (4, "4 times", "4 fois"),
    (2.5, "2.5 times", "2,5 fois")])
def test_the_stop_rules_multiple_is_the_datas(monkeypatch, multiple, en, fr):
    from smmplan.views.stop_basis import stop_multiple

    monkeypatch.setitem(paid_facts()["test_share"], "stop_multiple", multiple)
    assert stop_multiple(Translator("en", "en_GB", "GBP")) == en
    assert stop_multiple(Translator("fr", "fr_FR", "EUR")) == fr


def test_the_summarys_stop_rule_follows_the_data(monkeypatch, bakery):
    from smmplan.views.summary import reporting

    before = " ".join(reporting(bakery))
    assert "après avoir dépensé trois fois ce montant" in before
    monkeypatch.setitem(paid_facts()["test_share"], "stop_multiple", 4)
    after = " ".join(reporting(bakery))
    assert "après avoir dépensé 4 fois ce montant" in after
    assert "trois fois" not in after


def _with_paid(plan: Plan, **changes) -> Plan:
    """The plan with its paid results changed (the views read ``plan.paid``)."""
    other = copy.copy(plan)
    other.__dict__ = {**plan.__dict__, "paid": replace(plan.paid, **changes)}
    return other


def test_the_break_even_budget_is_said_by_the_stop_cause_not_by_rounding(bakery):
    """The envelope (1,800) stops the budget and the break-even budget is 1,830: the note
    says 1,830, though both round to the same hundred (review s24 #8)."""
    from smmplan.views.budget import budget_scenarios

    tr = bakery.tr
    said = lambda p: [tr.money(v) for v in (1800.0, 1830.0) if tr.t(  # noqa: E731
        "budget.break_even", cpa=tr.money(bakery.paid.break_even_cpa, 2),
        budget=tr.money(v)) in budget_scenarios(p).html()]
    envelope = _with_paid(bakery, objective="revenue", break_even_budget=1830.0, seats=None,
                          stop="envelope")
    assert said(envelope) == [tr.money(1830.0)]
    stopped = _with_paid(bakery, objective="revenue", break_even_budget=1830.0, seats=None,
                         stop="break_even")  # the plan spends its rounded break-even budget
    assert said(stopped) == [tr.money(1800.0)]


def test_the_lead_bounds_note_says_which_budget_it_replaced_from_the_stop_cause(bakery):
    """A leads bound lowered a budget: the note names the break-even budget it replaced only
    when the plan had stopped there (``seats.before_basis``), whatever the rounding."""
    from smmplan.views.budget_notes import paid_months_notes

    tr = bakery.tr
    bound = {"baseline": 9.0, "basis": "data", "multiple": 3.0}
    seats = {"line": None, "capacity": 27.0, "fill": 0.0, "free": 27.0, "bound": bound,
             "free_paid": 324.0}
    crossed = tr.t("budget.seats_total_leads_break_even", total=tr.money(700.0),
                   before=tr.money(950.37), cpa=tr.money(bakery.paid.break_even_cpa, 2))
    small = _with_paid(bakery, total=700.0, break_even_budget=950.37, stop="bound",
                       seats={**seats, "budget_before": 950.37, "before_basis": "break_even"})
    assert crossed in paid_months_notes(small)  # 950.37 is not a round hundred
    plain = tr.t("budget.seats_total_leads", total=tr.money(1500.0), before=tr.money(1800.0),
                 cpa=tr.money(bakery.paid.break_even_cpa, 2))
    envelope = _with_paid(bakery, total=1500.0, break_even_budget=1830.0, stop="bound",
                          seats={**seats, "budget_before": 1800.0, "before_basis": "envelope"})
    assert plain in paid_months_notes(envelope)  # 1,830 rounds like the 1,800 envelope


def test_the_model_records_what_stopped_the_budget(bakery):
    paid = bakery.paid  # Maison Fournil: a conversions goal spends the whole envelope
    assert paid.stop == "envelope" and paid.total == paid.envelope


def test_an_unearned_platforms_test_is_judged_on_the_models_conversions(bakery):
    """The conversions a test at the minimum useful spend brings are the forecast curve's,
    stored on the ``unearned`` row, and the chapter compares that value with
    ``min_read_conversions`` (review s24 #5), not the floor over the marginal cost."""
    from smmplan.views.budget import budget_allocation

    paid = bakery.paid
    least = paid_facts()["test_share"]["min_read_conversions"]
    [fb] = [u for u in paid.unearned if u["platform"] == "facebook"]
    assert 0 < fb["conversions"] < least  # Maison Fournil: about 2 bookings at 63 EUR
    assert fb["conversions"] >= paid.min_useful_spend / fb["marginal_cpa"] - 0.01  # concave
    text = lambda p: budget_allocation(p).html()  # noqa: E731
    assert "trop peu pour juger son coût" in text(bakery)
    # the count names the plan's conversion, in the right number ("1 réservation")
    said = bakery.tr.plural("plural.conversion_noun.booking", round(fb["conversions"]))
    assert f"apporterait environ {said}, trop peu" in text(bakery)
    readable = _with_paid(bakery, unearned=[{**fb, "conversions": least + 2.0}])
    assert "trop peu pour juger son coût" not in text(readable)
    assert "petit test plafonné" in text(readable)
