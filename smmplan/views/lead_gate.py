"""The paid chapter's notes on a B2B lead plan's lead sources: a platform whose leads are
collected on its own lead gen forms (``Paid.lead_forms``: forecast at the published cost
per lead, not the site's rate), and a platform whose leads cannot yet be tied to the
buyers a lead is valued on (``lead_gate``: valued at what its personas buy, funded for a
dated test only, read on the client's CRM)."""

from __future__ import annotations

import calendar
import datetime as dt

from .. import b2b_paid
from ..catalogue import paid_facts
from ..goals import lead_event, match_kpi
from ..offer_paths import event_lines
from ..plan import Plan
from .base import day, platform_label


def lead_words(plan: Plan) -> dict[str, str]:
    """The lead event the brief's leads goal names ({event}: "demo request", {events}:
    "demo requests", {count}: the plural key for "12 demo requests"), else a lead."""
    found = next((lead_event(g) for g in plan.brief.goals.business_goals
                  if match_kpi(g) == "leads_per_month"), None)
    tr, key = plan.tr, (found or {}).get("event")
    if key is None:
        return {"event": tr.t("budget.lead_one"), "events": tr.t("budget.lead_many"),
                "count": "budget.lead_count"}
    return {"event": tr.t(f"objectives.lead_event.{key}"),
            "events": tr.t(f"objectives.lead_events.{key}"),
            "count": f"objectives.lead_event_count.{key}"}


def form_value(plan: Plan, platform: str) -> dict | None:
    """The figures of a lead gen form lead valued below a site lead
    (``b2b_paid.form_qualification``), said in the plan's words: the published shares
    qualified, the ratio, the value and the site lead's, the forecast cost per lead and
    the break-even ratios (the share of form leads qualifying, against site leads, at
    which a lead pays back its cost in its first year and over the contract years, on the
    gross margin); None when the platform's leads are valued as site leads."""
    tr, paid = plan.tr, plan.paid
    lv = (paid.lead_values or {}).get(platform) or {}
    q = b2b_paid.form_qualification()
    by = {c.platform: c for c in paid.channels if c.conversion_spend > 0 and c.conversions}
    if "site_value" not in lv or q is None or platform not in by or not paid.margin:
        return None
    cpl = by[platform].conversion_spend / by[platform].conversions
    first = lv["site_value"] * paid.margin / 100
    life = paid.lifetime or {}
    return {"share": tr.percent(lv["qualified"] * 100, 0), "form": tr.percent(q["form"], 0),
            "site": tr.percent(q["site"], 0), "source": q["source"],
            "value": tr.money(lv["value"], 2), "site_value": tr.money(lv["site_value"], 2),
            "cpl": tr.money(cpl, 2), "first": tr.percent(cpl / first * 100, 0),
            "lifetime": tr.percent(cpl / (first * life["factor"]) * 100, 0)
            if life.get("factor") else tr.t("common.na"),
            "years": tr.number(life.get("years") or paid_facts()["contract_lifetime"]["years"])}


def lead_form_note(plan: Plan) -> list[str]:
    """Where the conversion campaigns run on lead gen forms: to whom, why the site's rate
    does not apply and the published cost per lead they are forecast at ([] without)."""
    tr, paid, brief = plan.tr, plan.paid, plan.brief
    out = []
    kept = {o.name for o in event_lines(brief, "lead")}
    models = {m["platform"]: m for m in paid.models}
    spent = {c.platform for c in paid.channels if c.conversion_spend > 0}
    for platform, form in (paid.lead_forms or {}).items():
        if platform not in spent or form.get("cpl") is None:
            continue
        personas = [p.name for p in brief.targets.personas
                    if platform in p.channels and (p.offer in kept or not kept)]
        site, words = form.get("site"), lead_words(plan)
        out.append(tr.t(
            "budget.lead_form", platform=platform_label(platform),
            personas=tr.join([tr.t("common.quoted", text=n) for n in personas])
            or tr.t("common.na"),
            site=tr.t("budget.lead_form_site", rate=tr.percent(site["mid"], 2))
            if site else "", mid=tr.money(form["cpl"]["mid"], 2),
            low=tr.money(form["cpl"]["low"], 2), high=tr.money(form["cpl"]["high"], 2),
            sources=tr.join(models[platform]["cvr"]["sources"]),
            kept=tr.join([o.name for o in event_lines(brief, "lead")]),
            event=words["event"], events=words["events"],
            valued=_valued(plan, platform, "budget.lead_form")))
    return out


