"""The Store: schema migrations, transactional writes with near-duplicate marking, reads."""
from __future__ import annotations

import datetime as dt
import json
import re
from importlib import resources
from typing import Any, Iterable, NamedTuple

from marsad.errors import StoreError
from marsad.store import rows as R
from marsad.store.backends import Backend, QueryError

# (version, file stem): applied in order; a ``<stem>.<kind>.sql`` file adds engine-specific parts.
MIGRATIONS = [(1, "m001_init"), (2, "m002_feeds")]
LATEST = MIGRATIONS[-1][0]


class QueryResult(NamedTuple):
    columns: list[str]
    rows: list[tuple]

    def dicts(self) -> list[dict[str, Any]]:
        return [dict(zip(self.columns, r)) for r in self.rows]


class WriteResult(NamedTuple):
    inserted: list[int]       # ids of new documents
    replaced: list[int]       # ids re-extracted (facts replaced)
    duplicates: list[int]     # already stored with the same text
    near_duplicates: list[int]  # inserted and marked dup_of an earlier document
    failed: list[tuple[str, str]]  # (doc_id, reason)


class BaseStore:
    """Connection, schema and writes; the read views are mixed in by ``Store``."""

    def __init__(self, backend: Backend, read_only: bool = False):
        self.backend = backend
        self.read_only = read_only
        self._bands = None       # BandIndex, when keyed near-duplicate look-ups are on (DuckDB)
        self.kind = backend.kind
        self.where = backend.where
        if read_only:
            self._check_schema()
        else:
            self.migrate()

    # -- lifecycle -----------------------------------------------------------------------
    def close(self) -> None:
        self.backend.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def schema_version(self) -> int:
        try:
            _, rows = self.backend.query("SELECT MAX(version) FROM marsad_schema")
        except StoreError:
            return 0
        return int(rows[0][0] or 0)

    def _check_schema(self) -> None:
        v = self.schema_version()
        if v > LATEST:
            raise StoreError(f"database {self.where} has schema version {v}, newer than this marsad "
                             f"({LATEST}): upgrade marsad", code="M307")
        if v < LATEST:
            raise StoreError(f"database {self.where} has schema version {v}, older than {LATEST}: run "
                             "'marsad ingest' (any write) once to upgrade it", code="M307")

    def migrate(self) -> None:
        """Create or upgrade the schema; each migration is one transaction."""
        b = self.backend
        b.execute("CREATE TABLE IF NOT EXISTS marsad_schema (version INTEGER PRIMARY KEY, "
                  "applied_at TIMESTAMP)")
        current = self.schema_version()
        if current > LATEST:
            self._check_schema()
        for version, stem in MIGRATIONS:
            if version <= current:
                continue
            pkg = resources.files("marsad.store")
            parts = [pkg.joinpath(f"{stem}.sql").read_text("utf-8")]
            extra = pkg.joinpath(f"{stem}.{b.kind}.sql")
            if extra.is_file():
                parts.append(extra.read_text("utf-8"))
            b.begin()
            try:
                if b.kind == "postgres":  # teams: two first runs must not race
                    b.execute("SELECT pg_advisory_xact_lock(727274)")
                    if self.schema_version() >= version:
                        b.rollback()
                        continue
                for part in parts:
                    b.script(part)
                b.execute("INSERT INTO marsad_schema VALUES (?, ?)", (version, dt.datetime.now()))
                b.commit()
            except BaseException:
                b.rollback()
                raise

    # -- writes --------------------------------------------------------------------------
    def use_band_index(self, on: bool = True) -> None:
        """Keyed near-duplicate look-ups for a long run of writes (``marsad ingest``).

        On DuckDB, the band rows are loaded once into a sorted in-memory index
        (``store/bands.py``), so each batch's look-up costs the same whatever the store's
        size, instead of scanning ``lsh_bands``. PostgreSQL uses its B-tree index instead.
        """
        if not on or self.kind != "duckdb":
            self._bands = None
        elif self._bands is None:
            from marsad.store.bands import BandIndex

            self._bands = BandIndex.load(self.backend)

    def _bucket_docs(self, buckets: list[int]) -> list[tuple[int, int]]:
        if self._bands is not None:
            return self._bands.lookup(buckets)
        _, hits = self.backend.query("SELECT bucket, doc FROM lsh_bands WHERE bucket = ANY(?)", (buckets,))
        return hits

    def existing(self, ids: Iterable[int]) -> dict[int, tuple[str, str]]:
        """{id: (content_hash, extractor_version)} for the stored documents among ``ids``."""
        ids = list(ids)
        if not ids:
            return {}
        _, rows = self.backend.query(
            "SELECT id, content_hash, extractor_version FROM documents WHERE id = ANY(?)", (ids,))
        return {r[0]: (r[1], r[2]) for r in rows}

    def has_document(self, content_hash: str) -> bool:
        """True if a document with this sha256 (hex) of its text is stored."""
        _, rows = self.backend.query("SELECT 1 FROM documents WHERE content_hash = ?", (content_hash,))
        return bool(rows)

    def add_facts(self, document, facts) -> int:
        """Store one document and its facts (idempotent); returns the document's id."""
        from marsad import dedupe

        sig = dedupe.signature(facts.text)
        item = R.build_rows(document, facts, minhash=dedupe.to_bytes(sig), bands=dedupe.bands(sig))
        self.write_batch([item])
        return item["documents"][0][0]

    def write_batch(self, items: list[dict[str, list[tuple]]], replace: bool | set[int] = False,
                    threshold: float | None = None) -> WriteResult:
        """Write documents and all their facts in ONE transaction (all or nothing).

        Documents already stored are skipped; those in ``replace`` (a set of ids, or True
        for all) get their facts replaced (re-extraction).
        New documents are compared with stored ones by MinHash and marked ``dup_of``.
        """
        try:
            return self._write_batch(items, replace, threshold)
        except StoreError as e:
            if "duplicate key" not in str(e).lower():
                raise
            return self._write_batch(items, replace, threshold)  # a concurrent writer won a race

    def _write_batch(self, items, replace, threshold) -> WriteResult:
        from marsad import dedupe

        b = self.backend
        res = WriteResult([], [], [], [], [])
        b.begin()
        try:
            ids = [it["documents"][0][0] for it in items]
            stored = self.existing(ids)
            keep, seen = [], set()
            for it in items:
                d = it["documents"][0]
                key, chash = d[0], d[1]
                if key in stored and stored[key][0] != chash or key in seen:
                    if key in seen:
                        res.duplicates.append(key)
                    else:
                        res.failed.append((d[2], "id collision with a different stored text"))
                    continue
                seen.add(key)
                if key in stored:
                    if not (replace is True or (replace and key in replace)):
                        res.duplicates.append(key)
                        continue
                    res.replaced.append(key)
                else:
                    res.inserted.append(key)
                keep.append(it)
            if res.replaced:
                for t in R.FACT_TABLES + ["lsh_bands", "documents"]:
                    col = "id" if t == "documents" else "doc"
                    b.execute(f"DELETE FROM {t} WHERE {col} = ANY(?)", (res.replaced,))
            self._mark_near_duplicates(keep, threshold or dedupe.THRESHOLD, res)
            for table in R.COLUMNS:
                b.insert(table, [r for it in keep for r in it[table]])
            b.commit()
        except BaseException:
            b.rollback()
            raise
        if self._bands is not None:  # only what is committed
            self._bands.add((r[0], r[1]) for it in keep if it["documents"][0][0] not in res.replaced
                            for r in it["lsh_bands"])
        return res

    def _mark_near_duplicates(self, items, threshold: float, res: WriteResult) -> None:
        from marsad import dedupe

        buckets = sorted({r[0] for it in items for r in it["lsh_bands"]})
        if not buckets:
            return
        mine = {it["documents"][0][0] for it in items}
        hits = self._bucket_docs(buckets)
        by_bucket: dict[int, set[int]] = {}
        for bucket, doc in hits:
            if doc not in mine:
                by_bucket.setdefault(bucket, set()).add(doc)
        cand_ids = sorted({d for s in by_bucket.values() for d in s})
        sigs: dict[int, tuple[bytes, int | None]] = {}
        if cand_ids:
            _, rows = self.backend.query("SELECT id, minhash, dup_of FROM documents WHERE id = ANY(?)",
                                         (cand_ids,))
            sigs = {r[0]: (bytes(r[1]) if r[1] is not None else b"", r[2]) for r in rows}
        for it in items:  # in order: earlier documents of the batch count as stored
            doc = it["documents"][0]
            key, sig = doc[0], doc[17]
            if sig is None:
                continue
            best, score = None, 0.0
            for c in sorted({c for r in it["lsh_bands"] for c in by_bucket.get(r[0], ())}):
                if c == key or c not in sigs or not sigs[c][0]:
                    continue
                s = dedupe.similarity(sig, sigs[c][0])
                if s > score:
                    best, score = c, s
            if best is not None and score >= threshold:
                root = sigs[best][1] or best
                it["documents"][0] = doc[:15] + (root, round(score, 4)) + doc[17:]
                res.near_duplicates.append(key)
                sigs[key] = (sig, root)
            else:
                sigs[key] = (sig, None)
            for r in it["lsh_bands"]:
                by_bucket.setdefault(r[0], set()).add(key)

    # -- read-only SQL -------------------------------------------------------------------
    def sql(self, query: str, params: Iterable[Any] = (), limit: int | None = None) -> QueryResult:
        """Run one read-only SELECT (or WITH/EXPLAIN/SHOW/DESCRIBE); writes are refused (M306).

        It reads the store only: see the package docstring (``sandbox=True`` on DuckDB, a role
        without file access on PostgreSQL)."""
        q = _check_read_only(query, self.kind)
        wrap = limit and q.split(None, 1)[0].lower() in _WRAPPABLE
        if wrap:
            q = f"SELECT * FROM ({q}) AS q LIMIT {int(limit)}"
        b = self.backend
        b.execute("BEGIN TRANSACTION READ ONLY" if b.kind == "duckdb" else "BEGIN READ ONLY")
        try:
            if b.kind == "postgres":
                role = self._pg_reader_role()
                if role:
                    b.execute(f"SET LOCAL ROLE {role}")
            cols, rows = b.query(q, tuple(params))
        except StoreError as e:
            if e.code == "M302" or "permission error" in str(e).lower():
                raise StoreError("'marsad sql' reads the store only, not files or server settings "
                                 f"({str(e.args[0])[-160:]})", code="M306") from None
            raise
        finally:
            b.rollback()
        if limit and not wrap:
            rows = rows[:int(limit)]
        return QueryResult(cols, rows)

    def _pg_reader_role(self) -> str | None:
        """None if the connecting role cannot read server files; else ``marsad_reader`` (created
        with SELECT on the store's tables), which ``sql`` switches to. M306 if neither is possible."""
        cached = getattr(self, "_reader_role", False)
        if cached is not False:
            return cached
        b = self.backend
        _, rows = b.query(
            "SELECT r.rolsuper OR pg_has_role('pg_read_server_files', 'MEMBER') OR "
            "pg_has_role('pg_execute_server_program', 'MEMBER') OR "
            "has_function_privilege('pg_catalog.pg_read_file(text)', 'EXECUTE') OR "
            "has_function_privilege('pg_catalog.pg_ls_dir(text)', 'EXECUTE') OR "
            "has_function_privilege('pg_catalog.lo_import(text)', 'EXECUTE'), current_schema() "
            "FROM pg_roles r WHERE r.rolname = current_user")
        privileged, schema = rows[0] if rows else (True, "public")
        role = None
        if privileged:
            role = READER_ROLE
            b.rollback()  # leave sql()'s READ ONLY transaction: granting is a write
            try:
                b.execute(f"DO $$ BEGIN CREATE ROLE {role} NOLOGIN NOINHERIT; "
                          "EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL; END $$")
                b.execute(f'GRANT USAGE ON SCHEMA "{schema}" TO {role}')
                b.execute(f'GRANT SELECT ON ALL TABLES IN SCHEMA "{schema}" TO {role}')
            except StoreError as e:
                raise StoreError(f"this PostgreSQL role can read server files, and no role without "
                                 f"that right could be set up ({e.args[0][:120]}): connect 'marsad sql' "
                                 "with a role that has SELECT on the store only (docs/store.md)",
                                 code="M306") from None
            finally:
                b.execute("BEGIN READ ONLY")
        self._reader_role = role
        return role

    def query(self, sql: str, params: Iterable[Any] = ()) -> QueryResult:
        """Internal read helper for the views (trusted SQL with ``?`` placeholders)."""
        cols, rows = self.backend.query(sql, tuple(params))
        return QueryResult(cols, rows)


