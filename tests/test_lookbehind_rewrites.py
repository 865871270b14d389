"""Patterns rewritten to start with what they match (the look-behind after it, so that re skips ahead
instead of trying every offset) find what their plain definitions find."""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from marsad.extractors import entities, roles
from marsad.normalize import normalize

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"

# the plain definitions: the look-behind first
_PLAIN_AR_AND = re.compile(r"(?<![\u0621-\u064a])(?:اند|آند|أند)(?![\u0621-\u064a])")
_PLAIN_EN_UNKNOWN_NAME = re.compile(
    r"(?<![\w.])(?P<n>[A-Z][\w&.\-]*(?:\s+(?:[A-Z][\w&.\-]*|&|of|de|and))*)(?:['’]s)?"
    r"(?=\s*(?:\(\s*[A-Z0-9.]{1,10}\s*\)|[A-Z0-9]{1,6}\.[A-Z]{1,2}\b|\s(?:said|says|shares|stock|reported|posted|had|has"
    r"|will|would|plans|agreed|expects|forecast|rose|fell|gained|lost)\b))")


def _texts(lang: str, n: int) -> list[str]:
    if not CORPUS.is_dir():
        return []
    with (CORPUS / f"{lang}-news.jsonl").open(encoding="utf-8") as fh:
        return [json.loads(next(fh))["text"] for _ in range(n)]


def _spans(pattern: re.Pattern, text: str, *where) -> list:
    return [(m.span(), m.groupdict()) for m in pattern.finditer(text, *where)]


def test_arabic_and_as_its_plain_definition():
    texts = [normalize(t).text for t in _texts("ar", 600)] + [
        "اند", "آند x", "xاند", "باند", "اندي", " اند\nاند", "\nاند", "ب اند", "اآند", "١اند", "a اند b", "انداند اند",
        "x\n\nاند", "بروكتر آند جامبل", "ستاندرد آند بورز"]
    for t in texts:
        assert _spans(entities._AR_AND, t) == _spans(_PLAIN_AR_AND, t)
        if len(t) > 6:
            assert _spans(entities._AR_AND, t, 3, len(t) - 2) == _spans(_PLAIN_AR_AND, t, 3, len(t) - 2)


def test_english_unknown_name_as_its_plain_definition():
    pat = roles.patterns("en").unknown_name
    texts = _texts("en", 400) + ["Lehman said", "x.Lehman said", "(Puma's ( PUMG.DE )", "aB Corp said", "A said",
                                 "Bank of America Corp BAC.N rose", "U.S. Steel said"]
    for t in texts:
        assert _spans(pat, t) == _spans(_PLAIN_EN_UNKNOWN_NAME, t)
        if len(t) > 40:
            assert _spans(pat, t, 17, len(t) - 9) == _spans(_PLAIN_EN_UNKNOWN_NAME, t, 17, len(t) - 9)


def test_english_person_patterns_with_possessive_name_words_as_their_plain_definitions():
    """entities._EN_WORD's letter runs are possessive (re gives up on a capital at once): every pattern
    built from it matches what it matches with greedy runs that give letters back; so does the organisation
    suffix pattern, whose word and blank runs are possessive."""
    def plain(p: re.Pattern) -> re.Pattern:
        return re.compile(p.pattern.replace("[a-z]++", "[a-z]+").replace("[A-Za-z]++", "[A-Za-z]+"))

    pats = entities._patterns("en")
    chosen = [pats["person"], pats["person_name_first"], pats["person_run_on"], entities._name_first_at("en"),
              entities._EN_PERSON_AT, entities._EN_PERSON_MORE]
    assert all("[a-z]++" in p.pattern for p in chosen)
    texts = _texts("en", 400) + ["John Smith said", "O'Brien-Smith, the chief executive", "T Michael Walkley said",
                                 "Henri de Castries, chairman", "McGranahan Jones-Doe's", "Ann Lee of Acme Corp said"]
    org = pats["org_suffix"]  # (its word and blank runs possessive)
    assert r"\s++" in org.pattern
    chosen.append(org)
    texts += ["Apple Computer Inc said", "AT&T Inc. and Acme Holdings Ltd", "& Co Ltd", "Royal Dutch Shell Plc"]
    for p in chosen:
        q = plain(p) if p is not org else re.compile(org.pattern.replace("*+", "*").replace(r"\s++", r"\s+"))
        for t in texts:
            assert _spans(p, t) == _spans(q, t)
            assert [(m.span(), m.groupdict()) for m in [p.match(t, 5)] if m] == [(m.span(), m.groupdict()) for m in [q.match(t, 5)] if m]


def test_english_given_name_starts_with_possessive_runs_as_their_plain_definition():
    from marsad.extractors import entities_en

    pat = entities_en._GIVEN_AT
    assert "++" in pat.pattern
    plain = re.compile(pat.pattern.replace("++", "+"))
    for t in _texts("en", 400) + ["John Smith", "Mary-Ann J. Lee", "Jean-Luc Picard", "O'Brien Ann", "ann Lee", "Ann  \tB"]:
        assert [(m.span(), m.groups()) for m in pat.finditer(t)] == [(m.span(), m.groups()) for m in plain.finditer(t)]
