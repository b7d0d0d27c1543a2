"""Post metrics computed by their one definition (``data/kpis.yaml``: numerator,
denominator and aggregate), so that a rate has the same value in every chapter, by
content type or platform as overall, in the plan as in tracking."""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import pandas as pd

from .catalogue import kpi_catalogue

# The rate every chapter ranks content types, platforms and windows by. On a normalised
# post export it stands for the export's own ranking rate (``ranking_kpi``): the
# engagement rate by reach when the export has reach, else by impressions, views or
# followers, else engagements per post (``exports.posts``).
RANKING_KPI = "engagement_rate_reach"


def ranking_kpi(posts: pd.DataFrame) -> str:
    """The KPI a post export's ``rate`` column is (``attrs["rate_kpi"]``)."""
    return posts.attrs.get("rate_kpi", RANKING_KPI)


def _resolve(posts: pd.DataFrame, kpi: str) -> str:
    return ranking_kpi(posts) if kpi == RANKING_KPI else kpi


def post_metrics() -> dict[str, dict]:
    """The KPIs computed from the post export, with their definition."""
    return {k: v for k, v in kpi_catalogue().items() if "aggregate" in v}


def definition(kpi: str) -> str:
    """The definition of a post KPI in words: numerator / denominator and aggregate."""
    d = post_metrics()[kpi]
    return f"{d['numerator']} / {d['denominator']} ({d['aggregate']})"


def metric(columns: Mapping[str, np.ndarray], posts: int, kpi: str) -> float | None:
    """A post KPI from the export's columns as float arrays (one value per post): None
    when the export lacks its numerator or denominator, or no post has a denominator.
    Missing numerators count as 0 (a post without shares has 0 shares)."""
    d = post_metrics()[kpi]
    if d["numerator"] not in columns or not posts:
        return None
    num = np.nan_to_num(np.asarray(columns[d["numerator"]], dtype=float))
    scale = 100.0 if d["unit"] == "percent" else 1.0
    if d["denominator"] == "posts":
        return float(num.sum() / posts * scale)
    if d["denominator"] not in columns:
        return None
    den = np.asarray(columns[d["denominator"]], dtype=float)
    ok = den > 0
    if not ok.any():
        return None
    if d["aggregate"] == "mean_of_posts":
        return float((num[ok] / den[ok]).mean() * scale)
    return float(num[ok].sum() / den[ok].sum() * scale)


def frame_metric(posts: pd.DataFrame, kpi: str) -> float | None:
    """``metric`` on a normalised post export (``exports.posts.posts_frame``);
    ``RANKING_KPI`` is the export's own ranking rate (``ranking_kpi``)."""
    kpi = _resolve(posts, kpi)
    d = post_metrics()[kpi]
    cols = {c: posts[c].to_numpy(dtype=float) for c in (d["numerator"], d["denominator"])
            if c in posts}
    return metric(cols, len(posts), kpi)


def by_group(posts: pd.DataFrame, by: str, kpi: str = RANKING_KPI) -> pd.DataFrame:
    """A post KPI per value of ``by`` (content type, platform, weekday...): one row per
    group with ``posts`` (count) and ``rate`` (the KPI, by its definition), best first;
    ``RANKING_KPI`` is the export's own ranking rate (``ranking_kpi``)."""
    kpi = _resolve(posts, kpi)
    rows = [{by: name, "posts": len(group), "rate": frame_metric(group, kpi)}
            for name, group in posts.groupby(by, sort=True)]
    frame = pd.DataFrame(rows, columns=[by, "posts", "rate"])
    return frame.sort_values("rate", ascending=False, kind="stable").reset_index(drop=True)
