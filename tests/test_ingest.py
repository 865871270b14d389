"""``marsad ingest``: idempotence, near-duplicates, bad input, faults, and kill -9 recovery."""
from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from marsad.ingest import ingest
from marsad.store import open_store

CLI = [sys.executable, "-c", "from marsad.cli import main; main()"]
FAKE = "conftest:fake_extract"  # deterministic facts, whatever state the real extractors are in
TESTS = str(Path(__file__).parent)
WORDS = ("market shares profit revenue company bank oil price growth quarter investors billion "
         "million percent rose fell said analysts chips cloud data centre expansion plan deal").split()


def make_corpus(path: Path, n: int, seed: int = 7, near_dups: int = 0) -> Path:
    """``n`` distinct small English articles (and ``near_dups`` lightly edited copies) as JSONL."""
    rng = random.Random(seed)
    recs = []
    for i in range(n):
        body = " ".join(rng.choice(WORDS) for _ in range(rng.randint(40, 120)))
        text = (f"Company{i} said on Monday it will invest ${rng.randint(1, 900)} million in its "
                f"business, and its shares rose {rng.randint(1, 99) / 10} percent. {body}")
        recs.append({"id": f"doc-{i}", "text": text, "lang": "en", "title": f"Story {i}",
                     "date": f"2024-0{1 + i % 9}-1{i % 10}", "source": "gen"})
    for j in range(near_dups):
        r = dict(recs[j])
        r["id"], r["text"] = f"dup-{j}", r["text"] + " (Reporting by Desk)"
        recs.append(r)
    path.write_text("".join(json.dumps(r) + "\n" for r in recs), encoding="utf-8")
    return path


def cli_env() -> dict:
    return {**os.environ, "PYTHONPATH": TESTS + os.pathsep + os.environ.get("PYTHONPATH", "")}


def run_cli(*args, timeout=600):
    return subprocess.run([*CLI, *args], capture_output=True, text=True, timeout=timeout, env=cli_env())


def table_keys(url):
    """Every table's identifying rows, for comparing two stores."""
    with open_store(url, read_only=True) as s:
        return {
            "documents": sorted(s.query("SELECT id, doc_id, content_hash, extractor_version, "
                                        "dup_of FROM documents").rows),
            "quantities": sorted(s.query("SELECT doc, idx, kind, value, span_start FROM quantities").rows),
            "entities": sorted(s.query("SELECT doc, idx, name FROM entities").rows),
            "events": sorted(s.query("SELECT doc, idx, type FROM events").rows),
            "lsh_bands": sorted(s.query("SELECT bucket, doc FROM lsh_bands").rows),
        }


def test_ingest_with_the_real_pipeline_accounts_for_every_record(store, tmp_path):
    corpus = make_corpus(tmp_path / "c.jsonl", 20)
    s = ingest(store, [str(corpus)], workers=0)
    assert s.read == 20 and s.new + s.failed == 20 and len(s.failures) == s.failed
    assert store.stats()["documents"] == s.new


def test_ingest_counts_and_is_idempotent(store, tmp_path):
    corpus = make_corpus(tmp_path / "c.jsonl", 60, near_dups=3)
    s = ingest(store, [str(corpus)], workers=0, batch_size=16, extractor=FAKE)
    assert (s.read, s.new, s.failed, s.duplicate) == (63, 63, 0, 0)
    assert s.near_duplicate == 3
    stats = store.stats()
    assert stats["documents"] == 63 and stats["near_duplicates"] == 3
    assert stats["events"] == 126 and stats["quantities"] == 126
    assert store.investments(company="Company1", topic="all")[0]["reports"] == 2  # doc-1 and its near-duplicate (fake facts carry no AI topic)
    again = ingest(store, [str(corpus)], workers=0, batch_size=16, extractor=FAKE)
    assert again.new == 0 and again.duplicate == s.new and again.read == 63
    assert store.stats() == stats


def test_workers_give_the_same_store_as_one_process(tmp_path):
    corpus = make_corpus(tmp_path / "c.jsonl", 80, near_dups=2)
    a, b = str(tmp_path / "a.duckdb"), str(tmp_path / "b.duckdb")
    with open_store(a) as s:
        ingest(s, [str(corpus)], workers=0, batch_size=10, extractor=FAKE)
    with open_store(b) as s:
        res = ingest(s, [str(corpus)], workers=2, batch_size=10, extractor=FAKE)
    assert res.read == 82
    assert table_keys(a) == table_keys(b) and len(table_keys(a)["events"]) == 164


def test_reextract_replaces_facts_of_older_versions(store, tmp_path):
    corpus = make_corpus(tmp_path / "c.jsonl", 30)
    first = ingest(store, [str(corpus)], workers=0, extractor=FAKE)
    before = store.stats()
    store.backend.execute("UPDATE documents SET extractor_version = 'old' WHERE doc_id <> 'doc-0'")
    plain = ingest(store, [str(corpus)], workers=0, extractor=FAKE)
    assert plain.new == 0 and plain.outdated == first.new - 1
    res = ingest(store, [], workers=0, reextract=True, extractor=FAKE)  # from the stored text
    assert res.reextracted == first.new - 1 and res.new == 0
    after = store.stats()
    assert {k: after[k] for k in ("documents", "quantities", "events")} == \
           {k: before[k] for k in ("documents", "quantities", "events")}
    assert list(after["extractor_versions"]) == list(before["extractor_versions"])


