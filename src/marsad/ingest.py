"""``marsad ingest``: stream documents into the store, in parallel, safely and only once.

The parent process reads the input as a stream, hashes each text (sha256 = the
document's identity), skips what the store already holds, and hands batches to
worker processes (``spawn``: safe everywhere) that run the extraction pipeline,
the MinHash and the row building. The parent alone owns the database connection
and writes every batch — documents together with all their facts — in ONE
transaction, so killing the process at any moment loses at most the batches in
flight, and running the same command again finishes the job without writing
anything twice. At most ``2 × workers`` batches are in flight: memory stays flat
whatever the size of the input.

Ctrl-C (SIGINT) or SIGTERM stops an ingest cleanly: no new batch is started, the
batches in flight are finished and written, the workers are shut down, and the
summary says ``interrupted``; running the same command again resumes (stored
documents are recognised by their hash and skipped). A second Ctrl-C stops at once
(what is committed stays committed). Workers ignore Ctrl-C (the parent decides) and
exit by themselves if the parent process disappears (``kill -9``).
"""
from __future__ import annotations

import contextlib
import datetime as dt
import itertools
import os
import signal
import threading
import time
from collections import Counter, deque
from dataclasses import dataclass, field
from typing import Callable, Iterable, Iterator

from marsad.errors import MarsadError
from marsad.model import Document
from marsad.normalize import detect_lang
from marsad.read import MAX_BYTES, ReadError, iter_documents
from marsad.store import rows as R

MAX_FAILURES_KEPT = 50


@dataclass
class Summary:
    """What an ingest did: read = new + reextracted + duplicate + failed."""

    read: int = 0
    new: int = 0
    duplicate: int = 0
    near_duplicate: int = 0
    reextracted: int = 0
    outdated: int = 0          # stored by an older extractor and left as is (see --reextract)
    failed: int = 0
    failures: list[str] = field(default_factory=list)
    failure_codes: Counter = field(default_factory=Counter)
    chars: int = 0
    seconds: float = 0.0
    interrupted: str | None = None   # "SIGINT" / "SIGTERM" when stopped early (run again to resume)
    started: float = field(default_factory=time.perf_counter)

    def fail(self, message: str, code: str) -> None:
        self.failed += 1
        self.failure_codes[code] += 1
        if len(self.failures) < MAX_FAILURES_KEPT:
            self.failures.append(message)

    @property
    def docs_per_second(self) -> float:
        return self.read / self.seconds if self.seconds else 0.0

    def rate(self) -> float:
        """Documents read per second since the start: the progress bar and the summary agree."""
        elapsed = self.seconds or (time.perf_counter() - self.started)
        return self.read / elapsed if elapsed > 0 else 0.0

    def to_dict(self) -> dict:
        return {"read": self.read, "new": self.new, "duplicate": self.duplicate,
                "near_duplicate": self.near_duplicate, "reextracted": self.reextracted,
                "outdated": self.outdated, "failed": self.failed,
                "failure_codes": dict(self.failure_codes), "failures": self.failures,
                "seconds": round(self.seconds, 2), "docs_per_second": round(self.docs_per_second, 1),
                "interrupted": self.interrupted}


def load_extractor(spec: str | None) -> Callable[[Document], object]:
    """``module:function`` → the function (default: ``marsad.extract_document``)."""
    if not spec:
        import marsad

        return marsad.extract_document
    import importlib

    module, _, name = spec.partition(":")
    try:
        return getattr(importlib.import_module(module), name or "extract_document")
    except (ImportError, AttributeError) as e:
        raise MarsadError(f"cannot load extractor {spec!r}: {e}", code="M122") from None


def extract_rows(batch: list[tuple[Document, str]], extractor: str | None = None
                 ) -> list[tuple[str, dict | None, str | None]]:
    """Worker: (document, hash) → (doc_id, rows by table, None) or (doc_id, None, reason)."""
    from marsad import dedupe

    now = dt.datetime.now().replace(microsecond=0)
    out = []
    for (doc, chash), facts in zip(batch, extracted([doc for doc, _ in batch], extractor)):
        try:
            if isinstance(facts, Exception):
                raise facts
            sig = dedupe.signature(facts.text)
            rows = R.build_rows(doc, facts, chash, dedupe.to_bytes(sig), dedupe.bands(sig), now)
            out.append((doc.doc_id, rows, None))
        except Exception as e:  # noqa: BLE001 - one bad document must not stop the ingest
            out.append((doc.doc_id, None, f"extractor error: {type(e).__name__}: {e}"[:300]))
    return out


