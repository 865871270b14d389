"""The REST API over a real uvicorn on loopback, with httpx: contract, limits, auth, safety."""
from __future__ import annotations

import json
from concurrent.futures import ThreadPoolExecutor

import httpx
import pytest

from web_server import ServerThread, check_nesting, fill_store, http_client, seed_text

TOKEN = "test-token-0123456789-abcdefghijklmnop"


@pytest.fixture(scope="module")
def store_path(tmp_path_factory):
    path = str(tmp_path_factory.mktemp("api") / "api.duckdb")
    fill_store(path)
    return path


@pytest.fixture(scope="module")
def server(store_path):
    from marsad.api import create_app

    with ServerThread(create_app(store_path, token="", max_bytes=256 * 1024)) as srv:
        yield srv


@pytest.fixture(scope="module")
def client(server):
    with http_client(server.url) as c:
        yield c


@pytest.fixture(scope="module")
def secured(tmp_path_factory):
    from marsad.api import create_app

    path = str(tmp_path_factory.mktemp("api-token") / "t.duckdb")
    with ServerThread(create_app(path, token=TOKEN)) as srv, http_client(srv.url) as c:
        yield c


def _ok_grounded(text: str, facts: dict) -> None:
    assert all(text[q["start"]:q["end"]] == q["text"] for q in facts["quantities"])
    assert all(0 <= s < t <= len(text) for e in facts["entities"] for s, t in e["mentions"])


# -- /api/extract ------------------------------------------------------------------------
def test_extract_seed_json_follows_the_contract(client):
    seed = seed_text()
    r = client.post("/api/extract", json={"text": seed})
    assert r.status_code == 200 and r.headers["content-type"].startswith("application/json")
    d = r.json()
    assert d["lang"] == "ar" and {"doc_id", "quantities", "entities", "events", "extractors"} <= set(d)
    money = {(q["value"], q["unit"]) for q in d["quantities"] if q["kind"] == "money"}
    assert (50_000_000_000, "USD") in money and (380_000_000_000, "CNY") in money
    cny = next(q for q in d["quantities"] if q["unit"] == "CNY" and q.get("fx", {}).get("method") == "stated")
    assert cny["usd"] == 53_000_000_000 and cny["fx"]["rate"] > 0
    assert any(e["name"] == "Alibaba Group" and e["type"] == "ORG" for e in d["entities"])
    assert any(ev["type"] == "stock_move" and ev["args"]["change_pct"] == 6.34 for ev in d["events"])
    assert "text" not in d and d.get("key_points")
    _ok_grounded(seed, d)


def test_extract_accepts_plain_text_and_file_upload_alike(client):
    seed = seed_text()
    as_json = client.post("/api/extract", json={"text": seed, "include_text": True}).json()
    assert as_json["text"] == seed
    plain = client.post("/api/extract", content=seed.encode(), headers={"content-type": "text/plain"}).json()
    upload = client.post("/api/extract", files={"file": ("seed.txt", seed.encode(), "text/plain")},
                         data={"lang": "ar"})
    assert upload.status_code == 200
    up = upload.json()
    assert up["doc_id"] == "seed"
    for other in (plain, up):
        assert len(other["quantities"]) == len(as_json["quantities"])
        assert len(other["events"]) == len(as_json["events"])


def test_extract_reduces_an_html_upload_to_its_text(client):
    html = ("<!doctype html><html><head><title>Chips</title></head><body><nav>menu</nav><article><p>"
            "Nvidia said on Wednesday it would invest $5 billion in Intel, and Intel shares rose 23 percent "
            "in early trading after the announcement by the chip maker.</p></article></body></html>")
    r = client.post("/api/extract", files={"file": ("story.html", html.encode(), "text/html")},
                    data={"include_text": "true"})
    assert r.status_code == 200, r.text
    d = r.json()
    assert "<p>" not in d["text"] and "Nvidia" in d["text"]
    assert any(q["unit"] == "USD" and q["value"] == 5e9 for q in d["quantities"])
    _ok_grounded(d["text"], d)


