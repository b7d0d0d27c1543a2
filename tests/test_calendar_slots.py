"""The calendar's timing: windows with their basis, posts spread over the best days, ideas
timed to their text, key moments on every platform, sponsored posts by monthly spend."""

from __future__ import annotations

import collections
import dataclasses
import datetime as dt
from pathlib import Path

import pandas as pd
import pytest

from smmplan.brief import parse_brief
from smmplan.calendar_slots import (
    Slot,
    _month_quotas,
    build_slots,
    platform_windows,
    ranked_windows,
    sponsor_slots,
)
from smmplan.channels import ChannelChoice
from smmplan.i18n import Translator
from smmplan.ideas import Idea, assign_ideas, fits
from smmplan.paths import example_briefs
from smmplan.plan import Plan
from smmplan.sectors import check_playbook, playbook
from smmplan.sponsored_ideas import sponsor_fit
from smmplan.validation import load_brief

from .conftest import example_raw, standalone


def history(rows: list[tuple[str, int, int, float]]) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=["platform", "weekday", "hour", "rate"])


def test_days_ranked_by_the_history_with_hour_or_day_figures():
    rows = [("instagram", 6, 8, 9.0)] * 2 + [("instagram", 6, 12, 7.0)] * 3  # Sunday: day
    rows += [("instagram", 4, 18, 5.0)] * 5  # Friday 18:00: a measured cell
    rows += [("instagram", 2, 9, 4.0)] * 4  # Wednesday: too few posts to rank
    wins = ranked_windows(history(rows))
    assert [(w.weekday, w.basis) for w in wins] == [(6, "hour"), (4, "hour")]
    assert wins[0].hour == 12 and wins[0].rate == pytest.approx(7.0) and wins[0].posts == 3
    # no cell of Sunday has 3 posts: the day's own average, labelled as the day's
    rows = [("instagram", 6, 8, 9.0)] * 2 + [("instagram", 6, h, 6.0) for h in (9, 10, 11)]
    rows += [("instagram", 4, 8, 5.0)] * 5
    sunday = ranked_windows(history(rows))[0]
    assert (sunday.weekday, sunday.basis, sunday.posts) == (6, "day", 5)
    assert sunday.rate == pytest.approx((2 * 9 + 3 * 6) / 5, abs=1e-3)
    assert sunday.hour == 8  # the platform's best hour with 5 posts or more


def test_a_platform_without_history_gets_labelled_defaults_never_pooled_figures():
    rows = history([("instagram", d, 18, 5.0 + d) for d in range(7) for _ in range(5)])
    youtube = platform_windows(rows, "youtube")
    assert youtube and all(w.basis == "default" and w.rate is None and w.posts == 0
                           for w in youtube)
    instagram = platform_windows(rows, "instagram")
    assert [w.weekday for w in instagram] == [6, 5, 4, 3]  # best days first
    assert all(w.basis == "hour" for w in instagram)
    # an export without a platform column is the history of every platform
    unlabelled = rows.assign(platform="")
    assert platform_windows(unlabelled, "youtube")[0].basis == "hour"


def bakery_brief():
    return parse_brief(standalone(example_raw("bakery")), Path("b.yaml"))


def test_posts_spread_over_the_best_windows_in_turn():
    b = bakery_brief()
    wins = platform_windows(history([("instagram", d, 8 + d, 10.0 - d)
                                     for d in range(7) for _ in range(5)]), "instagram")
    kept = [ChannelChoice("instagram", 80, 1, 1, 1, True, "awareness", "kept",
                          posts_per_week=2)]
    slots = build_slots(b, kept, {"instagram": wins}, [{"key": "showcase", "weight": 100}],
                        {"instagram": ["reel"]}, set(), set())
    by_day = collections.Counter(dt.date.fromisoformat(s.date).weekday() for s in slots)
    assert set(by_day) == {0, 1, 2, 3}  # the four best days, no other
    counts = [by_day[d] for d in (0, 1, 2, 3)]
    assert counts == sorted(counts, reverse=True)  # the best-ranked day posts most
    assert max(counts) / len(slots) < 0.4  # no day carries the week
    weeks = collections.Counter((dt.date.fromisoformat(s.date).isocalendar()[:2],
                                 s.time) for s in slots)
    assert max(weeks.values()) == 1  # never twice in one window in a week


