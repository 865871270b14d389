"""``marsad extract`` and ``marsad brief``: read files, run the library, print facts."""
from __future__ import annotations

import json
import sys
from enum import Enum
from typing import List

import typer
from rich.console import Console

from marsad import sources
from marsad.cli import render
from marsad.cli.lang import error_line
from marsad.read import MAX_BYTES, ReadError, iter_documents


class Format(str, Enum):
    table = "table"
    json = "json"
    jsonl = "jsonl"


def register(app: typer.Typer) -> None:
    """Add ``extract`` and ``brief`` to ``app``."""
    app.command("extract")(extract)
    app.command("brief")(brief)


def extract(
    paths: List[str] = typer.Argument(..., help="Text, HTML, JSON Lines, PDF, DOCX, XLSX or PPTX files, directories, or - for stdin."),
    fmt: Format = typer.Option(Format.table, "--format", "-f",
                               help="table: readable tables per document; json: one pretty JSON "
                                    "array; jsonl: one contract object per line (for the scorer)."),
    lang: str = typer.Option(None, "--lang", help="Force 'ar' or 'en' (default: detect per document)."),
    with_text: bool = typer.Option(False, "--with-text", help="Include the document text in JSON output."),
    max_bytes: int = typer.Option(MAX_BYTES, "--max-bytes", help="Skip files larger than this."),
) -> None:
    """Extract grounded quantities, entities and events from documents.

    Every fact carries [start, end) character offsets into the text as read.
    Unreadable files or records are reported on stderr (one line each) and the
    rest is processed; the exit code is 1 if anything failed.
    """
    from marsad import pipeline

    if lang not in (None, "ar", "en"):
        raise typer.BadParameter("--lang must be 'ar' or 'en'")
    out = Console(soft_wrap=True)
    failed = 0
    array = _JsonArray(sys.stdout) if fmt is Format.json else None
    # the documents in batches (pipeline.extract_each: the facts of extract_document, less CPU time)
    for item, facts in pipeline.extract_each(_forced_lang(iter_documents(paths, max_bytes=max_bytes), lang)):
        if isinstance(item, ReadError):
            failed += 1
            print(f"marsad: {error_line(item)}", file=sys.stderr)
            continue
        if isinstance(facts, Exception):
            raise facts  # (as extract_document raised it)
        if fmt is Format.jsonl:
            d = sources.annotate(facts.to_dict(include_text=with_text), item)
            sys.stdout.write(json.dumps(d, ensure_ascii=False) + "\n")
        elif array is not None:
            array.add(sources.annotate(facts.to_dict(include_text=with_text), item))
        else:
            render.facts_tables(out, facts)
    if array is not None:
        array.close()
    sys.stdout.flush()
    if failed:
        raise typer.Exit(1)


def _forced_lang(items, lang: str | None):
    """``items`` (documents and read errors), each document's language set to ``lang`` if given."""
    for item in items:
        if lang and not isinstance(item, ReadError):
            item.lang = lang
        yield item


class _JsonArray:
    """A pretty JSON array written one element at a time: the same bytes as
    ``json.dumps(items, indent=2)``, with memory for one document only."""

    def __init__(self, fh) -> None:
        self.fh, self.n = fh, 0

    def add(self, obj) -> None:
        body = json.dumps(obj, ensure_ascii=False, indent=2).replace("\n", "\n  ")
        self.fh.write(("[\n  " if self.n == 0 else ",\n  ") + body)
        self.n += 1

    def close(self) -> None:
        self.fh.write("[]\n" if self.n == 0 else "\n]\n")


def brief(
    paths: List[str] = typer.Argument(..., help="Text or HTML files, JSON Lines, directories, or - for stdin."),
    count: int = typer.Option(5, "--count", "-n", min=1, max=10, help="How many key sentences (3-5 by default)."),
    fmt: Format = typer.Option(Format.table, "--format", "-f", help="table, json (an array) or jsonl."),
) -> None:
    """Print the key sentences of each article with the facts each one carries."""
    import marsad
    from marsad.extractors import brief as brief_step

    failed = 0
    collected = []
    for item in iter_documents(paths):
        if isinstance(item, ReadError):
            failed += 1
            print(f"marsad: {error_line(item)}", file=sys.stderr)
            continue
        facts = marsad.extract_document(item)
        points = brief_step.key_points(facts, limit=count)
        if fmt is Format.table:
            render.brief(Console(soft_wrap=True), facts, points)
            continue
        d = {"doc_id": facts.doc_id, "lang": facts.lang,
             "key_points": [brief_step.describe(facts, p) for p in points]}
        if fmt is Format.jsonl:
            sys.stdout.write(json.dumps(d, ensure_ascii=False) + "\n")
        else:
            collected.append(d)
    if fmt is Format.json:  # one file: its object, as before; several: an array
        out = collected[0] if len(collected) == 1 and len(paths) == 1 else collected
        sys.stdout.write(json.dumps(out, ensure_ascii=False, indent=2) + "\n")
    if failed:
        raise typer.Exit(1)
