"""A baseline the plan computes beside the client's own stated figure for the same thing:
both said once in the objectives chapter, with why they differ (a different definition,
period or set of rows), and the plan keeps its file's figure everywhere (the client's own
data first). The brief's figure is quoted, never parsed into the plan's numbers: its
numbers are only read to tell whether the two differ."""

from __future__ import annotations

import datetime as dt
import re

from ..goals import evidence_for
from ..objectives import Objective
from ..plan import Plan
from .base import day, kpi_value

NUMBER = re.compile(r"\d+(?:[.,]\d+)?")


def _stated(text: str) -> list[float]:
    return [float(n.replace(",", ".")) for n in NUMBER.findall(text)]


def brief_figure_note(plan: Plan, o: Objective) -> list[str]:
    """The brief's evidence naming a measured baseline's KPI with a figure that is not the
    file's: quoted beside it, with the file's definition, the file's figure kept."""
    tr, b = plan.tr, o.baseline
    if not o.from_brief or b.basis != "data" or b.value is None or b.detail == "paid_social":
        return []
    quoted = evidence_for(plan.brief, o.kpi)
    if not quoted or any(abs(n - b.value) <= 0.005 * max(abs(b.value), 1.0)
                         for n in _stated(quoted)):
        return []
    out = [tr.t("objectives.brief_figure", evidence=quoted.strip().rstrip("."),
                value=kpi_value(plan, o.kpi, b.value), definition=definition(plan, o))]
    goal = o.realistic_target if not o.realistic and o.realistic_target is not None \
        else o.target
    if o.kpi == "repeat_purchase_rate" and goal is not None and goal > b.value \
            and b.covers.get("end"):  # the rise on one definition, and what it counts
        out[-1] += " " + tr.t("objectives.brief_figure_rise", target=kpi_value(
            plan, o.kpi, goal), value=kpi_value(plan, o.kpi, b.value),
            points=tr.plural("objectives.points", round(goal - b.value, 2)))
    return out


def definition(plan: Plan, o: Objective) -> str:
    """How a baseline measured in the client's file is computed, with its counts when the
    file gives them (the repeat rate: repeat customers out of every customer), so the client
    can compute it again."""
    tr, covers = plan.tr, o.baseline.covers
    if o.kpi == "repeat_purchase_rate" and covers.get("customers"):
        dated = "dated" if covers.get("end") else "lifetime"
        return tr.t(f"objectives.definition.repeat_{dated}",
                    repeat=tr.number(covers["repeat"]), customers=tr.number(covers["customers"]),
                    end=day(tr, dt.date.fromisoformat(covers["end"])) if covers.get("end")
                    else "")
    how = f"objectives.definition.{o.kpi}"
    return tr.t(how) if tr.has(how) else tr.t("objectives.definition.other")


def computed_note(plan: Plan, o: Objective) -> list[str]:
    """A repeat-rate baseline from the customer file with no brief figure beside it: how it
    is computed, said once (``brief_figure_note`` says it otherwise)."""
    b = o.baseline
    if o.kpi != "repeat_purchase_rate" or b.basis != "data" or not b.covers.get("customers") \
            or brief_figure_note(plan, o):
        return []
    return [plan.tr.t("objectives.computed", value=kpi_value(plan, o.kpi, b.value),
                      definition=definition(plan, o))]


def ads_rows_note(plan: Plan, o: Objective) -> list[str]:
    """A revenue baseline read from the ads export's conversion campaigns, the rows the paid
    forecast (its target) counts: those rows, the rise to the target on them, and the
    awareness rows left out of both, once; the brief's own ROAS figure quoted when it
    states one."""
    tr, b = plan.tr, o.baseline
    revenue, spend = b.covers.get("revenue"), b.covers.get("spend")
    if b.detail != "paid_social" or not revenue or not spend or b.value is None:
        return []
    aw_revenue = (b.covers.get("revenue_all") or revenue) - revenue
    aw_spend = (b.covers.get("spend_all") or spend) - spend
    if aw_spend < 0.005 * spend:  # no awareness rows: nothing left out
        return []
    horizon = o.horizon_months or plan.brief.goals.horizon_months
    whole = abs(b.covers["months"] - horizon) < 0.005  # the export's period is the goal's
    target = o.realistic_target if not o.realistic and o.realistic_target else o.target
    rise = tr.t("objectives.ads_rows_rise", target=kpi_value(plan, o.kpi, target),
                rise=("+" if target >= b.value else "−")
                + tr.percent(abs(target / b.value - 1) * 100, 1)) \
        if target and b.value > 0 else ""
    out = [tr.t("objectives.ads_rows_whole" if whole else "objectives.ads_rows",
                baseline=kpi_value(plan, o.kpi, b.value),
                revenue_conv=tr.money(revenue), spend_conv=tr.money(spend),
                roas_conv=tr.number(revenue / spend, 2),
                months=tr.number(round(b.covers["months"], 1)), horizon=horizon, rise=rise,
                revenue_aw=tr.money(aw_revenue), spend_aw=tr.money(aw_spend),
                roas_all=tr.number((revenue + aw_revenue) / (spend + aw_spend), 2))]
    problems = plan.brief.situation.problems
    for name in type(problems).model_fields:
        text = getattr(problems, name).evidence
        if re.search(r"\bROAS\b", text) and NUMBER.search(text):
            out.append(tr.t("objectives.brief_roas", evidence=text.strip().rstrip(".")))
            break
    return out
