"""What the app holds: its settings and one store connection shared under a lock.

The store is opened on first use (so ``marsad serve`` starts even while another
process holds the database; the requests then get a coded 503) and closed at
shutdown. One connection serialises store calls, which are short; extraction,
the slow part, runs outside the lock.
"""
from __future__ import annotations

import os
import threading
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Iterator

DEFAULT_MAX_BYTES = 2 * 1024 * 1024
DEFAULT_CPU_SLOTS = 1


@dataclass(frozen=True)
class Settings:
    store_url: str | None = None
    token: str | None = None
    max_bytes: int = DEFAULT_MAX_BYTES
    cpu_slots: int = DEFAULT_CPU_SLOTS


async def run_cpu(app, fn, *args):
    """Run CPU-bound ``fn(*args)`` in a worker thread, at most ``cpu_slots`` at a time.

    Extraction holds the GIL: with the default 40-thread pool, 100 concurrent requests
    starve the event loop (multi-second tails, keep-alive timers firing late). A FIFO
    limiter keeps the loop responsive and the queue fair; one slot (the default,
    ``MARSAD_API_CPU_SLOTS``) gives the same throughput as more, with the tightest tail."""
    import functools

    import anyio

    limiter = getattr(app.state, "cpu_limiter", None)
    if limiter is None:
        limiter = app.state.cpu_limiter = anyio.CapacityLimiter(app.state.settings.cpu_slots)
    return await anyio.to_thread.run_sync(functools.partial(fn, *args), limiter=limiter)


def settings_from(store_url: str | None, token: str | None, max_bytes: int | None) -> Settings:
    """Explicit arguments first, then ``MARSAD_API_TOKEN`` / ``MARSAD_API_MAX_BYTES``."""
    if token is None:
        token = os.environ.get("MARSAD_API_TOKEN") or None
    if max_bytes is None:
        env = os.environ.get("MARSAD_API_MAX_BYTES", "")
        max_bytes = int(env) if env.isdigit() and int(env) > 0 else DEFAULT_MAX_BYTES
    slots = os.environ.get("MARSAD_API_CPU_SLOTS", "")
    return Settings(store_url=store_url, token=token or None, max_bytes=int(max_bytes),
                    cpu_slots=int(slots) if slots.isdigit() and int(slots) > 0 else DEFAULT_CPU_SLOTS)


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
