"""MinHash signatures: the vectorised code gives exactly the signatures of the plain
construction, so documents stored by earlier versions stay comparable."""
from __future__ import annotations

import hashlib
import json
from pathlib import Path

import numpy as np

from marsad import dedupe
from marsad.normalize import fold

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"


def reference_signature(text: str) -> np.ndarray:
    """The definition: blake2b per token, FNV-style k-gram mix, (a·x + b) mod 2^61−1, min."""
    toks = dedupe._WORD.findall(fold(text))
    if not toks:
        return np.full(dedupe.NUM_PERM, 0xFFFFFFFF, dtype=np.uint32)
    th = np.array([int.from_bytes(hashlib.blake2b(t.encode("utf-8"), digest_size=8).digest(), "little")
                   for t in toks], dtype=np.uint64)
    n = max(1, len(th) - dedupe.K + 1)
    h = np.zeros(n, dtype=np.uint64)
    with np.errstate(over="ignore"):
        for j in range(min(dedupe.K, len(th))):
            h = h * dedupe._MULT + th[j:j + n]
        h ^= h >> np.uint64(29)
        sh = np.unique(h & dedupe._MAX32)
        ph = ((np.outer(dedupe._A, sh) + dedupe._B[:, None]) % dedupe._PRIME) & dedupe._MAX32
    return ph.min(axis=1).astype(np.uint32)


def texts() -> list[str]:
    out = ["", "one", "ارتفعت أسهم علي بابا", "a b c d e f g", "Nvidia " * 50, "x\u064b y z " * 3]
    for lang in ("ar", "en"):
        path = CORPUS / f"{lang}-news.jsonl"
        if path.exists():
            with path.open(encoding="utf-8") as fh:
                out += [json.loads(line)["text"] for _, line in zip(range(150), fh)]
    return out


def test_signatures_equal_the_reference_construction():
    for t in texts():
        assert (dedupe.signature(t) == reference_signature(t)).all(), t[:80]


def test_token_cache_stays_bounded_and_correct(monkeypatch):
    monkeypatch.setattr(dedupe, "TOKEN_CACHE_SIZE", 50)
    dedupe._TOKEN_CACHE.clear()
    for t in texts()[:40]:
        assert (dedupe.signature(t) == reference_signature(t)).all()
        assert len(dedupe._TOKEN_CACHE) <= max(50, len(set(dedupe._WORD.findall(fold(t)))))
    dedupe._TOKEN_CACHE.clear()


def test_near_duplicates_score_high_and_others_low():
    base = texts()[10]
    edited = base + "\n(updated)"
    other = texts()[11]
    assert dedupe.similarity(dedupe.signature(base), dedupe.signature(edited)) >= 0.8
    assert dedupe.similarity(dedupe.signature(base), dedupe.signature(other)) < 0.3
