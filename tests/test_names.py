"""Names: Arabic person names must look like names, spelling variants link to one known entry
only, possessives and false friends; and the knowledge-base builder's alias guards."""
from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

from marsad.extractors import names
from marsad.kb import knowledge_base

ROOT = Path(__file__).resolve().parents[1]


def _builder():
    spec = importlib.util.spec_from_file_location("kb_build", ROOT / "scripts" / "kb_build.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def test_arabic_person_names_must_look_like_names():
    for name in ("سارة منصور الحربي", "جون كنيدي", "محمد بن صالح السادة", "عبده الحذيفي"):
        assert names.looks_like_person(name, "ar"), name
    for name in ("لكرة القدم", "جديد للاتحاد الدولي", "أولا خطة تحصل", "عام فرع", "وعضو", "لشركة ناشئة",
                 "الرئيس جون كنيدي", "زكي حسنين بأنه"):
        assert not names.looks_like_person(name, "ar"), name


def test_spelling_variants_link_to_the_one_known_entry():
    assert names.skeleton("جنسن هوانج") == names.skeleton("ينسن هوانغ") == names.skeleton("جنسن هوانغ")
    for variant in ("جنسن هوانج", "ينسن هوانغ"):
        entry = names.variant_entry(variant, "PERSON", "ar")
        assert entry is not None and entry.name == "Jensen Huang", variant
    assert names.variant_entry("جنسن هوانج", "ORG", "ar") is None  # the type must agree
    assert names.variant_entry("محمد العلي", "PERSON", "ar") is None


def test_variant_index_never_holds_a_skeleton_shared_by_two_entries():
    kb = knowledge_base()
    by_key: dict[str, set[str]] = {}
    for alias, entry, script in kb.aliases():
        if script == "ar":
            by_key.setdefault(names.skeleton(alias), set()).add(entry.id)
    index = names._variant_index()
    assert index
    for key, (entry, _alias) in index.items():
        assert by_key[key] == {entry.id}


def test_country_possessive_is_stripped_and_kept_as_place():
    raw = "France's Lumen SA said"
    s, place = names.strip_possessive(raw, 0, len("France's Lumen SA"), "en", {"SA", "Inc", "Corp"})
    assert raw[s:len("France's Lumen SA")] == "Lumen SA" and place == "France"
    raw = "McDonald's Corp rose"
    s, place = names.strip_possessive(raw, 0, len("McDonald's Corp"), "en", {"Corp"})
    assert s == 0 and place is None  # the possessive is part of the name


def test_false_friends():
    raw = "the Amazon river and Amazon shares"
    assert names.false_friend(raw, 4, 10, "en")
    assert not names.false_friend(raw, 21, 27, "en")
    assert names.false_friend("أعلن فشل المفاوضات", 6, 8, "ar")  # «فشل» is not ف + «شل»


def test_kb_builder_guards_ordinary_and_short_words():
    guard = _builder().Guard(corpus=None)
    assert guard.common("مبادلة") and guard.common("Target") and guard.common("وي")
    assert not guard.common("شركة المراعي") and not guard.common("Target Corp") and not guard.common("IBM")


@pytest.mark.slow
def test_generated_kb_matches_its_tables():
    """kb/*.yaml below the GENERATED line is what scripts/kb_build.py makes of kb/sources/."""
    builder = _builder()
    if not (builder.CORPUS / "en-news.jsonl").exists():
        pytest.skip("the ordinary-word guard reads ../shared/corpus")
    out, _reports = builder.build(strict=False)
    for kind, text in out.items():
        path = builder.KB / builder.FILES[kind][0]
        assert path.read_text(encoding="utf-8") == text, f"{path.name} is stale: run scripts/kb_build.py"


def test_market_short_names_and_former_names_in_the_kb():
    """`~` in a table's Arabic cell is a market short name (not an alias: never found bare), `<` a
    former name (an alias, also under `former`)."""
    kb = knowledge_base()
    rajhi = kb.get("al_rajhi_bank")
    assert "الراجحي" in rajhi.data["market"] and kb.lookup("الراجحي") is None
    alamiya = kb.get("al_alamiya")
    assert alamiya.data["market"] == ["العالمية"]
    blackberry = kb.get("blackberry")
    assert kb.lookup("Research In Motion") is blackberry and "Research In Motion" in blackberry.data["former"]
    assert kb.lookup("الشركة السعودية للنقل والاستثمار").id == "batic"
    assert "مبرد" in kb.get("batic").data["market"] and "مبرد" in kb.get("batic").data["former"]


def test_arabic_titles_license_unlisted_names_and_foreign_given_names_need_no_cue():
    assert names.licensed_by("المدرب") and names.licensed_by("والمهاجم الارجنتيني")
    assert not names.licensed_by("قال") and not names.licensed_by("الاقتصاد العالمي")
    assert names.looks_like_person("ماسيميليانو أليجري", "ar", licensed=True)
    assert not names.looks_like_person("ماسيميليانو أليجري", "ar") or "ماسيميليانو" in names.data("ar").given
    assert not names.looks_like_person("هجوما لاذعا", "ar", licensed=True)
    from marsad.normalize import fold
    text = fold("ويعتقد الناخبون أن هيلاري كلينتون ستفوز، ثم قال جانب من المحللين")
    spans = names.foreign_people(text)
    assert [text[s:e] for s, e in spans] == [fold("هيلاري كلينتون")]  # «جانب» is no «جان» + word
