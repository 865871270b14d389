"""``marsad export --format xlsx`` and the view CSVs: real cells, links, right-to-left Arabic
sheets, frozen headers and filters, Excel's row limit, the Excel CSV dialect, and the same
rows as ``--format csv`` once LibreOffice has read the workbook; the pages' download links."""
from __future__ import annotations

import csv
import datetime as dt
import io
import math
import os
import re
import shutil
import subprocess
from pathlib import Path

import openpyxl
import pytest
from typer.testing import CliRunner

from marsad.cli import app
from marsad.store import open_store
from marsad.store import sheets as S
from web_server import fill_store

runner = CliRunner()
URL = "https://news.example.com/story?id=1&x=2"
TITLE = '=HYPERLINK("http://evil.example","x") Nvidia to invest in Intel'
SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")


def extra_documents():
    """One article whose source is a URL and whose title looks like a formula, and two reports
    of one close that disagree (a conflict)."""
    from marsad.model import Document

    return [Document(doc_id="url-story", source=URL, title=TITLE, published_at="2025-10-02", lang="en",
                     text="Nvidia will invest $5 billion in Intel, the companies said on Thursday, sending "
                          "Intel shares up 23% to $30.57."),
            Document(doc_id="close-a", source="wire-a", title="Intel closes higher", published_at="2025-10-03",
                     lang="en", text="Intel shares closed up 5% at $24.10 on Friday after the chipmaker "
                                     "raised its forecast."),
            Document(doc_id="close-b", source="wire-b", title="Intel jumps", published_at="2025-10-03", lang="en",
                     text="Shares of Intel closed 7% higher at $24.60 on Friday, after the company raised "
                          "its outlook.")]


def fill(url: str) -> None:
    import marsad

    fill_store(url)
    with open_store(url) as s:
        for d in extra_documents():
            s.add_facts(d, marsad.extract_document(d))
        assert s.conflicts()


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    """The seed and dev articles, and the extra documents."""
    path = str(tmp_path_factory.mktemp("xlsx") / "x.duckdb")
    fill(path)
    return path


def invoke(*args: str):
    r = runner.invoke(app, list(args), catch_exceptions=False)
    assert r.exit_code == 0, r.output
    return r


@pytest.fixture(scope="module")
def books(db, tmp_path_factory):
    out = tmp_path_factory.mktemp("books")
    paths = {}
    for lang in ("en", "ar"):
        paths[lang] = str(out / f"marsad-{lang}.xlsx")
        invoke("export", "--format", "xlsx", "--lang", lang, "--out", paths[lang], "--db", db)
    return paths


def _sheet(wb, view: str, lang: str):
    return wb[S.sheet_name(view, lang, S.Filters())]


def _col(ws, header: str) -> int:
    return [c.value for c in ws[1]].index(header) + 1


def test_cells_are_numbers_and_dates_with_links_frozen_headers_and_filters(books):
    wb = openpyxl.load_workbook(books["en"])
    assert [ws.title for ws in wb.worksheets] == ["AI investments", "Investments by company", "Stock moves",
                                                  "Claims", "Conflicts", "Facts"]
    for ws in wb.worksheets:
        assert ws.freeze_panes == "A2"
        assert ws.auto_filter.ref == f"A1:{openpyxl.utils.get_column_letter(ws.max_column)}{ws.max_row}"
        assert not ws.sheet_view.rightToLeft
        assert all(c.font.b for c in ws[1])
    inv = _sheet(wb, "investments", "en")
    assert inv.max_row > 5
    for row in inv.iter_rows(min_row=2):
        usd = row[_col(inv, "USD") - 1]
        assert usd.data_type == "n" and isinstance(usd.value, (int, float)) and usd.value > 0
        assert usd.number_format == "#,##0"
        amount = row[_col(inv, "Amount as stated") - 1]
        assert isinstance(amount.value, (int, float)) and amount.value > 0
        assert re.fullmatch(r"[A-Z]{3}", row[_col(inv, "Currency as stated") - 1].value)
        first = row[_col(inv, "First reported") - 1]
        assert isinstance(first.value, dt.datetime) and first.is_date
        title, link = row[_col(inv, "Source title") - 1], row[_col(inv, "Link") - 1]
        assert title.hyperlink is not None and title.hyperlink.target == link.value
        assert row[_col(inv, "Evidence") - 1].value
    moves = _sheet(wb, "moves", "en")
    pct = [r[_col(moves, "Change (%)") - 1] for r in moves.iter_rows(min_row=2)]
    assert pct and all(c.data_type == "n" for c in pct) and "%" in pct[0].number_format
    conflicts = _sheet(wb, "conflicts", "en")
    row = next(conflicts.iter_rows(min_row=2))
    a, b = row[_col(conflicts, "One source says") - 1], row[_col(conflicts, "Another says") - 1]
    assert {a.value, b.value} == {5, 7} and "%" in a.number_format and a.data_type == "n"
    assert row[_col(conflicts, "Source title (one source)") - 1].hyperlink.target.startswith("http://127.0.0.1:8000/")
    facts = _sheet(wb, "events", "en")
    days = [r[0].value for r in facts.iter_rows(min_row=2)]
    assert all(isinstance(d, dt.datetime) for d in days)
    assert days == sorted(days, reverse=True)  # newest first


