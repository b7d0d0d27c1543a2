"""Chapter 3's sentences on what a target rests on at its first checkpoint: a post KPI's
target set on its own flat or falling history (``history_target``), and the quarterly
checkpoint of a goal whose pace is a convention (a follower goal without a follow rate)."""

from __future__ import annotations

import datetime as dt

import pandas as pd

from ..catalogue import kpi_catalogue
from ..history_target import rule
from ..plan import Plan
from .base import day, kpi_value, month_year


def checkpoint_day(plan: Plan, month: int) -> dt.date | None:
    """The last day of the plan's ``month``-th month (1-based); None past the period."""
    starts = plan.brief.client.period.month_starts
    if not 0 < month <= len(starts):
        return None
    return (pd.Timestamp(starts[month - 1]) + pd.offsets.MonthEnd(0)).date()


def history_basis(h: dict) -> str:
    """Which part of the rule gave the value: good (a good month), mix (the calendar's
    formats), half (half the realistic pace caps it) or held (today's level)."""
    if h["capped"]:
        return "half"
    if abs(h["value"] - h["good"]) < 1e-9:
        return "good"
    if h["mix"] is not None and abs(h["value"] - h["mix"]) < 1e-9:
        return "mix"
    return "held"


def history_sentence(plan: Plan, o, name: str) -> str | None:
    """One sentence: the history the target rests on, its basis and its checkpoint; None
    when the objective's target was not set on its history."""
    h = o.baseline.covers.get("history")
    if not h:
        return None
    tr = plan.tr

    def value(x: float) -> str:
        return kpi_value(plan, o.kpi, x)

    kind = history_basis(h)
    basis = tr.t(f"objectives.history_basis.{kind}", percentile=h["percentile"],
                 max=tr.percent(kpi_catalogue()[o.kpi]["max_monthly_change"] * 50, 1))
    # "above" the other figure, or "level with" it when the two round alike (5,94 %)
    if kind == "good" and h["mix"] is not None:
        level = value(h["mix"]) == value(h["value"])
        basis += tr.t(f"objectives.history_{'level' if level else 'above'}_mix",
                      mix=value(h["mix"]))
    elif kind == "mix":
        level = value(h["good"]) == value(h["value"])
        basis += tr.t(f"objectives.history_{'level' if level else 'above'}_good",
                      good=value(h["good"]), percentile=h["percentile"])
    elif kind in ("half", "held"):
        basis += " (" + tr.t("objectives.history_figures" + (
            "_mix" if h["mix"] is not None else ""), good=value(h["good"]),
            percentile=h["percentile"], mix=value(h["mix"]) if h["mix"] is not None
            else "") + ")"
    when = checkpoint_day(plan, h["checkpoint"])
    flagged = o.from_brief and not o.realistic
    aside = ""
    if h.get("carried") is not None:  # the month whose removal breaks the rise, named
        month = h.get("carried_month")
        aside = tr.t("objectives.history_aside", value=value(h["carried"]), month=month_year(
            tr, dt.date(int(month[:4]), int(month[5:7]), 1))) \
            if month else tr.t("objectives.history_aside_value", value=value(h["carried"]))
    return tr.t("objectives.history_flagged" if flagged else "objectives.history_target",
                goal=name, months=h["months"], aside=aside, low=value(h["low"]),
                high=value(h["high"]),
                target=value(o.target), value=value(h["value"]), basis=basis,
                checkpoint=day(tr, when) if when else "")


def pace_checkpoint(plan: Plan, o) -> str:
    """" Checkpoint: …" for a goal whose pace is a convention: the trajectory's value at
    the end of the first quarter (``data/targets.yaml`` ``checkpoint_month``)."""
    month = rule()["checkpoint_month"]
    when = checkpoint_day(plan, month)
    if when is None or len(o.trajectory) < month:
        return ""
    return " " + plan.tr.t("objectives.followers_checkpoint", date=day(plan.tr, when),
                           value=kpi_value(plan, o.kpi, o.trajectory[month - 1]),
                           target=kpi_value(plan, o.kpi, o.target))
