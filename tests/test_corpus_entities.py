"""Examples are tests: each sentence of tests/corpus/*/entities.yaml yields its listed
organisations, people and products, with the right name and the exact mention; `absent` lists what
must not be found, `exact` what must be found under exactly that name."""
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
    if not expected and "absent" not in example and "exact" not in example:
        assert not got, f"expected no entities, got {got}"
    # `absent`: what must not be produced (a negative inside a sentence that has other entities);
    # each item's given keys (name compared exactly, type, text) must not all match one entity
    for x in example.get("absent") or []:
        hits = [(n, ty, surf) for n, ty, surf in got
                if ("name" not in x or n == x["name"]) and ("type" not in x or ty == x["type"])
                and ("text" not in x or surf == x["text"])]
        assert not hits, f"{x} must not be found; got {hits}"
    # `exact`: the entity's name as output, not just one of its knowledge-base names
    for x in example.get("exact") or []:
        assert any(n == x["name"] and ty == x["type"] and surf == x["text"] for n, ty, surf in got), \
            f"{x} not found with that exact name; got {got}"
