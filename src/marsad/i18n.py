"""The interface's languages: message catalogues, language choice, numbers and dates.

Marsad's pages and CLI speak English and Arabic. Their strings are English msgids marked
with ``_()`` (templates through Jinja's ``jinja2.ext.i18n``, Python through ``gettext``);
the Arabic text lives in the Babel catalogue ``marsad/locale/ar/LC_MESSAGES/messages.po``,
compiled to ``messages.mo`` by ``make i18n`` (pybabel extract, update, compile; the .mo is
committed so a fresh clone needs no build step, and a test fails when it is stale).

    ui = UI("ar", "arab")
    ui.gettext("Companies")          # 'الشركات'
    ui.money(53e9)                   # '٥٣٫٠٠ مليار دولار'
    ui.date("2025-09-24")            # '٢٤ سبتمبر ٢٠٢٥'
    negotiate("ar", None, "en-US")   # 'ar': ?lang= first, then the cookie, then Accept-Language

Numbers go through Babel (``format_decimal`` with the page's locale and numbering system,
``latn`` Western or ``arab`` Arabic-Indic digits); amounts are scaled to million, billion and
trillion with two decimals, the same figures in every language.
"""
from __future__ import annotations

import os
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

from marsad.dates import as_date

LANGS = ("en", "ar")
DEFAULT_LANG = "en"
DIGITS = ("latn", "arab")
DOMAIN = "messages"
LOCALE_DIR = Path(str(resources.files("marsad").joinpath("locale")))
LANG_COOKIE = "marsad_lang"
DIGITS_COOKIE = "marsad_digits"
RTL = {"ar"}


# -- catalogues --------------------------------------------------------------------------
@lru_cache(maxsize=8)
def translations(lang: str):
    """The compiled catalogue of ``lang`` (English is the msgids themselves)."""
    from babel.support import NullTranslations, Translations

    if lang not in LANGS or lang == DEFAULT_LANG:
        return NullTranslations()
    return Translations.load(str(LOCALE_DIR), [lang], DOMAIN)


def gettext(message: str, lang: str = DEFAULT_LANG) -> str:
    return translations(lang).gettext(message)


def ngettext(singular: str, plural: str, n: int, lang: str = DEFAULT_LANG) -> str:
    return translations(lang).ngettext(singular, plural, n)


def N_(message: str) -> str:
    """Mark ``message`` for extraction without translating it here (translated where shown)."""
    return message


def NP_(context: str, message: str) -> str:
    """Mark ``message`` in ``context`` for extraction (``pgettext`` translates it where shown)."""
    return message


# -- language choice ---------------------------------------------------------------------
def parse_accept_language(header: str | None) -> list[str]:
    """Primary language tags of an Accept-Language header, best first (q=0 dropped)."""
    if not header:
        return []
    scored = []
    for n, part in enumerate(header.split(",")):
        tag, _, params = part.strip().partition(";")
        tag = tag.strip().lower()
        if not tag:
            continue
        q = 1.0
        for p in params.split(";"):
            k, _, v = p.strip().partition("=")
            if k.strip() == "q":
                try:
                    q = float(v)
                except ValueError:
                    q = 0.0
        if q > 0:
            scored.append((-q, n, tag.split("-")[0]))
    return [t for _, _, t in sorted(scored)]


def supported_lang(value: Any) -> str | None:
    """``value`` as a supported language code ('ar', 'AR', 'ar-SA' → 'ar'), else None."""
    if not isinstance(value, str):
        return None
    v = value.strip().lower().replace("_", "-").split("-")[0]
    return v if v in LANGS else None


def negotiate(query: str | None = None, cookie: str | None = None, accept_language: str | None = None,
              default: str = DEFAULT_LANG) -> str:
    """The interface language: ``?lang=``, then the cookie, then Accept-Language, then ``default``."""
    for choice in (query, cookie):
        lang = supported_lang(choice)
        if lang:
            return lang
    for tag in parse_accept_language(accept_language):
        if tag in LANGS:
            return tag
        if tag == "*":
            break
    return default


