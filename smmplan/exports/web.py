"""The web-analytics export (GA4 landing-page report or similar): one row per landing
page and traffic source."""

from __future__ import annotations

import pandas as pd

from ..brief import Brief
from ..catalogue import column_aliases
from ..errors import DataError
from .columns import find_column
from .table import read_export
from .values import parse_numbers

REQUIRED = ("landing_page", "source", "sessions", "engaged_sessions", "conversions")


def social_sources() -> list[str]:
    """Words that mark a traffic source as social (``data/columns.yaml``)."""
    return column_aliases()["social_sources"]


def web_frame(table: pd.DataFrame, columns: dict[str, str], file: str = "web analytics"
              ) -> pd.DataFrame:
    """A web-analytics export as landing_page, source, sessions, engaged, conversions and
    whether the source is social. A missing column is a ``DataError`` naming the file."""
    names = list(table.columns)
    mapping = {key: find_column(names, "web_analytics", key, columns) for key in REQUIRED}
    missing = [k for k, v in mapping.items() if v is None or v not in table.columns]
    if missing:
        raise DataError(f"{file}: no {', '.join(missing)} column (map it in "
                        f"data.web_analytics.columns)")
    out = pd.DataFrame({"landing_page": table[mapping["landing_page"]].astype(str),
                        "source": table[mapping["source"]].astype(str).str.lower()})
    for key, col in (("sessions", "sessions"), ("engaged", "engaged_sessions"),
                     ("conversions", "conversions")):
        out[key] = parse_numbers(table[mapping[col]]).fillna(0)
    social = social_sources()
    out["social"] = out["source"].apply(lambda s: any(k in s for k in social))
    return out


def read_web(brief: Brief) -> pd.DataFrame | None:
    """The brief's web-analytics export (``web_frame``); None when it names none."""
    found = read_export(brief, "web_analytics")
    return None if found is None else web_frame(*found)
