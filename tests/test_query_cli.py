"""``marsad query …``, ``marsad sql`` and ``marsad export`` from the command line."""
from __future__ import annotations

import csv
import io
import json

import pytest
from typer.testing import CliRunner

from marsad.cli import app
from marsad.store import open_store

runner = CliRunner()


@pytest.fixture
def db(tmp_path, samples):
    path = str(tmp_path / "q.duckdb")
    with open_store(path) as s:
        for d, f in samples:
            s.add_facts(d, f)
    return path


def invoke(*args):
    r = runner.invoke(app, list(args), catch_exceptions=False)
    return r


def test_investments_as_json_csv_and_table(db):
    r = invoke("query", "investments", "--db", db, "-f", "json")
    assert r.exit_code == 0, r.output
    rows = json.loads(r.stdout)
    assert rows[0]["company"] == "Microsoft" and rows[0]["usd"] == 80e9
    r = invoke("query", "investments", "--db", db, "--country", "China", "--year", "2025", "--by-company",
               "-f", "csv")
    got = list(csv.DictReader(io.StringIO(r.stdout)))
    assert [g["company"] for g in got] == ["Alibaba Group", "Tencent Holdings"]
    r = invoke("query", "investments", "--db", db)
    assert r.exit_code == 0 and "Microsoft" in r.stdout and "$80.00 bn" in r.stdout


def test_moves_companies_company_timeline_stats(db):
    assert json.loads(invoke("query", "moves", "--db", db, "-f", "json").stdout)[0]["change_pct"] == -2.5
    comps = json.loads(invoke("query", "companies", "--db", db, "-f", "json").stdout)
    assert {c["name"] for c in comps} >= {"Alibaba Group", "Microsoft", "Nvidia"}
    ms = json.loads(invoke("query", "company", "Microsoft", "--db", db, "-f", "json").stdout)
    assert ms["ticker"] == "MSFT" and ms["supply_deals"][0]["supplier"] == "Nvidia"
    r = invoke("query", "company", "Microsoft", "--db", db)
    assert "supply_deals" in r.stdout and "Copilot" in r.stdout
    r = invoke("query", "company", "Nobody", "--db", db)
    assert r.exit_code == 1
    tl = json.loads(invoke("query", "timeline", "Tencent", "--db", db, "-f", "json").stdout)
    assert [e["type"] for e in tl] == ["investment", "stock_move"]
    st = json.loads(invoke("query", "stats", "--db", db, "-f", "json").stdout)
    assert st["documents"] == 5 and st["engine"] == "duckdb"


def test_sql_and_its_refusals(db, monkeypatch):
    monkeypatch.setenv("MARSAD_DB", db)  # --db from the environment
    r = invoke("sql", "SELECT doc_id FROM documents ORDER BY doc_id", "-f", "csv")
    assert r.stdout.splitlines() == ["doc_id", "ali-1", "ali-2", "msft-1", "old-1", "ten-1"]
    r = invoke("sql", "SELECT COUNT(*) AS n FROM events WHERE type = 'investment'", "-f", "json")
    assert json.loads(r.stdout) == [{"n": 5}]
    from marsad.errors import StoreError

    with pytest.raises(StoreError) as e:
        runner.invoke(app, ["sql", "DELETE FROM documents"], catch_exceptions=False)
    assert e.value.code == "M306"


def test_export_writes_every_table(db, tmp_path):
    out = tmp_path / "exp"
    r = invoke("export", "--db", db, "--format", "parquet", "--out", str(out))
    assert r.exit_code == 0
    assert sorted(p.name for p in out.iterdir()) == sorted(
        f"{t}.parquet" for t in ("documents", "quantities", "entities", "mentions", "events", "event_args"))
    r = invoke("export", "--db", db, "--format", "jsonl", "--out", "-")
    assert len(r.stdout.splitlines()) == 5


@pytest.mark.parametrize("cmd", [["ingest"], ["query"], ["query", "investments"], ["query", "moves"],
                                 ["query", "companies"], ["query", "company"], ["query", "timeline"],
                                 ["query", "stats"], ["sql"], ["export"]])
def test_every_command_explains_itself(cmd):
    r = invoke(*cmd, "--help")
    assert r.exit_code == 0 and len(r.stdout) > 200
    if cmd != ["query"]:
        assert "--db" in r.stdout or cmd == ["ingest"] or "--format" in r.stdout
