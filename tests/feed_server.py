"""A local HTTP server on 127.0.0.1 for feed tests: real RSS/Atom files and item pages.

Honours If-None-Match / If-Modified-Since with 304 and records every request (path, the
conditional headers, the status sent), so tests can see what a pull fetched.
"""
from __future__ import annotations

import email.utils
import hashlib
import threading
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from xml.sax.saxutils import escape

COMPANIES = [("Alibaba", "Hong Kong"), ("Tencent", "Shenzhen"), ("Baidu", "Beijing"),
             ("Nvidia", "Santa Clara"), ("Microsoft", "Redmond")]
AR_COMPANIES = ["علي بابا", "تينسنت", "بايدو"]


@dataclass
class Resource:
    body: bytes
    ctype: str
    etag: str | None = None
    last_modified: str | None = None
    status: int = 200


@dataclass
class Hit:
    path: str
    if_none_match: str | None
    if_modified_since: str | None
    status: int


@dataclass
class FeedServer:
    resources: dict[str, Resource] = field(default_factory=dict)
    hits: list[Hit] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def start(self) -> "FeedServer":
        server = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *a):  # quiet
                pass

            def do_GET(self):
                with server.lock:
                    res = server.resources.get(self.path)
                inm = self.headers.get("If-None-Match")
                ims = self.headers.get("If-Modified-Since")
                if res is None:
                    status = 404
                elif res.status != 200:
                    status = res.status
                elif (res.etag and inm == res.etag) or (not inm and res.last_modified and ims == res.last_modified):
                    status = 304
                else:
                    status = 200
                with server.lock:
                    server.hits.append(Hit(self.path, inm, ims, status))
                self.send_response(status)
                if status == 200:
                    self.send_header("Content-Type", res.ctype)
                    self.send_header("Content-Length", str(len(res.body)))
                    if res.etag:
                        self.send_header("ETag", res.etag)
                    if res.last_modified:
                        self.send_header("Last-Modified", res.last_modified)
                    self.end_headers()
                    self.wfile.write(res.body)
                else:
                    body = b"" if status == 304 else f"error {status}".encode()
                    self.send_header("Content-Length", str(len(body)))
                    self.end_headers()
                    self.wfile.write(body)

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.port = self.httpd.server_address[1]
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.thread.start()
        return self

    def stop(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.port}{path}"

    def put(self, path: str, body: bytes | str, ctype: str, validators: bool = True, status: int = 200,
            modified: int = 0) -> None:
        data = body.encode("utf-8") if isinstance(body, str) else body
        etag = f'"{hashlib.sha1(data).hexdigest()[:16]}"' if validators else None
        lm = email.utils.formatdate(1_758_700_000 + modified, usegmt=True) if validators else None
        with self.lock:
            self.resources[path] = Resource(data, ctype, etag, lm, status)

    def take_hits(self) -> list[Hit]:
        with self.lock:
            out, self.hits = self.hits, []
        return out


def article(n: int) -> tuple[str, str]:
    """(title, HTML page) of item ``n``: distinct text, English or (every third) Arabic."""
    if n % 3 == 2:
        co = AR_COMPANIES[n % len(AR_COMPANIES)]
        title = f"{co} تضخ {n + 10} مليار دولار في الذكاء الاصطناعي"
        paras = [f"أعلنت شركة {co} اليوم عن خطة لاستثمار {n + 10} مليار دولار في مراكز البيانات والذكاء "
                 f"الاصطناعي خلال {n % 4 + 2} سنوات، في خطوة وصفها المحللون بأنها الأكبر في تاريخها.",
                 f"وارتفعت أسهم الشركة بنسبة {n % 9 + 1}.{n % 10}% في التداولات المبكرة بعد الإعلان، "
                 f"وقال المدير المالي إن الإنفاق الرأسمالي سيبلغ ذروته في العام {2025 + n % 3}.",
                 f"ويأتي القرار رقم {n} ضمن سباق عالمي بين شركات التكنولوجيا لبناء البنية التحتية "
                 "اللازمة لتدريب النماذج الكبيرة وتشغيلها، وسط منافسة متزايدة على الرقائق."]
    else:
        co, city = COMPANIES[n % len(COMPANIES)]
        title = f"{co} plans ${n + 10} billion AI build-out (item {n})"
        paras = [f"{co} said on Tuesday it would invest ${n + 10} billion in artificial intelligence "
                 f"data centres over the next {n % 4 + 2} years, the largest plan in its history.",
                 f"Shares of the {city}-based company rose {n % 9 + 1}.{n % 10}% in early trading after "
                 f"the announcement, and the chief financial officer said capital spending would peak in "
                 f"{2025 + n % 3}.",
                 f"The decision, number {n} in a run of such pledges this year, comes as technology groups "
                 "race to build the computing capacity needed to train and serve large models."]
    body = "".join(f"<p>{escape(p)}</p>" for p in paras)
    html = (f"<!doctype html><html><head><meta charset='utf-8'><title>{escape(title)}</title></head>"
            f"<body><nav>Home | Markets | Tech</nav><article><h1>{escape(title)}</h1>{body}</article>"
            "<footer>© Test Wire</footer></body></html>")
    return title, html


def pubdate(n: int) -> str:
    return email.utils.formatdate(1_758_000_000 + n * 3600, usegmt=True)


def rss(base: str, items: range | list[int], title: str = "Test Wire") -> str:
    entries = "".join(
        f"<item><title>{escape(article(n)[0])}</title><link>{base}/items/{n}.html</link>"
        f"<guid isPermaLink='false'>wire-{n}</guid><pubDate>{pubdate(n)}</pubDate>"
        f"<description>Summary of item {n}</description></item>" for n in items)
    return (f"<?xml version='1.0' encoding='utf-8'?><rss version='2.0'><channel><title>{title}</title>"
            f"<link>{base}/</link><description>test</description>{entries}</channel></rss>")


def atom(base: str, items: list[int]) -> str:
    entries = "".join(
        f"<entry><title>{escape(article(n)[0])}</title><link href='{base}/items/{n}.html'/>"
        f"<id>urn:test:atom:{n}</id><updated>2025-09-2{n % 10}T08:00:00Z</updated>"
        f"<published>2025-09-2{n % 10}T07:30:00Z</published><summary>item {n}</summary></entry>"
        for n in items)
    return ("<?xml version='1.0' encoding='utf-8'?><feed xmlns='http://www.w3.org/2005/Atom'>"
            f"<title>Atom Wire</title><id>urn:test:atom</id><updated>2025-09-29T08:00:00Z</updated>"
            f"{entries}</feed>")
