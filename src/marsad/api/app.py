"""The Marsad web app: REST API under /api, pages, local static files, OpenAPI at /docs.

    from marsad.api import create_app
    app = create_app("var/marsad.duckdb", token="s3cret")   # or None: $MARSAD_DB / default store

``token`` (default ``$MARSAD_API_TOKEN``; at least 32 characters) protects writes;
``max_bytes`` (default ``$MARSAD_API_MAX_BYTES`` or 2 MB) bounds every request body (413
beyond it), and ``extract_max_bytes`` (``$MARSAD_API_EXTRACT_MAX_BYTES`` or 256 KB) the
synchronous extraction of /api/extract and /read. ``allowed_hosts`` adds names the Host
header may carry besides the loopback ones (also ``$MARSAD_ALLOWED_HOSTS``, comma-separated).
Extraction runs in worker processes (``marsad.api.workers``). Every setting: docs/web.md.
"""
from __future__ import annotations

from contextlib import asynccontextmanager

from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles

import marsad
from marsad.api import (apidocs, errors, pages_article, pages_claims, pages_corpus, pages_report,
                        routes_articles, routes_claims, routes_corpus, routes_export)
from marsad.api.middleware import AllowedHosts, BodyLimit, HeadAsGet, SecurityHeaders
from marsad.api.state import StoreHolder, settings_from
from marsad.api.workers import Pool
from marsad.web import STATIC_DIR

DESCRIPTION = """Grounded facts from Arabic and English financial news.

Every fact carries `[start, end)` character offsets into the article text
(the contract: shared/eval/CONTRACT.md). Errors are JSON `{"code": "M5xx", "error": "..."}`.
Writes (`POST /api/documents`) need `Authorization: Bearer <token>` when the server
runs with `MARSAD_API_TOKEN`. `/api/extract` takes articles up to the extraction limit
(256 KB by default); longer ones go through `/api/documents`. When the server is busy it
answers 503 with `Retry-After`.
"""


def create_app(store_url: str | None = None, token: str | None = None,
               max_bytes: int | None = None, allowed_hosts: list[str] | None = None,
               extract_max_bytes: int | None = None) -> FastAPI:
    """A new app over the store at ``store_url`` (DuckDB path or postgresql:// URL)."""
    settings = settings_from(store_url, token, max_bytes, allowed_hosts, extract_max_bytes)
    holder = StoreHolder(settings.store_url)
    workers = Pool(settings.cpu_slots, settings.max_pending, settings.extract_seconds)

    @asynccontextmanager
    async def lifespan(app: FastAPI):
        yield
        holder.close()
        workers.close()

    app = FastAPI(title="Marsad", version=getattr(marsad, "__version__", "0"), description=DESCRIPTION,
                  docs_url=None, redoc_url=None, lifespan=lifespan)
    app.state.settings = settings
    app.state.store = holder
    app.state.workers = workers
    errors.install(app)
    for module in (routes_articles, routes_corpus, routes_claims, routes_export, pages_article, pages_corpus,
                   pages_claims, pages_report, apidocs):
        app.include_router(module.router)
    _custom_spec(app, open_writes=not settings.token)
    app.mount("/static", StaticFiles(directory=str(STATIC_DIR)), name="static")
    small = {p: settings.extract_max_bytes for p in ("/api/extract", "/read")}
    app.add_middleware(BodyLimit, max_bytes=settings.max_bytes, limits=small, timeout=settings.body_seconds)
    app.add_middleware(HeadAsGet)
    app.add_middleware(AllowedHosts, hosts=settings.allowed_hosts)
    app.add_middleware(SecurityHeaders)
    return app


def _custom_spec(app: FastAPI, open_writes: bool) -> None:
    """The spec with the request-body schema ``ArticleIn`` in its components (the routes refer to
    it by $ref); without a token writes are open, so the bearer requirement and the 401s go."""
    from fastapi.openapi.utils import get_openapi

    from marsad.api.schemas import ArticleIn

    def openapi():
        if app.openapi_schema is None:
            spec = get_openapi(title=app.title, version=app.version, description=app.description,
                               routes=app.routes)
            schemas = spec.setdefault("components", {}).setdefault("schemas", {})
            schemas["ArticleIn"] = ArticleIn.model_json_schema(ref_template="#/components/schemas/{model}")
            if open_writes:
                for ops in spec.get("paths", {}).values():
                    for op in ops.values():
                        if op.pop("security", None) is not None:
                            op.get("responses", {}).pop("401", None)
                spec.get("components", {}).pop("securitySchemes", None)
            app.openapi_schema = spec
        return app.openapi_schema

    app.openapi = openapi
