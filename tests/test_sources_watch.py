"""``marsad watch DIR``: files dropped into the folder are ingested; a restart catches up.

The test waits on the watcher's log lines (events), never on a clock: each wait has a
generous upper bound only so that a broken watcher fails the test instead of hanging it.
"""
from __future__ import annotations

import os
import queue
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import docmaker
from marsad.store import open_store

CLI = [sys.executable, "-c", "from marsad.cli import main; main()"]
EN = "Microsoft said it would spend $80 billion on AI data centres in fiscal 2025, Reuters reported."
AR = "أعلنت تينسنت أنها سترفع إنفاقها الرأسمالي إلى 14 مليار دولار في عام 2025."
LIMIT = 120.0   # seconds: an upper bound for a broken watcher, not a speed requirement


class Watcher:
    def __init__(self, folder: Path, db: str):
        self.proc = subprocess.Popen(CLI + ["watch", str(folder), "--db", db], stdout=subprocess.PIPE,
                                     stderr=subprocess.STDOUT, text=True, bufsize=1)
        self.lines: queue.Queue[str] = queue.Queue()
        self.seen: list[str] = []
        threading.Thread(target=self._pump, daemon=True).start()

    def _pump(self):
        for line in self.proc.stdout:
            self.lines.put(line.rstrip("\n"))
        self.lines.put("<eof>")

    def wait_for(self, needle: str) -> str:
        deadline = time.monotonic() + LIMIT
        while True:
            line = self.lines.get(timeout=max(0.1, deadline - time.monotonic()))
            self.seen.append(line)
            assert line != "<eof>", self.seen
            if needle in line:
                return line

    def stop(self) -> int:
        self.proc.send_signal(signal.SIGINT)
        return self.proc.wait(timeout=LIMIT)


def drop(path: Path, write) -> Path:
    """Write under a temporary name, then rename: the watcher sees one complete file."""
    tmp = path.with_name(path.name + ".part")
    write(tmp)
    os.replace(tmp, path)
    return path


def doc_ids(db: str) -> list[str]:
    with open_store(db, read_only=True) as s:
        return [r[0] for r in s.sql("SELECT doc_id FROM documents ORDER BY doc_id").rows]


def test_watch_ingests_dropped_files_and_survives_a_restart(tmp_path):
    folder = tmp_path / "inbox"
    folder.mkdir()
    (folder / "before.txt").write_text(EN, encoding="utf-8")
    db = str(tmp_path / "watch.duckdb")

    w = Watcher(folder, db)
    w.wait_for("before.txt: stored")
    w.wait_for("watching")
    t0 = time.monotonic()
    drop(folder / "dropped.pdf", lambda p: docmaker.make_pdf(p, [AR]))
    line = w.wait_for("dropped.pdf")
    print(f"dropped.pdf logged {time.monotonic() - t0:.2f} s after the rename")
    assert "stored (1 new document)" in line
    drop(folder / "broken.pdf", lambda p: p.write_bytes(b"%PDF-1.4\n1 0 obj\n<<"))
    line = w.wait_for("broken.pdf")
    assert "[M132]" in line and "truncated or damaged" in line
    (folder / "notes.md.part").write_text("ignored while being written")
    drop(folder / "again.txt", lambda p: p.write_text(EN, encoding="utf-8"))      # the same text
    assert w.wait_for("again.txt").endswith("again.txt: already stored")
    assert w.stop() == 0
    assert doc_ids(db) == ["before", "dropped"]
    assert not any("notes.md" in ln for ln in w.seen)

    # a file that arrives while no watcher runs is picked up by the next one; the rest is known
    drop(folder / "offline.docx", lambda p: docmaker.make_docx(p, [EN.replace("80", "90")]))
    w = Watcher(folder, db)
    assert w.wait_for("before.txt").endswith("before.txt: already stored")
    assert "stored (1 new document)" in w.wait_for("offline.docx")
    w.wait_for("watching")
    assert w.stop() == 0
    assert doc_ids(db) == ["before", "dropped", "offline"]
