"""What a paid conversion is worth and where each platform's rates come from, for the
paid chapter (``budget.py``):

- the value of one conversion: the offer line it books (``budget.paid.books``), else the
  ads export's value per conversion, else the mean of the offer lines' order values;
- a customer's value over a horizon when the customer file holds repeat orders (orders
  count and amount spent per customer): break-even on it as well as on the first order;
- each platform's conversion rate from the client's web analytics, by traffic source, when
  the source has enough sessions (``data/paid.yaml`` ``web_sources``);
- whether a platform earns its minimum useful spend (marginal cost at that spend against
  break-even);
- the monthly phasing of spend: more where demand, order value and cheaper impressions make
  a unit of spend return more.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from .benchmarks import Range, season_factors
from .brief import Brief
from .catalogue import paid_facts
from .errors import DataError
from .exports.columns import find_column
from .exports.table import read_export
from .exports.values import parse_dates, parse_numbers


@dataclass
class ConversionValue:
    """Value of one conversion (order value x sale rate), the margin on it, and why."""

    value: float | None
    margin: float | None  # percent
    basis: str  # "offer" (the line it books), "history" (ads export), "brief" (offers' mean)
    offer: str | None = None


def conversion_value(brief: Brief, history_value: float | None) -> ConversionValue:
    """The value of one conversion: the booked offer line's order value (``budget.paid.books``)
    and its margin, else ``history_value`` (the ads export's value per conversion), else the
    mean of the offer lines' order values; margins are the offer lines' mean unless a line
    is booked."""
    paid = brief.budget.paid
    lines = brief.offer
    margins = [o.gross_margin for o in lines if o.gross_margin]
    margin = float(np.mean(margins)) if margins else None
    if paid.books:
        line = next(o for o in lines if o.name == paid.books)
        if not line.average_order_value:
            raise DataError(f"{brief.source}: offer[{lines.index(line)}].average_order_value: "
                            f"needed to value a conversion that books {line.name!r} "
                            "(budget.paid.books)")
        return ConversionValue(line.average_order_value * paid.sale_rate / 100,
                               line.gross_margin or margin, "offer", line.name)
    if history_value:
        return ConversionValue(history_value, margin, "history")
    aovs = [o.average_order_value for o in lines if o.average_order_value]
    return ConversionValue(float(np.mean(aovs)) * paid.sale_rate / 100 if aovs else None,
                           margin, "brief")


def customer_value(brief: Brief, margin: float | None) -> dict | None:
    """A customer's value over ``budget.paid.customer_months`` from the customer file's
    orders count and amount spent per customer: orders over the horizon at the file's pace
    (its orders over the months it covers: ``budget.paid.customer_file_months``, else the
    span of its last-order dates; never beyond what it covers), x its spend per order;
    break-even = that x margin x sale rate. None without both columns, a margin or repeat
    orders."""
    paid = brief.budget.paid
    if margin is None or paid.books:  # a booked offer is valued by its own line
        return None
    found = read_export(brief, "audience")
    if found is None:
        return None
    from .audience import load_audience  # the typed table: which column holds the value

    table, columns, name = found
    audience = load_audience(brief)
    orders_col = find_column(table.columns, "audience", "orders", columns)
    value_col = audience.value_column if audience else None
    if orders_col is None or value_col not in table.columns:
        return None
    orders = parse_numbers(table[orders_col])
    spent = parse_numbers(table[value_col])
    ok = orders.notna() & spent.notna() & (orders > 0)
    if ok.sum() < 30 or orders[ok].mean() <= 1.0:
        return None
    covered, basis = paid.customer_file_months, "brief"
    if covered is None:
        last = find_column(table.columns, "audience", "last_order", columns)
        when = parse_dates(table[last]) if last in table.columns else None
        if when is None or when.notna().sum() < 2:
            return None
        covered, basis = max(1.0, (when.max() - when.min()).days / 30.44), "dates"
    horizon = min(paid.customer_months, covered)
    per_customer = float(orders[ok].mean())
    order_value = float(spent[ok].sum() / orders[ok].sum())
    in_horizon = max(1.0, per_customer * horizon / covered)
    value = in_horizon * order_value * paid.sale_rate / 100
    return {"file": name, "customers": int(ok.sum()), "orders_per_customer": round(
        per_customer, 2), "spend_per_customer": round(float(spent[ok].mean()), 2),
            "order_value": round(order_value, 2), "file_months": round(float(covered), 1),
            "file_months_basis": basis, "months": round(float(horizon), 1),
            "orders": round(in_horizon, 2), "value": round(value, 2),
            "break_even": round(value * margin / 100, 2)}


def _platform_of(source: str, aliases: dict[str, list[str]]) -> str | None:
    """The platform a web-analytics source ("linkedin / social", "t.co / referral") is."""
    token = source.split("/")[0].strip().lower()
    for prefix in ("www.", "m.", "l.", "lm."):
        token = token.removeprefix(prefix)
    return next((p for p, names in aliases.items() if token in names), None)


def web_cvr_by_platform(web: pd.DataFrame | None, file: str) -> dict[str, Range]:
    """Each platform's conversion rate of its visits in the web analytics export (key events
    over sessions), for the platforms whose sessions reach ``web_sources.min_sessions``."""
    if web is None or web.empty:
        return {}
    facts = paid_facts()["web_sources"]
    frame = web.assign(platform=[_platform_of(s, facts["aliases"]) for s in web["source"]])
    by = frame.dropna(subset=["platform"]).groupby("platform")[["sessions",
                                                                 "conversions"]].sum()
    return {p: Range(*([float(r.conversions / r.sessions * 100)] * 3), [file],
                     "client_web_source")
            for p, r in by.iterrows() if r.sessions >= facts["min_sessions"]}


def earns_its_floor(curve, floor: float, break_even: float | None) -> tuple[bool, float | None]:
    """Whether a platform's marginal cost per conversion at the minimum useful spend
    ``floor`` (its conversions curve's slope there) is within break-even; and that cost."""
    if not break_even or floor <= 0:
        return True, None
    step = max(floor * 0.01, 1e-6)
    slope = float(curve(floor + step) - curve(floor)) / step
    marginal = 1 / slope if slope > 0 else float("inf")
    return marginal <= break_even, (round(marginal, 2) if np.isfinite(marginal) else None)


def month_weights(platform: str, months: list[pd.Timestamp], overrides: dict,
                  demand: dict[int, float], index: dict[int, float]) -> dict[str, np.ndarray]:
    """Per month: ``spend`` share (returns per unit of spend: demand x order value / CPM
    factor, normalised), and the shares of the channel's impressions, conversions and
    revenue that spend buys (each summing to 1)."""
    factors = np.asarray(season_factors(platform, months, overrides), dtype=float)
    want = np.array([demand[m.month] for m in months])
    value = np.array([index[m.month] for m in months])
    spend = want * value / factors
    spend = spend / spend.sum()
    seen = spend / factors
    bought = seen * want
    worth = bought * value
    return {"spend": spend, "impressions": seen / seen.sum(),
            "conversions": bought / bought.sum(), "revenue": worth / worth.sum()}


def phase(models, channels, months, values, overrides, demand, index) -> list[dict]:
    """Each platform's spend, impressions, conversions and revenue by month: spend phased
    by ``month_weights`` (more in the months a unit of spend returns more), the channel's
    totals kept."""
    rows = []
    for m, c, v in zip(models, channels, values, strict=True):
        if c.spend <= 0:
            continue
        w = month_weights(m.platform, months, overrides, demand, index)
        for i, month in enumerate(months):
            rows.append({"month": month.date().isoformat(), "platform": m.platform,
                         "spend": round(c.spend * w["spend"][i], 2),
                         "impressions": round(c.impressions * w["impressions"][i], 1),
                         "conversions": round(c.conversions * w["conversions"][i], 2),
                         "revenue": round(c.conversions * v * w["revenue"][i], 2)
                         if v else None})
    return rows
