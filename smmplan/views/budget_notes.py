"""Chapter 6's notes on where a paid click's conversion rate comes from, when a lead's
revenue is booked (the sales cycle), how the forecast's ROAS compares with today's, the
brief's spend bounds, the paid months and seat or lead caps, and the demand by month."""

from __future__ import annotations

import datetime as dt
import math

import pandas as pd
from babel.dates import format_date

from .. import b2b_paid
from ..catalogue import paid_facts
from ..conversion_cost import per_platform
from ..offer_paths import event_lines, left_out_lines
from ..paid_months import month_free, tests_outside_caps
from ..paid_start import first_conversion_ad
from ..paid_value import SPEND_BAND
from ..plan import Plan
from ..report import Html, render
from ..sessions import seats_sentence
from .against_today import increment_note, revenue_up
from .awareness_reach import cost_reach, thin_reach
from .base import day, platform_label
from .lead_gate import lead_form_note, lead_words
from .sector_cvr import sector_cvr_note


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
    funded = {c.platform for c in paid.channels if c.spend > 0}
    unfunded = []  # a platform without paid budget is said after the funded ones
    for basis in ("client_web_paid", "client_web_source"):
        ms = [m for m in by.get(basis, []) if m["platform"] in funded]
        unfunded += [m for m in by.get(basis, []) if m["platform"] not in funded]
        if ms:
            out.append(tr.t("budget.cvr_paid" if basis == "client_web_paid"
                            else "budget.cvr_sources",
                            rates=rates(ms), min=least, file=ms[0]["cvr"]["sources"][0]))
    own_first = b2b_own_first(plan)
    if own_first:
        out.append(own_first)
    out += lead_form_note(plan)  # lead gen forms: the published cost per lead
    if unfunded:
        out.append(tr.t("budget.cvr_unfunded", rates=rates(unfunded), min=least))
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
    if "b2b_benchmark" in by:
        b2b = by["b2b_benchmark"]
        out.append(tr.t("budget.cvr_b2b", rate=tr.join(list(dict.fromkeys(
            tr.percent(m["cvr"]["mid"], 2) for m in b2b))),
            platforms=tr.join([platform_label(m["platform"]) for m in b2b]),
            sources=tr.join(sorted({s for m in b2b for s in m["cvr"]["sources"]}))))
    if paid.consumer_rated:
        out.append(tr.t("budget.consumer_rated", platforms=tr.join(
            [platform_label(p) for p in paid.consumer_rated])))
    borrowed = by.get("benchmark", []) + by.get("borrowed", [])
    if borrowed:
        shown = list(dict.fromkeys(tr.percent(m["cvr"]["mid"], 2) for m in borrowed))
        out.append(sector_cvr_note(plan, borrowed, shown) or tr.t(
            "budget.cvr_benchmark", rate=tr.join(shown),
            platforms=tr.join([platform_label(m["platform"]) for m in borrowed])))
    if any(b.startswith("client_web") for b in by):
        out.append(tr.t("budget.cvr_interval"))
    return out


def b2b_own_first(plan: Plan) -> str:
    """For a B2B lead goal, the platforms rated on the client's own web analytics rate
    although a published B2B lead-generation rate exists for them: each one's own rate
    beside the published range, and why the own one comes first ("" when none)."""
    tr, paid = plan.tr, plan.paid
    if not b2b_paid.applies(plan.brief, paid.conversion or ""):
        return ""
    items = []
    for m in paid.models:
        bench = b2b_paid.lead_cvr(m["platform"]) if m["cvr"]["basis"] in (
            "client_web_source", "client_web") else None
        if bench is None:
            continue
        items.append(tr.t("budget.cvr_b2b_own_item", platform=platform_label(m["platform"]),
                          own=tr.percent(m["cvr"]["mid"], 2), low=tr.percent(bench.low, 2),
                          high=tr.percent(bench.high, 2)))
    return tr.t("budget.cvr_b2b_own", items=tr.join(items)) if items else ""


