"""Ingest past one file and one run: JSON Lines of any size, clean stops on Ctrl-C and SIGTERM
(and the next run resumes), a keyed near-duplicate index, DuckDB memory from the machine."""
from __future__ import annotations

import json
import os
import signal
import subprocess
import time

import numpy as np
import pytest

from marsad.ingest import ingest
from marsad.read import ReadError, iter_documents
from marsad.store import open_store
from marsad.store.bands import BandIndex
from test_ingest import CLI, FAKE, _wait_for_a_commit, cli_env, make_corpus, run_cli, table_keys


# -- JSON Lines of any size ----------------------------------------------------------------
def test_jsonl_larger_than_the_limit_streams_and_only_big_records_are_refused(tmp_path):
    path = tmp_path / "big.jsonl"
    recs = [{"id": f"d{i}", "text": f"Story {i}: " + "word " * 50} for i in range(40)]
    recs[7]["text"] = "x " * 3000  # one record over the limit
    path.write_text("".join(json.dumps(r) + "\n" for r in recs), encoding="utf-8")
    limit = 2000
    assert path.stat().st_size > 5 * limit
    items = list(iter_documents([str(path)], max_bytes=limit))
    errs = [i for i in items if isinstance(i, ReadError)]
    docs = [i for i in items if not isinstance(i, ReadError)]
    assert len(docs) == 39 and [d.doc_id for d in docs][:3] == ["d0", "d1", "d2"]
    assert len(errs) == 1 and errs[0].code == "M103" and errs[0].line == 8 and "--max-bytes" in str(errs[0])


def test_ingest_cli_takes_max_bytes_and_streams_a_big_jsonl(tmp_path):
    corpus = make_corpus(tmp_path / "c.jsonl", 30)
    db = str(tmp_path / "s.duckdb")
    r = run_cli("ingest", str(corpus), "--db", db, "--no-progress", "--workers", "0", "--extractor", FAKE,
                "--max-bytes", "2000", "--format", "json")
    assert r.returncode == 0, r.stderr
    assert json.loads(r.stdout)["new"] == 30  # the file (~25 KB) is over 2000 bytes; its records are not


# -- clean stops ---------------------------------------------------------------------------
def _children(pid: int) -> list[int]:
    out = []
    for p in os.listdir("/proc"):
        if p.isdigit():
            try:
                with open(f"/proc/{p}/stat") as fh:
                    if int(fh.read().rsplit(")", 1)[1].split()[1]) == pid:
                        out.append(int(p))
            except (OSError, ValueError, IndexError):
                pass
    return out


def _cmdline(pid: int) -> str:
    try:
        with open(f"/proc/{pid}/cmdline", "rb") as fh:
            return fh.read().replace(b"\0", b" ").decode()[-120:]
    except OSError:
        return "(gone)"