def extracted(docs: list[Document], extractor: str | None) -> Iterator[object]:
    """The Facts of each of ``docs`` in order, or the exception its extraction raised. The default
    pipeline extracts them in batches (``pipeline.extract_each``: the same facts, less CPU time);
    an ``extractor`` of the caller's runs on one document after another."""
    if not extractor:
        from marsad import pipeline

        for _doc, facts in pipeline.extract_each(docs):
            yield facts
        return
    extract = load_extractor(extractor)
    for doc in docs:
        try:
            yield extract(doc)
        except Exception as e:  # noqa: BLE001 - reported per document by the caller
            yield e


def stored_outdated(store, current: Callable[[str], str], page: int = 500) -> Iterator[Document]:
    """Stored documents whose facts came from another extractor version (for --reextract);
    ``current(lang)`` is the version of that language's pipeline."""
    last = -1
    ar, en = current("ar"), current("en")
    while True:
        rows = store.query("SELECT id, doc_id, text, lang, source, title, published_at FROM documents "
                           "WHERE id > ? AND (extractor_version IS NULL OR "
                           "(lang = 'ar' AND extractor_version <> ?) OR "
                           "(lang <> 'ar' AND extractor_version <> ?)) "
                           "ORDER BY id LIMIT ?", [last, ar, en, page]).rows
        if not rows:
            return
        for r in rows:
            yield Document(doc_id=r[1], text=r[2], lang=r[3], source=r[4], title=r[5], published_at=r[6])
        last = rows[-1][0]


class _Inline:
    """A stand-in for a process pool: runs the work in this process (``workers=0``)."""

    def submit(self, fn, *args):
        class Done:
            def __init__(self, value):
                self.value = value

            def result(self):
                return self.value

        return Done(fn(*args))

    def shutdown(self, wait=True, cancel_futures=False):
        pass


class _Stop:
    """Set by SIGINT/SIGTERM: finish the batches in flight, start no new one."""

    def __init__(self) -> None:
        self.signal: str | None = None
        self._old: dict[int, object] = {}

    def __enter__(self):
        if threading.current_thread() is not threading.main_thread():
            return self  # signal handlers belong to the main thread (an API server's worker thread: none)
        for sig in (signal.SIGINT, signal.SIGTERM):
            try:
                self._old[sig] = signal.signal(sig, self._handle)
            except (ValueError, OSError):
                pass
        return self

    def _handle(self, signum, frame) -> None:
        if self.signal is not None and signum == signal.SIGINT:
            raise KeyboardInterrupt  # a second Ctrl-C: stop now
        self.signal = signal.Signals(signum).name

    def __exit__(self, *exc) -> None:
        for sig, old in self._old.items():
            signal.signal(sig, old)


def ingest(store, paths: Iterable[str] = (), *, workers: int | None = None, batch_size: int = 200,
           reextract: bool = False, threshold: float | None = None, extractor: str | None = None,
           documents: Iterable[Document | ReadError] | None = None,
           on_progress: Callable[[int, Summary], None] | None = None,
           on_failure: Callable[[str], None] | None = None, max_bytes: int = MAX_BYTES) -> Summary:
    """Ingest ``paths`` (files, folders, JSON Lines, '-') into ``store``; see the module docstring.

    ``reextract``: documents stored by another extractor version are extracted again
    (with no ``paths``: every such stored document, from its stored text).
    ``on_progress(n, summary)`` is called after each batch with the documents it covered.
    ``extractor``: ``module:function`` (Document → Facts) instead of ``marsad.extract_document``.
    ``documents``: an iterable of Documents (or ReadErrors) to ingest instead of ``paths``.
    ``max_bytes``: the largest file (text, HTML) or JSON Lines record read; JSON Lines files
    themselves may be of any size (they are streamed).
    """
    streaming = store.backend.streaming() if hasattr(getattr(store, "backend", None), "streaming") \
        else contextlib.nullcontext()
    with _Stop() as stop, streaming:  # from the start: a signal during start-up is a clean stop too
        return _ingest(store, paths, stop, workers=workers, batch_size=batch_size, reextract=reextract,
                       threshold=threshold, extractor=extractor, documents=documents,
                       on_progress=on_progress, on_failure=on_failure, max_bytes=max_bytes)


