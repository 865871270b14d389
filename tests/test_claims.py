"""Claims: one figure counted once, reconciled within and across articles, conflicts shown with both
sources; aggregates (leaderboard, moves, company pages, timelines) built from claims, on DuckDB and
PostgreSQL. Each wrong fact of issue 10 has a synthetic case of the same shape here or in test_checks.
"""
from __future__ import annotations

import pytest

from marsad import claims as C
from marsad.model import Document, Entity, Event, Facts, Quantity
from marsad.store.claims import by_company_rows

REF = [{"name": "fx", "status": "pass", "reason": "converted at the reference rate of 2025 (0.1391 USD per CNY)"}]
FAIL = [{"name": "magnitude", "status": "fail", "reason": "too small"}]


def row(doc, idx, type="investment", subject="Alibaba Group", usd=None, value=None, currency="USD",
        qualifier=None, date="2025-02-24", evidence=None, span=None, checks=(), topics=("ai",), **kw):
    r = {"doc": doc, "idx": idx, "type": type, "subject": subject, "subject_id": kw.pop("subject_id", None),
         "usd": usd, "value": value if value is not None else usd, "currency": currency, "qualifier": qualifier,
         "date": date, "evidence": evidence or f"sentence {doc}-{idx}", "span": span or [idx * 100, idx * 100 + 90],
         "amount_span": kw.pop("amount_span", [idx * 100 + 10, idx * 100 + 20]), "checks": list(checks),
         "topics": [{"topic": t, "evidence": [t], "via": "sentence"} for t in topics], "source": f"src{doc}",
         "title": f"title {doc}", "dup_of": None}
    r.update(kw)
    return r


def test_one_article_one_commitment_stated_three_ways_is_one_claim():
    # «أكثر من 50 مليار دولار» ... «أكثر من 380 مليار يوان (53 مليار دولار)» ... «380 مليار يوان» (reference rate)
    rows = [row(1, 0, usd=50e9, qualifier="more_than"),
            row(1, 1, usd=53e9, value=380e9, currency="CNY", qualifier="more_than"),
            row(1, 2, usd=54.3e9, value=380e9, currency="CNY", checks=REF)]
    claims = C.build(rows)
    assert len(claims) == 1
    c = claims[0]
    assert c["usd"] == 53e9 and 50e9 <= c["low_usd"] <= 53e9 <= c["high_usd"] <= 60e9
    assert len(c["sources"]) == 3 and c["reports"] == 1  # every span is evidence; one article


def test_reports_in_several_articles_are_one_claim_with_every_source():
    rows = [row(1, 0, usd=50e9, qualifier="more_than", date="2025-02-25"),
            row(2, 0, usd=53e9, value=380e9, currency="CNY", date="2025-02-24"),
            row(3, 0, usd=53e9, date="2025-09-24", lang="ar")]
    (c,) = C.build(rows)
    assert c["reports"] == 3 and c["first_reported"] == "2025-02-24" and c["usd"] == 53e9
    assert not c.get("conflicts_with")  # ">$50 bn" and "$53 bn" agree


def test_disagreeing_reports_are_a_conflict_with_both_sources():
    rows = [row(1, 0, subject="Microsoft", usd=80e9, date="2025-01-03",
                evidence="Microsoft will spend $80 billion on Azure data centers in Wisconsin this year."),
            row(2, 0, subject="Microsoft", usd=100e9, date="2025-01-04",
                evidence="Microsoft plans $100 billion of Azure spending in Wisconsin, a source said.")]
    claims = C.build(rows)
    assert len(claims) == 2
    (x,) = C.conflicts(claims)
    assert {x["value_a"], x["value_b"]} == {80e9, 100e9}
    assert {s["doc"] for s in x["sources_a"] + x["sources_b"]} == {1, 2}


def test_figures_about_different_things_are_not_a_conflict():
    rows = [row(1, 0, subject="Google", usd=900e6, evidence="Google bid $900 million for Nortel patents."),
            row(2, 0, subject="Google", usd=750e6, evidence="Google invested $750 million in Groupon rival.")]
    assert C.conflicts(C.build(rows)) == []


