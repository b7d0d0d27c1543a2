"""Paid-media benchmarks: the figures of ``data/benchmarks.csv`` (CPM, CTR, CVR by
platform, with sources) and the CPM seasonality of ``data/paid.yaml``, used where the client
has no ads history of its own (and said so in the plan)."""

from __future__ import annotations

import csv
import math
from dataclasses import dataclass, replace
from functools import lru_cache
from statistics import median

import numpy as np
import pandas as pd

from .catalogue import paid_facts
from .paths import DATA_DIR


@lru_cache(maxsize=1)
def benchmark_rows() -> list[dict]:
    """data/benchmarks.csv, one figure per row with its source."""
    with (DATA_DIR / "benchmarks.csv").open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    for row in rows:
        row["value"] = float(row["value"])
        row["verified"] = row["verified"].lower() == "true"
    return rows


@dataclass
class Range:
    low: float
    mid: float
    high: float
    sources: list[str]
    basis: str  # "benchmark", "borrowed", "history", "brief"
    ceiling: float | None = None  # a published rate that can only overstate (``below_ceiling``)


def _range(values: list[float], sources: list[str], basis: str) -> Range:
    return Range(min(values), float(median(values)), max(values), sorted(set(sources)), basis)


def spread_single_figures(rates: dict[str, Range]) -> dict[str, Range]:
    """A platform's rates with those known from one published figure (a benchmark or
    borrowed range with no spread) given one: together they are known within data/paid.yaml
    ``single_figure_spread`` either way (half to double), split evenly across them (k such
    rates: factor ** (1/k) each), so the cost per result they drive spans that factor."""
    singles = [k for k, r in rates.items()
               if r.basis in ("benchmark", "borrowed") and r.low == r.high]
    if not singles:
        return rates
    f = paid_facts()["single_figure_spread"]["factor"] ** (1 / len(singles))
    return {k: Range(r.mid / f, r.mid, r.mid * f, r.sources, r.basis) if k in singles else r
            for k, r in rates.items()}


def conversion_objectives(kind: str) -> list[str]:
    """The benchmark rows (``objective`` column of data/benchmarks.csv) whose conversion
    rate stands for a conversion of ``kind`` (data/paid.yaml ``conversion_benchmarks``)."""
    return paid_facts()["conversion_benchmarks"].get(kind) or []


def conversion_industries(sector_kind: str | None, kind: str) -> list[str]:
    """The benchmark industries (``industry`` column of data/benchmarks.csv) whose conversion
    rate stands for a conversion of ``kind`` in the sector (data/paid.yaml
    ``conversion_industries``): [] when none is closer than the all-industry average."""
    return ((paid_facts().get("conversion_industries") or {}).get(sector_kind or "")
            or {}).get(kind) or []


def _cvr_rows(platform: str, kinds: list[str], industries: list[str]) -> list[dict]:
    """A platform's conversion-rate rows of the kinds: those of the sector's industries when
    there are any, else the all-industry ones (another industry's rate is never taken)."""
    rows = [r for r in benchmark_rows() if r["platform"] == platform
            and r["metric"] == "cvr" and r["objective"] in kinds]
    matched = [r for r in rows if r["industry"] in industries]
    return matched or [r for r in rows if r["industry"] == "all"]


def sector_cvr_rows(sector_kind: str | None, kind: str) -> list[dict]:
    """The sector's own conversion-rate rows for a conversion of ``kind`` (Facebook's, that
    other platforms borrow; ``conversion_industries``): [] when the all-industry rows
    apply."""
    industries = conversion_industries(sector_kind, kind)
    rows = _cvr_rows("facebook", conversion_objectives(kind), industries)
    return [r for r in rows if r["industry"] in industries]


def forms_for_paid(kind: str, aov: float | None, rows: list[dict]) -> bool:
    """Whether the sector's conversion-rate ``rows`` (``sector_cvr_rows``) measure free lead
    forms while a conversion of ``kind`` is a booking or purchase paid for (``aov``): their
    rate can then only overstate the client's."""
    return kind in ("booking", "purchase") and bool(aov) \
        and any(r["objective"] == "leads" for r in rows)


def ceiling_applies(rate: Range, sector_kind: str | None, kind: str,
                    aov: float | None) -> bool:
    """Whether a published conversion ``rate`` rests only on such free-form rows
    (``forms_for_paid``), so it is a ceiling for the client's rate."""
    rows = sector_cvr_rows(sector_kind, kind)
    return rate.basis in ("benchmark", "borrowed") and bool(rate.sources) \
        and forms_for_paid(kind, aov, rows) \
        and set(rate.sources) <= {r["source"] for r in rows}


