"""The cost per conversion and the return on ad spend of the conversion campaigns: each
platform's conversion spend over its conversions, and its revenue over that spend, without
the awareness spend, which buys reach and is costed on it. The ads history's own
definitions (its rates leave its awareness rows out), so the plan's one cost per
conversion and one ROAS (``Paid.totals``, the channel table's, the scenarios', the
objectives', the history beside the forecast) are computed here once; and the break-even
the stop rule holds each platform's conversion campaigns to (``platform_break_even``)."""

from __future__ import annotations

from .target_stops import distinct, platform_stops


def campaigns(channels) -> dict:
    """{spend, conversions, revenue} of the conversion campaigns of ``channels`` (objects
    with ``conversion_spend``, ``conversions`` and ``revenue``): the platforms with
    conversion spend and conversions, awareness spend left out."""
    rows = [c for c in channels if c.conversion_spend > 0 and c.conversions > 0]
    return {"spend": sum(c.conversion_spend for c in rows),
            "conversions": sum(c.conversions for c in rows),
            "revenue": sum(c.revenue or 0.0 for c in rows)}


def cost(spend: float, conversions: float) -> float | None:
    """Cost per conversion: conversion spend over conversions (None without conversions)."""
    return spend / conversions if conversions else None


def roas(revenue: float | None, spend: float) -> float | None:
    """Return on ad spend: revenue over conversion spend (None without either)."""
    return revenue / spend if revenue and spend else None


def conversion_only(paid) -> dict | None:
    """{average, platforms: {platform: cost}, awareness, with_awareness (the converting
    platforms that also buy awareness)}: the conversion campaigns' cost per conversion, on
    average and per platform with conversion spend and conversions; None without
    conversions."""
    rows = [c for c in paid.channels if c.conversion_spend > 0 and c.conversions > 0]
    conv = sum(c.conversions for c in rows)
    if not conv:
        return None
    return {"average": cost(sum(c.conversion_spend for c in rows), conv),
            "platforms": {c.platform: cost(c.conversion_spend, c.conversions) for c in rows},
            "awareness": sum(c.awareness_spend for c in paid.channels),
            "with_awareness": [c.platform for c in rows if c.awareness_spend >= 0.5]}


def per_platform(paid) -> dict:
    """{platform: break-even} of each platform's own lead value when the plan gives more
    than one, break-even is the first order's and one differs from the plan's break-even
    (``target_stops.distinct``); {} when one break-even holds for all. A platform whose
    lead is not tied to the lines a lead buys (``lead_gate``) is left out: its test is read
    on the leads from those lines' buyers, at their break-even."""
    each = {k: v["break_even"] for k, v in (paid.lead_values or {}).items()
            if v.get("break_even") and v.get("tied", True)}
    if paid.break_even_basis != "first_order" or len(set(each.values())) < 2 or not any(
            distinct(v, paid.break_even_cpa) for v in each.values()):
        return {}
    return each


def platform_break_even(paid) -> dict:
    """{platform: break-even} the stop rule, the scale rule, the growth step and every
    sentence hold each platform's conversion cost to, computed once: a B2B lead's value on
    that platform (``per_platform``), else the platform's own value per conversion x the
    margin (``target_stops.platform_stops``), each only when it differs materially from
    the plan's break-even (``target_stops.distinct``); else the plan's one break-even."""
    each = per_platform(paid) or {r["platform"]: r["stop"] for r in platform_stops(paid)}
    return {c.platform: each.get(c.platform, paid.break_even_cpa) for c in paid.channels}


def stop_thresholds(paid) -> dict:
    """The break-even each platform's conversion cost is held to by the stop rule
    (``platform_break_even``; said by ``views.budget_notes.break_even_each`` and
    ``views.target_stops``)."""
    return platform_break_even(paid)


def cap_break_even(paid) -> float | None:
    """The break-even the last conversions bought are held to when a cap (a lead bound, free
    seats), not break-even, stops the budget: the stop rule's break-even (``stop_thresholds``)
    of the one platform the conversion spend goes to, so one platform's lead has one
    break-even in every rule (a gated platform's dated test aside: its spend is fixed, the
    cap does not stop it); the plan's break-even when the spend is shared."""
    from .paid_months import tests_outside_caps

    gated = tests_outside_caps(paid)  # a dated test the cap does not stop
    spent = [c.platform for c in paid.channels if c.conversion_spend > 0
             and c.platform not in gated]
    if len(spent) != 1:
        return paid.break_even_cpa
    return stop_thresholds(paid).get(spent[0], paid.break_even_cpa)


def history_totals(platforms: dict | None) -> dict:
    """The ads history's conversion campaigns as the paid chapter calibrates them
    (``Paid.calibration``: {platform: {spend, conversions, revenue, months}}, awareness rows
    left out): {roas: {value, spend, revenue, months, platforms}} over the platforms with
    revenue and spend (one without revenue tracking would understate it) and {cpa: {value,
    spend, conversions, months, platforms}} over those with conversions, each when there.
    The one definition of today's ROAS and cost per conversion (``paid_value.against_today``,
    ``objectives.ads_kpis``)."""
    rows = {p: c for p, c in (platforms or {}).items() if c.get("spend")}
    out: dict = {}
    for kpi, field in (("roas", "revenue"), ("cpa", "conversions")):
        got = {p: c for p, c in rows.items() if c.get(field)}
        if not got:
            continue
        spend, amount = (sum(c[k] for c in got.values()) for k in ("spend", field))
        out[kpi] = {"value": roas(amount, spend) if kpi == "roas" else cost(spend, amount),
                    "spend": round(spend, 2), field: round(amount, 2),
                    "months": round(max(c.get("months") or 0.0 for c in got.values()), 1),
                    "platforms": list(got)}
    return out
