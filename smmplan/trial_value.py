"""A provisional value for a self-serve line's free-trial sign-ups (brief ``offer[]``
``buying_path: self_serve``) when the paid forecast counts demo requests: the line is
bought without a demo, so neither the forecast nor the lead's value counts it.

Today's trials a month, the client's own data first: the key events (conversions) the
web-analytics export logs from social on the pages a trial starts from (data/paid.yaml
``trial_value.pages``), a month over the period it states; a trial is one of them, so trials
never exceed what those pages log. Only when the export logs none there: the pages' social
sessions a month x a borrowed visit-to-trial rate (``basis`` says which). The target: the
plan's rule for every objective (``pace_rule.pace_target``: half the realistic monthly pace
over the plan's months), month by month on the same geometric path as every objective. The
value: each trial above today's x a borrowed trial-to-paid rate x the line's order value x
its gross margin, booked ``trial_to_paid_lag_days`` after the trial (whole months, rounded
up). An assumption until the client's web analytics counts a trial sign-up key event
(month 1): shown as its own line, never inside the demo requests' return."""

from __future__ import annotations

import math

from .brief import Brief
from .catalogue import kpi_catalogue, paid_facts
from .exports.period import months_between, stated_period
from .exports.web import read_web
from .offer_paths import left_out_lines
from .pace_rule import pace_target

KPI = "trial_signups_per_month"
DAYS_A_MONTH = 365.25 / 12


def trial_line(brief: Brief):
    """The one self-serve line with an order value that a demo request does not buy, else
    None (none, or several: their trials cannot be told apart)."""
    lines = [o for o in left_out_lines(brief, "lead")
             if o.buying_path == "self_serve" and o.average_order_value]
    return lines[0] if len(lines) == 1 else None


def lag_months(days: float) -> int:
    """The months between a trial's month and the month its contract is booked: the
    trial-to-paid lag in days, rounded up to whole months (14-30 days: 1)."""
    return max(0, math.ceil(days / DAYS_A_MONTH))


def trial_value(brief: Brief, cost: float | None = None,
                margin_booked: float | None = None) -> dict | None:
    """{line, pages, sessions (social sessions a month on the trial pages), events (key
    events a month they log from social), basis ("key_events" or "borrowed"), rates (visit
    to trial, trial to paid: low/mid/high, percent), source, today (trials a month), target,
    path (trials a month by plan month), extra (trials above today's over the plan),
    customers, revenue, margin, per_trial (gross margin a trial brings), lag (days, months),
    monthly_margin (booked after the lag), booked / after (margin within the plan's months
    and after its last), and, with the plan's ``cost`` and the demo requests'
    ``margin_booked``, the ROI without and with the booked part}; None without a self-serve
    line, a web export or the period it states."""
    line = trial_line(brief)
    web = read_web(brief) if line is not None and brief.data.web_analytics else None
    if web is None:
        return None
    period = stated_period(brief.resolve(brief.data.web_analytics.path))
    if period is None:
        return None
    facts = paid_facts()["trial_value"]
    pages = tuple(facts["pages"])
    rows = web[web["social"] & web["landing_page"].str.startswith(pages)]
    span = months_between(*period)
    sessions = float(rows["sessions"].sum()) / span
    events = float(rows["conversions"].sum()) / span
    visit, paid = facts["visit_to_trial"], facts["trial_to_paid"]
    basis = "key_events" if events > 0 else "borrowed"
    today = events if basis == "key_events" else sessions * visit["mid"] / 100
    if today <= 0:
        return None
    months = brief.client.period.months
    target = pace_target(today, kpi_catalogue()[KPI]["max_monthly_change"], months,
                         kpi_catalogue()[KPI]["direction"])
    path = [today * (target / today) ** ((m + 1) / months) for m in range(months)]
    extra = sum(p - today for p in path)
    per_trial = paid["mid"] / 100 * float(line.average_order_value) \
        * float(line.gross_margin or 0) / 100
    lag = lag_months(facts["trial_to_paid_lag_days"])
    monthly = [(path[m - lag] - today) * per_trial if m >= lag else 0.0
               for m in range(months)]
    margin = extra * per_trial
    out = {"line": line.name, "pages": list(pages), "sessions": round(sessions, 2),
           "events": round(events, 2), "basis": basis,
           "rates": {"visit_to_trial": dict(visit), "trial_to_paid": dict(paid)},
           "source": facts["source"], "today": round(today, 2), "target": round(target, 2),
           "path": [round(p, 2) for p in path], "extra": round(extra, 2),
           "customers": round(extra * paid["mid"] / 100, 2),
           "revenue": round(extra * paid["mid"] / 100 * float(line.average_order_value), 2),
           "margin": round(margin, 2), "per_trial": round(per_trial, 2),
           "order_value": float(line.average_order_value),
           "gross_margin": float(line.gross_margin or 0),
           "lag": {"days": facts["trial_to_paid_lag_days"], "months": lag},
           "monthly_margin": [round(v, 2) for v in monthly],
           "booked": round(sum(monthly), 2), "after": round(margin - sum(monthly), 2)}
    if cost and margin_booked is not None:
        out["roi_without"] = round((margin_booked - cost) / cost * 100, 1)
        out["roi_with"] = round((margin_booked + sum(monthly) - cost) / cost * 100, 1)
    return out
