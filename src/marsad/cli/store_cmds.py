"""Store commands: ``ingest``, ``query …``, ``sql``, ``export`` (thin wrappers over marsad.store)."""
from __future__ import annotations

import csv
import json
import sys
from enum import Enum
from pathlib import Path
from typing import Any, List, Optional

import typer
from rich.console import Console
from rich.table import Table

from marsad.i18n import N_
from marsad.read import MAX_BYTES

DB_HELP = ("Database: a DuckDB file path or a postgresql:// URL. Default: $MARSAD_DB, else "
           "~/.local/share/marsad/marsad.duckdb.")


class Out(str, Enum):
    table = "table"
    csv = "csv"
    json = "json"


class Engine(str, Enum):
    local = "local"
    spark = "spark"


class ExportFormat(str, Enum):
    parquet = "parquet"
    csv = "csv"
    jsonl = "jsonl"
    xlsx = "xlsx"


class MoveSort(str, Enum):
    date = "date"
    change = "change"


TopicOpt = typer.Option("ai", "--topic", help="Only claims tagged with this topic: ai (default), models, chips, "
                        "cloud, data_centres, telecom, energy; 'all' for every topic.")
FlaggedOpt = typer.Option(False, "--include-flagged", help="Also count facts whose in-article checks failed.")
DbOpt = typer.Option(None, "--db", envvar="MARSAD_DB", help=DB_HELP, show_envvar=False)
FmtOpt = typer.Option(Out.table, "--format", "-f", help="table (readable), csv or json.")
LimitOpt = typer.Option(50, "--limit", "-n", min=1, help="At most this many rows.")

query_app = typer.Typer(help="Canned questions over the store: investments, moves, companies, "
                             "company NAME, timeline NAME, stats.", no_args_is_help=True)


def register(app: typer.Typer) -> None:
    """Add the store commands to ``app``."""
    app.command("ingest")(ingest)
    from marsad.cli import claims_cmds  # noqa: F401 - adds ``query claims`` and ``query conflicts``

    app.add_typer(query_app, name="query")
    app.command("sql")(sql)
    app.command("export")(export)
    app.command("load")(load)


def _open(db: Optional[str], read_only: bool = True, sandbox: bool = False):
    from marsad.store import open_store

    return open_store(db, read_only=read_only, sandbox=sandbox)


# -- output ------------------------------------------------------------------------------
def _cell(v: Any) -> str:
    from marsad.cli.render import visual

    if v is None:
        return ""
    if isinstance(v, float):
        return f"{v:,.2f}" if abs(v) < 1e15 else f"{v:.4g}"
    if isinstance(v, int) and not isinstance(v, bool) and abs(v) >= 1_000_000 and abs(v) < 1e15:
        return f"{v:,}"
    if isinstance(v, list) and all(not isinstance(x, (list, dict)) for x in v):
        # each item laid out on its own, in the list's order (a whole-line bidi pass would put
        # an all-Arabic list right to left, last alias first)
        return ", ".join(_cell(x) for x in v)
    s = str(v) if not isinstance(v, (list, dict)) else json.dumps(v, ensure_ascii=False)
    s = s.replace("\n", " ")
    if len(s) > 120:
        s = s[:117] + "..."
    return visual(s, "ar") if any("\u0600" <= c <= "\u06ff" for c in s) else s


# Columns a terminal table shows (CSV and JSON carry every column).
TABLE_COLUMNS = {
    "investments": ["rank", "company", "usd", "as_stated", "year", "reports", "sources"],
    "investments_by_company": ["rank", "company", "total_usd", "figures", "largest_usd", "reports",
                               "first_reported", "sources"],
    "moves": ["date", "company", "change_pct", "measure", "price", "currency", "reports", "title"],
    "claims": ["type", "subject", "usd", "change_pct", "as_stated", "measure", "first_reported", "reports",
               "status", "topics"],
    "conflicts": ["type", "subject", "measure", "value_a", "value_b", "source_a", "source_b"],
    "timeline": ["date", "type", "subject", "target", "usd", "change_pct", "metric", "reports", "title"],
}


