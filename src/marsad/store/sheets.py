"""The analyst's views as typed rows, for spreadsheets: ``marsad export --view`` (XLSX, CSV).

A *view* is a list of typed columns and a stream of rows, the same for every writer, so an
XLSX sheet and a view CSV hold the same rows (``store/xlsx.py`` writes the workbook;
``write_csv`` here the CSV):

- ``investments``: the leaderboard built from claims (AI by default; ``topic="all"`` for
  every topic), one row per claim, largest first;
- ``companies``: companies ranked by the sum of their claims (joint figures shown apart);
- ``moves``: stock moves, one row per claim;
- ``claims``: every claim with its first source, largest first within each event type;
- ``conflicts``: pairs of claims that disagree, both sides with evidence and source;
- ``events``: the facts table (every stored event with its document), newest first.

Values are Python numbers, ``datetime.date`` and strings, so a writer can make real number
and date cells. Every row carries the link of its source: the article's URL when its source
is one, else its page in ``marsad serve`` (``{base_url}/documents/{id}``).

Memory: ``events`` streams from the database in batches (DuckDB's Arrow reader, a PostgreSQL
server-side cursor), whatever the store's size. The claim views are built one event type
at a time (a claim never spans types), and each type's claims are dropped before the next,
so at most one type's claims are held. Column headers and sheet names come from
``lang/common/export_labels.yaml``, in English or Arabic.
"""
from __future__ import annotations

import csv
import datetime as dt
import math
import sys
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Callable, Iterator

from marsad.dates import as_date as _date
from marsad.errors import StoreError

VIEWS = ("investments", "companies", "moves", "claims", "conflicts", "events")
LANGS = ("en", "ar")
DEFAULT_BASE_URL = "http://127.0.0.1:8000"  # ``marsad serve``'s default address
EVENT_BATCH = 5_000
ALL = sys.maxsize

# column kinds: text, long (a sentence), id (a document id: text, as its 16 digits are more
# than a spreadsheet number keeps), int, usd, amount, pct, price, num, date, url, value (a per
# cent for a stock move's row, else USD);
# a column with ``link`` is text shown as a hyperlink to that row's value of ``link``
@dataclass(frozen=True)
class Column:
    key: str
    kind: str = "text"
    link: str | None = None


def _cols(spec: str) -> tuple[Column, ...]:
    out = []
    for item in spec.split():
        item, _, link = item.partition(">")
        key, _, kind = item.partition(":")
        out.append(Column(key, kind or "text", link or None))
    return tuple(out)


# the columns of each view, in order (key:kind, key:kind>link-column)
_CLAIM = ("usd:usd low_usd:usd high_usd:usd amount:amount currency as_stated first_reported:date "
          "last_reported:date reports:int independent_reports:int status topics evidence:long "
          "title>url source url:url claim_id")
COLUMNS: dict[str, tuple[Column, ...]] = {
    "investments": _cols("rank:int company kind " + _CLAIM),
    "companies": _cols("rank:int company total_usd:usd figures:int largest_usd:usd reports:int "
                       "first_reported:date joint_usd:usd joint_claims:int sources"),
    "moves": _cols("date:date company change_pct:pct measure price:price price_currency reports:int "
                   "independent_reports:int status evidence:long title>url source url:url claim_id"),
    "claims": _cols("type subject target metric period change_pct:pct "
                    + _CLAIM.replace("status", "conflicts:int status")),
    "conflicts": _cols("type subject metric measure date:date value_a:value as_stated_a evidence_a:long "
                       "title_a>url_a value_b:value as_stated_b evidence_b:long title_b>url_b url_a:url url_b:url "
                       "claim_a claim_b"),
    "events": _cols("date:date doc:id type subject target usd:usd value:amount currency change_pct:pct "
                    "price:price metric evidence:long title>url source lang url:url"),
}


@dataclass
class Filters:
    """What a view shows. ``topic`` None: the views' defaults (investments and companies: AI;
    the others: every topic); ``sort`` orders moves (date or change)."""

    company: str | None = None
    year: int | None = None
    topic: str | None = None
    type: str | None = None
    include_flagged: bool = False
    sort: str = "date"
    base_url: str = DEFAULT_BASE_URL


# --- labels -------------------------------------------------------------------------------
@lru_cache(maxsize=1)
def labels() -> dict[str, dict[str, dict[str, str]]]:
    """``{"sheets": {key: {lang: label}}, "columns": {...}}`` from export_labels.yaml."""
    from marsad.lexicon import load_yaml

    return load_yaml("lang/common/export_labels.yaml", "export_labels")


def check_lang(lang: str | None) -> str:
    """``en`` or ``ar`` (a locale such as ``ar_SA.UTF-8`` or ``ar-EG`` counts as its language)."""
    lang = (lang or "en").lower()
    lang = lang[:2] if lang[:2] in LANGS and (len(lang) == 2 or lang[2] in "_-.") else lang
    if lang not in LANGS:
        raise StoreError(f"unknown language {lang!r} for the export: use en or ar", code="M310")
    return lang


