"""Sentence boundaries in raw text, for grounding events and picking key points."""
from __future__ import annotations

import re

# A sentence ends at . ! ? ؟ (not inside numbers, abbreviations or domain names) or a blank line.
_END = re.compile(
    r"(?<!\b[A-Z])(?<!\bInc)(?<!\bCorp)(?<!\bCo)(?<!\bLtd)(?<!\bSt)(?<!\bMr)(?<!\bMs)(?<!\bDr)"
    r"(?<!\bNo)(?<!\bvs)(?<!\bU\.S)[.!?؟]+[\"'”»)]*(?=\s|$)|\n\s*\n|\n(?=\s*[-•*]\s)|(?<=[.!?؟])\n"
)


def split(text: str) -> list[tuple[int, int]]:
    """[start, end) of every sentence, whitespace trimmed, covering the text in order."""
    spans = []
    pos = 0
    for m in _END.finditer(text):
        _add(text, pos, m.end(), spans)
        pos = m.end()
    _add(text, pos, len(text), spans)
    return spans


def _add(text: str, s: int, e: int, spans: list) -> None:
    while s < e and text[s].isspace():
        s += 1
    while e > s and text[e - 1].isspace():
        e -= 1
    while s < e and text[s] in "-•*" and (s + 1 < e and text[s + 1] == " "):
        s += 2
    if e > s:
        spans.append((s, e))
