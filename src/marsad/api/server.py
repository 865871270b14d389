"""uvicorn as ``marsad serve`` runs it: h11 with a deadline for the request headers.

uvicorn closes idle keep-alive connections, but a client that sends its request
headers a byte at a time holds a connection open for as long as it likes. Here a
connection whose request headers are not complete within ``header_seconds`` (from
the connection, or from the end of the previous response) is closed. The body has
its own deadline (``BodyLimit``'s ``timeout``, 408).
"""
from __future__ import annotations

import os

import h11
from uvicorn.protocols.http.h11_impl import H11Protocol

from marsad.api.state import DEFAULT_HEADER_SECONDS


def header_seconds() -> float:
    try:
        v = float(os.environ.get("MARSAD_API_HEADER_SECONDS", ""))
    except ValueError:
        return DEFAULT_HEADER_SECONDS
    return v if v > 0 else DEFAULT_HEADER_SECONDS


class HeaderDeadlineProtocol(H11Protocol):
    """H11Protocol that closes a connection whose request headers are late."""

    header_timeout = DEFAULT_HEADER_SECONDS

    def _arm(self) -> None:
        self._disarm()
        self._header_timer = self.loop.call_later(self.header_timeout, self._headers_late)

    def _disarm(self) -> None:
        timer = getattr(self, "_header_timer", None)
        if timer is not None:
            timer.cancel()
        self._header_timer = None

    def _headers_late(self) -> None:
        self._header_timer = None
        if self.conn.their_state is h11.IDLE and not self.transport.is_closing():
            self.transport.close()

    def connection_made(self, transport) -> None:  # type: ignore[override]
        super().connection_made(transport)
        self._arm()

    def handle_events(self) -> None:
        super().handle_events()
        if self.conn.their_state is not h11.IDLE:
            self._disarm()

    def on_response_complete(self) -> None:
        super().on_response_complete()
        if not self.transport.is_closing():
            self._arm()

    def connection_lost(self, exc) -> None:
        self._disarm()
        super().connection_lost(exc)


def config(app, log_level: str = "info", **kw):
    """The uvicorn.Config ``marsad serve`` uses (the tests' servers too)."""
    import uvicorn

    proto = type("MarsadH11", (HeaderDeadlineProtocol,), {"header_timeout": header_seconds()})
    return uvicorn.Config(app, http=proto, log_level=log_level, access_log=False,
                          timeout_graceful_shutdown=kw.pop("timeout_graceful_shutdown", 5), **kw)
