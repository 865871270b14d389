"""The entity fast paths answer what their plain definitions answer (facts unchanged)."""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from marsad.extractors import entities
from marsad.normalize import normalize

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"


def _texts(lang: str, n: int) -> list[str]:
    with (CORPUS / f"{lang}-news.jsonl").open(encoding="utf-8") as fh:
        return [normalize(json.loads(next(fh))["text"]).text for _ in range(n)]


_EDGES = ["البنكي، و", "الي، ", "اليه، ", "الصينيه ،", "الصينيه\t \t، و", "بالصيني، ", "الصيني،، ", "5الصيني، ",
          "ال، ", "الXي، ", "ﻻالصيني، ", "الصينى، ", "،", "", "الي", " الصيني ,", "العربيه،الاماراتيي،"]


@pytest.mark.parametrize("lang", ["ar", "en"])
def test_words_before_commas_are_the_pattern_matches(lang):
    for text in _texts(lang, 300) + _EDGES + ["".join(_EDGES)]:
        want = [(m.group(1), m.end() - 1) for m in entities._AR_WORD_COMMA.finditer(text)]
        assert entities._ar_words_before_commas(text) == want, text[:80]


def test_sector_head_prefilter_is_any_substring():
    heads = entities._ar_sector_heads()
    texts = _texts("ar", 300) + _texts("en", 50) + ["", "زوربكس القابضه", "كابيتا", "بي ال سي"]
    assert any(entities._has_sector_head(t) for t in texts) and not all(entities._has_sector_head(t) for t in texts)
    for text in texts:
        want = any(h in text for h in heads)
        assert entities._has_sector_head(text) == want, text[:80]
        assert bool(entities._ar_scan(text)["sector"]) == want, text[:80]  # (the document's cue pass)


def _quoted_products_plain(text: str, pat: re.Pattern):
    """The definition: every position within 30 characters before the quote is tried."""
    q, last = text.find('"'), -1
    while q != -1:
        start = max(0, q - 30, last)
        m = None
        for k in range(start, q):
            if (k == 0 or not text[k - 1].isalnum()) and text[k].isalpha():
                m = pat.match(text, k)
                if m is not None:
                    break
        if m is not None:
            last = m.end()
            yield m
            q = text.find('"', m.end())
        else:
            q = text.find('"', text.find('"', q + 1) + 1) if text.find('"', q + 1) != -1 else -1


def test_quoted_products_are_those_of_the_plain_scan():
    pat = entities._patterns("ar")["quoted_product"]
    texts = _texts("ar", 400) + ['منصة "تشات جي بي تي"', '_a"x" ²تطبيق "واتساب" و"تيك توك"', '"', 'a"b"c"']
    seen = 0
    for text in texts:
        got = [(m.start(), m.end()) for m in entities._quoted_products(text, pat)]
        assert got == [(m.start(), m.end()) for m in _quoted_products_plain(text, pat)], text[:80]
        seen += len(got)
    assert seen  # (the corpus has quoted products)


def test_norm_index_without_deletions_is_the_offset():
    for raw in ["", "abc", "شركة أرامكو", "x" * 50]:
        norm = normalize(raw)
        assert norm.is_identity()
        for p in range(-2, len(raw) + 3):
            lo, hi = 0, len(norm.text)  # the binary search of _norm_index
            while lo < hi:
                mid = (lo + hi) // 2
                lo, hi = (mid + 1, hi) if norm.to_raw(mid) < p else (lo, mid)
            assert entities._norm_index(norm, p) == lo


def test_a_text_without_a_drug_head_has_no_drug_name():
    """`_drug_names` skips a text in which the heads' automaton finds no head: the pattern finds
    nothing there either; where it does find a head, the pattern still decides."""
    pat, a = entities._drug_pattern("en"), entities._drug_head_automaton("en")
    with (CORPUS / "en-news.jsonl").open(encoding="utf-8") as fh:
        texts = [json.loads(next(fh))["text"] for _ in range(600)]
    texts += ["the heart drug Brilinta", "Drug maker", "drugstore Walgreens", "a vaccines maker, Novavax"]
    skipped = matched = 0
    for raw in texts:
        has_head = next(a.iter(raw), None) is not None
        if not has_head:
            skipped += 1
            assert pat.search(raw) is None, raw[:80]
        matched += pat.search(raw) is not None
    assert skipped and matched


def _raw_texts(lang: str, n: int) -> list[str]:
    with (CORPUS / f"{lang}-news.jsonl").open(encoding="utf-8") as fh:
        return [json.loads(next(fh))["text"] for _ in range(n)]


_BRACKETS = ["Group to Assist the Poor (CGAP)", "x\t(ABC)", "(ABC) at the start", "a  (AB)", "a (A)", "a (Abcdefgh)",
             "a (Abcdefghi)", "a (ABC) b (DEF)", "a((ABC)", "a (ABC (DEF)", " (ABC)", "", "(", " (", "a\n(ABC)"]


def test_acronym_pattern_finds_the_blank_bracket_matches():
    """The bracket-first pattern finds what "[ \\t]\\(([A-Z][A-Za-z]{1,7})\\)" finds, one character on."""
    plain = re.compile(r"[ \t]\(([A-Z][A-Za-z]{1,7})\)")
    for text in _raw_texts("en", 400) + _raw_texts("ar", 50) + _BRACKETS + ["".join(_BRACKETS)]:
        want = [(m.start(), m.end(), m.group(1)) for m in plain.finditer(text)]
        assert [(m.start() - 1, m.end(), m.group(1)) for m in entities._ACRONYM.finditer(text)] == want, text[:80]


_CAPS = ["EDWIN MOK, ANALYST", "AB, CD", "A, CD", "AB, C", "AB,  CD", "AB ,CD", "ab, CD", ", AB", "AB, ", "", "X AB, CDx"]


def test_caps_comma_prefilter_is_the_plain_search():
    plain = re.compile(r"[A-Z]{2}, [A-Z]{2}")
    texts = _raw_texts("en", 400) + _raw_texts("ar", 50) + _CAPS + ["".join(_CAPS)]
    assert any(plain.search(t) for t in texts) and not all(plain.search(t) for t in texts)
    for text in texts:
        assert bool(entities._CAPS_COMMA.search(text)) == bool(plain.search(text)), text[:80]


def test_sports_words_from_the_cue_pass_are_the_pattern_matches():
    """The sports cue words of an Arabic text (whether it is sports news) read from the document's one
    automaton pass are those the cues' regex finds, glued letters and punctuation around them included."""
    pattern = entities._patterns("ar")["sports"]
    cue_words = [w for w in entities.cues("ar").extra["sports_cues"] if w][:3]
    edges = ["", "الدوري", "والدوري المباراة", "الدوريين", "_الدوري_", "5المباراة", "الدوري،المباراة.", "مباراتهم المدرب"]
    edges += [" ".join(cue_words), "،".join(cue_words) + "x", "".join(cue_words)]
    texts = _texts("ar", 300) + [normalize(t).text for t in edges]
    assert entities._sports_cues_one_word()
    assert any(len(entities._sports_words(t, entities._ar_scan(t), pattern)) >= 2 for t in texts)
    for text in texts:
        want = {m.group(0) for m in pattern.finditer(text)}
        assert entities._sports_words(text, entities._ar_scan(text), pattern) == want, text[:80]
        assert entities._sports_words(text, None, pattern) == want
