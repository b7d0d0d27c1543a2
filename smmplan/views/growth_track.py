"""The growth option funded from the paid budget held back (``growth_track.growth_option``,
kept in ``Paid.held_back["growth"]``): the paid chapter's table and notes, the envelope's
split, the summary's sentence and the summary's dated steps."""

from __future__ import annotations

import datetime as dt

import pandas as pd

from ..catalogue import paid_facts
from ..plan import Plan
from ..report import Column, Html, render
from .base import day, platform_label, section_heading


def option(plan: Plan) -> dict | None:
    """The growth option, or None."""
    return (plan.paid.held_back or {}).get("growth")


def _date(plan: Plan, iso: str) -> str:
    return day(plan.tr, dt.date.fromisoformat(iso))


def _range(tr, pair: list[float], money: bool) -> str:
    fmt = tr.money if money else tr.number
    return tr.t("growth.range", low=fmt(pair[0]), high=fmt(pair[1]))


def _values(plan: Plan, step: dict) -> dict:
    """A step's figures, formatted, for its row and its note."""
    tr, paid = plan.tr, plan.paid
    v = {"budget": tr.money(step["budget"]), "stop": tr.money(step["stop"], 2),
         "start": _date(plan, step["start"]), "read": _date(plan, step["read"]),
         "low": tr.number(step["conversions"][0]), "high": tr.number(step["conversions"][1]),
         "break_even": tr.money(paid.break_even_cpa, 2)}
    if step.get("platform"):
        v["platform"] = platform_label(step["platform"])
    if step["kind"] == "creator":
        ads = ((plan.creators.ads if plan.creators else {}) or {}).get(step["platform"], 0)
        v |= {"arm": tr.money(step["arm"]), "weeks": tr.number(step["weeks"]),
              "split": tr.percent(step["split"], 0),
              "studio": tr.number(step["studio"]), "on_top": tr.money(step["on_top"]),
              "n": tr.number(step["n"]), "cpa": tr.money(step["cpa_today"], 2),
              "advantage": tr.percent(step["advantage"], 0), "source": tr.text(step["source"]),
              "least": tr.number(paid_facts()["held_back_test"]["min_conversions"]),
              "ads": tr.t("growth.creator_ads", n=tr.number(ads)) if ads else ""}
    elif step["kind"] == "new_customer":
        v |= {"bid": tr.money(step["bid"], 2), "value": tr.money(step["value"], 2),
              "months": tr.number(step["months"]), "end": _date(plan, step["end"]),
              "held": tr.money(plan.paid.held_back["budget"])}
    else:
        v |= {"threshold": tr.money(step["threshold"], 2),
              "forecast": tr.money(step["forecast_cpa"], 2),
              "better": tr.percent(step["better"], 0), "now": tr.money(step["marginal_now"], 2),
              "gate_month": tr.date(dt.date.fromisoformat(step["gate_month"]), "MMMM"),
              "first": tr.date(dt.date.fromisoformat(step["months"][0]), "MMMM"),
              "last": tr.date(dt.date.fromisoformat(step["months"][-1]), "MMMM")}
    return v


def summary_note(plan: Plan) -> str:
    """The summary's sentence on the option, beside the budget held back ("" without)."""
    g, tr = option(plan), plan.tr
    if not g:
        return ""
    names = [tr.t(f"growth.name.{s['kind']}") for s in g["steps"] if not s.get("inside")]
    inside = [tr.t("growth.summary_inside", platform=platform_label(s["platform"]))
              for s in g["steps"] if s.get("inside")]
    key = "growth.summary_one" if len(names) == 1 else "growth.summary"
    return " ".join(([tr.t(key, growth=tr.money(g["budget"]),
                           steps=tr.join(names))] if names else []) + inside)


def dropped_note(plan: Plan, step: dict) -> str:
    """Why the last months' step is not opened: the room the curve leaves, under the
    least share of the envelope a step is worth (data/growth.yaml)."""
    tr, d = plan.tr, step["dropped"]
    v = _values(plan, step | {"budget": d["room"]})
    return tr.t("growth.note.q4_dropped", **v, room=tr.money(d["room"]),
                share=tr.percent(d["share"], 1), least=tr.percent(d["least"], 0),
                envelope=tr.money(plan.paid.envelope))


def growth_blocks(plan: Plan) -> list:
    """The paid chapter's "Growth option (from the reserve)": the lead paragraph, the
    table (cost, gate, stop rule, read date, conversions and revenue ranges), one note a
    step and the revenue if every gate opens beside the forecast's; [] without one."""
    g, tr, paid = option(plan), plan.tr, plan.paid
    if not g:
        return []
    rows, notes = [], []
    for s in g["steps"]:
        v = _values(plan, s)
        rows.append({"step": tr.t(f"growth.step.{s['kind']}", **v),
                     "cost": tr.t("growth.cost_inside", **v) if s.get("inside")
                     else _range(tr, s["spend"], True) if s["spend"][0] < s["budget"]
                     else tr.money(s["budget"]),
                     "gate": tr.t(f"growth.gate.{s['kind']}", **v),
                     "stop": tr.t(f"growth.stop.{s['kind']}", **v), "read": v["read"],
                     "conversions": _range(tr, s["conversions"], False),
                     "revenue": _range(tr, s["revenue"], True)})
        curve = s["kind"] == "new_customer" and s.get("limit") == "curve"
        notes.append(tr.t(f"growth.note.{s['kind']}", **v)
                     + (" " + tr.t("growth.note.new_customer_curve", **v) if curve else "")
                     + (" " + tr.t("growth.paused", cost=tr.money(s["paused"]["cost"], 2),
                                   stop=tr.money(s["stop"], 2),
                                   weeks=tr.number(s["paused"]["weeks"]),
                                   spent=tr.money(s["spend"][0]),
                                   n=tr.number(s["conversions"][0]))
                        if s.get("paused") else ""))
    if g.get("q4_dropped"):
        notes.append(dropped_note(plan, g["q4_dropped"]))
    base = paid.totals["revenue"]
    notes.append(tr.t("growth.if_open", base=tr.money(base),
                      low=tr.money(g["revenue"][0]), high=tr.money(g["revenue"][1]),
                      all_low=tr.money(base + g["revenue"][0]),
                      all_high=tr.money(base + g["revenue"][1])))
    title = tr.t("growth.title")
    return [
        section_heading(plan, "growth.title", "budget-growth", level=4),
        Html(render("paragraph.html.j2", css="smm-decision", text=tr.t(
            "growth.intro", total=tr.money(g["budget"]),
            held=tr.money(paid.held_back["budget"])))),
        plan.record.table("growth_option", "budget", title, pd.DataFrame(rows), [
            Column("step", tr.t("growth.col.step")),
            Column("cost", tr.t("growth.col.cost")),
            Column("gate", tr.t("growth.col.gate")), Column("stop", tr.t("growth.col.stop")),
            Column("read", tr.t("growth.col.read")),
            Column("conversions", tr.t("growth.col.conversions")),
            Column("revenue", tr.t("growth.col.revenue"))]),
        *[Html(render("paragraph.html.j2", css="smm-note", text=n)) for n in notes]]


def growth_steps(plan: Plan) -> list[tuple[dt.date, str]]:
    """Each step as one dated next step for the summary (its start, the line)."""
    g = option(plan)
    if not g:
        return []
    return [(dt.date.fromisoformat(s["start"]),
             plan.tr.t(f"growth.next.{s['kind']}", **_values(plan, s))) for s in g["steps"]]
