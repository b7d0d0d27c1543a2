"""The appendix's KPI definitions: how each KPI the plan sets a target for or measures is
computed, and where it is read. One definition per KPI (``data/kpis.yaml``, the words in
``data/locales``: ``kpi_definition.*``), so that a rate is never read two ways: an
engagement rate averaged over posts is not the same figure as one summed over them."""

from __future__ import annotations

import pandas as pd

from ..catalogue import kpi_catalogue
from ..plan import Plan
from ..report import Column, Html, render
from .base import Section, appendix_chapter
from .kpi_source import kpi_source


def plan_kpis(plan: Plan) -> list[str]:
    """The KPIs the objectives chapter names (objectives, set-up tasks, the measurement
    plan), each once, in that order."""
    ob = plan.objectives
    named = [o.kpi for o in [*ob.objectives, *ob.setup]] + [m["kpi"] for m in ob.measurement]
    return list(dict.fromkeys(k for k in named if k))


def kpi_definitions(plan: Plan) -> Section:
    """Appendix: each KPI of the plan, how it is computed and where it is read (the
    measurement plan's own cell, ``kpi_source``)."""
    tr, catalogue = plan.tr, kpi_catalogue()
    keys = [k for k in plan_kpis(plan) if k in catalogue]
    if not keys:
        return Section()
    frame = pd.DataFrame([{
        "kpi": tr.t(f"kpi.{k}"),
        "definition": tr.t(f"kpi_definition.{k}"),
        "source": kpi_source(plan, k, catalogue[k]["source"])} for k in keys])
    return Section(
        appendix_chapter(plan, "objectives"),
        Html(render("paragraph.html.j2", text=tr.t("kpi_definitions.intro"))),
        plan.record.table("kpi_definitions", "objectives", tr.t("kpi_definitions.title"),
                          frame, [Column("kpi", tr.t("table.kpi")),
                                  Column("definition", tr.t("table.definition")),
                                  Column("source", tr.t("table.source"))]))
