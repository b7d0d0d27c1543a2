"""The paid chapter's monthly neighbourhood ad for the new shops is in the calendar: each
funded month, that month's local post about the new shops is sponsored (in the feed, or
as an ad-only copy when the feed is at its sponsored share), with the amount per shop;
a plan check counts them against the months funded."""

from __future__ import annotations

import functools

from smmplan.checks import neighbourhood_boosts
from smmplan.openings_paid import campaign, monthly_boost
from smmplan.paths import example_briefs
from smmplan.plan import Plan
from smmplan.validation import load_brief


@functools.cache
def _plan() -> Plan:
    return Plan(load_brief(next(p for p in example_briefs() if p.parent.name == "bakery")))


def test_each_funded_month_has_its_neighbourhood_post_sponsored():
    plan = _plan()
    boost = monthly_boost(plan.brief, plan.paid, campaign(plan.brief, plan.paid))
    funded = [r for r in plan.paid.monthly if r.get("boost")]
    assert boost is not None and len(funded) == boost["months"] == 11
    local = {i["text"] for i in plan.channels.ideas if i["goal"]}
    amount = plan.tr.money(boost["per_shop"], 2)
    for r in funded:
        posts = [s for s in plan.channels.slots if s.sponsored and s.base_idea in local
                 and s.platform == r["platform"] and s.date[:7] == r["month"][:7]]
        assert len(posts) == 1, r["month"]
        assert amount in posts[0].adaptation
    # the feed keeps within its sponsored share: some months' boosts run as ads only
    assert any(s.ad_only and s.base_idea in local for s in plan.channels.slots)


def _json(sponsored: bool) -> dict:
    text = "Les deux nouvelles boutiques, en mars : le quartier — …"
    return {"budget": {"monthly": [{"month": "2027-03-01", "platform": "instagram",
                                    "boost": 15.36}]},
            "channels": {"ideas": [{"text": text, "goal": True}]},
            "calendar": {"posts": [{"date": "2027-03-10", "platform": "instagram",
                                    "sponsored": sponsored, "base_idea": text}]}}


def test_the_plan_check_counts_the_boosts_against_the_months_funded():
    assert [c.ok for c in neighbourhood_boosts(_json(True))] == [True]
    failed = list(neighbourhood_boosts(_json(False)))
    assert [c.ok for c in failed] == [False] and "2027-03" in failed[0].detail


def test_neighbourhood_ads_are_in_a_format_the_sponsor_table_sponsors():
    # review 15, Fournil 3: "Photo … non" in the table while photos and stories were boosted
    plan = _plan()
    allowed = {r["content_type"].casefold() for r in plan.paid.sponsor if r["sponsor"]}
    names = {"reel": {"vidéo", "video"}, "carousel": {"carrousel", "carousel"},
             "photo": {"photo"}, "story": {"story"}}
    paid = [s for s in plan.channels.slots if s.sponsored]
    assert paid and all(names[s.format] & allowed for s in paid)
    local = {i["text"] for i in plan.channels.ideas if i["goal"]}
    boosts = [s for s in paid if s.base_idea in local]
    assert boosts and all("chacune des 2 nouvelles boutiques" in s.adaptation for s in boosts)


def test_the_calendar_says_both_kinds_of_sponsored_posts():
    # review 15, Fournil 3: "Chaque publication sponsorisée vend … Ateliers pain" while half
    # of them were the neighbourhood ads
    from smmplan.views.sponsored_kinds import kinds, sponsored_sentence

    plan = _plan()
    split = kinds(plan)
    text = sponsored_sentence(plan)
    assert split["sell"] and split["reach"] and "Chaque publication" not in text
    assert f"{len(split['sell'])} vendent" in text
    assert f"{len(split['reach'])} achètent de la notoriété" in text
    assert "«\u00a0Passez nous voir\u00a0»" in text and "publicités de quartier" in text


def test_the_calendar_says_which_ads_recut_a_post_of_another_format():
    from smmplan.views.sponsored_kinds import recut_note

    plan = _plan()
    local = {i["text"] for i in plan.channels.ideas if i["goal"]}
    recut = [s for s in plan.channels.slots if s.ad_only and s.base_idea in local
             and any(o.date == s.date and o.base_idea == s.base_idea and not o.ad_only
                     and o.platform == s.platform and o.format != s.format
                     for o in plan.channels.slots)]
    [note] = recut_note(plan)
    assert recut and note.startswith(f"{len(recut)} d’entre elles refont") and "story" in note
