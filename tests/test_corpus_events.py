"""Examples are tests: each sentence of tests/corpus/*/events.yaml yields exactly its
listed events of the seven scored types, matched the way the scorer matches them."""
from __future__ import annotations

import pytest

import marsad
from corpus_loader import examples
from matching import event_matches

SCORED = {"investment", "forecast", "stock_move", "financial_metric", "product_launch", "acquisition",
          "supply_deal"}


@pytest.mark.parametrize("lang,example", examples("events"))
def test_event_example(lang, example):
    facts = marsad.extract(example["text"], lang=lang).to_dict()
    got = [e for e in facts["events"] if e["type"] in SCORED]
    expected = example.get("events") or []
    missing = [x for x in expected if not any(event_matches(x, e) for e in got)]
    extra = [e for e in got if not any(event_matches(x, e) for x in expected)]
    show = lambda es: [(e["type"], {k: v for k, v in e["args"].items() if not k.endswith(("_id", "_span"))})
                       for e in es]
    assert not missing and not extra, f"missing {missing} extra {show(extra)}"
