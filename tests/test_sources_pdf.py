"""PDF input: logical-order Arabic, offsets into the kept text, pages, tables, bad files.

Every PDF is made here from text written here (tests/docmaker.py: reportlab + DejaVu Sans;
Arabic shaped and laid out right to left in visual order, as simple generators write it).
"""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

import docmaker
import marsad
from marsad.sources import SourceDocument, annotate, page_at, page_starts
from marsad.sources import pdf as pdf_reader

SEED = Path(__file__).resolve().parents[2] / "shared" / "eval" / "docs" / "seed-alibaba-ai-ar.txt"
MARSAD = [sys.executable, "-c", "from marsad.cli import main; main()"]

AR = ('أعلنت مجموعة علي بابا عن استثمار أكثر من 50 مليار دولار، وارتفع سهمها بنسبة 6.34% ليصل '
      'إلى 169.4 دولار (وهو أعلى مستوى منذ 2021)، بينما كشفت عن نموذج Qwen3-Max. '
      'وقال الرئيس التنفيذي إيدي وو إن الاستثمار سيصل عالمياً إلى أربعة تريليونات دولار، '
      'وقفزت أسهم ACM Research (Shanghai) Inc بنسبة 15% وNAURA Technology Group Co بنسبة 10%.')
EN = ("Alibaba Group said on Wednesday it would raise its AI spending beyond the 380 billion yuan "
      "($53 billion) plan. Shares jumped 6.34% to HK$169.4, the highest since 2021. Tencent and "
      "Baidu could spend more than $32 billion in 2025, Bloomberg Intelligence estimates.")
EN_TABLE = [["Capex (US$ billion)", "2024", "2025"],
            ["Alibaba", "$12.5 billion", "$20 billion"],
            ["Tencent", "$10.7 billion", "$14 billion"]]
AR_TABLE = [["الإنفاق الرأسمالي", "2024", "2025"],
            ["علي بابا", "12.5 مليار دولار", "20 مليار دولار"],
            ["تينسنت", "10.7 مليار دولار", "14 مليار دولار"]]


def read(path: Path) -> SourceDocument:
    items = list(pdf_reader.read_pdf(path))
    assert len(items) == 1 and isinstance(items[0], SourceDocument), items
    return items[0]


def words(s: str) -> list[str]:
    return s.split()


def fact_keys(d: dict):
    """Facts without offsets (the same facts, wherever the text put them)."""
    ws = " ".join
    q = sorted((x["kind"], x["value"], x.get("unit"), ws(x["text"].split())) for x in d["quantities"])
    e = sorted((x["name"], x["type"], x.get("kb_id"), len(x["mentions"])) for x in d["entities"])
    ev = sorted((x["type"], json.dumps({k: v for k, v in x["args"].items() if not k.endswith("span")},
                                       sort_keys=True, ensure_ascii=False)) for x in d["events"])
    return q, e, ev


@pytest.mark.parametrize("shaping", ["forms", "harfbuzz"])
def test_seed_as_pdf_gives_the_same_facts_as_the_text_with_pages(tmp_path, shaping):
    text = SEED.read_text(encoding="utf-8")
    doc = read(docmaker.make_pdf(tmp_path / "seed.pdf", docmaker.paragraphs(text), shaping=shaping))
    assert doc.pages >= 3 and doc.text.count("\f") == doc.pages - 1
    assert words(doc.text) == words(text)                       # logical order, every word
    from_text = marsad.extract(text, doc_id="seed").to_dict()
    from_pdf = annotate(marsad.extract_document(doc).to_dict(), doc)
    assert fact_keys(from_pdf) == fact_keys(from_text)
    assert len(from_pdf["quantities"]) >= 20 and len(from_pdf["events"]) >= 5
    starts = page_starts(doc.text)
    for q in from_pdf["quantities"]:                           # grounded in the PDF's text
        assert doc.text[q["start"]:q["end"]] == q["text"]
        assert q["page"] == page_at(starts, q["start"])
    for e in from_pdf["entities"]:
        assert len(e["pages"]) == len(e["mentions"])
    pages = {q["page"] for q in from_pdf["quantities"]}
    assert pages == set(range(1, doc.pages + 1))
    # 5.4 billion dollars is on the last page, in the Bloomberg Intelligence paragraph
    q54 = [q for q in from_pdf["quantities"] if q["value"] == 5.4e9]
    assert q54 and q54[0]["page"] == doc.text[:q54[0]["start"]].count("\f") + 1


@pytest.mark.parametrize("shaping", ["forms", "harfbuzz"])
def test_arabic_comes_out_in_logical_order(tmp_path, shaping):
    plain = "وقال المحلل: «النمو سيستمر» خلال 2025–2026، ونمواً ملحوظاً في الأرباح."
    doc = read(docmaker.make_pdf(tmp_path / "ar.pdf", [AR, plain], shaping=shaping))
    assert doc.text == AR + "\n\n" + plain
    f = marsad.extract_document(doc)
    got = {(q.kind, q.value) for q in f.quantities}
    assert {("percent", 6.34), ("percent", 15.0), ("money", 5e10)} <= got


