"""A fill-rate goal committed to a paid forecast whose conversion rate chapter 6 calls an
upper bound (a rate measured on free lead forms, borrowed for a booking that is paid for,
``views.sector_cvr``): the plan commits to a range, not to the bound alone, from the fill
rate the forecast's low bookings give (its low scenario, the range chapter 6 shows) to the
central one, judged on the rate the first campaign month measures. One value: the range's
bottom is kept on the objective (``Objective.committed_low``) and every chapter shows it."""

from __future__ import annotations

from dataclasses import replace

from .benchmarks import sector_cvr_rows
from .goal_gap import forecast_based, goal_gaps
from .objectives import Objectives


def free_forms_for_paid(paid, rows: list[dict]) -> bool:
    """A rate from free lead forms (``rows``: the sector's benchmark rows) standing for a
    booking or purchase that is paid for, with a first campaign month to measure it."""
    return paid.conversion in ("booking", "purchase") and bool(paid.aov) \
        and bool(paid.paid_months) and any(r["objective"] == "leads" for r in rows)


def forecast_is_bound(brief, paid) -> bool:
    """Whether every benchmark-rated platform of the forecast is rated on such rows (the
    case chapter 6 calls the forecast's conversions an upper bound)."""
    rows = sector_cvr_rows(brief.client.sector_kind, paid.conversion)
    rated = [m for m in paid.models if m["cvr"]["basis"] in ("benchmark", "borrowed")]
    sources = {r["source"] for r in rows}
    return bool(rated) and free_forms_for_paid(paid, rows) \
        and all(set(m["cvr"]["sources"]) <= sources for m in rated)


def with_ranges(ob: Objectives, paid, brief) -> Objectives:
    """The objectives with a fill-rate goal committed to the forecast given the bottom of
    its range (module docstring) when the forecast is an upper bound; others unchanged."""
    months, offer = brief.client.period.months, brief.offer
    if paid.total <= 0 or not forecast_is_bound(brief, paid):
        return ob
    low = float(paid.scenarios["low"]["conversions"])
    out = []
    for o in ob.objectives:
        if o.kpi == "fill_rate" and not o.realistic and o.realistic_target is not None \
                and forecast_based(o, paid, months, offer):
            g = next((g for g in goal_gaps([o], paid, months, offer) if g.seats), None)
            if g is not None and g.seats.capacity:
                bottom = round((g.organic + low) / g.seats.capacity * 100)
                if bottom < o.realistic_target:
                    o = replace(o, committed_low=float(bottom))
        out.append(o)
    return replace(ob, objectives=out)
