"""The post export: one row per post, normalised to weekday, hour, platform, content type,
reach, engagements (and the optional metrics the export has)."""

from __future__ import annotations

from functools import lru_cache

import pandas as pd

from ..brief import Brief
from .columns import find_all, find_column
from .table import file_version, read_table
from .values import parse_dates, parse_flags, parse_numbers

# Optional per-post metrics kept when the export has them.
OPTIONAL = ("impressions", "likes", "comments", "shares", "followers")


def read_posts(brief: Brief) -> pd.DataFrame | None:
    """The brief's post export as normalised rows (``posts_frame``), parsed once per file
    version and column map. None when the brief names no post export or it lacks reach or
    dates."""
    spec = brief.data.posts
    if spec is None:
        return None
    path = brief.resolve(spec.path)
    version = file_version(path)
    if version is None:  # let read_table name the missing file
        return posts_frame(read_table(path, spec.sheet), spec.columns)
    frame = _posts_cached(*version, spec.sheet, tuple(sorted(spec.columns.items())))
    return None if frame is None else frame.copy()


@lru_cache(maxsize=4)
def _posts_cached(path: str, size: int, mtime_ns: int, sheet: str | None,
                  columns: tuple[tuple[str, str], ...]) -> pd.DataFrame | None:
    return posts_frame(read_table(path, sheet), dict(columns))


def posts_frame(table: pd.DataFrame, columns: dict[str, str],
                latest: pd.Timestamp | None = None) -> pd.DataFrame | None:
    """Normalise a post export. Columns come from the brief's map or the aliases of
    ``data/columns.yaml`` (likes, comments, shares and saves are summed when there is no
    engagements column). Posts dated after ``latest`` (default: now), negative reach or
    engagements are impossible values: counted in ``attrs["issues"]`` and left out.
    Each row's ``rate`` is engagements / reach × 100. None without reach or timing."""
    names = list(table.columns)

    def pick(key: str) -> str | None:
        return find_column(names, "posts", key, columns)

    reach = pick("reach")
    if reach is None:
        return None
    out = pd.DataFrame({"reach": parse_numbers(table[reach])})
    eng = pick("engagements")
    if eng:
        out["engagements"] = parse_numbers(table[eng]).fillna(0)
    else:
        parts = find_all(names, "posts", "engagement_parts")
        if not parts:
            return None
        out["engagements"] = sum(parse_numbers(table[c]).fillna(0) for c in parts)
    date = pick("date")
    weekday, hour = pick("weekday"), pick("hour")
    if date:
        when = parse_dates(table[date])
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
        return None
    for key in OPTIONAL:
        col = pick(key)
        if col:
            out[key] = parse_numbers(table[col])
    paid = pick("paid")
    if paid:
        out["paid"] = parse_flags(table[paid])  # blank: unknown
    if date:
        out["date"] = when
    platform, ctype = pick("platform"), pick("content_type")
    out["platform"] = table[platform].astype(str).str.strip().str.lower() if platform else ""
    out["content_type"] = table[ctype].astype(str) if ctype else ""
    cutoff = latest or pd.Timestamp.now()
    issues = {"negative_reach": int((out["reach"] < 0).sum()),
              "negative_engagements": int((out["engagements"] < 0).sum()),
              "future_dates": int((out["date"] > cutoff).sum()) if "date" in out else 0}
    out = out.dropna(subset=["weekday", "hour"])
    out = out[(out["reach"] > 0) & (out["engagements"] >= 0)]  # also drops missing reach
    if "date" in out:
        out = out[~(out["date"] > cutoff)]
    out.attrs["issues"] = issues  # impossible values found (and left out), by kind
    out["rate"] = out["engagements"] / out["reach"] * 100
    out["weekday"] = out["weekday"].astype(int)
    out["hour"] = out["hour"].astype(int)
    return out
