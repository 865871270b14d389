"""A disk cache of parsed, validated data files, keyed by their content and the code that reads them.

Parsing the YAML lexicons and knowledge base and checking them against their schemas costs seconds
of CPU, paid by every new process (each ``marsad`` command). The result is a plain value that only
changes when a data file, its schema or its reader changes, so it is kept on disk under a key
derived from all of them: an edited file, a new schema or a new marsad reads the data afresh, and
invalid data is never cached (its error is raised every time).

Where: ``$MARSAD_CACHE_DIR``, else ``$XDG_CACHE_HOME/marsad``, else ``~/.cache/marsad``.
``MARSAD_NO_CACHE=1`` turns the cache off. The cache is an optimisation only: an unreadable,
corrupt or unwritable cache is ignored and the data is read from its files.
"""
from __future__ import annotations

import hashlib
import os
import pickle
import sys
import tempfile
from pathlib import Path
from typing import Any, Callable, Iterable

FORMAT = 1  # bump when the layout of cached values changes


def cache_dir() -> Path | None:
    """The cache folder, or None when caching is turned off."""
    if os.environ.get("MARSAD_NO_CACHE", "").strip() not in ("", "0"):
        return None
    configured = os.environ.get("MARSAD_CACHE_DIR", "").strip()
    if configured:
        return Path(configured)
    base = os.environ.get("XDG_CACHE_HOME", "").strip() or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "marsad"


def content_key(parts: Iterable[bytes | str]) -> str:
    """A hex digest of the parts, the cache format and the Python version."""
    digest = hashlib.sha256(f"marsad-datacache {FORMAT} {sys.version_info[:2]}".encode())
    for part in parts:
        data = part.encode("utf-8") if isinstance(part, str) else part
        digest.update(len(data).to_bytes(8, "little"))
        digest.update(data)
    return digest.hexdigest()


def _file_name(kind: str, key: str) -> str:
    safe = "".join(c if c.isalnum() or c in "-_" else "_" for c in kind)
    return f"{safe}.{key[:40]}.pickle"


def load_or_build(kind: str, parts: Iterable[bytes | str], build: Callable[[], Any]) -> Any:
    """The value cached for ``kind`` and ``parts``, else ``build()`` (then cached for next time).

    ``parts`` must hold everything the value depends on (file texts, schemas, reader source).
    Exceptions from ``build`` propagate and nothing is cached.
    """
    folder = cache_dir()
    if folder is None:
        return build()
    name = _file_name(kind, content_key(parts))
    path = folder / name
    try:
        with path.open("rb") as fh:
            return pickle.load(fh)
    except FileNotFoundError:
        pass
    except Exception:  # corrupt or unreadable: read the data afresh and overwrite it
        pass
    value = build()
    _store(folder, name, value)
    return value


def _store(folder: Path, name: str, value: Any) -> None:
    """Write atomically (other processes may read at the same time); drop older versions of the kind."""
    try:
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        fd, tmp = tempfile.mkstemp(dir=folder, prefix=".tmp-", suffix=".pickle")
        try:
            with os.fdopen(fd, "wb") as fh:
                pickle.dump(value, fh, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(tmp, folder / name)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
        kind = name.split(".", 1)[0]
        for old in folder.glob(f"{kind}.*.pickle"):
            if old.name != name:
                old.unlink(missing_ok=True)
    except OSError:
        pass  # a read-only home or full disk costs speed, never a result
