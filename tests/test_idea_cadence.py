"""An idea's cadence (a review or challenge of the month, a poll that decides production):
at most one post of its series per period; when the ideas cannot fill the planned posts
within cadences and the yearly ceiling, the platform where a post matters least gives up
posts instead of an idea being repeated."""

from __future__ import annotations

import collections
import datetime as dt

from smmplan.calendar_slots import Slot
from smmplan.i18n import Translator
from smmplan.idea_repeats import cadence_period
from smmplan.idea_supply import within_supply
from smmplan.ideas import Idea, evergreen_ideas, fill, idea_caps
from smmplan.paths import example_briefs
from smmplan.validation import load_brief

TR = Translator("en", "en_GB", "GBP")


def posts(n: int, platform: str, pillar: str = "community",
          start: dt.date = dt.date(2027, 1, 1)) -> list[Slot]:
    return [Slot((start + dt.timedelta(days=k)).isoformat(), "18:00", platform, pillar,
                 "photo", False) for k in range(n)]


def test_cadence_periods():
    assert cadence_period("month", "2027-03-31") == "2027-03"
    assert cadence_period("quarter", "2027-05-02") == "2027-Q2"
    assert cadence_period("week", "2027-01-04") == "2027-W01"
    assert cadence_period("", "2027-01-04") == ""


def test_a_monthly_idea_has_one_post_a_month_whatever_the_platform():
    monthly = Idea("community", "Style challenge of the month", "One piece, your outfit.",
                   "tag", cadence="month", series="challenge")
    plain = [Idea("community", f"Customers wear it {k}", "Three photos.", "shop")
             for k in range(8)]
    slots = posts(90, "instagram") + posts(90, "tiktok")
    fill(slots, [monthly, *plain], [], {}, TR)
    mine = [s.date[:7] for s in slots if s.base_idea == monthly.text]
    assert sorted(mine) == ["2027-01", "2027-02", "2027-03"]


def test_a_series_counts_its_products_versions_together():
    one = Idea("community", "Dresses: the review of the month", "A review.", "shop",
               cadence="month", series="review|Womenswear")
    two = Idea("community", "Workwear: the review of the month", "A review.", "shop",
               cadence="month", series="review|Womenswear")
    slots = posts(28, "instagram", start=dt.date(2027, 2, 1))
    fill(slots, [one, two, *[Idea("community", f"Other {k}", "x", "shop")
                             for k in range(40)]], [], {}, TR)
    assert sum(s.base_idea in (one.text, two.text) for s in slots) == 1


def test_the_fashion_playbook_marks_the_obvious_series():
    brief = load_brief(next(p for p in example_briefs() if p.parent.name == "fashion"))
    ideas = evergreen_ideas(brief, TR)
    cadence = {i.topic: i.cadence for i in ideas}
    assert cadence["Vote for the next colour"] == "quarter"
    assert cadence["Style challenge of the month"] == "month"
    assert {i.cadence for i in ideas if i.topic.endswith("the review of the month")} == {"month"}


def test_the_platform_that_matters_least_gives_up_posts_rather_than_repeat_ideas():
    ideas = [Idea("community", f"Series {k}", "x", "tag", cadence="month", series=f"s{k}")
             for k in range(3)]
    slots = posts(60, "instagram") + posts(60, "pinterest")
    planned = {id(s): (s.pillar, s.format) for s in slots}
    short = fill(slots, ideas, [], {}, TR)
    assert short  # 3 monthly series cannot fill 120 community posts
    removed = within_supply(slots, short, ideas, [], TR, "en", "pinterest", planned)
    left = collections.Counter(s.platform for s in slots)
    assert removed.get("pinterest", 0) > 0 and "instagram" not in removed
    assert left["instagram"] == 60
    per_month = collections.Counter((s.base_idea, s.date[:7]) for s in slots if s.base_idea)
    assert max(per_month.values()) == 1  # never beyond the cadence


def test_no_idea_beyond_the_yearly_ceiling_while_others_fit():
    """A plain idea (no cadence) on at most ``idea_caps.per_year`` posts while another idea
    fits; the posts its pillar then cannot fill are reported short."""
    tips = [Idea("education", f"Tip {k}", "x", "save") for k in range(2)]
    others = [Idea("showcase", f"Piece {k}", "x", "shop") for k in range(80)]
    slots = [s for p in ("instagram", "facebook", "tiktok", "pinterest")
             for s in posts(365, p, "education")]
    short = fill(slots, tips + others, [], {}, TR)
    counts = collections.Counter(s.base_idea for s in slots if s.base_idea)
    assert max(counts[t.text] for t in tips) == int(idea_caps()["per_year"])
    assert short and all(s.base_idea for s in slots)


def test_a_day_that_opens_is_teased_before_and_fills_its_day():
    """Black Friday / Boxing Day: every post of the day carries the moment; a post before
    the day is a teaser that says the date and never asks to shop."""
    from smmplan.idea_repeats import tease_before_the_day
    from smmplan.ideas import assign_ideas

    boxing = Idea("showcase", "Boxing Day: repair, don't replace", "Book a repair.", "shop",
                  moment="Boxing Day", date="2027-12-26", lead_days=1, opens=True)
    plain = [Idea("showcase", f"Piece {k}", "x", "shop") for k in range(10)]
    slots = [s for p in ("instagram", "tiktok", "facebook")
             for s in posts(4, p, "showcase", dt.date(2027, 12, 24))]
    assign_ideas(slots, plain, [boxing], TR, "vous")
    tease_before_the_day(slots, [boxing], TR, "vous")
    day = [s for s in slots if s.date == "2027-12-26"]
    assert day and all(s.base_idea == boxing.text for s in day)
    before = [s for s in slots if s.base_idea == boxing.text and s.date < "2027-12-26"]
    assert all("26 December" in s.idea and s.cta == TR.t("cta.save") for s in before)


