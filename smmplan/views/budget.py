"""Views of chapter 6, paid campaigns and budget."""

from __future__ import annotations

import datetime as dt

import pandas as pd

from .. import charts
from ..catalogue import paid_facts
from ..goal_gap import held_by_cap, rates_measured
from ..plan import Plan
from ..report import Column, Html, render
from .awareness_note import awareness_note
from .base import (
    Section,
    chapter_opening,
    day,
    platform_label,
    section_heading,
)
from .budget_notes import (
    bounds_notes,
    cost_note,
    cvr_notes,
    deal_note,
    demand_note,
    frequency_note,
    lead_value_note,
    leads_suffix,
    paid_months_notes,
    roas_text,
    today_note,
)
from .cost_names import cost_names_note
from .growth_track import growth_blocks
from .held_back import cap_notes, cap_values, held_break_even, sweep_cap
from .lead_gate import gate_notes
from .lifetime import value_note as lifetime_value_note
from .multiply import month_places, parts
from .opening_paid import opening_notes
from .paid_demand import forecast_note
from .paid_tests import test_plan_text
from .platform_values import cpa_note, platform_values
from .reserve import reserve_table
from .retention import programme_text
from .stop_basis import conversion_only_note
from .target_stops import low_notes
from .trial_share import trial_share_notes


def _gain(plan: Plan, value: float, reference: float) -> str:
    if not reference:
        return plan.tr.t("common.na")
    change = (value / reference - 1) * 100
    sign = "+" if change >= 0 else ""
    return sign + plan.tr.percent(change)


def split_reference(plan: Plan) -> tuple[str, float | None]:
    """The split the forecast's gain is stated against, and its conversions: the equal
    split ("") when it keeps the platforms' limits (or none fits), else the split closest
    to equal within them ("_nearest"), or none ("_forced") when that is the plan's own."""
    paid = plan.paid
    near = (paid.equal_split or {}).get("nearest")
    if (paid.equal_split or {}).get("feasible", True) or not near:
        return "", paid.equal_split_conversions
    planned = sum(c.conversions for c in paid.channels)
    return ("_forced" if abs(near["conversions"] - planned) < 0.005 * planned
            else "_nearest"), near["conversions"]


def budget_decisions(plan: Plan) -> list[str]:
    """The budget chapter's decisions in words (executive summary)."""
    tr, paid = plan.tr, plan.paid
    tot = paid.totals
    tests = {t["platform"]: t for t in paid.tests}  # dated, capped tests (trial_test)

    def share(c) -> str:  # "(40 %)", with its test's weeks and end when it is a test
        pct = tr.percent(c.spend / paid.total * 100, 0)
        if c.platform not in tests:
            return tr.t("summary_budget.split_share", share=pct)
        t = tests[c.platform]
        return tr.t("summary_budget.split_test", share=pct, weeks=tr.number(t["weeks"]),
                    end=day(tr, dt.date.fromisoformat(t["end"])))

    split = tr.join([f"{platform_label(c.platform)} {tr.money(c.spend)} {share(c)}"
                     for c in sorted(paid.channels, key=lambda c: -c.spend) if c.spend > 0])
    ref, against = split_reference(plan)
    return [tr.t("summary_budget.split", split=split),
            tr.t(f"summary_budget.forecast{ref}", conversions=tr.plural(
                f"plural.conversion_kind.{paid.conversion}", round(tot["conversions"]),
                cpa=tr.money(tot["cpa"], 2) if tot["cpa"] else tr.t("common.na")),
                 gain=_gain(plan, sum(c.conversions for c in paid.channels), against))
            + _with_tests(plan)]


def _with_tests(plan: Plan) -> str:
    """After a split's forecast: that it counts the dated tests ("" without one)."""
    tr, tests = plan.tr, plan.paid.tests
    if not tests:
        return ""
    return " " + tr.t("budget.split_with_test", platforms=tr.join(
        [platform_label(t["platform"]) for t in tests]), weeks=tr.number(tests[0]["weeks"]))


