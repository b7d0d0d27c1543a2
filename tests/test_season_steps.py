"""A product season (the galette des rois all January) is told as a sequence of distinct
posts starting before its key date, never one idea posted again and again (review 9:
"La galette des rois … Votez" on 5, 8, 12, 13, 20 and 21 January, after Epiphany)."""

from __future__ import annotations

import datetime as dt

from smmplan.i18n import Translator
from smmplan.ideas import moment_ideas
from smmplan.paths import example_briefs
from smmplan.plan import Plan
from smmplan.season_steps import season_steps, step_window
from smmplan.sectors import sector_dates
from smmplan.validation import load_brief


def _bakery():
    return load_brief(next(p for p in example_briefs() if p.parent.name == "bakery"))


def test_the_galette_season_is_a_sequence_of_distinct_posts_from_before_epiphany():
    brief = _bakery()
    plan = Plan(brief)
    epiphany = next(d for d in sector_dates("food_shop", "FR", brief.client.period.start,
                                            brief.client.period.end) if d["key"] == "epiphany")
    name = plan.tr.text(epiphany["entry"]["name"])
    posts = [s for s in plan.channels.slots if s.moment == name]
    ideas = {s.base_idea for s in posts}
    assert len(ideas) >= 4 and len(posts) == len(ideas)  # each step once, none repeated
    assert min(s.date for s in posts) < epiphany["date"].isoformat()  # announced before
    assert any("fève" in i for i in ideas)  # the bakery's own words for its steps


def test_every_season_gets_every_step_with_its_own_window():
    brief = _bakery()
    tr = Translator("en", "en_GB", "EUR")
    ideas = [i for i in moment_ideas(brief, tr)  # a season's steps (not the offer's dated
             if i.once and not i.staple and not i.offer]  # posts: its months, its gift)
    assert len(ideas) == len(season_steps()) and len({i.text for i in ideas}) == len(ideas)
    windows = [(i.first_day, i.last_day) for i in ideas]
    assert windows == sorted(windows) and windows[0][1] < "2027-01-03" <= windows[1][0]
    assert step_window({"days": ["lead", -1]}, 5, 28) == (-5, -1)
    assert step_window({"season": [0.75, 1.0]}, 5, 28) == (21, 28)
    assert dt.date.fromisoformat(ideas[-1].last_day) == dt.date(2027, 1, 31)
