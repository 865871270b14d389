"""Names: does a candidate look like a person's name, which known entry is a spelling variant,
and what a possessive or an ordinary-word reading takes away from a mention.

All word lists live in ``lang/<lang>/names.yaml``:

- Arabic people (precision first): a name the knowledge base does not know must look like one.
  No part is a function word or a preposition-glued word; its first part is a given name (the
  lexicon, plus the first parts of every known person's Arabic name) or it has a name particle
  (بن، آل، أبو). A name cut short by a pattern is extended to the given name before it
  («سارة منصور الحربي», not «منصور الحربي»).
- Spelling variants: a skeleton of each Arabic alias (letter classes such as ج/غ/ق, vowel letters
  ignored inside words, doubled letters once, the article optional) indexes the knowledge base; an
  unlinked mention whose skeleton belongs to one entry alone, and whose spelling is close to that
  entry's (rapidfuzz ratio), is that entry. Skeletons shared by two entries are never used.
  After a title only people carry («الدكتور», «المهندس», «اللاعب», names.yaml `licensing_titles`)
  the first part need not be listed; a foreign given name that is no Arabic word
  (`foreign_given_names`, «هيلاري») and the word after it are a person with no cue at all.
- Possessives: "France's Lumen SA" is Lumen SA, with France kept as the place.
- False friends: "the Amazon river" and "born under Gemini" are not the company or the model.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from operator import itemgetter

import numpy as np
from rapidfuzz import fuzz

from marsad.extractors.doccache import held
from marsad.kb import KBEntry, knowledge_base
from marsad.lexicon import load_yaml
from marsad.normalize import fold

_AR_TOKEN = re.compile(r"[\u0621-\u064a\u0671-\u06d3]+")
_GLUED = ("لل", "بال", "وال", "كال", "فال", "وب", "ول", "وك")
_OPENING_PARTICLES = frozenset({fold("عبد"), fold("أبو")})
_FA_KA_AL = ("فال", "كال")
_BEN_PARTICLES = frozenset({"لو", "فان", "دي", "دو", "لا"})  # (after «بن»: Ben Le Brun, Ben van Beurden)  # (rarely a clitic and the article inside a name: «فالشركة» ends one)


@dataclass(frozen=True)
class NameData:
    given: frozenset[str]
    particles: frozenset[str]
    honorifics: frozenset[str]
    not_name: frozenset[str]
    classes: dict[str, str]
    initial: dict[str, str]
    vowels: frozenset[str]
    min_skeleton: int
    min_ratio: float
    places: frozenset[str]
    false_after: dict[str, tuple[str, ...]]
    false_before: dict[str, tuple[str, ...]]
    ordinary: frozenset[str]
    not_after: dict[str, frozenset[str]]
    quoted_only: dict[str, str]
    foreign: frozenset[str]
    licensing: frozenset[str]
    cue_free: frozenset[str] = frozenset()
    not_surnames: frozenset[str] = frozenset()
    not_person_after: frozenset[str] = frozenset()
    with_nationality: frozenset[str] = frozenset()
    waw_surnames: frozenset[str] = frozenset()


@lru_cache(maxsize=None)
def data(lang: str) -> NameData:
    """The name data of ``lang`` (lang/<lang>/names.yaml), folded."""
    d = load_yaml(f"lang/{lang}/names.yaml", "names")
    v = d.get("variants") or {}
    classes, initial = {}, {}
    for group in v.get("letter_classes") or []:
        for ch in group:
            classes[fold(ch)] = fold(group[0])
    for group in v.get("initial_letter_classes") or []:
        for ch in group:
            initial[fold(ch)] = classes.get(fold(group[-1]), fold(group[-1]))
    kb = knowledge_base()
    foreign = {fold(x) for x in d.get("foreign_given_names") or []}
    given = {fold(x) for x in d.get("given_names") or []} | foreign
    skip = {fold(x) for x in (d.get("not_name") or []) + (d.get("honorifics") or []) + (d.get("particles") or [])}
    if lang == "ar":  # first parts of every known person's Arabic name are given names too
        for e in kb.entries:
            if e.type == "PERSON":
                for a in e.aliases.get("ar", []):
                    parts = fold(a).split()
                    # a three-letter part ending in ه is also a noun in ة («قوه» of Guo Guangchang is «قوة», power)
                    if len(parts) >= 2 and len(parts[0]) >= 3 and parts[0] not in skip and not parts[0].startswith("ال") \
                            and not (len(parts[0]) == 3 and parts[0].endswith("ه")):
                        given.add(parts[0])
    after, before = {}, {}
    for ff in d.get("false_friends") or []:
        after[ff["alias"]] = tuple(w.lower() for w in ff.get("after") or [])
        before[ff["alias"]] = tuple(w.lower() for w in ff.get("before") or [])
    return NameData(frozenset(given), frozenset(fold(x) for x in d.get("particles") or []),
                    frozenset(fold(x) for x in d.get("honorifics") or []),
                    frozenset(fold(x) for x in d.get("not_name") or []), classes, initial,
                    frozenset(fold(x) for x in v.get("vowel_letters") or []), int(v.get("min_skeleton", 5)),
                    float(v.get("min_ratio", 80)), frozenset(d.get("places") or []), after, before,
                    frozenset(d.get("ordinary_words") or []),  # as written: «وابل» is not «وأبل»
                    {fold(k): frozenset(fold(w) for w in v) for k, v in (d.get("not_a_name_after") or {}).items()},
                    {fold(k): v for k, v in (d.get("quoted_only") or {}).items()},
                    frozenset(foreign), frozenset(fold(x) for x in d.get("licensing_titles") or []),
                    frozenset(w for x in d.get("cue_free_given_names") or [] for w in _spaced_abd(fold(x))),
                    frozenset(fold(x) for x in d.get("not_surnames") or []),
                    frozenset(fold(x) for x in d.get("not_a_person_after") or []),
                    frozenset(fold(x) for x in d.get("licensing_with_nationality") or []),
                    frozenset(fold(x) for x in d.get("waw_surnames") or []))


def _spaced_abd(name: str) -> tuple[str, ...]:
    """«عبدالعزيز» and «عبد العزيز»: the press writes a compound «عبد» name either way."""
    if name.startswith("عبد") and len(name) > 5 and name[3] != " ":
        return name, "عبد " + name[3:]
    return (name,)


# ------------------------------------------------------------------ Arabic people

def _is_glued(token: str, d: NameData) -> bool:
    """A preposition- or article-glued word («لشركة», «بالرياض», «والنفط») is not a name part."""
    if token in d.given:
        return False
    return token.startswith(_GLUED) or (token.startswith("ال") and len(token) > 3)


def looks_like_person(name: str, lang: str, licensed: bool = False) -> bool:
    """Whether an unknown candidate name looks like a person's name (Arabic: lexicon-driven).
    ``licensed``: a title that only people carry («الدكتور», «المهندس», «اللاعب») comes right
    before it, so its first part need not be a listed given name («المدرب ماسيميليانو أليجري»)."""
    if lang != "ar":
        return True
    d = data(lang)
    parts = [p for p in fold(name).split() if p not in d.honorifics]
    if len(parts) < 2 or len(parts) > 6:
        return False
    if len(parts) >= 3 and parts[0] in _OPENING_PARTICLES and parts[1] not in d.not_name \
            and not any(p in d.not_name for p in parts):
        return True  # «عبد الله الزيد», «أبو بكر الصديق»: an opening particle is a given name's first part
    if any(p in d.not_name for p in parts):
        return False
    if len(parts) == 3 and parts[0] == "بن" and parts[1] in _BEN_PARTICLES and not parts[2].startswith("ال"):
        return True  # «بن لو برون», «بن فان بوردن»: the English given name Ben and a particled surname
    if _is_glued(parts[0], d) or (parts[0] in d.particles and parts[0] not in _OPENING_PARTICLES):
        return False  # «بن سلمان» alone is a fragment; «عبد الله», «أبو بكر» open a name
    for p in parts[1:]:
        if p.startswith(_FA_KA_AL) and parts[0] in d.foreign and len(parts) == 2:
            continue  # «جون فالون», «مانويل فالس»: after a foreign given name, «فال»/«كال» open a transliteration
        if (p.startswith(_GLUED) or p.startswith("و")) and p not in d.given and p not in d.waw_surnames:
            return False  # «محمد لشركة», «سعود وأخيه»: a glued word ends a name, never continues it
    if licensed and len(parts) <= 4 and not parts[0].startswith(("ال", "و")) \
            and not (parts[0].endswith("ا") and parts[0] not in d.given):  # «هجوما لاذعا», «مرانا خاصا»
        return True
    return parts[0] in d.given or any(p in d.particles for p in parts[1:-1])


def may_be_person(words: list[str]) -> bool:
    """Cheap test before `arabic_person`: folded words of which the first or second is a given
    name, a name particle or an honorific, or that name a known person."""
    d = data("ar")
    if any(w in d.given or w in d.particles or w in d.honorifics or w[1:] in d.given for w in words[:2]):
        return True
    e = knowledge_base().lookup(" ".join(words))
    return e is not None and e.type == "PERSON"


def name_may_end_at(text: str, end: int) -> bool:
    """Whether one of the two or three folded words before ``end`` opens a name (a given name,
    possibly after و/ب, or a particle): else no name of the lexicon ends there."""
    d = data("ar")
    words = text[max(0, end - 40):end].split()[-3:-1]
    return any(w in d.given or w[1:] in d.given or w in d.particles for w in words)


def licensed_by(before: str) -> bool:
    """Whether the words just before a name end with a title only people carry, possibly
    followed by a nationality («المهاجم الأرجنتيني»)."""
    d = data("ar")
    words = [w[1:] if w[:1] in "وب" and w[1:] in d.licensing else w
             for w in before.split()[-3:]]  # ``before`` is folded text
    if not words:
        return False
    if words[-1] in d.licensing:
        return True
    return len(words) >= 2 and words[-1].startswith("ال") and words[-1].endswith("ي") \
        and (words[-2] in d.licensing or words[-2] in d.with_nationality)




_NEXT_NAME_WORD = re.compile(r"[ \t]+(?!ال[\u0621-\u064a]{2,}(?:يه|ية)(?![\u0621-\u064a]))(?:ال)?[\u0621-\u064a]{2,}(?![\u0621-\u064a])")


@lru_cache(maxsize=1)
def _title_words() -> frozenset[str]:
    """Arabic title heads (entity_cues.yaml), folded: «وأمين الطائف» is the mayor, not «أمين»."""
    return frozenset(fold(w) for w in load_yaml("lang/ar/entity_cues.yaml", "entity_cues").get("title_heads") or [])


_ROYAL = frozenset(fold(w) for w in ("الملك", "الأمير", "الإمام", "الشيخ", "السلطان"))


@lru_cache(maxsize=1)
def _institution_heads() -> frozenset[str]:
    """`not_a_person_after` without titles, particles and the family word «آل» (built once, not at each word)."""
    d = data("ar")
    return frozenset(d.not_person_after - _ROYAL - d.particles - {fold("آل")})


def _institution_word(word: str) -> bool:
    """Whether ``word`` (perhaps after a clitic و/ب/ل/ف) is a place's or an institution's head noun
    of `not_a_person_after` («مطار», «بمركز»), not a title, a particle or the family word «آل»."""
    heads = _institution_heads()
    w = fold(word)
    return w in heads or (len(w) > 3 and w[0] in "وبلف" and w[1:] in heads)


def arabic_person(raw: str, s: int, e: int, licensed: bool = False) -> tuple[int, int] | None:
    """The span of an Arabic person candidate, extended to a given name cut off before it, or
    None when the candidate does not look like a person (known people always do)."""
    d = data("ar")
    kb = knowledge_base()
    known = kb.lookup(raw[s:e])
    words = raw[s:e].split()
    if known is None and len(words) >= 2 and words[0][:1] in "لبو" and fold(words[0]) not in d.given \
            and fold(words[0]) not in d.not_name and fold(words[0][1:]) in d.given \
            and (words[0][0] != "و" or (len(words[0]) > 4 and fold(words[0][1:]) not in _title_words())):
        s += 1  # «تصريح ليوسف الظاهري», «وسكوت ووكر»: ل/ب/و glued to a given name is not part of the name
        words[0] = words[0][1:]
        known = kb.lookup(raw[s:e])
    checked = len(raw)  # where the checked part of the name ends (the word after a final particle is not checked)
    glued = next((i for i, w in enumerate(words) if i >= 2 and fold(w).startswith(_GLUED) and fold(w) not in d.given), None)
    if known is None and glued is not None:  # «خالد الزيلعي للتعاون»: a glued word ends the name
        words = words[:glued]
        e = s + len(" ".join(words))
    while known is None and len(words) > 2 and fold(words[-1]) in d.not_name:
        words = words[:-1]  # «عبدالله الجربوع ممثلا»: a word that is never a name part ends the name before it
        e = s + len(" ".join(words))
    while known is None and len(words) > 2 and fold(words[-1]) in d.particles:
        words = words[:-1]  # «جلوي بن عبدالعزيز بن»: a name never ends with a particle
        e = s + len(" ".join(words))
    if known is None and words and fold(words[-1]) in d.particles:
        # «صالح آل الشيخ», «عبدالله بن مساعد»: the word after a particle belongs to the name even
        # when it is also a title or an ordinary word; with none, «خالد بن» is a fragment
        nxt = _NEXT_NAME_WORD.match(raw, e)
        if nxt is None:
            return None
        checked, e = e, nxt.end()
        fam = _NEXT_NAME_WORD.match(raw, e)
        if fam is not None and fam.group(0).strip().startswith("ال") and fold(fam.group(0).strip()) not in d.not_name \
                and fold(fam.group(0).strip()) not in _title_words() \
                and (after := re.match(r"[ \t]+([\u0621-\u064a]+)", raw[fam.end():fam.end() + 30])) is not None \
                and after.group(1).startswith("ال") and fold(after.group(1)) in _title_words():
            # «فهد بن علي العليان المدير التنفيذي»: the family name before a title with the article is the
            # name's («خالد بن سلمان الوفد رئيس البعثة»: an object before a title in a construct is not)
            e = fam.end()
        words = raw[s:e].split()
    if known is None and words and (fold(words[0]) in d.foreign
                                     or licensed and fold(words[0]) not in d.given and fold(words[0]) not in d.particles):
        # a name licensed by its title alone has no article-prefixed part: «أليجري الساعي» ends
        # before «الساعي» (an adjective), while «هشام الفالح» starts with a listed given name
        cut = next((i for i, w in enumerate(words) if i and w.startswith("ال")), len(words))
        if cut < len(words):
            e = s + len(" ".join(words[:cut]))
        words = raw[s:e].split()
        while fold(words[0]) in d.foreign and len(words) > 2 and not _foreign_part(fold(words[-1])) \
                and not _french_yeh(words[-1]):
            words = words[:-1]  # «المهاجم ريكي لامبرت لمصلحة وست بروميتش»: «لمصلحة» (for) is no name part
            e = s + len(" ".join(words))
        if licensed and len(raw[s:e].split()) == 2 and _verb_shaped_surname(fold(raw[s:e].split()[1])):
            return None  # «الدكتور هيرث يشير», «الدكتور هيرث محقا»: a surname and a verb or an adjective
    if known is None and not looks_like_person(raw[s:min(e, checked)], "ar", licensed):
        return None
    first = fold(raw[s:e].split()[0]) if raw[s:e].split() else ""
    # the words before, diacritics kept inside them («المُتحدّث»)
    before = re.findall(r"[\u0621-\u064a][\u0621-\u064a\u064b-\u065f\u0670]*", raw[max(0, s - 40):s])
    if known is None and first in d.not_after:
        if before and fold(before[-1]) in d.not_after[first]:
            return None  # «المتحدث باسم المركز»: «باسم» is "on behalf of" here, not the name Basem
    if known is None and len(before) >= 2 and (fold(before[-1]) in d.honorifics or fold(before[-1]) in _ROYAL) \
            and _institution_word(before[-2]):
        return None  # «مطار الأمير عبدالمحسن بن عبدالعزيز»: an airport named after a prince
    # extend left over given names written just before («سارة» + «منصور الحربي»), at most two
    for _ in range(2):
        m = re.search(r"([\u0621-\u064a]+) $", raw[max(0, s - 25):s])
        if not m:
            break
        word = fold(m.group(1))
        if word not in d.given and word[:1] in "وب" and word[1:] in d.foreign and word not in d.not_name:
            s = s - len(m.group(1))  # «وجواو ريكاردو أولر»: a foreign given name after «و», the «و» left out
            break
        if word in d.particles and word not in _OPENING_PARTICLES:
            # «عبد الرحمن بن» + «عبد العزيز السديس»: a «بن» before the name joins the given name before it
            g = re.search(r"((?:عبد\s+)?[\u0621-\u064a]+) [\u0621-\u064a]+ $", raw[max(0, s - 40):s])
            if g is None or (fold(g.group(1).split()[-1]) not in d.given and not g.group(1).startswith("عبد")):
                break
            s = s - len(m.group(1)) - 1 - len(g.group(1)) - 1
            continue
        if word not in d.given or word in d.not_name:
            break
        if word in d.not_after and (pw := re.search(r"([\u0621-\u064a]+)[ \t]+$", raw[max(0, s - 1 - len(m.group(1)) - 30):s - 1 - len(m.group(1))])) \
                and fold(pw.group(1)) in d.not_after[word]:
            break  # «البيان الموقع باسم راجيش ميهتا»: «باسم» is "in the name of" there
        s = s - 1 - len(m.group(1))
    return s, e


@lru_cache(maxsize=1)
def _foreign_automaton():
    from marsad.extractors.phrases import word_automaton

    return word_automaton(data("ar").foreign)


_PRONOUN_SUFFIXES = ("ها", "هم", "هما", "هن")
_NEXT_WORD = re.compile(r"\s+(?!ال)[\u0621-\u064a]{3,}(?![\u0621-\u064a])")


def foreign_people(text: str, found=None) -> list[tuple[int, int]]:
    """Spans (in folded ``text``) of «هيلاري كلينتون»-like names: a foreign given name that is no
    Arabic word (names.yaml `foreign_given_names`) and the word after it, with no cue needed.
    ``found``: the (end index, length) of the given names in ``text``, when already scanned."""
    if found is None:
        a = _foreign_automaton()
        if a is None:
            return []
        found = list(a.iter(text))
    d = data("ar")
    n = len(text)
    letter = lambda i: 0 <= i < n and "\u0621" <= text[i] <= "\u064a"
    out, last = [], -1
    for end, k in found:
        s, e = end - k + 1, end + 1
        if s < last or (e < n and "\u0621" <= text[e] <= "\u064a"):
            continue
        if letter(s - 1) and not (text[s - 1] in "وب" and not letter(s - 2)):
            continue  # inside a word, or glued to something other than و/ب
        m = _NEXT_WORD.match(text, e)
        if m is None:
            continue
        word = m.group(0).split()[-1]
        if word in d.not_name or word in d.particles or word.startswith(_GLUED) \
                or (len(word) >= 5 and word.endswith(_PRONOUN_SUFFIXES)) or word.endswith("ه"):
            # («ريتشارد ابن الكاتب»: Richard, the writer's son; a particle ends no name)
            continue  # «معلم نيكول بإنجازها», «نيكول تلميذة ذكية»: a pronoun suffix or a feminine noun is no surname
        if _verb_shaped_surname(word):
            continue  # «إدواردو يرتشف الماء», «أدى إدواردو مرانا»
        end = _longer_foreign_name(text, m.end())
        out.append((s, end))
        last = end
    return out


@lru_cache(maxsize=1)
def _foreign_name_words() -> tuple[frozenset[str], frozenset[str]]:
    """(title and role words, foreign name particles «دا», «دوس», «فان»), folded (entity_cues.yaml)."""
    c = load_yaml("lang/ar/entity_cues.yaml", "entity_cues")
    titles = {fold(w) for key in ("title_heads", "plural_title_heads", "role_words") for w in c.get(key) or []}
    return frozenset(titles), frozenset(fold(w) for w in c.get("foreign_particles") or [])


@lru_cache(maxsize=1)
def _foreign_parts() -> dict:
    p = load_yaml("lang/ar/names.yaml", "names").get("foreign_name_parts") or {}
    return {"glued": tuple(fold(x) for x in p.get("glued_openers") or []),
            "then_vowel": tuple(fold(x) for x in p.get("glued_then_vowel") or []),
            "lam_then": frozenset(fold(x) for x in p.get("lam_then") or []),
            "verb": frozenset(fold(x) for x in p.get("verb_openers") or []),
            "verb_max": int(p.get("verb_max_letters", 0)),
            "second_verb": frozenset(fold(x) for x in p.get("second_verb_openers") or []),
            "second_acc": frozenset(fold(x) for x in p.get("second_accusative_openers") or []),
            "not": frozenset(fold(x) for x in p.get("not_parts") or []),
            "closers": frozenset(fold(x) for x in p.get("closers") or [])}


def _foreign_part(w: str) -> bool:
    """Whether folded ``w`` may be a further part of a foreign name (names.yaml `foreign_name_parts`)."""
    d, f = data("ar"), _foreign_parts()
    titles, _ = _foreign_name_words()
    if len(w) < 4 or w in f["not"] or w in d.not_name or w in d.particles or w in titles \
            or w.startswith(("ال", "و")) or w.startswith(_GLUED) or w.endswith(("ه", "يين")) \
            or (len(w) >= 5 and w.endswith(_PRONOUN_SUFFIXES)):
        return False
    if (f["glued"] and w.startswith(f["glued"])) or (w[0] in f["then_vowel"] and w[1] not in f["lam_then"]):
        return False  # «بمران», «كبديل», «لموسم»
    if len(w) <= f["verb_max"] and w[0] in f["verb"] and w[1] not in d.vowels:
        return False  # «يحمل», «مطروح», «أستاذ»
    return True


def _french_yeh(word: str) -> bool:
    """Whether ``word`` (as written) is a transliterated surname ending in «يه» written with «ه», not «ة» (French -ier,
    -et, -ez: «فيفريه», «أودييه», «بارنييه»): five letters at least, no article, no glued preposition before a
    consonant (issue 9, h9ar)."""
    f = _foreign_parts()
    return len(word) >= 5 and word.endswith("يه") and not word.startswith(("ال", "و")) \
        and not (word[0] in f["then_vowel"] and word[1] not in f["lam_then"])


def _verb_shaped_surname(w: str) -> bool:
    """Whether folded ``w``, right after a foreign given name, is shaped like an imperfect verb
    («يرتشف») or an accusative participle («مرانا») rather than a surname."""
    d, f = data("ar"), _foreign_parts()
    if len(w) < 3 or len(w) > f["verb_max"] or w[1] in d.vowels:
        return False
    return w[0] in f["second_verb"] or (w[0] in f["second_acc"] and w.endswith("ا"))


_NEXT_PART = re.compile(r"[ \t]+([\u0621-\u064a]{2,})(?![\u0621-\u064a])")
_NAME_CLOSE = re.compile(r"[ \t]*(?:[،,:;.\"»)(\-–]|\n|\Z)")


def longer_foreign_name(raw: str, s: int, e: int) -> int:
    """The end of a person's name found at [s, e) by a title or a speech verb, extended over more
    parts when it opens with a foreign given name («سابقا أندريس فوج» + «راسموسين»)."""
    words = raw[s:e].split()
    if len(words) != 2 or fold(words[0]) not in data("ar").foreign:
        return e
    return _longer_foreign_name(raw, e)


def _longer_foreign_name(text: str, end: int) -> int:
    """Where a foreign name found as a given name and one word ends when more parts follow
    («أندريس فوج راسموسين», «لويس ايناسيو لولا دا سيلفا», «مارسيلو باهيا أودبريشت»): up to two
    more parts (and the particles «دا», «دوس» among them), each shaped like a transliteration
    (`_foreign_part`), kept only when a closer follows the longer name: punctuation, a title or
    role, a function word of `closers` or a word joined by «و». Else ``end`` as it was."""
    titles, particles = _foreign_name_words()
    closers = _foreign_parts()["closers"]
    parts, pos, words = [], end, 0
    while words < 2:
        m = _NEXT_PART.match(text, pos)
        if m is None:
            break
        w = fold(m.group(1))
        if w in particles:
            parts.append((m.end(), True, w))
        elif _foreign_part(w) or _french_yeh(m.group(1)):  # («جان بول فيفريه الذي»)
            if w.endswith("ا") and parts and not parts[-1][1] and parts[-1][2].endswith("ا"):
                parts.pop()  # «عقدا جديدا», «قائدا رابعا»: a noun and its adjective in the accusative
                break
            parts.append((m.end(), False, w))
            words += 1
        else:
            break
        pos = m.end()
    for stop, is_particle, _ in reversed(parts):
        if is_particle:
            continue  # a name never ends with a particle
        if _NAME_CLOSE.match(text, stop):
            return stop
        nxt = _NEXT_PART.match(text, stop)
        if nxt is not None:
            w = fold(nxt.group(1))
            if w in closers or w in titles or (w[:2] == "ال" and w[2:] in titles) or (w[0] == "و" and w[1:2] != "ا"):
                return stop
            if len(w) >= 5 and w.endswith("ا") and (w[:-1] in titles or (w[0] == "م" and w[1] not in data("ar").vowels)):
                return stop  # a title or a participle in the accusative: «رئيسا», «مستشارا له»
    return end


_WORDS_AFTER = re.compile(r"[ \t]+([\u0621-\u064a]+(?:[ \t]+[\u0621-\u064a]+){0,3})")


def known_person_after(raw: str, end: int) -> bool:
    """Whether the words right after ``end`` (one to four) are the name of a known person."""
    m = _WORDS_AFTER.match(raw, end)
    if m is None:
        return False
    kb = knowledge_base()
    words = m.group(1).split()
    for n in range(len(words), 0, -1):
        e = kb.lookup(" ".join(words[:n]))
        if e is not None and e.type == "PERSON" and n > 1:  # (a surname alone: «ميشيل أوباما» is not Barack)
            return True
    return False


_WORDS_BEFORE = re.compile(r"(?:^|(?<=[\s،,:\"«(]))([وب]?[\u0621-\u064a]+)[ \t]+(?:([\u0621-\u064a]+)[ \t]+)?\Z")


@lru_cache(maxsize=1)
def _raw_not_names() -> frozenset[str]:
    """names.yaml `not_name` as written: «على» (on) folds to the given name «علي»."""
    return frozenset(load_yaml("lang/ar/names.yaml", "names").get("not_name") or [])


def surname_of_foreign_name(raw: str, s: int, e: int) -> bool:
    """Whether a one-word name at ``s`` ends a foreign person's name: a foreign name particle
    («دوس سانتوس», «دا سيلفا») or a foreign given name («مارسيلو أودبريشت»), perhaps with a
    middle name between («مارسيلو باهيا أودبريشت»), comes right before it."""
    m = _WORDS_BEFORE.search(raw, max(0, s - 40), s)
    if m is None:
        return False
    d = data("ar")
    _, particles = _foreign_name_words()
    first, second = fold(m.group(1)), fold(m.group(2) or "")
    last = second or first
    if fold(raw[s:e]) in particles:  # «ماركو بولو ديل نيرو»: a particle between two name parts
        nxt = _NEXT_PART.match(raw, e)
        return nxt is not None and _foreign_part(fold(nxt.group(1))) and _foreign_part(last)
    if last in particles:
        return True
    if second and (first in d.foreign or (first[:1] in "وب" and first[1:] in d.foreign)):
        return _foreign_part(second)
    if last in d.foreign or (last[:1] in "وب" and last[1:] in d.foreign):
        return True
    # «وقال بيل باير مساعد وزير العدل»: any listed given name right before, with a speech verb before
    # it or a title or role word right after the name, makes the word the person's surname (not Bayer)
    if last in d.given and last not in d.particles and (m.group(2) or m.group(1)) not in _raw_not_names():
        before, titles = _surname_cues()[0], _foreign_name_words()[0]
        if second and first in before:
            return True
        nxt = _NEXT_PART.match(raw, e)
        if nxt is not None:
            w = fold(nxt.group(1))
            return w in titles or (w[:2] == "ال" and w[2:] in titles)
    return False


def cue_free_names() -> frozenset[str]:
    """Arabic given names that are no ordinary word (names.yaml `cue_free_given_names`), folded."""
    return data("ar").cue_free


@lru_cache(maxsize=1)
def _cue_free_automaton():
    from marsad.extractors.phrases import word_automaton

    return word_automaton(data("ar").cue_free)


_SURNAME = re.compile(r"[ \t]+((?:ال)?[\u0621-\u064a]{3,})(?![\u0621-\u064a])")


def cue_free_people(text: str, found=None) -> list[tuple[int, int]]:
    """Spans (in folded ``text``) of «إبراهيم غالب», «يحيى الشهري»: a given name that is no ordinary
    word (names.yaml `cue_free_given_names`) and a surname, with no cue needed. The surname has no
    article unless it is a nisba («الشهري»), is no listed adjective (`not_surnames`), no feminine
    noun and no pronoun-suffixed word; a place's or an institution's name («جامعة الملك سعود»,
    `not_a_person_after` within two words before) is no person. ``found``: (end index, length) of the
    given names in ``text``, when already scanned."""
    d = data("ar")
    given, not_surname, not_after = d.cue_free, d.not_surnames, d.not_person_after
    if found is None:
        a = _cue_free_automaton()
        if a is None:
            return []
        found = list(a.iter(text))
    n = len(text)
    letter = lambda i: 0 <= i < n and "\u0621" <= text[i] <= "\u064a"
    out, last = [], -1
    for end, k in found:
        s, e = end - k + 1, end + 1
        if s < last or letter(e):
            continue
        if letter(s - 1) and not (text[s - 1] in "وب" and not letter(s - 2)):
            continue  # inside a word, or glued to something other than و/ب
        before = [w.strip(",،.") for w in text[max(0, s - 30):s].split()[-2:]]  # («ريال ,وشركة»)
        if any(w in not_after or w[1:] in not_after for w in before):
            continue  # «مستشفى الملك فيصل التخصصي», «محمد بن سلمان» (after «بن»)
        m = _SURNAME.match(text, e)
        if m is None:
            continue
        word = m.group(1)
        if word in d.particles:  # «عبدالله بن مساعد»: the particle and the word after it
            m2 = _SURNAME.match(text, m.end())
            if m2 is None or m2.group(1) in d.not_name or m2.group(1).startswith(_GLUED):
                continue
            out.append((s, m2.end()))
            last = m2.end()
            continue
        if word in d.not_name or word in not_surname or word in given or word.startswith(_GLUED) \
                or word.endswith("ه") or (len(word) >= 5 and word.endswith(_PRONOUN_SUFFIXES)):
            continue
        if word not in d.given and (word.endswith("ا") or word.startswith("ل") or word.endswith(("كم", "كما", "كن"))):
            continue  # «معاذ ملازما», «سلمان تقديرا» (an accusative), «طارق لعدم» (glued ل), «أتفهمكم»
        if word.startswith("ال") and not word.endswith("ي") \
                and not _article_surname_vouched(text, s, m.end(), given, out[-1][1] if out else -9):
            continue  # «محمد الخطوة»: only a nisba takes the article («الشهري», «الحربي») ...
        out.append((s, m.end()))
        last = m.end()
    return out


_SAID_OPENERS = frozenset({"ان", "انه", "انها", "بان", "بانه", "بانها", "انهم"})


@lru_cache(maxsize=1)
def _surname_cues() -> tuple[frozenset[str], frozenset[str]]:
    """Folded words before (speech verbs) and after (titles with the article) a name that vouch for
    a surname with the article (entity_cues.yaml ``speech_verbs``, ``surname_speech_verbs``, ``title_heads``)."""
    d = load_yaml("lang/ar/entity_cues.yaml", "entity_cues")
    before = frozenset(fold(x) for x in (d.get("speech_verbs") or []) + (d.get("surname_speech_verbs") or []))
    after = frozenset(w for w in (fold(x) for x in (d.get("title_heads") or []) + (d.get("surname_closers") or []))
                      if w.startswith("ال") and " " not in w)
    return before, after


def _article_surname_vouched(text: str, s: int, e: int, given: frozenset[str], prev_end: int) -> bool:
    """... unless the name is vouched for: a speech verb right before it («وينفي إيهاب الطيب أن»), a
    title with the article right after it («مساعد الزويهري المرشح»), or it is in a list of names
    («ياسر المسيليم وأحمد الرحيلي»: another cue-free name joined by «و» right before or after it)."""
    before, after = _surname_cues()
    if 0 <= s - prev_end <= 3:
        return True  # «... وأحمد الرحيلي، وثامر العطيش»: the list's previous name ends just before
    a = re.match(r"[ \t]*([\u0621-\u064a]+|[^\s\u0621-\u064a])", text[e:e + 30])
    if a is None:
        return False
    w = a.group(1)
    if w in after or (w[:1] == "و" and w[1:] in given):
        return True
    nxt = re.match(r"[ \t]*[،,][ \t]*و?([\u0621-\u064a]+)", text[e:e + 30])
    if nxt is not None and (nxt.group(1) in given or nxt.group(1) == "عبد"):
        return True  # «مهند الرشيد، ومحمد المحيسني»: a list of names
    # a speech verb before, and what was said right after («وقال عبدالله العليان إن»), not an object
    # («وأكد أحمد الالتزام بالقرار»: the noun is what he affirmed)
    b = re.search(r"([\u0621-\u064a]+)[ \t]+[وب]?$", text[max(0, s - 25):s])
    if b is None:
        return False
    t = b.group(1)
    if t.startswith("لل") and "ا" + t[1:] in data("ar").licensing or t[:1] in "بو" and t[1:] in data("ar").licensing:
        return True  # «للدكتور عبد الله المسند»: a title with a glued preposition
    return t in before and (w in _SAID_OPENERS or w in "،,:\"«")


# ------------------------------------------------------------------ spelling variants

@lru_cache(maxsize=8192)
def skeleton(text: str, lang: str = "ar") -> str:
    """The spelling-variant key of a folded Arabic name (see names.yaml `variants`): each word's key."""
    return " ".join(_word_skeleton(tok, lang) for tok in fold(text).split())


