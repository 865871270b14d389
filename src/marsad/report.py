"""The briefing report: what was announced in a period, from the store, each item with its sources.

    from marsad.report import build_report, write_report
    with open_store("news.duckdb", read_only=True) as store:
        report = build_report(store, "2025-09-01", "2025-09-30", topic="ai")
    write_report(report, "brief.pdf", format="pdf")          # or format="html"

A report has five parts, all built from claims (``marsad.claims``: one fact with every source),
so a figure stated in several places or articles appears once, and facts whose checks failed
stay out, as they do in the leaderboard:

- **New claims by size**: the commitments announced, investment and acquisition claims
  *first reported* in the period with an amount, largest USD value first (``SIZED``). Forecasts
  and reported results are figures about markets and past quarters, not announcements, and are
  left out. Only companies and joint claims are listed, as on the leaderboard (governments,
  exchanges, indices and people are not).
- **Other announcements**: product launches, supply deals and acquisitions without an amount,
  first reported in the period, oldest first.
- **The largest moves**: stock-move claims of the period (a day's move, as the moves page shows
  by default), largest absolute change first.
- **Conflicts**: pairs of claims that disagree (``Store.conflicts``) where either side has a
  source published in the period.
- **The most important articles** and their key points (the pipeline's ``brief`` step, as the
  article page shows them). *Most important* is defined simply: an article published in the
  period (near-duplicate stories left out) ranks by the largest investment or acquisition
  amount in USD it states, then by the number of its claims' facts (events) it states, then newest first.
  An article that states no claim is not listed.

Every item carries its sources (``Source``): title, publication date, the article page
(``/documents/{id}``), the source address when it is a URL, and the evidence sentence.
With ``topic`` (``ai``, ``chips``, ...) only claims tagged with that topic count, and only
articles that state one are listed. Dates are ISO days; ``since`` and ``until`` are
inclusive; documents without a publication date belong to no period.

Errors are ``marsad.errors.ReportError``: M701 a bad date or period, M702 a bad option, M703
an output that cannot be written, M704 no PDF engine (``pip install 'marsad[pdf]'`` and a
chromium), M705 the PDF engine failed.
"""
from __future__ import annotations

import datetime as dt
import os
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from marsad.errors import ReportError
from marsad.store import claims as CL

LANGS = ("en", "ar")
FORMATS = ("html", "pdf")
SIZED = ("investment", "acquisition")         # the claims ranked by size
UNSIZED = ("product_launch", "supply_deal", "acquisition")  # announcements listed by date
MAX_SOURCES = 5  # sources shown per item; the count of all of them is kept


@dataclass
class Source:
    """One article that states an item, with the sentence that states it."""

    doc: int
    title: str | None
    date: str | None
    href: str                    # the article page, relative to the site (``/documents/{doc}``)
    url: str | None = None       # the source's own address, when it is one
    source: str | None = None    # the source as stored (a URL, an agency, a file name)
    evidence: str | None = None


@dataclass
class Claim:
    """A new claim (money or unsized announcement)."""

    claim_id: str
    type: str
    subject: str | None
    usd: float | None
    as_stated: str | None
    low_usd: float | None
    high_usd: float | None
    target: str | None
    first_reported: str | None
    reports: int
    topics: list[str]
    sources: list[Source]


@dataclass
class Move:
    claim_id: str
    date: str | None
    subject: str | None
    change_pct: float
    measure: str | None
    price: float | None
    currency: str | None
    reports: int
    sources: list[Source]


@dataclass
class Conflict:
    type: str
    subject: str | None
    metric: str | None
    measure: str | None
    value_a: float | None        # USD, or per cent for a stock move
    value_b: float | None
    as_stated_a: str | None
    as_stated_b: str | None
    sources_a: list[Source]
    sources_b: list[Source]


