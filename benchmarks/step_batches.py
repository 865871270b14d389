"""Per-document pipeline against step-by-step over batches: the same facts, in less CPU time?

``pipeline.extract_document`` runs every step over one document before the next document; each
step's data (the knowledge base's automaton, the regex programs, the lexicons) are evicted from
the CPU caches by the other steps' between two documents. Running one step over a batch of
documents before the next step keeps them warm (``pipeline.extract_documents``). This script runs both ways over the same
articles of ../shared/corpus/, alternately, in one process (best of ``--repeat`` CPU times for
each), and checks that every document's facts are the same. It prints figures; it never asserts
on time.

    python benchmarks/step_batches.py [--limit 1000] [--batch 32] [--repeat 4]
"""
from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

from throughput import load  # the same corpus reader as the throughput benchmark (benchmarks/ is on the path)

import marsad
from marsad import pipeline
from marsad.model import Document, Facts

HERE = Path(__file__).resolve().parent
DEFAULT_CORPUS = HERE.parent.parent / "shared" / "corpus"


def extract_batch(docs: list[Document], batch: int) -> list[Facts]:
    """``[pipeline.extract_document(d) for d in docs]``, one step over every document of a batch at a time."""
    return list(pipeline.extract_documents(docs, batch=batch))


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    ap.add_argument("--limit", type=int, default=1000, help="documents per language")
    ap.add_argument("--batch", type=int, default=32)
    ap.add_argument("--repeat", type=int, default=4)
    a = ap.parse_args()
    marsad.extract("warm up: 5 مليار دولار Nvidia")
    differ = 0
    for lang in ("ar", "en"):
        docs = load(a.corpus / f"{lang}-news.jsonl", a.limit)
        best = {"per document": float("inf"), f"batches of {a.batch}": float("inf")}
        out = {}
        for _ in range(a.repeat):
            for mode in best:
                t = time.process_time()
                if mode == "per document":
                    facts = [pipeline.extract_document(d) for d in docs]
                else:
                    facts = [f for i in range(0, len(docs), a.batch) for f in extract_batch(docs[i:i + a.batch], a.batch)]
                best[mode] = min(best[mode], time.process_time() - t)
                out[mode] = [json.dumps(f.to_dict(), sort_keys=True, ensure_ascii=False) for f in facts]
        same = sum(x == y for x, y in zip(*out.values()))
        differ += len(docs) - same
        print(f"{lang}: {len(docs)} articles; " + ", ".join(f"{m} {1000 * t / len(docs):.3f} ms CPU/doc"
                                                             for m, t in best.items())
              + f"; ratio {best[f'batches of {a.batch}'] / best['per document']:.3f}; same facts: {same}/{len(docs)}")
    return 1 if differ else 0


if __name__ == "__main__":
    sys.exit(main())
