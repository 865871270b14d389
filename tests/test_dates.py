"""Publication dates (issue 12, item 12): the common written forms become ISO 8601, in the
reader, so the store's day and year, and the FX year, come from the article."""
from __future__ import annotations

import json

import pytest

import marsad
from marsad import dates
from marsad.read import iter_documents

FORMS = [
    # Arabic month names: Gregorian transliterations, Syriac (Levant, Iraq), Maghreb
    ("30 نوفمبر 2025", "2025-11-30"),
    ("٣٠ نوفمبر ٢٠٢٥", "2025-11-30"),
    ("30 تشرين الثاني 2025", "2025-11-30"),
    ("الأحد، 30 تشرين الثاني 2025", "2025-11-30"),
    ("1 كانون الثاني 2024", "2024-01-01"),
    ("15 كانون الأول 2024", "2024-12-15"),
    ("5 آب 2024", "2024-08-05"),
    ("12 جوان 2025", "2025-06-12"),
    ("نشر في: 30 نوفمبر 2025م", "2025-11-30"),
    ("30 نوفمبر 2025 الساعة 14:05", "2025-11-30T14:05:00"),
    ("الأحد 9 جمادى الآخرة 1447 هـ الموافق 30 نوفمبر 2025 م", "2025-11-30"),
    # English
    ("Nov 30, 2025", "2025-11-30"),
    ("November 30th, 2025", "2025-11-30"),
    ("30 Nov 2025", "2025-11-30"),
    ("30th of November 2025", "2025-11-30"),
    ("Sunday, November 30, 2025 2:05 PM EST", "2025-11-30T14:05:00-05:00"),
    ("March 2024", "2024-03"),
    # numeric
    ("2025/11/30", "2025-11-30"),
    ("2025-11-30", "2025-11-30"),
    ("30/11/2025", "2025-11-30"),
    ("11/30/2025", "2025-11-30"),
    ("30.11.2025", "2025-11-30"),
    # RFC 822 feed dates, ISO times, and the corpus' "YYYY-MM-DD HH:MM TZ"
    ("Sun, 30 Nov 2025 14:05:00 GMT", "2025-11-30T14:05:00+00:00"),
    ("Tue, 03 Jun 2025 08:00:00 +0300", "2025-06-03T08:00:00+03:00"),
    ("Sun, 30 Nov 25 14:05:00 GMT", "2025-11-30T14:05:00+00:00"),
    ("Fri, 20 Oct 06 16:25 EDT", "2006-10-20T16:25:00-04:00"),
    ("2025-11-30T14:05:00Z", "2025-11-30T14:05:00+00:00"),
    ("2006-10-20 16:25 EDT", "2006-10-20T16:25:00-04:00"),
    ("2015-07-21 02:47:05", "2015-07-21T02:47:05"),
]


@pytest.mark.parametrize("value,iso", FORMS, ids=[f[0] for f in FORMS])
def test_common_forms_become_iso(value, iso):
    assert dates.parse(value) == iso


@pytest.mark.parametrize("value", ["Nov 31, 2025", "30/13/2025", "2025-02-30", "nonsense", "", "2025",
                                   "Q3 2025", "30 نوفمبر", "the 30 billion dollars of 2025",
                                   "30 Nov 25"])
def test_impossible_or_partial_dates_are_not_read(value):
    assert dates.parse(value) is None


def test_unreadable_value_is_kept_so_a_year_still_counts():
    assert dates.published_at("2025") == "2025"
    assert dates.published_at("FY2025 Q3") == "FY2025 Q3"
    assert dates.published_at(None) is None


def test_date_line_at_the_top_of_a_text():
    assert dates.from_text("Title of the story\n\nPublished: Nov 30, 2025\n\nBody on 1 Dec 2025.") == "2025-11-30"
    assert dates.from_text("عنوان الخبر\n\nالأحد 30 نوفمبر 2025\n\nالرياض - ...") == "2025-11-30"
    # a date inside a sentence is not the publication date
    assert dates.from_text("Title\n\nThe company said on Nov 30, 2025 that it would buy...") is None
    # too far down
    assert dates.from_text("\n".join(["line"] * 10 + ["Nov 30, 2025"])) is None


def test_reader_parses_dates_of_every_source(tmp_path):
    (tmp_path / "a.jsonl").write_text(
        json.dumps({"id": "rss", "text": "Nvidia rose 3%.", "date": "Sun, 30 Nov 2025 14:05:00 GMT"}) + "\n"
        + json.dumps({"id": "ar", "text": "ارتفع السهم 3%.", "published_at": "30 تشرين الثاني 2025"}) + "\n"
        + json.dumps({"id": "y", "text": "Nvidia rose 3%.", "date": "2025"}) + "\n",
        encoding="utf-8")
    (tmp_path / "b.txt").write_text("عنوان\n\n30 نوفمبر 2025\n\nارتفع سهم إنفيديا 3%.", encoding="utf-8")
    (tmp_path / "c.txt").write_text("No date here. Nvidia rose 3%.", encoding="utf-8")
    got = {d.doc_id: d.published_at for d in iter_documents([str(tmp_path)])}
    assert got == {"rss": "2025-11-30T14:05:00+00:00", "ar": "2025-11-30", "y": "2025",
                   "b": "2025-11-30", "c": None}


def test_fx_year_follows_the_parsed_date(tmp_path):
    (tmp_path / "d.txt").write_text("Published: 5 March 2016\n\nAramco will invest 10 billion euros.",
                                    encoding="utf-8")
    doc = next(iter(iter_documents([str(tmp_path / "d.txt")])))
    q = next(q for q in marsad.extract_document(doc).quantities if q.kind == "money")
    assert q.fx["year"] == 2016 and q.fx["year_basis"] == "published_at"


def test_demo_articles_have_dates():
    from pathlib import Path

    root = Path(__file__).resolve().parents[1] / "dev"
    docs = list(iter_documents([str(root / "ar" / "docs"), str(root / "en" / "docs")]))
    assert docs and all(d.published_at and d.published_at[:4] in ("2024", "2025") for d in docs), \
        [(d.doc_id, d.published_at) for d in docs if not d.published_at]


def test_readme_example_returns_rows_on_the_demo_articles(tmp_path):
    """README: `marsad query investments --country China --year 2025 --by-company` after `make demo`."""
    from pathlib import Path

    from typer.testing import CliRunner

    from marsad.cli import app

    root = Path(__file__).resolve().parents[1] / "dev"
    db = str(tmp_path / "demo.duckdb")
    runner = CliRunner()
    r = runner.invoke(app, ["ingest", str(root / "ar" / "docs"), str(root / "en" / "docs"), "--db", db])
    assert r.exit_code == 0, r.output
    r = runner.invoke(app, ["query", "investments", "--country", "China", "--year", "2025", "--by-company",
                            "--db", db, "--format", "json"])
    assert r.exit_code == 0, r.output
    rows = json.loads(r.output)
    assert rows and all(row["first_reported"].startswith("2025") for row in rows), rows


def test_fx_year_from_a_date_given_to_the_library():
    """``marsad.extract(..., published_at=...)`` skips the reader: the FX year still comes from the date."""
    f = marsad.extract("Aramco will invest 10 billion euros.", published_at="Sun, 30 Nov 16 14:05:00 GMT")
    q = next(q for q in f.quantities if q.kind == "money")
    assert q.fx["year"] == 2016