# Terminal tables show amounts compactly ($620.00 bn) and never cut or fold them; CSV and JSON
# carry the exact values.
FIGURES = {"usd", "total_usd", "largest_usd", "as_stated", "value", "price", "change_pct", "currency"}
USD_COLUMNS = {"usd", "total_usd", "largest_usd"}


def _usd(v: Any) -> str:
    from marsad.web.view import fmt_money

    return fmt_money(v, "USD") if isinstance(v, (int, float)) and not isinstance(v, bool) else _cell(v)


def _stated(v: Any) -> str:
    """'380000000000 CNY | 53000000000 USD' → 'CNY 380.00 bn | $53.00 bn'."""
    from marsad.web.view import fmt_money

    if not isinstance(v, str):
        return _cell(v)
    out = []
    for part in v.split(" | "):
        num, _, unit = part.partition(" ")
        if unit and not (len(unit) == 3 and unit.isalpha() and unit.isupper()):
            out.append(part)  # already compact as stated ("more than 380 bn CNY", "38 bn–42 bn USD")
            continue
        try:
            out.append(fmt_money(float(num), unit or None))
        except ValueError:
            out.append(part)
    return " | ".join(out)


def _csv_cell(v: Any) -> Any:
    if v is None:
        return ""
    return json.dumps(v, ensure_ascii=False) if isinstance(v, (list, dict)) else v


def emit(data: Any, fmt: Out, title: str = "", columns: list[str] | None = None,
         view: str | None = None) -> None:
    """Print rows (list of dicts) or a record with sections (dict) as a table, CSV or JSON."""
    if fmt is Out.table and view in TABLE_COLUMNS and isinstance(data, list):
        columns = TABLE_COLUMNS[view]
    if fmt is Out.json:
        sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2, default=str) + "\n")
        return
    if isinstance(data, dict):
        scalars = {k: v for k, v in data.items() if not isinstance(v, list) or
                   all(not isinstance(x, dict) for x in v)}
        from marsad.cli.lang import column

        shown = column if fmt is Out.table else (lambda k: k)  # CSV keeps the keys
        _rows([{"field": shown(k), "value": v} for k, v in scalars.items()], fmt, title,
              section=any(k not in scalars for k in data))
        for k, v in data.items():
            if k not in scalars:
                cols = TABLE_COLUMNS.get(k) if fmt is Out.table and v else None
                _rows(v, fmt, shown(k), [c for c in cols if c in v[0]] if cols else None, section=True)
        return
    _rows(data, fmt, title, columns)


def _rows(rows: list[dict], fmt: Out, title: str, columns: list[str] | None = None,
          section: bool = False) -> None:
    cols = columns or (list(rows[0].keys()) if rows else [])
    if fmt is Out.csv:
        if title and section:  # several tables in one CSV stream: name each
            sys.stdout.write(f"# {title}\n")
        w = csv.writer(sys.stdout)
        w.writerow(cols)
        for r in rows:
            w.writerow([_csv_cell(r.get(c)) for c in cols])
        return
    import os

    wide = sys.stdout.isatty() or os.environ.get("COLUMNS", "").isdigit()
    console = Console(soft_wrap=False, width=None if wide else 160)
    from marsad.cli.lang import _, column

    if not rows:
        console.print(f"[dim]{_title(title) + ': ' if title else ''}{_('no rows')}[/]", highlight=False)
        return
    cells = [[_stated(r.get(c)) if c == "as_stated" else _usd(r.get(c)) if c in USD_COLUMNS else _cell(r.get(c))
              for c in cols] for r in rows]
    figure = [c in FIGURES or bool(vals) and all(isinstance(v, (int, float)) for v in vals)
              for c, vals in ((c, [r.get(c) for r in rows if r.get(c) is not None]) for c in cols)]
    widths = [max([len(x[i]) for x in cells] + [len(c) if figure[i] else min(len(c), 8)])
              if figure[i] else min(8, max(len(x[i]) for x in cells) or 1) for i, c in enumerate(cols)]
    keep = list(range(len(cols)))
    while sum(widths[i] + 3 for i in keep) + 1 > console.width and len(keep) > 2:
        text_cols = [i for i in keep[1:] if not figure[i]]
        if len(text_cols) < 2:
            break
        keep.remove(text_cols[-1])  # the last text column (sources, titles) gives way first
    t = Table(title=_title(title) or None, show_lines=False,
              caption=_("%(n)s column(s) left out at this width: -f csv or -f json has them all",
                        n=len(cols) - len(keep)) if len(keep) < len(cols) else None)
    for i in keep:
        if figure[i]:  # figures are never cut or folded: the text columns give way instead
            t.add_column(column(cols[i]), justify="right", no_wrap=True, min_width=widths[i])
        else:
            t.add_column(column(cols[i]), overflow="fold", min_width=widths[i], ratio=1)
    for row in cells:
        t.add_row(*[row[i] for i in keep])
    console.print(t)


