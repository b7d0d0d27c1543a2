"""Public holidays named in the plan's language (``channels.public_holidays``).

The ``holidays`` package names a country's holidays in the plan's language when it has a
translation for that country (France in English, Canada in French...). Otherwise its English
names (the country's English variant, or its default names when they are English: the
package gives no language list for NZ, ZA, GH, JM...) go through data/holiday_names.yaml.
A name the table lacks as such is split into its base and its markers ("Eid al-Fitr
(observed, estimated)", "Chinese New Year (Second Day)", "Boxing Day Holiday", "Christmas
Day (substitute day)", "Alternative holiday for Chuseok", "Day off (substituted from
01/03/2026)"): the base is translated, the markers said through locale keys
(``channels.holiday_mark_*``, ``channels.holiday_moved_from``). Two holidays of one day
("Christmas Day; Isra' and Mi'raj") are translated one by one.

A name still without a translation: the country's own-language name when the package's
default names are not English and are written in the Latin script (Malay, German,
Spanish...; said in the log); else (English default names, or Japanese, Thai, Greek...
script) it is left out of the key dates and counted (a warning in the log), so a plan never
shows an English name in another language nor a name its reader cannot read.
tests/holidaylist.py lists the English names the package gives so the table can be checked
for completeness, and prints each country's coverage.
"""

from __future__ import annotations

import datetime as dt
import functools
import logging
import re
import unicodedata

from .catalogue import holiday_names
from .i18n import Translator

log = logging.getLogger(__name__)

# suffixes the package adds to a holiday's name, and what they say (locale keys
# channels.holiday_mark_<mark>); tried in this order, repeatedly, while the name is not in
# the table ("Id el Kabir Holiday (observed, estimated)": extra day, moved, estimated)
MARKS: tuple[tuple[str, tuple[str, ...]], ...] = (
    (" (observed, estimated)", ("observed", "estimated")),
    (" (observed)", ("observed",)),
    (" (substitute day)", ("observed",)),
    (" (estimated)", ("estimated",)),
    (" (Second Day)", ("second_day",)),
    (" (additional holiday)", ("extra",)),
    (" (in lieu)", ("observed",)),
    (" Holiday", ("extra",)),
)
# prefixes the package puts before a holiday's name ("Alternative holiday for Chuseok": a
# substitute day in Korea; "Day off for Carnival Day": Angola's bridge day)
PREFIXES: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("Alternative holiday for ", ("observed",)),
    ("Day off for ", ("extra",)),
)
# a working day swapped for a day off ("Day off (substituted from 01/03/2026)": Russia,
# China, Hungary... move a Saturday's work to make a bridge): said with the date, in the
# plan's language (channels.holiday_moved_from)
SWAPPED = re.compile(
    r"^(?P<name>.+) \(substituted from (?P<m>\d\d)/(?P<d>\d\d)/(?P<y>\d{4})\)$")


def holiday_language(supported: tuple[str, ...], language: str, country: str) -> str | None:
    """The ``holidays`` package's code for the plan's language in this country, if any."""
    for code in (f"{language}_{country}", language, f"{language}_US", *sorted(supported)):
        if code in supported and code.split("_")[0] == language:
            return code
    return None


def english_code(country: str, supported: tuple[str, ...]) -> str | None:
    """The package's code for the country's English names (None: its default names)."""
    return next((c for c in (f"en_{country}", "en_US", "en_GB") if c in supported), None)


def default_is_english(default_language: str | None) -> bool:
    """Whether the package's default names are English: an English default, or no language
    list (the classes without one, NZ, ZA, GH, JM, KM..., name their holidays in English)."""
    return default_language is None or default_language.split("_")[0] == "en"


def split_marks(name: str, table: dict[str, str]) -> tuple[str, list[str]]:
    """A holiday name as its base (in the table when it can be) and its markers."""
    marks: list[str] = []
    while name not in table:
        for suffix, kinds in MARKS:
            if name.endswith(suffix) and len(name) > len(suffix):
                name = name.removesuffix(suffix)
                marks = [*kinds, *(m for m in marks if m not in kinds)]
                break
        else:
            for prefix, kinds in PREFIXES:
                if name.startswith(prefix) and len(name) > len(prefix):
                    name = name.removeprefix(prefix)
                    marks = [*(m for m in marks if m not in kinds), *kinds]
                    break
            else:
                break
    return name, marks


