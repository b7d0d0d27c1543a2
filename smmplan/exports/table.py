"""Reading the client's own files as real exports come: BOMs, Latin-1, `;` or tabs,
comment lines above the header (GA4), XLSX sheets."""

from __future__ import annotations

import csv
import io
import os
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path
from stat import S_ISREG
from typing import TypeVar

import pandas as pd

from ..errors import DataError

T = TypeVar("T")
_SEPARATORS = ",;\t|"
_TEXT_SUFFIXES = {".csv", ".tsv", ".txt"}
_EXCEL_SUFFIXES = {".xlsx", ".xlsm"}


def decode(raw: bytes) -> tuple[str, str]:
    """Decode bytes, returning (text, encoding): a BOM first (UTF-8, UTF-16 as Excel's
    "Unicode text" writes it), else UTF-8, else the encoding ``charset-normalizer``
    detects (cp1252, Latin-1...), else Latin-1. ``DataError`` for bytes that are not text
    (never echoed)."""
    if raw.startswith(b"\xef\xbb\xbf"):
        return raw[3:].decode("utf-8"), "utf-8-sig"
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return raw.decode("utf-16"), "utf-16"
    if b"\x00" in raw[:4096]:
        if _looks_utf16(raw):
            enc = "utf-16-le" if raw[1:2] == b"\x00" else "utf-16-be"
            return raw.decode(enc, errors="replace"), enc
        raise DataError("not a text table (binary content)")
    try:
        return raw.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    best = from_bytes(raw[:200_000]).best()
    if best is not None and best.encoding:
        try:
            return raw.decode(best.encoding), best.encoding
        except (UnicodeDecodeError, LookupError):
            pass
    return raw.decode("latin-1"), "latin-1"


def _looks_utf16(raw: bytes) -> bool:
    """UTF-16 without a BOM: every other byte of ASCII text is zero."""
    head = raw[:4096]
    odd, even = head[1::2], head[0::2]
    return odd.count(0) > 0.8 * len(odd) or even.count(0) > 0.8 * len(even)


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
        raise DataError(f"{path}: is a directory" if path.is_dir() else
                        f"{path}: file not found")
    return _read_cached(*version, sheet).copy()


def file_version(path: str | Path) -> tuple[str, int, int] | None:
    """(resolved path, size, modification time in ns) of a file, the key of every
    per-file-version cache; None when there is no such file."""
    try:
        stat = os.stat(path)
    except (FileNotFoundError, NotADirectoryError):
        return None
    if not S_ISREG(stat.st_mode):
        return None
    # an absolute path without resolving links: resolving costs a system call per folder
    # of the path, on every cache lookup (a link's target's version is what stat reads)
    return os.path.abspath(path), stat.st_size, stat.st_mtime_ns


@lru_cache(maxsize=16)
def _read_cached(path_text: str, size: int, mtime_ns: int, sheet: str | None) -> pd.DataFrame:
    path = Path(path_text)
    suffix = _check_suffix(path)
    if suffix in _EXCEL_SUFFIXES:
        _check_excel(path)
        try:
            frame = pd.read_excel(path, sheet_name=sheet or 0, dtype=str)
        except ValueError as exc:
            raise DataError(f"{path}: {exc}") from None
    else:
        try:
            text, _ = decode(path.read_bytes())
        except DataError as exc:
            raise DataError(f"{path}: {exc}") from None
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


def _check_excel(path: Path) -> None:
    """An .xlsx that is not a zip (XLSX) file: say what it looks like instead."""
    with path.open("rb") as handle:
        head = handle.read(4096)
    if head.startswith(b"PK\x03\x04"):
        return
    if head.startswith(b"\xd0\xcf\x11\xe0"):
        raise DataError(f"{path}: not an .xlsx file: an old .xls workbook (save it as .xlsx "
                        "or CSV)")
    try:
        decode(head)
    except (DataError, UnicodeDecodeError):
        raise DataError(f"{path}: not an Excel file (unreadable content)") from None
    raise DataError(f"{path}: not an Excel file: looks like CSV text (rename it .csv)")


def read_header(path: str | Path, sheet: str | None = None) -> list[str]:
    """Column names of a client table, read cheaply (first lines only for text files)."""
    path = Path(path)
    suffix = _check_suffix(path)
    if path.is_dir():
        raise DataError(f"{path}: is a directory")
    if suffix in _EXCEL_SUFFIXES:
        return list(read_table(path, sheet).columns)
    with path.open("rb") as handle:
        raw = handle.read(64 * 1024)
    text, _ = decode(raw[:len(raw) - len(raw) % 2] if raw[:2] in (b"\xff\xfe", b"\xfe\xff")
                     else raw)
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


def read_parsed(brief, kind: str, parse: Callable[[pd.DataFrame, dict[str, str], Path], T]
                ) -> T | None:
    """``parse(table, column map, path)`` of the brief's ``kind`` export, computed once per
    file version and column map (every chapter that reads the kind shares the result, so
    callers treat it as read-only); None when the brief names no such file. ``parse`` must
    be a module-level function (it is part of the cache key)."""
    spec = getattr(brief.data, kind)
    if spec is None:
        return None
    path = brief.resolve(spec.path)
    version = file_version(path)
    if version is None:  # let read_table name the missing file
        return parse(read_table(path, spec.sheet), dict(spec.columns), path)
    return _parsed(parse, *version, spec.sheet, tuple(sorted(spec.columns.items())))


@lru_cache(maxsize=8)
def _parsed(parse, path: str, size: int, mtime_ns: int, sheet: str | None,
            columns: tuple[tuple[str, str], ...]):
    return parse(read_table(path, sheet), dict(columns), Path(path))