def test_links_go_to_the_article_url_or_its_page(books):
    wb = openpyxl.load_workbook(books["en"])
    facts = _sheet(wb, "events", "en")
    links = {r[_col(facts, "Source title") - 1].value: r[_col(facts, "Source title") - 1].hyperlink.target
             for r in facts.iter_rows(min_row=2)}
    assert links[TITLE] == URL
    assert all(re.fullmatch(r"http://127\.0\.0\.1:8000/documents/\d+", t) for k, t in links.items() if k != TITLE)
    cell = next(r[_col(facts, "Source title") - 1] for r in facts.iter_rows(min_row=2)
                if r[_col(facts, "Source title") - 1].value == TITLE)
    assert cell.data_type == "s"  # text that looks like a formula stays text


def test_arabic_workbook_is_right_to_left_with_arabic_headers(books):
    wb = openpyxl.load_workbook(books["ar"])
    labels = S.labels()
    assert [ws.title for ws in wb.worksheets][0] == labels["sheets"]["investments_ai"]["ar"]
    for ws in wb.worksheets:
        assert ws.sheet_view.rightToLeft is True
        assert ws.freeze_panes == "A2" and ws.auto_filter.ref
        heads = [c.value for c in ws[1]]
        assert all(re.search(r"[\u0600-\u06ff]", h) for h in heads if h != "#"), heads
    inv = _sheet(wb, "investments", "ar")
    usd = inv.cell(row=2, column=_col(inv, labels["columns"]["usd"]["ar"]))
    assert usd.data_type == "n"
    evidence = [r[_col(inv, labels["columns"]["evidence"]["ar"]) - 1].value for r in inv.iter_rows(min_row=2)]
    assert any(re.search(r"[\u0600-\u06ff]", e or "") for e in evidence)


def test_a_view_longer_than_a_sheet_continues_on_another(db, tmp_path):
    from marsad.store.xlsx import write_workbook

    out = str(tmp_path / "long.xlsx")
    with open_store(db, read_only=True) as s:
        n = sum(1 for _ in S.rows(s, "events"))
        notes = write_workbook(s, out, ["events"], max_rows=101)
    wb = openpyxl.load_workbook(out)
    names = [ws.title for ws in wb.worksheets]
    assert names[:3] == ["Facts", "Facts (2)", "Facts (3)"] and len(names) == math.ceil(n / 100)
    assert sum(ws.max_row - 1 for ws in wb.worksheets) == n
    assert all(ws["A1"].value == "Date" and ws.freeze_panes == "A2" for ws in wb.worksheets)
    assert len(notes) == len(names) - 1 and "continued on sheet 'Facts (2)'" in notes[0]


def test_excel_csv_has_a_bom_crlf_and_arabic_round_trips(db, books, tmp_path):
    r = invoke("export", "--format", "csv", "--excel", "--view", "investments", "--view", "events",
               "--lang", "ar", "--out", str(tmp_path), "--db", db)
    assert "investments.csv" in r.output
    raw = (tmp_path / "investments.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf") and b"\r\n" in raw and b"\n" not in raw.replace(b"\r\n", b"")
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"), newline="")))
    labels = S.labels()["columns"]
    assert rows[0][1] == labels["company"]["ar"] == "الشركة"
    wb = openpyxl.load_workbook(books["ar"])
    inv = _sheet(wb, "investments", "ar")
    ev = _col(inv, labels["evidence"]["ar"])
    sheet_evidence = [r[ev - 1].value for r in inv.iter_rows(min_row=2)]
    assert [r[ev - 1] for r in rows[1:]] == sheet_evidence
    assert any("مليار" in e for e in sheet_evidence)
    with open(tmp_path / "events.csv", encoding="utf-8-sig", newline="") as fh:
        cells = {v for row in csv.reader(fh) for v in row}
    assert "'" + TITLE in cells and TITLE not in cells  # Excel would run it as a formula: defused
    plain = invoke("export", "--format", "csv", "--view", "events", "--out", str(tmp_path / "plain"), "--db", db)
    text = (tmp_path / "plain" / "events.csv").read_bytes()
    assert not text.startswith(b"\xef\xbb\xbf") and b"\r\n" not in text and plain.exit_code == 0