def test_malformed_lines_are_reported_with_line_numbers(tmp_path):
    bad = tmp_path / "bad.jsonl"
    good = json.dumps({"id": "ok", "text": "Aramco said profit rose 5 percent to $30 billion."})
    bad.write_text(good + "\n{broken\n" + json.dumps({"id": "x"}) + "\n[1, 2]\n", encoding="utf-8")
    r = run_cli("ingest", str(bad), "--db", str(tmp_path / "s.duckdb"), "--workers", "0",
                "--no-progress", "-f", "json", "--extractor", FAKE)
    assert r.returncode == 1, r.stderr
    assert "Traceback" not in r.stderr
    assert f"{bad}:2: malformed JSON" in r.stderr and f"{bad}:3:" in r.stderr and f"{bad}:4:" in r.stderr
    summary = json.loads(r.stdout)
    assert summary["read"] == 4 and summary["failed"] == 3
    assert summary["failure_codes"] == {"M109": 1, "M110": 2}


def test_locked_database_is_a_clear_error(tmp_path):
    db = tmp_path / "s.duckdb"
    open_store(str(db)).close()
    holder = subprocess.Popen([sys.executable, "-c", f"import duckdb,time; c=duckdb.connect({str(db)!r}); "
                               "print('ok', flush=True); time.sleep(60)"], stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "ok"
        corpus = make_corpus(tmp_path / "c.jsonl", 3)
        r = run_cli("ingest", str(corpus), "--db", str(db), "--no-progress")
        assert r.returncode == 2 and "[M301]" in r.stderr and "Traceback" not in r.stderr
        assert len(r.stderr.strip().splitlines()) == 1
        r = run_cli("query", "stats", "--db", str(db))
        assert r.returncode == 2 and "[M301]" in r.stderr
    finally:
        holder.kill()
        holder.wait()


def test_corrupt_database_is_a_clear_error(tmp_path):
    db = tmp_path / "s.duckdb"
    db.write_bytes(b"this is not a database" * 500)
    r = run_cli("query", "stats", "--db", str(db))
    assert r.returncode == 2 and "[M303]" in r.stderr and "Traceback" not in r.stderr


def _mount_tmpfs(path: Path, opts: str) -> bool:
    if os.geteuid() != 0:
        return False
    path.mkdir(exist_ok=True)
    return subprocess.run(["mount", "-t", "tmpfs", "-o", opts, "tmpfs", str(path)],
                          capture_output=True).returncode == 0


def test_disk_full_keeps_the_store_consistent(tmp_path):
    mnt = tmp_path / "small"
    if not _mount_tmpfs(mnt, "size=1500k"):
        pytest.skip("needs root to mount a small tmpfs")
    try:
        corpus = make_corpus(tmp_path / "c.jsonl", 1500)
        db = mnt / "s.duckdb"
        r = run_cli("ingest", str(corpus), "--db", str(db), "--workers", "0", "--no-progress",
                    "--batch-size", "50", "--extractor", FAKE)
        assert r.returncode == 2 and "[M304]" in r.stderr and "Traceback" not in r.stderr
        with open_store(str(db), read_only=True) as s:
            assert 0 < s.stats()["documents"] < 1500
            per_doc = s.query("SELECT COUNT(*) FROM documents d WHERE NOT EXISTS (SELECT 1 FROM lsh_bands b "
                              "WHERE b.doc = d.id)").rows[0][0]
            assert per_doc == 0
    finally:
        subprocess.run(["umount", "-l", str(mnt)], capture_output=True)


def test_read_only_filesystem_is_a_clear_error(tmp_path):
    mnt = tmp_path / "ro"
    if not _mount_tmpfs(mnt, "ro,size=1m"):
        pytest.skip("needs root to mount a read-only tmpfs")
    try:
        r = run_cli("ingest", str(make_corpus(tmp_path / "c.jsonl", 2)), "--db", str(mnt / "s.duckdb"))
        assert r.returncode == 2 and "[M302]" in r.stderr and "Traceback" not in r.stderr
    finally:
        subprocess.run(["umount", "-l", str(mnt)], capture_output=True)


def _wait_for_a_commit(p: subprocess.Popen, db: str, timeout: float = 60.0) -> None:
    """Until the DuckDB file or its WAL changes (a batch was committed) or ``p`` ends."""
    def size():
        return sum(os.path.getsize(f) for f in (db, db + ".wal") if os.path.exists(f))

    start, t0 = size(), time.monotonic()
    while p.poll() is None and size() == start and time.monotonic() - t0 < timeout:
        time.sleep(0.02)


@pytest.mark.slow
def test_kill_9_mid_ingest_then_rerun_gives_one_complete_copy(tmp_path):
    corpus = make_corpus(tmp_path / "c.jsonl", 3000, near_dups=20)
    clean = str(tmp_path / "clean.duckdb")
    with open_store(clean) as s:
        ingest(s, [str(corpus)], workers=0, batch_size=25, extractor=FAKE)
    db = str(tmp_path / "killed.duckdb")
    args = [*CLI, "ingest", str(corpus), "--db", db, "--workers", "2", "--batch-size", "25", "--no-progress",
            "--extractor", FAKE]
    rng = random.Random(3)
    kills = 0
    for _ in range(4):
        p = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                             start_new_session=True, env=cli_env())
        _wait_for_a_commit(p, db)
        time.sleep(rng.uniform(0.0, 0.4))
        if p.poll() is None:
            os.killpg(p.pid, signal.SIGKILL)  # the parent and its workers, at once
            kills += 1
        p.wait()
    assert kills >= 3
    with open_store(db, read_only=True) as s:
        assert 0 < s.stats()["documents"] < 3020  # the kills did land mid-ingest
    r = subprocess.run(args, capture_output=True, text=True, timeout=600, env=cli_env())
    assert r.returncode == 0, r.stderr
    with open_store(db, read_only=True) as s:
        n, distinct = s.query("SELECT COUNT(*), COUNT(DISTINCT content_hash) FROM documents").rows[0]
        assert n == distinct
    assert table_keys(db) == table_keys(clean)