def test_bakery_instagram_goes_out_on_its_best_days_not_all_on_friday():
    plan = Plan(load_brief(next(p for p in example_briefs() if p.parent.name == "bakery")))
    posts = [s for s in plan.channels.slots if s.platform == "instagram"
             and "séance du" not in s.moment]  # the feed's posts, not the session reminders
    by_day = collections.Counter(dt.date.fromisoformat(s.date).weekday() for s in posts)
    assert max(by_day.values()) / len(posts) < 0.4
    best = plan.channels.windows["instagram"][0]
    assert by_day.most_common(1)[0][0] == best.weekday  # the history's best day leads
    for s in plan.channels.slots:
        if "ce matin" in s.idea.split(" — ")[0]:
            assert 5 <= int(s.time[:2]) <= 11, s
        if s.moment == "Fête des mères":  # "réservez la box avant vendredi"
            assert dt.date.fromisoformat(s.date).weekday() < 4 and s.date < "2027-05-28"
        if s.moment == "Commandes de Noël":
            assert s.date <= "2027-12-18"
        if s.moment == "Saint-Valentin":  # "commandez avant le 13": the 12th at the latest
            assert s.date <= "2027-02-12"
    galette = [s for s in plan.channels.slots if "galette" in s.moment]
    assert {s.platform for s in galette} == {"instagram", "facebook"}
    # galettes sell all January: posts in several weeks of the month, not only before the
    # Epiphany (3 January 2027 in France); the first days carry the month's session dates
    # and the new shops' opening (the brief's goals come before a sector season), the last
    # the Chandeleur and February's dates; Facebook, at today's half a post a week, carries
    # it too
    weeks = {dt.date.fromisoformat(s.date).isocalendar()[1] for s in galette}
    assert len(weeks) >= 2 and max(s.date for s in galette) > "2027-01-10"
    assert sum(s.platform == "facebook" for s in galette) >= 1
    assert max(s.date for s in galette) >= "2027-01-20"


def slot(date: str, time: str = "08:00", platform: str = "instagram", **kw) -> Slot:
    return Slot(date, time, platform, kw.pop("pillar", "showcase"), "reel", False, **kw)


def test_ideas_only_where_their_timing_fits():
    morning = Idea("showcase", "Out of the oven this morning", "x", "visit", when="morning")
    assert fits(morning, slot("2027-01-05", "08:00"))
    assert not fits(morning, slot("2027-01-05", "18:00"))
    weekdays = Idea("showcase", "Seats left for Saturday", "x", "reserve", weekdays=[0, 1])
    assert fits(weekdays, slot("2027-01-05")) and not fits(weekdays, slot("2027-01-09"))
    order = Idea("showcase", "Order the box by Friday", "x", "order", moment="M",
                 date="2027-05-30", lead_days=7, order_by_days=2)
    # orders close on Friday the 28th: the last reminder goes out on the deadline at the
    # latest ("last day to order"), and the lead time counts back from the deadline, not
    # from the day itself
    assert (order.first_day, order.last_day) == ("2027-05-21", "2027-05-28")
    assert fits(order, slot("2027-05-28")) and not fits(order, slot("2027-05-29"))
    # review 11: the gift guide at 21:00 on the cut-off day itself; where the deadline is a
    # delivery cut-off (``call_hour``) the last call goes out that morning or the day before
    assert fits(order, slot("2027-05-28", "21:00"))  # a counter's pre-orders: until closing
    cutoff = dataclasses.replace(order, call_hour=12)
    assert not fits(cutoff, slot("2027-05-28", "21:00"))
    assert fits(cutoff, slot("2027-05-28", "09:00")) and fits(cutoff, slot("2027-05-27", "21:00"))
    assert fits(order, slot("2027-05-21")) and not fits(order, slot("2027-05-20"))
    season = Idea("showcase", "Galette", "x", "order", moment="G", date="2027-01-06",
                  lead_days=5, season_days=25)
    assert (season.first_day, season.last_day) == ("2027-01-01", "2027-01-31")
    tr = Translator("en", "en_GB", "GBP")
    slots = [slot(f"2027-01-{d:02d}", "18:00" if d % 3 else "08:00") for d in range(1, 13)]
    other = Idea("showcase", "Any time", "y", "visit")
    assign_ideas(slots, [morning, other], [], tr)
    given = {(s.time, s.idea.split(" — ")[0]) for s in slots}
    assert ("08:00", morning.topic) in given and ("18:00", morning.topic) not in given
    assert all(s.idea for s in slots)