@lru_cache(maxsize=1)
def _variant_index() -> dict[str, tuple[KBEntry, str]]:
    """skeleton → (entry, alias) for Arabic aliases whose skeleton belongs to one entry alone."""
    d = data("ar")
    table: dict[str, list[tuple[KBEntry, str]]] = {}
    for alias, entry, script in knowledge_base().aliases():
        if script != "ar" or not _AR_TOKEN.search(alias):
            continue
        key = skeleton(alias)
        if len(key.replace(" ", "")) < d.min_skeleton:
            continue
        table.setdefault(key, []).append((entry, alias))
    return {k: v[0] for k, v in table.items() if len({e.id for e, _ in v}) == 1}


@lru_cache(maxsize=1)
def _person_variant_index() -> dict[str, list[tuple[tuple[str, ...], KBEntry, str]]]:
    """First word's skeleton → (the skeleton's words, person, alias) for the Arabic aliases of two to four words of
    the KB's people, with a skeleton of six letters at least that belongs to one person alone."""
    table: dict[tuple[str, ...], list[tuple[KBEntry, str]]] = {}
    for e in knowledge_base().entries:
        if e.type != "PERSON":
            continue
        for alias in e.aliases.get("ar", []):
            key = tuple(skeleton(alias).split())
            if 2 <= len(key) <= 4 and len("".join(key)) >= 6:
                table.setdefault(key, []).append((e, alias))
    out: dict[str, list[tuple[tuple[str, ...], KBEntry, str]]] = {}
    for key, hits in table.items():
        if len({e.id for e, _ in hits}) == 1:
            out.setdefault(key[0], []).append((key, hits[0][0], hits[0][1]))
    return out


