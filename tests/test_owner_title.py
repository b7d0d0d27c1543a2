"""The owner's title as the brief writes it ("La gérante publie quand elle a le temps.")
names the approver, the crisis owner and the owner-run team option."""

from __future__ import annotations

from pathlib import Path

from smmplan.brief import parse_brief
from smmplan.i18n import Translator
from smmplan.owner_title import owner_title, owner_words

from .conftest import example_raw, standalone


def _bakery(evidence: str):
    raw = standalone(example_raw("bakery"))
    raw["situation"]["problems"]["digital_culture"]["evidence"] = evidence
    return parse_brief(raw, Path("b.yaml"))


def test_the_briefs_title_with_its_article():
    tr = Translator("fr", "fr_FR", "EUR")
    assert owner_title(_bakery("La gérante publie quand elle a le temps.")) == ("gérante", "f")
    assert owner_words(_bakery("La gérante publie."), tr)["of"] == "de la gérante"
    assert owner_words(_bakery("Le patron publie le soir."), tr)["of"] == "du patron"
    assert owner_words(_bakery("Seule la propriétaire publie."), tr)["the"] == "la propriétaire"
    assert owner_title(_bakery("Personne ne publie.")) is None
    assert owner_title(_bakery("Les gérantes de boutique.")) is None  # not the word itself


def test_the_plan_calls_the_owner_by_that_title():
    from smmplan.plan import Plan
    from smmplan.views.base import option_kind, role_name
    from smmplan.views.client_needs import client_needs

    plan = Plan(_bakery("La gérante publie quand elle a le temps."))
    assert role_name(plan, "owner") == "gérante"
    assert option_kind(plan, "owner_run").endswith("(heures de la gérante)")
    assert client_needs(plan)[1].startswith("La gérante valide les publications")
    other = Plan(_bakery("Personne ne publie."))
    assert role_name(other, "owner") == "dirigeant ou responsable"
    assert "gérante" not in option_kind(other, "owner_run")