@dataclass
class Article:
    doc: int
    title: str | None
    date: str | None
    href: str
    url: str | None
    source: str | None
    lang: str | None
    largest_usd: float | None    # the importance: the largest amount it states among its claims ...
    events: int                  # ... then the number of its claims' facts it states
    key_points: list[str] = field(default_factory=list)


@dataclass
class Report:
    """A briefing for ``[since, until]`` (``until`` None: everything since)."""

    since: str
    until: str | None
    topic: str | None
    lang: str
    documents: int               # documents published in the period
    claims: list[Claim] = field(default_factory=list)
    announcements: list[Claim] = field(default_factory=list)
    moves: list[Move] = field(default_factory=list)
    conflicts: list[Conflict] = field(default_factory=list)
    articles: list[Article] = field(default_factory=list)
    totals: dict[str, int] = field(default_factory=dict)  # items before the lists were cut

    @property
    def empty(self) -> bool:
        return not (self.claims or self.announcements or self.moves or self.conflicts or self.articles)

    @property
    def direction(self) -> str:
        return "rtl" if self.lang == "ar" else "ltr"

    def to_dict(self) -> dict[str, Any]:
        return {**asdict(self), "empty": self.empty}


# -- dates and options --------------------------------------------------------------------
def parse_day(value: Any, what: str = "date") -> dt.date:
    """An ISO day (``2025-09-30``; also ``2025-09`` and ``2025`` for the first day) or M701."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    s = str(value or "").strip()
    for fmt in ("%Y-%m-%d", "%Y-%m", "%Y"):
        try:
            return dt.datetime.strptime(s, fmt).date()
        except ValueError:
            continue
    raise ReportError(f"{what} {s!r} is not a date: write it as YYYY-MM-DD (e.g. 2025-09-30)", code="M701")


def period(since: Any, until: Any = None) -> tuple[dt.date, dt.date | None]:
    """``(since, until)`` as days, checked: M701 for a bad date or an until before since."""
    a = parse_day(since, "since")
    b = parse_day(until, "until") if until not in (None, "") else None
    if b is not None and b < a:
        raise ReportError(f"until {b.isoformat()} is before since {a.isoformat()}: the period is empty",
                          code="M701")
    return a, b


def default_period(store, days: int = 30) -> tuple[str, str]:
    """The last ``days`` days up to the newest publication date in the store (today if none)."""
    res = store.sql("SELECT MAX(published_on) FROM documents")
    last = res.rows[0][0] if res.rows else None
    end = parse_day(str(last)[:10]) if last else dt.date.today()
    return (end - dt.timedelta(days=days - 1)).isoformat(), end.isoformat()


def _check_options(lang: str, topic: str | None) -> None:
    if lang not in LANGS:
        raise ReportError(f"--lang {lang!r}: use one of {', '.join(LANGS)}", code="M702")
    if topic is not None and (len(topic) > 40 or not topic.replace("_", "").isalnum()):
        raise ReportError(f"--topic {topic!r}: a topic such as ai, chips, cloud, data_centres", code="M702")


# -- building -----------------------------------------------------------------------------
def _day(v: Any) -> str | None:
    return str(v)[:10] if v else None


def _within(day: str | None, a: str, b: str | None) -> bool:
    return day is not None and day >= a and (b is None or day <= b)


def _url(source: Any) -> str | None:
    s = str(source or "")
    return s if s.startswith(("http://", "https://")) else None


def _sources(rows: list[dict], a: str, b: str | None) -> list[Source]:
    """One Source per article (its first sentence), those of the period first, then the others."""
    seen: dict[Any, Source] = {}
    for r in rows:
        if r["doc"] in seen:
            continue
        seen[r["doc"]] = Source(doc=r["doc"], title=r.get("title"), date=_day(r.get("date")),
                                href=f"/documents/{r['doc']}", url=_url(r.get("source")),
                                source=r.get("source"), evidence=r.get("evidence"))
    out = list(seen.values())
    out.sort(key=lambda s: (not _within(s.date, a, b), s.date or "9999", str(s.doc)))
    return out


def _claim(c: dict, a: str, b: str | None) -> Claim:
    return Claim(claim_id=c["claim_id"], type=c["type"], subject=c.get("subject"), usd=c.get("usd"),
                 as_stated=c.get("as_stated"), low_usd=c.get("low_usd"), high_usd=c.get("high_usd"),
                 target=c.get("target"), first_reported=c.get("first_reported"), reports=c.get("reports", 0),
                 topics=list(c.get("topics") or []), sources=_sources(c.get("sources") or [], a, b))


def build_report(store, since: Any, until: Any = None, topic: str | None = None, lang: str = "en",
                 limit: int = 20, articles: int = 8) -> Report:
    """The briefing for ``[since, until]`` from ``store`` (see the module docstring)."""
    a_day, b_day = period(since, until)
    topic = (topic or "").strip().lower() or None
    _check_options(lang, topic)
    if topic in CL.ALL:
        topic = None
    a, b = a_day.isoformat(), b_day.isoformat() if b_day else None
    claims = store.all_claims()  # facts whose checks failed are left out, as in the leaderboard

    money, unsized = [], []
    for c in claims:
        if not CL._topic_ok(c, topic) or not _within(_day(c.get("first_reported")), a, b):
            continue
        if c["type"] in SIZED and c.get("usd") is not None:
            if c.get("is_company") or c.get("joint"):
                money.append(c)
        elif c["type"] in UNSIZED:
            unsized.append(c)
    money.sort(key=lambda c: (-c["usd"], str(c.get("subject")), c["claim_id"]))
    unsized.sort(key=lambda c: (c.get("first_reported") or "", str(c.get("subject")), c["claim_id"]))

    by_id = {c["claim_id"]: c for c in claims}
    move_rows = [m for m in store.moves(sort="change", limit=10 ** 9, topic=topic)
                 if _within(_day(m.get("date")), a, b)]
    moves = []
    for m in move_rows[:limit]:
        c = by_id.get(m["claim_id"], {})
        moves.append(Move(claim_id=m["claim_id"], date=_day(m.get("date")), subject=m.get("company"),
                          change_pct=m["change_pct"], measure=m.get("measure"), price=m.get("price"),
                          currency=m.get("currency"), reports=m.get("reports", 0),
                          sources=_sources(c.get("sources") or [], a, b)))

    conflicts = []
    for x in store.conflicts(topic=topic, limit=10 ** 9):
        if not any(_within(_day(s.get("date")), a, b) for s in x["sources_a"] + x["sources_b"]):
            continue
        conflicts.append(Conflict(type=x["type"], subject=x.get("subject"), metric=x.get("metric"),
                                  measure=x.get("measure"), value_a=x.get("value_a"), value_b=x.get("value_b"),
                                  as_stated_a=x.get("as_stated_a"), as_stated_b=x.get("as_stated_b"),
                                  sources_a=_sources(x["sources_a"], a, b), sources_b=_sources(x["sources_b"], a, b)))

    ranked = _important_articles(store, claims, topic, a, b)
    report = Report(since=a, until=b, topic=topic, lang=lang, documents=_count_documents(store, a_day, b_day),
                    claims=[_claim(c, a, b) for c in money[:limit]],
                    announcements=[_claim(c, a, b) for c in unsized[:limit]], moves=moves,
                    conflicts=conflicts[:limit], articles=ranked[:articles],
                    totals={"claims": len(money), "announcements": len(unsized), "moves": len(move_rows),
                            "conflicts": len(conflicts), "articles": len(ranked)})
    _add_key_points(store, report.articles)
    return report


def _count_documents(store, a: dt.date, b: dt.date | None) -> int:
    if b is None:
        res = store.sql("SELECT COUNT(*) FROM documents WHERE published_on >= ?", (a,))
    else:
        res = store.sql("SELECT COUNT(*) FROM documents WHERE published_on >= ? AND published_on <= ?", (a, b))
    return int(res.rows[0][0])


def _important_articles(store, claims: list[dict], topic: str | None, a: str, b: str | None) -> list[Article]:
    """Articles of the period that state a claim, by the largest investment or acquisition amount
    (USD) they state, then by
    the number of facts (events) they state, then newest first; near-duplicate stories left out."""
    info: dict[Any, dict] = {}
    for c in claims:
        if not CL._topic_ok(c, topic):
            continue
        for s in c.get("sources") or []:
            day = _day(s.get("date"))
            if s.get("near_duplicate_of") or not _within(day, a, b):
                continue
            d = info.setdefault(s["doc"], {"usd": None, "events": 0, "row": s})
            d["events"] += 1
            usd = s.get("usd") if c["type"] in SIZED else None
            if isinstance(usd, (int, float)) and (d["usd"] is None or usd > d["usd"]):
                d["usd"] = float(usd)
    order = sorted(info.items(), key=lambda kv: (_day(kv[1]["row"].get("date")) or "", str(kv[0])), reverse=True)
    order.sort(key=lambda kv: (-(kv[1]["usd"] or 0.0), -kv[1]["events"]))  # stable: newest first on ties
    out = []
    for doc, d in order:
        r = d["row"]
        out.append(Article(doc=doc, title=r.get("title"), date=_day(r.get("date")), href=f"/documents/{doc}",
                           url=_url(r.get("source")), source=r.get("source"), lang=None,
                           largest_usd=d["usd"], events=d["events"]))
    return out


def _add_key_points(store, articles: list[Article]) -> None:
    """Each listed article's key points as stored by the ingest (the ``brief`` step), and its language."""
    if not articles:
        return
    from marsad.store.base import loads

    ids = [x.doc for x in articles]
    res = store.sql("SELECT id, lang, key_points FROM documents WHERE id IN (" + ", ".join("?" for _ in ids) + ")",
                    tuple(ids))
    got = {r[0]: (r[1], loads(r[2], []) or []) for r in res.rows}
    for art in articles:
        lang, points = got.get(art.doc, (None, []))
        art.lang = lang
        art.key_points = [p.get("text") for p in points if isinstance(p, dict) and p.get("text")]


