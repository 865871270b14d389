"""Office documents: DOCX (python-docx), XLSX (openpyxl) and PPTX (python-pptx).

The text is assembled here and kept; offsets refer to it. Paragraphs are separated by a blank
line; tables are written as in PDFs (:func:`marsad.sources.linearize_table`); slides and
sheets are separated by a form feed (``\\f``), so their number is the fact's ``page``.
Spreadsheets are read with the values a spreadsheet application last saved
(``data_only``): a formula cell with no saved value is left out and reported (M135).
"""
from __future__ import annotations

import zipfile
from pathlib import Path
from typing import Iterator

from marsad.read import ReadError
from marsad.sources import PAGE_BREAK, Cell, SourceDocument, linearize_table

KINDS = {".docx": "docx", ".xlsx": "xlsx", ".xlsm": "xlsx", ".pptx": "pptx"}


def read_office(path: Path) -> Iterator[SourceDocument | ReadError]:
    src = str(path)
    kind = KINDS[path.suffix.lower()]
    if not zipfile.is_zipfile(path):
        head = path.read_bytes()[:8]
        if head.startswith(b"\xd0\xcf\x11\xe0"):
            yield ReadError(src, f"not a readable {kind.upper()}: an encrypted (password-protected) or "
                                 "legacy binary Office file; save it unencrypted as ."
                                 f"{kind} first", code="M134")
        else:
            yield ReadError(src, f"not a readable {kind.upper()} (not a zip package): the file is "
                                 "truncated or damaged", code="M134")
        return
    try:
        blocks_by_page, warnings = _READERS[kind](path)
    except Exception as e:  # noqa: BLE001 - a damaged package must not stop the run
        yield ReadError(src, f"not a readable {kind.upper()} ({type(e).__name__}: {str(e)[:120]}): "
                             "the file is truncated or damaged", code="M134")
        return
    text, cells = assemble(blocks_by_page)
    if not text.strip():
        yield ReadError(src, f"{kind.upper()} has no text", code="M105")
    else:
        yield SourceDocument(doc_id=path.stem, text=text, source=src, kind=kind,
                             pages=len(blocks_by_page) if kind != "docx" else 0, cells=cells)
    for w in warnings:
        yield ReadError(src, w, code="M135")


def assemble(pages: list[list[tuple[str, object]]]) -> tuple[str, list[Cell]]:
    """Blocks per page → the text (pages split by ``\\f``, blocks by blank lines) and cells."""
    parts: list[str] = []
    cells: list[Cell] = []
    pos = 0
    for n, blocks in enumerate(pages, 1):
        if n > 1:
            parts.append("\n" + PAGE_BREAK + "\n")
            pos += 3
        first = True
        for kind, content in blocks:
            if not first:
                parts.append("\n\n")
                pos += 2
            first = False
            if kind == "p":
                parts.append(content)
                pos += len(content)
            else:
                text, new = linearize_table(content, pos, n)
                cells.extend(new)
                parts.append(text)
                pos += len(text)
    return "".join(parts), cells


def _clean(s: object) -> str:
    return " ".join(str(s).split()) if s is not None else ""


def _table_rows(rows: list[list[str]]) -> list[list[str]]:
    rows = [r for r in rows if any(r)]
    width = max((len(r) for r in rows), default=0)
    return [r + [""] * (width - len(r)) for r in rows]


# -- DOCX ---------------------------------------------------------------------------------
def _docx(path: Path):
    import docx
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    d = docx.Document(str(path))
    blocks: list[tuple[str, object]] = []
    for el in d.element.body.iterchildren():
        tag = el.tag.rsplit("}", 1)[-1]
        if tag == "p":
            t = _clean(Paragraph(el, d).text)
            if t:
                blocks.append(("p", t))
        elif tag == "tbl":
            rows = _table_rows([[_clean(c.text) for c in r.cells] for r in Table(el, d).rows])
            if len(rows) >= 2 and len(rows[0]) >= 2:
                blocks.append(("t", rows))
            else:
                blocks.extend(("p", " | ".join(c for c in r if c)) for r in rows)
    return [blocks], []


# -- XLSX ---------------------------------------------------------------------------------
def _fmt(v: object) -> str:
    if isinstance(v, float):
        return f"{v:.10g}"
    if hasattr(v, "isoformat"):
        return v.isoformat()
    return _clean(v)


def _xlsx(path: Path):
    import openpyxl

    values = openpyxl.load_workbook(str(path), read_only=True, data_only=True)
    formulas = openpyxl.load_workbook(str(path), read_only=True, data_only=False)
    pages: list[list[tuple[str, object]]] = []
    missing: list[str] = []
    try:
        for ws, wf in zip(values.worksheets, formulas.worksheets):
            rows: list[list[str]] = []
            for rv, rf in zip(ws.iter_rows(), wf.iter_rows()):
                row = []
                for cv, cf in zip(rv, rf):
                    v = cv.value
                    if v is None and isinstance(cf.value, str) and cf.value.startswith("="):
                        missing.append(f"{ws.title}!{cf.coordinate}")
                    row.append(_fmt(v))
                while row and not row[-1]:
                    row.pop()
                rows.append(row)
            rows = _table_rows(rows)
            blocks: list[tuple[str, object]] = [("p", ws.title)]
            if len(rows) >= 2 and len(rows[0]) >= 2:
                blocks.append(("t", rows))
            else:
                blocks.extend(("p", " | ".join(c for c in r if c)) for r in rows)
            pages.append(blocks)
    finally:
        values.close()
        formulas.close()
    warnings = []
    if missing:
        shown = ", ".join(missing[:5]) + (" …" if len(missing) > 5 else "")
        warnings.append(f"{len(missing)} formula cell(s) have no saved value ({shown}) and were left "
                        "out: open and save the file in a spreadsheet application to compute them")
    return pages, warnings


# -- PPTX ---------------------------------------------------------------------------------
def _pptx(path: Path):
    from pptx import Presentation

    prs = Presentation(str(path))
    pages = []
    for slide in prs.slides:
        blocks: list[tuple[str, object]] = []
        for shape in slide.shapes:
            if getattr(shape, "has_table", False) and shape.has_table:
                rows = _table_rows([[_clean(c.text) for c in r.cells] for r in shape.table.rows])
                if len(rows) >= 2 and len(rows[0]) >= 2:
                    blocks.append(("t", rows))
                continue
            if getattr(shape, "has_text_frame", False) and shape.has_text_frame:
                for para in shape.text_frame.paragraphs:
                    t = _clean("".join(r.text for r in para.runs))
                    if t:
                        blocks.append(("p", t))
        pages.append(blocks)
    return pages, []


_READERS = {"docx": _docx, "xlsx": _xlsx, "pptx": _pptx}
