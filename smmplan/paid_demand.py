"""Demand by calendar month for the paid phasing (``data/paid.yaml`` ``demand_seasonality``):
the client's own ads export first (conversions per impression by month, the platform mix
removed, weighed against the sector's pattern as its years of history against
``sector_years``), else the sector playbook's ``demand_by_month`` (``data/sectors/``).
An index per calendar month (1-12) averaging 1.0 over the year."""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from .brief import Brief
from .catalogue import paid_facts
from .exports.ads import conversion_rows, read_ads
from .sectors import demand_by_month


@dataclass(frozen=True)
class Demand:
    index: dict[int, float]  # calendar month -> demand (1.0 = an average month)
    basis: str  # "history" (the client's ads export weighed with the sector's) or "sector"
    own: dict[int, float] = field(default_factory=dict)  # the export's own index by month
    first: str | None = None  # the export's first and last months ("YYYY-MM")
    last: str | None = None
    sector_years: float = 0.0  # the sector pattern's weight, in years of the client's


def _normalised(index: dict[int, float]) -> dict[int, float]:
    mean = sum(index.values()) / len(index)
    return {m: round(v / mean, 4) for m, v in index.items()}


def client_demand(frame: pd.DataFrame | None, min_months: int
                  ) -> tuple[dict[int, float], dict[int, int], str, str] | None:
    """Conversions per impression by calendar month against what the same platforms
    (retargeting rows apart) convert at over the whole export, as an index averaging 1.0
    over the months it covers; with the years each month is seen in and the first and last
    months. None without dated conversion rows in at least ``min_months`` calendar months."""
    if frame is None or "start" not in frame or "impressions" not in frame:
        return None
    rows = conversion_rows(frame)
    rows = rows[rows["start"].notna() & (rows["impressions"] > 0)].copy()
    if rows.empty or rows["conversions"].sum() <= 0:
        return None
    keys = ["platform"] + (["retargeting"] if "retargeting" in rows else [])
    total = rows.groupby(keys)[["conversions", "impressions"]].transform("sum")
    rows["expected"] = rows["impressions"] * total["conversions"] / total["impressions"]
    when = pd.to_datetime(rows["start"])
    rows["month"], rows["ym"] = when.dt.month, when.dt.strftime("%Y-%m")
    by = rows.groupby("month")[["conversions", "expected"]].sum()
    by = by[by["expected"] > 0]
    if len(by) < min_months:
        return None
    years = rows.groupby("month")["ym"].nunique().to_dict()
    own = _normalised({int(m): float(r.conversions / r.expected) for m, r in by.iterrows()})
    return own, {int(m): int(n) for m, n in years.items()}, rows["ym"].min(), rows["ym"].max()


def demand_index(brief: Brief) -> Demand:
    """The demand by calendar month the paid phasing follows (module doc)."""
    sector = demand_by_month(brief.client.sector_kind)
    facts = paid_facts()["demand_seasonality"]
    found = client_demand(read_ads(brief), int(facts["min_months"])) \
        if brief.data.ads is not None else None
    if found is None:
        return Demand(index=sector, basis="sector")
    own, years, first, last = found
    k = float(facts["sector_years"])
    mixed = {m: (own[m] * years[m] + sector[m] * k) / (years[m] + k) if m in own else sector[m]
             for m in range(1, 13)}
    return Demand(index=_normalised(mixed), basis="history", own=own, first=first, last=last,
                  sector_years=k)
