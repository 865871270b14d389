"""Quantities: money, percentages, counts, years, durations, multipliers, fiscal periods.

Scanning is anchored on number cores (digits, number words, scale words) found
in the normalised text; each core is extended to the right (scale, range,
unit) and to the left (qualifier, range opener, currency symbol, sign) with the
language's compiled patterns. Spans are mapped back to the raw text.
"""
from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass
from functools import lru_cache
from operator import attrgetter

from marsad.extractors.patterns import Grammar, grammar
from marsad.model import Document, Facts, Quantity
from marsad.normalize import Normalized
from marsad.spans import SpanSet

NAME = "quantities"
EXTRACTOR = NAME  # the version is in Facts.extractors (pipeline.Step.version)

_LEFT_WINDOW = 48
_YEAR_RANGE = (1900, 2100)


@dataclass(slots=True)
class _Cand:
    """A candidate quantity in normalised coordinates."""

    start: int
    end: int
    kind: str
    value: float
    unit: str | None = None
    qualifier: str | None = None
    group: int = 0
    cur_word: object = None


def run(facts: Facts, norm: Normalized, doc: Document) -> None:
    """Add every quantity of the document to ``facts.quantities``."""
    g = grammar(facts.lang)
    cands = scan(norm.text, g)
    facts.quantities.extend(_to_quantities(cands, norm))


def scan(text: str, g: Grammar) -> list[_Cand]:
    """All non-overlapping quantity candidates of a normalised text."""
    cands: list[_Cand] = []
    groups = 0
    consumed = 0
    match = g.core.match
    match_digit = g.core_digit.match
    urls = _url_spans(text)
    urls.append((_NO_URL, _NO_URL))  # a sentinel past the end: the loop needs no length test
    u = 0
    url_start, url_end = urls[0]
    for p in _start_positions(text, g):
        if p < consumed:
            continue
        while url_end <= p:
            u += 1
            url_start, url_end = urls[u]
        if url_start <= p:
            consumed = url_end  # a number inside a web address
            continue
        m = match_digit(text, p) if "0" <= text[p] <= "9" else match(text, p)
        if m is None:
            continue
        groups += 1
        core = m.group("num", "word", "dual", "sscale")
        if core[0] or core[1] or core[2] or core[3]:
            found = _from_core(text, m, g, groups, core)
        elif _has(m, "ord") and (m.group("fq") or m.group("fq2") or m.group("qtag") or m.group("fy")):
            found = _fiscal(m, g, groups)
        elif m.group("fq2") or m.group("qtag") or m.group("fy"):
            found = _fiscal(m, g, groups)
        else:
            found = _misc(text, m, g, groups)
        if found:
            if isinstance(found, list):
                cands.extend(found)
                for c in found:
                    if c.end > consumed:
                        consumed = c.end
            else:
                cands.append(found)
                if found.end > consumed:
                    consumed = found.end
    return _resolve(cands)


_NO_URL = float("inf")


def _start_positions(text: str, g: Grammar) -> list[int]:
    """Where a quantity can start, ascending (``Grammar.starts``): each ASCII digit that does not
    follow one, and each word start followed by up to two clitics and a first word of a
    quantity phrase.

    Every alternative of ``Grammar.core`` begins with a digit (never right after another: its
    look-behinds forbid it), or at a word start with clitics and such a word, so no other
    position can start a match. Positions are tried in text order and a failed try changes
    nothing, so the candidates are those of trying every position.
    """
    found = set()
    add = found.add
    runs = g.clitic_runs
    lens = g.clitic_lens
    for n, i, _ in g.starts.find_matches_as_indexes(text, overlapping=True):
        if n < 10:  # a digit (the first ten patterns)
            if not (i and "0" <= text[i - 1] <= "9"):
                add(i)
            continue
        if i == 0:
            add(0)
            continue
        c = text[i - 1]
        if not (c.isalnum() or c == "_"):
            add(i)  # a word start (clitics are letters: no run of them ends before it)
            continue
        if c not in g.clitic_ends:
            continue  # inside a word, after a letter that ends no clitic
        for k in lens:
            p = i - k
            if p < 0:
                break
            if k and text[p:i] not in runs:
                continue
            if p == 0 or not (text[p - 1].isalnum() or text[p - 1] == "_"):
                add(p)
    return sorted(found)


