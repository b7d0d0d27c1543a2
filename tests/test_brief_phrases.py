"""A brief's long phrases are not pasted into public copy: an offer line's description is
never a hook's tail, a long differentiator never a title's second half (the template's
short title instead); the ideas table keeps the to-confirm mark out of the titles, in its
own column; counts agree in number in French; a reason is said once."""

from __future__ import annotations

import functools
import pathlib

from smmplan.brief import parse_brief
from smmplan.i18n import Translator
from smmplan.ideas import evergreen_ideas, moment_ideas
from smmplan.plan import Plan
from smmplan.views.channels import content_plan
from smmplan.views.identity import diagnosis, identity_decisions

from .conftest import example_raw, standalone


def _brief(name: str):
    b = parse_brief(standalone(example_raw(name)), pathlib.Path("b.yaml"))
    return b, Translator(b.client.language, b.locale, b.client.currency)


@functools.cache
def _bakery_plan() -> Plan:
    return Plan(_brief("bakery")[0])


def _texts(name: str) -> list[str]:
    b, tr = _brief(name)
    return [i.text for i in evergreen_ideas(b, tr) + moment_ideas(b, tr)]


def test_an_offer_description_is_never_a_hook_tail():
    for name in ("bakery", "fashion", "b2b-software"):
        b, _ = _brief(name)
        texts = _texts(name)
        for o in b.offer:
            if o.description:
                said = o.description.rstrip(".")
                assert not any(said in t for t in texts), (name, said)


def test_a_long_differentiator_is_not_the_second_half_of_a_title():
    b, tr = _brief("bakery")
    topics = [i.topic.replace("\u202f", " ") for i in evergreen_ideas(b, tr)]
    assert not any("levain naturel et farines" in t.lower() for t in topics)
    assert "Une nuit au fournil" in topics  # the template's own short title, once
    assert topics.count("Notre façon de faire, et pourquoi on y tient") == 1
    # review 14: "Derrière la vitre : fournée visible depuis la boutique" read as the
    # brief's phrase pasted (11 posts): the template that tells it has its own title
    assert "Derrière la vitre : la fournée du matin" in topics
    assert not any("fournée visible" in t.lower() for t in topics)


def test_one_more_ad_only_creative_is_said_in_the_singular():
    tr = Translator("fr", "fr_FR", "EUR")
    one = tr.plural("channels.calendar_ad_only", 1, share="34 %")
    assert one.startswith("Une autre création payante est diffusée en publicité seule")
    assert tr.plural("channels.calendar_ad_only", 3, share="34 %").startswith(
        "3 autres créations payantes sont diffusées")


def test_the_ideas_table_marks_an_offer_to_confirm_in_its_own_column():
    plan = _bakery_plan()
    content_plan(plan)
    rows = plan.record.tables["ideas"]["rows"]
    mark = plan.tr.t("ideas.to_confirm").strip()
    assert not any(mark in r["text"] for r in rows)
    marked = [r for r in rows if r["confirm"]]
    assert any("Rien ne se perd" in r["text"] for r in marked)
    assert not any("Nos meuniers" in r["text"] for r in marked)


def test_none_of_your_goals_depends_on_it_is_said_once():
    plan = _bakery_plan()
    said = "pas d’objectif chiffré tant que ce n’est pas mesuré"
    summary = " ".join(identity_decisions(plan))
    chapter = diagnosis(plan).html()
    assert said not in summary  # the summary and the chapter's brief repeat this line
    assert chapter.count(said) == 1  # the chapter's ordered list says why, once