def translate_one(name: str, table: dict[str, str], tr: Translator) -> str | None:
    """One English holiday name in the plan's language, or None if the table lacks it."""
    if (swapped := SWAPPED.match(name)) and swapped["name"] in table:
        day = dt.date(int(swapped["y"]), int(swapped["m"]), int(swapped["d"]))
        return tr.t("channels.holiday_moved_from", name=table[swapped["name"]],
                    date=tr.date(day))
    base, marks = split_marks(name, table)
    if base not in table:
        return None
    if not marks:
        return table[base]
    said = ", ".join(tr.t(f"channels.holiday_mark_{m}") for m in marks)
    return tr.t("channels.holiday_marked", name=table[base], marks=said)


def english_names(country: str, years: range) -> dict[dt.date, str] | None:
    """The country's holidays by their English names (None: the package has none)."""
    import holidays

    probe = holidays.country_holidays(country)
    supported = tuple(probe.supported_languages)
    code = english_code(country, supported)
    if code is not None:
        return dict(holidays.country_holidays(country, years=years, language=code))
    if default_is_english(probe.default_language):
        return dict(holidays.country_holidays(country, years=years))
    return None


def own_names(country: str, years: range) -> dict[dt.date, str]:
    """The country's holidays in the package's default language. Asked for by name: without
    a language the package follows the environment's locale (LANG...) and, under C or an
    unsupported one, gives its source strings, English for most countries."""
    import holidays

    probe = holidays.country_holidays(country)
    code = probe.default_language if probe.default_language in probe.supported_languages \
        else None
    return dict(holidays.country_holidays(country, years=years, language=code))


def named_holidays(country: str, years: range, language: str,
                   tr: Translator) -> dict[dt.date, str]:
    """See the module's docstring; {} for a country the package does not cover. French
    names take the typographic apostrophe, as the plan's own words do (the package writes
    "Jour de l'an")."""
    names = _named(country, years, language, tr)
    if language != "fr":
        return names
    return {d: APOSTROPHE.sub("’", n) for d, n in names.items()}


APOSTROPHE = re.compile(r"(?<=\w)'(?=\w)")


def _named(country: str, years: range, language: str, tr: Translator) -> dict[dt.date, str]:
    import holidays

    try:
        probe = holidays.country_holidays(country)
    except NotImplementedError:
        return {}
    supported = tuple(probe.supported_languages)
    code = holiday_language(supported, language, country)
    if code is not None:
        return dict(holidays.country_holidays(country, years=years, language=code))
    local = own_names(country, years)
    names = english_names(country, years)
    if names is None:  # neither the plan's language nor English: the country's own names
        return readable_only(local, country, language)
    if language == "en":  # English default names (NZ, ZA, KM... have no language list)
        return names
    table = holiday_names().get(language, {})
    local_english = default_is_english(probe.default_language)
    out: dict[dt.date, str] = {}
    own: dict[dt.date, str] = {}
    left_out = []
    for day, name in names.items():
        parts = name.split("; ")  # the package joins two holidays of one day with "; "
        said = [translate_one(part, table, tr) for part in parts]
        if all(said) or local_english:
            left_out += [p for p, s in zip(parts, said, strict=True) if s is None]
            if kept := [s for s in said if s]:
                out[day] = functools.reduce(
                    lambda a, b: tr.t("channels.holiday_pair", first=a, second=b), kept)
        else:
            own[day] = local[day]
    out |= readable_only(own, country, language)
    if left_out:
        log.warning("%d public holidays of %s left out of the key dates (no %s name): %s",
                    len(left_out), country, language, ", ".join(sorted(set(left_out))))
    return dict(sorted(out.items()))


def latin(name: str) -> bool:
    """Whether a name is written in the Latin script (readable, if foreign, by the reader of
    an English or French plan; Japanese, Thai, Arabic... names are not)."""
    return all(not c.isalpha() or unicodedata.name(c, "").startswith("LATIN") for c in name)


def readable_only(own: dict[dt.date, str], country: str,
                  language: str) -> dict[dt.date, str]:
    """The country's own-language names kept where the plan's language has none: those in
    the Latin script, said in the log; the others left out of the key dates and counted."""
    kept = {day: name for day, name in own.items() if latin(name)}
    if kept:
        log.warning("%d public holidays of %s named in the country's language (no %s name):"
                    " %s", len(kept), country, language, ", ".join(sorted(set(kept.values()))))
    if dropped := sorted({name for day, name in own.items() if day not in kept}):
        log.warning("%d public holidays of %s left out of the key dates (no %s name, not in"
                    " the Latin script): %s", len(own) - len(kept), country, language,
                    ", ".join(dropped))
    return kept
