"""Finding a column of a client export: the brief's column map first, then the aliases of
``data/columns.yaml`` (so that a new export layout is data, not code)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from ..catalogue import column_aliases


def aliases(kind: str) -> dict[str, dict[str, list[str]]]:
    """The aliases of one export kind (``posts``, ``ads``, ``web_analytics``, ...)."""
    return column_aliases().get(kind, {})


def find_column(columns: Iterable[str], kind: str, key: str,
                mapped: Mapping[str, str] | None = None) -> str | None:
    """The column of ``columns`` that holds ``key`` for an export of ``kind``: the brief's
    mapping when it names one, else the first exact alias, else the first column whose
    name contains an alias (and none of the excluded words). None when nothing matches."""
    columns = list(columns)
    if mapped and key in mapped:
        return mapped[key]
    rule = aliases(kind).get(key, {})
    lowered = {c.strip().lower(): c for c in reversed(columns)}  # first column wins
    for name in rule.get("exact", []):
        if name in lowered:
            return lowered[name]
    contains, exclude = rule.get("contains", []), rule.get("exclude", [])
    for column in columns:
        low = column.lower()
        if any(a in low for a in contains) and not any(x in low for x in exclude):
            return column
    return None

