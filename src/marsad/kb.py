"""The entity knowledge base: organisations, products and people as data.

``kb/orgs.yaml``, ``kb/products.yaml`` and ``kb/people.yaml`` are validated by a
JSON schema and cross-checked (unique ids, references that resolve, aliases
owned by one entry). ``KB.lookup`` finds an entry by id, name or alias in either
script; ``KB.aliases`` feeds the Aho-Corasick matcher.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any, Iterator

import yaml

from marsad import datacache
from marsad.errors import DataError
from marsad.normalize import fold

FILES = {"ORG": "kb/orgs.yaml", "PRODUCT": "kb/products.yaml", "PERSON": "kb/people.yaml"}
ORG_CATEGORIES = [
    "big_tech", "chip_designer", "foundry", "chip_equipment", "memory", "cloud", "ai_lab", "telecom",
    "sovereign_fund", "investment_fund", "bank", "broker", "exchange", "research_firm", "media", "media_company",
    "regulator", "ministry", "government", "data_center", "hardware", "software", "energy",
    "multilateral", "conglomerate", "ecommerce", "automotive", "pharma", "healthcare", "insurance", "airline", "transport",
    "mining", "utility", "retail", "consumer", "industrial", "real_estate", "news_agency", "association", "other",
]
_ALIASES = {"type": "object", "properties": {"en": {"type": "array", "items": {"type": "string", "minLength": 1}},
                                             "ar": {"type": "array", "items": {"type": "string", "minLength": 1}}},
            "additionalProperties": False}
# `former`: earlier names (also aliases) by which an article of their time names the entity;
# `market`: short names that are ordinary words or family names when bare, found only where the
# text is about shares (extractors/entities.py).
_BASE = {"id": {"type": "string", "pattern": "^[a-z0-9_]+$"}, "name": {"type": "string", "minLength": 1},
         "aliases": _ALIASES, "former": {"type": "array", "items": {"type": "string", "minLength": 1}},
         "market": {"type": "array", "items": {"type": "string", "minLength": 1}}}
SCHEMA = {
    "ORG": {"type": "array", "items": {"type": "object", "required": ["id", "name", "type", "country", "aliases"],
                                        "properties": {**_BASE, "type": {"const": "ORG"},
                                                       "category": {"enum": ORG_CATEGORIES},
                                                       "country": {"type": ["string", "null"]},
                                                       "tickers": {"type": "array", "items": {
                                                           "type": "string", "pattern": r"^[^:\s]+:[A-Za-z0-9_\-]+$"}},
                                                       "parent": {"type": ["string", "null"]}}}},
    "PRODUCT": {"type": "array", "items": {"type": "object", "required": ["id", "name", "type", "aliases"],
                                            "properties": {**_BASE, "type": {"const": "PRODUCT"},
                                                           "category": {"type": "string"},
                                                           "maker": {"type": ["string", "null"]}}}},
    "PERSON": {"type": "array", "items": {"type": "object", "required": ["id", "name", "type", "aliases"],
                                           "properties": {**_BASE, "type": {"const": "PERSON"},
                                                          "role": {"type": ["string", "null"]},
                                                          "org": {"type": ["string", "null"]}}}},
}
# Categories that report or regulate rather than act: never the subject of a spending or stock event.
# News outlets are "media"; media, internet and advertising companies that report their own results
# (Yahoo, News Corp, Walt Disney, WPP) are "media_company" and act like any company.
OBSERVER_CATEGORIES = {"media", "news_agency", "research_firm", "exchange", "regulator", "ministry", "government",
                       "broker", "multilateral", "association"}


@dataclass
class KBEntry:
    """One knowledge-base entity."""

    id: str
    name: str
    type: str
    data: dict[str, Any]
    aliases: dict[str, list[str]] = field(default_factory=dict)

    @property
    def category(self) -> str | None:
        return self.data.get("category")

    def all_aliases(self) -> list[str]:
        return [self.name] + [a for lang in ("en", "ar") for a in self.aliases.get(lang, [])]


class KB:
    """The loaded knowledge base with lookups by id and by folded alias."""

    def __init__(self, entries: list[KBEntry]):
        self.entries = entries
        self.by_id = {e.id: e for e in entries}
        self._by_alias: dict[str, KBEntry] = {}
        self._by_name = {}
        for e in entries:
            self._by_name.setdefault(e.name, e)
            for a in e.all_aliases():
                self._by_alias.setdefault(fold(a), e)

    def __len__(self) -> int:
        return len(self.entries)

    def get(self, kb_id: str | None) -> KBEntry | None:
        return self.by_id.get(kb_id) if kb_id else None

    def lookup(self, name: str) -> KBEntry | None:
        """An entry by id, canonical name or any alias (case- and spelling-insensitive)."""
        return self.by_id.get(name) or self._by_alias.get(fold(name.strip()))

    def display_name(self, name: str, lang: str) -> str:
        """``name`` as a page in ``lang`` shows it: for a canonical name or kb id, the entry's
        first Arabic alias on Arabic pages and its canonical name on English ones; a name the
        knowledge base does not hold (or has no name for in ``lang``) as it is."""
        entry = self._by_name.get(name) or self.by_id.get(name) or self._by_alias.get(fold(name.strip()))
        if entry is None:
            return name
        if lang == "ar":
            return (entry.aliases.get("ar") or [name])[0]
        return entry.name

    def aliases(self) -> Iterator[tuple[str, KBEntry, str]]:
        """(alias as written, entry, script 'en'|'ar') for every alias, canonical names included."""
        for e in self.entries:
            yield e.name, e, "en"
            for lang in ("en", "ar"):
                for a in e.aliases.get(lang, []):
                    yield a, e, lang

    def org_of(self, entry: KBEntry) -> KBEntry | None:
        """The organisation a person works for or a product is made by."""
        ref = entry.data.get("org") if entry.type == "PERSON" else entry.data.get("maker")
        return self.by_id.get(ref) if ref else None


def display_name(name: Any, lang: str) -> str:
    """The name a page in ``lang`` shows for the entity stored as ``name`` (see KB.display_name);
    anything that is not a non-empty string comes back as an empty string or as it is."""
    if not isinstance(name, str) or not name.strip():
        return "" if name is None else str(name)
    try:
        kb = knowledge_base()
    except DataError:
        return name
    if " + " in name:  # a joint subject: 'SoftBank Group + OpenAI + Oracle'
        return " + ".join(kb.display_name(n, lang) for n in name.split(" + "))
    return kb.display_name(name, lang)


def _read(path: str) -> Any:
    return _parse(path, _text(path))


def _text(path: str) -> str:
    try:
        return resources.files("marsad").joinpath(path).read_text(encoding="utf-8")
    except FileNotFoundError:
        raise DataError(f"missing knowledge-base file marsad/{path}", code="M211") from None


def _parse(path: str, text: str) -> Any:
    try:
        return yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader)) or []
    except yaml.YAMLError as e:
        raise DataError(f"marsad/{path} is not valid YAML: {e}", code="M212") from None


def check(raw: dict[str, Any]) -> list[str]:
    """Every problem in the raw KB data, as readable lines (empty when valid)."""
    import jsonschema

    problems: list[str] = []
    ids: dict[str, str] = {}
    owners: dict[str, str] = {}
    for etype, data in raw.items():
        validator = jsonschema.Draft7Validator(SCHEMA[etype])
        for err in validator.iter_errors(data):
            where = "/".join(str(p) for p in err.absolute_path)
            problems.append(f"{FILES[etype]}: {where}: {err.message}")
        if not isinstance(data, list):
            continue
        for item in data:
            if not isinstance(item, dict) or "id" not in item:
                continue
            if item["id"] in ids:
                problems.append(f"{FILES[etype]}: duplicate id {item['id']!r} (also in {ids[item['id']]})")
            ids[item["id"]] = FILES[etype]
            names = [item.get("name", "")] + [a for v in (item.get("aliases") or {}).values() for a in v]
            for a in {fold(n) for n in names if n}:
                if a in owners and owners[a] != item["id"]:
                    problems.append(f"{FILES[etype]}: alias {a!r} of {item['id']!r} also belongs to {owners[a]!r}")
                owners.setdefault(a, item["id"])
    orgs = {i["id"] for i in raw.get("ORG", []) if isinstance(i, dict) and "id" in i}
    refs = (("ORG", "parent"), ("PRODUCT", "maker"), ("PERSON", "org"))
    for etype, key in refs:
        for item in raw.get(etype, []):
            if isinstance(item, dict) and item.get(key) and item[key] not in orgs:
                problems.append(f"{FILES[etype]}: {item.get('id')}: {key} {item[key]!r} is not an org id")
    return problems


def load_raw() -> dict[str, Any]:
    return {etype: _read(path) for etype, path in FILES.items()}


def _checked_raw() -> tuple[dict[str, Any], list[str]]:
    """The raw KB data with its problems, cached on disk by the files' content and this module's code."""
    texts = {etype: _text(path) for etype, path in FILES.items()}
    parts = [Path(__file__).read_bytes(), *(f"{etype}\n{text}" for etype, text in texts.items())]

    def build() -> tuple[dict[str, Any], list[str]]:
        raw = {etype: _parse(FILES[etype], text) for etype, text in texts.items()}
        return raw, check(raw)

    return datacache.load_or_build("kb", parts, build)


@lru_cache(maxsize=1)
def knowledge_base() -> KB:
    """The validated knowledge base (loaded once per process)."""
    raw, problems = _checked_raw()
    hard = [p for p in problems if "also belongs to" not in p]
    if hard:
        raise DataError(f"knowledge base invalid ({len(hard)} problems; run `marsad kb check`): {hard[0]}",
                        code="M213")
    entries = []
    for etype, data in raw.items():
        for item in data:
            entries.append(KBEntry(item["id"], item["name"], etype, item, item.get("aliases") or {}))
    return KB(entries)
