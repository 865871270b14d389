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
    r_2010, used, _ = fx.rate("CNY", 2010)
    assert used == 2015 and r_2010 == fx.rate("CNY", 2015)[0]
    assert fx.rate("XXX", 2020) is None