def test_different_commitments_far_apart_are_not_a_conflict():
    rows = [row(1, 0, subject="Microsoft", usd=80e9), row(2, 0, subject="Microsoft", usd=1e9)]
    assert len(C.build(rows)) == 2 and C.conflicts(C.build(rows)) == []


def test_one_article_stating_two_values_is_not_a_conflict():
    rows = [row(1, 0, subject="Microsoft", usd=80e9), row(1, 1, subject="Microsoft", usd=100e9)]
    assert C.conflicts(C.build(rows)) == []


def test_close_and_intraday_are_different_measures_not_a_conflict():
    mv = dict(type="stock_move", usd=None, date="2025-09-24")
    rows = [row(1, 0, change_pct=6.34, measure="close", **mv), row(2, 0, change_pct=7.8, measure="intraday", **mv)]
    claims = C.build(rows)
    assert len(claims) == 2 and C.conflicts(claims) == []
    same = [row(1, 0, change_pct=6.34, measure="close", **mv), row(2, 0, change_pct=7.8, measure="close", **mv),
            row(3, 0, change_pct=6.3, measure="close", **mv)]
    claims = C.build(same)
    assert len(claims) == 2 and len(C.conflicts(claims)) == 1
    assert max(c["reports"] for c in claims) == 2  # 6.34% and 6.3% agree


def test_both_ends_of_a_range_are_one_figure():
    ev = "capital spending of $38 billion to $42 billion in 2025"
    rows = [row(1, 0, subject="TSMC", usd=38e9, qualifier="range_from", evidence=ev, span=[0, 60]),
            row(1, 1, subject="TSMC", usd=42e9, qualifier="range_to", evidence=ev, span=[0, 60])]
    (c,) = C.build(rows)
    assert c["low_usd"] == 38e9 and c["high_usd"] == 42e9 and c["usd"] == 40e9
    assert c["as_stated"].startswith("38 bn–42 bn")


def test_two_facts_that_round_to_the_same_amount_are_not_merged():
    ev = "Microsoft will invest $1 billion in Kenya and $1 billion in India."
    rows = [row(1, 0, subject="Microsoft", usd=1e9, evidence=ev, span=[0, 66], amount_span=[25, 35]),
            row(1, 1, subject="Microsoft", usd=1e9, evidence=ev, span=[0, 66], amount_span=[45, 55])]
    assert len(C.build(rows)) == 2


def test_parts_go_with_their_total():
    part = [{"name": "parts", "status": "warn", "reason": "part", "part_of": [300, 310]}]
    rows = [row(1, 0, subject="Microsoft", usd=7.3e9, checks=part), row(1, 1, subject="Microsoft", usd=7.9e9,
                                                                         checks=part),
            row(1, 3, subject="Microsoft", usd=15.2e9, amount_span=[300, 310])]
    (c,) = C.build(rows)
    assert c["usd"] == 15.2e9 and len(c["parts"]) == 2


def test_flagged_facts_are_left_out_unless_asked():
    rows = [row(1, 0, subject="Qualcomm", usd=130, checks=FAIL), row(2, 0, usd=53e9)]
    assert [c["subject"] for c in C.build(rows)] == ["Alibaba Group"]
    flagged = [c for c in C.build(rows, include_flagged=True) if c["flagged"]]
    assert [c["subject"] for c in flagged] == ["Qualcomm"]


def test_a_joint_claim_is_not_credited_in_full_to_one_member():
    rows = [row(1, 0, subject="SoftBank Group + OpenAI + Oracle", usd=500e9), row(2, 0, subject="Oracle", usd=40e9)]
    claims = C.build(rows)
    assert {c["joint"] for c in claims} == {True, False}
    ranking = {r["company"]: r for r in by_company_rows(claims, 10)}
    assert ranking["Oracle"]["total_usd"] == 40e9 and ranking["Oracle"]["joint_usd"] == 500e9
    assert "SoftBank Group" not in ranking  # only joint claims: not ranked on them


def test_governments_and_agencies_are_typed():
    rows = [row(1, 0, subject="US government", subject_id="us_government", usd=500e9),
            row(2, 0, subject="Reuters", subject_id="reuters", usd=10e9)]
    assert {c["subject_kind"] for c in C.build(rows)} == {"government", "news_agency"}
    assert not any(c["is_company"] for c in C.build(rows))