# Table titles the commands give (a title with a name after it keeps the name).
N_("investments (USD, topic: %(topic)s)")
TITLES = {N_("stock moves"), N_("companies"), N_("claims"),
          N_("conflicts"), N_("store"), N_("timeline"), N_("ingest summary"), N_("feeds"), N_("feed pull"),
          N_("spark output"), N_("loaded"), N_("investments"), N_("moves")}


def _title(title: str) -> str:
    """A table's title in the CLI's language: a known title, or 'timeline: NAME' with its name."""
    from marsad.cli.lang import _, lang

    if not title or lang() == "en":
        return title
    prefix = "investments (USD, topic: "
    if title.startswith(prefix) and title.endswith(")"):
        return _("investments (USD, topic: %(topic)s)", topic=title[len(prefix):-1])
    if title in TITLES:
        return _(title)
    for head, sep in (("timeline", ": "), ("spark output", " "), ("loaded", " ")):
        if title.startswith(head + sep):
            return _(head) + sep + title[len(head + sep):]
    return title


# -- ingest ------------------------------------------------------------------------------
def ingest(
    paths: List[str] = typer.Argument(None, help="Files, folders, JSON Lines, or - for stdin. With "
                                                 "--engine spark: INPUT OUTPUT."),
    db: Optional[str] = DbOpt,
    workers: Optional[int] = typer.Option(None, "--workers", "-w", min=0,
                                          help="Extraction processes (default: one per core; 0: in "
                                               "this process)."),
    batch_size: int = typer.Option(200, "--batch-size", min=1, help="Documents per transaction."),
    reextract: bool = typer.Option(False, "--reextract", help="Re-run documents stored by an older "
                                   "extractor version (with no PATHS: every such stored document)."),
    threshold: float = typer.Option(0.8, "--near-dup", min=0.0, max=1.0,
                                    help="MinHash similarity at which a story is marked a near-duplicate."),
    engine: Engine = typer.Option(Engine.local, "--engine", help="local: this machine into --db; "
                                  "spark: PySpark from INPUT (JSONL/Parquet) to partitioned Parquet OUTPUT."),
    master: str = typer.Option("local[*]", "--master", help="Spark master URL (with --engine spark)."),
    progress: bool = typer.Option(True, "--progress/--no-progress", help="Show a progress bar on stderr."),
    extractor: Optional[str] = typer.Option(None, "--extractor", metavar="MODULE:FUNCTION",
                                            help="Another extraction function (Document → Facts) "
                                                 "instead of marsad.extract_document."),
    fmt: Out = typer.Option(Out.table, "--format", "-f", help="Summary as table, csv or json."),
    max_bytes: int = typer.Option(MAX_BYTES, "--max-bytes", min=1,
                                  help="Skip text and HTML files, and JSON Lines records, larger than "
                                       "this (JSON Lines files themselves may be of any size)."),
) -> None:
    """Load documents into the store: extract facts, skip what is already there, mark near-duplicates.

    Idempotent and crash-safe: each batch of documents is written with all its
    facts in one transaction, so after an interruption (even kill -9) running
    the same command again completes the store without duplicates. Ctrl-C or
    SIGTERM finish the batches in flight, stop the workers and exit (code 130 or
    143); the same command resumes. Unreadable files and malformed JSON lines are
    reported (with line numbers) and counted; the exit code is 1 if anything failed.
    """
    paths = list(paths or [])
    if engine is Engine.spark:
        if len(paths) != 2:
            raise typer.BadParameter("--engine spark takes INPUT OUTPUT")
        from marsad.scale.spark import run

        counts = run(paths[0], paths[1], master=master, extractor=extractor)
        emit([{"table": k, "rows": v} for k, v in counts.items()], fmt, "spark output " + paths[1])
        return
    if not paths and not reextract:
        raise typer.BadParameter("give files, folders or - (or --reextract to refresh stored documents)")
    from marsad.ingest import ingest as run_ingest

    from marsad.cli.lang import _

    err = Console(stderr=True, soft_wrap=True)
    store = _open(db, read_only=False)
    shown = [0]

    def on_failure(msg: str) -> None:
        shown[0] += 1
        if shown[0] <= 20:
            err.print(f"marsad: {_localised_failure(msg)}", markup=False, highlight=False)
        elif shown[0] == 21:
            err.print("marsad: " + _("(more failures: see the summary)"), markup=False)

    try:
        with _progress(err, progress, _count(paths)) as bar:
            summary = run_ingest(store, paths, workers=workers, batch_size=batch_size, reextract=reextract,
                                 threshold=threshold, on_failure=on_failure, extractor=extractor,
                                 on_progress=lambda n, s: bar(n, s.rate()), max_bytes=max_bytes)
    finally:
        store.close()
    d = summary.to_dict()
    if fmt is Out.json:
        emit(d, fmt)
    else:
        emit({k: v for k, v in d.items() if k not in ("failures", "failure_codes")}, fmt,
             "ingest summary")
        if summary.failed:
            codes = ", ".join(f"{c}: {n}" for c, n in sorted(summary.failure_codes.items()))
            err.print(_("failed %(n)s (%(codes)s); first reasons:", n=summary.failed, codes=codes), highlight=False)
            for m in summary.failures[:10]:
                err.print(f"  {_localised_failure(m)}", markup=False, highlight=False)
    if summary.interrupted:
        err.print("marsad: " + _("interrupted (%(signal)s) after %(n)s documents; the batches in flight were "
                                 "stored. Run the same command again to continue.", signal=summary.interrupted,
                                 n=f"{summary.read:,}"), highlight=False)
        raise typer.Exit(130 if summary.interrupted == "SIGINT" else 143)
    if summary.failed:
        raise typer.Exit(1)


