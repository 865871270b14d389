"""English product names the knowledge base lacks, found by their context (issue 9, h9ent13).

Called from `entities.find_mentions` for English text, after the knowledge base's names and the other
English patterns; every cue list is data in lang/en/entity_cues.yaml:

- medicines by their international non-proprietary name ("blood clot medicine prasugrel",
  "rheumatoid arthritis drug fostamatinib": `drug_name_endings`) and brand names before their kind
  ("its Protonix ulcer drug", "its Ultram ER painkiller");
- products in a list with known products ("the Atrix, Backflip, Bravo, Droid 2 and the Xoom tablet");
- quoted names of games, shows, services and devices ("titles including "Brain Age" and
  "Nintendogs"", "the series "House of Cards"", "the new "Pre" phone", "unveiled "Wii Music"").
"""
from __future__ import annotations

import bisect
import re
from functools import lru_cache

from marsad.extractors import names, phrases, tickers
from marsad.lexicon import load_yaml


@lru_cache(maxsize=1)
def _entities():
    from marsad.extractors import entities  # (entities imports this module lazily: no cycle)
    return entities


@lru_cache(maxsize=1)
def _cues() -> dict:
    """This module's own cue lists of lang/en/entity_cues.yaml (empty when absent)."""
    return load_yaml("lang/en/entity_cues.yaml", "entity_cues")


def _words(key: str) -> list[str]:
    return list(_cues().get(key) or [])


# ---------------------------------------------------------------- medicines

@lru_cache(maxsize=1)
def _inn_automaton():
    """The endings of international non-proprietary drug names as one automaton (None for none)."""
    return phrases.word_automaton(_words("drug_name_endings"))


def _inn_names(raw: str) -> list[tuple[int, int]]:
    """Lower-case words (four letters or more before the ending) ending with an INN stem."""
    a = _inn_automaton()
    if a is None:
        return []
    out, n = [], len(raw)
    for end, k in a.iter(raw):
        e = end + 1
        if e < n and (raw[e].isalnum() or raw[e] in "-_"):
            continue
        s = end - k + 1
        while s > 0 and "a" <= raw[s - 1] <= "z":
            s -= 1
        if end - k + 1 - s < 3 or (s > 0 and (raw[s - 1].isalnum() or raw[s - 1] in "-_")):
            continue
        if not out or out[-1][0] != s:
            out.append((s, e))
    return out


@lru_cache(maxsize=1)
def _drug_before_head() -> re.Pattern | None:
    """"its Protonix ulcer drug", "its Ultram ER painkiller", "AstraZeneca's Crestor cholesterol
    pill": after a determiner or a possessive, a capitalised name, at most two lower-case words
    (the illness), then a medicine's kind (the pattern ends where the kind starts)."""
    c = _entities().cues("en")
    if not c.extra["drug_heads"]:
        return None
    intro = phrases.alternation(c.extra["product_intro"])
    # (any possessive: "the company's Maxalt migraine drug")
    return re.compile(rf"(?:\b(?:{intro})|\b[A-Za-z][\w\-]*['’]s)[ \t]+(?:new[ \t]+|experimental[ \t]+|best-selling[ \t]+)?"
                      rf"(?P<n>[A-Z][a-z]{{2,}}[A-Za-z]*(?:[ \t]+(?:XR|XL|CR|ER|SR|LA|HCT))?)"
                      rf"(?:[ \t]+[a-z][a-z\-]+){{0,2}}[ \t]+\Z")


def drug_names(raw: str, c, kb, free, add) -> None:
    """Medicines named by their generic name or before their kind (a text that names a medicine's
    kind only: the same cheap test as `entities._drug_names`)."""
    ent = _entities()
    heads = ent._word_starts(raw, c.lang, "drug_heads")  # (found in the one pass of entities' cue words)
    if not heads:
        return
    Mention = ent.Mention
    for s, e in _inn_names(raw):
        if free(s, e):
            add(Mention(s, e, "PRODUCT", raw[s:e], None, "pattern"))
    pat = _drug_before_head()
    if pat is None:
        return
    places, demonyms = names.data("en").places, c.extra["demonyms"]
    not_drugs = set(_words("drug_not_names"))
    for h in heads:
        if h < 4 or raw[h - 1] not in " \t" or not raw[h - 2].isalpha():
            continue  # (the word before the kind ends a name or an illness)
        m = pat.search(raw, max(0, h - 70), h)
        if m is None:
            continue
        s, e = m.span("n")
        word = raw[s:e].split()[0]
        if word in c.name_stops or word in places or word in demonyms or word in not_drugs \
                or word.lower() in ent._en_given_names() or word in c.extra["stock_not_names"] or not free(s, e):
            continue
        entry = kb.lookup(raw[s:e])
        if entry is not None and entry.type != "PRODUCT":
            continue  # "the Pfizer cholesterol drug": the maker
        if entry is None and _company_word(raw, word, c):
            continue  # "the Onyx drug" where "Onyx Pharmaceuticals Inc" is named: the maker (issue 9, h9ent15)
        add(Mention(s, e, "PRODUCT", entry.name if entry else raw[s:e], entry, "kb" if entry else "pattern"))
    for h in heads:  # "hypertension drugs Cozaar and Hyzaar", "painkillers Tylenol and Motrin": each medicine of the list
        m = _PLURAL_DRUG_HEAD.match(raw, h)
        if m is None:
            continue
        pos = m.end()
        for _ in range(6):
            x = _DRUG_ITEM.match(raw, pos)
            if x is None:
                break
            s, e = x.span("n")
            word = raw[s:e]
            if word in c.name_stops or word in places or word in demonyms or word in not_drugs \
                    or word.lower() in ent._en_given_names() or word in c.extra["stock_not_names"] or raw[e:e + 2] in ("'s", "’s"):
                break
            entry = kb.lookup(word)
            if entry is not None and entry.type != "PRODUCT" or entry is None and _company_word(raw, word, c):
                break  # "drugs Lipitor and Pfizer's": a company ends the list
            if free(s, e):
                add(Mention(s, e, "PRODUCT", entry.name if entry else word, entry, "kb" if entry else "pattern"))
            if (g := _DRUG_GAP.match(raw, e)) is None:
                break
            pos = g.end()


# a plural medicines' kind and the first name of its list; a list goes on after a comma or "and"
_PLURAL_DRUG_HEAD = re.compile(r"[a-z\-]+(?:[ \t]+[a-z]+)?s(?=[ \t]+(?:such[ \t]+as[ \t]+|including[ \t]+|like[ \t]+)?[A-Z][a-z]{2,}[A-Za-z\-]*[ \t]*(?:,|and\b))[ \t]+(?:such[ \t]+as[ \t]+|including[ \t]+|like[ \t]+)?")
_DRUG_ITEM = re.compile(r"(?P<n>[A-Z][a-z]{2,}[A-Za-z\-]*)(?![\w\-])")
_DRUG_GAP = re.compile(r"[ \t]*,[ \t]*(?:and[ \t]+)?|[ \t]+and[ \t]+")


def _company_word(raw: str, word: str, c) -> bool:
    """Does the text name a company whose name is ``word`` and an organisation suffix ("Onyx
    Pharmaceuticals", "Zorvia Inc")?"""
    i = raw.find(word + " ")
    while i != -1:
        if i == 0 or not raw[i - 1].isalnum():
            nxt = raw[i + len(word) + 1:i + len(word) + 40].split()
            if nxt and (nxt[0] in c.org_suffixes or nxt[0] in c.extra["legal_forms"]):
                return True
        i = raw.find(word + " ", i + 1)
    return False


# ---------------------------------------------------------------- lists of products

# one item of a list: up to three capitalised words or short codes ("Cliq XT", "Droid 2 Global"),
# perhaps after "the"
_ITEM = r"(?:the[ \t]+)?(?P<n>[A-Z][\w\-+]*(?:[ \t]+(?:[A-Z][\w\-+]*|\d(?:\w|\.(?=\w))*)){0,2})"
_NEXT_ITEM = re.compile(rf"(?:[ \t]*,[ \t]*(?:and[ \t]+|or[ \t]+)?|[ \t]+(?:and|or)[ \t]+){_ITEM}(?![\w\-])")
_PREV_ITEM = re.compile(rf"(?<![\w\-])(?:the[ \t]+)?(?P<n>[A-Z][\w\-+]*(?:[ \t]+(?:[A-Z][\w\-+]*|\d(?:\w|\.(?=\w))*)){{0,2}})"
                        rf"(?:[ \t]*,[ \t]*|[ \t]+(?:and|or)[ \t]+)\Z")
_LIST_OPENERS = frozenset({"the", "its", "his", "her", "their", "and", "or", "including", "like", "as", "with",
                           "of", "from", "to", "for", "on", "in", "by", "new"})
