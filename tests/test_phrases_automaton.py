"""phrases.Automaton's ``iter`` gives what the wrapped pyahocorasick automaton's ``iter`` gives: every
(end index, value), in the same order (by end, the longest key first at each end), from a DFA over
ASCII text and from the automaton itself over other text."""
from __future__ import annotations

import json
from pathlib import Path

import ahocorasick
import pytest

from marsad.extractors import entities, entities_en, names, phrases, topics
from marsad.normalize import normalize

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"


def _texts(lang: str, n: int) -> list[str]:
    with (CORPUS / f"{lang}-news.jsonl").open(encoding="utf-8") as fh:
        raws = [json.loads(next(fh))["text"] for _ in range(n)]
    return raws + [normalize(r).text for r in raws] + [r.lower() for r in raws]


def _automata() -> dict[str, phrases.Automaton]:
    out = {
        "topics": topics._automaton("en"),
        "topics_ar": topics._automaton("ar"),
        "titles_ar": entities._title_automaton("ar"),
        "person_trigger": entities._person_trigger_automaton("en"),
        "literal": entities._literal_automaton("en"),
        "drug_heads": entities._drug_head_automaton("en"),
        "market": entities._market_automaton(),
        "short_products": entities._short_product_automaton(),
        "sports": entities._sports_cue_automaton("en"),
        "titles": entities._title_automaton("en"),
        "inn": entities_en._inn_automaton(),
        "foreign_ar": names._foreign_automaton(),
        "cue_free_ar": names._cue_free_automaton(),
    }
    return {k: a for k, a in out.items() if isinstance(a, phrases.Automaton)}


@pytest.mark.skipif(not CORPUS.is_dir(), reason="needs ../shared/corpus")
def test_same_hits_in_the_same_order_as_pyahocorasick():
    automata = _automata()
    assert len(automata) >= 8
    texts = _texts("en", 150) + _texts("ar", 30)
    assert any(t.isascii() for t in texts) and any(not t.isascii() for t in texts)
    for name, a in automata.items():
        for t in texts:
            assert list(a.iter(t)) == list(a._a.iter(t)), (name, t[:80])


def test_overlapping_keys_and_shared_ends():
    raw = ahocorasick.Automaton()
    for k in ("he", "she", "hers", "his", "s", "e", "h e", "ab", "b", "abc", "bc", "c"):
        raw.add_word(k, (k, len(k)))
    raw.make_automaton()
    a = phrases.Automaton(raw)
    for text in ("ushers and his shes", "abcabc h e bc", "", "x", "she\this h e", "naïve she", "😀she 😀abc",
                 "𝐀bc he", "ab\ud800c she", "نص she"):
        assert list(a.iter(text)) == list(raw.iter(text))
    assert len(a) == len(raw) and "she" in a and a.get("hers") == ("hers", 4)
    assert sorted(a.keys()) == sorted(raw.keys())


def test_empty_automaton():
    raw = ahocorasick.Automaton()
    raw.make_automaton()
    a = phrases.Automaton(raw)
    assert len(a) == 0
    for text in ("any text", "نص"):  # as pyahocorasick: no keys, no automaton to run
        with pytest.raises(AttributeError):
            list(raw.iter(text))
        with pytest.raises(AttributeError):
            list(a.iter(text))
    assert phrases.word_automaton([]) is None
