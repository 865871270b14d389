"""``GET /api/export.xlsx``: the analyst's views as an Excel workbook (the pages' download links).

A thin shell over ``marsad.store.xlsx.write_workbook``, the function behind
``marsad export --format xlsx``: the same sheets, cells and links. Sources without a URL
link to their article page on this server.
"""
from __future__ import annotations

import os
import tempfile
from enum import Enum
from typing import Optional

from fastapi import APIRouter, Query, Request
from fastapi.responses import FileResponse
from starlette.background import BackgroundTask

from marsad.api.schemas import error_responses
from marsad.store import sheets as S

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
router = APIRouter(prefix="/api", tags=["export"])
RESPONSES = {200: {"content": {XLSX: {"schema": {"type": "string", "format": "binary"}}},
                   "description": "The workbook: one sheet per view"},
             **error_responses(422, 500, 503)}


View = Enum("View", {v: v for v in S.VIEWS}, type=str)


def request_lang(request: Request, lang: str | None) -> str:
    """``?lang=``, else the ``lang`` cookie, else Arabic when Accept-Language puts it first."""
    for v in (lang, request.cookies.get("lang")):
        if v and v.lower()[:2] in S.LANGS:
            return v.lower()[:2]
    first = (request.headers.get("accept-language") or "").split(",")[0].strip().lower()
    return "ar" if first.startswith("ar") else "en"


@router.get("/export.xlsx", response_class=FileResponse, responses=RESPONSES,
            summary="The analyst's views as an Excel workbook, one sheet per view")
def export_xlsx(request: Request,
                view: Optional[list[View]] = Query(None, description="investments, companies, moves, claims, "
                                                                    "conflicts, events; repeat for several "
                                                                    "(default: all)."),
                company: Optional[str] = Query(None, max_length=300, description="Only this company."),
                year: Optional[int] = Query(None, ge=1900, le=2200),
                topic: Optional[str] = Query(None, max_length=40, pattern=r"^[a-z_]*$",
                                             description="Topic of the claims (default: ai for the "
                                                         "investments, every topic elsewhere)."),
                type: Optional[str] = Query(None, max_length=40, pattern=r"^[a-z_]*$",
                                            description="Only this event type."),
                sort: str = Query("date", pattern="^(date|change)$", description="Order of the moves."),
                include_flagged: bool = Query(False, description="Also count facts whose checks failed."),
                lang: Optional[str] = Query(None, pattern="^(en|ar)$",
                                            description="Headers and sheet names; ar: right-to-left sheets. "
                                                        "Default: the lang cookie, else Accept-Language.")):
    views = [v.value for v in view] if view else None
    company = company.replace("\x00", "") or None if company else None
    filters = S.Filters(company=company, year=year, topic=topic or None, type=type or None,
                        include_flagged=include_flagged, sort=sort, base_url=str(request.base_url).rstrip("/"))
    fd, path = tempfile.mkstemp(prefix="marsad-export-", suffix=".xlsx")
    os.close(fd)
    try:
        with request.app.state.store.use() as store:
            store.export(path, "xlsx", views=views, filters=filters, lang=request_lang(request, lang))
    except BaseException:
        os.unlink(path)
        raise
    name = "marsad-" + ("company" if company else "-".join(views or ["views"])) + ".xlsx"
    return FileResponse(path, media_type=XLSX, filename=name, background=BackgroundTask(os.unlink, path))