def budget_allocation(plan: Plan) -> Section:
    """Chapter heading, the split, the forecast per platform and why."""
    tr, paid = plan.tr, plan.paid
    tot = paid.totals
    conv = sum(c.conversions for c in paid.channels)
    low = sum(c.conversions_low for c in paid.channels)
    high = sum(c.conversions_high for c in paid.channels)
    ref, against = split_reference(plan)  # a split it could choose, not one past its limits
    blocks = [
        *chapter_opening(plan, "budget", budget_decisions(plan)),
        Html(render("paragraph.html.j2", lead=True, text=tr.t(
            "budget.intro", total=tr.money(paid.total), aware=tr.percent(paid.awareness_share, 0),
            objective=tr.t(f"budget.objective.{paid.objective}")))),
        section_heading(plan, "budget.allocation", "budget-allocation"),
        Html(render("paragraph.html.j2", css="smm-decision", text=tr.t(
            f"budget.decision{ref}", conversions=tr.plural(
                f"plural.conversion_noun.{paid.conversion}", round(conv)), low=tr.number(low),
            unit=tr.t(f"summary_budget.conversion_unit.{paid.conversion}"),
            high=tr.number(high), cpa=tr.money(tot["cpa"], 2) if tot["cpa"] else
            tr.t("common.na"), equal=tr.number(against),
            gain=_gain(plan, conv, against)) + _with_tests(plan))),
    ]
    if paid.held_back:
        hb = paid.held_back
        cap = held_by_cap(paid)  # a cap, not break-even, may be what stops the budget
        blocks.insert(2, Html(render("paragraph.html.j2", css="smm-decision", text=tr.t(
            f"budget.held_back{'_' + cap if cap else ''}", **cap_values(plan),
            envelope=tr.money(paid.envelope), total=tr.money(paid.total),
            cpa=tr.money(held_break_even(plan), 2),
            rest=tr.money(hb["budget"]),
            conversions=tr.number(hb["conversions"]),
            marginal=tr.money(hb["marginal_cpa"], 2) if hb["marginal_cpa"] else
            tr.t("common.na")))))
        # the past-buyer programme's part of the envelope, the held-back test, the programme
        texts = [*filter(None, [test_plan_text(plan), *programme_text(plan)])]
        blocks[3:3] = [Html(render("paragraph.html.j2", css="smm-decision", text=text))
                       for text in texts]
        blocks[3 + len(texts):3 + len(texts)] = growth_blocks(plan)  # the reserve's option
        blocks[3:3] = reserve_table(plan)  # the envelope's parts, each counted once
    if paid.aov:
        blocks.append(Html(render("paragraph.html.j2", text=roas_text(plan))))
    blocks += [Html(render("paragraph.html.j2", text=t)) for t in _assumptions(plan)]
    least = paid_facts()["test_share"]["min_read_conversions"]
    for u in paid.unearned:  # a test too small to read is not offered (data/paid.yaml)
        n = u["conversions"]  # the forecast's at the floor (budget.py), as the tests' reading
        blocks.append(Html(render("paragraph.html.j2", css="smm-note", text=tr.t(
            "budget.unearned_unreadable" if n < least else "budget.unearned",
            platform=platform_label(u["platform"]), platform_key=u["platform"],
            floor=tr.money(paid.min_useful_spend), cpa=tr.money(u["break_even"], 2),
            n=tr.plural(f"plural.conversion_noun.{paid.conversion}", round(n)),
            cost=tr.money(u["marginal_cpa"], 2) if u["marginal_cpa"] else tr.t("common.na")))))
    blocks += [Html(render("paragraph.html.j2", css="smm-decision", text=t))
               for t in trial_share_notes(plan) + gate_notes(plan) + opening_notes(plan)
               + awareness_note(plan)]
    test = plan.held_back_test  # a platform left out of the split may be the held-back test's
    for ex in paid.excluded:
        tested = test is not None and test["platform"] == ex["platform"]
        blocks.append(Html(render("paragraph.html.j2", css="smm-note", text=tr.t(
            "budget.excluded_tested" if tested else "budget.excluded",
            platform=platform_label(ex["platform"]),
            missing=", ".join(m.upper() for m in ex["missing"]),
            **({"budget": tr.money(test["budget"]), "start": day(
                tr, dt.date.fromisoformat(test["start"])), "decide": day(
                tr, dt.date.fromisoformat(test["decide"]))} if tested else {})))))
    frame = pd.DataFrame([{
        "platform": c.platform, "platform_name": platform_label(c.platform), "spend": c.spend,
        "awareness_spend": c.awareness_spend, "conversion_spend": c.conversion_spend,
        "impressions": c.impressions, "reach": c.reach, "clicks": c.clicks,
        "conversions": c.conversions, "conversions_low": c.conversions_low,
        "conversions_high": c.conversions_high, "cpa": c.cpa, "revenue": c.revenue,
        "roas": c.roas,
    } for c in paid.channels])
    frame["range"] = [f"{tr.number(lo)}–{tr.number(hi)}" for lo, hi in
                      zip(frame["conversions_low"], frame["conversions_high"], strict=True)]
    money, num = (lambda v: tr.money(v)), (lambda v: tr.number(v))
    cols = [Column("platform_name", tr.t("table.platform")),
            Column("spend", tr.t("table.spend"), money),
            Column("awareness_spend", tr.t("table.awareness"), money),
            Column("impressions", tr.t("table.impressions"), num),
            Column("reach", tr.t("table.reach"), num),
            Column("clicks", tr.t("table.clicks"), num),
            Column("conversions", tr.t("table.conversions"), num),
            Column("range", tr.t("table.range")),
            Column("cpa", tr.t("table.cpa"), lambda v: tr.money(v, 2))]
    if paid.aov:
        cols += [Column("revenue", tr.t("table.revenue"), money),
                 Column("roas", tr.t("table.roas"), lambda v: tr.number(v, 2))]
    blocks += [
        plan.record.figure("allocation", "budget", charts.allocation_chart(
            list(frame["platform"]), list(frame["awareness_spend"]),
            list(frame["conversion_spend"]), tr, plan.theme)),
        plan.record.table("budget", "budget", tr.t("budget.allocation"), frame, cols),
        *frequency_note(plan), *cost_note(plan)]
    history = (paid.history or {}).get("platforms", {})
    for c in paid.channels:
        if c.extrapolated:
            months = plan.brief.client.period.months
            blocks.append(Html(render("paragraph.html.j2", css="smm-decision", text=tr.t(
                "budget.extrapolated", platform=platform_label(c.platform),
                monthly=tr.money(c.spend / months),
                max=tr.money(history[c.platform]["max_monthly_spend"])))))
    blocks += [Html(render("paragraph.html.j2", css="smm-note", text=cpa_note(plan, note)))
               for note in paid.cpa_notes]  # like with like: conversion campaigns only
    bounds = bounds_notes(plan)
    if bounds:
        blocks.append(Html(render("paragraph.html.j2", text=tr.t("budget.bounds",
                                                                 bounds=tr.join(bounds)))))
    blocks.append(Html(render("paragraph.html.j2", css="smm-note",
                              text=tr.t("budget.see_appendix"))))
    return Section(*blocks)