_PRODUCT_SHAPE = re.compile(r"\d|[a-z][A-Z]|^[A-Z]{2,}[a-z]*$|^[A-Z][a-z]+[A-Z]")


def _list_item_ok(raw: str, s: int, e: int, c, kb, free, strong: bool) -> bool:
    ent = _entities()
    words = raw[s:e].split()
    places, demonyms = names.data("en").places, c.extra["demonyms"]
    if not free(s, e) or words[0] in c.name_stops or words[0].lower() in ent._en_given_names() \
            or any(w in places or w in demonyms or w in c.extra["stock_not_names"] or w in c.org_suffixes
                   or w in c.extra["device_not_names"] for w in words):
        return False
    entry = kb.lookup(raw[s:e])
    if entry is not None and entry.type != "PRODUCT":
        return False  # a company or a person in the list ends it
    if raw[e:e + 2] in ("'s", "’s") or words[-1] in _kind_words() or raw[s:e] in _kind_words() \
            or re.fullmatch(r"[A-Z]{2,}s", words[-1]):
        return False  # "Lumix's", "Viera flat TVs and Lumix cameras", "Operating System", "EVs": a kind, no name
    if words[-1].endswith("s") and (stem := kb.lookup(raw[s:e - 1])) is not None and stem.type == "PRODUCT":
        return False  # "iPhones and BlackBerrys": the plural of a product the text names (not another name)
    return strong or _PRODUCT_SHAPE.search(raw[s:e]) is not None


@lru_cache(maxsize=1)
def _kind_words() -> frozenset[str]:
    """Nouns of products' kinds, as written and capitalised ("TVs", "Phones")."""
    c = _entities().cues("en")
    ws = c.extra["device_heads"] + c.product_heads + c.extra["short_product_after"] + c.extra["generic_tails"]
    return frozenset(ws) | frozenset(w[:1].upper() + w[1:] for w in ws) | frozenset(w.title() for w in ws)


def product_lists(raw: str, mentions: list, c, kb, free, add) -> None:
    """"the Atrix, Backflip, Bravo, Charm, Cliq, Droid 2 and the Xoom tablet": the capitalised
    names of a list that holds a known product are products too; with two known products in the
    list any name (not a company, a person, a place or an ordinary word), with one only a name
    shaped like a product's ("Inspire 4G", "PlayBook", "DSi")."""
    ent = _entities()
    Mention = ent.Mention
    products = sorted((m for m in mentions if m.type == "PRODUCT"), key=lambda m: m.start)
    if len(products) == 0:
        return
    starts = {m.start for m in products}
    done_to = -1
    for p in products:
        if p.start < done_to:
            continue
        # walk right, then left, from the product: the list's items
        items, pos = [], p.end
        while (x := _NEXT_ITEM.match(raw, pos)) is not None:
            items.append(x.span("n"))
            pos = x.end("n")
            if len(items) > 30:
                break
        left, pos = [], p.start
        if raw[max(0, pos - 4):pos] == "the ":
            pos -= 4
        while (x := _PREV_ITEM.search(raw, max(0, pos - 60), pos)) is not None:
            w = raw[max(0, x.start("n") - 12):x.start("n")].split()
            if w and w[-1][:1].islower() and w[-1] not in _LIST_OPENERS:
                break  # "Viera flat TVs and Lumix": the item must open the list or follow a comma
            left.append(x.span("n"))
            pos = x.start()
            if len(left) > 30:
                break
        span = items + left
        if not span:
            continue
        known = 1 + sum(1 for s, _ in span if s in starts)
        strong = known >= 2
        for seq in (items, left):
            for s, e in seq:
                if s in starts:
                    continue  # a known product of the list
                if not _list_item_ok(raw, s, e, c, kb, free, strong):
                    break
                entry = _as_written(kb.lookup(raw[s:e]), raw[s:e])
                add(Mention(s, e, "PRODUCT", entry.name if entry else raw[s:e], entry, "kb" if entry else "pattern"))
        done_to = max([p.end] + [e for _, e in items])


def _as_written(entry, surface: str):
    """``entry`` when one of its names is written as ``surface`` up to case only where the knowledge base's
    own spelling is all of one case ("Palm" in a list of Palm's devices is no "PaLM", Google's model)."""
    if entry is None or surface in entry.all_aliases() or surface == entry.name:
        return entry
    low = surface.lower()
    for a in list(entry.all_aliases()) + [entry.name]:
        if a.lower() == low and a != surface and not (a.isupper() or a.islower() or a.istitle()):
            return None
    return entry


# ---------------------------------------------------------------- quoted names

_QUOTED = re.compile(r"[\"“](?P<n>[A-Z0-9][^\"“”\n]{0,48}?)[\"”]")
# between two quoted names of a list: a comma, "and" or "or", or only a space (the comma inside the
# quotes: "The Darkness," "The BIGs," and ...)
_QUOTE_GAP = re.compile(r"[ \t]*(?:,[ \t]*)?(?:(?:and|or)[ \t]+)?")
_QUOTE_FUNCTION_WORDS = frozenset({"of", "the", "and", "for", "a", "an", "in", "on", "to", "at", "by", "&"})


@lru_cache(maxsize=1)
def _quote_context() -> tuple[re.Pattern, re.Pattern, re.Pattern]:
    """(a product noun before the quote; a launch verb before it; a product kind after it)."""
    c = _entities().cues("en")
    before = re.compile(rf"\b(?:{phrases.alternation(_words('quoted_product_nouns'))})"
                        rf"(?:[ \t]+(?:including|such[ \t]+as|like|called|named|dubbed|known[ \t]+as))?[ \t]*,?[ \t]*\Z")
    launch = re.compile(rf"\b(?:{phrases.alternation(_words('quoted_launch_verbs'))})"
                        rf"(?:[ \t]+(?:its|a|the|their))?(?:[ \t]+new)?[ \t]+\Z")
    heads = c.extra["device_heads"] + c.product_heads + c.extra["short_product_after"] \
        + _words("quoted_product_nouns")
    after = re.compile(rf"[ \t]+(?:[a-z]+[ \t]+)?(?:{phrases.alternation(heads)})\b")
    return before, launch, after


@lru_cache(maxsize=1)
def _quote_cue_words() -> tuple[frozenset[str], frozenset[str]]:
    return frozenset(w.lower() for w in _words("quoted_product_nouns")), frozenset(w.lower() for w in _words("quoted_launch_verbs"))


_QUOTE_LINKS = frozenset({"including", "as", "like", "called", "named", "dubbed", "known"})
_QUOTE_DETERMINERS = frozenset({"its", "a", "the", "their", "new"})


def _quote_cue_before(head: str) -> bool:
    """A noun of works and products ("titles", "the series"), perhaps with "including", "such as",
    "called", or a launch verb ("unveiled", "launched its new") ends the text before the quote."""
    nouns, verbs = _quote_cue_words()
    words = head.lower().replace(",", " ").split()
    if not words:
        return False
    def ends_in(ws, table) -> bool:
        return any(" ".join(ws[-k:]) in table for k in (1, 2) if len(ws) >= k)
    if ends_in(words, nouns):
        return True
    w = list(words)
    while w and w[-1] in _QUOTE_LINKS:
        w.pop()
    if len(w) < len(words) and w and (w[-1] == "such" and ends_in(w[:-1], nouns) or ends_in(w, nouns)):
        return True
    while words and words[-1] in _QUOTE_DETERMINERS:
        words.pop()
    return ends_in(words, verbs)


def quoted_products(raw: str, mentions: list, c, kb, free, add) -> None:
    """A quoted capitalised name after a noun of works and products ("titles such as "Brain Age"",
    "the series "House of Cards"") or a launch verb ("unveiled "Wii Music""), or before a product's
    kind ("the "Pre" phone", the "Wii Fit" exercise game); a quoted list after the noun ("Brain Age"
    and "Nintendogs") is read whole. A known product inside the quotes gives way to the whole name."""
    if '"' not in raw and "“" not in raw:
        return
    ent = _entities()
    Mention = ent.Mention
    after = _quote_context()[2]
    by_start: list = []
    starts: list[int] = []
    found = list(_QUOTED.finditer(raw))
    ok_prev = False
    prev_end = -1
    for q in found:
        s, e = q.span("n")
        name = raw[s:e].strip().rstrip(",.;:!?")  # ("Project New BAC," as American commas go)
        words = name.split()
        if not words or len(words) > 7 or any(w[0].islower() and w not in _QUOTE_FUNCTION_WORDS for w in words) \
                or words[0] in c.name_stops and len(words) == 1:
            ok_prev = False
            continue
        head = raw[max(0, q.start() - 40):q.start()]
        chained = ok_prev and _QUOTE_GAP.fullmatch(raw, prev_end, q.start()) is not None
        ok = chained or after.match(raw, q.end()) is not None or _quote_cue_before(head)
        prev_end = q.end()
        ok_prev = ok
        if not ok:
            continue
        entry = kb.lookup(name)
        if entry is not None and entry.type != "PRODUCT":
            ok_prev = False
            continue
        if not by_start:  # (sorted once, for the first quoted name taken)
            by_start = sorted(mentions, key=lambda m: m.start)
            starts = [m.start for m in by_start]
        k = bisect.bisect_left(starts, s)
        inner = [m for m in by_start[k:bisect.bisect_left(starts, e, k)] if m.end <= e]
        if inner and all(m.type == "PRODUCT" for m in inner) and len(inner) == 1 and inner[0].end - inner[0].start < len(name):
            m = inner[0]  # "Wii Music": a name of its own, not the Wii
            m.start, m.end, m.name, m.entry, m.source = s, s + len(name), name, entry, "kb" if entry else "pattern"
            continue
        if free(s, s + len(name)):
            add(Mention(s, s + len(name), "PRODUCT", entry.name if entry else name, entry, "kb" if entry else "pattern"))


