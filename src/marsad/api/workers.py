"""Extraction for the web app in worker processes: bounded, queued fairly, and stopped on time.

Extraction is CPU work that holds the GIL. Run in the server's own threads, one
long article stalls every other request (the event loop waits for the GIL). Here
each extraction runs in a worker process (``spawn``; it loads the lexicons and the
knowledge base once):

- at most ``slots`` extractions run at once (``MARSAD_API_CPU_SLOTS``, default 1);
- at most ``max_pending`` requests run or wait (``MARSAD_API_MAX_PENDING``, default 32);
  beyond that a request gets 503 M550 with ``Retry-After`` at once;
- each extraction has ``budget`` seconds (``MARSAD_API_EXTRACT_SECONDS``, default 30): past
  it the worker process is killed (the CPU is free again at once), a fresh one replaces it,
  and the request gets 503 M516 saying so.

The job is a ``module:function`` name and picklable arguments; its result comes back pickled.
"""
from __future__ import annotations

import importlib
import multiprocessing as mp
import threading
from typing import Any

from marsad.api.errors import ApiError

START_TIMEOUT = 300.0  # a worker loads the lexicons and the knowledge base: generous on a busy box


def _serve(conn) -> None:
    """The worker process: warm up, say ready, then run jobs until the pipe closes."""
    import marsad

    marsad.extract("warm up 1%")
    conn.send(("ready", None))
    while True:
        try:
            target, args = conn.recv()
        except (EOFError, OSError):
            return
        module, _, name = target.partition(":")
        try:
            result = getattr(importlib.import_module(module), name)(*args)
            conn.send(("ok", result))
        except BaseException as e:  # noqa: BLE001 - reported to the parent
            try:
                conn.send(("error", e))
            except Exception:  # noqa: BLE001 - an exception that does not pickle
                conn.send(("error", RuntimeError(f"{type(e).__name__}: {e}")))


class Worker:
    """One worker process and its pipe."""

    def __init__(self) -> None:
        ctx = mp.get_context("spawn")
        self.conn, child = ctx.Pipe()
        self.proc = ctx.Process(target=_serve, args=(child,), daemon=True, name="marsad-extract")
        self.proc.start()
        child.close()
        if not self.conn.poll(START_TIMEOUT):
            self.kill()
            raise ApiError(503, "M550", "the extraction worker did not start; try again")
        self.conn.recv()

    @property
    def pid(self) -> int | None:
        return self.proc.pid

    def call(self, target: str, args: tuple, budget: float) -> tuple[bool, Any]:
        """(True, result) or (False, None) when ``budget`` seconds passed (the caller kills it)."""
        self.conn.send((target, args))
        if not self.conn.poll(budget):
            return False, None
        status, value = self.conn.recv()
        if status == "error":
            raise value
        return True, value

    def kill(self) -> None:
        try:
            self.proc.kill()
            self.proc.join(10)
        finally:
            self.conn.close()


class Pool:
    """Worker processes shared by the app's requests (see the module docstring)."""

    def __init__(self, slots: int, max_pending: int, budget: float) -> None:
        self.slots, self.max_pending, self.budget = slots, max_pending, budget
        self.pending = 0
        self.idle: list[Worker] = []
        self._lock = threading.Lock()
        self._limiter = None
        self.killed = 0  # workers stopped over their budget (the tests read it)

    def _take(self) -> Worker:
        with self._lock:
            if self.idle:
                return self.idle.pop()
        return Worker()

    def _give(self, w: Worker) -> None:
        with self._lock:
            self.idle.append(w)

    def _run(self, target: str, args: tuple) -> Any:
        w = self._take()
        try:
            done, value = w.call(target, args, self.budget)
        except (EOFError, OSError, BrokenPipeError):
            w.kill()
            raise ApiError(500, "M599", "the extraction worker stopped unexpectedly; the next "
                                        "request gets a fresh one") from None
        except BaseException:
            self._give(w)
            raise
        if not done:
            w.kill()
            self.killed += 1
            raise ApiError(503, "M516", f"extraction stopped after its {self.budget:g} s time budget: "
                                        "send a shorter article, or ingest it with 'marsad ingest'")
        self._give(w)
        return value

    async def run(self, target: str, *args: Any) -> Any:
        import anyio

        if self.pending >= self.max_pending:
            raise ApiError(503, "M550", f"server busy: {self.pending} extractions are running or waiting; "
                                        "try again shortly", headers={"Retry-After": "5"})
        if self._limiter is None:
            self._limiter = anyio.CapacityLimiter(self.slots)
        self.pending += 1
        try:
            return await anyio.to_thread.run_sync(self._run, target, args, limiter=self._limiter)
        finally:
            self.pending -= 1

    def warm(self) -> None:
        """Start one worker in the background, so the first request does not wait for it."""
        def start():
            try:
                self._give(Worker())
            except Exception:  # noqa: BLE001 - the first request starts one instead
                pass

        threading.Thread(target=start, daemon=True, name="marsad-warm").start()

    def close(self) -> None:
        with self._lock:
            idle, self.idle = self.idle, []
        for w in idle:
            w.kill()
