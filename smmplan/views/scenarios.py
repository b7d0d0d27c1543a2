"""The budget chapter's scenario comparison: the named scenarios kept for the plan side by
side (computed by ``comparison``; nothing shown when no comparison was kept)."""

from __future__ import annotations

import pandas as pd

from .. import charts
from ..comparison import kept_comparison
from ..plan import Plan
from ..report import Column, Html, render
from .base import Section, section_heading


def scenario_comparison(plan: Plan) -> Section:
    """The comparison kept in the plan's scenario file, or nothing when none was kept."""
    rows = kept_comparison(plan)
    return comparison_section(plan, rows) if rows else Section()


def comparison_section(plan: Plan, rows: list[dict]) -> Section:
    """Named scenarios side by side (``comparison.compare`` rows): paid budget,
    conversions, cost per conversion, revenue and ROAS (with order values), total cost of
    the plan with the team, ROI; the scenario the plan applies is marked."""
    tr = plan.tr
    frame = pd.DataFrame(rows)
    frame["scenario_name"] = [tr.t("budget.compare_applied", name=r["name"]) if r["applied"]
                              else r["name"] for r in rows]
    money, num = (lambda v: tr.money(v)), (lambda v: tr.number(v))
    cols = [Column("scenario_name", tr.t("table.scenario")),
            Column("paid", tr.t("table.budget"), money),
            Column("conversions", tr.t("table.conversions"), num),
            Column("cpa", tr.t("table.cpa"), lambda v: tr.money(v, 2))]
    if frame["revenue"].notna().any():
        cols += [Column("revenue", tr.t("table.revenue"), money),
                 Column("roas", tr.t("table.roas"), lambda v: tr.number(v, 2))]
    cols.append(Column("total_cost", tr.t("table.total_cost"), money))
    if frame["roi"].notna().any():
        cols.append(Column("roi", tr.t("table.roi"), lambda v: tr.percent(v, 0)))
    return Section(
        section_heading(plan, "budget.compare", "budget-compare"),
        Html(render("paragraph.html.j2", text=tr.t("budget.compare_intro"))),
        plan.record.figure("scenario_comparison", "budget", charts.comparison_chart(
            list(frame["scenario_name"]), list(frame["conversions"]),
            list(frame["total_cost"]), tr, plan.theme)),
        plan.record.table("scenario_comparison", "budget", tr.t("budget.compare"), frame,
                          cols),
    )
