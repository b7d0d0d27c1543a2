"""A post KPI's target on its own history (``history_target``, data/targets.yaml): a flat or
falling monthly history aims at the better of a good month of its own and the calendar's
format mix at the client's own per-format values, never beyond half the realistic pace; a
rising one (still rising with any one month left out) keeps the pace rule, half the
realistic monthly pace over the horizon."""

from __future__ import annotations

import numpy as np
import pytest

from smmplan.catalogue import kpi_catalogue
from smmplan.exports.posts import read_posts
from smmplan.history_target import (
    calendar_mix,
    history_target,
    mix_value,
    rise_t,
    rule,
    slope_t,
)
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


def test_a_rise_one_month_carries_is_not_a_trend():
    """A near-flat history with one spike month at the end has a slope t above
    ``rising_t``, but not once that month is left out: the history rule, not the pace."""
    spiked = [round(v + 0.03 * m, 2) for m, v in enumerate(FLAT[:-1])] + [7.0]
    assert slope_t(spiked) >= rule()["rising_t"] > slope_t(spiked[:-1])
    h = history_target(5.2, spiked, "up", 0.05, 12)
    assert h is not None and h["carried"] == 7.0
    assert h["value"] == pytest.approx(np.percentile(spiked, rule()["percentile"]))
    # a steady rise survives any one month left out: still the pace rule
    rising = [50 + 3 * m + (m % 2) for m in range(12)]
    assert history_target(60.0, rising, "up", 0.05, 12) is None


def test_comments_per_post_follow_the_same_history_rule_as_engagement(fashion):
    """Review14 (Lune 3): "Comments per post 60.4 -> 81.2" was the pace rule on a rise
    October 2026 alone carries (82.6); one rule for every post KPI: the better of the
    75th percentile of the monthly values and the calendar's formats, below the pace."""
    import pandas as pd

    raw = pd.read_csv("data/examples/fashion/posts.csv")
    month = pd.to_datetime(raw["Publish time"], format="%m/%d/%Y %H:%M").dt.to_period("M")
    by_month = raw.groupby(month)["Comments"].sum() / raw.groupby(month).size()
    p75 = float(by_month.quantile(0.75))
    assert p75 == pytest.approx(64.7, abs=0.05)
    o = next(o for o in fashion.objectives.objectives if o.kpi == "conversation_rate")
    h = o.baseline.covers["history"]
    pace = kpi_catalogue()["conversation_rate"]["max_monthly_change"]
    assert h["good"] == pytest.approx(p75, abs=1e-3)
    assert o.target == pytest.approx(max(p75, h["mix"]), abs=1e-3)
    assert o.target < o.baseline.value * (1 + pace / 2) ** 12 - 5  # not 81.2 any more
    assert o.target < by_month.max() - 10  # far from the single best month
    assert h["carried"] == pytest.approx(by_month.max(), abs=1e-3)
    text = " ".join(getattr(b, "markup", "") for b in objectives_smart(fashion).blocks)
    assert h["carried_month"] == str(by_month.idxmax()) == "2026-10"
    assert "once a single month, October 2026 (82.6), is set aside" in text


def test_a_month_left_out_keeps_the_others_in_their_months():
    """Leaving a month out of the trend test does not pull the later months one step
    earlier (review of session 26): a perfect straight rise stays a perfect rise with any
    month left out, and a month without posts leaves its gap."""
    rising = [10.0 + 2 * m for m in range(8)]
    assert rise_t(rising)[0] > 1e6  # with any one month out: still a straight line
    gap = [10.0, 12.0, 14.0, 18.0, 20.0]  # month 4 (16.0) had no post
    assert slope_t(gap, [0, 1, 2, 4, 5]) > 1e6 > 50 > slope_t(gap)
    labels = ["2026-01", "2026-02", "2026-03", "2026-05", "2026-06"]
    assert history_target(10.0, gap, "up", 0.05, 12, labels=labels) is None  # a real rise


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
