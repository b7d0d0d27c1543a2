"""The owned-channel steps for a repeat-rate gap the paid programme leaves
(``retention.owned_steps``, ``Paid.retention["owned"]``): the past buyers still needed, and
the dated steps in the client's own e-mail tool (the one the brief names, else generic
wording), each with its KPI; said in the objectives chapter, in the first 90 days and in
the next steps."""

from __future__ import annotations

import datetime as dt

from ..plan import Plan
from .base import day, kpi_value


def owned(plan: Plan) -> dict | None:
    """The programme's owned-channel steps, else None."""
    return (plan.paid.retention or {}).get("owned") or None


def tool_name(plan: Plan) -> str:
    """The e-mail tool the brief names, else the generic words."""
    return plan.paid.retention.get("email_tool") or plan.tr.t("retention.owned.any_tool")


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
        return tr.t("retention.owned.win_back", months=tr.number(o["win_back_months"], 1),
                    basis=basis, **common)
    if key == "reminder":
        return tr.t("retention.owned.reminder", days=o["reminder_days"],
                    repair=tr.t("retention.owned.repair") if o["repair"] else "", **common)
    return tr.t("retention.owned.early_access", best=_best(plan), hours=o["early_hours"],
                **common)


def gap_text(plan: Plan) -> list[str]:
    """The objectives chapter's paragraph: the past buyers still needed and the steps with
    their KPIs; [] without a gap."""
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
                 steps=text)]


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
