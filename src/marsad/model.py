"""The data model: documents and the facts extracted from them.

Every fact carries a ``[start, end)`` character span into the raw document text
(Python ``str`` indices, before any normalisation) and the name of the extractor
that produced it. ``Facts.to_dict()`` is the JSON contract (shared/eval/CONTRACT.md).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(slots=True)
class Document:
    """One article as read: ``text`` is what every offset refers to."""

    doc_id: str
    text: str
    lang: str | None = None
    source: str | None = None
    title: str | None = None
    published_at: str | None = None


@dataclass(slots=True)
class Quantity:
    """A number with its kind (money, percent, year, ...) grounded in the text."""

    kind: str
    value: float
    unit: str | None
    start: int
    end: int
    text: str
    qualifier: str | None = None
    usd: float | None = None
    value_max: float | None = None
    extractor: str = ""
    fx: dict[str, Any] | None = None

    def to_dict(self) -> dict[str, Any]:
        d: dict[str, Any] = {
            "kind": self.kind,
            "value": _num(self.value),
            "unit": self.unit,
            "start": self.start,
            "end": self.end,
            "text": self.text,
        }
        if self.qualifier:
            d["qualifier"] = self.qualifier
        if self.value_max is not None:
            d["value_max"] = _num(self.value_max)
        if self.usd is not None:
            d["usd"] = _num(self.usd)
        if self.fx:
            d["fx"] = self.fx
        d["extractor"] = self.extractor
        return d


@dataclass(slots=True)
class Entity:
    """A named organisation, person, product or place with all its mentions."""

    name: str
    type: str
    mentions: list[tuple[int, int]] = field(default_factory=list)
    kb_id: str | None = None
    extractor: str = ""
    attrs: dict[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        d: dict[str, Any] = {
            "name": self.name,
            "type": self.type,
            "mentions": [[s, e] for s, e in self.mentions],
        }
        if self.kb_id:
            d["kb_id"] = self.kb_id
        if self.attrs:
            d.update({k: v for k, v in self.attrs.items() if k not in d})
        d["extractor"] = self.extractor
        return d


@dataclass(slots=True)
class Event:
    """A typed event (investment, stock_move, ...) grounded to its sentence."""

    type: str
    start: int
    end: int
    args: dict[str, Any]
    extractor: str = ""
    text: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {
            "type": self.type,
            "start": self.start,
            "end": self.end,
            "args": {k: _num(v) if isinstance(v, float) else v for k, v in self.args.items()},
            "extractor": self.extractor,
        }


@dataclass(slots=True)
class KeyPoint:
    """An extractive key sentence with the indices of the facts it carries."""

    start: int
    end: int
    text: str
    score: float
    events: list[int] = field(default_factory=list)
    quantities: list[int] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {"start": self.start, "end": self.end, "text": self.text,
                "score": round(self.score, 3), "events": self.events,
                "quantities": self.quantities}


@dataclass(slots=True)
class Facts:
    """Everything extracted from one document."""

    doc_id: str
    lang: str
    text: str
    quantities: list[Quantity] = field(default_factory=list)
    entities: list[Entity] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    key_points: list[KeyPoint] = field(default_factory=list)
    extractors: dict[str, str] = field(default_factory=dict)
    # events the extractor was not sure of (below its confidence floor): never aggregated
    candidates: list[Event] = field(default_factory=list)

    def to_dict(self, include_text: bool = False) -> dict[str, Any]:
        d: dict[str, Any] = {
            "doc_id": self.doc_id,
            "lang": self.lang,
            "quantities": [q.to_dict() for q in self.quantities],
            "entities": [e.to_dict() for e in self.entities],
            "events": [e.to_dict() for e in self.events],
            "extractors": dict(self.extractors),
        }
        if self.key_points:
            d["key_points"] = [k.to_dict() for k in self.key_points]
        if self.candidates:
            d["candidates"] = [e.to_dict() for e in self.candidates]
        if include_text:
            d["text"] = self.text
        return d


def _num(v: Any) -> Any:
    """Render whole floats as ints so 5e10 prints as 50000000000."""
    if isinstance(v, float) and v.is_integer() and abs(v) < 1e18:
        return int(v)
    if isinstance(v, float):
        return round(v, 6)
    return v
