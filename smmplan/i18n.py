"""The one translation layer: client-facing words from ``data/locales/<lang>.yaml``,
numbers, money and dates formatted with babel for the plan's locale."""

from __future__ import annotations

import datetime as dt
import math
import re
from functools import cache

from babel import Locale
from babel.dates import format_date
from babel.numbers import NumberPattern, parse_pattern

from .errors import TranslationError
from .paths import LOCALES_DIR, parse_yaml

LANGUAGES = ("en", "fr")
_REGISTER = re.compile(r"\[\[([^\[\]|]*)\|([^\[\]|]*)\]\]")


# Replies written to people the brand does not know: public reviews, complaints and
# provocations are answered in the brief's default register, never in a mirrored ``tu``.
PUBLIC_SITUATIONS = frozenset({"review", "complaint", "troll", "spam"})
# French elision before a vowel: "de Instagram" -> "d’Instagram" (y and h are left as they
# are: "de YouTube", "de Hootsuite").
_ELIDE = re.compile(r"\b(de|De|que|Que) \{(\w+)\}")
_VOWEL = re.compile(r"[AEIOUÀÂÉÈÊËÎÏÔÙÛÜaeiouàâéèêëîïôùûü]")


def apply_register(text: str, register: str = "vous") -> str:
    """French copy written with ``[[vous form|tu form]]`` alternatives, in one register
    (``tu`` picks the second form; anything else the first)."""
    return _REGISTER.sub(lambda m: m.group(2 if register == "tu" else 1), text)


def reply_registers(address: str, situation: str) -> tuple[str, ...]:
    """The registers a reply to ``situation`` is written in, for the brief's
    ``tone_of_voice.address``: ``tu`` always answers in tu; ``mirror`` answers in vous and,
    where a regular may write in tu (questions, praise), also shows the tu reply; public
    reviews, complaints, provocations and spam are always answered in vous otherwise."""
    if address == "tu":
        return ("tu",)
    if address == "mirror" and situation not in PUBLIC_SITUATIONS:
        return ("vous", "tu")
    return ("vous",)


def elides(word: str, h_muet: bool = False) -> bool:
    """Whether a French article or ``de``/``que`` elides before ``word``: a vowel; with
    ``h_muet`` also a leading h or y, as in common nouns of titles ("l’hôtelier")."""
    if not word:
        return False
    return bool(_VOWEL.match(word) or (h_muet and word[0] in "hHyY"))


def elided(word: str, name: str) -> str:
    """French ``de``/``que`` before a name, elided before a vowel: ``elided("de",
    "Instagram")`` -> "d’Instagram", ``elided("de", "Facebook")`` -> "de Facebook"."""
    if elides(name):
        return f"{word[:-1]}’{name}"
    return f"{word} {name}"


def _elide_slots(message: str, values: dict) -> str:
    """A French message's ``de {name}`` and ``que {name}`` elided where the value filled in
    starts with a vowel (the catalogue's own words are already written elided)."""
    def repl(m: re.Match) -> str:
        value = values.get(m.group(2))
        if isinstance(value, str) and elides(value):
            return f"{m.group(1)[:-1]}’{{{m.group(2)}}}"
        return m.group(0)

    return _ELIDE.sub(repl, message)


def _flatten(tree: dict, prefix: str = "") -> dict[str, str]:
    flat: dict[str, str] = {}
    for key, value in tree.items():
        full = f"{prefix}{key}"
        if isinstance(value, dict):
            flat.update(_flatten(value, full + "."))
        else:
            flat[full] = str(value)
    return flat


@cache
def _locale(name: str) -> Locale:
    return Locale.parse(name)


@cache
def _pattern(fmt: str) -> NumberPattern:
    """A parsed number pattern (babel parses its pattern string on every call otherwise:
    most of the time of formatting a plan's figures)."""
    return parse_pattern(fmt)


@cache
def catalogue(language: str, locale: str | None = None) -> dict[str, str]:
    """Every message of a language, by dotted key; with a ``locale`` that has its own
    variant file (``data/locales/en_US.yaml``: only the messages whose spelling differs),
    those messages replace the language's."""
    if language not in LANGUAGES:
        raise TranslationError(f"unsupported language {language!r} (use one of {LANGUAGES})")
    path = LOCALES_DIR / f"{language}.yaml"
    messages = _flatten(parse_yaml(path.read_text(encoding="utf-8")))
    variant = LOCALES_DIR / f"{locale}.yaml"
    if locale and locale != language and locale.startswith(f"{language}_") and \
            variant.exists():
        overrides = _flatten(parse_yaml(variant.read_text(encoding="utf-8")))
        unknown = sorted(set(overrides) - set(messages))
        if unknown:
            raise TranslationError(f"data/locales/{locale}.yaml: keys not in "
                                   f"{language}.yaml: {', '.join(unknown)}")
        messages = {**messages, **overrides}
    return messages