def _assumptions(plan: Plan) -> list[str]:
    """What one conversion is, where its rate and value come from, and how the split
    compares with the history's split and an equal one."""
    tr, paid = plan.tr, plan.paid
    out = [tr.t(f"budget.conversion.{paid.conversion}")]
    out += cvr_notes(plan)
    out += _value_notes(plan)
    key = "revenue" if paid.objective != "conversions" and paid.aov else "conversions"
    fmt = tr.money if key == "revenue" else tr.number
    value = sum(getattr(c, key) for c in paid.channels)
    def shown(split: dict) -> str:  # its value, the one the headline compares with
        bounds = "" if split["feasible"] else tr.t("budget.split_outside_bounds")
        return fmt(split[key]) + bounds

    equal = shown(paid.equal_split) if paid.equal_split else tr.t("common.na")
    if paid.historical_split:
        shares = paid.historical_split["shares"]
        history = tr.join([f"{platform_label(p)} {tr.percent(v, 0)}"
                           for p, v in shares.items() if v])
        out.append(tr.t("budget.vs_splits", history=history,
                        history_value=shown(paid.historical_split), equal_value=equal,
                        value=fmt(value), what=tr.t(f"budget.split_metric.{key}")))
    elif paid.equal_split:
        near = paid.equal_split.get("nearest")  # the feasible reference beside it
        out.append(tr.t("budget.vs_equal", equal_value=equal, value=fmt(value),
                        what=tr.t(f"budget.split_metric.{key}")) + (tr.t(
            "budget.vs_nearest", value=fmt(near[key]), spend=tr.join(
                [f"{platform_label(c.platform)} {tr.money(s)}" for c, s in
                 zip(paid.channels, near["spend"], strict=True) if s > 0.5]))
            if split_reference(plan)[0] == "_nearest" else ""))
    return out