def _valued(plan: Plan, platform: str, key: str) -> str:
    """How a platform's form lead is valued, in ``key``'s words: ``key``_qualified with the
    figures of ``form_value``, else ``key``_same (at the site's close rate)."""
    tr, words = plan.tr, lead_words(plan)
    rate = tr.percent(plan.brief.budget.paid.sale_rate, 0)
    kept = tr.join([o.name for o in event_lines(plan.brief, "lead")])
    found = form_value(plan, platform)
    if found is None:
        return tr.t(f"{key}_same", event=words["event"], events=words["events"], rate=rate,
                    kept=kept)
    return tr.t(f"{key}_qualified", **found, event=words["event"], events=words["events"],
                rate=rate, kept=kept)


def gate_notes(plan: Plan) -> list[str]:
    """One note per gated test (``Paid.tests`` rows with ``gate``): its spend, weeks and
    dates, why it is a test and how the CRM reads it."""
    tr, paid, brief = plan.tr, plan.paid, plan.brief
    kept = [o.name for o in event_lines(brief, "lead")]
    by, words, rule = {c.platform: c for c in paid.channels}, lead_words(plan), \
        paid_facts()["test_share"]
    out = []
    for t in paid.tests:
        c = by.get(t["platform"])
        if not t.get("gate") or c is None or not c.conversions:
            continue
        rest = tr.join([platform_label(o.platform) for o in paid.channels
                        if o.conversion_spend > 0 and o.platform != t["platform"]])
        start, end = (day(tr, dt.date.fromisoformat(t[k])) for k in ("start", "end"))
        out.append(tr.t(
            "budget.lead_gate", platform=platform_label(t["platform"]),
            weeks=tr.number(t["weeks"]), amount=tr.money(t["budget"]), start=start,
            end=end, conversions=tr.plural(words["count"], round(c.conversions)),
            read=tr.t("budget.lead_gate_capped", least=tr.number(
                rule["min_read_conversions"]), percent=tr.percent(rule["percent"], 0))
            if t.get("capped") else tr.t("budget.lead_gate_read"), events=words["events"],
            cpa=tr.money(c.conversion_spend / c.conversions, 2), kept=tr.join(kept),
            rest=rest or tr.t("common.na"), threshold=tr.money(t["threshold"], 2)
            if t["threshold"] else tr.t("common.na")) + _bar(plan, t, c, kept, words))
    return out


def _bar(plan: Plan, test: dict, channel, kept: list[str], words: dict) -> str:
    """The test's pass bar in leads: the fewest leads from the kept lines' buyers its budget
    must buy at the break-even (budget / threshold, rounded up), and their share of the
    leads it is forecast to bring, beside the lines the platform's own personas buy."""
    import math

    tr = plan.tr
    if not test.get("threshold") or not channel.conversions:
        return ""
    need = math.ceil(test["budget"] / test["threshold"] - 1e-9)
    bought = list(((plan.paid.lead_values or {}).get(test["platform"]) or {}).get("lines")
                  or {})
    return tr.t("budget.lead_gate_bar", amount=tr.money(test["budget"]), need=tr.number(need),
                events=words["events"], kept=tr.join(kept), share=tr.percent(
                    min(100.0, 100 * need / channel.conversions), 0),
                conversions=tr.number(channel.conversions),
                platform=platform_label(test["platform"]),
                bought=tr.join(bought) or tr.t("common.na"),
                end=day(tr, dt.date.fromisoformat(test["end"])))


def form_steps(plan: Plan) -> list[tuple[dt.date, str]]:
    """The first reading of each lead gen form platform's leads as a next step (the last day
    of the first conversion month, the line): their cost against the forecast's cost per
    lead there (the channel table's) and how many the sales team qualifies, the close rate
    the forecast assumes stated."""
    tr, paid = plan.tr, plan.paid
    if not paid.paid_months:
        return []
    first = dt.date.fromisoformat(paid.paid_months[0])
    end = first.replace(day=calendar.monthrange(first.year, first.month)[1])
    by = {c.platform: c for c in paid.channels if c.conversion_spend > 0 and c.conversions}
    words = lead_words(plan)
    return [(end, tr.t("agency.step_form_read", end=day(tr, end),
                       platform=platform_label(p), events=words["events"],
                       cpl=tr.money(by[p].conversion_spend / by[p].conversions, 2),
                       valued=_valued(plan, p, "agency.step_form")))
            for p in (paid.lead_forms or {}) if p in by]


def form_risks(plan: Plan) -> list[tuple[str, dict]]:
    """The risks table's row of each funded lead gen form platform whose lead is valued
    below a site lead (``form_value``): the borrowed ratio, the break-even ratios and the
    dated CRM read (``form_steps``' day)."""
    tr, words, out = plan.tr, lead_words(plan), []
    for (end, _), p in zip(form_steps(plan), [p for p in (plan.paid.lead_forms or {})
                                              if form_value(plan, p)], strict=False):
        out.append(("risk_form_value", {**form_value(plan, p), "end": day(tr, end),
                                        "platform": platform_label(p), "client":
                                        plan.brief.client.name, "event": words["event"],
                                        "events": words["events"]}))
    return out
