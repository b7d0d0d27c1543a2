"""Reading the client's own files as real exports come: BOMs, Latin-1, `;` or tabs,
comment lines above the header (GA4), XLSX sheets."""

from __future__ import annotations

import csv
import io
from functools import lru_cache
from pathlib import Path

import pandas as pd

from ..errors import DataError

_SEPARATORS = ",;\t|"
_TEXT_SUFFIXES = {".csv", ".tsv", ".txt"}
_EXCEL_SUFFIXES = {".xlsx", ".xlsm"}


def decode(raw: bytes) -> tuple[str, str]:
    """Decode bytes, returning (text, encoding): UTF-8 (with or without BOM), else Latin-1."""
    if raw.startswith(b"\xef\xbb\xbf"):
        return raw[3:].decode("utf-8"), "utf-8-sig"
    try:
        return raw.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        return raw.decode("latin-1"), "latin-1"


def _strip_comments(text: str) -> tuple[str, int]:
    """Drop comment and blank lines above the header (GA4 exports start with `# ...`)."""
    lines = text.splitlines(keepends=True)
    skipped = 0
    while skipped < len(lines) and (
        lines[skipped].startswith("#") or not lines[skipped].strip()
    ):
        skipped += 1
    return "".join(lines[skipped:]), skipped


def sniff_separator(sample: str) -> str:
    """The field separator of a delimited text sample (`,`, `;`, tab or `|`)."""
    head = "\n".join(sample.splitlines()[:20])
    try:
        return csv.Sniffer().sniff(head, delimiters=_SEPARATORS).delimiter
    except csv.Error:
        first = head.splitlines()[0] if head else ""
        counts = {sep: first.count(sep) for sep in _SEPARATORS}
        best = max(counts, key=counts.get)
        return best if counts[best] else ","


def _check_suffix(path: Path) -> str:
    suffix = path.suffix.lower()
    if suffix not in _TEXT_SUFFIXES | _EXCEL_SUFFIXES:
        raise DataError(f"{path}: unsupported file type {suffix!r} (use .csv, .tsv or .xlsx)")
    return suffix


def read_table(path: str | Path, sheet: str | None = None) -> pd.DataFrame:
    """Read a client table (CSV/TSV/XLSX) with every column as text, as exported.

    Typing is left to the chapter that uses the table: it knows which columns are numbers.
    Several chapters read the same export: the parsed table is cached per file version
    (path, size, modification time) and each caller gets its own copy.
    """
    path = Path(path)
    _check_suffix(path)
    version = file_version(path)
    if version is None:
        raise DataError(f"{path}: file not found")
    return _read_cached(*version, sheet).copy()


def file_version(path: str | Path) -> tuple[str, int, int] | None:
    """(resolved path, size, modification time in ns) of a file, the key of every
    per-file-version cache; None when there is no such file."""
    path = Path(path)
    if not path.is_file():
        return None
    stat = path.stat()
    return str(path.resolve()), stat.st_size, stat.st_mtime_ns


@lru_cache(maxsize=16)
def _read_cached(path_text: str, size: int, mtime_ns: int, sheet: str | None) -> pd.DataFrame:
    path = Path(path_text)
    suffix = _check_suffix(path)
    if suffix in _EXCEL_SUFFIXES:
        try:
            frame = pd.read_excel(path, sheet_name=sheet or 0, dtype=str)
        except ValueError as exc:
            raise DataError(f"{path}: {exc}") from None
    else:
        text, _ = decode(path.read_bytes())
        text, _ = _strip_comments(text)
        if not text.strip():
            raise DataError(f"{path}: the file is empty")
        sep = sniff_separator(text)
        try:
            frame = pd.read_csv(
                io.StringIO(text), sep=sep, dtype=str, keep_default_na=False, na_values=[""]
            )
        except pd.errors.ParserError as exc:
            raise DataError(f"{path}: not a readable table: {exc}") from None
    frame.columns = [str(c).strip() for c in frame.columns]
    return frame


def read_header(path: str | Path, sheet: str | None = None) -> list[str]:
    """Column names of a client table, read cheaply (first lines only for text files)."""
    path = Path(path)
    suffix = _check_suffix(path)
    if suffix in _EXCEL_SUFFIXES:
        return list(read_table(path, sheet).columns)
    with path.open("rb") as handle:
        raw = handle.read(64 * 1024)
    text, _ = decode(raw)
    text, _ = _strip_comments(text)
    if not text.strip():
        raise DataError("the file is empty")
    sep = sniff_separator(text)
    first = next(csv.reader(io.StringIO(text), delimiter=sep))
    return [c.strip() for c in first]


def read_export(brief, kind: str) -> tuple[pd.DataFrame, dict[str, str], str] | None:
    """The table the brief names for ``kind`` (``data.<kind>``) with its column map and
    file name, for a kind's reader; None when the brief names no such file."""
    spec = getattr(brief.data, kind)
    if spec is None:
        return None
    path = brief.resolve(spec.path)
    return read_table(path, spec.sheet), spec.columns, path.name
