"""The paid chapter's appendix table of the value of a conversion month by month (an
order's, or a B2B lead's), with whether its pattern is the client's own or the sector's."""

from __future__ import annotations

import pandas as pd

from ..plan import Plan
from ..report import Column, Html, render
from ..sectors import playbook
from .base import platform_label, section_heading
from .multiply import month_places


def platform_values(rows: pd.DataFrame) -> dict[str, float]:
    """Each platform's value of one conversion in the monthly forecast (``unit_value``),
    for the platforms with conversions, when it is the same in every month; {} else."""
    if "unit_value" not in rows:
        return {}
    bought = rows[rows["conversions"] > 0].dropna(subset=["unit_value"])
    values = bought.groupby("platform", sort=False)["unit_value"]
    if (values.nunique() > 1).any():
        return {}
    return {str(k): round(float(v), 2) for k, v in values.first().items()}


def order_value_table(plan: Plan) -> list:
    """Order value month by month (revenue = that month's conversions x its order value)
    and whether the pattern is the client's own or the sector's."""
    tr, paid = plan.tr, plan.paid
    rows = pd.DataFrame(paid.monthly)
    if not paid.aov or rows.empty or rows["revenue"].isna().all():
        return []
    lag = "lead_revenue" in rows  # deals close months after the lead (paid.deal)
    rows["lead_value"] = rows["lead_revenue"] if lag else rows["revenue"]
    by = rows.groupby("month", sort=False)[["conversions", "lead_value", "revenue"]].sum(
        ).reset_index()  # revenue: booked in the month, as the P&L books it
    by["order_value"] = by["lead_value"] / by["conversions"].where(by["conversions"] > 0)
    if "unit_value" in rows:  # each month's own value, not a quotient of rounded figures
        worth = (rows["unit_value"] * rows["conversions"]).groupby(rows["month"], sort=False)
        by["order_value"] = (worth.sum() / rows.groupby("month", sort=False)["conversions"]
                             .sum().where(lambda c: c > 0)).to_numpy()
    by["index"] = [paid.order_value["index"][pd.Timestamp(m).month] for m in by["month"]]
    by["month_name"] = [tr.month(pd.Timestamp(m).date()) for m in by["month"]]
    basis = paid.order_value.get("basis", "sector")
    if basis == "offer":  # a booked offer's price: the same each month, not a rounding drift
        by["order_value"] = float(paid.aov)
    lead = bool(paid.lead_values)  # a B2B lead's value, not an order's
    flat = basis == "sector" and all(abs(v - 1.0) < 1e-9 for v in by["index"])
    mix = platform_values(rows) if flat else {}  # each platform's own, every month
    mixed = len(set(mix.values())) > 1 and by["order_value"].dropna().round(2).nunique() > 1
    notes = [tr.t("budget.order_value_flat" + ("_lead" if lead else "")
                  + ("_mix" if mixed else ""), values=tr.join(
                      [f"{platform_label(k)} {tr.money(v, 2)}" for k, v in mix.items()]))
             if flat else tr.t(f"budget.order_value_{basis}", sector=tr.text(playbook(
                 plan.brief.client.sector_kind)["name"]))]
    constant = by["index"].round(4).nunique() <= 1  # a column that says nothing: left out
    value_cols = [Column("revenue", tr.t("table.revenue"), lambda v: tr.money(v))]
    if lag and paid.deal:
        notes.append(tr.t("budget.order_value_lag", months=paid.deal["months"],
                          after=tr.money(paid.deal["after_plan"])))
        value_cols = [Column("lead_value", tr.t("table.lead_value"), lambda v: tr.money(v)),
                      Column("revenue", tr.t("table.revenue_booked"), lambda v: tr.money(v))]
    places = month_places(paid)  # the chapter's monthly table shows the same decimals
    title = "lead_value_by_month" if lead else "order_value_by_month"
    return [
        section_heading(plan, f"budget.{title}", "budget-order-value", level=4),
        *[Html(render("paragraph.html.j2", css="smm-note", text=n)) for n in notes],
        plan.record.table(
            "order_value_by_month", "budget", tr.t(f"budget.{title}"), by,
            [Column("month_name", tr.t("table.month")),
             *([] if constant else [Column("index", tr.t("table.order_value_index"),
                                           lambda v: tr.number(v, 2))]),
             Column("order_value", tr.t("table.value_of_a_lead" if lead else
                                        "table.order_value"), lambda v: tr.money(v, 2)),
             Column("conversions", tr.t("table.conversions"),
                    lambda v: tr.number(v, places) if places else tr.number(v)),
             *value_cols])]
