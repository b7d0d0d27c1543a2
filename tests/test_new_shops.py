"""A goal about newly opened shops gets posts naming them: an opening post, then a local
post each month (Maison Fournil: "Faire connaître les deux nouvelles boutiques")."""

from __future__ import annotations

from pathlib import Path

from smmplan.brief import parse_brief
from smmplan.i18n import Translator
from smmplan.new_shops import new_shop_ideas, new_shops_phrase
from smmplan.paths import example_briefs
from smmplan.plan import Plan
from smmplan.validation import load_brief

from .conftest import example_raw, standalone


def test_the_goals_new_shops_are_named_and_get_monthly_posts():
    plan = Plan(load_brief(next(p for p in example_briefs() if p.parent.name == "bakery")))
    assert new_shops_phrase(plan.brief) == "les deux nouvelles boutiques"
    named = [s for s in plan.channels.slots if "nouvelles boutiques" in s.idea.lower()
             and not s.ad_only]
    assert any("venez goûter" in s.idea for s in named)
    months = {s.date[:7] for s in named}
    assert len(months) >= 11  # the opening month and a local post every month after


def test_a_brief_without_new_shops_gets_none_and_english_words_are_read():
    tr = Translator("en", "en_GB", "GBP")
    assert new_shop_ideas(load_brief(next(
        p for p in example_briefs() if p.parent.name == "fashion")), tr) == []
    raw = standalone(example_raw("fashion"))
    raw["goals"]["business_goals"][0]["description"] = "Make our two new stores known"
    brief = parse_brief(raw, Path("b.yaml"))
    ideas = new_shop_ideas(brief, tr)
    assert ideas[0].topic == "Our two new stores: come and see"  # no oven in fashion
    assert len(ideas) == len(brief.client.period.month_starts)
