"""Corpus pages: investments leaderboard, stock-move timeline, companies, a company, search.

Reads go through the store API; two small read-only SQL adapters (documents that
mention an entity; a text search) use ``Store.sql``, which the store offers for that.
"""
from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse

from marsad.api.errors import ApiError
from marsad.api.lang import ui_of
from marsad.api.pages_article import page
from marsad.web import charts

router = APIRouter(include_in_schema=False)


def _href(name) -> str:
    from marsad.web import company_href

    return company_href(name)


@router.get("/investments", response_class=HTMLResponse)
def investments(request: Request, year: int | None = Query(None, ge=1900, le=2200),
                topic: str = Query("ai", max_length=40, pattern=r"^[a-z_]*$"),
                include_flagged: bool = False):
    with request.app.state.store.use() as store:
        by_company = store.investments(by_company=True, year=year, limit=20, topic=topic,
                                       include_flagged=include_flagged)
        figures = store.investments(year=year, limit=100, topic=topic, include_flagged=include_flagged)
    ui = ui_of(request)
    chart = charts.bar_chart([{"label": r["company"], "value": r.get("total_usd"), "href": _href(r["company"]),
                               "note": ui.ngettext("%(num)s figure", "%(num)s figures", r.get("figures") or 0)
                               + ui.gettext(", ") + ui.ngettext("%(num)s report", "%(num)s reports",
                                                                r.get("reports") or 0)}
                              for r in by_company if r.get("company")], ui=ui)
    return page("investments.html", request, chart=chart, by_company=by_company, figures=figures,
                year=year, topic=topic, href=_href)


@router.get("/moves", response_class=HTMLResponse)
def moves(request: Request, company: str | None = Query(None, max_length=300),
          sort: str = Query("date", pattern="^(date|change)$"),
          topic: str | None = Query(None, max_length=40, pattern=r"^[a-z_]*$")):
    with request.app.state.store.use() as store:
        rows = store.moves(company=company or None, limit=300, sort=sort, topic=topic or None)
    return page("moves.html", request, chart=charts.move_chart(rows, ui=ui_of(request)), moves=rows,
                company=company or "",
                href=_href)


@router.get("/companies", response_class=HTMLResponse)
def companies(request: Request, q: str | None = Query(None, max_length=200)):
    with request.app.state.store.use() as store:
        rows = store.companies(limit=200, q=(q or None) and q.replace("\x00", ""))
    return page("companies.html", request, companies=rows, q=q or "", href=_href)


def sources_of(store, name: str, limit: int = 100) -> list[dict[str, Any]]:
    """Documents that mention ``name`` (canonical), newest first: an adapter over Store.sql."""
    res = store.sql("SELECT d.id, d.doc_id, d.title, d.source, d.lang, d.published_on, "
                    "SUM(e.n_mentions) AS mentions FROM entities e JOIN documents d ON d.id = e.doc "
                    "WHERE lower(e.name) = lower(?) GROUP BY d.id, d.doc_id, d.title, d.source, d.lang, "
                    "d.published_on ORDER BY d.published_on DESC NULLS LAST, d.id", (name,), limit=limit)
    return [dict(zip(res.columns, r)) for r in res.rows]


def tickers_of(store, name: str) -> str | None:
    """Tickers from the stored entity attributes (the extractor writes a ``tickers`` list,
    which the store's ``ticker`` column does not pick up yet): an adapter over Store.sql."""
    import json

    res = store.sql("SELECT attrs FROM entities WHERE lower(name) = lower(?) AND attrs LIKE ?",
                    (name, '%"ticker%'), limit=1)
    for (attrs,) in res.rows:
        try:
            a = json.loads(attrs) if isinstance(attrs, str) else dict(attrs or {})
        except (TypeError, ValueError):
            continue
        t = a.get("tickers") or a.get("ticker")
        if t:
            return ", ".join(map(str, t)) if isinstance(t, list) else str(t)
    return None


@router.get("/companies/{name}", response_class=HTMLResponse)
def company(request: Request, name: str):
    if "\x00" in name or len(name) > 300:
        raise ApiError(404, "M540", "no such company")
    with request.app.state.store.use() as store:
        c = store.company(name)
        if c is None:
            raise ApiError(404, "M540", f"no company {name!r} in the store: see /companies")
        timeline = store.timeline(c["name"], include_duplicates=True)
        sources = sources_of(store, c["name"])
        if not c.get("ticker"):
            c["ticker"] = tickers_of(store, c["name"])
    return page("company.html", request, c=c, timeline=timeline, sources=sources,
                lanes=charts.lane_chart(timeline, ui=ui_of(request)),
                moves_chart=charts.move_chart(c.get("moves") or [], width=480, height=220, ui=ui_of(request)),
                href=_href)


def text_search(store, q: str, limit: int = 30) -> list[dict[str, Any]]:
    """Documents whose text or title contains ``q`` (case-insensitive), with a snippet."""
    res = store.sql("SELECT id, doc_id, title, lang, published_on, text FROM documents WHERE "
                    "strpos(lower(text), lower(?)) > 0 OR strpos(lower(COALESCE(title, '')), lower(?)) > 0 "
                    "ORDER BY published_on DESC NULLS LAST, id", (q, q), limit=limit)
    out = []
    for r in res.rows:
        d = dict(zip(res.columns, r))
        text = d.pop("text") or ""
        i = text.lower().find(q.lower())
        i = max(0, i)
        d["snippet"] = ("…" if i > 60 else "") + text[max(0, i - 60): i + len(q) + 80] + "…"
        out.append(d)
    return out


@router.get("/search", response_class=HTMLResponse)
def search(request: Request, q: str = Query("", max_length=200)):
    q = q.replace("\x00", "").strip()
    found: dict[str, Any] = {"companies": [], "documents": [], "entity": None}
    if q:
        with request.app.state.store.use() as store:
            found["entity"] = store.entity(q)
            found["companies"] = store.companies(limit=30, q=q)
            found["documents"] = text_search(store, q)
    return page("search.html", request, q=q, href=_href, **found)
