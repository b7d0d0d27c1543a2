"""The competitors export: one row per brand, platform and date (followers, posts per
week, engagement rate, mentions)."""

from __future__ import annotations

import pandas as pd

from ..brief import Brief, check_platform
from ..errors import DataError
from .columns import find_column
from .table import read_export
from .values import parse_dates, parse_numbers

NUMBERS = ("followers", "posts_per_week", "engagement_rate", "mentions")


def competitors_frame(table: pd.DataFrame, columns: dict[str, str], file: str = "competitors"
                      ) -> pd.DataFrame:
    """The latest row of each brand and platform: brand, platform and the figures the
    export has (missing ones are NaN). Brand and platform columns are required."""
    names = list(table.columns)
    cols = {key: find_column(names, "competitors", key, columns)
            for key in ("brand", "platform", "date") + NUMBERS}
    for key in ("brand", "platform"):
        if cols[key] is None or cols[key] not in table.columns:
            raise DataError(f"{file}: no {key} column (map it in "
                            f"data.competitors.columns.{key})")
    out = pd.DataFrame({"brand": table[cols["brand"]].astype("string").str.strip(),
                        "platform": table[cols["platform"]].astype("string").str.strip()})
    out = out.dropna(subset=["brand", "platform"])
    try:
        out["platform"] = out["platform"].map(check_platform)
    except ValueError as exc:
        raise DataError(f"{file}: column {cols['platform']!r}: {exc}") from None
    for key in NUMBERS:
        if cols[key] in table.columns:
            out[key] = parse_numbers(table.loc[out.index, cols[key]])
        else:
            out[key] = float("nan")
    if cols["date"] in table.columns:
        out["date"] = parse_dates(table.loc[out.index, cols["date"]])
        out = out.sort_values("date", kind="stable")
    return out.groupby(["brand", "platform"], sort=False).tail(1).reset_index(drop=True)


def read_competitors(brief: Brief) -> pd.DataFrame | None:
    """The brief's competitors export (``competitors_frame``); None when it names none."""
    found = read_export(brief, "competitors")
    return None if found is None else competitors_frame(*found)