def _localised_failure(msg: str) -> str:
    """An ingest failure line ('[M107] x.txt: ...') with its text in the CLI's language."""
    import re

    from marsad.cli.lang import error_line, lang
    from marsad.read import ReadError

    m = re.match(r"\[(M\d+)\] (.*?)(?::(\d+))?: ", msg)
    if lang() == "en" or not m:
        return msg
    return error_line(ReadError(m.group(2), msg[m.end():], int(m.group(3)) if m.group(3) else None, m.group(1)))


def _count(paths: list[str]) -> int | None:
    """Total documents when cheap to know (JSON Lines and single files), else None."""
    total = 0
    for p in paths:
        path = Path(p)
        if p == "-" or path.is_dir():
            return None
        if path.suffix.lower() in (".jsonl", ".ndjson"):
            try:
                with open(path, "rb") as fh:  # lines, counted in 1 MB blocks (any file size)
                    last = b"\n"
                    while block := fh.read(1 << 20):
                        total += block.count(b"\n")
                        last = block[-1:]
                    total += last != b"\n"
            except OSError:
                pass
        else:
            total += 1
    return total


class _progress:
    """A rich progress bar with documents/s on stderr (or nothing)."""

    def __init__(self, console: Console, enabled: bool, total: int | None):
        self.console, self.enabled, self.total = console, enabled, total

    def __enter__(self):
        if not self.enabled:
            return lambda n, rate=None: None
        from rich.progress import (BarColumn, MofNCompleteColumn, Progress, ProgressColumn, TextColumn,
                                   TimeElapsedColumn, TimeRemainingColumn)
        from rich.text import Text

        class Rate(ProgressColumn):
            """Documents read per second since the start: the figure the summary reports."""

            def render(self, task):
                speed = task.fields.get("rate")
                return Text(f"{speed:,.0f} docs/s" if speed else "… docs/s", style="cyan")

        self.p = Progress(TextColumn("ingest"), BarColumn(), MofNCompleteColumn(), Rate(),
                          TimeElapsedColumn(), TimeRemainingColumn(), console=self.console,
                          transient=False)
        self.p.start()
        task = self.p.add_task("ingest", total=self.total, rate=None)
        return lambda n, rate=None: self.p.update(task, advance=n, rate=rate)

    def __exit__(self, *exc):
        if self.enabled:
            self.p.stop()