_TOKEN_STOP = frozenset(" \n\r\t\"'<>()[]")
_HEX = frozenset("0123456789abcdef")
_ESC_BEFORE = frozenset("/=&?+_.-")


def _url_spans(text: str) -> list[tuple[int, int]]:
    """Sorted [start, end) of web addresses and percent-encoded tokens ("a%28b%29") in ``text``."""
    spans = []
    for needle in ("://", "www.", "%"):
        i = text.find(needle)
        while i != -1:
            if needle == "%":
                prev = text[i - 1] if i else " "
                if not (text[i + 1:i + 2] in _HEX and text[i + 2:i + 3] in _HEX and text[i + 1:i + 3]
                        and prev.isascii() and (prev.isalpha() or prev in _ESC_BEFORE)):
                    i = text.find(needle, i + 1)
                    continue
            s = i
            while s > 0 and text[s - 1] not in _TOKEN_STOP:
                s -= 1
            e = i + len(needle)
            while e < len(text) and text[e] not in _TOKEN_STOP:
                e += 1
            spans.append((s, e))
            i = text.find(needle, e)
    if len(spans) > 1:
        spans.sort()
    return spans


_BY_SPAN = attrgetter("start", "end")


def _resolve(cands: list[_Cand]) -> list[_Cand]:
    """Keep the longest candidates; the items of one range (same group) stay together.

    ``scan`` numbers its groups in the order found, so the items of one group are neighbours."""
    # Most often every group is one candidate, and each begins at or after the end of the one
    # before: then all are kept, already in text order.
    prev_end = -1
    prev_group = None
    for c in cands:
        if c.group == prev_group or c.start < prev_end or c.end <= c.start:
            break
        prev_end = c.end
        prev_group = c.group
    else:
        return cands
    return _resolve_overlaps(cands)


def _resolve_overlaps(cands: list[_Cand]) -> list[_Cand]:
    """``_resolve`` for any candidates."""
    by_group: dict[int, list[_Cand]] = {}
    for c in cands:
        by_group.setdefault(c.group, []).append(c)
    # Usually the groups, in the order found, follow one another without overlapping: then every
    # candidate is kept, and the result is the candidates in text order.
    prev_end = -1
    for cs in by_group.values():
        if len(cs) == 1:
            s, e = cs[0].start, cs[0].end
        else:
            if any(c.end <= c.start for c in cs):
                break
            s, e = min(c.start for c in cs), max(c.end for c in cs)
        if s < prev_end or e <= s:
            break
        prev_end = e
    else:
        out = list(cands)
        out.sort(key=_BY_SPAN)
        return out
    spans = sorted(by_group.values(),
                   key=lambda cs: (-(max(c.end for c in cs) - min(c.start for c in cs)), cs[0].start))
    kept = SpanSet()
    out: list[_Cand] = []
    for cs in spans:
        s, e = min(c.start for c in cs), max(c.end for c in cs)
        if kept.overlaps(s, e):
            continue
        kept.add(s, e)
        out.extend(cs)
    out.sort(key=lambda c: (c.start, c.end))
    return out


# --- number parsing -------------------------------------------------------

def parse_digits(s: str, agency_mark: str | None) -> float:
    """'1,234.5' → 1234.5; decimal comma '1,5' → 1.5; agency decimal '6ر22' → 22.6."""
    if "," not in s and not (agency_mark and agency_mark in s):
        return float(s)
    if agency_mark and agency_mark in s:
        frac, whole = s.split(agency_mark, 1)
        return float(f"{whole}.{frac}")
    comma = s.rfind(",")
    if comma != -1 and len(s) - comma - 1 != 3 and "." not in s:
        return float(s.replace(",", "."))
    return float(s.replace(",", ""))


def parse_words(s: str, g: Grammar) -> float | None:
    """Value of a number-word phrase ('خمسة وعشرين' → 25, 'three hundred' → 300)."""
    lx = g.lex
    total = 0.0
    for m in g.word_token.finditer(s):
        w = m.group(0)
        if w in lx.hundreds and total:
            total *= 100
            continue
        v = lx.words.get(w)
        if v is None:
            continue
        total += v
    return total or None


def _number(text_piece: str, g: Grammar) -> tuple[float | None, bool]:
    """(value, written_in_digits)."""
    if text_piece[:1].isdigit():
        return parse_digits(text_piece, g.lex.agency_mark), True
    return parse_words(text_piece, g), False


