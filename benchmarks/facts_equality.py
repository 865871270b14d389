"""Before/after equality of the extracted facts: a speed-up must not change a single output.

Writes ``marsad.extract(...).to_dict()`` of the first N articles per language of
../shared/corpus/ to a JSON Lines snapshot, or compares the current output with a
snapshot written before a change. Step versions (``extractors``) are hashes of the code,
so they change with any edit by design: only their names are compared.

    python benchmarks/facts_equality.py write /tmp/before.jsonl [--limit 2000]
    python benchmarks/facts_equality.py check /tmp/before.jsonl [--batches 32]

``check`` prints the number of documents compared and every difference (first 20),
and exits 1 when anything differs.
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import marsad
from marsad import pipeline
from marsad.model import Document

HERE = Path(__file__).resolve().parent
DEFAULT_CORPUS = HERE.parent.parent / "shared" / "corpus"


def records(corpus: Path, limit: int):
    for lang in ("ar", "en"):
        with (corpus / f"{lang}-news.jsonl").open(encoding="utf-8") as fh:
            for n, line in enumerate(fh):
                if n >= limit:
                    break
                rec = json.loads(line)
                yield lang, rec


def facts_of(lang: str, rec: dict) -> dict:
    d = marsad.extract(rec["text"], lang=rec.get("lang") or lang, doc_id=str(rec["id"]),
                       published_at=rec.get("date")).to_dict()
    d["extractors"] = sorted(d["extractors"])  # names only: versions hash the code
    return d


def batched_facts(want: list[dict], got: dict, batch: int) -> dict:
    """What ``facts_of`` gives, from ``pipeline.extract_documents`` (steps over batches)."""
    keys = [(w["lang"], w["id"]) for w in want]
    docs = [Document(doc_id=str(got[k]["id"]), text=got[k]["text"], lang=got[k].get("lang") or k[0],
                     published_at=got[k].get("date")) for k in keys]
    out = {}
    for k, facts in zip(keys, pipeline.extract_documents(docs, batch=batch)):
        d = facts.to_dict()
        d["extractors"] = sorted(d["extractors"])
        out[k] = d
    return out


def canonical(d: dict) -> str:
    return json.dumps(d, ensure_ascii=False, sort_keys=True)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("mode", choices=("write", "check"))
    ap.add_argument("snapshot", type=Path)
    ap.add_argument("--limit", type=int, default=2000, help="articles per language (write)")
    ap.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    ap.add_argument("--batches", type=int, default=0,
                    help="check: extract with pipeline.extract_documents in batches of this many (default: one by one)")
    a = ap.parse_args()
    if a.mode == "write":
        n = 0
        with a.snapshot.open("w", encoding="utf-8") as out:
            for lang, rec in records(a.corpus, a.limit):
                out.write(json.dumps({"lang": lang, "id": rec["id"], "facts": facts_of(lang, rec)},
                                     ensure_ascii=False, sort_keys=True) + "\n")
                n += 1
        print(f"wrote {n} documents' facts to {a.snapshot}")
        return 0
    want = [json.loads(line) for line in a.snapshot.open(encoding="utf-8")]
    limit = max(sum(1 for w in want if w["lang"] == lang) for lang in ("ar", "en"))
    got = {(lang, rec["id"]): rec for lang, rec in records(a.corpus, limit)}
    batched = batched_facts(want, got, a.batches) if a.batches else None
    diffs = []
    per_lang: dict[str, int] = {}
    counts = {"quantities": 0, "entities": 0, "events": 0, "candidates": 0, "key_points": 0}
    for w in want:
        rec = got[(w["lang"], w["id"])]
        now = batched[(w["lang"], w["id"])] if batched is not None else facts_of(w["lang"], rec)
        per_lang[w["lang"]] = per_lang.get(w["lang"], 0) + 1
        for k in counts:
            counts[k] += len(w["facts"].get(k, ()))
        if canonical(now) != canonical(w["facts"]):
            keys = sorted(k for k in set(now) | set(w["facts"]) if now.get(k) != w["facts"].get(k))
            diffs.append(f"{w['lang']} {w['id']}: differs in {', '.join(keys)}")
    print(f"compared {sum(per_lang.values())} documents ({', '.join(f'{k} {v}' for k, v in per_lang.items())}); "
          f"facts in the snapshot: " + ", ".join(f"{k} {v}" for k, v in counts.items()))
    for line in diffs[:20]:
        print("  " + line)
    print(f"{len(diffs)} documents differ" if diffs else "identical: every document's facts are the same")
    return 1 if diffs else 0


if __name__ == "__main__":
    sys.exit(main())
