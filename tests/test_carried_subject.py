"""Names a sentence mentions without being about them are not carried to a later sentence that names
nobody: examples in a list ("businesses like X and Y", «شركات مثل X وY»), an analyst's or fund manager's
employer («مدير المحافظ في شركة X»), a company named inside a quotation."""
from __future__ import annotations

import pytest

import marsad

CASES = [
    ("en", "EBay Inc posted a quarterly loss on Wednesday, and eBay shares rose in late trading. Chief Financial "
           "Officer Bob Swan said growth in lower-margin businesses like Skype and online payments service PayPal "
           "could hurt margins overall.\n\nThird-quarter revenue rose 30 percent to $1.89 billion.", "eBay", "PayPal"),
    ("en", "Nokia reported higher sales on Thursday. Its handsets compete with phones from rivals such as "
           "Samsung.\n\nOperating profit rose 12 percent to 1.5 billion euros.", "Nokia", "Samsung Electronics"),
    ("ar", "أعلنت شركة المراعي نتائجها للربع الثاني، وقالت المراعي إن مبيعاتها نمت. وقال الرئيس التنفيذي إن "
           "المنافسة تشتد من شركات مثل نادك والصافي.\n\nوارتفع صافي الربح 12 في المائة إلى 550 مليون ريال.",
     "Almarai", "National Agricultural Development Company"),
    ("ar", "أعلنت شركة المراعي نتائجها للربع الثاني، وقالت المراعي إن مبيعاتها نمت.\n\nوقال محمد العلي، مدير المحافظ "
           "في شركة الراجحي المالية، إن النتائج جاءت أفضل من المتوقع.\n\nوارتفع صافي الربح 12 في المائة إلى 550 مليون ريال.",
     "Almarai", "Al Rajhi Capital"),
    ("en", "Whirlpool Corp said on Wednesday its quarterly profit fell.\n\n\"Asset management also grew nicely, similar "
           "to Electrolux,\" said one analyst.\n\nFourth-quarter net earnings fell to $109 million.", "Whirlpool", "Electrolux"),
]


@pytest.mark.parametrize("lang, text, owner, example", CASES)
def test_a_figure_after_an_example_list_stays_with_the_story(lang, text, owner, example):
    facts = marsad.extract(text, lang=lang)
    figures = [e for e in facts.events + facts.candidates if e.type == "financial_metric"]
    assert figures and {e.args["subject"] for e in figures} == {owner}


def test_a_name_in_quotation_marks_is_no_quotation():
    text = ('وتراجع المؤشر العام بضغط من أسعار النفط وعودة سهم "موبايلي" إلى التداول. '
            'وأظهرت الشركة خسائر بـ 901 مليون ريال في الربع الثاني.')
    facts = marsad.extract(text, lang="ar")
    figures = [e for e in facts.events + facts.candidates if e.type == "financial_metric"]
    assert figures and {e.args["subject"] for e in figures} == {"Mobily"}


def test_a_company_that_acts_in_its_sentence_is_still_carried():
    facts = marsad.extract("Nokia reported higher sales on Thursday. Samsung said on Friday it would report "
                           "later.\n\nOperating profit rose 12 percent to 1.5 billion euros.", lang="en")
    figures = [e for e in facts.events + facts.candidates if e.type == "financial_metric"]
    assert figures and {e.args["subject"] for e in figures} == {"Samsung Electronics"}
