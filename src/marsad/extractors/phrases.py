"""Cue phrases (event verbs, nouns, metrics) found with Aho-Corasick over normalised text.

A phrase matches at word boundaries; up to two Arabic clitic letters (و، ب، ل، ف، ك)
may be glued in front of it.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from operator import attrgetter

import ahocorasick
import ahocorasick_rs

from marsad.normalize import fold

CLITICS = set("وبلفك")


@dataclass(slots=True)
class Cue:
    """A cue occurrence in normalised coordinates: ``cls`` is its class, ``sub`` a subclass."""

    start: int
    end: int
    cls: str
    sub: str | None = None


def build(phrases: dict[str, list[str]] | list[tuple[str, str, str | None]]) -> ahocorasick.Automaton:
    """An automaton from (phrase, class, subclass) triples; phrases are folded."""
    a = ahocorasick.Automaton()
    table: dict[str, list[tuple[str, str | None]]] = {}
    for phrase, cls, sub in phrases:
        key = " ".join(fold(phrase).split())
        if key:
            table.setdefault(key, [])
            if (cls, sub) not in table[key]:
                table[key].append((cls, sub))
    for key, vals in table.items():
        a.add_word(key, (key, vals))
    a.make_automaton()
    return a


def alternation(words, key=lambda w: w) -> str:
    """A regex alternation of ``words`` escaped, longest first (a never-matching group for none)."""
    return "|".join(re.escape(key(w)) for w in sorted(words, key=len, reverse=True)) or "(?!)"


def word_automaton(words):
    """An Aho-Corasick automaton whose value for each word is its length (None for no words)."""
    if not words:
        return None
    a = ahocorasick.Automaton()
    for w in words:
        a.add_word(w, len(w))
    a.make_automaton()
    return Automaton(a)


class Automaton:
    """A pyahocorasick automaton whose ``iter`` over ASCII text (English) comes from a DFA of the same
    keys (ahocorasick_rs, built on the first such scan): the same (end index, value) hits in the same
    order (by end, the longest key first at each end). For an automaton whose keys are seldom found
    (word lists: a few hits an article) that is 3-5x faster over a whole article, the per-character
    cost of pyahocorasick dominating; where hits are dense (thousands of short phrases, or short
    texts) pyahocorasick is faster, so only such word lists are wrapped. Other text (Arabic, where
    pyahocorasick is as fast) and everything else (``items``, ``get``, ``len`` ...) are the wrapped
    automaton's."""

    __slots__ = ("_a", "_dfa", "_values")

    def __init__(self, a: ahocorasick.Automaton):
        self._a, self._dfa, self._values = a, None, None

    def __getattr__(self, name: str):
        if name.startswith("__") or name in Automaton.__slots__:
            raise AttributeError(name)
        return getattr(self._a, name)

    def __len__(self) -> int:
        return len(self._a)

    def __contains__(self, key) -> bool:
        return key in self._a

    def iter(self, text: str):
        if not text.isascii() or not len(self._a):
            return self._a.iter(text)  # (no keys: what pyahocorasick does then)
        dfa = self._dfa
        if dfa is None:
            keys = [k for k in self._a.keys() if k]
            self._values = [self._a.get(k) for k in keys]
            dfa = self._dfa = ahocorasick_rs.AhoCorasick(keys, matchkind=ahocorasick_rs.MatchKind.Standard,
                                                         implementation=ahocorasick_rs.Implementation.DFA) if keys else False
        if dfa is False:
            return self._a.iter(text)
        values = self._values
        return iter([(e - 1, values[i]) for i, _, e in dfa.find_matches_as_indexes(text, overlapping=True)])


def word_start(text: str, s: int, clitics: bool = True) -> bool:
    """True when ``s`` begins a word, possibly after glued clitic letters."""
    if s == 0 or not text[s - 1].isalnum():
        return True
    if not clitics:
        return False
    k = s
    while k > 0 and s - k < 2 and text[k - 1] in CLITICS:
        k -= 1
        if k == 0 or not text[k - 1].isalnum():
            return True
    return False


def find(text: str, automaton: ahocorasick.Automaton, found=None) -> list[Cue]:
    """Every cue occurrence at word boundaries, sorted by start, then longest first. ``found``: the
    automaton's hits in ``text`` when a shared pass has them already (``wordscan.hits``)."""
    n = len(text)
    out: list[Cue] = []
    append = out.append
    # The hits come by end, the longest first at each end (as ``automaton.iter`` yields them). Read
    # backwards (each key's classes in their order), one stable sort by start alone then gives the
    # order by (start, -end), with a C key instead of a Python function per cue.
    for end_idx, (key, vals) in reversed(list(automaton.iter(text)) if found is None else found):
        e = end_idx + 1
        if e < n:
            c = text[e]
            if c.isalnum() or c == "_":
                continue
        s = e - len(key)
        if s and text[s - 1].isalnum() and not word_start(text, s):
            continue
        for cls, sub in vals:
            append(Cue(s, e, cls, sub))
    out.sort(key=_START)
    return out


_START = attrgetter("start")
