"""A customer's value over several contract years, for offer lines sold as annual contracts
(``offer[].billing: annual``) when the brief states the net revenue retention
(``budget.paid.net_revenue_retention``): year n's revenue is the first year's x retention^(n-1),
over ``data/paid.yaml`` ``contract_lifetime.years``. The paid forecast's revenue is a
conversion's first-year value; this values the same conversions over those years, and the
return on that view is shown beside the first-year one (``lifetime_roi``), never instead.
"""

from __future__ import annotations

from .brief import Brief
from .catalogue import paid_facts


def factor(retention: float, years: int) -> float:
    """Revenue over ``years`` contract years per unit of first-year revenue, at
    ``retention`` percent: 1 + r + r^2 + ... (118 % over 3 years: 3.5724)."""
    r = retention / 100
    return sum(r ** n for n in range(years))


def _annual_share(brief: Brief, platform: str, lead_values: dict, books: str | None) -> float:
    """The share of a conversion's first-year value on ``platform`` that comes from annual
    lines: the personas' lines on it (their weights x order values), else the booked line,
    else the offer lines' mean order value (how ``paid_value.conversion_value`` values it)."""
    prices = {o.name: o.average_order_value or 0.0 for o in brief.offer}
    annual = {o.name for o in brief.offer if o.billing == "annual"}
    if books:
        return 1.0 if books in annual else 0.0
    weights = (lead_values.get(platform) or {}).get("lines") or dict.fromkeys(prices, 1.0)
    total = sum(prices.get(k, 0.0) * w for k, w in weights.items())
    return sum(prices.get(k, 0.0) * w for k, w in weights.items() if k in annual) / total \
        if total else 0.0


def lifetime(brief: Brief, channels: list, lead_values: dict, books: str | None,
             margin: float | None) -> dict | None:
    """The paid forecast's conversions valued over the contract years: {years, retention,
    factor, lines (the annual lines), first_year (the forecast's revenue), revenue (over the
    years), margin, gross_margin, per_lead {platform: {first_year, value}}, customers
    {line: {first_year, value}}}; None without an annual line, a stated retention, a margin
    or forecast revenue."""
    retention = brief.budget.paid.net_revenue_retention
    lines = [o for o in brief.offer if o.billing == "annual" and o.average_order_value]
    first = sum(c.revenue for c in channels)
    if not lines or not retention or margin is None or first <= 0:
        return None
    years = int(paid_facts()["contract_lifetime"]["years"])
    f = factor(retention, years)
    revenue, per_lead = 0.0, {}
    for c in channels:
        share = _annual_share(brief, c.platform, lead_values, books)
        revenue += c.revenue * (1 + share * (f - 1))
        if c.conversions > 0:
            value = c.revenue / c.conversions
            per_lead[c.platform] = {"first_year": round(value, 2),
                                    "value": round(value * (1 + share * (f - 1)), 2)}
    return {"years": years, "retention": float(retention), "factor": round(f, 4),
            "lines": [o.name for o in lines], "first_year": round(first, 2),
            "revenue": round(revenue, 2), "margin": margin,
            "gross_margin": round(revenue * margin / 100, 2), "per_lead": per_lead,
            "customers": {o.name: {"first_year": o.average_order_value,
                                   "value": round(o.average_order_value * f, 2)}
                          for o in lines}}


def lifetime_roi(value: dict | None, total_cost: float | None) -> float | None:
    """The return on the multi-year view, percent (one decimal, as the first-year ROI): the
    gross margin the paid forecast's customers bring over the contract years against the
    plan's whole cost; None without either."""
    if not value or not total_cost:
        return None
    return round((value["gross_margin"] - total_cost) / total_cost * 100, 1)