_SCALE_SPLIT = re.compile(r"[\s\[\]-]+")


def _scale(s: str | None, g: Grammar) -> float:
    if not s:
        return 1.0
    return g.lex.scales.get(_scale_word(s), 1.0)


@lru_cache(maxsize=4096)
def _scale_word(s: str) -> str:
    return _SCALE_SPLIT.split(s.strip(" []-"))[-1]


# --- core extension -------------------------------------------------------

def _from_core(text: str, m: re.Match, g: Grammar, group: int, core: tuple) -> list[_Cand] | None:
    """``core``: the groups num, word, dual, sscale of ``m``."""
    lx = g.lex
    num, word, dual, sscale = core
    if num:
        ns, ne = m.span("num")
        agency = lx.agency_mark  # ``number`` starts with a digit
        value = float(num) if "," not in num and not (agency and agency in num) else parse_digits(num, agency)
        digits = True
        kind_of_core = "num"
    elif word:
        ns, ne = m.span("word")
        value, digits = _number(word, g)
        kind_of_core = "word"
    elif dual:
        ns, ne = m.span("dual")
        value, digits = lx.dual_scales[_ws(dual)], False
        kind_of_core = "dual"
    else:
        ns, ne = m.start(), m.end()
        value, digits = lx.scales.get(_ws(sscale), 1.0), False
        kind_of_core = "sscale"
    core_end = ne
    if value is None:
        return None
    numeric = kind_of_core == "num" or kind_of_core == "word"

    r = None
    if numeric:
        r = g.right_range.match(text, core_end)
        if r and not r.group("n2"):
            r = None
    left, loff = _left(text, ns, g) if r is not None else (_UNSET, 0)  # else computed once it is needed
    if r is not None:
        if r.group("conn_open") and not (left and left.opener):
            found = _shared_unit(text, m, left, loff, r, g, group, value, digits, ns)  # «عند 53 و48 دولارًا»
        else:
            found = _range(text, m, left, loff, r, g, group, value, digits, ns)
        if found:
            return found

    if numeric:
        # a fraction before the scale: "one and a half billion", "three quarters of a billion"
        f = g.frac.match(text, core_end)
        if f is not None:
            if f.group("tail"):
                value += lx.fraction_tails[_ws(f.group("tail"))]
            else:
                value *= lx.fraction_nouns[_ws(f.group("fn"))]
            core_end = f.end()
        elif not digits and value < 1:
            f = g.frac_link.match(text, core_end)  # "half of a billion"
            if f is not None:
                core_end = f.end()
    r = g.right_simple.match(text, core_end)
    r_end = r.end()
    end = r_end if r_end > core_end else core_end
    # identifiers: digits glued to Latin letters are not quantities (5G, 6000D, 9988.HK)
    if kind_of_core == "num" and end == core_end:
        nxt = text[core_end:core_end + 2]
        if nxt[:1].isascii() and nxt[:1].isalpha() or (nxt[:1] == "." and "a" <= nxt[1:2] <= "z"):
            return None
    if r_end == core_end:  # nothing after the number: every group is unset
        s1 = s1b = x = None
        scale = 1.0
        unit_kind = unit = cur_word = None
    else:
        s1, s1b, x = r.group("s1", "s1b", "x")
        scale = _scale(s1, g) if s1 and numeric else 1.0
        unit_kind, unit, cur_word = _unit(r, "", g)
    if s1b and numeric:
        scale = _scale(s1b, g)  # "75 USD million"
    if x:
        unit_kind, unit = "multiplier", "x"
    elif s1 or not numeric:
        # compound figures: "مليونان وخمسمائة ألف دولار", "مليار ونصف المليار", "2 billion and 500 million"
        a = g.addend.match(text, r.end("s1") if s1 else core_end)
        if a is not None:
            unit_scale = scale if s1 else value / 2 if kind_of_core == "dual" else value
            if a.group("tail"):
                add = lx.fraction_tails[_ws(a.group("tail"))] * unit_scale
            else:
                av, _ = _number(a.group("an"), g)
                a_scale = _scale(a.group("as"), g)
                add = av * a_scale if av is not None and a_scale < unit_scale else None
            ru = g.right_unit.match(text, a.end())
            if add is not None and not (lx.compound_scales or a.group("tail") or ru.end() > a.end()):
                add = None  # "$190 billion and 47 million shares": two figures where compounds are rare
            if add is not None:
                value += add / scale
                r = ru
                unit_kind, unit, cur_word = _unit(r, "", g)
                end = max(r.end(), a.end())
    start = ns
    qualifier = None
    cur1 = None
    if left is _UNSET:
        left, loff = _left(text, ns, g)
    if (unit_kind is None and kind_of_core == "word" and value == 1.0
            and _ws(word) in lx.after_noun_words):
        ln = g.left_noun.search(text, max(0, ns - _LEFT_WINDOW), ns)
        if ln is not None:  # "سنت واحد": one cent
            cur_word = lx.suffix_currencies[_ws(ln.group("lcur"))]
            unit_kind, unit, start = "money", cur_word.code, ln.start("lcur")
            left = None
    if left is not None:  # (an empty match is None)
        cur1 = left.currency
        pctpre, pctw, signw = left.pctpre, left.pctw, left.signw
        if pctpre is not None and unit_kind is None and not _digit_before(text, loff + left.pctpre_at):
            unit_kind, unit = "percent", "%"
            start = loff + left.pctpre_at
        if (pctw is not None and unit_kind is None and cur1 is None and digits and scale == 1.0
                and not _year_like(m) and not _digit_before(text, loff + left.pctw_at)):
            unit_kind, unit = "percent", "%"  # «بنسبة 10», "percent of 10"
            start = loff + left.pctw_at
        if cur1 is not None and unit_kind in (None, "money"):
            unit_kind, unit, cur_word = "money", cur1.code, cur_word or cur1
            start = loff + left.cur1_at
        if left.sign and unit_kind in ("percent", "money", None):
            if left.sign == "-":
                value = -value
            start = min(start, loff + left.sign_at)
        if signw is not None and unit_kind in ("percent", "percentage_point", "money", None):
            value *= lx.sign_words[_ws(signw)]  # "minus 5 percent", «سالب 5%»
            start = min(start, loff + left.signw_at)
        if left.qual and (unit_kind or scale != 1.0 or digits) and not (
                pctw is not None and start != loff + left.pctw_at):
            qualifier = left.qualifier
            start = loff + left.qual_at
    if (unit_kind == "money" and scale == 1.0 and digits and getattr(cur_word, "divisor", 1.0) == 1.0
            and getattr(cur_word, "scale", 1.0) == 1.0):
        st = g.subunit_tail.match(text, end)  # "3 dollars 50 cents" is 3.50
        if st is not None:
            sub = lx.suffix_currencies[_ws(st.group("sub"))]
            if sub.code == cur_word.code:
                value += float(st.group("n")) / sub.divisor
                end = st.end()
    kind = unit_kind or _classify(kind_of_core, digits, m, value, scale, unit_kind)
    if kind is None:
        return None
    if kind in ("percent", "percentage_point", "basis_point", "duration", "multiplier"):
        full = value
    else:
        full = value * scale
    if kind == "duration" and unit == "decade":
        full, unit = full * 10, "year"
    if kind == "money":
        full = _in_units(full, cur_word)
    if kind == "year":
        unit = None
    if kind == "count":
        unit = None
    return [_Cand(start, end, kind, full, unit, qualifier, group, cur_word)]


