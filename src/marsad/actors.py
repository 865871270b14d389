"""What kind of actor a name is: a company, or a government, supranational body, exchange,
index, regulator, news agency... (``kb/actor_kinds.yaml``). Only companies rank.

``kind(name, kb_id)`` reads the knowledge base first (the entry's id, then its category),
then words of the name for names the KB does not know. ``is_generic(text, lang)`` tells
words that are not names ("the company", «الشركة») from names, so they are never shown as
aliases or ranked.
"""
from __future__ import annotations

import re
from functools import lru_cache

from marsad.lexicon import load_yaml
from marsad.normalize import fold

COMPANY = "company"


@lru_cache(maxsize=1)
def _data() -> dict:
    return load_yaml("kb/actor_kinds.yaml", "actor_kinds")


@lru_cache(maxsize=1)
def _name_patterns() -> list[tuple[str, re.Pattern]]:
    out = []
    for kind, words in _data()["name_words"].items():
        alts = "|".join(sorted((re.escape(fold(str(w))) for w in words), key=len, reverse=True))
        out.append((kind, re.compile(rf"(?<!\w)(?:[وبلفك]{{0,2}})(?:ال)?(?:{alts})(?!\w)")))
    return out


@lru_cache(maxsize=4096)
def kind(name: str | None, kb_id: str | None = None) -> str:
    """``company`` or another kind (government, supranational, exchange, index, regulator,
    media, news_agency, research_firm, sovereign_fund, joint) for a subject as stored."""
    if not name and not kb_id:
        return "unknown"
    if name and is_joint(name):
        return "joint"
    d = _data()
    from marsad.kb import knowledge_base

    kb = knowledge_base()
    entry = kb.get(kb_id) if kb_id else None
    if entry is None and name:
        entry = kb.lookup(name)
    if entry is not None:
        if entry.id in d["ids"]:
            return d["ids"][entry.id]
        cat = entry.category
        if cat in d["categories"]:
            return d["categories"][cat]
        return COMPANY
    if name:
        f = fold(name)
        for k, pat in _name_patterns():
            if pat.search(f):
                return k
        if is_generic(name):
            return "not_a_name"
    return COMPANY


def company_kinds() -> set[str]:
    """The kinds that rank with companies (``company_kinds`` in kb/actor_kinds.yaml)."""
    return set(_data()["company_kinds"])


@lru_cache(maxsize=1)
def no_figure_kinds() -> frozenset[str]:
    """The kinds whose figures are no company's results or guidance (``no_figure_kinds``)."""
    return frozenset(_data()["no_figure_kinds"])


def is_company(name: str | None, kb_id: str | None = None) -> bool:
    """True when the actor ranks with companies (companies, sovereign funds, media companies)."""
    return kind(name, kb_id) in company_kinds()


JOINT_SEP = " + "


def joint_name(names: list[str]) -> str:
    """The stored subject of a joint event: the names joined (``A + B``)."""
    return JOINT_SEP.join(str(n) for n in names if n)


def is_joint(subject: str | None) -> bool:
    return bool(subject) and JOINT_SEP in subject


def members(subject: str | list | None) -> list[str]:
    """The companies a subject names (one, or each member of a joint event): the stored
    ``A + B`` form or the events step's list of names."""
    if not subject:
        return []
    if isinstance(subject, (list, tuple)):
        return [str(s).strip() for s in subject if s and str(s).strip()]
    return [s.strip() for s in str(subject).split(JOINT_SEP) if s.strip()]


@lru_cache(maxsize=None)
def _generic(lang: str) -> frozenset[str]:
    data = load_yaml(f"lang/{lang}/check_cues.yaml", "check_cues")
    return frozenset(fold(str(w)) for w in data["not_names"])


def is_generic(text: str | None, lang: str | None = None) -> bool:
    """True for words that are not names: "the company", «الشركة», «بزيادة نسبتها», "shares"."""
    if not text:
        return True
    f = " ".join(fold(text).split())
    langs = (lang,) if lang in ("ar", "en") else ("ar", "en")
    for lg in langs:
        words = _generic(lg)
        if f in words:
            return True
        toks = f.split()
        # every word generic, or the phrase starts with a generic Arabic connective («بزيادة نسبتها»)
        if toks and all(t in words or t.lstrip("وبلفك") in words for t in toks):
            return True
    return False
