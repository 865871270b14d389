"""Rich rendering of Facts for the terminal; Arabic is laid out right-to-left.

Most terminals draw characters in logical order, which scrambles Arabic; unless
``MARSAD_TERMINAL_BIDI=1`` says the terminal does bidi itself, Arabic cells are
reordered for display with the Unicode bidi algorithm (python-bidi).
"""
from __future__ import annotations

import os

from rich.console import Console
from rich.table import Table

from marsad.model import Facts


def visual(s: str, lang: str) -> str:
    """Display order for a terminal without bidi support (identity for English)."""
    if lang != "ar" or os.environ.get("MARSAD_TERMINAL_BIDI") == "1":
        return s
    from bidi import get_display

    return get_display(s.replace("\n", " "))


def _fmt_num(v) -> str:
    if v is None:
        return ""
    if isinstance(v, float) and not v.is_integer():
        return f"{v:,.4g}" if abs(v) < 1000 else f"{v:,.2f}"
    return f"{v:,.0f}" if isinstance(v, (int, float)) else str(v)


def facts_tables(console: Console, facts: Facts) -> None:
    """Print a quantities, an entities and an events table for one document."""
    from marsad.cli.lang import _, column

    lang = facts.lang
    console.rule(f"[bold]{facts.doc_id}[/] ({lang}, " + _("%(n)s characters", n=f"{len(facts.text):,}") + ")")
    t = Table(title=_("Quantities"), show_lines=False)
    for col in ("kind", "value", "unit", "qualifier", "USD", "span", "text"):
        t.add_column(column(col), justify="right" if col in ("value", "USD") else "left")
    for q in facts.quantities:
        t.add_row(q.kind, _fmt_num(q.value) + (f"–{_fmt_num(q.value_max)}" if q.value_max else ""),
                  q.unit or "", q.qualifier or "", _fmt_num(q.usd), f"{q.start}-{q.end}",
                  visual(q.text, lang))
    console.print(t)
    if facts.entities:
        t = Table(title=_("Entities"))
        for col in ("name", "type", "mentions", "as written"):
            t.add_column(column(col))
        for e in facts.entities:
            surfaces = sorted({facts.text[s:x] for s, x in e.mentions})
            t.add_row(e.name, e.type, str(len(e.mentions)), visual(" | ".join(surfaces[:3]), lang))
        console.print(t)
    if facts.events:
        t = Table(title=_("Events"))
        for col in ("type", "subject", "details", "checks", "span"):
            t.add_column(column(col))
        for ev in facts.events:
            details = ", ".join(f"{k}={_fmt_num(v) if isinstance(v, (int, float)) else v}"
                                for k, v in ev.args.items()
                                if k not in ("subject", "checks", "topics") and v is not None)
            checks = ev.args.get("checks") or []
            worst = [c for c in checks if c.get("status") == "fail"] or [c for c in checks if c.get("status") == "warn"]
            status = f"{worst[0]['status']}: {worst[0].get('reason', '')}" if worst else ("pass" if checks else "")
            t.add_row(ev.type, str(ev.args.get("subject", "")), details, status, f"{ev.start}-{ev.end}")
        console.print(t)


def brief(console: Console, facts: Facts, points) -> None:
    """Print key sentences, each followed by the facts it carries."""
    from marsad.extractors import brief as brief_step

    from marsad.cli.lang import _

    console.rule(f"[bold]{facts.doc_id}[/] — " + _("key points"))
    for i, p in enumerate(points, 1):
        d = brief_step.describe(facts, p)
        console.print(f"[bold]{i}.[/] {visual(d['text'], facts.lang)}", highlight=False)
        for f in d["facts"]:
            console.print(f"     • {f}", highlight=False)
