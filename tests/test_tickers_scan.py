"""The ticker helpers answer from one pass over the text what a scan per word answered."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from marsad.extractors import tickers

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"


_scan = tickers._scan_occurs  # the plain definition: ``word`` somewhere with no letter or digit beside it


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_occurs_equals_the_scan_on_real_articles(lang):
    with (CORPUS / f"{lang}-news.jsonl").open(encoding="utf-8") as fh:
        texts = [json.loads(next(fh))["text"] for _ in range(20)]
    for raw in texts:
        words = raw.split()[:200]
        probes = {w.strip(".,;:()\"'«»").lower() for w in words} | {w[:3] for w in words} | {"&", "at&t", "u.s."}
        for w in sorted(p for p in probes if p):
            assert tickers._occurs(raw, w) == _scan(raw, w), (lang, w)


def test_whole_word_needs_no_letter_digit_or_ampersand_beside_it():
    raw = "Simon rose; Simonds fell; AT&T and T&T. Simon"
    assert tickers.whole_word(raw, 0, 5)
    assert not tickers.whole_word(raw, 12, 17)  # "Simon" inside "Simonds"
    assert not tickers.whole_word(raw, 29, 30)  # the last "T" of "AT&T"
    assert tickers.whole_word(raw, len(raw) - 5, len(raw))


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_occurs_equals_the_scan_in_a_long_text(lang):
    """Past ``_SCAN_UP_TO`` characters the document's runs answer: the same as the scan."""
    with (CORPUS / f"{lang}-news.jsonl").open(encoding="utf-8") as fh:
        texts = [json.loads(next(fh))["text"] for _ in range(40)]
    raw = "\n".join(texts)
    assert len(raw) > tickers._SCAN_UP_TO
    words = raw.split()[::7][:400]
    probes = {w.strip(".,;:()\"'«»").lower() for w in words} | {w[:3] for w in words} | {"&", "at&t", "u.s."}
    for w in sorted(p for p in probes if p):
        assert tickers._occurs(raw, w) == _scan(raw, w), (lang, w)
