"""One cost per lead: the plan's average (all paid spend over all conversions) is the
figure the summary and the paid chapter quote; a marginal cost is named as the last or an
extra lead's, never as 'a lead costs'. Residue: a note said once, no columns of 0."""

import html
import re

import pytest

from smmplan.paths import EXAMPLES_DIR
from smmplan.plan import Plan
from smmplan.validation import load_brief


def _text(section) -> str:
    return html.unescape(re.sub(r"<[^>]+>", " ", section.html()))


def test_cloudline_quotes_the_average_cost_per_lead_and_names_the_marginal(over_bound_brief):
    from smmplan.views.budget import budget_allocation, budget_forecast
    from smmplan.views.summary import paid_cuts

    # an envelope the lead bound holds back: the average and the last leads' cost, named
    held = Plan(load_brief(over_bound_brief))
    tr, paid = held.tr, held.paid
    assert paid.held_back
    average, marginal = tr.money(paid.totals["cpa"], 2), tr.money(paid.marginal_cpa, 2)
    assert average != marginal
    summary = " ".join(paid_cuts(held))
    chapter = _text(budget_allocation(held))
    for text in (summary.lower(), chapter.lower()):
        assert f"a lead costs {average} on average" in text
        assert f"last leads bought {marginal}" in text or \
            f"last leads bought at that budget cost {marginal}" in text
        assert f"a lead costs {marginal}" not in text
    # Cloudline's own plan: the chapter quotes the average, never the marginal as a lead's
    # cost
    plan = Plan(load_brief(EXAMPLES_DIR / "b2b-software" / "brief.yaml"))
    tr, paid = plan.tr, plan.paid
    average, marginal = tr.money(paid.totals["cpa"], 2), tr.money(paid.marginal_cpa, 2)
    chapter = _text(budget_allocation(plan))
    assert f"at {average} each" in chapter
    assert f"a lead costs {marginal}" not in chapter.lower()
    # one cost per lead: conversion spend over leads in the table, the chapter and the
    # summary; the all-in figure (awareness spend included) is quoted nowhere, and the
    # awareness spend is costed on the people it reaches
    spent = sum(c.conversion_spend for c in paid.channels if c.conversions > 0)
    assert paid.totals["cpa"] == pytest.approx(spent / paid.totals["conversions"])
    all_in = tr.money(paid.total / paid.totals["conversions"], 2)
    from smmplan.views.budget import budget_scenarios
    from smmplan.views.summary import executive_summary, reporting, risks

    whole = " ".join([_text(executive_summary(plan)), chapter, _text(budget_scenarios(plan)),
                      " ".join(reporting(plan)), " ".join(str(r) for r in risks(plan))])
    assert average in _text(executive_summary(plan))
    assert all_in != average and all_in not in whole
    aware = next(c for c in paid.channels if c.awareness_spend > 0)
    assert (f"{tr.money(aware.awareness_spend)} for {tr.number(aware.awareness_reach)} people "
            f"reached, {tr.money(aware.awareness_spend / aware.awareness_reach * 1000, 2)} "
            "per 1,000") in chapter
    # what to sponsor: no post history, no Posts / Engagement columns of 0
    sponsor = _text(budget_forecast(plan))
    assert "Document carousels" in sponsor and "Engagement rate" not in sponsor


def test_lune_names_the_held_back_conversions_as_extra():
    from smmplan.views.budget import budget_allocation

    plan = Plan(load_brief(EXAMPLES_DIR / "fashion" / "brief.yaml"))
    tr, hb = plan.tr, plan.paid.held_back
    chapter = _text(budget_allocation(plan))
    assert f"each extra one costing {tr.money(hb['marginal_cpa'], 2)} on average" in chapter
    assert f"against {tr.money(plan.paid.totals['cpa'], 2)} a conversion in the plan" in chapter


def test_the_demo_counting_note_is_said_once():
    from smmplan.views.objectives import objectives_smart

    plan = Plan(load_brief(EXAMPLES_DIR / "b2b-software" / "brief.yaml"))
    text = _text(objectives_smart(plan))
    assert text.count("Only the key events on /demo count") == 1
