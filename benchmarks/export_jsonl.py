"""``marsad export --format jsonl`` on a large store: batched reads against one query set per document.

Times the export (documents read a batch at a time, ``Store.stream_documents``) over the whole
store, and the former way (``Store.document`` for each id: five queries per document, each a
scan of a fact table on DuckDB, which has no index on ``doc``) over the first ``--sample``
documents, and checks that both give the same objects there. Prints figures, asserts nothing
about time.

    python benchmarks/synthetic_archive.py --docs 20000 --out /tmp/a.jsonl
    marsad ingest /tmp/a.jsonl --db /tmp/a.duckdb
    python benchmarks/export_jsonl.py --db /tmp/a.duckdb [--sample 500] [--out /tmp/a.export.jsonl]
"""
from __future__ import annotations

import argparse
import json
import os
import resource
import sys
import tempfile
import time

from marsad.store import open_store


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--db", required=True)
    ap.add_argument("--sample", type=int, default=500, help="documents read one by one, the former way")
    ap.add_argument("--out", help="export file (default: a temporary file, deleted)")
    a = ap.parse_args()
    out = a.out or tempfile.mkstemp(suffix=".jsonl")[1]
    try:
        with open_store(a.db, read_only=True) as store:
            n = store.query("SELECT COUNT(*) FROM documents").rows[0][0]
            facts = {t: store.query(f"SELECT COUNT(*) FROM {t}").rows[0][0]
                     for t in ("quantities", "entities", "mentions", "events")}
            print(f"store: {n:,} documents; " + ", ".join(f"{t} {c:,}" for t, c in facts.items()))
            c0, w0 = time.process_time(), time.perf_counter()
            store.export(out, "jsonl")
            cpu, wall = time.process_time() - c0, time.perf_counter() - w0
            size = os.path.getsize(out)
            print(f"  batched export: {n:,} documents in {wall:.1f} s wall, {cpu:.1f} s CPU "
                  f"({n / wall:,.0f} docs/s), {size / 1e6:.1f} MB, peak RSS "
                  f"{resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB")
            ids = [r[0] for r in store.query("SELECT id FROM documents ORDER BY id LIMIT ?", [a.sample]).rows]
            c0, w0 = time.process_time(), time.perf_counter()
            one_by_one = [store.document(i) for i in ids]
            cpu1, wall1 = time.process_time() - c0, time.perf_counter() - w0
            per_doc = wall1 / max(1, len(ids))
            print(f"  one document at a time (former export): {len(ids):,} documents in {wall1:.1f} s wall, "
                  f"{cpu1:.1f} s CPU ({1 / per_doc:,.1f} docs/s); the whole store at that rate: "
                  f"{per_doc * n / 60:,.1f} min")
            with open(out, encoding="utf-8") as fh:
                head = [json.loads(next(fh)) for _ in ids]
            same = head == one_by_one
            print(f"  the first {len(ids):,} exported objects equal the per-document ones: {same}")
            return 0 if same else 1
    finally:
        if not a.out:
            os.unlink(out)


if __name__ == "__main__":
    sys.exit(main())
