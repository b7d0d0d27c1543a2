"""Sponsored posts sell what paid converts, in the formats the "What to sponsor" table
allows; ideas are capped and rotated, repeats take a new angle; posts outside the best
windows are counted."""

from __future__ import annotations

import collections
import datetime as dt

from smmplan.calendar_slots import (
    Slot,
    Window,
    outside_windows,
    sponsor_slots,
    sponsorable_formats,
)
from smmplan.i18n import Translator
from smmplan.idea_repeats import idea_counts, vary_repeats
from smmplan.ideas import Idea, assign_ideas, idea_caps
from smmplan.sponsored_ideas import paid_ideas, sell_on_sponsored, sponsor_fit

TR = Translator("en", "en_GB", "GBP")


def days(n: int, platform: str = "instagram", fmt: str = "reel",
         start: dt.date = dt.date(2027, 1, 4)) -> list[Slot]:
    return [Slot((start + dt.timedelta(days=k)).isoformat(), "18:00", platform, "showcase",
                 fmt, False) for k in range(n)]


def test_formats_follow_the_what_to_sponsor_table():
    formats = {"reel", "carousel", "story", "short_video", "photo", "link", "live"}
    lune = sponsorable_formats(formats, {"Reel", "Video", "Carousel"})
    assert lune == {"reel", "carousel", "short_video"}
    fournil = sponsorable_formats(formats, {"Vidéo", "Carrousel"})
    assert fournil == {"reel", "carousel", "short_video"}
    b2b = sponsorable_formats({"article", "document_carousel", "photo", "long_video"},
                              {"document_carousel", "customer_story", "short_video"})
    assert b2b == {"document_carousel"}
    assert sponsorable_formats({"photo", "live"}, set()) == {"photo", "live"}


def test_paid_ideas_are_the_booked_offer_else_selling_offer_ideas():
    workshop = Idea("showcase", "Bread workshop", "x", "reserve", offer="Workshops")
    bread = Idea("showcase", "Sourdough", "y", "visit", offer="Bread")
    shop = Idea("showcase", "New coat", "z", "shop", offer="Coats")
    sale = Idea("showcase", "Sale", "w", "shop", moment="Sale", date="2027-01-10")
    story = Idea("values", "Our story", "v", "follow")
    ideas = [workshop, bread, shop, sale, story]
    assert paid_ideas(ideas, "Workshops") == [workshop]
    assert paid_ideas(ideas, None) == [workshop, shop, sale]


def test_sponsored_posts_carry_the_booked_offer_in_allowed_formats():
    slots = days(56, fmt="reel") + days(56, fmt="story")
    for s in slots[::4]:
        s.sponsored = True  # the calendar's proposal
    workshop = Idea("showcase", "Bread workshop", "Seats on Saturday", "reserve",
                    offer="Workshops", weekdays=[0, 1, 2, 3, 4])
    bread = Idea("showcase", "Sourdough", "Out at 7", "visit", offer="Bread")
    assign_ideas(slots, [workshop, bread], [], TR)
    paid = paid_ideas([workshop, bread], "Workshops")
    proposed = sum(s.sponsored for s in slots)
    sponsor_slots(slots, {"instagram": 100.0}, None, sponsor_fit(paid, {"reel"}))
    sell_on_sponsored(slots, paid, TR)
    sponsored = [s for s in slots if s.sponsored]
    assert len(sponsored) == proposed
    assert {s.format for s in sponsored} == {"reel"}
    assert all(s.base_idea == workshop.text for s in sponsored)
    assert all(dt.date.fromisoformat(s.date).weekday() < 5 for s in sponsored)
    assert any(s.base_idea == bread.text for s in slots if not s.sponsored)
    moment = Slot("2027-01-05", "18:00", "instagram", "showcase", "reel", False,
                  moment="Sale", base_idea="Sale — w")
    assert sponsor_fit(paid, {"reel"})(moment) is None  # a key moment keeps its post


