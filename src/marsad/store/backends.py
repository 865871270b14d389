"""Database connections: DuckDB (a file) and PostgreSQL (a URL) behind one small API.

Queries are written once with ``?`` placeholders; the PostgreSQL backend turns
them into psycopg's ``%s``. Bulk inserts use each engine's fast path (Arrow scan
for DuckDB, ``COPY`` for PostgreSQL). Every driver error that reaches a user
becomes a one-line ``StoreError`` with a stable code (see ``map_error``).
"""
from __future__ import annotations

import contextlib
import errno
import os
import re
from pathlib import Path
from typing import Any, Iterator, Sequence

from marsad.errors import StoreError
from marsad.store import rows as R


def map_error(exc: BaseException, where: str) -> StoreError:
    """A driver or OS error → StoreError with an actionable message (M301-M305, M300)."""
    if isinstance(exc, StoreError):
        return exc
    msg = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
    low = msg.lower()
    if "could not set lock" in low or "conflicting lock" in low:
        pid = re.search(r"PID (\d+)", msg)
        who = f" (PID {pid[1]})" if pid else ""
        return StoreError(f"database {where} is in use by another process{who}: wait for it to finish, "
                          "or use another --db", code="M301")
    if isinstance(exc, PermissionError) or "permission denied" in low or "read-only file system" in low:
        return StoreError(f"permission denied on {where}: check the file and folder permissions, "
                          "or use another --db", code="M302")
    if (getattr(exc, "errno", None) == errno.ENOSPC or "no space left" in low or "disk full" in low
            or "could not extend file" in low):
        return StoreError(f"disk full while writing {where}: free some space and run the same command "
                          "again (everything committed so far is kept)", code="M304")
    if ("not a valid duckdb" in low or "corrupt" in low or "checksum" in low or "invalid" in low
            and "database file" in low or "serialization" in type(exc).__name__.lower()):
        return StoreError(f"database {where} is corrupt or not a DuckDB file: move it aside or restore "
                          f"a backup ({msg[:120]})", code="M303")
    if type(exc).__module__.startswith("psycopg") and type(exc).__name__ in ("OperationalError",
                                                                           "ConnectionTimeout"):
        return StoreError(f"cannot reach PostgreSQL at {where}: {msg[:200]}", code="M305")
    return StoreError(f"database error on {where}: {msg[:300]}", code="M300")


class Backend:
    """What the Store needs from an engine."""

    kind = ""
    where = ""

    @contextlib.contextmanager
    def streaming(self):
        """Settings for a long streaming pass (ingest, export, load); none by default."""
        yield

    def query(self, sql: str, params: Sequence[Any] = ()) -> tuple[list[str], list[tuple]]:
        raise NotImplementedError

    def execute(self, sql: str, params: Sequence[Any] = ()) -> None:
        self.query(sql, params)

    def script(self, sql: str) -> None:
        for stmt in split_sql(sql):
            self.execute(stmt)

    def insert(self, table: str, rows: list[tuple]) -> None:
        raise NotImplementedError

    def batches(self, sql: str, table: str, size: int = 20000, params: Sequence[Any] = ()) -> Iterator[Any]:
        """Arrow record batches of ``sql`` (a SELECT of ``table``'s columns, typed as in ``rows``;
        any other name: types as the engine gives them), with ``?`` placeholders for ``params``."""
        raise NotImplementedError

    def begin(self) -> None:
        self.execute("BEGIN TRANSACTION")

    def commit(self) -> None:
        self.execute("COMMIT")

    def rollback(self) -> None:
        try:
            self.execute("ROLLBACK")
        except Exception:  # noqa: BLE001 - nothing to roll back
            pass

    def close(self) -> None:
        raise NotImplementedError


def split_sql(text: str) -> list[str]:
    """Statements of a migration file (no semicolons inside literals there)."""
    body = "\n".join(line for line in text.splitlines() if not line.strip().startswith("--"))
    body = re.sub(r"--[^\n']*$", "", body, flags=re.M)
    return [s.strip() for s in body.split(";") if s.strip()]


