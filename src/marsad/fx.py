"""USD normalisation with an audit trail.

A conversion stated in the text ("380 مليار يوان (53 مليار دولار)") wins; otherwise
the reference table ``kb/fx_rates.csv`` (annual averages, source per row) gives
the rate for the document's year. Every converted figure records how.
"""
from __future__ import annotations

import csv
import re
from functools import lru_cache
from importlib import resources

from marsad.errors import DataError
from marsad.extractors.patterns import trie
from marsad.lexicon import lexicon
from marsad.model import Document, Facts, Quantity
from marsad.normalize import Normalized

NAME = "fx"


@lru_cache(maxsize=1)
def rates() -> dict[tuple[str, int], tuple[float, str]]:
    """{(currency, year): (usd_per_unit, source)} from kb/fx_rates.csv."""
    try:
        text = resources.files("marsad").joinpath("kb/fx_rates.csv").read_text(encoding="utf-8")
    except FileNotFoundError:
        raise DataError("missing data file marsad/kb/fx_rates.csv", code="M205") from None
    out: dict[tuple[str, int], tuple[float, str]] = {}
    for n, row in enumerate(csv.DictReader(text.splitlines()), 2):
        try:
            out[(row["currency"].strip().upper(), int(row["year"]))] = (float(row["usd_per_unit"]),
                                                                       row.get("source", "").strip())
        except (KeyError, TypeError, ValueError):
            raise DataError(f"marsad/kb/fx_rates.csv:{n}: expected currency,year,usd_per_unit,source",
                            code="M206") from None
    return out


@lru_cache(maxsize=None)
def _years(currency: str) -> tuple[int, ...]:
    return tuple(sorted(y for c, y in rates() if c == currency))


def rate(currency: str, year: int) -> tuple[float, int, str] | None:
    """(usd_per_unit, year used, source): the year asked, else the nearest year known."""
    table = rates()
    if (currency, year) in table:
        r, src = table[(currency, year)]
        return r, year, src
    years = _years(currency)
    if not years:
        return None
    best = min(years, key=lambda y: (abs(y - year), -y))
    r, src = table[(currency, best)]
    return r, best, src


_ISO_YEAR = re.compile(r"(?:19|20)\d\d-\d\d")


@lru_cache(maxsize=None)
def _link_pattern(lang: str) -> re.Pattern:
    links = lexicon(lang).conversion_links
    return re.compile(rf"\s*(?:(?:{trie(links)})\s*)*\Z" if links else r"\s*\(?\s*\Z")


def reference_year(doc: Document) -> int | None:
    """The year of ``published_at`` (any form ``marsad.dates`` reads, else the first 19xx/20xx in it)."""
    from marsad.dates import parse

    value = doc.published_at or ""
    if _ISO_YEAR.match(value):
        return int(value[:4])  # the reader stores ISO 8601
    iso = parse(value)
    if iso:
        return int(iso[:4])
    m = re.search(r"(19|20)\d{2}", doc.published_at or "")
    return int(m.group(0)) if m else None


def run(facts: Facts, norm: Normalized, doc: Document) -> None:
    """Fill ``usd`` and ``fx`` on every money quantity."""
    money = [q for q in facts.quantities if q.kind == "money"]
    if not money:
        return
    link = _link_pattern(facts.lang)
    year = reference_year(doc)
    for i, q in enumerate(money):
        if q.unit == "USD":
            q.usd = q.value
            continue
        prev = money[i - 1] if i > 0 else None
        nxt = money[i + 1] if i + 1 < len(money) else None
        if nxt is not None and nxt.unit == "USD" and _linked(norm, link, q, nxt) and q.value:
            q.usd = nxt.value
            q.fx = {"method": "stated", "rate": nxt.value / q.value, "evidence": [nxt.start, nxt.end]}
            continue
        if prev is not None and prev.unit == "USD" and _linked(norm, link, prev, q) and q.value:
            # "20 مليار دولار (نحو 72.8 مليار ريال قطري)": this figure restates the USD one
            q.usd = prev.value
            q.fx = {"method": "stated", "rate": prev.value / q.value, "evidence": [prev.start, prev.end],
                    "role": "conversion"}
            continue
        _reference(q, year)


def _linked(norm: Normalized, link: re.Pattern, a: Quantity, b: Quantity) -> bool:
    """True when ``b`` follows ``a`` as its stated conversion ("X (Y)", "X, or Y")."""
    return b.start >= a.end and b.start - a.end <= 24 and link.match(_fold_between(norm, a, b)) is not None


def _fold_between(norm: Normalized, a: Quantity, b: Quantity) -> str:
    from marsad.normalize import fold

    return fold(norm.raw[a.end:b.start])


@lru_cache(maxsize=1)
def latest_year() -> int:
    return max(y for _, y in rates())


def _reference(q: Quantity, year: int | None) -> None:
    y = year if year is not None else latest_year()
    found = rate(q.unit or "", y)
    if found is None:
        return
    r, used, src = found
    q.usd = q.value * r
    q.fx = {"method": "reference", "rate": r, "year": used, "source": src,
            "year_basis": "published_at" if year is not None else "latest table year (no publication date)"}
