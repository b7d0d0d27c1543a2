"""Sector ideas that assume an offer the brief never mentions are marked to confirm; a
differentiator only goes into the templates that fit it; never the value proposition
pasted into a post."""

from __future__ import annotations

import pathlib

from smmplan.brief import parse_brief
from smmplan.i18n import Translator
from smmplan.ideas import evergreen_ideas, moment_ideas

from .conftest import example_raw, standalone


def bakery(**offer_text):
    raw = standalone(example_raw("bakery"))
    for o in raw["offer"]:
        o["description"] = offer_text.get(o["name"], o.get("description", ""))
    b = parse_brief(raw, pathlib.Path("b.yaml"))
    return b, Translator(b.client.language, b.locale, b.client.currency)


def lines(b, tr):
    return [f"{i.topic} — {i.hook}" for i in evergreen_ideas(b, tr) + moment_ideas(b, tr)]


def test_unconfirmed_offers_are_marked_to_confirm():
    b, tr = bakery()
    ideas = lines(b, tr)
    for said in ("Commande avant jeudi", "Un bon pour un atelier", "Réservez la box",
                 "fournil ouvert", "associations"):
        hits = [i for i in ideas if said in i]
        assert hits and all("(à confirmer)" in i for i in hits), said
    assert not any("(à confirmer)" in i for i in ideas if "galette" in i)


def test_an_offer_the_brief_names_is_not_marked():
    b, tr = bakery(**{"Pains au levain": "Miches et baguettes, en click and collect",
                      "Ateliers pain": "Ateliers du samedi, 2 h ; bon cadeau possible"})
    ideas = lines(b, tr)
    assert all("(à confirmer)" not in i for i in ideas
               if "Commande avant jeudi" in i or "Un bon pour un atelier" in i)
    assert any("(à confirmer)" in i for i in ideas if "associations" in i)


def test_differentiators_only_in_the_templates_that_fit_them():
    b, tr = bakery()
    ideas = lines(b, tr)
    visible = [i for i in ideas if i.startswith("Derrière la vitre")]
    assert visible  # the differentiator is still told, by a template that fits it, under
    assert not any("fournée visible" in i.lower() for i in ideas)  # that template's title
    assert not any(i.startswith(("Ce que ça demande", "Pourquoi on y tient")) for i in visible)
    assert not any("Ateliers pain du samedi" in i for i in ideas
                   if i.startswith(("Ce que ça demande", "Pourquoi on y tient")))
    # the long "Levain naturel et farines…" takes the template's short title instead
    assert any(i.startswith("Notre façon de faire, et pourquoi on y tient") for i in ideas)


def test_the_value_proposition_is_never_pasted_into_a_post():
    b, tr = bakery()
    vp = b.brand.value_proposition.rstrip(".")
    ideas = lines(b, tr)
    assert not any(vp in i for i in ideas)
    weekend = [i for i in ideas
               if i.startswith("Viennoiseries et pâtisseries") and "à commander" in i]
    assert weekend and all(i.endswith("sans faire la queue.") for i in weekend)
