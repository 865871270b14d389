"""Sentence boundaries in raw text, for grounding events and picking key points."""
from __future__ import annotations

import re
from functools import lru_cache

from marsad.extractors.doccache import held
from marsad.lexicon import load_yaml

# Candidate ends: . ! ? ؟ (with closing quotes) before whitespace, blank lines, bullet lines.
# Written as one character class first, then what follows it, so that the regex engine skips
# to those characters instead of trying four alternatives at every position (5x faster); the
# matches are those of "[.!?؟]+[\"'”»)]*(?=\s|$)|\n\s*\n|\n(?=[ \t]*[-•*][ \t])|(?<=[.!?؟])\n", and a
# period glued to the next Arabic word.
_END = re.compile(r"[.!?؟\n](?:(?<=[.!?؟])[.!?؟]*[\"'”»)]*(?=\s|$)"
                  r"|(?<=\n)(?:\s*\n|(?=[ \t]*[-•*][ \t])|(?<=[.!?؟]\n))"
                  # «... 39.8 مليون دولار.وزاد سهم ...»: a period glued to the next Arabic word ends a sentence
                  # after a word of four letters or more, a figure or a bracket (not «د.أنور», «سي.إف», «1.3»)
                  r"|(?:(?<=[\u0621-\u064a]{4}\.)|(?<=[\d%)]\.))(?=[\u0621-\u064a]{2}))")
# A period after these does not end a sentence.
_ABBREV = re.compile(r"(?:\b(?:Inc|Corp|Co|Ltd|St|Mr|Ms|Mrs|Dr|No|vs|Jr|Sr|U\.S|U\.K|(?<!/)[A-Z]))\.$")  # "I/B/E/S." ends a sentence


@lru_cache(maxsize=1)
def _suffix_end() -> re.Pattern:
    """A company suffix, its period, then a word that opens sentences (lang/common/sentences.yaml)."""
    d = load_yaml("lang/common/sentences.yaml", "sentences")
    alt = lambda ws: "|".join(re.escape(w) for w in sorted(ws, key=len, reverse=True))
    return re.compile(rf"(?<![\w.])(?:{alt(d['company_suffixes'])})(?P<dot>\.)\s+(?:{alt(d['openers'])})(?![\w'’-])")


def _suffix_ends(text: str, dot: int) -> bool:
    """"... include KLA Tencor Corp. Revenue fell": the suffix's period also ends the sentence."""
    m = _suffix_end().search(text, max(0, dot - 4), dot + 40)
    return m is not None and m.start("dot") == dot


@held(400_000)  # a batch of articles' (pipeline.extract_documents): events split them, then brief
def split(text: str) -> tuple[tuple[int, int], ...]:
    """[start, end) of every sentence, whitespace trimmed, covering the text in order (cached)."""
    spans: list[tuple[int, int]] = []
    pos = 0
    for m in _END.finditer(text):
        if text[m.start()] == "." and m.end() - m.start() == 1 and _ABBREV.search(text, max(0, m.start() - 5), m.end()) \
                and not _suffix_ends(text, m.start()):
            continue
        _add(text, pos, m.end(), spans)
        pos = m.end()
    _add(text, pos, len(text), spans)
    return tuple(spans)


def _add(text: str, s: int, e: int, spans: list) -> None:
    while s < e and text[s].isspace():
        s += 1
    while e > s and text[e - 1].isspace():
        e -= 1
    while s + 1 < e and text[s] in "-•*" and text[s + 1] == " ":
        s += 2
    if e > s:
        spans.append((s, e))
