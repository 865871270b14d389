"""Near-duplicate look-up cost as the store grows: SQL scan of ``lsh_bands`` vs the keyed index.

Fills a DuckDB store's ``lsh_bands`` with synthetic band rows (random 63-bit buckets, 16
per document) up to each size, then times the look-up one ingest batch needs (200
documents × 16 bands = 3,200 buckets, 100 of them present): (1) the SQL query
``bucket = ANY(?)`` that scans the table, (2) the in-memory ``BandIndex`` that
``marsad ingest`` uses (binary search; its load time and size are printed too).
CPU time of this process, best of ``--repeat``; numbers only, nothing is asserted.

    python benchmarks/near_dup_lookup.py --sizes 100000 1000000 4000000
"""
from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time

import numpy as np
import pyarrow as pa

from marsad.store import open_store
from marsad.store.bands import BandIndex


def best(fn, repeat: int) -> float:
    out = float("inf")
    for _ in range(repeat):
        t = time.process_time()
        fn()
        out = min(out, time.process_time() - t)
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", type=int, nargs="+", default=[100_000, 1_000_000, 4_000_000])
    ap.add_argument("--repeat", type=int, default=5)
    a = ap.parse_args()
    rng = np.random.default_rng(1)
    tmp = tempfile.TemporaryDirectory(prefix="marsad-lsh-")
    db = os.path.join(tmp.name, "lsh.duckdb")
    print(f"{'band rows':>10} {'SQL scan ms/batch':>18} {'index ms/batch':>15} {'index load s':>13} "
          f"{'index MB':>9}  (DuckDB, 3,200 buckets per batch, CPU time)")
    with open_store(db) as store:
        rows = 0
        for size in sorted(a.sizes):
            while rows < size:
                n = min(500_000, size - rows)
                buckets = rng.integers(0, 2**62, n, dtype=np.int64)
                docs = rng.integers(0, 2**52, n, dtype=np.int64)
                store.backend.conn.from_arrow(pa.table({"bucket": buckets, "doc": docs})).insert_into("lsh_bands")
                rows += n
            present = store.backend.conn.execute(
                "SELECT bucket FROM lsh_bands USING SAMPLE 100 ROWS").fetchnumpy()["bucket"].tolist()
            probe = present + rng.integers(0, 2**62, 3100, dtype=np.int64).tolist()
            store.use_band_index(False)
            sql = best(lambda: store._bucket_docs(probe), a.repeat)
            t = time.process_time()
            index = BandIndex.load(store.backend)
            load = time.process_time() - t
            keyed = best(lambda: index.lookup(probe), a.repeat)
            assert sorted(index.lookup(probe)) == sorted(store._bucket_docs(probe))
            mb = (index._keys.nbytes + index._docs.nbytes) / 1e6
            print(f"{rows:>10,} {1000 * sql:>18.2f} {1000 * keyed:>15.3f} {load:>13.2f} {mb:>9.1f}", flush=True)
    tmp.cleanup()
    return 0


if __name__ == "__main__":
    sys.exit(main())