def below_ceiling(rate: Range) -> Range:
    """A rate whose published middle is a ceiling: the ceiling becomes the range's top (the
    high scenario), its prudent rate stays, and the central rate sits between them at
    data/paid.yaml ``ceiling_rate.position`` on a log scale (0.5: their geometric mean)."""
    if rate.low <= 0 or rate.mid <= rate.low:
        return replace(rate, high=rate.mid, ceiling=rate.mid)
    at = float(paid_facts()["ceiling_rate"]["position"])
    central = math.exp(math.log(rate.low) + at * (math.log(rate.mid) - math.log(rate.low)))
    return replace(rate, mid=central, high=rate.mid, ceiling=rate.mid)


def benchmark_cpa(model: dict) -> float | None:
    """The cost per conversion a paid model's mid benchmark rates imply (``cpm`` a thousand
    impressions, ``ctr`` and ``cvr`` in %); None when one of them is missing."""
    cpm, ctr, cvr = (model.get(k, {}).get("mid") for k in ("cpm", "ctr", "cvr"))
    if not (cpm and ctr and cvr):
        return None
    return cpm / 1000 / (ctr / 100) / (cvr / 100)


def _cost_rows(platform: str, sector_kind: str | None) -> list[dict]:
    """A platform's cost rows (CPM, CPC, CTR): for a sector with rows of its own industry
    (data/paid.yaml ``cost_industries``), each metric's rows of that industry when there
    are any, else the all-industry ones (a LinkedIn CPM measured on B2B campaigns, not an
    all-advertiser calculator's figure, for a B2B client)."""
    rows = [r for r in benchmark_rows() if r["platform"] == platform]
    industries = (paid_facts().get("cost_industries") or {}).get(sector_kind or "") or []
    if not industries:
        return rows
    own = {r["metric"] for r in rows if r["industry"] in industries}
    return [r for r in rows if r["metric"] not in own or r["industry"] in industries]


def platform_benchmarks(platform: str, rate: float, conversion: str = "purchase",
                        sector_kind: str | None = None) -> dict[str, Range]:
    """CPM (plan currency), CTR and CVR (%) ranges for a platform from data/benchmarks.csv.
    CPMs implied by a source's CPC and CTR count as CPM figures. The CVR is taken only from
    rows measuring the brief's kind of conversion (``conversion_objectives``), the sector's
    industry rows before the all-industry average (``conversion_industries``); a platform
    without one borrows Facebook's of that kind (marked "borrowed"); a kind no benchmark
    measures gets none (the client's own rate is needed)."""
    rows = _cost_rows(platform, sector_kind)
    out: dict[str, Range] = {}
    cpm = [(r["value"] * rate, r["source"]) for r in rows if r["metric"] == "cpm"]
    by_source: dict[tuple, dict] = {}
    for r in rows:
        by_source.setdefault((r["source"], r["year"], r["objective"], r["industry"]),
                             {})[r["metric"]] = r["value"]
    for (source, *_), metrics in by_source.items():
        if "cpc" in metrics and "ctr" in metrics and "cpm" not in metrics:
            cpm.append((metrics["cpc"] * metrics["ctr"] / 100 * 1000 * rate,
                        source + " (CPM implied by CPC x CTR)"))
    if cpm:
        out["cpm"] = _range([v for v, _ in cpm], [s for _, s in cpm], "benchmark")
    found = [(r["value"], r["source"]) for r in rows if r["metric"] == "ctr"]
    if found:
        out["ctr"] = _range([v for v, _ in found], [s for _, s in found], "benchmark")
    kinds = conversion_objectives(conversion)
    industries = conversion_industries(sector_kind, conversion)
    found = [(r["value"], r["source"]) for r in _cvr_rows(platform, kinds, industries)]
    if found:
        out["cvr"] = _range([v for v, _ in found], [s for _, s in found], "benchmark")
    else:
        fb = [(r["value"], r["source"]) for r in _cvr_rows("facebook", kinds, industries)]
        if fb:
            out["cvr"] = _range([v for v, _ in fb], [s for _, s in fb], "borrowed")
    return out


def season_factors(platform: str, months: list[pd.Timestamp],
                   overrides: dict[str, float] | None = None) -> np.ndarray:
    """CPM factor of each month: Q4 costs the platform's Q4/Q1 ratio times Q1, Q2 and Q3 in
    between, and the four quarters average 1, since a published CPM is a median over the
    year, the price of an average quarter, not of the cheapest (the brief's
    ``budget.paid.seasonality`` replaces data/paid.yaml). An ads history's CPM is read
    against the factors of its own months (``budget``), so only their ratio counts there."""
    ratios = {**paid_facts()["seasonality"]["q4_over_q1"], **(overrides or {})}
    q4 = ratios.get(platform, ratios["facebook"])
    raw = {1: 1.0, 2: 1 + (q4 - 1) / 3, 3: 1 + 2 * (q4 - 1) / 3, 4: q4}
    mean = sum(raw.values()) / 4
    return np.array([raw[(m.month - 1) // 3 + 1] / mean for m in months])


