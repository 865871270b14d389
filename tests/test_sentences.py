"""Sentence boundaries (marsad.extractors.sentences): abbreviations keep a sentence whole,
a slash-joined acronym ends one."""
from marsad.extractors import sentences


def _texts(text: str) -> list[str]:
    return [text[s:e] for s, e in sentences.split(text)]


def test_abbreviations_do_not_end_a_sentence():
    text = "Shares of Apple Inc. rose in the U.S. market. Mr. Cook spoke."
    assert _texts(text) == ["Shares of Apple Inc. rose in the U.S. market.", "Mr. Cook spoke."]


def test_company_suffix_before_a_sentence_opener_ends_a_sentence():
    # review32: "KLA Tencor Corp. Revenue fell" ran on, and the revenue went to the rival named last
    text = "The company's rivals include KLA Tencor Corp. Revenue fell to $2.15 billion. It bought Foo Co. On Monday it said so."
    assert _texts(text) == ["The company's rivals include KLA Tencor Corp.", "Revenue fell to $2.15 billion.",
                            "It bought Foo Co.", "On Monday it said so."]


def test_company_suffix_before_a_title_or_a_suffix_does_not_end_a_sentence():
    # negatives: a title or another suffix after the period goes on the name
    assert _texts("said Apple Inc. Chief Executive Tim Cook. Samsung Electronics Co. Ltd. said so.") == [
        "said Apple Inc. Chief Executive Tim Cook.", "Samsung Electronics Co. Ltd. said so."]


def test_single_capital_initial_does_not_end_a_sentence():
    assert _texts("Warren E. Buffett spoke. It gained.") == ["Warren E. Buffett spoke.", "It gained."]


def test_slash_acronym_ends_a_sentence():
    text = "Analysts expected 70 cents, according to Thomson Reuters I/B/E/S. Sales fell 2 percent."
    assert _texts(text) == ["Analysts expected 70 cents, according to Thomson Reuters I/B/E/S.", "Sales fell 2 percent."]


def test_spans_cover_the_text_in_order():
    text = "One. Two!  Three?\n\nFour"
    spans = sentences.split(text)
    assert [text[s:e] for s, e in spans] == ["One.", "Two!", "Three?", "Four"]
    assert all(a[1] <= b[0] for a, b in zip(spans, spans[1:]))


def test_period_glued_to_the_next_arabic_word_ends_a_sentence():
    text = "إلى 146.2 مليون درهم 39.8 مليون دولار.وزاد سهم موانئ دبي 1.3%.وفي قطر انخفض المؤشر."
    assert _texts(text) == ["إلى 146.2 مليون درهم 39.8 مليون دولار.", "وزاد سهم موانئ دبي 1.3%.", "وفي قطر انخفض المؤشر."]


def test_arabic_initials_and_letter_names_keep_a_sentence_whole():
    text = "وقال د.أنور إن سهم سي.إف ارتفع 1.3 بالمئة."
    assert _texts(text) == [text]
