"""The paid campaign around the new shops' opening: dated around the opening post, taken
from the awareness budget (platform totals kept), its reach on each new shop's
neighbourhood, and its ads in the calendar on the campaign's first day."""

from __future__ import annotations

import copy
import datetime as dt
import math
from pathlib import Path

import pytest

from smmplan.brief import parse_brief
from smmplan.budget import plan_paid
from smmplan.new_shops import new_shops, opening_date
from smmplan.openings_paid import applies, campaign, window, without_opening

from .conftest import example_raw

FOLDER = Path(__file__).resolve().parent.parent / "data" / "examples" / "bakery"


def bakery(raw=None):
    return parse_brief(raw or example_raw("bakery"), FOLDER / "brief.yaml")


def test_campaign_around_the_opening_from_the_awareness_budget():
    brief = bakery()
    assert applies(brief) and new_shops(brief) == 2
    opening, start, end = window(brief)
    assert opening == opening_date(brief) == dt.date(2027, 1, 14)
    assert (start, end) == (dt.date(2027, 1, 11), dt.date(2027, 1, 31))
    paid = plan_paid(brief)
    camp = campaign(brief, paid)
    assert camp["platform"] == "instagram"
    assert camp["amount"] == pytest.approx(5 * paid.rate * 21 * 2, abs=0.01)
    assert camp["amount"] <= camp["awareness"] / 2
    assert 0 < camp["reach"] <= 2 * camp["audience_per_shop"]
    rows = [r for r in paid.monthly if r["platform"] == "instagram"]
    january = next(r for r in rows if r["month"].startswith("2027-01"))
    assert january["opening"] == pytest.approx(camp["amount"])
    spend = next(c.spend for c in paid.channels if c.platform == "instagram")
    assert sum(r["spend"] for r in rows) == pytest.approx(spend, abs=0.01)
    assert sum(r["spend"] for r in without_opening(paid.monthly)
               if r["platform"] == "instagram") == pytest.approx(spend - camp["amount"], abs=0.02)


def test_no_campaign_without_a_new_shops_goal():
    raw = copy.deepcopy(example_raw("bakery"))
    raw["goals"]["business_goals"] = raw["goals"]["business_goals"][:1]
    brief = bakery(raw)
    assert not applies(brief) and window(brief) is None
    paid = plan_paid(brief)
    assert campaign(brief, paid) is None
    assert not any(r.get("opening") for r in paid.monthly)


def test_roi_says_what_a_workshop_family_buys_later_is_left_out():
    from types import SimpleNamespace

    from smmplan.i18n import Translator
    from smmplan.views.roi_scope import booked_leaves_out

    brief = bakery()
    tr = Translator("fr", "fr_FR", "EUR")
    plan = SimpleNamespace(tr=tr, brief=brief, paid=SimpleNamespace(
        books="Ateliers pain", customer_value=None))
    text = booked_leaves_out(plan)
    assert "Les familles des ateliers" in text and "Pains au levain" in text
    assert "Ateliers pain" not in text  # the booked line is what the ROI already counts
    plan.paid.books = None
    assert booked_leaves_out(plan) == ""


def test_after_the_campaign_each_new_shop_gets_a_small_monthly_boost():
    # review 11, Fournil 2: "no paid reach for the new shops after January's 202 €"
    from smmplan.catalogue import paid_facts
    from smmplan.openings_paid import monthly_boost
    from smmplan.plan import Plan
    from smmplan.validation import load_brief
    from smmplan.views.opening_paid import opening_notes

    plan = Plan(load_brief("data/examples/bakery/brief.yaml"))
    camp = campaign(plan.brief, plan.paid)
    boost = monthly_boost(plan.brief, plan.paid, camp)
    rule = paid_facts()["opening_campaign"]
    assert boost["rest"] == pytest.approx(camp["awareness"] - camp["amount"], abs=0.01)
    assert boost["per_shop"] * boost["months"] * camp["shops"] == pytest.approx(
        boost["rest"], abs=0.1)
    assert boost["days"] == rule["min_days"]
    assert boost["daily"] >= rule["min_daily_usd"] * plan.paid.rate
    tr = plan.tr
    assert tr.money(boost["per_shop"], 2) in opening_notes(plan)[0]
    # too little left for a week a month at the lowest daily budget: nothing is promised
    poor = {**camp, "awareness": camp["amount"] + 10}
    assert monthly_boost(plan.brief, plan.paid, poor) is None


