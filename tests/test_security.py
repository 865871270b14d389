"""Hardening (issue 12): each check makes the real request, against a running server or the CLI.

- ``marsad sql`` reads the store only (DuckDB: no file functions; PostgreSQL: a role
  without file access, file functions refused);
- the Host header must name the server (DNS rebinding);
- synchronous extraction is bounded: a size limit, a queue limit (503 + Retry-After),
  and a time budget; long stored documents are shown in parts;
- write tokens: at least 32 characters, ``marsad serve --new-token``;
- slow clients: header and body deadlines;
- smaller leaks: LIKE wildcards, paths in /api/stats and on pages, long upload names,
  the OpenAPI spec, HEAD.
"""
from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import threading
import time

import httpx
import pytest

from web_server import ServerProcess, ServerThread, http_client

CLI = [sys.executable, "-c", "from marsad.cli import main; main()"]
TOKEN = "x" * 40
# Generous limits: hang guards on a busy 2-core machine, never a speed test.
http = http_client()


def run_cli(*args, env=None):
    return subprocess.run(CLI + list(args), capture_output=True, text=True, timeout=600,
                          env={**os.environ, **(env or {})})


def wait_until(cond, what: str, limit: float = 300.0) -> None:
    """Poll ``cond`` until true; the limit only guards against a hang."""
    deadline = time.monotonic() + limit
    while not cond():
        assert time.monotonic() < deadline, f"gave up waiting for {what}"
        time.sleep(0.02)


def sample_store(path: str, extra=()) -> dict[str, int]:
    from conftest import sample_corpus

    from marsad.store import open_store

    ids = {}
    with open_store(path) as s:
        for d, f in [*sample_corpus(), *extra]:
            ids[d.doc_id] = s.add_facts(d, f)
    return ids


# -- 1. marsad sql reads the store only ----------------------------------------------------
FILE_READS = ["SELECT * FROM read_text('/etc/passwd')", "SELECT * FROM read_blob('/etc/hostname')",
              "SELECT * FROM read_csv('/etc/passwd')", "SELECT * FROM glob('/etc/*')",
              "SELECT * FROM read_parquet('/tmp/*.parquet')"]


@pytest.fixture(scope="module")
def sample_db(tmp_path_factory):
    path = str(tmp_path_factory.mktemp("sec") / "s.duckdb")
    sample_store(path)
    return path


@pytest.mark.parametrize("query", FILE_READS)
def test_sql_on_duckdb_cannot_read_files(sample_db, query):
    r = run_cli("sql", query, "--db", sample_db, "-f", "json")
    assert r.returncode == 2 and r.stderr.startswith("marsad: [M306]"), r.stderr
    assert "root:" not in r.stdout + r.stderr and "Traceback" not in r.stderr


def test_sql_on_duckdb_cannot_unlock_itself_or_attach(sample_db, tmp_path):
    for q in ("SET enable_external_access = true", f"ATTACH '{tmp_path}/other.duckdb' AS o",
              "SELECT * FROM documents; SELECT * FROM read_text('/etc/passwd')"):
        r = run_cli("sql", q, "--db", sample_db)
        assert r.returncode == 2 and "[M306]" in r.stderr, (q, r.stderr)


def test_sql_explain_works_with_and_without_a_limit(sample_db):
    for extra in ([], ["--limit", "5"]):
        r = run_cli("sql", "EXPLAIN SELECT doc_id FROM documents", "--db", sample_db, "-f", "json", *extra)
        assert r.returncode == 0, r.stderr
        assert json.loads(r.stdout) and "explain" in r.stdout.lower()
    r = run_cli("sql", "SELECT doc_id FROM documents ORDER BY doc_id", "--db", sample_db, "-f", "csv", "-n", "2")
    assert r.stdout.split() == ["doc_id", "ali-1", "ali-2"]


