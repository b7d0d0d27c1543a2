"""A fill-rate goal committed to a paid forecast whose conversion rate chapter 6 calls an
upper bound (a rate measured on free lead forms, borrowed for a booking that is paid for,
``views.sector_cvr``): the plan commits to a range, not to the bound alone, from the fill
rate the forecast's low bookings give (its low scenario, the range chapter 6 shows) to the
central one, judged on the rate the first campaign month measures. One value: the range's
bottom is kept on the objective (``Objective.committed_low``) and every chapter shows it."""

from __future__ import annotations

from dataclasses import replace

from .benchmarks import forms_for_paid, sector_cvr_rows
from .goal_gap import forecast_based, goal_gaps
from .objectives import Objectives

PUBLISHED = ("benchmark", "borrowed", "b2b_benchmark",  # rates not measured on the client
             "lead_form_benchmark")


def free_forms_for_paid(paid, rows: list[dict]) -> bool:
    """A rate from free lead forms (``rows``: the sector's benchmark rows) standing for a
    booking or purchase that is paid for, with a first campaign month to measure it."""
    return forms_for_paid(paid.conversion or "", paid.aov, rows) and bool(paid.paid_months)


def forecast_is_bound(brief, paid) -> bool:
    """Whether every benchmark-rated platform of the forecast is rated on such rows (the
    case chapter 6 calls the forecast's conversions an upper bound)."""
    rows = sector_cvr_rows(brief.client.sector_kind, paid.conversion)
    rated = [m for m in paid.models if m["cvr"]["basis"] in PUBLISHED]
    sources = {r["source"] for r in rows}
    return bool(rated) and free_forms_for_paid(paid, rows) \
        and all(set(m["cvr"]["sources"]) <= sources for m in rated)


# rates of the client's unpaid visits standing for its paid clicks' (web analytics)
VISITS = ("client_web", "client_web_source")


def leads_rate_kind(paid) -> str | None:
    """What the paid leads' conversion rates rest on when no campaign of the client has
    measured them, with a first campaign month to measure them: "published" (every
    platform buying leads on a benchmark) or "visits" (some on the rate of the client's
    unpaid social visits, standing for its paid clicks'); None when any rests on the
    client's own paid results. A platform funded for a dated test only (``Paid.tests``)
    does not decide it while another buys the year's leads."""
    funded = {c.platform for c in paid.channels if c.conversion_spend > 0}
    funded = funded - {t["platform"] for t in paid.tests} or funded
    rated = [m for m in paid.models if m["platform"] in funded]
    if paid.conversion != "lead" or not paid.paid_months or not rated:
        return None
    bases = {m["cvr"]["basis"] for m in rated}
    if bases <= set(PUBLISHED):
        return "published"
    return "visits" if bases <= set(PUBLISHED) | set(VISITS) else None



def fill_points(booked: float, capacity: float) -> int:
    """A fill rate in whole points: ``booked`` seats (today's bookings, the organic posts'
    and the paid forecast's) of ``capacity``. One rounding for a fill goal's range, its
    bottom, its figures without the organic convention and the plan's check."""
    return round(booked / capacity * 100)


def with_ranges(ob: Objectives, paid, brief) -> Objectives:
    """The objectives with a fill-rate goal committed to the forecast given the bottom of
    its range (module docstring) when the forecast is an upper bound, and a leads goal
    committed to a forecast on rates no campaign of the client measured
    (``leads_rate_kind``) given the bottom the forecast's low leads
    give (today's organic leads plus the low scenario's a month, in whole leads); others
    unchanged."""
    months, offer = brief.client.period.months, brief.offer
    if paid.total <= 0:
        return ob
    low, mid = (float(paid.scenarios[k]["conversions"]) for k in ("low", "mid"))
    kinds = {"leads_per_month": leads_rate_kind(paid) is not None and mid > 0,
             "fill_rate": forecast_is_bound(brief, paid)}

    def bottom(o) -> float | None:  # the range's bottom, in the target's unit
        g = next(iter(goal_gaps([o], paid, months, offer)), None)
        if g is None:
            return None
        if o.kpi == "leads_per_month":
            return round(g.organic + g.paid * low / mid)
        if g.seats and g.seats.capacity:
            return fill_points(g.organic + g.organic_plan + low, g.seats.capacity)
        return None

    out = []
    for o in ob.objectives:
        if kinds.get(o.kpi) and not o.realistic and o.realistic_target is not None \
                and forecast_based(o, paid, months, offer):
            b = bottom(o)
            if b is not None and b < o.realistic_target:
                o = replace(o, committed_low=float(b))
        out.append(o)
    return replace(ob, objectives=out)