_OPEN_PUNCT = "\"'([{“‘"
_NO_LEFT = (None, 0)
_UNSET = object()


def _left(text: str, ns: int, g: Grammar) -> tuple[_Left | None, int]:
    """The qualifier, range opener, percent word, currency and sign before a core ending at ``ns``:
    (what ``g.left.search(text, max(0, ns - _LEFT_WINDOW), ns)`` found, the offset in ``text`` of
    the positions it gives), or (None, 0) when it found nothing. The word before a spaced core must be the last word of one of those phrases (with a
    clitic, or an opening quote or bracket, before it), and a core glued to what precedes it
    must follow the last character of one of them: otherwise the regex search is skipped."""
    if ns == 0:
        return _NO_LEFT
    c = text[ns - 1]
    if c.isspace():
        if ns > 2:
            # The word before (if the space is one character) ends with a word of ``left_last``:
            # so do its last two characters, unless that word has one, which is then the last.
            ends = text[ns - 3:ns - 1]
            if ends not in g.left_last_ends and ends[1] not in g.left_last_ends and not ends[1].isspace():
                return _NO_LEFT
        tok = _word_before(text, ns)
        if "-" in tok[:-1]:
            tok = tok.rsplit("-", 1)[1] or tok  # "3-plus trillion"
        last = g.left_last
        if tok not in last:
            clitics = g.lex.clitics
            if not (tok[:1] in clitics and (tok[1:] in last or (tok[1:2] in clitics and tok[2:] in last))):
                return _NO_LEFT
    elif c not in g.left_end_chars:
        return _NO_LEFT  # a non-empty match ends with a space or the last character of a phrase
    lo = ns - _LEFT_WINDOW if ns > _LEFT_WINDOW else 0
    bound = _left_bound(text, lo, ns, g)
    # The match lies in [bound, ns) and its look-behinds see one character before it: that text
    # decides it. A "\0" before the text's start looks behind as the start does.
    key = text[bound - 1:ns] if bound else "\0" + text[:ns]
    seen = g.left_seen
    found = seen.get(key, _UNSET)
    if found is _UNSET:
        if len(seen) >= _SEEN_LEFTS:
            seen.clear()  # bounded memory over any number of documents
        m = g.left.search(key, 1)
        found = seen[key] = _Left(m, g) if m is not None and m.end() > m.start() else None
    return (found, bound - 1) if found is not None else _NO_LEFT


