"""The CLI is a thin shell over the library: formats, help, errors, and docs that match."""
from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import marsad

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT.parent / "shared" / "eval" / "docs" / "seed-alibaba-ai-ar.txt"
CLI = [sys.executable, "-c", "from marsad.cli import main; main()"]


def run(*args, **kw):
    return subprocess.run(CLI + list(args), capture_output=True, text=True, timeout=600, **kw)


def test_jsonl_is_the_library_result_per_contract(tmp_path):
    doc = tmp_path / "alibaba-note.txt"
    doc.write_text("ارتفعت أسهم علي بابا بنسبة 6.34% ليصل إلى 169.4 دولار.", encoding="utf-8")
    res = run("extract", "--format", "jsonl", str(doc))
    assert res.returncode == 0, res.stderr
    (line,) = res.stdout.splitlines()
    got = json.loads(line)
    want = marsad.extract(doc.read_text(encoding="utf-8"), doc_id="alibaba-note").to_dict()
    assert got == json.loads(json.dumps(want, ensure_ascii=False))
    assert got["doc_id"] == "alibaba-note" and got["lang"] == "ar"
    q = {x["kind"]: x for x in got["quantities"]}
    assert q["percent"]["value"] == 6.34 and q["money"]["unit"] == "USD"
    for x in got["quantities"]:
        assert set(x) >= {"kind", "value", "unit", "start", "end", "extractor"}
    assert got["events"][0]["type"] == "stock_move"


def test_table_and_json_formats_on_the_seed():
    res = run("extract", str(SEED))
    assert res.returncode == 0 and "Quantities" in res.stdout and "Events" in res.stdout
    res = run("extract", "--format", "json", "--with-text", str(SEED))
    data = json.loads(res.stdout)
    assert isinstance(data, list) and data[0]["text"].startswith("- أعلنت")


def test_brief_gives_three_to_five_points():
    res = run("brief", "--format", "json", str(SEED))
    pts = json.loads(res.stdout)["key_points"]
    assert 3 <= len(pts) <= 5
    text = SEED.read_text(encoding="utf-8")
    for p in pts:
        assert text[p["start"]:p["end"]] == p["text"] and p["facts"]


def test_kb_commands():
    res = run("kb", "show", "إنفيديا", "--json")
    assert res.returncode == 0 and json.loads(res.stdout)["name"] == "Nvidia"
    res = run("kb", "show", "No Such Company Zzz")
    assert res.returncode == 1 and "M214" in res.stderr and "Traceback" not in res.stderr
    res = run("kb", "check")
    assert res.returncode == 0 and "valid" in res.stdout


def test_bad_option_is_a_usage_error_not_a_traceback():
    res = run("extract", "--lang", "fr", str(SEED))
    assert res.returncode == 2 and "Traceback" not in res.stderr


def test_every_command_is_documented_in_the_readme():
    from marsad.cli import app

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    names = [c.name or c.callback.__name__ for c in app.registered_commands]
    names += [g.name for g in app.registered_groups]
    for name in names:
        assert re.search(rf"marsad {name}\b", readme), f"`marsad {name}` is not in README.md"


def test_html_is_reduced_to_article_text_and_offsets_refer_to_it(tmp_path):
    page = tmp_path / "story.html"
    page.write_text(
        "<!DOCTYPE html><html><head><title>Alibaba lifts AI spending</title></head><body>"
        "<nav>Home | Markets | Tech</nav><article><h1>Alibaba lifts AI spending</h1>"
        "<p>Alibaba Group said on Wednesday it would spend more than 380 billion yuan ($53 billion) "
        "on AI infrastructure over three years.</p><p>Its shares jumped 9.7% in Hong Kong.</p>"
        "</article><footer>Copyright 2025</footer></body></html>", encoding="utf-8")
    res = run("extract", "--format", "json", "--with-text", str(page))
    assert res.returncode == 0, res.stderr
    doc = json.loads(res.stdout)[0]
    assert doc["doc_id"] == "story" and "Home | Markets" not in doc["text"]
    for q in doc["quantities"]:
        assert doc["text"][q["start"]:q["end"]] == q["text"]
    money = {(q["value"], q["unit"]) for q in doc["quantities"] if q["kind"] == "money"}
    assert (380_000_000_000, "CNY") in money and (53_000_000_000, "USD") in money
    cny = next(q for q in doc["quantities"] if q.get("unit") == "CNY")
    assert cny["usd"] == 53_000_000_000 and cny["fx"]["method"] == "stated"
    assert {(e["type"], e["args"]["subject"]) for e in doc["events"]} >= {("investment", "Alibaba Group"),
                                                                          ("stock_move", "Alibaba Group")}