def _value_notes(plan: Plan) -> list[str]:
    """What one conversion is worth and why (the offer it books, the ads history or the
    offers' mean), and the customer-value break-even beside the first order's."""
    tr, paid = plan.tr, plan.paid
    out = []
    if paid.aov_basis == "history" and paid.aov:
        out.append(tr.t("budget.aov_history", aov=tr.price(paid.aov)) + platform_values(plan))
    elif paid.aov_basis == "offer" and paid.aov:
        out.append(tr.t("budget.aov_offer", value=tr.price(paid.aov), offer=paid.books,
                        margin=tr.percent(paid.margin, 0),
                        cpa=tr.money(paid.first_order_break_even, 2)))
    elif paid.lead_values:
        out.append(lead_value_note(plan))
    elif paid.aov:
        rate = plan.brief.budget.paid.sale_rate
        out.append(tr.t("budget.aov_brief", value=tr.price(paid.aov), sale=tr.t(
            "budget.aov_sale_rate", rate=tr.percent(rate, 0)) if rate < 100 else ""))
    cv = paid.customer_value
    if cv:  # shown, not the break-even: the forecast's conversions hold the repeats
        out.append(tr.t(
            "budget.break_even_customer", file=cv["file"],
            orders_file=tr.number(cv["orders_per_customer"], 1),
            spend=tr.money(cv["spend_per_customer"]), file_months=tr.number(cv["file_months"]),
            file_basis=tr.t(f"budget.customer_file_{cv['file_months_basis']}"),
            months=tr.number(cv["months"]), orders=tr.number(cv["orders"], 2),
            order_value=tr.money(cv["order_value"], 2), value=tr.money(cv["value"], 2),
            cpa=tr.money(cv["break_even"], 2), use=tr.t(
                "budget.customer_in_forecast", first=tr.money(paid.first_order_break_even, 2),
                aov=tr.price(paid.aov))))
    return out + lifetime_value_note(plan)  # annual contracts: their value over the years


def sweep_span(paid) -> tuple[float, float]:
    """The budgets the sweep table shows, lowest and highest, as percent of the brief's
    paid budget: the range the text states is the table's own."""
    budgets = [r["budget"] for r in paid.sweep]
    base = paid.envelope or paid.total
    return min(budgets) / base * 100, max(budgets) / base * 100


def _seats_full(paid) -> float | None:
    """The first tested budget whose bookings fill every free seat (``Paid.seats``)."""
    if not paid.seats:
        return None
    cap = sweep_cap(paid)
    return next((r["budget"] for r in paid.sweep if r["conversions"] >= cap - 0.5), None)