_SEEN_LEFTS = 4096
_LEFT_GROUPS = ("qual", "opener", "pctw", "cur1", "sign", "signw", "pctpre")  # every group of ``Grammar.left``


class _Left:
    """What a non-empty ``left`` match found, read once (``Grammar.left_seen`` keeps it by the
    text it was found in): each group's text (None when unset, or absent from the language's
    pattern), its start in that text (``<group>_at``), and the currency and qualifier named."""

    __slots__ = _LEFT_GROUPS + tuple(name + "_at" for name in _LEFT_GROUPS) + ("currency", "qualifier")

    def __init__(self, m: re.Match, g: Grammar) -> None:
        gd = m.groupdict()
        for name in _LEFT_GROUPS:
            v = gd.get(name)
            setattr(self, name, v)
            setattr(self, name + "_at", m.start(name) if v is not None else -1)
        self.currency = g.lex.prefix_currencies.get(_ws(self.cur1)) if self.cur1 else None
        self.qualifier = g.lex.qualifiers.get(_ws(self.qual)) if self.qual else None


_WORD_REACH = 64  # characters looked at, before a core, for the word before it (longer: walked back)


def _word_before(text: str, ns: int) -> str:
    """The whitespace-delimited word that ends before the whitespace ending at ``ns``, without the
    opening quotes and brackets before it ("" at the start of the text)."""
    lo = ns - _WORD_REACH if ns > _WORD_REACH else 0
    parts = text[lo:ns].rsplit(None, 1)
    if len(parts) == 2 or (lo == 0 and parts and not text[0].isspace()):
        return parts[-1].lstrip(_OPEN_PUNCT)
    return _walk_back(text, ns)  # the word reaches beyond the window, or the window is all whitespace


def _walk_back(text: str, ns: int) -> str:
    """``_word_before`` by its definition: one character at a time back from ``ns``."""
    j = ns - 1
    while j > 0 and text[j - 1].isspace():
        j -= 1
    k = j
    while k > 0 and not text[k - 1].isspace():
        k -= 1
    return text[k:j].lstrip(_OPEN_PUNCT)


def _left_bound(text: str, lo: int, ns: int, g: Grammar) -> int:
    """A position at or before the start of ``g.left``'s match ending at ``ns`` (searching from
    ``lo`` costs a try at every position of the 48-character window).

    A whitespace-delimited word wholly inside that match is made of phrase words
    (``Grammar.left_token``); walking back over such words, the first other word is where the
    match starts at the earliest: inside it (after a bracket or a digit), or after it."""
    seg = text[lo:ns]
    words = seg.split()
    cache = g.left_words_seen
    i = len(words) - 1
    while i >= 0:
        inside = cache.get(words[i])
        if inside is None:
            inside = cache[words[i]] = _left_word(words[i], g)
        if inside:
            break
        i -= 1
    if i < 0 or (i == 0 and not seg[0].isspace()):
        return lo  # every word is inside, or the first other one reaches the window's start
    # The match does not hold this whole word; it starts inside it, or after it.
    head = seg.rsplit(None, len(words) - 1 - i)[0] if i < len(words) - 1 else seg.rstrip()
    return lo + len(head) - len(words[i]) + inside


