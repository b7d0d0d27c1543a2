"""The multi-year view of a customer of annual contracts (``contract_value``), in words: its
value in the paid chapter, and its return beside the first-year one wherever the plan's
return is shown (the executive summary, the paid and the team chapters), one value each."""

from __future__ import annotations

from ..contract_value import lifetime_roi
from ..plan import Plan
from .base import platform_label
from .held_back import bought_above_break_even


def roi(plan: Plan) -> float | None:
    """The return over the contract years against the plan's whole cost (the team's)."""
    return lifetime_roi(plan.paid.lifetime, plan.team.total_cost.get("total"))


def first_year_key(plan: Plan, default: str, where: str) -> str:
    """The first-year return's message: said as the first year's when a multi-year view
    stands beside it (``where``: summary or team), else ``default``."""
    return f"lifetime.first_year_{where}" if roi(plan) is not None else default


def value_note(plan: Plan) -> list[str]:
    """A customer's and a lead's value over the contract years, and the plan's paid leads
    over them (the paid chapter), then the two returns side by side."""
    tr, paid, lv = plan.tr, plan.paid, plan.paid.lifetime
    if not lv or not lv["per_lead"]:
        return []
    span = tr.plural("lifetime.years", lv["years"])
    line, customer = max(lv["customers"].items(), key=lambda kv: kv[1]["first_year"])
    platform, lead = max(lv["per_lead"].items(), key=lambda kv: kv[1]["first_year"])
    out = [tr.t("lifetime.value", lines=tr.join(lv["lines"]),
                retention=tr.percent(lv["retention"], 0), line=line,
                first=tr.money(customer["first_year"]), value=tr.money(customer["value"]),
                span=span, platform=platform_label(platform),
                lead_first=tr.money(lead["first_year"], 2),
                lead_value=tr.money(lead["value"], 2), first_total=tr.money(lv["first_year"]),
                total=tr.money(lv["revenue"]), margin=tr.money(lv["gross_margin"]))]
    team = plan.team
    if roi(plan) is not None and team.roi is not None:
        first_margin = (team.revenue or 0) * ((paid.margin or 100) / 100)
        out.append(tr.t("lifetime.roi", cost=tr.money(team.total_cost["total"]),
                        first_margin=tr.money(first_margin), first_roi=tr.percent(team.roi, 0),
                        span=span, retention=tr.percent(lv["retention"], 0),
                        margin=tr.money(lv["gross_margin"]), roi=tr.percent(roi(plan), 0)))
    paid_roi = lifetime_roi(lv, paid.total)  # the ads against their own spend
    if paid_roi is not None:
        values = {"margin": tr.money(lv["gross_margin"]), "span": span,
                  "spend": tr.money(paid.total), "roi": tr.percent(paid_roi, 0)}
        if paid_roi < 0:
            out.append(tr.t("lifetime.paid_alone_loss", **values))
        else:
            out.append(" ".join([tr.t("lifetime.paid_alone", **values), *(
                [tr.t("lifetime.paid_alone_why", span=span)]
                if bought_above_break_even(plan) else [])]))
    return out


def return_line(plan: Plan) -> list[str]:
    """The multi-year return in one sentence, after the first-year one (the executive
    summary and the team chapter)."""
    tr, lv, value = plan.tr, plan.paid.lifetime, roi(plan)
    if value is None or plan.team.roi is None:
        return []
    return [tr.t("lifetime.return", span=tr.plural("lifetime.years", lv["years"]),
                 retention=tr.percent(lv["retention"], 0), margin=tr.money(lv["gross_margin"]),
                 cost=tr.money(plan.team.total_cost["total"]), roi=tr.percent(value, 0))]
