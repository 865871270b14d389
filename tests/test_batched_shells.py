"""The shells that extract many documents (ingest workers, ``marsad extract``, the Spark executors)
extract them in batches (``pipeline.extract_each``) and store or print exactly what one document
after another (``extract_document``) gives."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

import marsad
from marsad import pipeline, sources
from marsad.ingest import extract_rows
from marsad.model import Document
from marsad.read import ReadError, iter_documents

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"
ONE_BY_ONE = "marsad:extract_document"  # an extractor given by name runs one document after another


def records(lang: str, n: int) -> list[dict]:
    with (CORPUS / f"{lang}-news.jsonl").open(encoding="utf-8") as fh:
        return [json.loads(next(fh)) for _ in range(n)]


def documents(n: int) -> list[Document]:
    recs = [r for pair in zip(records("ar", n), records("en", n)) for r in pair]  # languages mixed
    return [Document(doc_id=str(r["id"]), text=r["text"], lang=r.get("lang"), published_at=r.get("date"))
            for r in recs]


def as_json(facts) -> str:
    return json.dumps(facts.to_dict(), sort_keys=True, ensure_ascii=False)


def a_bad_document() -> Document:
    """A document the pipeline raises on (its date is no string)."""
    doc = Document(doc_id="bad", text="Nvidia will invest $5 billion in Intel.", published_at=12345)
    with pytest.raises(TypeError):
        pipeline.extract_document(doc)
    return doc


@pytest.mark.parametrize("batch", [1, 5, 32])
def test_extract_each_gives_the_facts_of_one_by_one_and_passes_other_items(batch):
    docs = documents(20)
    bad = a_bad_document()
    err = ReadError("x.txt", "unreadable")
    items = docs[:7] + [err] + docs[7:11] + [bad] + docs[11:]
    got = list(pipeline.extract_each(iter(items), batch=batch))
    assert [item for item, _ in got] == items
    for item, out in got:
        if item is err:
            assert out is None
        elif item is bad:
            assert isinstance(out, TypeError)
        else:
            assert as_json(out) == as_json(pipeline.extract_document(item)), item.doc_id


def test_extract_each_of_nothing():
    assert list(pipeline.extract_each([])) == []


def _without_time(rows: dict) -> dict:
    rows = dict(rows)
    rows["documents"] = [r[:-1] for r in rows["documents"]]  # ingested_at: the clock
    return rows


def test_ingest_worker_rows_equal_one_by_one():
    from marsad.store import rows as R

    assert R.COLUMNS["documents"][-1] == "ingested_at"
    docs = documents(25)
    docs.insert(9, a_bad_document())
    batch = [(d, R.content_hash(d.text)) for d in docs]
    got = extract_rows(batch)
    want = extract_rows(batch, ONE_BY_ONE)
    assert [(i, e) for i, _, e in got] == [(i, e) for i, _, e in want]
    assert got[9][2].startswith("extractor error: TypeError")
    for (_, g, _), (_, w, _) in zip(got, want):
        assert (g is None and w is None) or _without_time(g) == _without_time(w)


def test_cli_extract_over_jsonl_prints_the_facts_of_one_by_one(tmp_path):
    recs = [r for pair in zip(records("ar", 25), records("en", 25)) for r in pair]
    path = tmp_path / "news.jsonl"
    lines = [json.dumps(r, ensure_ascii=False) for r in recs]
    lines.insert(17, '{"id": "no-text"}')  # a record that cannot be read, reported in its place
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    res = subprocess.run([sys.executable, "-c", "from marsad.cli import main; main()", "extract", "-f", "jsonl",
                          str(path)], capture_output=True, text=True)
    assert res.returncode == 1 and res.stderr.count("\n") == 1, res.stderr  # the bad record
    want = []
    for item in iter_documents([str(path)]):
        if not isinstance(item, ReadError):
            d = sources.annotate(marsad.extract_document(item).to_dict(), item)
            want.append(json.loads(json.dumps(d, ensure_ascii=False)))
    got = [json.loads(line) for line in res.stdout.splitlines()]
    assert len(got) == len(recs) and got == want


def test_spark_executor_rows_equal_one_by_one():
    pa = pytest.importorskip("pyarrow")
    from marsad.scale import spark

    recs = [r for pair in zip(records("ar", 20), records("en", 20)) for r in pair]
    recs.insert(5, {"id": "empty", "text": "  "})  # an error row in its place
    rows = [{k: (str(r[k]) if r.get(k) is not None else None) for k in spark._INPUT_FIELDS} | {"ord": i}
            for i, r in enumerate(recs)]
    batch = pa.RecordBatch.from_pylist(rows)

    def out(extractor):
        (b,) = list(spark.extract_batches([batch], extractor))
        return [{k: v for k, v in row.items() if k != "ingested_at"} for row in b.to_pylist()]

    got, want = out(None), out(ONE_BY_ONE)
    assert len(got) == len(recs) and got[5]["error"] and got == want
