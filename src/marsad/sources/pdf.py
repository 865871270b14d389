"""PDF text through PDFium (pypdfium2), in logical order, page by page.

Why PDFium: measured against pdfplumber on PDFs made in the tests (benchmarks/pdf_readers.py),
it reads the same English words 30× faster, and its characters come with their boxes, so the
reading order can be rebuilt here. PDFium's own right-to-left ordering is not reliable (it
turns ``6.34%`` into ``%6.34`` and ``Qwen3-Max`` into ``Max3-Qwen``), so the text is laid out
again from the characters:

1. characters (PDFium's logical Unicode, ligatures decomposed, brackets already mirrored back)
   are grouped into lines by their vertical band, combining marks stay with their letter;
2. each line is sorted left to right (visual order), spaces are put where glyphs are apart,
   and wide gaps split it into cells;
3. a line whose strong characters are mostly Arabic goes through the Unicode bidi algorithm
   (python-bidi's reference implementation, without mirroring): visual → logical order;
4. lines join into paragraphs (a space between lines, a blank line where the vertical gap
   is wider than the usual line pitch); two or more consecutive lines with the same number
   of cells (≥ 2) are a table: the header row is kept and each data row is written as
   ``label | column: value | …`` so that every figure sits next to its row and column labels;
5. pages are joined by a form feed (``\\f``); a paragraph that runs on to the next page is
   joined by the form feed alone, so its sentence stays whole.

Only one page is loaded at a time and closed before the next: memory stays flat however many
pages the file has.
"""
from __future__ import annotations

import re
import statistics
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterator

from marsad.read import ReadError
from marsad.sources import PAGE_BREAK, Cell, SourceDocument, SourceFailure, linearize_table

GAP_SPACE = 0.18        # × line height: a gap this wide between glyphs is a space
GAP_CELL = 1.6          # × line height: a gap this wide separates table cells
PARA_PITCH = 1.3        # × the page's usual line pitch: a wider step starts a paragraph
# Visual → logical is ambiguous for a percent sign next to a number at a line's edge; Arabic
# text writes it after the number (977 to 4 in shared/corpus), so "%6.34" becomes "6.34%".
_PCT_FIRST = re.compile(r"(?<![\w.,])([%٪])(\d+(?:[.,٫]\d+)*)(?!\d|[.,٫]\d)")
_SENT_END = re.compile(r"[.!?؟:\"'”»)]\s*$")


@dataclass(slots=True)
class _Line:
    top: float
    bottom: float
    cells: list[str] = field(default_factory=list)
    rtl: bool | None = None             # None: no letters

    @property
    def height(self) -> float:
        return self.top - self.bottom


@dataclass(slots=True)
class Page:
    """One page as blocks: ('p', text) paragraphs and ('t', rows) tables, in reading order."""

    number: int
    blocks: list[tuple[str, object]]


def read_pdf(path: Path, password: str | None = None) -> Iterator[SourceDocument | ReadError]:
    """Yield one SourceDocument for the whole PDF, or one ReadError naming the file."""
    src = str(path)
    parts: list[str] = []
    cells: list[Cell] = []
    n_pages = 0
    has_text = False
    prev_open = False          # the last block written was a paragraph left unfinished
    info: dict[str, str] = {}
    try:
        for page in iter_pages(path, password, info):
            n_pages = page.number
            if page.blocks:
                has_text = True
            prev_open = _append_page(parts, cells, page, prev_open)
    except SourceFailure as e:
        yield e.error
        return
    if not has_text:
        yield ReadError(src, f"no text layer in {n_pages} page(s); OCR is not supported "
                             "(run an OCR tool such as ocrmypdf first)", code="M133")
        return
    text = "".join(parts)
    yield SourceDocument(doc_id=path.stem, text=text, source=src, kind="pdf", title=info.get("title"),
                         pages=n_pages, cells=cells)


def iter_pages(path: Path, password: str | None = None, info: dict | None = None) -> Iterator[Page]:
    """Pages one at a time (raises SourceFailure for encrypted or damaged files).

    ``info``, when given, receives the document's ``title`` from its metadata."""
    import pypdfium2 as pdfium

    src = str(path)
    try:
        pdf = pdfium.PdfDocument(str(path), password=password)
    except pdfium.PdfiumError as e:
        raise SourceFailure(_open_error(src, e)) from None
    try:
        n = len(pdf)
        if info is not None:
            title = " ".join((pdf.get_metadata_value("Title") or "").split())
            if title and title.lower() not in ("untitled", "(anonymous)"):
                info["title"] = title
        if n == 0:
            raise SourceFailure(ReadError(src, "PDF has no pages (truncated or damaged file)", code="M132"))
        for i in range(n):
            try:
                page = pdf[i]
                try:
                    tp = page.get_textpage()
                    try:
                        blocks = _page_blocks(tp)
                    finally:
                        tp.close()
                finally:
                    page.close()
            except pdfium.PdfiumError as e:
                raise SourceFailure(ReadError(src, f"page {i + 1} of {n} cannot be read ({e}): the file "
                                                   "is truncated or damaged", code="M132")) from None
            yield Page(i + 1, blocks)
    finally:
        pdf.close()


