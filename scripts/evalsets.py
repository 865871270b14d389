"""The evaluation sets and how to score one: shared by the quality gate and the baseline script.

Hand-written sets (seed, dev/, holdout/) carry their texts. The real-news sets (realnews/) hold
only gold files that name a record of ../shared/corpus/ by id: the text is read from the corpus
when a set is scored and written to a temporary folder, never into the repository.
"""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
SCORER = SHARED / "eval" / "score.py"
CORPUS = SHARED / "corpus"
LAYERS = ["money", "percent", "orgs", "people", "products", "events"]

HAND = {"seed": (SHARED / "eval/docs", SHARED / "eval/gold"),
        "dev-ar": (ROOT / "dev/ar/docs", ROOT / "dev/ar/gold"),
        "dev-en": (ROOT / "dev/en/docs", ROOT / "dev/en/gold"),
        "holdout-ar": (ROOT / "holdout/ar/docs", ROOT / "holdout/ar/gold"),
        "holdout-en": (ROOT / "holdout/en/docs", ROOT / "holdout/en/gold")}
REAL = {f"real-{split}-{lang}": ROOT / "realnews" / split / lang
        for split in ("dev", "dev2", "dev3", "dev4", "dev5", "dev6", "dev7", "dev8", "dev9", "holdout") for lang in ("ar", "en")}
NAMES = list(HAND) + list(REAL)


def _corpus_records(ids: set[str]) -> dict[str, dict]:
    found: dict[str, dict] = {}
    for f in sorted(CORPUS.glob("*.jsonl")):
        with f.open(encoding="utf-8") as fh:
            for line in fh:
                # cheap pre-filter: the id is near the start of each record
                head = line[:200]
                if not any(i in head for i in ids):
                    continue
                rec = json.loads(line)
                if rec.get("id") in ids:
                    found[rec["id"]] = rec
    return found


def materialize(name: str, work: Path) -> tuple[Path, Path]:
    """(docs folder, gold folder) for set ``name``; real-news texts are written under ``work``."""
    if name in HAND:
        return HAND[name]
    src = REAL[name]
    golds = sorted(src.glob("*.json"))
    if not golds:
        raise FileNotFoundError(f"{src}: no gold files")
    docs, gold = work / name / "docs", work / name / "gold"
    docs.mkdir(parents=True, exist_ok=True)
    gold.mkdir(parents=True, exist_ok=True)
    items = [json.loads(g.read_text(encoding="utf-8")) for g in golds]
    recs = _corpus_records({g["doc_id"] for g in items})
    missing = [g["doc_id"] for g in items if g["doc_id"] not in recs]
    if missing:
        raise FileNotFoundError(f"{name}: corpus records not found in {CORPUS}: {missing[:5]}")
    dates = {g["doc_id"]: recs[g["doc_id"]].get("date") for g in items}
    (work / name / "dates.json").write_text(json.dumps(dates), encoding="utf-8")
    for g in items:
        rec = recs[g["doc_id"]]
        (docs / f"{g['doc_id']}.txt").write_text(rec["text"], encoding="utf-8")
        g = dict(g, file=f"../docs/{g['doc_id']}.txt")
        (gold / f"{g['doc_id']}.json").write_text(json.dumps(g, ensure_ascii=False), encoding="utf-8")
    return docs, gold


def score(name: str, work: Path, verbose: bool = False) -> dict:
    """Extract set ``name`` with this checkout's marsad and score it; the scorer's JSON result."""
    import marsad
    from marsad.read import iter_documents

    docs, gold = materialize(name, work)
    # the corpus' publication dates, as `marsad extract` reads them from JSON Lines input
    dated = work / name / "dates.json"
    dates = json.loads(dated.read_text(encoding="utf-8")) if name in REAL and dated.is_file() else {}
    out = work / f"{name}.jsonl"
    with out.open("w", encoding="utf-8") as fh:
        for doc in iter_documents([str(docs)]):
            if name in REAL:
                doc.lang = name.rsplit("-", 1)[1]
                doc.published_at = dates.get(doc.doc_id) or doc.published_at
            fh.write(json.dumps(marsad.extract_document(doc).to_dict(), ensure_ascii=False) + "\n")
    cmd = [sys.executable, str(SCORER), "--gold", str(gold), "--pred", str(out), "--json"]
    if verbose:
        cmd.append("--verbose")
    res = subprocess.run(cmd, capture_output=True, text=True, check=True)
    return json.loads(res.stdout)