# -- query -------------------------------------------------------------------------------
def _company(s, name: str) -> str:
    """The canonical name the store knows ``name`` by (an alias as written, a kb id, or a
    knowledge-base alias such as 'Alibaba' or 'علي بابا'); exit 1 for a name it does not know."""
    resolved = s.resolve(name)
    if _known(s, resolved):
        return resolved
    from marsad.kb import knowledge_base

    entry = knowledge_base().lookup(name)
    if entry is not None:
        for candidate in (s.resolve(entry.id), entry.name):
            if _known(s, candidate):
                return candidate
    from marsad.cli.lang import _

    print("marsad: " + _("no company or entity named %(name)s in the store (see 'marsad query companies')",
                         name=repr(name)), file=sys.stderr)
    raise typer.Exit(1)


def _known(s, name: str) -> bool:
    return bool(s.query("SELECT 1 FROM entities WHERE lower(name) = lower(?) UNION ALL SELECT 1 FROM events "
                        "WHERE lower(subject) = lower(?) OR lower(target) = lower(?) LIMIT 1",
                        [name, name, name]).rows)


@query_app.command("investments")
def q_investments(
    company: Optional[str] = typer.Option(None, "--company", "-c", help="Only this company (name, alias or kb id)."),
    country: Optional[str] = typer.Option(None, "--country", help="Only companies of this country (name or ISO code)."),
    year: Optional[int] = typer.Option(None, "--year", "-y", help="Only reports published this year."),
    by_company: bool = typer.Option(False, "--by-company", help="One row per company: the sum of its claims."),
    topic: str = TopicOpt, include_flagged: bool = FlaggedOpt,
    limit: int = LimitOpt, db: Optional[str] = DbOpt, fmt: Out = FmtOpt,
) -> None:
    """Investment leaderboard in USD, built from claims: each figure once, with every source.

    By default AI-tagged claims only (--topic all for every topic); facts whose checks failed
    are left out (--include-flagged shows them); governments, supranational bodies, exchanges,
    indices and news agencies are not ranked."""
    with _open(db) as s:
        company = _company(s, company) if company else None
        emit(s.investments(company=company, country=country, year=year, by_company=by_company,
                           limit=limit, topic=topic, include_flagged=include_flagged), fmt,
             f"investments (USD, topic: {topic})",
             view="investments_by_company" if by_company else "investments")