def _open_error(src: str, e: Exception) -> ReadError:
    msg = str(e)
    if "password" in msg.lower() or "security" in msg.lower():
        return ReadError(src, "encrypted PDF: it needs a password; decrypt it first "
                              "(e.g. qpdf --decrypt --password=... in.pdf out.pdf)", code="M131")
    m = re.search(r"PDFium: ([^)]*)", msg)
    why = (m.group(1) if m else msg).strip().rstrip(".").lower()
    return ReadError(src, f"not a readable PDF ({why}): the file is truncated or damaged", code="M132")


# -- one page -----------------------------------------------------------------------------
def _page_blocks(tp) -> list[tuple[str, object]]:
    lines = _lines(tp)
    if not lines:
        return []
    pitches = [a.bottom - b.bottom for a, b in zip(lines, lines[1:])
               if len(a.cells) == 1 and len(b.cells) == 1 and 0 < a.bottom - b.bottom < 3 * a.height]
    pitch = statistics.median(pitches) if pitches else None
    blocks: list[tuple[str, object]] = []
    i = 0
    while i < len(lines):
        j = i
        while j < len(lines) and len(lines[j].cells) >= 2 and len(lines[j].cells) == len(lines[i].cells):
            j += 1
        if j - i >= 2:
            blocks.append(("t", [ln.cells for ln in lines[i:j]]))
            i = j
            continue
        ln = lines[i]
        line_text = " ".join(ln.cells)
        prev = lines[i - 1] if i else None
        new_para = (not blocks or blocks[-1][0] != "p" or prev is None
                    or _para_break(prev, ln, pitch))
        if new_para:
            blocks.append(("p", line_text))
        else:
            blocks[-1] = ("p", _join_lines(blocks[-1][1], line_text))
        i += 1
    return blocks


def _para_break(prev: _Line, cur: _Line, pitch: float | None) -> bool:
    step = prev.bottom - cur.bottom
    if step <= 0:                       # moved up: a new column or a new region
        return True
    if prev.rtl is not None and cur.rtl is not None and prev.rtl != cur.rtl:
        return True                     # the direction changes: another paragraph
    usual = 1.35 * max(prev.height, cur.height)   # leading is rarely above 1.35 × the box
    return step > PARA_PITCH * (min(pitch, usual) if pitch else usual)


def _join_lines(a: str, b: str) -> str:
    if a.endswith("-") and len(a) > 1 and a[-2].isalnum() and b[:1].isalnum():
        return a + b                    # "AI-" + "driven": a hyphen at the line end stays, no space
    return f"{a} {b}"


def _lines(tp) -> list[_Line]:
    """Characters → lines (top to bottom) of cells (logical order)."""
    import pypdfium2.raw as raw

    n = tp.count_chars()
    groups: list[list[tuple[str, float, float, float, float]]] = []    # per line: clusters
    bands: list[list[float]] = []                                       # per line: [bottom, top]
    cur: list = []
    band: list[float] | None = None
    last_box = None
    for i in range(n):
        if raw.FPDFText_IsGenerated(tp, i):
            continue
        u = chr(raw.FPDFText_GetUnicode(tp, i))
        if u in "\r\n" or (unicodedata.category(u) == "Cc" and u != "\t"):
            continue
        left, bottom, right, top = tp.get_charbox(i, loose=True)
        if top <= bottom:
            continue
        mid = (top + bottom) / 2
        if band is None or not (band[0] <= mid <= band[1]):
            if cur:
                groups.append(cur)
                bands.append(band)
            cur, band, last_box = [], [bottom, top], None
        box = (round(left, 1), round(right, 1))
        if cur and unicodedata.combining(u) and cur[-1][1] - 0.5 <= (left + right) / 2 <= cur[-1][2] + 0.5:
            s, l0, r0, b0, t0 = cur[-1]          # a mark over the letter before it
            cur[-1] = (s + u, l0, r0, b0, t0)
        elif cur and box == last_box:            # a decomposed ligature (lam-alef): one cluster
            s, l0, r0, b0, t0 = cur[-1]
            cur[-1] = (s + u, l0, max(r0, right), b0, t0)
        else:
            cur.append((u, left, right, bottom, top))
        last_box = box
    if cur:
        groups.append(cur)
        bands.append(band)
    rtl_page = _page_is_rtl(groups)
    lines = [_layout(g, b, rtl_page) for g, b in zip(groups, bands)]
    return [ln for ln in lines if ln.cells]      # in PDFium's order: columns stay whole


def _attach_marks(clusters: list) -> list:
    """A mark that is not next to its letter in PDFium's order joins the letter it overlaps most."""
    marks = [c for c in clusters if unicodedata.combining(c[0][0])]
    if not marks:
        return clusters
    bases = [list(c) for c in clusters if not unicodedata.combining(c[0][0])]
    for m in marks:
        best, overlap = None, 0.0
        for b in bases:
            o = min(m[2], b[2]) - max(m[1], b[1])
            if o > overlap and unicodedata.bidirectional(b[0][0]) in ("AL", "R"):
                best, overlap = b, o
        if best is None:
            bases.append(list(m))
        else:
            best[0] += m[0]
    return [tuple(b) for b in bases]


