"""Make test documents (PDF, DOCX, XLSX, PPTX) from text written in the tests.

PDFs are drawn with reportlab and DejaVu Sans (Debian's fonts-dejavu-core, installed by
scripts/setup-test-env.sh). Arabic lines are laid out right to left in visual order (the
Unicode bidi algorithm, python-bidi's reference implementation) and right-aligned, in one of
two ways real PDFs are made:

- ``shaping="forms"``: shaped into Arabic presentation-form characters (arabic_reshaper), as
  simple generators do: the PDF holds those characters from left to right;
- ``shaping="harfbuzz"``: each word shaped by HarfBuzz (uharfbuzz, through reportlab) into
  font glyphs with a ToUnicode map, as word processors and browsers do.

Either way the PDF holds glyphs from left to right, so a reader must restore the logical
order itself.
"""
from __future__ import annotations

from pathlib import Path
from typing import Iterable, Sequence

FONT_PATHS = ["/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
              "/usr/share/fonts/dejavu/DejaVuSans.ttf"]
FONT = "DejaVuSans"
SHAPED_FONT = "DejaVuSans-hb"
PAGE_W, PAGE_H = 595.0, 842.0       # A4 in points
MARGIN = 56.0


def font_path() -> str:
    for p in FONT_PATHS:
        if Path(p).exists():
            return p
    raise RuntimeError("DejaVuSans.ttf not found: run scripts/setup-test-env.sh (fonts-dejavu-core)")


def _register() -> None:
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    if FONT not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont(FONT, font_path()))
        pdfmetrics.registerFont(TTFont(SHAPED_FONT, font_path(), shapable=True))


def is_rtl(text: str) -> bool:
    """Right to left when most letters are Arabic (the paragraph's direction)."""
    r = sum("\u0590" <= ch <= "\u08ff" for ch in text if ch.isalpha())
    return r * 2 > sum(ch.isalpha() for ch in text)


_ARABIC_RUN = None


def _shaped_line(line: str, size: float):
    """An RTL line as HarfBuzz-shaped glyphs in visual order: (reportlab ShapedStr, width).

    The bidi algorithm gives the visual order; each Arabic run in it is turned back to its
    logical order and shaped by HarfBuzz (right to left, with joining); other runs (digits,
    Latin, punctuation) are drawn as they stand."""
    import re

    from bidi.algorithm import get_display
    from reportlab.lib.abag import ABag
    from reportlab.pdfbase.pdfmetrics import stringWidth
    from reportlab.pdfbase.ttfonts import shapeFragWord

    def shapeStr(s, font, size, force=False):   # kerning and required ligatures only, as word processors
        frag = [stringWidth(s, font, size), (ABag(fontName=font, fontSize=size), s)]
        return shapeFragWord(frag, features=dict(kern=True, liga=True), force=force)[1][1]

    global _ARABIC_RUN
    if _ARABIC_RUN is None:
        _ARABIC_RUN = re.compile(r"[\u0600-\u06ff\u0750-\u077f]+|[^\u0600-\u06ff\u0750-\u077f]+")
    text = None
    for m in _ARABIC_RUN.finditer(get_display(line, base_dir="R")):
        run = m.group(0)
        if "\u0600" <= run[0] <= "\u077f":
            piece = shapeStr(run[::-1], SHAPED_FONT, size)
        else:
            piece = shapeStr(run, SHAPED_FONT, size, force=True)
        text = piece if text is None else text + piece
    return text, sum(g.x_advance for g in text.__shapeData__) * size / 1000


def visual(line: str) -> str:
    """A logical-order Arabic line as a simple generator draws it: shaped, left to right."""
    import arabic_reshaper
    from bidi.algorithm import get_display   # the reference implementation: mirrors brackets

    shaper = arabic_reshaper.ArabicReshaper(configuration={"delete_harakat": False})
    return get_display(shaper.reshape(line), base_dir="R")


def _wrap(text: str, size: float, width: float) -> list[str]:
    from reportlab.pdfbase.pdfmetrics import stringWidth

    lines, cur = [], ""
    for word in text.split():
        cand = f"{cur} {word}" if cur else word
        if cur and stringWidth(cand, FONT, size) > width:
            lines.append(cur)
            cur = word
        else:
            cur = cand
    if cur:
        lines.append(cur)
    return lines


