"""The post export: one row per post, normalised to weekday, hour, platform, content type,
engagements, the denominators the export has (reach, impressions, views, followers) and
the optional metrics (likes, comments, shares, saves, clicks).

Any post export is used, with or without reach: each row's ``rate`` is its engagement rate
on the best denominator present (reach, else impressions, else views, else followers), or
its absolute engagements when the export has none; ``attrs["rate_kpi"]`` names the KPI of
``data/kpis.yaml`` that ``rate`` is, so that a rate is never compared with one of another
definition. Duplicated posts (same post id, or identical rows) are removed and counted.
"""

from __future__ import annotations

import pandas as pd

from ..brief import Brief
from ..errors import DataError
from .columns import find_column
from .table import read_parsed
from .values import parse_dates, parse_flags, parse_numbers

# Optional per-post metrics kept when the export has them.
OPTIONAL = ("impressions", "views", "likes", "comments", "shares", "saves", "clicks",
            "followers")
# Denominators of the ranking rate, best first, with the KPI each one gives.
RATE_KPIS = {"reach": "engagement_rate_reach", "impressions": "engagement_rate_impressions",
             "views": "engagement_rate_views", "followers": "engagement_rate_followers"}
PER_POST_KPI = "engagements_per_post"
# Summed into engagements when the export has no engagements total: one column per part
# (reactions or likes, comments, shares, saves). Clicks and views are not interactions.
ENGAGEMENT_PARTS = ("likes", "comments", "shares", "saves")


def read_posts(brief: Brief) -> pd.DataFrame | None:
    """The brief's post export as normalised rows (``posts_frame``), parsed once per file
    version and column map; None when the brief names no post export."""
    frame = read_parsed(brief, "posts", _parse_posts)
    return None if frame is None else frame.copy()


def _parse_posts(table: pd.DataFrame, columns: dict[str, str], path) -> pd.DataFrame:
    return posts_frame(table, columns, file=path.name)


def _duplicates(table: pd.DataFrame, id_column: str | None) -> pd.Series:
    """Rows repeating an earlier row: the same post id, or every cell identical."""
    dup = table.duplicated(keep="first")
    if id_column:
        ids = table[id_column].astype("string").str.strip()
        dup |= ids.notna() & (ids != "") & ids.duplicated(keep="first")
    return dup


def posts_frame(table: pd.DataFrame, columns: dict[str, str],
                latest: pd.Timestamp | None = None, file: str = "posts") -> pd.DataFrame:
    """Normalise a post export. Columns come from the brief's map or the aliases of
    ``data/columns.yaml`` (likes or reactions, comments, shares and saves are summed when
    there is no engagements column). Duplicated posts, posts dated after ``latest``
    (default: now), negative reach or engagements are counted in ``attrs["issues"]`` and
    left out. ``DataError`` (naming ``file``) when the export has no engagement figure or
    no post timing."""
    names = list(table.columns)

    def pick(key: str) -> str | None:
        col = find_column(names, "posts", key, columns)
        return col if col in table.columns else None

    dup = _duplicates(table, pick("id"))
    duplicates = int(dup.sum())
    table = table[~dup]
    eng = pick("engagements")
    parts = {key: pick(key) for key in ENGAGEMENT_PARTS}
    parts = {k: c for k, c in parts.items() if c}
    if eng is None and not parts:
        raise DataError(f"{file}: no engagement column (an engagements total, or reactions, "
                        "likes, comments, shares or saves; map it in "
                        "data.posts.columns.engagements)")
    out = pd.DataFrame(index=table.index)
    if eng:
        out["engagements"] = parse_numbers(table[eng]).fillna(0)
    else:
        out["engagements"] = sum(parse_numbers(table[c]).fillna(0) for c in parts.values())
    date = pick("date")
    weekday, hour = pick("weekday"), pick("hour")
    if date:
        when = parse_dates(table[date])
        if len(table) and when.isna().all():
            raise DataError(f"{file}: column {date!r}: no readable date")
        if hour and hour != date:  # a separate time column ("Heure": 18:00)
            hours = table[hour].astype(str).str.extract(r"^(\d{1,2})")[0].astype(float)
        else:
            hours = when.dt.hour
        out["weekday"], out["hour"] = when.dt.weekday, hours
    elif weekday and hour:
        # Facebook Insights' "Post Weekday" runs 1 (Sunday) to 7 (Saturday).
        out["weekday"] = (parse_numbers(table[weekday]) + 5) % 7
        out["hour"] = parse_numbers(table[hour])
    else:
        raise DataError(f"{file}: no publication date column (map it in "
                        "data.posts.columns.date)")
    reach = pick("reach")
    if reach:
        out["reach"] = parse_numbers(table[reach])
    for key in OPTIONAL:
        col = pick(key)
        if col and col != eng:
            out[key] = parse_numbers(table[col])
    notes: list[str] = []
    if "followers" in out and out["followers"].isna().all():
        out.pop("followers")
    if "followers" in out and out["followers"].median() < out["engagements"].median():
        # A per-post "Followers" column (LinkedIn: follows the post brought) is not the
        # audience size: kept as follows gained, never used as a denominator.
        out["follows"] = out.pop("followers")
        notes.append("followers_are_follows")
    paid = pick("paid")
    if paid:
        out["paid"] = parse_flags(table[paid])  # blank: unknown
    if date:
        out["date"] = when
    platform, ctype = pick("platform"), pick("content_type")
    out["platform"] = table[platform].astype(str).str.strip().str.lower() if platform else ""
    out["content_type"] = table[ctype].astype(str) if ctype else ""
    cutoff = latest or pd.Timestamp.now()
    issues = {"duplicates": duplicates,
              "negative_reach": int((out["reach"] < 0).sum()) if "reach" in out else 0,
              "negative_engagements": int((out["engagements"] < 0).sum()),
              "future_dates": int((out["date"] > cutoff).sum()) if "date" in out else 0}
    out = out.dropna(subset=["weekday", "hour"])
    out = out[out["engagements"] >= 0]
    if "date" in out:
        out = out[~(out["date"] > cutoff)]
    basis = next((d for d in RATE_KPIS if d in out and (out[d] > 0).any()), None)
    if basis is not None:
        out = out[out[basis] > 0]  # also drops posts without the denominator
        out["rate"] = out["engagements"] / out[basis] * 100
    else:
        out["rate"] = out["engagements"]
    out["weekday"] = out["weekday"].astype(int)
    out["hour"] = out["hour"].astype(int)
    out.attrs["issues"] = issues  # duplicated and impossible rows found (left out), by kind
    out.attrs["rate_kpi"] = RATE_KPIS[basis] if basis else PER_POST_KPI
    out.attrs["notes"] = notes
    return out
