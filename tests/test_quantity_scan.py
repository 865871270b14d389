"""The shortcuts of the quantity scanner give exactly what the plain patterns give.

``quantities.scan`` avoids work that cannot change its result (a regex search that can only
find nothing, a walk back character by character, alternatives that cannot start at a digit).
These tests hold each shortcut to its plain definition, on real articles of both languages
and on the edge cases of each.
"""
from __future__ import annotations

import json
from pathlib import Path

import pytest

import marsad
from marsad.extractors import quantities as Q
from marsad.extractors.patterns import grammar
from marsad.normalize import normalize

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"
DOCS = 300


def articles(lang: str, n: int = DOCS) -> list[str]:
    """The normalised text of the first ``n`` articles of ``lang``."""
    path = CORPUS / f"{lang}-news.jsonl"
    assert path.exists(), f"corpus not found at {path}: the shared/ folder must sit beside the repository"
    out = []
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            out.append(normalize(json.loads(line)["text"]).text)
            if len(out) >= n:
                break
    return out


EXTRA = {
    "en": ["about $5 billion", "(5) million", "rose to 5%", "up from $4.5bn", "nearly 3-plus trillion",
           "between 5 and 7 percent", "usd5 million", "\"5 million\"", "5", " 5", "  \n 7 percent",
           "x" * 100 + " 5 dollars", "minus 5 percent", "-5%", "at least $ 3 million"],
    "ar": ["نحو 5 مليارات دولار", "(174) مليون ريال", "بنسبة 10", "وبنحو 3 ملايين", "ما بين 5 و7 بالمئة",
           "usd5 مليون", "sr7 مليار", "«5 ملايين»", "5", "ارتفع بنسبة %5", "ب" * 100 + " 5 دولارات",
           "سالب 5%", "بزيادة قدرها 5 بالمئة"],
}


def core_starts(text: str, g) -> list[int]:
    """Where ``scan`` finds a number core: every start position whose core match succeeds."""
    out = []
    for p in Q._start_positions(text, g):
        if g.core.match(text, p) is not None:
            out.append(p)
    return out


def described(m):
    """A match as comparable data; an empty match is the same as none."""
    if m is None or m.end() == m.start():
        return None
    return m.span(), {k: (m.span(k), v) for k, v in m.groupdict().items()}


def left_found(m):
    """A ``left`` match as ``_left`` gives it: the start and text of each group set; an empty match
    is the same as none."""
    if m is None or m.end() == m.start():
        return None
    return {k: (m.start(k), v) for k, v in m.groupdict().items() if v is not None}


def left_got(found):
    """What ``_left`` gave, as ``left_found`` describes a match."""
    left, off = found
    if left is None:
        return None
    return {k: (off + getattr(left, k + "_at"), getattr(left, k)) for k in Q._LEFT_GROUPS if getattr(left, k) is not None}


@pytest.mark.parametrize("lang", ["ar", "en"])
def test_left_is_the_plain_search_before_every_core(lang):
    g = grammar(lang)
    assert set(g.left.groupindex) <= set(Q._LEFT_GROUPS)  # ``_left`` reads every group
    checked = found = 0
    for text in articles(lang) + EXTRA[lang]:
        for p in core_starts(text, g):
            m = g.core.match(text, p)
            cores = [m.start(k) for k in ("num", "word", "dual") if m.group(k)]  # where ``_from_core`` looks left
            for ns in {p, *cores}:
                want = left_found(g.left.search(text, max(0, ns - Q._LEFT_WINDOW), ns))
                assert left_got(Q._left(text, ns, g)) == want, (lang, text[max(0, ns - 60):ns + 10])
                checked += 1
                found += want is not None
    assert checked > 1000 and found > 100  # the comparison covered many cores, with and without a left part


walk_back = Q._walk_back  # the word before the whitespace that ends at ``ns``, one character at a time


@pytest.mark.parametrize("text", [
    "rose to 5", "\"about 5", "(نحو 5", " 5", "   5", "\n\t 5", "a\u2003 5", "w" * 200 + " 5",
    " " + "w" * 200 + " 5", "x " + " " * 100 + "5", " " * 100 + "5", "ارتفع إلى\n 5", "word  \n  5",
])
def test_word_before_is_the_walk_back(text):
    ns = len(text) - 1  # the core is the final "5"
    assert text[ns - 1].isspace()
    assert Q._word_before(text, ns) == walk_back(text, ns)


@pytest.mark.parametrize("lang", ["ar", "en"])
def test_word_before_on_articles(lang):
    n = 0
    for text in articles(lang, 100):
        for ns in range(1, len(text)):
            if text[ns - 1].isspace() and not text[ns].isspace():
                assert Q._word_before(text, ns) == walk_back(text, ns)
                n += 1
    assert n > 10000