# ---------------------------------------------------------------- plurals of known products

def plural_products(raw: str, mentions: list, kb) -> None:
    """"buy Kindles", "5 PlayBooks": a name that a pattern took for a company and that is the plural
    of a known product is that product."""
    for m in mentions:
        if m.type != "ORG" or m.entry is not None or m.source != "pattern":
            continue
        name = raw[m.start:m.end]
        if len(name) < 4 or not name.endswith("s") or " " in name.strip():
            continue
        entry = kb.lookup(name[:-1])
        if entry is not None and entry.type == "PRODUCT":
            m.type, m.entry, m.name, m.source = "PRODUCT", entry, entry.name, "kb"


# ---------------------------------------------------------------- people the other patterns miss

# (the look-behind after the capital, so that re skips ahead to a capital; the runs possessive: what
# follows each never starts like it, so giving characters back finds nothing: 68 -> 55 us an article)
_GIVEN_AT = re.compile(r"([A-Z](?<![\w'’.\-][A-Z])[a-z]++)(?:-[A-Z][a-z]++)?[ \t]++(?:[A-Z]\.?[ \t]++)?[A-Z]")


@lru_cache(maxsize=1)
def _person_context() -> tuple[frozenset[str], re.Pattern, re.Pattern]:
    """(the titles and occupations, lower case; an apposition with a title after a name; a comma and
    a speech verb after it)."""
    c = _entities().cues("en")
    titles = sorted(set(c.person_titles) | set(c.extra["person_nouns"]) | set(_words("person_cues")), key=len, reverse=True)
    t = phrases.alternation(titles)
    appos = re.compile(rf"(?:'s)?[ \t]*,[ \t]+(?:(?:a|an|the|its|his|her|their|former|then)[ \t]+)?"
                       rf"(?:[\w\-&.'’]+[ \t]+){{0,5}}?(?i:(?:{t}))(?![\w\-])")
    said = re.compile(rf"[ \t]*,[ \t]+(?:{phrases.alternation(c.extra['person_after_verbs'])})\b")
    return frozenset(x.lower() for x in titles), appos, said


@lru_cache(maxsize=1)
def _after_cues() -> tuple[str, ...]:
    return tuple(_words("person_after_cues"))


_NAMED_VERBS = frozenset({"named", "appointed", "hired", "tapped", "promoted"})
_NOT_GIVEN_HERE = frozenset({"Said", "Says"})  # (a verb opening the sentence: "Said Dowling of Apple:")


def _ends_with_title(words: list[str], titles: frozenset[str]) -> bool:
    """The last one to four words are a title or an occupation ("District Judge", "fund manager")."""
    for k in range(1, min(4, len(words)) + 1):
        if " ".join(words[-k:]).lower() in titles:
            return True
    return False


def _in_credit(raw: str, s: int) -> bool:
    """Inside the wire's credit parentheses ("(Reporting by A; data by B and C; editing by D)")."""
    o = raw.rfind("(", max(0, s - 160), s)
    return o != -1 and ")" not in raw[o:s] and " by " in raw[o:s]


def more_people(raw: str, mentions: list, c, kb, free, add) -> None:
    """A name that opens with a known given name ("Daniel Kim", "Pierre-Henri Gourgeon") is a person
    after a title or occupation ("U.S. District Judge James Robart", "hedge fund manager David
    Einhorn", "blogger Florian Mueller"), after "named" ("named Jon Rubinstein its CEO"), before an
    apposition with a title ("Kevin Landis, Chief Investment Officer of", "Andrew Seibert,
    co-portfolio manager at"), before "of" and a known company ("Bill Miller of Legg Mason"), between
    commas before a speech verb (", Jonathan Rosenberg, said") or after "and" and a person ("Andrew
    Wessel and Daniel Kim"). Not in a credit line, not a known company or place."""
    ent = _entities()
    Mention = ent.Mention
    given = ent._en_given_names()
    titles, appos, said = _person_context()
    places = names.data("en").places
    people_end = {m.end: m for m in mentions if m.type == "PERSON"}
    org_start = {m.start for m in mentions if m.type == "ORG"}
    for g in _GIVEN_AT.finditer(raw):
        first = g.group(1)
        if first.lower() not in given or first in c.name_stops:
            continue
        s = g.start()
        if s and raw[s - 1] not in " \t\n(\"“" or not free(s, g.end(1)):
            continue  # ("-Ann Smith", "'Tom Lee"; a name found already)
        s = g.start()
        head = raw[max(0, s - 50):s]
        words = head.split()
        comma = head.rstrip().endswith(",")
        titled = _ends_with_title(words, titles)
        if not titled and words and words[-1][:1].isupper() and words[-1][-1:].isalpha() and raw[s - 1:s] == " " \
                and words[-1] not in c.name_stops:
            continue  # "Mohammad Ali Khatibi": the name starts before the given name
        if first in _NOT_GIVEN_HERE:
            continue  # "Said Dowling of Apple:": a verb
        cue = (words and words[-1] in _NAMED_VERBS) or titled \
            or (comma and _ends_with_title(head.rstrip()[:-1].split(), titles))
        after_cue = False
        if not cue:
            tail = raw[s:s + 48]
            after_cue = any(a in tail for a in _after_cues())
            if not after_cue and "," not in tail and " of " not in tail \
                    and (s - 7 > max(people_end, default=-1) or "and" not in head[-8:]):
                continue  # (cheap: no cue before the name, and none of the cues after it can follow)
        m = ent._EN_PERSON_AT.match(raw, s)
        if m is None:
            continue
        e = m.end()
        for q in ("'s ", "’s "):  # "William Ackman's Pershing Square": the owner's name
            if (k := raw.find(q, s, e)) != -1:
                e = k
        if raw[e - 2:e] in ("'s", "’s"):
            e -= 2
        if not cue:
            nxt = raw[e:e + 1]
            cue = (nxt == "," and (appos.match(raw, e) is not None or (comma and said.match(raw, e) is not None))) \
                or (nxt == " " and raw.startswith(" of ", e) and (e + 4) in org_start) \
                or (after_cue and nxt == " " and any(raw.startswith(" " + a, e) for a in _after_cues())) \
                or any(raw[p.end:s].strip(" \t,") == "and" for p in [people_end.get(k) for k in range(max(0, s - 7), s)] if p)
            if not cue:
                continue
        name_words = raw[s:e].split()
        if len(name_words) < 2 or not free(s, e) or any(w in c.name_stops or w in c.org_suffixes or w in c.extra["org_words"]
                                                        or w in c.extra["paper_words"] for w in name_words[1:]) \
                or name_words[-1] in places or ent._CREDIT.search(raw, max(0, s - 60), s) or _in_credit(raw, s):
            continue
        entry = kb.lookup(raw[s:e])
        if entry is not None and entry.type != "PERSON":
            continue
        add(Mention(s, e, "PERSON", entry.name if entry else " ".join(name_words), entry, "pattern"))


def person_as_written(surface: str, name: str) -> str:
    """A known person named in full by another form of the given name ("Daniel Ives" for the KB's
    "Dan Ives", "Bill Gates" for "William Gates") keeps the form the article writes."""
    sw, nw = surface.split(), name.split()
    if len(sw) >= 2 and len(nw) >= 2 and surface.isascii() and sw[-1] == nw[-1] and sw[0] != nw[0] \
            and sw[0][:1] == nw[0][:1] and sw[0].isalpha():
        return " ".join(sw)
    return name


# ---------------------------------------------------------------- organisations' names