# --- through the store (DuckDB and PostgreSQL) ---------------------------------------------------
def _doc(doc_id, text, lang, date, ents, evs, qs=(), source="wire"):
    f = Facts(doc_id=doc_id, lang=lang, text=text, extractors={"test": "1"})
    for name, surface, kb_id in ents:
        i = text.index(surface)
        f.entities.append(Entity(name, "ORG", [(i, i + len(surface))], kb_id=kb_id, extractor="t"))
    for typ, args in evs:
        f.events.append(Event(typ, 0, len(text), args, extractor="t"))
    for kind, surface, value, unit, usd in qs:
        i = text.index(surface)
        f.quantities.append(Quantity(kind, value, unit, i, i + len(surface), surface, usd=usd, extractor="t"))
    return Document(doc_id, text, lang, source=source, title=f"title {doc_id}", published_at=date), f


def _ai():
    return [{"topic": "ai", "evidence": ["ai"], "via": "sentence"}]


def _corpus():
    ok = [{"name": "magnitude", "status": "pass", "reason": "plausible"}]
    bad = [{"name": "attribution", "status": "fail", "reason": "a package's total"}]
    yield _doc("ar-1", "أعلنت علي بابا استثمار أكثر من 50 مليار دولار في الذكاء الاصطناعي، وارتفع سهمها 6.34% ليغلق "
                       "عند 169.4 دولار.", "ar", "2025-09-24",
               [("Alibaba Group", "علي بابا", "alibaba")],
               [("investment", {"subject": "Alibaba Group", "subject_id": "alibaba", "usd": 50e9, "value": 50e9,
                                "currency": "USD", "qualifier": "more_than", "checks": ok, "topics": _ai()}),
                ("stock_move", {"subject": "Alibaba Group", "subject_id": "alibaba", "change_pct": 6.34,
                                "measure": "close", "checks": ok, "topics": _ai()})], source="argaam")
    yield _doc("en-1", "Alibaba will spend 380 billion yuan ($53 billion) on AI; its shares rose 7.8% intraday.",
               "en", "2025-09-24", [("Alibaba Group", "Alibaba", "alibaba")],
               [("investment", {"subject": "Alibaba Group", "subject_id": "alibaba", "usd": 53e9, "value": 380e9,
                                "currency": "CNY", "checks": ok, "topics": _ai()}),
                ("stock_move", {"subject": "Alibaba Group", "subject_id": "alibaba", "change_pct": 7.8,
                                "measure": "intraday", "checks": ok, "topics": _ai()})])
    yield _doc("ar-2", "وتعهدت داتافولت باستثمار 20 مليار دولار في مراكز بيانات الذكاء الاصطناعي، ضمن حزمة بقيمة 600 "
                       "مليار دولار.", "ar", "2025-05-14", [("DataVolt", "داتافولت", "datavolt")],
               [("investment", {"subject": "DataVolt", "subject_id": "datavolt", "usd": 20e9, "value": 20e9,
                                "currency": "USD", "checks": ok, "topics": _ai()}),
                ("investment", {"subject": "DataVolt", "subject_id": "datavolt", "usd": 600e9, "value": 600e9,
                                "currency": "USD", "checks": bad, "topics": _ai()})])
    yield _doc("en-2", "Reuters said the US government will invest $500 billion in AI. Reuters reported it.", "en",
               "2025-05-15", [("Reuters", "Reuters", "reuters"), ("US government", "US government", "us_government")],
               [("investment", {"subject": "US government", "subject_id": "us_government", "usd": 500e9,
                                "value": 500e9, "currency": "USD", "checks": ok, "topics": _ai()})])


@pytest.fixture
def loaded(store):
    for d, f in _corpus():
        store.add_facts(d, f)
    return store


def test_store_leaderboard_counts_each_commitment_once(loaded):
    rows = loaded.investments()
    assert [(r["company"], r["usd"]) for r in rows] == [("Alibaba Group", 53e9), ("DataVolt", 20e9)]
    ali = rows[0]
    assert ali["reports"] == 2 and 50e9 <= ali["usd"] <= 56e9
    by = loaded.investments(by_company=True)
    assert [(r["company"], r["total_usd"]) for r in by] == [("Alibaba Group", 53e9), ("DataVolt", 20e9)]
    flagged = loaded.investments(include_flagged=True)
    assert 600e9 in [r["usd"] for r in flagged]  # kept, shown when asked


