"""GET /docs: the OpenAPI description rendered on the server, with no CDN.

FastAPI's default Swagger UI loads its script from a CDN; Marsad serves every
byte itself, so /docs is a plain page built from ``app.openapi()`` (the raw
spec stays at /openapi.json).
"""
from __future__ import annotations

import json
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from marsad.i18n import N_


router = APIRouter(include_in_schema=False)
# FastAPI's own response descriptions, translated on the docs page like the routes' texts.
DEFAULT_TEXTS = (N_("Successful Response"), N_("Validation Error"))


def _schema_name(schema: dict[str, Any] | None) -> str:
    if not schema:
        return ""
    if "$ref" in schema:
        return schema["$ref"].rsplit("/", 1)[-1]
    if schema.get("type") == "array":
        return f"list of {_schema_name(schema.get('items')) or 'items'}"
    if "anyOf" in schema:
        return " | ".join(_schema_name(s) or s.get("type", "?") for s in schema["anyOf"])
    return schema.get("type", "object")


def operations(spec: dict[str, Any]) -> list[dict[str, Any]]:
    ops = []
    for path, methods in spec.get("paths", {}).items():
        for method, op in methods.items():
            params = [{"name": p["name"], "in": p["in"], "required": p.get("required", False),
                       "type": _schema_name(p.get("schema")), "description": p.get("description", "")}
                      for p in op.get("parameters", [])]
            body = op.get("requestBody", {}).get("content", {})
            ops.append({"method": method.upper(), "path": path, "summary": op.get("summary", ""),
                        "description": op.get("description", ""), "params": params,
                        "body": [{"type": t, "schema": _schema_name(c.get("schema"))} for t, c in body.items()],
                        "responses": [{"status": s, "description": r.get("description", ""),
                                       "schema": _schema_name(next(iter(r.get("content", {}).values()),
                                                                   {}).get("schema"))}
                                      for s, r in op.get("responses", {}).items()],
                        "secured": bool(op.get("security"))})
    return ops


@router.get("/docs", response_class=HTMLResponse)
def docs(request: Request):
    spec = request.app.openapi()
    schemas = {k: json.dumps(v, indent=2, ensure_ascii=False)
               for k, v in spec.get("components", {}).get("schemas", {}).items()}
    from marsad.api.pages_article import page

    return page("apidocs.html", request, info=spec.get("info", {}), ops=operations(spec), schemas=schemas)
