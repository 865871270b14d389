"""One Aho-Corasick pass over a document's normalised text for the automata that the entity and
event steps scan the whole text with: the knowledge base's aliases, the event cues and (Arabic)
the entity cue words. Each automaton is still built on its own; their keys are merged into one
automaton per language, and its hits are handed back per part, in the order the part's own
automaton would yield them (by end, longest key first). The text is read once instead of once
per automaton (most of a scan's cost is reading the text, not the hits).
"""
from __future__ import annotations

from functools import lru_cache

import ahocorasick

from marsad.extractors.doccache import held

PARTS = ("kb", "event_cues", "entity_cues")


@lru_cache(maxsize=None)
def _parts(lang: str) -> tuple:
    """The automata merged for ``lang`` (imported here: those modules use this one)."""
    from marsad.extractors import entities, events, gazetteer

    return (gazetteer.automaton(), events._automaton(lang), entities._ar_automaton() if lang == "ar" else None)


_NONE = object()  # (in a merged value) no key of that part


@lru_cache(maxsize=None)
def _merged(lang: str) -> ahocorasick.Automaton:
    """Every key of the parts; its value: each part's value for it, by part index (``_NONE`` where
    that part has no such key)."""
    table: dict[str, list] = {}
    for i, a in enumerate(_parts(lang)):
        if a is not None:
            for key, value in a.items():
                table.setdefault(key, [_NONE] * len(PARTS))[i] = value
    merged = ahocorasick.Automaton()
    for key, values in table.items():
        merged.add_word(key, tuple(values))
    merged.make_automaton()
    return merged


# The scans of the last documents are kept for the steps after the first that reads them (entities,
# then events), up to this many characters in all (the last two documents' always), so that
# ``pipeline.extract_documents`` running each step over a batch of articles finds every
# article's scan still there.
_HELD_CHARS = 400_000


@held(_HELD_CHARS)
def _scan(text: str, lang: str) -> tuple[list, ...]:
    """``_scan_text``, kept for the most recent documents (see ``_HELD_CHARS``)."""
    return _scan_text(text, lang)


def _scan_text(text: str, lang: str) -> tuple[list, ...]:
    # one comprehension a part over the hits: faster than a Python loop that hands each hit to
    # its parts (15-20 us an article)
    found, none = list(_merged(lang).iter(text)), _NONE
    return tuple([(end, values[i]) for end, values in found if values[i] is not none] for i in range(len(PARTS)))


def hits(text: str, lang: str, part: str) -> list[tuple[int, object]]:
    """(end index, value) of every key of ``part``'s automaton in ``text`` (normalised), as that
    automaton's ``iter`` yields them. The list is shared (cached for the document): read it only."""
    return _scan(text, lang)[PARTS.index(part)]
