"""Coded JSON errors, never a traceback: one shape for every failure the API returns.

``{"code": "M522", "error": "one readable line", "detail": [...]}``. Codes:
M508 Host header not allowed (400), M510 missing or wrong bearer token (401), M511
cross-site write (403), M512 request body not received in time (408), M513 body too
large (413), M515 unsupported content type (415), M516 extraction stopped at its time
budget (503), M522 invalid request or JSON (422), M540 not found (404), M550 server busy
(503, with Retry-After), M599 internal error (500). Input errors keep the reader's code
(M105 empty, M106 binary, M107 not UTF-8, M108 HTML without text: 422); store
errors keep theirs (M301 locked, M305 PostgreSQL unreachable: 503; M308 bad
query: 400; others 500).
"""
from __future__ import annotations

import logging
from typing import Any

from fastapi import Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from marsad.errors import MarsadError

log = logging.getLogger("marsad.api")

STATUS_CODES = {401: "M510", 403: "M510", 404: "M540", 405: "M541", 413: "M513", 415: "M515",
                422: "M522", 500: "M599", 503: "M550"}
STORE_STATUS = {"M301": 503, "M305": 503, "M309": 503, "M308": 400}


class ApiError(Exception):
    """An error the API reports as is: HTTP status, stable code, one line."""

    def __init__(self, status: int, code: str, message: str, detail: Any = None,
                 headers: dict[str, str] | None = None):
        super().__init__(message)
        self.status, self.code, self.message, self.detail = status, code, message, detail
        self.headers = headers


def payload(code: str, message: str, detail: Any = None) -> dict[str, Any]:
    d: dict[str, Any] = {"code": code, "error": message}
    if detail is not None:
        d["detail"] = detail
    return d


def wants_html(request: Request) -> bool:
    return not request.url.path.startswith("/api") and request.url.path not in ("/openapi.json",)


def respond(request: Request, status: int, code: str, message: str, detail: Any = None,
            headers: dict[str, str] | None = None):
    if wants_html(request):
        from marsad.api.pages_article import page

        return page("error.html", request, status=status, headers=headers, code=code, message=message)
    return JSONResponse(payload(code, message, detail), status_code=status, headers=headers)


def _validation_detail(exc: RequestValidationError) -> list[dict[str, Any]]:
    out = []
    for e in exc.errors():
        out.append({"loc": [str(x) for x in e.get("loc", ())], "msg": str(e.get("msg", "")),
                    "type": str(e.get("type", ""))})
    return out


def allowed_methods(request: Request) -> str:
    """Every method the spec documents for this path (routes of one path may live in two
    routers, and Starlette's own Allow header names only the first)."""
    import re

    methods: set[str] = set()
    for template, ops in request.app.openapi().get("paths", {}).items():
        if re.fullmatch(re.sub(r"\\{[^/]+?\\}", "[^/]+", re.escape(template)), request.url.path):
            methods |= {m.upper() for m in ops}
    return ", ".join(sorted(methods))


def _no_paths(request: Request, message: str) -> str:
    """Store errors name the database; clients get "the store" instead of its path or URL."""
    import os

    from marsad.store import default_db

    url = getattr(request.app.state.settings, "store_url", None) or default_db()
    for form in sorted({url, os.path.expanduser(url), os.path.abspath(os.path.expanduser(url))}, key=len,
                       reverse=True):
        if form and "://" not in form or form.startswith(("postgresql://", "postgres://")):
            message = message.replace(form, "the store")
    return message


def install(app) -> None:
    """Register the handlers that turn every failure into a coded response."""

    @app.exception_handler(ApiError)
    async def _api_error(request: Request, exc: ApiError):
        headers = {"WWW-Authenticate": "Bearer"} if exc.status == 401 else exc.headers
        return respond(request, exc.status, exc.code, exc.message, exc.detail, headers)

    @app.exception_handler(RequestValidationError)
    async def _invalid(request: Request, exc: RequestValidationError):
        detail = _validation_detail(exc)
        first = detail[0] if detail else {"loc": [], "msg": "invalid request"}
        where = ".".join(x for x in first["loc"] if x not in ("body", "query", "path")) or "request"
        return respond(request, 422, "M522", f"invalid request: {where}: {first['msg']}", detail)

    @app.exception_handler(StarletteHTTPException)
    async def _http(request: Request, exc: StarletteHTTPException):
        code = STATUS_CODES.get(exc.status_code, f"M5{exc.status_code % 100:02d}")
        msg = exc.detail if isinstance(exc.detail, str) else "request failed"
        headers = getattr(exc, "headers", None)
        if exc.status_code == 404 and msg == "Not Found":
            msg = f"no such page or endpoint: {request.url.path}"
        if exc.status_code == 405:
            allowed = allowed_methods(request) or (headers or {}).get("Allow", "")
            headers = {"Allow": allowed}
            msg = f"method {request.method} is not allowed on {request.url.path} (allowed: {allowed})"
        return respond(request, exc.status_code, code, msg, headers=headers)

    @app.exception_handler(MarsadError)
    async def _marsad(request: Request, exc: MarsadError):
        status = STORE_STATUS.get(exc.code, 422 if exc.code.startswith("M1") else 500)
        return respond(request, status, exc.code, _no_paths(request, str(exc.args[0]) if exc.args else str(exc)))

    @app.exception_handler(Exception)
    async def _internal(request: Request, exc: Exception):
        log.exception("internal error on %s %s", request.method, request.url.path)
        return respond(request, 500, "M599", f"internal error ({type(exc).__name__}); "
                       "the server log has the details")
