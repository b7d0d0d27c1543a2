"""General wording rules a French plan follows (review 15, Fournil 6): a whole price without
cents, a label after a colon in lower case unless it is a name, typographic apostrophes in
the catalogue and in the holidays package's French names."""

from __future__ import annotations

import re

from smmplan.holiday_names import named_holidays
from smmplan.i18n import Translator, catalogue
from smmplan.views.base import after_colon


def test_a_whole_price_has_no_cents():
    fr, en = Translator("fr", "fr_FR", "EUR"), Translator("en", "en_GB", "GBP")
    assert fr.price(45.0) == fr.money(45) and "," not in fr.price(45.0)
    assert fr.price(6.5) == fr.money(6.5, 2) and en.price(89.59) == en.money(89.59, 2)


def test_a_label_after_a_colon_is_lower_case_in_french_unless_a_name():
    fr, en = Translator("fr", "fr_FR", "EUR"), Translator("en", "en_GB", "GBP")
    assert after_colon(fr, "Taux de remplissage") == "taux de remplissage"
    assert after_colon(fr, "Ateliers vendus comme des événements") == \
        "ateliers vendus comme des événements"
    for name in ("Instagram Shopping", "LinkedIn", "B2B leads", "TikTok"):
        assert after_colon(fr, name) == name
    assert after_colon(en, "Fill rate") == "Fill rate"


def test_french_words_take_the_typographic_apostrophe():
    straight = [v for v in catalogue("fr").values() if re.search(r"\w'\w", v)]
    assert straight == []
    tr = Translator("fr", "fr_FR", "EUR")
    names = named_holidays("FR", range(2027, 2028), "fr", tr).values()
    assert any("’" in n for n in names) and not any(re.search(r"\w'\w", n) for n in names)
