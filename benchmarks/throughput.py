"""Single-process extraction throughput over the real articles of ../shared/corpus/.

Prints, per language: documents per CPU-second, MB/s and peak RSS for (1) a plain regex scan of the same
text (the cost of reading it at all), (2) quantities only, (3) the full pipeline, one document
after another (``extract_document``) and step by step over batches (``extract_documents``); plus
the seed-sized figure the issues ask about (the seed article repeated). Never asserts on time.

    python benchmarks/throughput.py [--limit N] [--corpus DIR] [--repeat N] [--batch N]

The regex scan is the best of 5 runs; quantities and the full pipeline are one run each unless
``--repeat`` asks for the best of several (a busy machine's noise then weighs less on the ratios).
"""
from __future__ import annotations

import argparse
import json
import re
import resource
import sys
import time
from pathlib import Path

import marsad
from marsad import pipeline
from marsad.model import Document

HERE = Path(__file__).resolve().parent
DEFAULT_CORPUS = HERE.parent.parent / "shared" / "corpus"
SEED = HERE.parent.parent / "shared" / "eval" / "docs" / "seed-alibaba-ai-ar.txt"
BASELINE = re.compile(r"\d+(?:[.,٫٬]\d+)*\s*(?:%|٪|\w+)?")


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def load(path: Path, limit: int | None) -> list[Document]:
    docs = []
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            rec = json.loads(line)
            docs.append(Document(doc_id=rec["id"], text=rec["text"], lang=rec.get("lang"),
                                 published_at=rec.get("date")))
            if limit and len(docs) >= limit:
                break
    return docs


def timed(label: str, docs: list[Document], fn, repeat: int = 1) -> float:
    """Documents per CPU-second of ``fn`` over ``docs`` (best of ``repeat`` runs).

    CPU time (``time.process_time``), not wall time: the machine may be shared, and
    other processes' load would otherwise show up as our slowness.
    """
    mb = sum(len(d.text.encode("utf-8")) for d in docs) / 1e6
    best = float("inf")
    for _ in range(max(1, repeat)):
        t = time.process_time()
        for d in docs:
            fn(d)
        best = min(best, time.process_time() - t)
    dt = max(best, 1e-9)
    rate = len(docs) / dt
    print(f"  {label:<22} {rate:10.1f} docs/s  {mb / dt:7.2f} MB/s  {1000 * dt / len(docs):7.3f} ms CPU/doc  "
          f"peak RSS {peak_rss_mb():7.1f} MB")
    return rate


def timed_batches(label: str, docs: list[Document], batch: int, repeat: int = 1) -> float:
    """Documents per CPU-second of ``pipeline.extract_documents`` (each step over a batch)."""
    mb = sum(len(d.text.encode("utf-8")) for d in docs) / 1e6
    best = float("inf")
    for _ in range(max(1, repeat)):
        t = time.process_time()
        for _facts in pipeline.extract_documents(docs, batch=batch):
            pass
        best = min(best, time.process_time() - t)
    dt = max(best, 1e-9)
    print(f"  {label:<22} {len(docs) / dt:10.1f} docs/s  {mb / dt:7.2f} MB/s  {1000 * dt / len(docs):7.3f} ms CPU/doc  "
          f"peak RSS {peak_rss_mb():7.1f} MB")
    return len(docs) / dt


def step_breakdown(docs: list[Document]) -> None:
    """CPU time per pipeline step (normalisation included), as a share of the full pipeline."""
    from marsad.model import Facts
    from marsad.normalize import detect_lang, normalize

    spent: dict[str, float] = {}
    for d in docs:
        t = time.process_time()
        lang = d.lang if d.lang in ("ar", "en") else detect_lang(d.text)
        facts = Facts(doc_id=d.doc_id, lang=lang, text=d.text)
        norm = normalize(d.text)
        spent["normalize"] = spent.get("normalize", 0.0) + time.process_time() - t
        for step in pipeline.STEPS:
            t = time.process_time()
            step.run(facts, norm, d)
            spent[step.NAME] = spent.get(step.NAME, 0.0) + time.process_time() - t
    total = sum(spent.values()) or 1e-9
    print("  CPU by step           " + ", ".join(f"{k} {1000 * v / len(docs):.2f} ms ({100 * v / total:.0f}%)"
                                              for k, v in spent.items()))


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    ap.add_argument("--limit", type=int, default=None, help="documents per language (default: all)")
    ap.add_argument("--repeat", type=int, default=1,
                    help="best of this many runs for quantities and the full pipeline (default: 1)")
    ap.add_argument("--batch", type=int, default=32,
                    help="documents per batch for pipeline.extract_documents (default: 32)")
    a = ap.parse_args()
    q_steps = ["quantities", "fx"]
    marsad.extract("warm up: 5 مليار دولار Nvidia")  # load lexicons, KB and automata once
    if SEED.exists():
        seed = SEED.read_text(encoding="utf-8")
        docs = [Document(doc_id=f"seed-{i}", text=seed, lang="ar") for i in range(300)]
        print(f"seed article ({len(seed):,} characters) x {len(docs)}")
        timed("regex scan baseline", docs, lambda d: BASELINE.findall(d.text))
        timed("quantities", docs, lambda d: pipeline.extract_document(d, steps=q_steps))
        timed("full pipeline", docs, pipeline.extract_document)
    for lang in ("ar", "en"):
        path = a.corpus / f"{lang}-news.jsonl"
        if not path.exists():
            print(f"{path}: not found; skipping {lang}", file=sys.stderr)
            continue
        docs = load(path, a.limit)
        chars = sum(len(d.text) for d in docs)
        print(f"{lang}: {len(docs):,} articles, {chars / len(docs):,.0f} characters on average")
        base = timed("regex scan baseline", docs, lambda d: BASELINE.findall(d.text), repeat=5)
        qr = timed("quantities", docs, lambda d: pipeline.extract_document(d, steps=q_steps), repeat=a.repeat)
        full = timed("full pipeline", docs, pipeline.extract_document, repeat=a.repeat)
        batches = timed_batches(f"full, batches of {a.batch}", docs, a.batch, repeat=a.repeat)
        step_breakdown(docs)
        print(f"  CPU time relative to the regex scan: quantities {base / qr:.1f}x, full pipeline {base / full:.1f}x, "
              f"in batches {base / batches:.1f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
