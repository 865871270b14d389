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
