"""A food shop's daily bake is a weekly staple (new shops' versions first), a gift idea
runs only in its window of the year (never after Christmas)."""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace

from smmplan.i18n import Translator
from smmplan.ideas import evergreen_ideas, fits, moment_ideas
from smmplan.paths import example_briefs
from smmplan.validation import load_brief


def _bakery():
    return load_brief(next(p for p in example_briefs() if p.parent.name == "bakery"))


def test_the_daily_bake_has_a_dated_idea_every_week_new_shops_first():
    brief = _bakery()
    tr = Translator("fr", brief.locale, "EUR")
    weekly = [m for m in moment_ideas(brief, tr) if m.staple]
    weeks = {dt.date.fromisoformat(m.date).isocalendar()[:2] for m in weekly}
    assert len(weekly) == len(weeks) >= 52
    assert "sortie du four ce matin, dans les deux nouvelles boutiques" in weekly[0].topic
    assert len({m.text for m in weekly}) == 4  # two lines, each for the new shops and all


def test_a_gift_voucher_never_goes_out_after_its_gift_date():
    brief = _bakery()
    tr = Translator("fr", brief.locale, "EUR")
    gift = next(i for i in evergreen_ideas(brief, tr, frozenset()) if "cadeau" in i.topic)
    post = SimpleNamespace(date="2027-12-26", time="08:00", format="photo")
    assert not fits(gift, post)
    assert fits(gift, SimpleNamespace(date="2027-12-10", time="08:00", format="photo"))


def test_the_daily_bake_holds_its_weekly_post_on_the_calendar():
    """Maison Fournil (review11): "Sortie du four" ran 4 times in the year, its weekly post
    lost to dated ideas, to other pillars' posts and to evening hours, then overwritten
    around the sponsored posts. It now keeps a post in most weeks, at a morning hour, and the
    booked workshop fills no more than about a feed post a month outside its stories."""
    from smmplan.plan import Plan

    plan = Plan(_bakery())
    posts = [s for s in plan.channels.slots if not s.ad_only]
    bake = [s for s in posts if "sortie du four" in s.base_idea]
    assert len(bake) >= 30
    assert all(5 <= int(s.time[:2]) <= 11 for s in bake)
    workshop = [s for s in posts if s.base_idea.startswith("Ateliers pain")
                and s.format != "story" and not s.sponsored
                and "ont façonné" not in s.base_idea]  # the monthly proof: test_session_proof
    assert len(workshop) <= 18


def test_a_gift_idea_gets_dated_posts_through_its_window():
    """The workshop voucher (a gift idea with a window) ran once, as an ad only on 16
    November (review11): it now has ``calendar.gift_posts`` dated posts spread through its
    window, late November and about 10 December."""
    from smmplan.staples import gift_moments

    brief = _bakery()
    tr = Translator("fr", brief.locale, "EUR")
    gifts = gift_moments(brief, evergreen_ideas(brief, tr, frozenset()))
    assert [g.date for g in gifts] == ["2027-11-27", "2027-12-08"]
    assert all(g.once and g.posts == 1 and "cadeau" in g.topic for g in gifts)


def test_the_french_calendar_reads_as_the_bakerys_own_words():
    """review11: a differentiator pasted with its capital after a colon ("Derrière la vitre :
    Fournée visible…"), a topic opening on a brief's phrase ("Levain naturel … : une nuit au
    fournil"), a SWOT opportunity turned into a post, the voucher off the feed, and the
    'faites connaissance' post dated 14 January in the text but 8 January on the calendar."""
    from smmplan.plan import Plan
    from smmplan.views.opening_paid import opening_notes

    plan = Plan(_bakery())
    feed = [s for s in plan.channels.slots if not s.ad_only]
    topics = {s.base_idea.split(" — ")[0] for s in plan.channels.slots}
    assert not any("Fournée visible" in t or t.startswith("Levain naturel") for t in topics)
    assert any(t.startswith("Une nuit au fournil") for t in topics)
    assert not any(brief_item in t for t in topics
                   for brief_item in plan.brief.situation.opportunities)
    gift = [s for s in feed if "cadeau" in s.base_idea and s.date < "2027-12-20"]
    assert len(gift) >= 2
    from smmplan.openings_paid import campaign

    on = campaign(plan.brief, plan.paid)["platform"]  # the campaign's own post (review 14)
    meet = min(s.date for s in feed if "faites connaissance" in s.base_idea and s.platform == on)
    note = " ".join(opening_notes(plan))
    assert f"du {plan.tr.date(dt.date.fromisoformat(meet))}" in note
