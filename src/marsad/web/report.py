"""The briefing report as HTML: one template (``report.html``) for the web page and the file.

``render_report(report, standalone=True)`` is a self-contained document (styles inline, charts
as inline SVG, no script, nothing loaded from anywhere), which is also what the PDF is printed
from; ``standalone=False`` is the body of the ``/report`` page inside the site's layout. The
charts are drawn by ``marsad.web.charts``, the code the leaderboard and moves pages use.
"""
from __future__ import annotations

from typing import Any

from markupsafe import Markup

from marsad.web import STATIC_DIR, charts, render

# Arabic script in the report's own font: Noto Naskh Arabic (Debian fonts-noto-core; Amiri next)
# draws lam-alef as two glyphs, so text extracted from the PDF (pdftotext) keeps "لا" in logical
# order; with fonts that draw it as one ligature glyph (DejaVu Sans, Noto Sans Arabic) poppler
# turns it around ("دوالر" for "دولار"). Measured on the seed article printed by chromium: 938 of
# 968 Arabic words come out whole with Noto Naskh Arabic, 925 with Amiri (the rest carry tanween
# or damma, whose order poppler changes), and every lam-alef word is wrong with DejaVu Sans.
ARABIC_RANGE = "U+0600-06FF, U+0750-077F, U+08A0-08FF, U+FB50-FDFF, U+FE70-FEFF"
FONT_FACES = "\n".join(
    f'@font-face {{ font-family: "Marsad Arabic"; font-weight: {weight}; src: {src}; '
    f"unicode-range: {ARABIC_RANGE}; }}"
    for weight, src in (
        ("normal", 'local("Noto Naskh Arabic Regular"), local("NotoNaskhArabic-Regular"), '
                   'local("Amiri Regular"), local("Amiri-Regular")'),
        ("bold", 'local("Noto Naskh Arabic Bold"), local("NotoNaskhArabic-Bold"), local("Amiri Bold"), '
                 'local("Amiri-Bold")')))


def _link(base_url: str | None):
    def link(href: str | None) -> str | None:
        if href is None or base_url is None:
            return None
        return base_url.rstrip("/") + href
    return link


def _short(s: str, n: int = 30) -> str:
    return s if len(s) <= n else s[:n - 1] + "…"


def report_charts(report, links: bool, ui=None) -> dict[str, Markup]:
    """The claims bar chart and the moves chart of ``report`` (SVG), in the reader's ``ui``."""
    from marsad import i18n
    from marsad.web import company_href

    ui = ui or i18n.UI(report.lang if report.lang in ("en", "ar") else "en")
    bars = [{"label": _short(ui.name(c.subject) if c.subject else "?"), "value": c.usd,
             "note": f"{c.type.replace('_', ' ')}, {c.first_reported or ''}",
             **({"href": company_href(c.subject)} if links else {})} for c in report.claims[:12]]
    moves = [{"company": m.subject, "change_pct": m.change_pct, "date": m.date,
              **({"doc": m.sources[0].doc} if links and m.sources else {})} for m in report.moves]
    return {"claims": charts.bar_chart(bars, label=ui.gettext("New claims in USD"), ui=ui) if bars else Markup(""),
            "moves": charts.move_chart(moves, ui=ui) if moves else Markup("")}


def render_report(report, standalone: bool = True, base_url: str | None = None, **page: Any) -> str:
    """The report as HTML: a whole document (``standalone``) or the ``/report`` page's body.

    Links to the article pages need ``base_url`` in a file (``""`` on the site itself)."""
    links = not standalone or base_url is not None
    css = None
    if standalone:
        css = Markup(FONT_FACES + "\n" + (STATIC_DIR / "css" / "marsad.css").read_text("utf-8"))
    from marsad import i18n

    ui = page.pop("ui", None) or i18n.UI(report.lang if report.lang in ("en", "ar") else "en")
    return render("report.html", ui, report=report, charts=report_charts(report, links, ui),
                  layout="report_file.html" if standalone else "base.html", inline_css=css,
                  link=_link("" if not standalone else base_url), **page)
