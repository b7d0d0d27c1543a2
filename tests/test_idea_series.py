"""Cloudline's content bank is no offer x template grid: a brand's origin story is told
once for the brand, sponsored "Book a demo" posts carry proof (never a point of view,
which stays organic a few times a year), and an idea whose every post is a new instance
(a customer's story, a review, a task timed) is a named series of numbered entries."""

from __future__ import annotations

import collections

import pytest

from smmplan.i18n import Translator
from smmplan.ideas import Idea, evergreen_ideas
from smmplan.paths import example_briefs
from smmplan.sponsored_ideas import paid_ideas
from smmplan.validation import load_brief

TR = Translator("en", "en_US", "USD")


def _b2b():
    return load_brief(next(p for p in example_briefs() if p.parent.name == "b2b-software"))


def test_the_origin_story_is_the_brands_once_not_each_offer_lines():
    ideas = evergreen_ideas(_b2b(), TR)
    origin = [i for i in ideas if "the problem we started with" in i.topic]
    assert [(i.topic, i.per_year) for i in origin] == [
        ("Cloudline: the problem we started with", 1)]


def test_sponsored_demo_posts_carry_proof_and_a_point_of_view_stays_organic():
    brief = _b2b()
    ideas = evergreen_ideas(brief, TR)
    paid = paid_ideas(ideas, brief.budget.paid.books, "lead")
    assert paid and all(i.pillar == "showcase" for i in paid)
    view = [i for i in ideas if i.pillar == "values" and i.voice == "brand" and i.cta == "demo"]
    assert view and all(i.per_year is not None and i.per_year <= 4 for i in view)
    # a point of view is left out only while proof sells: alone, it is still an ad's idea
    alone = Idea("values", "Why we built it", "hook", "demo", offer="X")
    assert paid_ideas([alone], "X", "lead") == [alone]


def test_a_customer_story_is_a_numbered_series_of_distinct_entries():
    ideas = evergreen_ideas(_b2b(), TR)
    story = next(i for i in ideas if i.topic.startswith("Cloudline Enterprise customer story"))
    assert story.turns[0].startswith("Cloudline Enterprise customer story #1: [customer")
    assert story.turns[2].startswith("Cloudline Enterprise customer story #3: ")
    assert len(set(story.turns)) == len(story.turns) >= 12
    plain = next(i for i in ideas if i.topic == "Cloudline Enterprise in one number")
    assert plain.turns == ()  # a template without ``numbered`` stays one idea


@pytest.mark.xfail(strict=True, reason=(
    "known defect (session 27): with LinkedIn paid for awareness at Cloudline's own 0.18% "
    "and X carrying the leads, the 'People and customers' pillar has ~226 posts and too few "
    "distinct ideas: 'Meet the team behind Cloudline' runs 11 times. Needs more community "
    "ideas or pillar shares that follow the idea supply"))
def test_cloudline_calendar_repeats_no_post_title_more_than_the_cap_allows():
    """No idea text runs more than 6 times a year on Cloudline's calendar except the demo
    explainer (its wording is the buying path's), once 26 ideas ran 10-12 times each."""
    from smmplan.plan import Plan

    ch = Plan(_b2b()).channels
    titles = collections.Counter(s.idea.split(" — ")[0] for s in ch.slots)
    over = {t: n for t, n in titles.items() if n > 6  # each line's product walk-through:
            and " demo covers " not in t and "set up your first workflow" not in t
            and t != "Use it or lose it: what to commit before year end"}  # a key moment
    assert not over, over
    origin = [s for s in ch.slots if "the problem we started with" in s.idea]
    assert len(origin) == 1
    sponsored = [s for s in ch.slots if s.sponsored and s.pillar == "values"]
    assert not sponsored