def test_a_moment_goes_on_every_platform_before_its_deadline():
    tr = Translator("en", "en_GB", "GBP")
    # Instagram has no post in the moment's days: its nearest post moves in
    slots = [slot("2027-05-21", "07:00", "facebook"), slot("2027-05-26", "12:00", "facebook"),
             slot("2027-05-29", "18:00"), slot("2027-06-02", "18:00")]
    moment = Idea("showcase", "Mother's Day box", "Order by Friday", "order",
                  moment="Mother's Day", date="2027-05-30", lead_days=7, order_by_days=2)
    assign_ideas(slots, [Idea("values", "Evergreen", "z", "follow")], [moment], tr,
                 platforms={"instagram", "facebook"})
    carried = [s for s in slots if s.moment]
    assert {s.platform for s in carried} == {"instagram", "facebook"}
    assert all("2027-05-21" <= s.date <= "2027-05-28" for s in carried)  # by the deadline
    # the reminder is the platform's last post up to the deadline: Facebook's on the 26th
    assert max(s.date for s in carried if s.platform == "facebook") == "2027-05-26"
    assert len({s.date for s in carried}) == len(carried)  # one post of it a day
    assert [s.date for s in slots] == sorted(s.date for s in slots)


def test_sponsored_posts_follow_the_monthly_spend():
    slots = [slot(f"2027-{m:02d}-{d:02d}") for m in (1, 2, 3) for d in range(1, 29)]
    for s in slots[::3]:
        s.sponsored = True  # the calendar's proposal: 28 posts
    monthly = [{"month": f"2027-{m:02d}-01", "platform": "instagram", "spend": v}
               for m, v in ((1, 100.0), (2, 0.0), (3, 300.0))]
    sponsor_slots(slots, {"instagram": 400.0}, monthly,
                  sponsor_fit([], {"reel"}))
    by_month = collections.Counter(s.date[:7] for s in slots if s.sponsored)
    assert by_month == {"2027-01": 7, "2027-03": 21}  # 28 posts shared 1 : 0 : 3
    even = _month_quotas(21, {f"2027-{m:02d}": 1.0 for m in range(1, 13)},
                         {f"2027-{m:02d}": 9 for m in range(1, 13)})
    assert sum(even.values()) == 21 and max(even.values()) - min(even.values()) <= 1


def test_a_platform_short_of_posts_to_sponsor_keeps_the_spend_shares():
    """LinkedIn has 20 posts a sponsored post fits, its 80% of the spend asks for 32 of the
    40 proposed: the total shrinks to 25 so X keeps its 20% (5, not 8)."""
    li = [Slot(f"2027-01-{d:02d}", "09:00", "linkedin", "showcase", "article", True)
          for d in range(1, 31)]
    x = [Slot(f"2027-01-{d:02d}", "12:00", "x", "values", "post", d <= 10)
         for d in range(1, 31)]
    fit = {id(s) for s in li[:20]} | {id(s) for s in x}
    sponsor_slots(li + x, {"linkedin": 800.0, "x": 200.0}, None,
                  lambda s: 0 if id(s) in fit else None)
    got = collections.Counter(s.platform for s in li + x if s.sponsored)
    assert got == {"linkedin": 20, "x": 5}


def test_playbook_timing_is_validated():
    book = dict(playbook("food_shop"))
    book["ideas"] = [dict(book["ideas"][0], when="noon")] + book["ideas"][1:]
    book["dates"] = [dict(book["dates"][0], order_by_days=9)] + book["dates"][1:]
    problems = check_playbook(book, "food_shop")
    assert any("ideas[0]: when must be one of" in p for p in problems)
    assert any("dates[0]: order_by_days must be" in p for p in problems)
    assert check_playbook(playbook("food_shop"), "food_shop") == []


