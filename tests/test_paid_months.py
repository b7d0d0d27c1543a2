"""Paid by month: none in the roll-out's set-up months, bookings within the free seats."""

from __future__ import annotations

from collections import defaultdict

import numpy as np
import pandas as pd
import pytest

from smmplan.brief import parse_brief
from smmplan.budget import plan_paid
from smmplan.identity import assess_maturity
from smmplan.paid_months import fill, setup_months
from smmplan.paid_value import month_weights

from .conftest import example_raw, standalone


def by_month(paid, key):
    out = defaultdict(float)
    for r in paid.monthly:
        out[r["month"]] += r[key]
    return dict(sorted(out.items()))


@pytest.mark.parametrize("seed", range(5))
def test_fill_keeps_the_total_and_never_passes_a_cap(seed):
    rng = np.random.default_rng(seed)
    w = rng.random(12)
    w /= w.sum()
    caps = np.full(12, 1.2 / 12) * rng.uniform(0.5, 1.5, 12)
    caps *= max(1.0, 1.05 / caps.sum())
    out = fill(w, caps)
    assert out.sum() == pytest.approx(1.0)
    assert (out <= caps + 1e-9).all()
    free = out < caps - 1e-9  # uncapped months keep their weights' proportions
    assert np.allclose(out[free] / w[free], (out[free] / w[free])[0])


def test_a_capped_month_passes_its_spend_to_the_others_and_set_up_months_get_none():
    months = list(pd.date_range("2027-01-01", periods=12, freq="MS"))
    flat = dict.fromkeys(range(1, 13), 1.0)
    demand = {**flat, 1: 3.0}  # January would take far more than its cap
    on = np.array([False, False] + [True] * 10)
    free = month_weights("x", months, {}, demand, flat, on)
    assert free["spend"][:2].sum() == 0 and free["conversions"][:2].sum() == 0
    demand = {**flat, 3: 3.0}
    free = month_weights("x", months, {}, demand, flat, on)
    caps = np.where(on, 0.11, 0.0)
    capped = month_weights("x", months, {}, demand, flat, on, caps)
    assert free["conversions"][2] > 0.11 and capped["conversions"][2] == pytest.approx(0.11)
    assert (capped["conversions"] <= caps + 1e-9).all()
    assert capped["spend"][2] < free["spend"][2] and capped["spend"].sum() == pytest.approx(1)
    assert (capped["spend"][3:] > free["spend"][3:]).all()


@pytest.mark.parametrize("budget", [1800, 9000])
def test_paid_bookings_stay_within_the_free_seats_after_the_set_up(budget):
    raw = standalone(example_raw("bakery"))
    raw["budget"]["paid_media"] = budget
    brief = parse_brief(raw, __import__("pathlib").Path("brief.yaml"))
    # paid waits for what the first ad needs (tracking, a first creative: one month), not
    # for the roll-out's whole set-up phase (4 months for the bakery)
    assert assess_maturity(brief).rollout_months["crawl"] == 4
    crawl = setup_months(brief)
    assert crawl == 1
    paid = plan_paid(brief)
    spend, booked = by_month(paid, "spend"), by_month(paid, "conversions")
    months = list(spend)
    # in the set-up month only the new shops' opening campaign runs (reach, no booking)
    opening = {r["month"]: r.get("opening", 0.0) for r in paid.monthly if r.get("opening")}
    assert all(spend[m] == pytest.approx(opening.get(m, 0.0)) and booked[m] == 0
               for m in months[:crawl])
    assert spend[months[crawl]] > 0
    free = paid.seats["free"]
    assert free == pytest.approx(32 * 0.5)
    # each month's own seats: its Saturdays less the holidays, 8 seats each, half free
    # (May 2027: five Saturdays, 1 and 8 May off -> 15, 22, 29 May, 12 free; July: the first
    # four of five, 16 free; December: 25 December off, four Saturdays -> 3, 12 free)
    own = paid.seats["by_month"]
    assert (own["2027-05"], own["2027-06"], own["2027-07"], own["2027-12"]) == (12, 16, 16, 12)
    assert all(booked[m] <= own[m[:7]] + 0.01 for m in months)
    assert sum(spend.values()) == pytest.approx(paid.total, abs=0.5)
    assert sum(booked.values()) == pytest.approx(paid.totals["conversions"], abs=0.05)
    if budget > 5000:  # more than the free seats can take: a lower total, said
        assert paid.total < budget and paid.seats["budget_before"] == budget
        assert sum(booked.values()) == pytest.approx(
            sum(own[m[:7]] for m in months[crawl:]), rel=0.01)


def test_sponsored_posts_go_only_to_months_with_paid_spend():
    from smmplan.calendar_slots import _month_quotas

    weights = {"2027-01": 0.0, "2027-02": 0.0, "2027-03": 1.0, "2027-04": 1.0}
    room = dict.fromkeys(weights, 3)
    out = _month_quotas(10, weights, room)
    assert out["2027-01"] == out["2027-02"] == 0 and out["2027-03"] == out["2027-04"] == 3


def test_the_monthly_note_says_the_seat_cap_not_the_cost_moves_the_money():
    """Fournil's full months (free seats all booked by paid) send their money to the months
    with seats left: the note says so instead of crediting the cost of advertising."""
    from smmplan.paths import EXAMPLES_DIR
    from smmplan.plan import Plan
    from smmplan.views.budget_notes import demand_note

    # a budget large enough to book every free seat of some months at the workshop rate
    raw = example_raw("bakery")
    raw["budget"]["paid_media"] = 4000
    plan = Plan(parse_brief(raw, EXAMPLES_DIR / "bakery" / "brief.yaml"))
    by = {}
    for r in plan.paid.monthly:
        by[r["month"]] = by.get(r["month"], 0.0) + r["conversions"]
    full = [m for m, c in by.items() if c >= plan.paid.seats["free"] - 0.05]
    assert full
    note = demand_note(plan)
    assert plan.tr.month(pd.Timestamp(full[0]).date()) in note
    assert "coût de la publicité compté" not in note


def test_set_up_months_follow_the_steps_before_the_first_ad():
    """Tracking is skipped with an ads export (the account runs), never more than the
    roll-out's set-up phase, none without one."""
    raw = standalone(example_raw("bakery"))
    brief = parse_brief(raw, __import__("pathlib").Path("brief.yaml"))
    assert setup_months(brief) == 1  # 2 weeks of tracking + 2 of a first creative
    # an ads export: the account and its tracking run, only the first creative is left
    running = brief.model_copy(update={"data": brief.data.model_copy(update={"ads": "x"})})
    assert setup_months(running) == 1  # 2 weeks, still a whole month
    lune = parse_brief(standalone(example_raw("fashion")), __import__("pathlib").Path("b.yaml"))
    assert setup_months(lune) == assess_maturity(lune).rollout_months["crawl"] == 0
