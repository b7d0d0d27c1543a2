"""A platform with an ads history keeps its history's point when a target card cuts its
audience, and the plan's split never forecasts less than today's (``history_fit``)."""

from __future__ import annotations

from types import SimpleNamespace

import numpy as np

from smmplan import history_fit as hf
from smmplan import target_spend as ts
from smmplan.benchmarks import Range
from smmplan.budget import ChannelModel
from smmplan.optimiser import Allocation


def _model(platform: str = "tiktok") -> ChannelModel:
    def r(v: float) -> Range:
        return Range(v, v, v, ["ads.csv"], "history")
    return ChannelModel(platform, r(7.0), r(0.8), r(1.8), 470_000, 3.0, 1.0, periods=12,
                        monthly_capacity=1_400_000, value=87.0)


HISTORY = SimpleNamespace(spend=43_300.0, conversions=907.0, months=12.0, value=87.0,
                          revenue=79_000.0)
# customer-list audiences: the only ones a target's value index applies to (target_spend)
TARGETS = [{"id": 0, "share": 50, "index": {"tiktok": 1.0}, "value_index": 1.0,
            "audience": ts.CUSTOMERS},
           {"id": 1, "share": 30, "index": {"tiktok": 1.0}, "value_index": 0.8,
            "audience": ts.CUSTOMERS},
           {"id": 2, "share": 20, "index": {"tiktok": 1.0}, "value_index": 1.5,
            "audience": ts.CUSTOMERS}]


def _at_history(model) -> float:
    from dataclasses import replace
    at = replace(model, season=1.0, periods=HISTORY.months, demand=1.0)
    return float(at.chain(HISTORY.spend)["conversions"])


def test_a_card_cut_keeps_the_historys_conversions_and_value():
    """Lune at s24: cutting TikTok's T3 by its card cut its capacity, so at today's spend
    the forecast bought fewer conversions than the history did, worth another value."""
    base = _model()
    base = base.__class__(**{**base.__dict__,
                             "lift": HISTORY.conversions / _at_history(base)})
    cards = {"tiktok": {2: {"channel": True}}}
    old = ts.restrict(base.__class__(**base.__dict__), TARGETS, cards["tiktok"], 87.0)
    assert _at_history(old) < 0.99 * HISTORY.conversions and abs(old.value - 87.0) > 5  # defect
    new = hf.restricted([base], [87.0], TARGETS, cards, {"tiktok": HISTORY})[0]
    assert abs(_at_history(new) - HISTORY.conversions) < 0.01
    assert new.value == 87.0 and new.capacity < base.capacity
    fit = hf.fit({"tiktok": HISTORY}, *hf.today_models([base], [87.0], TARGETS, cards,
                                                       {"tiktok": HISTORY}))
    assert abs(fit["gap"]) <= fit["tolerance"]
    # a target cut for its return takes its part: fewer conversions at today's spend
    cut = {"tiktok": {2: {"channel": True}, 1: {"cost": 47.0, "break_even": 33.0}}}
    both = hf.restricted([base], [87.0], TARGETS, cut, {"tiktok": HISTORY})[0]
    assert _at_history(both) < HISTORY.conversions and both.value > 87.0


def test_the_split_never_forecasts_less_than_todays():
    def conversions(spends):
        conv = [2 * np.sqrt(spends[0]), 1 * np.sqrt(spends[1])]
        return sum(conv), sum(conv) * 90

    worse = Allocation(np.array([10.0, 90.0]), 0.0, 0.0)
    kept, was = hf.no_worse_than_today(worse, [0.8, 0.2], 100.0, conversions, [0, 0],
                                       [100, 100], True)
    assert was and list(kept.spend) == [80.0, 20.0]
    better = Allocation(np.array([80.0, 20.0]), 0.0, 0.0)
    assert hf.no_worse_than_today(better, [0.5, 0.5], 100.0, conversions, [0, 0],
                                  [100, 100], True) == (better, False)
    # today's split out of the bounds: the optimiser's stands
    assert hf.no_worse_than_today(worse, [0.8, 0.2], 100.0, conversions, [0, 0],
                                  [50, 100], True) == (worse, False)


def test_the_chapter_says_the_forecast_at_todays_split_and_when_it_keeps_it():
    from smmplan.i18n import Translator
    from smmplan.views.against_today import fit_note

    for lang, locale in (("en", "en_GB"), ("fr", "fr_FR")):
        tr = Translator(lang, locale, "GBP")
        today = {"fit": {"revenue": 474087.08, "revenue_today": 474087.08, "gap": 0.0,
                         "tolerance": 0.02}, "today_split_kept": False}
        plan = SimpleNamespace(tr=tr, paid=SimpleNamespace(today=today))
        text = fit_note(plan)
        assert text.count(tr.money(474087.08)) == 2
        today["today_split_kept"] = True
        assert len(fit_note(plan)) > len(text)
        if lang == "fr":
            assert " :" not in fit_note(plan)
    assert fit_note(SimpleNamespace(tr=tr, paid=SimpleNamespace(today=None))) is None
