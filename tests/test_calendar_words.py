"""The calendar files speak the client's language (review 14, Maison Fournil defect 4):
calendar.csv's header, kinds, pillars, formats and platforms, and calendar.ics's
summaries and categories carry labels in the plan's language, never a code key
("showcase", "short_video", "instagram", "post"); a program reads calendar.csv back by
position (``read_calendar``)."""

from __future__ import annotations

import csv
import io
import re

import pytest
from icalendar import Calendar

from smmplan.calendar_files import COLUMNS, calendar_files, read_calendar
from smmplan.paths import example_briefs
from smmplan.plan import Plan
from smmplan.validation import load_brief


@pytest.fixture(scope="module")
def files() -> dict:
    out = {}
    for name in ("bakery", "b2b-software"):
        plan = Plan(load_brief(next(p for p in example_briefs() if p.parent.name == name)))
        out[name] = (plan, calendar_files(plan.channels, plan.brief.client.name, plan.tr))
    return out


def _codes(plan) -> set[str]:
    """The code keys a calendar could leak (platforms, pillars, formats, kinds, columns),
    but those whose label in the plan's language is the same word ("reel", "post")."""
    ch, tr = plan.channels, plan.tr
    said = {f: tr.t(f"format.{f}") for f in {s.format for s in ch.slots}} | {
        k: tr.t(f"channels.csv_kinds.{k}") for k in ("post", "holiday", "event", "sector")}
    keys = ({s.platform for s in ch.slots} | {s.pillar for s in ch.slots} | set(said)
            | set(COLUMNS))
    return {k for k in keys if said.get(k) != k}


@pytest.mark.parametrize("name", ["bakery", "b2b-software"])
def test_the_csv_carries_no_code_key(files, name):
    plan, got = files[name]
    rows = list(csv.reader(io.StringIO(got["calendar.csv"].decode())))
    codes = _codes(plan)
    label_cells = [r[i] for r in rows for i in (2, 3, 4, 6) if r[i]] + rows[0]
    assert [c for c in label_cells if c in codes or re.fullmatch(r"[a-z]+_[a-z_]+", c)] == []
    if name == "bakery":
        assert rows[0][:3] == ["Date", "Heure", "Plateforme"]
        assert {r[6] for r in rows[1:]} >= {"publication", "jour férié"}
        assert "Fournées du jour et offres" in {r[3] for r in rows[1:]}  # the plan's pillar
        assert "vidéo courte" in {r[4] for r in rows[1:]}
    else:
        assert rows[0][:3] == ["Date", "Time", "Platform"]
        assert "LinkedIn" in {r[2] for r in rows[1:]}
    # read back by position: the same posts, the kind as its key, in any language
    back = read_calendar(got["calendar.csv"])
    assert sum(r["kind"] == "post" for r in back) == len(plan.channels.slots)
    assert [r["date"] for r in back[:3]] == [s.date for s in plan.channels.slots[:3]]


@pytest.mark.parametrize("name", ["bakery", "b2b-software"])
def test_the_ics_titles_each_post_and_carries_no_code_key(files, name):
    plan, got = files[name]
    events = list(Calendar.from_ical(got["calendar.ics"]).walk("VEVENT"))
    codes = _codes(plan)
    cats = {str(c) for e in events for c in e.get("categories").cats}
    assert cats & codes == set()
    posts = [e for e in events if str(e["uid"]).startswith("post-")]
    first = plan.channels.slots[0]
    title = first.idea.split(" — ")[0]
    assert title and title in str(posts[0]["summary"])  # the post, not its pillar
    text = got["calendar.ics"].decode()
    if name == "bakery":
        assert "SUMMARY:Instagram\u202f: " in text and "SUMMARY:Instagram: " not in text
        assert "Appel à l’action\u202f: " in Calendar.from_ical(
            got["calendar.ics"]).walk("VEVENT")[0]["description"]


def test_a_calendar_open_on_holidays_moves_posts_for_clashes_only(files):
    """Review 14: "on publie aussi les jours fériés" and, two lines on, "48 publications
    déplacées d'un jour férié ou d'un créneau déjà pris": the bakery closes no day, so its
    posts move for clashes only; Cloudline's calendar skips holidays and says both."""
    from smmplan.views.channels import _outside_notes

    bakery, _ = files["bakery"]
    assert not bakery.channels.closed
    moved = [n for n in _outside_notes(bakery) if "déplacée" in n]
    assert moved and all("jour férié" not in n for n in moved)
    cloud, _ = files["b2b-software"]
    assert cloud.channels.closed
    assert all("public holiday" in n for n in _outside_notes(cloud) if "another day" in n)
