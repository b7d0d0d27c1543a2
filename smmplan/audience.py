"""The client's audience table made ready for modelling: identity and contact columns
dropped, every other column typed (numeric, boolean, category, date -> age or recency),
and every decision written down as a note the plan can show.

No row-level personal data leaves this module except the row key, which only goes to
``audience_segments.csv`` next to the plan (never into the HTML, plan.json or tables/).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field, replace
from functools import partial
from pathlib import Path

import numpy as np
import pandas as pd

from .brief import Brief
from .catalogue import column_aliases
from .errors import DataError
from .exports.columns import find_column
from .exports.table import read_parsed
from .exports.values import MISSING as _MISSING
from .exports.values import is_text, parse_dates, parse_numbers
from .exports.values import non_empty as _non_empty
from .privacy import personal_column
from .quartiles import quartiles

# A target needs at least this many rows (and its minimum share) to be kept; here, not in
# segments.py, so that validating a brief does not import scikit-learn.
MIN_TARGET_ROWS = 20

# Column-name patterns (English and French) of identity and contact data. Strong names
# are always dropped; weak ones (which also name consent flags or counts, e.g. "Accepts
# Email Marketing") only when the column has many distinct values.
_PII_STRONG = re.compile(
    r"(^|\b|_)(first|last|full|sur|given|family|user|middle)?[ _-]?name$|^nom\b|pr[ée]nom"
    r"|address|adresse|street|^rue|zip|post ?code|code postal|ip[ _]?addr|uuid|ssn|passport"
    r"|iban|social security|s[ée]curit[ée] sociale|birth ?place",
    re.I,
)
_PII_WEAK = re.compile(
    r"e-?mail|courriel|phone|t[ée]l[ée]?phone|^tel$|mobile|portable|(^|[ _])id$|^id[ _]"
    r"|identifi|card|carte",
    re.I,
)
_CAMEL_ID = re.compile(r"[a-z](ID|Id)$")  # CustomerID, userId
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[a-z]{2,}$", re.I)
_PHONE = re.compile(r"^\+?[\d\s().-]{8,20}$")
_DATE_NAME = re.compile(r"date|time|birth|dob|naissance|signup|joined|created|last|since|le$",
                        re.I)
_DATE_LIKE = re.compile(r"^\d{1,4}[-/.]\d{1,2}[-/.]\d{1,4}")
_BIRTH = re.compile(r"birth|dob|naissance|né", re.I)
_VALUE_NAME = re.compile(r"spent|spend|revenue|amount|total|montant|chiffre|ltv|value|ca$",
                         re.I)
_PRODUCT_NAME = re.compile(r"categor|product|produit|gamme|collection|range|line", re.I)
_GENDER_NAME = re.compile(r"gender|^sex|genre|sexe", re.I)
_TRUE = {"yes", "true", "y", "t", "oui", "vrai", "1"}
_FALSE = {"no", "false", "n", "f", "non", "faux", "0"}
MAX_CATEGORIES = 30
AGE_RANGE = (13, 110)  # an age outside is impossible for a customer: excluded (then imputed)
OUTLIER_IQR = 5.0  # beyond Q3 + 5 x IQR (or Q1 - 5 x IQR) a value is capped at that bound
_BIRTH_YEAR = re.compile(r"birth|naissance|year_?of_?birth|yob", re.I)
MAIN_CATEGORY = "main category"  # each person's category with the largest share of spend
CATEGORY_TOTAL = "total spend"  # the sum of the per-category spend columns
PARALLEL_ROWS = 50_000  # from this many rows, text columns are factorised in worker threads
SAMPLE = 2000  # values looked at to decide a column's type before parsing all of it
MIN_PARSED = 0.8  # share of non-empty values that must parse for a type to be chosen


@dataclass
class ColumnNote:
    """What happened to one column of the client's file."""

    column: str
    action: str  # "kept", "dropped", "key"
    kind: str  # numeric, boolean, category, age, recency, identity, text, constant, empty
    detail: str = ""
    coerced: int = 0  # non-empty values that could not be read as the column's type
    missing: int = 0  # empty cells and missing-value tokens ("n/a", "-"...), imputed later
    flagged: int = 0  # impossible or extreme values found by ``rule``
    rule: str = ""  # "age_range" (excluded), "negative" (excluded), "outlier" (capped)


