"""Language data and the knowledge base are data: every file loads, validates and is consistent."""
from __future__ import annotations

import pytest
import yaml

from corpus_loader import CORPUS, known_gaps
from marsad import fx, kb
from marsad.errors import DataError
from marsad.extractors.entities import cues as entity_cues
from marsad.lexicon import LANGS, lexicon, load_yaml


@pytest.mark.parametrize("lang", LANGS)
def test_lexicons_load_and_validate(lang):
    lx = lexicon(lang)
    assert lx.scales and lx.words and lx.suffix_currencies and lx.percent
    assert all(len(code) == 3 for code in {c.code for c in lx.suffix_currencies.values()})
    load_yaml(f"lang/{lang}/event_cues.yaml", "event_cues")
    assert entity_cues(lang).coref


def test_schema_rejects_bad_lexicon(tmp_path, monkeypatch):
    import jsonschema

    from marsad.lexicon import SCHEMAS

    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate({"words": {"one": "x"}}, SCHEMAS["numbers"])


def test_knowledge_base_is_valid_and_broad():
    raw = kb.load_raw()
    assert kb.check(raw) == []
    base = kb.knowledge_base()
    counts = {t: sum(1 for e in base.entries if e.type == t) for t in ("ORG", "PRODUCT", "PERSON")}
    assert counts["ORG"] >= 400 and counts["PRODUCT"] >= 100 and counts["PERSON"] >= 80
    assert base.lookup("هواوي").name == base.lookup("Huawei").name
    assert base.org_of(base.lookup("Eddie Wu")).id == base.lookup("Alibaba").id
    assert base.get(base.lookup("T-Head").data["parent"]).id == base.lookup("Alibaba").id


def test_kb_check_reports_problems():
    raw = {"ORG": [{"id": "a", "name": "A Corp", "type": "ORG", "country": "US", "parent": "missing",
                    "aliases": {"en": ["Shared"]}},
                   {"id": "a", "name": "B Corp", "type": "ORG", "country": "US", "aliases": {"en": []}},
                   {"id": "c", "name": "C Corp", "type": "ORG", "country": "US", "aliases": {"en": ["Shared"]}}],
           "PRODUCT": [], "PERSON": []}
    problems = kb.check(raw)
    assert any("duplicate id" in p for p in problems)
    assert any("also belongs to" in p for p in problems)
    assert any("is not an org id" in p for p in problems)


def test_fx_table_covers_twenty_currencies_2015_2026():
    table = fx.rates()
    currencies = {c for c, _ in table}
    assert len(currencies - {"USD"}) >= 20
    for c in ("CNY", "SAR", "AED", "EUR", "HKD", "JPY"):
        assert all((c, y) in table for y in range(2015, 2027)), c
    r, year, source = fx.rate("CNY", 2024)
    assert 0.13 < r < 0.15 and year == 2024 and source


def test_corpus_sizes_and_known_gaps_are_current():
    for lang in LANGS:
        q = yaml.safe_load((CORPUS / lang / "quantities.yaml").read_text(encoding="utf-8"))
        ev = yaml.safe_load((CORPUS / lang / "events.yaml").read_text(encoding="utf-8"))
        assert len(q) >= 150 and sum(1 for x in q if not x.get("expect")) >= 20
        assert len(ev) >= 100
    for kind, lang, text in known_gaps():
        data = yaml.safe_load((CORPUS / lang / f"{kind}.yaml").read_text(encoding="utf-8"))
        assert any(x["text"] == text for x in data), f"stale known gap: {text}"


def test_missing_lexicon_language_is_a_clear_error():
    with pytest.raises(DataError) as e:
        lexicon("fr")
    assert "M204" in str(e.value)


def test_unknown_event_pattern_is_a_coded_error(monkeypatch):
    """A pattern in event_patterns.yaml that no code reads is a data error (M203), not a TypeError."""
    from marsad.extractors import roles

    real = roles.load_yaml

    def with_extra(path, schema):
        d = dict(real(path, schema))
        d["no_such_pattern"] = "x"
        return d

    roles.patterns.cache_clear()
    monkeypatch.setattr(roles, "load_yaml", with_extra)
    try:
        with pytest.raises(DataError) as err:
            roles.patterns("en")
        assert err.value.code == "M203" and "no_such_pattern" in str(err.value)
    finally:
        monkeypatch.undo()
        roles.patterns.cache_clear()
    assert roles.patterns("en").per_share.pattern  # the real data still loads