def _left_word(word: str, g: Grammar) -> int:
    """0 when a whole word can lie inside a ``left`` match (``Grammar.left_token``), else the
    offset in it where such a match can start at the earliest (its length: after it). Neither
    pattern looks outside the word, so the word alone decides (``Grammar.left_words_seen``)."""
    if len(g.left_words_seen) >= _SEEN_WORDS:
        g.left_words_seen.clear()  # bounded memory over any number of documents
    if g.left_token.fullmatch(word) is not None:
        return 0
    inner = g.left_inner.search(word, 1)
    return inner.start() if inner is not None else len(word)


_SEEN_WORDS = 1 << 14  # about 2 MB at most per language


def _in_units(full: float, cw) -> float:
    """A money figure in whole currency units: cents are divided, MUSD multiplied."""
    return full / getattr(cw, "divisor", 1.0) * getattr(cw, "scale", 1.0)


def _year_like(m: re.Match) -> bool:
    raw = m.group("num") or ""
    return len(raw) == 4 and raw.isdigit() and _YEAR_RANGE[0] <= int(raw) <= _YEAR_RANGE[1]


def _shared_unit(text, m, left, loff, r, g: Grammar, group, v1, digits1, ns) -> list[_Cand] | None:
    """«عند 53 و48 دولارًا», "53 and 48 dollars": two figures sharing the unit written after the second."""
    if not digits1 or _year_like(m) or r.group("s1") or r.group("cur2") or (left and left.cur1):
        return None
    k1, _, _ = _unit(r, "a_", g)
    k2, u2, cw2 = _unit(r, "", g)
    if k1 is not None or k2 not in ("money", "percent"):
        return None
    v2, digits2 = _number(r.group("n2"), g)
    if v2 is None or not digits2 or not v1 or not v2 or not 0.1 <= v1 / v2 <= 10:
        return None
    s2 = _scale(r.group("s2"), g)
    out = []
    for v, s, e, grp in ((v1, ns, m.end("num"), group), (v2, r.start("n2"), r.end(), -group)):
        full = v if k2 == "percent" else _in_units(v * s2, cw2)
        out.append(_Cand(s, e, k2, full, u2, None, grp, cw2))
    if left and left.qual:
        out[0].start = loff + left.qual_at
        out[0].qualifier = left.qualifier
    return out


def _digit_before(text: str, i: int) -> bool:
    j = i - 1
    while j >= 0 and text[j] == " ":
        j -= 1
    return j >= 0 and text[j].isdigit()


def _ws(s: str) -> str:
    return " ".join(s.split())


_UNIT_GROUPS = {p: tuple(p + n for n in ("cur", "pct", "pp", "bp", "dur", "fold")) for p in ("", "a_")}


def _unit(r: re.Match, prefix: str, g: Grammar):
    """(kind, unit, currency word) of the unit group matched by ``r``."""
    cur, pct, pp, bp, dur, fold = r.group(*_UNIT_GROUPS[prefix])
    if cur:
        cw = g.lex.suffix_currencies[_ws(cur)]
        return "money", cw.code, cw
    if pct:
        return "percent", "%", None
    if pp:
        return "percentage_point", "pp", None
    if bp:
        return "basis_point", "bp", None
    if dur:
        return "duration", g.lex.durations[_ws(dur)], None
    if fold:
        return "multiplier", "x", None
    return None, None, None


def _classify(core: str, digits: bool, m: re.Match, value: float, scale: float, unit_kind: str | None):
    if unit_kind:
        return unit_kind
    if core == "sscale":
        return None  # "مليار" alone is not a figure; "مليار دولار" has a unit
    if core == "dual":
        return "count"
    if not digits:
        return "count" if scale != 1.0 else None
    raw = m.group("num")
    if (scale == 1.0 and len(raw) == 4 and raw.isdigit()
            and _YEAR_RANGE[0] <= int(raw) <= _YEAR_RANGE[1]):
        return "year"
    return "count"