# -- writing ------------------------------------------------------------------------------
def check_out(out: str | os.PathLike) -> Path:
    """``out`` as a path that can be written (its folder exists and is writable), else M703."""
    path = Path(out).expanduser()
    if path.is_dir():
        raise ReportError(f"--out {str(out)!r} is a folder: give a file name such as report.html", code="M703")
    parent = path.parent if str(path.parent) else Path(".")
    if not parent.is_dir():
        raise ReportError(f"--out {str(out)!r}: folder {str(parent)!r} does not exist", code="M703")
    if not os.access(parent, os.W_OK) or (path.exists() and not os.access(path, os.W_OK)):
        raise ReportError(f"--out {str(out)!r}: permission denied (choose a writable place)", code="M703")
    return path


def write_report(report: Report, out: str | os.PathLike, format: str = "html",
                 base_url: str | None = None) -> Path:
    """Write ``report`` as a self-contained HTML file or a PDF rendered from that HTML.

    ``base_url`` (e.g. ``http://127.0.0.1:8000`` where ``marsad serve`` runs) makes the article
    pages links; without it the file names each article by its id and links to its source URL."""
    if format not in FORMATS:
        raise ReportError(f"--format {format!r}: use html or pdf", code="M702")
    path = check_out(out)
    from marsad.web.report import render_report

    html = render_report(report, standalone=True, base_url=base_url)
    try:
        if format == "pdf":
            from marsad.web.pdf import html_to_pdf

            data = html_to_pdf(html)
            path.write_bytes(data)
        else:
            path.write_text(html, encoding="utf-8")
    except OSError as e:
        raise ReportError(f"--out {str(out)!r}: {e.strerror or e}", code="M703") from None
    return path
