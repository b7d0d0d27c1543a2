"""Each platform's posts follow its weekly rate month by month: the filler the ideas cannot
fill leaves every month in its share (month_spread), and a plan check says so per platform
and whole month (month_checks)."""

from __future__ import annotations

from collections import Counter
from types import SimpleNamespace

from smmplan.month_checks import monthly_posts, whole_months
from smmplan.month_spread import _even


def _posts(platform: str, per_month: dict[str, int]) -> list[dict]:
    return [{"date": f"{m}-{d + 1:02d}", "platform": platform, "ad_only": False, "profile": ""}
            for m, n in per_month.items() for d in range(n)]


def _plan(posts: list[dict]) -> dict:
    return {"client": {"period": {"start": "2027-01-01", "end": "2027-12-31"}},
            "calendar": {"posts": posts}}


def test_a_platform_that_fades_in_the_autumn_fails_the_monthly_check():
    months = [f"2027-{m:02d}" for m in range(1, 13)]
    even = _posts("facebook", {m: 9 for m in months})
    assert all(ok for _, ok, _ in monthly_posts(_plan(even)))
    fading = _posts("facebook", {m: (3 if m in ("2027-10", "2027-11") else 11) for m in months})
    failed = [name for name, ok, _ in monthly_posts(_plan(fading)) if not ok]
    assert failed == ["posts of facebook in 2027-10 follow its weekly rate",
                      "posts of facebook in 2027-11 follow its weekly rate"]
    weekly = _posts("x", {m: (4 if i % 3 else 5) for i, m in enumerate(months)})  # 1 a week
    assert all(ok for _, ok, _ in monthly_posts(_plan(weekly)))  # 4 or 5: the weekdays


def test_only_whole_months_of_the_period_are_checked():
    assert whole_months("2027-02-01", "2028-01-31")[0] == "2027-02"
    assert len(whole_months("2027-02-01", "2028-01-31")) == 12
    assert whole_months("2027-01-15", "2027-03-31") == ["2027-02", "2027-03"]


def test_dropped_filler_is_taken_from_every_month_in_its_share():
    posts = [SimpleNamespace(platform="facebook", date=f"2027-{m:02d}-{d:02d}", time="10:00",
                             keep=False, profile="", pillar="community")
             for m in range(1, 13) for d in (3, 10, 17, 24)]
    planned = {id(s): (s.pillar, "photo", "", "") for s in posts}
    late = [s for s in posts if s.date >= "2027-10"][:12]  # what the caps dropped: Oct-Dec
    out = _even(posts, late, {}, planned)
    per_month = Counter(s.date[:7] for s in posts if id(s) in out)
    assert len(out) == 12 and set(per_month.values()) == {1}  # one a month, not 12 in Q4
