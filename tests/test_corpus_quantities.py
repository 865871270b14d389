"""Examples are tests: every sentence of tests/corpus/*/quantities.yaml yields exactly its
expected quantities (kind, value, unit, exact span text, qualifier when given)."""
from __future__ import annotations

import math

import pytest

import marsad
from corpus_loader import examples


def _same(q, exp) -> bool:
    if q["kind"] != exp["kind"] or q["text"] != exp["text"]:
        return False
    if not math.isclose(float(q["value"]), float(exp["value"]), rel_tol=1e-6, abs_tol=1e-9):
        return False
    if (q.get("unit") or None) != (exp.get("unit") or None):
        return False
    if "qualifier" in exp and (q.get("qualifier") or None) != (exp["qualifier"] or None):
        return False
    return True


@pytest.mark.parametrize("lang,example", examples("quantities"))
def test_quantity_example(lang, example):
    text = example["text"]
    got = marsad.extract(text, lang=lang).to_dict()["quantities"]
    for q in got:
        assert text[q["start"]:q["end"]] == q["text"]
    expected = list(example.get("expect") or [])
    unmatched = [q for q in got]
    missing = []
    for exp in expected:
        hit = next((q for q in unmatched if _same(q, exp)), None)
        if hit is None:
            missing.append(exp)
        else:
            unmatched.remove(hit)
    brief = lambda qs: [(q["kind"], q["value"], q.get("unit"), q.get("qualifier"), q["text"]) for q in qs]
    assert not missing and not unmatched, f"missing {brief(missing)} extra {brief(unmatched)}"
