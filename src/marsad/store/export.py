"""``marsad export``: the whole store as Parquet or CSV (one file per table) or JSON Lines.

Tables stream out in Arrow record batches, one Parquet row group per batch, in the
store's own order (no ORDER BY: a sort of a large table would have to be held or
spilled), so memory stays bounded by the batch size whatever the store's size.
Sort on read if you need an order (``documents`` by ``id``, fact tables by ``doc, idx``).
JSON Lines writes one object per document: its metadata, text and facts in the
contract shape (shared/eval/CONTRACT.md), ready for ``score.py`` or another tool.
"""
from __future__ import annotations

import json
import sys
from pathlib import Path

from marsad.errors import StoreError
from marsad.store import rows as R
from marsad.store.backends import map_error

FORMATS = ("parquet", "csv", "jsonl")


def export(store, out: str, format: str = "parquet", tables: list[str] | None = None) -> list[str]:
    if format not in FORMATS:
        raise StoreError(f"unknown export format {format!r}: use one of {', '.join(FORMATS)}", code="M310")
    tables = tables or [t for t in R.COLUMNS if t != "lsh_bands"]
    unknown = [t for t in tables if t not in R.COLUMNS]
    if unknown:
        raise StoreError(f"unknown table {unknown[0]!r}: choose from {', '.join(R.COLUMNS)}", code="M310")
    try:
        with store.backend.streaming():
            if format == "jsonl":
                return [_jsonl(store, out)]
            folder = Path(out)
            folder.mkdir(parents=True, exist_ok=True)
            return [_table(store, t, folder, format) for t in tables]
    except OSError as e:
        raise map_error(e, out) from None


def _table(store, table: str, folder: Path, format: str) -> str:
    import pyarrow.csv as pcsv
    import pyarrow.parquet as pq

    path = folder / f"{table}.{format}"
    cols = [c for c in R.COLUMNS[table] if c != "minhash"]
    sql = f"SELECT {', '.join(cols)} FROM {table}"
    schema = R.arrow_schema(table)
    import pyarrow as pa

    schema = pa.schema([schema.field(c) for c in cols])
    tmp = path.with_suffix(path.suffix + ".part")
    writer = (pq.ParquetWriter(tmp, schema) if format == "parquet" else pcsv.CSVWriter(tmp, schema))
    try:
        for batch in store.backend.batches(sql, table, size=_batch_rows(table)):
            writer.write_batch(batch.cast(schema) if batch.schema != schema else batch)
    finally:
        writer.close()
    tmp.replace(path)
    return str(path)


def _batch_rows(table: str) -> int:
    """Rows per batch (and Parquet row group): documents carry their text, so fewer of them."""
    return 5_000 if table == "documents" else 50_000


JSONL_BATCH = 500  # documents read at a time (with their text and facts)


def _jsonl(store, out: str) -> str:
    fh = sys.stdout if out == "-" else open(out, "w", encoding="utf-8")
    try:
        for doc in store.stream_documents(JSONL_BATCH):  # six queries a batch, none per document
            fh.write(json.dumps(doc, ensure_ascii=False) + "\n")
    finally:
        if fh is not sys.stdout:
            fh.close()
    return out
