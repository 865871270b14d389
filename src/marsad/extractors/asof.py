"""Names as of the article's date: a company renamed since is called by the name it had then.

The knowledge base names companies as they are called today ("Dell Technologies", "Meta
Platforms"); a 2010 story is about "Dell Inc" and "Facebook". When the document has a
publication date before a renaming (``kb/renames.yaml``), the entity takes its former name;
its ``kb_id`` stays, so stores and aggregates still join it with later stories, and
``attrs["current_name"]`` keeps today's. A document without a date keeps today's names.
"""
from __future__ import annotations

from bisect import bisect_right
from functools import lru_cache

from marsad.lexicon import load_yaml
from marsad.model import Document, Facts

NAME = "names_as_of"


@lru_cache(maxsize=None)
def _table() -> dict[str, tuple[list[str], list[str]]]:
    """{kb id: (sorted ``until`` dates, former names in the same order)}."""
    rows: dict[str, list[tuple[str, str]]] = {}
    for r in load_yaml("kb/renames.yaml", "renames"):
        rows.setdefault(r["id"], []).append((r["until"], r["former"]))
    return {k: ([u for u, _ in sorted(v)], [f for _, f in sorted(v)]) for k, v in rows.items()}


def name_as_of(kb_id: str | None, name: str, date: str | None) -> str:
    """The name of ``kb_id`` on ``date`` (ISO 8601; only its first 10 characters count)."""
    if not kb_id or not date or len(date) < 10:
        return name
    entry = _table().get(kb_id)
    if entry is None:
        return name
    untils, formers = entry
    k = bisect_right(untils, date[:10])  # the first renaming still ahead of ``date``
    return formers[k] if k < len(formers) else name


def former_names(kb_id: str | None) -> list[str]:
    """Every name ``kb_id`` had before its renamings."""
    entry = _table().get(kb_id) if kb_id else None
    return list(entry[1]) if entry else []


@lru_cache(maxsize=None)
def _makers() -> dict[str, tuple[list[str], list[str | None]]]:
    """{product id: (sorted ``until`` dates, the makers before each date)} from ``kb/makers.yaml``."""
    rows: dict[str, list[tuple[str, str | None]]] = {}
    for r in load_yaml("kb/makers.yaml", "makers"):
        rows.setdefault(r["product"], []).append((r["until"], r["maker"]))
    return {k: ([u for u, _ in sorted(v)], [m for _, m in sorted(v)]) for k, v in rows.items()}


def maker_as_of(product_id: str, maker_id: str | None, date: str | None) -> str | None:
    """The org id that made ``product_id`` on ``date`` (ISO 8601): ``maker_id`` (today's maker)
    unless the product changed hands after ``date``; None when it then belonged to no company
    the knowledge base holds. A document without a date gets today's maker."""
    entry = _makers().get(product_id)
    if entry is None or not date or len(date) < 10:
        return maker_id
    untils, makers = entry
    k = bisect_right(untils, date[:10])
    return makers[k] if k < len(makers) else maker_id


def standalone(product_id: str, date: str | None) -> bool:
    """Was ``product_id`` a company of its own on ``date`` (a ``maker: null`` row of kb/makers.yaml)?"""
    return product_id in _makers() and maker_as_of(product_id, "", date) is None


def run(facts: Facts, norm: object, doc: Document) -> None:
    """Rename ``facts.entities`` to the names they had on ``doc.published_at``."""
    for ent in facts.entities:
        then = name_as_of(ent.kb_id, ent.name, doc.published_at)
        if then != ent.name:
            ent.attrs["current_name"] = ent.name
            ent.name = then
