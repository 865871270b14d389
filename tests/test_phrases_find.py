"""phrases.find gives what its plain definition gives: every cue at word boundaries, sorted by
(start, -end), each key's classes in their order (the fast path sorts by start alone)."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from marsad.extractors import checks, events, phrases, wordscan
from marsad.extractors.phrases import Cue, word_start
from marsad.normalize import normalize

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"


def _plain(text: str, automaton, found=None) -> list[Cue]:
    n = len(text)
    out = []
    for end_idx, (key, vals) in automaton.iter(text) if found is None else found:
        e = end_idx + 1
        if e < n and (text[e].isalnum() or text[e] == "_"):
            continue
        s = e - len(key)
        if s and text[s - 1].isalnum() and not word_start(text, s):
            continue
        for cls, sub in vals:
            out.append(Cue(s, e, cls, sub))
    out.sort(key=lambda c: (c.start, -c.end))
    return out


def _texts(lang: str, n: int) -> list[str]:
    with (CORPUS / f"{lang}-news.jsonl").open(encoding="utf-8") as fh:
        return [normalize(json.loads(next(fh))["text"]).text for _ in range(n)]


def _key(cues):
    return [(c.start, c.end, c.cls, c.sub) for c in cues]


@pytest.mark.parametrize("lang", ["ar", "en"])
def test_find_is_the_plain_definition(lang):
    cue_automaton, check_automaton = events._automaton(lang), checks._cues(lang)
    for text in _texts(lang, 300):
        found = wordscan.hits(text, lang, "event_cues")
        assert _key(phrases.find(text, cue_automaton, found)) == _key(_plain(text, cue_automaton, found))
        assert _key(phrases.find(text, cue_automaton)) == _key(_plain(text, cue_automaton))
        for a in range(0, len(text), 400):
            part = text[a:a + 400]
            assert _key(phrases.find(part, check_automaton)) == _key(_plain(part, check_automaton))


def test_find_orders_nested_and_shared_keys():
    a = phrases.build([("net profit", "metric", "profit"), ("profit", "metric", "profit"), ("net profit", "x", None),
                       ("net", "y", None), ("profit rose", "move", None), ("rose", "move_up", None), ("ربح", "metric", "profit")])
    for text in ["net profit rose", "net profit rose net profit", "net profits", "xnet profit", "وربح", "net  profit",
                 "", "net", "profit rose profit rose"]:
        assert _key(phrases.find(text, a)) == _key(_plain(text, a)), text
    got = _key(phrases.find("net profit rose", a))
    assert got[:4] == [(0, 10, "metric", "profit"), (0, 10, "x", None), (0, 3, "y", None), (4, 15, "move", None)]