def test_the_campaign_is_dated_on_its_own_platforms_opening_post():
    # review 14, Fournil 1: "autour de la publication « faites connaissance » du 2 janvier"
    # named the Facebook post, while the campaign runs on Instagram around its 6 January one
    from smmplan.plan import Plan
    from smmplan.validation import load_brief
    from smmplan.views.base import day
    from smmplan.views.opening_paid import opening_notes

    plan = Plan(load_brief("data/examples/bakery/brief.yaml"))
    camp = campaign(plan.brief, plan.paid)
    texts = {i["text"] for i in plan.channels.ideas
             if i["goal"] and i["date"] == camp["opening"]}
    posts = [s for s in plan.channels.slots if s.base_idea in texts and not s.ad_only]
    own = min(s.date for s in posts if s.platform == camp["platform"])
    assert min(s.date for s in posts) < own  # another platform's post goes out first
    note = opening_notes(plan)[0]
    assert f"du {day(plan.tr, dt.date.fromisoformat(own))}" in note


def test_the_only_paid_spend_sentence_names_the_ad_that_sells_the_next_month():
    # review 14, Fournil 1: "les seules dépenses payantes avant févr. 2027" while the
    # calendar sponsors "les dates de février" on 24 January
    from smmplan.plan import Plan
    from smmplan.validation import load_brief
    from smmplan.views.base import day
    from smmplan.views.opening_paid import opening_notes

    plan = Plan(load_brief("data/examples/bakery/brief.yaml"))
    first = plan.paid.paid_months[0]
    early = sorted(s.date for s in plan.channels.slots if s.sponsored and s.date < first
                   and "les dates de" in s.idea)
    assert early
    note = opening_notes(plan)[0]
    # review 15, Fournil 2: the rule once ("avant la première publicité … le 24 janvier"),
    # not "avant févr. 2027" then "Seule exception : la publicité du 24 janvier"
    assert f"publicité de réservation, le {day(plan.tr, dt.date.fromisoformat(early[0]))}" \
        in note
    assert "exception" not in note and "avant févr." not in note


def test_the_frequency_is_said_and_below_the_minimum_the_audience_is_narrowed():
    # review 15, Fournil 4: 32 788 impressions on 28 533 people, a frequency of 1.15
    from smmplan.openings_paid import focus, rule

    low = float(rule()["min_frequency"])
    thin = focus(32788, 2, 57574)
    assert 1.1 < thin["frequency"] < low
    # the narrowed audience: each reached person sees the ad `low` times on average
    x = 32788 / 2 / thin["people_per_shop"]
    assert abs(x / -math.expm1(-x) - low) < 0.01 and thin["people"] == round(32788 / low)
    assert focus(200000, 1, 20000)["people"] == 0  # already often enough: nothing to narrow


def test_the_campaign_note_states_the_frequency_and_its_source():
    from smmplan.plan import Plan
    from smmplan.validation import load_brief
    from smmplan.views.opening_paid import opening_notes

    plan = Plan(load_brief("data/examples/bakery/brief.yaml"))
    camp = campaign(plan.brief, plan.paid)
    note = opening_notes(plan)[0]
    freq = camp["focus"]["frequency"]
    assert abs(freq - camp["impressions"] / camp["reach"]) < 0.01
    assert plan.tr.number(freq, 2) in note and "Krugman" in note
    assert plan.tr.number(camp["focus"]["people_per_shop"]) in note
