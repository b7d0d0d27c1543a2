"""What a build may read and how it writes: files confined to allowed folders, logos
checked and sanitised, CSV cells that a spreadsheet will not run, one build per folder."""

from __future__ import annotations

import contextlib
import csv
import io
import os
import re
import shutil
from collections.abc import Iterable, Iterator
from pathlib import Path

import pandas as pd

from .errors import UsageError

# Folders (besides the brief's own) that a brief may name files in: os.pathsep-separated.
ALLOWED_DIRS_ENV = "SMMPLAN_ALLOWED_DIRS"
LOGO_MAX_BYTES = 2 * 1024 * 1024  # a logo on a cover needs far less; a plan stays mailable
LOCK_NAME = ".smmplan.lock"


# --- Confined file access -----------------------------------------------------------------

def allowed_dirs() -> list[Path]:
    """The folders allowed by ``SMMPLAN_ALLOWED_DIRS`` (and ``--allow-dir``, which the CLI
    adds to it so that kernels inherit it), resolved."""
    value = os.environ.get(ALLOWED_DIRS_ENV, "")
    return [Path(p).expanduser().resolve() for p in value.split(os.pathsep) if p.strip()]


def allow_dirs(folders: Iterable[str | Path]) -> None:
    """Add folders to ``SMMPLAN_ALLOWED_DIRS`` for this process and its children."""
    current = [p for p in os.environ.get(ALLOWED_DIRS_ENV, "").split(os.pathsep) if p]
    extra = [str(Path(f).expanduser().resolve()) for f in folders]
    os.environ[ALLOWED_DIRS_ENV] = os.pathsep.join(current + extra)


def outside(path: Path, base: Path) -> bool:
    """Whether ``path`` (symlinks followed) resolves outside ``base`` and every allowed
    folder."""
    real = path.resolve()
    return not any(real.is_relative_to(root) for root in [base.resolve(), *allowed_dirs()])


def confinement_problem(written: str, path: Path, base: Path) -> str | None:
    """The message for a path written in a brief that resolves outside the allowed
    folders, or None."""
    if not outside(path, base):
        return None
    return (f"{written} resolves outside the brief's folder ({path.resolve()}); move the "
            f"file next to the brief or allow its folder with --allow-dir or "
            f"{ALLOWED_DIRS_ENV}")


# --- Logos --------------------------------------------------------------------------------

_SVG_NS = "http://www.w3.org/2000/svg"
_XLINK = "{http://www.w3.org/1999/xlink}href"
_SVG_ELEMENTS = {"svg", "g", "path", "rect", "circle", "ellipse", "line", "polyline",
                 "polygon", "text", "tspan", "textPath", "defs", "linearGradient",
                 "radialGradient", "stop", "clipPath", "mask", "pattern", "symbol", "use",
                 "title", "desc", "filter", "feGaussianBlur", "feOffset", "feBlend",
                 "feColorMatrix", "feFlood", "feComposite", "feMerge", "feMergeNode",
                 "metadata"}
_UNSAFE_VALUE = re.compile(r"javascript:|vbscript:|data:|expression\s*\(|@import"
                           r"|url\(\s*['\"]?(?!#)", re.I)


def logo_kind(data: bytes) -> str | None:
    """``png``, ``jpeg`` or ``svg`` from a file's first bytes (not its name), or None."""
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if data.startswith(b"\xff\xd8\xff"):
        return "jpeg"
    head = data[:1024].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if head.startswith((b"<?xml", b"<svg", b"<!--", b"<!doctype svg")) and b"<svg" in \
            data[:4096].lower():
        return "svg"
    return None


def check_logo(path: Path) -> str | None:
    """What is wrong with a logo file (size, type by content, SVG that cannot be parsed),
    or None."""
    size = path.stat().st_size
    if size > LOGO_MAX_BYTES:
        return (f"{path.name} is {size / 1e6:.1f} MB; a logo may be at most "
                f"{LOGO_MAX_BYTES / 1e6:.1f} MB (export it smaller)")
    data = path.read_bytes()
    kind = logo_kind(data)
    if kind is None:
        return f"{path.name} is not a PNG, JPEG or SVG image (checked by its content)"
    if kind == "svg":
        try:
            sanitize_svg(data)
        except ValueError as exc:
            return f"{path.name}: {exc}"
    return None


