"""Awareness ads say the awareness goal's message (awareness_message.py,
sponsored_ideas.awareness_ideas): Cloudline's awareness goal names "Operations leaders",
whose message is customer proof with the days saved and the payback period, so the
LinkedIn awareness budget sponsors the Enterprise customer stories and the payback sheet,
not "Meet the team" or the uptime report because they ask for a follow."""

from __future__ import annotations

import pytest

from smmplan.i18n import Translator
from smmplan.idea_banks import idea_banks
from smmplan.paths import EXAMPLES_DIR
from smmplan.sponsored_ideas import awareness_ideas
from smmplan.validation import load_brief

from .conftest import example_copy, x_in_enterprise


def _evergreen(example: str):
    brief = load_brief(EXAMPLES_DIR / example / "brief.yaml")
    tr = Translator(brief.client.language, brief.locale, brief.client.currency)
    return brief, idea_banks(brief, tr, [])[0]


def test_cloudline_awareness_ads_carry_the_targets_message():
    brief, evergreen = _evergreen("b2b-software")
    aware = awareness_ideas(evergreen)
    texts = [i.text for i in aware]
    assert aware and all(i.speaks for i in aware)
    assert any(t.startswith("Cloudline Enterprise customer story") for t in texts)
    assert any(t.startswith("The payback sheet") for t in texts)
    # chosen by message, not by call to action: a story asking for a demo is one of them
    assert any(i.cta == "demo" for i in aware)
    for off in ("Meet the team", "Uptime and incidents", "Ask our product lead"):
        assert not any(t.startswith(off) for t in texts), off
    # never another target's line (Teams, the hands-on managers' self-serve line), nor a
    # founder's own post
    assert not any(i.offer == "Cloudline Teams" for i in aware)
    assert all(i.voice != "person" for i in aware)


@pytest.mark.parametrize("example", ["fashion", "bakery"])
def test_without_a_target_message_the_attention_rule_stays(example):
    from smmplan.catalogue import content_facts

    _, evergreen = _evergreen(example)
    asks = set(content_facts()["calendar"]["awareness_ctas"])
    aware = awareness_ideas(evergreen)
    assert not any(i.speaks for i in evergreen)
    assert aware and all(i.cta in asks for i in aware)


def test_the_calendar_says_what_the_awareness_ads_carry(tmp_path):
    """LinkedIn paid for awareness only (Cloudline with its site's own 0.18% on LinkedIn and
    an Enterprise persona on X, which then buys the leads): its sponsored posts carry the
    ideas that say the awareness target's message, and the calendar note quotes it instead
    of promising follow, save or share asks."""
    from smmplan.plan import Plan
    from smmplan.views.channels import _calendar_notes

    plan = Plan(load_brief(example_copy(tmp_path, "b2b-software", x_in_enterprise)))
    ch = plan.channels
    aware = {s.platform for s in ch.slots if s.sponsored} - set(ch.selling or [])
    assert aware == {"linkedin"}
    speaks = {i["text"] for i in ch.ideas if i.get("speaks")}
    carried = [s for s in ch.slots if s.sponsored and s.platform in aware]
    assert carried and all(s.base_idea in speaks for s in carried)
    assert not any(s.idea.startswith(("Meet the team", "Uptime and incidents"))
                   for s in carried)
    text = " ".join(_calendar_notes(plan))
    assert "Proof in numbers: customer stories with the days saved" in text
    assert "ask people to follow, save or share" not in text