MEMORY_SHARE = 0.25       # of the machine's (or the container's) memory, for DuckDB's buffer pool
MIN_MEMORY_MB = 256


def total_memory_bytes() -> int | None:
    """Physical memory, or the cgroup limit when it is lower (containers)."""
    total = None
    try:
        total = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES")
    except (ValueError, OSError, AttributeError):
        pass
    for path in ("/sys/fs/cgroup/memory.max", "/sys/fs/cgroup/memory/memory.limit_in_bytes"):
        try:
            raw = Path(path).read_text().strip()
        except OSError:
            continue
        if raw.isdigit() and int(raw) < (total or 1 << 62):
            total = int(raw)
    return total


STREAM_MEMORY = "512MB"   # ingest, export, load: appends and single scans, which a cache does not help


def duckdb_stream_memory_limit() -> str:
    """The limit for streaming passes: ``$MARSAD_DUCKDB_MEMORY`` if set, else the smaller of
    512 MB and the general limit. DuckDB keeps every block it has read or written cached up
    to its limit; a pass that touches each block once would otherwise grow with the store."""
    env = os.environ.get("MARSAD_DUCKDB_MEMORY", "").strip()
    if env:
        return env
    general = int(duckdb_memory_limit()[:-2])
    return f"{min(general, int(STREAM_MEMORY[:-2]))}MB"


def duckdb_memory_limit() -> str:
    """``$MARSAD_DUCKDB_MEMORY`` (e.g. ``2GB``), else a quarter of the memory (at least 256 MB).

    DuckDB spills sorts, joins and aggregates to disk beyond it, so the limit bounds the
    process, not what the store can hold.
    """
    env = os.environ.get("MARSAD_DUCKDB_MEMORY", "").strip()
    if env:
        return env
    total = total_memory_bytes()
    mb = int(total * MEMORY_SHARE / 2**20) if total else MIN_MEMORY_MB
    return f"{max(MIN_MEMORY_MB, mb)}MB"


class DuckDBBackend(Backend):
    kind = "duckdb"

    def __init__(self, path: str, read_only: bool = False, sandbox: bool = False):
        import duckdb

        p = Path(path).expanduser()
        self.where = str(p)
        self.path = p
        if read_only and not p.exists():
            raise StoreError(f"no database at {p}: run 'marsad ingest' first, or point --db / MARSAD_DB "
                             "at one", code="M309")
        config = {"memory_limit": duckdb_memory_limit(), "preserve_insertion_order": "false"}
        try:
            if not read_only:
                p.parent.mkdir(parents=True, exist_ok=True)
            self.conn = duckdb.connect(str(p), read_only=read_only, config=config)
            self.conn.execute("SET enable_progress_bar = false")  # DuckDB's own bar would land in our output
            if sandbox:  # the store file only: no read_text/read_csv/glob/ATTACH/COPY/extensions, then locked
                self.conn.execute("SET enable_external_access = false")
                self.conn.execute("SET lock_configuration = true")
        except Exception as e:  # noqa: BLE001 - mapped to one line
            raise map_error(e, self.where) from None
        self._duckdb = duckdb

    def query(self, sql, params=()):
        try:
            cur = self.conn.execute(sql, list(params) if params else None)
            if cur.description is None:
                return [], []
            return [d[0] for d in cur.description], cur.fetchall()
        except self._duckdb.Error as e:
            raise _user_or_store(e, self.where) from None

    def insert(self, table, rows):
        if not rows:
            return
        try:
            self.conn.from_arrow(R.to_arrow(table, rows)).insert_into(table)
        except self._duckdb.Error as e:
            raise map_error(e, self.where) from None

    @contextlib.contextmanager
    def streaming(self):
        """Run a streaming pass (ingest, export, load) under ``duckdb_stream_memory_limit``."""
        old = self.conn.execute("SELECT current_setting('memory_limit')").fetchone()[0]
        self.conn.execute(f"SET memory_limit = '{duckdb_stream_memory_limit()}'")
        try:
            yield
        finally:
            try:
                self.conn.execute(f"SET memory_limit = '{old}'")
            except self._duckdb.Error:
                pass

    def batches(self, sql, table, size=20000, params=()):
        try:
            rel = self.conn.sql(sql, params=list(params)) if params else self.conn.sql(sql)
            reader = rel.to_arrow_reader(size) if hasattr(rel, "to_arrow_reader") else rel.record_batch(size)
        except self._duckdb.Error as e:
            raise map_error(e, self.where) from None
        yield from reader

    def close(self):
        self.conn.close()


