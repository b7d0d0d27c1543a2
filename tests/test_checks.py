"""Every figure two chapters show has one value, in each example plan."""

from __future__ import annotations

import pytest

from smmplan.checks import Check, run

from .conftest import plan_json

# Known contradictions, each listed here with its issue so that the test fails once it is
# fixed (then remove it). None left.
KNOWN: set = set()


def test_checks_catch_a_contradiction():
    plan = {"tables": {"engagement_by_type": {"rows": [{"content_type": "Reel", "rate": 8.06}]},
                       "sponsor": {"rows": [{"name": "Reel", "engagement_rate": 7.95}]}}}
    failed = [c for c in run(plan) if not c.ok]
    assert failed == [Check("engagement rate of Reel", False, "objectives 8.06 vs paid 7.95")]
    plan = {"calendar": {"posts": [{"platform": "facebook", "sponsored": True}]},
            "budget": {"channels": [{"platform": "facebook", "spend": 0.0}]}}
    assert [c.name for c in run(plan) if not c.ok] == ["sponsored posts on paid platforms only"]


def test_every_figure_shown_twice_has_one_value(built):
    failed, seen = set(), 0
    for slug, folder in built["plans"].items():
        if slug not in ("cloudline", "maison-fournil", "maison-lune"):
            continue
        for check in run(plan_json(folder)):
            seen += 1
            if not check.ok:
                failed.add((slug, check.name, check.detail))
    assert seen >= 30  # the checks ran on the examples' figures
    assert {(s, n) for s, n, _ in failed} == KNOWN, sorted(failed)


@pytest.mark.parametrize("slug", ["maison-lune", "maison-fournil"])
def test_content_type_rates_compared(built, slug):
    names = {c.name for c in run(plan_json(built["plans"][slug]))}
    assert any(n.startswith("engagement rate of ") for n in names)