@dataclass
class Audience:
    """The typed audience: model features, roles of special columns, notes."""

    file: str
    rows: int
    features: pd.DataFrame  # typed: float columns and category columns
    numeric: list[str]
    categorical: list[str]
    key: pd.Series | None  # the client's row key (or row numbers); None in ``rows_of``
    key_column: str | None
    value_column: str | None  # spend / revenue, a numeric feature
    product_column: str | None  # raw product values, for offer-line sub-targets
    gender_column: str | None
    age_column: str | None
    notes: list[ColumnNote] = field(default_factory=list)
    reference_date: str | None = None
    # per-category spend: the category's label -> its (numeric) feature; with them,
    # ``MAIN_CATEGORY`` (and, without a value column, ``CATEGORY_TOTAL``) are in
    # ``features`` but not in ``numeric`` / ``categorical``: they are not clustered twice
    categories: dict[str, str] = field(default_factory=dict)
    # a subset's whole audience (``rows_of``): which column names platforms is decided on
    # it (``target_channels.platform_shares``), and worked out once per audience (``found``)
    whole: Audience | None = field(default=None, repr=False, compare=False)
    found: dict = field(default_factory=dict, repr=False, compare=False)

    def rows_of(self, index: np.ndarray) -> Audience:
        """The rows at ``index`` (positions, ascending) as an audience of their own: an
        offer line's rows, described without a pass over every row per sub-target.
        Category columns keep every category of the whole audience. Without the row key:
        a subset's rows are described, never listed (its strings cost more to copy than
        every feature's values)."""
        return replace(self, rows=len(index), features=self.features.take(index),
                       key=None, whole=self.whole or self, found={})

    @property
    def product(self) -> pd.Series | None:
        return self.features[self.product_column] if self.product_column else None

    def roles(self) -> dict:
        """What the plan's words need to know about the features: ``value``, ``gender``,
        ``age``, ``product`` (its feature), ``product_source`` ("categories" for
        per-category spend, "column" for a product column, or None), ``orders`` (a count of
        orders, by ``data/columns.yaml``'s aliases), ``last_order`` (the days since the
        last order), ``booleans`` (yes/no features, as shares), ``categories`` (each
        per-category spend feature's category label)."""
        kept = [n for n in self.notes if n.action == "kept"]
        names = [n.column for n in kept if n.kind == "numeric"]
        orders = find_column(names, "audience", "orders")
        last = find_column([n.column for n in kept if n.kind == "recency"], "audience",
                           "last_order")
        return {
            "value": self.value_column, "gender": self.gender_column, "age": self.age_column,
            "product": self.product_column,
            "product_source": None if not self.product_column else "categories" if
            self.product_column == MAIN_CATEGORY and self.categories else "column",
            "orders": orders if orders in self.numeric else None,
            "last_order": next((n.detail for n in kept if n.column == last), None),
            "booleans": [n.column for n in kept if n.kind == "boolean" and
                         n.column in self.numeric],
            "categories": {col: label for label, col in self.categories.items()},
        }

    def category_shares(self, mask: np.ndarray | None = None) -> dict[str, float]:
        """Share (%) of the spend of the rows in ``mask`` (default: all) that goes to each
        category, largest first; empty without per-category spend columns."""
        if not self.categories:
            return {}
        rows = self.features if mask is None else self.features[np.asarray(mask)]
        sums = rows[list(self.categories.values())].clip(lower=0).sum()
        total = float(sums.sum())
        if not total:
            return {}
        shares = {label: float(sums[col]) / total * 100 for label, col in
                  self.categories.items()}
        return dict(sorted(shares.items(), key=lambda kv: -kv[1]))