def choose_digits(query: str | None = None, cookie: str | None = None) -> str:
    """``latn`` (Western, the default: as Gulf financial media print them) or ``arab`` (Arabic-Indic)."""
    for choice in (query, cookie):
        if isinstance(choice, str) and choice.strip().lower() in DIGITS:
            return choice.strip().lower()
    return "latn"


def cli_lang(option: str | None = None, environ: dict[str, str] | None = None) -> str:
    """The CLI's language: ``--lang``, then ``MARSAD_LANG``, then English."""
    env = os.environ if environ is None else environ
    return supported_lang(option) or supported_lang(env.get("MARSAD_LANG")) or DEFAULT_LANG


# -- numbers and dates -------------------------------------------------------------------
_WESTERN = "0123456789"
_ARABIC_INDIC = "٠١٢٣٤٥٦٧٨٩"
_TO_ARAB = str.maketrans(_WESTERN, _ARABIC_INDIC)
SCALES = ((1e12, "tn"), (1e9, "bn"), (1e6, "m"))


def _missing(v: Any) -> bool:
    import jinja2

    return v is None or isinstance(v, jinja2.Undefined) or (isinstance(v, str) and not v)


def to_digits(s: str, digits: str) -> str:
    """Western digits in ``s`` written in ``digits`` (only ``arab`` changes anything)."""
    return s.translate(_TO_ARAB) if digits == "arab" else s


@lru_cache(maxsize=16)
def _symbols(lang: str, digits: str) -> dict[str, str]:
    from babel import Locale

    loc = Locale.parse(lang)
    return dict(loc.number_symbols.get(digits) or loc.number_symbols["latn"])


def _dec(v: float, pattern: str, lang: str, digits: str) -> str:
    from babel.numbers import format_decimal

    # Babel takes the numbering system's symbols (٫ ٬ for arab) but writes Western digits
    return to_digits(format_decimal(v, pattern, locale=lang, numbering_system=digits), digits)


@lru_cache(maxsize=256)
def scale_word(suffix: str, lang: str) -> str:
    """'bn' → 'bn' in English, 'مليار' in Arabic (the catalogue's words)."""
    words = {"tn": NP_("scale", "tn"), "bn": NP_("scale", "bn"), "m": NP_("scale", "m")}
    return translations(lang).pgettext("scale", words[suffix])


@lru_cache(maxsize=1)
def _arabic_currency_words() -> dict[str, str]:
    """Code → the first word the Arabic lexicon reads as that code alone (no context cues)."""
    from marsad.lexicon import load_yaml

    out: dict[str, str] = {}
    for entry in load_yaml("lang/ar/currencies.yaml", "currencies").get("words", []):
        if entry.get("words") and not entry.get("context"):
            out.setdefault(entry["code"], entry["words"][0])
    return out


@lru_cache(maxsize=256)
def currency_word(code: str, lang: str) -> str:
    """How a page names a currency after an Arabic amount: the first word the Arabic lexicon
    reads as that code (دولار, يوان, ريال سعودي), else CLDR's name, else the code."""
    if lang != "ar":
        return code
    word = _arabic_currency_words().get(code)
    if word:
        return word
    try:
        from babel.numbers import get_currency_name

        return get_currency_name(code, locale=lang)
    except Exception:  # noqa: BLE001 - an unknown code is shown as it is
        return code


def format_number(v: Any, lang: str = DEFAULT_LANG, digits: str = "latn") -> str:
    """A count or value: scaled (2 decimals) from a million up, grouped below; never cut."""
    if _missing(v):
        return ""
    if isinstance(v, bool) or not isinstance(v, (int, float)):
        return str(v)
    for size, suffix in SCALES:
        if abs(v) >= size:
            return f"{_dec(v / size, '#,##0.00', lang, digits)} {scale_word(suffix, lang)}"
    if float(v).is_integer():
        return _dec(int(v), "#,##0", lang, digits)
    return _dec(v, "#,##0.####", lang, digits)


