"""Posts a week in one definition for every chapter (review 19, Maison Fournil: "4,4
publications par semaine" in the summary and channels, "2,8 → 3,5" in the objectives): the
brand page's feed posts, as the posts-a-week KPI counts them
(``posts_week.calendar_posts_per_week``), and the stories beside them, which the
calendar's count (``Channels.planned_posts``) holds too."""

from __future__ import annotations

from ..plan import Plan
from ..posts_week import calendar_posts_per_week


def feed_and_stories(plan: Plan) -> tuple[float, float] | None:
    """(feed posts, stories) a week of the calendar's posting, the two adding up to its
    posts a week (one decimal, as shown); None when the calendar has no story."""
    ch = plan.channels
    shown = [s for s in ch.slots if not s.ad_only]
    if not any(s.format == "story" and not s.profile for s in shown) \
            or any(s.profile for s in shown):  # people's own posts: neither feed nor story
        return None
    total = round(ch.planned_posts, 1)
    feed = calendar_posts_per_week(ch.slots, plan.brief.client.period.weeks, False)
    if feed is None or feed >= total:
        return None
    return feed, round(total - feed, 1)


def posts_words(plan: Plan, posts: float) -> str:
    """``posts`` a week in words: split into feed posts and stories when ``posts`` is the
    calendar's own posting and it has stories ("3,5 publications au fil et 0,9 story"),
    else the count ("4,4 publications")."""
    tr, split = plan.tr, feed_and_stories(plan)
    if split is None or abs(round(posts, 1) - round(plan.channels.planned_posts, 1)) > 0.05:
        return tr.plural("plural.posts", round(posts, 1))
    feed, stories = split
    return tr.plural("plural.posts_feed", feed, stories=tr.plural("plural.stories", stories))