@dataclass
class _Column:
    """One text column factorised once: its distinct values and each row's code, so that
    presence, distinct counts, booleans, dates and categories are worked out on the
    distinct values (a few hundred) rather than on every row (up to millions)."""

    raw: pd.Series
    codes: np.ndarray  # index into ``uniques``; -1 = missing
    uniques: np.ndarray

    @classmethod
    def of(cls, raw: pd.Series) -> _Column:
        codes, uniques = pd.factorize(raw)
        uniques = np.asarray(uniques, dtype=object)
        missing = pd.Index(uniques, dtype=object).isin(_MISSING)
        if missing.any():  # missing-value tokens ("N/A", "-", ...) become code -1
            remap = np.where(missing, -1, np.cumsum(~missing) - 1)
            codes = np.where(codes >= 0, remap[codes], -1)
            uniques = uniques[~missing]
        return cls(raw, codes, uniques)

    @property
    def distinct(self) -> int:
        return len(self.uniques)

    def present(self) -> pd.Series:
        known = self.codes >= 0
        return self.raw if known.all() else self.raw[known]  # no copy without a gap

    def expand(self, per_value: pd.Series) -> pd.Series:
        """Per-row values from a Series computed on ``uniques`` (missing rows -> NA)."""
        extended = per_value.reset_index(drop=True).reindex(range(len(self.uniques) + 1))
        return pd.Series(extended.to_numpy()[self.codes], index=self.raw.index,
                         dtype=per_value.dtype)

    def categorical(self) -> pd.Series:
        """The column as a pandas categorical (trimmed labels, sorted like astype does)."""
        # "Paris" and "Paris " are one category: labels are trimmed, then merged.
        names = sorted({str(v).strip() for v in self.uniques})
        position = {name: i for i, name in enumerate(names)}
        remap = np.array([position[str(v).strip()] for v in self.uniques] + [-1])
        cat = pd.Categorical.from_codes(remap[self.codes], categories=pd.Index(names))
        return pd.Series(cat, index=self.raw.index)


def _factorise_ahead(table: pd.DataFrame, key: str | None) -> dict[str, Callable[[], _Column]]:
    """Each text column's ``_Column``, to be fetched in column order. On a large table
    they are factorised in two worker threads while the caller types the other columns
    (pandas' string hashing lets go of the GIL for part of its work: the bench's five
    text columns of a million rows 0.17 -> 0.13 s, and the numeric columns typed
    meanwhile); on a small one, when fetched."""
    texts = [col for col in table.columns if col != key and is_text(table[col])]
    if len(table) < PARALLEL_ROWS or len(texts) < 2:
        return {col: partial(_Column.of, table[col]) for col in texts}
    pool = ThreadPoolExecutor(max_workers=2)
    futures = {col: pool.submit(_Column.of, table[col]) for col in texts}
    pool.shutdown(wait=False)  # the threads end with their tasks
    return {col: future.result for col, future in futures.items()}


def _looks_like(values: pd.Series, pattern: re.Pattern, share: float = 0.5) -> bool:
    sample = values.head(500).astype(str)
    return len(sample) > 0 and sample.str.match(pattern).mean() >= share


def _is_identity(name: str, values: pd.Series, distinct: int | None = None) -> str | None:
    """Why a column is identity or contact data, or None.

    A column is identity data when its content looks like e-mails or phone numbers, or
    when its name says so (name, e-mail, phone, address, ID...) and it has many distinct
    values (a consent flag such as "Accepts Email Marketing" is kept).
    """
    if is_text(values):
        if _looks_like(values, _EMAIL):
            return "e-mail addresses"
        if _looks_like(values, _PHONE, 0.8) and not _looks_like(values, _DATE_LIKE, 0.2):
            digits = values.head(500).astype(str).str.replace(r"\D", "", regex=True)
            if digits.str.len().median() >= 9:
                return "phone numbers"
    personal = personal_column(name, values)  # data/privacy.yaml, six languages
    if personal:
        return f"personal data ({personal})"
    strong = bool(_PII_STRONG.search(name))
    weak = bool(_PII_WEAK.search(name) or _CAMEL_ID.search(name))
    if not (strong or weak):
        return None  # the name says nothing: no need to count distinct values
    distinct = values.nunique() if distinct is None else distinct
    if strong and distinct > 2:
        return "identity column name"
    if weak and distinct > min(MAX_CATEGORIES, 0.5 * len(values)):
        return "identity column name"
    return None


def _constant(values: pd.Series) -> bool:
    """Whether a numeric column has at most one distinct present value (no hashing)."""
    return not values.max() > values.min()


def _parse(parser, raw: pd.Series, text: _Column | None) -> pd.Series:
    """``parser`` applied to a column; on a text column with repeated values, applied to
    its distinct values only and spread back to the rows."""
    if text is None or text.distinct > 0.5 * len(raw):
        return parser(raw)
    return text.expand(parser(pd.Series(text.uniques, dtype=object)))


