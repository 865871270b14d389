"""The Store API on DuckDB and PostgreSQL alike (the ``store`` fixture runs both)."""
from __future__ import annotations

import json

import pytest

from marsad.errors import StoreError
from marsad.model import Document, Facts
from marsad.store import default_db, open_store
from marsad.store import rows as R


def _load(store, samples):
    return [store.add_facts(d, f) for d, f in samples]


def test_add_facts_is_idempotent_and_round_trips(store, samples):
    ids = _load(store, samples)
    before = store.stats()
    assert _load(store, samples) == ids  # same text → same id, nothing added
    assert store.stats() == before
    assert before["documents"] == len(samples)
    assert before["events"] == sum(len(f.events) for _, f in samples)
    for (doc, facts), key in zip(samples, ids):
        got = store.document(key)
        assert got["text"] == doc.text and got["doc_id"] == doc.doc_id
        want = facts.to_dict()
        assert got["facts"]["quantities"] == want["quantities"]
        assert got["facts"]["entities"] == want["entities"]
        assert got["facts"]["events"] == want["events"]
        assert store.has_document(R.content_hash(doc.text))
        assert store.document(doc.doc_id)["id"] == key
        assert store.document(R.content_hash(doc.text))["id"] == key
    assert store.document(12345) is None
    json.dumps(store.document(ids[0]))  # JSON-ready


def test_near_duplicates_are_marked_not_dropped(store, samples):
    doc, facts = samples[0]
    first = store.add_facts(doc, facts)
    text2 = doc.text + " Reuters"
    dup = store.add_facts(Document("ali-1b", text2, "en"), Facts("ali-1b", "en", text2))
    other = store.add_facts(*samples[2])
    docs = {d["id"]: d for d in store.documents()}
    assert docs[dup]["dup_of"] == first and docs[dup]["dup_score"] >= 0.8
    assert docs[first]["dup_of"] is None and docs[other]["dup_of"] is None
    assert store.stats()["near_duplicates"] == 1


def test_investments_leaderboard_with_sources(store, samples):
    _load(store, samples)
    rows = store.investments()
    assert [r["company"] for r in rows[:2]] == ["Microsoft", "Alibaba Group"]
    ali = rows[1]
    assert ali["usd"] == 53e9 and ali["reports"] == 2
    assert set(ali["sources"].split(" | ")) == {"wire", "argaam"}
    assert len(ali["docs"].split(",")) == 2
    china_2025 = store.investments(country="China", year=2025, by_company=True)
    assert [(r["company"], r["total_usd"]) for r in china_2025] == [("Alibaba Group", 53e9),
                                                                    ("Tencent Holdings", 10e9)]
    assert store.investments(country="cn", year=2013) == []  # "in research": not an AI investment
    assert store.investments(country="cn", year=2013, topic="all")[0]["company"] == "Baidu"
    assert [r["company"] for r in store.investments(company="علي بابا")] == ["Alibaba Group"]
    assert store.investments(company="nobody") == []


def test_moves_companies_company_timeline(store, samples):
    _load(store, samples)
    moves = store.moves()
    assert [(m["company"], m["change_pct"]) for m in moves] == [("Tencent Holdings", -2.5),
                                                                  ("Alibaba Group", 6.34)]
    assert store.moves(company="Tencent")[0]["price"] == 410
    assert store.moves(min_change=3)[0]["company"] == "Alibaba Group"
    comps = {c["name"]: c for c in store.companies()}
    assert comps["Alibaba Group"]["documents"] == 2 and comps["Alibaba Group"]["ticker"] == "BABA"
    assert "Copilot" not in comps
    ms = store.company("microsoft")
    assert ms["ticker"] == "MSFT" and ms["products"][0]["product"] == "Copilot"
    assert ms["supply_deals"][0] == {**ms["supply_deals"][0], "supplier": "Nvidia", "customer": "Microsoft"}
    assert store.company("Nvidia")["supply_deals"][0]["customer"] == "Microsoft"
    ali = store.company("BABA") or store.company("alibaba")
    assert set(ali["aliases"]) == {"Alibaba", "علي بابا"}
    assert store.company("Nobody Inc") is None
    tl = store.timeline("Alibaba Group")
    # built from claims: the $53 bn reported by two articles is one row with two reports
    assert [e["type"] for e in tl] == ["investment", "stock_move"]
    assert tl[0]["reports"] == 2
    assert tl[0]["date"] == "2025-02-24" and tl[0]["evidence"].startswith("Alibaba will invest")
    assert store.entity("Tencent")["name"] == "Tencent Holdings"
    assert len(store.events(type="investment")) == 5
    assert len(store.events(subject="Microsoft")) == 3
    assert len(store.events(since="2025-02-01")) == 5


