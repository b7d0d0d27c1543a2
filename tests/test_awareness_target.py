"""The awareness part of the paid budget is bought where the awareness goal's target is:
Cloudline's "Become a known name among ops leaders" names the target "Operations leaders"
(LinkedIn, YouTube), so X (Twitter), which only hands-on managers use among the targets
that buy, gets no awareness money; a goal that names no target keeps the split by reach."""

from __future__ import annotations

import copy

import pytest

from smmplan.awareness_target import awareness_target
from smmplan.brief import parse_brief
from smmplan.plan import Plan
from smmplan.validation import load_brief
from smmplan.views.awareness_note import awareness_note

from .conftest import example_raw


@pytest.fixture(scope="module")
def cloudline() -> Plan:
    return Plan(load_brief("data/examples/b2b-software/brief.yaml"))


def test_the_awareness_goal_names_its_target(cloudline):
    target = awareness_target(cloudline.brief)
    assert target["persona"] == "Operations leaders"
    assert target["platforms"] == ["linkedin", "youtube"]
    for name in ("fashion", "bakery"):
        assert awareness_target(load_brief(f"data/examples/{name}/brief.yaml")) is None


def test_awareness_spend_only_on_the_targets_platforms(cloudline):
    paid = cloudline.paid
    on = {c.platform: c.awareness_spend for c in paid.channels}
    assert on["x"] == 0 and on["linkedin"] > 0
    assert sum(on.values()) == pytest.approx(paid.total * paid.awareness_share / 100, rel=0.01)
    note = " ".join(awareness_note(cloudline))
    assert "Operations leaders" in note and "X (Twitter)" in note
    assert cloudline.tr.money(sum(on.values())) in note


def test_a_goal_naming_no_target_keeps_the_split(tmp_path):
    raw = copy.deepcopy(example_raw("b2b-software"))
    for goal in raw["goals"]["business_goals"]:
        goal["description"] = goal["description"].replace("among ops leaders", "in our market")
    brief = parse_brief(raw, load_brief("data/examples/b2b-software/brief.yaml").source)
    assert awareness_target(brief) is None
