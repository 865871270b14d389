"""Knowledge-base aliases found in text with Aho-Corasick over the normalised text.

Arabic names may carry glued clitics (وتينسنت، لعلي بابا، بإنفيديا); English
aliases must look like names where they are written (capitalised; acronyms in
capitals), so "apple pie" is not Apple.
"""
from __future__ import annotations

import re

from dataclasses import dataclass
from functools import lru_cache

import ahocorasick

from marsad.extractors import wordscan
from marsad.kb import KBEntry, knowledge_base
from marsad.normalize import Normalized, fold

CLITICS = set("وبلفك")


@dataclass(slots=True)
class AliasHit:
    """A KB alias match in normalised coordinates."""

    start: int
    end: int
    entry: KBEntry
    alias: str


@lru_cache(maxsize=1)
def automaton() -> ahocorasick.Automaton:
    """One automaton for every alias of the KB (built once per process)."""
    a = ahocorasick.Automaton()
    table: dict[str, list[tuple[KBEntry, str]]] = {}
    for alias, entry, _script in knowledge_base().aliases():
        key = fold(alias)
        if len(key) < 2:
            continue
        table.setdefault(key, [])
        if (entry, alias) not in table[key]:
            table[key].append((entry, alias))  # every spelling: "STC" (capitals only) and "stc" (as written)
    letters = _letter_names()
    for key, values in list(table.items()):
        # «بي بي» is also written «بي. بي» and «بي.بي», «إم تي إن» as «ام.تي.ان»
        parts = key.split(" ")
        lead = next((i for i, p in enumerate(parts) if p not in letters), len(parts))
        if lead >= 2:  # ... and «تي إن تي إكسبريس» as «تي.إن.تي إكسبريس» (the initials dotted, the rest spaced)
            for joiner in (". ", "."):
                table.setdefault(" ".join([joiner.join(parts[:lead])] + parts[lead:]), values)
    # «سامسونج» / «سامسونغ», «جوجل» / «غوغل»: the Latin g written either way (names.yaml
    # `variants.g_letters`); a variant that is another entry's alias stays that entry's
    g = _g_letters()
    if g:
        swap = str.maketrans({x: y for x in g for y in g if x != y} if len(g) == 2 else {})
        for key, values in list(table.items()):
            if any(ch in g for ch in key) and len(key.replace(" ", "")) >= 5 and not key.isascii():
                table.setdefault(key.translate(swap), values)
    for key, values in table.items():
        a.add_word(key, (key, values, 0, _needs_case(values)))
    for key, values in table.items():
        # «للبنك الدولي» is ل + «البنك الدولي» with the article's alif dropped: the mention is
        # what follows «لل» (a real alias written with «لل» keeps its key)
        if key.startswith("ال") and len(key) > 4 and ("لل" + key[2:]) not in table:
            a.add_word("لل" + key[2:], (key, values, 2, False))
    a.make_automaton()
    return a


def _g_letters() -> str:
    """The two Arabic letters that write a Latin g (folded; names.yaml `variants.g_letters`)."""
    from marsad.lexicon import load_yaml

    v = load_yaml("lang/ar/names.yaml", "names").get("variants") or {}
    return "".join(fold(x) for x in v.get("g_letters") or [])


def _needs_case(values) -> bool:
    """Whether any alias of a key is written in Latin letters (then its case is checked)."""
    return any(any(c.isalpha() and c.isascii() for c in alias) for _, alias in values)


def _letter_names() -> frozenset[str]:
    """Arabic names of Latin letters (folded), of which initialisms are written (names.yaml)."""
    from marsad.lexicon import load_yaml

    return frozenset(fold(x) for x in load_yaml("lang/ar/names.yaml", "names").get("letter_names") or [])


@lru_cache(maxsize=1)
def _given_names() -> frozenset[str]:
    """English given names (lang/en/names.yaml), lower case."""
    from marsad.lexicon import load_yaml

    return frozenset(x.lower() for x in load_yaml("lang/en/names.yaml", "names").get("given_names") or [])