_PAREN_INNER = re.compile(r"\((?P<b>[A-Z][\w&.\-]*(?:[ \t]+[A-Z][\w&.\-]*){0,2})\)")
_WORD_BEFORE_PAREN = re.compile(r"(?<![\w\-.])(?P<a>[A-Z][a-z][\w&\-]*)[ \t]+\Z")


class _Paren:
    """A capitalised word and the capitalised words in parentheses right after it."""

    __slots__ = ("a", "b", "a0", "b0", "b1")

    def __init__(self, raw: str, w: re.Match, q: re.Match):
        self.a, self.b = w.group("a"), q.group("b")
        self.a0, self.b0, self.b1 = w.start("a"), q.start("b"), q.end()

    def group(self, k: str) -> str:
        return self.a if k == "a" else self.b

    def start(self, k: str = "a") -> int:
        return self.a0 if k == "a" else self.b0

    def end(self) -> int:
        return self.b1


def _parens(raw: str, ok) -> list[_Paren]:
    """"Westlake (Chemical Corp.)": each opening parenthesis with a capital after it and a capitalised
    word before it whose inner words pass ``ok`` (found from the literal "(")."""
    out, i = [], raw.find("(")
    while i != -1:
        if i >= 3 and raw[i + 1:i + 2].isupper() and raw[i - 1] in " \t" \
                and (q := _PAREN_INNER.match(raw, i)) is not None and ok(q.group("b")) \
                and (w := _WORD_BEFORE_PAREN.search(raw, max(0, i - 40), i)) is not None:
            out.append(_Paren(raw, w, q))
        i = raw.find("(", i + 1)
    return out
_RIC_NAME = re.compile(r"[A-Z0-9]{1,6}\.[A-Z]{1,2}\Z")
_PLACE_AFTER = re.compile(r",[ \t]+(?P<p>[A-Z][\w.]*(?:[ \t]+[A-Z][\w.]*)?)(?=[ \t]*[,.;)]|[ \t]+[a-z])(?!['’])")
_LOCATIVE_BEFORE = re.compile(r"\b(?:in|near|at|from|of|outside)[ \t]+\Z")


@lru_cache(maxsize=1)
def _org_head_words() -> frozenset[str]:
    c = _entities().cues("en")
    return frozenset(w[:1].upper() + w[1:] for w in c.org_heads) | {"Bank", "Group", "Company", "Firm", "Fund", "Government"}


def org_fixes(raw: str, out: list, c, kb) -> None:
    """Organisations' names the other patterns cut or invent:
    - "Westlake (Chemical Corp.)", "Nova (Chemicals) NCX.N": a legal form or business word in
      parentheses completes the name before it (and the wire code after it is no other company);
      "CymMetrik (Shenzhen) Printing Co": a place in parentheses inside the name;
    - "the Chinese Bank": a nationality and an organisation word are no name;
    - "a store in Bridgewater, New Jersey": a one-word company name after "in" and before a place
      is a town."""
    ent = _entities()
    Mention = ent.Mention
    demonyms, places = c.extra["demonyms"], names.data("en").places
    drop: set[int] = set()
    parens = _parens(raw, lambda b: b in places or b.split()[-1].rstrip(".") in c.org_suffixes
                     or b.split()[-1] in c.org_suffixes or b.split()[-1] in c.extra["legal_forms"])
    if parens:
        orgs_at = {m.start: m for m in out if m.type == "ORG" and m.entry is None}
        order = sorted(range(len(out)), key=lambda i: out[i].start)
        starts = [out[i].start for i in order]
        for p in parens:
            inner = p.group("b").split()
            last = inner[-1].rstrip(".")
            a0, b1 = p.start("a"), p.end()
            if p.group("b") in places and raw[b1:b1 + 1] == " ":
                # "CymMetrik (Shenzhen) Printing Co": the name goes on after the place
                m = orgs_at.get(b1 + 1)
                if m is not None and raw[a0:p.start("b") - 2] not in places:
                    m.start, m.name = a0, raw[a0:m.end]
                continue
            if last not in c.org_suffixes and last + "." not in c.org_suffixes and last not in c.extra["legal_forms"]:
                continue
            k0 = bisect.bisect_right(starts, a0)
            near = [order[j] for j in range(max(0, k0 - 8), bisect.bisect_left(starts, b1 + 12))]
            if any(out[i].start < a0 < out[i].end or (out[i].start <= a0 and out[i].end > p.start("b")
                                                       and out[i].entry is not None) for i in near):
                continue
            name = f"{p.group('a')} {' '.join(inner)}"
            entry = kb.lookup(name)
            if entry is not None and entry.type != "ORG":
                continue
            for i in near:
                m = out[i]
                if a0 <= m.start < b1 + 12 and m.type == "ORG" and m.entry is None \
                        and (m.end <= b1 or _RIC_NAME.search(m.name)):
                    drop.add(i)  # "Chemical Corp.", the "NCX.N" after it
            out.append(Mention(a0, b1, "ORG", entry.name if entry else name, entry, "kb" if entry else "pattern"))
    _comma_firms(raw, out, kb, drop)
    _of_place_names(raw, out, c, kb, drop)
    heads = _org_head_words()
    for i, m in enumerate(out):
        if m.type != "ORG":
            continue
        if m.entry is None:
            if m.source == "pattern" and (words := m.name.split()) and len(words) == 2 and words[0] in demonyms \
                    and words[1] in heads and raw[max(0, m.start - 4):m.start] in ("the ", "The "):
                drop.add(i)  # "the Chinese Bank" (but "Taiwan's failed Chinese Bank" is one)
            elif m.source == "pattern" and (words := m.name.split()) and len(words) >= 2 and words[-1] in demonyms \
                    and words[-2][-2:] in ("'s", "’s"):
                drop.add(i)  # "ABN's Italian bank Antonveneta": an owner and a nationality, no company's name
        elif raw[m.end:m.end + 1] == "," and " " not in raw[m.start:m.end] \
                and _LOCATIVE_BEFORE.search(raw, max(0, m.start - 8), m.start):
            x = _PLACE_AFTER.match(raw, m.end)
            if x is not None and (x.group("p") in places or x.group("p") in _words("regions")):
                drop.add(i)  # "in Bridgewater, New Jersey": a town
    if drop:
        out[:] = [m for i, m in enumerate(out) if i not in drop]


_OF_PLACE = re.compile(r"[ \t]+of[ \t]+(?P<p>[A-Z][a-z]+(?:[ \t]+[A-Z][a-z]+)?)(?![\w\-'’])")
_CAPS_BEFORE = re.compile(r"(?:^|(?<=[ \t(]))(?P<n>(?:[A-Z][\w\-]+[ \t]+){1,2})\Z")
_OF_HEADS = frozenset({"Corp", "Corporation", "Co", "Company", "Bank", "Fund", "Authority", "Agency", "Commission",
                       "Institute", "Association", "Council", "Federation", "Exchange", "Group"})


def _of_place_names(raw: str, out: list, c, kb, drop: set) -> None:
    """"the taxpayer-funded Innovation Network Corp of Japan.": a company's name found up to its legal form or
    organisation word goes on with "of" and a country ("of Japan", "of America"); "state-backed Development Bank
    of Japan": a known "Bank of <country>" after more capitalised words is part of a longer name (issue 9, h9ent15)."""
    if " of " not in raw:
        return
    ent = _entities()
    places, demonyms = names.data("en").places, c.extra["demonyms"]
    for i, m in enumerate(out):
        if m.type != "ORG" or i in drop or not (raw.startswith(" of ", m.end) or raw.startswith("Bank of ", m.start)
                                                or raw.startswith("Corporation of ", m.start)):
            continue  # (cheap: neither "<name> of" nor a known "Bank of ...")
        words = raw[m.start:m.end].split()
        if m.entry is None and m.source == "pattern" and words and words[-1].rstrip(".") in _OF_HEADS:
            x = _OF_PLACE.match(raw, m.end)
            if x is not None and x.group("p") in places:
                m.end = x.end()
                m.name = " ".join(raw[m.start:m.end].split())
        elif m.entry is not None and len(words) >= 3 and words[0] in ("Bank", "Corporation") and words[1] == "of" \
                and raw[m.start - 1:m.start] == " ":
            b = _CAPS_BEFORE.search(raw, max(0, m.start - 40), m.start)
            if b is None:
                continue
            before = b.group("n").split()
            if any(w in c.name_stops or w in places or w in demonyms or w.lower() in ent._en_given_names() for w in before):
                continue
            s = b.start("n")
            if any(o.start < m.start and o.end > s for o in out if o is not m):
                continue
            name = " ".join(raw[s:m.end].split())
            entry = kb.lookup(name)
            if entry is not None and entry.type != "ORG":
                continue
            m.start, m.name, m.entry, m.source = s, entry.name if entry else name, entry, "kb" if entry else "pattern"