@query_app.command("moves")
def q_moves(
    company: Optional[str] = typer.Option(None, "--company", "-c", help="Only this company."),
    year: Optional[int] = typer.Option(None, "--year", "-y", help="Only this year."),
    min_change: float = typer.Option(0.0, "--min-change", help="Only moves of at least this many per cent."),
    duplicates: bool = typer.Option(False, "--duplicates", help="Include near-duplicate stories."),
    sort: MoveSort = typer.Option(MoveSort.date, "--sort", help="date: newest first; change: largest "
                                  "absolute moves first."),
    topic: Optional[str] = typer.Option(None, "--topic", help="Only claims tagged with this topic (ai, chips, "
                                        "cloud, data_centres, telecom, energy, models)."),
    measure: str = typer.Option("session", "--measure", help="session (a day's move: close, intraday, extended, "
                                "unspecified), period (year to date, months...), close, intraday, extended, or all."),
    include_flagged: bool = FlaggedOpt,
    limit: int = LimitOpt, db: Optional[str] = DbOpt, fmt: Out = FmtOpt,
) -> None:
    """Stock moves (signed per cent), one row per claim, with their measure and evidence."""
    with _open(db) as s:
        company = _company(s, company) if company else None
        emit(s.moves(company=company, year=year, min_change=min_change, include_duplicates=duplicates,
                     limit=limit, sort=sort.value, topic=topic, include_flagged=include_flagged,
                     measure=measure), fmt,
             "stock moves", view="moves")


@query_app.command("companies")
def q_companies(
    search: Optional[str] = typer.Option(None, "--search", "-s", help="Only names containing this."),
    limit: int = typer.Option(100, "--limit", "-n", min=1), db: Optional[str] = DbOpt, fmt: Out = FmtOpt,
) -> None:
    """Organisations by the number of documents that mention them."""
    with _open(db) as s:
        emit(s.companies(limit=limit, q=search), fmt, "companies")


@query_app.command("company")
def q_company(name: str = typer.Argument(..., help="Name, alias as written, or kb id."),
              limit: int = LimitOpt, db: Optional[str] = DbOpt, fmt: Out = FmtOpt) -> None:
    """One company: aliases, ticker, country, investments, moves, products, supply deals."""
    with _open(db) as s:
        data = s.company(_company(s, name), limit=limit)
    if data is None:
        from marsad.cli.lang import _

        Console(stderr=True).print("marsad: " + _("no company named %(name)s in the store", name=repr(name)),
                                   highlight=False)
        raise typer.Exit(1)
    emit(data, fmt, data.get("name", name))


@query_app.command("timeline")
def q_timeline(name: str = typer.Argument(..., help="Company (name, alias or kb id)."),
               duplicates: bool = typer.Option(False, "--duplicates", help="Include near-duplicate stories."),
               limit: int = typer.Option(200, "--limit", "-n", min=1), db: Optional[str] = DbOpt,
               fmt: Out = FmtOpt) -> None:
    """Every event involving a company, oldest first, with evidence and source."""
    with _open(db) as s:
        name = _company(s, name)
        emit(s.timeline(name, include_duplicates=duplicates, limit=limit), fmt, f"timeline: {name}",
             view="timeline")


@query_app.command("stats")
def q_stats(db: Optional[str] = DbOpt, fmt: Out = FmtOpt) -> None:
    """What the store holds: rows per table, languages, near-duplicates, extractor versions."""
    with _open(db) as s:
        emit(s.stats(), fmt, "store")


# -- sql and export ----------------------------------------------------------------------
def sql(query: str = typer.Argument(..., help="One read-only statement, e.g. \"SELECT ...\"."),
        limit: Optional[int] = typer.Option(None, "--limit", "-n", min=1, help="At most this many rows."),
        db: Optional[str] = DbOpt, fmt: Out = FmtOpt) -> None:
    """Run a read-only SQL query on the store (tables: documents, quantities, entities, mentions,
    events, event_args; see docs/store.md). Writes are refused, and so is anything outside the
    store: files (read_text, read_csv, glob, ATTACH) and, on PostgreSQL, server files and settings."""
    with _open(db, sandbox=True) as s:
        res = s.sql(query, limit=limit)
    from marsad.store.views import _plain

    emit([{c: _plain(v) for c, v in zip(res.columns, r)} for r in res.rows], fmt, columns=res.columns)