@pytest.mark.postgres
def test_sql_on_postgres_runs_without_file_access(pg_server):
    from marsad.store import open_store

    url = pg_server.new_database()
    try:
        sample_store(url)
        refused = ["SELECT pg_read_file('/etc/passwd')", 'SELECT "PG_READ_FILE"(\'/etc/passwd\')',
                   "SELECT pg_catalog.pg_read_binary_file('/etc/passwd')", "SELECT pg_ls_dir('/')",
                   "SELECT lo_import('/etc/passwd')", "SELECT set_config('role', 'postgres', true)",
                   "SELECT query_to_xml('select 1', true, false, '')", 'SELECT U&"\\0070g_ls_dir"(\'/\')']
        for q in refused:
            r = run_cli("sql", q, "--db", url)
            assert r.returncode == 2 and "[M306]" in r.stderr, (q, r.stderr)
            assert "root:" not in r.stdout
        # the guard behind the names: the statement runs as a role that cannot read files
        r = run_cli("sql", "SELECT current_user AS who, r.rolsuper AS super, pg_has_role("
                           "'pg_read_server_files', 'MEMBER') AS files, (SELECT COUNT(*) FROM documents) AS docs "
                           "FROM pg_roles r WHERE r.rolname = current_user", "--db", url, "-f", "json")
        assert r.returncode == 0, r.stderr
        assert json.loads(r.stdout) == [{"who": "marsad_reader", "super": False, "files": False, "docs": 5}]
        r = run_cli("sql", "EXPLAIN SELECT * FROM documents", "--db", url, "-f", "json", "-n", "3")
        assert r.returncode == 0 and "QUERY PLAN" in r.stdout, r.stderr
        with open_store(url) as s:  # the store's own connection keeps its rights
            assert s.query("SELECT current_user").rows[0][0] != "marsad_reader"
    finally:
        pg_server.drop_database(url)


# -- 2. allowed hosts ----------------------------------------------------------------------
@pytest.fixture(scope="module")
def hosted(tmp_path_factory):
    from marsad.api import create_app

    path = str(tmp_path_factory.mktemp("hosts") / "h.duckdb")
    sample_store(path)
    app = create_app(path, token="", allowed_hosts=["news.example.org"], extract_max_bytes=8 * 1024)
    with ServerThread(app) as srv:
        yield srv


@pytest.mark.parametrize("method,path", [("GET", "/"), ("GET", "/api/stats"), ("GET", "/static/css/marsad.css"),
                                         ("POST", "/api/documents"), ("POST", "/api/extract"),
                                         ("GET", "/openapi.json"), ("GET", "/nowhere")])
def test_other_host_names_get_400_on_every_route(hosted, method, path):
    for host in ("evil.example", "evil.example:80", "127.0.0.1.evil.example", "[::2]"):
        r = http.request(method, hosted.url + path, headers={"Host": host}, json={"text": "Nvidia rose 3%"})
        assert r.status_code == 400, (host, path, r.status_code)
        assert "M508" in r.text


def test_own_names_are_served(hosted):
    for host in (f"127.0.0.1:{hosted.port}", f"localhost:{hosted.port}", "localhost", "news.example.org",
                 f"NEWS.example.org:{hosted.port}"):
        r = http.get(hosted.url + "/api/stats", headers={"Host": host})
        assert r.status_code == 200, host


def test_a_rebound_page_cannot_write(hosted):
    """DNS rebinding: evil.example now resolves to 127.0.0.1, and its page posts with its own
    Origin and Host. The Host check refuses it before the Origin check is even needed."""
    r = http.post(hosted.url + "/api/documents", json={"text": "Nvidia rose 3% on Monday."},
                   headers={"Host": "evil.example", "Origin": "http://evil.example"})
    assert r.status_code == 400 and r.json()["code"] == "M508"


