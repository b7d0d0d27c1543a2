"""The ads export: one row per ad, ad set or campaign (and period).

A one-platform export without a platform column takes the brief's ``data.ads.platform``,
else the brief's only paid platform; rows without spend are set aside and counted; amounts
in another currency (``data.ads.currency``) are converted to the plan currency with dated
reference rates; cost per thousand impressions or per click far outside any market's range
is a probable unit error, stopped before the forecast; breakdown columns (age band,
gender, region, placement, campaign, ad set, interest) give cost per result by value.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..brief import Brief, platforms
from ..catalogue import paid_facts
from ..errors import DataError
from .columns import find_column
from .table import read_export
from .values import parse_dates, parse_numbers

REQUIRED = ("spend", "impressions", "clicks", "conversions")
BREAKDOWNS = ("age", "gender", "region", "interest", "placement", "campaign", "ad_set")
# Breakdowns that describe people: their groups obey privacy.min_group.
PEOPLE_BREAKDOWNS = ("age", "gender", "region", "interest")
MIN_RESULTS = 10  # results a breakdown value needs before its cost per result is shown
_RENAMED = {"twitter": "x"}


def ads_frame(table: pd.DataFrame, columns: dict[str, str], file: str = "ads",
              platform: str | None = None, platform_source: str = "brief") -> pd.DataFrame:
    """An ads export as spend, impressions, clicks, conversions (numbers, missing = 0),
    ``approved`` (approved or qualified conversions) and revenue when the export has them,
    platform (a key of ``data/platforms.yaml``: the export's column, else ``platform``) and
    the breakdown columns it has, as text; reach, start and end when it has them. Rows
    without spend are left out and counted in ``attrs["zero_spend"]``. Missing columns,
    unknown platforms and negative spend are ``DataError``s naming the file and column."""
    names = list(table.columns)
    keys = REQUIRED + ("platform", "revenue", "approved") + BREAKDOWNS
    cols = {key: find_column(names, "ads", key, columns) for key in keys}
    cols = {k: (v if v in table.columns else None) for k, v in cols.items()}
    for key in REQUIRED:
        if cols[key] is None:
            raise DataError(f"{file}: no {key} column (map it in data.ads.columns.{key})")
    frame = pd.DataFrame({k: parse_numbers(table[cols[k]]).fillna(0) for k in REQUIRED})
    for key in ("revenue", "approved"):
        if cols[key]:
            frame[key] = parse_numbers(table[cols[key]]).fillna(0)
    if cols["platform"]:
        frame["platform"] = table[cols["platform"]].astype(str).str.strip().str.lower() \
            .replace(_RENAMED)
        unknown = sorted(set(frame["platform"]) - set(platforms()))
        if unknown:
            raise DataError(f"{file}: column {cols['platform']!r}: unknown platform(s) "
                            f"{', '.join(unknown)}")
        source = "column"
    elif platform:
        frame["platform"], source = platform, platform_source
    else:
        raise DataError(f"{file}: no platform column (map it in data.ads.columns.platform, "
                        "or give data.ads.platform for a one-platform export)")
    for key in BREAKDOWNS:
        if cols[key]:
            frame[key] = table[cols[key]].astype("string").str.strip()
    reach = find_column(names, "ads", "reach", columns)
    if reach in table.columns:  # people reached per row (not additive across rows)
        frame["reach"] = parse_numbers(table[reach])
    objective = find_column(names, "ads", "objective", columns)
    if objective in table.columns:  # awareness rows: reach only (``conversion_rows``)
        words = paid_facts()["awareness_objectives"]
        text = table[objective].astype("string").str.strip().str.lower().fillna("")
        frame["awareness"] = text.map(lambda v: any(w in v for w in words)).astype(bool)
        frame.attrs["objective_column"] = objective
    named = [frame[k].fillna("").str.lower() for k in ("campaign", "ad_set") if k in frame]
    if named:  # retargeting ad sets: a capped pool (``retargeting_rows``)
        facts = paid_facts()["retargeting"]
        text = named[0].str.cat(named[1:], sep=" ") if len(named) > 1 else named[0]
        frame["retargeting"] = text.map(
            lambda v: any(w in v for w in facts["words"])
            and not any(w in v for w in facts["prospecting"])).astype(bool)
    for key in ("start", "end"):  # reporting period, when the export has one
        col = find_column(names, "ads", key, columns)
        if col in table.columns:
            frame[key] = parse_dates(table[col])
    if (frame["spend"] < 0).any():
        raise DataError(f"{file}: column {cols['spend']!r}: negative spend in "
                        f"{int((frame['spend'] < 0).sum())} row(s)")
    zero = frame["spend"] <= 0
    frame = frame[~zero].copy()
    frame.attrs["columns"] = {k: v for k, v in cols.items()
                              if v and k in REQUIRED + ("platform", "revenue")}
    frame.attrs["breakdowns"] = {k: cols[k] for k in BREAKDOWNS if cols[k]}
    frame.attrs["zero_spend"] = int(zero.sum())
    frame.attrs["platform_source"] = source
    return frame


def conversion_rows(frame: pd.DataFrame) -> pd.DataFrame:
    """The rows bought for conversions: all of them, less those whose campaign objective
    is awareness (``data/paid.yaml`` ``awareness_objectives``), which count for reach only."""
    if "awareness" not in frame:
        return frame
    return frame[~frame["awareness"]]


def retargeting_rows(frame: pd.DataFrame) -> pd.Series:
    """Which rows retarget people who already know the brand (``data/paid.yaml``
    ``retargeting``: a retargeting word in the campaign or ad set name, no prospecting
    word); all False when the export names neither."""
    if "retargeting" not in frame:
        return pd.Series(False, index=frame.index)
    return frame["retargeting"].astype(bool)


def convert_amounts(frame: pd.DataFrame, source: str, target: str) -> pd.DataFrame:
    """Spend and revenue from the export's currency to the plan's, at the latest dated
    reference rate (``attrs["currency"]``: from, to, rate, date, source)."""
    from ..currency import convert

    if source.upper() == target.upper():
        return frame
    rate, day, origin = convert(1.0, source, target)
    out = frame.copy()
    for key in ("spend", "revenue"):
        if key in out:
            out[key] = out[key] * rate
    out.attrs["currency"] = {"from": source.upper(), "to": target.upper(),
                             "rate": round(rate, 6), "date": day, "source": origin}
    return out


def check_units(frame: pd.DataFrame, currency: str, file: str = "ads") -> None:
    """``DataError`` when a platform's cost per thousand impressions or per click, in US
    dollars, is outside ``data/paid.yaml``'s ``plausible_rates``: a probable unit error
    (cents, thousands, another currency) that would otherwise reach the forecast."""
    from ..currency import usd_rate

    table = paid_facts()["currency_rates"]["per_usd"]  # no ECB load for these
    try:
        per_usd = table[currency.upper()] if currency.upper() in table else \
            usd_rate(currency)[0]
    except DataError:
        return  # no rate: the paid chapter names the missing rate itself
    bounds = paid_facts()["plausible_rates"]
    for platform, rows in frame.groupby("platform"):
        spend = float(rows["spend"].sum()) / per_usd
        checks = (("cpm_usd", "cost per thousand impressions", rows["impressions"].sum(), 1000),
                  ("cpc_usd", "cost per click", rows["clicks"].sum(), 1))
        for key, what, volume, scale in checks:
            if volume <= 0:
                continue
            value = spend / float(volume) * scale
            lo, hi = bounds[key]
            if not lo <= value <= hi:
                raise DataError(
                    f"{file}: {platform}: {what} {value:.4g} USD is outside the plausible "
                    f"range ({lo}-{hi} USD): a probable unit error (amounts in cents or "
                    f"thousands, or not in {currency}); give the export's currency in "
                    "data.ads.currency or fix the amounts")


def ads_breakdowns(frame: pd.DataFrame, min_results: int = MIN_RESULTS) -> pd.DataFrame:
    """Cost per result by breakdown value (age band, gender, region, interest, placement,
    campaign, ad set): one row per value with rows, spend, results, cost per result and its
    90 % interval (exact Poisson interval on the results), its index against the export's
    overall cost per result, and the same on approved conversions when the export has
    them. Values with fewer than ``min_results`` results, or for people-based breakdowns
    fewer than ``privacy.min_group`` of the export's results, are left out. Only the rows
    bought for results count (``conversion_rows``): an awareness campaign's few purchases
    would rank it the dearest segment, a comparison its buyer never made."""
    from scipy.stats import chi2

    from ..privacy import min_group

    attrs = frame.attrs
    frame = conversion_rows(frame)
    frame.attrs = attrs
    rows = []
    total_results = float(frame["conversions"].sum())
    overall = float(frame["spend"].sum()) / total_results if total_results else None
    for key in frame.attrs.get("breakdowns", {}):
        if key not in frame:
            continue
        least = max(min_results, min_group(int(total_results))) if key in \
            PEOPLE_BREAKDOWNS else min_results
        grouped = frame.dropna(subset=[key]).groupby(key, sort=True)
        for value, group in grouped:
            results = float(group["conversions"].sum())
            if results < least:
                continue
            spend = float(group["spend"].sum())
            hi_results = chi2.ppf(0.95, 2 * results + 2) / 2
            lo_results = chi2.ppf(0.05, 2 * results) / 2
            row = {"breakdown": key, "value": str(value), "rows": len(group),
                   "spend": spend, "results": results, "cost_per_result": spend / results,
                   "low": spend / hi_results, "high": spend / lo_results,
                   "index": spend / results / overall if overall else np.nan}
            if "approved" in group:
                approved = float(group["approved"].sum())
                row["approved"] = approved
                row["cost_per_approved"] = spend / approved if approved else np.nan
            rows.append(row)
    columns = ["breakdown", "value", "rows", "spend", "results", "cost_per_result", "low",
               "high", "index"] + (["approved", "cost_per_approved"] if "approved" in frame
                                   else [])
    out = pd.DataFrame(rows, columns=columns)
    return out.sort_values(["breakdown", "cost_per_result"], kind="stable") \
        .reset_index(drop=True)


def read_ads(brief: Brief) -> pd.DataFrame | None:
    """The brief's ads export (``ads_frame``) in the plan currency, checked for unit
    errors; None when it names none. A one-platform export takes ``data.ads.platform``,
    else the brief's only paid platform."""
    found = read_export(brief, "ads")
    if found is None:
        return None
    table, columns, file = found
    spec = brief.data.ads
    platform, source = spec.platform, "brief"
    paid = list(brief.budget.paid.channels)
    if platform is None and len(paid) == 1:
        platform, source = paid[0], "only_paid_platform"
    frame = ads_frame(table, columns, file, platform=platform, platform_source=source)
    plan = brief.client.currency
    try:
        frame = convert_amounts(frame, spec.currency or plan, plan)
    except DataError as exc:
        raise DataError(f"{file}: {exc}") from None
    check_units(frame, plan, file)
    return frame
