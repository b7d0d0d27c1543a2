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
    meet = [s for s in named if "faites connaissance" in s.idea]
    assert meet  # the brief dates no opening: a "meet us" post, not an opening
    assert all("(à confirmer)" in s.base_idea and "maintenant à côté" not in s.idea
               for s in meet)  # the mark: in the ideas list and the post's note, not its text
    assert not any("(à confirmer)" in s.idea for s in plan.channels.slots)
    assert all(s.adaptation.startswith("À confirmer") for s in meet)
    assert not any("Ouverture" in (s.moment or "") for s in plan.channels.slots)
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
    assert ideas[0].topic == "Our two new stores: come and meet us"  # no oven in fashion
    assert len(ideas) == len(brief.client.period.month_starts)


def test_the_plan_asks_for_the_opening_date_it_does_not_have():
    from smmplan.views.client_needs import client_needs
    from smmplan.views.summary import risks

    plan = Plan(load_brief(next(p for p in example_briefs() if p.parent.name == "bakery")))
    needs = [n for n in client_needs(plan) if "date d’ouverture" in n]
    assert len(needs) == 1 and "les deux nouvelles boutiques" in needs[0]
    assert any("les deux nouvelles boutiques déjà ouvertes" in r["risk"] for r in risks(plan))
