"""The paid budget that reaches a missed goal, read from the budget sweep (goal_budget.py),
and the fill-rate sentence that offers it (views/fill_budget.py)."""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace

import pytest

from smmplan.goal_budget import budget_to_reach, rounded_up

# Maison Fournil's sweep (30 % awareness kept at every level), its top rows
SWEEP = [{"factor": 1.0, "budget": 1800.0, "conversion_budget": 1260.0, "conversions": 65.46,
          "marginal_cpa": 17.61},
         {"factor": 1.5, "budget": 2700.0, "conversion_budget": 1890.0, "conversions": 101.03,
          "marginal_cpa": 17.75},
         {"factor": 2.0, "budget": 3600.0, "conversion_budget": 2520.0, "conversions": 136.27,
          "marginal_cpa": 17.92}]


def test_a_goal_inside_the_tested_budgets_is_interpolated_between_two_rows():
    r = budget_to_reach(SWEEP, 120, 24.75)
    expected = 2700 + (120 - 101.03) / (136.27 - 101.03) * 900
    assert r == {"budget": rounded_up(expected), "conversions": 120, "marginal_cpa": 17.92,
                 "tested": True}
    assert r["budget"] == 3200  # 3,184 rounded up


def test_a_goal_past_the_table_is_read_at_its_last_step_with_awareness_kept():
    r = budget_to_reach(SWEEP, 157, 24.75)
    whole = 3600 + (157 - 136.27) * 17.92 * 3600 / 2520  # awareness keeps its 30 % share
    assert r is not None and not r["tested"] and r["budget"] == rounded_up(whole) == 4200


def test_no_budget_is_offered_when_more_would_not_pay_or_cannot_book():
    assert budget_to_reach(SWEEP, 157, 17.8) is None  # the last step costs past break-even
    assert budget_to_reach(SWEEP, 120, 17.7) is None  # inside the table, past break-even
    assert budget_to_reach(SWEEP, 157, None) is None  # no break-even: nothing to judge by
    assert budget_to_reach(SWEEP, 157, 24.75, cap=150) is None  # more than the free seats
    assert budget_to_reach(SWEEP, 400, 24.75) is None  # too far past what was tested


def test_rounded_up():
    assert (rounded_up(4130.7), rounded_up(4100), rounded_up(512.3)) == (4200, 4100, 520)


def _paid(sweep, held_back=None):
    return SimpleNamespace(totals={"conversions": 65.46, "revenue": 2946.0}, aov=45.0,
                           conversion="booking", held_back=held_back, customer_value=None,
                           books="Workshops", deal=None, history=None,
                           seats={"line": "Workshops", "free_paid": 176.0}, sweep=sweep,
                           break_even_cpa=24.75, marginal_cpa=17.62, total=1800.0,
                           channels=[SimpleNamespace(platform="instagram", spend=1800.0,
                                                     conversion_spend=1260.0)],
                           models=[{"platform": "instagram", "cvr": {"basis": "history"}}],
                           paid_months=["2027-02-01"], monthly=[])


def _fill():
    from smmplan.objectives import Baseline, Objective

    return Objective(None, "business_goal", "conversion", "fill_rate", ["fill_rate"],
                     Baseline("fill_rate", 50, "data", ""), 90, "2027-12-31", "analyst",
                     "web", "monthly", from_brief=True, goal="Fill", horizon_months=12)


def test_a_missed_fill_goal_carries_the_budget_that_reaches_it():
    from smmplan.brief import OfferLine
    from smmplan.goal_gap import goal_gaps

    lines = [OfferLine(name="Workshops", capacity_per_month=32)]
    g = goal_gaps([_fill()], _paid(SWEEP), 12, lines)[0]
    assert g.gap == pytest.approx(346 - 192 - 65.46)
    assert g.reach is not None and g.reach["conversions"] == pytest.approx(346 - 192)
    assert g.reach["budget"] == rounded_up(3600 + (154 - 136.27) * 17.92 * 3600 / 2520)
    held = _paid(SWEEP, {"budget": 500.0, "conversions": 20.0})
    assert goal_gaps([_fill()], held, 12, lines)[0].reach is None  # the plan holds money back


@pytest.mark.parametrize("lang,locale,currency", [("fr", "fr_FR", "EUR"),
                                                  ("en", "en_GB", "GBP")])
def test_the_fill_sentence_offers_the_budget_instead_of_unforecast_organic(lang, locale,
                                                                             currency):
    from smmplan.brief import OfferLine
    from smmplan.goal_gap import goal_gaps
    from smmplan.i18n import Translator
    from smmplan.views.fill_budget import fill_miss

    tr = Translator(lang, locale, currency)
    lines = [OfferLine(name="Workshops", capacity_per_month=32)]
    plan = SimpleNamespace(tr=tr, paid=_paid(SWEEP))
    g = goal_gaps([_fill()], plan.paid, 12, lines)[0]
    text = fill_miss(plan, g, {"line": "Workshops", "capacity": "384", "months": 12,
                               "per_month": "32", "paid": "65", "target": "90 %",
                               "needed": "346", "base": "50 %", "booked": "192",
                               "after": "67 %"})
    assert tr.money(g.reach["budget"]) in text and tr.money(24.75, 2) in text
    assert tr.money(17.62, 2) in text and tr.money(1800) in text
    g.reach = None  # nothing pays: the gap is left to organic posts, as before
    plain = fill_miss(plan, g, {"line": "W", "capacity": "", "months": 12, "per_month": "",
                                "paid": "", "target": "", "needed": "", "base": "",
                                "booked": "", "after": ""})
    assert tr.money(24.75, 2) not in plain


@pytest.mark.parametrize("lang,locale,currency,said", [
    ("fr", "fr_FR", "EUR", "au point d’étape du 28 février 2027"),
    ("en", "en_GB", "GBP", "at the checkpoint on 28 February 2027")])
def test_on_a_borrowed_rate_the_fill_sentence_says_what_the_checkpoint_decides(
        lang, locale, currency, said):
    """Review 17: no budget beyond the brief's is proposed before the client's own rate is
    measured (the old sentence offered "environ 2 800 €" on a borrowed ceiling rate)."""
    from smmplan.brief import OfferLine, Period
    from smmplan.goal_gap import goal_gaps
    from smmplan.i18n import Translator
    from smmplan.views.fill_budget import fill_miss

    tr = Translator(lang, locale, currency)
    paid = _paid(SWEEP)
    paid.models = [{"platform": "instagram", "cvr": {"basis": "borrowed"}}]
    period = Period(start=dt.date(2027, 1, 1), months=12)
    plan = SimpleNamespace(tr=tr, paid=paid, brief=SimpleNamespace(
        client=SimpleNamespace(period=period)))
    g = goal_gaps([_fill()], paid, 12, [OfferLine(name="Workshops", capacity_per_month=32)])[0]
    assert g.reach is not None  # the budget exists, but is not offered
    text = fill_miss(plan, g, {"line": "Workshops", "capacity": "384", "months": 12,
                               "per_month": "32", "paid": "65", "target": "90 %",
                               "needed": "346", "base": "50 %", "booked": "192",
                               "after": "67 %"})
    assert tr.money(g.reach["budget"]) not in text and tr.money(17.62, 2) not in text
    assert said in text and tr.money(24.75, 2) in text and tr.money(1800) in text