_COMMA_FIRM = re.compile(r"(?P<a>[A-Z][a-z]{2,}),[ \t]+(?P<b>[A-Z][a-z]{2,})[ \t]+&[ \t]+Co\b\.?")


def _comma_firms(raw: str, out: list, kb, drop: set) -> None:
    """"Morgan, Keegan & Co.", "Goldman, Sachs & Co.": a firm's older name with a comma between its partners is one
    organisation, not two (the known firm of the two names where there is one; issue 9, h9ent15)."""
    if ", " not in raw or "& Co" not in raw:
        return
    ent = _entities()
    for x in _COMMA_FIRM.finditer(raw):
        a0, e = x.start("a"), x.end()
        name = f"{x.group('a')} {x.group('b')}"
        entry = kb.lookup(name) or kb.lookup(name + " & Co")
        if entry is not None and entry.type != "ORG":
            continue
        inside = [i for i, m in enumerate(out) if a0 <= m.start < e]
        if any(out[i].type != "ORG" for i in inside):
            continue
        drop.update(inside)
        out.append(ent.Mention(a0, e, "ORG", entry.name if entry else name, entry, "kb" if entry else "pattern"))


# ---------------------------------------------------------------- launched and described products

_LAUNCHED_NAME = re.compile(r"[ \t]+(?:(?:its|their|a|an|the)[ \t]+)?(?:(?:new|latest|first|long-awaited|much-anticipated|next-generation)[ \t]+)?"
                            r"(?P<n>(?:[A-Z][\w\-+]*|i[A-Z][\w\-+]*)(?:[ \t]+(?:[A-Z][\w\-+]*|\d(?:\w|\.(?=\w))*)){0,2})(?![\w\-'’])")
_APPOS_KIND = re.compile(r",[ \t]+(?:a|an|the|its|[A-Z][\w\-]*['’]s)[ \t]+(?:(?!of\b)[\w\-]+[ \t]+){0,4}?(?P<k>[a-z][\w\-]*)(?=[ \t]*[,.;]|[ \t]+(?:for|that|which|used|designed|made|sold|from|by|to|with|aimed|approved|developed)\b|(?<=version)[ \t]+of\b)")


@lru_cache(maxsize=1)
def _launch_words() -> tuple[frozenset[str], frozenset[str]]:
    """(launch verbs, the kinds of products an apposition may name: medicines, devices, software)."""
    c = _entities().cues("en")
    kinds = set(c.extra["drug_heads"]) | set(c.extra["device_heads"]) | set(c.product_heads) \
        | {"game", "videogame", "smartphone", "gadget", "app", "application", "program", "service", "console", "tablet",
           "version", "suite"}
    kinds -= {"series", "model", "models", "platform", "platforms"}
    return frozenset(_words("launch_name_verbs")), frozenset(k for k in kinds if " " not in k)


class _LazyNames:
    __slots__ = ("raw", "mentions", "names")

    def __init__(self, raw: str, mentions: list):
        self.raw, self.mentions, self.names = raw, mentions, None

    def __contains__(self, name: str) -> bool:
        if self.names is None:
            raw = self.raw
            self.names = {raw[m.start:m.end].split()[0] for m in self.mentions
                          if m.type == "ORG" and " " in raw[m.start:m.end].strip()} \
                | {m.name.split()[-1] for m in self.mentions if m.type == "PERSON"}
        return name in self.names


_VERB_PHRASE = re.compile(r"[a-z]+(?:[ \t]+(?:out|off|selling))?")


def _product_name_ok(raw: str, s: int, e: int, c, kb, given_ok: bool = False, code_ok: bool = False) -> bool:
    ent = _entities()
    words = raw[s:e].split()
    places, demonyms = names.data("en").places, c.extra["demonyms"]
    if words[0] in c.name_stops or (not given_ok and words[0].lower() in ent._en_given_names()) or raw[e:e + 2] in ("'s", "’s") \
            or words[0].lower() in _launch_words()[0] \
            or words[0] in c.extra["said_its_not"] or words[-1] in _LAUNCH_NOT_LAST or _HYPHEN_ADJECTIVE.search(raw[s:e]) \
            or any(w in places or w in demonyms or w in c.org_suffixes or w in c.extra["org_words"] or w in c.extra["stock_not_names"]
                   or w in c.extra["institution_heads"] or w in c.extra["device_not_names"] for w in words):
        return False
    if len(words) == 1 and (len(words[0]) < 3 or words[0].isupper() and len(words[0]) < 4) \
            and not (code_ok and re.fullmatch(r"[A-Z]+\d+|\d{2,}", words[0])):
        return False  # ("launched ETF", "the UK")
    entry = kb.lookup(raw[s:e])
    return entry is None or entry.type == "PRODUCT"


def launched_products(raw: str, mentions: list, c, kb, free, add) -> None:
    """"Microsoft launched Bing", "Apple unveiled the MacBook Air", "the company introduced its new
    Zorbex 3": a capitalised name right after a launch verb (perhaps with its, the, new) is a product,
    unless it is a company, a person, a place or an institution; and "Kyprolis, a blood cancer drug
    for", "Bluestring, a service that": a name with an apposition whose head is a product's kind."""
    ent = _entities()
    Mention = ent.Mention
    verbs, kinds = _launch_words()
    # the first words of the organisations named ("Dragon" of "Dragon Systems": "launched Dragon" is the
    # company) and the people's surnames ("introduced Leavitt to"), worked out for the first candidate
    org_firsts = _LazyNames(raw, mentions)
    for p in ent._word_starts(raw, c.lang, "launch_name_verbs"):  # (found in the one pass of entities' cue words)
        v = _VERB_PHRASE.match(raw, p)
        m = _LAUNCHED_NAME.match(raw, v.end()) if v is not None else None
        if m is None:
            continue
        s, e = m.span("n")
        if free(s, e) and _product_name_ok(raw, s, e, c, kb) and raw[s:e] not in org_firsts:
            entry = kb.lookup(raw[s:e])
            add(Mention(s, e, "PRODUCT", entry.name if entry else raw[s:e], entry, "kb" if entry else "pattern"))
    for a in _APPOS_START.finditer(raw):  # ", a ...", ", the ...", ", its ...", ", Apple's ..." (issue 9, h9ent17)
        i = a.start()
        x = _APPOS_KIND.match(raw, i)
        if x is not None and x.group("k") in kinds \
                and (raw[i + 2:i + 3] == "a" or x.group("k") not in _APPOS_THE_NOT
                     or raw[x.end():x.end() + 4] == " of ") \
                and a.group(0)[1:].split()[0][:-2] not in names.data("en").places:
            # ("Medicare, the federal program"; but "IE9, the latest version of"; not "Herzliya, Israel's version of")
            n = _NAME_BEFORE_COMMA.search(raw, max(0, i - 40), i)
            if n is not None:
                s, e = n.span("n")
                first = next((o for o in mentions if o.start == s and o.type == "ORG" and o.entry is not None), None)
                ok = _product_name_ok(raw, s, e, c, kb) if first is None else \
                    first.end < e - 1 and _product_name_ok(raw, first.end + 1, e, c, kb, code_ok=True)
                if ok and _maker_prefixed_free(s, e, mentions, free) and raw[s:e] not in org_firsts \
                        and not raw[max(0, s - 2):s].strip().endswith(","):
                    entry = kb.lookup(raw[s:e])  # ("Google Glass, the wearable computing device": Google stays named)
                    add(Mention(s, e, "PRODUCT", entry.name if entry else raw[s:e], entry, "kb" if entry else "pattern"))


_APPOS_THE_NOT = frozenset({"program", "printer", "printers", "version"})
_APPOS_START = re.compile(r",[ \t]+(?:an?|the|its|[A-Z][\w\-]*['’]s)[ \t]")


# "Grammy-winning", "Ohio-based": an adjective; "July-September": a period; no names
_HYPHEN_ADJECTIVE = re.compile(r"-[a-z]+\b|(?:January|February|March|April|May|June|July|August|September|October|November|December)-")
_LAUNCH_NOT_LAST = frozenset({"Act", "Bill", "Book", "Index", "Report", "Survey", "Plan", "Program", "Programme", "Initiative",
                              "Fund", "Facility", "Agreement", "Law", "Rule", "Offer", "Bid", "IPO", "Probe", "Review"})
_NAME_BEFORE_COMMA = re.compile(r"(?:^|(?<=[ \t(]))(?P<n>(?:[A-Z][\w\-+]*|i[A-Z][\w\-+]*)(?:[ \t]+(?:[A-Z][\w\-+]*|\d(?:\w|\.(?=\w))*)){0,2})\Z")


# ---------------------------------------------------------------- "a video service called U-Verse"

