"""Each platform's own value per conversion and cost per conversion against its ads
history, like with like: the value sentence's per-platform values (prospecting is worth
what the history measured on each platform: ``target_spend``) and why a platform's
conversion campaigns cost more or less than in its history (``paid_value.cost_reason``)."""

from __future__ import annotations

from ..plan import Plan
from .base import platform_label
from .targets import persona_name


def platform_values(plan: Plan) -> str:
    """' By platform, …': each planned platform's value per conversion (its revenue over its
    conversions: its own ads history's, else the history's overall) when one differs from
    the plan's value; '' otherwise."""
    tr, paid = plan.tr, plan.paid
    each = [(c.platform, c.revenue / c.conversions) for c in paid.channels
            if c.conversions and c.revenue]
    if len(each) < 2 or all(round(v, 2) == round(paid.aov, 2) for _, v in each):
        return ""
    return " " + tr.t("budget.aov_platforms", list=tr.join([
        tr.t("budget.value_on", value=tr.price(v), platform=platform_label(p))
        for p, v in each]))


def cpa_note(plan: Plan, note: dict) -> str:
    """Why a platform's conversion campaigns cost a conversion more or less than in its ads
    history (``Paid.cpa_notes``), both without awareness spend."""
    tr = plan.tr
    above = note["forecast_cpa"] > note["history_cpa"]
    names = {p.id: persona_name(plan, p) for p in plan.targets.personas}
    reason = note["reason"] + ("_above" if above and note["reason"] == "season" else "")
    ratio = tr.number(note.get("ratio", 1.0), 2)
    return tr.t("budget.cpa_above" if above else "budget.cpa_below",
                platform=platform_label(note["platform"]),
                forecast=tr.money(note["forecast_cpa"], 2),
                history=tr.money(note["history_cpa"], 2), ratio=ratio,
                reason=tr.t(f"budget.cpa_reason.{reason}", ratio=ratio, targets=tr.join(
                    [names.get(k, str(k)) for k in note.get("targets", [])])))
