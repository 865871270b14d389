"""The briefing report (issue 14, item 4): its content on a filled store, ``marsad report`` and its
coded errors, the /report page, and the PDF's text as pdftotext reads it (Arabic in logical order)."""
from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from web_server import ServerThread, fill_store, http_client

CLI = [sys.executable, "-c", "from marsad.cli import main; main()"]
WORD = re.compile(r"[\u0621-\u064a]+")  # an Arabic word of letters only (no marks, digits or punctuation)
BIDI_MARKS = re.compile("[\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def run(*args, env=None, cwd=None):
    return subprocess.run(CLI + list(args), capture_output=True, text=True, timeout=900, cwd=cwd,
                          env={**os.environ, **(env or {})})


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    """The seed and the dev articles (fixed dates, 2025-01-06 … 2025-09-24), plus two reports of one
    day's Alibaba close that disagree (a conflict)."""
    from marsad.model import Document, Event, Facts
    from marsad.store import open_store

    path = str(tmp_path_factory.mktemp("report") / "r.duckdb")
    fill_store(path)
    with open_store(path) as s:
        for n, (pct, verb) in enumerate(((3.0, "rose"), (-2.0, "fell"))):
            text = f"Alibaba shares {verb} {abs(pct):g}% at the close on Friday, wire {n} reported."
            f = Facts(f"wire-{n}", "en", text, extractors={"t": "1"})
            f.events.append(Event("stock_move", 0, len(text), {"subject": "Alibaba Group", "change_pct": pct,
                                                                "measure": "close"}, "t", text))
            s.add_facts(Document(f"wire-{n}", text, "en", title=f"Alibaba close, wire {n}", source=f"wire{n}",
                                 published_at="2025-03-07"), f)
        text = "ارتفع سهم إعمار المدينة الاقتصادية في مدينة الملك عبدالله الاقتصادية بنسبة 4% عند الإغلاق."
        f = Facts("ar-wire", "ar", text, extractors={"t": "1"})
        f.events.append(Event("stock_move", 0, len(text), {"subject": "Emaar The Economic City",
                                                            "change_pct": 4.0, "measure": "close"}, "t", text))
        s.add_facts(Document("ar-wire", text, "ar", title="إعمار المدينة الاقتصادية", source="wire-ar",
                             published_at="2025-09-20"), f)
    return path


@pytest.fixture(scope="module")
def store(db):
    from marsad.store import open_store

    with open_store(db, read_only=True) as s:
        yield s


def test_new_claims_by_size_with_their_sources_and_no_flagged_facts(store):
    from marsad.report import SIZED, build_report

    r = build_report(store, "2025-01-01")
    assert r.documents == 24 and not r.empty
    usd = [c.usd for c in r.claims]
    assert usd == sorted(usd, reverse=True) and len(r.claims) == min(20, r.totals["claims"])
    assert {c.type for c in r.claims} <= set(SIZED)
    # flagged facts stay out, as on the leaderboard: DataVolt's flagged $600 bn is no claim here
    assert any(c["subject"] == "DataVolt" and c["usd"] == 600e9 and c["flagged"]
               for c in store.all_claims(include_flagged=True))
    assert not any(c.subject == "DataVolt" and c.usd == 600e9 for c in r.claims)
    unflagged = {c["claim_id"]: c for c in store.all_claims()}
    assert all(not unflagged[c.claim_id]["flagged"] for c in r.claims)
    for c in r.claims:
        assert c.first_reported >= "2025-01-01" and c.sources
        for s in c.sources:
            assert s.href == f"/documents/{s.doc}" and s.evidence and s.title and s.date
    # one fact stated by two articles is one claim with both sources, the earlier first
    ali = next(c for c in r.claims if c.subject == "Alibaba Group" and c.usd == 53e9)
    assert ali.first_reported == "2025-08-01" and [s.date for s in ali.sources] == ["2025-08-01", "2025-09-24"]
    assert any("علي بابا" in (s.evidence or "") for s in ali.sources)


def test_the_period_bounds_every_section(store):
    from marsad.report import build_report

    r = build_report(store, "2025-08-01", "2025-09-30")
    assert r.documents == 4
    assert any(c.subject == "Alibaba Group" and c.usd == 53e9 for c in r.claims)
    assert all("2025-08-01" <= c.first_reported <= "2025-09-30" for c in r.claims + r.announcements)
    assert all("2025-08-01" <= m.date <= "2025-09-30" for m in r.moves)
    assert {a.date for a in r.articles} <= {"2025-08-01", "2025-08-12", "2025-09-20", "2025-09-24"}
    # a claim first reported before the period is not new in it
    later = build_report(store, "2025-09-01", "2025-09-30")
    assert not any(c.usd == 53e9 for c in later.claims)


def test_largest_moves_conflicts_and_the_most_important_articles(store):
    from marsad.report import build_report

    r = build_report(store, "2025-01-01", "2025-12-31")
    changes = [abs(m.change_pct) for m in r.moves]
    assert changes == sorted(changes, reverse=True) and r.moves[0].sources[0].evidence
    (x,) = [x for x in r.conflicts if x.subject == "Alibaba Group"]
    assert x.type == "stock_move" and {x.value_a, x.value_b} == {3.0, -2.0}
    assert {s.title for s in x.sources_a + x.sources_b} == {"Alibaba close, wire 0", "Alibaba close, wire 1"}
    # most important: the largest investment or acquisition stated, then the number of facts
    keys = [(a.largest_usd or 0, a.events) for a in r.articles]
    assert keys == sorted(keys, reverse=True) and len(r.articles) == 8
    seed = next(a for a in r.articles if a.title.startswith("علي بابا"))
    assert seed.lang == "ar" and 3 <= len(seed.key_points) <= 5
    assert any("علي بابا" in p for p in seed.key_points)


def test_topic_and_an_empty_period(store):
    from marsad.report import build_report

    chips = build_report(store, "2025-01-01", topic="chips")
    assert chips.claims and all("chips" in c.topics for c in chips.claims)
    empty = build_report(store, "2030-01-01", "2030-12-31")
    assert empty.empty and empty.documents == 0 and empty.to_dict()["empty"] is True


@pytest.mark.parametrize("since, until, words", [("2025-13-01", None, "is not a date"),
                                                 ("yesterday", None, "YYYY-MM-DD"),
                                                 ("2025-09-30", "2025-09-01", "before since")])
def test_bad_dates_are_coded_errors(store, since, until, words):
    from marsad.errors import ReportError
    from marsad.report import build_report

    with pytest.raises(ReportError) as e:
        build_report(store, since, until)
    assert e.value.code == "M701" and words in str(e.value)


# -- the command line ------------------------------------------------------------------------
def test_cli_writes_html_and_says_what_it_wrote(db, tmp_path):
    out = tmp_path / "brief.html"
    r = run("report", "--since", "2025-08-01", "--until", "2025-09-30", "--out", str(out), "--db", db)
    assert r.returncode == 0, r.stderr
    assert f"wrote {out}" in r.stderr and "4 articles in the period" in r.stderr
    html = out.read_text("utf-8")
    assert html.startswith("<!doctype html>") and 'dir="ltr"' in html and "<svg" in html
    assert "New claims by size" in html and "علي بابا" in html and "/static/" not in html
    ar = tmp_path / "brief-ar.html"
    r = run("report", "--since", "2025-08-01", "--lang", "ar", "--out", str(ar), "--db", db)
    assert r.returncode == 0, r.stderr
    assert '<html lang="ar" dir="rtl">' in ar.read_text("utf-8")


def test_cli_default_out_name_and_article_links_with_a_base_url(db, tmp_path):
    r = run("report", "--since", "2025-09-01", "--base-url", "http://127.0.0.1:8000", "--db", db, cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    html = (tmp_path / "marsad-report-2025-09-01.html").read_text("utf-8")
    assert re.search(r'href="http://127\.0\.0\.1:8000/documents/\d+"', html)


def test_cli_an_empty_period_still_writes_a_report_that_says_so(db, tmp_path):
    out = tmp_path / "empty.html"
    r = run("report", "--since", "2030-01-01", "--until", "2030-01-31", "--out", str(out), "--db", db)
    assert r.returncode == 0, r.stderr
    assert "[M706] nothing was reported in 2030-01-01 – 2030-01-31" in r.stderr
    assert "Nothing was reported in this period" in out.read_text("utf-8")


@pytest.mark.parametrize("args, code, words", [
    (["--since", "2025-02-30"], "M701", "'2025-02-30' is not a date"),
    (["--since", "2025-09-30", "--until", "2025-01-01"], "M701", "is before since"),
    (["--since", "2025-01-01", "--out", "/nonexistent-folder/r.html"], "M703", "does not exist"),
    (["--since", "2025-01-01", "--out", "{tmp}"], "M703", "is a folder"),
    (["--since", "2025-01-01", "--topic", "a b"], "M702", "--topic"),
])
def test_cli_errors_are_coded_one_liners(db, tmp_path, args, code, words):
    args = [a.replace("{tmp}", str(tmp_path)) for a in args]
    r = run("report", *args, "--db", db, cwd=tmp_path)
    assert r.returncode == 2, r.stderr
    assert f"[{code}]" in r.stderr and words in r.stderr and "Traceback" not in r.stderr
    assert not list(tmp_path.glob("marsad-report-*"))


def test_cli_without_a_pdf_engine_says_how_to_get_one(db, tmp_path):
    out = tmp_path / "r.pdf"
    r = run("report", "--since", "2025-09-01", "--format", "pdf", "--out", str(out), "--db", db,
            env={"MARSAD_CHROMIUM": str(tmp_path / "no-chromium")})
    assert r.returncode == 2 and "[M704] no PDF engine" in r.stderr and "marsad[pdf]" in r.stderr
    assert "Traceback" not in r.stderr and not out.exists()


# -- the web page ----------------------------------------------------------------------------
@pytest.fixture(scope="module")
def server(db, tmp_path_factory):
    """The app over a copy of the store (this process holds the store open read-only already,
    and DuckDB refuses a second connection of another configuration to one file)."""
    from marsad.api import create_app

    copy = tmp_path_factory.mktemp("report-web") / "r.duckdb"
    shutil.copyfile(db, copy)
    with ServerThread(create_app(str(copy), token="")) as srv:
        yield srv


def test_report_page_is_the_same_report_with_links_and_a_nav_entry(server):
    with http_client(server.url) as c:
        r = c.get("/report", params={"since": "2025-08-01", "until": "2025-09-30"})
        assert r.status_code == 200
        html = r.text
        assert '<a href="/report" aria-current="page">' in html and 'id="report-claims"' in html
        assert 'From <bdi dir="ltr">2025-08-01</bdi> to <bdi dir="ltr">2025-09-30</bdi>' in html and re.search(r'href="/documents/\d+"', html)
        assert 'name="since" value="2025-08-01"' in html
        # without a period: the last 30 days up to the newest article
        assert ('From <bdi dir="ltr">2025-08-26</bdi> to <bdi dir="ltr">2025-09-24</bdi>'
                in c.get("/report", params={"lang": "en"}).text)
        assert 'href="/report"' in c.get("/moves").text
        empty = c.get("/report", params={"since": "2031-01-01"})
        assert empty.status_code == 200 and 'id="report-empty"' in empty.text
        bad = c.get("/report", params={"since": "2025-02-30"})
        assert bad.status_code == 422 and "[M701]" in bad.text
        # in Arabic (last: the page remembers the language in a cookie)
        ar = c.get("/report", params={"since": "2025-08-01", "lang": "ar"}).text
        assert 'id="report" lang="ar" dir="rtl"' in ar


# -- the PDF ---------------------------------------------------------------------------------
def _pdf_tools():
    missing = [p for p in ("/usr/bin/chromium",) if not Path(p).exists()]
    missing += [t for t in ("pdftotext", "pdfinfo") if shutil.which(t) is None]
    if not Path("/usr/share/fonts/truetype/noto/NotoNaskhArabic-Regular.ttf").exists():
        missing.append("fonts-noto-core")
    if missing:
        if os.environ.get("CI"):
            pytest.fail(f"{missing} required in CI (scripts/setup-test-env.sh installs them)")
        pytest.skip(f"{missing} not installed (scripts/setup-test-env.sh)")


def _text(pdf: Path) -> str:
    out = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    return re.sub(r"\s+", " ", BIDI_MARKS.sub("", out))


def _pdf(db: str, out: Path, since: str, until: str, lang: str) -> str:
    r = run("report", "--since", since, "--until", until, "--format", "pdf", "--lang", lang, "--out", str(out),
            "--db", db)
    assert r.returncode == 0, r.stderr
    assert out.read_bytes()[:5] == b"%PDF-"
    info = subprocess.run(["pdfinfo", str(out)], capture_output=True, text=True, check=True).stdout
    assert int(re.search(r"Pages:\s+(\d+)", info).group(1)) >= 1
    return _text(out)


def _seed_phrases(db: str) -> list[str]:
    from marsad.report import build_report
    from marsad.store import open_store

    with open_store(db, read_only=True) as s:
        rep = build_report(s, "2025-09-01", "2025-09-30")
    points = next(a.key_points for a in rep.articles if a.title.startswith("علي بابا"))
    phrases = [p for point in points for p in _phrases(point) if len(p.split()) >= 3]
    assert len(phrases) >= 10
    return phrases


@pytest.mark.browser
@pytest.mark.parametrize("lang", ["en", "ar"])
def test_pdf_text_has_the_arabic_of_the_seed_in_logical_order(db, tmp_path, lang):
    """September 2025 is the seed article alone: every Arabic phrase of its key points comes out of
    pdftotext whole, its words and letters in reading order."""
    _pdf_tools()
    text = _pdf(db, tmp_path / f"report-{lang}.pdf", "2025-09-01", "2025-09-30", lang)
    from marsad.i18n import gettext

    for heading in ("Briefing report", "Key points of the most important articles"):
        assert gettext(heading, lang) in text
    # the company's Arabic name as one string; lam-alef (Noto Naskh Arabic) as لا, not turned around
    assert "مجموعة علي بابا" in text
    assert "الذكاء الاصطناعي" in text and "االصطناعي" not in text and "دوالر" not in text
    # and no ligature for الله, which pdftotext would turn around too ("عبداهلل")
    assert "مدينة الملك عبدالله الاقتصادية" in text and "هلل" not in text
    missing = [p for p in _seed_phrases(db) if p not in text]
    assert not missing, missing


@pytest.mark.browser
def test_pdf_text_of_a_mixed_period_keeps_each_arabic_run_in_order(db, tmp_path):
    """With English articles beside the Arabic ones, pdftotext lays a line that mixes Arabic and
    figures out by the page's majority script (poppler counts the page's letters): an Arabic phrase
    is then whole, or in two parts, each in reading order, where a line with a figure wraps."""
    _pdf_tools()
    text = _pdf(db, tmp_path / "mixed.pdf", "2025-08-01", "2025-09-30", "en")
    assert "New claims by size" in text and "مجموعة علي بابا" in text and "االصطناعي" not in text
    for p in _seed_phrases(db):
        w = p.split()
        assert p in text or any(" ".join(w[:k]) in text and " ".join(w[k:]) in text for k in range(1, len(w))), p


def _phrases(text: str) -> list[str]:
    """Runs of Arabic words made of letters only: figures, Latin, punctuation and words with marks
    (tanween, damma: poppler moves them) end a run. pdftotext lays a line that mixes scripts out by
    the page's majority script, so only the runs between them are sure to be in reading order."""
    out, run_ = [], []
    for tok in text.split():
        if WORD.fullmatch(tok):
            run_.append(tok)
        else:
            out.append(" ".join(run_))
            run_ = []
    out.append(" ".join(run_))
    return [p for p in out if p]


@pytest.mark.browser
@pytest.mark.slow
@pytest.mark.parametrize("lang", ["en", "ar"])
def test_report_page_in_a_browser(server, lang):
    """The page under the site's Content-Security-Policy: no console error, nothing fetched from
    elsewhere, the charts drawn; a screenshot goes to var/screenshots/."""
    from web_server import SCREENSHOTS

    if not Path("/usr/bin/chromium").exists():
        if os.environ.get("CI"):
            pytest.fail("/usr/bin/chromium is required in CI (scripts/setup-test-env.sh installs it)")
        pytest.skip("/usr/bin/chromium not installed")
    from playwright.sync_api import sync_playwright

    args = ["--headless=new", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking"]
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path="/usr/bin/chromium", args=args)
        try:
            pg = b.new_page(viewport={"width": 1300, "height": 1000})
            pg.set_default_timeout(300_000)
            errors, offsite = [], []
            pg.on("console", lambda m: m.type == "error" and errors.append(m.text))
            pg.on("pageerror", lambda e: errors.append(str(e)))
            pg.route("**/*", lambda r: r.continue_() if r.request.url.startswith(server.url)
                     else (offsite.append(r.request.url), r.abort()))
            pg.goto(f"{server.url}/report?since=2025-08-01&until=2025-09-30&lang={lang}")
            assert pg.locator("#report").get_attribute("dir") == ("rtl" if lang == "ar" else "ltr")
            assert pg.locator("#report-claims svg.chart rect").count() >= 3
            assert pg.locator("#report-moves svg.chart circle").count() >= 3
            assert pg.locator("#report-articles .article-points li").count() >= 3
            SCREENSHOTS.mkdir(parents=True, exist_ok=True)
            pg.screenshot(path=str(SCREENSHOTS / f"report-page-{lang}.png"))
            assert errors == [] and offsite == []
        finally:
            b.close()


def test_the_same_report_on_duckdb_and_postgresql(store_url, samples):
    """The report's own SQL (documents of the period, key points) runs on both engines."""
    from marsad.report import build_report
    from marsad.store import open_store

    with open_store(store_url) as s:
        for d, f in samples:
            s.add_facts(d, f)
        r = build_report(s, "2025-01-01", "2025-03-31")
        assert r.documents == 4 and s.kind in ("duckdb", "postgres")
    assert [(c.subject, c.usd) for c in r.claims] == [("Microsoft", 80e9), ("Alibaba Group", 53e9),
                                                      ("Tencent Holdings", 10e9)]
    ali = r.claims[1]
    assert [s.date for s in ali.sources] == ["2025-02-24", "2025-02-25"]
    assert [m.change_pct for m in r.moves] == [6.34, -2.5]
    assert [a.largest_usd for a in r.articles][:1] == [80e9]
    assert {c.type for c in r.announcements} == {"supply_deal", "product_launch"}