def lead_value_note(plan: Plan) -> str:
    """A B2B lead's value on each platform, from the offer lines of the personas it reaches
    (``b2b_paid.lead_values``), and the break-even each gives when they differ."""
    tr, paid = plan.tr, plan.paid
    rate = plan.brief.budget.paid.sale_rate
    paths = lead_path_note(plan)
    if len({v["value"] for v in paid.lead_values.values()}) == 1:  # one value everywhere
        v = next(iter(paid.lead_values.values()))
        return tr.t("budget.lead_value_one", value=tr.money(v["value"], 2), lines=tr.join(
            list(v["lines"])), sale=tr.t("budget.aov_sale_rate", rate=tr.percent(rate, 0))
            if rate < 100 else "") + paths
    text = tr.t("budget.lead_values", items=tr.join([tr.t(
        "budget.lead_value_item_form" if "qualified" in v else "budget.lead_value_item",
        platform=platform_label(k), value=tr.money(v["value"], 2),
        share=tr.percent(v.get("qualified", 1) * 100, 0),  # its lead gen form leads
        lines=tr.join([f"{line} {tr.percent(w, 0)}" for line, w in v["lines"].items()]))
        for k, v in paid.lead_values.items()]), sale=tr.t(
        "budget.aov_sale_rate", rate=tr.percent(rate, 0)) if rate < 100 else "")
    each = break_even_each(plan, every=True)
    if each:
        forms = any("site_value" in v for v in paid.lead_values.values())  # form leads
        text += " " + tr.t("budget.break_even_each_site" if forms else "budget.break_even_each",
                           items=each, mean=tr.money(paid.break_even_cpa, 2),
                           event=lead_words(plan)["event"])
    return text + paths + untied_note(plan)


def untied_note(plan: Plan) -> str:
    """" The exception: on X, none of the personas buys ..." (leading space): the
    platforms whose lead is valued at what their personas buy, no persona there buying a
    line a lead buys (``b2b_paid.lead_values``: not ``tied``); "" without one."""
    tr, paid, brief = plan.tr, plan.paid, plan.brief
    out = {k: v for k, v in paid.lead_values.items() if not v.get("tied", True)}
    if not out or not left_out_lines(brief, "lead"):
        return ""
    kept = tr.join([o.name for o in event_lines(brief, "lead")])
    text = []
    for k, v in out.items():
        personas = [p.name for p in brief.targets.personas if k in p.channels
                    and p.offer in v["lines"]]
        text.append(tr.t("budget.lead_untied", platforms=platform_label(k), kept=kept,
                         personas=tr.join([tr.t("common.quoted", text=n) for n in personas]),
                         lines=tr.join(list(v["lines"])), value=tr.money(v["value"], 2),
                         **{k: w for k, w in lead_words(plan).items() if k != "count"}))
    return " " + " ".join(text)


def lead_path_note(plan: Plan) -> str:
    """" A lead is a demo request: it buys ... only; ... are bought without one" (leading
    space), when the brief's buying paths leave offer lines out of a lead's value
    (``offer_paths.event_lines``); "" otherwise."""
    tr = plan.tr
    out = left_out_lines(plan.brief, "lead")
    if not out:
        return ""
    kept = [o.name for o in event_lines(plan.brief, "lead")]
    return " " + tr.plural("budget.lead_paths", len(out), kept=tr.join(kept), out=tr.join(
        [o.name for o in out]))


def break_even_each(plan: Plan, every: bool = False) -> str | None:
    """The break-even cost per lead of each platform ("$791.04 on LinkedIn and ..."), when a
    B2B lead's value differs by platform and break-even is the first order's; the platforms
    with conversion spend only unless ``every``. None otherwise (one break-even for all)."""
    tr, paid = plan.tr, plan.paid
    spend = {c.platform for c in paid.channels if c.conversion_spend > 0}
    found = {k: v for k, v in per_platform(paid).items() if every or k in spend}
    if not found:  # the stop rule's per-platform break-even (conversion_cost)
        return None
    return tr.join([tr.t("budget.break_even_on", cpa=tr.money(v, 2),
                         platform=platform_label(k)) for k, v in found.items()])


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


def roas_text(plan: Plan) -> str:
    """The forecast's revenue and its one ROAS, on the conversion campaigns' spend
    (``Paid.totals``); with awareness spend, the return on all paid spend once, under that
    name."""
    tr, paid = plan.tr, plan.paid
    tot = paid.totals
    aware = paid.awareness_share > 0 and tot["roas_all_in"] is not None
    return tr.t("budget.roas_all_in" if aware else "budget.roas",
                revenue=tr.money(tot["revenue"]), spend=tr.money(tot["conversion_spend"]),
                roas=tr.number(tot["roas"], 2), all_in=tr.number(tot["roas_all_in"] or 0, 2),
                total=tr.money(paid.total))


