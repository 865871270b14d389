"""The briefing report page: ``GET /report?since=&until=&topic=&lang=``, built by ``marsad.report``
(the function ``marsad report`` writes to a file) and rendered by the same template."""
from __future__ import annotations

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse

from marsad.api.errors import ApiError
from marsad.errors import ReportError

router = APIRouter(include_in_schema=False)


@router.get("/report", response_class=HTMLResponse)
def report(request: Request, since: str | None = Query(None, max_length=10),
           until: str | None = Query(None, max_length=10),
           topic: str | None = Query(None, max_length=40, pattern=r"^[a-z_]*$")):
    """The report in the reader's language (``?lang=``, cookie, Accept-Language, as every page)."""
    from marsad.api.lang import remember, switch_links, ui_of
    from marsad.report import build_report, default_period
    from marsad.web.report import render_report

    ui = ui_of(request)
    lang = ui.lang if ui.lang in ("en", "ar") else "en"

    try:
        with request.app.state.store.use() as store:
            if not since:
                since, until = default_period(store) if not until else (until, until)
            rep = build_report(store, since, until or None, topic=topic or None, lang=lang)
    except ReportError as e:
        raise ApiError(422, e.code, e.args[0]) from None
    html = render_report(rep, standalone=False, path=request.url.path, form=True, ui=ui,
                         switch=switch_links(request, ui))
    return remember(request, HTMLResponse(html))
