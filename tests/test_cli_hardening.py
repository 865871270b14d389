"""The command line as a new user meets it (issue 12, "Command line"): the real CLI in a subprocess."""
from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

CLI = [sys.executable, "-c", "from marsad.cli import main; main()"]


def run(*args, env=None, **kw):
    e = {k: v for k, v in os.environ.items() if k not in ("MARSAD_TERMINAL_BIDI", "COLUMNS")}
    return subprocess.run(CLI + list(args), capture_output=True, text=True, timeout=600,
                          env={**e, **(env or {})}, **kw)


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    """The sample store, plus an Arabic-only Alibaba story: the store has the name "Alibaba
    Group" and the Arabic aliases, never the English alias "Alibaba" as written."""
    from conftest import sample_corpus

    from marsad.model import Document, Entity, Event, Facts
    from marsad.store import open_store

    path = str(tmp_path_factory.mktemp("cli") / "c.duckdb")
    items = [(d, f) for d, f in sample_corpus() if d.doc_id not in ("ali-1",)]
    for d, f in items:  # Alibaba only in Arabic
        for e in f.entities:
            if e.name == "Alibaba Group":
                e.kb_id = "alibaba"
    text = "قالت علي بابا جروب إن علي بابا سترفع إنفاقها، وارتفع سهم علي بابا 3%."
    f = Facts("ali-3", "ar", text, extractors={"t": "1"})
    s1 = text.index("علي بابا جروب")
    s2 = text.index("علي بابا", s1 + 5)
    f.entities.append(Entity("Alibaba Group", "ORG", [(s1, s1 + len("علي بابا جروب")), (s2, s2 + 8)],
                             kb_id="alibaba", extractor="t"))
    s3 = text.index("وارتفع")
    f.events.append(Event("stock_move", s3, len(text) - 1, {"subject": "Alibaba Group", "change_pct": 3.0,
                                                            "price": 120.0, "price_currency": "HKD"}, "t"))
    items.append((Document("ali-3", text, "ar", title="علي بابا", published_at="2025-03-01"), f))
    with open_store(path) as s:
        for d, f in items:
            s.add_facts(d, f)
    return path


def test_knowledge_base_aliases_work_in_every_query(db):
    r = run("query", "company", "Alibaba", "--db", db, "-f", "json")
    assert r.returncode == 0, r.stderr
    assert json.loads(r.stdout)["name"] == "Alibaba Group"
    r = run("query", "investments", "--company", "Alibaba", "--topic", "all", "--db", db, "-f", "json")
    assert r.returncode == 0 and {x["company"] for x in json.loads(r.stdout)} == {"Alibaba Group"}
    r = run("query", "moves", "--company", "alibaba", "--db", db, "-f", "json")
    assert r.returncode == 0 and json.loads(r.stdout)[0]["company"] == "Alibaba Group"
    r = run("query", "timeline", "Alibaba", "--db", db, "-f", "json")
    assert r.returncode == 0 and json.loads(r.stdout)


@pytest.mark.parametrize("args", [["query", "company", "Nobody Corp"], ["query", "timeline", "Nobody Corp"],
                                  ["query", "investments", "--company", "Nobody Corp"],
                                  ["query", "moves", "--company", "Nobody Corp"]])
def test_unknown_names_exit_1_in_every_command(db, args):
    r = run(*args, "--db", db)
    assert r.returncode == 1 and "Nobody Corp" in r.stderr and "Traceback" not in r.stderr


def test_version():
    import marsad

    r = run("--version")
    assert r.returncode == 0 and r.stdout.strip() == f"marsad {marsad.__version__}"


def test_utf16_files_with_a_bom_are_decoded(tmp_path):
    for enc in ("utf-16", "utf-16-be"):
        p = tmp_path / f"{enc}.txt"
        data = "Nvidia shares rose 3% to $120 on Monday.".encode(enc)
        p.write_bytes(data if data[:2] in (b"\xff\xfe", b"\xfe\xff") else b"\xfe\xff" + data)
        r = run("extract", "-f", "jsonl", str(p))
        assert r.returncode == 0, r.stderr
        assert {q["text"] for q in json.loads(r.stdout)["quantities"]} >= {"3%", "$120"}


def test_export_to_a_closed_pipe_stops_quietly(db):
    p = subprocess.Popen(CLI + ["export", "--format", "jsonl", "--out", "-", "--db", db],
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    first = p.stdout.readline()
    p.stdout.close()  # like `| head -1`
    err = p.stderr.read().decode()
    p.wait(600)
    assert json.loads(first)["id"] and err == ""
    assert p.returncode in (0, -13)  # -13: SIGPIPE, as `yes | head` ends


def test_money_is_never_cut_in_80_columns(db):
    for args in (["query", "investments", "--topic", "all"], ["query", "investments", "--by-company", "--topic", "all"],
                 ["query", "moves"]):
        r = run(*args, "--db", db, env={"COLUMNS": "80"})
        assert r.returncode == 0, r.stderr
        assert max(len(line) for line in r.stdout.splitlines()) <= 80
        if args[1] == "investments":
            assert "$80.00 bn" in r.stdout and "$53.00 bn" in r.stdout


def test_moves_show_the_currency(db):
    r = run("query", "moves", "--db", db, "-f", "json")
    row = next(m for m in json.loads(r.stdout) if m["company"] == "Alibaba Group")
    assert row["price"] == 120 and row["currency"] == "HKD"
    assert "HKD" in run("query", "moves", "--db", db).stdout


def test_brief_takes_several_files(tmp_path):
    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    a.write_text("Nvidia shares rose 3% to $120 on Monday. Microsoft will spend $80 billion on AI data "
                 "centers in fiscal 2025. Analysts expect more spending next year.", encoding="utf-8")
    b.write_text("ارتفعت أسهم علي بابا بنسبة 6.34% ليصل إلى 169.4 دولار. وقالت الشركة إنها ستستثمر "
                 "53 مليار دولار في الذكاء الاصطناعي.", encoding="utf-8")
    r = run("brief", "-f", "json", str(a), str(b))
    assert r.returncode == 0, r.stderr
    assert [d["doc_id"] for d in json.loads(r.stdout)] == ["a", "b"]
    r = run("brief", str(a), str(b))
    assert "a — key points" in r.stdout and "b — key points" in r.stdout


def test_arabic_aliases_keep_their_order_in_tables(db):
    from marsad.cli.render import visual

    r = run("query", "company", "Alibaba Group", "--db", db)
    assert r.returncode == 0, r.stderr
    line = next(x for x in r.stdout.splitlines() if "aliases" in x)
    got = [visual(a, "ar") for a in json.loads(run("query", "company", "Alibaba Group", "--db", db,
                                                    "-f", "json").stdout)["aliases"]]
    assert len(got) >= 2
    positions = [line.find(g) for g in got]
    assert all(p >= 0 for p in positions) and positions == sorted(positions), (line, got)
