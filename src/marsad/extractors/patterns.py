"""Regex building blocks compiled from a Lexicon: one template for every language.

Phrases become trie-shaped alternations (fast to reject, longest match first);
a space inside a phrase matches any run of whitespace (wrapped wire copy).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

import ahocorasick_rs

from marsad.lexicon import Lexicon, lexicon

DIGITS = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
# A decimal comma ("1,5 مليار", "3,25%"): one or two digits after the comma, and a scale,
# currency or percent right after the number (the lookahead is filled in per language).
DECIMAL_COMMA = r"\d+,\d{{1,2}}(?![\d,])(?={after})"


def trie(words) -> str:
    """A non-capturing regex matching any of ``words``, preferring the longest."""
    root: dict = {}
    for w in {w for w in words if w}:
        node = root
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = {}

    def build(node: dict) -> str:
        end = "" in node
        alts = []
        for ch in sorted(k for k in node if k):
            piece = r"\s+" if ch == " " else re.escape(ch)
            alts.append(piece + build(node[ch]))
        if not alts:
            return ""
        body = alts[0] if len(alts) == 1 and not end else "(?:" + "|".join(alts) + ")"
        if end:
            body = "(?:" + body + ")?" if len(alts) == 1 else body + "?"
        return body

    return "(?:" + build(root) + ")" if root else "(?!)"


def first_class(*word_lists) -> str:
    """A character class of the first character of any of the words, a space standing for any
    whitespace (as ``trie`` makes it); "(?!)" when there is none."""
    chars = {w[0] for words in word_lists for w in words if w}
    if not chars:
        return "(?!)"
    ws = r"\s" if any(c.isspace() for c in chars) else ""
    return "[" + ws + "".join(re.escape(c) for c in sorted(chars) if not c.isspace()) + "]"


def first_chars(*word_lists) -> str:
    """A lookahead for the first character of any of the words: put before an alternation of
    tries of those words, it changes no match, and rejects in one test a position where none
    of them can start."""
    return f"(?={first_class(*word_lists)})"


@dataclass(frozen=True)
class Grammar:
    """Compiled patterns for one language (see ``grammar``)."""

    lex: Lexicon
    core: re.Pattern
    trigger: re.Pattern
    right_range: re.Pattern
    right_simple: re.Pattern
    left: re.Pattern
    fiscal: re.Pattern
    times_after: re.Pattern
    word_token: re.Pattern
    addend: re.Pattern       # "مليونان وخمسمائة ألف", "مليار ونصف المليار", "a billion and a half"
    frac: re.Pattern         # "one and a half [billion]", "three quarters of a [billion]", "ثلاثة أرباع [مليار]"
    frac_link: re.Pattern    # "half of a [billion]"
    subunit_tail: re.Pattern  # "3 dollars 50 cents"
    left_noun: re.Pattern    # "سنت واحد": the currency before a number word that follows its noun
    right_unit: re.Pattern   # the unit after a compound figure
    left_last: frozenset     # the last word of every phrase ``left`` can end with (a quick reject)
    core_digit: re.Pattern   # ``core`` for a position holding a digit (the same matches, faster)
    starts: ahocorasick_rs.AhoCorasick  # every digit and every first word of a quantity phrase (see ``scan``)
    left_token: re.Pattern   # a whole word that can lie inside a ``left`` match (a bound on its start)
    left_inner: re.Pattern   # a position inside a word where a ``left`` match can start
    clitic_runs: frozenset   # every run of up to two clitics that can precede a word ("" included)
    clitic_lens: tuple       # their lengths, ascending
    clitic_ends: frozenset   # the last character of every clitic
    left_end_chars: frozenset  # the last character of every phrase ``left`` can end with
    left_words_seen: dict    # word → ``quantities._left_word`` of it (filled as words are met)
    left_last_ends: frozenset  # the last two characters of every word of ``left_last``, and those of one
    left_seen: dict          # the text a ``left`` match depends on → that match (``quantities._left``)


@lru_cache(maxsize=None)
def grammar(lang: str) -> Grammar:
    """Build (once) the quantity patterns of ``lang`` from its lexicon."""
    return build_grammar(lang)


def build_grammar(lang: str, guarded: bool = True) -> Grammar:
    """The quantity patterns of ``lang``. ``guarded``: with the first-character lookaheads
    (``first_chars``) that make them fail fast; without, they match the same (tests compare)."""
    guard = first_chars if guarded else (lambda *word_lists: "")
    lx = lexicon(lang)
    clitic = f"(?:{trie(lx.clitics)}{{1,2}})??" if lx.clitics else ""
    word = trie(lx.words)
    connectors = trie(lx.connectors) if lx.connectors else "(?!)"
    wordnum = rf"{word}(?!\w)(?:(?:\s*-\s*|\s+{connectors}\s*|\s+){word}(?!\w))*"
    long_scales = [s for s in lx.scales if len(s) > 1 or not s.isascii()]
    short_scales = [s for s in lx.scales if s not in long_scales]
    word_curs = [c for c in lx.suffix_currencies if any(ch.isalnum() for ch in c)]
    sym_curs = [c for c in lx.suffix_currencies if c not in word_curs]
    pct_words = [p for p in lx.percent if any(ch.isalnum() for ch in p)]
    pct_syms = [p for p in lx.percent if p not in pct_words]
    pct_glued = rf"|(?<=\d){trie(lx.percent_glued)}(?!\w)" if lx.percent_glued else ""
    after_comma = rf"\s*(?:{trie(long_scales + word_curs + pct_words)}(?!\w)|{trie(sym_curs + pct_syms)})"
    agency = rf"\d+{re.escape(lx.agency_mark)}\d+(?!\w)|" if lx.agency_mark else ""
    number = rf"(?:{agency}{DECIMAL_COMMA.format(after=after_comma)}|{DIGITS})"
    articles = rf"(?:{trie(lx.standalone_articles)}\s+)?" if lx.standalone_articles else ""
    long_scale = trie(long_scales)
    # "250 billion", "250-billion-yuan", "$2 [billion]" (an editor's insertion), "$5bn"
    scale_first = rf"(?=\s*{first_class(lx.standalone_articles, long_scales, ['['])}|-|{first_class(short_scales)})"
    scale = ((scale_first if guarded else "")
             + rf"(?:\s*{articles}{long_scale}|-{long_scale}|\s*\[\s*{long_scale}\s*\]|{trie(short_scales)})(?!\w)")
    dual = trie(lx.dual_scales)
    standalone = trie(lx.standalone_scales)
    # a number glued to a currency code ("usd5"): one look-behind per length (each must have one
    # width), the same as one per code and faster to try
    glued_codes: dict[int, list[str]] = {}
    for c, cw in lx.prefix_currencies.items():
        if c[-1:].isascii() and c[-1:].isalpha() and cw.scale == 1.0:
            glued_codes.setdefault(len(c), []).append(re.escape(c))
    glued = "".join(rf"|(?<=\b(?:{'|'.join(codes)}))" for _, codes in sorted(glued_codes.items()))
    latin_ok = rf"(?:(?<![a-z0-9_.,]){glued})(?<![a-z]-)"

    def lead(words) -> str:
        """The first character of an alternative that begins with clitics and one of ``words``
        (a lookahead that fails at once where it cannot start; it changes no match)."""
        return guard(lx.clitics, words)

    core_alts = [
        rf"{guard('0123456789')}{latin_ok}(?P<num>{number})",
        rf"{lead(lx.words)}(?<!\w){clitic}(?P<word>{wordnum})",
        rf"{lead(lx.dual_scales)}(?<!\w){clitic}(?P<dual>{dual})(?!\w)",
        rf"{lead(lx.standalone_scales)}(?<!\w){clitic}(?P<sscale>{standalone})(?!\w)",
    ]
    core = re.compile("|".join(core_alts))
    dur_words = list(lx.durations)
    # a currency word is not one when ".x" follows ("2 p.m."); a symbol after the number is
    # not the prefix of the next one ("in 2015 $33 billion")
    units_first = guard(word_curs, sym_curs, lx.percentage_point, lx.basis_point, pct_words, pct_syms,
                              lx.percent_glued, dur_words, lx.multipliers["fold_plural"])
    units = (
        rf"{units_first}(?:"
        rf"(?P<cur>{trie(word_curs)}(?!\w|\.\w)|{trie(sym_curs)}(?!\w|\s*\d))"
        rf"|(?P<pp>{trie(lx.percentage_point)})(?!\w)"
        rf"|(?P<bp>{trie(lx.basis_point)})(?!\w)"
        rf"|(?P<pct>{trie(pct_words)}(?!\w)|{trie(pct_syms)}(?![0-9a-f]{{2}}){pct_glued})"
        rf"|(?P<dur>{trie(dur_words)})(?!\w)"
        rf"|(?P<fold>{trie(lx.multipliers['fold_plural'])})(?!\w)"
        rf")"
    )
    unit1 = units.replace("?P<", "?P<a_")
    conn = trie(lx.range_connectors)
    conn_open = trie(lx.range_connectors_open_only) if lx.range_connectors_open_only else "(?!)"
    prefix_cur = trie(lx.prefix_currencies)
    any_num = rf"(?:{number}|{wordnum})"
    right_range = re.compile(
        rf"(?P<s1>{scale})?(?:\s*(?:{unit1}))?"
        rf"\s*(?:(?P<conn>{conn})|(?P<conn_open>{conn_open}))\s*"
        rf"(?:(?<![a-z])(?P<cur2>{prefix_cur})\s*)?(?P<n2>{any_num})"
        rf"(?P<s2>{scale})?(?:\s*(?:{units}))?"
    )
    # "12-percent"; "75 USD million": a scale after a currency code (s1b) when none came before
    right_simple = re.compile(rf"(?P<x>x(?!\w))?(?P<s1>{scale})?(?:(?:\s*|-)(?:{units}))?"
                              rf"(?(s1)|(?(cur)(?P<s1b>\s*{long_scale}(?!\w))?))")
    pct_prefix = r"(?:(?P<pctpre>%)\s*)?" if lx.percent_prefix else ""
    pct_before = (rf"(?:{lead(lx.percent_before)}(?<!\w){clitic}(?P<pctw>{trie(lx.percent_before)})\s+)?" if lx.percent_before else "")
    sign_words = (rf"|(?<!\w)(?P<signw>{trie(lx.sign_words)})\s+" if lx.sign_words else "")
    left = re.compile(
        rf"(?:{lead(lx.qualifiers)}(?<!\w){clitic}(?P<qual>{trie(lx.qualifiers)})\s*)?"
        rf"(?:{lead(lx.range_openers)}(?<!\w){clitic}(?P<opener>{trie(lx.range_openers)})\s+)?"
        rf"{pct_before}"
        rf"(?:{guard(lx.prefix_currencies)}(?<![a-z])(?P<cur1>{prefix_cur})\s*)?"
        rf"(?:{guard('-+', lx.sign_words)}(?:(?<![\w%])(?P<sign>[-+]){sign_words}))?{pct_prefix}\Z"
    )
    fz = lx.fiscal
    year = r"(?:19|20)\d{2}(?!\d)"
    tails = rf"(?:\s+(?:{trie(fz['tails'])})(?!\w))?" if fz["tails"] else ""
    fiscal_alts = [
        rf"{lead(fz['ordinals'])}(?<!\w){clitic}(?P<ord>{trie(fz['ordinals'])})[\s-]+(?:fiscal\s+)?"
        rf"(?P<fq>{trie(fz['quarter'] + fz['half'])})(?!\w)"
        rf"(?:\s+of\s+(?:fiscal\s+)?(?P<y1>{year}))?(?:\s+(?P<y2>{year}))?",
        rf"{lead(fz['quarter'] + fz['half'])}(?<!\w)(?P<fqc>{clitic})(?P<fq2>{trie(fz['quarter'] + fz['half'])})\s+(?P<ord2>{trie(fz['ordinals'])})(?!\w)"
        rf"{tails}(?:\s+(?:من\s+)?(?:عام\s+)?(?P<y3>{year}))?",
        rf"{guard('qh1234')}(?<![a-z0-9])(?P<qtag>q[1-4]|[1-4]q|h[12])(?:\s+(?:fy\s*)?'?(?P<y4>{year}|\d{{2}}(?!\d)))?(?![a-z0-9])",
        rf"{lead(fz['fiscal_year'])}(?<!\w){clitic}(?P<fy>{trie(fz['fiscal_year'])})\s*'?(?P<y5>{year}|\d{{2}}(?!\d))",
    ]
    fiscal = re.compile("|".join(fiscal_alts))
    mult = lx.multipliers
    misc_parts = [
        rf"{lead(mult['double_verbs'])}(?<!\w){clitic}(?P<dverb>{trie(mult['double_verbs'])})(?!\w)" if mult["double_verbs"] else None,
        rf"{lead(mult['fold_words'])}(?<!\w){clitic}(?P<foldw>{trie(mult['fold_words'])})(?!\w)" if mult["fold_words"] else None,
        rf"{lead(mult['times_words'])}(?<!\w){clitic}(?P<timesw>{trie(mult['times_words'])})(?!\w)" if mult["times_words"] else None,
        rf"{lead(lx.dual_durations)}(?<!\w){clitic}(?P<ddur>{trie(lx.dual_durations)})(?!\w)" if lx.dual_durations else None,
        rf"{lead(lx.definite_durations)}(?<!\w){clitic}(?P<defdur>{trie(lx.definite_durations)})\s+ال(?P<defnum>{word})(?!\w)"
        if lx.definite_durations else None,
    ]
    misc_lists = [mult["double_verbs"], list(mult["fold_words"]), list(mult["times_words"]),
                  list(lx.dual_durations), list(lx.definite_durations)]
    misc = "|".join(p for p in misc_parts if p) or "(?!)"
    # Every alternative above starts with one of these words (or a digit): scanning for
    # them first is ~10x faster than running the anchored patterns at every position.
    fz_words = (list(fz["ordinals"]) + fz["quarter"] + fz["half"] + fz["fiscal_year"]
                + ["q1", "q2", "q3", "q4", "1q", "2q", "3q", "4q", "h1", "h2"])
    misc_words = (mult["double_verbs"] + list(mult["fold_words"]) + list(mult["times_words"])
                  + list(lx.dual_durations) + list(lx.definite_durations))
    first_words = {w.split()[0] for w in (list(lx.words) + list(lx.dual_scales) + lx.standalone_scales
                                          + fz_words + misc_words) if w.strip()}
    trigger = re.compile("(?:" + "|".join(str(d) for d in range(10)) + "|" + trie(first_words)[3:])
    # The same starts as one Aho-Corasick pass (4x faster than ``trigger``; a DFA, 2-4x faster
    # than an NFA here): every ASCII digit (the first ten patterns) and every occurrence of a first
    # word that does not begin with a digit; ``quantities.scan`` tries each digit that does not
    # follow one and the start of each word holding one.
    starts = ahocorasick_rs.AhoCorasick(
        list("0123456789") + sorted(w for w in first_words if not w[:1].isdigit()),
        matchkind=ahocorasick_rs.MatchKind.Standard, implementation=ahocorasick_rs.Implementation.DFA)
    every = re.compile(f"{fiscal.pattern}|{misc}|{core.pattern}")
    # The same alternatives for a position holding a digit: those that cannot begin with one
    # fail at once (each is kept, behind "(?!)", so that every group name exists).
    digit_first = any(c[:1].isdigit() for c in lx.clitics)

    def can_start(words) -> bool:
        return digit_first or any(str(w)[:1].isdigit() for w in words)

    pieces = (
        [(fiscal_alts[0], can_start(fz["ordinals"])), (fiscal_alts[1], can_start(fz["quarter"] + fz["half"])),
         (fiscal_alts[2], True), (fiscal_alts[3], can_start(fz["fiscal_year"]))]
        + [(p, can_start(w)) for p, w in zip(misc_parts, misc_lists) if p]
        + [(core_alts[0], True), (core_alts[1], can_start(lx.words)), (core_alts[2], can_start(lx.dual_scales)),
           (core_alts[3], can_start(lx.standalone_scales))])
    assert "|".join(p for p, _ in pieces) == every.pattern
    # The alternatives that can begin with a digit come first, in their order (at a digit,
    # the first of them that matches is the first of all that does), the others after them.
    every_digit = re.compile("|".join([p for p, ok in pieces if ok] + ["(?!)" + p for p, ok in pieces if not ok]))
    times_after = re.compile(
        rf"[^.!?؟؛\n0-9]{{0,60}}?(?:(?<!\w)(?P<qual>{trie(lx.qualifiers)})\s+)?"
        rf"(?:(?P<n>{any_num})\s+(?P<tp>{trie(mult['times_plural'])})"
        rf"|(?P<tw>{trie(mult['times_words']) if mult['times_words'] else '(?!)'}))(?!\w)"
    )
    word_token = re.compile(rf"{word}|{trie(lx.hundreds)}")
    conns = rf"\s+{connectors}\s*"
    tails = trie(lx.fraction_tails) if lx.fraction_tails else "(?!)"
    addend = re.compile(
        rf"\s*(?P<tail>{tails})(?!\w)(?P<ts>{scale})?"
        rf"|{conns}(?P<an>{number}|{wordnum})(?P<as>{scale})"
    )
    links = rf"(?:\s+{trie(lx.fraction_links)})?" if lx.fraction_links else ""
    nouns = trie(lx.fraction_nouns) if lx.fraction_nouns else "(?!)"
    frac = re.compile(rf"(?:\s*(?P<tail>{tails})(?!\w)|[\s-]+(?P<fn>{nouns}){links})(?={scale})")
    frac_link = re.compile(rf"{links}(?={scale})" if links else "(?!)")
    subs = [w for w, c in lx.suffix_currencies.items() if c.divisor != 1.0 and any(ch.isalpha() for ch in w)]
    subunit_tail = re.compile(rf"(?:{conns})?\s*(?P<n>\d{{1,2}})\s*(?P<sub>{trie(subs)})(?!\w)" if subs else "(?!)")
    left_noun = re.compile(rf"(?<!\w){clitic}(?P<lcur>{trie(word_curs)})\s+\Z")
    right_unit = re.compile(rf"(?:(?:\s*|-)(?:{units}))?")
    left_phrases = (list(lx.qualifiers) + lx.range_openers + lx.percent_before + list(lx.prefix_currencies)
                    + list(lx.sign_words) + ["%", "+", "-"])
    left_last = frozenset(p.split()[-1] for p in left_phrases if p.split())
    # A non-empty ``left`` match ends with whitespace or with the last character of one of its
    # phrases: a core glued to any other character has nothing on its left.
    left_end_chars = frozenset(p.rstrip()[-1] for p in left_phrases if p.strip())
    # A whitespace-delimited word wholly inside a ``left`` match is phrase words (each maybe after
    # clitics), signs and percent signs glued together: words that are not bound where it can start.
    left_words = {w for p in left_phrases for w in p.split()}
    clitics_opt = rf"(?:{trie(lx.clitics)}){{0,2}}" if lx.clitics else ""
    left_token = re.compile(rf"(?:{guard(lx.clitics, left_words, '-+%')}(?:{clitics_opt}{trie(left_words)}|[-+%]))+")
    # Where inside a word a ``left`` match can start: after a non-word character (every part but
    # the currency and the percent sign), before a currency after a non-Latin letter, at a "%".
    cur_first = "".join(sorted({c[0] for c in lx.prefix_currencies if c}))
    left_inner = re.compile(rf"(?<!\w)|%|(?<![a-z])(?=[{re.escape(cur_first)}])")
    if not all(c.isalpha() for c in lx.clitics):
        raise ValueError(f"{lang}: clitics must be letters")  # ``quantities._start_positions`` relies on it
    clitic_runs = frozenset({""} | set(lx.clitics) | {a + b for a in lx.clitics for b in lx.clitics})
    return Grammar(lx, every, trigger, right_range, right_simple, left, fiscal, times_after, word_token,
                   addend, frac, frac_link, subunit_tail, left_noun,
                   right_unit, left_last, every_digit, starts, left_token, left_inner,
                   clitic_runs, tuple(sorted({len(c) for c in clitic_runs})), frozenset(c[-1] for c in lx.clitics),
                   left_end_chars, {}, frozenset(w[-2:] for w in left_last), {})
