"""Values as exports write them: missing-value tokens, numbers with currency signs and
decimal commas, dates in the formats exports use, yes/no flags."""

from __future__ import annotations

import numpy as np
import pandas as pd

# Tokens that exports write for "no value" (read as missing, never as text).
MISSING = ["", " ", "N/A", "n/a", "NA", "na", "NULL", "null", "None", "none", "-", "#N/A",
           "nan", "NaN"]
DATE_FORMATS = ("%Y-%m-%d", "%d/%m/%Y", "%m/%d/%Y", "%Y-%m-%d %H:%M:%S", "%Y-%m-%dT%H:%M:%S",
                "%d/%m/%Y %H:%M", "%m/%d/%Y %H:%M", "%d.%m.%Y", "%d-%m-%Y", "%Y/%m/%d",
                "%Y-%m-%d %H:%M", "%b %d, %Y", "%d %b %Y")
_YES = {"1", "1.0", "yes", "true", "oui", "vrai", "y"}
_NO = {"0", "0.0", "no", "false", "non", "faux", "n"}


def is_text(series: pd.Series) -> bool:
    """Whether a column holds text (object or string dtype)."""
    return series.dtype == object or pd.api.types.is_string_dtype(series)


def non_empty(series: pd.Series) -> pd.Series:
    """The values that are present (missing-value tokens of exports removed)."""
    if is_text(series):
        return series[series.notna() & ~series.isin(MISSING)]
    return series.dropna()


def parse_numbers(series: pd.Series) -> pd.Series:
    """Numbers as exported: currency signs, spaces, decimal commas (1 234,5) handled."""
    if pd.api.types.is_numeric_dtype(series):
        return series.astype("float64")
    plain = pd.to_numeric(series, errors="coerce")  # fast path: plain numbers
    present = series.notna() & ~series.isin(MISSING)
    if plain[present].notna().all():
        return plain.astype("float64")
    text = series.astype("string").str.replace(r"[€$£%\s\u00a0\u202f]", "", regex=True)
    comma_decimal = text.str.contains(r"^-?[\d.]*\d,\d+$", regex=True, na=False).mean()
    dot_decimal = text.str.contains(r"^-?[\d,]*\d\.\d+$", regex=True, na=False).mean()
    if comma_decimal > dot_decimal:
        text = text.str.replace(".", "", regex=False).str.replace(",", ".", regex=False)
    else:
        text = text.str.replace(",", "", regex=False)
    return pd.to_numeric(text, errors="coerce").astype("float64")


def parse_dates(series: pd.Series) -> pd.Series:
    """Dates in the formats exports use; the format that reads most values wins first."""
    if pd.api.types.is_datetime64_any_dtype(series):
        return series
    present = series.notna() & ~series.isin(MISSING)
    for fmt in DATE_FORMATS[:1]:  # fast path: one format reads every value
        parsed = pd.to_datetime(series, format=fmt, errors="coerce")
        if parsed[present].notna().all():
            return parsed
    text = series.astype("string").str.strip()
    result = pd.Series(pd.NaT, index=series.index, dtype="datetime64[ns]")
    # every format has a day or a year in digits: text without a digit is no date (most
    # text columns of a customer table end here, before any format is tried)
    remaining = text.str.contains(r"\d", regex=True, na=False)
    formats = list(DATE_FORMATS)
    while remaining.any() and formats:
        left = text[remaining]
        # Rank the formats on an evenly spread sample of what is left, parse all with the
        # winner: one full parse per round instead of one per format.
        sample = left.iloc[np.linspace(0, len(left) - 1, min(len(left), 500)).astype(int)]
        counts = {fmt: int(pd.to_datetime(sample, format=fmt, errors="coerce").notna().sum())
                  for fmt in formats}
        best = max(formats, key=lambda f: counts[f])  # first listed wins a tie
        best_parsed = pd.to_datetime(left, format=best, errors="coerce")
        if not best_parsed.notna().any():
            break
        result.loc[best_parsed.index[best_parsed.notna()]] = best_parsed.dropna()
        remaining &= result.isna()
        formats.remove(best)
    return result


def parse_flags(series: pd.Series) -> pd.Series:
    """Yes/no columns (boosted, paid) as a nullable boolean; blank or unknown is missing."""
    flags = series.astype("string").str.strip().str.lower()
    return flags.map(lambda v: True if v in _YES else False if v in _NO else None,
                     na_action="ignore").astype("boolean")