class Translator:
    """Words and formats for one plan: ``tr.t("key", n=3)``, ``tr.money(1200)``."""

    def __init__(self, language: str, locale: str, currency: str):
        self.language = language
        self.locale = locale
        self.currency = currency
        self._messages = catalogue(language, locale)

    def has(self, key: str) -> bool:
        """Whether the catalogue holds ``key``."""
        return key in self._messages

    def t(self, key: str, **values: object) -> str:
        """The message for ``key`` with ``{name}`` placeholders filled from ``values``."""
        try:
            message = self._messages[key]
        except KeyError:
            raise TranslationError(
                f"data/locales/{self.language}.yaml: missing message {key!r}"
            ) from None
        if values and self.language == "fr":
            message = _elide_slots(message, values)
        return message.format(**values) if values else message

    def de(self, name: str) -> str:
        """"of" before a name in the plan's language: "d’Instagram", "de Facebook",
        "of Instagram"."""
        return elided("de", name) if self.language == "fr" else f"of {name}"

    def plural(self, key: str, n: float, **values: object) -> str:
        """The message ``key.<category>`` for ``n`` by the locale's CLDR plural rules
        (French: 0 and 1 are singular; English: only 1), with ``{n}`` filled in as a
        formatted number: ``tr.plural("common.channels", 1)`` -> "1 canal"."""
        category = _locale(self.locale).plural_form(abs(n))
        if not self.has(f"{key}.{category}"):
            category = "other"
        shown = self.number(n, 0 if float(n).is_integer() else 1)
        return self.t(f"{key}.{category}", n=shown, **values)

    def text(self, mapping: dict, register: str = "vous", **values: object) -> str:
        """A data file's ``{en: ..., fr: ...}`` text in the plan's language, in the brief's
        register, with ``{name}`` placeholders filled from ``values``."""
        try:
            message = mapping[self.language]
        except (KeyError, TypeError):
            raise TranslationError(f"no {self.language!r} text in {mapping!r}") from None
        message = apply_register(message, register)
        if values and self.language == "fr":
            message = _elide_slots(message, values)
        return message.format(**values) if values else message

    def number(self, value: float | None, decimals: int = 0) -> str:
        """A number with the locale's grouping and decimal signs ("1 234,5" in French)."""
        if value is None or (isinstance(value, float) and math.isnan(value)):
            return self.t("common.na")
        fmt = "#,##0" + ("." + "0" * decimals if decimals else "")
        return _pattern(fmt).apply(value, _locale(self.locale))

    def compact(self, value: float | None) -> str:
        """A large number shortened for charts and cards: 12 345 -> "12K" / "12 k"."""
        if value is None:
            return self.t("common.na")
        from babel.numbers import format_compact_decimal

        return format_compact_decimal(value, locale=self.locale, fraction_digits=1)

    def percent(self, value: float | None, decimals: int = 1) -> str:
        """A percentage given in percent units (``12.5`` -> "12.5%" / "12,5 %")."""
        if value is None or (isinstance(value, float) and math.isnan(value)):
            return self.t("common.na")
        pattern = _locale(self.locale).percent_formats[None].pattern
        fmt = pattern.replace("#,##0", "#,##0" + ("." + "0" * decimals if decimals else ""), 1)
        return _pattern(fmt).apply(value / 100, _locale(self.locale))

    def money(self, value: float | None, decimals: int = 0) -> str:
        """An amount in the plan's currency ("12 000 €", "$12,000")."""
        if value is None:
            return self.t("common.na")
        locale = _locale(self.locale)
        pattern = locale.currency_formats["standard"]
        if decimals == 0:  # the locale's own pattern, without the cents
            pattern = _pattern(pattern.pattern.split(";")[0].replace("#,##0.00", "#,##0"))
        return pattern.apply(value, locale, currency=self.currency,
                             currency_digits=decimals != 0)

    def price(self, value: float | None) -> str:
        """A unit price in running text: its cents only when it has some ("45 €", not
        "45,00 €"; "6,50 €")."""
        whole = value is not None and abs(value - round(value)) < 0.005
        return self.money(value, 0 if whole else 2)

    def date(self, value: dt.date, style: str = "long") -> str:
        """A date in the locale's style ("1 janvier 2027", "January 1, 2027")."""
        return format_date(value, format=style, locale=self.locale)

    def weekday_date(self, value: dt.date) -> str:
        """A day with its weekday, as a post says it ("Saturday 18 December"; in the US
        "Friday, January 1"; in French "vendredi 1er janvier", the first of the month
        written "1er" as the plan's dates)."""
        pattern = "EEEE, MMMM d" if str(self.locale).endswith("_US") else "EEEE d MMMM"
        text = format_date(value, format=pattern, locale=self.locale)
        if self.language == "fr" and value.day == 1:
            text = text.replace(" 1 ", " 1er ", 1)
        return text

    def month(self, value: dt.date) -> str:
        """Month and year ("janv. 2027")."""
        return format_date(value, format="MMM y", locale=self.locale)

    def join(self, items: list[str]) -> str:
        """A list in words: "a, b and c" / "a, b et c"."""
        from babel.lists import format_list

        return format_list(list(items), locale=self.locale) if items else ""


def plan_translator(plan: dict) -> Translator:
    """The translator of a built plan (its ``plan.json``): the client's language, number
    and money formats, as the client reads them."""
    c = plan["client"]
    return Translator(c["language"], c["locale"], c["currency"])