def test_table_csv_in_excel_dialect(db, tmp_path):
    invoke("export", "--format", "csv", "--excel", "--table", "events", "--out", str(tmp_path), "--db", db)
    raw = (tmp_path / "events.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf") and b"\r\n" in raw
    assert any("مليار" in r[-2] for r in csv.reader(io.StringIO(raw.decode("utf-8-sig"), newline="")))


@pytest.mark.parametrize("args, message", [
    (["--format", "xlsx", "--out", "-"], "not stdout"),
    (["--format", "xlsx", "--out", "x.csv"], "*.xlsx"),
    (["--format", "xlsx", "--view", "nope", "--out", "x.xlsx"], "unknown view 'nope'"),
    (["--format", "xlsx", "--lang", "fr", "--out", "x.xlsx"], "unknown language"),
    (["--format", "parquet", "--excel", "--out", "x"], "CSV option"),
    (["--format", "xlsx", "--table", "events", "--out", "x.xlsx"], "--table"),
])
def test_bad_export_options_are_coded_errors(db, tmp_path, args, message):
    from marsad.errors import StoreError

    r = runner.invoke(app, ["export", *args, "--db", db])  # marsad.cli.main prints it as one line
    assert isinstance(r.exception, StoreError) and r.exception.code == "M310", r.exception
    assert message in str(r.exception)


def test_help_documents_xlsx_views_and_the_excel_dialect():
    out = runner.invoke(app, ["export", "--help"], env={"COLUMNS": "200"}).output
    for word in ("xlsx", "--view", "--excel", "byte-order mark", "--lang", "right-to-left"):
        assert word in out, word


def _libreoffice_csvs(xlsx: str, out: Path) -> dict[str, Path]:
    """Every sheet of ``xlsx`` as CSV, converted by LibreOffice headless: {sheet name: path}."""
    if not SOFFICE:
        if os.environ.get("CI"):
            pytest.fail("LibreOffice is required in CI (scripts/setup-test-env.sh installs it)")
        pytest.skip("LibreOffice not installed (apt-get install libreoffice-calc-nogui)")
    # UTF-8, comma, ", first line 1, raw values (not as shown), every sheet (-1)
    flt = "csv:Text - txt - csv (StarCalc):44,34,76,1,,1033,false,true,false,false,false,-1"
    profile = out / "profile"
    subprocess.run([SOFFICE, f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", flt,
                    "--outdir", str(out), xlsx], check=True, capture_output=True, timeout=600)
    stem = Path(xlsx).stem
    return {p.name[len(stem) + 1:-4]: p for p in out.glob(f"{stem}-*.csv")}


def _cells(path: Path) -> list[list]:
    def norm(v: str):
        try:
            return float(v)
        except ValueError:
            return v
    with open(path, encoding="utf-8-sig", newline="") as fh:
        return [[norm(v) for v in row] for row in csv.reader(fh)]


def assert_same_rows(a: list[list], b: list[list]) -> None:
    assert len(a) == len(b)
    for x, y in zip(a, b):
        assert len(x) == len(y), (x, y)
        for p, q in zip(x, y):
            if isinstance(p, float) and isinstance(q, float):
                assert math.isclose(p, q, rel_tol=1e-12, abs_tol=1e-9), (p, q, x)
            else:
                assert p == q, (p, q, x)


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_libreoffice_reads_the_same_rows_as_the_csv_export(db, books, tmp_path, lang):
    sheets = _libreoffice_csvs(books[lang], tmp_path / "lo")
    invoke("export", "--format", "csv", *[a for v in S.VIEWS for a in ("--view", v)], "--lang", lang,
           "--out", str(tmp_path / "csv"), "--db", db)
    f = S.Filters()
    assert set(sheets) == {S.sheet_name(v, lang, f) for v in S.VIEWS}
    for view in S.VIEWS:
        ours = _cells(tmp_path / "csv" / f"{view}.csv")
        assert len(ours) > 1
        assert_same_rows(_cells(sheets[S.sheet_name(view, lang, f)]), ours)


