"""The comments export or moderation log: one row per comment."""

from __future__ import annotations

import pandas as pd

from ..brief import Brief
from ..errors import DataError
from .columns import find_column
from .table import read_export


def comment_texts(table: pd.DataFrame, columns: dict[str, str], file: str = "comments"
                  ) -> pd.Series:
    """The comments' texts; a ``DataError`` naming the file when there is no text column."""
    column = find_column(table.columns, "comments", "text", columns)
    if column is None or column not in table.columns:
        raise DataError(f"{file}: no text column (map it in data.comments.columns.text)")
    return table[column]


def read_comments(brief: Brief) -> pd.Series | None:
    """The brief's comment texts (``comment_texts``); None when it names no comment file."""
    found = read_export(brief, "comments")
    return None if found is None else comment_texts(*found)