def test_store_moves_claims_and_conflicts(loaded):
    moves = loaded.moves(sort="change")
    assert [(m["company"], m["change_pct"], m["measure"]) for m in moves] == [
        ("Alibaba Group", 7.8, "intraday"), ("Alibaba Group", 6.34, "close")]
    assert loaded.conflicts() == []  # close and intraday: different measures
    claims = loaded.claims(type="investment", include_flagged=True)
    assert len(claims) == 4 and all(c["sources"] for c in claims)
    assert loaded.claims(company="علي بابا", type="investment")[0]["reports"] == 2


def test_store_companies_kinds_aliases_search_and_counts_agree(loaded):
    names = [c["name"] for c in loaded.companies()]
    assert "Reuters" not in names and "US government" not in names and "Alibaba Group" in names
    every = {c["name"]: c["kind"] for c in loaded.companies(kind="all")}
    assert every["Reuters"] == "news_agency" and every["US government"] == "government"
    assert [c["name"] for c in loaded.companies(q="علي بابا")] == ["Alibaba Group"]
    ali = next(c for c in loaded.companies() if c["name"] == "Alibaba Group")
    assert ali["events"] == loaded.entity("Alibaba Group")["events"] == loaded.company("alibaba")["events"]
    tl = loaded.timeline("Alibaba Group")
    assert [t["type"] for t in tl].count("investment") == 1


def test_api_claims_and_conflicts(store_url):
    from fastapi.testclient import TestClient

    from marsad.api import create_app
    from marsad.store import open_store

    with open_store(store_url) as s:
        for d, f in _corpus():
            s.add_facts(d, f)
    client = TestClient(create_app(store_url, allowed_hosts=["testserver"]))
    claims = client.get("/api/claims", params={"type": "investment"}).json()
    assert [c["subject"] for c in claims] == ["US government", "Alibaba Group", "DataVolt"]
    assert client.get("/api/conflicts").json() == []
    assert client.get("/api/moves", params={"sort": "change"}).json()[0]["change_pct"] == 7.8
    assert [r["company"] for r in client.get("/api/investments", params={"topic": "all"}).json()] == [
        "Alibaba Group", "DataVolt"]
    page = client.get("/conflicts")
    assert page.status_code == 200 and "every source agrees" in page.text


def test_a_joint_event_from_the_extractor_is_stored_joined_and_not_credited_to_one(store):
    """The events step may give ``subject`` as a list of names (a joint event): the checks accept it,
    the store's subject column holds the names joined, and rankings do not credit it to one member."""
    from marsad.extractors import checks

    text = "SoftBank, OpenAI and Oracle will invest $500 billion in AI data centres through Stargate."
    f = Facts(doc_id="joint", lang="en", text=text, extractors={"test": "1"})
    for name, kb in (("SoftBank Group", "softbank"), ("OpenAI", "openai"), ("Oracle", "oracle")):
        surface = name.split()[0]
        i = text.index(surface)
        f.entities.append(Entity(name, "ORG", [(i, i + len(surface))], kb_id=kb, extractor="t"))
    i = text.index("$500 billion")
    f.quantities.append(Quantity("money", 500e9, "USD", i, i + 12, "$500 billion", usd=500e9, extractor="t"))
    f.events.append(Event("investment", 0, len(text), {
        "subject": ["SoftBank Group", "OpenAI", "Oracle"], "subject_id": ["softbank", "openai", "oracle"],
        "usd": 500e9, "value": 500e9, "currency": "USD", "amount_span": [i, i + 12], "confidence": 0.9},
        extractor="t", text=text))
    checks.run(f, None, Document("joint", text, "en", published_at="2025-01-21"))
    assert not checks.flagged(f.events[0].args["checks"])
    store.add_facts(Document("joint", text, "en", published_at="2025-01-21"), f)
    assert store.sql("SELECT subject FROM events").rows[0][0] == "SoftBank Group + OpenAI + Oracle"
    rows = store.investments(topic="all")
    assert [r["company"] for r in rows] == ["SoftBank Group + OpenAI + Oracle"] and rows[0]["kind"] == "joint"
    by = store.investments(topic="all", by_company=True)
    assert by == []  # nobody is credited the joint $500 bn in full