def headers(view: str, lang: str) -> list[str]:
    cols = labels()["columns"]
    return [cols[c.key][lang] for c in COLUMNS[view]]


def sheet_name(view: str, lang: str, f: Filters) -> str:
    key = view
    if view == "investments":
        key = "investments_ai" if (f.topic or "ai").lower() == "ai" else "investments"
    return labels()["sheets"][key][lang]


def check_views(views: list[str] | None) -> list[str]:
    views = list(views or VIEWS)
    for v in views:
        if v not in VIEWS:
            raise StoreError(f"unknown view {v!r}: choose from {', '.join(VIEWS)}", code="M310")
    return list(dict.fromkeys(views))


# --- rows --------------------------------------------------------------------------------
def link_of(source: str | None, doc: Any, base_url: str) -> str:
    """The article's URL when its source is one, else its page in ``marsad serve``."""
    if isinstance(source, str) and source.startswith(("https://", "http://")):
        return source
    return f"{base_url.rstrip('/')}/documents/{doc}"


def _claim_row(c: dict, f: Filters) -> dict[str, Any]:
    s = c["sources"][0] if c.get("sources") else {}
    return {"company": c.get("subject"), "subject": c.get("subject"), "kind": c.get("subject_kind"),
            "type": c.get("type"), "target": c.get("target"), "metric": c.get("metric"),
            "period": c.get("period"), "change_pct": c.get("change_pct"),
            "usd": c.get("usd"), "low_usd": c.get("low_usd"), "high_usd": c.get("high_usd"),
            "amount": s.get("value") if c.get("usd") is not None else None,
            "currency": s.get("currency") if c.get("usd") is not None else None,
            "as_stated": c.get("as_stated"),
            "first_reported": _date(c.get("first_reported")), "last_reported": _date(c.get("last_reported")),
            "reports": c.get("reports"), "independent_reports": c.get("independent_reports"),
            "conflicts": len(c.get("conflicts_with") or ()), "status": c.get("status"),
            "topics": ",".join(c.get("topics") or ()), "evidence": s.get("evidence"),
            "title": s.get("title"), "source": s.get("source"),
            "url": link_of(s.get("source"), s.get("doc"), f.base_url), "claim_id": c.get("claim_id")}


def _investment_claims(store, f: Filters) -> list[dict]:
    return store.investment_claims(company=f.company, year=f.year, topic=f.topic or "ai",
                                   include_flagged=f.include_flagged)


def _investments(store, f: Filters) -> Iterator[dict]:
    claims = _investment_claims(store, f)
    store.forget_claims()
    for i, c in enumerate(claims, 1):
        yield {**_claim_row(c, f), "rank": i}


def _companies(store, f: Filters) -> Iterator[dict]:
    from marsad.store.claims import by_company_rows

    claims = _investment_claims(store, f)
    store.forget_claims()
    for r in by_company_rows(claims, ALL):
        yield {**r, "first_reported": _date(r.get("first_reported"))}


def _moves(store, f: Filters) -> Iterator[dict]:
    rows = store.moves(company=f.company, year=f.year, limit=ALL, sort=f.sort, topic=f.topic,
                       include_flagged=f.include_flagged, include_duplicates=bool(f.company))
    wanted = {r["claim_id"] for r in rows}
    by_id = {c["claim_id"]: c for c in store.all_claims(f.include_flagged, types=("stock_move",))
             if c["claim_id"] in wanted}
    store.forget_claims()
    for r in rows:
        c = by_id.get(r["claim_id"], {})
        yield {**r, "date": _date(r.get("date")), "price_currency": r.get("currency"),
               "independent_reports": c.get("independent_reports"),
               "url": link_of(r.get("source"), r.get("doc"), f.base_url)}


def _types(store, f: Filters) -> list[str]:
    types = [r[0] for r in store.query("SELECT DISTINCT type FROM events WHERE type IS NOT NULL").rows]
    return sorted(t for t in types if f.type is None or t == f.type)


def _claims(store, f: Filters) -> Iterator[dict]:
    for t in _types(store, f):
        claims = store.claims(type=t, company=f.company, topic=f.topic, include_flagged=f.include_flagged,
                              limit=ALL)
        store.forget_claims()
        for c in claims:
            if f.year and not str(c.get("first_reported") or "").startswith(str(int(f.year))):
                continue
            yield _claim_row(c, f)
        del claims


