"""Public holidays named in the plan's language (issue 14): the table's coverage, the
package's markers, and never English in a French plan (nor French in an English one)."""

from __future__ import annotations

import functools
import logging
import re

import holidays
import pytest

from smmplan import holiday_names as hn
from smmplan.catalogue import holiday_names
from smmplan.channels import public_holidays
from smmplan.i18n import Translator

from .holidaylist import YEARS, english_holiday_names, english_named_countries, untranslated

FR = Translator("fr", "fr_FR", "EUR")
EN = Translator("en", "en_GB", "GBP")
SEPARATOR = re.compile("\u00a0?; ")


@functools.cache
def countries() -> tuple[str, ...]:
    return tuple(english_named_countries())


@functools.cache
def names() -> dict[str, set[str]]:
    return english_holiday_names(list(countries()))


def no_french(country: str) -> bool:
    supported = tuple(holidays.country_holidays(country).supported_languages)
    return hn.holiday_language(supported, "fr", country) is None


def test_the_table_covers_every_english_name_the_package_gives():
    assert {"NZ", "ZA", "GH", "JM", "IN", "SG", "NG", "KE", "PH", "MY", "HK", "PK", "BD",
            "TT", "MT", "CY", "GB", "US", "AU", "IE"} <= set(countries())
    assert len(names()) > 500
    assert untranslated(names()) == {}  # run python -m tests.holidaylist for the list


def english_words(country: str) -> set[str]:
    """The country's English holiday names that are not also its French ones (proper names
    such as Holi or Diwali are the same in both) nor its own-language ones."""
    table = holiday_names()["fr"]
    english = hn.english_names(country, YEARS) or {}
    local = hn.own_names(country, YEARS)
    out = set()
    for day, name in english.items():
        own = set(local.get(day, "").split("; "))
        for part in name.split("; "):
            if table.get(hn.split_marks(part, table)[0]) != part and part not in own:
                out.add(part)
    return out


@pytest.mark.parametrize("country", [
    c for c in sorted(holidays.list_supported_countries()) if len(c) == 2 and no_french(c)])
def test_a_french_plan_names_no_holiday_in_english(country):
    french = public_holidays(country, YEARS, "fr", FR)
    english = english_words(country)
    for name in french.values():
        for part in SEPARATOR.split(name):
            assert part not in english, (country, part)
        for marker in ("(observed", "estimated)", "(Second Day)", "(substitute day)"):
            assert marker not in name, (country, name)
    if country in countries():  # the table covers them: nothing left out
        assert french.keys() == (hn.english_names(country, YEARS) or {}).keys()


def test_countries_without_a_language_list_are_translated():
    nz = public_holidays("NZ", YEARS, "fr", FR)  # no supported_languages in the package
    assert "Vendredi saint" in nz.values() and "Fête de Waitangi" in nz.values()
    assert "Journée Madaraka" in public_holidays("KE", YEARS, "fr", FR).values()
    assert "Jour de la République" in public_holidays("IN", YEARS, "fr", FR).values()
    sg = set(public_holidays("SG", YEARS, "fr", FR).values())
    assert {"Nouvel An chinois", "Vesak"} <= sg
    za = public_holidays("ZA", YEARS, "fr", FR)
    assert "Fête des travailleurs" in za.values()


@pytest.mark.parametrize("english,french", [
    ("Good Friday", "Vendredi saint"),
    ("Spring Bank Holiday", "Jour férié de printemps"),  # in the table: not a marker
    ("Waitangi Day (observed)", "Fête de Waitangi (reporté)"),
    ("Christmas Day (substitute day)", "Noël (reporté)"),
    ("Prophet's Birthday (estimated)", "Mouloud (anniversaire du Prophète) (date estimée)"),
    ("Eid al-Fitr (observed, estimated)", "Aïd el-Fitr (reporté, date estimée)"),
    ("Chinese New Year (Second Day)", "Nouvel An chinois (deuxième jour)"),
    ("Eid al-Fitr (additional holiday)", "Aïd el-Fitr (jour chômé supplémentaire)"),
    ("Boxing Day Holiday", "Lendemain de Noël (jour chômé supplémentaire)"),
    ("Id el Kabir Holiday (observed, estimated)",
     "Aïd el-Kébir (jour chômé supplémentaire, reporté, date estimée)"),
    ("Mystery Day (observed)", None),
    ("Public Holiday", "Jour férié"),
])
def test_markers_are_said_in_the_plan_language(english, french):
    assert hn.translate_one(english, holiday_names()["fr"], FR) == french


def test_two_holidays_of_one_day_are_translated_one_by_one():
    english = hn.english_names("IN", YEARS)
    french = public_holidays("IN", YEARS, "fr", FR)
    joined = [day for day, name in english.items() if "; " in name]
    assert joined
    for day in joined:
        assert len(SEPARATOR.split(french[day])) == len(english[day].split("; "))
        assert "\u00a0; " in french[day]  # French typography


def test_a_name_without_translation_falls_back_or_is_left_out(monkeypatch, caplog):
    table = {"fr": {"Good Friday": "Vendredi saint"}}
    monkeypatch.setattr(hn, "holiday_names", lambda: table)
    with caplog.at_level(logging.WARNING, logger="smmplan.holiday_names"):
        nz = public_holidays("NZ", range(2027, 2028), "fr", FR)  # English default names
    assert list(nz.values()) == ["Vendredi saint"]  # the others left out, and counted
    assert "public holidays of NZ left out" in caplog.text
    # a country whose default names are its own language: those, not English
    my = public_holidays("MY", range(2027, 2028), "fr", FR)
    local = holidays.country_holidays("MY", years=2027, language="ms_MY")
    assert my == dict(local) and "Hari Kebangsaan" in my.values()


def test_an_english_plan_never_falls_back_to_another_language():
    # every country of the package has English names (an English variant, or English
    # default names), French-speaking African countries included
    for country in (c for c in holidays.list_supported_countries() if len(c) == 2):
        assert hn.english_names(country, range(2027, 2028)) is not None, country
    sn = public_holidays("SN", range(2027, 2028), "en", EN)  # Senegal: French default
    assert "Independence Day" in sn.values() and "Fête de l'Indépendance" not in sn.values()
    km = public_holidays("KM", range(2027, 2028), "en", EN)  # Comoros: no language list
    assert "Labour Day" in km.values()


def test_the_french_table_follows_french_typography():
    for english, french in holiday_names()["fr"].items():
        assert "'" not in french, english  # typographic apostrophe, as in the locale files
        assert not re.search(r"[^\u00a0\u202f][;:!?»]|«[^\u00a0\u202f]", french), english
