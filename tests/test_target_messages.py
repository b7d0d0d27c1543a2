"""A target's card message is its own: the product it buys more than average within its
card's offer line, and the platforms most of it came through, from the card's figures."""

from __future__ import annotations

import pytest

from smmplan.paths import example_briefs
from smmplan.plan import Plan
from smmplan.validation import load_brief
from smmplan.views.targets import message_text, reach_lines


@pytest.fixture(scope="module")
def lune() -> Plan:
    return Plan(load_brief(next(p for p in example_briefs() if p.parent.name == "fashion")))


def _cards(plan: Plan) -> list:
    return list(plan.targets.personas) + [p for line in plan.targets.lines
                                          for p in line.sub_targets]


def test_each_clustered_target_message_names_its_own_product_and_platforms(lune):
    tr, product = lune.tr, lune.targets.roles["product"]
    lines = {ln.name: {v.lower() for v in ln.audience_values} for ln in lune.brief.offer}
    messages = []
    for p in _cards(lune):
        text = message_text(lune, p)
        messages.append(text)
        over = [t for t in p.traits if t.kind == "category" and t.feature == product
                and t.lift > 1 and (p.offer is None or str(t.value).lower() in lines[p.offer])]
        if over:  # the card's strongest product trait, with the card's own shares
            top = max(over, key=lambda t: t.lift)
            assert f"{top.value} ({tr.percent(top.share)} of them against " \
                   f"{tr.percent(top.overall)} on average) first" in text, text
        else:
            assert p.offer and f"{p.offer} first" in text, text
        # the first platform the card says to reach it on
        first = reach_lines(lune, p)[0].split(":")[0]
        assert f"on {first}" in text, (text, first)
    # four sub-targets used to share one sentence word for word
    assert len(set(messages)) >= len(messages) - 1


def test_a_card_offer_never_contradicts_its_message(lune):
    """T1 leads with Womenswear: its message names a Womenswear product, not the
    Sportswear it also over-buys."""
    for p in lune.targets.personas:
        text = message_text(lune, p)
        line = next(ln for ln in lune.brief.offer if ln.name == p.offer)
        others = {v for ln in lune.brief.offer if ln is not line for v in ln.audience_values}
        assert not any(f"For them: {v} (" in text for v in others), text


def test_an_approach_given_by_key_is_the_approach_alone(lune):
    """The discovery approach of prospecting ads (target_stops) carries no card focus."""
    p = lune.targets.personas[0]
    assert "For them:" not in message_text(lune, p, "discovery")
    assert "For them:" in message_text(lune, p)