def budget_scenarios(plan: Plan) -> Section:
    """Budget sweep, break-even, and low / mid / high scenarios (mid = the headline's)."""
    tr, paid = plan.tr, plan.paid
    if paid.break_even_cpa is None:
        text = tr.t("budget.break_even_unknown")
    elif paid.objective == "conversions" and paid.break_even_budget is not None \
            and paid.break_even_budget < paid.total:
        text = tr.t("budget.past_break_even", total=tr.money(paid.total),
                    budget=tr.money(paid.break_even_budget),
                    cpa=tr.money(paid.break_even_cpa, 2))
    elif _seats_full(paid) is not None:
        text = tr.t("budget.seats_full" + leads_suffix(paid), budget=tr.money(_seats_full(paid)),
                    line=paid.seats["line"], seats=tr.number(
                        paid.seats.get("free_paid", paid.seats["free"] * len(paid.paid_months))))
        text = " ".join(filter(None, [text, cap_notes(plan)]))
    elif paid.break_even_budget is None:
        low, high = sweep_span(paid)
        own = rates_measured(paid) or not paid.paid_months  # else: no more budget yet
        text = tr.t("budget.break_even_none" if own else "budget.break_even_none_unmeasured",
                    cpa=tr.money(paid.break_even_cpa, 2), low=tr.percent(low, 0),
                    high=tr.percent(high, 0), month=tr.month(dt.date.fromisoformat(
                        paid.paid_months[0])) if paid.paid_months else "") + conversion_only_note(
                        plan)  # the campaigns' own cost beside it, or why it does not pay
    else:
        text = tr.t("budget.break_even", cpa=tr.money(paid.break_even_cpa, 2),
                    budget=tr.money(paid.total if paid.stop == "break_even" else
                                    paid.break_even_budget))  # the plan's, once
    headline = {"mid": {"conversions": sum(c.conversions for c in paid.channels)}}
    scen = pd.DataFrame([{"scenario": k, "scenario_name": tr.t(f"budget.scenario.{k}"),
                          **v, **headline.get(k, {})} for k, v in paid.scenarios.items()])
    cols = [Column("scenario_name", tr.t("table.scenario")),
            Column("conversions", tr.t("table.conversions"), lambda v: tr.number(v)),
            Column("cpa", tr.t("table.cpa"), lambda v: tr.money(v, 2))]
    if paid.aov:
        cols += [Column("revenue", tr.t("table.revenue"), lambda v: tr.money(v)),
                 Column("roas", tr.t("table.roas"), lambda v: tr.number(v, 2))]
    sweep = pd.DataFrame(paid.sweep)
    funded = [c for c in paid.channels if c.conversion_spend > 0]
    by_scenario = {"low": [c.conversions_low for c in funded],
                   "mid": [c.conversions for c in funded],
                   "high": [c.conversions_high for c in funded]}
    return Section(
        section_heading(plan, "budget.scenarios", "budget-scenarios"),
        Html(render("paragraph.html.j2", css="smm-decision", text=text)),
        *([Html(render("paragraph.html.j2", text=today))] if (today := today_note(plan)) else []),
        plan.record.figure("budget_scenarios", "budget", charts.scenario_chart(
            [c.platform for c in funded], by_scenario,
            {k: tr.t(f"budget.scenario.{k}") for k in by_scenario}, tr, plan.theme)),
        plan.record.figure("budget_sweep", "budget", charts.sweep_chart(
            paid.sweep, paid.break_even_cpa, paid.total, tr, plan.theme)),
        plan.record.table("budget_scenarios", "budget", tr.t("budget.scenarios"), scen, cols),
        *[Html(render("paragraph.html.j2", text=t)) for t in low_notes(plan)],
        plan.record.table(
            "budget_sweep", "budget", tr.t("chart.sweep_title"), sweep,
            [Column("budget", tr.t("table.budget"), lambda v: tr.money(v)),
             Column("conversions", tr.t("table.conversions"), lambda v: tr.number(v)),
             Column("marginal_cpa", tr.t("table.marginal_cpa"), lambda v: tr.money(v, 2))]),
        *[Html(render("paragraph.html.j2", css="smm-note", text=t))
          for t in filter(None, [cost_names_note(plan)])],  # four costs, four measures
    )


def budget_forecast(plan: Plan) -> Section:
    """Monthly phasing, what to sponsor, and the sources of every rate."""
    tr, paid = plan.tr, plan.paid
    monthly, month_cols = monthly_pivot(plan)
    spend, spend_cols = monthly_pivot(plan, "spend")
    sponsor = pd.DataFrame(paid.sponsor)
    sponsor["name"] = [tr.t(f"budget.content.{c}") if r == "rule" else c
                       for c, r in zip(sponsor["content_type"], sponsor["basis"], strict=True)]
    yes_no = {True: tr.t("common_yes_no.true"), False: tr.t("common_yes_no.false")}
    basis = "history" if (sponsor["basis"] == "history").any() else "rule"
    blocks = [
        section_heading(plan, "budget.forecast", "budget-forecast"),
        Html(render("paragraph.html.j2", css="smm-note", text=forecast_note(plan))),
        Html(render("paragraph.html.j2", text=demand_note(plan))),
        *[Html(render("paragraph.html.j2", text=tr.t(
            "budget.peak_outweighed", month=tr.month(pd.Timestamp(p["month"]).date()),
            demand=tr.percent((p["demand"] - 1) * 100, 0),
            cpm=tr.percent((p["cpm"] - 1) * 100, 0), spend=tr.money(p["spend"]),
            mean=tr.money(p["mean"])))) for p in paid.peaks],
        *[Html(render("paragraph.html.j2", text=t)) for t in paid_months_notes(plan)],
        *([Html(render("paragraph.html.j2", text=deal))] if (deal := deal_note(plan)) else []),
        plan.record.figure("monthly_forecast", "budget",
                           charts.monthly_chart(paid.monthly, tr, plan.theme)),
        plan.record.table(
            "budget_monthly", "budget", tr.t("budget.forecast_by_month"), monthly,
            [Column("platform_name", tr.t("table.platform")),
             Column("spend_total", tr.t("table.spend"), lambda v: tr.money(v)),
             *month_cols,
             Column("total", tr.t("table.conversions"),
                    lambda v: tr.number(v, month_places(paid)))]),
        plan.record.table(
            "budget_monthly_spend", "budget", tr.t("budget.spend_by_month"), spend,
            [Column("platform_name", tr.t("table.platform")), *spend_cols,
             Column("total", tr.t("table.spend"), lambda v: tr.money(v))]),
        section_heading(plan, "budget.sponsor", "budget-sponsor"),
        Html(render("paragraph.html.j2", text=tr.t(f"budget.sponsor_{basis}"))),
        plan.record.table(
            "sponsor", "budget", tr.t("budget.sponsor"), sponsor,
            [Column("name", tr.t("table.content_type")),  # no post history: no columns of 0
             *([Column("posts", tr.t("table.posts"), lambda v: tr.number(v)),
                Column("engagement_rate", tr.t("table.engagement_rate"),
                       lambda v: tr.percent(v, 2))] if basis == "history" else []),
             Column("sponsor", tr.t("table.sponsor"), yes_no.get)]),
        *_targeting(plan),
    ]
    return Section(*blocks)


