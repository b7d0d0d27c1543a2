"""The new shops' opening campaign gives one reach forecast (review 19, Maison Fournil: "32
788 impressions, environ 28 533 personnes touchées", then "quelque 10 929, environ 3 fois
chacune" of "5 810 personnes autour de sa boutique"): the people its impressions reach at
the frequency a reach ad needs, out of the narrower audience the ads target, which adds up;
the whole neighbourhood's frequency is only the reason for the narrower audience."""

from __future__ import annotations

import html
import math
from functools import cache

from smmplan.openings_paid import campaign
from smmplan.paths import EXAMPLES_DIR
from smmplan.plan import Plan
from smmplan.validation import load_brief


@cache
def _fournil() -> Plan:
    return Plan(load_brief(EXAMPLES_DIR / "bakery" / "brief.yaml"))


def test_the_opening_campaign_says_one_reach_that_adds_up():
    from smmplan.views.opening_paid import opening_notes

    plan = _fournil()
    tr = plan.tr
    camp = campaign(plan.brief, plan.paid)
    f = camp["focus"]
    assert f["people"] and f["frequency"] < f["minimum"]  # the whole neighbourhood: too thin
    audience = f["people_per_shop"] * camp["shops"]
    assert f["people"] <= audience  # reached among the people targeted
    assert abs(f["people"] * f["minimum"] - camp["impressions"]) <= f["minimum"]  # x 3 each
    text = opening_notes(plan)[0]
    assert tr.number(f["people"]) in text and tr.number(audience) in text
    assert tr.number(camp["reach"]) not in text  # the whole neighbourhood's reach: not said


def test_the_cost_note_says_the_opening_campaigns_reach():
    """Old code: "Instagram 540 € pour 53 219 personnes touchées, 10,15 € les 1 000" beside
    the campaign's 10 929 people reached 3 times."""
    from smmplan.views.budget_notes import cost_note

    plan = _fournil()
    camp = campaign(plan.brief, plan.paid)
    ig = next(c for c in plan.paid.channels if c.platform == camp["platform"])
    text = str(cost_note(plan)[0].markup)
    assert plan.tr.number(camp["focus"]["people"]) in text
    assert plan.tr.number(ig.awareness_reach) not in text


def test_thin_awareness_reach_is_said_with_figures_that_add_up():
    """Old code (Cloudline): "LinkedIn 1.0 (about 195,100 people reached a month out of
    3,738,927)" and nothing on what one exposure does for the awareness goal; the quarterly
    survey in no cost line and nobody named to pay it."""
    from smmplan.views.awareness_reach import awareness_impressions, thin_reach
    from smmplan.views.budget_notes import frequency_note
    from smmplan.views.objectives import objectives_smart

    plan = Plan(load_brief(EXAMPLES_DIR / "b2b-software" / "brief.yaml"))
    tr = plan.tr
    li = next(c for c in plan.paid.channels if c.awareness_spend > 0)
    seen = awareness_impressions(plan, li)
    audience = next(m["audience"] for m in plan.paid.models if m["platform"] == li.platform)
    # the forecast's reach from these impressions, back again
    assert abs(audience * -math.expm1(-seen / audience) - li.awareness_reach) < 1
    assert li.awareness_reach <= seen < 3 * li.awareness_reach  # under 3 exposures each
    (text,) = thin_reach(plan)
    assert tr.number(round(seen / 3, -2)) in text and tr.number(round(seen, -2)) in text
    assert text in html.unescape(str(frequency_note(plan)[0].markup))
    assert "in none of the plan's cost lines" in html.unescape(objectives_smart(plan).html())
