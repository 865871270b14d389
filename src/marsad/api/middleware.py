"""ASGI middleware: allowed hosts (400), HEAD, a request-body size limit (413) and read
timeout (408), and security headers.

The Host header must name this server (``Settings.allowed_hosts``: loopback names, plus
the public names given with ``--allowed-host`` / ``MARSAD_ALLOWED_HOSTS``), so a page on
another site cannot reach a local server through DNS rebinding. HEAD is answered as GET
without the body.

The size limit is checked against ``Content-Length`` first and then against the bytes
actually received (chunked uploads), before any route sees the body; the body
is buffered (at most the limit) and replayed to the app. Synchronous extraction
(``/api/extract``, ``/read``) has its own, smaller limit. A body that does not arrive
within ``body_seconds`` gets 408 and the connection is closed. An oversized body is
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


async def send_error(scope, send, status: int, code: str, message: str, close: bool = True) -> None:
    """A coded error answered by the middleware itself: JSON under /api, a small page elsewhere."""
    path = scope.get("path", "")
    if path.startswith("/api") or path == "/openapi.json":
        body = json.dumps({"code": code, "error": message}).encode()
        ctype = b"application/json"
    else:
        body = _error_page(scope, status, code, message).encode()
        ctype = b"text/html; charset=utf-8"
    headers = [(b"content-type", ctype), (b"content-length", str(len(body)).encode()), *HEADERS]
    if close:
        headers.append((b"connection", b"close"))
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": body})


def _error_page(scope, status: int, code: str, message: str) -> str:
    """The error page in the reader's language (?lang=, cookie, Accept-Language), answered
    before any route runs; a minimal page if the templates cannot be rendered."""
    from http.cookies import SimpleCookie
    from urllib.parse import parse_qs

    from markupsafe import escape

    from marsad import i18n

    try:
        headers = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope.get("headers", [])}
        query = parse_qs(scope.get("query_string", b"").decode("latin-1"))
        cookies = SimpleCookie(headers.get("cookie", ""))
        cookie = cookies[i18n.LANG_COOKIE].value if i18n.LANG_COOKIE in cookies else None
        lang = i18n.negotiate((query.get("lang") or [None])[0], cookie, headers.get("accept-language"))
        from marsad.web import render

        from urllib.parse import quote

        here = quote(scope.get("path", "/"))
        switch = {"langs": [(x, f"{here}?lang={x}", x == lang) for x in i18n.LANGS], "digits": []}
        return render("error.html", i18n.UI(lang), status=status, code=code, message=message,
                      path=scope.get("path", ""), switch=switch)
    except Exception:  # noqa: BLE001 - the error must be answered whatever happens
        return (f"<!doctype html><meta charset=utf-8><title>{status}</title><p>[{code}] {escape(message)}"
                f'</p><p><a href="/">Back</a></p>')


def host_of(value: str) -> str:
    """The host name of a Host header value (no port; IPv6 without brackets), lower case."""
    v = value.strip().lower()
    if v.startswith("["):
        return v[1:v.find("]")] if "]" in v else v
    return v.rsplit(":", 1)[0] if v.count(":") == 1 else v


class AllowedHosts:
    """400 (M508) for a request whose Host header is not one of this server's names."""

    def __init__(self, app, hosts: tuple[str, ...]):
        self.app = app
        self.hosts = set(hosts)

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        raw = dict(scope.get("headers") or []).get(b"host", b"").decode("latin-1")
        if host_of(raw) not in self.hosts:
            shown = raw[:100] or "(none)"
            return await send_error(scope, send, 400, "M508", f"Host {shown} is not one of this server's "
                                    "names: start it with --allowed-host NAME (MARSAD_ALLOWED_HOSTS) "
                                    "to serve that name")
        return await self.app(scope, receive, send)


class HeadAsGet:
    """HEAD is GET without the body (FastAPI routes declare GET only)."""

    def __init__(self, app):
        self.app = app

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http" or scope["method"] != "HEAD":
            return await self.app(scope, receive, send)

        async def no_body(msg):
            if msg["type"] == "http.response.body":
                if msg.get("more_body"):
                    return
                msg = {"type": "http.response.body", "body": b""}
            await send(msg)

        return await self.app({**scope, "method": "GET"}, receive, no_body)


class BodyLimit:
    def __init__(self, app, max_bytes: int, limits: dict[str, int] | None = None,
                 timeout: float | None = None):
        self.app = app
        self.max_bytes = max_bytes
        self.limits = limits or {}
        self.timeout = timeout

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http" or scope["method"] in ("GET", "HEAD", "OPTIONS"):
            return await self.app(scope, receive, send)
        import anyio

        limit = self.limits.get(scope.get("path", ""), self.max_bytes)
        headers = dict(scope.get("headers") or [])
        declared = headers.get(b"content-length", b"").strip()
        if declared.isdigit() and int(declared) > limit:
            with anyio.move_on_after(self.timeout or 30):
                await self._drain(receive, 0)
            return await self._reject(scope, send, int(declared), limit)
        chunks, total = [], 0
        with anyio.move_on_after(self.timeout) as waited:
            while True:
                msg = await receive()
                if msg["type"] == "http.disconnect":
                    return
                body = msg.get("body", b"")
                total += len(body)
                if total > limit:
                    if msg.get("more_body"):
                        total = await self._drain(receive, total)
                    return await self._reject(scope, send, total, limit)
                chunks.append(body)
                if not msg.get("more_body"):
                    break
        if waited.cancelled_caught:
            return await send_error(scope, send, 408, "M512", f"request body not received within "
                                    f"{self.timeout:g} s ({_mb(total)} arrived): send it in one go")
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

    async def _reject(self, scope, send, size: int, limit: int):
        path = scope.get("path", "")
        if limit < self.max_bytes:
            hint = ("for synchronous extraction: ingest a longer article with POST /api/documents "
                    "(bearer token), or 'marsad extract' on the command line")
        else:
            hint = "send a shorter article or raise --max-bytes / MARSAD_API_MAX_BYTES"
        message = f"request body too large ({_mb(size)}; the limit is {_mb(limit)} on {path}): {hint}"
        await send_error(scope, send, 413, "M513", message)


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
