"""``marsad export``: the whole store as Parquet or CSV (one file per table) or JSON Lines;
the analyst's views as an Excel workbook (one sheet per view) or as CSV (one file per view).

Tables stream out in Arrow record batches, one Parquet row group per batch, in the
store's own order (no ORDER BY: a sort of a large table would have to be held or
spilled), so memory stays bounded by the batch size whatever the store's size.
Sort on read if you need an order (``documents`` by ``id``, fact tables by ``doc, idx``).
JSON Lines writes one object per document: its metadata, text and facts in the
contract shape (shared/eval/CONTRACT.md), ready for ``score.py`` or another tool.

Views (``views=[...]``; XLSX always writes views, every view by default): see
``store/sheets.py`` for the rows and ``store/xlsx.py`` for the workbook. ``excel=True``
writes CSV in Excel's dialect: a UTF-8 byte-order mark, CRLF line ends, quoting as needed,
so Excel opens Arabic text as Arabic.
"""
from __future__ import annotations

import json
import sys
from pathlib import Path

from marsad.errors import StoreError
from marsad.store import rows as R
from marsad.store.backends import map_error

FORMATS = ("parquet", "csv", "jsonl", "xlsx")


def export(store, out: str, format: str = "parquet", tables: list[str] | None = None,
           views: list[str] | None = None, filters=None, lang: str = "en", excel: bool = False,
           notes: list[str] | None = None) -> list[str]:
    """Write the store (or its views) to ``out``; returns the paths written. Messages for the
    user (a view continued on another sheet) are appended to ``notes``."""
    if format not in FORMATS:
        raise StoreError(f"unknown export format {format!r}: use one of {', '.join(FORMATS)}", code="M310")
    if excel and format != "csv":
        raise StoreError("the Excel dialect is a CSV option: use --format csv --excel, or --format xlsx",
                         code="M310")
    if format == "xlsx" or views:
        return _views(store, out, format, tables, views, filters, lang, excel, notes)
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
            return [_table(store, t, folder, format, excel) for t in tables]
    except OSError as e:
        raise map_error(e, out) from None


def _views(store, out, format, tables, views, filters, lang, excel, notes) -> list[str]:
    from marsad.store import sheets as S

    if tables:
        raise StoreError("--table exports tables and --view views: give one of them (XLSX writes views)",
                         code="M310")
    if format not in ("csv", "xlsx"):
        raise StoreError(f"views are written as xlsx or csv, not {format}", code="M310")
    views = S.check_views(views)
    lang = S.check_lang(lang)
    if out == "-":
        raise StoreError(f"{format} views go to a {'file' if format == 'xlsx' else 'folder'}, not stdout: "
                         "give --out", code="M310")
    if format == "xlsx":
        from marsad.store.xlsx import write_workbook

        if not out.lower().endswith(".xlsx"):
            raise StoreError(f"--out {out!r}: an XLSX workbook is a file named *.xlsx", code="M310")
        found = write_workbook(store, out, views, filters, lang)
        if notes is not None:
            notes.extend(found)
        return [out]
    try:
        folder = Path(out)
        folder.mkdir(parents=True, exist_ok=True)
        paths = []
        with store.backend.streaming():
            for v in views:
                path = folder / f"{v}.csv"
                tmp = path.with_suffix(".csv.part")
                S.write_csv(store, v, str(tmp), filters, lang, excel)
                tmp.replace(path)
                paths.append(str(path))
        return paths
    except OSError as e:
        raise map_error(e, out) from None


def _table(store, table: str, folder: Path, format: str, excel: bool = False) -> str:
    import pyarrow.csv as pcsv
    import pyarrow.parquet as pq

    path = folder / f"{table}.{format}"
    cols = [c for c in R.COLUMNS[table] if c != "minhash"]
    sql = f"SELECT {', '.join(cols)} FROM {table}"
    schema = R.arrow_schema(table)
    import pyarrow as pa

    schema = pa.schema([schema.field(c) for c in cols])
    tmp = path.with_suffix(path.suffix + ".part")
    fh = None
    if format == "parquet":
        writer = pq.ParquetWriter(tmp, schema)
    elif excel:  # Excel's dialect: a byte-order mark, CRLF
        fh = open(tmp, "wb")
        fh.write(b"\xef\xbb\xbf")
        writer = pcsv.CSVWriter(fh, schema, write_options=pcsv.WriteOptions(eol="\r\n"))
    else:
        writer = pcsv.CSVWriter(tmp, schema)
    try:
        for batch in store.backend.batches(sql, table, size=_batch_rows(table)):
            writer.write_batch(batch.cast(schema) if batch.schema != schema else batch)
    finally:
        writer.close()
        if fh is not None:
            fh.close()
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