def _conflicts(store, f: Filters) -> Iterator[dict]:
    for t in _types(store, f):
        pairs = store.conflicts(type=t, company=f.company, topic=f.topic, include_flagged=f.include_flagged,
                                limit=ALL)
        store.forget_claims()
        for x in pairs:
            a, b = (x.get("sources_a") or [{}])[0], (x.get("sources_b") or [{}])[0]
            date = x.get("date") or a.get("date")
            if f.year and not str(date or "").startswith(str(int(f.year))):
                continue
            yield {"type": x["type"], "subject": x.get("subject"), "metric": x.get("metric"),
                   "measure": x.get("measure"), "date": _date(date),
                   "value_a": x.get("value_a"), "as_stated_a": x.get("as_stated_a"),
                   "evidence_a": a.get("evidence"), "title_a": a.get("title"),
                   "url_a": link_of(a.get("source"), a.get("doc"), f.base_url),
                   "value_b": x.get("value_b"), "as_stated_b": x.get("as_stated_b"),
                   "evidence_b": b.get("evidence"), "title_b": b.get("title"),
                   "url_b": link_of(b.get("source"), b.get("doc"), f.base_url),
                   "claim_a": x.get("claim_a"), "claim_b": x.get("claim_b")}
        del pairs


def _events(store, f: Filters) -> Iterator[dict]:
    where, params = ["1=1"], []
    if f.type:
        where.append("ev.type = ?")
        params.append(f.type)
    if f.year:
        where.append("d.year = ?")
        params.append(int(f.year))
    if f.company:
        name = store.resolve(f.company)
        where.append("(lower(ev.subject) = lower(?) OR lower(ev.target) = lower(?) OR lower(ev.subject) = "
                     "lower(?) OR lower(ev.subject) LIKE lower(?) OR lower(ev.subject) LIKE lower(?))")
        params += [name, name, f.company, f"{name} + %", f"% + {name}%"]
    sql = ("SELECT d.published_on AS date, ev.doc, ev.type, ev.subject, ev.target, ev.usd, ev.value, "
           "ev.currency, ev.change_pct, ev.price, ev.metric, ev.text AS evidence, "
           "COALESCE(d.title, d.doc_id) AS title, d.source, d.lang FROM events ev JOIN documents d ON "
           f"d.id = ev.doc WHERE {' AND '.join(where)} ORDER BY d.published_on DESC NULLS LAST, ev.doc, ev.idx")
    for batch in store.backend.batches(sql, "events_view", size=EVENT_BATCH, params=params):
        for r in batch.to_pylist():
            r["url"] = link_of(r.get("source"), r.get("doc"), f.base_url)
            yield r


_ROWS: dict[str, Callable[[Any, Filters], Iterator[dict]]] = {
    "investments": _investments, "companies": _companies, "moves": _moves, "claims": _claims,
    "conflicts": _conflicts, "events": _events}


def rows(store, view: str, f: Filters | None = None) -> Iterator[list[Any]]:
    """The rows of ``view``, each a list of values in ``COLUMNS[view]`` order."""
    f = f or Filters()
    keys = [c.key for c in COLUMNS[view]]
    ids = {c.key for c in COLUMNS[view] if c.kind == "id"}
    for r in _ROWS[view](store, f):
        for k in ids:
            r[k] = None if r.get(k) is None else str(r[k])
        yield [_clean(r.get(k)) for k in keys]


def _clean(v: Any) -> Any:
    if isinstance(v, float) and not math.isfinite(v):
        return None
    if isinstance(v, dt.datetime):
        return v.date()
    return v


# --- CSV ---------------------------------------------------------------------------------
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def csv_value(v: Any, excel: bool = False) -> str:
    """A value as CSV text: numbers to 15 significant digits, as a spreadsheet keeps them
    (integral ones without ``.0``), dates as ISO 8601. With ``excel``, text that Excel would run
    as a formula gets a leading ``'``."""
    if v is None:
        return ""
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, float):
        return str(int(v)) if v.is_integer() and abs(v) < 1e15 else f"{v:.15g}"
    if isinstance(v, (int, dt.date)):
        return str(v) if isinstance(v, int) else v.isoformat()
    s = str(v)
    if excel and s.startswith(_FORMULA_START):
        return "'" + s
    return s


def write_csv(store, view: str, path: str, f: Filters | None = None, lang: str = "en",
              excel: bool = False) -> int:
    """Write ``view`` as CSV to ``path``; returns the number of rows (without the header).

    UTF-8; ``excel=True`` is Excel's dialect: a byte-order mark (so Excel reads UTF-8, Arabic
    included), CRLF line ends, fields quoted when needed, formula-like text defused."""
    lang = check_lang(lang)
    n = 0
    with open(path, "w", encoding="utf-8-sig" if excel else "utf-8", newline="") as fh:
        w = csv.writer(fh, dialect="excel" if excel else "unix", quoting=csv.QUOTE_MINIMAL)
        w.writerow(headers(view, lang))
        for r in rows(store, view, f):
            w.writerow([csv_value(v, excel) for v in r])
            n += 1
    return n
