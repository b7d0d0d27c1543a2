"""Each objective's month-by-month path, one definition for the objectives chapter's
trajectory chart and the tracking report's alerts (``Objective.trajectory``).

Where the plan forecasts the goal month by month (a business goal the paid forecast is
compared with, ``goal_gap.goal_gaps``), the path IS that forecast (``path_basis``
"forecast"): leads a month = today's organic leads plus the paid forecast's leads of the
month; a fill rate = the month's seats booked at today's rate, less the ads history's part,
plus the month's paid and organic bookings, over the month's seats (its seat-weighted mean
is the forecast's fill rate); revenue over the goal's months = the month's paid revenue
plus an equal share of today's organic and the repeat customers' revenue (``path_basis``
"forecast_month": monthly figures that sum to the goal's total). A goal the forecast passes
follows the forecast's months scaled to its target. An ads KPI whose target is the paid
forecast's (ROAS, cost per conversion) follows that forecast's months (``path_basis``
"forecast_ads", ``ads_path``). Elsewhere the path is a smooth
(geometric) curve from today to the value the plan commits to (``path_basis`` "curve"):
the target, or the realistic value of a target flagged as beyond reach."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import replace

from .budget import Paid
from .goal_gap import GoalGap, forecast_total, goal_gaps
from .objectives import Objective, Objectives, _trajectory, kpi_catalogue
from .paid_model import monthly_sums

TOTALS = ("social_revenue",)  # goals whose target is a total over their months


def committed_value(o: Objective) -> float | None:
    """The value an objective's path runs to: the realistic value of a target flagged as
    beyond reach (a percent only within 0–100), else the target."""
    flagged = not o.realistic and o.realistic_target is not None and not (
        kpi_catalogue()[o.kpi]["unit"] == "percent" and not 0 <= o.realistic_target <= 100)
    return o.realistic_target if flagged else o.target


def _by_month(paid: Paid, months: list[str], key: str) -> list[float]:
    """The paid forecast's ``key`` (conversions, revenue) summed by plan month."""
    sums = monthly_sums(paid, key)
    return [sums.get(m[:7], 0.0) for m in months]


def _seats_by_month(g: GoalGap, paid: Paid, months: list[str]) -> list[float]:
    """Seats offered each month: the dated sessions' seats (``Paid.seats``) when they are
    the goal's line's, else its monthly capacity."""
    dated = paid.seats or {}
    held = dated.get("held_by_month") if dated.get("line") == g.seats.line else None
    if held:
        return [float(held.get(m[:7], 0.0)) for m in months]
    return [float(g.seats.per_month)] * len(months)


def forecast_path(g: GoalGap, paid: Paid, months: list[str]) -> list[float] | None:
    """A goal's monthly forecast (module docstring), in the target's unit; None when it
    has none (no forecast total, or a fill rate without seats today)."""
    total, n = forecast_total(g), len(months)
    if total is None or not n:
        return None
    conversions = _by_month(paid, months, "conversions")
    if g.seats is not None:
        seats = _seats_by_month(g, paid, months)
        capacity = sum(seats)
        if g.seats.booked is None or not capacity:
            return None
        share = [s / capacity for s in seats]
        today = g.seats.booked - g.from_ads  # spread as the seats are
        months_org = g.organic_months or {}
        organic = [months_org.get(m[:7], g.organic_plan * w) if "all" not in months_org
                   else g.organic_plan * w for m, w in zip(months, share, strict=True)]
        return [min(100.0, (today * w + o + c) / s * 100) if s else 0.0
                for w, o, c, s in zip(share, organic, conversions, seats, strict=True)]
    if g.kpi == "leads_per_month":
        return [g.organic + c for c in conversions]
    revenue = _by_month(paid, months, "revenue")
    booked = sum(revenue)
    scale = g.paid / booked if booked else 0.0  # less deals closing after the plan
    rest = (g.organic + (g.repeat or 0.0)) / n
    return [r * scale + rest for r in revenue]


def ads_path(o: Objective, paid: Paid, months: list[str]) -> list[float] | None:
    """An ads KPI whose target is the paid forecast's (``goal_gap.with_ads_forecast``), by
    month: the conversion campaigns' revenue over their spend (ROAS) or their spend over
    their conversions (cost per conversion) in each month, a platform's conversion spend
    being its month's spend at its share of conversion spend (its spend is phased as one);
    weighted by the months' spend (conversions), the months give the target. None for
    another KPI, or with a month without spend."""
    if o.kpi not in ("roas", "cpa") or "forecast" not in o.baseline.covers:
        return None
    share = {c.platform: c.conversion_spend / c.spend for c in paid.channels
             if c.conversion_spend > 0 and c.conversions > 0 and c.spend > 0}
    spend, value, count = (defaultdict(float) for _ in range(3))
    for row in paid.monthly:
        if row["platform"] in share:
            m = str(row["month"])[:7]
            spend[m] += float(row["spend"]) * share[row["platform"]]
            value[m] += float(row.get("lead_revenue", row.get("revenue")) or 0.0)
            count[m] += float(row["conversions"] or 0.0)
    keys = [m[:7] for m in months]
    if not all(spend[k] > 0 and count[k] > 0 for k in keys):
        return None
    return [float(value[k] / spend[k] if o.kpi == "roas" else spend[k] / count[k])
            for k in keys]


def with_paths(ob: Objectives, paid: Paid, months: int, offer=()) -> Objectives:
    """The objectives with each one's path (module docstring) and its basis."""
    gaps = {g.goal: g for g in goal_gaps(ob.objectives, paid, months, offer)} \
        if paid.total > 0 else {}
    out = []
    for o in ob.objectives:
        end, g = committed_value(o), gaps.get(o.goal) if o.from_brief else None
        path = forecast_path(g, paid, ob.months) if g is not None and end else None
        if path:
            total, level = o.kpi in TOTALS, forecast_total(g)
            if end < level * (1 - 1e-3):  # passed: the forecast's months, at the target
                path = [v * end / level for v in path]
            o = replace(o, trajectory=[round(v, 4) for v in path],
                        path_basis="forecast_month" if total else "forecast")
        elif (ads := ads_path(o, paid, ob.months) if paid.total > 0 else None):
            o = replace(o, trajectory=[round(v, 4) for v in ads], path_basis="forecast_ads")
        elif o.baseline.value is not None and end is not None:
            o = replace(o, trajectory=_trajectory(o.baseline.value, end,
                                                  len(o.trajectory) or months),
                        path_basis="curve")
        out.append(o)
    return replace(ob, objectives=out)