def test_english_pdf_and_cli_json_has_pages(tmp_path):
    path = docmaker.make_pdf(tmp_path / "en.pdf", [EN, None, EN], title="Alibaba lifts AI spending")
    doc = read(path)
    assert doc.text == EN + "\n\f\n" + EN
    assert doc.title == "Alibaba lifts AI spending"
    out = subprocess.run(MARSAD + ["extract", "-f", "jsonl", "--with-text", str(path)],
                         capture_output=True, text=True, check=True).stdout
    d = json.loads(out)
    assert d["source_kind"] == "pdf" and d["pages"] == 2 and d["text"] == doc.text
    assert {q["page"] for q in d["quantities"]} == {1, 2}
    assert all(d["text"][q["start"]:q["end"]] == q["text"] for q in d["quantities"])


def test_two_columns_are_read_one_after_the_other(tmp_path):
    left = "Alibaba said it would raise its AI spending beyond the 380 billion yuan plan; its shares rose 6.34%."
    right = "Tencent and Baidu could spend more than $32 billion in 2025, compared with $13 billion in 2023."
    doc = read(docmaker.make_columns_pdf(tmp_path / "cols.pdf", left, right))
    assert doc.text == left + "\n\n" + right and not doc.cells


@pytest.mark.parametrize("table,intro,lang,shaping", [
    (EN_TABLE, "Chinese tech giants raised their capital spending sharply.", "en", "forms"),
    (AR_TABLE, "ضاعفت شركات التكنولوجيا الصينية إنفاقها الرأسمالي.", "ar", "forms"),
    (AR_TABLE, "ضاعفت شركات التكنولوجيا الصينية إنفاقها الرأسمالي.", "ar", "harfbuzz")])
def test_table_figures_carry_row_and_column_labels(tmp_path, table, intro, lang, shaping):
    doc = read(docmaker.make_pdf(tmp_path / f"t-{lang}.pdf", [intro, table, intro], shaping=shaping))
    d = annotate(marsad.extract_document(doc).to_dict(), doc)
    money = [q for q in d["quantities"] if q["kind"] == "money" and "table" in q]
    got = {(q["table"]["row"], q["table"]["column"], q["value"]) for q in money}
    want = {(r[0], table[0][j], v) for r, vals in zip(table[1:], [(12.5e9, 20e9), (10.7e9, 14e9)])
            for j, v in zip((1, 2), vals)}
    assert got == want
    assert all(q["table"]["caption"] == table[0][0] for q in money)
    for q in money:                                           # the labels are in the text too
        line = doc.text[doc.text.rfind("\n", 0, q["start"]) + 1:q["start"]]
        assert line.startswith(q["table"]["row"] + " | ") and line.endswith(q["table"]["column"] + ": ")


def test_bad_pdfs_get_one_line_each_and_the_rest_goes_on(tmp_path):
    good = docmaker.make_pdf(tmp_path / "good.pdf", [EN])
    docmaker.make_image_pdf(tmp_path / "scan.pdf")
    docmaker.make_encrypted_pdf(tmp_path / "locked.pdf")
    data = good.read_bytes()
    (tmp_path / "truncated.pdf").write_bytes(data[: len(data) // 2])
    (tmp_path / "notapdf.pdf").write_text("hello")
    r = subprocess.run(MARSAD + ["extract", "-f", "jsonl", str(tmp_path)], capture_output=True, text=True)
    assert r.returncode == 1
    docs = [json.loads(x) for x in r.stdout.splitlines()]
    assert [d["doc_id"] for d in docs] == ["good"] and docs[0]["quantities"]
    lines = r.stderr.strip().splitlines()
    assert len(lines) == 4, r.stderr
    by = {ln.split(": ")[1].rsplit("/", 1)[-1]: ln for ln in lines}
    assert "[M131]" in by["locked.pdf"] and "encrypted PDF" in by["locked.pdf"]
    assert "[M133]" in by["scan.pdf"] and "no text layer" in by["scan.pdf"] and "OCR is not supported" in by["scan.pdf"]
    assert "[M132]" in by["truncated.pdf"] and "truncated or damaged" in by["truncated.pdf"]
    assert "[M132]" in by["notapdf.pdf"]
    assert "Traceback" not in r.stderr


def _rss_mb() -> float:
    for line in open("/proc/self/status"):
        if line.startswith("VmRSS"):
            return int(line.split()[1]) / 1024
    return 0.0


@pytest.mark.slow
def test_500_pages_stream_page_by_page_with_flat_memory(tmp_path):
    text = SEED.read_text(encoding="utf-8")
    path = docmaker.make_pdf(tmp_path / "big.pdf", [EN, docmaker.paragraphs(text)[1]], pages=500)
    rss = {}
    n = 0
    for page in pdf_reader.iter_pages(path):
        n = page.number
        assert page.blocks
        if n in (50, 500):
            rss[n] = _rss_mb()
    assert n == 500
    assert rss[500] - rss[50] < 20, rss                       # pages are not kept
    doc = read(path)
    assert doc.pages == 500 and doc.text.count("\f") == 499


def test_ingested_pdf_keeps_its_text_and_the_store_gives_pages(store, tmp_path):
    from marsad.ingest import ingest

    path = docmaker.make_pdf(tmp_path / "two.pdf", [EN, None, AR])
    s = ingest(store, [str(path)], workers=0)
    assert s.new == 1 and s.failed == 0
    doc = store.document("two")
    assert doc["text"] == read(path).text and "\f" in doc["text"]
    qs = doc["facts"]["quantities"]
    assert {q["page"] for q in qs} == {1, 2}
    assert all(doc["text"][q["start"]:q["end"]] == q["text"] for q in qs)
    assert all(len(e["pages"]) == len(e["mentions"]) for e in doc["facts"]["entities"])