def _targeting(plan: Plan) -> list:
    """From the ads export's breakdowns, the cheapest and dearest segments to target."""
    tr, paid = plan.tr, plan.paid
    history = paid.history or {}
    blocks: list = []
    rows = []
    breakdowns = pd.DataFrame(history.get("breakdowns") or [])
    for key, group in breakdowns.groupby("breakdown", sort=False) if len(breakdowns) else []:
        if len(group) < 2:
            continue
        group = group.sort_values("cost_per_result", kind="stable")
        low, high = group.iloc[0], group.iloc[-1]
        rows.append({
            "breakdown": tr.t(f"paid_market.breakdown.{key}"),
            "cheapest": str(low["value"]), "cheapest_cost": low["cost_per_result"],
            "cheapest_range": f"{tr.money(low['low'], 2)}–{tr.money(low['high'], 2)}",
            "dearest": str(high["value"]), "dearest_cost": high["cost_per_result"],
            "dearest_range": f"{tr.money(high['low'], 2)}–{tr.money(high['high'], 2)}",
            "clear": tr.t("common_yes_no.true" if low["high"] < high["low"]
                          else "common_yes_no.false")})
    if rows:
        money = lambda v: tr.money(v, 2)  # noqa: E731
        blocks += [
            section_heading(plan, "paid_market.targeting", "budget-targeting"),
            Html(render("paragraph.html.j2", css="smm-note", text=tr.t(
                "paid_market.targeting_note", file=history["file"]))),
            plan.record.table("ads_targeting", "budget", tr.t("paid_market.targeting"),
                              pd.DataFrame(rows), [
                Column("breakdown", tr.t("paid_market.col_breakdown")),
                Column("cheapest", tr.t("paid_market.col_cheapest")),
                Column("cheapest_cost", tr.t("paid_market.col_cost"), money),
                Column("cheapest_range", tr.t("table.range")),
                Column("dearest", tr.t("paid_market.col_dearest")),
                Column("dearest_cost", tr.t("paid_market.col_cost"), money),
                Column("dearest_range", tr.t("table.range")),
                Column("clear", tr.t("paid_market.col_clear"))])]
    return blocks


def monthly_pivot(plan: Plan, line: str = "conversions"
                   ) -> tuple[pd.DataFrame, list[Column]]:
    """The monthly forecast as one row per platform: its ``line`` (spend, phased by
    ``paid_value.phase``, or conversions) month by month, its total spend and its total
    ``line``."""
    tr = plan.tr
    rows = pd.DataFrame(plan.paid.monthly)
    if rows.empty:
        return pd.DataFrame(columns=["platform_name", "spend_total", "total"]), []
    places = month_places(plan.paid)
    months = list(dict.fromkeys(rows["month"]))
    keys = {m: f"m{i + 1:02d}" for i, m in enumerate(months)}
    table = []
    for platform, group in rows.groupby("platform", sort=False):
        by_month = dict(zip(group["month"], group[line], strict=True))
        if line == "conversions":  # counts that add up to the total shown, at the
            by_month = dict(zip(months, parts([by_month.get(m, 0.0) for m in months],  # same
                                              places), strict=True))  # decimals as the appendix
        table.append({"platform": platform, "platform_name": platform_label(platform),
                      "spend_total": float(group["spend"].sum()),
                      **{keys[m]: by_month.get(m, 0.0) for m in months},
                      "total": float(group[line].sum())})
    fmt = (lambda v: tr.money(v)) if line == "spend" else (lambda v: tr.number(v, places))
    cols = [Column(keys[m], tr.month(pd.Timestamp(m).date()), fmt) for m in months]
    return pd.DataFrame(table), cols
