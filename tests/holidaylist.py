"""The English holiday names the installed ``holidays`` package gives, to check
data/holiday_names.yaml for completeness (tests/test_holidays.py; by hand:
``.venv/bin/python -m tests.holidaylist`` prints the names left to translate and how each
country's holidays are named in a French plan).

The countries: every ISO code (two letters) whose holidays a French plan names from English
(the package has no French for it, and its default names are English or it has an English
variant: Germany, Japan, Brazil... as well as New Zealand or India).
"""

from __future__ import annotations

import collections

YEARS = range(2026, 2029)


def english_named_countries() -> list[str]:
    """The countries whose holidays come in English for a French plan (see the docstring)."""
    import holidays

    from smmplan.holiday_names import default_is_english, english_code, holiday_language

    out = []
    for country in sorted(holidays.list_supported_countries()):
        if len(country) != 2:
            continue
        probe = holidays.country_holidays(country)
        supported = tuple(probe.supported_languages)
        if holiday_language(supported, "fr", country) is not None:
            continue
        if default_is_english(probe.default_language) or english_code(country, supported):
            out.append(country)
    return out


def english_holiday_names(countries: list[str] | None = None,
                          years: range = YEARS) -> dict[str, set[str]]:
    """Each English holiday name (a part of a "; "-joined name) and its countries."""
    from smmplan.holiday_names import english_names

    out: dict[str, set[str]] = collections.defaultdict(set)
    for country in countries if countries is not None else english_named_countries():
        for name in (english_names(country, years) or {}).values():
            for part in name.split("; "):
                out[part].add(country)
    return dict(out)


def untranslated(names: dict[str, set[str]], language: str = "fr") -> dict[str, set[str]]:
    """The names whose base (markers such as " (observed)" taken off) the table lacks."""
    from smmplan.catalogue import holiday_names
    from smmplan.holiday_names import split_marks

    table = holiday_names().get(language, {})
    return {n: c for n, c in names.items() if not translated(n, table, split_marks)}


def french_coverage(country: str, years: range = YEARS) -> dict[str, int]:
    """How a French plan names the country's holidays, day by day: ``package`` (the package's
    French), ``table`` (its English names through the table), ``own`` (the country's own
    names, Latin script), ``left_out`` (no French name and none the reader can read)."""
    import holidays

    from smmplan.catalogue import holiday_names
    from smmplan.holiday_names import (
        default_is_english,
        english_names,
        holiday_language,
        own_names,
        split_marks,
    )

    probe = holidays.country_holidays(country)
    supported = tuple(probe.supported_languages)
    if (code := holiday_language(supported, "fr", country)) is not None:
        return {"package": len(holidays.country_holidays(country, years=years,
                                                         language=code))}
    table = holiday_names()["fr"]
    local = own_names(country, years)
    out = collections.Counter()
    for day, name in (english_names(country, years) or {}).items():
        if all(translated(part, table, split_marks) for part in name.split("; ")):
            out["table"] += 1
        elif not default_is_english(probe.default_language) and latin(local[day]):
            out["own"] += 1
        else:
            out["left_out"] += 1
    return dict(out)


def translated(name: str, table: dict, split_marks) -> bool:
    import re

    swapped = re.match(r"^(.+) \(substituted from \d\d/\d\d/\d{4}\)$", name)
    return (swapped[1] if swapped else split_marks(name, table)[0]) in table


def latin(name: str) -> bool:
    import unicodedata

    return all(not c.isalpha() or unicodedata.name(c, "").startswith("LATIN") for c in name)


def coverage_report(years: range = YEARS) -> str:
    """Countries whose French plan names every holiday in French, and the others."""
    import holidays

    kinds: dict[str, list[str]] = collections.defaultdict(list)
    for country in sorted(c for c in holidays.list_supported_countries() if len(c) == 2):
        counts = french_coverage(country, years)
        kind = ("package" if "package" in counts else
                "table" if set(counts) <= {"table"} else "partial")
        kinds[kind].append(f"{country} ({counts.get('own', 0)} own-language, "
                           f"{counts.get('left_out', 0)} left out)" if kind == "partial"
                           else country)
    total = sum(len(v) for v in kinds.values())
    lines = [f"French plans, {years.start}-{years.stop - 1}, {total} countries:",
             f"  {len(kinds['package'])} all in French from the package's own French names",
             f"  {len(kinds['table'])} all in French through data/holiday_names.yaml",
             f"  {len(kinds['partial'])} not all in French: {', '.join(kinds['partial'])}"]
    return "\n".join(lines)


def main() -> None:
    countries = english_named_countries()
    names = english_holiday_names(countries)
    missing = untranslated(names)
    from smmplan.catalogue import holiday_names
    from smmplan.holiday_names import split_marks

    table = holiday_names()["fr"]
    bases = {split_marks(n, table)[0] for n in names}
    print(f"{len(countries)} countries, {len(names)} English names ({len(bases)} without "
          f"markers), {len(names) - len(missing)} translated, {len(missing)} not:")
    for name, where in sorted(missing.items()):
        print(f"  {name!r}: {', '.join(sorted(where))}")
    print(coverage_report())


if __name__ == "__main__":
    main()