class _Writer:
    def __init__(self, path: Path, size: float, shaping: str = "forms"):
        from reportlab.pdfgen import canvas

        _register()
        self.shaping = shaping
        self.c = canvas.Canvas(str(path), pagesize=(PAGE_W, PAGE_H))
        self.size = size
        self.lead = size * 1.45
        self.y = PAGE_H - MARGIN
        self.pages = 1
        self.c.setFont(FONT, size)

    def need(self, h: float) -> None:
        if self.y - h < MARGIN:
            self.page_break()

    def page_break(self) -> None:
        self.c.showPage()
        self.c.setFont(FONT, self.size)
        self.y = PAGE_H - MARGIN
        self.pages += 1

    def line(self, text: str, rtl: bool | None = None) -> None:
        x_left, x_right = MARGIN, PAGE_W - MARGIN
        self.need(self.lead)
        if is_rtl(text) if rtl is None else rtl:
            self.rtl(x_right, self.y - self.size, text)
        else:
            self.c.drawString(x_left, self.y - self.size, text)
        self.y -= self.lead

    def rtl(self, x_right: float, y: float, text: str) -> None:
        if self.shaping == "harfbuzz":
            shaped, width = _shaped_line(text, self.size)
            self.c.setFont(SHAPED_FONT, self.size)
            self.c.drawString(x_right - width, y, shaped)
            self.c.setFont(FONT, self.size)
        else:
            self.c.drawRightString(x_right, y, visual(text))

    def paragraph(self, text: str) -> None:
        rtl = is_rtl(text)
        for ln in _wrap(text, self.size, PAGE_W - 2 * MARGIN):
            self.line(ln, rtl)
        self.y -= self.lead * 0.8

    def table(self, rows: Sequence[Sequence[str]]) -> None:
        """A ruled table; an Arabic table runs right to left (first column on the right)."""
        ncols = max(len(r) for r in rows)
        rtl = any(is_rtl(c) for r in rows for c in r)
        width = PAGE_W - 2 * MARGIN
        col_w = width / ncols
        row_h = self.lead * 1.3
        self.need(row_h * len(rows))
        top = self.y
        c = self.c
        for i, row in enumerate(rows):
            y = top - i * row_h
            for j in range(ncols):
                cell = row[j] if j < len(row) else ""
                k = ncols - 1 - j if rtl else j
                x0 = MARGIN + k * col_w
                c.rect(x0, y - row_h, col_w, row_h, stroke=1, fill=0)
                if cell:
                    base = y - row_h + (row_h - self.size) / 2 + 2
                    if is_rtl(cell):
                        self.rtl(x0 + col_w - 4, base, cell)
                    else:
                        c.drawString(x0 + 4, base, cell)
        self.y = top - len(rows) * row_h - self.lead

    def save(self) -> None:
        self.c.save()


def make_pdf(path: Path, blocks: Iterable, size: float = 11.0, pages: int | None = None,
             title: str | None = None, shaping: str = "forms") -> Path:
    """Write ``blocks`` to a PDF: a str is a paragraph, a list of rows is a table,
    ``None`` is a page break. ``pages`` repeats the blocks until the PDF has that many pages.
    ``shaping``: "forms" or "harfbuzz" (see the module docstring)."""
    path = Path(path)
    w = _Writer(path, size, shaping)
    if title:
        w.c.setTitle(title)
    blocks = list(blocks)
    while True:
        for b in blocks:
            if b is None:
                w.page_break()
            elif isinstance(b, str):
                w.paragraph(b)
            else:
                w.table(b)
        if pages is None or w.pages >= pages:
            break
        w.page_break()
        if w.pages > pages:
            break
    w.save()
    return path


def paragraphs(text: str) -> list[str]:
    """The paragraphs of a text file (blank-line separated, inner newlines joined)."""
    return [" ".join(p.split()) for p in text.split("\n\n") if p.strip()]