def test_sql_is_read_only(store, samples):
    _load(store, samples)
    res = store.sql("SELECT lang, COUNT(*) AS n FROM documents GROUP BY lang ORDER BY lang")
    assert res.columns == ["lang", "n"] and res.rows == [("ar", 1), ("en", 4)]
    assert store.sql("SELECT id FROM documents", limit=2).rows.__len__() == 2
    for bad in ("DELETE FROM documents", "DROP TABLE events", "INSERT INTO documents (id) VALUES (1)",
                "SELECT 1; DELETE FROM documents", "COPY documents TO '/tmp/x.csv'",
                "UPDATE documents SET title = 'x'"):
        with pytest.raises(StoreError) as e:
            store.sql(bad)
        assert e.value.code == "M306", bad
    with pytest.raises(StoreError) as e:
        store.sql("SELECT nope FROM nowhere")
    assert e.value.code == "M308"
    assert store.stats()["documents"] == 5
    # the connection is still usable after a refused or failed query
    assert store.sql("SELECT COUNT(*) FROM events").rows == [(9,)]


def test_export_parquet_csv_jsonl(store, samples, tmp_path):
    import pyarrow.parquet as pq

    _load(store, samples)
    paths = store.export(str(tmp_path / "pq"), "parquet")
    assert {p.rsplit("/", 1)[1] for p in paths} >= {"documents.parquet", "events.parquet"}
    docs = pq.read_table(tmp_path / "pq" / "documents.parquet")
    assert docs.num_rows == 5 and "text" in docs.column_names
    assert pq.read_table(tmp_path / "pq" / "events.parquet").num_rows == 9
    store.export(str(tmp_path / "csv"), "csv", ["quantities"])
    assert (tmp_path / "csv" / "quantities.csv").read_text().count("\n") == 1 + 3
    store.export(str(tmp_path / "all.jsonl"), "jsonl")
    lines = [json.loads(x) for x in (tmp_path / "all.jsonl").read_text().splitlines()]
    assert len(lines) == 5 and all("facts" in x and "text" in x for x in lines)
    with pytest.raises(StoreError):
        store.export(str(tmp_path / "x"), "xml")


def test_replace_reextracts_without_doubling(store, samples):
    from marsad import dedupe

    doc, facts = samples[3]
    store.add_facts(doc, facts)
    sig = dedupe.signature(facts.text)
    facts.events = facts.events[:1]
    item = R.build_rows(doc, facts, minhash=dedupe.to_bytes(sig), bands=dedupe.bands(sig))
    res = store.write_batch([item], replace=True)
    assert res.replaced and not res.inserted
    assert store.stats()["events"] == 1 and store.stats()["documents"] == 1
    assert store.write_batch([item]).duplicates  # without replace: left alone


def test_schema_is_versioned(store_url):
    s = open_store(store_url)
    from marsad.store.base import LATEST

    assert s.schema_version() == LATEST
    s.backend.execute("INSERT INTO marsad_schema VALUES (99, NULL)")
    s.close()
    with pytest.raises(StoreError) as e:
        open_store(store_url)
    assert e.value.code == "M307"


def test_default_location(monkeypatch, tmp_path):
    monkeypatch.setenv("MARSAD_DB", str(tmp_path / "a.duckdb"))
    assert default_db() == str(tmp_path / "a.duckdb")
    monkeypatch.delenv("MARSAD_DB")
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path))
    assert default_db() == str(tmp_path / "marsad" / "marsad.duckdb")
    with open_store() as s:
        assert s.where.endswith("marsad/marsad.duckdb")
    with pytest.raises(StoreError) as e:
        open_store(str(tmp_path / "missing.duckdb"), read_only=True)
    assert e.value.code == "M309"


def test_published_dates_parse():
    assert R.parse_published("2006-10-20 16:25 EDT")[1] == 2006
    assert str(R.parse_published("2015-07-21 02:47:05")[0]) == "2015-07-21"
    assert R.parse_published("March 2024") == (None, 2024)
    assert R.parse_published(None) == (None, None)
    assert R.doc_key("f" * 64) < 2 ** 53
