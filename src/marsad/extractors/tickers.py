"""Organisations marked by a stock ticker ("Lehman Brothers Holdings Inc ( LEH.N )",
"Puma's ( PUMG.DE )", "Palm Inc PALM.O"): the name before the ticker is a listed company,
whether or not the knowledge base knows it. Country possessives and leading function words
are not part of the name ("Australia's Nufarm Ltd" is Nufarm Ltd). Patterns are data in
``lang/<lang>/ticker_patterns.yaml``; languages without that file have no ticker names.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from marsad.errors import DataError
from marsad.lexicon import load_yaml


@dataclass(frozen=True)
class TickerName:
    start: int
    end: int
    name: str
    ticker: str


@lru_cache(maxsize=None)
def _compiled(lang: str):
    path = f"lang/{lang}/ticker_patterns.yaml"
    if not resources.files("marsad").joinpath(path).is_file():
        return None
    d = load_yaml(path, "ticker_patterns")
    try:
        word = d["name_word"]
        joiners = "|".join(re.escape(str(w)) for w in d["name_joiners"])
        # a common noun's possessive is a word of the name ("Men's Wearhouse Inc", "Children's Place")
        cue_path = f"lang/{lang}/entity_cues.yaml"
        owners = (load_yaml(cue_path, "entity_cues").get("name_possessors") or []) \
            if resources.files("marsad").joinpath(cue_path).is_file() else []
        poss = "|".join(re.escape(str(w)) for w in sorted(owners, key=len, reverse=True)) or "(?!)"
        word = rf"(?:(?:{poss})['’]s(?=[ \t])|{word})"
        name = rf"{word}(?:[ \t]+(?:{word}|{joiners}))*"
        pat = re.compile(rf"(?P<n>{name})(?P<poss>['’]s)?[ \t]*,?[ \t]*(?P<t>{d['bracketed']}|(?<![\w.]){d['bare']})")
        # every match holds a ticker: the name is looked for only before the tickers found
        ticker = re.compile(rf"{d['bracketed']}|(?<![\w.]){d['bare']}")
        # the first character of each ticker, tried only at the characters a ticker starts with
        # (written first, with the test in a look-behind, so that the regex engine skips ahead)
        ticker_at = re.compile(rf"{d['first']}(?<=(?=(?:{ticker.pattern})){d['first']})")
        # a word of a name, whole (possibly the last one, with a possessive or a comma after it)
        name_piece = re.compile(rf"(?:{word}|{joiners})(?:['’]s)?,?|,?")
    except re.error as e:
        raise DataError(f"marsad/{path}: not a valid regular expression: {e}", code="M203") from None
    return pat, frozenset(d["leading"]), (ticker, ticker_at), name_piece


_RIC_WORD = re.compile(r"[A-Z0-9]{1,7}\.[A-Z]{1,3}")  # a Reuters instrument code as a word ("AL.TO")


def find(raw: str, lang: str) -> list[TickerName]:
    """Every ticker-marked company name in ``raw`` (one regex pass; linear in the text)."""
    comp = _compiled(lang)
    if comp is None:
        return []
    pat, leading, ticker, name_piece = comp
    out = []
    for m in (m for a, b in _windows(raw, ticker, name_piece) for m in pat.finditer(raw, a, b)):
        s, e = m.span("n")
        words = raw[s:e].split()
        # drop leading function words and place possessives: "Shares of Australia's Nufarm Ltd"
        while words and (words[0] in leading or words[0] in ("of",)):
            nxt = raw.find(words[1], s + len(words[0])) if len(words) > 1 else e
            s, words = nxt, words[1:]
        while words and (words[-1] in ("and", "of", "&", "de") or (len(words) > 1 and _RIC_WORD.fullmatch(words[-1]))):
            words = words[:-1]  # "Alcan Inc AL.TO( AL.N )": the first code glued to the second is no name word
        if not words or s >= e:
            continue
        name = " ".join(words)
        e = s + len(raw[s:].split(words[-1], 1)[0]) + len(words[-1])
        if not any(ch.islower() for ch in name) and len(name) <= 3:
            continue  # "( GS.N )" style leftovers: a bare code is not a name
        out.append(TickerName(s, e, name.rstrip(".,") if name.endswith(",") else name,
                              m.group("t").strip("() ")))
    return out


def _windows(raw: str, ticker: tuple[re.Pattern, re.Pattern], name_piece: re.Pattern) -> list[tuple[int, int]]:
    """[start, end) of the stretches of ``raw`` that can hold a ticker-marked name, in order:
    ``pat.finditer`` over them finds what it finds over the whole text, without trying the
    name at every capital letter (most of its cost).

    A match of ``pat`` ends at a ticker that ``ticker`` finds (or inside one: then at its end),
    and its name and what follows it are words separated by spaces or tabs on the ticker's
    line, each a whole name word (with a possessive or a comma after it) but the first, which
    may start inside a word. So it starts at or after the first word, walking back from the
    ticker, that is not a whole name word (or the line's start)."""
    out: list[tuple[int, int]] = []
    fullmatch = name_piece.fullmatch
    ticker, ticker_at = ticker
    last = 0
    for at in ticker_at.finditer(raw):
        if at.start() < last:
            continue  # inside the ticker before (as ``ticker.finditer`` skips it)
        t = ticker.match(raw, at.start())
        last = t.end()
        line = raw.rfind("\n", 0, t.start()) + 1
        j = t.start()
        while True:
            k = j
            while k > line and raw[k - 1] not in " \t":
                k -= 1
            if fullmatch(raw, k, j) is None:
                break  # the name starts in this word at the earliest
            i = k
            while i > line and raw[i - 1] in " \t":
                i -= 1
            if i == k:
                break  # the line's start
            j = i
        if out and k < out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], t.end()))
        else:
            out.append((k, t.end()))
    return out


