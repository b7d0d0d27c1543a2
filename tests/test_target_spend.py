"""Paid spend by target: targets below break-even get none, the rest add up; prospecting
(look-alikes of a target) is worth the platform's own value, a customer list its target's."""

from __future__ import annotations

import pytest

from smmplan.budget import ChannelModel, ChannelPlan, Range
from smmplan.target_channels import few_came, ruled_out
from smmplan.target_spend import (
    CUSTOMERS,
    channel_verdicts,
    relative_values,
    restrict,
    target_split,
    unearning,
)

TARGETS = [{"id": 0, "share": 0.4, "value_index": 1.6, "index": {"x": 1.0}},
           {"id": 1, "share": 0.4, "value_index": 0.3, "index": {"x": 1.2}},
           {"id": 2, "share": 0.2, "value_index": 1.2, "index": {"x": 0.8}}]
LISTS = [{**t, "audience": CUSTOMERS} for t in TARGETS]  # the targets' own customers


def model(audience=2_000_000.0):
    r = Range  # CPM 10, CTR 1 %, CVR 2 %: 50 per conversion before saturation
    return ChannelModel("x", r(10, 10, 10, [], "t"), r(1, 1, 1, [], "t"), r(2, 2, 2, [], "t"),
                        audience=audience, frequency=3, season=1.0)


def plan_of(m, spend, value):
    out = m.chain(spend)
    conv = float(out["conversions"])
    return ChannelPlan("x", spend, 0.0, spend, float(out["impressions"]), float(out["reach"]),
                       float(out["clicks"]), conv, conv * value, spend / conv, value * conv
                       / spend, conv, conv)


def test_a_customer_list_below_break_even_is_left_out_and_the_split_adds_up():
    m, value, break_even = model(), 90.0, 60.0
    spend = 20_000.0
    out = unearning([m], [spend], LISTS, break_even, {})
    assert set(out["x"]) == {1}  # worth 60 x 0.3: far below 50+ a conversion
    assert out["x"][1]["cost"] > out["x"][1]["break_even"]
    kept = restrict(m, LISTS, out["x"], value)
    assert kept.audience < m.audience and kept.value > value  # the paying targets only
    channel = plan_of(kept, spend, kept.value)
    rows = target_split([channel], [kept], LISTS, [value], out)
    by = {r["target"]: r for r in rows}
    assert by[1]["spend"] == 0 and by[1]["conversions"] == 0 and not by[1]["funded"]
    assert sum(r["spend"] for r in rows) == pytest.approx(spend, abs=0.02)
    assert sum(r["conversions"] for r in rows) == pytest.approx(channel.conversions, abs=0.02)
    assert sum(r["revenue"] for r in rows) == pytest.approx(channel.revenue, abs=0.05)
    assert all(r["revenue"] / r["spend"] * break_even / value > 1 for r in rows if r["spend"])


def test_every_target_above_break_even_keeps_the_split_and_its_revenue():
    m, value = model(), 90.0
    assert unearning([m], [20_000.0], TARGETS, 10.0, {}) == {}
    channel = plan_of(m, 20_000.0, value)
    rows = target_split([channel], [m], TARGETS, [value], {})
    assert sum(r["revenue"] for r in rows) == pytest.approx(channel.revenue, abs=0.05)
    assert all(r["spend"] > 0 for r in rows)


def test_a_platforms_last_target_is_never_left_out():
    one = [dict(TARGETS[1], share=1.0)]
    assert unearning([model()], [20_000.0], one, 1.0, {}) == {}


def test_a_platform_the_target_card_rules_out_gets_no_spend_for_it():
    """One rule: the card's "few of this target came through X" (``few_came``) is the
    split's verdict too; never all of a platform's targets."""
    class Persona:
        acquisition = {"x": 3.1, "y": 60.0, "z": 0.0}
    assert ruled_out(Persona()) == ["x"] and few_came(Persona.acquisition, "x")
    targets = [{**t, "ruled_out": ["x"] if t["id"] == 2 else []} for t in TARGETS]
    gone = channel_verdicts(targets, ["x", "y"])
    assert gone == {"x": {2: {"channel": True}}}
    m, value, spend = model(), 90.0, 20_000.0
    kept = restrict(m, targets, gone["x"], value)
    rows = target_split([plan_of(kept, spend, kept.value)], [kept], targets, [value], gone)
    by = {r["target"]: r for r in rows}
    assert by[2]["spend"] == 0 and not by[2]["funded"]
    assert sum(r["spend"] for r in rows) == pytest.approx(spend, abs=0.05)
    everyone = [{**t, "ruled_out": ["x"]} for t in TARGETS]
    assert channel_verdicts(everyone, ["x"]) == {}


def test_a_platform_not_on_the_target_card_is_ruled_out():
    """Review 11: T3 came through Facebook (44.1 %) and Instagram (3.1 %), none through
    TikTok, and TikTok is not one of its fitting channels: its card lists only Facebook, so
    paid gives it nothing on TikTok either; a fitting channel none came through stays."""
    class Fit:
        def __init__(self, platform):
            self.platform = platform

    class Persona:
        acquisition = {"facebook": 44.1, "instagram": 3.1}
        channels = [Fit("facebook"), Fit("pinterest")]
    paying = ["instagram", "tiktok", "facebook", "pinterest"]
    assert ruled_out(Persona(), paying) == ["instagram", "tiktok"]
    assert ruled_out(Persona()) == ["instagram"]  # the card's "few came" alone


def test_prospecting_is_worth_the_platforms_own_value_whatever_the_target():
    """Review 17: look-alikes of the best customers were valued at the customer file's
    index (TikTok £110.07 against £87.12 in the ads history) and the platform narrowed to
    them. Prospecting reaches people who have not bought yet: every target's conversion is
    worth the platform's value, so none is left out for its value and the split's revenue
    per conversion is the platform's on every row."""
    m, value, spend = model(), 87.12, 20_000.0
    assert relative_values("x", TARGETS) == {0: 1.0, 1: 1.0, 2: 1.0}
    assert unearning([m], [spend], TARGETS, 60.0, {}) == {}  # the old rule dropped target 1
    gone = {2: {"channel": True}}
    kept = restrict(m, TARGETS, gone, value)
    assert kept.value == value and kept.audience < m.audience
    rows = target_split([plan_of(kept, spend, value)], [kept], TARGETS, [value], {"x": gone})
    funded = [r for r in rows if r["funded"]]
    assert len(funded) == 2
    assert all(r["revenue"] / r["conversions"] == pytest.approx(value, abs=0.01)
               for r in funded)
    lists = restrict(m, LISTS, {}, value)  # a customer list: its target's value counts
    assert lists.value != value
    assert relative_values("x", LISTS)[0] == pytest.approx(1.6)
