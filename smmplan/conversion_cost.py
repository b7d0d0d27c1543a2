"""The cost per conversion of the conversion campaigns: each platform's conversion spend
over its conversions, without the awareness spend, which buys reach and is costed on it.
The plan's one cost per conversion (``Paid.totals["cpa"]``, the channel table's, the
scenarios'), and the basis the stop rule's break-even applies to (an ad or audience of a
conversion campaign), computed once here for every sentence that compares the forecast
with break-even."""

from __future__ import annotations


def conversion_only(paid) -> dict | None:
    """{average, platforms: {platform: cost}, awareness, with_awareness (the converting
    platforms that also buy awareness)}: the conversion campaigns' cost per conversion, on
    average and per platform with conversion spend and conversions; None without
    conversions."""
    rows = [c for c in paid.channels if c.conversion_spend > 0 and c.conversions > 0]
    conv = sum(c.conversions for c in rows)
    if not conv:
        return None
    return {"average": sum(c.conversion_spend for c in rows) / conv,
            "platforms": {c.platform: c.conversion_spend / c.conversions for c in rows},
            "awareness": sum(c.awareness_spend for c in paid.channels),
            "with_awareness": [c.platform for c in rows if c.awareness_spend >= 0.5]}


def per_platform(paid) -> dict:
    """{platform: break-even} of each platform's own lead value when the plan gives more
    than one and break-even is the first order's; {} when one break-even holds for all.
    A platform whose lead is not tied to the lines a lead buys (``lead_gate``) is left
    out: its test is read on the leads from those lines' buyers, at their break-even."""
    each = {k: v["break_even"] for k, v in (paid.lead_values or {}).items()
            if v.get("break_even") and v.get("tied", True)}
    if paid.break_even_basis != "first_order" or len(set(each.values())) < 2:
        return {}
    return each


def stop_thresholds(paid) -> dict:
    """The break-even each platform's conversion cost is held to by the stop rule: its own
    lead value's break-even when the plan gives one per platform (``per_platform``, said
    by ``views.budget_notes.break_even_each``), else the plan's one break-even."""
    each = per_platform(paid)
    return {c.platform: each.get(c.platform, paid.break_even_cpa) for c in paid.channels}


def cap_break_even(paid) -> float | None:
    """The break-even the last conversions bought are held to when a cap (a lead bound, free
    seats), not break-even, stops the budget: the stop rule's break-even (``stop_thresholds``)
    of the one platform the conversion spend goes to, so one platform's lead has one
    break-even in every rule; the plan's break-even when the spend is shared."""
    spent = [c.platform for c in paid.channels if c.conversion_spend > 0]
    if len(spent) != 1:
        return paid.break_even_cpa
    return stop_thresholds(paid).get(spent[0], paid.break_even_cpa)