class PostgresBackend(Backend):
    kind = "postgres"

    def __init__(self, url: str, read_only: bool = False):
        import psycopg

        self._psycopg = psycopg
        self.where = re.sub(r"://([^:@/]+):[^@/]*@", r"://\1:***@", url)
        try:
            self.conn = psycopg.connect(url, autocommit=True, connect_timeout=10)
        except Exception as e:  # noqa: BLE001
            raise map_error(e, self.where) from None
        self.read_only = read_only

    @staticmethod
    def _ph(sql: str) -> str:
        return sql.replace("%", "%%").replace("?", "%s")

    def query(self, sql, params=()):
        try:
            with self.conn.cursor() as cur:
                cur.execute(self._ph(sql) if params else sql, list(params) if params else None)
                if cur.description is None:
                    return [], []
                return [d.name for d in cur.description], cur.fetchall()
        except self._psycopg.Error as e:
            raise _user_or_store(e, self.where) from None

    def insert(self, table, rows):
        if not rows:
            return
        cols = ", ".join(R.COLUMNS[table])
        try:
            with self.conn.cursor() as cur, cur.copy(f"COPY {table} ({cols}) FROM STDIN") as cp:
                for r in rows:
                    cp.write_row(r)
        except self._psycopg.Error as e:
            raise map_error(e, self.where) from None

    def batches(self, sql, table, size=20000, params=()):
        import pyarrow as pa

        schema = R.arrow_schema(table) if table in R.COLUMNS else None
        # a named (server-side) cursor: rows come in ``size`` at a time, not all at once
        with self.conn.transaction(), self.conn.cursor(name="marsad_batches") as cur:
            cur.itersize = size
            cur.execute(self._ph(sql) if params else sql, list(params) if params else None)
            names = [d.name for d in cur.description]
            while True:
                chunk = cur.fetchmany(size)
                if not chunk:
                    break
                cols = list(zip(*chunk))
                if schema is not None:
                    yield pa.record_batch([pa.array(list(c), type=schema.field(n).type)
                                           for c, n in zip(cols, names)], names=names)
                else:
                    yield pa.record_batch([pa.array(list(c)) for c in cols], names=names)

    def close(self):
        self.conn.close()


class QueryError(StoreError):
    """The SQL itself is wrong (a user's query): code M308."""

    code = "M308"


def _user_or_store(e: BaseException, where: str) -> StoreError:
    """Syntax/catalog errors are the query's fault (M308); the rest are the store's."""
    mapped = map_error(e, where)
    if mapped.code != "M300":
        return mapped
    name = type(e).__name__
    if name in ("ParserException", "CatalogException", "BinderException", "ConversionException",
                "InvalidInputException", "SyntaxError", "UndefinedTable", "UndefinedColumn",
                "UndefinedFunction", "DatatypeMismatch", "InvalidTextRepresentation",
                "ReadOnlySqlTransaction", "TransactionException", "NotImplementedException"):
        first = str(e).strip().splitlines()[0] if str(e).strip() else name
        return QueryError(f"query failed: {first[:300]}")
    return mapped
