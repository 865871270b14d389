"""MinHash signatures per CPU-second: Marsad's vectorised code vs datasketch on the same shingles.

Both compute 128 permutations over the word 5-grams of the folded text. Marsad hashes each
token once (blake2b, cached across documents) and mixes 5 token hashes per shingle with
numpy; datasketch (if installed: ``pip install datasketch``) is fed the same shingles as
UTF-8 strings through ``MinHash.update_batch`` (sha1 per shingle). Numbers only.

    python benchmarks/minhash.py [--limit 2000]
"""
from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

from marsad import dedupe
from marsad.normalize import fold

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--limit", type=int, default=2000, help="documents per language")
    a = ap.parse_args()
    texts = []
    for lang in ("ar", "en"):
        with (CORPUS / f"{lang}-news.jsonl").open(encoding="utf-8") as fh:
            texts += [json.loads(line)["text"] for _, line in zip(range(a.limit), fh)]
    print(f"{len(texts):,} documents, {sum(map(len, texts)) / len(texts):,.0f} characters on average")

    def run(label, fn):
        t = time.process_time()
        for x in texts:
            fn(x)
        dt = time.process_time() - t
        print(f"  {label:<34} {len(texts) / dt:8,.0f} docs/s  {1000 * dt / len(texts):6.3f} ms CPU/doc")

    dedupe._TOKEN_CACHE.clear()
    run("marsad (cold token cache)", dedupe.signature)
    run("marsad (warm token cache)", dedupe.signature)
    try:
        from datasketch import MinHash
    except ImportError:
        print("  datasketch: not installed (pip install datasketch)")
        return 0

    def grams(text):
        toks = dedupe._WORD.findall(fold(text))
        return [" ".join(toks[i:i + dedupe.K]).encode("utf-8") for i in range(max(1, len(toks) - dedupe.K + 1))]

    def ds(text):
        m = MinHash(num_perm=dedupe.NUM_PERM)
        m.update_batch(grams(text))
        return m.hashvalues

    run("datasketch update_batch", ds)
    run("  of which: building the shingles", grams)
    return 0


if __name__ == "__main__":
    sys.exit(main())
