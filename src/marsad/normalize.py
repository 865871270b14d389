"""Normalisation for matching, with an offset map back to the raw text.

One pass folds what varies in how Arabic and English news is typed but not in
what it means: Arabic letter variants (alef, ya, ta marbuta, hamza seats),
Eastern digits, Arabic decimal/thousands/percent signs, tatweel, diacritics,
bidi controls, NBSP and dash variants; Latin letters are lower-cased.

Characters are either replaced one-for-one or deleted, so the normalised text
maps back to the raw text through a short list of segments.
"""
from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from functools import lru_cache

import numpy as np

# Deleted: tatweel, Arabic diacritics and Quranic marks, bidi and zero-width controls, soft hyphen.
_DELETE = re.compile(
    "[\u0640\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed"
    "\u200b-\u200f\u202a-\u202e\u2066-\u2069\u061c\ufeff\u00ad]+"
)
_MARKS = set("\u0640\u0610\u0611\u0612\u0613\u0614\u0615\u0616\u0617\u0618\u0619\u061a\u0670") | {
    chr(c) for c in range(0x064B, 0x0660)} | {chr(c) for c in range(0x06D6, 0x06EE)}

_FOLD = {
    "أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ى": "ي", "ة": "ه", "ؤ": "و", "ئ": "ي",
    "ک": "ك", "ی": "ي", "ٮ": "ب", "ھ": "ه",
    "٫": ".", "٬": ",", "٪": "%", "﹪": "%", "％": "%",
    "\u00a0": " ", "\u2007": " ", "\u202f": " ", "\u2009": " ", "\u200a": " ", "\u3000": " ",
    "\t": " ",
    "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2212": "-",
    "\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"', "«": '"', "»": '"',
}
for _i, _d in enumerate("٠١٢٣٤٥٦٧٨٩"):
    _FOLD[_d] = str(_i)
for _i, _d in enumerate("۰۱۲۳۴۵۶۷۸۹"):
    _FOLD[_d] = str(_i)
_TABLE = str.maketrans(_FOLD)

# The same deletion, folding and lower-casing as one lookup table over UTF-16 code units:
# ``str.translate`` looks every non-ASCII character up in a dict (about 50 ns each); numpy
# does the whole text at once. A unit maps to its character folded, then lower-cased; to
# ``_DELETED`` when it is deleted; to ``_SLOW`` when the table cannot do it (a character
# lower-cased to several, the context-dependent capital sigma, surrogates, and the two
# sentinels themselves), and the per-character path is taken. Every key and value of the
# folds is in the Basic Multilingual Plane, so for a text without surrogate pairs one code
# unit is one character and the result is exactly the per-character path's.
_DELETED = 0xFFFF
_SLOW = 0xFFFE


@lru_cache(maxsize=1)
def _unit_table() -> np.ndarray:
    """Built on first use (about 40 ms)."""
    table = np.zeros(0x10000, dtype=np.uint16)
    for c in range(0x10000):
        if 0xD800 <= c <= 0xDFFF or c in (0x03A3, _DELETED, _SLOW):
            table[c] = _SLOW
            continue
        ch = chr(c)
        if _DELETE.match(ch):
            table[c] = _DELETED
            continue
        low = ch.translate(_TABLE).lower()
        table[c] = ord(low) if len(low) == 1 and ord(low) < _SLOW else _SLOW
    return table


# Everything but Arabic letters / Latin letters: what remains of a text without them is its letters.
_NOT_ARABIC_LETTERS = re.compile("[^\u0621-\u064a\u0671-\u06d3]+")
_NOT_LATIN_LETTERS = re.compile("[^A-Za-z]+")


_FOLD_BY_TABLE = 256  # from this length on, ``fold`` maps a non-ASCII text with the unit table (numpy)


def fold(text: str) -> str:
    """Normalise a string for matching, without keeping offsets (lexicon entries, names)."""
    if text.isascii():  # nothing to delete; of the folds only the tab is ASCII
        return text.replace("\t", " ").lower()
    if len(text) >= _FOLD_BY_TABLE:
        # the per-character table of ``normalize`` (the same result; ``str.translate`` looks
        # every non-ASCII character up in a dict)
        units = text.encode("utf-16-le", "surrogatepass")
        if len(units) == 2 * len(text):
            mapped = _unit_table().take(np.frombuffer(units, dtype=np.uint16))
            top = mapped.max()
            if top < _SLOW or (top == _DELETED and not (mapped == _SLOW).any()):
                if top == _DELETED:
                    mapped = mapped[mapped != _DELETED]
                return str(mapped.data, "utf-16-le") if len(mapped) else ""
    elif len(text) <= _FOLD_CACHED:
        return _fold_short(text)
    return _fold(text)


_FOLD_CACHED = 48  # non-ASCII strings up to this length (names, words, phrases) are folded once each


@lru_cache(maxsize=1 << 15)
def _fold_short(text: str) -> str:
    return _fold(text)


def _fold(text: str) -> str:
    out = _DELETE.sub("", text).translate(_TABLE)
    low = out.lower()
    return low if len(low) == len(out) else "".join(c if len(c.lower()) != 1 else c.lower() for c in out)


