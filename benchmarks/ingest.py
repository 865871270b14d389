"""Ingest throughput: the real corpora of ../shared/corpus into DuckDB, end to end.

Reads ar-news.jsonl and en-news.jsonl (13,325 articles) ``--copies`` times; every
copy after the first gets distinct ids and a one-line suffix on the text, so each
copy is new to the store (content-hash identity) and a near-duplicate of the first
(exercising the MinHash look-ups at scale). Prints documents/s, MB/s and the peak
memory of the parent and of the workers at 25/50/75/100 % of the run: flat figures
mean memory does not grow with the corpus. Numbers only; nothing is asserted.

    python benchmarks/ingest.py                     # 2 copies, 2 workers, a temporary DuckDB
    python benchmarks/ingest.py --workers 2 --db /tmp/bench.duckdb --limit 2000
"""
from __future__ import annotations

import argparse
import json
import os
import resource
import sys
import tempfile
import time
from pathlib import Path
from typing import Iterator

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpus"


def documents(files: list[Path], copies: int, limit: int | None) -> Iterator:
    from marsad.read import record_to_document

    n = 0
    for copy in range(copies):
        for f in files:
            with open(f, encoding="utf-8") as fh:
                for line_no, line in enumerate(fh, 1):
                    if limit and n >= limit:
                        return
                    rec = json.loads(line)
                    if copy:
                        rec["id"] = f"{rec['id']}#copy{copy}"
                        rec["text"] = rec["text"] + f"\n(copy {copy})"
                    doc = record_to_document(rec, f"{f.stem}-{line_no}", str(f))
                    n += 1
                    yield doc


def rss_mb(pid: int | str = "self") -> float:
    try:
        for line in open(f"/proc/{pid}/status"):
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


def children_rss_mb() -> list[float]:
    me = os.getpid()
    out = []
    for p in os.listdir("/proc"):
        if not p.isdigit():
            continue
        try:
            stat = open(f"/proc/{p}/stat").read()
            if int(stat.rsplit(")", 1)[1].split()[1]) == me:
                out.append(rss_mb(p))
        except (OSError, ValueError, IndexError):
            continue
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--db", help="DuckDB file or postgresql:// URL (default: a temporary DuckDB file)")
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--copies", type=int, default=2)
    ap.add_argument("--batch-size", type=int, default=200)
    ap.add_argument("--limit", type=int, help="stop after this many documents")
    ap.add_argument("--corpus", default=str(CORPUS))
    ap.add_argument("--extractor", help="module:function instead of the real pipeline, e.g. "
                    "conftest:fake_extract (tests/) to measure the store side alone")
    args = ap.parse_args()

    sys.path.insert(0, str(ROOT / "tests"))  # for --extractor conftest:fake_extract (workers inherit it)
    from marsad.ingest import ingest
    from marsad.store import open_store

    files = [Path(args.corpus) / "ar-news.jsonl", Path(args.corpus) / "en-news.jsonl"]
    missing = [str(f) for f in files if not f.exists()]
    if missing:
        sys.exit(f"corpus not found: {', '.join(missing)}")
    total_docs = sum(1 for f in files for _ in open(f, encoding="utf-8")) * args.copies
    if args.limit:
        total_docs = min(total_docs, args.limit)
    tmp = tempfile.TemporaryDirectory(prefix="marsad-bench-")
    db = args.db or os.path.join(tmp.name, "bench.duckdb")

    marks = {}
    peak = {"parent": 0.0, "worker": 0.0}
    done = [0]
    last = [0.0]

    def on_progress(n, summary):
        done[0] += n
        now = time.perf_counter()
        if now - last[0] > 0.5 or done[0] >= total_docs:
            last[0] = now
            kids = children_rss_mb()
            peak["parent"] = max(peak["parent"], rss_mb())
            peak["worker"] = max([peak["worker"], *kids])
        for q in (25, 50, 75, 100):
            if q not in marks and done[0] >= total_docs * q / 100:
                marks[q] = (round(peak["parent"]), round(peak["worker"]))

    t0 = time.perf_counter()
    with open_store(db) as store:
        s = ingest(store, documents=documents(files, args.copies, args.limit), workers=args.workers,
                   batch_size=args.batch_size, on_progress=on_progress, extractor=args.extractor)
        stats = store.stats()
    wall = time.perf_counter() - t0
    children_max = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    self_max = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    size = sum(os.path.getsize(p) for p in (db, db + ".wal") if os.path.exists(p)) if "://" not in db else 0

    print(f"marsad ingest benchmark: {args.copies} x {', '.join(f.name for f in files)} -> "
          f"{'DuckDB' if '://' not in db else 'PostgreSQL'}, {args.workers} workers, "
          f"batch {args.batch_size}, {os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f}"
          + (f", extractor {args.extractor}" if args.extractor else ""))
    print(f"  documents read      {s.read:,}  (new {s.new:,}, duplicate {s.duplicate:,}, "
          f"near-duplicate {s.near_duplicate:,}, failed {s.failed:,})")
    if s.failure_codes:
        print(f"  failures by code    {dict(s.failure_codes)}  e.g. {s.failures[0][:140]}")
    print(f"  wall time           {wall:,.1f} s (ingest loop {s.seconds:,.1f} s)")
    print(f"  throughput          {s.read / wall:,.0f} documents/s end to end, "
          f"{s.chars / wall / 1e6:,.2f} M characters/s "
          f"({s.chars * 1.0 / max(s.read, 1):,.0f} characters/document)")
    print(f"  store               {stats['documents']:,} documents, {stats['quantities']:,} quantities, "
          f"{stats['entities']:,} entities, {stats['events']:,} events; {size / 1e6:,.1f} MB on disk")
    print("  peak RSS (MB)       at 25% / 50% / 75% / 100% of the run: parent "
          + " / ".join(str(marks.get(q, ("?", "?"))[0]) for q in (25, 50, 75, 100))
          + "; largest worker " + " / ".join(str(marks.get(q, ("?", "?"))[1]) for q in (25, 50, 75, 100)))
    print(f"  peak RSS (getrusage) parent {self_max:,.0f} MB, largest worker {children_max:,.0f} MB")
    tmp.cleanup()


if __name__ == "__main__":
    main()
