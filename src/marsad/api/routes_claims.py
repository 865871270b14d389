"""Claims and conflicts: facts reconciled across articles (``/api/claims``, ``/api/conflicts``)."""
from __future__ import annotations

from typing import Any, Optional

from fastapi import APIRouter, Query, Request

from marsad.api.schemas import error_responses
from marsad.i18n import N_

router = APIRouter(prefix="/api", tags=["claims"])
ERR = error_responses(422, 500, 503)
Topic = Query(None, max_length=40, pattern=r"^[a-z_]*$",
              description=N_("Only claims tagged with this topic: ai, models, chips, cloud, data_centres, telecom, "
                          "energy ('all' for every topic)."))
Flagged = Query(False, description=N_("Also count facts whose in-article checks failed."))


def _clean(v: str | None) -> str | None:
    return v.replace("\x00", "") or None if v is not None else None


@router.get("/claims", response_model=list[dict[str, Any]], responses=ERR,
            summary=N_("Claims: one fact with every source, first report and consensus value"))
def claims(request: Request, type: Optional[str] = Query(None, max_length=40, pattern=r"^[a-z_]*$"),
           company: Optional[str] = Query(None, max_length=300), topic: Optional[str] = Topic,
           include_flagged: bool = Flagged, limit: int = Query(50, ge=1, le=500),
           offset: int = Query(0, ge=0, le=1_000_000)):
    with request.app.state.store.use() as store:
        return store.claims(type=type or None, company=_clean(company), topic=topic or None,
                            include_flagged=include_flagged, limit=limit, offset=offset)


@router.get("/conflicts", response_model=list[dict[str, Any]], responses=ERR,
            summary=N_("Conflicts: claims of one subject, type, metric and period that disagree, with both sources"))
def conflicts(request: Request, type: Optional[str] = Query(None, max_length=40, pattern=r"^[a-z_]*$"),
              company: Optional[str] = Query(None, max_length=300), topic: Optional[str] = Topic,
              include_flagged: bool = Flagged, limit: int = Query(50, ge=1, le=500)):
    with request.app.state.store.use() as store:
        return store.conflicts(type=type or None, company=_clean(company), topic=topic or None,
                               include_flagged=include_flagged, limit=limit)