def test_the_christmas_cut_off_posts_say_the_cut_off():
    from smmplan.ideas import moment_ideas

    brief = load_brief(next(p for p in example_briefs() if p.parent.name == "fashion"))
    cut = [i for i in moment_ideas(brief, TR) if i.moment == "Christmas delivery cut-off"]
    assert cut and all("18 December" in i.hook for i in cut)


def test_a_repair_day_asks_for_a_repair_not_a_purchase():
    """Maison Lune's Boxing Day ('repair, don't replace — Book a repair…') carried 'Shop it'
    and was sponsored as a sale: its call to action is the repair booking, on the day."""
    from smmplan.plan import Plan

    plan = Plan(load_brief(next(p for p in example_briefs() if p.parent.name == "fashion")))
    tr = plan.tr
    boxing = [s for s in plan.channels.slots if s.idea.startswith("Boxing Day")]
    assert boxing
    on_day = [s for s in boxing if s.date.endswith("-12-26")]
    assert on_day and all(s.cta == tr.t("cta.repair") for s in on_day)
    assert all(s.cta != tr.t("cta.shop") for s in boxing)


def test_a_story_told_once_fills_its_per_year_and_no_more():
    """A retro or an origin story (``per_year`` in the sector data) fills at most that many
    posts even when the pool is too small for the calendar (it is never the fallback that
    a plain idea is)."""
    retro = Idea("values", "What we got wrong last year", "x", "follow", per_year=1)
    plain = [Idea("values", f"Value {k}", "x", "follow") for k in range(2)]
    slots = [s for p in ("linkedin", "x") for s in posts(200, p, "values")]
    fill(slots, [retro, *plain], [], {}, TR)
    counts = collections.Counter(s.base_idea for s in slots if s.base_idea)
    assert counts[retro.text] == 1
    assert max(counts[i.text] for i in plain) > int(idea_caps()["per_year"])  # pool short


def test_the_playbooks_mark_one_off_stories_and_garment_only_templates():
    """Cloudline: the retro, the metric and the origin stories are one-off; Maison Lune:
    no sizing, care or try-on idea is told of accessories, and a product's idea does not
    carry its offer line's description ("Dresses: ... : Dresses, workwear, outerwear")."""
    b2b = load_brief(next(p for p in example_briefs() if p.parent.name == "b2b-software"))
    per_year = {i.topic: i.per_year for i in evergreen_ideas(b2b, TR)}
    assert per_year["What we got wrong last year"] == 1
    assert per_year["The metric we stopped reporting"] == 1
    assert per_year["Cloudline: the problem we started with"] == 1
    fashion = load_brief(next(p for p in example_briefs() if p.parent.name == "fashion"))
    ideas = evergreen_ideas(fashion, TR)
    topics = {i.topic for i in ideas}
    t = "a creator's honest try-on"
    assert f"Accessories: {t}" not in topics and f"Dresses: {t}" in topics
    for t in ("Finding your size", "How to care for it"):  # one a season, products in turn
        told = next(i for i in ideas if i.topic == t)
        assert any("Dresses" in x for x in told.turns)
        assert not any("Accessories" in x for x in told.turns)
    stock = next(i for i in ideas if i.topic == "Sizes left and the next delivery")
    assert any("Dresses" in t for t in stock.turns)  # told on the products in turn
    assert not any("Accessories" in t for t in stock.turns)
    dresses = [i for i in ideas if i.topic.startswith("Dresses:")]
    assert dresses and not [i for i in dresses if "Dresses, workwear, outerwear" in i.hook]


def test_the_plan_names_the_stories_told_once_it_carries():
    from smmplan.idea_repeats import told_once

    retro = Idea("values", "What we got wrong last year", "x", "follow", per_year=1)
    twice = Idea("values", "Why it matters", "x", "follow", per_year=2)
    unused = Idea("values", "The metric we stopped reporting", "x", "comment", per_year=1)
    slots = posts(3, "linkedin", "values")
    for s, i in zip(slots, (twice, retro, twice), strict=True):
        s.base_idea = i.text
    ideas = [i.to_json() for i in (retro, twice, unused)]
    assert told_once(slots, ideas) == ["What we got wrong last year"]


def test_a_maintenance_platform_never_gives_up_its_posts():
    """X kept at a maintenance cadence (1 a week) is not the platform where a post matters
    least even when it scores lowest: another platform without paid spend gives way, and a
    post held at its cadence (``keep``) is never dropped."""
    from types import SimpleNamespace

    from smmplan.idea_supply import least_needed

    def choice(platform, score, maintenance=False):
        return SimpleNamespace(platform=platform, score=score, kept=True, posts_per_week=1.0,
                               maintenance=maintenance, protected=False)
    choices = [choice("linkedin", 90), choice("youtube", 60), choice("x", 40, True)]
    assert least_needed(choices, {"linkedin": 1000.0}) == "youtube"
    assert least_needed([choices[0], choices[2]], {"linkedin": 1000.0}) == "linkedin"
    assert least_needed([choices[2], choice("tiktok", 30, True)], None) is None
    ideas = [Idea("community", f"Series {k}", "x", "tag", cadence="month", series=f"s{k}")
             for k in range(3)]
    slots = posts(60, "instagram") + posts(60, "x")
    for s in slots:
        s.keep = s.platform == "x"
    planned = {id(s): (s.pillar, s.format) for s in slots}
    short = fill(slots, ideas, [], {}, TR)
    assert short
    within_supply(slots, short, ideas, [], TR, "en", "x", planned)
    assert collections.Counter(s.platform for s in slots)["x"] == 60