@lru_cache(maxsize=1)
def _person_variant_pairs() -> dict[tuple[str, str], list[tuple[tuple[str, ...], KBEntry, str]]]:
    """``_person_variant_index`` keyed by the skeletons of an alias' first two words."""
    out: dict[tuple[str, str], list] = {}
    for hits in _person_variant_index().values():
        for key, entry, alias in hits:
            out.setdefault((key[0], key[1]), []).append((key, entry, alias))
    return out


@lru_cache(maxsize=1)
def _person_variant_seconds() -> frozenset[str]:
    """The skeletons a known person's alias has as its second word."""
    return frozenset(k1 for _, k1 in _person_variant_pairs())


@lru_cache(maxsize=4)
def _skeleton_tables(lang: str) -> tuple[dict, dict]:
    """(the translation table of a name's later letters: classes mapped, vowel letters dropped; the first letter's)."""
    d = data(lang)
    rest = {ord(k): v for k, v in d.classes.items()}
    rest.update({ord(v): None for v in d.vowels})
    first = {ord(k): v for k, v in d.classes.items()}
    first.update({ord(k): v for k, v in d.initial.items()})
    return rest, first


_REPEAT = re.compile(r"(.)\1+")
_ONE = itemgetter(1)  # a repeat's letter once: a C callable for _REPEAT.sub (r"\1" expands a template in Python)
_SKELETONS: dict[str, str] = {}  # word → skeleton (a plain dict: map(dict.get) is the fastest look-up; bounded below)
_CLITIC_SKELETONS: dict[str, str] = {}  # word → the skeleton without a leading و/ب/ل clitic, "" when it has none
_CACHE_MAX = 400_000


