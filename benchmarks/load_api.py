"""Load test for POST /api/extract: N concurrent clients for T seconds on loopback.

    python benchmarks/load_api.py                      # 100 clients x 30 s, own server
    python benchmarks/load_api.py --clients 20 --duration 5
    python benchmarks/load_api.py --url http://127.0.0.1:8000   # an already running marsad serve

Bounded on purpose: at most 100 clients and 30 seconds, and only loopback targets.
Without --url it starts ``marsad serve`` on a free loopback port in a child process
(its own interpreter, so client and server do not share a GIL) over a throwaway
store. Every client posts the seed article (shared/eval/docs) as JSON, again and
again. Prints requests/s, latency percentiles, errors, and the requests the server shed with
503 + Retry-After when its queue was full (MARSAD_API_MAX_PENDING; those clients wait as told
and are not errors); never asserts on speed.
"""
from __future__ import annotations

import argparse
import asyncio
import json
import os
import re
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from urllib.parse import urlparse

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT.parent / "shared" / "eval" / "docs" / "seed-alibaba-ai-ar.txt"
MAX_CLIENTS, MAX_SECONDS = 100, 30.0


def start_server(db: str) -> tuple[subprocess.Popen, str]:
    code = "import sys; from marsad.cli import main; sys.argv[0] = 'marsad'; main()"
    env = {k: v for k, v in os.environ.items() if k != "MARSAD_API_TOKEN"}
    proc = subprocess.Popen([sys.executable, "-c", code, "serve", "--host", "127.0.0.1", "--port", "0",
                             "--db", db, "--log-level", "warning"],
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env=env)
    line = proc.stdout.readline()
    m = re.search(r"http://127\.0\.0\.1:\d+", line)
    if not m:
        proc.kill()
        sys.exit(f"load_api: [M503] marsad serve did not start: {line.strip()}")
    # keep reading the server's output, so a full pipe can never stall it
    threading.Thread(target=lambda: [None for _ in proc.stdout], daemon=True).start()
    return proc, m.group(0)


async def wait_ready(url: str, timeout: float = 60.0) -> None:
    import httpx

    deadline = time.monotonic() + timeout
    async with httpx.AsyncClient(base_url=url) as c:
        while time.monotonic() < deadline:
            try:
                if (await c.get("/api/stats")).status_code == 200:
                    return
            except httpx.HTTPError:
                pass
            await asyncio.sleep(0.1)
    sys.exit("load_api: [M503] server not ready in time")


async def run(url: str, clients: int, seconds: float, body: bytes) -> dict:
    import httpx

    latencies: list[float] = []
    errors: dict[str, int] = {}
    shed = [0]  # 503 M550: the server's queue was full and it said so at once (by design)
    # keep-alive expiry below uvicorn's 5 s, so the client never reuses a connection the
    # server is closing at that moment
    limits = httpx.Limits(max_connections=clients, max_keepalive_connections=clients, keepalive_expiry=3.0)
    headers = {"content-type": "application/json"}
    async with httpx.AsyncClient(base_url=url, limits=limits, timeout=60.0) as c:
        await c.post("/api/extract", content=body, headers=headers)  # warm up the pipeline
        start = time.monotonic()
        deadline = start + seconds

        async def client() -> None:
            while time.monotonic() < deadline:
                t0 = time.perf_counter()
                try:
                    r = await c.post("/api/extract", content=body, headers=headers)
                    await r.aread()
                    if r.status_code == 200:
                        latencies.append(time.perf_counter() - t0)
                    elif r.status_code == 503 and r.json().get("code") == "M550":
                        shed[0] += 1
                        await asyncio.sleep(float(r.headers.get("retry-after", "1")))
                    else:
                        errors[f"HTTP {r.status_code}"] = errors.get(f"HTTP {r.status_code}", 0) + 1
                except httpx.HTTPError as e:
                    errors[type(e).__name__] = errors.get(type(e).__name__, 0) + 1

        await asyncio.gather(*(client() for _ in range(clients)))
        elapsed = time.monotonic() - start
    lat = sorted(latencies)

    def pct(p: float) -> float:
        return lat[min(len(lat) - 1, int(p / 100 * len(lat)))] * 1000 if lat else float("nan")

    return {"clients": clients, "seconds": round(elapsed, 2),
            "requests": len(lat) + sum(errors.values()) + shed[0], "ok": len(lat), "busy_503": shed[0],
            "errors": sum(errors.values()), "error_kinds": errors,
            "requests_per_s": round(len(lat) / elapsed, 1) if elapsed else 0.0,
            "p50_ms": round(pct(50), 1), "p90_ms": round(pct(90), 1), "p99_ms": round(pct(99), 1),
            "max_ms": round(lat[-1] * 1000, 1) if lat else None, "body_bytes": len(body)}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--clients", type=int, default=100, help=f"concurrent clients (1-{MAX_CLIENTS})")
    ap.add_argument("--duration", type=float, default=30.0, help=f"seconds (at most {MAX_SECONDS:g})")
    ap.add_argument("--url", help="a running server on loopback (default: start one)")
    ap.add_argument("--json", action="store_true", help="print the figures as one JSON object")
    a = ap.parse_args(argv)
    if not 1 <= a.clients <= MAX_CLIENTS or not 0 < a.duration <= MAX_SECONDS:
        ap.error(f"[M504] bounded: --clients 1..{MAX_CLIENTS}, --duration up to {MAX_SECONDS:g} s")
    if a.url:
        host = urlparse(a.url).hostname or ""
        if host not in ("127.0.0.1", "localhost", "::1"):
            ap.error(f"[M505] loopback targets only, not {host!r}")
    body = json.dumps({"text": SEED.read_text("utf-8")}, ensure_ascii=False).encode()
    proc = None
    with tempfile.TemporaryDirectory(prefix="marsad-load-") as tmp:
        url = a.url
        if not url:
            proc, url = start_server(str(Path(tmp) / "load.duckdb"))
        try:
            asyncio.run(wait_ready(url))
            res = asyncio.run(run(url, a.clients, a.duration, body))
        finally:
            if proc is not None:
                proc.terminate()
                proc.wait(timeout=15)
    if a.json:
        print(json.dumps(res))
    else:
        print(f"POST /api/extract (seed, {res['body_bytes']:,} bytes) on {url}: {res['clients']} clients "
              f"for {res['seconds']} s")
        print(f"  requests {res['requests']:,}  ok {res['ok']:,}  busy (503, Retry-After) {res['busy_503']}  "
              f"errors {res['errors']} {res['error_kinds'] or ''}")
        print(f"  throughput {res['requests_per_s']} requests/s")
        print(f"  latency p50 {res['p50_ms']} ms  p90 {res['p90_ms']} ms  p99 {res['p99_ms']} ms  "
              f"max {res['max_ms']} ms")
    return 1 if res["errors"] else 0


if __name__ == "__main__":
    sys.exit(main())