def test_one_idea_at_most_once_per_platform_and_month_while_the_pool_allows():
    slots = days(120, "instagram") + days(120, "facebook", "photo")
    cap = max(1, -(-len(slots) * idea_caps()["max_share"] // 100))
    pool = [Idea("showcase", f"Idea {k}", "h", "follow")
            for k in range(max(40, -(-len(slots) // cap)))]  # a pool the caps allow
    assign_ideas(slots, pool, [], TR)
    per = collections.Counter((s.base_idea, s.platform, s.date[:7]) for s in slots)
    assert max(per.values()) == idea_caps()["per_platform_month"]
    total = collections.Counter(s.base_idea for s in slots)
    assert max(total.values()) <= max(1, -(-len(slots) * idea_caps()["max_share"] // 100))
    assert max(total.values()) - min(total.values()) <= 1  # the pool rotates evenly


def test_a_small_pool_is_reused_with_new_angles_and_a_capped_idea_stays_capped():
    own = Idea("showcase", "In Acme's own words", "Three steps", "follow", cap=4)
    pool = [own] + [Idea("showcase", f"Idea {k}", "h", "follow") for k in range(3)]
    slots = days(200)
    assign_ideas(slots, pool, [], TR)
    vary_repeats(slots, TR)
    total = collections.Counter(s.base_idea for s in slots)
    assert total[own.text] == 4
    assert all(s.idea for s in slots)
    texts = collections.Counter((s.idea, s.angle) for s in slots)
    assert max(texts.values()) < max(total.values())  # repeats are written differently
    last = slots[-1]
    assert last.angle and last.idea == last.base_idea  # the angle is not in the post's text
    assert TR.t("ideas.angle_note", angle=last.angle) in last.adaptation
    counts = idea_counts(slots)
    assert counts["ideas"] == 4 and counts["most"] == max(total.values())
    assert counts["texts"] == len(texts)


def test_posts_beyond_the_windows_are_counted_with_their_hours():
    wins = [Window(0, 18, None, 0, "default"), Window(2, 12, None, 0, "default")]
    slots = [Slot("2027-01-04", "18:00", "x", "showcase", "post", False),  # Monday 18:00
             Slot("2027-01-06", "12:00", "x", "showcase", "post", False),  # Wednesday 12:00
             Slot("2027-01-07", "18:00", "x", "showcase", "post", False)]  # Thursday
    [row] = outside_windows(slots, {"x": wins}, 1.0)
    assert row["outside"] == 1 and row["hours"] == ["18:00"] and row["per_week"] == 3
    assert outside_windows(slots[:2], {"x": wins}, 1.0) == []


def test_angles_given_twice_are_not_doubled_and_follow_the_second_pass():
    pool = [Idea("showcase", f"Idea {k}", "h", "follow") for k in range(3)]
    slots = days(12)
    assign_ideas(slots, pool, [], TR)
    vary_repeats(slots, TR)
    first = [(s.angle, s.adaptation) for s in slots]
    vary_repeats(slots, TR)  # a second pass (the data's target ideas) over the same posts
    assert [(s.angle, s.adaptation) for s in slots] == first
    assert all(s.adaptation.count(TR.t("ideas.angle_note", angle="x")[:10]) <= 1
               for s in slots)


def test_offer_lines_calls_to_action_follow_their_buying_path_and_founders_are_not_ads():
    """Cloudline: Teams is self-serve (a trial, no "Book a demo"), Enterprise sales-led (a
    demo, no free trial: it has none); a founder's post (voice: person) is never sponsored."""
    import subprocess
    import sys
    import tempfile
    from pathlib import Path

    from smmplan.calendar_files import read_calendar
    from smmplan.paths import example_briefs

    brief = next(p for p in example_briefs() if p.parent.name == "b2b-software")
    with tempfile.TemporaryDirectory() as out:
        subprocess.run([sys.executable, "-m", "smmplan.cli", "build", str(brief), "-o", out,
                        "-j", "1"], check=True, capture_output=True)
        rows = read_calendar(next(Path(out).glob("*/calendar.csv")).read_bytes())
    teams = [r["cta"] for r in rows if "Cloudline Teams" in r["idea"]]
    enterprise = [r["cta"] for r in rows if "Cloudline Enterprise" in r["idea"]]
    assert "Start a free trial" in teams and "Book a demo" not in teams
    assert "Book a demo" in enterprise and "Start a free trial" not in enterprise
    assert not [r for r in rows if r["sponsored"] == "yes" and "founder" in r["idea"].lower()]


def test_a_product_variant_names_the_product_in_its_topic_not_in_every_hook():
    """Maison Lune: an offer line's idea told on each of its products names the product in
    the topic ("Dresses, as our customers wear it") instead of adding "Shown on Dresses."
    to the hook of every post that carries it."""
    from smmplan.ideas import evergreen_ideas
    from smmplan.paths import example_briefs
    from smmplan.validation import load_brief

    brief = load_brief(next(p for p in example_briefs() if p.parent.name == "fashion"))
    tr = Translator("en", brief.locale, brief.client.currency)
    ideas = evergreen_ideas(brief, tr)
    assert not [i for i in ideas if "Shown on" in i.hook]
    worn = {i.topic for i in ideas if i.topic.endswith("as our customers wear it")}
    products = {v for o in brief.offer for v in o.audience_values if v != o.name
                and v != "Accessories"}  # sizes: the template is for garments (exclude)
    assert {f"{p}, as our customers wear it" for p in products} <= worn