READER_ROLE = "marsad_reader"
_WRAPPABLE = ("select", "with", "values", "table", "from")
_READ_KEYWORDS = ("select", "with", "explain", "show", "describe", "values", "table", "summarize",
                  "from", "pivot", "unpivot")
# PostgreSQL functions that read or list server files, run other SQL from a string, or change
# the session's role or settings: refused by name (the reader role is the real guard).
_PG_REFUSED = re.compile(
    r"\b(pg_read_file|pg_read_binary_file|pg_ls_\w+|pg_stat_file|pg_current_logfile|pg_logdir_ls|"
    r"pg_file_\w+|lo_\w+|dblink\w*|set_config|query_to_xml\w*|query_to_xmlschema|cursor_to_xml\w*|"
    r"table_to_xml\w*|schema_to_xml\w*|database_to_xml\w*|pg_reload_conf|pg_terminate_backend|"
    r"pg_cancel_backend|pg_promote|pg_rotate_logfile|pg_switch_wal)\b")


def _check_read_only(query: str, kind: str) -> str:
    q = query.strip().rstrip(";").strip()
    if not q:
        raise QueryError("empty query")
    first = q.split(None, 1)[0].lower()
    if kind == "duckdb":
        import duckdb

        try:
            stmts = duckdb.extract_statements(q)
        except duckdb.Error as e:
            raise QueryError(f"query failed: {str(e).splitlines()[0]}") from None
        if len(stmts) != 1:
            raise StoreError("one statement at a time, please", code="M306")
        ok = stmts[0].type.name in ("SELECT", "EXPLAIN") and first in _READ_KEYWORDS
    else:
        if ";" in q:
            raise StoreError("one statement at a time, please", code="M306")
        ok = first in _READ_KEYWORDS
        bare = q.lower().replace('"', "")
        m = _PG_REFUSED.search(bare)
        if m or re.search(r"\bu&'|\bu&", bare):
            what = m.group(1) if m else "U& escapes"
            raise StoreError(f"'marsad sql' reads the store only: {what} is not allowed", code="M306")
    if not ok:
        raise StoreError(f"'marsad sql' is read-only: '{first.upper()}' is not allowed "
                         "(use SELECT ...)", code="M306")
    return q


def loads(v: str | None, default: Any = None) -> Any:
    if not v:
        return default
    try:
        return json.loads(v)
    except ValueError:
        return default