def _page_is_rtl(groups: list) -> bool:
    r = l_ = 0
    for g in groups:
        for c in g:
            d = unicodedata.bidirectional(c[0][0])
            r += d in ("R", "AL")
            l_ += d == "L"
    return r > l_


def _layout(clusters: list, band: list[float], rtl_page: bool) -> _Line:
    height = max(1.0, band[1] - band[0])
    clusters = sorted(_attach_marks(clusters), key=lambda c: c[1])
    segments: list[list[str]] = [[]]
    prev_right = None
    for s, left, right, _b, _t in clusters:
        if prev_right is not None:
            gap = left - prev_right
            if gap > GAP_CELL * height and segments[-1]:
                segments.append([])
            elif gap > GAP_SPACE * height and segments[-1] and segments[-1][-1] != " " and s != " ":
                segments[-1].append(" ")
        segments[-1].append(s)
        prev_right = right if prev_right is None else max(prev_right, right)
    cells = []
    votes = 0
    for seg in segments:
        text, rtl = _logical(seg, rtl_page)
        text = " ".join(text.split())
        if text:
            cells.append(text)
            if any(unicodedata.bidirectional(c) in ("L", "R", "AL") for c in text):
                votes += 1 if rtl else -1
    rtl_line = votes > 0 if votes else None
    if len(cells) > 1 and (rtl_line if votes else rtl_page):
        cells.reverse()                 # a right-to-left table: the first column is on the right
    return _Line(top=band[1], bottom=band[0], cells=cells, rtl=rtl_line)


def _logical(clusters: list[str], rtl_page: bool) -> tuple[str, bool]:
    """Visual-order clusters → (logical-order text, whether the segment reads right to left).

    A segment with Arabic letters is reordered by the bidi algorithm with the page's
    direction as the paragraph direction (an English line quoting Arabic keeps base L).
    """
    r = l_ = 0
    for c in clusters:
        d = unicodedata.bidirectional(c[0])
        if d in ("R", "AL"):
            r += 1
        elif d == "L":
            l_ += 1
    if not r:
        text = "".join(clusters)
        return (unicodedata.normalize("NFKC", text) if _needs_nfkc(clusters) else text), False
    base_rtl = rtl_page or r > l_
    # a cluster (letter + marks, or a ligature) is kept in logical order: reverse it so that
    # the bidi reordering, which reverses the run, puts it back.
    visual = "".join(c[::-1] if len(c) > 1 else c for c in clusters)
    text = reorder(visual, base_rtl)
    if base_rtl:
        text = _PCT_FIRST.sub(r"\2\1", text)
    return unicodedata.normalize("NFKC", text), base_rtl


def _needs_nfkc(clusters: list[str]) -> bool:
    return any("\ufb50" <= c[0] <= "\ufeff" for c in clusters)


def reorder(visual: str, rtl: bool = True) -> str:
    """Visual → logical for a line: the Unicode bidi algorithm, no mirroring (PDFium already
    reports the logical bracket). ``rtl``: the paragraph direction."""
    from bidi import algorithm as A

    storage = A.get_empty_storage()
    storage["base_level"] = 1 if rtl else 0
    storage["base_dir"] = "R" if rtl else "L"
    A.get_embedding_levels(visual, storage, False, False)
    A.explicit_embed_and_overrides(storage, False)
    A.resolve_weak_types(storage, False)
    A.resolve_neutral_types(storage, False)
    A.resolve_implicit_levels(storage, False)
    A.reorder_resolved_levels(storage, False)
    return "".join(ch["ch"] for ch in storage["chars"])


# -- pages → text -------------------------------------------------------------------------
def _append_page(parts: list[str], cells: list[Cell], page: Page, prev_open: bool) -> bool:
    """Write ``page`` to ``parts``; return whether its last paragraph is left unfinished."""
    if page.number > 1:
        first_is_para = bool(page.blocks) and page.blocks[0][0] == "p"
        parts.append(PAGE_BREAK if (prev_open and first_is_para) else "\n" + PAGE_BREAK + "\n")
    pos = sum(len(p) for p in parts)
    last_open = False
    for k, (kind, content) in enumerate(page.blocks):
        if k:
            parts.append("\n\n")
            pos += 2
        if kind == "p":
            parts.append(content)
            pos += len(content)
            last_open = not _SENT_END.search(content)
        else:
            pos = _append_table(parts, cells, content, pos, page.number)
            last_open = False
    return last_open


def _append_table(parts: list[str], cells: list[Cell], rows: list[list[str]], pos: int,
                  page_no: int) -> int:
    text, new = linearize_table(rows, pos, page_no)
    cells.extend(new)
    parts.append(text)
    return pos + len(text)
