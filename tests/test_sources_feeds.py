"""Feeds: ``marsad feed add/list/pull`` against real feed files on a local HTTP server.

The server (tests/feed_server.py) listens on 127.0.0.1 only, is started by the test, and
records every request, so the tests see the conditional GETs and the pages fetched.
"""
from __future__ import annotations

import json
import subprocess
import sys

import pytest

import feed_server as fs
from marsad.store import open_store

CLI = [sys.executable, "-c", "from marsad.cli import main; main()"]


@pytest.fixture
def server():
    srv = fs.FeedServer().start()
    for n in range(1, 80):
        srv.put(f"/items/{n}.html", fs.article(n)[1], "text/html; charset=utf-8")
    yield srv
    srv.stop()


def cli(*args, ok=(0,)):
    r = subprocess.run(CLI + list(args), capture_output=True, text=True, timeout=600)
    assert r.returncode in ok, r.stderr
    return r


def pull(db):
    r = cli("feed", "pull", "--db", db, "--format", "json", ok=(0, 1))
    return r, {d["feed"]: d for d in json.loads(r.stdout)}


def docs(db):
    with open_store(db, read_only=True) as s:
        return s.sql("SELECT doc_id, source, title, published_at, lang FROM documents ORDER BY doc_id").dicts()


def test_fifty_items_one_pull_then_conditional_get_then_the_new_item(server, tmp_path):
    db = str(tmp_path / "feeds.duckdb")
    server.put("/feed.xml", fs.rss(server.url(""), range(1, 51)), "application/rss+xml; charset=utf-8")
    r = cli("feed", "add", server.url("/feed.xml"), "--name", "wire", "--db", db)
    assert "wire" in r.stdout

    r, res = pull(db)
    assert r.returncode == 0, r.stderr
    assert res["wire"]["new"] == 50 and res["wire"]["items"] == 50 and res["wire"]["failed"] == 0
    hits = server.take_hits()
    assert [h.path for h in hits if h.path == "/feed.xml"] == ["/feed.xml"]
    assert sorted(h.path for h in hits if h.path.startswith("/items/")) == \
        sorted(f"/items/{n}.html" for n in range(1, 51))
    stored = docs(db)
    assert len(stored) == 50
    by_id = {d["doc_id"]: d for d in stored}
    assert by_id["wire-7"]["source"] == server.url("/items/7.html")
    assert fs.pubdate(7) == "Tue, 16 Sep 2025 12:20:00 GMT"
    assert by_id["wire-7"]["published_at"] == "2025-09-16T12:20:00Z"     # from the feed's pubDate
    assert by_id["wire-7"]["title"] == fs.article(7)[0]
    assert {d["lang"] for d in stored} == {"ar", "en"}

    r, res = pull(db)                                   # nothing new: a conditional GET, a 304
    assert res["wire"]["new"] == 0 and res["wire"]["status"] == "not modified"
    hits = server.take_hits()
    assert len(hits) == 1 and hits[0].path == "/feed.xml" and hits[0].status == 304
    assert hits[0].if_none_match and hits[0].if_modified_since

    server.put("/feed.xml", fs.rss(server.url(""), range(1, 52)), "application/rss+xml; charset=utf-8",
               modified=60)
    r, res = pull(db)
    assert res["wire"]["new"] == 1 and res["wire"]["skipped"] == 50
    hits = server.take_hits()
    assert [h.path for h in hits] == ["/feed.xml", "/items/51.html"] and hits[0].status == 200
    assert len(docs(db)) == 51

    r = cli("feed", "list", "--db", db, "--format", "json")
    [row] = json.loads(r.stdout)
    assert row["name"] == "wire" and row["items"] == 51 and row["status"] == "ok: 1 new"


def test_atom_feed_and_bad_feeds_are_reported_and_skipped(server, tmp_path):
    db = str(tmp_path / "feeds.duckdb")
    base = server.url("")
    server.put("/atom.xml", fs.atom(base, [60, 61, 62]), "application/atom+xml")
    server.put("/missing-item.xml", fs.rss(base, [63, 999]), "application/rss+xml")   # 999: a 404 page
    server.put("/broken.xml", fs.rss(base, [64, 65])[:300], "application/rss+xml")     # truncated XML
    server.put("/notafeed.xml", "<html><body>Not a feed</body></html>", "text/html")
    arabic = fs.rss(base, [66, 67], title="وكالة الأنباء").encode("cp1256")           # declared utf-8
    server.put("/cp1256.xml", arabic, "application/rss+xml; charset=utf-8")
    server.put("/down.xml", "", "application/rss+xml", status=500)
    feeds = ["atom.xml", "missing-item.xml", "broken.xml", "notafeed.xml", "cp1256.xml", "down.xml"]
    for f in feeds:
        cli("feed", "add", server.url("/" + f), "--name", f.split(".")[0], "--db", db)
    cli("feed", "add", "http://127.0.0.1:9/feed.xml", "--name", "unreachable", "--db", db)

    r, res = pull(db)
    assert r.returncode == 1
    lines = r.stderr.strip().splitlines()
    text = "\n".join(lines)
    assert "Traceback" not in text
    assert res["atom"]["new"] == 3 and res["atom"]["failed"] == 0
    assert res["missing-item"]["new"] == 1 and res["missing-item"]["failed"] == 1
    assert any("[M143]" in ln and "/items/999.html" in ln and "HTTP 404" in ln and "missing-item" in ln
               for ln in lines)
    assert any("[M142]" in ln and "/broken.xml" in ln and "malformed feed" in ln for ln in lines)
    assert any("[M142]" in ln and "/notafeed.xml" in ln and "not an RSS or Atom feed" in ln for ln in lines)
    assert any("[M145]" in ln and "/cp1256.xml" in ln and "wrong character encoding" in ln for ln in lines)
    assert res["cp1256"]["new"] == 2                    # the items' pages are fine
    assert any("[M141]" in ln and "/down.xml" in ln and "HTTP 500" in ln for ln in lines)
    assert any("[M141]" in ln and "unreachable" in ln for ln in lines)
    assert res["down"]["status"] == "failed" and res["unreachable"]["status"] == "failed"
    stored = {d["doc_id"]: d for d in docs(db)}
    assert stored["urn:test:atom:61"]["published_at"] == "2025-09-21T07:30:00Z"
    # one line per problem: each names its source
    assert all(ln.startswith("marsad: [M14") for ln in lines), lines


def test_bad_feed_urls_are_refused(tmp_path):
    r = cli("feed", "add", "file:///etc/passwd", "--db", str(tmp_path / "x.duckdb"), ok=(2,))
    assert "[M140]" in r.stderr and "http" in r.stderr
