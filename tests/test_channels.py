"""Channels and content: scoring, frequency, slots, holidays, calendar files, windows."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pandas as pd
import pytest

from smmplan import market
from smmplan.brief import parse_brief
from smmplan.calendar_files import calendar_files, read_calendar
from smmplan.channels import (
    ChannelChoice,
    Window,
    allocate_frequency,
    best_windows,
    key_dates,
    score_channels,
)
from smmplan.errors import BriefError
from smmplan.exports.posts import posts_frame
from smmplan.exports.table import read_table
from smmplan.paths import example_briefs
from smmplan.plan import Plan
from smmplan.validation import load_brief

from .conftest import SHARED_DATASETS, example_raw, standalone


def brief(name="bakery", **changes):
    raw = standalone(example_raw(name))
    raw.update(changes)
    return parse_brief(raw, __import__("pathlib").Path("b.yaml"))


def test_scoring_prefers_where_the_targets_are_and_the_needed_roles():
    b = brief("b2b-software")  # LinkedIn fits this sector (a bakery's fit lowers it)
    only_linkedin = score_channels(b, {"linkedin": 100.0}, {"conversion": 1}, 1)
    assert only_linkedin[0].platform == "linkedin" and only_linkedin[0].kept
    assert only_linkedin[0].role == "conversion"
    assert sum(c.kept for c in only_linkedin) == 1
    dropped = [c for c in only_linkedin if not c.kept]
    assert all(c.reason in ("capacity", "low_fit", "no_role", "no_targets", "not_added")
               for c in dropped)
    service = score_channels(b, {"x": 50.0, "tiktok": 50.0}, {"customer_service": 1}, 1)
    assert service[0].platform == "x"  # TikTok does no customer service


def test_frequency_respects_capacity_and_recommendations():
    kept = [ChannelChoice("instagram", 80, 1, 1, 1, True, "awareness", "kept"),
            ChannelChoice("facebook", 60, 1, 1, 1, True, "conversion", "kept")]
    allocate_frequency(kept, capacity=4)
    assert sum(c.posts_per_week for c in kept) <= 4
    allocate_frequency(kept, capacity=100)
    # the best-scored at its recommended maximum, the other at most 7 x 60 / 80 (its score
    # against the lead's: frequency_rules.follow_score)
    assert [c.posts_per_week for c in kept] == [7, 5]
    allocate_frequency(kept, capacity=8)
    assert kept[0].posts_per_week >= kept[1].posts_per_week


def test_frequency_lead_platform_gets_the_most_posts():
    """A lower-scored platform with a high recommended minimum (X: 5 to 15 a week) never
    gets more posts than the best-scored one held at its maximum (LinkedIn: 2 to 5)."""
    kept = [ChannelChoice("linkedin", 94, 1, 1, 1, True, "conversion", "kept"),
            ChannelChoice("x", 42.7, 1, 1, 1, True, "awareness", "kept")]
    allocate_frequency(kept, capacity=11, stretch=0.0)  # no stretch above the maximum
    assert kept[1].posts_per_week <= kept[0].posts_per_week == 5
    allocate_frequency(kept, capacity=4)  # short of the minimums: still no more than the lead
    assert kept[1].posts_per_week <= kept[0].posts_per_week


def test_a_best_performer_gets_at_least_an_equal_share_not_only_todays_posting():
    """Maison Fournil: Facebook, its best performer, posted 0.5 a week and kept only that
    while the lower-engagement Instagram took the rest."""
    kept = [ChannelChoice("instagram", 95, 1, 1, 1, True, "conversion", "kept"),
            ChannelChoice("facebook", 76, 1, 1, 1, True, "awareness", "kept")]
    allocate_frequency(kept, capacity=3, floors={"facebook": 0.5})
    assert [c.posts_per_week for c in kept] == [1.5, 1.5]
    assert kept[1].protected and not kept[1].cut
    allocate_frequency(kept, capacity=10, floors={"facebook": 0.5})
    assert kept[1].posts_per_week >= 5  # the best-scored fills up first, then the floor
    allocate_frequency(kept, capacity=3, floors={"facebook": 2.5})  # today's posting above
    assert kept[1].posts_per_week == 2.5


def test_holidays_france_and_united_states():
    fr = {d["date"]: d["name"] for d in key_dates(brief())}
    assert fr["2027-07-14"] == "Fête nationale" and "2027-05-01" in fr
    us = {d["date"]: d["name"] for d in key_dates(load_brief(
        next(p for p in example_briefs() if p.parent.name == "b2b-software")))}
    assert "2027-07-05" in us or "2027-07-04" in us  # Independence Day (observed)
    assert any("Thanksgiving" in n for n in us.values())


def test_brief_events_and_invalid_dates():
    b = brief(calendar={"events": [{"date": "2027-03-20", "name": "Printemps du pain"}]})
    assert {"date": "2027-03-20", "name": "Printemps du pain", "kind": "event"} in key_dates(b)
    with pytest.raises(BriefError, match=r"calendar.events.0.date"):
        brief(calendar={"events": [{"date": "2027-02-30", "name": "x"}]})
    with pytest.raises(BriefError, match=r"calendar.timezone: unknown time zone"):
        brief(calendar={"timezone": "Mars/Olympus"})


@pytest.mark.parametrize("name,on_holidays", [("b2b-software", False), ("bakery", True)])
def test_slots_skip_holidays_unless_shops_open_and_match_frequency(name, on_holidays):
    plan = Plan(load_brief(next(p for p in example_briefs() if p.parent.name == name)))
    ch = plan.channels
    holidays_ = {d["date"] for d in ch.key_dates if d["kind"] == "holiday"}
    # a bakery is open (and busy) on public holidays: its posts are not moved off them; a
    # U.S. software company posts on the holidays offices stay open (Columbus Day), never
    # on the ones they close
    assert any(s.date in holidays_ for s in ch.slots) == (on_holidays or bool(
        holidays_ - set(ch.closed)))
    assert not any(s.date in ch.closed for s in ch.slots)
    assert on_holidays or ch.closed
    weeks = (plan.brief.client.period.end - plan.brief.client.period.start).days / 7
    feed = [s for s in ch.slots if not s.ad_only]  # an ad only is no post of the feed
    for c in (c for c in ch.choices if c.kept):
        count = sum(1 for s in feed if s.platform == c.platform)
        assert count == pytest.approx(c.posts_per_week * weeks, rel=0.06)
    assert len({(s.date, s.time, s.platform) for s in feed}) == len(feed)


def test_ics_and_csv_have_the_same_entries():
    from icalendar import Calendar

    plan = Plan(load_brief(next(p for p in example_briefs() if p.parent.name == "fashion")))
    files = calendar_files(plan.channels, plan.brief.client.name, plan.tr)
    cal = Calendar.from_ical(files["calendar.ics"])
    events = list(cal.walk("VEVENT"))
    rows = read_calendar(files["calendar.csv"])
    assert len(events) == len(rows) == len(plan.channels.slots) + len(plan.channels.key_dates)
    timed = [e for e in events if isinstance(e.decoded("dtstart"), dt.datetime)]
    assert len(timed) == len(plan.channels.slots)
    assert {str(e.decoded("dtstart").tzinfo) for e in timed} == {"Europe/London"}
    assert cal.walk("VTIMEZONE")
    first = sorted(timed, key=lambda e: e.decoded("dtstart"))[0].decoded("dtstart")
    post_rows = [r for r in rows if r["kind"] == "post"]
    assert first.strftime("%Y-%m-%d %H:%M") == f"{post_rows[0]['date']} {post_rows[0]['time']}"


def test_calendar_files_built_in_the_background_are_the_same(tmp_path):
    brief = load_brief(next(p for p in example_briefs() if p.parent.name == "bakery"))
    plan = Plan(brief)
    assert plan.channels.slots  # computed first, as after the executive summary
    plan.prepare_files()
    started = plan._files
    plan.prepare_files()  # a second call keeps the first thread's work
    assert plan._files is started
    plan.save(tmp_path / "background")
    Plan(brief).save(tmp_path / "direct")  # save without prepare_files builds them itself
    for name in ("calendar.ics", "calendar.csv"):
        assert (tmp_path / "background" / name).read_bytes() == \
            (tmp_path / "direct" / name).read_bytes() == \
            calendar_files(plan.channels, plan.brief.client.name, plan.tr)[name]


def test_best_windows_are_the_top_cells():
    frame = pd.DataFrame({"weekday": [0, 0, 0, 1, 1, 1, 2], "hour": [9, 9, 9, 18, 18, 18, 7],
                          "rate": [1.0, 2.0, 3.0, 5.0, 5.0, 6.0, 50.0]})
    wins = best_windows(frame, top=2, min_posts=3)
    assert [(w.weekday, w.hour) for w in wins] == [(1, 18), (0, 9)]
    assert wins[0].rate == pytest.approx(16 / 3, abs=1e-3) and wins[0].posts == 3


@pytest.mark.skipif(not (SHARED_DATASETS / "facebook_metrics").is_dir(),
                    reason="shared/datasets not present")
def test_facebook_dataset_windows_equal_a_direct_group_by():
    path = SHARED_DATASETS / "facebook_metrics" / "dataset_Facebook.csv"
    history = posts_frame(read_table(path), {})
    assert history is not None and len(history) == 500
    ours = best_windows(history, top=5)
    raw = pd.read_csv(path, sep=";")
    raw = raw[raw["Lifetime Post Total Reach"] > 0]
    raw["rate"] = raw["Total Interactions"] / raw["Lifetime Post Total Reach"] * 100
    g = raw.groupby(["Post Weekday", "Post Hour"])["rate"].agg(["mean", "size"])
    g = g[g["size"] >= 3].sort_values(["mean", "size"], ascending=[False, False]).head(5)
    expected = [((int(w) + 5) % 7, int(h), round(float(r["mean"]), 3))
                for (w, h), r in g.iterrows()]
    assert [(w.weekday, w.hour, w.rate) for w in ours] == expected
    assert isinstance(ours[0], Window)


def market_brief(country: str, currency: str, language: str = "en", name: str = "fashion",
                 **client):
    raw = standalone(example_raw(name))
    raw["client"].update(country=country, currency=currency, language=language, **client)
    return parse_brief(raw, __import__("pathlib").Path("b.yaml"))


def test_line_is_considered_in_japan_and_not_in_france():
    from smmplan.channels import considered, regional_platforms
    from smmplan.views.channels import regional_notes, usage_notes

    jp = Plan(market_brief("JP", "JPY"))
    scored = {c.platform: c for c in jp.channels.choices}
    assert "line" in scored and "line" in jp.channels.regional
    assert scored["line"].audience_basis == "country"  # LINE's share of Japanese adults
    # 89.5 % of smartphone owners, x Japan's Internet use (World Bank), rounded
    assert scored["line"].audience_fit == pytest.approx(round(
        0.895 * market.internet_use("JP").share / 100, 2))
    notes = regional_notes(jp)
    assert any("LINE" in n and "Japan" in n for n in notes)
    assert any("JTB" in n for n in usage_notes(jp))
    fr = market_brief("FR", "EUR", "fr")
    assert "line" not in considered(fr) and "line" not in regional_platforms(fr)
    assert {"wechat", "vk"}.isdisjoint(considered(fr))
    assert "wechat" in considered(market_brief("CN", "CNY"))
    assert "vk" in considered(market_brief("RU", "RUB"))


def test_a_brief_may_run_a_regional_platform_anywhere():
    raw = standalone(example_raw("fashion"))
    raw["situation"]["channels"].append({"platform": "line", "followers": 1200})
    raw["situation"]["channels"].append({"platform": "WhatsApp"})
    b = parse_brief(raw, __import__("pathlib").Path("b.yaml"))  # GB: not LINE's country
    from smmplan.channels import considered

    assert {"line", "whatsapp"} <= set(considered(b))
    assert {c.platform for c in Plan(b).channels.choices} >= {"line", "whatsapp"}


def test_a_live_seller_gets_facebook_and_instagram_live_slots():
    from smmplan.channels import live_seller
    from smmplan.views.channels import content_plan

    seller = market_brief("TH", "THB", sector="Fashion boutique selling live on Facebook")
    assert live_seller(seller) and not live_seller(market_brief("TH", "THB"))
    plan = Plan(seller)
    ch = plan.channels
    assert ch.live_commerce
    lives = {s.platform for s in ch.slots if s.format == "live"}
    assert {"facebook", "instagram"} <= lives
    for p in ("facebook", "instagram"):
        posts = [s for s in ch.slots if s.platform == p]
        # one post in three as planned; filler posts left out (ideas.fill) move it a little
        assert sum(s.format == "live" for s in posts) == pytest.approx(len(posts) / 3,
                                                                       rel=0.06, abs=1)
    assert "tiktok_shop" in {c.platform for c in ch.choices}  # it operates in Thailand
    assert "line" in ch.regional
    assert "Facebook Live" in content_plan(plan).html()  # the plan says why, by name
    # a seller without the words: no live session in the calendar
    assert not any(s.format == "live" for s in Plan(market_brief("GB", "GBP")).channels.slots
                   if s.platform in ("facebook", "instagram"))


ENGLISH_NAMES = {"Good Friday", "Easter Monday", "Christmas Day", "Boxing Day",
                 "New Year's Day", "Independence Day", "Thanksgiving Day", "Labor Day",
                 "Memorial Day", "Spring Bank Holiday", "May Day"}


@pytest.mark.parametrize("country,currency", [("GB", "GBP"), ("US", "USD"), ("IE", "EUR")])
def test_a_french_plan_names_english_speaking_holidays_in_french(country, currency):
    import holidays as package

    b = market_brief(country, currency, "fr")
    names = [d["name"] for d in key_dates(b) if d["kind"] == "holiday"]
    assert names
    start, end = b.client.period.start, b.client.period.end
    english = {n for day, n in package.country_holidays(
        country, years=range(start.year, end.year + 1), language="en_US").items()
        if start <= day <= end}
    for name in names:
        assert name not in english and not any(e in name for e in ENGLISH_NAMES), name
    if country == "GB":
        assert "Vendredi saint" in names


def test_an_english_plan_of_a_french_client_names_holidays_in_english():
    b = market_brief("FR", "EUR", "en")
    names = {d["date"][5:]: d["name"] for d in key_dates(b) if d["kind"] == "holiday"}
    assert names["07-14"] == "National Day" and names["12-25"] == "Christmas Day"
    assert not any("Fête" in n or "Noël" in n for n in names.values())
    # the package's own translation when it has the plan's language (Canada in French)
    ca = {d["date"][5:]: d["name"] for d in key_dates(market_brief("CA", "CAD", "fr"))
          if d["kind"] == "holiday"}
    assert ca["12-25"] == "Jour de Noël"


def test_us_offices_work_on_federal_only_holidays_and_a_sector_date_named_like_a_holiday_is_once():
    from smmplan.channels import key_dates
    from smmplan.posting_days import closed_days

    dates = [{"date": "2027-10-11", "name": "Columbus Day", "kind": "holiday"},
             {"date": "2027-11-11", "name": "Veterans Day", "kind": "holiday"},
             {"date": "2027-11-25", "name": "Thanksgiving Day", "kind": "holiday"},
             {"date": "2027-12-24", "name": "Christmas Day (observed)", "kind": "holiday"},
             {"date": "2027-12-25", "name": "Christmas Day", "kind": "holiday"}]
    assert closed_days("b2b", dates, "US") == {"2027-11-25", "2027-12-24", "2027-12-25"}
    assert closed_days("b2b", dates, "FR") == {d["date"] for d in dates}  # no rule: all
    assert closed_days("retail_fashion", dates, "US") == set()  # shoppers shop then
    b = parse_brief(standalone(example_raw("fashion")), Path("b.yaml"))  # GB: Boxing Day
    seen = [(d["date"], d["name"]) for d in key_dates(b)]
    assert len(seen) == len(set(seen))
    assert sum(1 for d, n in seen if n == "Boxing Day" and d.endswith("12-26")) == 1


def test_the_calendar_files_do_not_name_the_tool():
    plan = Plan(load_brief(next(p for p in example_briefs() if p.parent.name == "bakery")))
    files = calendar_files(plan.channels, plan.brief.client.name, plan.tr)
    for name, data in files.items():
        assert b"smmplan" not in data.lower(), name
    assert b"@maison-fournil.calendar" in files["calendar.ics"]


def test_a_b2b_calendar_posts_monday_to_friday_and_keeps_its_frequency():
    for name in ("b2b-software", "fashion"):
        plan = Plan(load_brief(next(p for p in example_briefs() if p.parent.name == name)))
        weekend = [s for s in plan.channels.slots
                   if dt.date.fromisoformat(s.date).weekday() >= 5]
        assert (not weekend) == (name == "b2b-software"), name
    b2b = Plan(load_brief(next(p for p in example_briefs() if p.parent.name == "b2b-software")))
    weeks = (b2b.brief.client.period.end - b2b.brief.client.period.start).days / 7
    for c in (c for c in b2b.channels.choices if c.kept):
        count = sum(1 for s in b2b.channels.slots if s.platform == c.platform)
        assert count == pytest.approx(c.posts_per_week * weeks, rel=0.06), c.platform
