"""A problem the client rates severe is fixed first and gets named, dated actions in the
first 90 days, paid from the brief's own budget lines where they fit (review 14, Maison
Fournil defect 2: "Pas d'outil de planification, photos prises au téléphone", rated 3,
had no action and was not in "À corriger en premier"); a target "above" a figure it
equals once rounded is "level with" it."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from smmplan.brief import PROBLEM_KEYS, parse_brief
from smmplan.paths import example_briefs
from smmplan.plan import Plan
from smmplan.validation import load_brief
from smmplan.views.base import after_colon
from smmplan.views.history_note import history_sentence
from smmplan.views.identity import fix_order, identity_decisions
from smmplan.views.severe_steps import roadmap_levers, severe_steps
from smmplan.views.summary import roadmap

from .conftest import example_raw, standalone


def _plan(name: str) -> Plan:
    return Plan(load_brief(next(p for p in example_briefs() if p.parent.name == name)))


@pytest.fixture(scope="module")
def bakery() -> Plan:
    return _plan("bakery")


def test_the_bakerys_severe_infrastructure_is_fixed_first_with_dated_steps(bakery):
    tr = bakery.tr
    first, _ = fix_order(bakery)
    assert "infrastructure" in first
    name = after_colon(tr, tr.t("problem.infrastructure.name"))  # listed after a colon
    assert any(name in line for line in identity_decisions(bakery))
    steps = [(k, when) for k, when, _ in severe_steps(bakery)]
    assert steps == [("infrastructure", dt.date(2027, 1, 15)),
                     ("infrastructure", dt.date(2027, 1, 29))]
    january = roadmap(bakery)[0]["focus"]
    # the brief's own budget lines: tools 300 €, production 1 200 €
    assert tr.money(300) in january and "planification" in january
    assert tr.money(1200) in january and "photographe" in january
    # the client's phone photos are asked for only until the shoot takes over
    from smmplan.views.client_needs import client_needs
    from smmplan.views.severe_steps import shoot_date

    assert shoot_date(bakery) == dt.date(2027, 1, 29)
    assert any("29 janvier 2027" in n and "prise de vue" in n for n in client_needs(bakery))


@pytest.mark.parametrize("key", PROBLEM_KEYS)
def test_any_severe_problem_gets_a_dated_90_day_action_and_is_fixed_first(key):
    raw = standalone(example_raw("bakery"))
    for k in PROBLEM_KEYS:
        raw["situation"]["problems"][k]["score"] = 3 if k == key else 1
    raw["budget"]["tools"] = 0  # no money on that line: the free wording
    plan = Plan(parse_brief(raw, Path("b.yaml")))
    first, _ = fix_order(plan)
    assert key in first
    start = plan.brief.client.period.start
    mine = [(when, text) for k, when, text in severe_steps(plan) if k == key]
    assert all(start <= when < start + dt.timedelta(days=90) for when, _ in mine)
    rows = roadmap(plan)
    focus = " ".join(r["focus"] for r in rows)
    assert all(text in focus for _, text in mine)
    # named in the 90 days: its own dated steps, or a month's lever that answers it
    levers = roadmap_levers(plan)
    answered = [plan.tr.text(levers[i % len(levers)]["name"]) for i in range(len(rows))
                if key in levers[i % len(levers)]["problems"]]
    assert bool(mine) != bool(answered)
    assert all(name in focus for name in answered)
    if key == "infrastructure":
        assert "outil gratuit" in focus and f"les {plan.tr.money(0)}" not in focus


def test_a_severe_market_problem_its_first_lever_answers_gets_no_second_line():
    """Cloudline rates brand awareness severe: February's lever (employee advocacy) answers
    it, so the roadmap does not name it a second time."""
    plan = _plan("b2b-software")
    assert [p.key for p in plan.identity.diagnosis.problems if p.score == 3] == [
        "brand_awareness"]
    assert severe_steps(plan) == []
    assert "brand_awareness" in roadmap_levers(plan)[0]["problems"]


@pytest.mark.parametrize("name", ["bakery", "fashion", "b2b-software"])
def test_a_target_is_never_above_a_figure_it_equals_once_rounded(name, bakery):
    plan = bakery if name == "bakery" else _plan(name)
    above = [plan.tr.t("objectives.history_above_mix", mix="{}").split("{}")[0],
             plan.tr.t("objectives.history_above_good", good="{}", percentile=75
                       ).split("{}")[0]]
    said = 0
    for o in plan.objectives.objectives:
        h = o.baseline.covers.get("history")
        text = history_sentence(plan, o, "x")
        if not text:
            continue
        said += 1
        if any(a in text for a in above):
            from smmplan.views.base import kpi_value
            other = h["mix"] if h["value"] == h["good"] else h["good"]
            assert kpi_value(plan, o.kpi, other) != kpi_value(plan, o.kpi, h["value"]), text
    assert said or name != "bakery"  # Fournil's reach per post: 1 143 above the mix's 1 098


def test_every_first_step_names_a_budget_line_and_its_words():
    """data/problems.yaml's first steps: a ``line`` is a field of the brief's budget (a typo
    would silently read "no money"), and each key has its words, with and without money,
    in both languages."""
    from smmplan.brief import Budget
    from smmplan.i18n import Translator
    from smmplan.identity import problem_facts

    for problem, facts in problem_facts().items():
        for step in facts.get("first_steps") or []:
            if step.get("line"):
                assert step["line"] in Budget.model_fields, (problem, step)
            for lang, locale in (("en", "en_GB"), ("fr", "fr_FR")):
                tr = Translator(lang, locale, "EUR")
                key = f"problem.{problem}.steps.{step['key']}"
                assert tr.has(key) and (not step.get("line") or tr.has(key + "_none")), key
