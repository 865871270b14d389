"""Read endpoints over the store: documents, entities, events, stats and the analyst views."""
from __future__ import annotations

import datetime as dt
from typing import Any, Optional

from fastapi import APIRouter, Path, Query, Request

from marsad.api.errors import ApiError
from marsad.api.schemas import DocumentMeta, DocumentOut, EntityOut, EventRow, error_responses
from marsad.i18n import N_

router = APIRouter(prefix="/api", tags=["corpus"])
ERR = error_responses(422, 500, 503)
Limit = Query(50, ge=1, le=500, description=N_("At most this many rows."))
Offset = Query(0, ge=0, le=1_000_000_000)
Name = Path(..., min_length=1, max_length=300, description=N_("A name as written, an alias or a kb id."))


def _text(v: str | None) -> str | None:
    """Query strings the databases can take: NUL dropped (PostgreSQL refuses it; no stored
    name or text contains one)."""
    return v.replace("\x00", "") or None if v is not None else None


def fetch_document(store, ref: str) -> dict | None:
    """``store.document(ref)``, guarding refs the store would choke on: digits that ``int()``
    refuses ('¹' passes str.isdigit) and ids beyond BIGINT cannot name a document."""
    ref = ref.replace("\x00", "")
    if not ref:
        return None
    if ref.isdigit():
        try:
            if int(ref) >= 2**63:
                return None
        except ValueError:
            return None
    return store.document(ref)


def _call(request: Request, method: str, *args, **kwargs) -> Any:
    with request.app.state.store.use() as store:
        return getattr(store, method)(*args, **kwargs)


@router.get("/documents", response_model=list[DocumentMeta], responses=ERR,
            summary=N_("Stored documents, newest first (metadata, no text)"))
def documents(request: Request, limit: int = Limit, offset: int = Offset,
              lang: Optional[str] = Query(None, pattern="^(ar|en)$"),
              q: Optional[str] = Query(None, max_length=200, description=N_("Search in titles."))):
    return _call(request, "documents", limit=limit, offset=offset, lang=lang, q=_text(q))


@router.get("/documents/{ref}", response_model=DocumentOut, responses=error_responses(404, 422, 500, 503),
            summary=N_("One document with its text and facts"))
def document(request: Request, ref: str = Path(..., min_length=1, max_length=200,
                                               description=N_("Id, sha256 of the text, or source doc_id."))):
    with request.app.state.store.use() as store:
        d = fetch_document(store, ref)
    if d is None:
        raise ApiError(404, "M540", f"no document {ref!r}: see GET /api/documents")
    return d


@router.get("/entities/{name}", response_model=EntityOut, responses=error_responses(404, 422, 500, 503),
            summary=N_("An entity across the store: type, kb id, ticker, country, aliases, counts"))
def entity(request: Request, name: str = Name):
    e = _call(request, "entity", _text(name))
    if e is None:
        raise ApiError(404, "M540", f"no entity {name!r} in the store")
    return e


@router.get("/events", response_model=list[EventRow], responses=ERR,
            summary=N_("Events, newest first, with their document's date and title"))
def events(request: Request,
           type: Optional[str] = Query(None, max_length=40, description=N_("investment, stock_move, ...")),
           subject: Optional[str] = Query(None, max_length=300),
           since: Optional[str] = Query(None, pattern=r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$", examples=["2025-01-31"],
                                        json_schema_extra={"format": "date"},
                                        description=N_("ISO date (YYYY-MM-DD): published on or after.")),
           limit: int = Query(100, ge=1, le=1000), offset: int = Offset):
    if since:
        try:
            dt.date.fromisoformat(since)
        except ValueError:
            raise ApiError(422, "M522", f"invalid request: since: {since!r} is not a calendar date") from None
    return _call(request, "events", type=_text(type), subject=_text(subject), since=since,
                 limit=limit, offset=offset)


@router.get("/stats", response_model=dict[str, Any], responses=ERR,
            summary=N_("Rows per table, languages, near-duplicates, extractor versions"))
def stats(request: Request):
    out = _call(request, "stats")
    out.pop("database", None)  # the server's file path or URL is not for clients
    return out


@router.get("/investments", response_model=list[dict[str, Any]], responses=ERR,
            summary=N_("Investment leaderboard in USD (per figure, or per company)"))
def investments(request: Request, company: Optional[str] = Query(None, max_length=300),
                country: Optional[str] = Query(None, max_length=100),
                year: Optional[int] = Query(None, ge=1900, le=2200),
                by_company: bool = False, limit: int = Limit,
                topic: str = Query("ai", max_length=40, pattern=r"^[a-z_]*$",
                                   description=N_("Topic of the claims: ai (default), models, chips, cloud, "
                                               "data_centres, telecom, energy; 'all' for every topic.")),
                include_flagged: bool = Query(False, description=N_("Also count facts whose checks failed."))):
    return _call(request, "investments", company=_text(company), country=_text(country), year=year,
                 by_company=by_company, limit=limit, topic=topic, include_flagged=include_flagged)


@router.get("/moves", response_model=list[dict[str, Any]], responses=ERR,
            summary=N_("Stock moves (signed per cent), one per claim, newest first or largest first"))
def moves(request: Request, company: Optional[str] = Query(None, max_length=300),
          year: Optional[int] = Query(None, ge=1900, le=2200),
          min_change: float = Query(0.0, ge=0, le=1e6), limit: int = Limit,
          sort: str = Query("date", pattern="^(date|change)$", description=N_("date: newest first; change: "
                                                                           "largest absolute moves first.")),
          topic: Optional[str] = Query(None, max_length=40, pattern=r"^[a-z_]*$"),
          include_flagged: bool = Query(False, description=N_("Also count facts whose checks failed.")),
          measure: str = Query("session", pattern="^(session|period|close|intraday|extended|unspecified|all)$",
                               description=N_("session: a day's move (default); period: year to date, months...; "
                                           "or one measure, or all."))):
    return _call(request, "moves", company=_text(company), year=year, min_change=min_change, limit=limit,
                 sort=sort, topic=topic or None, include_flagged=include_flagged, measure=measure)


@router.get("/companies", response_model=list[dict[str, Any]], responses=ERR,
            summary=N_("Organisations by the number of documents that mention them"))
def companies(request: Request, q: Optional[str] = Query(None, max_length=200), limit: int = Limit):
    return _call(request, "companies", q=_text(q), limit=limit)


@router.get("/companies/{name}", response_model=dict[str, Any], responses=error_responses(404, 422, 500, 503),
            summary=N_("A company: aliases, ticker, investments, moves, products, deals, timeline"))
def company(request: Request, name: str = Name):
    with request.app.state.store.use() as store:
        c = store.company(_text(name))
        if c is None:
            raise ApiError(404, "M540", f"no company {name!r} in the store")
        c["timeline"] = store.timeline(name, include_duplicates=True)
    return c