_CALLED_NAME = re.compile(r"[ \t]+[\"“']?(?P<n>(?:[A-Z][\w\-+]*|i[A-Z][\w\-+]*)(?:[ \t]+(?:[A-Z][\w\-+]*|\d(?:\w|\.(?=\w))*)){0,3})(?![\w\-'’])")


@lru_cache(maxsize=1)
def _called_kinds() -> re.Pattern | None:
    """A kind of product ending right before a naming cue, perhaps with "from <Maker>" between ("a
    service from Apple called"); a comma may stand before the cue ("the service, called FiOS")."""
    kinds = _words("product_called_kinds")
    if not kinds:
        return None
    alt = "|".join(re.escape(k) for k in sorted(kinds, key=len, reverse=True))
    return re.compile(rf"(?<![\w\-])(?:{alt})(?:[ \t]+(?:from|by)[ \t]+[A-Z][\w\-]*(?:[ \t]+[A-Z][\w\-]*)?)?,?[ \t]+\Z")


def _maker_prefixed_free(s: int, e: int, mentions: list, free) -> bool:
    """True when [s, e) is free, or only a known organisation that opens it and ends inside it overlaps
    it ("called Google Gears": Google, the maker, stays named; the whole name is the product)."""
    if free(s, e):
        return True
    over = [m for m in mentions if m.start < e and s < m.end]
    return bool(over) and all(m.type == "ORG" and m.entry is not None and m.start == s and m.end < e
                              and m.end < e - 1 for m in over)


def called_products(raw: str, mentions: list, c, kb, free, add) -> None:
    """"a video service called U-Verse", "a file back-up feature called "Time Machine"", "a new product
    dubbed Google Buzz": a capitalised name after a naming cue (lang/en/entity_cues.yaml
    `product_called_cues`) right after a kind of product (`product_called_kinds`) is a product, unless
    it is a company, a person, a place or an institution (issue 9, h9ent17)."""
    kinds = _called_kinds()
    cue_words = _words("product_called_cues")
    if kinds is None or not cue_words:
        return
    ent = _entities()
    Mention = ent.Mention
    for cue in cue_words:
        for i in _find_all(raw, cue):
            if raw[i - 3:i] == "so-" or (e0 := i + len(cue)) >= len(raw) or raw[e0] not in " \t":
                continue
            if kinds.search(raw, max(0, i - 60), i) is None:
                continue
            m = _CALLED_NAME.match(raw, e0)
            if m is None:
                continue
            s, e = m.span("n")
            words = raw[s:e].split()
            while len(words) > 1 and words[-1] in c.name_stops:
                words.pop()  # ("called Vista, is": no stop word at the end)
            e = s + len(" ".join(words))
            if raw[e:e + 4] == ".com" and not raw[e + 4:e + 5].isalnum():
                e += 4  # ("a site called Irantalent.com")
            if raw[e:e + 2] in ("'s", "’s") or re.fullmatch(r"[A-Z]{2,}s", words[-1]) \
                    or not _maker_prefixed_free(s, e, mentions, free):
                continue  # ("chips, known as FPGAs": a kind, no name)
            first = next((x for x in mentions if x.start == s and x.type == "ORG"), None)
            if first is not None:  # "called Google Gears": the maker's name opens the product's
                if first.end >= e or not _product_name_ok(raw, first.end + 1, e, c, kb, given_ok=True):
                    continue
            elif not _product_name_ok(raw, s, e, c, kb, given_ok=True):
                continue
            entry = kb.lookup(raw[s:e])
            if entry is not None and entry.type != "PRODUCT":
                continue
            add(Mention(s, e, "PRODUCT", entry.name if entry else raw[s:e], entry, "kb" if entry else "pattern"))


# ---------------------------------------------------------------- "the Google Voice app"

@lru_cache(maxsize=1)
def _maker_product_tail() -> re.Pattern | None:
    """After a company's name: one to three capitalised words or numbers, perhaps one adjective, then a
    product's kind ("Voice app", "Cruze compact cars", "G1 phone", "Pearl handheld e-mail device")."""
    c = _entities().cues("en")
    kinds = set(_words("maker_product_kinds")) | set(c.extra["device_heads"]) | set(c.product_heads) \
        | set(c.extra["short_product_after"])
    kinds -= {"series", "model", "models", "platform", "brand", "franchise", "email", "game", "games", "machine", "machines",
              "TV", "TVs", "television", "televisions"}
    if not kinds:
        return None
    alt = lambda ws: "|".join(re.escape(k) for k in sorted(ws, key=len, reverse=True))
    adjectives = alt(set(_words("maker_product_adjectives")) | set(c.extra["device_adjectives"])) or "(?!)"
    return re.compile(r"[ \t]+(?P<n>(?:[A-Z][\w\-+]*|i[A-Z][\w\-+]*|\d[\w.\-]*)(?:[ \t]+(?:[A-Z][\w\-+]*|\d[\w.\-]*)){0,2})"
                      rf"(?:[ \t]+(?:[a-z]+-[a-z]+|{adjectives})){{0,2}}[ \t]+(?P<k>{alt(kinds)})(?![\w\-])")


def maker_named_products(raw: str, mentions: list, c, kb, free, add) -> None:
    """"the Google Voice app", "its Nokia Money service", "Chevrolet Cruze compact cars", "the T-Mobile G1
    phone": a known company's name, a capitalised name and a kind of product (lang/en/entity_cues.yaml
    `maker_product_kinds`, `device_heads`, `product_heads`, `short_product_after`) name a product, the
    company and the name together; the company stays named. Not a unit's or a place's name ("Verizon
    Wireless service", "Google China site"), a person, a year or a known name (issue 9, h9ent17)."""
    tail = _maker_product_tail()
    if tail is None:
        return
    ent = _entities()
    Mention = ent.Mention
    not_before = set(c.extra["device_head_not_before"])
    for o in [m for m in mentions if m.type == "ORG" and m.entry is not None and m.source == "kb"]:
        x = tail.match(raw, o.end)
        if x is None or raw[o.start:o.end].endswith(("'s", "’s")):
            continue
        s, e = x.span("n")
        words = raw[s:e].split()
        if len(nxt := raw[x.end():x.end() + 40].split(None, 1)) and nxt[0].rstrip(".,;:") in not_before:
            continue  # "the Fox News TV network": a channel
        if any(w in c.extra["unit_words"] or w in c.extra["legal_forms"] for w in words) or _YEAR_WORD.fullmatch(words[0]) \
                or words[0].endswith("ing") \
                or not _product_name_ok(raw, s, e, c, kb, code_ok=True) or not free(s, e):
            continue  # "Verizon Wireless service", "Samsung 2012 phones", "NVIDIA Calling netbooks"
        full = raw[o.start:e]
        entry = kb.lookup(full)
        if entry is not None and entry.type != "PRODUCT":
            continue
        add(Mention(o.start, e, "PRODUCT", entry.name if entry else full, entry, "kb" if entry else "pattern"))


_YEAR_WORD = re.compile(r"(?:19|20)\d\d(?:s|-\d+)?|\d+(?:\.\d+)?")


# ---------------------------------------------------------------- "sales of Depakote"

_SALES_NAME = re.compile(r"[ \t]+(?:(?:its|their|the)[ \t]+)?(?P<n>(?:[A-Z][\w\-+]*|i[A-Z][\w\-+]*)(?:[ \t]+(?:[A-Z][\w\-+]*|\d(?:\w|\.(?=\w))*)){0,2})(?![\w\-'’])")
_SALES_MORE = re.compile(r"(?:[ \t]*,[ \t]*(?:and[ \t]+)?|[ \t]+and[ \t]+)(?:its[ \t]+|the[ \t]+)?(?P<n>(?:[A-Z][\w\-+]*|i[A-Z][\w\-+]*)(?:[ \t]+(?:[A-Z][\w\-+]*|\d(?:\w|\.(?=\w))*)){0,2})(?![\w\-'’])")


