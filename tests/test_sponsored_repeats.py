"""A sponsored post is never the same page post again within days (review 13: "Quarter
close without the spreadsheet marathon" sponsored on LinkedIn on 22, 23, 26 and 29 Mar;
"New in Cloudline Enterprise this month" three times in June; "Ateliers pain : les dates
de juillet" sponsored on 20, 27 and 30 Jun): a key moment stays once in a platform's feed,
a series with a cadence once in its period, and the extra paid weight goes to another idea
that sells (customer proof) or, when none fits, to an ad only."""

from __future__ import annotations

import collections
import datetime as dt

import pandas as pd
import pytest

from smmplan.ad_only import split_ads_only
from smmplan.calendar_files import calendar_files, read_calendar
from smmplan.calendar_slots import Slot, calendar_rules
from smmplan.idea_turns import numbered
from smmplan.ideas import Idea, give
from smmplan.paths import example_briefs
from smmplan.plan import Plan
from smmplan.sponsored_ideas import sell_on_sponsored
from smmplan.validation import load_brief

from .test_sponsored_ideas import TR

START = dt.date(2027, 3, 1)


def linkedin(n: int) -> list[Slot]:
    """A sponsored LinkedIn document post every working day of ``n`` days."""
    out = []
    for k in range(n):
        day = START + dt.timedelta(days=k)
        if day.weekday() < 5:
            out.append(Slot(day.isoformat(), "09:00", "linkedin", "showcase",
                            "document_carousel", True))
    return out


def test_a_key_moment_is_sponsored_once_and_the_other_posts_carry_proof():
    close = Idea("showcase", "Quarter close", "The checklist", "demo", moment="Q1 end",
                 date="2027-03-31", lead_days=14)
    story = Idea("showcase", "Customer story", "Before and after", "demo", offer="Enterprise")
    story = numbered({"numbered": True}, story, TR)
    slots = linkedin(31)
    for s in slots[:3]:
        give(s, story, TR, "you")
    in_window = [s for s in slots if s.date >= close.first_day]
    give(in_window[0], close, TR, "you")  # the moment's teaser and reminder, both sponsored
    give(in_window[-1], close, TR, "you")
    for s in slots:
        if not s.base_idea:
            give(s, story, TR, "you")
    sell_on_sponsored(slots, [close, story], TR, "you", moments=[close])
    moment = [s for s in slots if s.base_idea == close.text]
    assert [s.date for s in moment] == [in_window[-1].date]  # the reminder stays
    assert all(s.base_idea == story.text for s in slots if s not in moment)


def test_a_this_month_series_is_sponsored_once_a_month():
    new = Idea("showcase", "New in Enterprise this month", "What shipped", "demo",
               offer="Enterprise", cadence="month", series="new|Enterprise")
    new = numbered({"numbered": True}, new, TR)
    story = numbered({"numbered": True}, Idea("showcase", "Customer story", "x", "demo",
                                              offer="Enterprise"), TR)
    slots = linkedin(61)
    sell_on_sponsored(slots, [new, story], TR, "you")
    months = collections.Counter(s.date[:7] for s in slots if s.base_idea == new.text)
    assert months and max(months.values()) == 1
    assert sum(s.base_idea == story.text for s in slots) == len(slots) - sum(months.values())


def test_an_only_selling_post_runs_again_as_an_ad_only_not_in_the_feed():
    dates = Idea("showcase", "Workshops: the dates of July", "Book", "reserve",
                 offer="Workshops", moment="July sessions", date="2027-06-30", lead_days=10)
    slots = [Slot(d, "08:00", "instagram", "showcase", "carousel", True)
             for d in ("2027-06-20", "2027-06-27", "2027-06-30")]
    slots += [Slot(f"2027-06-{d:02d}", "12:00", "instagram", "showcase", "photo", False)
              for d in range(1, 30)]
    bread = Idea("showcase", "Out of the oven", "At 7", "visit")
    sell_on_sponsored(slots, [dates], TR, evergreen=[bread], moments=[dates])
    ads = split_ads_only(slots, [bread], [dates], TR)
    feed = [s for s in slots if not s.ad_only and s.base_idea == dates.text]
    assert [s.date for s in feed] == ["2027-06-20"]
    assert sorted(s.date for s in ads if s.base_idea == dates.text) == ["2027-06-27",
                                                                        "2027-06-30"]
    assert sum(s.sponsored for s in slots) == 3  # the paid creatives stay as many


@pytest.mark.parametrize("folder", ["b2b-software", "bakery"])
def test_examples_sponsor_no_page_post_twice_within_the_days(folder):
    plan = Plan(load_brief(next(p for p in example_briefs() if p.parent.name == folder)))
    text = calendar_files(plan.channels, plan.brief.client.name, plan.tr)["calendar.csv"]
    df = pd.DataFrame(read_calendar(text))
    posts = df[(df.kind == "post") & df.sponsored.isin(["yes", "oui"])].copy()
    posts["title"] = posts.idea.str.split(" — ").str[0]
    days = int(calendar_rules()["sponsored_repeat_days"])
    again = 0
    for _, g in posts.groupby(["platform", "title"]):
        d = pd.to_datetime(g.date).sort_values().diff().dt.days
        again += int((d <= days).sum())
    assert again == 0
    month = df[(df.kind == "post") & df.idea.str.contains("this month #", regex=False)]
    per = month.assign(series=month.idea.str.extract(r"^(.*?) #")[0], m=month.date.str[:7])
    assert per.empty or per.groupby(["series", "m"]).size().max() == 1



def test_a_months_sessions_are_sponsored_before_it_starts_from_its_budget():
    """Review 13: Fournil's February forecast is 8.83 bookings, yet its first sponsored
    post (21 Feb) sold March; the announcement of a month's sessions, posted in the days
    before it, is paid from that month's budget (``Idea.sells``)."""
    plan = Plan(load_brief(next(p for p in example_briefs() if p.parent.name == "bakery")))
    months = {i["text"]: i["sells"] for i in plan.channels.ideas if i.get("sells")}
    first = min((s for s in plan.channels.slots if s.sponsored and s.base_idea in months),
                key=lambda s: s.date)
    assert first.base_idea in months and first.date < months[first.base_idea] + "-01"
    spent = {r["month"][:7] for r in plan.paid.monthly if r["spend"] > r.get("opening", 0)}
    assert months[first.base_idea] == min(spent)  # the first month with workshop spend


def test_the_calendar_says_which_ads_carry_a_post_already_in_the_feed():
    from smmplan.ad_only import repeated_ads
    from smmplan.views.channels import _calendar_notes

    plan = Plan(load_brief(next(p for p in example_briefs() if p.parent.name == "bakery")))
    again = repeated_ads(plan.channels.slots)
    assert again >= 3  # "les dates de juillet", 27 and 30 June: ads, not feed posts
    days = int(calendar_rules()["sponsored_repeat_days"])
    note = plan.tr.plural("channels.calendar_ad_only_repeat", again, days=days)
    assert note in _calendar_notes(plan)
