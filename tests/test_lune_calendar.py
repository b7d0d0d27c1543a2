"""Maison Lune's calendar against the strict reading of review13 (one plan built for all):
Facebook holds its weekly rate all year, its ads show what its target buys, the repair
story is a monthly series, and the care and size posts are one a season, not a grid."""

from __future__ import annotations

import calendar
from collections import Counter

import pytest

from smmplan.ideas import moment_ideas
from smmplan.paths import EXAMPLES_DIR
from smmplan.plan import Plan
from smmplan.validation import load_brief

BRIEF = EXAMPLES_DIR / "fashion" / "brief.yaml"
PRODUCTS = {"Dresses", "Workwear", "Outerwear", "Streetwear", "Sportswear", "Accessories"}


@pytest.fixture(scope="module")
def slots():
    return Plan(load_brief(BRIEF)).channels.slots


def test_lunes_facebook_posts_hold_their_weekly_rate_all_year(slots):
    """Facebook, the 46-year-old outerwear target's only channel, had 14 posts in January
    and 5 in October and November (the filler dropped where the idea caps ran out)."""
    mine = [s for s in slots if s.platform == "facebook" and not s.ad_only and not s.profile]
    count = Counter(s.date[:7] for s in mine)
    rate = len(mine) / 365
    assert len(count) == 12
    for month, n in count.items():
        days = calendar.monthrange(2027, int(month[5:]))[1]
        assert abs(n - rate * days) <= max(2.0, 0.25 * rate * days), (month, n)


def test_lunes_facebook_ads_show_outerwear_and_workwear(slots):
    """All Facebook money goes to the target whose card reads Outerwear 43.1 %, Workwear
    53.4 %, yet its sponsored posts showed Streetwear, Dresses and Sportswear."""
    shown = [s.base_idea.split(":")[0].split(",")[0] for s in slots
             if s.platform == "facebook" and s.sponsored and not s.moment]
    shown = [p for p in shown if p in PRODUCTS]
    assert len(shown) >= 6
    assert set(shown) == {"Outerwear", "Workwear"}
    coats = [s.date for s in slots if s.platform == "facebook" and s.sponsored
             and s.base_idea.startswith("Outerwear")]
    assert coats and all(int(d[5:7]) in (1, 2, 9, 10, 11, 12) for d in coats)  # its season


def test_repaired_not_replaced_is_a_monthly_series(slots):
    """The brand's own "This coat has been repaired twice": one repair story each month,
    the products in turn, on the feed (a monthly staple, never turned into an ad)."""
    series = [s for s in slots if "repaired, not replaced" in s.base_idea]
    assert sorted({s.date[:7] for s in series}) == [f"2027-{m:02d}" for m in range(1, 13)]
    assert len({s.base_idea.split(":")[0] for s in series}) >= 5
    assert not any(s.sponsored for s in series)
    brief = load_brief(BRIEF)
    from smmplan.i18n import Translator

    tr = Translator("en", brief.locale, brief.client.currency)
    monthly = [m for m in moment_ideas(brief, tr) if m.staple == "month"]
    assert [m.date[:7] for m in monthly] == [f"2027-{m:02d}" for m in range(1, 13)]


def test_care_and_size_posts_are_one_a_season_not_a_grid(slots):
    """"Dresses/Workwear/...: finding your size" and "X: how to care for it" ran 5 times
    each per product (25 + 25): now one post a season each, the product in turn."""
    for topic in ("Finding your size", "How to care for it"):
        posts = [s for s in slots if s.idea.startswith(topic + ":")]
        quarters = Counter((int(s.date[5:7]) - 1) // 3 for s in posts)
        assert 3 <= len(posts) <= 4 and max(quarters.values()) == 1, topic
    assert not any(s.idea.split(":")[0] in PRODUCTS and "finding your size" in s.idea
                   for s in slots)
