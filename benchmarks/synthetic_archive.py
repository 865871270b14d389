"""Build a synthetic news archive for ingest benchmarks: corpus sentences recombined, with
planted duplicates and near-duplicates.

Every document is a new article made of 6–24 sentences drawn from the real articles of
``../shared/corpus/`` (one language per document, Arabic for about a quarter of them, as
in the corpus), so the extractors see real language at a realistic length. Planted:

- exact duplicates (``--dup-share``): an earlier document's text again, under a new id;
- near-duplicates (``--near-share``): an earlier document with one sentence replaced and a
  byline appended (Jaccard similarity of their 5-word shingles well above 0.8).

The ids of the planted copies and their originals go to ``OUT.truth.jsonl``, so a run can
be checked. Deterministic for a given ``--seed``.

    python benchmarks/synthetic_archive.py --docs 200000 --out /tmp/archive-200k.jsonl
"""
from __future__ import annotations

import argparse
import json
import random
import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
DEFAULT_CORPUS = HERE.parent.parent / "shared" / "corpus"
SENTENCE = re.compile(r"[^.!?؟\n]+[.!?؟]+")


def sentences(path: Path, limit: int | None = None) -> list[str]:
    out: list[str] = []
    with path.open(encoding="utf-8") as fh:
        for i, line in enumerate(fh):
            if limit and i >= limit:
                break
            text = json.loads(line)["text"]
            out += [s.strip() for s in SENTENCE.findall(text) if 30 <= len(s.strip()) <= 600]
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--docs", type=int, default=200_000)
    ap.add_argument("--out", type=Path, required=True)
    ap.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    ap.add_argument("--seed", type=int, default=11)
    ap.add_argument("--dup-share", type=float, default=0.02, help="exact duplicates (share of documents)")
    ap.add_argument("--near-share", type=float, default=0.05, help="near-duplicates (share of documents)")
    ap.add_argument("--ar-share", type=float, default=0.25)
    a = ap.parse_args()
    rng = random.Random(a.seed)
    pools = {lang: sentences(a.corpus / f"{lang}-news.jsonl") for lang in ("ar", "en")}
    if not all(pools.values()):
        print(f"no sentences found under {a.corpus}", file=sys.stderr)
        return 1
    bylines = {"ar": ["(رويترز)", "(وكالات)", "(الشرق الأوسط)"], "en": ["(Reporting by Desk)", "(Editing by Staff)",
                                                                      "(Reuters)"]}
    recent: list[dict] = []   # a window of recent originals to copy from (memory stays flat)
    truth = a.out.with_suffix(".truth.jsonl")
    n_dup = n_near = 0
    with a.out.open("w", encoding="utf-8") as out, truth.open("w", encoding="utf-8") as tr:
        for i in range(a.docs):
            r = rng.random()
            if recent and r < a.dup_share:
                src = rng.choice(recent)
                rec = {**src, "id": f"syn-{i}"}
                tr.write(json.dumps({"id": rec["id"], "copy_of": src["id"], "kind": "duplicate"}) + "\n")
                n_dup += 1
            elif recent and r < a.dup_share + a.near_share:
                src = rng.choice(recent)
                parts = src["_sentences"][:]
                if len(parts) >= 12:  # one sentence replaced (in short stories it would weigh too much)
                    parts[rng.randrange(len(parts))] = rng.choice(pools[src["lang"]])
                text = " ".join(parts) + " " + rng.choice(bylines[src["lang"]])
                rec = {**src, "id": f"syn-{i}", "text": text}
                tr.write(json.dumps({"id": rec["id"], "copy_of": src["id"], "kind": "near"}) + "\n")
                n_near += 1
            else:
                lang = "ar" if rng.random() < a.ar_share else "en"
                parts = [rng.choice(pools[lang]) for _ in range(rng.randint(6, 24))]
                rec = {"id": f"syn-{i}", "lang": lang, "text": " ".join(parts), "title": parts[0][:80],
                       "date": f"20{rng.randint(15, 25):02d}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
                       "source": "synthetic", "_sentences": parts}
                recent.append(rec)
                if len(recent) > 5000:
                    recent.pop(rng.randrange(len(recent)))
            out.write(json.dumps({k: v for k, v in rec.items() if k != "_sentences"}, ensure_ascii=False) + "\n")
    size = a.out.stat().st_size
    print(f"wrote {a.docs:,} documents ({size / 1e6:,.1f} MB) to {a.out}: {n_dup:,} exact duplicates and "
          f"{n_near:,} near-duplicates planted (listed in {truth})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
