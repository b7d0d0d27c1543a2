"""The ads export: one row per ad, ad set or campaign (and period)."""

from __future__ import annotations

import pandas as pd

from ..brief import Brief, platforms
from ..errors import DataError
from .columns import find_column
from .table import read_export
from .values import parse_dates, parse_numbers

REQUIRED = ("spend", "impressions", "clicks", "conversions", "platform")
_RENAMED = {"twitter": "x"}


def ads_frame(table: pd.DataFrame, columns: dict[str, str], file: str = "ads") -> pd.DataFrame:
    """An ads export as spend, impressions, clicks, conversions (numbers, missing = 0),
    revenue when the export has a conversion value, start and end when it has a reporting
    period, and platform (a key of
    ``data/platforms.yaml``). Missing columns, unknown platforms and negative spend are
    ``DataError``s naming the file and column."""
    names = list(table.columns)
    cols = {key: find_column(names, "ads", key, columns) for key in REQUIRED + ("revenue",)}
    for key in REQUIRED:
        if cols[key] is None or cols[key] not in table.columns:
            raise DataError(f"{file}: no {key} column (map it in data.ads.columns.{key})")
    frame = pd.DataFrame({k: parse_numbers(table[cols[k]]).fillna(0) for k in
                          ("spend", "impressions", "clicks", "conversions")})
    if cols["revenue"] in table.columns:
        frame["revenue"] = parse_numbers(table[cols["revenue"]]).fillna(0)
    reach = find_column(names, "ads", "reach", columns)
    if reach in table.columns:  # people reached per row (not additive across rows)
        frame["reach"] = parse_numbers(table[reach])
    for key in ("start", "end"):  # reporting period, when the export has one
        col = find_column(names, "ads", key, columns)
        if col in table.columns:
            frame[key] = parse_dates(table[col])
    frame["platform"] = table[cols["platform"]].astype(str).str.strip().str.lower() \
        .replace(_RENAMED)
    unknown = sorted(set(frame["platform"]) - set(platforms()))
    if unknown:
        raise DataError(f"{file}: column {cols['platform']!r}: unknown platform(s) "
                        f"{', '.join(unknown)}")
    if (frame["spend"] < 0).any():
        raise DataError(f"{file}: column {cols['spend']!r}: negative spend in "
                        f"{int((frame['spend'] < 0).sum())} row(s)")
    frame.attrs["columns"] = {k: v for k, v in cols.items() if v in table.columns}
    return frame


def read_ads(brief: Brief) -> pd.DataFrame | None:
    """The brief's ads export (``ads_frame``); None when it names none."""
    found = read_export(brief, "ads")
    return None if found is None else ads_frame(*found)
