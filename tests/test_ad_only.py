"""Paid creatives beyond a stated share of a platform's feed run as ads only: the feed
keeps its organic posts, the ads-only creatives are marked in the calendar files and do
not count as the feed's posts; the sponsored posts still follow the spend."""

from __future__ import annotations

import math

from smmplan.calendar_files import calendar_files, read_calendar
from smmplan.calendar_slots import calendar_rules
from smmplan.paths import example_briefs
from smmplan.plan import Plan
from smmplan.validation import load_brief


def test_the_feed_keeps_its_organic_posts_and_ads_only_are_marked():
    plan = Plan(load_brief(next(p for p in example_briefs() if p.parent.name == "bakery")))
    share = float(calendar_rules()["sponsored_feed_share"])
    slots = plan.channels.slots
    feed: dict[tuple[str, str], list] = {}
    for s in slots:
        if s.format != "story" and not s.ad_only:
            feed.setdefault((s.platform, s.date[:7]), []).append(s)
    for key, posts in feed.items():  # a month's feed: at most the share sponsored
        assert sum(s.sponsored for s in posts) <= math.floor(share * len(posts) + 1e-9), key
    ads = [s for s in slots if s.ad_only]
    assert ads and all(s.sponsored for s in ads)
    # from June the workshop ads ran 28 of 31 Instagram feed posts: now most are organic
    june = [s for s in slots if s.platform == "instagram" and s.format != "story"
            and not s.ad_only and s.date >= "2027-06"]
    assert sum(not s.sponsored for s in june) >= 2 * sum(s.sponsored for s in june)
    text = calendar_files(plan.channels, "Maison Fournil", plan.tr)["calendar.csv"].decode()
    assert text.count(",publicité seule,") == len(ads)  # the plan's language (French)
    rows = read_calendar(text)
    assert {r["sponsored"] for r in rows if r["kind"] == "post"} == {"oui", "non",
                                                                    "publicité seule"}
    assert "publicité seule" in calendar_files(plan.channels, "Maison Fournil",
                                                plan.tr)["calendar.ics"].decode()
