"""Reading sources into Documents: text, HTML, JSON Lines, directories and stdin.

``iter_documents`` never raises for a bad file or record: it yields a
``ReadError`` naming the file (and line) and goes on with the rest.
"""
from __future__ import annotations

import json
import os
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Iterable, Iterator

from marsad import dates, sources
from marsad.model import Document

TEXT_SUFFIXES = {".txt", ".text", ".md"}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
JSONL_SUFFIXES = {".jsonl", ".ndjson"}
MAX_BYTES = 50 * 1024 * 1024


@dataclass(slots=True)
class ReadError:
    """A source that could not be read: ``str()`` is one line naming it."""

    source: str
    message: str
    line: int | None = None
    code: str = "M100"

    def __str__(self) -> str:
        where = f"{self.source}:{self.line}" if self.line else self.source
        return f"[{self.code}] {where}: {self.message}"


def iter_documents(paths: Iterable[str], max_bytes: int = MAX_BYTES) -> Iterator[Document | ReadError]:
    """Yield a Document or a ReadError for every file, record or stdin (``-``) in ``paths``."""
    for p in paths:
        if p == "-":
            yield from _read_stream(sys.stdin.buffer, "<stdin>", "stdin", max_bytes)
            continue
        path = Path(p)
        if path.is_dir():
            yield from _read_dir(path, max_bytes)
        elif not path.exists():
            yield ReadError(p, "no such file or directory", code="M101")
        else:
            yield from read_path(path, max_bytes)


def _read_dir(root: Path, max_bytes: int) -> Iterator[Document | ReadError]:
    def onerror(err: OSError) -> None:
        errors.append(ReadError(str(err.filename or root), f"cannot list directory: {err.strerror}",
                                code="M102"))

    errors: list[ReadError] = []
    for dirpath, dirnames, filenames in os.walk(root, onerror=onerror):
        dirnames.sort()
        yield from errors
        errors.clear()
        for name in sorted(filenames):
            if name.startswith("."):
                continue
            suffix = Path(name).suffix.lower()
            if suffix in TEXT_SUFFIXES | HTML_SUFFIXES | JSONL_SUFFIXES | sources.SUFFIXES:
                yield from read_path(Path(dirpath) / name, max_bytes)
    yield from errors


def read_path(path: Path, max_bytes: int = MAX_BYTES) -> Iterator[Document | ReadError]:
    """Read one file by its suffix: JSON Lines, PDF or Office (marsad.sources), HTML, or text."""
    src = str(path)
    suffix = path.suffix.lower()
    try:
        if suffix in JSONL_SUFFIXES:  # streamed record by record: any file size, each record limited
            with open(path, "rb") as fh:
                yield from _read_jsonl(fh, src, path.stem, max_bytes)
            return
        size = path.stat().st_size
        if size > max_bytes:
            yield ReadError(src, f"file is {size / 1e6:.1f} MB, over the {max_bytes / 1e6:.0f} MB limit "
                                 "(raise it with --max-bytes)", code="M103")
            return
        if suffix in sources.SUFFIXES:
            yield from sources.read_source(path)
            return
        data = path.read_bytes()
    except PermissionError:
        yield ReadError(src, "permission denied", code="M104")
        return
    except IsADirectoryError:
        yield ReadError(src, "is a directory", code="M104")
        return
    except OSError as e:
        yield ReadError(src, f"cannot read: {e.strerror or e}", code="M104")
        return
    text_or_err = decode(data, src)
    if isinstance(text_or_err, ReadError):
        yield text_or_err
        return
    text = text_or_err
    if suffix in HTML_SUFFIXES or (suffix not in TEXT_SUFFIXES and _looks_like_html(text)):
        yield from _from_html(text, src, path.stem)
        return
    yield _document(doc_id=path.stem, text=text, source=src)


def _document(*, text: str, published_at: str | None = None, **fields) -> Document:
    """Every Document read from a source is made here: ``published_at`` becomes ISO 8601 when it
    can be read, and a text with no date may state one on a line near its top (``marsad.dates``)."""
    return Document(text=text, published_at=dates.published_at(published_at, text), **fields)


def decode(data: bytes, src: str) -> str | ReadError:
    """Strict UTF-8 (BOM allowed), or UTF-16 with its BOM; empty, binary and invalid input
    become ReadErrors."""
    if data[:2] in (b"\xff\xfe", b"\xfe\xff"):  # a UTF-16 BOM (what some Windows editors save)
        try:
            text = data.decode("utf-16")
        except UnicodeDecodeError:
            text = None
        if text is not None and "\x00" not in text:
            return text if text.strip() else ReadError(src, "empty file: nothing to extract", code="M105")
    if not data.strip():
        return ReadError(src, "empty file: nothing to extract", code="M105")
    if b"\x00" in data[:8192]:
        return ReadError(src, "binary file (NUL bytes): expected UTF-8 text, HTML or JSON Lines", code="M106")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        return ReadError(src, f"not valid UTF-8 (byte {e.start}): convert it with iconv -t UTF-8", code="M107")
    return text