def make_image_pdf(path: Path) -> Path:
    """A 'scanned' page: only a drawing, no text layer."""
    from reportlab.pdfgen import canvas

    c = canvas.Canvas(str(path), pagesize=(PAGE_W, PAGE_H))
    for i in range(40):
        c.rect(MARGIN + i * 10, 400 + (i % 7) * 12, 8, 30, fill=1)
    c.showPage()
    c.save()
    return Path(path)


def make_encrypted_pdf(path: Path, text: str = "A secret report: capex of $5 billion.") -> Path:
    from reportlab.lib.pdfencrypt import StandardEncryption
    from reportlab.pdfgen import canvas

    _register()
    enc = StandardEncryption("user-secret", ownerPassword="owner-secret", strength=128)
    c = canvas.Canvas(str(path), pagesize=(PAGE_W, PAGE_H), encrypt=enc)
    c.setFont(FONT, 12)
    c.drawString(MARGIN, 700, text)
    c.showPage()
    c.save()
    return Path(path)


def make_docx(path: Path, paragraphs_: Sequence[str], table: Sequence[Sequence[str]] | None = None,
              heading: str | None = None) -> Path:
    import docx

    d = docx.Document()
    if heading:
        d.add_heading(heading, level=1)
    for p in paragraphs_:
        d.add_paragraph(p)
    if table:
        t = d.add_table(rows=len(table), cols=max(len(r) for r in table))
        for i, row in enumerate(table):
            for j, cell in enumerate(row):
                t.cell(i, j).text = cell
    d.save(str(path))
    return Path(path)


def make_xlsx(path: Path, sheets: dict[str, Sequence[Sequence[object]]],
              saved: dict[str, object] | None = None) -> Path:
    """An XLSX; ``saved`` gives formula cells ("Sheet!D2") the value a spreadsheet
    application would have saved with them (openpyxl itself saves none)."""
    import re
    import shutil
    import zipfile

    import openpyxl

    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    for name, rows in sheets.items():
        ws = wb.create_sheet(name)
        for row in rows:
            ws.append(list(row))
    wb.save(str(path))
    if saved:
        names = list(sheets)
        tmp = Path(str(path) + ".tmp")
        with zipfile.ZipFile(path) as zin, zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED) as zout:
            for item in zin.infolist():
                data = zin.read(item.filename)
                m = re.match(r"xl/worksheets/sheet(\d+)\.xml$", item.filename)
                if m:
                    xml = data.decode("utf-8")
                    sheet = names[int(m.group(1)) - 1]
                    for ref, value in saved.items():
                        sname, cell = ref.split("!")
                        if sname == sheet:
                            xml = re.sub(rf'(<c r="{cell}"[^>]*><f>[^<]*</f>)<v\s*/?>(</v>)?',
                                         rf"\g<1><v>{value}</v>", xml)
                    data = xml.encode("utf-8")
                zout.writestr(item, data)
        shutil.move(tmp, path)
    return Path(path)


def make_pptx(path: Path, slides: Sequence[tuple[str, Sequence[str]]]) -> Path:
    from pptx import Presentation

    prs = Presentation()
    for title, bullets in slides:
        s = prs.slides.add_slide(prs.slide_layouts[1])
        s.shapes.title.text = title
        body = s.placeholders[1].text_frame
        body.text = bullets[0] if bullets else ""
        for b in bullets[1:]:
            body.add_paragraph().text = b
    prs.save(str(path))
    return Path(path)


def make_columns_pdf(path: Path, left: str, right: str, size: float = 10.0) -> Path:
    """Two columns side by side, each drawn top to bottom (as word processors do)."""
    from reportlab.pdfgen import canvas

    _register()
    c = canvas.Canvas(str(path), pagesize=(PAGE_W, PAGE_H))
    c.setFont(FONT, size)
    width = (PAGE_W - 2 * MARGIN - 30) / 2
    for k, text in enumerate([left, right]):
        y = PAGE_H - MARGIN
        for ln in _wrap(text, size, width):
            c.drawString(MARGIN + k * (width + 30), y, ln)
            y -= size * 1.4
    c.showPage()
    c.save()
    return Path(path)