def export(out: str = typer.Option(..., "--out", "-o", help="Folder (parquet, csv), file (jsonl; - for "
                                                              "stdout) or workbook (xlsx: FILE.xlsx)."),
           fmt: ExportFormat = typer.Option(ExportFormat.parquet, "--format", "-f",
                                            help="parquet or csv: one file per table (or per --view); jsonl: "
                                                 "one document with its facts per line; xlsx: one workbook, "
                                                 "a sheet per view."),
           table: Optional[List[str]] = typer.Option(None, "--table", "-t", help="Only these tables."),
           view: Optional[List[str]] = typer.Option(
               None, "--view", help="Export the analyst's views instead of tables (xlsx always does): "
                                    "investments, companies, moves, claims, conflicts, events (the facts "
                                    "table). Repeat for several; default for xlsx: all."),
           excel: bool = typer.Option(False, "--excel", help="CSV in Excel's dialect: a UTF-8 byte-order "
                                                             "mark (so Excel shows Arabic, not mojibake), "
                                                             "CRLF line ends, quoting as needed."),
           lang: Optional[str] = typer.Option(None, "--lang", envvar="MARSAD_LANG", show_envvar=False,
                                              help="Language of the views' headers and sheet names: en or "
                                                   "ar (right-to-left sheets). Default: $MARSAD_LANG, else en."),
           company: Optional[str] = typer.Option(None, "--company", "-c",
                                                 help="Views: only this company (name, alias or kb id)."),
           year: Optional[int] = typer.Option(None, "--year", help="Views: only this year."),
           topic: Optional[str] = typer.Option(None, "--topic", help="Views: only claims of this topic (ai, "
                                                                     "chips, ...; 'all'). Default: AI for "
                                                                     "the investments, every topic elsewhere."),
           type: Optional[str] = typer.Option(None, "--type", help="Views: only this event type "
                                                                   "(claims, conflicts, events)."),
           include_flagged: bool = FlaggedOpt,
           base_url: str = typer.Option("http://127.0.0.1:8000", "--base-url",
                                        help="Views: where 'marsad serve' runs; a source without a URL "
                                             "links to its article page there."),
           db: Optional[str] = DbOpt) -> None:
    """Export the store as Parquet, CSV or JSON Lines, or its views as an Excel workbook.

    \b
    marsad export --format xlsx --out marsad.xlsx              # every view, a sheet each
    marsad export --format xlsx --lang ar --out marsad-ar.xlsx # Arabic headers, right-to-left sheets
    marsad export --format csv --view investments --excel --out out/   # out/investments.csv for Excel
    """
    from marsad.store.sheets import Filters

    filters = Filters(company=company, year=year, topic=topic, type=type, include_flagged=include_flagged,
                      base_url=base_url)
    notes: list[str] = []
    with _open(db) as s:
        paths = s.export(out, fmt.value, table or None, views=view or None, filters=filters,
                         lang=lang or "en", excel=excel, notes=notes)
    err = Console(stderr=True)
    for n in notes:
        err.print(f"marsad: {n}", highlight=False)
    if out != "-":
        for p in paths:
            from marsad.cli.lang import _

            Console(stderr=True).print(_("wrote %(path)s", path=p), highlight=False)


def load(folder: str = typer.Argument(..., help="The OUTPUT folder of 'marsad ingest --engine spark INPUT OUTPUT'."),
         db: Optional[str] = DbOpt, fmt: Out = typer.Option(Out.table, "--format", "-f",
                                                           help="Counts as table, csv or json.")) -> None:
    """Load Spark output (Parquet) into the store, with its facts and near-duplicate marks.

    Documents already stored are skipped; everything else goes in as one transaction,
    so running the same command again is safe.
    """
    from marsad.store.load import load_parquet

    with _open(db, read_only=False) as s:
        counts = load_parquet(s, folder)
    emit([{"table": k, "rows": v} for k, v in counts.items()], fmt, "loaded " + folder)