def _case_ok(surface: str, alias: str) -> bool:
    """English aliases must be written like names; acronyms in capitals."""
    if surface == alias:
        return True
    letters = [c for c in alias if c.isalpha()]
    if not letters or not all(c.isascii() for c in letters):
        return True
    if len(letters) >= 2 and all(c.isupper() for c in letters):
        # a long acronym read as a word is also written capitalised ("Sparc" chips, "Pimco"), unless it
        # is then a given name ("ERNIE" the model, "Ernie" the man)
        return surface == alias or surface.upper() == surface or (
            len(letters) >= 5 and surface == alias.capitalize() and surface.lower() not in _given_names())
    if 2 <= len(surface) <= 4 and surface.isupper():
        return False  # "KIA" (an initialism) is not the name "Kia"
    if any(c.isupper() for c in letters[1:]):
        # "PaLM", "iPad": a name with capitals inside is written so ("Palm" is not PaLM), or with
        # its first letter capitalised at the start of a sentence ("EBay shares were up")
        # ("EBay shares were up"); a longer one may lose its inner capitals ("Proliant servers")
        return surface == alias[:1].upper() + alias[1:] or (len(letters) > 5 and surface == alias.capitalize())
    first = next((c for c in surface if c.isalpha()), "")
    return first.isupper() or first.isdigit()


_AFTER_NUMBER = re.compile(r"\d(?:[\d.,]*\d)?[ \t\-]?$")  # "300 HP", not "In August 2008, HP"


def _left_ok(text: str, s: int) -> int | None:
    """Start of the mention (clitics excluded) if the left boundary is a word start."""
    if s == 0 or not text[s - 1].isalnum():
        return s
    k = s
    while k > 0 and s - k < 2 and text[k - 1] in CLITICS:
        k -= 1
        if k == 0 or not text[k - 1].isalnum():
            return s
    return None


def find_aliases(norm: Normalized, lang: str | None = None) -> list[AliasHit]:
    """Leftmost-longest, non-overlapping KB alias mentions. With ``lang``, the aliases come from
    the document's shared automaton pass (``wordscan``)."""
    text = norm.text
    raw = norm.raw
    n = len(text)
    hits: list[AliasHit] = []
    found = automaton().iter(text) if lang is None else wordscan.hits(text, lang, "kb")
    for end_idx, (key, values, glued, needs_case) in found:
        e = end_idx + 1
        s = e - len(key)  # «لل» + name[2:] is as long as the alias
        if e < n and (text[e].isalnum() or text[e] == "_"):
            continue
        if s and text[s - 1].isalnum() and _left_ok(text, s) is None:
            continue  # (_left_ok called only where a letter or digit comes before)
        s += glued
        if not needs_case:  # Arabic script only: no case to check
            entry, alias = values[0]
            hits.append(AliasHit(s, e, entry, alias))
            continue
        rs, re_ = norm.span_to_raw(s, e)
        surface = raw[rs:re_]
        if "  " in surface:
            surface = " ".join(surface.split())  # "Securities and  Exchange Commission": its case is checked
        if len(surface) <= 3 and surface.isupper() and _AFTER_NUMBER.search(raw, max(0, rs - 8), rs):
            continue  # "a 300 HP engine", "5 GW": a unit after a number, not a company's initials
        for entry, alias in values:
            if surface == alias or _case_ok(surface, alias):  # (written as the alias: no call)
                hits.append(AliasHit(s, e, entry, alias))
                break
    hits.sort(key=lambda h: (h.start, -(h.end - h.start)))
    out: list[AliasHit] = []
    last_end = -1
    generic = _generic_heads(lang) if lang else frozenset()
    for h in hits:
        if h.start >= last_end:
            out.append(h)
            last_end = h.end
        elif out and h.start == out[-1].start and h.end > out[-1].end:
            out[-1] = h
            last_end = h.end
        elif out and h.end > out[-1].end and h.entry.type == out[-1].entry.type \
                and text[out[-1].start:h.start].split()[0] in generic and len(text[out[-1].start:h.start].split()) == 1:
            # «نظام ويندوز فيستا»: an alias that starts with a generic noun («نظام ويندوز») gives way to a
            # longer name that starts right after that noun («ويندوز فيستا»)
            out[-1] = h
            last_end = h.end
    return out


@lru_cache(maxsize=None)
def _generic_heads(lang: str) -> frozenset[str]:
    """Generic head nouns an alias may start with (lang/<lang>/entity_cues.yaml ``generic_heads``), folded."""
    from marsad.lexicon import load_yaml

    return frozenset(fold(w) for w in load_yaml(f"lang/{lang}/entity_cues.yaml", "entity_cues").get("generic_heads") or [])