def test_the_same_move_reported_with_and_without_its_measure_is_one_claim():
    mv = dict(type="stock_move", usd=None, date="2012-10-03", subject="Kraft Foods Group")
    rows = [row(1, 0, change_pct=29.0, measure="intraday", **mv), row(2, 0, change_pct=29.0, measure="unspecified", **mv)]
    (c,) = C.build(rows)
    assert c["reports"] == 2 and c["measure"] == "intraday"


def test_reports_years_apart_of_one_multi_year_plan_are_one_claim():
    """"$23 billion from 2004 through 2010" (2005) and "$22.9 billion from 2004 through 2010" (2008)."""
    rows = [row(1, 0, subject="Verizon", usd=23e9, date="2005-06-01",
                evidence="Verizon plans to invest $23 billion from 2004 through 2010."),
            row(2, 0, subject="Verizon", usd=22.9e9, date="2008-03-01",
                evidence="Verizon is spending $22.9 billion from 2004 through 2010.")]
    assert len(C.build(rows)) == 1


def test_figures_years_apart_without_one_plan_stay_apart():
    rows = [row(1, 0, subject="Verizon", usd=23e9, date="2005-06-01", evidence="Verizon will spend $23 billion in 2005."),
            row(2, 0, subject="Verizon", usd=22.9e9, date="2008-03-01", evidence="Verizon will spend $22.9 billion in 2008.")]
    assert len(C.build(rows)) == 2


def test_one_session_reported_on_two_days_is_one_claim():
    """"soared 31.7% on Thursday" (Thursday's story) and "soared more than 30% on Thursday" (Friday's)."""
    rows = [row(1, 0, type="stock_move", subject="Wells Fargo", change_pct=31.7, date="2009-04-09", weekday="thu"),
            row(2, 0, type="stock_move", subject="Wells Fargo", change_pct=31.5, date="2009-04-10", weekday="thu")]
    claims = C.build(rows)
    assert len(claims) == 1 and claims[0]["date"] == "2009-04-09" and claims[0]["reports"] == 2


def test_a_debut_is_one_claim_whenever_it_is_reported():
    rows = [row(1, 0, type="stock_move", subject="Tesla", change_pct=40.5, date="2010-06-29", period="debut"),
            row(2, 0, type="stock_move", subject="Tesla", change_pct=40.6, date="2010-12-27", period="debut")]
    claims = C.build(rows)
    assert len(claims) == 1 and claims[0]["date"] == "2010-06-29"


def test_moves_of_different_sessions_stay_apart():
    rows = [row(1, 0, type="stock_move", subject="Wells Fargo", change_pct=31.7, date="2009-04-09", weekday="thu"),
            row(2, 0, type="stock_move", subject="Wells Fargo", change_pct=31.7, date="2009-04-10", weekday="fri")]
    assert len(C.build(rows)) == 2


def test_a_companys_spending_in_one_year_is_one_leaderboard_row():
    """A plan and the year's actual ("pledged to spend $37 billion this year", 2012; "In 2012, Exxon
    spent a record $40 billion") rank once; another year's figure and a targeted investment stay."""
    from marsad.store.claims import one_per_company_year

    rows = [row(1, 0, subject="Exxon", usd=40e9, date="2013-02-01", evidence="In 2012, Exxon spent a record $40 billion."),
            row(2, 0, subject="Exxon", usd=37e9, date="2012-05-01", evidence="Exxon pledged to spend a record $37 billion this year."),
            row(3, 0, subject="Exxon", usd=41e9, date="2013-02-01", evidence="Exxon plans to spend $41 billion in 2013."),
            row(4, 0, subject="Exxon", usd=5e9, date="2012-05-01", evidence="Exxon will invest $5 billion in Papua New Guinea LNG.",
                target="Papua New Guinea LNG")]
    claims = sorted(C.build(rows), key=lambda c: -c["usd"])
    ranked = one_per_company_year(claims)
    assert sorted(c["usd"] for c in ranked) == [5e9, 40e9, 41e9]


