"""DOCX, XLSX and PPTX input, made here from text written here: text kept, offsets into it."""
from __future__ import annotations

import subprocess
import sys
import zipfile

import docmaker
import marsad
from marsad.read import ReadError, iter_documents
from marsad.sources import SourceDocument, annotate

CLI = [sys.executable, "-c", "from marsad.cli import main; main()"]
AR = "أعلنت علي بابا استثمار أكثر من 380 مليار يوان في البنية التحتية للذكاء الاصطناعي خلال ثلاث سنوات."
EN = "Tencent said it would spend $14 billion on AI infrastructure in 2025, up from $10.7 billion."
TABLE = [["Capex (US$)", "2024", "2025"], ["Alibaba", "$12.5 billion", "$20 billion"],
         ["Tencent", "$10.7 billion", "$14 billion"]]


def read_all(path):
    return list(iter_documents([str(path)]))


def grounded(doc, d):
    for q in d["quantities"]:
        assert doc.text[q["start"]:q["end"]] == q["text"]
    for e in d["events"]:
        assert 0 <= e["start"] < e["end"] <= len(doc.text)


def test_docx_paragraphs_and_table_in_both_languages(tmp_path):
    path = docmaker.make_docx(tmp_path / "r.docx", [EN, AR], table=TABLE, heading="Quarterly capex")
    [doc] = read_all(path)
    assert isinstance(doc, SourceDocument) and doc.kind == "docx"
    assert doc.text.startswith("Quarterly capex\n\n" + EN + "\n\n" + AR + "\n\n")
    assert "Alibaba | 2024: $12.5 billion | 2025: $20 billion" in doc.text
    d = annotate(marsad.extract_document(doc).to_dict(), doc)
    grounded(doc, d)
    cells = {(q["table"]["row"], q["table"]["column"], q["value"]) for q in d["quantities"] if "table" in q}
    assert ("Tencent", "2025", 14e9) in cells and ("Alibaba", "2024", 12.5e9) in cells
    assert "page" not in d["quantities"][0]                    # a DOCX has no pages


def test_xlsx_sheets_are_pages_and_saved_formula_values_are_read(tmp_path):
    rows = [["Company", "Capex 2024 (US$ bn)", "Capex 2025 (US$ bn)", "Total"],
            ["Alibaba", 12.5, 20, "=B2+C2"], ["Tencent", 10.7, 14, "=B3+C3"]]
    notes = [["Note"], [EN]]
    path = docmaker.make_xlsx(tmp_path / "capex.xlsx", {"Capex": rows, "Notes": notes},
                              saved={"Capex!D2": 32.5, "Capex!D3": 24.7})
    items = read_all(path)
    assert len(items) == 1 and isinstance(items[0], SourceDocument), items
    doc = items[0]
    assert doc.pages == 2 and doc.text.count("\f") == 1
    assert "Alibaba | Capex 2024 (US$ bn): 12.5 | Capex 2025 (US$ bn): 20 | Total: 32.5" in doc.text
    total = [c for c in doc.cells if c.column == "Total" and c.row == "Tencent"][0]
    assert doc.text[total.start:total.end] == "24.7" and total.page == 1
    d = annotate(marsad.extract_document(doc).to_dict(), doc)
    grounded(doc, d)
    assert {q["page"] for q in d["quantities"] if q["kind"] == "money"} == {2}   # the note sheet


def test_xlsx_formulas_without_saved_values_are_reported_and_the_rest_is_read(tmp_path):
    rows = [["Company", "2024", "2025", "Total"], ["Alibaba", 12.5, 20, "=B2+C2"],
            ["Tencent", 10.7, 14, "=B3+C3"]]
    path = docmaker.make_xlsx(tmp_path / "formulas.xlsx", {"Capex": rows})
    items = read_all(path)
    docs = [i for i in items if isinstance(i, SourceDocument)]
    errs = [str(i) for i in items if isinstance(i, ReadError)]
    assert len(docs) == 1 and "Alibaba | 2024: 12.5 | 2025: 20" in docs[0].text
    assert errs == [f"[M135] {path}: 2 formula cell(s) have no saved value (Capex!D2, Capex!D3) and "
                    "were left out: open and save the file in a spreadsheet application to compute them"]


def test_pptx_slides_are_pages(tmp_path):
    path = docmaker.make_pptx(tmp_path / "deck.pptx", [("Results", [EN]), ("النتائج", [AR])])
    [doc] = read_all(path)
    assert doc.kind == "pptx" and doc.pages == 2
    assert doc.text == f"Results\n\n{EN}\n\f\nالنتائج\n\n{AR}"
    d = annotate(marsad.extract_document(doc).to_dict(), doc)
    grounded(doc, d)
    assert {q["page"] for q in d["quantities"]} == {1, 2}


def test_damaged_office_files_get_one_line_each(tmp_path):
    good = docmaker.make_docx(tmp_path / "good.docx", [EN])
    data = good.read_bytes()
    (tmp_path / "truncated.docx").write_bytes(data[: len(data) // 2])
    (tmp_path / "locked.xlsx").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600)
    bad_zip = tmp_path / "nodoc.pptx"
    with zipfile.ZipFile(bad_zip, "w") as z:
        z.writestr("hello.txt", "not a presentation")
    r = subprocess.run(CLI + ["extract", "-f", "jsonl", str(tmp_path)], capture_output=True, text=True)
    assert r.returncode == 1 and '"doc_id": "good"' in r.stdout
    lines = sorted(r.stderr.strip().splitlines())
    assert len(lines) == 3, r.stderr
    assert "[M134]" in lines[0] and "locked.xlsx" in lines[0] and "encrypted" in lines[0]
    assert "[M134]" in lines[1] and "nodoc.pptx" in lines[1]
    assert "[M134]" in lines[2] and "truncated.docx" in lines[2] and "truncated or damaged" in lines[2]
    assert "Traceback" not in r.stderr
