"""The past-buyer retention programme (``retention.programme``, ``Paid.retention``): the
paid chapter's paragraphs (what it is, its forecast, its stop rule), the sentence that
accounts for its budget beside the budget held back, the summary's dated step and the
repeat-rate objective's lever."""

from __future__ import annotations

import datetime as dt

from ..plan import Plan
from ..retention import mentions
from .base import day, kpi_value, platform_label


def _rate(plan: Plan, value: float) -> str:
    return kpi_value(plan, "repeat_purchase_rate", value)  # as the objectives chapter shows


def _values(plan: Plan, r: dict) -> dict:
    tr = plan.tr
    return {"budget": tr.money(r["budget"]), "monthly": tr.money(r["monthly"]),
            "platform": platform_label(r["platform"]), "audience": tr.number(r["audience"]),
            "lapsed": tr.number(r["lapsed"]), "customers": tr.number(r["customers"]),
            "match": tr.percent(r["match_rate"], 0), "frequency": tr.number(r["frequency"], 1),
            "start": day(tr, dt.date.fromisoformat(r["start"])),
            "review": day(tr, dt.date.fromisoformat(r["review"])),
            "warm": tr.money(r["warm_cpa"], 2), "orders": tr.number(r["orders"]),
            "revenue": tr.money(r["revenue"]), "margin": tr.money(r["margin"]),
            "net": tr.money(abs(r["net"])), "break_even": tr.money(r["break_even"], 2),
            "cost": tr.money(r["cost_per_order"], 2), "base": _rate(plan, r["baseline"]),
            "rate": _rate(plan, r["rate"]),
            "points": tr.plural("retention.points", round(r["points"], 1)),
            "target": _rate(plan, r["target"]),
            "gap": tr.plural("retention.points", round(r["gap_points"], 1)),
            "needed": tr.number(r["needed"]), "share": tr.percent(r["share_of_gap"], 0),
            "holdout": tr.percent(r["holdout"], 0),
            "n": tr.number(min(r["orders"], 30)),
            "per_thousand": tr.money(r["budget"] / r["customers"] * 1000),
            "held": tr.money(plan.paid.held_back["budget"]),
            "before": tr.money(r["held_before"])}


def _reach(plan: Plan, r: dict, v: dict) -> str:
    tr = plan.tr
    if r["reaches"]:
        return tr.t("retention.reaches", **v)
    tool = tr.t("retention.email_tool", tool=r["email_tool"]) if r["email_tool"] \
        else tr.t("retention.email_any")
    rest = (r.get("owned") or {}).get("rest", max(0, round(r["needed"] - r["orders"])))
    return tr.t("retention.short", email=tool, rest=tr.number(rest), **v)


def programme_text(plan: Plan) -> list[str]:
    """The paid chapter's paragraphs: the programme and its forecast, then its stop rule;
    [] without one."""
    r = plan.paid.retention
    if not r:
        return []
    tr, v = plan.tr, _values(plan, r)
    base = tr.t("retention.base_ads", file=tr.number(r["file_customers"]),
                file_orders=tr.number(r["file_orders_year"]),
                ads_orders=tr.number(r["ads_orders_year"]), **v) \
        if r["customers_basis"] == "ads" else ""
    warm = tr.t("retention.warm_history" if r["warm_basis"] == "history"
                else "retention.warm_benchmark", **v)
    hand = tr.t("retention.handoff", tool=r["email_tool"]) if r["email_tool"] else ""
    content = tr.t("retention.content_repair" if (r.get("owned") or {}).get("repair")
                   or mentions(plan.brief, "repair_terms") else "retention.content_care")
    return [tr.t("retention.programme", base_note=base, handoff=hand, content=content, **v),
            tr.t("retention.forecast", reach=_reach(plan, r, v), warm_basis=warm,
                 result=tr.t("retention.net_gain" if r["net"] >= 0 else "retention.net_loss",
                             **v), **v),
            tr.t("retention.stop", **v)]


