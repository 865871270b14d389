"""A company renamed since an article was published keeps the name it had then (kb/renames.yaml)."""
from __future__ import annotations

import pytest

import marsad
from marsad import pipeline
from marsad.extractors.asof import name_as_of


@pytest.mark.parametrize("date, expected", [
    ("2007-05-01", "Matsushita Electric Industrial"),
    ("2008-09-30", "Matsushita Electric Industrial"),
    ("2008-10-01", "Panasonic Corp"),          # the renaming day itself has the new name
    ("2012-01-05T09:30:00+00:00", "Panasonic Corp"),
    ("2022-04-01", "Panasonic Holdings"),
    (None, "Panasonic Holdings"),              # no date: today's name
    ("2012", "Panasonic Holdings"),            # not a full date: today's name
])
def test_name_on_a_date(date, expected):
    assert name_as_of("panasonic", "Panasonic Holdings", date) == expected


def test_unrenamed_and_unknown_companies_keep_their_names():
    assert name_as_of("nvidia", "Nvidia", "2001-01-01") == "Nvidia"
    assert name_as_of(None, "Acme Widgets", "2001-01-01") == "Acme Widgets"


@pytest.mark.parametrize("text, lang, date, name", [
    ("Dell said on Tuesday its revenue rose 5 percent to $15 billion.", "en", "2010-05-20", "Dell Inc"),
    ("Hewlett-Packard Co shares fell 3 percent.", "en", "2012-01-05", "Hewlett-Packard"),
    ("وقالت شركة فيسبوك إن أرباحها ارتفعت 20 في المائة.", "ar", "2015-07-30", "Facebook"),
    # renamings the 2006-2013 wire news names by the former name (issue 9, h9ent11)
    ("Walgreen Co shares fell 3 percent.", "en", "2012-01-05", "Walgreen"),
    ("EchoStar Communications Corp shares rose 4 percent.", "en", "2007-03-01", "EchoStar Communications"),
    ("Flextronics shares fell 2 percent.", "en", "2011-06-01", "Flextronics"),
    # the 2006-2010 names of Sirius, British Airways and BusinessWeek (issue 9, h9ent18)
    ("Sirius Satellite Radio Inc shares rose 4 percent.", "en", "2007-02-20", "Sirius Satellite Radio"),
    ("British Airways shares rose 2 percent.", "en", "2007-02-16", "British Airways"),
])
def test_facts_of_an_old_story_use_the_name_of_its_day(text, lang, date, name):
    facts = marsad.extract(text, lang=lang, published_at=date)
    org = next(e for e in facts.entities if e.type == "ORG")
    assert org.name == name and org.kb_id  # the kb id stays (aggregates join old and new stories)
    assert facts.events and all(ev.args["subject"] == name and ev.args["subject_id"] == org.kb_id
                                for ev in facts.events)


@pytest.mark.parametrize("text, lang", [
    ("HP Inc shares fell 3 percent.", "en"),
    ("وقالت شركة فيسبوك إن أرباحها ارتفعت 20 في المائة.", "ar"),
])
def test_a_recent_or_undated_story_uses_todays_name(text, lang):
    for date in ("2024-03-01", None):
        facts = marsad.extract(text, lang=lang, published_at=date)
        org = next(e for e in facts.entities if e.type == "ORG")
        assert "current_name" not in org.attrs
        assert all(ev.args["subject"] == org.name for ev in facts.events)


def test_the_step_is_declared_between_entities_and_events():
    names = [s.name for s in pipeline.STEPS]
    assert names.index("entities") < names.index("names_as_of") < names.index("events")
    assert "kb/renames.yaml" in pipeline.STEP_BY_NAME["names_as_of"].data


def test_the_renamed_entity_keeps_todays_name_beside_the_old_one():
    facts = marsad.extract("Dell said on Tuesday its revenue rose 5 percent.", lang="en", published_at="2010-05-20")
    org = next(e for e in facts.entities if e.type == "ORG")
    assert (org.name, org.kb_id, org.attrs["current_name"]) == ("Dell Inc", "dell", "Dell Technologies")


