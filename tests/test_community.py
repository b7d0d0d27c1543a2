"""Community and crisis playbooks."""

from __future__ import annotations

import pytest

from smmplan.community import LEVELS, NEGATIVE_SHARE, baseline_comments, plan_community
from smmplan.paths import example_briefs
from smmplan.validation import load_brief


def example(name):
    return load_brief(next(p for p in example_briefs() if p.parent.name == name))


def test_triggers_scale_with_the_measured_baseline():
    b = example("bakery")
    base = baseline_comments(b)
    assert base and base > 0
    cm = plan_community(b, ["instagram", "facebook"])
    assert cm.baseline_basis == "history"
    for lv, (level, multiple, _, hours) in zip(cm.levels, LEVELS, strict=True):
        assert lv["level"] == level and lv["hours"] == hours
        assert lv["trigger_per_day"] == pytest.approx(
            max(1.0, base * NEGATIVE_SHARE / 100 * multiple), abs=0.05)
    assert [lv["owner"] for lv in cm.levels] == ["social_media_manager", "owner", "owner"]


def test_no_history_means_qualitative_triggers_and_large_company_owners():
    cm = plan_community(example("b2b-software"), ["linkedin"])
    assert cm.baseline_basis == "none" and all(lv["trigger_per_day"] is None
                                               for lv in cm.levels)
    assert [lv["owner"] for lv in cm.levels] == ["community_manager", "strategist",
                                                 "management"]
    assert cm.response_hours == {"linkedin": 8}
    assert {s["situation"] for s in cm.situations} == {"question", "complaint", "praise",
                                                      "troll", "spam", "review"}
