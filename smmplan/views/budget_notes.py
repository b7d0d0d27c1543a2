"""Chapter 6's notes on where a paid click's conversion rate comes from, when a lead's
revenue is booked (the sales cycle) and how the forecast's ROAS compares with today's."""

from __future__ import annotations

import datetime as dt
import math

from ..catalogue import paid_facts
from ..plan import Plan
from ..report import Html, render
from .base import platform_label


def cvr_notes(plan: Plan) -> list[str]:
    """What a paid click converts at on each platform and where that comes from: the paid
    rows of the web analytics, each platform's own visits, the pooled social rate (too few
    visits, or the platform's own rate set aside as implausible for paid clicks), else a
    benchmark."""
    tr, paid = plan.tr, plan.paid
    out = []
    by = {}
    for m in paid.models:
        by.setdefault(m["cvr"]["basis"], []).append(m)
    rates = lambda ms: tr.join([  # noqa: E731
        f"{platform_label(m['platform'])} {tr.percent(m['cvr']['mid'], 2)}" for m in ms])
    least = tr.number(paid_facts()["web_sources"]["min_sessions"])
    counts = paid.cvr_counts
    if counts and any(b.startswith("client_web") for b in by):
        out.append(tr.t("budget.cvr_counted", pages=tr.join(counts["pages"]),
                        event=tr.t(f"objectives.lead_event.{counts['event']}"),
                        events=tr.number(counts["events"]),
                        sessions=tr.number(counts["sessions"]),
                        rate=tr.percent(counts["events"] / counts["sessions"] * 100, 2)
                        if counts["sessions"] else tr.percent(0, 2)))
    for basis in ("client_web_paid", "client_web_source"):
        if basis in by:
            out.append(tr.t("budget.cvr_paid" if basis == "client_web_paid"
                            else "budget.cvr_sources",
                            rates=rates(by[basis]), min=least,
                            file=by[basis][0]["cvr"]["sources"][0]))
    set_aside = paid.cvr_set_aside
    pooled = [m for m in by.get("client_web", []) if m["platform"] not in set_aside]
    aside = [m for m in by.get("client_web", []) if m["platform"] in set_aside]
    if aside:
        out.append(tr.t("budget.cvr_set_aside", platforms=tr.join([
            f"{platform_label(m['platform'])} {tr.percent(set_aside[m['platform']]['rate'], 2)}"
            for m in aside]), rate=tr.percent(aside[0]["cvr"]["mid"], 2),
            reason=tr.t(f"budget.cvr_aside.{set_aside[aside[0]['platform']]['reason']}")))
    if pooled:
        out.append(tr.t("budget.cvr_client_rest" if len(out) else "budget.cvr_client",
                        rate=tr.percent(pooled[0]["cvr"]["mid"], 2),
                        client=plan.brief.client.name,
                        platforms=tr.join([platform_label(m["platform"]) for m in pooled])))
    borrowed = by.get("benchmark", []) + by.get("borrowed", [])
    if borrowed:
        shown = list(dict.fromkeys(tr.percent(m["cvr"]["mid"], 2) for m in borrowed))
        out.append(tr.t("budget.cvr_benchmark", rate=tr.join(shown),
                        platforms=tr.join([platform_label(m["platform"]) for m in borrowed])))
    if any(b.startswith("client_web") for b in by):
        out.append(tr.t("budget.cvr_interval"))
    return out


def deal_note(plan: Plan) -> str | None:
    """When the revenue of a month's conversions is booked: ``deal_months`` later, at the
    close rate, and how much closes after the plan's last month (None without a delay)."""
    tr, deal = plan.tr, plan.paid.deal
    if not deal or not plan.paid.aov:
        return None
    text = tr.t("budget.deal_delay", months=tr.number(deal["months"]),
                rate=tr.percent(deal["close_rate"], 0))
    if deal["after_plan"]:
        text += " " + tr.t("budget.deal_after", amount=tr.money(deal["after_plan"]))
    return text


