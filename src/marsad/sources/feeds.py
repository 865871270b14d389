"""RSS and Atom feeds: ``marsad feed add / list / pull``.

A pull reads every registered feed with a conditional GET (``If-None-Match`` /
``If-Modified-Since`` from the validators the store kept), parses it with feedparser,
fetches the page of each item not ingested before, reduces it to its article text with
trafilatura (the feed's own content when the page has none) and ingests the documents
through :func:`marsad.ingest.ingest`, so a pull is idempotent. ``published_at`` comes from
the feed. A feed that fails (network, HTTP error, malformed XML) is reported in one line and
skipped; an item whose page fails is reported and the others go on. The store is the state:
feeds, validators and ingested items live in the ``feeds`` and ``feed_items`` tables.
"""
from __future__ import annotations

import datetime as dt
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass, field
from typing import Callable, Iterator

from marsad.errors import InputError
from marsad.model import Document
from marsad.read import ReadError

USER_AGENT = "marsad-feeds/1"
MAX_BYTES = 20 * 1024 * 1024
TIMEOUT = 20.0


@dataclass
class FeedResult:
    """What one pull did with one feed."""

    url: str
    name: str | None
    status: str = ""                 # 'ok', 'not modified', 'failed'
    items: int = 0                   # entries in the feed
    new: int = 0                     # documents stored
    skipped: int = 0                 # items ingested by an earlier pull
    failed: int = 0
    errors: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)   # read anyway (recovered entries)

    def to_dict(self) -> dict:
        return {"feed": self.name or self.url, "url": self.url, "status": self.status,
                "items": self.items, "new": self.new, "skipped": self.skipped, "failed": self.failed}


# -- registry -----------------------------------------------------------------------------
def add_feed(store, url: str, name: str | None = None) -> dict:
    """Register a feed (idempotent: adding it again renames it)."""
    parts = urllib.parse.urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise InputError(f"{url}: a feed URL must be http:// or https://", code="M140")
    b = store.backend
    _, rows = b.query("SELECT url FROM feeds WHERE url = ?", (url,))
    if rows:
        if name:
            b.execute("UPDATE feeds SET name = ? WHERE url = ?", (name, url))
    else:
        b.execute("INSERT INTO feeds (url, name, added_at, items) VALUES (?, ?, ?, 0)",
                  (url, name, dt.datetime.now().replace(microsecond=0)))
    return next(f for f in list_feeds(store) if f["url"] == url)


def list_feeds(store) -> list[dict]:
    cols, rows = store.backend.query("SELECT name, url, items, pulled_at, status, etag, last_modified "
                                     "FROM feeds ORDER BY added_at, url")
    return [dict(zip(cols, r)) for r in rows]


# -- pull ---------------------------------------------------------------------------------
def pull(store, *, workers: int | None = 0, timeout: float = TIMEOUT, only: str | None = None,
         on_error: Callable[[str], None] | None = None,
         on_feed: Callable[[FeedResult], None] | None = None) -> list[FeedResult]:
    """Pull every feed (or the one whose name or URL is ``only``); never raises for a feed."""
    feeds = [f for f in list_feeds(store) if only in (None, f["name"], f["url"])]
    if only and not feeds:
        raise InputError(f"no feed named {only!r}: see 'marsad feed list'", code="M140")
    results = []
    for f in feeds:
        res = _pull_one(store, f, workers=workers, timeout=timeout, on_error=on_error)
        results.append(res)
        if on_feed:
            on_feed(res)
    return results


