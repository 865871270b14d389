"""Examples are tests: each sentence of tests/corpus/*/entities.yaml yields its listed
organisations, people and products, with the right name and the exact mention."""
from __future__ import annotations

import pytest

import marsad
from corpus_loader import examples
from matching import same_name

SCORED = {"ORG", "PERSON", "PRODUCT"}


@pytest.mark.parametrize("lang,example", examples("entities"))
def test_entity_example(lang, example):
    text = example["text"]
    facts = marsad.extract(text, lang=lang).to_dict()
    got = [(e["name"], e["type"], text[s:t]) for e in facts["entities"] if e["type"] in SCORED
           for s, t in e["mentions"] if e.get("extractor", "").startswith("entities")]
    expected = example.get("entities") or []
    missing = [x for x in expected
               if not any(same_name(x["name"], n) and ty == x["type"] and surf == x["text"] for n, ty, surf in got)]
    assert not missing, f"missing {missing}; got {got}"
    if not expected:
        assert not got, f"expected no entities, got {got}"
