"""What the app holds: its settings and one store connection shared under a lock.

The store is opened on first use (so ``marsad serve`` starts even while another
process holds the database; the requests then get a coded 503) and closed at
shutdown. One connection serialises store calls, which are short; extraction,
the slow part, runs in worker processes (``marsad.api.workers``).
"""
from __future__ import annotations

import os
import threading
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Iterator

from marsad.errors import MarsadError

DEFAULT_MAX_BYTES = 2 * 1024 * 1024
DEFAULT_EXTRACT_MAX_BYTES = 256 * 1024
DEFAULT_CPU_SLOTS = 1
DEFAULT_MAX_PENDING = 32
DEFAULT_EXTRACT_SECONDS = 30.0
DEFAULT_BODY_SECONDS = 30.0
DEFAULT_HEADER_SECONDS = 10.0
MIN_TOKEN_CHARS = 32
LOOPBACK_HOSTS = ("localhost", "127.0.0.1", "::1")


@dataclass(frozen=True)
class Settings:
    store_url: str | None = None
    token: str | None = None
    max_bytes: int = DEFAULT_MAX_BYTES
    cpu_slots: int = DEFAULT_CPU_SLOTS
    extract_max_bytes: int = DEFAULT_EXTRACT_MAX_BYTES
    max_pending: int = DEFAULT_MAX_PENDING
    extract_seconds: float = DEFAULT_EXTRACT_SECONDS
    body_seconds: float = DEFAULT_BODY_SECONDS
    allowed_hosts: tuple[str, ...] = LOOPBACK_HOSTS


class TokenError(MarsadError):
    """A bearer token the server will not use (M503)."""

    code = "M503"


def check_token(token: str | None) -> str | None:
    """``None`` for no token; a token shorter than 32 characters is refused (M503)."""
    if not token:
        return None
    if len(token) < MIN_TOKEN_CHARS or token != token.strip():
        raise TokenError(f"MARSAD_API_TOKEN is {len(token)} characters: use at least {MIN_TOKEN_CHARS} "
                         "random characters, without spaces (marsad serve --new-token prints one)")
    return token


def _env_number(name: str, default, kind=int):
    try:
        v = kind(os.environ.get(name, ""))
    except ValueError:
        return default
    return v if v > 0 else default


def host_names(hosts) -> tuple[str, ...]:
    """Host names as the Host header carries them (lower case, IPv6 without brackets)."""
    out = []
    for h in hosts:
        h = h.strip().lower().strip("[]")
        if h and h not in out:
            out.append(h)
    return tuple(out)


def settings_from(store_url: str | None, token: str | None, max_bytes: int | None,
                  allowed_hosts=None, extract_max_bytes: int | None = None) -> Settings:
    """Explicit arguments first, then the ``MARSAD_API_*`` environment variables (docs/web.md)."""
    if token is None:
        token = os.environ.get("MARSAD_API_TOKEN") or None
    if max_bytes is None:
        max_bytes = _env_number("MARSAD_API_MAX_BYTES", DEFAULT_MAX_BYTES)
    if extract_max_bytes is None:
        extract_max_bytes = _env_number("MARSAD_API_EXTRACT_MAX_BYTES", DEFAULT_EXTRACT_MAX_BYTES)
    hosts = list(LOOPBACK_HOSTS) + list(allowed_hosts or [])
    hosts += os.environ.get("MARSAD_ALLOWED_HOSTS", "").split(",")
    return Settings(store_url=store_url, token=check_token(token), max_bytes=int(max_bytes),
                    cpu_slots=_env_number("MARSAD_API_CPU_SLOTS", DEFAULT_CPU_SLOTS),
                    extract_max_bytes=min(int(extract_max_bytes), int(max_bytes)),
                    max_pending=_env_number("MARSAD_API_MAX_PENDING", DEFAULT_MAX_PENDING),
                    extract_seconds=_env_number("MARSAD_API_EXTRACT_SECONDS", DEFAULT_EXTRACT_SECONDS, float),
                    body_seconds=_env_number("MARSAD_API_BODY_SECONDS", DEFAULT_BODY_SECONDS, float),
                    allowed_hosts=host_names(hosts))


async def run_extraction(app, target: str, *args):
    """Run ``target`` (``module:function``) in the app's worker processes (``marsad.api.workers``)."""
    return await app.state.workers.run(target, *args)


async def run_thread(fn, *args):
    """Blocking store work off the event loop."""
    import functools

    import anyio

    return await anyio.to_thread.run_sync(functools.partial(fn, *args))


class StoreHolder:
    """Lazily opened store, one user at a time."""

    def __init__(self, url: str | None):
        self.url = url
        self._store = None
        self._lock = threading.RLock()

    @contextmanager
    def use(self) -> Iterator:
        from marsad.store import open_store

        with self._lock:
            if self._store is None:
                self._store = open_store(self.url)
            try:
                yield self._store
            except Exception as e:
                if getattr(e, "code", None) == "M305":  # PostgreSQL went away: reconnect next time
                    self.close()
                raise

    def close(self) -> None:
        with self._lock:
            if self._store is not None:
                try:
                    self._store.close()
                finally:
                    self._store = None