def _cached_keys(ws: list[str], cache: dict[str, str], keys) -> list[str]:
    """The key of every word of ``ws``, cached by word in ``cache`` (cleared past _CACHE_MAX words); ``keys`` maps a
    list of the words not yet cached to their keys at once."""
    out = list(map(cache.get, ws))
    if None in out:
        if len(cache) > _CACHE_MAX:
            cache.clear()
        new = list(set(ws).difference(cache))
        cache.update(zip(new, keys(new)))
        out = list(map(cache.__getitem__, ws))
    return out


def _clitic_skeletons(words: list[str]) -> list[str]:
    """``_clitic_skeleton`` of every word of ``words`` (one batch for the words with a clitic)."""
    has = [w[:1] in "وبل" and len(w) > 3 for w in words]
    keys = iter(_word_skeletons([w[1:] for w, h in zip(words, has) if h]))
    return [next(keys) if h else "" for h in has]


def _clitic_skeleton(word: str) -> str:
    """The key of ``word`` without a leading clitic و/ب/ل («ومحمد»), "" when it has none."""
    return _word_skeleton(word[1:]) if word[:1] in "وبل" and len(word) > 3 else ""


def _word_skeleton(word: str, lang: str = "ar") -> str:
    """The spelling-variant key of one folded word: no article on a long word, the first letter's class, the later
    letters' classes without vowel letters, no letter twice in a row (str.translate and one regex, no letter loop)."""
    if word.startswith("ال") and len(word) > 4:
        word = word[2:]
    rest, first = _skeleton_tables(lang)
    return _REPEAT.sub(_ONE, word[:1].translate(first) + word[1:].translate(rest))