def test_download_links_on_the_pages_give_the_views_as_xlsx(db):
    from fastapi.testclient import TestClient

    from marsad.api import create_app

    expect = {"/investments": ["AI investments", "Investments by company"], "/moves": ["Stock moves"],
              "/conflicts": ["Conflicts", "Claims"],
              "/companies/Alibaba%20Group": [S.sheet_name(v, "en", S.Filters()) for v in S.VIEWS]}
    with TestClient(create_app(db, token="", allowed_hosts=["testserver"])) as client:
        for page, names in expect.items():
            html = client.get(page).text
            href = re.search(r'id="download-xlsx" href="([^"]+)"', html).group(1).replace("&amp;", "&")
            assert href.startswith("/api/export.xlsx?")
            r = client.get(href)
            assert r.status_code == 200, r.text
            assert r.headers["content-type"].startswith("application/vnd.openxmlformats-officedocument.spreadsheetml")
            assert "attachment" in r.headers["content-disposition"]
            wb = openpyxl.load_workbook(io.BytesIO(r.content))
            assert [ws.title for ws in wb.worksheets] == names, page
        one = client.get("/api/export.xlsx?company=Alibaba+Group&view=claims")
        one = openpyxl.load_workbook(io.BytesIO(one.content))
        every = openpyxl.load_workbook(io.BytesIO(client.get("/api/export.xlsx?view=claims").content))
        subjects = [r[1].value for r in one.worksheets[0].iter_rows(min_row=2)]
        assert "Alibaba Group" in subjects and len(subjects) < every.worksheets[0].max_row - 1
        ar = client.get("/api/export.xlsx?view=moves", headers={"accept-language": "ar,en;q=0.5"})
        ws = openpyxl.load_workbook(io.BytesIO(ar.content)).worksheets[0]
        assert ws.sheet_view.rightToLeft and ws.title == "حركة الأسهم"
        links = {r[_col(ws, "الرابط") - 1].value for r in ws.iter_rows(min_row=2)}
        assert URL in links and any(re.fullmatch(r"http://testserver/documents/\d+", x) for x in links)
        bad = client.get("/api/export.xlsx?view=nope")
        assert bad.status_code == 422 and bad.json()["code"] == "M522"


def _values(path: str) -> dict[str, list[list]]:
    wb = openpyxl.load_workbook(path)
    return {ws.title: [[c.value for c in r] for r in ws.iter_rows()] for ws in wb.worksheets}


@pytest.mark.postgres
def test_postgres_store_gives_the_same_workbook(pg_server, db, tmp_path):
    from marsad.store.xlsx import write_workbook

    url = pg_server.new_database()
    try:
        fill(url)
        for f in (S.Filters(), S.Filters(company="Alibaba", year=2025)):
            books = {}
            for name, where in (("duckdb", db), ("postgres", url)):
                books[name] = str(tmp_path / f"{name}.xlsx")
                with open_store(where, read_only=True) as s:
                    write_workbook(s, books[name], filters=f, lang="ar")
            pg, duck = _values(books["postgres"]), _values(books["duckdb"])
            assert pg == duck and sum(len(v) for v in pg.values()) > len(pg)
    finally:
        pg_server.drop_database(url)


def test_titles_beyond_the_sheets_link_limit_are_text(db, tmp_path, monkeypatch):
    from marsad.store import xlsx

    monkeypatch.setattr(xlsx, "MAX_LINKS", 3)  # Excel's is 65,530 per sheet
    out = str(tmp_path / "links.xlsx")
    with open_store(db, read_only=True) as s:
        xlsx.write_workbook(s, out, ["events"])
    ws = openpyxl.load_workbook(out).worksheets[0]
    t, u = _col(ws, "Source title"), _col(ws, "Link")
    rows = list(ws.iter_rows(min_row=2))
    assert [r[t - 1].hyperlink.target for r in rows[:3]] == [r[u - 1].value for r in rows[:3]]
    assert all(r[t - 1].hyperlink is None and r[t - 1].value and r[u - 1].value for r in rows[3:])
