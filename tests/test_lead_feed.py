"""The lead platform's feed never falls below today's posting (a brief's posts a week are
feed posts, not stories), the ideas that fill it are new (repair stories, the mills,
keeping a piece going) rather than a parent category told beside its own products, and
the overload warning fires only when today's posting is above the team's capacity
(Maison Lune: Instagram 5 a week today); no first look after the Christmas cut-off."""

from __future__ import annotations

from types import SimpleNamespace

from smmplan.frequency import feed_lead
from smmplan.i18n import Translator
from smmplan.ideas import evergreen_ideas
from smmplan.paths import example_briefs
from smmplan.plan import Plan
from smmplan.validation import load_brief


def fashion():
    return load_brief(next(p for p in example_briefs() if p.parent.name == "fashion"))


def test_feed_lead_only_when_stories_would_cut_the_feed():
    kept = [SimpleNamespace(platform="instagram", score=80, posts_per_week=5.0),
            SimpleNamespace(platform="tiktok", score=50, posts_per_week=4.0)]
    mix = {"instagram": ["reel", "carousel", "story"], "tiktok": ["short_video"]}
    assert feed_lead(kept, {"instagram": 5.0}, mix) == "instagram"  # 3.3 feed posts < 5
    kept[0].posts_per_week = 7.5  # 5 feed posts and 2.5 stories: today's feed kept
    assert feed_lead(kept, {"instagram": 5.0}, mix) == ""
    assert feed_lead(kept, {}, mix) == ""  # nothing posted today: no floor


def test_lune_instagram_feed_keeps_todays_rhythm_and_no_false_warning():
    plan = Plan(fashion())
    ch = plan.channels
    weeks = ((plan.brief.client.period.end - plan.brief.client.period.start).days + 1) / 7
    today = next(c.posts_per_week for c in plan.brief.situation.channels
                 if c.platform == "instagram")
    feed = [s for s in ch.slots if s.platform == "instagram" and not s.ad_only
            and s.format != "story"]
    assert len(feed) / weeks >= today - 0.05
    current = sum(c.posts_per_week or 0 for c in plan.brief.situation.channels)
    assert ch.overloaded == (current > ch.capacity_posts * 1.05)
    assert not ch.overloaded  # 14.0 a week today against a capacity of about 15
    firsts = [s for s in ch.slots if s.base_idea.startswith("First look")]
    assert firsts  # the data's premium target keeps its first looks through the year
    assert not any("2027-12-18" <= s.date <= "2027-12-25" for s in firsts)  # not after
    # the Christmas delivery cut-off: a drop nobody receives in time


def test_a_parent_category_is_not_told_beside_its_products():
    brief = fashion()
    tr = Translator(brief.client.language, brief.locale, brief.client.currency)
    topics = [i.topic for i in evergreen_ideas(brief, tr)]
    assert any(t.startswith("Dresses: one size, three builds") for t in topics)
    assert not any(t.startswith("Womenswear:") for t in topics)  # its products say it
    assert any(t.startswith("Streetwear: one size, three builds") for t in topics)  # a product
    assert "How to care for it" in topics  # one a season, the product in the visual
    assert "Outerwear: repaired, not replaced" in topics  # the brand's repair stories
    assert "Dresses: the mill behind the fabric" in topics


def test_lune_paid_media_is_one_figure_with_its_parts():
    from smmplan.views.team import paid_media_text

    plan = Plan(fashion())
    c = plan.team.total_cost
    programme = plan.paid.retention["budget"]
    assert programme > 0  # the past-buyer programme beside the campaigns
    text = paid_media_text(plan, c["ads"])
    assert text == (f"{plan.tr.money(plan.paid.total)} + {plan.tr.money(programme)} for the "
                    f"past-buyer loyalty programme = {plan.tr.money(c['ads'])}")


def test_lead_rotation_puts_stories_only_beyond_todays_feed():
    from smmplan.frequency import lead_rotation

    formats = ["reel", "carousel", "story", "photo", "live"]
    assert lead_rotation(formats, 5.0, 5.0) == ["reel", "carousel", "photo"]  # no room
    rot = lead_rotation(formats, 7.0, 5.0)  # 2 posts beyond today: one in four a story
    assert rot == ["reel", "carousel", "photo", "story"]
    assert 7.0 * sum(f != "story" for f in rot) / len(rot) >= 5.0
    assert lead_rotation(["short_video", "live"], 7.0, 5.0) == ["short_video", "live"]