@dataclass(slots=True)
class Normalized:
    """A normalised view of ``raw``; ``to_raw``/``span_to_raw`` map offsets back."""

    raw: str
    text: str
    _norm_starts: list[int]
    _raw_starts: list[int]

    def is_identity(self) -> bool:
        """True when no character was deleted: offsets are the same in both texts."""
        return len(self._norm_starts) == 1

    def to_raw(self, i: int) -> int:
        """Raw offset of the normalised character at ``i`` (``len`` maps to ``len(raw)``)."""
        if i >= len(self.text):
            return len(self.raw)
        if len(self._norm_starts) == 1:
            return i  # nothing deleted: the same offsets
        k = bisect_right(self._norm_starts, i) - 1
        return self._raw_starts[k] + (i - self._norm_starts[k])

    def to_norm(self, i: int) -> int:
        """Normalised offset of the raw offset ``i`` (a deleted character maps to the next one kept)."""
        if len(self._norm_starts) == 1:
            return i
        k = bisect_right(self._raw_starts, i) - 1
        return min(self._norm_starts[k] + (i - self._raw_starts[k]),
                   self._norm_starts[k + 1] if k + 1 < len(self._norm_starts) else len(self.text))

    def span_to_raw(self, start: int, end: int) -> tuple[int, int]:
        """Map a normalised ``[start, end)`` to the raw text, keeping trailing diacritics."""
        norm_starts = self._norm_starts
        n = len(self.text)
        if len(norm_starts) == 1 and start < end <= n:
            return start, end  # nothing deleted, inside the text: the same offsets (the usual case)
        if end <= start:
            s = self.to_raw(start)
            return s, s
        if len(norm_starts) == 1:
            s = start if start < n else len(self.raw)
            return s, (end - 1 if end - 1 < n else len(self.raw)) + 1  # no mark (marks are deleted) follows
        raw = self.raw
        raw_starts = self._raw_starts
        # ``to_raw`` of ``start`` and of ``end - 1``, inline (this runs for every mention and cue)
        if start >= n:
            s = len(raw)
        else:
            k = bisect_right(norm_starts, start) - 1
            s = raw_starts[k] + (start - norm_starts[k])
        i = end - 1
        if i >= n:
            e = len(raw) + 1
        else:
            k = bisect_right(norm_starts, i) - 1
            e = raw_starts[k] + (i - norm_starts[k]) + 1
        while e < len(raw) and raw[e] in _MARKS:
            e += 1
        return s, e


def normalize(raw: str) -> Normalized:
    """Fold ``raw`` for matching and build the offset map."""
    norm_starts = [0]
    raw_starts = [0]
    if raw.isascii():  # nothing to delete, nothing to lower-case beyond ASCII; of the folds only the tab
        return Normalized(raw, raw.replace("\t", " ").lower(), norm_starts, raw_starts)
    units = raw.encode("utf-16-le", "surrogatepass")
    if len(units) != 2 * len(raw):  # characters beyond the BMP
        return _normalize_slow(raw)
    mapped = _unit_table().take(np.frombuffer(units, dtype=np.uint16))
    top = mapped.max()
    if top >= _SLOW:
        if top == _SLOW:
            return _normalize_slow(raw)
        deleted = mapped == _DELETED
        if (mapped == _SLOW).any():
            return _normalize_slow(raw)
        # maximal runs of deleted characters, as ``_DELETE.finditer`` finds them
        gone = 0
        last = -2
        for i in np.flatnonzero(deleted).tolist():
            if i == last + 1:
                raw_starts[-1] = i + 1
            else:
                norm_starts.append(i - gone)
                raw_starts.append(i + 1)
            gone += 1
            last = i
        mapped = mapped[~deleted]
    return Normalized(raw, str(mapped.data, "utf-16-le"), norm_starts, raw_starts)


def _normalize_slow(raw: str) -> Normalized:
    """``normalize`` one character at a time (texts with characters beyond the BMP)."""
    norm_starts = [0]
    raw_starts = [0]
    if _DELETE.search(raw) is None:
        kept = raw
    else:
        parts = []
        pos = 0
        n = 0
        for m in _DELETE.finditer(raw):
            if m.start() > pos:
                parts.append(raw[pos:m.start()])
                n += m.start() - pos
            pos = m.end()
            norm_starts.append(n)
            raw_starts.append(pos)
        parts.append(raw[pos:])
        kept = "".join(parts)
    out = kept.translate(_TABLE)
    low = out.lower()
    if len(low) != len(out):
        low = "".join(c if len(c.lower()) != 1 else c.lower() for c in out)
    return Normalized(raw, low, norm_starts, raw_starts)


def detect_lang(text: str, sample: int = 1500) -> str:
    """'ar' when Arabic letters dominate the first ``sample`` characters, else 'en'."""
    head = text[:sample]
    ar = len(_NOT_ARABIC_LETTERS.sub("", head))  # the letters that remain (as many as findall finds)
    la = len(_NOT_LATIN_LETTERS.sub("", head))
    return "ar" if ar >= la and ar > 0 else "en"