def format_money(v: Any, unit: str | None = "USD", lang: str = DEFAULT_LANG, digits: str = "latn") -> str:
    """'$53.00 bn', 'CNY 380.00 bn'; in Arabic '53.00 مليار دولار', '380.00 مليار يوان'."""
    if _missing(v):
        return ""
    unit = None if _missing(unit) else unit
    neg = isinstance(v, (int, float)) and not isinstance(v, bool) and v < 0
    body = format_number(abs(v) if neg else v, lang, digits)
    if lang == "ar":
        sign = _symbols(lang, digits).get("minusSign", "-") if neg else ""
        return f"{sign}{body} {currency_word(unit, lang)}" if unit else sign + body
    return ("-" if neg else "") + ("$" if unit == "USD" else f"{unit or ''} ") + body


def format_percent(v: Any, lang: str = DEFAULT_LANG, digits: str = "latn") -> str:
    """A signed per cent with two decimals: '+6.34%' ('+٦٫٣٤٪' with Arabic-Indic digits)."""
    if _missing(v):
        return ""
    try:
        f = float(v)
    except (TypeError, ValueError):
        return str(v)
    sym = _symbols(lang, digits)
    sign = sym.get("minusSign", "-") if f < 0 else sym.get("plusSign", "+")
    return sign + _dec(abs(f), "#,##0.00", lang, digits) + sym.get("percentSign", "%")




def format_date(v: Any, lang: str = DEFAULT_LANG, digits: str = "latn", short: bool = False) -> str:
    """'24 Sep 2025' / '24 سبتمبر 2025' (month names from CLDR); anything unparsable as is."""
    if _missing(v):
        return ""
    d = as_date(v)
    if d is None:
        return to_digits(str(v), digits)
    from babel.dates import format_date as babel_date

    pattern = "d MMM y" if short else "d MMMM y"
    return to_digits(babel_date(d, pattern, locale=lang), digits)


# -- one language and digit choice -------------------------------------------------------
@dataclass(frozen=True)
class UI:
    """One reader's language and digits, with the formatting and translation they imply."""

    lang: str = DEFAULT_LANG
    digits: str = "latn"

    @property
    def dir(self) -> str:
        return "rtl" if self.lang in RTL else "ltr"

    def gettext(self, message: str, **params: Any) -> str:
        s = translations(self.lang).gettext(message)
        return s % params if params else s

    def ngettext(self, singular: str, plural: str, n: int, **params: Any) -> str:
        s = translations(self.lang).ngettext(singular, plural, n)
        return s % {"num": self.num(n), **params}

    def num(self, v: Any) -> str:
        return format_number(v, self.lang, self.digits)

    def int(self, v: Any) -> str:
        """An id or count written in the page's digits, never scaled or grouped."""
        return "" if _missing(v) else to_digits(str(v), self.digits)

    def money(self, v: Any, unit: str | None = "USD") -> str:
        return format_money(v, unit, self.lang, self.digits)

    def pct(self, v: Any) -> str:
        return format_percent(v, self.lang, self.digits)

    def date(self, v: Any, short: bool = False) -> str:
        return format_date(v, self.lang, self.digits, short)

    def country(self, v: Any) -> str:
        """An ISO country code as the page names it: the code in English, CLDR's name otherwise."""
        if _missing(v):
            return ""
        if self.lang == DEFAULT_LANG or not (isinstance(v, str) and len(v) == 2 and v.isupper()):
            return str(v)
        from babel import Locale

        return Locale.parse(self.lang).territories.get(v, v)

    def name(self, v: Any) -> str:
        from marsad.kb import display_name

        return display_name(v, self.lang)
