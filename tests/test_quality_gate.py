"""Quality gate: the scorer's F1 on the seed and on our dev sets must not fall below the
floors pinned in tests/quality_baseline.json (raising a floor is a deliberate commit)."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

import marsad
from marsad.read import iter_documents

ROOT = Path(__file__).resolve().parents[1]
SCORER = ROOT.parent / "shared" / "eval" / "score.py"
BASELINE = json.loads((Path(__file__).parent / "quality_baseline.json").read_text())
SETS = {
    "seed": (ROOT.parent / "shared" / "eval" / "docs", ROOT.parent / "shared" / "eval" / "gold"),
    "dev-ar": (ROOT / "dev" / "ar" / "docs", ROOT / "dev" / "ar" / "gold"),
    "dev-en": (ROOT / "dev" / "en" / "docs", ROOT / "dev" / "en" / "gold"),
    "holdout-ar": (ROOT / "holdout" / "ar" / "docs", ROOT / "holdout" / "ar" / "gold"),
    "holdout-en": (ROOT / "holdout" / "en" / "docs", ROOT / "holdout" / "en" / "gold"),
}


def score(name: str, tmp_path: Path) -> dict:
    docs, gold = SETS[name]
    assert SCORER.exists(), f"scorer not found at {SCORER}: the shared/ folder must sit beside the repository"
    out = tmp_path / f"{name}.jsonl"
    with out.open("w", encoding="utf-8") as fh:
        for doc in iter_documents([str(docs)]):
            fh.write(json.dumps(marsad.extract_document(doc).to_dict(), ensure_ascii=False) + "\n")
    res = subprocess.run([sys.executable, str(SCORER), "--gold", str(gold), "--pred", str(out), "--json"],
                         capture_output=True, text=True, check=True)
    return json.loads(res.stdout)


@pytest.mark.parametrize("name", sorted(BASELINE))
def test_scores_do_not_regress(name, tmp_path):
    result = score(name, tmp_path)
    floors = BASELINE[name]
    low = {}
    for layer, floor in floors.items():
        got = result[layer] if layer in ("grounded", "mean_f1") else result[layer]["f1"]
        if got + 1e-9 < floor:
            low[layer] = (round(got, 3), floor)
    assert result["documents_missing"] == 0
    assert not low, f"{name}: below the pinned floor (got, floor): {low}"