def _pull_one(store, feed: dict, *, workers, timeout, on_error) -> FeedResult:
    url, name = feed["url"], feed["name"]
    res = FeedResult(url, name)
    label = f"{url} (feed {name})" if name else url

    def report(line: str) -> None:
        res.errors.append(line)
        res.failed += 1
        if on_error:
            on_error(line)

    headers = {}
    if feed.get("etag"):
        headers["If-None-Match"] = feed["etag"]
    if feed.get("last_modified"):
        headers["If-Modified-Since"] = feed["last_modified"]
    try:
        status, resp_headers, body = http_get(url, headers, timeout)
    except OSError as e:
        report(f"[M141] {label}: cannot fetch the feed: {_why(e)}; skipped")
        return _finish(store, res, feed, None, "failed")
    if status == 304:
        res.status = "not modified"
        return _finish(store, res, feed, None, "not modified")
    if status >= 400:
        report(f"[M141] {label}: cannot fetch the feed: HTTP {status}; skipped")
        return _finish(store, res, feed, None, "failed")
    parsed = parse_feed(body, resp_headers, url, label)
    if isinstance(parsed, ReadError):
        report(f"{parsed}; skipped")
        return _finish(store, res, feed, None, "failed")
    entries, warning = parsed
    if warning:
        res.warnings.append(warning)
        if on_error:
            on_error(warning)
    res.items = len(entries)
    seen = _seen(store, url)
    todo = []
    for e in entries:
        if e["key"] in seen:
            res.skipped += 1
        else:
            todo.append(e)
    fetched: list[dict] = []

    def documents() -> Iterator[Document]:
        for e in todo:
            doc = _item_document(e, f"feed {name}" if name else url, timeout)
            if isinstance(doc, str):
                report(doc)
                continue
            fetched.append(e)
            yield doc

    from marsad.ingest import ingest

    summary = ingest(store, documents=documents(), workers=workers, batch_size=50,
                     on_failure=report)
    res.new = summary.new
    _remember(store, url, fetched)
    validators = (resp_headers.get("etag"), resp_headers.get("last-modified"))
    return _finish(store, res, feed, validators, "ok")


def _finish(store, res: FeedResult, feed: dict, validators, status: str) -> FeedResult:
    res.status = res.status or status
    line = {"ok": f"ok: {res.new} new", "not modified": "not modified"}.get(status) or \
        (res.errors[-1] if res.errors else status)
    now = dt.datetime.now().replace(microsecond=0)
    b = store.backend
    if validators is not None:
        b.execute("UPDATE feeds SET etag = ?, last_modified = ?, pulled_at = ?, status = ?, "
                  "items = COALESCE(items, 0) + ? WHERE url = ?",
                  (validators[0], validators[1], now, line[:300], res.new, feed["url"]))
    else:
        b.execute("UPDATE feeds SET pulled_at = ?, status = ? WHERE url = ?", (now, line[:300], feed["url"]))
    return res


def _seen(store, url: str) -> set[str]:
    _, rows = store.backend.query("SELECT item_key FROM feed_items WHERE feed_url = ?", (url,))
    return {r[0] for r in rows}


def _remember(store, url: str, entries: list[dict]) -> None:
    if not entries:
        return
    now = dt.datetime.now().replace(microsecond=0)
    b = store.backend
    b.begin()
    try:
        for e in entries:
            b.execute("DELETE FROM feed_items WHERE feed_url = ? AND item_key = ?", (url, e["key"]))
            b.execute("INSERT INTO feed_items VALUES (?, ?, ?, ?, ?, ?)",
                      (url, e["key"], e["link"], e["key"], e["published_at"], now))
        b.commit()
    except BaseException:
        b.rollback()
        raise


