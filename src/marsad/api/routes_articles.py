"""POST /api/extract (facts for an article, nothing stored) and POST /api/documents (ingest).

Extraction is CPU work: it runs in the app's worker processes (``marsad.api.workers``:
bounded, with a time budget), and the JSON is encoded there too. /api/extract takes
articles up to the extraction limit (``MARSAD_API_EXTRACT_MAX_BYTES``, 256 KB); larger
ones go through /api/documents (the ingest limit, ``--max-bytes``).
"""
from __future__ import annotations

import json

from fastapi import APIRouter, Depends, Request, Response
from fastapi.security import HTTPAuthorizationCredentials

from marsad.api.inputs import REQUEST_BODY, read_article
from marsad.api.schemas import FactsOut, IngestOut, error_responses
from marsad.api.security import bearer, require_writer
from marsad.api.state import run_extraction, run_thread
from marsad.model import Document
from marsad.i18n import N_

router = APIRouter(prefix="/api", tags=["articles"])


def _dumps(obj) -> bytes:
    return json.dumps(obj, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def extract_json(doc: Document, include_text: bool) -> bytes:
    import marsad

    facts = marsad.extract_document(doc)
    d = facts.to_dict(include_text=include_text)
    if doc.title:
        d["title"] = doc.title
    return _dumps(d)


@router.post("/extract", summary=N_("Extract the facts of one article (nothing is stored)"),
             response_model=None, openapi_extra={"requestBody": REQUEST_BODY},
             responses={200: {"model": FactsOut, "description": N_("Facts per the contract "
                                                                "(shared/eval/CONTRACT.md)")},
                        **error_responses(413, 415, 422, 503)})
async def extract(request: Request) -> Response:
    """Send JSON ``{"text": ..., "lang": ...}``, a file upload (multipart field ``file``) or
    ``text/plain``; get quantities, entities, events and key points with ``[start, end)``
    offsets into the text."""
    doc, opts = await read_article(request, request.app.state.settings.extract_max_bytes)
    body = await run_extraction(request.app, "marsad.api.routes_articles:extract_json", doc,
                                bool(opts.get("include_text")))
    return Response(body, media_type="application/json")


def name_document(doc: Document) -> Document:
    """A document sent without an id is named after its text's hash."""
    from marsad.store import rows as R

    if doc.doc_id == "api":
        doc.doc_id = f"api-{R.content_hash(doc.text)[:12]}"
    return doc


def ingest_document(holder, doc: Document, facts=None) -> tuple[dict, bool]:
    import marsad
    from marsad.store import rows as R

    chash = R.content_hash(doc.text)
    name_document(doc)
    if facts is None:
        facts = marsad.extract_document(doc)
    with holder.use() as store:
        existed = store.has_document(chash)
        key = store.add_facts(doc, facts)
        dup = store.sql("SELECT dup_of FROM documents WHERE id = ?", (key,)).rows
    out = {"id": key, "doc_id": doc.doc_id, "created": not existed,
           "near_duplicate_of": dup[0][0] if dup else None, "lang": facts.lang,
           "quantities": len(facts.quantities), "entities": len(facts.entities),
           "events": len(facts.events), "url": f"/api/documents/{key}", "page": f"/documents/{key}"}
    return out, not existed


@router.post("/documents", summary=N_("Ingest one article: extract its facts and store them"),
             response_model=None, status_code=201, openapi_extra={"requestBody": REQUEST_BODY},
             responses={200: {"model": IngestOut, "description": N_("Already stored (same text): nothing added")},
                        201: {"model": IngestOut, "description": N_("Stored")},
                        **error_responses(401, 403, 413, 415, 422, 500, 503)})
async def ingest(request: Request,
                 creds: HTTPAuthorizationCredentials | None = Depends(bearer)) -> Response:
    """Same bodies as /api/extract. Idempotent: the same text gets the same id and is stored
    once. Needs ``Authorization: Bearer <token>`` when the server has MARSAD_API_TOKEN."""
    require_writer(request, creds)
    doc, _ = await read_article(request, request.app.state.settings.max_bytes)
    name_document(doc)
    facts = await run_extraction(request.app, "marsad:extract_document", doc)
    out, created = await run_thread(ingest_document, request.app.state.store, doc, facts)
    return Response(_dumps(out), status_code=201 if created else 200, media_type="application/json",
                    headers={"Location": out["url"]})