def short_forms(name: str, suffixes: set[str], stops: set[str], raw: str) -> list[str]:
    """The forms a wire story uses after introducing "Lehman Brothers Holdings Inc ( LEH.N )":
    the name without its corporate suffixes ("Lehman Brothers") and its first word ("Lehman")
    when that word is not an ordinary one (its lower-case form does not occur in the text)."""
    words = name.split()
    forms = [name]
    while len(words) > 1 and words[-1].rstrip(".,") in suffixes | {"Ltd", "Inc", "Co", "Corp", "Cos", "Plc", "AG"}:
        words = words[:-1]
        forms.append(" ".join(words))
    first = words[0].rstrip(".,")
    if (len(words) > 1 and len(first) >= 4 and first[0].isupper() and first not in stops
            and not _occurs(raw, first.lower())):
        forms.append(first)
    return list(dict.fromkeys(f for f in forms if len(f) >= 3))


_ALNUM_RUN = re.compile(r"[^\W_]+")


@lru_cache(maxsize=2)
def _alnum_runs(raw: str) -> frozenset[str]:
    """Every maximal run of letters and digits in ``raw`` (one pass, kept for the document)."""
    return frozenset(_ALNUM_RUN.findall(raw))


_SCAN_UP_TO = 16_384  # a text up to this long is scanned per word; a longer one's runs are looked up


def _occurs(raw: str, word: str) -> bool:
    """Does ``word`` occur in ``raw`` as a whole word (no letter or digit on either side)?
    In a long text, a word of letters and digits is looked up in the document's runs (linear
    once, not a scan per word: a 1 MB text has hundreds of names to check); a news article
    (bounded length, one or two words to check) is scanned, which costs less than listing
    its runs."""
    if len(raw) > _SCAN_UP_TO and word and _ALNUM_RUN.fullmatch(word):
        return word in _alnum_runs(raw)
    return _scan_occurs(raw, word)


def _scan_occurs(raw: str, word: str) -> bool:
    """``_occurs`` by its definition: a scan of ``raw`` for ``word`` with no letter or digit beside it."""
    i = raw.find(word)
    while i >= 0:
        if (i == 0 or not raw[i - 1].isalnum()) and (i + len(word) >= len(raw) or not raw[i + len(word)].isalnum()):
            return True
        i = raw.find(word, i + 1)
    return False


def whole_word(raw: str, s: int, e: int) -> bool:
    """Is ``raw[s:e]`` a whole word: no letter, digit or "&" right before or after it?"""
    before = raw[s - 1] if s > 0 else " "
    after = raw[e] if e < len(raw) else " "
    return not (before.isalnum() or before in "&") and not (after.isalnum() or after in "&")

