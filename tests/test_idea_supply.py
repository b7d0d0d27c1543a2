"""When the ideas fall short, posts give way where a post matters least, then on the next
platform without paid spend; never where paid runs, nor a live or a key moment's post."""

from __future__ import annotations

from smmplan.calendar_slots import Slot
from smmplan.channels import ChannelChoice
from smmplan.idea_supply import _to_drop, least_needed, next_needed


def _choice(platform: str, score: float, **kw) -> ChannelChoice:
    c = ChannelChoice(platform, score, 1.0, 1.0, 1.0, True, "awareness", "kept", **kw)
    c.posts_per_week = 2.0
    return c


def test_the_next_platforms_are_those_without_paid_spend_by_score():
    choices = [_choice("linkedin", 90.0), _choice("x", 60.0), _choice("youtube", 50.0),
               _choice("facebook", 40.0)]
    spend = {"linkedin": 1000.0}
    assert least_needed(choices, spend) == "facebook"
    assert next_needed(choices, spend) == ("youtube", "x")


def test_a_short_post_gives_way_on_the_next_platform_when_the_spare_has_none():
    short = Slot("2027-03-10", "09:00", "x", "values", "post", False)
    other = Slot("2027-03-12", "09:00", "x", "values", "post", False)
    video = Slot("2027-03-11", "17:00", "youtube", "education", "short_video", False)
    slots = [short, other, video]
    planned = {id(s): (s.pillar, s.format) for s in slots}
    assert _to_drop(slots, [short], "youtube", planned) == {}  # no values post on YouTube
    drop = _to_drop(slots, [short], "youtube", planned, ("x",))
    assert list(drop.values()) == [short]