def sales_of_products(raw: str, mentions: list, c, kb, free, add) -> None:
    """"sales of Depakote, used to treat", "Sales of Transformers and Spider-Man", "sales of its Roundup
    herbicide": the names after a product's sales (lang/en/entity_cues.yaml `product_sales_cues`) are
    products, each name of a list after it too; not a company, a person, a place, a nationality, a
    technology, a name before shares or goods (`product_sales_not_before`) or an ordinary word the text also
    writes in lower case (issue 9, h9ent17)."""
    cues_ = _words("product_sales_cues")
    if not cues_:
        return
    ent = _entities()
    Mention = ent.Mention
    not_before = frozenset(_words("product_sales_not_before"))
    org_firsts = _LazyNames(raw, mentions)
    for cue in cues_:
        for i in _find_all(raw, cue):
            m = _SALES_NAME.match(raw, i + len(cue))
            for _ in range(6):
                if m is None:
                    break
                s, e = m.span("n")
                words = raw[s:e].split()
                nxt = raw[e:e + 30].split(None, 1)
                if raw[e:e + 2] in ("'s", "’s") or nxt and nxt[0].rstrip(".,;:") in not_before \
                        or len(words) == 1 and (tickers._occurs(raw, words[0].lower()) or re.fullmatch(r"[A-Z]{2,}s?", words[0])) \
                        or not _product_name_ok(raw, s, e, c, kb) or raw[s:e] in org_firsts:
                    break  # ("sales of Facebook shares", "sales of Tata's Nano", "sales of Office" beside "office", "sales of TVs")
                if free(s, e):
                    entry, name = kb.lookup(raw[s:e]), raw[s:e]
                    name = entry.name if entry else name
                    if entry is None and raw[e - 1] == "s":  # "sales of Macs", "of Xboxes": the Mac, the Xbox (as written)
                        k = next((k for k in (1, 2) if (one := kb.lookup(raw[s:e - k])) is not None and one.type == "PRODUCT"), 0)
                        entry, name = (kb.lookup(raw[s:e - k]), raw[s:e - k]) if k else (None, name)
                    add(Mention(s, e, "PRODUCT", name, entry, "kb" if entry else "pattern"))
                m = _SALES_MORE.match(raw, e)


# ---------------------------------------------------------------- "Pampers diapers", "Goldfish crackers"

@lru_cache(maxsize=1)
def _consumer_pattern() -> tuple[re.Pattern, object] | None:
    """(a brand ending right before a kind of consumer goods, perhaps with one lower-case word between:
    matched backwards from the kind; the kinds as one automaton, found in one pass)."""
    kinds = _words("consumer_product_kinds")
    if not kinds:
        return None
    pat = re.compile(r"(?<![\w\-&.'’])(?P<n>(?:[A-Z][\w\-]*(?:['’]s)?|\d[\w]*)(?:[ \t]+(?:[A-Z][\w\-]*(?:['’]s)?|\d\w*)){0,2})"
                     r"(?:[ \t]+(?!(?:and|or|the|for|with|from|into|than|that|its|their|our)\b)[a-z]{3,})?[ \t]+\Z")
    return pat, phrases.word_automaton(kinds)


def consumer_brands(raw: str, mentions: list, c, kb, free, add) -> None:
    """"Pampers diapers", "Tide laundry detergent", "Goldfish crackers", "Absolut vodka": capitalised words
    right before a kind of consumer goods (lang/en/entity_cues.yaml `consumer_product_kinds`) are a brand, a
    product; not a company, a person, a place, a nationality, a word that opens a sentence or one word the
    text also writes in lower case (issue 9, h9ent17)."""
    table = _consumer_pattern()
    if table is None:
        return
    pat, kinds = table
    ent = _entities()
    Mention = ent.Mention
    found, n = [], len(raw)
    for end, k in kinds.iter(raw):
        ks = end - k + 1
        if ks >= 2 and raw[ks - 1] in " \t" and raw[ks - 2].isalnum() and (end + 1 >= n or not (raw[end + 1].isalnum() or raw[end + 1] == "-")) \
                and (m := pat.search(raw, max(0, ks - 90), ks)) is not None:
            found.append(m)
    org_firsts = _LazyNames(raw, mentions)
    for m in found:
        s, e = m.span("n")
        if s >= 2 and raw[s - 2:s].strip() and raw[s - 2:s].rstrip()[-1:].isupper():
            continue  # ("NEW YORK BATTERIES"): inside a longer capitalised run
        words = raw[s:e].split()
        before = raw[max(0, s - 3):s]
        if len(words) == 1 and (tickers._occurs(raw, words[0].lower()) or s == 0 or re.search(r"[.!?:\n][\"”']?[ \t]*\Z", before)
                                or words[0].isupper()):
            continue  # ("Toothpaste and detergent maker", "Total beer sales", "LED batteries")
        if any(w.endswith(("'s", "’s")) and w[:-2] in names.data("en").places for w in words) \
                or not _product_name_ok(raw, s, e, c, kb) or raw[s:e] in org_firsts or not free(s, e):
            continue
        entry = kb.lookup(raw[s:e])
        add(Mention(s, e, "PRODUCT", entry.name if entry else raw[s:e], entry, "kb" if entry else "pattern"))


# ---------------------------------------------------------------- "the maker of Tide, Pampers and Gillette"

# (not "owner of": chains, studios and companies are what one owns)
_MAKER_OF = re.compile(r"(?:maker|makers|producer|brewer)[ \t]+of[ \t]+(?:the[ \t]+|such[ \t]+brands[ \t]+as[ \t]+)?")
_BRAND = re.compile(r"(?P<n>[A-Z][\w\-+'’]*(?:[ \t]+[A-Z0-9][\w\-+'’]*){0,2})")
_BRAND_GAP = re.compile(r"(?:[ \t]+[a-z][\w\-]*){0,2}(?:[ \t]*,[ \t]*(?:and[ \t]+)?|[ \t]+and[ \t]+)(?:the[ \t]+)?")


def maker_of_products(raw: str, mentions: list, c, kb, free, add) -> None:
    """"the maker of Tide detergent", "maker of Cheerios, Progresso and Duncan Hines", "the maker of
    Bravia TVs": the brands a company is the maker of are products (a kind after one is left out;
    not a company, a place, a technology or a kind)."""
    cues_at = sorted(k for cue in ("maker of ", "makers of ", "producer of ", "brewer of ")
                     for k in _find_all(raw, cue))
    if not cues_at:
        return
    ent = _entities()
    Mention = ent.Mention
    kinds = _kind_words()
    for i in cues_at:
        m = _MAKER_OF.match(raw, i)
        if m is not None:
            pos = m.end()
            for _ in range(8):
                b = _BRAND.match(raw, pos)
                if b is None:
                    break
                s, e = b.span("n")
                words = raw[s:e].split()
                while words and (words[-1] in kinds or words[-1] in c.extra["device_not_names"] or re.fullmatch(r"[A-Z]{2,}s?", words[-1])):
                    words.pop()  # "Bravia LCD TVs": the brand before the kind
                if not words:
                    break
                e = s + len(" ".join(words)) if raw[s:e].startswith(" ".join(words)) else e
                if free(s, e) and _product_name_ok(raw, s, e, c, kb, given_ok=True) and raw[e:e + 1] != "-" \
                        and not (words[0][-2:] in ("'s", "’s") and words[0][:-2] in names.data("en").places):
                    entry = kb.lookup(raw[s:e])
                    add(Mention(s, e, "PRODUCT", entry.name if entry else raw[s:e], entry, "kb" if entry else "pattern"))
                g = _BRAND_GAP.match(raw, b.end())
                if g is None or g.end() == b.end():
                    break
                pos = g.end()


def _find_all(raw: str, lit: str) -> list[int]:
    out, i = [], raw.find(lit)
    while i != -1:
        if i == 0 or not raw[i - 1].isalnum():
            out.append(i)
        i = raw.find(lit, i + 1)
    return out


# ---------------------------------------------------------------- "brands such as Twizzlers, Rolo and Jolly Rancher"

# the items of the list: "the" and one adjective may open each ("the Tour, the high-end Bold and the Storm")
_KIND_ITEM = re.compile(r"(?:the[ \t]+)?(?:[a-z]+(?:-[a-z]+)+[ \t]+|(?:new|popular|original|latest|older|cheaper|best-selling)[ \t]+)?"
                        r"(?P<n>(?:[A-Z]|i[A-Z])[\w\-+'’]*(?:[ \t]+(?:[A-Z][\w\-+'’]*|\d(?:\w|\.(?=\w))*)){0,2})(?![\w\-])")
_KIND_GAP = re.compile(r"[ \t]*,[ \t]*(?:and[ \t]+|or[ \t]+)?|[ \t]+(?:and|or)[ \t]+")
_KIND_LINKS = (" such as ", " including ", " like ")
_LOWER_AFTER = re.compile(r"[ \t]+[a-z]")


@lru_cache(maxsize=1)
def _kind_list_nouns() -> frozenset[str]:
    return frozenset(_words("product_list_nouns"))