def today_note(plan: Plan) -> str | None:
    """Today's ROAS from the ads history beside the forecast's (both on conversion
    campaigns: the awareness spend is in neither), and why they differ: more spend a month
    on each platform (diminishing returns), platforms without a history, the history's
    platforms without conversion spend, and break-even (the plan spends while one more
    sale still earns more than it costs)."""
    tr, paid = plan.tr, plan.paid
    today = paid.today
    if not today:
        return None
    lines = today["platforms"]
    reasons = []
    more = [line for line in lines if line["conversion_spend"] > 0 and line["roas_plan"]
            and line["spend_ratio"] > 1 + SPEND_BAND and line["roas_plan"] < line["roas_today"]]
    # like with like: conversion spend and ROAS against the history's (no awareness in either)
    if more:
        reasons.append(tr.t("budget.today_more", monthly=tr.money(today["monthly_plan"]),
                            today=tr.money(today["monthly_today"]), platforms=tr.join([
                                tr.t("budget.today_platform", platform=platform_label(
                                    line["platform"]), today=tr.number(line["roas_today"], 2),
                                    plan=tr.number(line["roas_plan"], 2),
                                    ratio=tr.number(line["spend_ratio"], 1))
                                for line in more])))
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
    if lower and paid.break_even_cpa and revenue_up(plan):  # more sales for a lower return
        reasons.append(tr.t("budget.today_break_even", cpa=tr.money(paid.break_even_cpa, 2)))
    text = tr.t("budget.today_lower" if lower else "budget.today_higher",
                spend=tr.money(today["spend_today"]), revenue=tr.money(today["revenue_today"]),
                months=tr.number(today["months_today"]), roas=tr.number(today["roas_today"], 2),
                forecast=tr.number(today["roas_plan"], 2),
                platforms=tr.join([f"{platform_label(line['platform'])} "
                                   f"{tr.number(line['roas_today'], 2)}" for line in lines]),
                reasons=tr.t("budget.today_sep").join(reasons) if reasons
                else tr.t("budget.today_same"))
    return " ".join(filter(None, [text, increment_note(plan), awareness_rows_note(plan),
                                  *retargeting_notes(plan)]))


def retargeting_notes(plan: Plan) -> list[str]:
    """Each platform whose ads history retargets (site visitors, cart, engagers, customers):
    what retargeting and prospecting each cost a conversion, and the capped pool the
    forecast keeps for retargeting (``retargeting.py``)."""
    tr, out = plan.tr, []
    for p, cal in (getattr(plan.paid, "calibration", None) or {}).items():
        pool = cal.get("retargeting")
        if not pool or not pool["cpa"] or not pool["prospecting_cpa"]:
            continue
        out.append(tr.t("budget.retargeting_pool", platform=platform_label(p),
                        pool=tr.number(pool["conversions"]), all=tr.number(cal["conversions"]),
                        rows=tr.number(pool["rows"]), cpa=tr.money(pool["cpa"], 2),
                        prospecting=tr.money(pool["prospecting_cpa"], 2),
                        multiple=tr.number(pool["max_multiple"],
                                          0 if float(pool["max_multiple"]).is_integer() else 1),
                        spend=tr.money(pool["monthly_cap_spend"]),
                        conversions=tr.number(pool["monthly_cap_conversions"], 1)))
    return out


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


def cost_note(plan: Plan) -> list:
    """The plan's one cost per conversion is conversion spend over conversions (the table's
    and every chapter's); the awareness spend buys reach, not conversions, and is costed on
    it: each platform's awareness spend, the people it reaches and its cost per 1,000 of
    them. Said when some spend buys awareness and some buys conversions."""
    tr, paid = plan.tr, plan.paid
    aware = [c for c in paid.channels if c.awareness_spend >= 0.5 and c.awareness_reach >= 1]
    costed = [c for c in paid.channels if c.conversions >= 0.5 and c.cpa]
    if not aware or not costed or not paid.totals["cpa"]:
        return []
    each = tr.join([f"{platform_label(c.platform)} {tr.money(c.cpa, 2)}" for c in costed])
    return [Html(render("paragraph.html.j2", css="smm-note", text=tr.t(
        "budget.cost_note", each=f" ({each})" if len(costed) > 1 else "",
        own=tr.t("budget.cost_note_own") if len(costed) > 1 else "",  # a platform's own
        average=tr.money(paid.totals["cpa"], 2),
        awareness=tr.money(sum(c.awareness_spend for c in aware)),
        reach=tr.join([cost_reach(plan, c) for c in aware]))))]


