"""The Marsad web app: REST API under /api, pages, local static files, OpenAPI at /docs.

    from marsad.api import create_app
    app = create_app("var/marsad.duckdb", token="s3cret")   # or None: $MARSAD_DB / default store

``token`` (default ``$MARSAD_API_TOKEN``) protects writes; ``max_bytes`` (default
``$MARSAD_API_MAX_BYTES`` or 2 MB) bounds every request body (413 beyond it).
"""
from __future__ import annotations

from contextlib import asynccontextmanager

from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles

import marsad
from marsad.api import (apidocs, errors, pages_article, pages_claims, pages_corpus, routes_articles,
                        routes_claims, routes_corpus)
from marsad.api.middleware import BodyLimit, SecurityHeaders
from marsad.api.state import StoreHolder, settings_from
from marsad.web import STATIC_DIR

DESCRIPTION = """Grounded facts from Arabic and English financial news.

Every fact carries `[start, end)` character offsets into the article text
(the contract: shared/eval/CONTRACT.md). Errors are JSON `{"code": "M5xx", "error": "..."}`.
Writes (`POST /api/documents`) need `Authorization: Bearer <token>` when the server
runs with `MARSAD_API_TOKEN`.
"""


def create_app(store_url: str | None = None, token: str | None = None,
               max_bytes: int | None = None) -> FastAPI:
    """A new app over the store at ``store_url`` (DuckDB path or postgresql:// URL)."""
    settings = settings_from(store_url, token, max_bytes)
    holder = StoreHolder(settings.store_url)

    @asynccontextmanager
    async def lifespan(app: FastAPI):
        yield
        holder.close()

    app = FastAPI(title="Marsad", version=getattr(marsad, "__version__", "0"), description=DESCRIPTION,
                  docs_url=None, redoc_url=None, lifespan=lifespan)
    app.state.settings = settings
    app.state.store = holder
    errors.install(app)
    for module in (routes_articles, routes_corpus, routes_claims, pages_article, pages_corpus, pages_claims,
                   apidocs):
        app.include_router(module.router)
    if not settings.token:
        _open_writes_in_spec(app)
    app.mount("/static", StaticFiles(directory=str(STATIC_DIR)), name="static")
    app.add_middleware(BodyLimit, max_bytes=settings.max_bytes)
    app.add_middleware(SecurityHeaders)
    return app


def _open_writes_in_spec(app: FastAPI) -> None:
    """Without a token writes are open: the spec then drops the bearer requirement and the 401s."""
    from fastapi.openapi.utils import get_openapi

    def openapi():
        if app.openapi_schema is None:
            spec = get_openapi(title=app.title, version=app.version, description=app.description,
                               routes=app.routes)
            for ops in spec.get("paths", {}).values():
                for op in ops.values():
                    if op.pop("security", None) is not None:
                        op.get("responses", {}).pop("401", None)
            spec.get("components", {}).pop("securitySchemes", None)
            app.openapi_schema = spec
        return app.openapi_schema

    app.openapi = openapi
