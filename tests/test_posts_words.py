"""Posts a week in one definition (review 19, Maison Fournil F2): the summary, the channels
and team chapters said "4,4 publications par semaine" while the posts-a-week objective
committed to 3,5 (the feed, as the client's export counts it). Every chapter now says the
feed posts and the stories apart, the feed being the objective's target and the two adding
up to the calendar's posting."""

from __future__ import annotations

from functools import cache

from smmplan.paths import EXAMPLES_DIR
from smmplan.plan import Plan
from smmplan.validation import load_brief


@cache
def _fournil() -> Plan:
    return Plan(load_brief(EXAMPLES_DIR / "bakery" / "brief.yaml"))


def test_the_feed_and_stories_add_up_and_the_feed_is_the_objectives_target():
    from smmplan.views.posts_words import feed_and_stories

    plan = _fournil()
    feed, stories = feed_and_stories(plan)
    assert round(feed + stories, 1) == round(plan.channels.planned_posts, 1) == 4.4
    o = next(o for o in plan.objectives.objectives if o.kpi == "posts_per_week")
    assert o.target == feed == 3.5 and stories == 0.9


def test_every_chapter_says_the_same_posts_a_week():
    """Old code: "4,4 publications par semaine" in the summary, channels and team chapters,
    against the objective's 3,5."""
    from smmplan.views.channels import channels_decisions
    from smmplan.views.summary import recommendations
    from smmplan.views.team import option_recommendation, team_roles

    plan = _fournil()
    tr = plan.tr
    said = "3,5 publications au fil et 0,9 story par semaine"
    texts = [" ".join(recommendations(plan)), " ".join(channels_decisions(plan)),
             option_recommendation(plan), team_roles(plan).html()]
    assert all(said in t for t in texts), texts
    assert all(f"{tr.number(4.4, 1)} publications" not in t for t in texts)
