"""A platform the plan pays on gets its conversion tag asked for, unless the client's ads
export records conversions on it or the brief names the tag (review 15: Maison Lune's
Pinterest test, with no Pinterest tag in "Shopify, Klaviyo, Meta and TikTok pixels, GA4")."""

from __future__ import annotations

import datetime as dt
import shutil

import yaml

from smmplan.paths import example_briefs
from smmplan.plan import Plan
from smmplan.validation import load_brief
from smmplan.views.client_needs import client_needs


def _brief(name: str):
    return next(p for p in example_briefs() if p.parent.name == name)


def _tags(plan: Plan) -> list[str]:
    # a tag for site conversions is asked "on your site, with your conversion event"; one
    # for lead gen forms (retargeting and site leads only) "on your site by <date>"
    return [n for n in client_needs(plan) if "on your site, with your conversion event" in n
            or " on your site by " in n.split(":", 1)[0]]


def test_lune_is_asked_for_the_pinterest_tag_before_its_test():
    plan = Plan(load_brief(_brief("fashion")))
    test = plan.held_back_test
    assert test["platform"] == "pinterest"
    assert dt.date.fromisoformat(test["start"]) == dt.date(2027, 1, 18)
    (ask,) = _tags(plan)  # Meta and TikTok: named in the brief, conversions in its export
    assert ask.startswith("The Pinterest tag on your site")
    assert "the first conversion ad on Pinterest" in ask
    assert "by 4 January 2027" in ask and "runs on 18 January 2027" in ask, ask


def test_cloudline_is_asked_for_the_tags_of_its_conversion_platforms():
    """LinkedIn (its lead gen forms, with website retargeting) and X (its dated test) run
    conversion ads: both tags are asked for; YouTube, with no paid budget, is not (review
    16: a platform paid for awareness only runs no conversion ad for its tag to count)."""
    plan = Plan(load_brief(_brief("b2b-software")))
    assert [c.platform for c in plan.paid.channels if c.conversion_spend > 0] == \
        ["linkedin", "x"]
    assert [a.split(" on your site")[0] for a in _tags(plan)] == \
        ["The LinkedIn Insight Tag", "The X pixel"]


def test_a_tag_the_brief_names_is_not_asked_for(tmp_path):
    folder = tmp_path / "fashion"
    shutil.copytree(_brief("fashion").parent, folder)
    raw = yaml.safe_load((folder / "brief.yaml").read_text(encoding="utf-8"))
    raw["situation"]["problems"]["infrastructure"]["evidence"] = \
        "Shopify, Klaviyo, Meta, TikTok and Pinterest tags, GA4."
    (folder / "brief.yaml").write_text(yaml.safe_dump(raw, allow_unicode=True,
                                                      sort_keys=False), encoding="utf-8")
    assert _tags(Plan(load_brief(folder / "brief.yaml"))) == []


def test_a_tag_the_brief_says_is_missing_is_asked_for():
    from smmplan.views.client_needs import named

    assert named("shopify, klaviyo, meta and tiktok pixels, ga4.", "meta")
    assert named("shopify, klaviyo, meta and tiktok pixels, ga4.", "tiktok")
    assert not named("shopify, klaviyo, meta and tiktok pixels, ga4.", "pinterest")
    assert not named("no pinterest tag yet; meta pixel to install", "pinterest")
    assert not named("pas de pixel meta sur le site", "meta")
    assert named("gtag on every page", "gtag") and named("le pixel meta est posé", "meta")


def test_one_ask_per_tag_for_the_platforms_it_serves(tmp_path):
    """Facebook and Instagram both paid, no ads history: one Meta pixel ask naming both."""
    folder = tmp_path / "bakery"
    shutil.copytree(_brief("bakery").parent, folder)
    raw = yaml.safe_load((folder / "brief.yaml").read_text(encoding="utf-8"))
    raw["budget"]["paid"]["channels"] = {"instagram": {"min": 600}, "facebook": {"min": 600}}
    (folder / "brief.yaml").write_text(yaml.safe_dump(raw, allow_unicode=True,
                                                      sort_keys=False), encoding="utf-8")
    plan = Plan(load_brief(folder / "brief.yaml"))
    assert {c.platform for c in plan.paid.channels if c.spend > 0} == {"instagram",
                                                                        "facebook"}
    asks = [n for n in client_needs(plan) if "sur votre site, avec" in n]
    assert len(asks) == 1 and asks[0].startswith("Le pixel Meta") and "Instagram" in asks[0] \
        and "Facebook" in asks[0]
