"""USD normalisation: a conversion stated in the text wins, else the reference table by year."""
from __future__ import annotations

import pytest

import marsad
from marsad import fx


def money(facts, unit):
    return next(q for q in facts.quantities if q.kind == "money" and q.unit == unit)


def test_stated_conversion_wins_and_is_recorded():
    f = marsad.extract("تقضي الخطة بإنفاق أكثر من 380 مليار يوان (53 مليار دولار) على مدى ثلاث سنوات")
    cny = money(f, "CNY")
    assert cny.usd == 53e9 and cny.fx["method"] == "stated"
    assert cny.fx["rate"] == pytest.approx(53 / 380)


def test_reverse_conversion_marks_the_restated_figure():
    f = marsad.extract("Microsoft will invest $15.2 billion (55.8 billion dirhams) in the UAE.")
    aed = money(f, "AED")
    assert aed.usd == 15.2e9 and aed.fx["role"] == "conversion"
    assert [e.args["value"] for e in f.events if e.type == "investment"] == [15.2e9]


def test_reference_rate_by_publication_year_with_its_source():
    f = marsad.extract("Aramco will invest 10 billion riyals in data centres.", published_at="2024-05-01")
    sar = money(f, "SAR")
    rate, year, source = fx.rate("SAR", 2024)
    assert sar.usd == pytest.approx(10e9 * rate) and year == 2024
    assert sar.fx == {**sar.fx, "method": "reference", "year": 2024, "source": source}


def test_without_a_date_the_latest_year_is_used_and_said():
    f = marsad.extract("Baidu will spend 10 billion yuan on Ernie.")
    cny = money(f, "CNY")
    assert cny.fx["year"] == fx.latest_year() and "no publication date" in cny.fx["year_basis"]


def test_unknown_currency_year_falls_back_to_the_nearest_year():
    r_1995, used, _ = fx.rate("CNY", 1995)
    assert used == 2000 and r_1995 == fx.rate("CNY", 2000)[0]
    r_2040, used, _ = fx.rate("CNY", 2040)
    assert used == 2026 and r_2040 == fx.rate("CNY", 2026)[0]
    assert fx.rate("XXX", 2020) is None


def test_older_articles_convert_at_the_rate_of_their_year():
    # the euro averaged about $1.29 in 2012 and $1.47 in 2008, not the 2015 rate ($1.11)
    assert 1.25 < fx.rate("EUR", 2012)[0] < 1.33 and fx.rate("EUR", 2012)[1] == 2012
    assert 1.42 < fx.rate("EUR", 2008)[0] < 1.52
    assert fx.rate("SAR", 2008)[0] == fx.rate("SAR", 2020)[0]  # the peg
    f = marsad.extract("Volkswagen plans to invest 62.4 billion euros by 2016.", lang="en",
                       published_at="2012-11-20")
    q = next(q for q in f.quantities if q.kind == "money")
    assert q.fx["year"] == 2012 and 78e9 < q.usd < 83e9
