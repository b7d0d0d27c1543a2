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