_DROP = 0xFFFF  # (in _skeleton_units) a letter dropped; U+FFFF is no character


@lru_cache(maxsize=4)
def _skeleton_units(lang: str) -> tuple[np.ndarray, np.ndarray] | None:
    """``_skeleton_tables`` as two arrays over UTF-16 code units (the later letters', the first letter's: a unit's
    image, _DROP for a dropped letter), or None when a class maps a letter to other than one character."""
    rest, first = _skeleton_tables(lang)
    out = []
    for table in (rest, first):
        units = np.arange(0x10000, dtype="<u2")
        for k, v in table.items():
            if k >= _DROP or (v is None and table is first) or (v is not None and (len(v) != 1 or ord(v) >= _DROP)):
                return None
            units[k] = _DROP if v is None else ord(v)
        out.append(units)
    return out[0], out[1]


def _word_skeletons(words: list[str], lang: str = "ar") -> list[str]:
    """``_word_skeleton`` of every word of ``words`` (letters only, no space) at once, over the words joined by spaces:
    the article off a long word, then each letter's image by array look-ups (the first letter of a word by the first
    letter's table; str.translate looks every non-ASCII letter up in a dict), dropped letters out, and a letter the
    same as the one before out (no regex)."""
    tables = _skeleton_units(lang)
    ws = [w[2:] if len(w) > 4 and w[:2] == "ال" else w for w in words]
    joined = " ".join(ws)
    raw = joined.encode("utf-16-le", "surrogatepass")
    if tables is None or not ws or "" in ws or len(raw) != 2 * len(joined) or joined.count(" ") != len(ws) - 1 \
            or "\uffff" in joined:
        return [_word_skeleton(w, lang) for w in words]  # (a table of longer images, no word, or not one unit a letter)
    rest, first = tables
    units = np.frombuffer(raw, dtype="<u2")
    at_first = np.empty(len(units), dtype=bool)  # a word's first letter: the text's first, or one after a space
    at_first[0] = True
    np.equal(units[:-1], 32, out=at_first[1:])
    mapped = np.where(at_first, first.take(units), rest.take(units))
    mapped = mapped[mapped != _DROP]  # (a first letter is never dropped: no word's skeleton is empty)
    keep = np.empty(len(mapped), dtype=bool)
    keep[0] = True
    np.not_equal(mapped[1:], mapped[:-1], out=keep[1:])  # no letter twice in a row (a space never comes twice)
    return mapped[keep].tobytes().decode("utf-16-le", "surrogatepass").split(" ")


