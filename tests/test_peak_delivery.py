"""Weekly pinned delivery-promise posts through the peak when the brief names a peak-season
delivery weakness (``peak_delivery.py``, ``views/peak_note.py``), and no sponsored post on
an offer the client has not confirmed (``confirm_marks.confirmed_only``)."""

from __future__ import annotations

import copy
import datetime as dt

import pytest

from smmplan import peak_delivery
from smmplan.i18n import Translator
from smmplan.plan import Plan
from smmplan.validation import load_brief
from smmplan.views.peak_note import promise_note

FACTS = peak_delivery.facts()


@pytest.fixture(scope="module")
def fashion() -> Plan:
    return Plan(load_brief("data/examples/fashion/brief.yaml"))


def _brief(weaknesses: list[str]):
    brief = load_brief("data/examples/fashion/brief.yaml")
    out = copy.deepcopy(brief)
    out.situation.weaknesses = weaknesses
    out.situation.problems.online_reputation.evidence = ""
    return out


def test_weakness_needs_a_delivery_word_and_a_peak_word():
    assert peak_delivery.peak_weakness(_brief(["Parcels arrived late before Christmas"]))
    assert peak_delivery.peak_weakness(_brief(["Delivery is slow"])) is None
    assert peak_delivery.peak_weakness(_brief(["Stock runs out at peak"])) is None


def test_one_idea_a_week_up_to_the_cutoff():
    brief = _brief(["Delivery times slipped during peak season"])
    tr = Translator("en", "en_GB", "GBP")
    ideas = peak_delivery.promise_ideas(brief, tr)
    (cutoff, _), = peak_delivery.cutoffs(brief)
    assert len(ideas) == FACTS["weeks"] and len({i.text for i in ideas}) == len(ideas)
    assert ideas[-1].first_day <= ideas[-1].last_day <= cutoff.isoformat()
    firsts = [dt.date.fromisoformat(i.first_day) for i in ideas]
    assert all(d.weekday() == 0 for d in firsts)  # each week from its Monday
    lasts = [dt.date.fromisoformat(i.last_day) for i in ideas]
    assert all(d.weekday() <= 2 for d in lasts)  # out by Wednesday: early in its week
    assert all((b - a).days == 7 for a, b in zip(firsts[:-1], firsts[1:], strict=True))
    assert all(i.formats == FACTS["formats"] and i.posts == 1 for i in ideas)
    assert peak_delivery.promise_ideas(_brief(["Delivery is slow"]), tr) == []


def test_fashion_calendar_pins_a_promise_each_week_never_sponsored(fashion):
    moment = fashion.tr.t("ideas.delivery_promise.moment")
    posts = [s for s in fashion.channels.slots if s.moment == moment]
    weeks = {dt.date.fromisoformat(s.date).isocalendar()[1] for s in posts}
    assert len(weeks) == FACTS["weeks"]
    assert not any(s.sponsored or s.ad_only for s in posts)
    assert {s.format for s in posts} <= set(FACTS["formats"])
    note = promise_note(fashion)[0]
    assert "Delivery times slipped during peak season" in note
    assert fashion.tr.plural("plural.posts", len(posts)) in note


def test_no_promise_without_the_weakness():
    for name in ("bakery", "b2b-software"):
        assert peak_delivery.peak_weakness(load_brief(f"data/examples/{name}/brief.yaml")) \
            is None


def test_an_offer_to_confirm_is_never_sponsored(fashion):
    mark = fashion.tr.t("ideas.to_confirm")
    marked = [s for s in fashion.channels.slots if mark in s.base_idea]
    assert marked  # the e-gift card the brief does not name
    assert not any(s.sponsored or s.ad_only for s in marked)


def test_short_terms_are_whole_words_and_starred_ones_word_starts():
    from smmplan.peak_delivery import _has, facts

    terms = facts()["terms"]
    assert not _has("Slow dispatch of click-and-pick orders, pictures late", terms["peak"])
    assert _has("Livraisons en retard au pic de Noël", terms["peak"])
    assert _has("Parcels delivered late", terms["delivery"])  # deliver* and parcel*


def test_a_promise_on_the_cutoff_day_goes_out_before_its_hour(monkeypatch):
    """A cut-off on a Wednesday: its week's promise falls on the cut-off day itself, so it
    goes out before that day's order deadline (second diff review: only a cut-off on a
    Monday was caught)."""
    brief = _brief(["Delivery times slipped during peak season"])
    tr = Translator("en", "en_GB", "GBP")
    (cutoff, entry), = peak_delivery.cutoffs(brief)
    wednesday = cutoff - dt.timedelta(days=cutoff.weekday()) + dt.timedelta(days=2)
    monkeypatch.setattr(peak_delivery, "cutoffs", lambda b: [(wednesday, entry)])
    last = peak_delivery.promise_ideas(brief, tr)[-1]
    assert last.last_day == wednesday.isoformat() and last.order_by_days == 0
    earlier = peak_delivery.promise_ideas(brief, tr)[:-1]
    assert earlier and all(i.order_by_days is None for i in earlier)