def kind_lists(raw: str, c, kb, free, add) -> None:
    """"brands such as Twizzlers, Rolo and Jolly Rancher", "new BlackBerry models such as the Tour, the
    high-end Bold and the Storm", "games like Halo and Gears of War": the capitalised names listed after a
    plural noun of products' kinds (lang/en/entity_cues.yaml `product_list_nouns`, at most two words
    before the link) are products; the list ends at a name that is a company, a person, a place or an
    ordinary word the text also writes in lower case (issue 9, h9ent15)."""
    nouns = _kind_list_nouns()
    if not nouns:
        return
    ent = _entities()
    Mention = ent.Mention
    places, demonyms = names.data("en").places, c.extra["demonyms"]
    for link in _KIND_LINKS:
        i = raw.find(link)
        while i != -1:
            before = raw[max(0, i - 40):i].split()[-3:]
            if any(w.strip(",") in nouns for w in before) and not raw[max(0, i - 40):i].rstrip().endswith(","):
                pos = i + len(link)
                for _ in range(12):
                    x = _KIND_ITEM.match(raw, pos)
                    if x is None:
                        break
                    s, e = x.span("n")
                    words = raw[s:e].split()
                    if raw[e:e + 2] in ("'s", "’s") or words[0] in c.name_stops or words[0].lower() in ent._en_given_names() \
                            or any(w in places or w in demonyms or w in c.org_suffixes or w in c.extra["stock_not_names"]
                                   or w in c.extra["device_not_names"] or w in c.extra["org_words"] for w in words) \
                            or words[-1] in _kind_words() \
                            or len(words) == 1 and (len(words[0]) < 3 or tickers._occurs(raw, words[0].lower())) \
                            or _LOWER_AFTER.match(raw, e) and not _KIND_GAP.match(raw, e):
                        break  # ("games like Sudoku puzzles": a kind of game, no name)
                    if free(s, e):
                        entry = kb.lookup(raw[s:e])
                        if entry is not None and entry.type != "PRODUCT":
                            break  # "companies such as Apple": a company ends the list
                        if entry is None:  # "BlackBerry models such as the Bold": the BlackBerry Bold
                            entry = next((x for w in before if w[:1].isupper() and (x := kb.lookup(f"{w} {raw[s:e]}")) is not None
                                          and x.type == "PRODUCT"), None)
                        add(Mention(s, e, "PRODUCT", entry.name if entry else raw[s:e], entry, "kb" if entry else "pattern"))
                    g = _KIND_GAP.match(raw, e)
                    if g is None:
                        break
                    pos = g.end()
            i = raw.find(link, i + len(link))


# ---------------------------------------------------------------- "its iTV", "the iMac"

_GLUED_VERSION = re.compile(r"(i[A-Z][a-z]+)(\d{1,2}[A-Za-z]{0,2})")
# (the look-behind after the "i", so that re looks for the literal "i" first)
_I_NAME = re.compile(r"i(?<![\w\-.@/]i)[A-Z][A-Za-z0-9]+(?![\w\-@])")
_I_BEFORE = re.compile(r"(?:\b(?:its|the|new|his|their|an|a)|[A-Z][\w\-]*['’]s)[ \t]+(?:new[ \t]+|latest[ \t]+|own[ \t]+)?\Z")


def i_names(raw: str, c, kb, free, add) -> None:
    """"its iTV", "Apple's iBook", "the new iMac": a word shaped like Apple's and its followers' product
    names (a lower-case i, then a capital) after a determiner or a possessive is a product, unless a
    company's legal form follows it or the knowledge base knows it as a company ("iRobot Corp",
    "iGo Inc"; issue 9, h9ent15)."""
    if " i" not in raw:
        return
    ent = _entities()
    Mention = ent.Mention
    legal = c.extra["legal_forms"]
    for m in _I_NAME.finditer(raw):
        s, e = m.span()
        if not free(s, e) or (b := _I_BEFORE.search(raw, max(0, s - 30), s)) is None:
            continue
        owner = raw[b.start():s].split()[0].rstrip("'’s")
        if raw[b.start():s].split()[0][-2:] in ("'s", "’s") and (owner in names.data("en").places or owner in c.extra["demonyms"]):
            continue  # "Kenya's iHub": a place's institution
        nxt = raw[e:e + 16].split()
        if nxt and (nxt[0].rstrip(".,") in legal or nxt[0].rstrip(".,") in c.org_suffixes):
            continue
        entry = kb.lookup(raw[s:e])
        if entry is not None and raw[s:e] not in entry.all_aliases():
            entry = None  # ("iTV" is no ITV, the broadcaster)
        if entry is None and raw[e - 1:e] == "s" and (one := kb.lookup(raw[s:e - 1])) is not None and one.type == "PRODUCT":
            entry = one  # "new iPods": the iPod
        if entry is None and (d := _GLUED_VERSION.fullmatch(raw, s, e)) is not None \
                and (one := kb.lookup(f"{d.group(1)} {d.group(2)}")) is not None and one.type == "PRODUCT":
            entry = one  # "Apple's iPhone5": the iPhone 5
        if entry is not None and entry.type != "PRODUCT":
            continue
        add(Mention(s, e, "PRODUCT", entry.name if entry else raw[s:e], entry, "kb" if entry else "pattern"))


# ---------------------------------------------------------------- "a full-touch 306 feature phone"

_MODEL_NUMBER_BEFORE = re.compile(r"\b(?:the|a|an|its|their|new)[ \t]+(?:[a-z][\w\-]*[ \t]+)?(?P<n>[1-9]\d{2,3}[A-Za-z]{0,2})"
                                  r"[ \t]+(?:(?!(?:euros?|dollars?|yen|yuan|pounds?|rupees?|won|rubles?|million|billion|thousand|"
                                  r"percent|per|inch|megapixel|gigabyte|dpi|pixel|mah|mhz|ghz|mb|gb)\b)[a-z][\w\-]*[ \t]+)?\Z")
_YEAR = re.compile(r"(?:19|20)\d\d")


def model_numbers(raw: str, mentions: list, c, kb, free, add) -> None:
    """"Nokia is due to unveil a full-touch 306 feature phone", "its 6267 handset": a model number before a
    device's kind (singular: "its 100 smartphones" is a count) is the model of the maker the text named
    last before it, named "<maker> <number>" (none without a maker before it; no year; issue 9, h9ent15)."""
    ent = _entities()
    heads = ent._word_starts(raw, c.lang, "device_heads")
    if not heads:
        return
    makers = ent._makers()
    orgs = None
    for h in heads:
        if h < 6 or not raw[h - 2:h - 1].isalnum():
            continue
        word = raw[h:h + 20].split(None, 1)[0].rstrip(".,;:")
        if word.endswith("s") or word in ("PC", "TV"):
            continue  # ("its 100 smartphones", "a 42 TV"): a count or a size
        m = _MODEL_NUMBER_BEFORE.search(raw, max(0, h - 60), h)
        if m is None or _YEAR.fullmatch(m.group("n")):
            continue
        s, e = m.span("n")
        if not free(s, e) or raw[e:e + 1] == "-":
            continue
        if orgs is None:
            orgs = sorted(((x.start, x) for x in mentions if x.type == "ORG" and x.entry is not None and x.entry.id in makers),
                          key=lambda t: t[0])
        before = [x for p, x in orgs if p < s]
        if not before:
            continue
        maker = before[-1].entry
        name = f"{maker.name} {m.group('n')}"
        entry = kb.lookup(name)
        if entry is not None and entry.type != "PRODUCT":
            continue
        add(ent.Mention(s, e, "PRODUCT", entry.name if entry else name, entry, "kb" if entry else "pattern"))


# ---------------------------------------------------------------- "the 5C is cheaper than the premium 5S"

_LETTERED_VERSION = re.compile(r"(?P<b>.*\S)[ \t]+(?P<v>\d{1,2}[A-Za-z]{1,3}|[A-Z]{1,2}\d{1,2})\Z")


def version_names(raw: str, mentions: list, free, add) -> None:
    """"the iPhone 5S and 5C ... the 5C is $100 cheaper than the premium 5S": a lettered version of a product
    the text names in full ("5S", "S4", "3GS") is that product where it stands alone (not after another
    capitalised word: "Audi S4"; issue 9, h9ent15)."""
    ent = _entities()
    versions: dict[str, object] = {}
    for m in mentions:
        if m.type == "PRODUCT" and (x := _LETTERED_VERSION.match(m.name)) is not None and any(ch.isalpha() for ch in x.group("v")):
            versions.setdefault(x.group("v"), m)
    for v, m in versions.items():
        i = raw.find(v)
        while i != -1:
            e = i + len(v)
            if (i == 0 or not (raw[i - 1].isalnum() or raw[i - 1] in "-$.")) and (e >= len(raw) or not (raw[e].isalnum() or raw[e] in "-")) \
                    and free(i, e):
                prev = raw[max(0, i - 30):i].split()
                if not prev or not prev[-1][:1].isupper() or prev[-1].rstrip(",") in ("The", "A", "And") or prev[-1].endswith(","):
                    add(ent.Mention(i, e, "PRODUCT", m.name, m.entry, "pattern"))
            i = raw.find(v, e)
