"""The conflicts page: where sources disagree about one fact, both sides with their evidence."""
from __future__ import annotations

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse

from marsad.api.pages_article import page

router = APIRouter(include_in_schema=False)


@router.get("/conflicts", response_class=HTMLResponse)
def conflicts(request: Request, type: str | None = Query(None, max_length=40, pattern=r"^[a-z_]*$"),
              topic: str | None = Query(None, max_length=40, pattern=r"^[a-z_]*$")):
    from marsad.web import company_href

    with request.app.state.store.use() as store:
        rows = store.conflicts(type=type or None, topic=topic or None, limit=200)
    return page("conflicts.html", request, conflicts=rows, type=type or "", topic=topic or "",
                href=company_href)
