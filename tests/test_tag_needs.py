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
    return [n for n in client_needs(plan) if "on your site, with your conversion event" in n]


def test_lune_is_asked_for_the_pinterest_tag_before_its_test():
    plan = Plan(load_brief(_brief("fashion")))
    test = plan.held_back_test
    assert test["platform"] == "pinterest"
    assert dt.date.fromisoformat(test["start"]) == dt.date(2027, 1, 18)
    (ask,) = _tags(plan)  # Meta and TikTok: named in the brief, conversions in its export
    assert ask.startswith("The Pinterest tag on your site") and "paid Pinterest" in ask
    assert "by 4 January 2027" in ask and "starts on 18 January 2027" in ask, ask


def test_cloudline_is_asked_for_the_linkedin_insight_tag():
    plan = Plan(load_brief(_brief("b2b-software")))
    assert [a.split(" on your site")[0] for a in _tags(plan)] == ["The LinkedIn Insight Tag"]


def test_a_tag_the_brief_names_is_not_asked_for(tmp_path):
    folder = tmp_path / "fashion"
    shutil.copytree(_brief("fashion").parent, folder)
    raw = yaml.safe_load((folder / "brief.yaml").read_text(encoding="utf-8"))
    raw["situation"]["problems"]["infrastructure"]["evidence"] = \
        "Shopify, Klaviyo, Meta, TikTok and Pinterest tags, GA4."
    (folder / "brief.yaml").write_text(yaml.safe_dump(raw, allow_unicode=True,
                                                      sort_keys=False), encoding="utf-8")
    assert _tags(Plan(load_brief(folder / "brief.yaml"))) == []
