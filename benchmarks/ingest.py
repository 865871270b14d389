"""Ingest throughput: the real corpora of ../shared/corpus into DuckDB, end to end.

Reads ar-news.jsonl and en-news.jsonl (13,325 articles) ``--copies`` times; every
copy after the first gets distinct ids and a one-line suffix on the text, so each
copy is new to the store (content-hash identity) and a near-duplicate of the first
(exercising the MinHash look-ups at scale). Prints documents/s, MB/s and the peak
memory of the parent and of the workers at 25/50/75/100 % of the run: flat figures
mean memory does not grow with the corpus. Numbers only; nothing is asserted.

    python benchmarks/ingest.py                     # 2 copies, 2 workers, a temporary DuckDB
    python benchmarks/ingest.py --workers 2 --db /tmp/bench.duckdb --limit 2000

With ``--input ARCHIVE.jsonl`` (e.g. from ``benchmarks/synthetic_archive.py``) it reads that
file instead, through the same streaming reader as ``marsad ingest``; ``--every N`` prints the
curve every N documents (rate, CPU per document of the parent and workers together, memory,
store size on disk) and ``--export DIR`` then exports the store to Parquet in a separate
process and prints that process's peak memory.
"""
from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
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


def cpu_seconds(pid: int | str = "self") -> float:
    """User + system CPU time of a process so far (from /proc)."""
    try:
        fields = open(f"/proc/{pid}/stat").read().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    except (OSError, ValueError, IndexError):
        return 0.0


def children() -> list[int]:
    me = os.getpid()
    out = []
    for p in os.listdir("/proc"):
        if p.isdigit():
            try:
                if int(open(f"/proc/{p}/stat").read().rsplit(")", 1)[1].split()[1]) == me:
                    out.append(int(p))
            except (OSError, ValueError, IndexError):
                continue
    return out


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
    ap.add_argument("--input", help="a JSON Lines archive to ingest instead of the corpus copies")
    ap.add_argument("--every", type=int, default=0, help="print the curve every N documents")
    ap.add_argument("--export", help="afterwards, export the store to Parquet in this folder")
    ap.add_argument("--extractor", help="module:function instead of the real pipeline, e.g. "
                    "conftest:fake_extract (tests/) to measure the store side alone")
    args = ap.parse_args()

    sys.path.insert(0, str(ROOT / "tests"))  # for --extractor conftest:fake_extract (workers inherit it)
    from marsad.ingest import ingest
    from marsad.read import iter_documents
    from marsad.store import open_store

    files = [Path(args.input)] if args.input else [Path(args.corpus) / "ar-news.jsonl",
                                                   Path(args.corpus) / "en-news.jsonl"]
    missing = [str(f) for f in files if not f.exists()]
    if missing:
        sys.exit(f"input not found: {', '.join(missing)}")
    if args.input:
        args.copies = 1
    total_docs = sum(1 for f in files for _ in open(f, encoding="utf-8")) * args.copies
    if args.limit:
        total_docs = min(total_docs, args.limit)
    tmp = tempfile.TemporaryDirectory(prefix="marsad-bench-")
    db = args.db or os.path.join(tmp.name, "bench.duckdb")

    marks = {}
    peak = {"parent": 0.0, "worker": 0.0}
    done = [0]
    last = [0.0]

    curve = {"docs": 0, "t": time.perf_counter(), "cpu": 0.0}
    if args.every:
        print(f"{'documents':>10} {'docs/s':>8} {'CPU ms/doc':>10} {'parent MB':>9} {'workers MB':>10} "
              f"{'store MB':>9}  (rate and CPU over the last {args.every:,} documents; CPU = parent + workers)",
              flush=True)

    child_cpu: dict[int, float] = {}   # last CPU seen per child: a worker that ended still counts

    def point():
        now = time.perf_counter()
        for c in children():
            child_cpu[c] = max(child_cpu.get(c, 0.0), cpu_seconds(c))
        cpu = cpu_seconds() + sum(child_cpu.values())
        n = done[0] - curve["docs"]
        store_mb = sum(os.path.getsize(p) for p in (db, db + ".wal") if os.path.exists(p)) / 1e6 \
            if "://" not in db else 0.0
        kids = [rss_mb(c) for c in children()]
        print(f"{done[0]:>10,} {n / (now - curve['t']):>8,.0f} {1000 * (cpu - curve['cpu']) / max(n, 1):>10.2f} "
              f"{rss_mb():>9,.0f} {' / '.join(f'{k:,.0f}' for k in sorted(kids, reverse=True)[:2]):>10} "
              f"{store_mb:>9,.0f}", flush=True)
        curve.update(docs=done[0], t=now, cpu=cpu)

    def on_progress(n, summary):
        done[0] += n
        if args.every and done[0] // args.every > curve["docs"] // args.every:
            point()
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
    source = (_limited(iter_documents([args.input]), args.limit) if args.input
              else documents(files, args.copies, args.limit))
    with open_store(db) as store:
        s = ingest(store, documents=source, workers=args.workers,
                   batch_size=args.batch_size, on_progress=on_progress, extractor=args.extractor)
        stats = store.stats()
    if args.every and done[0] != curve["docs"]:
        point()
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
    if args.export:
        # VmHWM (peak RSS of this program since its exec), not ru_maxrss, which on Linux keeps
        # the peak of the process it was forked from (this benchmark, with its store open)
        code = ("import sys, time; from marsad.store import open_store; t = time.perf_counter(); "
                "s = open_store(sys.argv[1], read_only=True); paths = s.export(sys.argv[2], 'parquet'); s.close(); "
                "hwm = [int(l.split()[1]) for l in open('/proc/self/status') if l.startswith('VmHWM:')][0]; "
                "print(f'  export to Parquet    {time.perf_counter() - t:,.1f} s, peak RSS {hwm / 1024:,.0f} MB, '"
                "f'{len(paths)} files')")
        r = subprocess.run([sys.executable, "-c", code, db, args.export], capture_output=True, text=True)
        print(r.stdout.rstrip() or f"  export failed: {r.stderr.strip()[-500:]}")
    tmp.cleanup()


def _limited(items, limit):
    for i, item in enumerate(items):
        if limit and i >= limit:
            return
        yield item


if __name__ == "__main__":
    main()
