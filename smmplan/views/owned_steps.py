"""The owned-channel steps for a repeat-rate gap the paid programme leaves
(``retention.owned_steps``, ``Paid.retention["owned"]``): the past buyers still needed, and
the dated steps in the client's own e-mail tool (the one the brief names, else generic
wording), each with its KPI; said in the objectives chapter, in the first 90 days and in
the next steps."""

from __future__ import annotations

import datetime as dt

from ..plan import Plan
from .base import day, kpi_value
from .retention import plan_rate_text, tool_name


def owned(plan: Plan) -> dict | None:
    """The programme's owned-channel steps, else None."""
    return (plan.paid.retention or {}).get("owned") or None


def _best(plan: Plan) -> str:
    """The client's highest-value target (its name and size in the customer file), else the
    generic words."""
    from .targets import persona_name  # views.targets is large; read only here

    tr = plan.tr
    personas = [p for p in getattr(plan.targets, "personas", None) or []
                if getattr(p, "value_mean", None) is not None]
    if not personas:
        return tr.t("retention.owned.best_any")
    top = max(personas, key=lambda p: p.value_mean)
    return tr.t("retention.owned.best_target", name=persona_name(plan, top),
                size=tr.number(top.size))


def _step(plan: Plan, o: dict, step: dict) -> str:
    tr, key = plan.tr, step["key"]
    when = day(tr, dt.date.fromisoformat(step["date"]))
    common = {"date": when, "tool": tool_name(plan)}
    if key == "win_back":
        basis = tr.t(f"retention.owned.basis_{o['win_back_basis']}",
                     gap=tr.number(o.get("win_back_gap") or 0, 1),
                     window=tr.number(o.get("repeat_window") or 0))
        text = tr.t("retention.owned.win_back", months=tr.number(o["win_back_months"], 1),
                    basis=basis, **common)
    elif key == "reminder":
        text = tr.t("retention.owned.reminder", days=o["reminder_days"],
                    repair=tr.t("retention.owned.repair") if o["repair"] else "", **common)
    else:
        text = tr.t("retention.owned.early_access", best=_best(plan), hours=o["early_hours"],
                    **common)
    return text + _back(plan, (o.get("steps_back") or {}).get(key), key)


def _back(plan: Plan, f: dict | None, key: str = "") -> str:
    """A step's forecast (``owned_forecast.step_forecast``): the past buyers it brings back
    of its recipients, or that it brings none back (it keeps repeat buyers counted); the
    reminder's says who its recipients are (today's recent one-order past buyers, not the
    year's new buyers, who join the count as they buy)."""
    if f is None:
        return ""
    tr = plan.tr
    if not f["messages"]:
        return tr.t("retention.owned.back_none")
    name, extra = "retention.owned.back", {}
    if key == "reminder" and (owned(plan) or {}).get("win_back_months"):
        name, extra = "retention.owned.back_reminder", {
            "months": tr.number(owned(plan)["win_back_months"], 1),
            "customers": tr.number(plan.paid.retention["customers"])}
    return tr.t(name, **extra, back=tr.number(f["back"]),
                recipients=tr.number(f["recipients"]), messages=f["messages"],
                chance=tr.percent(f["probability"], 1))


def forecast_text(plan: Plan) -> list[str]:
    """The steps' total against the past buyers still needed, the rate the programme and
    the steps reach together, what is still missing (and what a larger customer-list
    campaign from the budget held back would take to close it), and the steps' cost;
    [] without a forecast."""
    o = owned(plan)
    if not o or o.get("back") is None:
        return []

    tr, r = plan.tr, plan.paid.retention
    tool = tool_name(plan)
    consent = tr.t("retention.owned.consent", share=tr.percent(o["consent_share"] * 100, 0)) \
        if o.get("consent_share") is not None else tr.t("retention.owned.consent_none")
    out = [tr.t("retention.owned.total", back=tr.number(o["back"]), rest=tr.number(o["rest"]),
                rate=tr.percent(o["order_rate"], 2), tool=tool, consent=consent,
                plan_rate=plan_rate_text(plan))]
    target = kpi_value(plan, "repeat_purchase_rate", r["target"])
    ext = o.get("extension")
    if o["missing"] and ext:
        out[-1] += " " + tr.t(
            "retention.owned.missing", missing=tr.number(o["missing"]), target=target,
            budget=tr.money(ext["budget"]), cost=tr.money(ext["cost_per_order"], 2),
            break_even=tr.money(r["break_even"], 2), frequency=tr.number(ext["frequency"], 1),
            times=tr.number(ext["times"], 1), cap=tr.number(r["monthly_frequency"]), tool=tool,
            review=day(tr, dt.date.fromisoformat(r["review"])))
    elif o["missing"]:
        out[-1] += " " + tr.t("retention.owned.missing_list", missing=tr.number(o["missing"]),
                              target=target, tool=tool)
    else:
        out[-1] += " " + tr.t("retention.owned.reached", target=target)
    hours = {"emails": tr.number(o["emails"]), "hours": tr.number(o["hours"])}
    if o.get("tool_owned") and o.get("tools_budget"):
        cost = tr.t("retention.owned.cost_owned_budget", tool=tool,
                    tools=tr.money(o["tools_budget"]), **hours)
    elif o.get("tool_owned"):
        cost = tr.t("retention.owned.cost_owned", tool=tool, **hours)
    else:
        cost = tr.t("retention.owned.cost_new", **hours)
    return out + [cost]


def gap_text(plan: Plan) -> list[str]:
    """The objectives chapter's paragraphs: the past buyers still needed and the steps with
    their KPIs and forecasts, then their total, what is missing and their cost
    (``forecast_text``); [] without a gap."""
    o = owned(plan)
    if not o:
        return []
    tr, r = plan.tr, plan.paid.retention
    steps = [_step(plan, o, s) for s in o["steps"]]
    text = steps[0]
    for s in steps[1:]:
        text = tr.t("agency.severe_focus", focus=text, steps=s)
    return [tr.t("retention.owned.gap", rest=tr.number(o["rest"]),
                 target=kpi_value(plan, "repeat_purchase_rate", r["target"]),
                 per_month=tr.number(o["per_month"], 1),
                 start=day(tr, dt.date.fromisoformat(o["from"])),
                 end=day(tr, dt.date.fromisoformat(o["end"])), tool=tool_name(plan),
                 steps=text)] + forecast_text(plan)


def dated_steps(plan: Plan) -> list[tuple[dt.date, str]]:
    """(date, short text) of each step, for the first 90 days' focus."""
    o = owned(plan)
    if not o:
        return []
    tr = plan.tr
    return [(dt.date.fromisoformat(s["date"]),
             tr.t(f"retention.owned.roadmap.{s['key']}", tool=tool_name(plan),
                  date=day(tr, dt.date.fromisoformat(s["date"])))) for s in o["steps"]]


def owned_needs(plan: Plan, lead: dt.timedelta) -> list[str]:
    """'What we need from you': access to the e-mail tool and the full customer export,
    ``lead`` before the first step; [] without steps."""
    o = owned(plan)
    if not o:
        return []
    tr, first = plan.tr, dt.date.fromisoformat(o["steps"][0]["date"])
    return [tr.t("retention.owned.need", tool=tool_name(plan), start=day(tr, first),
                 date=day(tr, first - lead))]
