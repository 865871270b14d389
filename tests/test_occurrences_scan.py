"""``entities._occurrences`` finds a few keys one by one (``str.find``) and many with one automaton
pass: the same offsets either way (``_occurrences_by_automaton`` is the definition)."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from marsad.extractors import entities

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_few_keys_found_one_by_one_as_the_automaton_finds_them(lang):
    with (CORPUS / f"{lang}-news.jsonl").open(encoding="utf-8") as fh:
        texts = [json.loads(next(fh))["text"] for _ in range(60)]
    for raw in texts:
        words = [w.strip(".,;:()\"'«»") for w in raw.split()]
        for i in range(0, min(len(words), 120), 5):
            keys = {w for w in words[i:i + entities._FIND_KEYS]} | {"", words[i][:2]}
            keys = set(list(keys)[:entities._FIND_KEYS])
            assert entities._occurrences(raw, keys) == entities._occurrences_by_automaton(raw, keys)


def test_overlapping_and_repeated_keys():
    text = "aaaa Lehman Lehmann, Lehman. aaa"
    for keys in ({"aa", "a", "aaa"}, {"Lehman", "Lehmann", "man"}, {""}, set(), {"zzz"}):
        assert entities._occurrences(text, keys) == entities._occurrences_by_automaton(text, keys)
    assert entities._occurrences(text, {"aa"})["aa"] == [0, 1, 2, 29, 30]