_AR_WORD_RUN = re.compile(r"[\u0621-\u064a]{2,}")


@held(400_000)
def ar_word_runs(text: str) -> list[str]:
    """The runs of two Arabic letters or more of folded ``text``, found once for the document (variant_people and the
    entities' surname scan read them; the list is shared: read it only)."""
    return _AR_WORD_RUN.findall(text)
_GAP = re.compile(r"[ \t]+\Z")


def variant_people(text: str) -> list[tuple[int, int, KBEntry]]:
    """Known people written in another transliteration («رحيم ستيرلينج» for «رحيم سترلينج», «بتر تشيك» for «بيتر
    تشيك», «برندن رودجرز» for «بريندان رودجرز»): a run of words of folded ``text`` whose skeletons (names.yaml
    `variants`) are those of a person's Arabic alias of two words or more, spelt close to it (min_ratio). The given
    name, when the lexicon lists it, must be the alias' own («سعد» is not «سعيد»). A clitic و/ب/ل
    before the name is no part of it. One pass over the words, one dictionary look-up each (issue 9, h9ar)."""
    index = _person_variant_pairs()
    if not index:
        return []
    d = data("ar")
    ws = ar_word_runs(text)
    sks = _cached_keys(ws, _SKELETONS, _word_skeletons)
    cls = _cached_keys(ws, _CLITIC_SKELETONS, _clitic_skeletons)
    # no two words shaped as a known person's first two, bare or after a clitic (most texts): set operations, no loop
    if index.keys().isdisjoint(zip(sks, sks[1:])) and index.keys().isdisjoint(zip(cls, sks[1:])):
        return []
    # the words where a known person's first two skeletons start, bare or after a clitic; the others are skipped
    starts = [i for i, (a, b, c) in enumerate(zip(sks, cls, sks[1:])) if (a, c) in index or (b, c) in index]
    found: list[re.Match] = []  # the words' matches (offsets), found once a whole skeleton matches
    out = []
    n, i = len(ws), 0
    for i0 in starts:
        if i0 < i:
            continue  # (inside the name found last)
        i = i0
        nxt = sks[i + 1]
        w = ws[i]
        cands = index.get((sks[i], nxt))  # the first two words' skeletons at once: one look-up a word
        off = 0
        if cands is None and w[0] in "وبل" and len(w) > 3:
            cands, off = index.get((cls[i], nxt)), 1
        hit = None
        for key, entry, alias in cands or ():
            k = len(key)
            if i + k > n or any(sks[j] != key[j - i] for j in range(i + 2, i + k)):
                continue
            if not found:
                found = list(_AR_WORD_RUN.finditer(text))
            if any(not _GAP.match(text, found[j - 1].end(), found[j].start()) for j in range(i + 1, i + k)):
                continue
            s, end = found[i].start(), found[i + k - 1].end()
            first, afirst = fold(w[off:]), fold(alias)  # (the name's first word, the alias)
            if _other_given_name(first, afirst):
                continue
            surface = text[s + off:end]
            if surface == fold(alias) or fuzz.ratio(surface, fold(alias)) < d.min_ratio:
                continue  # (the alias itself is the gazetteer's, with its context checks: «طريق الملك عبدالله»)
            hit = (s + off, end, entry, k)
            break
        if hit is None:
            i += 1
            continue
        out.append(hit[:3])
        i += hit[3]
    return out


