"""``pipeline.extract_documents`` (each step over a batch of documents) gives every document the
facts that ``extract_document`` (one document after another) gives it, in order."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from marsad import pipeline
from marsad.extractors import wordscan
from marsad.model import Document

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"


def articles(lang: str, n: int) -> list[Document]:
    path = CORPUS / f"{lang}-news.jsonl"
    assert path.exists(), f"corpus not found at {path}: the shared/ folder must sit beside the repository"
    out = []
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            rec = json.loads(line)
            out.append(Document(doc_id=str(rec["id"]), text=rec["text"], lang=rec.get("lang") or lang,
                                published_at=rec.get("date")))
            if len(out) >= n:
                break
    return out


def as_json(facts) -> str:
    return json.dumps(facts.to_dict(), sort_keys=True, ensure_ascii=False)


@pytest.mark.parametrize("batch", [1, 7, 32])
def test_batches_give_the_facts_of_one_document_at_a_time(batch):
    docs = [d for pair in zip(articles("ar", 60), articles("en", 60)) for d in pair]  # languages mixed
    docs.append(Document(doc_id="nolang", text="Nvidia will invest $5 billion in Intel, the company said."))
    want = [as_json(pipeline.extract_document(d)) for d in docs]
    got = [as_json(f) for f in pipeline.extract_documents(iter(docs), batch=batch)]
    assert got == want


def test_a_batch_is_cut_by_characters_and_the_scans_kept_stay_bounded(monkeypatch):
    monkeypatch.setattr(pipeline, "_BATCH_CHARS", 5_000)
    monkeypatch.setattr(wordscan._scan, "max_chars", 10_000)
    wordscan._scan.cache_clear()
    docs = articles("en", 30)
    want = [as_json(pipeline.extract_document(d)) for d in docs]
    assert [as_json(f) for f in pipeline.extract_documents(docs)] == want
    assert wordscan._scan.held_count() <= 2 or wordscan._scan.held_chars() <= 10_000


def test_no_documents_no_facts():
    assert list(pipeline.extract_documents([])) == []


def test_held_keeps_recent_texts_up_to_a_number_of_characters():
    from marsad.extractors.doccache import held

    calls = []

    @held(10)
    def size(text: str, k: int) -> int:
        calls.append(text)
        return len(text) * k

    assert size("abcd", 2) == 8 and size("abcd", 2) == 8 and calls == ["abcd"]
    size("efgh", 1)
    size("ijkl", 1)  # 12 characters held: the oldest goes
    assert size.held_count() == 2 and size.held_chars() == 8
    size("x" * 50, 1)  # one huge text: the last two are kept all the same
    assert size.held_count() == 2 and size("ijkl", 1) == 4 and calls.count("ijkl") == 1
    size.cache_clear()
    assert size.held_count() == 0 and size.__wrapped__("ab", 3) == 6


def test_lone_surrogate_is_replaced_offsets_kept():
    """Text decoded from JSON's "\\ud800" escape holds a lone surrogate: extraction replaces it with
    U+FFFD (one code point for one), keeps every offset, and the facts can be written as UTF-8."""
    text = "Nvidia shares rose 5% \ud800 to $130 on Friday."
    for facts in (pipeline.extract(text, lang="en"),
                  next(pipeline.extract_documents([Document(doc_id="d", text=text, lang="en")]))):
        assert facts.text == text.replace("\ud800", "\ufffd") and len(facts.text) == len(text)
        assert [e.args["change_pct"] for e in facts.events if e.type == "stock_move"] == [5.0]
        json.dumps(facts.to_dict(), ensure_ascii=False).encode("utf-8")
