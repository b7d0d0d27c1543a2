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


def committed_checks(plan: dict) -> list[tuple[str, bool, str]]:
    """plan.json's committed values against their rules (``checks.committed_values``): a
    range shows as one range in the SMART table and the summary's objectives; a post KPI
    set on its own history commits to no more than that history's value. [(name, ok,
    detail)]."""
    from .catalogue import kpi_catalogue
    from .i18n import Translator

    c = plan.get("client") or {}
    obs = (plan.get("objectives") or {}).get("objectives", [])
    rows = (plan.get("tables", {}).get("objectives") or {}).get("rows", [])
    summary = " ".join(d for s in plan.get("summary") or [] if s["chapter"] == "objectives"
                       for d in s["decisions"])
    out = []
    for o in obs:
        name = o.get("goal") or o["kpi"]
        committed = o["realistic_target"] if not o["realistic"] and \
            o.get("realistic_target") is not None else o["target"]
        h = (o.get("baseline") or {}).get("covers", {}).get("history")
        if h and committed is not None:
            up = kpi_catalogue()[o["kpi"]]["direction"] == "up"
            out.append((f"{name}: committed within its own history's rule",
                        committed <= h["value"] + 1e-9 if up else
                        committed >= h["value"] - 1e-9, f"{committed} vs {h['value']}"))
        if o.get("committed_low") is None or not c:
            continue
        tr = Translator(c["language"], c["locale"], c["currency"])
        shown = tr.t("objectives.committed_range", low=tr.percent(o["committed_low"], 0),
                     high=tr.percent(committed, 0))
        row = next((r for r in rows if r.get("objective") == o.get("goal")), None)
        out.append((f"{name}: SMART target is the committed range",
                    row is not None and row.get("target") == shown,
                    f"{row and row.get('target')} vs {shown}"))
        if summary:
            out.append((f"{name}: the summary shows the committed range", shown in summary,
                        f"{shown} in the summary"))
    return out