@pytest.mark.parametrize("body,ctype,code,words", [
    (b'{"text": "Nvidia rose 3%"', "application/json", "M522", "malformed JSON"),
    (b'{"txt": "Nvidia rose 3%"}', "application/json", "M522", "text"),
    (b'{"text": "Nvidia", "lang": "fr"}', "application/json", "M522", "lang"),
    (b'{"text": "   "}', "application/json", "M105", "empty"),          # the reader's codes, no regex
    (b'{"text": "Nvidia\\u0000 rose"}', "application/json", "M106", "NUL"),
    (b'["text"]', "application/json", "M522", "invalid request"),
    (b"", "application/json", "M522", "empty request body"),
    (b"\xff\xfe\x00\x00bad", "text/plain", "M106", "binary"),
    (b"caf\xe9 au lait", "text/plain", "M107", "UTF-8"),
])
def test_bad_requests_get_a_clear_422(client, body, ctype, code, words):
    r = client.post("/api/extract", content=body, headers={"content-type": ctype})
    assert r.status_code == 422, r.text
    assert r.json()["code"] == code and words in r.json()["error"] and "Traceback" not in r.text
    assert "^[" not in r.json()["error"]


def test_unsupported_content_type_is_415(client):
    r = client.post("/api/extract", content=b"<x/>", headers={"content-type": "application/xml"})
    assert r.status_code == 415 and r.json()["code"] == "M515"


@pytest.mark.parametrize("how", ["json", "multipart", "chunked"])
def test_bodies_over_the_limit_get_a_clear_413(client, how):
    big = "نص " * 200_000  # ~1 MB of UTF-8; the test server's limit is 256 KB
    if how == "json":
        r = client.post("/api/extract", json={"text": big})
    elif how == "multipart":
        r = client.post("/api/extract", files={"file": ("big.txt", big.encode(), "text/plain")})
    else:
        r = client.post("/api/extract", content=(big[i:i + 50_000].encode() for i in range(0, len(big), 50_000)),
                        headers={"content-type": "text/plain"})
    assert r.status_code == 413 and r.json()["code"] == "M513" and "limit" in r.json()["error"]


# -- writes and the token ----------------------------------------------------------------
def test_writes_need_the_bearer_token_when_one_is_set(secured):
    doc = {"text": "Microsoft will spend $80 billion on AI data centers in fiscal 2025, the company said.",
           "title": "Microsoft capex", "published_at": "2025-01-03"}
    r = secured.post("/api/documents", json=doc)
    assert r.status_code == 401 and r.json()["code"] == "M510"
    assert r.headers["www-authenticate"] == "Bearer"
    r = secured.post("/api/documents", json=doc, headers={"Authorization": "Bearer wrong"})
    assert r.status_code == 401
    auth = {"Authorization": f"Bearer {TOKEN}"}
    first = secured.post("/api/documents", json=doc, headers=auth)
    assert first.status_code == 201, first.text
    again = secured.post("/api/documents", json=doc, headers=auth)
    assert again.status_code == 200 and again.json()["created"] is False
    assert again.json()["id"] == first.json()["id"]
    # a browser page elsewhere cannot post into the store, token or not
    r = secured.post("/api/documents", json=doc, headers={**auth, "Origin": "http://evil.example"})
    assert r.status_code == 403 and r.json()["code"] == "M511"
    # reads and extraction stay open
    assert secured.get(first.json()["url"]).json()["title"] == "Microsoft capex"
    assert secured.post("/api/extract", json={"text": doc["text"]}).status_code == 200


def test_ingest_without_token_server_and_read_back(client):
    text = "Tencent shares fell 2.5 percent to 410 Hong Kong dollars on Tuesday after results."
    r = client.post("/api/documents", files={"file": ("tencent.txt", text.encode(), "text/plain")},
                    data={"title": "Tencent falls", "published_at": "2025-03-19"})
    assert r.status_code == 201, r.text
    d = client.get(r.headers["location"]).json()
    assert d["text"] == text and d["doc_id"] == "tencent" and d["published_on"] == "2025-03-19"
    assert client.get(f"/api/documents/{d['doc_id']}").json()["id"] == d["id"]


# -- reads -------------------------------------------------------------------------------
def test_documents_list_and_one_document(client):
    docs = client.get("/api/documents", params={"limit": 100}).json()
    assert len(docs) >= 21 and all("text" not in d for d in docs)
    seed = next(d for d in docs if d["doc_id"] == "seed-alibaba-ai-ar")
    one = client.get(f"/api/documents/{seed['id']}").json()
    assert one["text"] == seed_text()
    _ok_grounded(one["text"], one["facts"])
    assert client.get("/api/documents", params={"lang": "ar", "limit": 5}).json()[0]["lang"] == "ar"