def _alive(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat") as fh:
            return fh.read().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


@pytest.mark.parametrize("sig, group, code", [(signal.SIGTERM, False, 143), (signal.SIGINT, True, 130)])
def test_a_signal_stops_cleanly_and_the_next_run_resumes(tmp_path, sig, group, code):
    corpus = make_corpus(tmp_path / "c.jsonl", 3000, near_dups=10)
    clean = str(tmp_path / "clean.duckdb")
    with open_store(clean) as s:
        ingest(s, [str(corpus)], workers=0, batch_size=25, extractor=FAKE)
    db = str(tmp_path / "stopped.duckdb")
    args = [*CLI, "ingest", str(corpus), "--db", db, "--workers", "2", "--batch-size", "25", "--no-progress",
            "--extractor", FAKE]
    p = subprocess.Popen(args, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                         start_new_session=True, env=cli_env())
    _wait_for_a_commit(p, db)
    t0 = time.monotonic()
    while not (workers := _children(p.pid)) and p.poll() is None and time.monotonic() - t0 < 60:
        time.sleep(0.05)  # the workers exist: the ingest has started (and handles signals)
    _wait_for_a_commit(p, db)
    if group:
        os.killpg(p.pid, sig)  # Ctrl-C in a terminal: the whole foreground group gets SIGINT
    else:
        os.kill(p.pid, sig)  # SIGTERM to the parent alone (kill PID, a service manager)
    out, err = p.communicate(timeout=900)  # a hang guard, not a speed limit
    if p.returncode == 0:
        pytest.skip("the ingest finished before the signal arrived")
    assert p.returncode == code, err
    assert "Traceback" not in err and "interrupted" in err and "run the same command again" in err.lower()
    t0 = time.monotonic()
    while any(_alive(w) for w in workers) and time.monotonic() - t0 < 10:
        time.sleep(0.1)
    assert workers and not any(_alive(w) for w in workers), [_cmdline(w) for w in workers]  # no orphans
    with open_store(db, read_only=True) as s:
        n = s.stats()["documents"]
    assert 0 < n < 3010
    r = subprocess.run(args, capture_output=True, text=True, timeout=900, env=cli_env())  # hang guard
    assert r.returncode == 0, r.stderr
    assert table_keys(db) == table_keys(clean)


def test_summary_rate_is_the_rate_the_progress_shows(store, tmp_path):
    corpus = make_corpus(tmp_path / "c.jsonl", 50)
    seen = []
    s = ingest(store, [str(corpus)], workers=0, batch_size=10, extractor=FAKE,
               on_progress=lambda n, summary: seen.append((summary.read, summary.rate())))
    assert seen[-1][0] == s.read == 50
    assert s.rate() == pytest.approx(s.docs_per_second)
    assert seen[-1][1] == pytest.approx(s.docs_per_second, rel=0.25)


# -- the keyed near-duplicate index --------------------------------------------------------
def test_band_index_finds_what_a_scan_finds(tmp_path):
    rng = np.random.default_rng(5)
    keys = rng.integers(0, 2**62, 5000, dtype=np.int64)
    docs = rng.integers(0, 2**52, 5000, dtype=np.int64)
    keys[10:20] = keys[0]  # a bucket shared by eleven documents
    idx = BandIndex(keys[:3000], docs[:3000])
    idx.add(zip(keys[3000:].tolist(), docs[3000:].tolist()))   # buffered, then merged
    idx.add([(int(keys[1]), 42)])
    assert len(idx) == 5001
    probe = [int(keys[0]), int(keys[1]), int(keys[4000]), 123]
    rows = list(zip(keys.tolist(), docs.tolist())) + [(int(keys[1]), 42)]
    expected = sorted((b, d) for b, d in rows if b in set(probe))
    assert sorted(idx.lookup(probe)) == expected
    assert sorted(idx.lookup([])) == []


def test_ingest_marks_the_same_near_duplicates_with_the_index_and_with_sql(tmp_path):
    corpus = make_corpus(tmp_path / "c.jsonl", 120, near_dups=6)
    half = make_corpus(tmp_path / "h.jsonl", 60, near_dups=3)
    stores = []
    for name, keyed in (("keyed", True), ("scan", False)):
        db = str(tmp_path / f"{name}.duckdb")
        with open_store(db) as s:
            ingest(s, [str(half)], workers=0, batch_size=16, extractor=FAKE)   # a store that exists already
        with open_store(db) as s:  # reopened: the index is loaded from the stored band rows
            if not keyed:
                s.use_band_index = lambda on=True: None  # the plain SQL look-up
            summary = ingest(s, [str(corpus)], workers=0, batch_size=16, extractor=FAKE)
            assert (s._bands is not None) == keyed
        stores.append((db, summary.near_duplicate))
    assert stores[0][1] == stores[1][1] >= 3
    assert table_keys(stores[0][0]) == table_keys(stores[1][0])


# -- DuckDB memory -------------------------------------------------------------------------
def test_duckdb_memory_limit_follows_the_machine_and_can_be_set(tmp_path, monkeypatch):
    from marsad.store.backends import duckdb_memory_limit, total_memory_bytes

    monkeypatch.delenv("MARSAD_DUCKDB_MEMORY", raising=False)
    total = total_memory_bytes()
    expected = max(256, int(total * 0.25 / 2**20))
    assert duckdb_memory_limit() == f"{expected}MB"
    monkeypatch.setenv("MARSAD_DUCKDB_MEMORY", "300MB")
    assert duckdb_memory_limit() == "300MB"
    with open_store(str(tmp_path / "m.duckdb")) as s:
        limit = s.backend.conn.execute("SELECT current_setting('memory_limit')").fetchone()[0]
    assert limit.startswith(("286", "300"))  # DuckDB shows 300MB as 286.1 MiB


# -- export and extract output that stream --------------------------------------------------
def test_export_writes_row_groups_of_bounded_size(store, tmp_path, monkeypatch):
    import pyarrow.parquet as pq

    from marsad.store import export as E

    corpus = make_corpus(tmp_path / "c.jsonl", 45)
    ingest(store, [str(corpus)], workers=0, batch_size=10, extractor=FAKE)
    monkeypatch.setattr(E, "_batch_rows", lambda table: 10)
    paths = store.export(str(tmp_path / "pq"), "parquet")
    docs = pq.ParquetFile(next(p for p in paths if p.endswith("documents.parquet")))
    assert docs.metadata.num_rows == 45
    assert docs.metadata.num_row_groups >= 5
    assert max(docs.metadata.row_group(i).num_rows for i in range(docs.metadata.num_row_groups)) <= 10
    ids = sorted(docs.read(columns=["id"]).column("id").to_pylist())
    assert ids == sorted(r[0] for r in store.query("SELECT id FROM documents").rows)


def test_jsonl_export_reads_a_batch_of_documents_in_six_queries(store, tmp_path, monkeypatch):
    """No query per document (on DuckDB each one scanned the fact tables: quadratic in the store's
    size): a batch is one keyset query for its ids, one for its documents, one per fact table."""
    from marsad.store import export as E

    corpus = make_corpus(tmp_path / "c.jsonl", 45)
    ingest(store, [str(corpus)], workers=0, batch_size=10, extractor=FAKE)
    ids = [r[0] for r in store.query("SELECT id FROM documents ORDER BY id").rows]
    expected = [store.document(i) for i in ids]  # the per-document view, as the API serves it
    assert sum(len(d["facts"]["quantities"]) + len(d["facts"]["events"]) for d in expected) >= 4 * 45
    real_query = store.backend.query
    seen: list[str] = []

    def counted(sql, params=()):
        seen.append(sql)
        return real_query(sql, params)

    monkeypatch.setattr(store.backend, "query", counted)
    for batch, batches in ((10, 5), (45, 1), (1000, 1)):
        seen.clear()
        monkeypatch.setattr(E, "JSONL_BATCH", batch, raising=False)
        out = tmp_path / f"all-{batch}.jsonl"
        store.export(str(out), "jsonl")
        lines = [json.loads(x) for x in out.read_text(encoding="utf-8").splitlines()]
        assert lines == expected  # the same objects, in id order
        reads = [q for q in seen if "FROM documents" in q or "WHERE doc" in q]
        assert len(reads) <= 6 * batches + 1, (batch, len(reads))  # + the empty page that ends it


def test_extract_json_streams_the_same_array_it_used_to_build(tmp_path):
    recs = [{"id": f"d{i}", "text": t} for i, t in enumerate(
        ["Nvidia shares rose 3% to $120.", "ارتفعت أسهم علي بابا بنسبة 5%", "Alibaba will spend $50 billion."])]
    path = tmp_path / "in.jsonl"
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in recs), encoding="utf-8")
    as_json = run_cli("extract", "--format", "json", str(path))
    as_jsonl = run_cli("extract", "--format", "jsonl", str(path))
    assert as_json.returncode == 0 and as_jsonl.returncode == 0
    objs = [json.loads(line) for line in as_jsonl.stdout.splitlines()]
    assert as_json.stdout == json.dumps(objs, ensure_ascii=False, indent=2) + "\n"
    empty = tmp_path / "none.jsonl"
    empty.write_text(json.dumps({"id": "x"}) + "\n")
    r = run_cli("extract", "--format", "json", str(empty))
    assert r.stdout == "[]\n" and r.returncode == 1


