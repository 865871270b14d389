"""Normalisation folds what varies in typing, and maps every offset back to the raw text."""
from __future__ import annotations

import marsad
from marsad.normalize import detect_lang, fold, normalize


def test_folding_rules():
    assert fold("أإآٱ ى ة ؤ ئ") == "اااا ي ه و ي"
    assert fold("٠١٢٣٤٥٦٧٨٩ ۰۱۲ ١٢٫٥٪ ١٬٠٠٠") == "0123456789 012 12.5% 1,000"
    assert fold("عالمياً إنفـــيديا\u200f") == "عالميا انفيديا"
    assert fold("NVIDIA\u00a0Corp") == "nvidia corp"


def test_offsets_map_back_across_deleted_marks():
    raw = "ارتفعت\u200f أسهمُ الشركـــة بنسبة ٦٫٣٤٪ أمس"
    norm = normalize(raw)
    assert "٦" not in norm.text and "6.34%" in norm.text
    i = norm.text.index("6.34%")
    s, e = norm.span_to_raw(i, i + 5)
    assert raw[s:e] == "٦٫٣٤٪"
    q = marsad.extract(raw).quantities[0]
    assert (q.kind, q.value, raw[q.start:q.end]) == ("percent", 6.34, "٦٫٣٤٪")


def test_trailing_diacritics_stay_with_their_word():
    raw = "بلغ 5 مليارات دولاراً"
    q = marsad.extract(raw).quantities[0]
    assert q.text == "5 مليارات دولاراً" and q.unit == "USD"


def test_language_detection():
    assert detect_lang("أعلنت شركة Nvidia عن نتائجها") == "ar"
    assert detect_lang("Nvidia said revenue rose 56% (إنفيديا)") == "en"
    assert detect_lang("12345 %%%") == "en"
