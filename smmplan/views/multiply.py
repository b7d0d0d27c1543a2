"""How many decimals a table's count column needs for a reader to multiply it back: a
count shown whole beside a value and the revenue they make (3 x 45 € beside 156 €) reads
as an error when the forecast's count is fractional (3.47). The fewest decimals (0 to 2)
at which every row's shown count x shown value is within rounding of its shown revenue
(one currency unit, or 0.2 % of the revenue when the value itself is rounded)."""

from __future__ import annotations

import math

import pandas as pd


def count_decimals(counts, values, revenues, most: int = 2) -> int:
    """The fewest decimals (at most ``most``) for ``counts`` so that count x value (each
    as shown: value to the cent, revenue to the unit) matches each row's revenue."""
    rows = [(c, v, r) for c, v, r in zip(counts, values, revenues, strict=True)
            if not any(x is None or (isinstance(x, float) and math.isnan(x)) for x in (c, v, r))]
    for d in range(most + 1):
        if all(abs(round(c, d) * round(v, 2) - round(r)) <= max(1.0, 0.002 * abs(r))
               for c, v, r in rows):
            return d
    return most


def whole_parts(values) -> list[int]:
    """Fractional counts as whole numbers that add up to their rounded sum (largest
    remainder): months of 3.4, 3.4 and 3.4 show 3, 3 and 4 beside a total of 10, not three
    3s beside 10."""
    values = [max(0.0, float(v)) for v in values]
    floors = [math.floor(v) for v in values]
    left = round(sum(values)) - sum(floors)
    order = sorted(range(len(values)), key=lambda i: -(values[i] - floors[i]))
    for i in order[:max(0, left)]:
        floors[i] += 1
    return floors


def month_places(paid) -> int:
    """Decimals of the paid forecast's monthly conversions, one for every table that shows
    them (the chapter's by platform, the appendix's by month, beside the P&L's revenue): the
    fewest at which each month's conversions x its order value give its revenue
    (``count_decimals``); 0 without an order value."""
    rows = pd.DataFrame(paid.monthly)
    if not paid.aov or rows.empty or rows["revenue"].isna().all():
        return 0
    value = "lead_revenue" if "lead_revenue" in rows else "revenue"
    by = rows.groupby("month", sort=False)[["conversions", value]].sum()
    order = by[value] / by["conversions"].where(by["conversions"] > 0)
    if paid.order_value.get("basis") == "offer":  # a booked offer's price, every month
        order = pd.Series(float(paid.aov), index=by.index)
    return count_decimals(by["conversions"], order, by[value])


def parts(values, places: int = 0) -> list[float]:
    """``whole_parts`` at ``places`` decimals: shown values that add up to their rounded
    sum."""
    scale = 10 ** places
    return [v / scale for v in whole_parts([float(v) * scale for v in values])]