def frequency_note(plan: Plan) -> list:
    """The planned impressions a month per person reached (and the people reached a month)
    on each platform's reachable audience, and
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
                          reached=tr.number(round(reach, -2) if reach >= 1000 else round(reach)),
                          all=tr.number(whole or 0),
                          basis=tr.t(f"budget.frequency_basis.{basis}", month=month)))
    if not parts:
        return []
    return [Html(render("paragraph.html.j2", css="smm-note", text=" ".join(
        [tr.t("budget.frequency", platforms=tr.join(parts)), *thin_reach(plan)])))]


def leads_suffix(paid) -> str:
    """The locale key suffix of the seat-cap notes when the cap is a lead goal's bound
    (``lead_bound``) rather than an offer line's free seats."""
    return "_leads" if (paid.seats or {}).get("bound") else ""


def _bound(seats: dict) -> dict:
    """The lead bound's figures for its notes: today's leads a month and the multiple."""
    b = seats.get("bound")
    return {"baseline": round(b["baseline"], 1), "multiple": f"{b['multiple']:g}"} if b else {}


def bounds_notes(plan: Plan) -> list[str]:
    """Each planned platform's bounds from the brief (and scenario), in words: they apply
    to the platform's whole spend, awareness and conversions together."""
    tr = plan.tr
    out = []
    for c in plan.paid.channels:
        spec = plan.brief.budget.paid.channels.get(c.platform)
        if spec is None:
            continue
        name = platform_label(c.platform)
        if spec.fixed is not None:
            out.append(tr.t("budget.bound.fixed", platform=name, amount=tr.money(spec.fixed)))
        elif spec.min and spec.max is not None:
            out.append(tr.t("budget.bound.range", platform=name, min=tr.money(spec.min),
                            max=tr.money(spec.max)))
        elif spec.max is not None:
            out.append(tr.t("budget.bound.max", platform=name, amount=tr.money(spec.max)))
        elif spec.min:
            out.append(tr.t("budget.bound.min", platform=name, amount=tr.money(spec.min)))
    return out


def paid_months_notes(plan: Plan) -> list[str]:
    """No paid spend in the paid set-up months (``paid_months.setup_months``); bookings
    capped at the free seats."""
    tr, paid = plan.tr, plan.paid
    out = []
    first = paid.paid_months[0] if paid.paid_months else None
    if first and first > plan.brief.client.period.month_starts[0].isoformat()[:10]:
        opening = any(r.get("opening") for r in paid.monthly)  # openings_paid.py
        n = len(plan.brief.client.period.month_starts) - len(paid.paid_months)
        ad = first_conversion_ad(plan)
        if ad and ad["ahead"]:  # the one rule: its first ad, the budget it is paid from
            when = dt.date.fromisoformat(ad["month"])
            out.append(tr.plural("budget.setup_months_ahead", n,
                                 day=day(tr, dt.date.fromisoformat(ad["day"])),
                                 month=format_date(when, "MMMM", locale=tr.locale))
                       + (" " + tr.t("budget.setup_opening_before")) * opening)
        else:
            out.append(tr.plural("budget.setup_months" + "_opening" * opening, n,
                                 start=tr.month(dt.date.fromisoformat(first))))
    if paid.seats:
        s = paid.seats
        out.append(tr.t("budget.seats_cap_leads", free=tr.number(s["free"]), **_bound(s))
                   + _tests_on_top(plan) if leads_suffix(paid)
                   else seats_sentence(s, tr, lambda d: day(tr, d)))
        if s.get("budget_before"):  # the break-even budget, else the envelope, it replaced
            crossed = leads_suffix(paid) and paid.break_even_cpa \
                and s.get("before_basis") == "break_even"
            out.append(tr.t("budget.seats_total" + leads_suffix(paid)
                            + "_break_even" * bool(crossed),
                            total=tr.money(paid.total), before=tr.money(s["budget_before"]),
                            cpa=tr.money(paid.break_even_cpa or 0, 2)))
    return out


