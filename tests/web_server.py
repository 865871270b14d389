"""Test helpers for the web app: a real uvicorn on a free loopback port, and a filled store.

``ServerThread(app)`` runs uvicorn in a thread of the test process (for the browser
tests and the small load smoke test); ``ServerProcess(db)`` runs ``marsad serve`` in
a child process (used by benchmarks/load_api.py, so client and server do not share
a GIL). ``fill_store(path)`` ingests the seed article and the dev articles with
fixed publication dates (fixture dates, so the timelines have an x axis).
"""
from __future__ import annotations

import datetime as dt
import os
import re
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT.parent / "shared" / "eval" / "docs" / "seed-alibaba-ai-ar.txt"
DEV = ROOT / "dev"
SCREENSHOTS = ROOT / "var" / "screenshots"


def seed_text() -> str:
    return SEED.read_text("utf-8")


def http_client(base_url: str = "", timeout: float = 600) -> "httpx.Client":
    """An httpx client that opens a new connection per request.

    A kept-alive connection can be closed by the server (idle or header deadline)
    just as the next request is written; httpx then fails that request with
    "Server disconnected without sending a response". That is correct HTTP, not a
    server bug, so the tests do not reuse connections.
    """
    import httpx

    return httpx.Client(base_url=base_url, timeout=timeout,
                        limits=httpx.Limits(max_keepalive_connections=0))


def free_socket(host: str = "127.0.0.1") -> socket.socket:
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind((host, 0))
    sock.listen(1024)
    return sock


class ServerThread:
    """uvicorn serving ``app`` on 127.0.0.1:<free port> in a daemon thread."""

    def __init__(self, app, log_level: str = "warning"):
        import uvicorn

        from marsad.api.server import config

        self.app = app
        self.sock = free_socket()
        self.port = self.sock.getsockname()[1]
        self.url = f"http://127.0.0.1:{self.port}"
        self.server = uvicorn.Server(config(app, log_level=log_level, timeout_graceful_shutdown=2))
        self.thread = threading.Thread(target=self.server.run, kwargs={"sockets": [self.sock]},
                                       daemon=True, name=f"uvicorn-{self.port}")

    def start(self, timeout: float = 300.0) -> "ServerThread":
        self.thread.start()
        deadline = time.monotonic() + timeout
        while not self.server.started:
            if not self.thread.is_alive() or time.monotonic() > deadline:
                raise RuntimeError(f"uvicorn did not start on {self.url}")
            time.sleep(0.02)
        return self

    def stop(self) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=10)
        self.sock.close()

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc):
        self.stop()


class ServerProcess:
    """``marsad serve --port 0`` in a child process; ``url`` is read from its first line."""

    def __init__(self, db: str, env: dict[str, str] | None = None, extra: list[str] | None = None):
        code = "import sys; from marsad.cli import main; sys.argv[0] = 'marsad'; main()"
        cmd = [sys.executable, "-c", code, "serve", "--port", "0", "--db", db, "--log-level", "warning",
               *(extra or [])]
        self.proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                                     env={**os.environ, **(env or {})})
        self.url = ""

    def start(self, timeout: float = 300.0) -> "ServerProcess":
        deadline = time.monotonic() + timeout
        line = self.proc.stdout.readline()
        m = re.search(r"http://[^\s/]+:\d+", line)
        if not m:
            self.stop()
            raise RuntimeError(f"marsad serve did not start: {line.strip()}")
        self.url = m.group(0)
        import httpx

        while time.monotonic() < deadline:
            try:
                if httpx.get(self.url + "/api/stats", timeout=2).status_code == 200:
                    return self
            except httpx.HTTPError:
                time.sleep(0.1)
        self.stop()
        raise RuntimeError("marsad serve did not answer in time")

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc):
        self.stop()


def dev_documents():
    """(Document) for the seed and every dev article, with fixture dates and first-line titles."""
    from marsad.model import Document

    docs = [Document(doc_id="seed-alibaba-ai-ar", text=seed_text(), title="علي بابا ترفع استثماراتها "
                     "في الذكاء الاصطناعي", source="shared/eval/docs", published_at="2025-09-24")]
    day = dt.date(2025, 1, 6)
    for lang in ("en", "ar"):
        for i, path in enumerate(sorted((DEV / lang / "docs").glob("*.txt"))):
            text = path.read_text("utf-8")
            title = text.strip().splitlines()[0][:200]
            date = day + dt.timedelta(days=23 * i + (11 if lang == "ar" else 0))
            docs.append(Document(doc_id=path.stem, text=text, title=title, source=f"dev/{lang}",
                                 published_at=date.isoformat()))
    return docs


def fill_store(path: str) -> dict[str, int]:
    """Ingest the seed and the dev articles into the store at ``path``; {doc_id: id}."""
    import marsad
    from marsad.store import open_store

    ids = {}
    with open_store(path) as store:
        for doc in dev_documents():
            ids[doc.doc_id] = store.add_facts(doc, marsad.extract_document(doc))
    return ids


def check_nesting(html: str) -> list[str]:
    """Check that the tags of ``html`` nest properly; returns the opened tags' data-fid values."""
    from html.parser import HTMLParser

    opened, stack = [], []

    class P(HTMLParser):
        def handle_starttag(self, tag, attrs):
            stack.append(tag)
            opened.append(dict(attrs).get("data-fid"))

        def handle_endtag(self, tag):
            assert stack and stack.pop() == tag, f"</{tag}> does not close the innermost element"

    P().feed(html)
    assert not stack
    return opened
