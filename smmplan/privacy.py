"""Personal data in client files, and the smallest group a plan may describe.

Word lists and thresholds live in ``data/privacy.yaml`` (with their sources). Personal
columns are recognised by name (six languages) and by content (e-mail addresses, phone
numbers, official document numbers, IBANs and card numbers, postal addresses).
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Iterable
from functools import cache

import pandas as pd

from .catalogue import privacy_rules

CATEGORIES = ("name", "contact", "address", "document", "bank")
# Short or generic words that mean personal data only as the whole column name ("Name",
# "Mail", "Zip"); inside a longer name they usually mean something else ("Product name").
_WHOLE_NAME_ONLY = {"name", "nom", "nome", "nombre", "mail", "via", "cap", "rue", "cell",
                    "ip", "tel", "tin", "nin", "rg", "nie", "cpf", "cni", "nir", "plz", "cep",
                    "zip", "mobile", "portable", "movil", "celular", "apelido", "rib", "bic",
                    "swift", "ausweis", "patente", "correo", "calle", "rua"}


def _normalise(text: str) -> str:
    """Lower-case ASCII words: accents removed, ß as ss, separators as single spaces."""
    text = text.replace("ß", "ss").replace("ẞ", "ss")
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return " ".join(re.sub(r"[^a-z0-9]+", " ", ascii_text.lower()).split())


@cache
def _words() -> dict[str, tuple[set[str], re.Pattern | None]]:
    """Per category: the names that match as the whole column name, and the pattern of the
    words that match inside it (one alternation: compiling one pattern per word cost more
    than reading a customer table)."""
    table = privacy_rules()["columns"]
    result = {}
    for category in CATEGORIES:
        words = {_normalise(w) for per_language in table[category].values()
                 for w in per_language}
        inside = [re.escape(w) for w in sorted(words) if w not in _WHOLE_NAME_ONLY]
        pattern = re.compile(rf"(^| )(?:{'|'.join(inside)})( |$)") if inside else None
        result[category] = (words, pattern)
    return result


def personal_name(column: str) -> str | None:
    """The personal-data category a column's name says (``name``, ``contact``, ``address``,
    ``document``, ``bank``), or None. ``whole`` names match exactly; longer ones as words."""
    return _name_match(column)[0]


def _name_match(column: str) -> tuple[str | None, bool]:
    """(category, whether the whole name is the word) of a column name."""
    name = _normalise(column)
    squashed = name.replace(" ", "")
    found = None
    for category, (words, inside) in _words().items():
        if name in words or squashed in words:
            return category, True
        if found is None and inside is not None and inside.search(name):
            found = category
    return found, False


# --- Content ------------------------------------------------------------------------------

_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[a-z]{2,}$", re.I)
_PHONE = re.compile(r"^(\+|00)?[\d\s().-]{8,20}$")
_DATE_LIKE = re.compile(r"^\d{1,4}[-/.]\d{1,2}[-/.]\d{1,4}")
_IBAN = re.compile(r"^[A-Z]{2}\d{2}[A-Z0-9]{11,30}$")
_SSN = re.compile(r"^\d{3}-\d{2}-\d{4}$")  # U.S. social security number
_NIR = re.compile(r"^[12]\d{12}(\d{2})?$")  # French social security number (NIR)
_CODICE_FISCALE = re.compile(r"^[A-Z]{6}\d{2}[A-EHLMPRST]\d{2}[A-Z]\d{3}[A-Z]$")
_DNI = re.compile(r"^([XYZ]|\d)\d{7}[A-Z]$")  # Spanish DNI / NIE with its check letter
_DNI_LETTERS = "TRWAGMYFPDXBNJZSQVHLCKE"
_CPF = re.compile(r"^\d{3}\.\d{3}\.\d{3}-\d{2}$")  # Brazilian CPF as written
_CARD = re.compile(r"^\d{13,19}$")
_STREET = re.compile(
    r"\d+\s*(bis|ter|[a-z])?,?\s+(rue|avenue|av\.?|boulevard|bd|chemin|impasse|all[ée]e|place"
    r"|street|st\.?|road|rd\.?|lane|drive|way|stra(ss|ß)e|weg|platz|gasse|via|viale|piazza"
    r"|calle|avenida|plaza|rua|travessa|largo)\b"
    r"|\b(rue|avenue|street|road|stra(ss|ß)e|via|calle|rua|avenida)\b[^,]*\s\d+"
    r"|^\d+[a-z]?\s+([\w'-]+\s+){1,3}(street|st|road|rd|avenue|ave|lane|ln|drive|dr|way"
    r"|close|court|place|crescent|terrace)\b\.?"
    r"|^[\w'-]+(stra(ss|ß)e|weg|gasse|platz)\s+\d+",
    re.I,
)


def _iban_ok(value: str) -> bool:
    moved = value[4:] + value[:4]
    digits = "".join(str(int(ch, 36)) for ch in moved)
    return int(digits) % 97 == 1


def _luhn_ok(value: str) -> bool:
    total = 0
    for i, ch in enumerate(reversed(value)):
        d = int(ch)
        if i % 2:
            d = d * 2 - 9 if d > 4 else d * 2
        total += d
    return total % 10 == 0


def _dni_ok(value: str) -> bool:
    number = value[:-1].replace("X", "0").replace("Y", "1").replace("Z", "2")
    return _DNI_LETTERS[int(number) % 23] == value[-1]


def value_kind(value: str) -> str | None:
    """What one value is, if it is a personal identifier: ``e-mail``, ``phone``,
    ``document``, ``bank`` or ``address``; else None."""
    text = value.strip()
    if not text:
        return None
    compact = re.sub(r"[\s-]", "", text).upper()
    if _EMAIL.match(text):
        return "e-mail"
    if _IBAN.match(compact) and _iban_ok(compact):
        return "bank"
    if _CARD.match(compact) and _luhn_ok(compact) and len(set(compact)) > 2:
        return "bank"
    if _SSN.match(text) or _CPF.match(text) or _CODICE_FISCALE.match(compact) or (
            _DNI.match(compact) and _dni_ok(compact)) or (
            _NIR.match(compact) and int(compact[3:5]) <= 12 and len(compact) in (13, 15)):
        return "document"
    if _STREET.search(text):
        return "address"
    if _PHONE.match(text) and not _DATE_LIKE.match(text):
        digits = re.sub(r"\D", "", text)
        # a bare run of digits is a phone number only with a trunk or exit prefix (0...)
        if 9 <= len(digits) <= 15 and (not text.isdigit() or text.startswith("0")):
            return "phone"
    return None


def personal_content(values: Iterable[object], share: float = 0.5,
                     sample: int = 300) -> str | None:
    """The kind of personal identifier most of a column's values are (e-mail, phone,
    document, bank, address), judged on up to ``sample`` present values, or None."""
    seen: dict[str, int] = {}
    n = 0
    for value in values:
        if value is None or (isinstance(value, float) and math.isnan(value)):
            continue
        n += 1
        kind = value_kind(str(value))
        if kind:
            seen[kind] = seen.get(kind, 0) + 1
        if n >= sample:
            break
    if not n or not seen:
        return None
    kind = max(seen, key=seen.get)
    return kind if seen[kind] >= share * n else None


def personal_column(column: str, values: pd.Series | None = None,
                    tokens: bool = False) -> str | None:
    """Why a column holds personal data (a category of ``data/privacy.yaml`` or a content
    kind), or None. A name matched only as part of a longer name ("Accepts Email
    Marketing") counts when the column has more than two distinct values. ``tokens``:
    ``values`` is the raw column, whose missing-value tokens ("n/a", "-"...) are left out
    here, and only where they matter (not from every row of a million-row column to
    look at 1,000 of them)."""
    from .exports.values import non_empty

    def present(part: pd.Series) -> pd.Series:
        return non_empty(part) if tokens else part.dropna()

    category, whole = _name_match(column)
    if category and (whole or values is None or (present(values) if tokens else values)
                     .nunique() > 2):
        return category
    if values is not None and (values.dtype == object or pd.api.types.is_string_dtype(values)):
        # the first 1,000 present values: looked for in the first 1,000 rows before all
        # of them (dropping the missing values of a million rows to keep 1,000 costs more
        # than the rest of the check)
        sample = present(values.head(1000))
        if len(sample) < 1000 < len(values):
            sample = present(values).head(1000)
        return personal_content(sample)
    return None


# --- The smallest group shown -------------------------------------------------------------

def disclosure() -> dict:
    """The disclosure rule of ``data/privacy.yaml``: ``min_people`` and ``min_share_pct``."""
    return privacy_rules()["disclosure"]


def min_group(rows: int) -> int:
    """Smallest number of people a target, sub-target, trait or cell may describe in a
    table of ``rows`` people: max(min_people, min_share_pct % of rows)."""
    rule = disclosure()
    return max(int(rule["min_people"]), math.ceil(rows * float(rule["min_share_pct"]) / 100))