def test_moves_list_has_one_row_per_company_and_session_besides_the_close():
    from marsad.store.claims import move_rows

    rows = [row(1, 0, type="stock_move", subject="TOM Group", change_pct=55, date="2007-12-03", measure="intraday"),
            row(2, 0, type="stock_move", subject="TOM Group", change_pct=48, date="2007-12-03"),
            row(3, 0, type="stock_move", subject="TOM Group", change_pct=40, date="2007-12-03", measure="close"),
            row(4, 0, type="stock_move", subject="TOM Group", change_pct=12, date="2007-12-04")]
    out = move_rows(C.build(rows), sort="change")
    # the day's close (40%) and the figure of no stated measure (48%) are one row; the intraday
    # high stays apart; another day is another row
    assert [(r["change_pct"], r["reports"]) for r in out] == [(55, 1), (48, 2), (12, 1)]


def test_restated_costs_of_one_named_project_rank_once():
    from marsad.store.claims import one_per_company_year

    rows = [row(1, 0, subject="Verizon", usd=23e9, date="2007-01-01",
                evidence="Verizon plans to invest $23 billion from 2004 through 2010 to build the FiOS network."),
            row(2, 0, subject="Verizon", usd=20e9, date="2008-06-10", qualifier="more_than",
                evidence="Verizon could expand FiOS, a network that will cost more than $20 billion to build."),
            row(3, 0, subject="Verizon", usd=18e9, date="2005-03-01",
                evidence="Verizon plans to invest $18 billion from 2004 through 2010 to build the FiOS network."),
            row(4, 0, subject="Verizon", usd=17.5e9, date="2007-01-01",
                evidence="Verizon forecast capital spending of $17.5 billion in 2007.")]
    ranked = one_per_company_year(sorted(C.build(rows), key=lambda c: -c["usd"]))
    assert sorted(c["usd"] for c in ranked) == [17.5e9, 23e9]


def test_a_deals_price_reported_weeks_apart_is_no_conflict():
    # Microsoft's $44.6 bn offer (Feb 1) and its raised $47.5 bn offer (May 5): two offers, not a dispute
    deal = dict(type="acquisition", subject="Microsoft", target="Yahoo", topics=())
    rows = [row(1, 0, usd=44.6e9, date="2008-02-01", **deal), row(2, 0, usd=47.5e9, date="2008-05-05", **deal)]
    assert C.conflicts(C.build(rows)) == []
    # the same week, two prices for the same deal do disagree
    rows = [row(1, 0, usd=44.6e9, date="2008-02-01", **deal), row(2, 0, usd=40e9, date="2008-02-03", **deal)]
    assert len(C.conflicts(C.build(rows))) == 1


def test_a_range_and_a_value_inside_it_or_a_rounding_agree():
    deal = dict(type="acquisition", subject="Hewlett-Packard", target="EDS", topics=())
    rows = [row(1, 0, usd=12e9, qualifier="range_from", date="2008-05-12", **deal),
            row(1, 1, usd=13e9, qualifier="range_to", date="2008-05-12", **deal),
            row(2, 0, usd=13e9, date="2008-05-13", **deal)]
    claims = C.build(rows)
    assert C.conflicts(claims) == []
    rows = [row(1, 0, usd=47e9, date="2008-05-05", **deal), row(2, 0, usd=47.5e9, date="2008-05-06", **deal)]
    assert C.conflicts(C.build(rows)) == []


def test_a_lower_bound_is_not_contradicted_by_a_higher_value():
    # "talks ... for at least $38.25 billion in stock" (Sunday), "$50 billion all-stock deal" (Monday)
    deal = dict(type="acquisition", subject="Bank of America", target="Merrill Lynch", topics=())
    rows = [row(1, 0, usd=38.25e9, qualifier="at_least", date="2008-09-14", **deal),
            row(2, 0, usd=50e9, date="2008-09-15", **deal)]
    assert C.conflicts(C.build(rows)) == []
    rows = [row(1, 0, usd=38.25e9, date="2008-09-14", **deal), row(2, 0, usd=50e9, date="2008-09-15", **deal)]
    assert len(C.conflicts(C.build(rows))) == 1
