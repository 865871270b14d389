"""Topics (AI, models, chips, cloud, data centres, telecom, energy, ...) from bilingual lexicons.

``lang/<lang>/topics.yaml`` maps a topic id to its words; a topic is tagged where one of
its words occurs, and the words found are its evidence. The same topic ids in every language.
"""
from __future__ import annotations

from functools import lru_cache
from typing import Any

from marsad.extractors import phrases
from marsad.lexicon import load_yaml
from marsad.normalize import fold


@lru_cache(maxsize=None)
def _automaton(lang: str):
    data = load_yaml(f"lang/{lang}/topics.yaml", "topics")
    # (a word list, seldom found: its pass over English text is a DFA's, phrases.Automaton)
    return phrases.Automaton(phrases.build([(str(w), topic, None) for topic, words in data.items() for w in words]))


@lru_cache(maxsize=None)
def topic_ids(lang: str = "en") -> tuple[str, ...]:
    return tuple(load_yaml(f"lang/{lang}/topics.yaml", "topics"))


def tag(text: str, lang: str, counts: bool = False) -> dict[str, Any]:
    """{topic: [evidence words (folded), distinct, in order]} for ``text``; with ``counts``
    {topic: {"words": [...], "n": occurrences}}."""
    if lang not in ("ar", "en"):
        lang = "en"
    folded = fold(text)
    found: dict[str, list[str]] = {}
    n: dict[str, int] = {}
    for c in phrases.find(folded, _automaton(lang)):
        word = folded[c.start:c.end]
        if lang == "en" and word in ("ai",) and not _upper_ai(text, c.start, c.end):
            continue
        ws = found.setdefault(c.cls, [])
        n[c.cls] = n.get(c.cls, 0) + 1
        if word not in ws:
            ws.append(word)
    if counts:
        return {t: {"words": ws, "n": n[t]} for t, ws in found.items()}
    return found


def _upper_ai(text: str, s: int, e: int) -> bool:
    """"AI" as written in capitals (fold keeps one-for-one offsets for Latin text)."""
    return text[s:e].isupper() if e <= len(text) else True


def as_list(found: dict[str, list[str]], via: str = "sentence") -> list[dict]:
    return [{"topic": t, "evidence": ws[:5], "via": via} for t, ws in found.items()]
