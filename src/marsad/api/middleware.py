"""ASGI middleware: a request-body size limit (clear 413) and security headers.

The limit is checked against ``Content-Length`` first and then against the bytes
actually received (chunked uploads), before any route sees the body; the body
is buffered (at most the limit) and replayed to the app. An oversized body is
drained up to a hard cap so the client reads the 413 instead of a reset.
"""
from __future__ import annotations

import json

DRAIN_CAP = 64 * 1024 * 1024
CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
       "font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; "
       "frame-ancestors 'none'; form-action 'self'")
HEADERS = [(b"x-content-type-options", b"nosniff"), (b"referrer-policy", b"no-referrer"),
           (b"x-frame-options", b"DENY"), (b"content-security-policy", CSP.encode())]


def _mb(n: int) -> str:
    return f"{n / 1024 / 1024:.1f} MB" if n >= 1024 * 1024 else f"{n:,} bytes"


class BodyLimit:
    def __init__(self, app, max_bytes: int):
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http" or scope["method"] in ("GET", "HEAD", "OPTIONS"):
            return await self.app(scope, receive, send)
        headers = dict(scope.get("headers") or [])
        declared = headers.get(b"content-length", b"").strip()
        if declared.isdigit() and int(declared) > self.max_bytes:
            await self._drain(receive, 0)
            return await self._reject(scope, send, int(declared))
        chunks, total = [], 0
        while True:
            msg = await receive()
            if msg["type"] == "http.disconnect":
                return
            body = msg.get("body", b"")
            total += len(body)
            if total > self.max_bytes:
                if msg.get("more_body"):
                    total = await self._drain(receive, total)
                return await self._reject(scope, send, total)
            chunks.append(body)
            if not msg.get("more_body"):
                break
        data, done = b"".join(chunks), False

        async def replay():
            nonlocal done
            if not done:
                done = True
                return {"type": "http.request", "body": data, "more_body": False}
            return await receive()

        return await self.app(scope, replay, send)

    @staticmethod
    async def _drain(receive, total: int) -> int:
        while total < DRAIN_CAP:
            msg = await receive()
            if msg["type"] != "http.request":
                break
            total += len(msg.get("body", b""))
            if not msg.get("more_body"):
                break
        return total

    async def _reject(self, scope, send, size: int):
        message = (f"request body too large ({_mb(size)}; the limit is {_mb(self.max_bytes)}): "
                   "send a shorter article or raise --max-bytes / MARSAD_API_MAX_BYTES")
        path = scope.get("path", "")
        if path.startswith("/api"):
            body = json.dumps({"code": "M513", "error": message}).encode()
            ctype = b"application/json"
        else:
            from markupsafe import escape

            body = (f"<!doctype html><meta charset=utf-8><title>413</title><p>[M513] {escape(message)}"
                    f'</p><p><a href="/">Back</a></p>').encode()
            ctype = b"text/html; charset=utf-8"
        await send({"type": "http.response.start", "status": 413,
                    "headers": [(b"content-type", ctype), (b"content-length", str(len(body)).encode()),
                                (b"connection", b"close"), *HEADERS]})
        await send({"type": "http.response.body", "body": body})


class SecurityHeaders:
    def __init__(self, app):
        self.app = app

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)

        async def wrapped(msg):
            if msg["type"] == "http.response.start":
                have = {k.lower() for k, _ in msg.get("headers", [])}
                msg["headers"] = list(msg.get("headers", [])) + [h for h in HEADERS if h[0] not in have]
            await send(msg)

        return await self.app(scope, receive, wrapped)