# Products that changed hands (kb/makers.yaml): a product's figures and its sale belong to the company
# that owned it on the article's date, not to today's maker.
@pytest.mark.parametrize("date, maker", [
    ("2007-10-17", "ebay"), ("2009-11-18", "ebay"),
    ("2009-11-19", None), ("2011-05-10", None),         # a company of its own until Microsoft closed its deal
    ("2011-10-13", "microsoft"), (None, "microsoft"),   # the closing day, and an undated story: today's maker
])
def test_a_products_maker_on_a_date(date, maker):
    from marsad.extractors.asof import maker_as_of
    assert maker_as_of("skype", "microsoft", date) == maker


def test_every_maker_row_names_a_kb_product_and_org():
    from marsad.kb import knowledge_base
    from marsad.lexicon import load_yaml
    kb = knowledge_base()
    for row in load_yaml("kb/makers.yaml", "makers"):
        assert getattr(kb.get(row["product"]), "type", None) == "PRODUCT", row
        assert row["maker"] is None or getattr(kb.get(row["maker"]), "type", None) == "ORG", row


@pytest.mark.parametrize("text, date, etype, key, value", [
    ("Skype had revenue of $98 million in the quarter, up 96 percent from a year earlier.", "2007-10-17",
     "financial_metric", "subject", "eBay"),
    ("Skype made a net loss of $7 million last year on revenue of $860 million.", "2011-05-10",
     "financial_metric", "subject", "Skype"),
    ("Microsoft agreed to buy Internet phone service Skype for $8.5 billion on Tuesday.", "2011-05-10",
     "acquisition", "target", "Skype"),
    ("Facebook agreed to buy Instagram for $1 billion, its biggest deal.", "2012-04-09",
     "acquisition", "target", "Instagram"),
    ("وقالت فيسبوك إنها ستستحوذ على واتساب مقابل 19 مليار دولار.", "2014-02-19", "acquisition", "target", "WhatsApp"),
])
def test_a_product_that_changed_hands_is_read_with_its_owner_of_the_day(text, date, etype, key, value):
    lang = "ar" if any("\u0600" <= ch <= "\u06ff" for ch in text) else "en"
    facts = marsad.extract(text, lang=lang, published_at=date)
    assert any(ev.type == etype and ev.args.get(key) == value for ev in facts.events), \
        [(e.type, e.args.get("subject"), e.args.get(key)) for e in facts.events]


def test_a_product_is_never_taken_over_by_its_later_maker():
    facts = marsad.extract("The charge stemmed from a $1.39 billion write-down on eBay's takeover of Internet "
                           "phone service Skype.", lang="en", published_at="2007-10-17")
    assert not [e for e in facts.events if e.type == "acquisition" and e.args.get("target") == "Microsoft"]


def test_todays_maker_speaks_for_its_product_after_the_deal():
    facts = marsad.extract("Skype had revenue of $98 million in the quarter.", lang="en", published_at="2013-01-05")
    assert [e.args["subject"] for e in facts.events if e.type == "financial_metric"] == ["Microsoft"]


def test_xm_is_no_part_of_sirius_before_their_merger():
    """XM Satellite Radio was Sirius' rival until 2008: a story of 2007 names two companies (issue 9, h9ent18)."""
    facts = marsad.extract("Sirius Satellite Radio Inc. and XM Satellite Radio Holdings Inc. pledged to work with "
                           "regulators, BusinessWeek said.", lang="en", published_at="2007-02-20")
    assert {e.name for e in facts.entities if e.type == "ORG"} == {"Sirius Satellite Radio", "XM Satellite Radio Holdings",
                                                                   "BusinessWeek"}


@pytest.mark.parametrize("date, expected", [("2015-07-26", "Standard & Poor's"), ("2016-04-28", "S&P Global"), (None, "S&P Global")])
def test_the_rating_agency_is_standard_and_poors_before_2016(date, expected):
    """McGraw Hill Financial took the name S&P Global on 2016-04-28 (issue 9, h9ent19)."""
    facts = marsad.extract("وخفضت وكالة «ستاندرد أند بورز» تصنيف ديون روسيا.", lang="ar", published_at=date)
    assert [e.name for e in facts.entities if e.kb_id == "sp_global"] == [expected]