def test_windows_table_says_each_rows_basis():
    from smmplan.views.channels import calendar_view

    plan = Plan(load_brief(next(p for p in example_briefs() if p.parent.name == "fashion")))
    assert all(w.basis == "default" for w in plan.channels.windows["pinterest"])
    html = calendar_view(plan).html()
    assert "default: no posts on this channel in the history" in html
    assert "measured (this day at this hour)" in html


def test_stories_and_link_posts_carry_a_call_to_action_their_format_can_take():
    from smmplan.ideas import give

    tr = Translator("fr", "fr_FR", "EUR")
    follow = Idea("values", "Nos meuniers", "x", "follow")
    story = Slot("2027-01-05", "08:00", "instagram", "values", "story", False)
    give(story, follow, tr, "vous")
    assert "Abonnez" not in story.cta and "story" in story.cta  # no feed button in a story
    reel = Slot("2027-01-05", "08:00", "instagram", "values", "reel", False)
    give(reel, follow, tr, "vous")
    assert "Abonnez" in reel.cta
    link = Slot("2027-01-06", "12:00", "facebook", "values", "link", False)
    give(link, follow, tr, "vous")  # no page to open: not a link post
    assert link.format == "photo"
    booking = Slot("2027-01-06", "12:00", "facebook", "showcase", "link", False)
    give(booking, Idea("showcase", "Ateliers", "y", "reserve"), tr, "vous")
    assert booking.format == "link"


def test_a_moment_posted_on_two_platforms_keeps_one_copy_for_its_followers():
    """Both platforms have money and the moment's posts sell (rank -1), yet one of its two
    copies stays unsponsored; a moment posted once may be sponsored."""
    both = [Slot("2027-03-23", "09:00", "facebook", "showcase", "photo", False,
                 moment="Ateliers : séances d'avril"),
            Slot("2027-03-31", "09:00", "instagram", "showcase", "photo", False,
                 moment="Ateliers : séances d'avril"),
            Slot("2027-03-10", "09:00", "instagram", "showcase", "photo", False,
                 moment="Fête du pain")]
    sponsor_slots(both, {"facebook": 100.0, "instagram": 100.0}, None,
                  lambda s: -1 if s.moment else None)
    april = [s for s in both if "avril" in s.moment]
    assert sum(s.sponsored for s in april) == 1
    assert next(s for s in both if s.moment == "Fête du pain").sponsored


def test_an_order_deadline_reminder_lands_on_the_last_days_to_order():
    tr = Translator("en", "en_GB", "GBP")
    # the platform's last showcase post is a week before the deadline; a community post
    # goes out the day before it: the reminder takes that one (its pillar gives way)
    slots = [slot("2027-12-06", "18:00"), slot("2027-12-10", "18:00"),
             slot("2027-12-17", "18:00"), slot("2027-12-20", "18:00")]
    for s in slots:
        s.pillar = "community"
    slots[0].pillar = slots[1].pillar = "showcase"
    cut_off = Idea("showcase", "Christmas gift guide", "Order by Saturday", "shop",
                   moment="Christmas delivery cut-off", date="2027-12-18", lead_days=21,
                   order_by_days=0)
    assign_ideas(slots, [Idea("community", "Evergreen", "z", "follow")], [cut_off], tr)
    assert sorted(s.date for s in slots if s.moment) == ["2027-12-06", "2027-12-17"]


def test_bakery_seasonal_posts_point_to_the_right_week():
    """The Mother's Day box post says "réservez la box avant vendredi, à retirer dimanche
    matin": it goes out in the week of the order deadline (Friday 28 May 2027, Mother's Day
    30 May in France), not the week before; and Christmas week (18-24 Dec, the yule logs)
    has its own posts, while the pre-order posts stop at the cut-off."""
    plan = Plan(load_brief(next(p for p in example_briefs() if p.parent.name == "bakery")))
    box = [s for s in plan.channels.slots if s.moment == "Fête des mères"]
    assert box
    assert all("2027-05-24" <= s.date <= "2027-05-27" for s in box), [s.date for s in box]
    week = [s for s in plan.channels.slots if "2027-12-18" <= s.date <= "2027-12-24"
            and s.moment == "Semaine de Noël en boutique"]
    assert week
    orders = [s for s in plan.channels.slots if s.moment.startswith("Veille de Noël")]
    assert orders and max(s.date for s in orders) <= "2027-12-19"