@lru_cache(maxsize=8192)
def variant_entry(name: str, etype: str | None, lang: str) -> KBEntry | None:
    """The known entry an unlinked Arabic name is a spelling variant of, if exactly one fits
    (of type ``etype`` unless None). A one-word name needs a longer skeleton."""
    if lang != "ar" or not _AR_TOKEN.search(name):
        return None
    d = data(lang)
    key = skeleton(name)
    if " " not in key and len(key) < d.min_skeleton:
        return None
    hit = _variant_index().get(key)
    if hit is None:
        return None
    entry, alias = hit
    # a one-word name with the shortest skeleton must be spelt nearly as the alias («نوفارتيس» / «نوفارتس»)
    need = d.min_ratio if " " in key or len(key) > d.min_skeleton else max(d.min_ratio, 88)
    if (etype is not None and entry.type != etype) or fuzz.ratio(fold(name), fold(alias)) < need:
        return None
    if entry.type == "PERSON" and _other_given_name(fold(name), fold(alias)):
        return None
    return entry


def _other_given_name(name: str, alias: str) -> bool:
    """Whether folded ``name`` opens with a word never in a name, or, when the person's folded ``alias`` is an Arab
    name (a family name with the article or a particle: «أمين الناصر»), with a listed given name other than its own:
    Arab given names are spelt as they are, and one that differs by a letter is another name («أيمن الناصر» is not
    «أمين الناصر», «سعد» not «سعيد»); a foreign name's transliteration varies («ينسن» / «جنسن», «برندان» /
    «بريندان») (issue 9, h9ar)."""
    d = data("ar")
    first, awords = name.split()[0], alias.split()
    if first == awords[0]:
        return False
    arab = any(w.startswith("ال") or w in d.particles for w in awords[1:])
    return first in d.not_name or (arab and first in d.given)


