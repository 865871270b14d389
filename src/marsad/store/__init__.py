"""The Marsad store: every document and fact with its source, in DuckDB or PostgreSQL.

Open one::

    from marsad.store import open_store
    with open_store() as store:                       # $MARSAD_DB or the default DuckDB file
        ...
    open_store("archive.duckdb")                       # a DuckDB file (created if missing)
    open_store("postgresql://user@host/db")            # PostgreSQL (psycopg 3)
    open_store(path, read_only=True)                   # readers: no lock held for writing (DuckDB)
    open_store(path, sandbox=True)                     # untrusted SQL: the store only, no files

Default location: ``$MARSAD_DB`` if set, else ``$XDG_DATA_HOME/marsad/marsad.duckdb``
(``~/.local/share/marsad/marsad.duckdb``). The schema is created or upgraded on a
read-write open (migrations ``m00N_*.sql`` in this package, recorded in
``marsad_schema``).

Store API (all reads return JSON-ready dicts/lists; dates are ISO strings;
document ids are integers below 2**53, safe in JSON):

Writing
    ``add_facts(document, facts) -> int``  store one ``Document`` and its ``Facts`` in one
        transaction (idempotent: same text → same id, nothing added twice); near-duplicates
        are marked (``dup_of``), never dropped.
    ``write_batch(items, replace=False)``  the bulk path used by ``marsad ingest``
        (items from ``marsad.store.rows.build_rows``).
    ``has_document(content_hash) -> bool``  by sha256 (hex) of the text.

Documents and facts
    ``documents(limit=50, offset=0, lang=None, q=None) -> [dict]``  metadata, no text.
    ``document(ref) -> dict | None``  by id, sha256 or source doc_id: metadata, ``text`` and
        ``facts`` (the Facts.to_dict contract shape: quantities, entities, events, extractors).
    ``entity(name_or_id) -> dict | None``  type, kb_id, ticker, country, aliases, counts.
    ``resolve(name) -> str``  canonical name for a name, kb id or alias as written.
    ``events(type=None, subject=None, since=None, limit=100, offset=0) -> [dict]``
    ``stats() -> dict``  rows per table, languages, near-duplicates, extractor versions.

Analyst views
    ``investments(company=None, country=None, year=None, by_company=False, limit=50)``
        leaderboard in USD; one row per figure with reports, sources, titles, docs.
    ``moves(company=None, year=None, min_change=0, include_duplicates=False, limit=50)``
    ``companies(limit=100, q=None)``;  ``company(name) -> dict | None`` (aliases, ticker,
        investments, moves, products, supply_deals, acquisitions);
        ``timeline(name, include_duplicates=False, limit=200)``.

SQL and export
    ``sql(query, params=(), limit=None) -> QueryResult(columns, rows)``  one read-only
        statement (SELECT/WITH/EXPLAIN/...), run in a READ ONLY transaction; anything else is
        refused with M306. It reads the store only: on DuckDB open the store with
        ``sandbox=True`` (``marsad sql`` does), so file functions (``read_text``,
        ``read_csv``, ``glob``, ``ATTACH``) are refused (M306); on PostgreSQL the statement
        runs as the role ``marsad_reader`` (SELECT on the store's tables, no file access)
        whenever the connecting role could read server files, and the file and settings
        functions (``pg_read_file``, ``pg_ls_dir``, ``lo_import``, ``set_config``, ...) are
        refused by name (M306).
    ``export(out, format="parquet"|"csv"|"jsonl", tables=None) -> [paths]``
    ``close()``; a Store is also a context manager.

Errors are ``marsad.errors.StoreError`` with stable codes: M301 database locked by
another process, M302 permission denied, M303 corrupt file, M304 disk full, M305
PostgreSQL unreachable, M306 write refused by ``sql``, M307 schema version mismatch,
M308 bad query, M309 no database yet, M310 bad export option, M300 other.
"""
from __future__ import annotations

import os
from pathlib import Path

from marsad.store.analyst import Store
from marsad.store.base import QueryResult, WriteResult

__all__ = ["open_store", "default_db", "Store", "QueryResult", "WriteResult"]


def default_db() -> str:
    """``$MARSAD_DB``, else ``$XDG_DATA_HOME/marsad/marsad.duckdb`` (~/.local/share/...)."""
    env = os.environ.get("MARSAD_DB")
    if env:
        return env
    base = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return str(Path(base) / "marsad" / "marsad.duckdb")


def is_postgres(url: str) -> bool:
    return url.startswith(("postgresql://", "postgres://"))


def open_store(url_or_path: str | os.PathLike | None = None, read_only: bool = False,
               sandbox: bool = False) -> Store:
    """Open (and create or migrate, unless ``read_only``) the store at a path or URL.

    ``sandbox=True`` (implies ``read_only``) is for untrusted SQL: on DuckDB the connection
    cannot touch anything but the store file (``enable_external_access=false``, configuration
    locked)."""
    from marsad.store.backends import DuckDBBackend, PostgresBackend

    read_only = read_only or sandbox
    target = str(url_or_path) if url_or_path else default_db()
    if is_postgres(target):
        backend = PostgresBackend(target, read_only=read_only)
    else:
        backend = DuckDBBackend(target, read_only=read_only, sandbox=sandbox)
    try:
        return Store(backend, read_only=read_only)
    except BaseException:
        backend.close()
        raise
