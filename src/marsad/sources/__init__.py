"""Readers for documents beyond plain text and HTML: PDF, Office files, feeds, a watched folder.

Every reader turns one file into a :class:`SourceDocument` (or a ``ReadError`` naming the
file) whose ``text`` is the extracted text that every offset refers to, and which is kept.
Pages, slides and sheets are separated in that text by a form feed (``\\f``), so the page of
any offset can be recovered from the text alone (:func:`page_at`), in the store as well.
"""
from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterator

from marsad.model import Document

PAGE_BREAK = "\f"
PDF_SUFFIXES = {".pdf"}
OFFICE_SUFFIXES = {".docx", ".xlsx", ".xlsm", ".pptx"}
SUFFIXES = PDF_SUFFIXES | OFFICE_SUFFIXES


class SourceFailure(Exception):
    """Raised inside a reader to abandon a file; carries the ReadError to report."""

    def __init__(self, error):
        super().__init__(str(error))
        self.error = error


@dataclass(slots=True)
class Cell:
    """A table cell's value in the extracted text, with its row and column labels."""

    start: int
    end: int
    row: str
    column: str
    caption: str | None = None
    page: int | None = None

    def to_dict(self) -> dict[str, Any]:
        d = {"start": self.start, "end": self.end, "row": self.row, "column": self.column}
        if self.caption:
            d["caption"] = self.caption
        if self.page:
            d["page"] = self.page
        return d


@dataclass(slots=True)
class SourceDocument(Document):
    """A Document read from a paged source: ``\\f`` separates pages; ``cells`` are table cells."""

    kind: str = "pdf"
    pages: int = 1                      # pages, slides or sheets; 0 when the source has none
    cells: list[Cell] = field(default_factory=list)


def read_source(path: Path) -> Iterator:
    """Read a PDF or Office file by its suffix; yields a SourceDocument or a ReadError."""
    suffix = path.suffix.lower()
    try:
        if suffix in PDF_SUFFIXES:
            from marsad.sources import pdf

            items = list(pdf.read_pdf(path))
        else:
            from marsad.sources import office

            items = list(office.read_office(path))
    except (MemoryError, KeyboardInterrupt):
        raise
    except Exception as e:  # noqa: BLE001 - one odd file must not stop a run
        from marsad.read import ReadError

        items = [ReadError(str(path), f"cannot read this {suffix[1:].upper()} file ({type(e).__name__}: "
                                      f"{str(e)[:120]})", code="M139")]
    yield from items


def linearize_table(rows: list[list[str]], offset: int = 0, page: int | None = None
                    ) -> tuple[str, list[Cell]]:
    """A table as text: the header row, then each row as ``label | column: value | …``.

    Every figure then stands next to its row and column labels, for the extractors and for
    a reader. Returns the text and the value cells (offsets from ``offset``), with labels.
    """
    header = rows[0]
    caption = header[0] if header and header[0] else None
    lines = [" | ".join(header)]
    cells: list[Cell] = []
    pos_line = offset + len(lines[0]) + 1
    for row in rows[1:]:
        label = row[0] if row else ""
        pieces = [label]
        off = pos_line + len(label)
        for j in range(1, len(row)):
            if not row[j]:
                continue
            col = header[j] if j < len(header) else ""
            prefix = f" | {col}: " if col else " | "
            start = off + len(prefix)
            cells.append(Cell(start, start + len(row[j]), label, col, caption, page))
            pieces.append(prefix + row[j])
            off = start + len(row[j])
        line = "".join(pieces)
        lines.append(line)
        pos_line += len(line) + 1
    return "\n".join(lines), cells


def page_starts(text: str) -> list[int]:
    """Offsets where each page begins (page 1 at 0)."""
    starts = [0]
    i = text.find(PAGE_BREAK)
    while i >= 0:
        starts.append(i + 1)
        i = text.find(PAGE_BREAK, i + 1)
    return starts


def page_at(starts: list[int], offset: int) -> int:
    """The 1-based page holding ``offset``, given :func:`page_starts`."""
    return bisect.bisect_right(starts, offset)


def add_pages(d: dict[str, Any], text: str) -> dict[str, Any]:
    """Add ``page`` to quantities and events, ``pages`` to entities, from the form feeds in ``text``."""
    starts = page_starts(text)
    for q in d.get("quantities", []):
        q["page"] = page_at(starts, q["start"])
    for e in d.get("events", []):
        e["page"] = page_at(starts, e["start"])
    for e in d.get("entities", []):
        e["pages"] = [page_at(starts, s) for s, _ in e.get("mentions", [])]
    return d


def annotate(d: dict[str, Any], doc: Document) -> dict[str, Any]:
    """Add page numbers (and table context) to a ``Facts.to_dict()`` of a paged document.

    Quantities and events get ``page``; entities get ``pages`` (one per mention); a quantity
    inside a table cell gets ``table``: its row and column labels (and the table's caption).
    Documents that are not paged are returned unchanged.
    """
    if not isinstance(doc, SourceDocument):
        return d
    if doc.pages:                       # 0: a source without pages (DOCX)
        add_pages(d, doc.text)
    if doc.cells:
        cstarts = [c.start for c in doc.cells]
        for q in d.get("quantities", []):
            i = bisect.bisect_right(cstarts, q["start"]) - 1
            if i >= 0 and doc.cells[i].start <= q["start"] and q["end"] <= doc.cells[i].end:
                c = doc.cells[i]
                q["table"] = {"row": c.row, "column": c.column, **({"caption": c.caption} if c.caption else {})}
    d["source_kind"] = doc.kind
    d["pages"] = doc.pages
    return d
