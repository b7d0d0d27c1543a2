"""A provisional value for a self-serve line's free-trial sign-ups (brief ``offer[]``
``buying_path: self_serve``) when the paid forecast counts demo requests: the line is
bought without a demo, so neither the forecast nor the lead's value counts it.

Today's trials a month: the client's own social sessions a month on the pages a trial
starts from (data/paid.yaml ``trial_value.pages``, from the web-analytics export over the
period it states) x a borrowed visit-to-trial rate. The target: the plan's rule for a KPI
(``objectives``: half its realistic monthly pace over the plan's months), month by month on
the same geometric path as every objective. The value: each trial above today's x a
borrowed trial-to-paid rate x the line's order value x its gross margin, counted in the
trial's month. An assumption until the client's web analytics counts a trial sign-up key
event (month 1): shown as its own line, never inside the demo requests' return."""

from __future__ import annotations

from .brief import Brief
from .catalogue import kpi_catalogue, paid_facts
from .exports.period import months_between, stated_period
from .exports.web import read_web
from .offer_paths import left_out_lines

KPI = "trial_signups_per_month"


def trial_line(brief: Brief):
    """The one self-serve line with an order value that a demo request does not buy, else
    None (none, or several: their trials cannot be told apart)."""
    lines = [o for o in left_out_lines(brief, "lead")
             if o.buying_path == "self_serve" and o.average_order_value]
    return lines[0] if len(lines) == 1 else None


def trial_value(brief: Brief, cost: float | None = None,
                margin_booked: float | None = None) -> dict | None:
    """{line, pages, sessions (social sessions a month on the trial pages), rates (visit to
    trial, trial to paid: low/mid/high, percent), source, today (trials a month), target,
    path (trials a month by plan month), extra (trials above today's over the plan),
    customers, revenue, margin, per_trial (gross margin a trial brings), and, with the
    plan's ``cost`` and the demo requests' ``margin_booked``, the ROI without and with
    the line}; None without a self-serve line, a web export or the period it states."""
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
    sessions = float(rows["sessions"].sum()) / months_between(*period)
    if sessions <= 0:
        return None
    visit, paid = facts["visit_to_trial"], facts["trial_to_paid"]
    months = brief.client.period.months
    today = sessions * visit["mid"] / 100
    cap = (1 + kpi_catalogue()[KPI]["max_monthly_change"]) ** months - 1
    target = today * (1 + cap / 2)  # the objectives' rule: half the realistic pace
    path = [today * (target / today) ** ((m + 1) / months) for m in range(months)]
    extra = sum(p - today for p in path)
    per_trial = paid["mid"] / 100 * float(line.average_order_value) \
        * float(line.gross_margin or 0) / 100
    out = {"line": line.name, "pages": list(pages), "sessions": round(sessions, 2),
           "rates": {"visit_to_trial": dict(visit), "trial_to_paid": dict(paid)},
           "source": facts["source"], "today": round(today, 2), "target": round(target, 2),
           "path": [round(p, 2) for p in path], "extra": round(extra, 2),
           "customers": round(extra * paid["mid"] / 100, 2),
           "revenue": round(extra * paid["mid"] / 100 * float(line.average_order_value), 2),
           "margin": round(extra * per_trial, 2), "per_trial": round(per_trial, 2),
           "order_value": float(line.average_order_value),
           "gross_margin": float(line.gross_margin or 0),
           "monthly_margin": [round((p - today) * per_trial, 2) for p in path]}
    if cost and margin_booked is not None:
        out["roi_without"] = round((margin_booked - cost) / cost * 100, 1)
        out["roi_with"] = round((margin_booked + out["margin"] - cost) / cost * 100, 1)
    return out