def test_unknown_things_are_coded_404s(client):
    for url in ("/api/documents/999", "/api/entities/No Such Company Ltd", "/api/nowhere"):
        r = client.get(url)
        assert r.status_code == 404 and r.json()["code"] == "M540", url


def test_entity_by_alias_as_written(client):
    r = client.get("/api/entities/علي بابا")
    assert r.status_code == 200
    e = r.json()
    assert e["name"] == "Alibaba Group" and "علي بابا" in e["aliases"] and e["documents"] >= 1


def test_events_filters(client):
    evs = client.get("/api/events", params={"type": "stock_move", "subject": "Alibaba Group",
                                            "since": "2025-01-01"}).json()
    assert evs and all(e["type"] == "stock_move" and e["subject"] == "Alibaba Group" for e in evs)
    assert 6.34 in {e["change_pct"] for e in evs}
    assert client.get("/api/events", params={"since": "2099-01-01"}).json() == []
    bad = client.get("/api/events", params={"since": "last tuesday"})
    assert bad.status_code == 422 and bad.json()["code"] == "M522" and "since" in bad.json()["error"]
    assert client.get("/api/events", params={"limit": 0}).status_code == 422


def test_stats_and_analyst_views(client):
    s = client.get("/api/stats").json()
    assert s["documents"] >= 21 and s["languages"]["ar"] >= 11
    board = client.get("/api/investments", params={"by_company": True}).json()
    assert board and board[0]["total_usd"] >= board[-1]["total_usd"]
    c = client.get("/api/companies/Alibaba Group").json()
    assert c["name"] == "Alibaba Group" and c["timeline"]


def test_ingest_and_read_on_each_engine(store_url):
    """The same API over DuckDB and PostgreSQL (``store_url`` from conftest)."""
    from marsad.api import create_app

    with ServerThread(create_app(store_url, token="")) as srv, http_client(srv.url) as c:
        r = c.post("/api/documents", json={"text": seed_text(), "title": "seed", "published_at": "2025-09-24"})
        assert r.status_code == 201, r.text
        assert c.get(r.json()["url"]).json()["text"] == seed_text()
        assert 6.34 in {m["change_pct"] for m in c.get("/api/moves").json()}
        assert c.get("/companies/Alibaba%20Group").status_code == 200
        assert c.get("/search", params={"q": "علي بابا"}).status_code == 200


# -- safety ------------------------------------------------------------------------------
EVIL = 'Nvidia <script>window.__pwned=1</script> rose 5% to $120 "><img src=x onerror=alert(1)> today.'


def test_article_text_is_always_escaped(client):
    r = client.post("/read", data={"text": EVIL})
    assert r.status_code == 200
    html = r.text
    assert "<script>window" not in html and "&lt;script&gt;window.__pwned=1&lt;/script&gt;" in html
    assert "<img src=x" not in html and "&lt;img src=x onerror=alert(1)&gt;" in html
    stored = client.post("/api/documents", json={"text": EVIL, "title": "<b>bold</b> title"}).json()
    page = client.get(stored["page"]).text
    assert "<script>window" not in page and "<b>bold</b>" not in page and "&lt;b&gt;bold" in page


def test_pages_load_nothing_from_elsewhere(client):
    import re

    for url in ("/", "/investments", "/moves", "/companies", "/companies/Alibaba Group", "/docs",
                "/documents", "/search?q=Nvidia"):
        r = client.get(url)
        assert r.status_code == 200, url
        assert not re.search(r'(src|href)="(https?:)?//', r.text), url
        assert "default-src 'self'" in r.headers["content-security-policy"]
        assert r.headers["x-content-type-options"] == "nosniff"


def test_store_failure_is_a_coded_error_not_a_traceback(tmp_path):
    from marsad.api import create_app

    bad = tmp_path / "not-a-db.duckdb"
    bad.write_bytes(b"this is not a duckdb file" * 100)
    with ServerThread(create_app(str(bad))) as srv:
        r = httpx.get(srv.url + "/api/stats", timeout=600)
        page = httpx.get(srv.url + "/companies", timeout=600)
    assert r.status_code in (500, 503) and r.json()["code"].startswith("M3")
    assert "Traceback" not in r.text and "Traceback" not in page.text
    assert page.status_code in (500, 503) and "[M3" in page.text


