"""A post KPI's target on its own history (``history_target``, data/targets.yaml): a flat or
falling monthly history aims at the better of a good month of its own and the calendar's
format mix at the client's own per-format values, never beyond half the realistic pace; a
rising one keeps the pace rule, half the realistic monthly pace over the horizon."""

from __future__ import annotations

import numpy as np
import pytest

from smmplan.catalogue import kpi_catalogue
from smmplan.exports.posts import read_posts
from smmplan.history_target import calendar_mix, history_target, mix_value, rule, slope_t
from smmplan.objectives import post_kpis
from smmplan.plan import Plan
from smmplan.validation import load_brief
from smmplan.views.objectives import objectives_smart

FLAT = [4.9, 5.3, 5.0, 5.5, 5.1, 5.2, 4.8, 5.6, 5.2, 5.0, 5.4, 5.1]


def test_a_flat_history_aims_at_a_good_month_not_a_growth_pace():
    h = history_target(5.2, FLAT, "up", 0.05, 12)
    assert h["value"] == pytest.approx(np.percentile(FLAT, rule()["percentile"]))
    assert h["value"] < 5.2 * 1.025 ** 12  # far under half the pace's 6.99
    assert h["low"] == 4.8 and h["high"] == 5.6 and h["months"] == 12


def test_the_calendar_mix_counts_when_it_is_bolder_and_is_capped_at_half_the_pace():
    values = {"reel": 8.0, "photo": 4.0}
    mixed, share = mix_value(values, {"reel": 0.5, "photo": 0.3, "pin": 0.2})
    assert share == pytest.approx(0.8) and mixed == pytest.approx((4 + 1.2) / 0.8)
    h = history_target(5.2, FLAT, "up", 0.05, 12, values, {"reel": 0.5, "photo": 0.3,
                                                           "pin": 0.2})
    assert h["value"] == pytest.approx(mixed) and h["mix"] == pytest.approx(mixed)
    capped = history_target(5.2, FLAT, "up", 0.05, 12, {"reel": 20.0}, {"reel": 1.0})
    assert capped["capped"] and capped["value"] == pytest.approx(5.2 * 1.025 ** 12, abs=1e-4)
    # formats the history cannot price, most of the calendar: the mix is not used
    assert mix_value(values, {"reel": 0.2, "pin": 0.8})[0] is None


def test_a_rising_or_short_history_keeps_the_pace_rule():
    rising = [50 + 3 * m + (m % 2) for m in range(12)]
    assert slope_t(rising) > rule()["rising_t"]
    assert history_target(60.0, rising, "up", 0.05, 12) is None
    assert history_target(5.2, FLAT[:2], "up", 0.05, 12) is None
    assert slope_t(FLAT) < rule()["rising_t"]


def test_calendar_mix_counts_feed_posts_of_the_period():
    class S:
        def __init__(self, date, fmt, ad_only=False):
            self.date, self.format, self.ad_only = date, fmt, ad_only

    mix = calendar_mix([S("2027-01-02", "reel"), S("2027-01-03", "photo"),
                        S("2027-01-04", "reel", True), S("2026-12-30", "photo")],
                       "2027-01-01", "2027-12-31")
    assert mix == {"photo": 0.5, "reel": 0.5}


@pytest.fixture(scope="module")
def fashion() -> Plan:
    return Plan(load_brief("data/examples/fashion/brief.yaml"))


def test_fashion_engagement_goal_commits_to_its_flat_history(fashion):
    """Review13: 5.20% -> 9.34% on 12 flat months (4.83%-5.57%); the committed value is
    the history's own rule, the client's 14% the stretch."""
    o = next(o for o in fashion.objectives.objectives if o.kpi == "engagement_rate_reach")
    posts = read_posts(fashion.brief)
    dated = posts.dropna(subset=["date"])
    months = [post_kpis(r)["engagement_rate_reach"]
              for _, r in dated.groupby(dated["date"].dt.to_period("M"))]
    h = o.baseline.covers["history"]
    assert o.target == 14.0 and not o.realistic
    assert o.realistic_target == h["value"]
    assert max(np.percentile(months, 75), h["mix"]) == pytest.approx(o.realistic_target,
                                                                     abs=1e-4)
    assert o.realistic_target <= max(months)  # never above the best month it had
    text = " ".join(getattr(b, "markup", "") for b in objectives_smart(fashion).blocks)
    tr = fashion.tr
    assert tr.percent(o.realistic_target, 2) in text and "31 March 2027" in text


def test_a_rising_history_gets_half_the_monthly_pace(fashion):
    """Comments per post rise in the history: half the realistic monthly pace over the
    horizon, base x (1 + pace/2)^12 (the rule the plan states), not half the growth."""
    o = next(o for o in fashion.objectives.objectives if o.kpi == "conversation_rate")
    pace = kpi_catalogue()["conversation_rate"]["max_monthly_change"]
    assert "history" not in o.baseline.covers
    assert o.target == pytest.approx(o.baseline.value * (1 + pace / 2) ** 12, rel=1e-4)


def test_french_sentences_and_checkpoint():
    plan = Plan(load_brief("data/examples/bakery/brief.yaml"))
    ob = {o.kpi: o for o in plan.objectives.objectives}
    reach = ob["reach_per_post"]
    assert reach.baseline.covers["history"]["t"] < 0  # falling: 1 271 -> 989 a month
    assert reach.target == reach.baseline.covers["history"]["value"] < 1_300
    text = " ".join(getattr(b, "markup", "") for b in objectives_smart(plan).blocks)
    tr = plan.tr
    assert "aucune tendance à la hausse" in text and "31 mars 2027" in text
    followers = ob["followers"]
    assert f"{tr.number(followers.trajectory[2])} abonnés le 31 mars 2027" in text
