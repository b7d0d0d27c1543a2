"""The first conversion ad's day (``paid_start``), worked out once: a sponsored post that
sells the first paid month before it starts moves it earlier, and every sentence that speaks
of when paid starts (the set-up rule, the neighbourhood campaign, the tag ask, the roll-out
table) names that same day (review 15, Fournil 2: January described three ways)."""

from __future__ import annotations

import datetime as dt

import pytest

from smmplan.paid_start import first_conversion_ad
from smmplan.plan import Plan
from smmplan.validation import load_brief
from smmplan.views.base import day
from smmplan.views.budget_notes import paid_months_notes
from smmplan.views.client_needs import client_needs
from smmplan.views.identity import _focus
from smmplan.views.opening_paid import opening_notes


@pytest.fixture(scope="module")
def bakery() -> Plan:
    return Plan(load_brief("data/examples/bakery/brief.yaml"))


def test_a_post_selling_the_first_paid_month_ahead_is_the_first_ad(bakery):
    first = bakery.paid.paid_months[0]
    sells = {i["text"]: i["sells"] for i in bakery.channels.ideas if i.get("sells")}
    early = sorted(s.date for s in bakery.channels.slots if s.sponsored and s.date < first
                   and sells.get(s.base_idea, "") >= first[:7])
    ad = first_conversion_ad(bakery)
    assert early and ad["ahead"] and ad["day"] == early[0][:10] < first
    assert ad["month"] == first[:10]  # paid from the first paid month's budget


def test_every_sentence_names_the_same_first_day(bakery):
    ad = first_conversion_ad(bakery)
    said = day(bakery.tr, dt.date.fromisoformat(ad["day"]))
    setup = next(n for n in paid_months_notes(bakery) if "Aucune" in n)
    assert said in setup and "le premier mois :" not in setup
    assert setup.count("Seule") == 1  # only the neighbourhood campaign runs before
    assert f"le {said}" in opening_notes(bakery)[0]
    tag = next(n for n in client_needs(bakery) if n.startswith("Le pixel Meta"))
    assert f"part le {said}" in tag
    crawl, walk, _ = _focus(bakery)
    assert said in crawl and "premiers tests" not in walk


def test_without_a_post_ahead_paid_starts_on_its_first_month(bakery):
    kept = bakery.channels.slots
    try:
        bakery.channels.slots = [s for s in kept if not s.sponsored]
        ad = first_conversion_ad(bakery)
        assert not ad["ahead"] and ad["day"] == bakery.paid.paid_months[0][:10]
        crawl, walk, _ = _focus(bakery)  # still inside the 4 set-up months: said there
        assert day(bakery.tr, dt.date.fromisoformat(ad["day"])) in crawl
    finally:
        bakery.channels.slots = kept
