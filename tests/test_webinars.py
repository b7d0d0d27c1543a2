"""A B2B plan's webinar lever is dated: twelve monthly webinars on a mid-week, mid-month
day, each announced, reminded, held live on the platform that hosts lives and replayed;
the calendar's lives are those webinars; no idea about a meet-up the brief does not plan."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import holidays

from smmplan.brief import parse_brief
from smmplan.i18n import Translator
from smmplan.ideas import evergreen_ideas
from smmplan.paths import example_briefs
from smmplan.plan import Plan
from smmplan.validation import load_brief
from smmplan.webinars import webinar_dates, webinar_ideas

from .conftest import example_raw, standalone


def b2b(**events):
    raw = standalone(example_raw("b2b-software"))
    if events:
        raw.setdefault("calendar", {})["events"] = [{"date": d, "name": n}
                                                    for d, n in events.items()]
    return parse_brief(raw, Path("b.yaml"))


def test_twelve_mid_month_weekday_webinars_off_holidays():
    brief = b2b()
    days = webinar_dates(brief)
    us = holidays.country_holidays("US", years=[2027, 2028])
    assert len(days) == 12 and len({d.isoformat()[:7] for d in days}) == 12
    assert all(d.weekday() in (1, 2, 3) and 8 <= d.day <= 22 and d not in us for d in days)
    # a bakery's playbook has no webinar lever
    assert webinar_dates(parse_brief(standalone(example_raw("bakery")), Path("b.yaml"))) == []


def test_each_webinar_has_its_registration_sequence_with_topics_from_the_brief():
    brief = b2b()
    tr = Translator("en", "en_US", "USD")
    ideas = webinar_ideas(brief, tr)
    assert len(ideas) == 12 * (4 + 4)  # the sequence, then 4 clips of the recording
    for day in webinar_dates(brief):
        mine = [i for i in ideas if tr.weekday_date(day) in i.moment]  # "Tuesday, February 16"
        dates = sorted(dt.date.fromisoformat(i.date) for i in mine)
        assert [(d - day).days for d in dates][:3] == [-11, -1, 0] and (dates[3] - day).days > 0
    texts = " ".join(i.topic for i in ideas)
    assert "What it costs: a customer's bill" in texts  # "Priced per workflow, not per seat"


def test_webinar_titles_never_repeat_and_a_differentiator_is_never_shown_live():
    """Review 13: Feb = Oct, Mar = Nov, Apr = Dec, May = Jan word for word; "Priced per
    workflow, not per seat, shown live"; the Aug and Sep webinars both on security. A
    topic told again is its next part, a differentiator takes a playbook theme (or the
    buyers' questions), never a persona's theme a second time."""
    brief = b2b()
    for tr in (Translator("en", "en_US", "USD"), Translator("fr", "fr_FR", "USD")):
        ideas = webinar_ideas(brief, tr)
        start = tr.t("ideas.webinar_announce_topic", date="", subject="").split(" ")[0]
        titles = [i.topic.split(": ", 1)[1] if ": " in i.topic else i.topic
                  for i in ideas if i.topic.startswith(start)]
        assert len(titles) == 12 and len(set(titles)) == 12
        assert not any("shown live" in t or "montré en direct" in t for t in titles)
        bare = [t.split(" (")[0] for t in titles]  # the topic, without "part 2"
        assert all(a != b for a, b in zip(bare, bare[1:], strict=False))
        security = [t for t in bare if "SOC 2" in t or "SSO" in t]
        assert len(set(security)) == 1  # one security topic, not a second from the diff
    raw = standalone(example_raw("b2b-software"))
    raw["brand"]["differentiators"] = ["Carbon-neutral hosting"]  # no theme matches it
    tr = Translator("en", "en_US", "USD")
    texts = " ".join(i.topic for i in webinar_ideas(parse_brief(raw, Path("b.yaml")), tr))
    assert "Carbon-neutral hosting: your questions answered live" in texts


def test_a_personas_webinar_is_titled_by_the_playbooks_theme_not_the_brief_note():
    """The persona's need picks a topic-led theme (data/sectors/b2b.yaml webinars
    ``themes``): no persona name, no message note pasted as a public title."""
    brief = b2b()
    tr = Translator("en", "en_US", "USD")
    texts = " ".join(i.topic for i in webinar_ideas(brief, tr))
    for p in brief.targets.personas:
        assert p.name not in texts and p.message.rstrip(".") not in texts
    for title in ("Payback in numbers", "Build it live", "The security review in 30 minutes"):
        assert title in texts


def test_the_calendars_lives_are_the_webinars():
    plan = Plan(load_brief(next(p for p in example_briefs() if p.parent.name == "b2b-software")))
    lives = [s for s in plan.channels.slots if s.format == "live"]
    days = {d.isoformat() for d in webinar_dates(plan.brief)}
    assert len(lives) == 12 and {s.date for s in lives} == days
    assert all(s.idea.startswith("Live now") and not s.sponsored for s in lives)
    for when in days:  # the reminder goes out the day before
        before = (dt.date.fromisoformat(when) - dt.timedelta(days=1)).isoformat()
        assert any(s.date == before and s.idea.startswith("Tomorrow, live")
                   for s in plan.channels.slots), when


def test_youtubes_shorts_are_named_clips_of_a_webinar_dated_after_it():
    """YouTube's short videos are mostly cut from the webinars' recordings (the lever: "the
    recording cut into 4-6 clips"), and the clips also run on the other video platforms:
    each clip names its webinar and goes out after it."""
    plan = Plan(load_brief(next(p for p in example_briefs() if p.parent.name == "b2b-software")))
    tr = Translator("en", "en_US", "USD")
    days = {tr.weekday_date(d): d for d in webinar_dates(plan.brief)}
    shorts = [s for s in plan.channels.slots if s.platform == "youtube"
              and s.format == "short_video"]
    clips = [s for s in plan.channels.slots if s.idea.startswith("Clip ")]
    assert len(clips) >= 3 * 12 and any(s in shorts for s in clips)
    for s in clips:
        when = s.idea.split(" from the ")[1].split(" webinar")[0]  # "Tuesday, February 16"
        assert dt.date.fromisoformat(s.date) > days[when], s.idea
    cut = [s for s in shorts if s.idea.startswith(("Clip ", "Replay: "))]
    assert len(cut) > len(shorts) / 2


def test_a_meet_up_idea_only_when_the_brief_plans_a_meet_up():
    tr = Translator("en", "en_US", "USD")
    assert not any("meet-up" in i.topic for i in evergreen_ideas(b2b(), tr))
    planned = b2b(**{"2027-06-10": "Cloudline users meet-up, Chicago"})
    assert any("meet-up" in i.topic for i in evergreen_ideas(planned, tr))


def test_a_personas_evergreen_ideas_take_the_playbooks_themes_not_its_name_or_note():
    """The B2B playbook's per-persona ideas ("For {persona}: {need}", "{persona}: the
    question we hear on every demo") pasted the persona's name and the brief's note into
    public titles; their ``themes`` now title them (smmplan/persona_topics.py)."""
    brief = b2b()
    tr = Translator("en", "en_US", "USD")
    topics = {i.topic for i in evergreen_ideas(brief, tr) if i.persona}
    assert "Three workflow templates to copy today" in topics
    assert "The question we hear every week: where does our data live?" in topics
    for p in brief.targets.personas:
        assert not any(p.name in t or p.message.rstrip(".") in t for t in topics)