def step(plan: Plan) -> tuple[dt.date, str] | None:
    """The programme as one dated next step for the summary."""
    r = plan.paid.retention
    if not r:
        return None
    return dt.date.fromisoformat(r["start"]), plan.tr.t("retention.step", **_values(plan, r))


def lever(plan: Plan, kpi: str) -> list[str]:
    """The repeat-rate objective's lever: the programme and where it takes the rate."""
    r = plan.paid.retention
    if not r or kpi != "repeat_purchase_rate":
        return []
    v = _values(plan, r)
    return [plan.tr.t("retention.lever", reach=_reach(plan, r, v), **v)] + counts(plan, r)


def counts(plan: Plan, r: dict) -> list[str]:
    """The rate's one denominator when the programme counts more customers than the file
    (``customers_basis`` "ads"): today's rate, the programme's and the e-mail steps' buyers
    back and the target, each as repeat buyers out of those customers, so the points add
    up; [] otherwise."""
    if r.get("customers_basis") != "ads":
        return []
    tr, n = plan.tr, r["customers"]
    today, prog = round(n * r["baseline"] / 100), round(r["orders"])
    owned = r.get("owned") or {}
    steps = min(owned.get("back") or 0, owned.get("rest") or 0)
    target = today + round(r["needed"])
    e_mail = tr.t("retention.counts_steps", steps=tr.number(steps),
                  total=tr.number(today + prog + steps), tool=tool_name(plan),
                  rate=_rate(plan, r["baseline"] + (prog + steps) / n * 100)) if steps else ""
    return [tr.t("retention.counts", customers=tr.number(n), base=_rate(plan, r["baseline"]),
                 file=tr.number(r["file_customers"]), today=tr.number(today),
                 one=tr.number(100 / n, 3), orders=tr.number(prog),
                 after=tr.number(today + prog), rate=_rate(plan, r["rate"]), steps=e_mail,
                 target=_rate(plan, r["target"]), target_count=tr.number(target),
                 needed=tr.number(round(r["needed"])))]


def tool_name(plan: Plan) -> str:
    """The e-mail tool the brief names, else the generic words."""
    return plan.paid.retention.get("email_tool") or plan.tr.t("retention.owned.any_tool")


def plan_rate_text(plan: Plan) -> str:
    """The rate the programme and its owned-channel steps forecast together
    (``lever_goals.plan_rate``), as the objectives chapter shows it."""
    from ..lever_goals import plan_rate

    return _rate(plan, plan_rate(plan.paid.retention))


def summary_values(plan: Plan) -> dict:
    """The programme's figures for the summary's sentence on the budget held back; its rate
    followed by the one the e-mail steps take it to when they have a forecast."""
    r = plan.paid.retention
    v = _values(plan, r)
    if (r.get("owned") or {}).get("back") is None:
        return v
    return v | {"rate": plan.tr.t("retention.owned.summary_rate", rate=v["rate"],
                                  plan_rate=plan_rate_text(plan), tool=tool_name(plan))}


def lever_count(plan: Plan) -> str:
    """What would close the repeat-rate goal's gap to its target, after the sentence that
    commits it to the programme's forecast: the whole customer file's count when the
    programme is sized on the ads export's count (an extract), and e-mail win-back flows."""
    r = plan.paid.retention
    if not r:
        return ""
    if r["customers_basis"] == "ads":
        tr = plan.tr
        flows = tr.t("objectives.lever_flows_any") if not r.get("owned") else tr.t(
            "objectives.lever_flows_steps", tool=r["email_tool"]) if r["email_tool"] \
            else tr.t("objectives.lever_flows_steps_any")
        return plan.tr.t("objectives.lever_count", flows=flows, **_values(plan, r))
    return "" if r.get("owned") else plan.tr.t("objectives.lever_flows")
