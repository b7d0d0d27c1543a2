"""Channels and content: scoring, frequency, slots, holidays, calendar files, windows."""

from __future__ import annotations

import csv
import datetime as dt
import io

import pandas as pd
import pytest

from smmplan.brief import parse_brief
from smmplan.channels import (
    ChannelChoice,
    Window,
    allocate_frequency,
    best_windows,
    calendar_files,
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
    b = brief()
    only_linkedin = score_channels(b, {"linkedin": 100.0}, {"conversion": 1}, 1)
    assert only_linkedin[0].platform == "linkedin" and only_linkedin[0].kept
    assert only_linkedin[0].role == "conversion"
    assert sum(c.kept for c in only_linkedin) == 1
    dropped = [c for c in only_linkedin if not c.kept]
    assert all(c.reason in ("capacity", "low_fit", "no_role") for c in dropped)
    service = score_channels(b, {"x": 50.0, "tiktok": 50.0}, {"customer_service": 1}, 1)
    assert service[0].platform == "x"  # TikTok does no customer service


def test_frequency_respects_capacity_and_recommendations():
    kept = [ChannelChoice("instagram", 80, 1, 1, 1, True, "awareness", "kept"),
            ChannelChoice("facebook", 60, 1, 1, 1, True, "conversion", "kept")]
    allocate_frequency(kept, capacity=4)
    assert sum(c.posts_per_week for c in kept) <= 4
    allocate_frequency(kept, capacity=100)
    assert [c.posts_per_week for c in kept] == [7, 7]  # recommended maxima
    allocate_frequency(kept, capacity=8)
    assert kept[0].posts_per_week >= kept[1].posts_per_week


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


def test_slots_skip_holidays_and_match_frequency():
    plan = Plan(load_brief(next(p for p in example_briefs() if p.parent.name == "bakery")))
    ch = plan.channels
    holidays_ = {d["date"] for d in ch.key_dates if d["kind"] == "holiday"}
    assert not any(s.date in holidays_ for s in ch.slots)
    weeks = (plan.brief.client.period.end - plan.brief.client.period.start).days / 7
    for c in (c for c in ch.choices if c.kept):
        count = sum(1 for s in ch.slots if s.platform == c.platform)
        assert count == pytest.approx(c.posts_per_week * weeks, rel=0.06)
    assert len({(s.date, s.time, s.platform) for s in ch.slots}) == len(ch.slots)


def test_ics_and_csv_have_the_same_entries():
    from icalendar import Calendar

    plan = Plan(load_brief(next(p for p in example_briefs() if p.parent.name == "fashion")))
    files = calendar_files(plan.channels, plan.brief.client.name, plan.tr)
    cal = Calendar.from_ical(files["calendar.ics"])
    events = list(cal.walk("VEVENT"))
    rows = list(csv.DictReader(io.StringIO(files["calendar.csv"].decode())))
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
