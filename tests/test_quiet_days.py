"""A sector moment's quiet days keep only a share of the organic posts (Thanksgiving week
for a B2B plan in the U.S.)."""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace

from smmplan.paths import example_briefs
from smmplan.quiet_days import off_days, quiet_windows, thin_quiet_days
from smmplan.validation import load_brief


def test_thanksgiving_week_keeps_half_the_organic_posts_and_black_friday_none():
    brief = load_brief(next(p for p in example_briefs() if p.parent.name == "b2b-software"))
    windows = quiet_windows(brief)
    assert windows, "the B2B playbook marks Thanksgiving week as quiet"
    first, last = windows[0]
    start = dt.date.fromisoformat(first)
    assert start.weekday() == 0 and start.month == 11  # the Monday of Thanksgiving week
    days = [(start + dt.timedelta(days=i)).isoformat() for i in range(5)]
    slots = [SimpleNamespace(date=d, time="08:00", platform=p, sponsored=False)
             for d in days for p in ("linkedin", "x")]
    slots.append(SimpleNamespace(date=days[1], time="12:00", platform="linkedin",
                                 sponsored=True))
    slots.append(SimpleNamespace(date=days[4], time="12:00", platform="linkedin",
                                 sponsored=True))
    before = (start - dt.timedelta(days=7)).isoformat()
    slots.append(SimpleNamespace(date=before, time="08:00", platform="x", sponsored=False))
    dropped = thin_quiet_days(slots, brief)
    # the Friday after Thanksgiving (Black Friday) is a day off for U.S. buyers: none of its
    # 3 posts stays, sponsored or not; Monday to Thursday keep half: 4 organic posts -> 2
    assert off_days(brief) == {days[4]}
    assert dropped == 3 + 2 * 2
    assert not any(s.date == days[4] for s in slots)
    for p in ("linkedin", "x"):
        week = [s for s in slots if first <= s.date <= last and s.platform == p
                and not s.sponsored]
        assert len(week) == 2 and week[0].date == days[0] and week[-1].date == days[3]
    assert any(s.sponsored for s in slots) and any(s.date == before for s in slots)
    # a plan outside the U.S. has no Thanksgiving week
    uk = brief.model_copy(update={"client": brief.client.model_copy(update={"country": "FR"})})
    assert not quiet_windows(uk) and not off_days(uk)


def test_the_b2b_year_end_break_keeps_one_post_a_day_and_no_ads():
    """27 to 31 December (playbook ``quiet_weeks``): at most one post a day on all
    platforms together, a key moment's post first, and no day of it takes a sponsored post
    (``no_paid_days``, which the sponsoring and people's own profiles skip)."""
    from smmplan.quiet_days import cap_quiet_weeks, no_paid_days, quiet_weeks

    brief = load_brief(next(p for p in example_briefs() if p.parent.name == "b2b-software"))
    weeks = quiet_weeks(brief)
    assert [(a[5:], b[5:], n) for a, b, n in weeks] == [("12-27", "12-31", 1)]
    first = dt.date.fromisoformat(weeks[0][0])
    days = [(first + dt.timedelta(days=i)).isoformat() for i in range(5)]
    assert no_paid_days(brief) == set(days)
    slots = [SimpleNamespace(date=d, time=t, platform=p, sponsored=False, moment="")
             for d in days for p, t in (("linkedin", "08:00"), ("x", "09:00"),
                                        ("youtube", "17:00"))]
    slots += [SimpleNamespace(date=d, time="12:00", platform="linkedin", sponsored=False,
                              moment="") for d in days]  # LinkedIn leads the calendar
    slots.append(SimpleNamespace(date=days[3], time="18:00", platform="x", sponsored=False,
                                 moment="webinar"))
    after = (first + dt.timedelta(days=7)).isoformat()
    slots.append(SimpleNamespace(date=after, time="08:00", platform="x", sponsored=False,
                                 moment=""))
    before = len(slots)
    cap_quiet_weeks(slots, brief)
    assert before - len(slots) == 4 * 5 + 1 - 5
    kept = {s.date: s for s in slots if s.date in days}
    assert len(kept) == 5 and len([s for s in slots if s.date in days]) == 5
    assert kept[days[3]].moment == "webinar"  # the key moment's post stays
    assert all(kept[d].platform == "linkedin" and kept[d].time == "08:00"
               for d in days if d != days[3])
    assert any(s.date == after for s in slots)


def test_fashion_has_no_year_end_break():
    brief = load_brief(next(p for p in example_briefs() if p.parent.name == "fashion"))
    from smmplan.quiet_days import no_paid_days

    assert no_paid_days(brief) == set()
