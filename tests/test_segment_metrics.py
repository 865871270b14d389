"""A segment's figure is labelled as such (``segment_*`` metric, ``scope: segment``), never as the
company's total; the company's own totals keep their plain metric."""
from __future__ import annotations

import pytest

import marsad


def _metrics(text: str, lang: str) -> list[tuple[str, str | None]]:
    facts = marsad.extract(text, lang=lang)
    return [(e.args["metric"], e.args.get("scope")) for e in facts.events + facts.candidates
            if e.type == "financial_metric"]


@pytest.mark.parametrize("lang,text", [
    ("en", "Medical device sales rose 8.8 percent to $5.71 billion, Johnson & Johnson said."),
    ("en", "Dell said server and networking revenue climbed 11 percent to $4.8 billion."),
    ("en", "Apple said iPhone sales rose 18 percent to $54.5 billion."),
    ("ar", "وقالت كيا موتورز إن المبيعات المحلية زادت بنسبة 13.9% إلى 48202 سيارة."),
    ("ar", "وقالت سابك إن أرباح وحدة البتروكيماويات ارتفعت إلى 5 مليارات ريال."),
])
def test_segment_figure_is_labelled(lang, text):
    got = _metrics(text, lang)
    assert got and all(m.startswith("segment_") and scope == "segment" for m, scope in got), got


@pytest.mark.parametrize("lang,text", [
    ("en", "Wal-Mart said net sales rose to $36.97 billion."),
    ("en", "Apple said fourth-quarter revenue rose 18 percent to $54.5 billion."),
    ("en", "Sun Microsystems posted a surprise profit of $126 million."),
    ("en", "Dell's revenue rose 3 percent to $14.4 billion."),
    ("ar", "وارتفع صافي أرباح سابك إلى 6.2 مليار ريال في الربع الثاني."),
])
def test_company_total_keeps_its_metric(lang, text):
    got = _metrics(text, lang)
    assert got and all(not m.startswith("segment_") and scope is None for m, scope in got), got
