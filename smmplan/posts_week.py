"""Posts a week, one definition for the posts-a-week KPI's baseline, target and tracking:
what a brand's post export holds, counted over the export's own dated span.

- Baseline and tracking (``export_posts_per_week``): the posts of a post export over its
  period: the days from its first post to its last, both included, for the history export;
  the calendar months its posts fall in for the actuals (pulled month by month), never the
  months another actuals file covers.
- Target (``calendar_posts_per_week``): the calendar's posts as such an export would count
  them: the brand page's feed posts (never a paid creative run as an ad only, nor a post
  from a person's own profile, which a brand's export does not hold), and its stories only
  when the client's export holds stories (reminder stories included)."""

from __future__ import annotations

import pandas as pd

from .calendar_slots import Slot
from .history_target import calendar_format


def export_posts_per_week(posts: pd.DataFrame | None, whole_months: bool = False) -> float | None:
    """Posts a week in a post export: its posts over its period in weeks, the period being
    the days from its first post to its last, both included, or with ``whole_months`` (a
    month's actuals, pulled for whole months) the calendar months its posts fall in, so
    that a month's first and last posts do not shorten it; None without dated posts."""
    if posts is None or "date" not in posts:
        return None
    dated = posts["date"].dropna()
    if dated.empty:
        return None
    first, last = dated.min().normalize(), dated.max().normalize()
    if whole_months:
        first, last = first.replace(day=1), last + pd.offsets.MonthEnd(0)
    days = (last - first).days + 1
    return round(len(dated) / days * 7, 2)


def export_has_stories(posts: pd.DataFrame | None) -> bool:
    """Whether a post export holds stories (a post type the calendar calls ``story``,
    ``calendar_format``)."""
    if posts is None or "content_type" not in posts or "platform" not in posts:
        return False
    return any(calendar_format(str(p), str(t)) == "story"
               for p, t in zip(posts["platform"], posts["content_type"], strict=True))


def calendar_posts_per_week(slots: list[Slot], weeks: float, stories: bool) -> float | None:
    """The calendar's posts a week as a brand's post export counts them (module
    docstring): the brand page's feed posts, stories only when ``stories``; None without a
    calendar."""
    if not slots or weeks <= 0:
        return None
    counted = sum(1 for s in slots if not s.ad_only and not s.profile
                  and (stories or s.format != "story"))
    return round(counted / weeks, 1)
