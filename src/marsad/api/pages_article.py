"""Article pages: paste or upload an article and read it with every fact highlighted.

``GET /`` (the form), ``POST /read`` (extract and show; nothing stored),
``GET /documents`` (stored documents) and ``GET /documents/{ref}`` (a stored one).
"""
from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse

from marsad.api.errors import ApiError, log
from marsad.api.inputs import read_article
from marsad.api.state import run_extraction
from marsad.model import Document, Facts
from marsad.web import render, view
from marsad.web.highlight import highlight

router = APIRouter(include_in_schema=False)


def page(name: str, request: Request, status: int = 200, headers: dict[str, str] | None = None,
         **ctx: Any) -> HTMLResponse:
    """A page in the reader's language (``?lang=``, cookie, Accept-Language) and digits."""
    from marsad.api.lang import remember, switch_links, ui_of

    ui = ui_of(request)
    html = render(name, ui, path=request.url.path, status=status,
                  switch=switch_links(request, ui), **ctx)
    return remember(request, HTMLResponse(html, status_code=status, headers=headers))


def article_context(facts: Facts, meta: dict[str, Any], ui=None) -> dict[str, Any]:
    """Everything article.html needs: highlighted text, tables, key points, legend (tables
    and key points in the reader's language ``ui``, a ``marsad.i18n.UI``; English without)."""
    ctx = {"meta": meta, "facts": facts, "lang": facts.lang,
           "direction": "rtl" if facts.lang == "ar" else "ltr",
           "html": highlight(facts), "entities": view.entity_rows(facts), "legend": view.legend(facts),
           "extractors": facts.extractors}
    return {**ctx, **localised_rows(facts, ui)}


def localised_rows(facts: Facts, ui=None) -> dict[str, Any]:
    """The article's tables and key points with figures in the reader's language and digits."""
    lang, digits = (ui.lang, ui.digits) if ui is not None else ("en", "latn")
    return {"quantities": view.quantity_rows(facts, lang, digits), "events": view.event_rows(facts, lang, digits),
            "key_points": view.key_point_rows(facts, lang, digits)}


@router.get("/", response_class=HTMLResponse)
def home(request: Request):
    stats = None
    try:
        with request.app.state.store.use() as store:
            stats = store.stats()
    except Exception as e:  # noqa: BLE001 - the form works without a store
        log.warning("home: store unavailable: %s", e)
    return page("home.html", request, stats=stats, max_bytes=request.app.state.settings.max_bytes)


def _extract_for_page(doc: Document) -> dict[str, Any]:
    import marsad

    facts = marsad.extract_document(doc)
    meta = {"title": doc.title or "Pasted article", "source": doc.source, "published_at": doc.published_at,
            "stored": False}
    return article_context(facts, meta)


@router.post("/read", response_class=HTMLResponse)
async def read(request: Request):
    doc, _ = await read_article(request, request.app.state.settings.extract_max_bytes, strict=False)
    from marsad.api.lang import ui_of

    ctx = await run_extraction(request.app, "marsad.api.pages_article:_extract_for_page", doc)
    ui = ui_of(request)
    if ui.lang != "en":
        ctx.update(localised_rows(ctx["facts"], ui))
    return page("article.html", request, **ctx)


@router.get("/documents", response_class=HTMLResponse)
def documents(request: Request, offset: int = Query(0, ge=0, le=10**9),
              q: str | None = Query(None, max_length=200)):
    with request.app.state.store.use() as store:
        docs = store.documents(limit=50, offset=offset, q=q or None)
    return page("documents.html", request, docs=docs, offset=offset, q=q or "", limit=50)


@router.get("/documents/{ref}", response_class=HTMLResponse)
def document(request: Request, ref: str, part: int = Query(1, ge=1, le=10**6)):
    from marsad.api.routes_corpus import fetch_document

    with request.app.state.store.use() as store:
        d = fetch_document(store, ref)
    if d is None:
        raise ApiError(404, "M540", f"no document {ref!r}")
    facts = view.facts_from_dict(d.get("facts") or {}, d.get("text") or "")
    facts, parts = view.document_part(facts, part)
    meta = {"title": d.get("title") or d.get("doc_id"), "source": d.get("source"),
            "published_at": d.get("published_at") or d.get("published_on"), "stored": True,
            "id": d.get("id"), "doc_id": d.get("doc_id"), "dup_of": d.get("dup_of"), "parts": parts}
    from marsad.api.lang import ui_of

    return page("article.html", request, **article_context(facts, meta, ui_of(request)))