def prepare_audience(table: pd.DataFrame, file: str | Path, columns: dict[str, str] | None = None,
                     today: pd.Timestamp | None = None) -> Audience:
    """Type an audience table for modelling.

    ``columns`` is the brief's column map (smmplan's name -> the file's column): ``id`` is
    the row key, ``value`` the spend or revenue column, ``product`` the column whose values
    map to offer lines, ``gender`` and ``age``, ``categories`` ("A + B + C") or
    ``category.<label>`` the per-category spend columns (else found by the naming rule of
    ``data/columns.yaml``: see ``category_columns``); any other mapped name renames a
    column. Raises DataError (naming file and column) when the table cannot be modelled.
    """
    file = str(file)
    columns = dict(columns or {})
    if table.empty or len(table.columns) == 0:
        raise DataError(f"{file}: the audience table has no rows")
    mapped_categories = _mapped_categories(columns)  # pops them from ``columns``
    for col in mapped_categories.values():
        if col not in table.columns:
            raise DataError(f"{file}: column {col!r} (mapped as 'categories') is not in the "
                            "file")
    value_sum = split_sum(columns.get("value"))
    if len(value_sum) > 1:  # "A + B + C": per-category spend columns, summed into one value
        absent = [c for c in value_sum if c not in table.columns]
        if absent:
            raise DataError(f"{file}: column {absent[0]!r} (mapped as 'value') is not in the "
                            "file")
        table = table.copy()
        name = "total value"
        table[name] = sum(parse_numbers(table[c]).fillna(0) for c in value_sum)
        columns["value"] = name
    for ours, theirs in columns.items():
        if theirs not in table.columns:
            raise DataError(f"{file}: column {theirs!r} (mapped as {ours!r}) is not in the file")
        personal = personal_column(theirs, table[theirs], tokens=True)
        if personal:
            raise DataError(f"{file}: column {theirs!r} (mapped as {ours!r}) holds personal "
                            f"data ({personal}); map the role to another column")
    roles = {k: columns.pop(k) for k in ("id", "value", "product", "gender", "age")
             if k in columns}
    renames = {theirs: ours for ours, theirs in columns.items()}
    n = len(table)
    notes: list[ColumnNote] = []
    typed: dict[str, pd.Series] = {}
    numeric: list[str] = []
    categorical: list[str] = []
    dates: dict[str, pd.Series] = {}
    years: dict[str, tuple[pd.Series, int]] = {}
    key_column = roles.get("id")
    counted: dict[str, int] = {}  # each typed column's present values

    factorised = _factorise_ahead(table, key_column)
    for col in table.columns:
        raw = table[col]
        if col == key_column:
            notes.append(ColumnNote(col, "key", "identity", "row key, kept only for "
                                                           "audience_segments.csv"))
            continue
        text = factorised[col]() if col in factorised else None
        if text is not None:
            present, n_distinct = text.present(), text.distinct
        else:  # distinct values of other columns are counted only when needed (costly)
            present = raw.dropna() if raw.hasnans else raw
            n_distinct = None
        counted[col] = len(present)  # present values, counted once (notes, coercions)
        if present.empty:
            notes.append(ColumnNote(col, "dropped", "empty"))
            continue
        mapped = col in roles.values() or col in renames or col in \
            mapped_categories.values()
        why = None if mapped else _is_identity(col, present, n_distinct)
        if why:
            if key_column is None and why == "identity column name" and \
                    re.search(r"id|identifi|code|num", col, re.I) and \
                    (n_distinct if n_distinct is not None else present.nunique()) == n:
                key_column = col
                notes.append(ColumnNote(col, "key", "identity", "row key (detected)"))
            else:
                notes.append(ColumnNote(col, "dropped", "identity", why))
            continue
        name = renames.get(col, col)
        if text is not None:
            distinct_values = text.uniques if n_distinct <= 10 else []
        else:  # a sample with more than 10 values settles it without hashing every row
            few = present.head(1000).nunique() <= 10 and present.nunique() <= 10
            distinct_values = present.unique() if few else []
        lowered = {str(v).strip().lower() for v in distinct_values}
        if lowered and lowered <= (_TRUE | _FALSE) and len(lowered) == 2:
            # map the few distinct values, not every row
            codes, uniques = (text.codes, text.uniques) if text is not None else \
                pd.factorize(raw)
            lookup = np.array([1.0 if str(v).strip().lower() in _TRUE else
                               0.0 if str(v).strip().lower() in _FALSE else np.nan
                               for v in uniques] + [np.nan])
            typed[name] = pd.Series(lookup[codes], index=raw.index, dtype="float64")
            numeric.append(name)
            notes.append(ColumnNote(col, "kept", "boolean"))
            continue
        if pd.api.types.is_numeric_dtype(raw):
            number = raw.astype("float64")
            ok = True
        elif parse_numbers(present.head(SAMPLE)).notna().mean() < MIN_PARSED:
            number, ok = None, False  # decided on a sample: not a number column
        else:
            number = _parse(parse_numbers, raw, text)
            ok = number.notna().sum() >= MIN_PARSED * len(present)
        if ok and not (_DATE_NAME.search(col) and _looks_like(present, _DATE_LIKE)):
            coerced = int(len(present) - number.notna().sum())
            if _constant(number):
                notes.append(ColumnNote(col, "dropped", "constant", coerced=coerced))
                continue
            if _BIRTH_YEAR.search(col) and number.between(1800, 2100).mean() >= MIN_PARSED:
                years[col] = (number, coerced)  # a birth year: an age once the year is known
                continue
            typed[name] = number
            numeric.append(name)
            notes.append(ColumnNote(col, "kept", "numeric", coerced=coerced))
            continue
        if pd.api.types.is_datetime64_any_dtype(raw) or _DATE_NAME.search(col) or \
                _looks_like(present, _DATE_LIKE, 0.8):
            if parse_dates(present.head(SAMPLE)).notna().mean() >= MIN_PARSED:
                parsed = _parse(parse_dates, raw, text)
                if parsed.notna().sum() >= MIN_PARSED * len(present):
                    dates[col] = parsed
                    continue
        distinct = n_distinct if n_distinct is not None else present.nunique()
        if distinct <= 1:
            notes.append(ColumnNote(col, "dropped", "constant"))
            continue
        if distinct > MAX_CATEGORIES and col not in roles.values():
            if n >= 50 and distinct >= 0.95 * len(present):
                notes.append(ColumnNote(col, "dropped", "identity", "unique text values"))
            else:
                notes.append(ColumnNote(col, "dropped", "text", f"{distinct} distinct values"))
            continue
        if text is not None:
            typed[name] = text.categorical()
        else:
            clean = raw.where(raw.notna() & ~raw.isin(_MISSING)).astype("category")
            typed[name] = clean.cat.rename_categories(lambda c: str(c).strip())
        categorical.append(name)
        notes.append(ColumnNote(col, "kept", "category", f"{distinct} values"))

    reference = None
    if dates:
        stacked = pd.concat([d for d in dates.values()])
        reference = today or stacked.max()
        for col, parsed in dates.items():
            coerced = int(counted[col] - parsed.notna().sum())
            if _BIRTH.search(col) or roles.get("age") == col:
                name = "age"
                values = (reference - parsed).dt.days / 365.25
                kind = "age"
            else:
                name = f"days since {renames.get(col, col)}"
                values = (reference - parsed).dt.days.astype("float64")
                kind = "recency"
            if _constant(values):
                notes.append(ColumnNote(col, "dropped", "constant"))
                continue
            typed[name] = values.astype("float64")
            numeric.append(name)
            notes.append(ColumnNote(col, "kept", kind, name, coerced=coerced))

    for col, (number, coerced) in years.items():
        year = (reference or today or pd.Timestamp.now()).year
        typed["age"] = (year - number).astype("float64")
        numeric.append("age")
        notes.append(ColumnNote(col, "kept", "age", "age", coerced=coerced))
        if reference is None:
            reference = today or pd.Timestamp(f"{year}-01-01")
    if mapped_categories:
        kinds = {note.column: note.kind for note in notes}
        wrong = [c for c in mapped_categories.values() if kinds.get(c) not in ("numeric",
                                                                                "constant")]
        if wrong:
            raise DataError(f"{file}: column {wrong[0]!r} (mapped as 'categories') does not "
                            "hold amounts")
        categories = {label: c for label, c in mapped_categories.items() if c in numeric}
    else:
        categories = category_columns([c for c in numeric if c not in roles.values()])
    _flag_values(table, typed, notes, renames, {roles.get("value"), *categories.values()},
                 counted)

    if not typed:
        raise DataError(f"{file}: no column can be used to find targets "
                        "(every column is empty, constant, identity or free text)")
    features = pd.DataFrame(typed, index=table.index, copy=False)  # the typed columns, no copy
    key = table[key_column].astype(str) if key_column else pd.Series(
        np.arange(1, n + 1).astype(str), index=table.index)

    def find(role: str, pattern: re.Pattern, kinds: tuple[str, ...]) -> str | None:
        if role in roles:
            col = roles[role]
            return next((renames.get(col, col) if renames.get(col, col) in features else
                         name for name in features if name == renames.get(col, col)), None) \
                or ("age" if role == "age" and "age" in features else None)
        for note in notes:
            if note.action == "kept" and note.kind in kinds and pattern.search(note.column):
                return note.detail if note.kind in ("age", "recency") else \
                    renames.get(note.column, note.column)
        return None

    age_column = "age" if "age" in features else find("age", re.compile(r"^age$|âge", re.I),
                                                       ("numeric",))
    value_column = find("value", _VALUE_NAME, ("numeric",))
    product_column = find("product", _PRODUCT_NAME, ("category",))
    if categories:  # each person's main category and, without a value, their total spend
        amounts = features[list(categories.values())].clip(lower=0)
        total = amounts.sum(axis=1, min_count=1)
        main = np.where(total.to_numpy() > 0, amounts.fillna(-1).to_numpy().argmax(axis=1),
                        -1)
        features[MAIN_CATEGORY] = pd.Categorical.from_codes(main, categories=list(categories))
        product_column = product_column or MAIN_CATEGORY
        if "value" not in roles and (value_column is None or value_column in
                                     categories.values()):
            features[CATEGORY_TOTAL] = total
            value_column = CATEGORY_TOTAL
    return Audience(
        file=file,
        rows=n,
        features=features,
        numeric=numeric,
        categorical=categorical,
        key=key,
        key_column=key_column,
        value_column=value_column,
        product_column=product_column,
        gender_column=find("gender", _GENDER_NAME, ("category",)),
        age_column=age_column,
        notes=notes,
        reference_date=str(reference.date()) if reference is not None else None,
        categories=categories,
    )