def _range(text, m, left, loff, r, g: Grammar, group, v1, digits1, ns) -> list[_Cand] | None:
    lx = g.lex
    if r.group("s1") is None and r.group("a_cur") is None and not (left and left.cur1):
        if _year_like(m):
            return None  # "cut spending in 2015 to $33 billion": a year never starts a range
        if not digits1 and v1 < 1:
            return None  # "in the quarter to $254 million"
    v2, digits2 = _number(r.group("n2"), g)
    if v2 is None:
        return None
    s1 = _scale(r.group("s1"), g)
    s2 = _scale(r.group("s2"), g)
    k1, u1, cw1 = _unit(r, "a_", g)
    k2, u2, cw2 = _unit(r, "", g)
    cur1 = left.currency if left and left.cur1 else None
    cur2 = lx.prefix_currencies.get(_ws(r.group("cur2"))) if r.group("cur2") else None
    if cur1 and k1 is None:
        k1, u1, cw1 = "money", cur1.code, cur1
    if cur2 and k2 is None:
        k2, u2, cw2 = "money", cur2.code, cur2
    start1 = loff + left.cur1_at if cur1 else ns
    if left and left.qual:
        start1 = loff + left.qual_at
    separate = k1 is not None and k2 is not None
    if separate and (k1 != k2 or u1 != u2):
        return None  # "rose 15% to 16.2 billion yuan": two figures, not a range
    if k2 is None:
        # "$5-7 billion": the currency before the first number covers both ends;
        # otherwise ("1.8% to 11,250", "$5 billion to 15") it is not a range
        if not (cur1 and r.group("a_cur") is None and r.group("s1") is None and k1 == "money"):
            return None
        k2, u2, cw2 = k1, u1, cw1
        separate = False
    if k1 is None:
        k1, u1, cw1 = k2, u2, cw2
    if r.group("s1") is None and s1 == 1.0:
        s1 = s2
    out = []
    for kind, unit, cw, v, sc, qual in ((k1, u1, cw1, v1, s1, "range_from"), (k2, u2, cw2, v2, s2, "range_to")):
        full = v if kind in ("percent", "percentage_point", "basis_point", "duration", "multiplier") else v * sc
        if kind == "money":
            full = _in_units(full, cw)
        out.append(_Cand(start1, r.end(), kind, full, unit, qual, group, cw))
    if separate:
        out[0].end = r.start("conn") if r.group("conn") else r.start("conn_open")
        while out[0].end > out[0].start and text[out[0].end - 1] == " ":
            out[0].end -= 1
        out[1].start = r.start("cur2") if r.group("cur2") else r.start("n2")
        out[1].group = -group  # two figures, not one range
    return out


def _plain_numbers(text, m, r, g, group, v1, digits1, ns) -> list[_Cand] | None:
    if not digits1:
        return None
    raw = m.group("num")
    kind = "year" if (len(raw) == 4 and raw.isdigit() and 1900 <= int(raw) <= 2100) else "count"
    return [_Cand(ns, m.end("num"), kind, v1, None, None, group)]


# --- fiscal periods and multipliers -----------------------------------------

def _fiscal(m: re.Match, g: Grammar, group: int) -> _Cand | None:
    fz = g.lex.fiscal
    if m.group("fq") or m.group("fq2"):
        fq = _ws(m.group("fq") or m.group("fq2"))
        ordinal = fz["ordinals"].get(_ws(m.group("ord") or m.group("ord2")))
        unit = "quarter" if fq in fz["quarter"] else "half"
        start = m.start("ord") if m.group("ord") else m.start("fq2")
        if m.group("fq2") and fq in fz["clitic_forms"]:
            start = m.start("fqc")  # «للربع الأول»: the clitic is the dropped article's letter
        return _Cand(start, m.end(), "fiscal_period", float(ordinal), unit, None, group)
    if m.group("qtag"):
        tag = m.group("qtag")
        digit = int(re.sub(r"\D", "", tag))
        unit = "half" if "h" in tag else "quarter"
        return _Cand(m.start("qtag"), m.end(), "fiscal_period", float(digit), unit, None, group)
    if m.group("fy"):
        y = m.group("y5")
        year = int(y) + (2000 if len(y) == 2 else 0)
        return _Cand(m.start("fy"), m.end(), "fiscal_period", float(year), "fiscal_year", None, group)
    return None