# -- 3. one request cannot stall everyone ----------------------------------------------------
def test_extract_has_its_own_smaller_size_limit(hosted):
    text = "Nvidia shares rose 3% to $120 on Monday, the company said. " * 200  # ~12 KB > 8 KB
    r = http.post(hosted.url + "/api/extract", json={"text": text}, timeout=120)
    assert r.status_code == 413 and r.json()["code"] == "M513"
    assert "/api/documents" in r.json()["error"]
    r = http.post(hosted.url + "/read", data={"text": text}, timeout=120)
    assert r.status_code == 413 and "[M513]" in r.text
    r = http.post(hosted.url + "/api/documents", json={"text": text}, timeout=300)  # the ingest limit
    assert r.status_code == 201, r.text


@pytest.fixture
def one_slot(tmp_path, monkeypatch):
    """A server with one extraction slot, one pending request at most, and a 2 s budget."""
    from marsad.api import create_app

    monkeypatch.setenv("MARSAD_API_MAX_PENDING", "1")
    monkeypatch.setenv("MARSAD_API_EXTRACT_SECONDS", "2")
    with ServerThread(create_app(str(tmp_path / "w.duckdb"), token="")) as srv:
        r = http.post(srv.url + "/api/extract", json={"text": "Nvidia rose 3%"}, timeout=300)
        assert r.status_code == 200  # the worker process is up
        yield srv, srv.app.state.workers


def test_full_queue_gets_503_with_retry_after(one_slot):
    srv, pool = one_slot
    (worker,) = pool.idle
    os.kill(worker.pid, signal.SIGSTOP)  # the running extraction cannot finish until we say so
    first = {}
    t = threading.Thread(target=lambda: first.update(r=http.post(
        srv.url + "/api/extract", json={"text": "Alibaba rose 5%"}, timeout=300)))
    try:
        pool.budget = 600.0
        t.start()
        wait_until(lambda: pool.pending == 1, "the first request to be in the pool")
        r = http.post(srv.url + "/api/extract", json={"text": "Tencent fell 2%"}, timeout=60)
        assert r.status_code == 503 and r.json()["code"] == "M550"
        assert int(r.headers["retry-after"]) > 0
        assert http.get(srv.url + "/api/stats", timeout=60).status_code in (200, 503)  # reads still answer
    finally:
        os.kill(worker.pid, signal.SIGCONT)
        t.join(300)
    assert first["r"].status_code == 200


def test_extraction_over_its_time_budget_is_stopped(one_slot):
    srv, pool = one_slot
    (worker,) = pool.idle
    os.kill(worker.pid, signal.SIGSTOP)  # it cannot finish within any budget
    r = http.post(srv.url + "/api/extract", json={"text": "Alibaba rose 5%"}, timeout=300)
    assert r.status_code == 503 and r.json()["code"] == "M516"
    assert "time budget" in r.json()["error"]
    assert not worker.proc.is_alive() and pool.killed == 1  # the CPU is free again
    pool.budget = 600.0
    r = http.post(srv.url + "/api/extract", json={"text": "Alibaba rose 5%"}, timeout=300)
    assert r.status_code == 200 and r.json()["quantities"]
    assert pool.idle[0].pid != worker.pid