def human_label(name: str) -> str:
    """A column name as people write it: "TotalSpentCat3" -> "Total spent cat 3",
    "year_of_birth" -> "Year of birth" (names already in words are kept)."""
    words = re.sub(r"([a-z])([A-Z])|([A-Za-z])(\d)|(\d)([A-Za-z])", lambda m: " ".join(
        g for g in m.groups() if g), name)
    words = re.sub(r"[_\s]+", " ", words).strip()
    if words == name:
        return name
    return words[:1].upper() + words[1:].lower()


def _words(name: str) -> list[str]:
    """A column name's words: "MntMeatProducts" -> Mnt, Meat, Products; "spend_shoes"."""
    spaced = re.sub(r"([a-z])([A-Z])|([A-Za-z])(\d)|(\d)([A-Za-z])", lambda m: " ".join(
        g for g in m.groups() if g), name)
    return [w for w in re.split(r"[\s_\-./()]+", spaced) if w]


def _category_label(words: list[str]) -> str:
    """Words of a category as people write them: "Meat products", "Gold prods"."""
    text = " ".join(w if w.isupper() and len(w) > 1 else w.lower() for w in words)
    return text[:1].upper() + text[1:]


def category_columns(numeric: list[str]) -> dict[str, str]:
    """Per-category spend columns among ``numeric`` column names, by the naming rule of
    ``data/columns.yaml`` (``audience_categories``): at least ``min_columns`` columns whose
    first word is one of ``prefixes`` or last word one of ``suffixes`` (the same affix for
    all), the rest of the name being the category; the largest such set. Returns the
    category's label -> the column ({} when there is no such set)."""
    rule = column_aliases().get("audience_categories", {})
    groups: dict[tuple[str, str], dict[str, str]] = {}
    for col in numeric:
        words = _words(col)
        if len(words) < 2:
            continue
        for side, affix, rest in (("prefix", words[0], words[1:]),
                                  ("suffix", words[-1], words[:-1])):
            if affix.lower() not in rule.get(f"{side}es", []) or \
                    " ".join(rest).lower() in rule.get("not_categories", []):
                continue
            label = _category_label(rest)
            group = groups.setdefault((side, affix.lower()), {})
            group[label if label not in group else col] = col
    found = max(groups.values(), key=len, default={})
    return found if len(found) >= rule.get("min_columns", 2) else {}


