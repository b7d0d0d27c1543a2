"""Order value (average basket) by calendar month: the client's own pattern first (an ads
export with revenue, conversions and a date gives revenue per conversion month by month),
else the sector playbook's ``order_value_by_month`` (``data/sectors/``, with its source).
An index per month averaging 1.0 over the year: the brief's order value is the year's
mean, each month's order value is that mean x its index."""

from __future__ import annotations

import pandas as pd

from .brief import Brief
from .catalogue import paid_facts
from .exports.ads import read_ads
from .sectors import order_value_by_month

MIN_MONTHS = 3  # calendar months with conversions the client's pattern needs


def _normalised(index: dict[int, float]) -> dict[int, float]:
    """``index`` over months 1-12 (missing months 1.0), scaled to average 1.0."""
    full = {m: float(index.get(m, 1.0)) for m in range(1, 13)}
    mean = sum(full.values()) / 12
    return {m: round(v / mean, 4) for m, v in full.items()}


def client_order_values(frame: pd.DataFrame | None) -> dict[int, float] | None:
    """Revenue per conversion by calendar month from an ads export (``start`` dates,
    ``revenue``, ``conversions``) as an index averaging 1.0 (months it does not cover
    count as 1.0); None without dates or revenue, or with fewer than ``MIN_MONTHS``
    months that have conversions."""
    if frame is None or "revenue" not in frame or "start" not in frame:
        return None
    rows = frame[frame["start"].notna() & (frame["conversions"] > 0)]
    if rows.empty:
        return None
    by = rows.groupby(pd.to_datetime(rows["start"]).dt.month)[["revenue", "conversions"]].sum()
    by = by[(by["conversions"] > 0) & (by["revenue"] > 0)]
    if len(by) < MIN_MONTHS:
        return None
    aov = by["revenue"] / by["conversions"]
    return _normalised({int(m): float(v / aov.mean()) for m, v in aov.items()})


def years_seen(frame: pd.DataFrame) -> dict[int, int]:
    """How many distinct years of an ads export each calendar month has conversions with
    revenue in."""
    rows = frame[frame["start"].notna() & (frame["conversions"] > 0) & (frame["revenue"] > 0)]
    when = pd.to_datetime(rows["start"])
    return {int(m): int(n) for m, n in when.dt.year.groupby(when.dt.month).nunique().items()}


def order_value_index(brief: Brief) -> tuple[dict[int, float], str]:
    """Order-value index per calendar month (1-12, averaging 1.0) and its basis:
    ``"history"`` (the client's ads export weighed against the sector's figures as demand
    by month is, data/paid.yaml ``demand_seasonality``: each month's own years against
    ``sector_years``, so one year's baskets do not override the sector's pattern alone)
    or ``"sector"`` (the playbook's figures)."""
    frame = read_ads(brief)
    own = client_order_values(frame)
    sector = _normalised(order_value_by_month(brief.client.sector_kind))
    if own is None:
        return sector, "sector"
    years = years_seen(frame)
    k = float(paid_facts()["demand_seasonality"]["sector_years"])
    return _normalised({m: (own[m] * years[m] + sector[m] * k) / (years[m] + k)
                        if years.get(m) else sector[m] for m in range(1, 13)}), "history"


def monthly_order_values(mean: float, index: dict[int, float]) -> dict[int, float]:
    """Each calendar month's order value: the year's mean ``mean`` x the month's index."""
    return {m: mean * v for m, v in index.items()}
