"""HTML → PDF with chromium's print (Playwright driving a chromium: the optional ``pdf`` extra).

    pip install 'marsad[pdf]'          # Playwright
    apt-get install chromium fonts-noto-core   # a chromium, and Noto Naskh Arabic for Arabic text

Chromium prints exactly what the pages show (the same CSS and SVG charts), shapes Arabic with
HarfBuzz and writes a ToUnicode map, so pdftotext extracts Arabic words in logical order.
WeasyPrint was measured too (see docs/report.md): as fast on a report, but it draws the pages'
SVG charts without the site's CSS (black bars, clipped labels), so it is not used.

The browser is, in order: ``$MARSAD_CHROMIUM``, Debian's ``/usr/bin/chromium``, a ``chromium``
or ``google-chrome`` on the PATH, then Playwright's own download. It runs headless, loads the
document from memory and is refused every request (the report is self-contained).
"""
from __future__ import annotations

import os
import shutil
from pathlib import Path

from marsad.errors import ReportError

INSTALL = ("install the PDF engine: pip install 'marsad[pdf]' (Playwright) and a chromium "
           "(apt-get install chromium, or: playwright install chromium); or write --format html")
ARGS = ["--headless=new", "--disable-gpu", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--disable-extensions"]
FOOTER = ('<div style="font-size:8px;color:#57606a;width:100%;text-align:center;">'
          '<span class="pageNumber"></span> / <span class="totalPages"></span></div>')


def chromium_path() -> str | None:
    """The chromium to print with (see the module docstring), or None for Playwright's own."""
    env = os.environ.get("MARSAD_CHROMIUM")
    if env:
        return env
    if Path("/usr/bin/chromium").exists():
        return "/usr/bin/chromium"
    for name in ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable"):
        found = shutil.which(name)
        if found:
            return found
    return None


def html_to_pdf(html: str, timeout_s: float = 600.0) -> bytes:
    """``html`` (a self-contained document) printed to A4 PDF bytes; M704 without an engine,
    M705 when the engine fails."""
    try:
        from playwright.sync_api import Error as PlaywrightError
        from playwright.sync_api import sync_playwright
    except ImportError:
        raise ReportError(f"no PDF engine: Playwright is not installed; {INSTALL}", code="M704") from None
    exe = chromium_path()
    if exe is not None and not Path(exe).exists():
        raise ReportError(f"no PDF engine: chromium {exe!r} does not exist; {INSTALL}", code="M704")
    args = ARGS + (["--no-sandbox"] if hasattr(os, "geteuid") and os.geteuid() == 0 else [])
    try:
        with sync_playwright() as p:
            try:
                browser = p.chromium.launch(executable_path=exe, args=args, timeout=timeout_s * 1000)
            except PlaywrightError as e:
                first = str(e).strip().splitlines()[0] if str(e).strip() else type(e).__name__
                raise ReportError(f"no PDF engine: chromium did not start ({first[:200]}); {INSTALL}",
                                  code="M704") from None
            try:
                page = browser.new_page()
                page.set_default_timeout(timeout_s * 1000)
                page.route("**/*", lambda route: route.abort())  # nothing is fetched: the report is whole
                page.set_content(html, wait_until="load")
                return page.pdf(format="A4", print_background=True, prefer_css_page_size=True,
                                display_header_footer=True, header_template="<span></span>",
                                footer_template=FOOTER,
                                margin={"top": "14mm", "bottom": "16mm", "left": "12mm", "right": "12mm"})
            finally:
                browser.close()
    except ReportError:
        raise
    except PlaywrightError as e:
        first = str(e).strip().splitlines()[0] if str(e).strip() else type(e).__name__
        raise ReportError(f"the PDF engine failed: {first[:300]}", code="M705") from None
