"""The calendar's organic posts of the workshop sessions are credited with a stated
convention (data/organic_bookings.yaml), a component of the fill goal of its own beside
the paid forecast, shown with the same figures in the objective's note, the seats
sentence, the SMART table and the summary (Maison Fournil)."""

from functools import cache

import pytest

from smmplan.goal_gap import goal_gaps
from smmplan.organic_bookings import organic_bookings, organic_facts
from smmplan.paths import EXAMPLES_DIR
from smmplan.plan import Plan
from smmplan.validation import load_brief


@cache
def _fournil() -> Plan:
    return Plan(load_brief(EXAMPLES_DIR / "bakery" / "brief.yaml"))


def test_the_convention_is_stated_with_its_basis():
    facts = organic_facts()
    assert facts["basis"] == "convention" and float(facts["per_session"]) > 0
    assert organic_bookings({"line": "A", "sessions": 10}, "A") == (
        float(facts["per_session"]) * 10, 10)
    assert organic_bookings({"line": "A", "sessions": 10}, "B") == (0.0, 0)
    assert organic_bookings(None, "A") == (0.0, 0)


def test_the_fill_goal_counts_the_organic_bookings_as_a_component_of_its_own():
    plan = _fournil()
    months = plan.brief.client.period.months
    ob = plan.objectives
    o = next(o for o in ob.objectives if o.kpi == "fill_rate")
    g = next(g for g in goal_gaps(ob.objectives, plan.paid, months, plan.brief.offer)
             if g.seats is not None)
    sessions = plan.paid.seats["sessions"]
    assert sessions == 46  # each month's first 4 open Saturdays: May 15-29, December 3
    # the convention's bookings, each month's within the seats today's bookings and the
    # paid forecast leave free (a full month takes none)
    per_session = float(organic_facts()["per_session"])
    organic = sum(g.organic_months.values())
    assert g.organic_plan == pytest.approx(organic) and o.organic_bookings == g.organic_plan
    free = {m: seats - g.seats.booked * seats / g.seats.capacity
            for m, seats in plan.paid.seats["held_by_month"].items()}
    paid = {}
    for r in plan.paid.monthly:
        paid[r["month"][:7]] = paid.get(r["month"][:7], 0.0) + r["conversions"]
    for m, n in g.organic_months.items():
        assert n <= free[m] - paid.get(m, 0.0) + 1e-9
    assert organic < per_session * sessions  # December is full: it takes fewer
    organic = g.organic_plan
    s = g.seats
    mid = float(plan.paid.totals["conversions"])
    low = float(plan.paid.scenarios["low"]["conversions"])
    assert s.fill_after == (s.booked + mid + organic) / s.capacity * 100
    assert o.realistic_target == round((s.booked + mid + organic) / s.capacity * 100)
    assert o.committed_low == round((s.booked + low + organic) / s.capacity * 100)
    # the paid bookings still missing for the target leave the organic ones out
    assert g.gap == s.needed - s.booked - organic - mid


def test_every_chapter_shows_the_same_organic_bookings():
    from smmplan.views.objectives import objectives_smart
    from smmplan.views.summary import recommendations

    plan = _fournil()
    tr = plan.tr
    o = next(o for o in plan.objectives.objectives if o.kpi == "fill_rate")
    n = tr.number(o.organic_bookings)
    per = tr.plural("objectives.organic_per", float(organic_facts()["per_session"]))
    summary = " ".join(recommendations(plan))
    assert f"{n} réservations prêtées par convention aux publications organiques des séances" \
        in summary and per
    assert f"entre {tr.percent(o.committed_low, 0)} et " \
        f"{tr.percent(o.realistic_target, 0)}" in summary
    chapter = objectives_smart(plan).html()
    assert f"les deux avec les {n} réservations que le plan prête" in chapter
    assert f"et les {n} prêtées aux publications organiques des séances" in chapter


def test_the_plan_check_catches_organic_bookings_left_out_of_the_committed_range(built):
    import copy

    from smmplan.fill_range import committed_checks

    from .conftest import plan_json

    plan = plan_json(built["plans"]["maison-fournil"])
    ours = [c for c in committed_checks(plan) if "organic" in c[0]]
    assert len(ours) == 3 and all(ok for _, ok, _ in ours)
    tampered = copy.deepcopy(plan)
    o = next(o for o in tampered["objectives"]["objectives"] if o["kpi"] == "fill_rate")
    o["realistic_target"] -= 12  # the range without the organic bookings
    assert not all(ok for name, ok, _ in committed_checks(tampered) if "organic" in name)
