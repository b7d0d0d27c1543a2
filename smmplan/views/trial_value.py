"""A self-serve line's free-trial sign-ups (``trial_value``) in the plan's words: the
provisional KPI figure beside the measurement plan, and its return as a separate line
beside the demo requests' ROI (never folded into it), in the P&L and the summary."""

from __future__ import annotations

from ..plan import Plan


def _pct(plan: Plan, value: float) -> str:
    return plan.tr.percent(value, 1 if value % 1 else 0)


def trial_kpi_note(plan: Plan) -> str:
    """The trial KPI's provisional figure today and its target ("" without one)."""
    tv, tr = plan.trial_value, plan.tr
    if not tv:
        return ""
    visit = tv["rates"]["visit_to_trial"]
    key = "trial_value.kpi_events" if tv["basis"] == "key_events" else "trial_value.kpi"
    return tr.t(key, kpi=tr.t("kpi.trial_signups_per_month"), line=tv["line"],
                today=tr.number(tv["today"]), sessions=tr.number(tv["sessions"]),
                pages=tr.join(tv["pages"]), visit=_pct(plan, visit["mid"]),
                visit_low=_pct(plan, visit["low"]), visit_high=_pct(plan, visit["high"]),
                source=tv["source"], target=tr.number(tv["target"]))


def trial_kpi_cell(plan: Plan) -> str:
    """The measurement table's "today" cell of the trial KPI: the provisional figure and
    target of ``trial_kpi_note``, marked as an assumption ("" without a value)."""
    tv, tr = plan.trial_value, plan.tr
    if not tv:
        return ""
    key = "trial_value.cell_events" if tv["basis"] == "key_events" else "trial_value.cell"
    return tr.t(key, today=tr.number(tv["today"]),
                target=tr.number(tv["target"]),
                visit=_pct(plan, tv["rates"]["visit_to_trial"]["mid"]))


def trial_return(plan: Plan) -> str:
    """The trials' gross margin, the part booked within the plan's months after the
    trial-to-paid lag, and the ROI without and with it ("" without a value)."""
    tv, tr = plan.trial_value, plan.tr
    if not tv or "roi_with" not in tv:
        return ""
    paid = tv["rates"]["trial_to_paid"]
    return tr.t("trial_value.return", line=tv["line"], extra=tr.number(tv["extra"]),
                paid=_pct(plan, paid["mid"]), paid_low=_pct(plan, paid["low"]),
                paid_high=_pct(plan, paid["high"]), source=tv["source"],
                price=tr.money(tv["order_value"]), gross=_pct(plan, tv["gross_margin"]),
                margin=tr.money(tv["margin"]), customers=tr.number(tv["customers"]),
                revenue=tr.money(tv["revenue"]), per_trial=tr.money(tv["per_trial"], 2),
                lag_days=tr.number(tv["lag"]["days"]),
                lag=tr.plural("plural.months", tv["lag"]["months"]),
                booked=tr.money(tv["booked"]), after=tr.money(tv["after"]),
                roi_without=tr.percent(tv["roi_without"], 0),
                roi_with=tr.percent(tv["roi_with"], 0), today=tr.number(tv["today"]))
