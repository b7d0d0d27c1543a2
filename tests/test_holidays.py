"""Public holidays named in the plan's language (issue 14): the table's coverage, the
package's markers, and never English in a French plan (nor French in an English one)."""

from __future__ import annotations

import datetime as dt
import functools
import logging
import re

import holidays
import pytest

from smmplan import holiday_names as hn
from smmplan.catalogue import holiday_names
from smmplan.channels import public_holidays
from smmplan.i18n import Translator

from .holidaylist import (
    YEARS,
    english_holiday_names,
    english_named_countries,
    french_coverage,
    untranslated,
)

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
            "TT", "MT", "CY", "GB", "US", "AU", "IE",  # English default names, or issue 14's
            "DE", "JP", "ES", "BR", "MX", "KR", "TH", "RU", "CN"} <= set(countries())
    assert len(names()) > 1000
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


ALL = tuple(sorted(c for c in holidays.list_supported_countries() if len(c) == 2))


def test_every_country_s_french_plan_names_every_holiday_in_french():
    # the package's French, else its English names through the table: nothing shown in the
    # country's own language, nothing left out (python -m tests.holidaylist: the figures)
    partial = {c: n for c in ALL if set(n := french_coverage(c)) - {"package", "table"}}
    assert partial == {}
    assert sum("table" in french_coverage(c) for c in ALL) > 200


def test_an_english_plan_names_holidays_in_english_where_the_package_has_english():
    for country in ALL:
        supported = tuple(holidays.country_holidays(country).supported_languages)
        if (code := hn.english_code(country, supported)) is None:
            continue
        english = dict(holidays.country_holidays(country, years=YEARS, language=code))
        assert public_holidays(country, YEARS, "en", EN) == english, country


@pytest.mark.parametrize("country,day,english,french", [
    ("DE", "2027-10-03", "German Unity Day", "Fête de l’Unité allemande"),
    ("DE", "2027-05-17", "Pentecost Monday", "Lundi de Pentecôte"),
    ("JP", "2027-01-11", "Coming of Age Day", "Jour de la majorité"),
    ("JP", "2027-03-22", "Substitute Holiday", "Jour férié de substitution"),
    ("ES", "2027-12-08", "Immaculate Conception", "Immaculée Conception"),
    ("BR", "2027-04-21", "Tiradentes' Day", "Tiradentes"),
    ("BR", "2027-11-20", "National Day of Zumbi and Black Awareness",
     "Journée nationale de Zumbi et de la conscience noire"),
    ("IN", "2027-01-26", "Republic Day", "Jour de la République"),
    ("MX", "2027-03-15", "Benito Juárez's birthday", "Anniversaire de Benito Juárez"),
    ("MX", "2027-11-15", "Revolution Day", "Anniversaire de la Révolution"),
])
def test_own_language_countries_in_french_and_english_plans(country, day, english, french):
    years = range(2027, 2028)
    assert public_holidays(country, years, "en", EN)[dt.date.fromisoformat(day)] == english
    fr = public_holidays(country, years, "fr", FR)
    assert fr[dt.date.fromisoformat(day)] == french
    assert fr.keys() == public_holidays(country, years, "en", EN).keys()
    assert all(hn.latin(name) for name in fr.values())  # no Japanese in a French plan


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
    ("Waitangi Day (observed)", "Fête de Waitangi (jour reporté)"),
    ("Christmas Day (substitute day)", "Noël (jour reporté)"),
    ("Prophet's Birthday (estimated)", "Mouloud (anniversaire du Prophète) (date estimée)"),
    ("Eid al-Fitr (observed, estimated)", "Aïd el-Fitr (jour reporté, date estimée)"),
    ("Chinese New Year (Second Day)", "Nouvel An chinois (deuxième jour)"),
    ("Eid al-Fitr (additional holiday)", "Aïd el-Fitr (jour chômé supplémentaire)"),
    ("Boxing Day Holiday", "Lendemain de Noël (jour chômé supplémentaire)"),
    ("Id el Kabir Holiday (observed, estimated)",
     "Aïd el-Kébir (jour chômé supplémentaire, jour reporté, date estimée)"),
    ("Alternative holiday for Chuseok", "Chuseok (fête des récoltes) (jour reporté)"),
    ("Songkran Festival (in lieu)", "Songkran (Nouvel An thaï) (jour reporté)"),
    ("Day off for Carnival Day", "Jour du carnaval (jour chômé supplémentaire)"),
    ("Day off (substituted from 01/03/2026)", "Jour chômé (jour reporté du 3 janvier 2026)"),
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
    # own-language names the reader cannot read (Japanese, Thai...): left out, and counted
    with caplog.at_level(logging.WARNING, logger="smmplan.holiday_names"):
        jp = public_holidays("JP", range(2027, 2028), "fr", FR)
    assert jp == {}
    assert "public holidays of JP left out of the key dates" in caplog.text


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
