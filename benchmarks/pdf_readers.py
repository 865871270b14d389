"""PDF readers compared: PDFium (pypdfium2, as marsad.sources.pdf uses it) and pdfplumber.

Makes Arabic PDFs (the seed article, right to left: presentation-form characters, and
HarfBuzz-shaped glyphs) and an English one with the test document maker, reads each with
  - pypdfium2 as is (PDFium's own text order),
  - pypdfium2 through marsad.sources.pdf (characters laid out again, bidi),
  - pdfplumber as is, and pdfplumber with the bidi algorithm applied per Arabic line,
and prints, per reader and file, how many of the source's words come back in order
(difflib ratio over word lists) and the seconds taken. Prints figures; asserts nothing.

    python benchmarks/pdf_readers.py
"""
from __future__ import annotations

import difflib
import sys
import tempfile
import time
import unicodedata
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

import docmaker  # noqa: E402

SEED = ROOT.parent / "shared" / "eval" / "docs" / "seed-alibaba-ai-ar.txt"
EN = ("Alibaba Group said on Wednesday it would raise its AI spending beyond the 380 billion yuan "
      "($53 billion) plan. Shares jumped 6.34% to HK$169.4, the highest since 2021. Tencent and "
      "Baidu could spend more than $32 billion in 2025, Bloomberg Intelligence estimates.")


def _rtl(s: str) -> bool:
    return any("\u0590" <= c <= "\u08ff" for c in s)


def pdfium_plain(path: Path) -> str:
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(str(path))
    out = []
    for page in pdf:
        tp = page.get_textpage()
        out.append(tp.get_text_range())
        tp.close()
        page.close()
    pdf.close()
    return unicodedata.normalize("NFKC", "\n".join(out))


def pdfium_marsad(path: Path) -> str:
    from marsad.sources import pdf

    return next(iter(pdf.read_pdf(path))).text


def plumber_plain(path: Path) -> str:
    import pdfplumber

    out = []
    with pdfplumber.open(str(path)) as pdf:
        for page in pdf.pages:
            out.append(page.extract_text() or "")
            page.close()
    return unicodedata.normalize("NFKC", "\n".join(out))


def plumber_bidi(path: Path) -> str:
    import pdfplumber
    from bidi.algorithm import get_display

    out = []
    with pdfplumber.open(str(path)) as pdf:
        for page in pdf.pages:
            for line in (page.extract_text() or "").splitlines():
                out.append(unicodedata.normalize("NFKC", get_display(line, base_dir="R") if _rtl(line) else line))
            page.close()
    return "\n".join(out)


def main() -> None:
    tmp = Path(tempfile.mkdtemp())
    ar_text = SEED.read_text(encoding="utf-8")
    en_text = "\n\n".join([EN] * 30)
    files = {"arabic, forms (3 pages)": (docmaker.make_pdf(tmp / "ar.pdf", docmaker.paragraphs(ar_text)), ar_text),
             "arabic, harfbuzz (3 pp)": (docmaker.make_pdf(tmp / "arhb.pdf", docmaker.paragraphs(ar_text),
                                                           shaping="harfbuzz"), ar_text),
             "english (3 pages)": (docmaker.make_pdf(tmp / "en.pdf", docmaker.paragraphs(en_text)), en_text)}
    readers = {"pypdfium2 (get_text_range)": pdfium_plain, "pypdfium2 + marsad layout": pdfium_marsad,
               "pdfplumber (extract_text)": plumber_plain, "pdfplumber + bidi per line": plumber_bidi}
    print(f"{'reader':30s} {'file':24s} {'words in order':>15s} {'seconds':>8s}")
    for rname, fn in readers.items():
        for fname, (path, src) in files.items():
            fn(path)                                      # warm up imports
            t0 = time.perf_counter()
            text = fn(path)
            dt = time.perf_counter() - t0
            ratio = difflib.SequenceMatcher(None, src.split(), text.split(), autojunk=False).ratio()
            print(f"{rname:30s} {fname:24s} {ratio:15.3f} {dt:8.3f}")


if __name__ == "__main__":
    main()