# -- serve -------------------------------------------------------------------------------
def test_serve_refuses_a_public_address_without_a_token():
    import os
    import subprocess
    import sys

    from marsad.api.security import is_loopback
    from marsad.cli.serve_cmds import check_bind

    assert all(map(is_loopback, ["127.0.0.1", "127.8.9.1", "::1", "[::1]", "localhost"]))
    assert not any(map(is_loopback, ["0.0.0.0", "::", "192.168.1.4", "10.0.0.1", "example.com"]))
    check_bind("0.0.0.0", "s" * 32)
    check_bind("127.0.0.1", None)
    env = {k: v for k, v in os.environ.items() if k != "MARSAD_API_TOKEN"}
    p = subprocess.run([sys.executable, "-c", "from marsad.cli import main; main()", "serve", "--host",
                        "0.0.0.0", "--db", "/nonexistent/x.duckdb"], capture_output=True, text=True,
                       env=env, timeout=600)
    assert p.returncode == 2 and len(p.stderr.strip().splitlines()) == 1
    assert p.stderr.startswith("marsad: [M501] refusing to listen on 0.0.0.0 without MARSAD_API_TOKEN")


# -- a small load smoke test (the real figures: benchmarks/load_api.py) ---------------------
@pytest.mark.slow
def test_concurrent_extract_smoke(server):
    """20 clients x 3 requests at once: every one answered, and alike (a count, not a rate: the
    rate is benchmarks/load_api.py's to print)."""
    body = json.dumps({"text": seed_text()}).encode()

    def worker(_):
        out = []
        with http_client(server.url) as c:
            for _ in range(3):
                r = c.post("/api/extract", content=body, headers={"content-type": "application/json"})
                out.append((r.status_code, len(r.json().get("quantities", []))))
        return out

    with ThreadPoolExecutor(20) as pool:
        results = [x for xs in pool.map(worker, range(20)) for x in xs]
    assert len(results) == 60 and {s for s, _ in results} == {200}
    assert len({n for _, n in results}) == 1


# -- the highlight builder ---------------------------------------------------------------
def test_highlight_nests_overlapping_spans_and_escapes_every_segment():
    from marsad.model import Entity, Event, Facts, Quantity
    from marsad.web.highlight import highlight

    text = "A<b> & Co said: X & Y rose 5% to $3 <i>"
    f = Facts("d", "en", text)
    f.events.append(Event("stock_move", 0, 30, {"subject": "A<b>"}, "ev"))
    f.events.append(Event("investment", 0, 30, {"subject": "A<b>", "usd": 3.0}, "ev"))
    f.entities.append(Entity('A<b> & Co"', "ORG", [(0, 9), (16, 21)], extractor="ent"))
    f.quantities.append(Quantity("percent", 5.0, "%", 27, 29, "5%", extractor="q"))
    f.quantities.append(Quantity("money", 3.0, "USD", 20, 35, "Y rose 5% to $3", usd=3.0, extractor="q"))
    f.quantities.append(Quantity("count", 1.0, None, 30, 90, "bad span", extractor="q"))  # beyond the text
    html = str(highlight(f))
    fids = check_nesting(html)
    assert fids.count("v0-1") == 1                  # one underline for the two events of a sentence
    assert fids.count("q1") == 3                    # money crosses the entity and the event: split
    assert html.count('id="f-q1"') == 1             # only its first fragment is the anchor
    assert "q2" not in fids                         # the out-of-range span is dropped
    assert "<b>" not in html and "<i>" not in html and "A&lt;b&gt; &amp; Co" in html
    assert 'data-name="A&lt;b&gt; &amp; Co&#34;"' in html
    import re

    assert re.sub(r"<[^>]+>", "", html) == str(__import__("markupsafe").escape(text))


def test_highlight_of_the_seed_is_rtl_ready_and_complete():
    import marsad
    from marsad.web.highlight import highlight

    f = marsad.extract(seed_text())
    html = str(highlight(f))
    check_nesting(html)
    assert html.count('class="q q-') >= len(f.quantities)
    assert 'data-value="380000000000" data-unit="CNY"' in html and 'data-fx-rate="' in html
