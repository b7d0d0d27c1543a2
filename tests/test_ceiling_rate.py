"""A published conversion rate measured on free lead forms, standing for a booking the
client's customer pays for, can only overstate the client's rate (review 17, Maison
Fournil: 4,80 % "education lead forms" for a 45 € workshop): it is the top of the forecast's
range, the central case sits below it (data/paid.yaml ``ceiling_rate``), and the plan
proposes no paid budget beyond the brief's before the client's own rate is measured; the
summary says what the awareness part of the paid budget funds."""

from __future__ import annotations

import math
from functools import cache

from smmplan.benchmarks import Range, below_ceiling, benchmark_rows
from smmplan.catalogue import paid_facts
from smmplan.goal_gap import goal_gaps, rates_measured
from smmplan.paths import EXAMPLES_DIR
from smmplan.plan import Plan
from smmplan.validation import load_brief


@cache
def _fournil() -> Plan:
    return Plan(load_brief(EXAMPLES_DIR / "bakery" / "brief.yaml"))


def _published() -> float:
    return next(r["value"] for r in benchmark_rows() if r["metric"] == "cvr"
                and r["industry"] == "education" and r["platform"] == "facebook")


def test_below_ceiling_keeps_the_prudent_rate_and_centres_between_it_and_the_ceiling():
    assert paid_facts()["ceiling_rate"]["position"] == 0.5
    r = below_ceiling(Range(2.4, 4.8, 9.6, ["s"], "benchmark"))
    assert (r.low, r.high, r.ceiling) == (2.4, 4.8, 4.8)
    assert math.isclose(r.mid, math.sqrt(2.4 * 4.8))  # their geometric mean
    flat = below_ceiling(Range(4.8, 4.8, 4.8, ["s"], "benchmark"))  # nothing below it
    assert flat.mid == flat.high == flat.ceiling == 4.8


def test_the_central_forecast_sits_below_the_borrowed_ceiling():
    """Old code: the central rate was the published 4,80 % itself (72 bookings), and the
    high scenario went above it (6,79 % on Instagram)."""
    plan = _fournil()
    ceiling = _published()
    for m in plan.paid.models:
        cvr = m["cvr"]
        assert cvr["ceiling"] == ceiling and cvr["high"] == ceiling
        assert cvr["low"] < cvr["mid"] < ceiling
        assert math.isclose(cvr["mid"], math.sqrt(cvr["low"] * ceiling), rel_tol=1e-9)
    ig = next(m for m in plan.paid.models if m["platform"] == "instagram")
    assert round(ig["cvr"]["mid"], 2) == 4.04 and round(ig["cvr"]["low"], 2) == 3.39
    mid, high = (plan.paid.scenarios[k]["conversions"] for k in ("mid", "high"))
    assert round(mid) == 85 < high  # central bookings (was 60 on a CPM 1.41 x the median)


def test_no_budget_increase_before_the_clients_rate_is_measured():
    """Old code: "environ 2 800 € de budget payant au lieu de 1 800 € apporteraient 108
    réservations … et atteindraient 90 %" on the ceiling rate; now the checkpoint decides."""
    from smmplan.views.objectives import goal_gap_sentences
    from smmplan.views.summary import recommendations

    plan = _fournil()
    tr, paid = plan.tr, plan.paid
    assert not rates_measured(paid)
    g = next(g for g in goal_gaps(plan.objectives.objectives, paid,
                                  plan.brief.client.period.months, plan.brief.offer)
             if g.seats is not None)
    assert g.reach and g.reach["budget"] > paid.total  # what more budget would buy, unsaid
    sentence = next(s for s in goal_gap_sentences(plan) if s.startswith("Ateliers pain"))
    assert tr.money(g.reach["budget"]) not in sentence
    assert "Plus de budget payant les apporterait" not in sentence
    assert f"pas de budget payant au-delà de {tr.money(paid.total)}" in sentence
    assert "au point d’étape du 28 février 2027" in sentence and "février 2027 décide" in sentence
    assert f"sous l’équilibre de {tr.money(paid.break_even_cpa, 2)}" in sentence
    # the summary says the checkpoint's decision in short, with the same figures
    first = recommendations(plan)[0]
    assert sentence not in first and "au point d’étape du 28 février 2027" in first.lower()
    assert tr.money(paid.break_even_cpa, 2) in first and tr.money(paid.total) in first
    assert f"les {tr.number(g.gap)} réservations qui manquent" in first
    # once the rate is the client's own, the budget that reaches the goal is the option
    models = paid.models
    try:
        paid.models = [m | {"cvr": m["cvr"] | {"basis": "history"}} for m in models]
        assert rates_measured(paid)
        again = next(s for s in goal_gap_sentences(plan) if s.startswith("Ateliers pain"))
        assert tr.money(g.reach["budget"]) in again
    finally:
        paid.models = models


def test_the_scenarios_note_proposes_no_more_budget_on_unmeasured_rates():
    from smmplan.views.budget import budget_scenarios

    plan = _fournil()
    html = budget_scenarios(plan).html()
    assert "plus de budget serait encore rentable" not in html
    # at the median CPM (seasonal factors averaging 1) the free places fill first: the note
    # says where, and proposes no budget (the unmeasured-rates note is the other branch)
    assert "le plan ne propose pas plus de budget avant que le premier mois de campagnes " \
        "(févr. 2027) les mesure" in html or \
        "plus de budget n’achète plus aucune réservation" in html


def test_the_summary_says_what_the_awareness_part_funds():
    """Old code: "le budget payant étant réservé à « Ateliers pain »" while 30 % of it paid
    for the new shops' neighbourhood ads."""
    from smmplan.views.summary import recommendations

    plan = _fournil()
    tr, paid = plan.tr, plan.paid
    aware = sum(c.awareness_spend for c in paid.channels)
    assert aware == 540 and paid.total == 1800
    text = " ".join(recommendations(plan))
    assert "réservé à" not in text
    assert f"sauf sa part de notoriété ({tr.money(aware)}, {tr.percent(30, 0)}), qui finance " \
        "les publicités de quartier de l’objectif « Faire connaître les deux nouvelles " \
        "boutiques »" in text


def test_the_borrowed_rate_row_names_the_facebook_figure_it_borrows():
    """Old code: Instagram's row read "3,39 | 4,04 | 4,80 | référence Facebook, empruntée",
    its low being Facebook's central, without saying which figure it borrows."""
    from smmplan.views.budget_appendix import _rates

    plan = _fournil()
    rows = _rates(plan)
    ig = rows[(rows.platform == "instagram") & (rows.metric == "CVR")].iloc[0]
    fb = rows[(rows.platform == "facebook") & (rows.metric == "CVR")].iloc[0]
    assert ig["high"] == fb["high"] == _published()  # the one ceiling both rows share
    assert plan.tr.percent(_published(), 2) in ig["basis"] and "Facebook" in ig["basis"]
    assert fb["basis"] == plan.tr.t("budget.rate_basis.benchmark")