def test_long_stored_document_is_shown_in_parts(tmp_path):
    from marsad.api import create_app
    from marsad.model import Document, Facts, Quantity
    from marsad.web.view import PART_CHARS

    line = "Nvidia shares rose 3% on the day, and the market followed closely.\n"
    text = line * (3 * PART_CHARS // len(line) + 10)  # a bit over three parts
    f = Facts(doc_id="long", lang="en", text=text, extractors={"t": "1"})
    for i in range(0, len(text), len(line)):
        s = i + line.index("3%")
        f.quantities.append(Quantity("percent", 3.0, "%", s, s + 2, "3%", extractor="t"))
    ids = sample_store(str(tmp_path / "long.duckdb"), [(Document("long", text, "en", title="Long"), f)])
    with ServerThread(create_app(str(tmp_path / "long.duckdb"), token="")) as srv:
        r = http.get(f"{srv.url}/documents/{ids['long']}", timeout=300)
        assert r.status_code == 200 and "Part 1 of 4" in r.text and 'rel="next"' in r.text
        assert len(r.text) < 60 * PART_CHARS  # a part, not the whole document
        last = http.get(f"{srv.url}/documents/{ids['long']}", params={"part": 4}, timeout=300)
        assert "Part 4 of 4" in last.text and 'rel="prev"' in last.text and 'rel="next"' not in last.text
        import re

        article = last.text[last.text.index('<article'):last.text.index('</article>')]
        spans = re.findall(r'data-fid="(q\d+)"[^>]*>([^<]*)<', article)
        assert spans and all(t == "3%" for _, t in spans), [x for x in spans if x[1] != "3%"][:5]


# -- 4. write tokens -------------------------------------------------------------------------
def test_short_tokens_are_refused():
    from marsad.api import create_app
    from marsad.errors import MarsadError

    with pytest.raises(MarsadError) as e:
        create_app("/nonexistent/x.duckdb", token="s3cret")
    assert e.value.code == "M503"
    r = run_cli("serve", "--db", "/nonexistent/x.duckdb", env={"MARSAD_API_TOKEN": "a" * 31})
    assert r.returncode == 2 and r.stderr.startswith("marsad: [M503]") and "--new-token" in r.stderr


def test_new_token_prints_a_long_random_one():
    a, b = run_cli("serve", "--new-token"), run_cli("serve", "--new-token")
    assert a.returncode == 0 and len(a.stdout.strip()) >= 32 and a.stdout != b.stdout
    r = run_cli("serve", "--host", "0.0.0.0", "--db", "/nonexistent/x.duckdb",
                env={"MARSAD_API_TOKEN": ""})
    assert r.returncode == 2 and "[M501]" in r.stderr and "--new-token" in r.stderr


def test_tokens_are_compared_in_constant_time(tmp_path):
    import inspect

    from marsad.api import create_app, security

    assert "hmac.compare_digest" in inspect.getsource(security.require_writer)
    with ServerThread(create_app(str(tmp_path / "t.duckdb"), token=TOKEN)) as srv:
        for wrong in ("y" * 40, "x" * 39, "x" * 41, "-"):
            r = http.post(srv.url + "/api/documents", json={"text": "Nvidia rose 3%"},
                           headers={"Authorization": f"Bearer {wrong}"}, timeout=300)
            assert r.status_code in (401, 403) and r.json()["code"] == "M510", wrong


# -- 5. slow clients -------------------------------------------------------------------------
@pytest.fixture(scope="module")
def served(tmp_path_factory):
    path = str(tmp_path_factory.mktemp("slow") / "s.duckdb")
    sample_store(path)
    env = {"MARSAD_API_HEADER_SECONDS": "1", "MARSAD_API_BODY_SECONDS": "1", "MARSAD_API_TOKEN": ""}
    with ServerProcess(path, env=env) as srv:
        yield srv


def _connect(url: str) -> socket.socket:
    host, port = url.removeprefix("http://").rsplit(":", 1)
    s = socket.create_connection((host, int(port)), timeout=120)
    return s


def _read_all(s: socket.socket) -> bytes:
    out = b""
    while True:
        chunk = s.recv(65536)  # blocks until the server answers or closes; timeout only for hangs
        if not chunk:
            return out
        out += chunk


def test_half_sent_headers_are_cut_off(served):
    s = _connect(served.url)
    try:
        s.sendall(b"GET /api/stats HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ")
        assert _read_all(s) == b""  # closed by the server, long before the socket's own timeout
    finally:
        s.close()


def test_half_sent_body_gets_408(served):
    s = _connect(served.url)
    try:
        s.sendall(b"POST /api/extract HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                  b"Content-Length: 1000\r\n\r\n{\"text\": \"Nvidia")
        reply = _read_all(s)
    finally:
        s.close()
    assert reply.startswith(b"HTTP/1.1 408") and b"M512" in reply
    assert http.get(served.url + "/api/stats", timeout=60).status_code == 200


# -- 6. smaller leaks and mismatches -----------------------------------------------------------
def test_search_wildcards_are_literal(hosted):
    assert http.get(hosted.url + "/api/documents", params={"q": "%"}).json() == []
    assert http.get(hosted.url + "/api/documents", params={"q": "_"}).json() == []
    assert http.get(hosted.url + "/api/companies", params={"q": "%"}).json() == []
    assert http.get(hosted.url + "/api/companies", params={"q": "_"}).json() == []
    assert [d["doc_id"] for d in http.get(hosted.url + "/api/documents", params={"q": "ali-1"}).json()] == ["ali-1"]
    assert http.get(hosted.url + "/api/companies", params={"q": "ibab"}).json()[0]["name"] == "Alibaba Group"


def test_no_server_paths_in_stats_or_pages(tmp_path):
    from marsad.api import create_app
    from marsad.model import Document, Facts

    secret_dir = str(tmp_path / "private-folder-x9")
    doc = Document("mine", "Baidu shares rose 1% today.", "en", source=f"{secret_dir}/news/mine.txt",
                   title="Mine")
    ids = sample_store(str(tmp_path / "p.duckdb"), [(doc, Facts("mine", "en", doc.text))])
    with ServerThread(create_app(str(tmp_path / "p.duckdb"), token="")) as srv:
        stats = http.get(srv.url + "/api/stats").text
        page = http.get(f"{srv.url}/documents/{ids['mine']}").text
        listing = http.get(f"{srv.url}/documents").text
    assert str(tmp_path) not in stats and "database" not in json.loads(stats)
    assert secret_dir not in page and "mine.txt" in page
    assert secret_dir not in listing


def test_store_errors_do_not_name_the_database_path(tmp_path):
    from marsad.api import create_app

    bad = tmp_path / "private-folder-x9" / "broken.duckdb"
    bad.parent.mkdir()
    bad.write_bytes(b"this is not a duckdb file" * 100)
    with ServerThread(create_app(str(bad), token="")) as srv:
        r = http.get(srv.url + "/api/stats")
        page = http.get(srv.url + "/companies")
    assert r.status_code in (500, 503) and r.json()["code"].startswith("M3")
    assert "private-folder-x9" not in r.text and "private-folder-x9" not in page.text
    assert "the store" in r.json()["error"]


def test_long_upload_names_make_capped_doc_ids(hosted):
    name = "n" * 400 + ".txt"
    r = http.post(hosted.url + "/api/documents", files={"file": (name, b"Baidu rose 2% on Tuesday.", "text/plain")},
                   timeout=300)
    assert r.status_code == 201, r.text
    assert r.json()["doc_id"] == "n" * 200


def test_spec_is_complete_and_says_uploads_are_text(hosted):
    spec = http.get(hosted.url + "/openapi.json").json()
    refs = set()

    def walk(x):
        if isinstance(x, dict):
            if "$ref" in x:
                refs.add(x["$ref"].rsplit("/", 1)[-1])
            for v in x.values():
                walk(v)
        elif isinstance(x, list):
            for v in x:
                walk(v)

    walk(spec)
    assert "ArticleIn" in refs and refs <= set(spec["components"]["schemas"])
    body = spec["paths"]["/api/extract"]["post"]["requestBody"]["content"]["multipart/form-data"]
    assert body["schema"]["properties"]["file"].get("format") != "binary"
    assert body["schema"]["properties"]["file"]["contentMediaType"] == "text/plain"


def test_head_is_answered_like_get(hosted):
    for path in ("/", "/api/stats", "/investments", "/static/css/marsad.css", "/openapi.json"):
        get = http.get(hosted.url + path)
        head = http.head(hosted.url + path)
        assert head.status_code == get.status_code == 200, path
        assert head.content == b"" and head.headers["content-type"] == get.headers["content-type"]
    assert http.head(hosted.url + "/nowhere").status_code == 404