# -- parsing ------------------------------------------------------------------------------
def parse_feed(body: bytes, headers: dict[str, str], url: str, label: str | None = None
               ) -> tuple[list[dict], str | None] | ReadError:
    """Feed bytes → (entries, a warning or None), or a ReadError when nothing can be read.

    Each entry: key (id, else link), link, title, published_at (ISO 8601, UTC), content.
    feedparser is lenient: entries it recovers from malformed XML or a wrong declared
    encoding are kept, with a warning naming the problem.
    """
    import feedparser

    label = label or url
    d = feedparser.parse(body, response_headers={k.lower(): v for k, v in headers.items()})
    why = d.get("bozo_exception") if d.get("bozo") else None
    if not d.entries:
        if not d.get("version"):
            extra = f": {_bozo(why)}" if why is not None else ""
            return ReadError(label, f"not an RSS or Atom feed (no feed elements found{extra})", code="M142")
        if why is not None:
            return ReadError(label, f"malformed feed: {_bozo(why)}", code="M142")
        return [], None
    warning = None
    if why is not None:
        if type(why).__name__ in ("CharacterEncodingOverride", "CharacterEncodingUnknown"):
            warning = (f"[M145] {label}: wrong character encoding ({_bozo(why)}); feed titles may be "
                       "garbled, the items' pages give the text and titles")
        else:
            warning = (f"[M142] {label}: malformed feed ({_bozo(why)}); {len(d.entries)} item(s) "
                       "recovered by the lenient parser")
    out = []
    for e in d.entries:
        link = e.get("link") or ""
        key = e.get("id") or link
        if not key:
            continue
        published = _iso(e.get("published_parsed") or e.get("updated_parsed")) or \
            e.get("published") or e.get("updated")
        content = ""
        if e.get("content"):
            content = e["content"][0].get("value", "")
        content = content or e.get("summary", "")
        out.append({"key": key, "link": urllib.parse.urljoin(url, link) if link else "",
                    "title": None if warning and "M145" in warning else e.get("title"),
                    "published_at": published, "content": content})
    return out, warning


def _bozo(why: BaseException) -> str:
    return str(why).splitlines()[0][:160] if str(why) else type(why).__name__


def _iso(t) -> str | None:
    if not t:
        return None
    try:
        return dt.datetime(*t[:6], tzinfo=dt.timezone.utc).isoformat().replace("+00:00", "Z")
    except (TypeError, ValueError):
        return None


def _item_document(e: dict, feed_label: str, timeout: float) -> Document | str:
    """Fetch an item's page → Document; a one-line message when it cannot be read."""
    import trafilatura

    link = e["link"]
    text = title = None
    if link:
        try:
            status, headers, body = http_get(link, {}, timeout)
        except OSError as ex:
            return f"[M143] {link} (item of {feed_label}): cannot fetch the page: {_why(ex)}; skipped"
        if status >= 400:
            return f"[M143] {link} (item of {feed_label}): HTTP {status}; skipped"
        html = _decode(body, headers)
        text = trafilatura.extract(html, include_comments=False, include_tables=True, favor_recall=True)
        meta = trafilatura.extract_metadata(html) if text else None
        title = getattr(meta, "title", None) if meta else None
    if not text or not text.strip():
        if e["content"]:
            text = trafilatura.extract(f"<html><body><article>{e['content']}</article></body></html>",
                                       favor_recall=True) or ""
        if not text.strip():
            return f"[M144] {link or e['key']} (item of {feed_label}): no article text on the page or in the feed; skipped"
    return Document(doc_id=e["key"], text=text, source=link or e["key"], title=e["title"] or title,
                    published_at=e["published_at"])


def _decode(body: bytes, headers: dict[str, str]) -> str:
    charset = None
    ctype = headers.get("content-type", "")
    if "charset=" in ctype:
        charset = ctype.split("charset=", 1)[1].split(";")[0].strip().strip('"')
    for enc in filter(None, (charset, "utf-8")):
        try:
            return body.decode(enc)
        except (LookupError, UnicodeDecodeError):
            continue
    return body.decode("utf-8", "replace")


# -- HTTP ---------------------------------------------------------------------------------
def http_get(url: str, headers: dict[str, str], timeout: float = TIMEOUT
             ) -> tuple[int, dict[str, str], bytes]:
    """GET → (status, lower-cased headers, body); HTTP errors are statuses, network errors raise."""
    req = urllib.request.Request(url, headers={"User-Agent": USER_AGENT, **headers})
    try:
        with urllib.request.urlopen(req, timeout=timeout) as r:
            body = r.read(MAX_BYTES + 1)
            if len(body) > MAX_BYTES:
                raise OSError(f"response over {MAX_BYTES // 2**20} MB")
            return r.status, {k.lower(): v for k, v in r.headers.items()}, body
    except urllib.error.HTTPError as e:
        return e.code, {k.lower(): v for k, v in (e.headers or {}).items()}, b""


def _why(e: BaseException) -> str:
    if isinstance(e, urllib.error.URLError):
        return str(e.reason)
    return str(e) or type(e).__name__

