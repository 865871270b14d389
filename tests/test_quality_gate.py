"""Quality gate: the scorer's F1 on the seed, our hand-written sets and the real-news sets
(realnews/, texts read from ../shared/corpus) must not fall below the floors pinned in
tests/quality_baseline.json. Raising a floor is a deliberate commit
(``python scripts/quality-baseline.py --write``)."""
from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "scripts"))
import evalsets  # noqa: E402

BASELINE = json.loads((Path(__file__).parent / "quality_baseline.json").read_text())


@pytest.fixture(scope="module")
def work(tmp_path_factory):
    assert evalsets.SCORER.exists(), f"scorer not found at {evalsets.SCORER}: shared/ must sit beside the repository"
    return tmp_path_factory.mktemp("evalsets")


@pytest.mark.parametrize("name", sorted(BASELINE))
def test_scores_do_not_regress(name, work):
    result = evalsets.score(name, work)
    low = {}
    for layer, floor in BASELINE[name].items():
        if layer.startswith("events."):
            got = result["events_by_type"].get(layer.split(".", 1)[1], {}).get("f1", 0.0)
        elif layer in ("grounded", "mean_f1"):
            got = result[layer]
        else:
            got = result[layer]["f1"]
        if got + 1e-9 < floor:
            low[layer] = (round(got, 3), floor)
    assert result["documents_missing"] == 0
    assert not low, f"{name}: below the pinned floor (got, floor): {low}"


def test_every_set_is_gated():
    assert set(BASELINE) == set(evalsets.NAMES)