def sanitize_svg(data: bytes) -> bytes:
    """An SVG with only drawing elements and attributes: no scripts, event handlers,
    ``foreignObject``, external references (``href`` to anything but ``#id``) or style
    sheets. Parsed with defusedxml (no entities, no DTD). ValueError if it is not SVG."""
    from xml.etree import ElementTree as ET

    from defusedxml import DefusedXmlException
    from defusedxml.ElementTree import fromstring

    try:
        root = fromstring(data, forbid_dtd=True)
    except (ET.ParseError, DefusedXmlException) as exc:
        raise ValueError(f"not a well-formed SVG file ({type(exc).__name__})") from None
    if _local(root.tag) != "svg":
        raise ValueError("the XML root is not <svg>")

    def clean(element: ET.Element) -> None:
        for child in list(element):
            if not isinstance(child.tag, str) or _local(child.tag) not in _SVG_ELEMENTS:
                element.remove(child)  # script, style, foreignObject, a, image, comments...
                continue
            clean(child)
        for name in list(element.attrib):
            value = element.attrib[name]
            local = _local(name).lower()
            if local.startswith("on") or _UNSAFE_VALUE.search(value) or (
                    local == "href" and not value.strip().startswith("#")):
                del element.attrib[name]

    clean(root)
    ET.register_namespace("", _SVG_NS)
    ET.register_namespace("xlink", _XLINK[1:].split("}")[0])
    return ET.tostring(root, encoding="utf-8", xml_declaration=True)


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def logo_bytes(path: Path) -> tuple[str, bytes]:
    """(MIME type, bytes to embed) of a checked logo; SVGs sanitised."""
    data = path.read_bytes()
    kind = logo_kind(data)
    if kind == "svg":
        return "image/svg+xml", sanitize_svg(data)
    return ("image/png" if kind == "png" else "image/jpeg"), data


# --- CSV cells a spreadsheet will not run -------------------------------------------------

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_NUMBER = re.compile(r"^[+-]?(\d+([.,]\d*)?|[.,]\d+)([eE][+-]?\d+)?%?$")


def safe_cell(value: object) -> object:
    """A text cell that starts like a formula (``= + - @``, tab, carriage return) prefixed
    with ``'`` (OWASP CSV injection); numbers, and text that is a plain number such as
    ``-12.5``, unchanged."""
    if isinstance(value, str) and value.startswith(_FORMULA_START) and not _NUMBER.match(
            value):
        return "'" + value
    return value


def safe_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """``frame`` with every text cell passed through ``safe_cell`` (numeric columns and the
    header's numbers kept; headers made safe too)."""
    out = frame.copy()
    for col in out.columns:
        if out[col].dtype == object or pd.api.types.is_string_dtype(out[col]):
            out[col] = out[col].map(safe_cell)
    out.columns = [safe_cell(c) for c in out.columns]
    return out


def write_csv(frame: pd.DataFrame, path: Path) -> None:
    """Write a table as UTF-8 CSV with formula-like text cells neutralised."""
    safe_frame(frame).to_csv(path, index=False)


def csv_text(rows: Iterable[Iterable[object]]) -> str:
    """CSV text of ``rows`` with formula-like text cells neutralised."""
    buf = io.StringIO()
    writer = csv.writer(buf)
    for row in rows:
        writer.writerow([safe_cell(v) for v in row])
    return buf.getvalue()


# --- One build per output folder ----------------------------------------------------------

def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # another user's live process
        return True
    return True


def _holder(lock: Path) -> int | None:
    """PID of the live process holding ``lock``, or None (no lock, or a stale one)."""
    try:
        pid = int(lock.read_text(encoding="ascii").split()[0])
    except (FileNotFoundError, ValueError, IndexError):
        return None
    if not _alive(pid):
        return None
    cmdline = Path(f"/proc/{pid}/cmdline")
    if cmdline.exists():  # a recycled PID of another program does not hold the lock
        with contextlib.suppress(OSError):
            command = cmdline.read_bytes()  # empty while a process is being started
            if command and not re.search(rb"python|smmplan", command):
                return None
    return pid


@contextlib.contextmanager
def folder_lock(folder: Path) -> Iterator[None]:
    """Hold ``folder/.smmplan.lock`` (this process's PID) while building into ``folder``;
    UsageError if a live process holds it. A lock left by a dead process is taken over."""
    lock = folder / LOCK_NAME
    for _ in range(3):
        try:
            fd = os.open(lock, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
        except FileExistsError:
            holder = _holder(lock)
            if holder is not None:
                raise UsageError(f"{folder}: another smmplan build (process {holder}) is "
                                 "writing into this folder; wait for it to finish") from None
            lock.unlink(missing_ok=True)  # stale: its process is gone
            continue
        with os.fdopen(fd, "w", encoding="ascii") as handle:
            handle.write(f"{os.getpid()}\n")
        break
    else:
        raise UsageError(f"{folder}: cannot take the build lock {lock}")
    try:
        yield
    finally:
        with contextlib.suppress(OSError):
            if lock.read_text(encoding="ascii").split()[0] == str(os.getpid()):
                lock.unlink()


def remove_leftovers(folder: Path) -> list[str]:
    """Remove the ``.staging-*`` and ``.old-*`` folders that killed builds left in
    ``folder`` (call it holding the folder's lock: no live build owns them then)."""
    removed = []
    for leftover in sorted([*folder.glob(".staging-*"), *folder.glob(".old-*")]):
        if leftover.is_dir() and not leftover.is_symlink():
            shutil.rmtree(leftover, ignore_errors=True)
            removed.append(leftover.name)
    return removed