@lru_cache(maxsize=1)
def _short_name_index() -> dict[str, list[tuple[str, KBEntry]]]:
    """skeleton → [(alias with one letter for the Latin g, entry)] for every one-word Arabic alias
    (skeletons of three letters or more)."""
    table: dict[str, list] = {}
    for alias, entry, script in knowledge_base().aliases():
        if script != "ar" or len(alias) > 9 or " " in alias.strip():
            continue
        a = fold(alias)
        if len(a) > 7 or not _AR_TOKEN.fullmatch(a):
            continue  # (a longer name is matched by the variant index of whole names)
        key = skeleton(alias)
        if len(key) >= 3:
            table.setdefault(key, []).append((a.replace("غ", "ج"), entry))
    return table


@lru_cache(maxsize=8192)
def product_variant(word: str) -> KBEntry | None:
    """The product an unknown one-word Arabic name after a product head («محرك البحث بنج») is a
    spelling variant of: an alias of the same skeleton, close in spelling (rapidfuzz ratio at least
    `min_ratio` + 5), clearly closer than any other entry's alias of that skeleton."""
    if knowledge_base().lookup(word) is not None or len(fold(word)) < 3:
        return None
    if len(fold(word)) > 4 and fold(word).endswith("ات"):
        return None  # «طراز سيارات», «تطبيق سيارات الأجرة»: a plural noun, no «سيراتو» (issue 9, h9ent16)
    w = fold(word).replace("غ", "ج")
    scored = sorted(((fuzz.ratio(w, a), e) for a, e in _short_name_index().get(skeleton(word), ())),
                    key=lambda x: -x[0])
    if not scored or scored[0][1].type != "PRODUCT" or scored[0][0] < data("ar").min_ratio + 5:
        return None
    best = scored[0][1]
    rival = next((r for r, e in scored if e.id != best.id), 0.0)
    return best if scored[0][0] - rival >= 10 else None


_QUOTED = re.compile(r"[\"«“]\s*([^\"«»“”\n]{2,40}?)\s*[\"»”]")


def quoted_names(text: str, lang: str) -> list[tuple[int, int, KBEntry]]:
    """Known entries named inside quotes under a spelling the knowledge base lacks, in ``text``
    coordinates: «بيرنستاين» for «بيرنشتاين» (a spelling variant), and names that count only when
    quoted, because bare they are ordinary words («خزنة», «مبادلة»; names.yaml `quoted_only`)."""
    if lang != "ar":
        return []
    d = data(lang)
    kb = knowledge_base()
    out = []
    for m in _QUOTED.finditer(text):
        name = m.group(1)
        if not _AR_TOKEN.match(name) or kb.lookup(name) is not None:
            continue
        ref = d.quoted_only.get(fold(name))
        entry = kb.get(ref) if ref else variant_entry(name, None, lang)
        if entry is not None:
            out.append((m.start(1), m.end(1), entry))
    return out


def link_unknown(name: str, etype: str, lang: str, heads: list[str]) -> KBEntry | None:
    """An unlinked pattern-found name linked to the knowledge base: the name with an organisation
    head («شركة المراعي» for «سهم المراعي»), then a spelling variant."""
    kb = knowledge_base()
    if etype == "ORG":
        for head in heads:
            entry = kb.lookup(f"{head} {name}")
            if entry is not None and entry.type == "ORG":
                return entry
    return variant_entry(name, etype, lang)


# ------------------------------------------------------------------ possessives and false friends

@lru_cache(maxsize=None)
def _name_possessors() -> frozenset[str]:
    """Common nouns whose possessive begins a company's name (lang/en/entity_cues.yaml)."""
    return frozenset(load_yaml("lang/en/entity_cues.yaml", "entity_cues").get("name_possessors") or ())


def strip_possessive(raw: str, s: int, e: int, lang: str, suffixes: set[str]) -> tuple[int, str | None]:
    """"France's Lumen SA" → start of "Lumen SA" and the place "France" (None if not a place).
    The possessive goes only when a word other than a corporate suffix remains ("McDonald's Corp"
    stays whole)."""
    if lang != "en":
        return s, None
    place = None
    text = raw[s:e]
    m = re.match(r"((?:[A-Z][\w.&\-]*\s+){0,3}[A-Z][\w.&\-]*)['’]s\s+", text)
    if m and m.group(1) in _name_possessors():
        return s, None  # "Men's Wearhouse", "Children's Place": a common noun's possessive is part of the name
    if m:
        rest = text[m.end():].split()
        if any(w.rstrip(".,") not in suffixes for w in rest):
            owner = m.group(1)
            s += m.end()
            if owner in data("en").places or owner.split()[-1] in data("en").places:
                place = owner
    return s, place


def false_friend(raw: str, s: int, e: int, lang: str) -> bool:
    """A known name read as an ordinary word here ("the Amazon river", "born under Gemini")."""
    d = data(lang)
    if lang != "en":
        k = s
        while k > 0 and raw[k - 1].isalpha():
            k -= 1
        if (k < s or any(ch in raw[s:e] for ch in "أإؤئى")) and raw[k:e] in d.ordinary:
            # «فشل» (failed) is not ف + «شل» (Shell); a word written with a hamza that folding made a name is not
            # it either: «بألم» (with pain) is no «بالم» (Palm)
            return True
    surface = raw[s:e]
    after, before = d.false_after.get(surface), d.false_before.get(surface)
    if not after and not before:
        return False
    nxt = raw[e:e + 30].lower().lstrip()
    prv = raw[max(0, s - 30):s].lower().rstrip()
    return any(re.match(rf"{re.escape(w)}\b", nxt) for w in after or ()) \
        or any(re.search(rf"(?:^|\W){re.escape(w)}$", prv) for w in before or ())