def _tests_on_top(plan: Plan) -> str:
    """The dated tests' leads that come on top of the lead limit
    (``paid_months.outside_caps``)."""
    tr, paid = plan.tr, plan.paid
    tests = tests_outside_caps(paid)
    rows = [r for r in paid.monthly if r["platform"] in tests and r["conversions"] > 0]
    if not rows:
        return ""
    months = sorted({r["month"] for r in rows})
    return " " + tr.t("budget.seats_cap_test", leads=tr.number(sum(
        r["conversions"] for r in rows)), platforms=tr.join(
        sorted({platform_label(r["platform"]) for r in rows})), months=tr.join(
        [tr.month(dt.date.fromisoformat(m[:10])) for m in months]))


def demand_note(plan: Plan) -> str:
    """Which months the sector's demand peaks in, and the months the phased spend and the
    conversions it buys are highest and lowest (read from the monthly forecast itself)."""
    from babel.dates import format_date

    tr = plan.tr
    if not plan.paid.monthly:
        return ""
    frame = pd.DataFrame(plan.paid.monthly)
    tests = {t["platform"] for t in plan.paid.tests}  # dated tests do not follow demand
    aside = _test_aside(plan, frame[frame["platform"].isin(tests)]) if tests else ""
    frame = frame[~frame["platform"].isin(tests)] if tests else frame
    opening = frame.groupby("month", sort=False)["opening"].sum() \
        if "opening" in frame else pd.Series(dtype=float)
    by = frame.groupby("month", sort=False)[["spend", "conversions"]].sum()
    if opening.sum() > 0.5:  # an opening campaign's reach ads do not follow demand: aside
        by["spend"] = by["spend"] - opening.reindex(by.index).fillna(0.0)
    by = by[by["spend"] > 0.5] if (by["spend"] > 0.5).any() else by  # the months paid runs in
    name = lambda m: tr.month(pd.Timestamp(m).date())  # noqa: E731
    months = {"spend_peak": name(by["spend"].idxmax()), "spend_low": name(by["spend"].idxmin()),
              "conv_peak": name(by["conversions"].idxmax()),
              "conv_low": name(by["conversions"].idxmin())}
    demand = plan.paid.demand.index  # the demand the phasing follows
    top = max(demand.values())
    peaks = [m for m, v in sorted(demand.items()) if v >= top - 0.05 and v > 1.0]
    if not peaks:
        return tr.t("budget.demand_flat", **months)
    seats = plan.paid.seats
    full = [name(m) for m, c in by["conversions"].items()
            if seats and c >= month_free(seats, m) - 0.05]
    if full:  # the seat cap, not the cost of advertising, sets where the money goes
        return tr.t("budget.demand_seats" + leads_suffix(plan.paid), full=tr.join(full),
                    peaks=tr.join([format_date(dt.date(2000, m, 1), "MMMM", locale=tr.locale)
                                   for m in peaks]), **months) \
            + _opening_aside(plan, opening) + aside
    follows = pd.Timestamp(by["spend"].idxmax()).month in peaks  # else "follows it" is false
    return tr.t("budget.demand" if follows else "budget.demand_value", peaks=tr.join([
        format_date(dt.date(2000, m, 1), "MMMM", locale=tr.locale) for m in peaks]),
        **months) + _opening_aside(plan, opening) + aside


def _test_aside(plan: Plan, rows: pd.DataFrame) -> str:
    """The dated tests' spend (``trial_test``), left out of the demand sentence's months."""
    tr = plan.tr
    spent = rows.groupby("month", sort=False)["spend"].sum()
    spent = spent[spent > 0.5]
    if spent.empty:
        return ""
    return " " + tr.t("budget.demand_test_aside", amount=tr.money(float(spent.sum())),
                      platforms=tr.join([platform_label(p) for p in rows["platform"].unique()]),
                      months=tr.join([tr.month(pd.Timestamp(m).date()) for m in spent.index]))


def _opening_aside(plan: Plan, opening: pd.Series) -> str:
    """The opening campaign's spend, left out of the demand sentence's months, said."""
    spent = opening[opening > 0.5]
    if spent.empty:
        return ""
    tr = plan.tr
    return " " + tr.t("budget.demand_opening_aside", amount=tr.money(float(spent.sum())),
                      months=tr.join([tr.month(pd.Timestamp(m).date()) for m in spent.index]))
