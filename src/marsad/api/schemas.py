"""Request and response models: what /openapi.json says and what requests are checked against.

Response models document the shapes (the facts contract, shared/eval/CONTRACT.md);
the routes return plain JSON for speed, so extra fields are allowed everywhere.
"""
from __future__ import annotations

from typing import Any, Literal, Optional

from pydantic import BaseModel, ConfigDict, Field

from marsad.i18n import N_

Lang = Literal["ar", "en"]
# Some non-blank character, and no NUL (neither the store nor the readers take it).
TEXT_PATTERN = r"^[^\x00]*[^\s\x00][^\x00]*$"


class ArticleIn(BaseModel):
    """An article as JSON: ``text`` is what every offset refers to."""

    model_config = ConfigDict(extra="forbid", strict=True)
    text: str = Field(..., min_length=1, pattern=TEXT_PATTERN,
                      description="Article text (plain text; HTML starting with <html> is reduced to its text).")
    lang: Optional[Lang] = Field(None, description="'ar' or 'en'; detected when omitted.")
    doc_id: Optional[str] = Field(None, max_length=200)
    title: Optional[str] = Field(None, max_length=1000)
    source: Optional[str] = Field(None, max_length=2000)
    published_at: Optional[str] = Field(None, max_length=64,
                                        description="Publication date (ISO); the reference date for the extractors.")
    include_text: bool = Field(False, description="/api/extract only: return the text too.")


class FormMeta(BaseModel):
    """The optional fields sent with a multipart upload (same limits as ArticleIn)."""

    model_config = ConfigDict(extra="ignore")
    lang: Optional[Lang] = None
    doc_id: Optional[str] = Field(None, max_length=200)
    title: Optional[str] = Field(None, max_length=1000)
    source: Optional[str] = Field(None, max_length=2000)
    published_at: Optional[str] = Field(None, max_length=64)
    include_text: bool = False


class Open(BaseModel):
    model_config = ConfigDict(extra="allow")


class Quantity(Open):
    kind: str
    value: Optional[float] = None
    unit: Optional[str] = None
    start: int
    end: int
    text: Optional[str] = None
    usd: Optional[float] = None
    extractor: Optional[str] = None


class Entity(Open):
    name: str
    type: str
    mentions: list[list[int]]


class Event(Open):
    type: str
    start: int
    end: int
    args: dict[str, Any]


class FactsOut(Open):
    doc_id: str
    lang: str
    quantities: list[Quantity]
    entities: list[Entity]
    events: list[Event]
    extractors: dict[str, str]


class IngestOut(Open):
    id: int
    doc_id: str
    created: bool
    near_duplicate_of: Optional[int] = None
    lang: Optional[str] = None
    quantities: int
    entities: int
    events: int
    url: str
    page: str


class DocumentMeta(Open):
    id: int
    doc_id: Optional[str] = None
    title: Optional[str] = None
    lang: Optional[str] = None


class DocumentOut(DocumentMeta):
    text: str
    facts: dict[str, Any]


class EntityOut(Open):
    name: str
    aliases: list[str] = []


class EventRow(Open):
    doc: int
    type: str
    subject: Optional[str] = None
    args: dict[str, Any] = {}


class ErrorOut(BaseModel):
    code: str = Field(..., examples=["M522"])
    error: str
    detail: Optional[Any] = None


def error_responses(*statuses: int) -> dict[int | str, dict[str, Any]]:
    """OpenAPI entries for the coded errors a route can return."""
    text = {400: N_("Bad query"), 401: N_("Missing or wrong bearer token (M510)"),
            403: N_("Cross-site write refused (M511)"), 404: N_("Not found (M540)"),
            413: N_("Body over the size limit (M513)"), 415: N_("Unsupported content type (M515)"),
            422: N_("Invalid request (M522, or the reader's M105-M108)"),
            500: N_("Internal or store error (M599, M3xx)"),
            503: N_("Busy (M550, with Retry-After), extraction stopped at its time budget (M516), or store "
                 "unavailable (M301, M305)")}
    return {s: {"model": ErrorOut, "description": text.get(s, N_("Error"))} for s in statuses}
