"""A booked workshop's calendar shows proof, not the same reminder each week: one reminder
story a month (before the month's last session), the other sessions' stories given to the
pillar of ``calendar.session_story_role``, and the participants' photos each month, after
the month's last session."""

from __future__ import annotations

import datetime as dt
import functools

from smmplan.calendar_slots import Slot, session_stories
from smmplan.paths import example_briefs
from smmplan.plan import Plan
from smmplan.sessions import sessions
from smmplan.validation import load_brief


@functools.cache
def _plan() -> Plan:
    return Plan(load_brief(next(p for p in example_briefs() if p.parent.name == "bakery")))


def test_one_reminder_a_month_before_the_months_last_session():
    held = sessions(_plan().brief)
    months = {d.isoformat()[:7] for d in held.dates}
    reminded = held.reminded()
    assert len(reminded) == len(months) < len(held.dates)
    for d in reminded:
        assert d == max(x for x in held.dates if x.isoformat()[:7] == d.isoformat()[:7])


def test_the_other_sessions_stories_go_to_the_given_pillar():
    sat = [dt.date(2027, 1, 9), dt.date(2027, 1, 16)]
    added = session_stories([], {"instagram": ["story"]}, {}, sat, dt.date(2027, 1, 1),
                            reminded={sat[1]}, pillar="values")
    assert sorted((s.date < "2027-01-10", s.pillar) for s in added) == [
        (False, "showcase"), (True, "values")]
    assert all(isinstance(s, Slot) and s.format == "story" for s in added)


def test_the_calendar_shows_the_sessions_monthly_and_reminds_once_a_month():
    plan = _plan()
    held = sessions(plan.brief)
    posts = plan.channels.slots
    reminders = [s for s in posts if s.moment and "places" in s.idea and s.format == "story"]
    assert len(reminders) == len(held.reminded())
    photos = sorted(s.date for s in posts if "ont façonné" in s.idea)
    last = sorted(held.reminded())  # the month's last session
    assert len(photos) == len(last)
    for day, session in zip(photos, last, strict=True):
        assert session.isoformat() < day <= (session + dt.timedelta(days=6)).isoformat()
    values = next(p for p in plan.channels.pillars if p["key"] == "values")
    share = 100 * sum(s.pillar == "values" for s in posts) / len(posts)
    assert share >= values["weight"] - 5  # was 12.8 % against 25 %
    # the daily bake keeps its weekly post (test_staples): the savoir-faire stories do not
    # take it (idea_supply keeps a weekly staple's post when it drops and fills again)
    assert sum("sortie du four" in s.base_idea for s in posts if not s.ad_only) >= 30
    # the channel table says how many of the sessions' stories are reminders
    insta = next(c for c in plan.channels.choices if c.platform == "instagram")
    assert 0 < insta.reminded < insta.reminders


def test_the_ideas_table_dates_a_one_post_idea_on_its_post():
    from smmplan.views.base import day
    from smmplan.views.channels import content_plan

    plan = _plan()
    content_plan(plan)
    rows = [r for r in plan.record.tables["ideas"]["rows"] if "ont façonné" in r["text"]]
    posted = sorted(s.date for s in plan.channels.slots
                    if "ont façonné" in s.base_idea and not s.ad_only)
    assert len(rows) == len(posted) > 1
    shown = sorted(r["moment"].split(" · ")[0] for r in rows)
    assert shown == sorted(day(plan.tr, dt.date.fromisoformat(d), "medium") for d in posted)


def test_a_months_dates_post_lists_no_session_gone_by():
    """A month's dates post names only the sessions still ahead (review 13: 'les dates de
    janvier' on 3 Jan listed 'samedi 2'), and every session the fill rate counts is named
    by one before it (review 15: 49 sessions counted, 48 announced, none before Saturday 2
    January): the plan's first month is announced on the day before its first session."""
    from babel.dates import format_date

    plan = _plan()
    posts = [s for s in plan.channels.slots if "les dates de janvier" in s.idea]
    assert posts and all(s.date == "2027-01-01" for s in posts)
    for s in posts:
        assert "samedi 2," in s.idea and "samedi 9" in s.idea, s.idea
    announced = [s for s in plan.channels.slots if "les dates d" in s.idea]
    for d in sessions(plan.brief).dates:  # each one named by an earlier post of its month
        name = format_date(d, "EEEE d", locale="fr")
        assert any(s.date < d.isoformat() and s.date[:7] <= d.isoformat()[:7]
                   and f"{name}," in s.idea.replace(" et ", ", ").replace(")", ",")
                   for s in announced), d


def test_the_french_calendar_file_spaces_its_call_to_action():
    from smmplan.calendar_files import calendar_files

    plan = _plan()
    ics = calendar_files(plan.channels, "Maison Fournil", plan.tr)["calendar.ics"].decode()
    assert "Appel à l’action\u202f: " in ics.replace("\r\n ", "")
    assert "Appel à l’action: " not in ics.replace("\r\n ", "")