@pytest.mark.parametrize("lang", ["ar", "en"])
def test_digit_pattern_matches_as_the_full_one(lang):
    g = grammar(lang)
    n = 0
    for text in articles(lang) + EXTRA[lang]:
        for p in Q._start_positions(text, g):
            if "0" <= text[p] <= "9":
                a, b = g.core_digit.match(text, p), g.core.match(text, p)
                assert (a and (a.span(), a.groupdict())) == (b and (b.span(), b.groupdict())), text[p:p + 30]
                n += 1
    assert n > 1000


@pytest.mark.parametrize("lang, text, want", [
    ("en", "The firm paid usd5 million and eur10 billion.", [("usd5 million", "USD", 5e6), ("eur10 billion", "EUR", 1e10)]),
    ("en", "It owes sr7 and kd3.", [("sr7", "SAR", 7.0), ("kd3", "KWD", 3.0)]),
    ("ar", "دفعت الشركة usd5 مليون و sr7 مليار", [("usd5 مليون", "USD", 5e6), ("sr7 مليار", "SAR", 7e9)]),
])
def test_a_number_glued_to_a_currency_code_is_money(lang, text, want):
    got = [(q.text, q.unit, q.value) for q in marsad.extract(text, lang=lang).quantities if q.kind == "money"]
    assert got == want


@pytest.mark.parametrize("lang, text", [("en", "about $5 billion, (7) and 3.5%"), ("ar", "نحو 5 مليارات دولار، (7) و3.5%")])
def test_left_end_characters_cover_every_left_phrase(lang, text):
    g = grammar(lang)
    lx = g.lex
    for phrase in list(lx.qualifiers) + list(lx.prefix_currencies) + ["%", "+", "-"]:
        assert phrase.rstrip()[-1] in g.left_end_chars
    assert "(" not in g.left_end_chars and "7" not in g.left_end_chars
    assert marsad.extract(text, lang=lang).quantities  # the grammar builds and scans


@pytest.mark.parametrize("lang", ["ar", "en"])
def test_start_positions_hold_every_position_where_a_quantity_can_start(lang):
    """Trying the start positions only finds what trying every position finds."""
    g = grammar(lang)
    n = 0
    for text in articles(lang, 150) + EXTRA[lang]:
        starts = Q._start_positions(text, g)
        assert starts == sorted(set(starts))
        every = [p for p in range(len(text)) if g.core.match(text, p) is not None]
        assert set(every) <= set(starts), [text[p:p + 20] for p in set(every) - set(starts)]
        for p in starts:
            if "0" <= text[p] <= "9":
                assert p == 0 or not "0" <= text[p - 1] <= "9"  # a digit, not right after another
        n += len(every)
    assert n > 1000


@pytest.mark.parametrize("words, inside, outside", [
    (["billion", "bn", "$", "a b", "-x", "]y", "^z", "\\w"], ["b", "$", "a", "-", "]", "^", "\\"], ["c", " ", "x"]),
    ([" leading", "x"], [" ", "\t", "\n", "x"], ["l", "y"]),
    (["مليار", "ألف"], ["م", "أ"], ["ا", "5"]),
])
def test_first_chars_accepts_exactly_the_first_characters(words, inside, outside):
    from marsad.extractors.patterns import first_chars
    import re
    rx = re.compile(first_chars(words))
    for c in inside:
        assert rx.match(c + "…"), c
    for c in outside:
        assert not rx.match(c + "…"), c
    assert not re.match(first_chars([]), "anything")


PATTERNS = ("core", "core_digit", "right_range", "right_simple", "frac", "addend", "right_unit", "fiscal", "left_token")


@pytest.mark.parametrize("lang", ["ar", "en"])
def test_first_character_guards_change_no_match(lang):
    """The grammar with its fail-fast lookaheads matches what it matches without them, at every
    position of real articles (the right-side patterns after every number)."""
    from marsad.extractors.patterns import build_grammar
    fast, plain = grammar(lang), build_grammar(lang, guarded=False)
    assert fast.core.pattern != plain.core.pattern and fast.right_simple.pattern != plain.right_simple.pattern
    n = 0
    for text in articles(lang, 60) + EXTRA[lang]:
        for p in range(len(text)):
            for name in PATTERNS:
                if name in ("core", "core_digit", "fiscal") or text[p - 1:p].isdigit() or text[p:p + 1].isspace():
                    a, b = getattr(fast, name).match(text, p), getattr(plain, name).match(text, p)
                    assert (a and (a.span(), a.groupdict())) == (b and (b.span(), b.groupdict())), (name, text[p:p + 30])
                    n += 1
        for ns in core_starts(text, g=fast):  # the left side, as ``_left`` searches it
            lo = max(0, ns - Q._LEFT_WINDOW)
            assert described(fast.left.search(text, lo, ns)) == described(plain.left.search(text, lo, ns))
    assert n > 100000