def _looks_like_html(text: str) -> bool:
    head = text[:512].lstrip().lower()
    return head.startswith("<!doctype html") or head.startswith("<html")


def _from_html(html: str, src: str, doc_id: str) -> Iterator[Document | ReadError]:
    import trafilatura

    text = trafilatura.extract(html, include_comments=False, include_tables=True, favor_recall=True)
    if not text or not text.strip():
        yield ReadError(src, "HTML has no article text that could be extracted", code="M108")
        return
    meta = trafilatura.extract_metadata(html)
    title = getattr(meta, "title", None) if meta else None
    date = getattr(meta, "date", None) if meta else None
    yield _document(doc_id=doc_id, text=text, source=src, title=title, published_at=date)


def _read_stream(fh: IO[bytes], src: str, doc_id: str, max_bytes: int = MAX_BYTES) -> Iterator[Document | ReadError]:
    """stdin: JSON Lines are streamed record by record; anything else is one document."""
    peek = getattr(fh, "peek", None)
    head = peek(256)[:256].lstrip()[:1] if peek else b""
    if head == b"{":
        yield from _read_jsonl(fh, src, doc_id, max_bytes)
        return
    data = fh.read()
    if data.lstrip()[:1] == b"{":
        import io

        yield from _read_jsonl(io.BytesIO(data), src, doc_id, max_bytes)
        return
    text = decode(data, src)
    if isinstance(text, ReadError):
        yield text
    elif _looks_like_html(text):
        yield from _from_html(text, src, doc_id)
    else:
        yield _document(doc_id=doc_id, text=text, source=src)


def _lines(fh: IO[bytes], max_bytes: int) -> Iterator[bytes | None]:
    """The lines of ``fh``; ``None`` for a line longer than ``max_bytes`` (never held in memory)."""
    while True:
        line = fh.readline(max_bytes + 1)
        if not line:
            return
        if len(line) > max_bytes and not line.endswith(b"\n"):
            while True:  # skip the rest of the oversized line
                rest = fh.readline(1 << 20)
                if not rest or rest.endswith(b"\n"):
                    break
            yield None
            continue
        yield line


def _read_jsonl(fh: IO[bytes], src: str, stem: str, max_bytes: int = MAX_BYTES) -> Iterator[Document | ReadError]:
    seen_any = False
    for n, raw in enumerate(_lines(fh, max_bytes), 1):
        if raw is None:
            seen_any = True
            yield ReadError(src, f"record is over the {max_bytes / 1e6:.0f} MB limit (raise it with "
                                 "--max-bytes)", line=n, code="M103")
            continue
        if not raw.strip():
            continue
        seen_any = True
        try:
            line = raw.decode("utf-8-sig" if n == 1 else "utf-8")
        except UnicodeDecodeError as e:
            yield ReadError(src, f"not valid UTF-8 (byte {e.start} of the line)", line=n, code="M107")
            continue
        try:
            rec = json.loads(line)
        except json.JSONDecodeError as e:
            yield ReadError(src, f"malformed JSON ({e.msg}, column {e.colno})", line=n, code="M109")
            continue
        doc = record_to_document(rec, f"{stem}-{n}", src)
        if isinstance(doc, str):
            yield ReadError(src, doc, line=n, code="M110")
        else:
            yield doc
    if not seen_any:
        yield ReadError(src, "empty file: no JSON Lines records", code="M105")


def record_to_document(rec: object, default_id: str, src: str) -> Document | str:
    """A JSON record → Document, or a message saying what is wrong with it."""
    if not isinstance(rec, dict):
        return "record is not a JSON object"
    text = rec.get("text")
    if not isinstance(text, str) or not text.strip():
        return "record has no non-empty 'text' field"
    doc_id = rec.get("id", rec.get("doc_id", default_id))
    lang = rec.get("lang") if rec.get("lang") in ("ar", "en") else None
    published = rec.get("published_at") or rec.get("date")
    return _document(doc_id=str(doc_id), text=text, lang=lang, source=str(rec.get("source") or src),
                     title=rec.get("title") if isinstance(rec.get("title"), str) else None,
                     published_at=str(published) if published else None)
