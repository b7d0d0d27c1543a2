"""The translation layer: both catalogues complete, every key used exists, locale formats."""

from __future__ import annotations

import datetime as dt
import re
import string

import pytest

from smmplan.errors import TranslationError
from smmplan.i18n import LANGUAGES, Translator, catalogue
from smmplan.paths import PACKAGE_DIR


def _placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def test_catalogues_have_the_same_keys_and_placeholders():
    en, fr = catalogue("en"), catalogue("fr")
    assert set(en) == set(fr), set(en) ^ set(fr)
    for key in en:
        assert _placeholders(en[key]) == _placeholders(fr[key]), key


def test_every_literal_key_in_the_code_exists():
    used = set()
    for path in PACKAGE_DIR.glob("*.py"):
        used |= set(re.findall(r'\bt\(\s*"([a-z_]+\.[a-z_.]+)"', path.read_text(encoding="utf-8")))
    assert used, "no key found: the scan is broken"
    for language in LANGUAGES:
        missing = used - set(catalogue(language))
        assert not missing, (language, missing)


def test_every_f_string_key_family_exists():
    """Keys built as f"problem.{key}.name" exist for every value the code can give."""
    from smmplan.brief import PROBLEM_KEYS
    from smmplan.identity import MATURITY_LEVELS, SEVERITY

    for language in LANGUAGES:
        cat = catalogue(language)
        for key in PROBLEM_KEYS:
            for suffix in ("name", "action"):
                assert f"problem.{key}.{suffix}" in cat
            assert f"swot.problem.{key}" in cat and f"swot.no_problem.{key}" in cat
        for level in MATURITY_LEVELS:
            assert f"maturity.level.{level}" in cat and f"maturity.consequence.{level}" in cat
        for sev in SEVERITY:
            assert f"severity.{sev}" in cat


def test_french_and_english_formats():
    fr = Translator("fr", "fr_FR", "EUR")
    en = Translator("en", "en_US", "USD")
    assert fr.number(1234567.891, 1) == "1\u202f234\u202f567,9"
    assert en.number(1234567.891, 1) == "1,234,567.9"
    assert fr.money(1800) == "1\u202f800\xa0€"
    assert en.money(240000) == "$240,000"
    assert fr.percent(12.5) == "12,5\xa0%"
    assert en.percent(12.5) == "12.5%"
    assert fr.date(dt.date(2027, 1, 1)) == "1 janvier 2027"
    assert en.date(dt.date(2027, 1, 1)) == "January 1, 2027"
    assert fr.join(["a", "b", "c"]) == "a, b et c"
    assert en.number(None) == "n/a" and fr.number(float("nan")) == "n.d."


def test_missing_key_names_the_catalogue():
    with pytest.raises(TranslationError, match="data/locales/fr.yaml: missing message 'nope'"):
        Translator("fr", "fr_FR", "EUR").t("nope")
    with pytest.raises(TranslationError, match="unsupported language"):
        catalogue("de")


def test_french_elides_de_and_que_before_a_vowel_in_a_filled_slot():
    from smmplan.i18n import Translator, elided

    tr = Translator("fr", "fr_FR", "EUR")
    assert tr.de("Instagram") == "d’Instagram" and tr.de("Facebook") == "de Facebook"
    assert tr.de("YouTube") == "de YouTube"  # y and h are not elided
    assert elided("que", "Atelier Lune") == "qu’Atelier Lune"
    assert Translator("en", "en_GB", "GBP").de("Instagram") == "of Instagram"
    message = tr.t("channels.use_country", platforms="Instagram et Facebook",
                   country="France", source="x")
    assert "d’Instagram et Facebook" in message and "de Instagram" not in message
    assert "de TikTok" in tr.t("channels.use_country", platforms="TikTok",
                               country="France", source="x")
    text = tr.text({"en": "x", "fr": "Les coulisses de {brand}"}, brand="Atelier Lune")
    assert text == "Les coulisses d’Atelier Lune"


# British spellings an American reader notices (whole words, case-insensitive)
BRITISH = re.compile(
    r"\b(?:(?:optimi|organi|maximi|minimi|apologi|recogni|prioriti|customi|personali|"
    r"summari|standardi|critici)s(?:e|es|ed|ing|ations?|ers?)|"
    r"programmes?|colour\w*|favourit\w*|behaviour\w*|centres?|catalogues?|analysed|"
    r"analysing|enrol|enrolment|labelled|cancelled|travelled|judgement|whilst|amongst)\b",
    re.IGNORECASE)


def test_an_american_plan_reads_in_american_english(tmp_path):
    """Cloudline (English, United States) reads en.yaml with data/locales/en_US.yaml on
    top: no British spelling in its plan, while a UK plan keeps them (only the keys that
    differ are overridden)."""
    import html

    from smmplan.paths import example_briefs

    from .conftest import run_cli

    us = Translator("en", "en_US", "USD")
    uk = Translator("en", "en_GB", "GBP")
    assert us.t("community.guideline.complaint") != uk.t("community.guideline.complaint")
    assert "apologise" in uk.t("community.guideline.complaint")
    overrides = set(catalogue("en", "en_US")) - set(catalogue("en"))
    assert not overrides  # a variant only replaces keys, it adds none
    for key, text in catalogue("en", "en_US").items():  # placeholders are kept
        assert re.findall(r"\{\w+\}", text) == re.findall(r"\{\w+\}", catalogue("en")[key])
    brief = next(p for p in example_briefs() if p.parent.name == "b2b-software")
    proc = run_cli("build", str(brief), "-o", str(tmp_path), "-j", "1", "-q")
    assert proc.returncode == 0, proc.stdout + proc.stderr
    page = next(tmp_path.glob("*/plan.html")).read_text(encoding="utf-8")
    words = re.sub(r"<[^>]+>", " ", re.sub(r"(?s)<(script|style)\b.*?</\1>", " ", page))
    found = sorted({m.group(0).lower() for m in BRITISH.finditer(html.unescape(words))})
    assert not found, found


def test_every_english_message_has_an_american_spelling_in_en_us():
    """A new en.yaml message with a British spelling needs its en_US.yaml override."""
    left = {k: m.group(0) for k, v in catalogue("en", "en_US").items()
            if (m := BRITISH.search(re.sub(r"\{\w+\}", "", v)))}
    assert not left, left


def test_a_posts_date_follows_the_locale_and_the_french_first():
    """Dates inside post ideas (webinars, order deadlines): the weekday and the day as each
    locale writes them, the first of the month "1er" in French."""
    import datetime as dt

    from smmplan.i18n import Translator

    first, later = dt.date(2027, 1, 1), dt.date(2027, 12, 18)
    fr, us, gb = (Translator(lang, loc, "EUR") for lang, loc in
                  (("fr", "fr_FR"), ("en", "en_US"), ("en", "en_GB")))
    assert fr.weekday_date(first) == "vendredi 1er janvier"
    assert fr.weekday_date(later) == "samedi 18 décembre"
    assert us.weekday_date(first) == "Friday, January 1"
    assert gb.weekday_date(later) == "Saturday 18 December"


def test_one_elision_rule_with_h_muet_for_titles():
    from smmplan.i18n import elided, elides

    assert elides("Instagram") and not elides("YouTube") and not elides("Hootsuite")
    assert elides("hôtelière", h_muet=True) and not elides("gérante", h_muet=True)
    assert elided("de", "Hootsuite") == "de Hootsuite"
    assert not elides("")
