"""An in-memory, keyed index of the LSH band buckets of a DuckDB store.

DuckDB keeps no secondary index that a ``bucket = ANY(...)`` look-up can use, so
finding the stored documents that share a bucket with a new batch scans the whole
``lsh_bands`` table: per batch, a cost that grows with the store. During an ingest,
the store keeps the (bucket, doc) pairs instead as two sorted numpy arrays: a batch
of look-ups is a binary search (``searchsorted``), whose cost stays flat as the
store grows. New rows go to a small buffer that is merged into the sorted arrays
when it reaches a fraction of them (amortised constant time per row).

Memory: 16 bytes per band row, 16 band rows per document: 256 bytes per stored
document (51 MB at 200k documents). A look-up of one batch's 3,200 buckets takes
O(3,200 × log rows): about 0.2 ms at 100k band rows and 3.5 ms at 16M (1M documents),
where the scan takes 4 ms and grows linearly (``benchmarks/near_dup_lookup.py``).
PostgreSQL has a B-tree on ``lsh_bands.bucket`` and does not need this.
"""
from __future__ import annotations

from typing import Iterable

import numpy as np

MERGE_SHARE = 8          # merge the buffer when it holds 1/8 of the sorted rows
MIN_MERGE = 65_536


class BandIndex:
    """bucket → documents, for every stored band row."""

    def __init__(self, buckets: np.ndarray | None = None, docs: np.ndarray | None = None):
        buckets = np.zeros(0, np.int64) if buckets is None else np.asarray(buckets, np.int64)
        docs = np.zeros(0, np.int64) if docs is None else np.asarray(docs, np.int64)
        order = np.argsort(buckets, kind="stable")
        self._keys = buckets[order]
        self._docs = docs[order]
        self._buffer: dict[int, list[int]] = {}
        self._buffered = 0

    @classmethod
    def load(cls, backend, page: int = 1_000_000) -> "BandIndex":
        """Read every band row of the store (streamed in Arrow batches)."""
        keys, docs = [], []
        for batch in backend.batches("SELECT bucket, doc FROM lsh_bands", "lsh_bands", size=page):
            keys.append(batch.column(0).to_numpy(zero_copy_only=False).astype(np.int64, copy=False))
            docs.append(batch.column(1).to_numpy(zero_copy_only=False).astype(np.int64, copy=False))
        if not keys:
            return cls()
        return cls(np.concatenate(keys), np.concatenate(docs))

    def __len__(self) -> int:
        return len(self._keys) + self._buffered

    def lookup(self, buckets: Iterable[int]) -> list[tuple[int, int]]:
        """(bucket, doc) for every stored row whose bucket is among ``buckets``."""
        probe = np.unique(np.fromiter(buckets, dtype=np.int64))  # sorted: neighbouring searches share cache lines
        out: list[tuple[int, int]] = []
        if probe.size and self._keys.size:
            lo = np.searchsorted(self._keys, probe, side="left")
            hi = np.searchsorted(self._keys, probe, side="right")
            for i in np.flatnonzero(hi > lo):
                b = int(probe[i])
                out.extend((b, int(d)) for d in self._docs[lo[i]:hi[i]])
        if self._buffer:
            for b in probe.tolist():
                out.extend((b, d) for d in self._buffer.get(b, ()))
        return out

    def add(self, rows: Iterable[tuple[int, int]]) -> None:
        """Record committed (bucket, doc) rows."""
        for bucket, doc in rows:
            self._buffer.setdefault(int(bucket), []).append(int(doc))
            self._buffered += 1
        if self._buffered >= max(MIN_MERGE, len(self._keys) // MERGE_SHARE):
            self._merge()

    def _merge(self) -> None:
        if not self._buffer:
            return
        keys = np.fromiter((b for b, ds in self._buffer.items() for _ in ds), np.int64, self._buffered)
        docs = np.fromiter((d for ds in self._buffer.values() for d in ds), np.int64, self._buffered)
        order = np.argsort(keys, kind="stable")
        keys, docs = keys[order], docs[order]
        at = np.searchsorted(self._keys, keys, side="right")
        self._keys = np.insert(self._keys, at, keys)
        self._docs = np.insert(self._docs, at, docs)
        self._buffer.clear()
        self._buffered = 0