def _ingest(store, paths, stop: "_Stop", *, workers, batch_size, reextract, threshold, extractor, documents,
            on_progress, on_failure, max_bytes) -> Summary:
    s = Summary()
    load_extractor(extractor)  # fail early, in the parent
    current = R.current_extractor_version
    workers = (os.cpu_count() or 1) if workers is None else max(0, workers)
    paths = list(paths)
    if documents is not None:
        source: Iterable = documents
    elif paths or not reextract:
        source = iter_documents(paths, max_bytes=max_bytes)
    else:
        source = stored_outdated(store, current)
    if hasattr(store, "use_band_index"):
        store.use_band_index(True)  # near-duplicate look-ups that stay flat as the store grows
    t0 = s.started
    pool = _make_pool(workers)
    pending: deque = deque()
    max_inflight = max(2, 2 * workers)

    def fail(msg: str, code: str) -> None:
        s.fail(msg, code)
        if on_failure:
            on_failure(msg)

    def drain_one() -> None:
        fut, replace, skipped, n_todo = pending.popleft()
        try:
            results = fut.result()
        except Exception as e:  # noqa: BLE001 - a worker died (killed, out of memory)
            if stop.signal:  # SIGTERM reached the workers too: this batch is simply not stored
                s.read -= n_todo
                return
            raise MarsadError(f"a worker process died ({type(e).__name__}: {e}); run the same command "
                              "again: every finished batch is stored", code="M311") from None
        items = []
        for doc_id, rows, err in results:
            if err:
                fail(f"[M120] {doc_id}: {err}", "M120")
            else:
                items.append(rows)
        if items:
            res = store.write_batch(items, replace=replace, threshold=threshold)
            s.new += len(res.inserted)
            s.reextracted += len(res.replaced)
            s.duplicate += len(res.duplicates)
            s.near_duplicate += len(res.near_duplicates)
            for doc_id, reason in res.failed:
                fail(f"[M121] {doc_id}: {reason}", "M121")
        if on_progress:
            on_progress(len(results) + skipped, s)

    try:
        it = iter(source)
        while not stop.signal:
            chunk = list(itertools.islice(it, batch_size))
            if not chunk:
                break
            todo, replace, skipped = _triage(store, chunk, current, reextract, s, fail)
            if todo:
                pending.append((pool.submit(extract_rows, todo, extractor), replace, skipped, len(todo)))
            elif on_progress:
                on_progress(skipped, s)
            while len(pending) >= max_inflight:
                drain_one()
        while pending:  # after a signal too: the batches in flight are finished and stored
            drain_one()
        s.interrupted = stop.signal
    except KeyboardInterrupt:  # a second Ctrl-C: do not wait for the batches in flight
        _terminate(pool)
        raise
    finally:
        pool.shutdown(wait=True, cancel_futures=True)
        s.seconds = time.perf_counter() - t0
    return s


def _terminate(pool) -> None:
    for proc in list((getattr(pool, "_processes", None) or {}).values()):
        try:
            proc.terminate()
        except Exception:  # noqa: BLE001 - already gone
            pass


def _triage(store, chunk, current, reextract, s: Summary, fail):
    """Hash the chunk, count failures and duplicates; return (work, keys to replace, n skipped)."""
    docs, seen, skipped = [], set(), 0
    for item in chunk:
        s.read += 1
        if isinstance(item, ReadError):
            fail(str(item), item.code)
            skipped += 1
            continue
        chash = R.content_hash(item.text)
        if chash in seen:
            s.duplicate += 1
            skipped += 1
            continue
        seen.add(chash)
        s.chars += len(item.text)
        docs.append((item, chash))
    stored = store.existing(R.doc_key(h) for _, h in docs)
    todo, replace = [], set()
    for doc, chash in docs:
        key = R.doc_key(chash)
        old = stored.get(key)
        if old is None or old[0] != chash:
            todo.append((doc, chash))
        elif old[1] != current(_lang_of(doc)) and reextract:
            todo.append((doc, chash))
            replace.add(key)
        else:
            s.duplicate += 1
            s.outdated += old[1] != current(_lang_of(doc))
            skipped += 1
    return todo, replace, skipped


def _lang_of(doc: Document) -> str:
    """The language the pipeline will read ``doc`` in (as ``pipeline.extract_document`` decides)."""
    return doc.lang if doc.lang in ("ar", "en") else detect_lang(doc.text)


def _make_pool(workers: int):
    if workers <= 0:
        return _Inline()
    import multiprocessing as mp
    from concurrent.futures import ProcessPoolExecutor

    return ProcessPoolExecutor(max_workers=workers, mp_context=mp.get_context("spawn"),
                               initializer=_worker_init, initargs=(os.getpid(),))


def _worker_init(parent: int) -> None:
    """In each worker: Ctrl-C is the parent's to handle; exit if the parent is gone."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)

    def watch() -> None:
        while True:
            time.sleep(1.0)
            if os.getppid() != parent:
                os._exit(1)

    threading.Thread(target=watch, name="marsad-parent-watch", daemon=True).start()