def committed_checks(plan: dict) -> list[tuple[str, bool, str]]:
    """plan.json's committed values against their rules (``checks.committed_values``): a
    range shows as one range in the SMART table and the summary's objectives; a post KPI
    set on its own history commits to no more than that history's value. [(name, ok,
    detail)]."""
    from .catalogue import kpi_catalogue
    from .i18n import plan_translator

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
        if o.get("organic_bookings") and committed is not None:
            out += organic_checks(plan, o, name, committed)
        if o.get("committed_low") is None or not c:
            continue
        tr = plan_translator(plan)
        if kpi_catalogue()[o["kpi"]]["unit"] == "percent":
            shown = tr.t("objectives.committed_range", low=tr.percent(o["committed_low"], 0),
                         high=tr.percent(committed, 0))
        else:  # a count (leads a month): as kpi_value writes it
            shown = tr.t("objectives.committed_range", low=tr.number(o["committed_low"]),
                         high=tr.number(committed))
        row = next((r for r in rows if r.get("objective") == o.get("goal")), None)
        out.append((f"{name}: SMART target is the committed range",
                    row is not None and row.get("target") == shown,
                    f"{row and row.get('target')} vs {shown}"))
        if summary:
            out.append((f"{name}: the summary shows the committed range", shown in summary,
                        f"{shown} in the summary"))
    return out


def organic_checks(plan: dict, o: dict, name: str, committed: float) -> list:
    """A fill goal's organic bookings (``organic_bookings``) are the convention a session x
    the dated sessions, and its committed values add them to today's and the paid
    scenarios' bookings (one value: without an ads history, whose part the forecast
    replaces). [(name, ok, detail)]."""
    from .organic_bookings import organic_facts

    n, dated = o.get("organic_bookings"), (plan.get("budget") or {}).get("seats") or {}
    if not n or not dated.get("held_by_month") or o["baseline"].get("value") is None:
        return []
    made = float(organic_facts()["per_session"]) * dated.get("sessions", 0)
    out = [(f"{name}: organic bookings are the convention a session x the sessions",
            n <= made + 1e-9, f"{n} vs {made}")]
    budget = plan["budget"]
    if ((budget.get("history") or {}).get("platforms")) or not budget.get("scenarios"):
        return out
    capacity = sum(dated["held_by_month"].values())
    booked = round(capacity * o["baseline"]["value"] / 100)
    mid = fill_points(booked + n + budget["scenarios"]["mid"]["conversions"], capacity)
    out.append((f"{name}: committed value = today's + organic + paid bookings",
                abs(mid - committed) < 1e-9, f"{mid} vs {committed}"))
    if o.get("committed_low") is not None:
        low = fill_points(booked + n + budget["scenarios"]["low"]["conversions"], capacity)
        out.append((f"{name}: range bottom = today's + organic + paid low bookings",
                    abs(low - o["committed_low"]) < 1e-9, f"{low} vs {o['committed_low']}"))
    return out



def rate_words(tr, paid) -> dict[str, str]:
    """What a leads range's sentences say its paid rates rest on (``leads_rate_kind``):
    ``rate_basis`` and ``rate_holds``, published rates or the client's unpaid visits'."""
    kind = "visits" if leads_rate_kind(paid) == "visits" else "published"
    return {"rate_basis": tr.t(f"objectives.range_rate_basis.{kind}"),
            "rate_holds": tr.t(f"objectives.rate_holds.{kind}")}
