"""``marsad watch DIR``: ingest files as they appear or change in a folder (watchfiles).

On start the folder is scanned once: whatever the store already holds (same text, same
hash) is skipped, so a restart picks up only what arrived while the watcher was down; the
store is the only state. Then every added or modified file is ingested as soon as it is
written (watchfiles groups the events of one write). Each file gives one log line: stored,
already stored, or the reason it could not be read. The store is opened for each batch and
closed after it, so other commands can read it between batches.

Write big files under a hidden or temporary name (``.x.pdf``, ``x.pdf.part``) and rename
them when complete: such names are ignored.
"""
from __future__ import annotations

import os
import threading
from pathlib import Path
from typing import Callable, Iterable

from marsad import sources
from marsad.read import HTML_SUFFIXES, JSONL_SUFFIXES, TEXT_SUFFIXES

SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES | JSONL_SUFFIXES | sources.SUFFIXES
TEMP_SUFFIXES = {".part", ".tmp", ".crdownload", ".partial", ".swp"}


def wanted(path: Path) -> bool:
    name = path.name
    if name.startswith((".", "~$")) or path.suffix.lower() in TEMP_SUFFIXES:
        return False
    return path.suffix.lower() in SUFFIXES


def ingest_files(db: str | None, files: Iterable[Path], log: Callable[[str], None],
                 workers: int = 0) -> dict[str, int]:
    """Ingest ``files`` one by one (one log line each); returns counts."""
    from marsad.ingest import ingest
    from marsad.store import open_store

    counts = {"new": 0, "duplicate": 0, "failed": 0}
    files = [f for f in files if f.is_file() and wanted(f)]
    if not files:
        return counts
    with open_store(db) as store:
        for f in files:
            errors: list[str] = []
            s = ingest(store, [str(f)], workers=workers, on_failure=errors.append)
            counts["new"] += s.new
            counts["duplicate"] += s.duplicate
            counts["failed"] += s.failed
            if errors and not s.new and not s.duplicate:
                log(errors[0] if len(errors) == 1 else f"{errors[0]} (+{len(errors) - 1} more)")
                continue
            parts = []
            if s.new:
                parts.append(f"stored ({s.new} new document{'s' if s.new > 1 else ''}"
                             + (f", {s.near_duplicate} near-duplicate" if s.near_duplicate else "") + ")")
            if s.duplicate:
                parts.append(f"already stored ({s.duplicate})" if s.new or s.failed else "already stored")
            if s.failed:
                parts.append(f"{s.failed} failed: {errors[0] if errors else ''}")
            log(f"{f}: " + "; ".join(parts))
    return counts


def scan(root: Path) -> list[Path]:
    out = []
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        out.extend(Path(dirpath) / n for n in sorted(filenames))
    return [p for p in out if wanted(p)]


def watch(root: Path, db: str | None, log: Callable[[str], None], *,
          stop: threading.Event | None = None, workers: int = 0,
          ready: Callable[[], None] | None = None) -> None:
    """Scan ``root`` once, then ingest every file added or changed until ``stop`` is set."""
    import watchfiles

    from marsad.errors import InputError

    root = Path(root)
    if not root.is_dir():
        raise InputError(f"{root}: not a directory", code="M101")
    first = scan(root)
    ingest_files(db, first, log, workers)
    seen = {p: _signature(p) for p in first}
    if ready:
        ready()
    # Events can be missed (a file dropped while the watch starts, an overflowing queue): every
    # quiet ``rust_timeout`` the folder is scanned again and files not seen as they are now are
    # ingested too, so nothing dropped is lost; files already handled are not logged again.
    for changes in watchfiles.watch(root, stop_event=stop, debounce=1600, step=50, rust_timeout=2000,
                                    yield_on_timeout=True, raise_interrupt=False, recursive=True):
        paths = {Path(p) for kind, p in changes
                 if kind in (watchfiles.Change.added, watchfiles.Change.modified)}
        paths |= {p for p in scan(root) if seen.get(p) != _signature(p)}
        paths = sorted(p for p in paths if p.is_file() and wanted(p))
        for p in paths:
            seen[p] = _signature(p)
        if paths:
            ingest_files(db, paths, log, workers)


def _signature(p: Path) -> tuple[int, int] | None:
    """(size, mtime in ns) of a file, or None when it is gone."""
    try:
        st = p.stat()
    except OSError:
        return None
    return st.st_size, st.st_mtime_ns
