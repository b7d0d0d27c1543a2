"""The new shops' opening campaign gives one reach forecast (review 19, Maison Fournil: "32
788 impressions, environ 28 533 personnes touchées", then "quelque 10 929, environ 3 fois
chacune" of "5 810 personnes autour de sa boutique"): the people its impressions reach at
the frequency a reach ad needs, out of the narrower audience the ads target, which adds up;
the whole neighbourhood's frequency is only the reason for the narrower audience."""

from __future__ import annotations

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
