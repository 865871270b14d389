"""Analyst views (extractors/opinions.py): an analyst's, research firm's or broker's view of a company.
Not scored by the evaluation, but shown to users, so a bank speaking for itself is no view."""
from __future__ import annotations

import pytest

import marsad


def views(text: str) -> list[tuple[str, str]]:
    return [(e.args["source"], e.args["subject"]) for e in marsad.extract(text).events if e.type == "analyst_view"]


@pytest.mark.parametrize("text, source, subject", [
    ("Cigna shares rose 2 percent. Goldman Sachs analyst Matthew Borsch said in a research note that Cigna needed to "
     "target higher health earnings.", "Goldman Sachs", "Cigna"),
    ("Cisco shares fell 3.8 percent after Merrill Lynch downgraded the network equipment maker to neutral from buy.",
     "Merrill Lynch", "Cisco Systems"),
    ("ارتفع سهم سابك 2%. وقالت الراجحي المالية في مذكرة بحثية إن أرباح سابك ستتحسن في الربع المقبل.",
     "Al Rajhi Capital", "SABIC"),
])
def test_a_bank_or_broker_is_a_source_when_an_analyst_speaks(text, source, subject):
    assert views(text) == [(source, subject)]


@pytest.mark.parametrize("text", [
    # a bank on its own business
    "Bank of America Corp said it is ready to settle federal and state probes into the marketing of securities.",
    "Diamond was ousted in July 2012 after Barclays was fined for rigging Libor interest rates, Barclays said.",
    "وقال نائب الرئيس التنفيذي في بنك الرياض إن جائزة كتاب العام باتت من أبرز برامج البنك.",
    # a bank named in a sentence someone else speaks, with no analyst in it
    "Sallie Mae said two private equity funds, J.C. Flowers and Bank of America, would invest $4.4 billion.",
    "قال بنك أوف أميركا ميريل لينش إن مستثمرين سحبوا 2.8 مليار دولار من الأسواق الناشئة الأسبوع الماضي.",
])
def test_a_bank_speaking_for_itself_is_no_view(text):
    assert views(text) == []
