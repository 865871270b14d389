"""``marsad report``: the briefing report of a period as HTML or PDF (a thin wrapper over marsad.report)."""
from __future__ import annotations

import sys
import time
from enum import Enum
from typing import Optional

import typer

from marsad.cli.store_cmds import DbOpt, _open


class ReportFormat(str, Enum):
    html = "html"
    pdf = "pdf"


class ReportLang(str, Enum):
    en = "en"
    ar = "ar"


def register(app: typer.Typer) -> None:
    app.command("report")(report)


def report(
    since: str = typer.Option(..., "--since", help="First day of the period (YYYY-MM-DD, inclusive)."),
    until: Optional[str] = typer.Option(None, "--until", help="Last day of the period (inclusive; default: "
                                        "everything since)."),
    topic: Optional[str] = typer.Option(None, "--topic", help="Only claims tagged with this topic (ai, chips, "
                                        "cloud, data_centres, telecom, energy, models); default: every topic."),
    fmt: ReportFormat = typer.Option(ReportFormat.html, "--format", "-f", help="html (one self-contained file) "
                                     "or pdf (printed from that HTML by chromium; pip install 'marsad\\[pdf]')."),
    out: Optional[str] = typer.Option(None, "--out", "-o", help="The file to write (default: "
                                      "marsad-report-SINCE[_UNTIL].html or .pdf here)."),
    lang: ReportLang = typer.Option(ReportLang.en, "--lang", help="The report's language: en, or ar (right to "
                                    "left)."),
    base_url: Optional[str] = typer.Option(None, "--base-url", help="Where 'marsad serve' runs (e.g. "
                                           "http://127.0.0.1:8000): the report links each article to its page "
                                           "there."),
    limit: int = typer.Option(20, "--limit", "-n", min=1, help="At most this many items per section."),
    db: Optional[str] = DbOpt,
) -> None:
    """A briefing on what was announced in a period: new claims by size, the largest stock moves,
    conflicts between sources and the key points of the most important articles, each with its
    sources. An empty period still writes a report that says so (and warns, M706)."""
    from marsad.report import build_report, check_out, period, write_report

    started = time.perf_counter()
    a, b = period(since, until)  # M701 before anything is opened
    if out is None:
        out = f"marsad-report-{a.isoformat()}{'_' + b.isoformat() if b else ''}.{fmt.value}"
    check_out(out)  # M703 before the work
    with _open(db) as store:
        rep = build_report(store, a, b, topic=topic, lang=lang.value, limit=limit)
    path = write_report(rep, out, format=fmt.value, base_url=base_url)
    err = sys.stderr
    if rep.empty:
        print(f"marsad: [M706] nothing was reported in {rep.since} – {rep.until or 'now'}"
              f"{' (topic ' + rep.topic + ')' if rep.topic else ''}: the report says so", file=err)
    t = rep.totals
    print(f"wrote {path} ({fmt.value}, {path.stat().st_size:,} bytes) in {time.perf_counter() - started:.1f} s: "
          f"{rep.documents} articles in the period; {t.get('claims', 0)} new claims, {t.get('moves', 0)} moves, "
          f"{t.get('conflicts', 0)} conflicts, {t.get('articles', 0)} articles with facts", file=err)