# -- marsad load ---------------------------------------------------------------------------
def _spark_like_dataset(db: str, out) -> None:
    """The store's rows in the layout of Spark's output: one hive-partitioned dataset per table."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    from marsad.store import rows as R

    with open_store(db, read_only=True) as s:
        langs = dict(s.query("SELECT id, lang FROM documents").rows)
        for table, cols in R.COLUMNS.items():
            rows = s.query(f"SELECT {', '.join(cols)} FROM {table}").rows
            t = R.to_arrow(table, rows)
            if table != "documents":
                t = t.append_column("lang", pa.array([langs[r[0] if table == "documents" else r[cols.index("doc")]]
                                                      for r in rows], pa.string()))
            pq.write_to_dataset(t, str(out / table), partition_cols=["lang"])


def test_load_puts_spark_output_into_a_store_once(store, tmp_path):
    src = str(tmp_path / "src.duckdb")
    with open_store(src) as s:
        ingest(s, [str(make_corpus(tmp_path / "c.jsonl", 40, near_dups=3))], workers=0, extractor=FAKE)
    out = tmp_path / "spark-out"
    _spark_like_dataset(src, out)
    from marsad.store.load import load_parquet

    counts = load_parquet(store, str(out))
    assert counts["documents"] == 43 and counts["skipped"] == 0 and counts["lsh_bands"] == 43 * 16
    q = "SELECT id, doc_id, content_hash, dup_of, dup_score, published_on, ingested_at FROM documents"
    with open_store(src, read_only=True) as s:
        expected = {t: sorted(s.query(f"SELECT * FROM {t}").rows, key=repr) for t in ("quantities", "events")}
        expected_docs = sorted(s.query(q).rows)
    assert sorted(store.query(q).rows) == expected_docs
    for t, rows in expected.items():
        assert sorted(store.query(f"SELECT * FROM {t}").rows, key=repr) == rows
    again = load_parquet(store, str(out))
    assert again["documents"] == 0 and again["skipped"] == 43 and again["quantities"] == 0
    r = run_cli("load", str(tmp_path), "--db", str(tmp_path / "x.duckdb"))
    assert r.returncode == 2 and "[M312]" in r.stderr and "Traceback" not in r.stderr
