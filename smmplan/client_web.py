"""The client's web analytics export as the paid chapter reads it: the key events one
conversion counts and the conversion rate of all social visits, the rate a paid click's
conversion rate falls back to (``paid_value.paid_click_cvr``)."""

from __future__ import annotations

import pandas as pd

from . import paid_value as pv
from .benchmarks import Range
from .brief import Brief
from .errors import DataError
from .exports.web import read_web


def client_cvr_range(web: pd.DataFrame | None, name: str) -> Range | None:
    """The client's conversion rate of all social visits (web analytics key events over
    sessions from social sources, those ``paid_value.goal_web`` counts), with its sampling
    interval: the pooled rate ``paid_value.paid_click_cvr`` falls to."""
    from .objectives import web_kpis  # the objectives chapter's definition of the rate

    kpis = web_kpis(web) if web is not None else {}
    rate, sessions = kpis.get("social_conversion_rate"), kpis.get("social_sessions")
    return pv.rate_range(rate * sessions / 100, sessions, [name], "client_web") \
        if rate else None


def web_export(brief: Brief) -> tuple[pd.DataFrame | None, str, dict | None]:
    """The web analytics export with the key events one conversion counts
    (``paid_value.goal_web``), its file name and what was counted (None when absent or
    unusable, or when every key event counts)."""
    try:
        web = read_web(brief)
    except DataError:  # the objectives chapter says the file is unusable
        return None, "", None
    web, counted = pv.goal_web(brief, web)
    name = brief.resolve(brief.data.web_analytics.path).name if web is not None else ""
    return web, name, counted
