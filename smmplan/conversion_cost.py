"""The cost per conversion of the conversion campaigns alone: each platform's conversion
spend over its conversions, without the awareness spend the forecast's all-in cost per
conversion (``Paid.totals["cpa"]``, the channel table's) also carries. The basis the stop
rule's break-even applies to (an ad or audience of a conversion campaign), computed once
here for every sentence that compares the forecast with break-even."""

from __future__ import annotations


def conversion_only(paid) -> dict | None:
    """{average, platforms: {platform: cost}, all_in: {platform: cost}, awareness,
    with_awareness (the platforms whose all-in cost carries awareness spend)}: the
    conversion campaigns' cost per conversion, on average and per platform with conversion
    spend and conversions, beside each platform's all-in cost; None without conversions."""
    rows = [c for c in paid.channels if c.conversion_spend > 0 and c.conversions > 0]
    conv = sum(c.conversions for c in rows)
    if not conv:
        return None
    return {"average": sum(c.conversion_spend for c in rows) / conv,
            "platforms": {c.platform: c.conversion_spend / c.conversions for c in rows},
            "all_in": {c.platform: c.spend / c.conversions for c in rows},
            "awareness": sum(c.awareness_spend for c in paid.channels),
            "with_awareness": [c.platform for c in rows if c.awareness_spend >= 0.5]}


def stop_thresholds(paid) -> dict:
    """The break-even each platform's conversion cost is held to by the stop rule: its own
    lead value's break-even when the plan gives one per platform (``break_even_each``), else
    the plan's one break-even."""
    each = {k: v["break_even"] for k, v in (paid.lead_values or {}).items()
            if v.get("break_even")}
    per = paid.break_even_basis == "first_order" and len(set(each.values())) > 1
    return {c.platform: each.get(c.platform, paid.break_even_cpa) if per
            else paid.break_even_cpa for c in paid.channels}
