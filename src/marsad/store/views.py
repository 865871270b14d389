"""Read views over the store: documents, entities, events and the analyst's canned questions.

Every method returns plain JSON-ready values (lists of dicts with ``str``,
``int``, ``float``, ``None``; dates as ISO strings), so the CLI and the web API
can print them as they are. The SQL is the same on DuckDB and PostgreSQL.
"""
from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any, Iterator

from marsad.store import rows as R
from marsad.store.base import BaseStore, loads

_COUNTRY_ALIASES = {
    "china": ["cn", "chn", "prc"], "united states": ["us", "usa", "u.s."], "saudi arabia": ["sa", "ksa"],
    "united arab emirates": ["ae", "uae"], "united kingdom": ["gb", "uk"], "japan": ["jp"],
    "south korea": ["kr", "korea"], "taiwan": ["tw"], "germany": ["de"], "france": ["fr"],
    "india": ["in"], "qatar": ["qa"], "hong kong": ["hk"],
}


def _country_forms(country: str) -> list[str]:
    c = country.strip().lower()
    for name, codes in _COUNTRY_ALIASES.items():
        if c == name or c in codes:
            return [name, *codes]
    return [c]


def _plain(v: Any) -> Any:
    if isinstance(v, (dt.date, dt.datetime)):
        return v.isoformat()
    if isinstance(v, (bytes, memoryview)):
        return None
    if isinstance(v, Decimal):
        v = float(v)
    if isinstance(v, float) and v.is_integer() and abs(v) < 1e15:
        return int(v)
    return v


def _dicts(res) -> list[dict[str, Any]]:
    return [{c: _plain(v) for c, v in zip(res.columns, r)} for r in res.rows]


_DOC_COLS = ("d.id, d.doc_id, d.title, d.lang, d.source, d.published_at, d.published_on, d.n_chars, "
             "d.extractor_version, d.dup_of, d.dup_score")
_DOC_COLS_FULL = f"{_DOC_COLS}, d.content_hash, d.text, d.extractors, d.key_points"


def _with_facts(doc: dict[str, Any], quantities: list, entities: list, events: list) -> dict[str, Any]:
    """A document row (``_DOC_COLS_FULL``) with its facts in the Facts.to_dict shape."""
    doc["extractors"] = loads(doc["extractors"], {})
    kp = loads(doc.pop("key_points"), [])
    doc["facts"] = {"doc_id": doc["doc_id"], "lang": doc["lang"], "quantities": quantities,
                    "entities": entities, "events": events, "extractors": doc["extractors"]}
    if kp:
        doc["facts"]["key_points"] = kp
    if "\f" in (doc["text"] or ""):  # a paged source (PDF, slides, sheets): facts get their page
        from marsad.sources import add_pages

        add_pages(doc["facts"], doc["text"])
    return doc


def _quantity(q: dict[str, Any]) -> dict[str, Any]:
    d = {"kind": q["kind"], "value": q["value"], "unit": q["unit"], "start": q["span_start"],
         "end": q["span_end"], "text": q["text"]}
    for k in ("qualifier", "value_max", "usd"):
        if q[k] is not None:
            d[k] = q[k]
    if q["fx"]:
        d["fx"] = loads(q["fx"])
    d["extractor"] = q["extractor"]
    return d


def _mentions(rows) -> dict[int, dict[int, list[list[int]]]]:
    """{doc: {entity_idx: [[start, end], ...]}} from (doc, entity_idx, start, end) rows in order."""
    out: dict[int, dict[int, list[list[int]]]] = {}
    for doc, idx, s, e in rows:
        out.setdefault(doc, {}).setdefault(idx, []).append([s, e])
    return out


def _entity(e: dict[str, Any], ments: dict[int, list[list[int]]]) -> dict[str, Any]:
    d = {"name": e["name"], "type": e["type"], "mentions": ments.get(e["idx"], [])}
    if e["kb_id"]:
        d["kb_id"] = e["kb_id"]
    d.update({k: v for k, v in loads(e["attrs"], {}).items() if k not in d})
    d["extractor"] = e["extractor"]
    return d


def _event(e: dict[str, Any]) -> dict[str, Any]:
    return {"type": e["type"], "start": e["span_start"], "end": e["span_end"],
            "args": loads(e["args"], {}), "extractor": e["extractor"]}


def _by_doc(rows: list[dict[str, Any]], make) -> dict[int, list[dict[str, Any]]]:
    out: dict[int, list[dict[str, Any]]] = {}
    for r in rows:
        out.setdefault(r["doc"], []).append(make(r))
    return out


