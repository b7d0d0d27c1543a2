"""The English holiday names the installed ``holidays`` package gives, to check
data/holiday_names.yaml for completeness (tests/test_holidays.py; by hand:
``.venv/bin/python -m tests.holidaylist`` prints the coverage and the names left to
translate).

The countries: every ISO code (two letters) whose holidays a French plan would name from
English (the package has no French for it, and its default names are English or it has an
English variant), restricted to those whose default names are English plus ``ALSO``: the
countries of issue 14 whose package default is the local language but where English is
common in business. Other countries with an English variant (Germany, Japan...) fall back
to their own-language names where the table lacks one.
"""

from __future__ import annotations

import collections

YEARS = range(2026, 2029)
ALSO = ("BD", "CY", "HK", "MT", "MY")


def english_named_countries() -> list[str]:
    """The countries whose holidays come in English for a French plan (see the docstring)."""
    import holidays

    from smmplan.holiday_names import default_is_english, holiday_language

    out = []
    for country in sorted(holidays.list_supported_countries()):
        if len(country) != 2:
            continue
        probe = holidays.country_holidays(country)
        supported = tuple(probe.supported_languages)
        if holiday_language(supported, "fr", country) is not None:
            continue
        if default_is_english(probe.default_language) or country in ALSO:
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
    return {n: c for n, c in names.items() if split_marks(n, table)[0] not in table}


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


if __name__ == "__main__":
    main()
