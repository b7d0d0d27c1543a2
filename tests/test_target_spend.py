"""Paid spend by target: targets below break-even get none, the rest add up."""

from __future__ import annotations

import pytest

from smmplan.budget import ChannelModel, ChannelPlan, Range
from smmplan.target_channels import few_came, ruled_out
from smmplan.target_spend import channel_verdicts, restrict, target_split, unearning

TARGETS = [{"id": 0, "share": 0.4, "value_index": 1.6, "index": {"x": 1.0}},
           {"id": 1, "share": 0.4, "value_index": 0.3, "index": {"x": 1.2}},
           {"id": 2, "share": 0.2, "value_index": 1.2, "index": {"x": 0.8}}]


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


def test_a_target_below_break_even_is_left_out_and_the_split_adds_up():
    m, value, break_even = model(), 90.0, 60.0
    spend = 20_000.0
    out = unearning([m], [spend], TARGETS, break_even, {})
    assert set(out["x"]) == {1}  # worth 60 x 0.3 / mean index: far below 50+ a conversion
    assert out["x"][1]["cost"] > out["x"][1]["break_even"]
    kept = restrict(m, TARGETS, out["x"], value)
    assert kept.audience < m.audience and kept.value > value  # the paying targets only
    channel = plan_of(kept, spend, kept.value)
    rows = target_split([channel], [kept], TARGETS, [value], out)
    by = {r["target"]: r for r in rows}
    assert by[1]["spend"] == 0 and by[1]["conversions"] == 0 and not by[1]["funded"]
    assert sum(r["spend"] for r in rows) == pytest.approx(spend, abs=0.02)
    assert sum(r["conversions"] for r in rows) == pytest.approx(channel.conversions, abs=0.02)
    assert sum(r["revenue"] for r in rows) == pytest.approx(channel.revenue, abs=0.05)
    assert all(r["revenue"] / r["spend"] * 0.6 > 1 for r in rows if r["spend"])


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
