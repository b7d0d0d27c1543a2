"""The posts-a-week KPI (``posts_week.py``): its baseline, target and tracking count the same
posts, those a brand's post export holds, over the export's own period."""

from __future__ import annotations

import pandas as pd
import pytest

from smmplan.calendar_slots import Slot
from smmplan.exports.posts import read_posts
from smmplan.objectives import plan_objectives
from smmplan.paths import example_briefs
from smmplan.posts_week import (
    calendar_posts_per_week,
    export_has_stories,
    export_posts_per_week,
)
from smmplan.validation import load_brief


def _posts(dates: list[str], kinds: list[str] | None = None) -> pd.DataFrame:
    return pd.DataFrame({"date": pd.to_datetime(dates), "platform": "instagram",
                         "content_type": kinds or ["Photo"] * len(dates)})


def _slot(day: int, fmt: str = "photo", **kw) -> Slot:
    return Slot(f"2027-01-{day:02d}", "12:00", "instagram", "p", fmt, False, **kw)


def test_an_export_counts_its_posts_over_its_own_period():
    weekly = _posts(["2027-01-04", "2027-01-11", "2027-01-18", "2027-01-25"])
    # the dated span, both ends included: 22 days
    assert export_posts_per_week(weekly) == pytest.approx(4 / 22 * 7, abs=0.005)
    # a month's actuals: the whole month, not its first to last post
    assert export_posts_per_week(weekly, whole_months=True) == pytest.approx(4 / 31 * 7,
                                                                              abs=0.005)
    assert export_posts_per_week(_posts([])) is None and export_posts_per_week(None) is None


def test_the_calendar_is_counted_as_the_export_counts():
    """Ads only and people's own profiles are never in a brand's export; stories only when
    the client's export holds stories."""
    slots = [_slot(d) for d in range(1, 15)] + [_slot(d, "story") for d in range(1, 8)] \
        + [_slot(3, profile="founder"), _slot(4, ad_only=True)]
    weeks = 2.0
    feed = calendar_posts_per_week(slots, weeks, stories=False)
    with_stories = calendar_posts_per_week(slots, weeks, stories=True)
    assert feed == 14 / weeks and with_stories == (14 + 7) / weeks
    assert feed < with_stories < len(slots) / weeks
    assert calendar_posts_per_week([], weeks, True) is None
    assert export_has_stories(_posts(["2027-01-01", "2027-01-02"], ["Photo", "Story"]))
    assert not export_has_stories(_posts(["2027-01-01"], ["Carrousel"]))


def test_publish_regularly_compares_like_with_like():
    """Fournil's "Publier régulièrement": the baseline is the post export's posts a week
    (feed posts only: no story in it), the target the calendar's brand-page feed posts, not
    its reminder stories or the posts of people's own profiles (was 4.4 a week with them)."""
    brief = load_brief(next(p for p in example_briefs() if p.parent.name == "bakery"))
    posts = read_posts(brief)
    assert not export_has_stories(posts)
    weeks = brief.client.period.weeks
    feed = [_slot(1 + d % 28) for d in range(int(3.2 * weeks))]
    extra = [_slot(2, "story") for _ in range(int(0.9 * weeks))] + [_slot(3, profile="wave")]
    ob = plan_objectives(brief, ["digital_culture"], {}, None, feed + extra)
    pub = next(o for o in ob.objectives if o.objective == "publish_regularly")
    assert pub.kpi == "posts_per_week"
    assert pub.baseline.value == export_posts_per_week(posts) == ob.history["posts_per_week"]
    assert pub.target == max(pub.baseline.value, round(len(feed) / weeks, 1))
    assert pub.target < round(len(feed + extra) / weeks, 1)


def test_tracking_counts_a_months_posts_over_that_month(tmp_path):
    """A month's actuals: its posts over the month they fall in (the baseline's helper),
    not over 30.44 days nor over months another actuals file covers."""
    from smmplan.plan import Plan
    from smmplan.tracking import track

    brief = load_brief(next(p for p in example_briefs() if p.parent.name == "bakery"))
    plan = Plan(brief)
    folder = tmp_path / "actuals"
    folder.mkdir()
    rows = [f"{d:02d}/01/2027;12:00;Instagram;Photo;800;60;5;7,5" for d in (4, 11, 18, 25)]
    (folder / "posts.csv").write_text(
        "Date;Heure;Réseau;Type de publication;Couverture;Interactions;Commentaires;"
        "Taux d'engagement\n" + "\n".join(rows) + "\n", encoding="utf-8")
    row = next(r for r in track(plan, folder).scorecard if r.kpi == "posts_per_week")
    assert row.actual == pytest.approx(4 / 31 * 7, abs=0.005)
