"""The document's one automaton pass (wordscan) hands each part the hits its own automaton finds,
in the same order."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from marsad.extractors import wordscan
from marsad.normalize import normalize

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"


def _texts(lang: str, n: int) -> list[str]:
    with (CORPUS / f"{lang}-news.jsonl").open(encoding="utf-8") as fh:
        return [normalize(json.loads(next(fh))["text"]).text for _ in range(n)]


@pytest.mark.parametrize("lang", ["ar", "en"])
def test_each_part_gets_its_own_automatons_hits(lang):
    parts = wordscan._parts(lang)
    other = "en" if lang == "ar" else "ar"
    for text in _texts(lang, 300) + _texts(other, 30) + ["", "a"]:
        got = wordscan._scan_text(text, lang)
        assert len(got) == len(wordscan.PARTS)
        for part, automaton, hits in zip(wordscan.PARTS, parts, got):
            want = list(automaton.iter(text)) if automaton is not None else []
            assert hits == want, (part, text[:80])
            assert wordscan.hits(text, lang, part) == want