class Views(BaseStore):
    # -- documents and facts -------------------------------------------------------------
    def documents(self, limit: int = 50, offset: int = 0, lang: str | None = None,
                  q: str | None = None) -> list[dict[str, Any]]:
        """Stored documents (metadata, no text), newest first; ``q`` searches titles."""
        where, params = ["1=1"], []
        if lang:
            where.append("d.lang = ?")
            params.append(lang)
        if q:
            where.append("strpos(lower(d.title), ?) > 0")  # a substring: % and _ are literal
            params.append(q.lower())
        sql = (f"SELECT {_DOC_COLS} FROM documents d WHERE {' AND '.join(where)} "
               "ORDER BY d.published_on DESC NULLS LAST, d.id LIMIT ? OFFSET ?")
        return _dicts(self.query(sql, [*params, int(limit), int(offset)]))

    def document(self, ref: int | str) -> dict[str, Any] | None:
        """One document with its text and facts (the Facts.to_dict shape), by id, sha256 or doc_id."""
        if isinstance(ref, str) and ref.isascii() and ref.isdecimal() and int(ref) < 2 ** 53:
            ref = int(ref)
        if isinstance(ref, int):
            if not 0 <= ref < 2 ** 63:
                return None  # ids are 53-bit hashes: anything else cannot exist
            cond, arg = "d.id = ?", ref
        elif isinstance(ref, str) and len(ref) == 64 and all(c in "0123456789abcdef" for c in ref):
            cond, arg = "d.content_hash = ?", ref
        else:
            cond, arg = "d.doc_id = ?", str(ref)
        res = self.query(f"SELECT {_DOC_COLS_FULL} FROM documents d WHERE {cond} ORDER BY d.id LIMIT 1", [arg])
        if not res.rows:
            return None
        doc = _dicts(res)[0]
        key = doc["id"]
        return _with_facts(doc, self._quantities(key), self._entities(key), self._events_of(key))

    def stream_documents(self, batch: int = 500) -> Iterator[dict[str, Any]]:
        """Every document as ``document`` gives it, in id order, ``batch`` at a time.

        Six queries a batch whatever its size (keyset pagination on ``id``, then the documents
        and each fact table for the batch's id range), never a query per document: on DuckDB,
        which has no index on ``doc``, a query per document scans the fact tables once per
        document. The page of ids is read alone: sorting whole rows, texts included, to take the
        next page would cost a pass over every later document per batch."""
        last = -1
        while True:
            ids = self.query("SELECT id FROM documents WHERE id > ? ORDER BY id LIMIT ?", [last, int(batch)]).rows
            if not ids:
                return
            lo, hi = ids[0][0], ids[-1][0]
            docs = _dicts(self.query(f"SELECT {_DOC_COLS_FULL} FROM documents d WHERE d.id >= ? AND d.id <= ? "
                                     "ORDER BY d.id", [lo, hi]))
            span = "WHERE doc >= ? AND doc <= ?"
            quantities = _by_doc(_dicts(self.query(f"SELECT * FROM quantities {span} ORDER BY doc, idx",
                                                   [lo, hi])), _quantity)
            ments = _mentions(self.query("SELECT doc, entity_idx, span_start, span_end FROM mentions "
                                         f"{span} ORDER BY doc, entity_idx, idx", [lo, hi]).rows)
            entities: dict[int, list[dict[str, Any]]] = {}
            for e in _dicts(self.query(f"SELECT * FROM entities {span} ORDER BY doc, idx", [lo, hi])):
                entities.setdefault(e["doc"], []).append(_entity(e, ments.get(e["doc"], {})))
            events = _by_doc(_dicts(self.query(f"SELECT * FROM events {span} ORDER BY doc, idx", [lo, hi])),
                             _event)
            for doc in docs:
                key = doc["id"]
                yield _with_facts(doc, quantities.get(key, []), entities.get(key, []), events.get(key, []))
            last = hi

    def _quantities(self, key: int) -> list[dict[str, Any]]:
        return [_quantity(q) for q in _dicts(self.query("SELECT * FROM quantities WHERE doc = ? ORDER BY idx",
                                                        [key]))]

    def _entities(self, key: int) -> list[dict[str, Any]]:
        ments = _mentions((key, *m) for m in self.query(
            "SELECT entity_idx, span_start, span_end FROM mentions WHERE doc = ? ORDER BY entity_idx, idx",
            [key]).rows).get(key, {})
        return [_entity(e, ments) for e in _dicts(self.query("SELECT * FROM entities WHERE doc = ? ORDER BY idx",
                                                             [key]))]

    def _events_of(self, key: int) -> list[dict[str, Any]]:
        return [_event(e) for e in _dicts(self.query("SELECT * FROM events WHERE doc = ? ORDER BY idx", [key]))]

    def resolve(self, name: str) -> str:
        """The canonical entity name for a name, alias (as written), or kb id; else ``name``."""
        for sql in (
            "SELECT name, COUNT(*) FROM entities WHERE lower(name) = lower(?) OR kb_id = ? "
            "GROUP BY name ORDER BY 2 DESC LIMIT 1",
            "SELECT e.name, COUNT(*) FROM mentions m JOIN entities e ON e.doc = m.doc AND "
            "e.idx = m.entity_idx WHERE lower(m.text) = lower(?) OR lower(m.text) = lower(?) "
            "GROUP BY e.name ORDER BY 2 DESC LIMIT 1",
        ):
            rows = self.query(sql, [name, name]).rows
            if rows:
                return rows[0][0]
        return name

    def entity(self, name_or_id: str) -> dict[str, Any] | None:
        """An entity across the store: type, kb id, ticker, country, aliases, counts."""
        name = self.resolve(name_or_id)
        res = self.query(
            "SELECT name, MIN(type) AS type, MIN(kb_id) AS kb_id, MIN(ticker) AS ticker, "
            "MIN(country) AS country, COUNT(DISTINCT doc) AS documents, SUM(n_mentions) AS mentions "
            "FROM entities WHERE lower(name) = lower(?) GROUP BY name", [name])
        if not res.rows:
            return None
        out = _dicts(res)[0]
        out["aliases"] = self.aliases(name)
        out["events"] = self.query("SELECT COUNT(*) FROM events WHERE lower(subject) = lower(?) OR "
                                   "lower(target) = lower(?)", [name, name]).rows[0][0]
        return out

    def aliases(self, name: str, limit: int = 20) -> list[str]:
        """Surface forms the entity was written as, most frequent first."""
        from marsad.actors import is_generic

        rows = self.query("SELECT m.text, COUNT(*) FROM mentions m JOIN entities e ON e.doc = m.doc AND "
                          "e.idx = m.entity_idx WHERE lower(e.name) = lower(?) GROUP BY m.text "
                          "ORDER BY 2 DESC, 1 LIMIT ?", [name, limit + 20]).rows
        return [r[0] for r in rows if not is_generic(r[0])][:limit]  # "the company", «الشركة» are not aliases

    def events(self, type: str | None = None, subject: str | None = None, since: str | None = None,
               limit: int = 100, offset: int = 0) -> list[dict[str, Any]]:
        """Events with their document's date and title; ``since`` is an ISO date."""
        where, params = ["1=1"], []
        if type:
            where.append("ev.type = ?")
            params.append(type)
        if subject:
            where.append("(lower(ev.subject) = lower(?) OR lower(ev.target) = lower(?))")
            params += [self.resolve(subject)] * 2
        if since:
            where.append("d.published_on >= ?")
            params.append(dt.date.fromisoformat(since[:10]))
        res = self.query(
            "SELECT ev.doc, ev.idx, ev.type, ev.subject, ev.target, ev.usd, ev.value, ev.currency, "
            "ev.change_pct, ev.price, ev.metric, ev.args, ev.span_start, ev.span_end, ev.text, "
            "d.published_on, d.title, d.source FROM events ev JOIN documents d ON d.id = ev.doc "
            f"WHERE {' AND '.join(where)} ORDER BY d.published_on DESC NULLS LAST, ev.doc, ev.idx "
            "LIMIT ? OFFSET ?", [*params, int(limit), int(offset)])
        out = _dicts(res)
        for e in out:
            e["args"] = loads(e["args"], {})
        return out

    def stats(self) -> dict[str, Any]:
        """Counts per table and language, near-duplicates and extractor versions."""
        out: dict[str, Any] = {"engine": self.kind, "database": self.where,
                               "schema_version": self.schema_version()}
        for t in R.COLUMNS:
            if t != "lsh_bands":
                out[t] = self.query(f"SELECT COUNT(*) FROM {t}").rows[0][0]
        out["near_duplicates"] = self.query(
            "SELECT COUNT(*) FROM documents WHERE dup_of IS NOT NULL").rows[0][0]
        out["languages"] = dict(self.query("SELECT COALESCE(lang, '?'), COUNT(*) FROM documents "
                                           "GROUP BY 1 ORDER BY 2 DESC").rows)
        out["extractor_versions"] = dict(self.query(
            "SELECT extractor_version, COUNT(*) FROM documents GROUP BY 1 ORDER BY 2 DESC").rows)
        out["events_by_type"] = dict(self.query("SELECT type, COUNT(*) FROM events GROUP BY 1 "
                                                "ORDER BY 2 DESC").rows)
        return out