def _mapped_categories(columns: dict[str, str]) -> dict[str, str]:
    """The per-category spend columns named by the brief's column map, removed from it:
    ``categories: "A + B"`` (labels from the column names) and ``category.<label>: A``."""
    found = {}
    for theirs in split_sum(columns.pop("categories", None)):
        words = _words(theirs)
        rule = column_aliases().get("audience_categories", {})
        if len(words) > 1 and words[0].lower() in rule.get("prefixes", []):
            words = words[1:]
        elif len(words) > 1 and words[-1].lower() in rule.get("suffixes", []):
            words = words[:-1]
        found[_category_label(words)] = theirs
    for ours in [k for k in columns if k.startswith("category.")]:
        found[ours[len("category."):].strip() or columns[ours]] = columns.pop(ours)
    return found


def mapped_columns(ours: str, mapped: str) -> list[str]:
    """The file's columns of one entry of the audience column map: "A + B + C" for
    ``value`` (summed) and ``categories`` (per-category spend), else the one column."""
    return split_sum(mapped) if ours in ("value", "categories") else [mapped]


def split_sum(mapped: str | None) -> list[str]:
    """The columns of a ``value`` mapping "A + B + C" (one column: a list of one)."""
    if not mapped:
        return []
    return [part.strip() for part in mapped.split(" + ")] if " + " in mapped else [mapped]