@pytest.mark.parametrize("lang", ["ar", "en"])
def test_resolve_shortcut_keeps_what_the_overlap_rules_keep(lang, monkeypatch):
    g = grammar(lang)
    seen = []
    resolve = Q._resolve

    def recording(cands):
        seen.append(list(cands))
        return resolve(cands)

    monkeypatch.setattr(Q, "_resolve", recording)
    for text in articles(lang, 200) + EXTRA[lang] + ["5 to 7 percent, 3-4 billion", "بين 5 و7 بالمئة"]:
        Q.scan(text, g)
    monkeypatch.undo()
    kinds = {"shortcut": 0, "overlaps": 0}
    for cands in seen:
        want = [(c.start, c.end, c.kind, c.value, c.group) for c in Q._resolve_overlaps(list(cands))]
        assert [(c.start, c.end, c.kind, c.value, c.group) for c in Q._resolve(list(cands))] == want
        groups = [c.group for c in cands]
        kinds["overlaps" if len(set(groups)) < len(groups) else "shortcut"] += 1
    assert kinds["shortcut"] > 100 and kinds["overlaps"] > 5  # both paths ran


@pytest.mark.parametrize("raw, agency, value", [
    ("2006", None, 2006.0), ("12.5", None, 12.5), ("1,234", None, 1234.0), ("1,234.5", None, 1234.5),
    ("1,5", None, 1.5), ("3,25", None, 3.25), ("12,000,000", None, 12e6), ("6ر22", "ر", 22.6), ("622", "ر", 622.0),
])
def test_parse_digits(raw, agency, value):
    assert Q.parse_digits(raw, agency) == value


def bound_by_walking(text: str, lo: int, ns: int, g) -> int:
    """``_left_bound`` one character at a time: back over whole words made of phrase words."""
    j = ns
    while True:
        while j > lo and text[j - 1].isspace():
            j -= 1
        k = j
        while k > lo and not text[k - 1].isspace():
            k -= 1
        if k == j or k == lo:
            return k
        if g.left_token.fullmatch(text, k, j) is None:
            inner = g.left_inner.search(text, k + 1, j)
            return inner.start() if inner is not None else j
        j = k


@pytest.mark.parametrize("lang", ["ar", "en"])
def test_left_bound_is_the_walk_back(lang):
    g = grammar(lang)
    edge = {"en": ["  $5", "$5", "rose to $5", "at least about $ 5", "x(about $5", "  \n about  $ 5", "word$5",
                   "about about about about about about about about about about $5", "from-5"],
            "ar": ["  بنحو 5", "ارتفع إلى 5", "وبنحو نحو 5", "(نحو 5", "5"]}[lang]
    n = 0
    for text in articles(lang, 100) + edge:
        for ns in range(1, len(text) + 1):
            if ns == len(text) or text[ns].isdigit():
                lo = max(0, ns - Q._LEFT_WINDOW)
                assert Q._left_bound(text, lo, ns, g) == bound_by_walking(text, lo, ns, g), text[lo:ns]
                n += 1
    assert n > 1000


def test_left_words_seen_stay_bounded(monkeypatch):
    g = grammar("en")
    monkeypatch.setattr(Q, "_SEEN_WORDS", 50)
    g.left_words_seen.clear()
    text = " ".join(f"word{i} about $5" for i in range(200))
    want = [(q.start, q.value, q.qualifier) for q in marsad.extract(text, lang="en").quantities]
    assert len(g.left_words_seen) <= 50
    assert want and all(v == 5.0 and qual == "about" for _, v, qual in want)
    g.left_words_seen.clear()


@pytest.mark.parametrize("lang, texts", [
    ("en", ["about $5 billion", "rose about $5 billion", "\x00about $5", "(about $5", "up to $5", "-5%"]),
    ("ar", ["نحو 5 مليارات دولار", "ارتفع بنحو 5 مليارات", "\x00$5 مليار", "سالب 5%"]),
])
def test_left_remembers_by_the_text_it_depends_on(lang, texts, monkeypatch):
    """A match found again (from the memory) has the offsets of its own place in the text;
    the memory stays bounded."""
    g = grammar(lang)
    monkeypatch.setattr(Q, "_SEEN_LEFTS", 3)
    g.left_seen.clear()
    for text in texts * 3:
        for ns in core_starts(text, g):
            want = left_found(g.left.search(text, max(0, ns - Q._LEFT_WINDOW), ns))
            assert left_got(Q._left(text, ns, g)) == want
            assert left_got(Q._left(text, ns, g)) == want  # from the memory
            assert len(g.left_seen) <= 3
    g.left_seen.clear()