def _misc(text: str, m: re.Match, g: Grammar, group: int) -> _Cand | None:
    lx = g.lex
    mult = lx.multipliers
    if _has(m, "dverb"):
        t = g.times_after.match(text, m.end())
        if t:
            if t.group("tw"):
                v = mult["times_words"][_ws(t.group("tw"))]
            else:
                v, _ = _number(t.group("n"), g)
                if v is None:
                    return None
            qual = lx.qualifiers.get(_ws(t.group("qual"))) if t.group("qual") else None
            return _Cand(m.start("dverb"), t.end(), "multiplier", v, "x", qual, group)
        return _Cand(m.start("dverb"), m.end("dverb"), "multiplier", 2.0, "x", None, group)
    if _has(m, "foldw"):
        return _Cand(m.start("foldw"), m.end("foldw"), "multiplier", mult["fold_words"][_ws(m.group("foldw"))],
                     "x", None, group)
    if _has(m, "timesw"):
        start = m.start("timesw")
        qual = None
        left = g.left.search(text, max(0, start - _LEFT_WINDOW), start)
        if left and left.group("qual"):
            qual = lx.qualifiers.get(_ws(left.group("qual")))
            start = left.start("qual")
        return _Cand(start, m.end("timesw"), "multiplier", mult["times_words"][_ws(m.group("timesw"))],
                     "x", qual, group)
    if _has(m, "ddur"):
        return _Cand(m.start("ddur"), m.end("ddur"), "duration", 2.0, lx.dual_durations[_ws(m.group("ddur"))],
                     None, group)
    if _has(m, "defdur"):
        v = lx.words.get(m.group("defnum"))
        if not v or v < 1:
            return None
        return _Cand(m.start("defdur"), m.end(), "duration", v, lx.definite_durations[_ws(m.group("defdur"))],
                     None, group)
    return None


def _has(m: re.Match, name: str) -> bool:
    return name in m.re.groupindex and m.group(name) is not None


# --- output -----------------------------------------------------------------

_CONTEXT_REACH = 400  # characters around an amount within which a country word decides a shared currency word


def _context_unit(c: _Cand, text: str, ctx_at: dict[str, list[int]]) -> str | None:
    """The currency a shared word («دينار», «ريال») stands for here: the country word nearest the
    amount within reach («بنك الكويت الدولي ... 10.4 مليون دينار» is Kuwaiti even in a story that
    names Jordan elsewhere), else the first whose country the document names, else None (the default)."""
    best, best_d, anywhere = None, _CONTEXT_REACH + 1, None
    for code, cues in c.cur_word.context:
        for cue in cues:
            at = ctx_at.get(cue)
            if at is None:
                at, k = [], text.find(cue)
                while k >= 0:
                    at.append(k)
                    k = text.find(cue, k + 1)
                ctx_at[cue] = at
            if not at:
                continue
            anywhere = anywhere or code
            i = bisect_left(at, c.start)
            # a country named before the amount weighs more than one after it (writers name it first)
            d = min([c.start - at[j] if at[j] <= c.start else 2 * (at[j] - c.start) for j in (i - 1, i) if 0 <= j < len(at)])
            if d < best_d:
                best, best_d = code, d
    return best or anywhere


def _to_quantities(cands: list[_Cand], norm: Normalized) -> list[Quantity]:
    out = []
    ctx_at: dict[str, list[int]] = {}
    same = norm.is_identity()
    raw = norm.raw
    for c in cands:
        unit = c.unit
        if c.kind == "money" and c.cur_word is not None and getattr(c.cur_word, "context", None):
            unit = _context_unit(c, norm.text, ctx_at) or unit
        if same and c.end > c.start:
            s, e = c.start, c.end
        else:
            s, e = norm.span_to_raw(c.start, c.end)
        out.append(Quantity(c.kind, c.value, unit, s, e, raw[s:e], c.qualifier, None, None, EXTRACTOR))
    return _bracketed_counts(out, raw)


_BRACKET_GAP = re.compile(r"\)\s{0,2}")


def _bracketed_counts(out: list[Quantity], raw: str) -> list[Quantity]:
    """«بقيمة (174) مليون ريال»: a number in brackets before a scale and currency with no number of
    their own is that amount (174 million riyals), not a count and "a million riyals"."""
    merged: list[Quantity] = []
    for q in out:
        prev = merged[-1] if merged else None
        if (q.kind == "money" and prev is not None and prev.kind == "count" and prev.start > 0
                and raw[prev.start - 1] == "(" and _BRACKET_GAP.fullmatch(raw, prev.end, q.start)
                and not any(ch.isdigit() for ch in q.text)):
            s = prev.start - 1
            merged[-1] = Quantity("money", prev.value * q.value, q.unit, s, q.end, raw[s:q.end], q.qualifier,
                                  None, None, EXTRACTOR)
            continue
        merged.append(q)
    return merged
