"""``marsad feed add|list|pull`` and ``marsad watch``: thin wrappers over marsad.sources."""
from __future__ import annotations

import sys
from pathlib import Path
from typing import Optional

import typer

from marsad.cli.store_cmds import DbOpt, Out, emit

feed_app = typer.Typer(help="RSS and Atom feeds: add, list, pull (conditional GET, idempotent ingest).",
                       no_args_is_help=True)


def register(app: typer.Typer) -> None:
    """Add ``feed`` and ``watch`` to ``app``."""
    app.add_typer(feed_app, name="feed")
    app.command("watch")(watch)


def _err(line: str) -> None:
    print(f"marsad: {line}", file=sys.stderr, flush=True)


@feed_app.command("add")
def feed_add(url: str = typer.Argument(..., help="The feed's http(s) URL."),
             name: Optional[str] = typer.Option(None, "--name", help="A short name for the feed."),
             db: Optional[str] = DbOpt) -> None:
    """Register a feed in the store (adding it again only renames it)."""
    from marsad.sources import feeds
    from marsad.store import open_store

    with open_store(db) as store:
        f = feeds.add_feed(store, url, name)
    from marsad.cli.lang import _

    print(_("feed %(name)s: %(url)s", name=f["name"] or f["url"], url=f["url"]))


@feed_app.command("list")
def feed_list(db: Optional[str] = DbOpt,
              fmt: Out = typer.Option(Out.table, "--format", "-f", help="table, csv or json.")) -> None:
    """The registered feeds with the number of items ingested and the last pull's outcome."""
    from marsad.sources import feeds
    from marsad.store import open_store

    with open_store(db, read_only=True) as store:
        rows = feeds.list_feeds(store)
    emit([{k: r[k] for k in ("name", "url", "items", "pulled_at", "status")} for r in rows], fmt, "feeds")


@feed_app.command("pull")
def feed_pull(db: Optional[str] = DbOpt,
              only: Optional[str] = typer.Argument(None, help="Pull only this feed (name or URL)."),
              workers: int = typer.Option(0, "--workers", "-w", min=0,
                                          help="Extraction processes (0: in this process)."),
              timeout: float = typer.Option(20.0, "--timeout", min=1.0, help="Seconds per HTTP request."),
              fmt: Out = typer.Option(Out.table, "--format", "-f", help="Summary as table, csv or json.")
              ) -> None:
    """Fetch every feed (conditional GET), read each new item's page and ingest it.

    A feed or item that fails is reported on stderr in one line and skipped; the exit code
    is 1 if anything failed.
    """
    from marsad.sources import feeds
    from marsad.store import open_store

    with open_store(db) as store:
        results = feeds.pull(store, workers=workers, timeout=timeout, only=only, on_error=_err)
    emit([r.to_dict() for r in results], fmt, "feed pull")
    if any(r.failed for r in results):
        raise typer.Exit(1)


def watch(directory: Path = typer.Argument(..., help="The folder to watch (and its subfolders)."),
          db: Optional[str] = DbOpt,
          workers: int = typer.Option(0, "--workers", "-w", min=0,
                                      help="Extraction processes (0: in this process).")) -> None:
    """Ingest files as they appear or change in DIRECTORY, until interrupted (Ctrl-C).

    Files already stored are skipped (the store is the state, so a restart catches up);
    each file gives one log line on stdout; unreadable ones are reported with their code.
    Name files being written .NAME or NAME.part and rename them when complete.
    """
    import threading

    from marsad.cli.lang import _
    from marsad.sources.watch import watch as run

    def log(line: str) -> None:
        print(line if not line.startswith("[M") else f"marsad: {line}", flush=True)

    stop = threading.Event()
    try:
        run(directory, db, log, stop=stop, workers=workers,
            ready=lambda: print(_("watching %(dir)s (Ctrl-C to stop)", dir=directory), flush=True))
    except KeyboardInterrupt:
        stop.set()
