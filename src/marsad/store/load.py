"""``marsad load PARQUET_DIR``: load the output of ``marsad ingest --engine spark`` into a store.

The dataset holds one Parquet folder per table (``documents/``, ``quantities/``, …,
``lsh_bands/``, partitioned by ``lang``), with the store's columns. Documents already
in the store (same id, i.e. the same text) are skipped with their facts; the rest go in
with every fact and band row, and with the near-duplicate marks Spark computed, in ONE
transaction: an interrupted load leaves the store as it was, and running it again is safe.
Tables are read in Arrow batches, so memory stays bounded by the batch size (plus 8 bytes
per loaded document id).
"""
from __future__ import annotations

from pathlib import Path

from marsad.errors import StoreError
from marsad.store import rows as R

BATCH_ROWS = 20_000


def load_parquet(store, folder: str, batch_rows: int = BATCH_ROWS) -> dict[str, int]:
    """Load a Spark output folder into ``store``; rows added per table (and documents skipped)."""
    import pyarrow.dataset as ds

    root = Path(folder)
    if not (root / "documents").is_dir():
        raise StoreError(f"{folder}: no documents/ folder here; give the OUTPUT folder of "
                         "'marsad ingest --engine spark INPUT OUTPUT'", code="M312")

    def scan(table: str):
        path = root / table
        if not path.is_dir() or not any(path.rglob("*.parquet")):
            return
        data = ds.dataset(path, format="parquet", partitioning="hive")
        cols = [c for c in R.COLUMNS[table] if c in data.schema.names]
        missing = [c for c in R.COLUMNS[table] if c not in cols]
        if missing:
            raise StoreError(f"{path}: columns {', '.join(missing)} are missing; is this Marsad's Spark "
                             "output?", code="M312")
        yield from data.to_batches(columns=cols, batch_size=batch_rows)

    counts = {t: 0 for t in R.COLUMNS}
    counts["skipped"] = 0
    new_ids: set[int] = set()
    b = store.backend
    with b.streaming():
        return _load(store, b, scan, counts, new_ids)


def _load(store, b, scan, counts, new_ids):
    import pyarrow as pa
    import pyarrow.compute as pc

    b.begin()
    try:
        for batch in scan("documents"):
            ids = batch.column("id").to_pylist()
            stored = store.existing(ids)
            keep = [i for i, d in enumerate(ids) if d not in stored and d not in new_ids]
            counts["skipped"] += len(ids) - len(keep)
            if not keep:
                continue
            rows = batch.take(pa.array(keep, pa.int64())).to_pylist()
            b.insert("documents", [tuple(r[c] for c in R.COLUMNS["documents"]) for r in rows])
            new_ids.update(r["id"] for r in rows)
            counts["documents"] += len(rows)
        wanted = pa.array(sorted(new_ids), pa.int64())
        for table in R.FACT_TABLES + ["lsh_bands"]:
            for batch in scan(table):
                part = batch.filter(pc.is_in(batch.column("doc"), value_set=wanted))
                if part.num_rows:
                    cols = R.COLUMNS[table]
                    b.insert(table, list(zip(*(part.column(c).to_pylist() for c in cols))))
                    counts[table] += part.num_rows
        b.commit()
    except BaseException:
        b.rollback()
        raise
    return counts