def today_note(plan: Plan) -> str | None:
    """Today's ROAS from the ads history beside the forecast's, and why they differ: more
    spend a month on each platform (diminishing returns), the awareness spend that books no
    sale, platforms without a history, the history's platforms without conversion spend,
    and break-even (the plan spends while one more sale still earns more than it costs)."""
    tr, paid = plan.tr, plan.paid
    today = paid.today
    if not today:
        return None
    lines = today["platforms"]
    reasons = []
    more = [line for line in lines if line["conversion_spend"] > 0 and line["roas_plan"]
            and line["spend_ratio"] > 1.05]
    if more:
        reasons.append(tr.t("budget.today_more", monthly=tr.money(today["monthly_plan"]),
                            today=tr.money(today["monthly_today"]), platforms=tr.join([
                                tr.t("budget.today_platform", platform=platform_label(
                                    line["platform"]), today=tr.number(line["roas_today"], 2),
                                    plan=tr.number(line["roas_plan"], 2),
                                    ratio=tr.number(line["spend_ratio"], 1))
                                for line in more])))
    if today["awareness"]:
        reasons.append(tr.t("budget.today_awareness", amount=tr.money(today["awareness"]),
                            share=tr.percent(paid.awareness_share, 0)))
    if today["new_platforms"]:
        reasons.append(tr.t("budget.today_new", amount=tr.money(today["new_spend"]),
                            platforms=tr.join([platform_label(p)
                                               for p in today["new_platforms"]])))
    dropped = [line for line in lines if line["conversion_spend"] <= 0]
    if dropped:
        reasons.append(tr.t("budget.today_dropped", platforms=tr.join([
            tr.t("budget.today_dropped_platform", platform=platform_label(line["platform"]),
                 roas=tr.number(line["roas_today"], 2)) for line in dropped])))
    lower = today["roas_plan"] < today["roas_today"]
    if lower and paid.break_even_cpa:
        reasons.append(tr.t("budget.today_break_even", cpa=tr.money(paid.break_even_cpa, 2)))
    text = tr.t("budget.today_lower" if lower else "budget.today_higher",
                spend=tr.money(today["spend_today"]), revenue=tr.money(today["revenue_today"]),
                months=tr.number(today["months_today"]), roas=tr.number(today["roas_today"], 2),
                forecast=tr.number(today["roas_plan"], 2),
                platforms=tr.join([f"{platform_label(line['platform'])} "
                                   f"{tr.number(line['roas_today'], 2)}" for line in lines]),
                reasons=tr.t("budget.today_sep").join(reasons) if reasons
                else tr.t("budget.today_same"))
    return " ".join(filter(None, [text, awareness_rows_note(plan)]))


def awareness_rows_note(plan: Plan) -> str | None:
    """Which rows of the ads history the rates come from: its conversion campaigns; the
    awareness rows (campaign objective) count for the people they reached only."""
    tr = plan.tr
    aware = {p: c for p, c in (getattr(plan.paid, "calibration", None) or {}).items()
             if c.get("awareness_rows")}
    if not aware:
        return None
    return tr.t("budget.awareness_rows", rows=tr.number(sum(
        c["awareness_rows"] for c in aware.values())), spend=tr.money(sum(
            c["awareness_spend"] for c in aware.values())), platforms=tr.join(
        [platform_label(p) for p in aware]))


def frequency_note(plan: Plan) -> list:
    """The planned impressions per person a month on each platform's reachable audience, and
    where that audience comes from (the ads history's median month, never below the most
    people it reached in one month; else the market estimate): the frequency behind the
    forecast, stated."""
    tr, paid = plan.tr, plan.paid
    audience = {m["platform"]: m["audience"] for m in paid.models}
    months = len(paid.paid_months) or plan.brief.client.period.months
    parts = []
    for c in paid.channels:
        people = audience.get(c.platform)
        if c.spend <= 0 or not people or not months:
            continue
        monthly = c.impressions / months
        reach = people * -math.expm1(-monthly / people)
        cal = paid.calibration.get(c.platform) or {}
        basis = cal.get("audience_basis", "market")
        if basis == "history":  # the median month's pool, or the most people reached
            basis = f"history_{cal.get('audience_source') or 'median'}"
        month = cal.get("audience_month")
        month = tr.month(dt.date.fromisoformat(month)) if month else ""
        whole = ((paid.history or {}).get("platforms", {}).get(c.platform) or {}).get(
            "audience") if basis.startswith("history") else None
        kept = whole and people < whole - 0.5  # cut to the targets the platform keeps
        parts.append(tr.t("budget.frequency_platform_kept" if kept
                          else "budget.frequency_platform", platform=platform_label(c.platform),
                          frequency=tr.number(monthly / reach, 1), people=tr.number(people),
                          all=tr.number(whole or 0),
                          basis=tr.t(f"budget.frequency_basis.{basis}", month=month)))
    if not parts:
        return []
    return [Html(render("paragraph.html.j2", css="smm-note",
                        text=tr.t("budget.frequency", platforms=tr.join(parts))))]