def _flag_values(table: pd.DataFrame, typed: dict[str, pd.Series], notes: list[ColumnNote],
                 renames: dict[str, str], amounts: set[str | None],
                 counted: dict[str, int] | None = None) -> None:
    """Missing values counted per kept column; impossible values excluded (an age outside
    ``AGE_RANGE``, a negative amount in a spend or value column, or in one of ``amounts``:
    the value and per-category spend columns) and extreme ones capped
    (beyond ``OUTLIER_IQR`` interquartile ranges from the quartiles), counted in the notes."""
    for note in notes:
        if note.action != "kept":
            continue
        name = note.detail if note.kind in ("age", "recency") else renames.get(note.column,
                                                                               note.column)
        series = typed.get(name)
        if series is None:
            continue
        raw = table[note.column] if note.column in table else None
        if raw is not None:  # absent cells and missing-value tokens ("n/a", "-", ...)
            present = (counted or {}).get(note.column)
            note.missing = int(len(raw) - (len(_non_empty(raw)) if present is None else
                                           present))
        if note.kind not in ("numeric", "age"):
            continue
        if note.kind == "age":
            bad = series.notna() & ~series.between(*AGE_RANGE)
            rule = "age_range"
        elif _VALUE_NAME.search(note.column) or note.column in amounts:
            bad = series < 0
            rule = "negative"
        else:
            bad = pd.Series(False, index=series.index)
            rule = ""
        if bad.any():
            series = series.mask(bad)
            note.flagged, note.rule = int(bad.sum()), rule
        q1, q3 = quartiles(series.to_numpy(dtype=np.float64))  # = series.quantile
        if q3 > q1:
            lo, hi = q1 - OUTLIER_IQR * (q3 - q1), q3 + OUTLIER_IQR * (q3 - q1)
            extreme = (series < lo) | (series > hi)
            if extreme.any() and not note.flagged:
                series = series.clip(lo, hi)
                note.flagged, note.rule = int(extreme.sum()), "outlier"
        typed[name] = series


def load_audience(brief: Brief) -> Audience | None:
    """The brief's audience table, read and typed, once per file version and column map
    (validation and the targets chapter share it; callers treat it as read-only), or None
    when the brief names none."""
    return read_parsed(brief, "audience", _parse_audience)


def _parse_audience(table: pd.DataFrame, columns: dict[str, str], path: Path) -> Audience:
    return prepare_audience(table, path, columns)
