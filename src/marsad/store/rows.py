"""Facts → table rows: one place that says what every stored column holds.

Used by the local ingest (worker processes build rows, the parent writes them),
by ``Store.add_facts`` and by the Spark job, so all three store the same rows.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import json
import math
import re
from typing import Any

from marsad.model import Document, Facts

# Column order of every table (matches m001_init.sql).
COLUMNS: dict[str, list[str]] = {
    "documents": ["id", "content_hash", "doc_id", "source", "title", "lang", "published_at",
                  "published_on", "year", "n_chars", "text", "marsad_version", "extractor_version",
                  "extractors", "key_points", "dup_of", "dup_score", "minhash", "ingested_at"],
    "quantities": ["doc", "idx", "kind", "value", "value_max", "unit", "qualifier", "usd",
                   "span_start", "span_end", "text", "extractor", "fx"],
    "entities": ["doc", "idx", "name", "type", "kb_id", "ticker", "country", "n_mentions", "attrs",
                 "extractor"],
    "mentions": ["doc", "entity_idx", "idx", "span_start", "span_end", "text"],
    "events": ["doc", "idx", "type", "span_start", "span_end", "subject", "target", "usd", "value",
               "currency", "change_pct", "price", "metric", "args", "text", "extractor"],
    "event_args": ["doc", "event_idx", "key", "value_text", "value_num"],
    "lsh_bands": ["bucket", "doc"],
}
FACT_TABLES = ["quantities", "entities", "mentions", "events", "event_args"]
# Arrow types, so that empty batches and Spark output have the same schema.
TYPES: dict[str, str] = {
    "id": "int64", "doc": "int64", "dup_of": "int64", "bucket": "int64",
    "idx": "int32", "entity_idx": "int32", "event_idx": "int32", "year": "int32", "n_chars": "int32",
    "span_start": "int32", "span_end": "int32", "n_mentions": "int32",
    "value": "float64", "value_max": "float64", "usd": "float64", "change_pct": "float64",
    "price": "float64", "value_num": "float64", "dup_score": "float64",
    "published_on": "date32", "minhash": "binary", "ingested_at": "timestamp",
}
_DATE = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")
_YEAR = re.compile(r"\b(19\d\d|20\d\d)\b")


def content_hash(text: str) -> str:
    """sha256 of the text (UTF-8, hex): the identity of a document."""
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


def doc_key(chash: str) -> int:
    """The integer id of a document: the first 53 bits of its hash (safe in JSON numbers)."""
    return int(chash[:14], 16) >> 3


def extractor_version(extractors: dict[str, str]) -> str:
    """``0.1.0|entities=1,quantities=2``: what decides whether a document needs re-extraction."""
    import marsad

    return marsad.__version__ + "|" + ",".join(f"{k}={v}" for k, v in sorted(extractors.items()))


def current_extractor_version(lang: str) -> str:
    """The version the installed pipeline would stamp on a document in ``lang``."""
    from marsad import pipeline

    return extractor_version(pipeline.versions(lang if lang in pipeline.LANGS else "en"))


def parse_published(value: str | None) -> tuple[dt.date | None, int | None]:
    """(day, year) from a date string in any of the usual layouts; (None, None) if none."""
    if not value:
        return None, None
    m = _DATE.search(value)
    if m:
        try:
            d = dt.date(int(m[1]), int(m[2]), int(m[3]))
            return d, d.year
        except ValueError:
            pass
    m = _YEAR.search(value)
    return None, int(m[1]) if m else None


def _num(v: Any) -> float | None:
    if isinstance(v, bool) or v is None:
        return None
    try:
        f = float(v)
    except (TypeError, ValueError):
        return None
    return f if math.isfinite(f) else None


def _str(v: Any) -> str | None:
    if v is None:
        return None
    if isinstance(v, str):
        return v
    if isinstance(v, dict):
        return _str(v.get("name"))
    return str(v)


def _subject(v: Any) -> str | None:
    """The stored subject: a name, or the names of a joint event joined (``A + B``)."""
    if isinstance(v, (list, tuple)):
        from marsad.actors import joint_name

        return joint_name([_str(x) or "" for x in v]) or None
    return _str(v)


def _json(v: Any) -> str | None:
    return json.dumps(v, ensure_ascii=False, sort_keys=True, default=str) if v else None


def build_rows(doc: Document, facts: Facts, chash: str | None = None,
               minhash: bytes | None = None, bands: list[int] | None = None,
               ingested_at: dt.datetime | None = None) -> dict[str, list[tuple]]:
    """All rows for one document and its facts, keyed by table name."""
    text = facts.text
    chash = chash or content_hash(text)
    key = doc_key(chash)
    day, year = parse_published(doc.published_at)
    kp = [k.to_dict() for k in facts.key_points]
    rows: dict[str, list[tuple]] = {t: [] for t in COLUMNS}
    rows["documents"].append((
        key, chash, doc.doc_id, doc.source, doc.title, facts.lang, doc.published_at, day, year,
        len(text), text, _marsad_version(), extractor_version(facts.extractors),
        _json(dict(facts.extractors)) or "{}", _json(kp), None, None, minhash, ingested_at))
    for i, q in enumerate(facts.quantities):
        qd = q.to_dict()  # the contract's serialiser: what is stored is what extract() returns
        rows["quantities"].append((key, i, q.kind, _num(qd["value"]), _num(qd.get("value_max")), q.unit,
                                   q.qualifier, _num(qd.get("usd")), q.start, q.end, q.text or text[q.start:q.end],
                                   q.extractor, _json(q.fx)))
    for i, e in enumerate(facts.entities):
        attrs = dict(e.attrs or {})
        tickers = attrs.get("tickers") if isinstance(attrs.get("tickers"), list) else []
        ticker = _str(attrs.get("ticker")) or (_str(tickers[0]) if tickers else None)
        rows["entities"].append((key, i, e.name, e.type, e.kb_id, ticker,
                                 _str(attrs.get("country")), len(e.mentions), _json(attrs), e.extractor))
        for j, (s, x) in enumerate(e.mentions):
            rows["mentions"].append((key, i, j, s, x, text[s:x]))
    for i, ev in enumerate(facts.events):
        a = ev.to_dict()["args"] if ev.args else {}  # the contract's serialiser, as for quantities
        target = a.get("target", a.get("counterparty", a.get("product")))
        rows["events"].append((
            key, i, ev.type, ev.start, ev.end, _subject(a.get("subject")), _str(target), _num(a.get("usd")),
            _num(a.get("value")), _str(a.get("currency")), _num(a.get("change_pct")), _num(a.get("price")),
            _str(a.get("metric")), _json(a), ev.text or text[ev.start:ev.end], ev.extractor))
        for k, v in a.items():
            vt = _json(v) if isinstance(v, (list, dict)) else _str(v)
            rows["event_args"].append((key, i, str(k), vt, _num(v)))
    for b in bands or ():
        rows["lsh_bands"].append((b, key))
    return rows


def _marsad_version() -> str:
    import marsad

    return marsad.__version__


def arrow_schema(table: str):
    """The pyarrow schema of ``table``."""
    import pyarrow as pa

    kinds = {"int64": pa.int64(), "int32": pa.int32(), "float64": pa.float64(), "date32": pa.date32(),
             "binary": pa.binary(), "timestamp": pa.timestamp("us"), "string": pa.string()}
    return pa.schema([(c, kinds[TYPES.get(c, "string")]) for c in COLUMNS[table]])


def to_arrow(table: str, rows: list[tuple]):
    """Rows of ``table`` as a pyarrow Table with the canonical schema."""
    import pyarrow as pa

    schema = arrow_schema(table)
    cols = list(zip(*rows)) if rows else [[] for _ in schema]
    return pa.table([pa.array(list(c), type=f.type) for c, f in zip(cols, schema)], schema=schema)
