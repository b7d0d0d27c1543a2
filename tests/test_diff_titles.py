"""Brief phrases in the B2B and fashion ideas: a promise opens a title or a hook, never pasted
after a stock lead ("Why it matters to buyers: …", "Proof, not promises: …"); a long one
takes its template's short title and is named in the hook; a service the brand offers is
never "what we gave up for it"; a strength is told in a hook, not posted as a bare title."""

from __future__ import annotations

import pathlib

import pytest

from smmplan.brief import parse_brief
from smmplan.i18n import Translator
from smmplan.ideas import evergreen_ideas
from smmplan.sectors import playbook

from .conftest import example_raw, standalone


def ideas(name: str, language: str | None = None):
    raw = standalone(example_raw(name))
    if language:
        raw["client"]["language"] = language
    b = parse_brief(raw, pathlib.Path("b.yaml"))
    return b, evergreen_ideas(b, Translator(b.client.language, b.locale, b.client.currency))


def test_b2b_long_promises_are_named_in_hooks_not_titles():
    b, out = ideas("b2b-software")
    for lead in ("Why it matters to buyers", "Customer stories with measured results"):
        assert not any(i.topic.startswith(lead) for i in out), lead
    for long in ("Live in one day with 200+ ready-made connectors",
                 "SOC 2 Type II and EU data residency"):
        assert long in b.brand.differentiators
        assert not any(long in i.topic for i in out), long
        # nothing the client wrote is dropped: each long promise still has its own posts
        assert len({i.hook for i in out if i.hook.startswith(long)
                    or f"profile. {long}." in i.hook}) >= 2, long
    assert any(i.hook.startswith("Customer stories with measured results. ") for i in out)


def test_fashion_service_is_not_something_given_up():
    b, out = ideas("fashion")
    repairs = [i for i in out if "Free repairs" in f"{i.topic} {i.hook}"]
    assert repairs and not any("gave up" in i.topic or "turned down" in i.hook
                               for i in repairs)
    assert any(i.topic == "Free repairs for two years: why we offer it" for i in out)
    assert not any(i.topic.startswith("Proof, not promises") for i in out)
    # a choice the brand made still tells what it gave up
    assert any(i.topic == "Traceable fabrics, named mills, and what we gave up for it"
               for i in out)


def test_french_b2b_short_titles_and_hooks():
    _, out = ideas("b2b-software", "fr")
    assert any(i.topic == "La promesse que nous n’avons pas voulu diluer"
               and "SOC 2 Type II and EU data residency. La décision" in i.hook for i in out)
    assert not any(i.topic.startswith("Ce que ça change pour l’acheteur") for i in out)


@pytest.mark.parametrize("kind", ["b2b", "retail_fashion"])
def test_short_hooks_have_a_short_title_and_both_languages(kind):
    tpls = [t for t in playbook(kind)["ideas"] if "short_hook" in t]
    assert tpls
    for t in tpls:
        assert t.get("short") and set(t["short_hook"]) >= {"en", "fr"}
        assert all("{diff}" in v for v in t["short_hook"].values())


def test_long_promises_take_distinct_short_titles():
    """Two long promises under one template's short title made one title of two ideas
    (7 posts of "The industry habit we refused"): the n-th takes the n-th short title."""
    _, out = ideas("b2b-software")
    for short in ("The industry habit we refused", "The promise we built Cloudline on"):
        hooks = {i.hook for i in out if i.topic == short}
        assert len(hooks) == 1, (short, hooks)


@pytest.mark.parametrize("language, titles", [
    ("fr", ("Notre pédagogie", "Dans un de nos cours")),
    ("en", ("How we teach", "Inside one of our classes"))])
def test_other_sectors_name_each_long_promise_in_its_hook(language, titles):
    """A school with two long promises: each under its own short title, the promise as
    written (its capital kept in French) opening the hook, none dropped."""
    raw = standalone(example_raw("fashion"))
    raw["client"]["sector_kind"] = "education"
    raw["client"]["language"] = language
    raw["brand"]["differentiators"] = [
        "Des groupes de six élèves au plus, avec un suivi chaque semaine",
        "Un professeur diplômé et un plan de progression écrit pour chacun"]
    b = parse_brief(raw, pathlib.Path("b.yaml"))
    out = evergreen_ideas(b, Translator(b.client.language, b.locale, b.client.currency))
    for title, promise in zip(titles, b.brand.differentiators, strict=True):
        hooks = {i.hook for i in out if i.topic == title}
        assert len(hooks) == 1 and next(iter(hooks)).startswith(promise), (title, hooks)
