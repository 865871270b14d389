"""Typed events grounded to their sentence: who did what, for how much.

Within a sentence each money or percentage figure is typed by the nearest cue
before it (stock, metric, investment, forecast, acquisition): the same rule in
every language, the cue words come from ``lang/<lang>/event_cues.yaml``. The
subject is the nearest organisation or person before the figure (people map to
their company), else the document's main subject. Launches, acquisitions and
supply deals are read from their cue verb and the names around it.
"""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from functools import lru_cache

from marsad.extractors import asof, opinions, phrases, roles, sentences, wordscan
from marsad.extractors.phrases import Cue
from marsad import actors
from marsad.kb import OBSERVER_CATEGORIES, KBEntry, knowledge_base
from marsad.lexicon import load_yaml
from marsad.model import Document, Entity, Event, Facts, Quantity
from marsad.normalize import Normalized, fold

NAME = "events"
EXTRACTOR = NAME  # the version is in Facts.extractors (pipeline.Step.version)

AMOUNT_CLASSES = ("stock", "index", "metric", "investment", "forecast", "acquisition", "not_event")
FORECASTERS = {"research_firm", "bank", "broker"}
_TIE_BEFORE, _TIE_AFTER = 120, 60  # characters a supply word's parties stand from it in its clause
_WEAK_BEFORE, _WEAK_AFTER = 32, 16  # the same for a weak supply word ("using"): right before and right after
_OPENER = 12  # characters from a sentence's start within which a phrase is its opening subject
_NEAR_AFTER = 24  # a cue right after a figure ("a $5bn investment") also types it
_CONSENSUS_NEXT = 40  # characters within which the next figure is still the analysts' (", to about $10.75 billion")
# Confidence of an event by how its subject was found (see _Sentence._who).
_CLAUSE_MARK = re.compile("[\u060c\u061b;]")  # ، ؛ ; (punctuation, not words)
_DATELINE = re.compile(r"\s*\)\s*[-\u2013\u2014]")  # "(Reuters) -": a name in brackets before a dash opens a story
# How far back «الشركة» / "the company" may look for a nearer company than the story's subject.
# Measured: resolving to the nearest company within 400 characters lowered events F1 on
# dev/ar (0.77 -> 0.70) and realnews/dev/en (0.32 -> 0.31), so it is off (0) and coreferent
# mentions keep the story's subject, with their own confidence ("coref").
_COREF_REACH = 0
_COREF_INTRO_REACH = 300  # characters after «شركة X» over which an opening verb's «الشركة» is X (_resolve_coref)
# Cue classes that make an event with no figure in the sentence (launches, deals, opinions).
_STANDALONE = {"launch", "acquisition", "deal_by", "offer_verb", "accept_offer", "takeover_offer", "offer", "sale", "acq_noun", "paid", "supplier_noun", "reseller", "makes_for", "made_by", "customer_noun", "supply_customer_first", "supply_supplier_first",
               "supply_link", "regulation", "opinion", "contract"}
# a valuation is a level: a percentage after it is a premium, a return or a move, not its change
_LEVEL_METRICS = frozenset({"valuation", "market_cap"})
_NOT_EVENT_METRICS = {"market_share", "assets_under_management", "dividend", "par_value"}
_STATE_KINDS = {"government", "ministry", "central_bank", "regulator", "multilateral"}
# sources whose forecasts are of others (_observer); brokers and exchanges forecast their own results
# too, and a research firm's market forecast is kept (tests/corpus: "Gartner expects ... $1.5 trillion")
_OUTSIDERS = OBSERVER_CATEGORIES - {"broker", "exchange", "research_firm"}
_SESSION_HORIZONS = frozenset({"intraday", "close"})
_CARRIED_PERIODS = frozenset({"week", "month", "year_to_date", "since_date", "years"})
_RESULTS_GAP = 3  # sentences after a company's named results over which unnamed results stay its own
_STATEMENT_BREAK = re.compile(r"[;؛:]")  # punctuation that ends a statement inside a sentence
_NOT_LISTED = {"regulator", "ministry", "government", "exchange", "index", "news_agency", "multilateral"}
_AMOUNT_TYPES = frozenset({"investment", "financial_metric", "forecast", "stock_move"})
_LOSS_METRICS = frozenset({"net_loss", "operating_loss"})  # losses stated as amounts, never as percentages
# a charge's percentage is its change only when a direction word ties the two ("net charge-offs rose 78
# percent"); otherwise it is a fee rate ("Square charges 2.75 percent per swipe", «رسوم 2%») or another figure
_CHANGE_TIED_METRICS = frozenset({"charge"})
_TOTAL_METRICS = frozenset({"revenue", "profit", "gross_profit", "operating_income"})  # a company's totals, unlike a segment's
_OUTLOOK_METRICS = frozenset({"revenue", "profit", "gross_profit", "operating_income", "net_loss", "operating_loss", "orders"})  # results ahead
_NOT_CUSTOMERS = frozenset({"index", "news_agency", "research_firm", "regulator"})
_SOURCES = OBSERVER_CATEGORIES - {"broker"}  # a broker that names no analyst is a company like any other
_NOT_DEALERS = {"regulator", "ministry", "government", "index", "news_agency", "research_firm", "multilateral"}
_HOW = {"loose": 0.5, "hearsay": 0.45, "not_maker": 0.5, "analyst_view": 0.45, "carried_main": 0.65, "carried_results": 0.6, "joint_state": 0.4, "carried_anaphor": 0.7, "coref": 0.65, "governed": 0.9, "explicit": 0.85, "coordinated": 0.8, "nearest": 0.7, "carried": 0.55,
        "main": 0.5, "maker": 0.6,
        "recipient_named": 0.45}


@dataclass(slots=True)
class Ment:
    start: int
    end: int
    ent: Entity
    coref: bool = False


@lru_cache(maxsize=None)
def _automaton(lang: str):
    data = load_yaml(f"lang/{lang}/event_cues.yaml", "event_cues")
    triples = []
    grouped = {"metrics": "metric", "regulation_actions": "regulation"}
    for cls, words in data.items():
        if isinstance(words, dict):
            for sub, ws in words.items():
                triples += [(w, grouped.get(cls, cls), sub) for w in ws]
        else:
            triples += [(w, cls, None) for w in words]
    return phrases.build(triples)


def run(facts: Facts, norm: Normalized, doc: Document) -> None:
    """Add typed events to ``facts.events``."""
    cues_all = phrases.find(norm.text, _automaton(facts.lang), wordscan.hits(norm.text, facts.lang, "event_cues"))
    if not norm.is_identity():  # else the offsets are the raw text's already (cues are never empty)
        for c in cues_all:
            c.start, c.end = norm.span_to_raw(c.start, c.end)
    kept = _outermost(cues_all)
    if len(kept) < len(cues_all):  # the goods inside a supplier's phrase ("chips" in "make chips for") are still goods
        ids = {id(c) for c in kept}
        goods = [c for c in cues_all if c.cls == "supply_object" and id(c) not in ids]
        kept = sorted(kept + goods, key=lambda c: (c.start, -c.end)) if goods else kept
    cues_all = kept
    # "investment fund Mithras Capital": a spending noun that names a kind of firm is no trigger
    compound = roles.patterns(facts.lang).trigger_compound
    cues_all = [c for c in cues_all if not (c.cls == "investment" and compound.match(facts.text[c.end:c.end + 40]))]
    # «ضم لاعبين بتكلفة إجمالية بلغت 52 مليون جنيه»: a cost is a spending plan only for something built
    cost, project = roles.patterns(facts.lang).cost_cue, roles.patterns(facts.lang).cost_project
    cues_all = [c for c in cues_all if not (c.cls == "investment" and cost.match(facts.text, c.start)
                                            and not project.search(facts.text, max(0, c.start - 80), c.start))]
    # "loans the bank doesn't expect to be repaid": a negated expectation states no forecast
    neg_ends = {c.end for c in cues_all if c.cls == "negation"}
    cues_all = [c for c in cues_all if not (c.cls == "forecast" and not neg_ends.isdisjoint(range(c.start - 2, c.start + 1)))]
    # "following the earnings report": a result word that names an occasion types no figure
    occasion = roles.patterns(facts.lang).metric_compound
    cues_all = [c for c in cues_all if not (c.cls == "metric" and occasion.match(facts.text[c.end:c.end + 24]))]
    # "He earned $150,000 in 2010": a result verb whose subject is a person is pay, not a company's result
    person = roles.patterns(facts.lang).metric_person_before
    cues_all = [c for c in cues_all if not (c.cls == "metric" and person.search(facts.text, max(0, c.start - 30), c.start))]
    # "Chief Executive Paul Otellini earned $12.1 million": a result word right after a person is pay
    person_ends = {e for ent in facts.entities if ent.type == "PERSON" for _, e in ent.mentions}
    if person_ends:
        cues_all = [c for c in cues_all if not (c.cls == "metric" and _after_person(facts.text, c.start, person_ends))]
    # "a taxpayer-funded bailout", "state-funded": a spending word inside a hyphened adjective is no trigger
    cues_all = [c for c in cues_all if not (c.cls == "investment" and facts.text[c.start - 1:c.start] == "-")]
    # «مترو الأنفاق», "spent nuclear fuel": the raw text spells another word that folds to the cue
    homograph = roles.patterns(facts.lang).trigger_homograph
    cues_all = [c for c in cues_all if not homograph.match(facts.text, c.start, c.end + 24)]
    # "CAUTIOUS OUTLOOK Canon posted a 14 percent increase": a forecast word in a capitals subheading
    # names the section, it does not make the next sentence's results a forecast
    cues_all = [c for c in cues_all if not (c.cls == "forecast" and c.end - c.start >= 4
                                            and facts.text[c.start:c.end].isupper())]
    # "closed at $34.51 on Nasdaq": an exchange named as the place of trading is no index
    venue = roles.patterns(facts.lang).venue_before
    cues_all = [c for c in cues_all if not (c.cls == "index" and venue.search(facts.text, max(0, c.start - 30), c.start))]
    # «وتصدر سهم "أسمنت العربية" الأسهم متراجعا»: the shares word as the object of "topped", no index
    topped = roles.patterns(facts.lang).index_object_before
    cues_all = [c for c in cues_all if not (c.cls == "index" and topped.search(facts.text, max(0, c.start - 70), c.start))]
    ments = sorted((Ment(s, e, ent) for ent in facts.entities for s, e in ent.mentions
                    if ent.type in ("ORG", "PERSON", "PRODUCT")), key=lambda m: m.start)
    main = _main(facts)
    ments = _resolve_coref(ments, facts, main)
    # "BOSTON (Reuters) - ...": the agency in a dateline is the story's source, never a party
    ments = [m for m in ments if not _DATELINE.match(facts.text, m.end) or facts.text[max(0, m.start - 2):m.start].strip() != "("]
    # "JPMorgan Chase & Co. (NYSE: JPM)": the exchange of a ticker is a listing, not a party
    ticker = roles.patterns(facts.lang).ticker_after
    ments = [m for m in ments if not (facts.text[max(0, m.start - 2):m.start].strip() == "(" and ticker.match(facts.text, m.end))]
    # "index of leading European shares", «مؤشر يورو ستوكس 50 للأسهم القيادية»: the stock word describes the index
    gap = roles.patterns(facts.lang).index_shares_gap
    index_ends = sorted(c.end for c in cues_all if c.cls == "index")
    cues_all = [c for c in cues_all if not (c.cls == "stock" and any(  # the index words within 60 characters only
        gap.match(facts.text[e:c.start]) for e in index_ends[bisect_left(index_ends, c.start - 60):bisect_right(index_ends, c.start)]))]
    # a cue inside a name is part of the name ("Canada Pension Plan Investment Board")
    starts = [m.start for m in ments]
    cues_all = [c for c in cues_all if c.cls in ("index", "stock") or not _inside_name(c, ments, starts)]
    # "Dow Jones & Co. Inc. reported": an index's name inside a longer company name is the company;
    # so is one followed by its own shares ("Dow Jones shares fell 1.02 percent")
    own = roles.patterns(facts.lang).own_shares_after
    cues_all = [c for c in cues_all if not (c.cls == "index" and (_inside_company(c, ments, starts)
                                                                   or own.match(facts.text, c.end)))]
    conversions = {tuple(q.fx["evidence"]) for q in facts.quantities
                   if q.fx and q.fx.get("method") == "stated" and q.fx.get("role") != "conversion"}
    qs = [q for q in facts.quantities if q.kind in ("money", "percent") and (q.start, q.end) not in conversions
          and not (q.fx and q.fx.get("role") == "conversion")]
    carried = _carried_currency(facts, doc)
    if carried:
        qs = sorted(qs + carried, key=lambda q: q.start)
    events: list[Event] = []
    spans = _bounded(_joined(sentences.split(facts.text), ments, facts.text), facts.text)
    starts = [s for s, _ in spans]
    by_cue, by_ment = _bucket(cues_all, spans, starts), _bucket(ments, spans, starts)
    by_q, by_all = _bucket(qs, spans, starts), _bucket(facts.quantities, spans, starts)
    by_kb = {e.kb_id: e for e in facts.entities if e.kb_id}
    prev_actor: Entity | None = None
    reporters: set[str] = set()  # companies a sentence that names them gave results to
    lead_end = spans[min(1, len(spans) - 1)][1] if spans else 0
    lead_names = {m.ent.name for m in ments if m.start < lead_end and m.ent.type == "ORG"}  # the companies the lead names
    prev_para = -1  # the paragraph of the sentence that set prev_actor
    prev_event_at = -2  # the sentence whose event subject set prev_actor
    breaks = [m.start() for m in _NEWLINE.finditer(facts.text)]
    anaphor = _anaphor_re(facts.lang)
    lead_ok = _main_leads(facts, main, ments, spans)
    carry_period: tuple[int, str] | None = None  # (paragraph, period) of the last sentence's moves
    prev_metric, metric_subject = -9, None  # the last sentence of a named company's results, and that company
    unknown_at, unknown_para = -9, -1  # the last sentence whose figures belong to a company we do not know
    market_at, market_para = -9, -1  # the last nameless sentence whose figures are a market's
    last_named: tuple[int, Entity] | None = None  # (sentence, company) of the last sentence that named one
    rank_at, rank_sign = -9, 1.0  # the last sentence that gave a ranking of movers, and the ranking's direction
    last_new: list[Event] = []  # the events the sentence before added (a slice, so the loop stays linear)
    unnamed: tuple[int, int, Entity] | None = None  # (sentence, paragraph, launcher) of a launch that named no product
    mark = 0
    for i, (ss, se) in enumerate(spans):
        last_new, mark = events[mark:], len(events)
        s_cues, s_ments, s_qs = by_cue[i], by_ment[i], by_q[i]
        para = bisect_right(breaks, ss)
        named_before, last_named = last_named, _named_last(s_ments, facts.text, facts.lang, i, last_named, ss, se, anaphor, main)
        if named_before is not None and named_before[0] == i - 1 and _opening_anaphor(facts.text, ss, se, anaphor, facts.lang):
            # the same «الشركة» linked by the entities step to the story's subject: the company just named
            s_ments = [Ment(m.start, m.end, named_before[1]) if m.coref else m for m in s_ments]
        if unnamed is not None and unnamed[0] == i - 1 and para - unnamed[1] <= 1:
            # "HTC unveiled two smartphone models." then "The two phones -- the Windows Phone 8X and ...": named here
            events.extend(_Sentence(facts, ss, se, s_cues, s_ments, s_qs, None, by_all[i], by_kb, None, "nearest",
                                    published=doc.published_at).named_launches(unnamed[2]))
        unnamed = None
        if (not s_cues and not (rank_at == i - 1 and s_qs)) or (not s_qs and not any(c.cls in _STANDALONE for c in s_cues)):
            # (a sentence of figures with no cue right after a ranking of movers may go on with it: «وحل ثالثا ...»)
            first = _first_actor(s_ments, facts.text, facts.lang, ss, main)
            if first is not None:
                prev_actor, prev_para = first, para
            continue  # no figure and no verb that makes an event without one
        # a sentence that names no actor continues the previous one's ("Net profit rose 17%."),
        # unless it names a company we do not know ("Lehman said its profit ..."): then nobody's
        # names we do not know are looked for only where they can change the outcome (speed)
        # «سجلت الشركة السعودية للصناعات الدوائية ...» then «ارتفع صافي ربح الشركة»: "the company"
        # goes on with the company we do not know, not with the story's subject
        chained = unknown_at == i - 1 and para == unknown_para and any(m.coref for m in s_ments)
        if chained:
            s_ments = [m for m in s_ments if not m.coref]
        unknown = roles.unknown_names(facts.text, ss, se, s_ments, facts.lang) if not s_ments else None
        actor, how = (main, "main") if s_ments or prev_actor is None else (prev_actor, "carried")
        if how == "carried" and main is not None and prev_actor.name == main.name and lead_ok:
            how = "carried_main"  # "Quarterly revenue rose 45%" after a sentence about the story's subject
        elif how == "carried" and para == prev_para and anaphor.search(facts.text, ss, se):
            how = "carried_anaphor"  # «وانخفضت أرباح الشركة ...» in the paragraph that named the company
        elif how == "carried" and named_before is not None and named_before[0] == i - 1 and \
                _opening_anaphor(facts.text, ss, se, anaphor, facts.lang):
            # «... وعودة سهم "موبايلي" إلى التداول.» / «وأظهرت الشركة خسائر بـ901 مليون ريال»: «الشركة» as
            # the opening subject right after a sentence that named a company is the last company it named
            actor, how = named_before[1], "carried_anaphor"
        elif how == "carried" and i - prev_metric <= _RESULTS_GAP and para == prev_para and \
                prev_actor.name == metric_subject and any(c.cls == "metric" for c in s_cues):
            # "Profit for Citigroup rose to $6.23 billion ... Revenue jumped 20 percent", also across
            # a sentence or two that name nobody else ("Scripps said net income was $68.5 million.
            # Income from continuing operations was 39 cents a share. Revenue grew 2 percent ...")
            how = "carried_results"
        elif how == "carried" and para != prev_para and main is not None and lead_ok:
            # a new paragraph that names nobody ("EBIT fell 24 percent, the company said") goes
            # on with the story's subject, not with the last name of the paragraph before
            actor, how = main, "carried_main"
        if not s_ments and (_market_led(facts.text, ss, s_cues, s_qs, facts.lang) or (
                market_at == i - 1 and para == market_para and not anaphor.search(facts.text, ss, se))):
            # «شهد سوق السيارات الصينية ارتفاعا بنسبة 1.4%» and «وتراجعت المبيعات في حزيران بـ5.3%» after it:
            # a market's figure, and the figures of the nameless sentences that go on with it, are nobody's
            actor, market_at, market_para = None, i, para
        if unknown and not s_ments:
            actor = None
            prev_actor, prev_para = None, para  # «الشركة» after «شركة X» we do not know is X, not the last known one
            unknown_at, unknown_para = i, para
        elif chained:
            actor, unknown, unknown_at = None, (unknown or []) + [(ss, ss)], i  # still the company we do not know
        ctx = _Sentence(facts, ss, se, s_cues, s_ments, s_qs, actor, by_all[i], by_kb, unknown, how,
                        published=doc.published_at)
        ctx.main_leads = lead_ok
        ctx.reporters = reporters & ({main.name} if main is not None else lead_names)  # the story's subject or a lead's company
        # the company this paragraph named last, or the subject of the sentence just before when
        # each sentence is its own paragraph («... صعود سهم إعمار 1.3%.» / «وسجلت الشركة زيادة 16%»)
        ctx.recent = prev_actor if prev_actor is not None and (para == prev_para or prev_event_at == i - 1) else None
        # «... لتبلغ 6.17 مليار ريال.» / «فيما ارتفعت بنسبة 57 في المائة عن الربع الأول»: the result a sentence goes on with
        ctx.prev_move = next((e for e in reversed(last_new) if e.type == "stock_move" and e.start == spans[i - 1][0]
                              and isinstance(e.args.get("subject"), str)), None) if i > 0 else None
        ctx.prev_result = next((e for e in reversed(last_new) if e.type == "financial_metric" and e.start == spans[i - 1][0]
                                and isinstance(e.args.get("subject"), str)), None) if i > 0 else None
        before = len(events)
        ctx.prev_rank = rank_sign if rank_at == i - 1 else None
        ranked = ctx.rankings()
        if ranked:
            rank_at, rank_sign = i, (-1.0 if ranked[-1].args["change_pct"] < 0 else 1.0)
        events.extend(ranked or ctx.respectively() or ctx.amount_events())
        launched = ctx.launches()
        events.extend(launched)
        if not any(e.type == "product_launch" for e in launched) and (hit := ctx.unnamed_launch()) is not None:
            unnamed = (i, para, hit[0])
        events.extend(ctx.acquisitions() or ctx.sales() or ctx.paid_for() or ctx.stake_raised())
        events.extend(ctx.supply_deals())
        events.extend(opinions.regulation(ctx))
        events.extend(opinions.analyst_view(ctx))
        # "Shares of Toyota lost 25% in the year to Monday. Honda shed 24% and Nissan 28%.": a
        # sentence of bare moves continues the period of the moves just before it
        new_moves = [e for e in events[before:] if e.type == "stock_move"]
        if carry_period and carry_period[0] == para and not any(c.cls == "stock" for c in s_cues):
            for e in new_moves:
                if not e.args.get("period"):
                    e.args["period"] = carry_period[1]
        periods = [e.args.get("period") for e in new_moves if e.args.get("period") in _CARRIED_PERIODS]
        carry_period = (para, periods[-1]) if periods else None
        named = [e for e in events[before:] if e.args.get("subject") and e.type != "analyst_view"]
        reporters.update(e.args["subject"] for e in named if e.type == "financial_metric" and isinstance(e.args["subject"], str)
                         and e.args.get("confidence", 0) >= _HOW["nearest"])
        if named and named[-1].type == "financial_metric" and named[-1].args.get("confidence", 0) >= _HOW["carried_results"]:
            prev_metric, metric_subject = i, named[-1].args["subject"]  # unnamed results next continue this company's
        if named and isinstance(named[-1].args["subject"], str):
            last = named[-1].args
            prev_actor = by_kb.get(last.get("subject_id")) or Entity(last["subject"], "ORG", kb_id=last.get("subject_id"))
            # ««سلامة للتأمين» تربح 663 ألفا\nبلغ صافي الأرباح ...»: a headline run on into its paragraph
            # (no period) leaves the company in the paragraph where its sentence ends
            prev_para, prev_event_at = bisect_right(breaks, se - 1), i
        elif named:
            prev_actor = None  # a joint subject does not carry over
        else:
            first = _first_actor(s_ments, facts.text, facts.lang, ss, main)
            if first is not None:
                prev_actor, prev_para = first, para
    # an event whose actor could not be found cannot be attributed: leave it out
    rules = _rules()
    carried_spans = {(q.start, q.end) for q in carried}
    for ev in _dedupe([e for e in events if e.args.get("subject")]):
        if not _plausible_amount(ev, rules["min_amount"]):
            continue
        if carried_spans and tuple(ev.args.get("amount_span") or ()) in carried_spans and not (
                ev.type == "financial_metric" and ev.args.get("metric") in _CARRIED_METRICS):
            continue  # a currency carried to a bare number is trusted for a company's results only
        if ev.args.get("confidence", 1.0) < rules["min_confidence"]:
            facts.candidates.append(ev)
        else:
            facts.events.append(ev)


@lru_cache(maxsize=None)
def _withheld(lang: str, etype: str) -> tuple:
    """The checks whose failure withholds an event of this type in this language (lang/common/checks.yaml)."""
    held = (load_yaml("lang/common/checks.yaml", "checks").get("withhold") or {}).get(lang) or {}
    return tuple(held.get(etype) or ())


@lru_cache(maxsize=None)
def _rules() -> dict:
    return load_yaml("lang/common/event_rules.yaml", "event_rules")


def _plausible_amount(ev: Event, floors: dict) -> bool:
    """A company's investment, forecast or deal price is not a per-share figure or a price."""
    floor = floors.get(ev.type)
    if floor is None:
        return True
    a = ev.args
    amount = a.get("usd") if a.get("usd") is not None else a.get("value")
    return amount is None or abs(float(amount)) >= floor


_CARRY_REACH = 600  # characters back to the amount whose currency a bare scaled number takes
_CARRIED_METRICS = frozenset({"profit", "gross_profit", "net_loss", "revenue", "operating_income", "operating_loss"})


def _carried_currency(facts: Facts, doc: Document) -> list[Quantity]:
    """«ارتفع صافي ربح الشركة إلى 74 مليونا مقارنة بـ73 مليونا»: a scaled number with no currency
    word, in prose whose last amount (within ``_CARRY_REACH``) has one, is an amount in that
    currency for events only (the money layer keeps what the text states). Language data says
    which scale words and following words allow it; English never carries."""
    pat = roles.patterns(facts.lang)
    text = facts.text
    out: list[Quantity] = []
    last: Quantity | None = None
    for q in facts.quantities:
        if q.kind == "money" and q.unit:
            last = q
            continue
        if q.kind != "count" or last is None or q.start - last.end > _CARRY_REACH or q.value < 1000:
            continue
        if not pat.bare_scale_end.search(q.text) or not pat.bare_amount_after.match(text, q.end) \
                or not pat.bare_amount_before.search(text, max(0, q.start - 16), q.start):
            continue
        m = Quantity("money", q.value, last.unit, q.start, q.end, q.text, qualifier=q.qualifier,
                     extractor="carried_currency")
        if last.unit == "USD":
            m.usd = q.value
        elif last.usd is not None and last.value and (last.fx or {}).get("method") == "reference":
            m.usd = q.value * last.usd / last.value
            m.fx = dict(last.fx)
        out.append(m)
    return out


def _outermost(cues: list[Cue]) -> list[Cue]:
    """Drop a cue inside a longer one («ربح» inside «صافي ربح», "share" inside "market share");
    cues with the very same span (one phrase, several classes) all stay. ``cues`` are sorted
    by (start, -end), so one sweep keeps the furthest end seen."""
    out: list[Cue] = []
    far = (-1, -1)  # (end, start) of the cue reaching furthest so far
    for c in cues:
        if c.end <= far[0] and (c.start, c.end) != (far[1], far[0]):
            continue
        out.append(c)
        if c.end > far[0]:
            far = (c.end, c.start)
    return out


def _inside_name(c: Cue, ments: list[Ment], starts: list[int]) -> bool:
    """Is the cue part of a name ("Public Investment Fund")? ``starts`` are the sorted mention starts."""
    k = bisect_right(starts, c.start) - 1
    return k >= 0 and ments[k].start <= c.start and c.end <= ments[k].end


def _inside_company(c: Cue, ments: list[Ment], starts: list[int]) -> bool:
    """Is the cue a strict part of a company's name ("Dow Jones" in "Dow Jones & Co")?"""
    k = bisect_right(starts, c.start) - 1
    if k < 0:
        return False
    m = ments[k]
    return (m.start <= c.start and c.end <= m.end and (m.end - m.start) > (c.end - c.start)
            and m.ent.type == "ORG" and m.ent.attrs.get("category") not in ("index", "exchange"))


def _main_leads(facts: Facts, main: Entity | None, ments: list[Ment], spans) -> bool:
    """Is the story's subject the company its lead names first? Only then may figures with no
    named actor be given to it: a lead that opens on a company we do not know ("Puma's
    ( PUMG.DE ) earnings fell ...") means the story is about someone else."""
    if main is None or not spans:
        return False
    lo, hi = spans[0][0], spans[min(1, len(spans) - 1)][1]
    first = next((m for m in ments if lo <= m.start < hi and m.ent.type == "ORG"
                  and m.ent.attrs.get("category") not in _SOURCES), None)
    if first is None or first.ent is not main:
        return False
    unknown = roles.unknown_names(facts.text, lo, first.start, ments, facts.lang)
    return not unknown


def _resolve_coref(ments: list[Ment], facts: Facts, main: Entity | None) -> list[Ment]:
    """«الشركة», «المجموعة», "the company": the nearest organisation named before, within the
    last few sentences, not always the story's main subject."""
    words = _coref_words(facts.lang)
    out: list[Ment] = []
    last: Ment | None = None
    text = facts.text
    clitics = "".join(phrases.CLITICS)
    named = roles.patterns(facts.lang).coref_named
    intro, opening = roles.patterns(facts.lang).coref_company_intro, roles.patterns(facts.lang).coref_opening_verb
    for m in ments:
        if m.ent is not main:  # the entities step links «الشركة» / "the company" to the main subject only
            if m.ent.type == "ORG" and m.ent.attrs.get("category") not in OBSERVER_CATEGORIES:
                last = m
            out.append(m)
            continue
        surface = fold(text[m.start:m.end]).lstrip(clitics) if facts.lang == "ar" else text[m.start:m.end].lower()
        if surface in words or fold(text[m.start:m.end]) in words:
            if named.match(text, m.end):
                continue  # «الشركة السعودية للصناعات الدوائية»: a company's name we do not know, no anaphor
            if last is not None and last.ent is not m.ent and (m.start - last.end <= _COREF_REACH or (
                    m.start - last.end <= _COREF_INTRO_REACH and opening.search(text, max(0, m.start - 16), m.start)
                    and intro.search(text, max(0, last.start - 12), last.start))) and not _clause_linked(text, last, m, facts.lang):
                # «... شركة موبايلي بعد أن أثرت سلبا في أرباح السوق. وأعلنت الشركة خسائر»: the subject
                # of the next sentence's opening verb is the company just introduced as one
                m = Ment(m.start, m.end, last.ent, coref=True)
            elif last is not None and last.ent is not m.ent and _clause_linked(text, last, m, facts.lang):
                m = Ment(m.start, m.end, last.ent)  # the company its own sentence just named: as good as the name
            else:
                m = Ment(m.start, m.end, m.ent, coref=True)
        elif m.ent.type == "ORG" and m.ent.attrs.get("category") not in OBSERVER_CATEGORIES:
            last = m
        out.append(m)
    return out


def _opening_anaphor(text: str, ss: int, se: int, anaphor: re.Pattern, lang: str) -> bool:
    """«وأظهرت الشركة ...», «لكن الشركة ...»: «الشركة» is the sentence's subject (at most its verb before it)."""
    m = anaphor.search(text, ss, min(se, ss + 40))
    return m is not None and roles.patterns(lang).anaphor_opening.match(text, ss, m.start()) is not None


def _market_led(text: str, ss: int, cues: list[Cue], qs: list[Quantity], lang: str) -> bool:
    """A sentence that names no company and whose figure's clause opens on a market, a sector or a
    show («إلى ذلك، شهد معرض صيني للسيارات تدفق المبيعات بـ5.7 مليار يوان», "China's car market
    grew 1.4 percent"): the market is the subject, not the story's company."""
    if not qs:
        return False
    if any(c.cls == "stock" for c in cues):
        return False  # "Market reaction: Shares fall 7.2 percent": a stock's move, its owner found as moves are
    clause = roles.clause_start(text, ss, qs[0].start, lang)
    blocker = roles.patterns(lang).market_not_subject
    for c in cues:
        if c.cls == "market_scope" and clause <= c.start < min(qs[0].start, clause + _MARKET_LEAD):
            lead = max(clause, text.rfind(",", clause, c.start) + 1, text.rfind("،", clause, c.start) + 1)
            if blocker.search(text, lead, c.start) or roles.patterns(lang).market_noun_after.match(text, c.end) or any(
                    x.cls == "metric" and (clause <= x.start < c.start or c.end <= x.start <= c.end + 2) for x in cues):
                continue  # "Same-store sales, a key industry measure", "Emerging market sales": the company's metric
            return True
    return False


_SHARE_REACH = 48  # characters from a percentage to the metric it is a share of ("29 percent of China Mobile's total revenue")
_MARKET_LEAD = 32  # characters from a clause's start within which a market word is its subject


def _named_last(ments: list[Ment], text: str, lang: str, i: int, last: tuple[int, Entity] | None,
                ss: int, se: int, anaphor: re.Pattern, main: Entity | None) -> tuple[int, Entity] | None:
    """The company sentence ``i`` names last (a source is no actor), or the story's subject when it
    names it too and the last is not introduced as «شركة X» («تكثف أرامكو رهاناتها ... عبر ذراعها
    "أرامكو الرقمية"»: «الشركة» next is Aramco); a
    sentence that names none but speaks of «الشركة» goes on with the company of the sentence before."""
    pat = roles.patterns(lang)
    named = [m for m in ments if m.ent.type == "ORG" and not m.coref
             and m.ent.attrs.get("category") not in OBSERVER_CATEGORIES
             and not pat.source_before.search(text[max(0, m.start - 20):m.start])]
    if named:
        last_m = named[-1]
        if main is not None and any(m.ent is main for m in named) and \
                not pat.coref_company_intro.search(text, max(0, last_m.start - 12), last_m.start):
            return i, main  # unless the last is introduced as a company («ويأتي بعد سابك شركة موبايلي»)
        return i, last_m.ent
    if last is not None and last[0] == i - 1 and anaphor.search(text, ss, se):
        return i, last[1]
    return last


_COREF_LINK_REACH = 160  # characters between a company's name and «الشركة» of the clause linked to it


def _clause_linked(text: str, last: Ment, m: Ment, lang: str) -> bool:
    """«هبط سهم العربية للطيران 1.8%، بعدما سجلت الشركة انخفاضا ...»: «الشركة» as the subject of a
    clause that a causal or temporal link («بعدما», «حيث», «بعد أن») joins to the clause naming a company
    in the same sentence is that company, not the story's subject."""
    return 0 < m.start - last.end <= _COREF_LINK_REACH and \
        roles.patterns(lang).coref_after_clause.match(text, last.end, m.start) is not None


@lru_cache(maxsize=None)
def _anaphor_re(lang: str) -> re.Pattern:
    """«الشركة» / "the company" as a word, with Arabic proclitics («وللشركة», «أرباح الشركة»)."""
    from marsad.extractors.entities import cues

    alts = []
    for w in sorted(cues(lang).coref, key=len, reverse=True):
        if lang == "ar" and w.startswith("ال"):
            alts.append(f"[وف]?(?:[بك]?{re.escape(w)}|ل{re.escape(w[1:])})")
        else:
            alts.append(re.escape(w))
    return re.compile(rf"(?<!\w)(?:{'|'.join(alts)})(?!\w)", re.IGNORECASE)


@lru_cache(maxsize=None)
def _coref_words(lang: str) -> frozenset:
    from marsad.extractors.entities import cues

    words = cues(lang).coref
    return frozenset({fold(w) for w in words} | {w.lower() for w in words})


_NEWLINE = re.compile("\n")
_COMMA = re.compile("[,،]")
_APPOSITION_GAP = re.compile(r"\s*(?:[,،][^,،.]{1,80}[,،]\s*)?")  # nothing, or an apposition between commas
_MAX_PRICE = 1e6  # no share trades at a million a share (Berkshire's A shares peaked below this)
_MAX_SENTENCE = 1500  # no news sentence is longer; a longer run (a table, an unbroken line) is cut


def _joined(spans, ments: list[Ment], text: str) -> list[tuple[int, int]]:
    """Sentences rejoined where an abbreviating period inside a name cut them ("Jos. A. Bank
    Clothiers offered to buy ...", «إتش. إس. بي. سي»): the period closes a word of at most three
    letters and the name holds no line break ("Petercam. Group", "Ohio. Fund" are names read across
    a real sentence end); linear, each name meets its own sentences."""
    starts = [s for s, _ in spans]
    glued = set()  # index i: sentence i runs on into sentence i + 1
    for m in ments:
        i = bisect_right(starts, m.start) - 1
        while 0 <= i < len(spans) - 1 and spans[i][1] < m.end:
            end = spans[i][1]
            word = text[max(m.start, end - 5):end - 1].rsplit(" ", 1)[-1]
            if text[end - 1] != "." or not 0 < len(word) <= 3 or "\n" in text[m.start:m.end]:
                break
            glued.add(i)
            i += 1
    if not glued:
        return list(spans)
    out: list[tuple[int, int]] = []
    for i, (s, e) in enumerate(spans):
        if i - 1 in glued:
            out[-1] = (out[-1][0], e)
        else:
            out.append((s, e))
    return out


def _bounded(spans: list[tuple[int, int]], text: str) -> list[tuple[int, int]]:
    """Sentences cut at whitespace into pieces of at most ``_MAX_SENTENCE`` characters, so the
    per-sentence work (pairs of figures and cues) stays bounded and the step linear in the text."""
    out = []
    for s, e in spans:
        while e - s > _MAX_SENTENCE:
            cut = text.rfind(" ", s + _MAX_SENTENCE // 2, s + _MAX_SENTENCE)
            cut = cut if cut > s else s + _MAX_SENTENCE
            out.append((s, cut))
            s = cut
        out.append((s, e))
    return out


def _bucket(items: list, spans, starts: list[int]) -> list[list]:
    """Items (sorted by start) grouped by the sentence whose span holds their start."""
    out: list[list] = [[] for _ in spans]
    for it in items:
        k = bisect_right(starts, it.start) - 1
        if k >= 0 and it.start < spans[k][1]:
            out[k].append(it)
    return out


def _main(facts: Facts) -> Entity | None:
    """The entity the entities step marked as the story's main company."""
    return next((e for e in facts.entities if e.attrs.get("main_subject")), None)


def _first_actor(ments: list[Ment], text: str = "", lang: str = "en", ss: int | None = None,
                 main: Entity | None = None) -> Entity | None:
    """The first company a sentence names ("Core Scientific emerged from ... . It reported ...").
    «الشركة» in a round-up names nobody new (it points at the paragraph's last company), so it
    does not make the story's subject the last one named (``coref_recent``). Not a company named
    inside a quotation that the sentence (from ``ss``) opened ("Asset management also grew nicely,
    similar to Mellon"; the story's own company ``main`` may be), nor an analyst's or fund manager's employer ("said Mirko Mikelic, senior
    portfolio manager at Fifth Third Asset Management"): the story does not go on with them."""
    pat = roles.patterns(lang)
    for m in ments:
        if ss is not None and (main is None or m.ent.name != main.name) and _quoted(text, ss, m.start):
            continue
        if pat.observer_role_before.search(text, max(0, m.start - 40), m.start):
            continue
        if m.ent.type != "ORG" or m.ent.attrs.get("category") in _SOURCES or \
                (m.ent.attrs.get("category") == "broker" and pat.observer_after.match(text, m.end)) or \
                pat.source_before.search(text[max(0, m.start - 20):m.start]):
            continue  # "..., according to Thomson Reuters I/B/E/S": the source of a figure is no actor
        if pat.example_before.search(text[max(0, m.start - 70):m.start]):
            continue  # "businesses like Skype and online payments service PayPal": examples, not the actor
        if m.coref and pat.coref_recent.search(text, m.start, m.end):
            return None  # «كانت الشركة اشترت حصة في مونستر»: «الشركة» leads; the company in hand goes on
        return m.ent
    return None


def _after_person(text: str, pos: int, person_ends: set[int]) -> bool:
    """Does a person's name (or its possessive) end right before ``pos`` ("Paul Otellini earned")?"""
    head = text[max(0, pos - 8):pos]
    cut = head.rstrip()
    if cut == head:
        return False  # no space: part of a longer word
    cut = cut.removesuffix("'s").removesuffix("’s")
    return pos - len(head) + len(cut) in person_ends


def _quoted(text: str, start: int, pos: int) -> bool:
    """Is ``pos`` inside a quotation opened between ``start`` and ``pos``? Not a name the quotation
    marks themselves wrap («سهم "موبايلي"», '"Apple" brand'): there the mark is right before it."""
    straight = text.count('"', start, pos)
    inside = straight % 2 == 1 or text.count("“", start, pos) > text.count("”", start, pos)
    return inside and pos - max(text.rfind('"', start, pos), text.rfind("“", start, pos)) > 2


def _drop_possessors(cands: list[Ment], text: str = "", lang: str = "en") -> list[Ment]:
    """"Elon Musk's xAI", "Musk's rocket company SpaceX": the person owns the company named
    after them; the company acts."""
    out = []
    for i, m in enumerate(cands):
        nxt = cands[i + 1] if i + 1 < len(cands) else None
        owns = nxt is not None and nxt.ent.type == "ORG" and (
            0 <= nxt.start - m.end <= 4 or (roles.possessive(text, m.end, lang) and nxt.start - m.end <= 40))
        if m.ent.type == "PERSON" and owns:
            continue
        if (nxt is not None and nxt.ent.type == "ORG" and m.ent.type in ("ORG", "PRODUCT") and text
                and roles.patterns(lang).owned_by.match(text, m.end, nxt.start)):
            continue  # "Google parent Alphabet", "Facebook owner Meta": the owner after the noun acts
        if m.ent.type == "ORG" and text and i > 0 and roles.patterns(lang).parent_apposition.search(
                text, max(0, m.start - 40), m.start):
            continue  # "Khazna, a unit of G42, will invest", «التابعة لمجموعة G42»: the unit acts
        out.append(m)
    return out


def _same_company(a: str, b: str) -> bool:
    """Do two names open with the same word ("Sun Microsystems", "Sun")? Then they are most
    likely one company, not two parties of a deal."""
    wa, wb = fold(a).split(), fold(b).split()
    return bool(wa and wb) and wa[0] == wb[0] and len(wa[0]) >= 3


def _dedupe(events: list[Event]) -> list[Event]:
    seen = set()
    out = []
    for ev in events:
        a = ev.args
        subj = a.get("subject")
        key = (ev.type, tuple(subj) if isinstance(subj, list) else subj, _amount_key(a.get("usd") or a.get("value") or 0),
               a.get("change_pct"), a.get("product"), a.get("target"), a.get("counterparty"), a.get("metric"))
        if key in seen:
            continue
        seen.add(key)
        out.append(ev)
    return out


def _amount_key(x) -> float:
    """An amount for telling events apart: to the million, and below ten million to four significant
    digits («220 ألف ريال» and «316 ألف ريال» are two results, not one rounded to nothing)."""
    x = float(x)
    return round(x, -6) if abs(x) >= 1e7 else float(f"{x:.4g}")


class _Sentence:
    """The cues, mentions and figures of one sentence."""

    def __init__(self, facts, ss, se, cues, ments, qs, main, all_qs, by_kb, unknown=(), main_how="main",
                 published: str | None = None):
        self.facts, self.ss, self.se = facts, ss, se
        self.published = published  # the article's date: a product's maker is the one it had then
        self.cues, self.qs, self.main = cues, qs, main
        self.all_qs, self.by_kb = all_qs, by_kb
        self._last_metric: tuple | None = None
        self._last_move: tuple | None = None  # (subject, mention) of this sentence's last share move
        self._forecast_end = -1  # where this sentence's last forecast figure ends
        self.kb = knowledge_base()
        self.lang = facts.lang
        self.pat = roles.patterns(facts.lang)
        self._unknown = None if unknown is None else list(unknown)
        self.main_how = main_how
        # names inside a relative clause ("X, whose customers include A and B, rose 2%") and
        # possessors of relation nouns ("Nvidia's biggest customers") are not the clause's actor
        rel = self._rel = roles.relative_spans(facts.text, ss, se, facts.lang)
        text = facts.text
        self.all_ments = ments
        self.ments = [m for m in ments if not roles.inside(rel, m.start, m.end)
                      and not roles.possessor_of_relation(text, m.end, facts.lang)
                      and not self.pat.source_before.search(text[max(ss, m.start - 20):m.start])
                      # "The world's largest bottler of PepsiCo Inc drinks reported": a name inside the description
                      and not self.pat.descriptor_of_before.search(text, max(ss, m.start - 30), m.start)
                      # "Excluding ResCap, operating profit rose 51 percent": the name left out is not the actor
                      and not self.pat.excluded_before.search(text, max(ss, m.start - 24), m.start)]
        # the names a relation describes ("BlueStar is a unit of China National Chemical Corp, a maker with
        # annual sales of 30 billion yuan"): not actors, but their figures are not the story company's either
        self.described = [m.start for m in ments if self.pat.unit_of_before.search(text, max(ss, m.start - 30), m.start)]
        self.rel = rel
        self._how: str = "main"
        self._subj: Ment | None = None
        self._joint: list[Entity] | None = None
        self._trigger: Cue | None = None
        self._post_dir: str | None = None
        self.main_leads = True
        self._per_share_spans: list[tuple[int, int]] | None = None
        self._head: Ment | None | bool = False  # the factbox item's name, once looked for (False: not yet)

    # --- helpers ---------------------------------------------------------------
    def _has(self, cls: str, start: int, end: int) -> list[Cue]:
        return [c for c in self.cues if c.cls == cls and start <= c.start and c.end <= end]

    def _has_any(self, classes: tuple[str, ...], start: int, end: int) -> bool:
        return any(c.cls in classes and start <= c.start and c.end <= end for c in self.cues)

    def _anchor(self, q: Quantity, after: bool = True) -> Cue | None:
        # spending and deal words type amounts, never percentages ("X, which will invest ..., fell 0.3%")
        classes = AMOUNT_CLASSES if q.kind == "money" else ("stock", "index", "metric", "not_event")
        lo = roles.anchor_start(self.facts.text, self.ss, q.start, self.lang)  # this statement's cues only
        before = [c for c in self.cues if c.cls in classes and lo <= c.start and c.end <= q.start
                  and not self._in_per_share(c)
                  # "Yahoo, which posted a better-than-expected profit on Tuesday, finished down 1.6%"
                  and not (c.cls == "metric" and any(a <= c.start < b <= q.start for a, b in self._rel))
                  and not (q.kind == "percent" and c.cls == "metric" and c.sub in _LEVEL_METRICS)
                  and not (c.cls == "forecast" and self._relative_forecast(c, q.start))]
        if before:
            best = max(before, key=lambda c: (c.end, c.cls == "metric"))
            if best.cls == "forecast" and self.pat.plan_noun.fullmatch(self.facts.text, best.start, best.end):
                spend = next((c for c in before if c.cls == "investment" and 0 <= best.start - c.end <= 1), None)
                if spend is not None:
                    return spend  # "its spending plans for this year to 4.5 trillion won": a budget
            return best
        if not after or self.pat.price_for_after.match(self.facts.text, q.end):
            return None  # "pay more than $1 billion for Palm, given its market value of ...": a price
        nxt = [c for c in self.cues if c.cls in classes and c.cls not in ("stock", "index")
               and q.end <= c.start <= q.end + _NEAR_AFTER]
        return min(nxt, key=lambda c: c.start) if nxt else None

    def _in_per_share(self, c: Cue) -> bool:
        """"52 cents a share": the share noun of a per-share figure is not a stock cue."""
        if c.cls != "stock":
            return False
        if self._per_share_spans is None:
            text = self.facts.text
            self._per_share_spans = [(q.end, m.end()) for q in self.all_qs if q.kind == "money"
                                     for m in [self.pat.per_share.match(text, q.end)] if m]
        return any(a <= c.start and c.end <= b for a, b in self._per_share_spans)

    def _eligible(self, m: Ment, observers: bool = False, products: bool = False, listed: bool = False,
                  deal: bool = False) -> bool:
        """Can this mention be the actor? ``listed``: for share moves, where media groups, brokers
        and exchanges are listed companies like any other (not sources); ``deal``: for buying
        and supplying, which media groups, brokers and exchanges do too ("News Corp. bought")."""
        if m.ent.type == "PRODUCT":
            return products and self._as_org(m.ent) is not None
        if m.ent.type == "PERSON":
            return not listed
        cat = m.ent.attrs.get("category")
        if listed:
            return cat not in _NOT_LISTED or (cat == "exchange" and self._own_shares(m))
        if deal:
            return cat not in _NOT_DEALERS
        if cat == "broker" and not self.pat.observer_after.match(self.facts.text, m.end):
            return True  # "Lehman said its earnings were $887 million": a bank's own figures
        return cat not in OBSERVER_CATEGORIES or (observers and cat in FORECASTERS)

    def _own_shares(self, m: Ment) -> bool:
        """"Nasdaq shares slipped 1.5 percent", «سهم سوق دبي المالي»: the exchange operator's own stock."""
        text = self.facts.text
        if any(0 <= m.start - p.end <= 4 and roles.possessive(text, p.end, self.lang) for p in self.all_ments):
            return False  # "Juniper's Nasdaq shares": the company's shares on that exchange
        return bool(self.pat.own_shares_after.match(text, m.end)
                    or self.pat.own_shares_before.search(text, max(self.ss, m.start - 16), m.start))

    def _subject(self, pos: int, floor: int | None = None, first: bool = False,
                 observers: bool = False, products: bool = False, listed: bool = False,
                 deal: bool = False) -> Entity | None:
        """The actor before ``pos``: the nearest one, or with ``first`` the clause's first one
        (English subject-verb and Arabic verb-subject order both put the actor early).
        A person stands for their company; with no actor, the document's main subject."""
        lo = self.ss if floor is None else floor
        cands = [m for m in self.ments if lo <= m.start and m.end <= pos
                 and self._eligible(m, observers, products, listed, deal)]
        cands = _drop_possessors(cands, self.facts.text, self.lang)
        if cands:
            return self._found(cands[0] if first else cands[-1], "explicit" if first else "nearest")
        return self._fallback(lo, pos)

    recent: Entity | None = None  # the company this paragraph named last (set by the caller)
    reporters: set = frozenset()  # the companies earlier sentences that named them gave results to (set by the caller)

    def _found(self, m: Ment, how: str) -> Entity:
        """Record how the subject was found (for the event's confidence and its span)."""
        if (m.coref and self.recent is not None and self.recent.name != m.ent.name
                and self.recent.attrs.get("category") not in OBSERVER_CATEGORIES
                and self.pat.coref_recent.search(self.facts.text, m.start, m.end)):
            # «كما رفعت الشركة أرباحها» in the paragraph about another company than the story's
            # first: "the company" is the one this paragraph named last
            self._how, self._subj = "carried_anaphor", m
            return self.recent
        if (m.coref and not self.main_leads and self.recent is not None and self.recent.name == m.ent.name
                and self.prev_result is not None and self.prev_result.args.get("subject") == m.ent.name
                and self.prev_result.args.get("confidence", 0) >= _HOW["nearest"]
                # (not after another company named before it in the sentence: «كما هبط سهم بي.إم.دبليو 2.7% بعدما
                # تراجعت أرباح الشركة التشغيلية 3%» is BMW's)
                and not any(x.ent.name != m.ent.name and not x.coref and self.ss <= x.start < m.start for x in self.all_ments)
                and self.pat.coref_recent.search(self.facts.text, m.start, m.end)):
            # «مقارنة بالربع السابق، قلصت الشركة أيضا خسائرها بنسبة 26%» right after a sentence that gave the results of
            # «مجموعة محمد المعجل» in a round-up of results: "the company" linked to the company this paragraph named last,
            # whose results the sentence before gave (not a company only named, «الاستحواذ على ... نوكيا»)
            self._how, self._subj = "carried_anaphor", m
            return self._org_of(m.ent)
        self._how, self._subj = ("coref" if m.coref else how), m
        if self._official(m):
            return m.ent  # "Japan's Prime Minister Taro Aso": an official, not the story's company's executive
        return self._org_of(m.ent)

    def _official(self, m: Ment | None) -> bool:
        """A person the KB does not know, introduced by a state word ("Japan's Prime Minister X")."""
        return (m is not None and m.ent.type == "PERSON" and not m.ent.kb_id and any(
            c.cls == "state_actor" and m.start - 40 <= c.start and c.end <= m.start for c in self.cues))

    @property
    def unknown(self) -> list[tuple[int, int]]:
        """Capitalised names of this sentence that no mention covers (computed on first use)."""
        if self._unknown is None:
            self._unknown = roles.unknown_names(self.facts.text, self.ss, self.se, self.all_ments, self.lang)
        return self._unknown

    def _fallback(self, lo: int, pos: int) -> Entity | None:
        """No named actor in the clause: the story's subject, unless a name we do not know
        stands in the clause before ``pos`` (its figure is not the main company's)."""
        if any(lo <= s and e <= pos for s, e in self.unknown) or any(s < pos for s, e in self.unknown
                                                                       if s >= self.ss and lo == self.ss):
            return None
        clause = roles.clause_start(self.facts.text, self.ss, pos, self.lang)
        text = self.facts.text
        est = self.pat.unowned_estimate.search(text, clause, pos)
        if est is not None and not self.pat.estimate_owner.search(
                text, max(clause, text.rfind(",", clause, est.start()) + 1), est.start()) and not any(
                c.cls == "metric" and c.sub in _OUTLOOK_METRICS and clause <= c.start < est.start() for c in self.cues):
            # ("Sales are now seen at $430 million": the company's guidance, its own metric)
            return None  # "assets that comply with Islamic law are estimated at $1 trillion": a market's size
        if any(lo <= d < pos for d in self.described):
            return None  # "a unit of China National Chemical Corp, a maker with annual sales of ...": that company's
        if any(c.cls == "state_actor" and clause <= c.start < min(pos, clause + 48)
               and text[c.end:c.end + 2] not in ("'s", "’s") and not self.pat.state_adjective_after.match(text, c.end)
               for c in self.cues) or any(
                m.ent.attrs.get("category") in _STATE_KINDS and clause <= m.start < min(pos, clause + 48)
                for m in self.ments):
            # "China plans to invest ...": the state spends, not the story's company ("Japan's
            # second-biggest automaker" describes a company; "Japan's government" is a state word)
            return None
        if self.main is not None and (self.main.attrs.get("category") in _STATE_KINDS
                                      or not actors.is_company(self.main.name, self.main.kb_id)):
            return None  # "The required investment of $164 billion a year ..., the IEA said": no company's
        self._how, self._subj = self.main_how, None
        return self.main

    def _joint_of(self, m: Ment, cands: list[Ment]) -> None:
        """"X, Y and Z will invest": every coordinated company is a subject."""
        ordered = sorted({id(x): x for x in cands + [m]}.values(), key=lambda x: x.start)
        k = next(i for i, x in enumerate(ordered) if x is m)
        group = roles.coordinated(self.facts.text, ordered, k, self.lang)
        ents = []
        for x in group:
            e = self._org_of(x.ent)
            if e.type == "ORG" and all(e.name != y.name for y in ents):
                ents.append(e)
        self._joint = ents if len(ents) > 1 else None
        if self._joint:
            self._how = "coordinated"

    def _governed(self, anchor: Cue, q: Quantity, floor: int = 0, listed: bool = False) -> Entity | None:
        """The company named right after a stock or metric noun ("أسهم X", "revenue of X")."""
        gap = self.pat.governed_gap
        products = anchor.cls == "metric"
        # «143% ارتفاعا في أرباح «الدوائية»»: a result noun after its figure governs the name right after it
        after = anchor.end > q.start
        if after:
            gap = self.pat.post_metric_owner_gap
        hi = min(self.se, anchor.end + 60) if after else q.start
        for m in self.ments:
            if max(anchor.end, floor) <= m.start < hi and self._eligible(m, products=products, listed=listed):
                between = self.facts.text[anchor.end:m.start]
                if gap is not None and gap.match(between) and not [
                        c for c in self.cues if anchor.end <= c.start < m.start and c.cls in AMOUNT_CLASSES]:
                    return self._found(m, "governed")
                return None
        return None

    def _state_spends(self, lo: int, anchor: Cue) -> bool:
        """A state word is the spending verb's subject: "since the government pumped in",
        "says China plans to invest", «ضخت الحكومة». Not a possessive ("China's Alibaba"), not
        part of a name ("China Mobile"), and no company stands between it and the verb."""
        text = self.facts.text
        for c in self.cues:
            if c.cls not in ("state_actor", "generic_actor") or any(
                    m.start <= c.start < m.end or m.start < c.end <= m.end for m in self.all_ments):
                continue
            if text[c.end:c.end + 2] in ("'s", "’s") or text[c.end:c.end + 1] == "-":
                continue
            if (lo <= c.start and c.end <= anchor.start and anchor.start - c.end <= 40
                    and not _STATEMENT_BREAK.search(text, c.end, anchor.start)
                    and (not self.pat.recipient.search(text[max(lo, c.start - 16):c.start])
                         or self.pat.relative_prep.search(text[max(lo, c.start - 16):c.start]))
                    and not self.pat.pronoun_subject.search(text, c.end, anchor.start)):
                if not any(c.end <= m.start and m.end <= anchor.start and m.ent.type == "ORG"
                           for m in self.ments):
                    return True
            elif anchor.end <= c.start <= anchor.end + 8 and self.pat.verb_form.match(text, anchor.start, anchor.end):
                return True  # «ضخت الحكومة»: the verb, then its subject
        for m in self.ments:  # "The U.S. Treasury and Federal Reserve agreed to invest"
            if m.ent.attrs.get("category") in _STATE_KINDS and text[m.end:m.end + 2] not in ("'s", "’s") and (
                    (lo <= m.start and m.end <= anchor.start and anchor.start - m.end <= 40 and not any(
                        m.end <= x.start and x.end <= anchor.start and x.ent.type == "ORG"
                        and x.ent.attrs.get("category") not in _STATE_KINDS for x in self.ments))
                    or (anchor.end <= m.start <= anchor.end + 8
                        and self.pat.verb_form.match(text, anchor.start, anchor.end))):
                return True
        return False

    def _relative_actor(self, pos: int, anchor: Cue) -> Entity | None:
        """"Anthropic, in which Amazon has invested $8bn", «Anthropic، التي استثمرت فيها أمازون»:
        a spending verb inside a relative clause has that clause's own actor, not the head noun."""
        span = next(((a, b) for a, b in self.rel if a <= anchor.start < b and pos < b), None)
        if span is None:
            return None
        opener = self.pat.relative_open.match(self.facts.text, span[0])
        lo = opener.end() if opener else span[0]  # "in which" opens the clause; it is no receiver's "in"
        inner = [m for m in self.all_ments if lo <= m.start and m.end <= pos and self._eligible(m)
                 and not self.pat.recipient.search(self.facts.text[max(lo, m.start - 16):m.start])]
        if inner:
            return self._found(inner[0], "explicit")
        if opener is not None and anchor.start - lo <= 2:
            # "shares owned by Yahoo Inc, which paid around $1 billion for a 40 percent stake": the
            # verb right after "which" has the clause's head as its actor, not the sentence's subject
            text = self.facts.text
            head = next((m for m in reversed(self.all_ments) if m.end <= span[0] and self.ss <= m.start
                         and self.pat.head_gap.match(text[m.end:span[0]]) and self._eligible(m)), None)
            if head is not None:
                return self._found(head, "explicit")
        return None

    def _spender(self, pos: int, floor: int, anchor: Cue) -> Entity | None:
        """Who spends: the name right after an Arabic verb ("استثمرت فيها أمازون"), else the
        clause's first actor that is not a receiver ("في X", "invest in X"), else the main subject."""
        text = self.facts.text
        # the state (or many unnamed firms) spends, whichever company the sentence is about; a
        # figure after the previous one that reuses an earlier verb belongs to that verb's subject
        if self._state_spends(self.ss if anchor.start < floor else max(floor, self.ss), anchor):
            return None
        if self.pat.personal_money_after.match(text, pos, min(self.se, pos + 60)):
            return None  # "who has poured in $70 million of his own money": a person's spending, not the company's
        inner = self._relative_actor(pos, anchor)
        if inner is not None:
            return inner
        agent = next((m for m in self.ments if anchor.end < m.start <= anchor.end + 20 and self._eligible(m)
                      and self.pat.spend_by.match(text[anchor.end:m.start])), None)
        if agent is not None and agent.ent.type == "PERSON" and not agent.ent.kb_id:
            return None  # "an additional $65 million investment by Zell": a person's money, not the story company's
        if self.pat.person_possessive_before.search(text, max(self.ss, pos - 20), pos):
            return None  # "shortly after his $5 billion investment in Goldman Sachs": a person's spending
        if agent is not None and pos <= anchor.start and anchor.start - pos <= 30 and "," not in text[pos:anchor.start]:
            # "a $250 million investment by Golden Gate Capital" (not "a surplus of $303 million, the
            # total investment by Protective Life is $1.09 billion")
            return self._found(agent, "explicit")
        if pos <= anchor.start and self.pat.spend_from.match(text, anchor.end):
            # "announced a $6.6 billion investment from Kuwait, the Korean Investment Corp and Mizuho":
            # the money comes from the names after "from", never from the company that receives it
            givers = [m for m in self.ments if anchor.end < m.start <= anchor.end + 80 and self._eligible(m)]
            if not givers:
                return None
            ent = self._found(givers[0], "explicit")
            self._joint_of(givers[0], givers)
            if len(givers) > 1 and self._joint is None:
                return None  # several givers not read as one group: whose share is whose is not stated
            return ent
        if self.pat.plural_possessive.search(text, max(self.ss, anchor.start - 30), anchor.start):
            return None  # "Skype's private equity owners ... their investment of more than $2 billion"
        if self.pat.received_before.search(text, max(self.ss, pos - 60), pos) or (
                anchor.end <= pos and self.pat.funded_passive.match(text, anchor.start)):
            # "Twitter arranged a $400 million funding round", "will be funded by $2 billion from Icahn": the
            # subject receives; the giver is the name right after "from", else nobody
            q = next((x for x in self.qs if x.start == pos), None)
            giver = q and next((m for m in self.ments if q.end < m.start <= q.end + 60 and self._eligible(m)
                                and self.pat.received_from.fullmatch(text, q.end, m.start)), None)
            return self._found(giver, "explicit") if giver is not None else None
        head = self._factbox_head()
        cands = [m for m in self.ments if floor <= m.start and m.end <= pos and self._eligible(m)
                 and m is not head]  # "Apple - Invested $150 million in a struggling Apple Inc": the item is no spender
        cands = _drop_possessors(cands, self.facts.text, self.lang)
        # "In Facebook's latest investment round, Goldman Sachs will invest": the round's owner raises the money
        cands = [m for m in cands if not self.pat.round_owner_after.match(text, m.end)]
        if self.facts.lang == "ar":
            for m in cands:
                if anchor.end <= m.start <= anchor.end + 8 and not self.pat.recipient.search(text[anchor.end:m.start]):
                    ent = self._found(m, "explicit")
                    self._joint_of(m, [x for x in self.ments if x.start >= m.start and x.end <= pos])
                    return ent
        # English names the actor first ("X, which ..., will invest"); Arabic puts it right
        # before the spending noun ("تعهدت شركة X باستثمار")
        order = cands if self.facts.lang != "ar" else [m for m in reversed(cands) if m.end <= anchor.start] or cands
        reported = [m for m in cands if m.end <= anchor.start
                    and self.pat.reported_agent_before.search(text, max(floor, m.start - 30), m.start)]
        if reported:  # "Sun ... said Kohlberg Kravis Roberts would make a $700 million investment": the reported clause's actor
            order = [reported[-1]] + [m for m in order if m is not reported[-1]]
        for m in order:
            if not m.ent.kb_id and self.pat.source_said_after.match(text, m.end) and (any(
                    x.start > m.end and x.end <= anchor.start and x.ent.type in ("ORG", "PERSON") and x.ent.name != m.ent.name
                    for x in cands) or any(m.end < a and b <= anchor.start for a, b in self.unknown)):
                # "Globes said that although Apple was a global innovation leader, it is a small investor in R&D.
                # It invested $2.4 billion": a name we do not know reporting on a company named after it is the
                # report's source, no actor of it ("Sprint Nextel said its Virgin Mobile ..." keeps Sprint)
                continue
            if not self.pat.recipient.search(text[max(floor, m.start - 16):m.start]):
                pron = self.pat.pronoun_subject.search(text, m.end, anchor.start)
                if (pron and not self._has("speech", m.end, pron.start())  # "Amazon told investors it would"
                        and self.pat.pronoun_subject.search(text, self.ss, m.start)):  # "SoftBank fell as it paid"
                    # "It is a partner with OpenAI, SoftBank and Oracle, and in March it invested $2
                    # billion": the pronoun is the verb's subject; whom it points at is not resolved here
                    return None
                ent = self._found(m, "explicit")
                self._joint_of(m, [x for x in self.ments if floor <= x.start and x.end <= pos])
                return ent
        if floor > self.ss:  # the sentence's subject carries over its later clauses
            if any(floor <= s and e <= min(pos, anchor.start) for s, e in self.unknown):
                return None  # "Goldman Sachs will invest $450 million, while DST will invest $50 million": DST's
            return self._spender(pos, self.ss, anchor)
        ent = self._fallback(self.ss, pos)
        if ent is not None and self._recipient_named(anchor):
            if self._recipient_named(anchor, ent.name):
                return None  # "The investment firm founded by Yuri Milner led a $400 million investment in Twitter": not Twitter
            self._how = "recipient_named"  # "$40 billion investment in AIG": the investor is not named
        return ent

    def _recipient_named(self, anchor: Cue, name: str | None = None) -> bool:
        """Does the spending noun name who receives the money ("investment in X", «استثمار في X»)
        (that company ``name`` if given)?"""
        text = self.facts.text
        return any(anchor.end <= m.start <= anchor.end + 60 and m.ent.type == "ORG"
                   and (name is None or (m.ent.name == name and not m.coref))  # "in the company" points back at the spender
                   and self.pat.recipient.search(text[anchor.end:m.start]) for m in self.ments)

    def _org_of(self, ent: Entity) -> Entity:
        if ent.type == "PRODUCT":
            return self._as_org(ent) or ent
        if ent.type != "PERSON":
            return ent
        if not ent.kb_id:
            return self.main or ent  # an executive the KB does not know speaks for the story's company
        entry = self.kb.get(ent.kb_id)
        org = self.kb.org_of(entry) if entry else None
        if org is None:
            return ent
        return self.by_kb.get(org.id) or Entity(org.name, "ORG", kb_id=org.id)

    def _forecast_floor(self, anchor: Cue) -> int:
        """Where forecast words stop reaching a figure: the sentence, unless the figure's metric is
        stated by a reporting verb in a later clause ("forecasts weak earnings ..., after it reported a
        loss of $241 million": that loss is a result)."""
        if self.pat.reported_metric.fullmatch(self.facts.text, anchor.start, anchor.end):
            return roles.clause_start(self.facts.text, self.ss, anchor.start, self.lang)
        return self.ss

    def _after_report(self, start: int, end: int) -> int:
        """The end of the last reporting verb in [start, end), else ``start``: expectation words before
        it do not reach a figure after it ("had been expected to report a loss ... but actually
        reported a $1.2 billion profit", "Oracle's outlook was cautious, it reported ... $1.5 billion")."""
        last = None
        for last in self.pat.report_verb.finditer(self.facts.text, start, end):
            pass
        return last.end() if last is not None else start

    def _forecast_cues(self, start: int, end: int) -> list[Cue]:
        """Forecast cues in [start, end) that are not part of a consensus phrase ("توقعات المحللين")."""
        skip = [c for c in self.cues if c.cls == "not_event"]
        text = self.facts.text
        # "its spending plans", «خطة الاستثمار»: a plan noun of a spending word names a budget, not an expectation
        spend_ends = {c.end for c in self.cues if c.cls == "investment"}
        return [c for c in self.cues if (c.cls == "forecast" or (c.cls == "analysts_expect" and self._firm_view(c)))
                and start <= c.start and c.end <= end and not any(n.start <= c.start < n.end for n in skip)
                # "beat even Wall Street's most bullish forecast with a net profit of $4.29 billion", «فاقت توقعات»:
                # a forecast the result is measured against, not one the figure states
                # (but "above Broadcom's forecast for second-quarter revenue of $1.075 billion": that figure is the forecast)
                and not (self.pat.forecast_beaten_before.search(text, max(self.ss, c.start - 60), c.start)
                         and not self.pat.forecast_figure_link.match(text, c.end))
                and not (self.pat.plan_noun.fullmatch(text, c.start, c.end)
                         and any(0 <= c.start - e <= 1 for e in spend_ends))
                and not self._relative_forecast(c, end)]

    def _relative_forecast(self, c: Cue, end: int) -> bool:
        """"fees that Countrywide expects by collecting payments, fell by $173 million": the expectation is a
        relative clause's, closed by a comma before the figure at ``end``."""
        if any(a <= c.start < b <= end for a, b in self._rel):
            return True  # "The company, which in June announced a new plan to ..., said profit fell to $191.6 million"
        return bool(self.pat.relative_forecast_before.search(self.facts.text, max(self.ss, c.start - 40), c.start)
                    and _COMMA.search(self.facts.text, c.end, end))

    def _negated(self, start: int, end: int) -> bool:
        return bool(self._has("negation", start, end))

    def _event(self, etype: str, args: dict) -> Event:
        """An event of this sentence, with its confidence and the span of each role found."""
        args = {k: v for k, v in args.items() if v is not None}
        how = self._how
        if self._joint and etype in ("investment", "forecast") and args.get("subject") in [e.name for e in self._joint]:
            args["subject"] = [e.name for e in self._joint]
            args["subject_id"] = [e.kb_id for e in self._joint]
            if any(not actors.is_company(e.name, e.kb_id) or e.attrs.get("category") in _STATE_KINDS
                   for e in self._joint):
                how = "joint_state"  # "the development banks and the World Bank will provide": no company's spending
        elif self._joint is None and how == "coordinated":
            how = "explicit"
        conf = _HOW.get(how, 0.6)
        if how in ("main", "coref") and not self.main_leads:
            conf -= 0.1  # the story's subject is not the company its lead names first
        elif how == "main" and self.main is not None and self.main.kb_id:
            conf += 0.1  # the story's subject, known to the knowledge base and named first
        if (etype in _AMOUNT_TYPES and self._subj is not None and self._subj.ent.type == "PERSON"
                and not self._subj.ent.kb_id and args.get("subject") == self._subj.ent.name):
            conf -= 0.3  # "Al-Fadl added that investments reached ...": a person we do not know spends nothing
        elif (etype in _AMOUNT_TYPES and self._subj is not None and self._subj.ent.type == "ORG"
              and not self._subj.ent.kb_id and args.get("subject") == self._subj.ent.name
              and actors.kind(self._subj.ent.name) not in actors.company_kinds()):
            conf -= 0.3  # «وزارة التجارة», "the Finance Ministry": a state body we do not know is no company
        elif (etype == "investment" and isinstance(args.get("subject"), str)
              and actors.kind(args["subject"], args.get("subject_id")) not in actors.company_kinds()):
            conf -= 0.3  # "the Saudi government allocated 1 billion riyals": a state's spending, no company's
        elif (etype in ("financial_metric", "forecast") and isinstance(args.get("subject"), str)
              and actors.kind(args["subject"], args.get("subject_id")) in actors.no_figure_kinds()):
            conf -= 0.3  # "IDC estimates the market at $25 billion", a state's budget: no company's result or guidance
        if how == "carried" and etype == "financial_metric" and args.get("subject") in self.reporters and self._trigger is not None \
                and self._trigger.start >= self.ss and self.pat.results_opening.fullmatch(self.facts.text, self.ss, self._trigger.start) \
                and not any(c.cls in ("hedge", "conditional", "analysts_expect") for c in self.cues) \
                and not self.pat.results_unreal.search(self.facts.text, self.ss, self.se):
            # "Revenue jumped 20 percent to $26.63 billion" after sentences about Citigroup's results in a round-up (no
            # one subject for the story): a sentence that opens on its result goes on with the company whose results
            # were named before, when it is also the company the last sentences named (not "Total sales should rise 10
            # to 12 percent": an outlook)
            conf += 0.05
        if self._subj is not None and etype not in ("supply_deal",):
            args.setdefault("subject_span", [self._subj.start, self._subj.end])
        if self._trigger is not None:
            args.setdefault("trigger_span", [self._trigger.start, self._trigger.end])
        args["confidence"] = round(max(0.05, min(1.0, conf)), 2)
        self._joint = None
        return Event(type=etype, start=self.ss, end=self.se, args=args,
                     extractor=EXTRACTOR, text=self.facts.text[self.ss:self.se])

    @staticmethod
    def _amount(q: Quantity) -> dict:
        return {"value": q.value, "currency": q.unit, "usd": q.usd, "qualifier": q.qualifier,
                "amount_span": [q.start, q.end]}

    def _horizon(self, q: Quantity) -> dict | None:
        """The duration that goes with an amount: the first after it, else the last before it."""
        ds = [d for d in self.all_qs if d.kind == "duration"]
        after = [d for d in ds if q.end <= d.start <= q.end + 80]
        before = [d for d in ds if d.end <= q.start]
        d = after[0] if after else (before[-1] if before else None)
        return {"value": d.value, "unit": d.unit, "text": d.text} if d else None

    def _period(self) -> str | None:
        p = next((q for q in self.all_qs if q.kind in ("fiscal_period", "year")), None)
        return p.text if p else None

    # --- figures: stock moves, metrics, investments, forecasts -----------------
    def amount_events(self) -> list[Event]:
        out: list[Event] = []
        last_move: Event | None = None
        prev_end = self.ss
        # a list of moves ("X rose 5% and Y fell 3%") is delimited by percentages, not by other amounts
        pct_end = self.ss
        dropped: tuple[int, int] | None = None  # a range's first figure dropped as a baseline: its second goes too
        restated: int | None = None  # the end of a range's first percentage dropped as a restated outlook
        for q in self.qs:
            pct_floor = pct_end
            if q.kind == "percent":
                pct_end = q.end
                if self.pat.bound_before.search(self.facts.text, max(self.ss, q.start - 30), q.start):
                    prev_end = q.end
                    continue  # «ارتفاعات محدودة لم تتجاوز 0.9%», "did not exceed 0.9 percent": a bound, not a move
                if self._has("traded_share", self.ss, q.start):
                    continue  # «من حيث القيمة المتداولة تصدرت أسهم سابك بنسبة 12.23%»: a share of trading, not a move
                fc = next((e for e in reversed(out) if e.type == "forecast" and e.args.get("amount_span")), None)
                if (fc is not None and self.pat.restated_change.match(self.facts.text, fc.args["amount_span"][1], q.start)) \
                        or (q.qualifier == "range_to" and restated is not None and 0 <= q.start - restated <= 12):
                    prev_end = q.end
                    restated = q.end if q.qualifier == "range_from" else None
                    continue  # "sees sales of $4.2 billion to $4.4 billion, or growth of 29 percent to 36 percent": the outlook restated
                rel = next(((a, b) for a, b in self.rel if a <= q.start and q.end <= b), None)
                if rel is not None and self.pat.relative_possessive.match(self.facts.text, rel[0]) \
                        and not self._has("stock", rel[0], rel[1]) \
                        and self._has("stock", self.ss, rel[0]) and any(
                        p.kind == "percent" and p.start >= rel[1] for p in self.qs):
                    continue  # "Shares of Zumiez, whose 10.1 percent gain topped ..., were up 1.02 percent"
                    # (not "Apple, whose stock gained 1.3 percent": that clause states the move)
            if (q.kind == "money" and last_move is not None and "price" not in last_move.args
                    and abs(q.value) < _MAX_PRICE  # "fell 59% ... $10 billion loss" is no share price
                    and 0 <= q.start - last_move.args["percent_span"][1] <= 16
                    and not [c for c in self.cues if last_move.args["percent_span"][1] <= c.start < q.start]):
                last_move.args["price"] = q.value
                last_move.args["price_currency"] = q.unit
                prev_end = q.end
                continue
            if q.kind == "percent" and pct_floor > self.ss and (ev := self._list_item(q, pct_floor, out)):
                out.append(ev)  # «ارتفعت أرباح شركة أسمنت المدينة بنسبة 10%، وشركة أسمنت الشمالية بنسبة 3%»
                if ev.type == "stock_move":
                    last_move = ev
                prev_end = q.end
                continue
            if q.kind == "percent" and last_move is not None and (ev := self._earlier_move(q, prev_end, last_move)):
                out.append(ev)  # «انخفض سهم الاتحاد العقارية 0.8% بعدما صعد 5% أمس الأول»
                last_move, prev_end = ev, q.end
                continue
            if q.kind == "money" and self.pat.per_share.match(self.facts.text, q.end) and not (
                    last_move is not None and "price" not in last_move.args):
                continue  # a per-share figure is no event, and the analysts' phrase before it still holds
            if self._has("conditional", prev_end, q.start):
                prev_end = q.end
                continue  # "if Nvidia were to invest", "could rise 30%"
            if q.kind == "money" and any(c.cls in ("acquisition", "takeover_offer") and 0 <= c.start - q.end <= 2
                                         for c in self.cues):
                prev_end = q.end
                continue  # "its $11.1 billion acquisition of Autonomy": the deal's price, not a metric
            self._how, self._subj = self.main_how, None
            if q.kind == "percent" and self._share_of(q):
                prev_end = q.end
                continue  # "88 percent of revenue", «40% من المبيعات»: a share, not a change
            if q.kind == "percent" and self._index_figure(q):
                prev_end = q.end
                continue  # "beating a 3.6 percent drop in Tokyo's transport sub-index": the index's
            anchor = self._anchor(q, after=False)
            post = self._post_metric(q)
            if post is not None:
                anchor = post  # "هبوطا بلغ 96% في صافي ربح", "a 26% jump in revenue"
            elif q.kind == "money":
                spend = next((c for c in self.cues if c.cls == "investment" and q.end < c.start <= q.end + 2
                              and not self.facts.text[q.end:c.start].strip()), None)
                if spend is not None:
                    anchor = spend  # "posted a surprise profit and said KKR would make a $700 million investment"
            if anchor is None and q.kind == "percent":
                ev = self._bare_move(q, prev_end)
                if ev:
                    out.append(ev)
                    last_move = ev
                    prev_end = q.end
                    continue
            if anchor is None:
                anchor = self._anchor(q)
            consensus_after = self._consensus_after(q)
            if consensus_after and anchor is not None and anchor.cls == "investment" and q.kind == "money":
                # "X, Y and Z are expected to spend $350bn, according to analyst estimates": the
                # analysts' expectation of the companies' spending, a forecast and not their pledge
                self._trigger = anchor
                ev = self._spend(q, anchor, prev_end, forced="forecast")
                if ev is not None:
                    out.append(ev)
                prev_end = q.end
                continue
            if [c for c in self.cues if c.cls in ("consensus", "analysts_expect") and c.end <= q.start
                    and not self._firm_view(c)
                    and ((prev_end <= c.start and not _CLAUSE_MARK.search(self.facts.text, c.end, q.start))
                         or c.start - self.ss <= _OPENER)
                    # "far below Wall Street expectations, sending its shares down 5 percent": the
                    # shares named after the analysts' phrase move in their own terms
                    and not (q.kind == "percent" and any(self.facts.text.find(",", c.end, s.start) >= 0
                                                         for s in self._has("stock", c.end, q.start)))] or consensus_after:
                # a sentence that opens on the analysts' consensus («ويشير متوسط التوقعات إلى ...») states
                # their figures throughout; the analysts' phrase holds for a figure right after too
                # ("expecting a 12 percent jump in sales, to about $10.75 billion")
                nxt = next((p for p in self.qs if p.start >= q.end and p.kind in ("money", "percent")), None)
                if nxt is None or nxt.kind != "money" or nxt.start - q.end > _CONSENSUS_NEXT:
                    prev_end = q.end
                continue  # "analysts were expecting revenue of $3.16 billion", "a forecast ... from ten analysts"
            if anchor is not None and anchor.cls == "investment" and q.kind == "money" and self.pat.loss_provision.match(self.facts.text, q.end) \
                    and not self._has("hedge", self.ss, q.start) and not self._has("plural_firms", max(self.ss, anchor.start - 40), anchor.start) \
                    and not self._negated(max(self.ss, anchor.start - 14), anchor.start):
                # "Wachovia set aside $179 million for bad loans": a lender's provision, a reported figure (no spending)
                self._trigger = anchor
                ev = self._metric(q, Cue(anchor.start, anchor.end, "metric", "provisions"), prev_end)
                if ev is not None and self._subj is not None and ev.type == "financial_metric":
                    out.append(ev)
                prev_end = q.end
                continue
            held = self.pat.cash_held_before.search(self.facts.text, max(self.ss, q.start - 60), q.start) \
                if q.kind == "money" and self.pat.cash_held_after.match(self.facts.text, q.end) else None
            if held is not None and not self._has("hedge", self.ss, q.start) and not self._has("conditional", self.ss, q.start) \
                    and not any(c.cls in ("forecast", "consensus", "analysts_expect", "target", "speculation")
                                and held.start() - 30 <= c.start < held.start() for c in self.cues):
                # "Dell has $8.9 billion in cash", "ended the quarter with $42.25 billion of cash": the company's cash
                # (not "Penney expects to have $1 billion in cash": a forecast, read as before)
                self._trigger = cue = Cue(held.start(), held.end(), "metric", "cash")
                ev = self._metric(q, cue, prev_end)
                if ev is not None and not (ev.type == "forecast" and self._observer(ev)):
                    out.append(ev)
                prev_end = q.end
                continue
            if self._not_event_after(q):
                prev_end = q.end
                continue  # "plans for a $1 billion IPO", "its $12.17 billion share offering"
            if q.kind == "money" and (self._baseline(q) or self._prior_value(q)):
                prev_end = q.end
                continue  # «من 43 مليون ريال ... إلى 27 مليونا»: the figure it changed from
            if ([c for c in self._has("comparison", max(prev_end, q.start - 30), q.start)
                    if not self.pat.new_level.search(self.facts.text, c.end, q.start)]
                    and not self._prior_result(q) and not self._period_compared(q)) or (
                    q.qualifier == "range_to" and dropped is not None and (q.start == dropped[0] or 0 <= q.start - dropped[1] <= 8)):
                prev_end = q.end
                dropped = (q.start, q.end) if q.qualifier == "range_from" else None
                continue  # "compared with 13 billion", "from its previous forecast of $3.7 billion to $3.9 billion"
            if anchor is None and (ev := self._continued_result(q)) is not None:
                out.append(ev)  # «فيما ارتفعت بنسبة 57 في المائة عن الربع الأول»: the sentence before's result
                prev_end = q.end
                continue
            if anchor is None or self._negated(max(self.ss, anchor.start - 14), anchor.start):
                prev_end = q.end
                continue
            if q.kind == "money" and anchor.cls in ("investment", "forecast") and (
                    self.pat.buyback.search(self.facts.text, max(self.ss, q.start - 80), q.start)
                    or self.pat.buyback.search(self.facts.text, q.end, min(self.se, q.end + 30))):
                prev_end = q.end
                continue  # "a new $6.5 billion share buyback, with a pledge to spend $3 billion": shares bought back
            if anchor.cls == "investment" and any(c.cls == "amount_kind" and (
                    anchor.end <= c.start <= anchor.end + 2
                    # "set aside $16.4 billion, or 51 percent of net revenue, for compensation"
                    or (q.end <= c.start < roles.clause_end(self.facts.text, q.end, self.se, self.lang)
                        and self.pat.expense_prep.match(self.facts.text, c.start))) for c in self.cues):
                prev_end = q.end
                continue  # "GM's spending on advertising rose to $4.48 billion": an expense, not an investment
            if anchor.cls == "investment" and q.kind == "money" and (
                    cost := self.pat.expense_purpose.match(self.facts.text, q.end)) and cost.end() <= self.se:
                prev_end = q.end
                continue  # "set aside $770 million to cover its liability", "spent $1.6 billion to cap the well"
            if anchor.cls in ("investment", "forecast") and q.kind == "money" and self._has("squad_spend", self.ss, self.se):
                prev_end = q.end
                continue  # «أنفق ليفربول نحو 77 مليون جنيه لتعزيز صفوفه»: a team's players, not a company's spending
            if anchor.cls in ("investment", "forecast") and q.kind == "money" and (val := self._valuation_figure(q)):
                # "a deal valuing the payment processor at $4.25 billion", "giving Facebook a $15 billion valuation":
                # a company's value, no investment; it is the valuation of the company named right after the
                # valuing verb only ("valued Facebook at"), never of the investor
                valued = self._valued(val, q) if val is not True else None
                if valued is not None:
                    self._trigger = val
                    ev = self._metric(q, val, prev_end)
                    if ev is not None and ev.type == "financial_metric" and ev.args.get("subject") == valued.name:
                        out.append(ev)
                prev_end = q.end
                dropped = (q.start, q.end) if q.qualifier == "range_from" else None
                continue
            if anchor.cls in ("investment", "forecast") and q.kind == "money" and (
                    self.pat.cash_pile_after.match(self.facts.text, q.end)
                    or self.pat.cash_pile_before.search(self.facts.text, max(self.ss, q.start - 50), q.start)
                    or (anchor.start < q.start and self.pat.ad_spend_after.match(self.facts.text, q.end, self.se))):
                prev_end = q.end  # "investing its $20 billion cash pile": money held; "spent $400 million on ads": an expense
                continue
            self._trigger = anchor
            if anchor.cls == "stock":
                if q.kind == "percent":
                    ev = self._stock_move(q, anchor, pct_floor)
                    if ev:
                        out.append(ev)
                        last_move = ev
                elif q.kind == "money" and last_move is not None and "price" not in last_move.args:
                    last_move.args["price"] = q.value
                    last_move.args["price_currency"] = q.unit
            elif anchor.cls == "metric":
                ev = self._metric(q, anchor, prev_end)
                if ev and not (ev.type == "forecast" and self._observer(ev)):
                    if ev.type == "financial_metric" and self._prior_result(q):
                        ev.args["period"] = self._prior_period(q)
                    out.append(ev)
            elif anchor.cls == "not_event":
                pass
            elif anchor.cls == "forecast" and q.kind == "money" and self._after_report(anchor.end, q.start) > anchor.end:
                pass  # "had been expected to report a loss ... but actually reported a $1.2 billion profit"
            elif anchor.cls in ("investment", "forecast") and q.kind == "money":
                ev = self._spend(q, anchor, prev_end)
                if ev is not None and not (ev.type == "forecast" and self._observer(ev)):
                    out.append(ev)  # "Oppenheimer said it sees $40 billion in write-downs": a broker's estimate
            prev_end = q.end
        return self._each(out)

    def _each(self, out: list[Event]) -> list[Event]:
        """«هبوط سهمي إعمار العقارية ... وأرابتك القابضة للبناء 1.3% لكل منهما», "Emaar and Arabtec each fell
        1.3 percent": a percentage said to be each company's is one event per company. The two names of a dual
        («منهما») are the last two before the figure, the second joined by «و»; otherwise the coordinated list."""
        text = self.facts.text
        extra: list[Event] = []
        for ev in out:
            span = ev.args.get("percent_span")
            if not span or ev.type not in ("stock_move", "financial_metric") or not isinstance(ev.args.get("subject"), str):
                continue
            after = self.pat.each_after.match(text, span[1])
            trig = ev.args.get("trigger_span")
            before = trig is not None and trig[1] <= span[0] and \
                self.pat.each_before.search(text, max(self.ss, trig[0] - 16), trig[0]) is not None
            if after is None and not before:
                continue
            lo = max([self.ss] + [q.end for q in self.qs if q.kind == "percent" and q.end <= span[0]])
            stock = ev.type == "stock_move"
            names = [m for m in self.ments if lo <= m.start and m.end <= span[0] and m.ent.type == "ORG" and not m.coref
                     and self._eligible(m, listed=stock)]
            if len(names) < 2 or not self.pat.each_joined.search(text, names[-2].end, names[-1].start):
                continue
            if after is not None and after.groupdict().get("two"):
                group = names[-2:]
            else:
                group = roles.coordinated(text, names, len(names) - 1, self.lang)
            ents = []
            for m in group:
                if all(m.ent.name != e.name for e, _ in ents):
                    ents.append((m.ent, m))
            if len(ents) < 2 or ev.args["subject"] not in [e.name for e, _ in ents]:
                continue
            for e, m in ents:
                if e.name == ev.args["subject"]:
                    continue
                args = dict(ev.args, subject=e.name, subject_id=e.kb_id, subject_span=[m.start, m.end])
                if not e.kb_id:
                    args.pop("subject_id")
                extra.append(Event(type=ev.type, start=ev.start, end=ev.end, args=args, extractor=ev.extractor, text=ev.text))
        return out + extra

    def _list_name(self, q: Quantity, lo: int, head: bool = False) -> Ment | None:
        """The name of a list item: «، وشركة أسمنت الشمالية بنسبة 3%», ", Almarai 3 percent" (from ``lo``, the
        previous percentage's end, only a list separator before the name and only «بنسبة» after it); with
        ``head``, the list's first name, right before its percentage, whatever stands before it."""
        text = self.facts.text
        names = [m for m in self.ments if lo <= m.start and m.end <= q.start and m.ent.type == "ORG"
                 and not m.coref and self._eligible(m, listed=True)]
        if not names or not self.pat.list_item_after.fullmatch(text, names[-1].end, q.start):
            return None
        if not head and not self.pat.list_item_before.fullmatch(text, lo, names[-1].start):
            return None
        return names[-1]

    prev_result: Event | None = None  # the last result the sentence before gave (set by the caller)
    prev_move: Event | None = None  # the last share move the sentence before gave (set by the caller)

    def _continued_result(self, q: Quantity) -> Event | None:
        """«وحققت الشركة أرباحا صافية ... لتبلغ 6.17 مليار ريال.» then «فيما ارتفعت بنسبة 57 في المائة عن الربع
        الأول»: a sentence that opens on a continuing conjunction («فيما», «بينما») and names no company nor any
        kind of figure before its own goes on with the result of the sentence before: its company and metric."""
        prev = self.prev_result
        text = self.facts.text
        if prev is None or not self.pat.continued_opening.match(text, self.ss):
            return None
        if any(self.ss <= m.start < q.start for m in self.all_ments) or any(
                c.cls in ("stock", "index", "metric", "investment", "forecast", "not_event", "consensus", "conditional",
                          "hedge", "target") and self.ss <= c.start < q.start for c in self.cues):
            return None
        if any(p.end <= q.start and p.start >= self.ss for p in self.qs):
            return None  # the first figure of the sentence only
        metric = prev.args.get("metric") or "metric"
        base = metric[:-len("_growth")] if metric.endswith("_growth") else metric
        args = {"subject": prev.args["subject"], "subject_id": prev.args.get("subject_id"),
                "period": (self._period() if q.kind == "money" else None) or prev.args.get("period")}
        # (a change's period is the result's; «عن الربع الأول» after it names the base)
        if q.kind == "percent":
            turns = [c for c in self.cues if c.cls in ("move_up", "move_down", "growth", "decline")
                     and self.ss <= c.start and c.end <= q.start]
            if not turns or base in _LOSS_METRICS:
                return None
            args.update(metric=f"{base}_growth" if base in ("revenue", "segment_revenue") else base,
                        change_pct=(-1.0 if turns[-1].cls in ("move_down", "decline") else 1.0) * abs(q.value),
                        percent_span=[q.start, q.end])
        else:
            if base in _LOSS_METRICS or "value" not in prev.args:
                return None
            args.update(metric=base, **self._amount(q))
            if (prev.args.get("value") or 0) < 0:
                args["value"] = -abs(q.value)
                if q.usd is not None:
                    args["usd"] = -abs(q.usd)
        self._how, self._subj = "carried", None
        trig = prev.args.get("trigger_span")
        self._trigger = Cue(trig[0], trig[1], "metric", base) if trig else None
        ev = self._event("financial_metric", args)
        ev.args["confidence"] = prev.args.get("confidence", 0.6)
        return ev

    def _list_head(self, q: Quantity, anchor: Cue) -> Entity | None:
        """«والشركات المرتفعة أرباحها ... هي، شركة أسمنت المدينة بنسبة 10%، وشركة أسمنت الشمالية بنسبة 3%»: the
        first name of a list of names each with its own percentage (the next percentage is a list item)
        owns the percentage right after it."""
        if q.kind != "percent" or anchor.end > q.start:
            return None
        nxt = next((p for p in self.qs if p.start >= q.end), None)
        if nxt is None or nxt.kind != "percent" or self._list_name(nxt, q.end) is None:
            return None
        m = self._list_name(q, anchor.end, head=True)
        return self._found(m, "nearest") if m is not None and self._eligible(m) else None

    def _list_item(self, q: Quantity, lo: int, out: list[Event]) -> Event | None:
        """A later item of a list of names each with its own percentage after one verb and one noun
        («ارتفعت أرباح شركة أسمنت المدينة بنسبة 10 في المائة، وشركة أسمنت الشمالية بنسبة 3 في المائة»,
        "profit at Yanbu Cement rose 10 percent, Saudi Cement 3 percent"): the previous item's kind of
        figure and direction, for the name right before this percentage."""
        prev = next((e for e in reversed(out) if (e.args.get("percent_span") or [0, 0])[1] == lo
                     and e.type in ("stock_move", "financial_metric") and "change_pct" in e.args
                     and isinstance(e.args.get("subject"), str)), None)
        if prev is None:
            return None
        m = self._list_name(q, lo)
        if m is None or m.ent.name == prev.args["subject"]:
            return None
        if prev.type == "financial_metric" and not self._eligible(m):
            return None
        subject = self._found(m, "nearest")
        sign = -1.0 if prev.args["change_pct"] < 0 else 1.0
        trig = prev.args.get("trigger_span")
        self._trigger = Cue(trig[0], trig[1], "list", None) if trig else None
        if prev.type == "stock_move":
            return self._move_event(subject, q, sign, lo)
        args = {"subject": subject.name, "subject_id": subject.kb_id, "metric": prev.args.get("metric"),
                "period": prev.args.get("period"), "scope": prev.args.get("scope"),
                "change_pct": sign * abs(q.value), "percent_span": [q.start, q.end]}
        return self._event("financial_metric", args)

    def _earlier_move(self, q: Quantity, prev_end: int, last: Event) -> Event | None:
        """«انخفض سهم الاتحاد العقارية 0.8% بعدما صعد 5% أمس الأول», «... وكان الأكثر تداولا بعدما قفز
        بالحد الأقصى اليومي 15%»: a move verb right after "after", with no name since the stock's last
        move, states that stock's move before (the text says which way)."""
        text = self.facts.text
        m = self.pat.move_after_move.search(text, prev_end, q.start)
        verb = m and next((c for c in self.cues if c.cls in ("move_up", "move_down") and c.start == m.start("verb")), None)
        if verb is None or self._last_move is None or self._post_metric(q) is not None:
            return None
        if any(prev_end <= x.start < q.start for x in self.all_ments):
            return None  # «بعدما سجلت الشركة زيادة 23%»: another actor's figure
        subject, self._subj = self._last_move
        self._trigger, self._how = verb, "nearest"
        sign = -1.0 if verb.cls == "move_down" else 1.0
        return self._move_event(subject, q, sign, prev_end)

    def _stock_move(self, q: Quantity, anchor: Cue, prev_end: int) -> Event | None:
        window = (max(self.ss, prev_end), q.start)
        if any(x.kind == "percentage_point" and window[0] <= x.start < q.end + 40 for x in self.all_qs):
            return None  # "its share slipped 1 percentage point to 8.5 percent": a share or a rate, not a price
        if self._has("unchanged", window[0], q.end + 20) and not self._has("move_up", *window) \
                and not self._has("move_down", *window):
            return None
        turn = lambda c: c.cls in ("move_up", "move_down")
        text = self.facts.text
        if self.pat.level_gap.match(text, q.end):
            return None  # "the stock was 25 percent below the HK$19.46 NAV forecast": a distance, not a move
        if anchor.cls == "stock" and self.pat.stock_compound.match(text, anchor.end):
            return None  # "stock underwriting rose 61%", "stock options": the stock word names another thing
        if self.pat.other_growth.match(text, q.end) and not self._has("stock", q.end, min(self.se, q.end + 40)):
            return None  # "a report of 40 percent growth in AOL advertising": another figure's change
        moves = [c for c in self.cues if turn(c) and q.end <= c.start <= q.end + 3 and not text[q.end:c.start].strip()]
        if not moves:  # the nearest direction word of this clause, else of the sentence
            # («بخسارة زادت قليلا على 4%»: a verb of "more than" right before the figure bounds it, it moves nothing)
            bound = self.pat.more_than_before.search(text, max(self.ss, q.start - 30), q.start)
            cut = bound.start() if bound is not None else q.start
            moves = ([c for c in self.cues if turn(c) and window[0] <= c.start < cut]
                     or [c for c in self.cues if turn(c) and self.ss <= c.start < cut])
        if not moves:
            moves = [c for c in self.cues if turn(c) and q.end <= c.start < q.end + 20]
        if not moves:
            return None
        sign = -1.0 if (moves[0] if moves[0].start >= q.end else moves[-1]).cls == "move_down" else 1.0
        if self._unrealised(moves[-1] if moves[-1].start < q.start else moves[0]):
            return None
        named = [m.end for m in self.ments if self.ss <= m.start and m.end <= q.start and self._eligible(m, listed=True)]
        if len(named) > 1 and self.pat.range_before.search(text, max(self.ss, q.start - 60), q.start):
            return None  # «... ومجموعة السعودية الأكثر ارتفاعا بنسب ارتفاع ما بين 9.78%»: a bound of a list's moves
        market = [c for c in self.cues if c.cls in ("market_scope", "index") and max([prev_end] + named) <= c.start < q.start]
        turns = [c for c in self.cues if c.cls in ("move_up", "move_down") and market and market[-1].end <= c.start < q.start]
        if turns and self.pat.market_move_gap.fullmatch(self.facts.text, market[-1].end, turns[0].start):
            return None  # "..., in a broader market that was also up more than 1 percent": the market's move
        between = [m for m in self.ments if max(prev_end, anchor.end) <= m.start and m.end <= q.start
                   and self._eligible(m, listed=True)]
        if (anchor.cls == "stock" and self._last_move is not None and not between and anchor.start >= prev_end
                and self.pat.stock_anaphor.search(text, max(self.ss, anchor.start - 6), anchor.end)):
            # "DP World shares rose 1.3%, and the stock has gained 5.9% since July 28", «وارتفع السهم»
            subject, self._subj = self._last_move
            self._how = "coref"
            return self._move_event(subject, q, sign, prev_end)
        prev_move = self.prev_move
        if (anchor.cls == "stock" and self._last_move is None and prev_move is not None and anchor.start - self.ss <= 16
                and self.pat.stock_anaphor.search(text, max(self.ss, anchor.start - 6), anchor.end)
                and not any(self.ss <= m.start < q.start for m in self.all_ments)):
            # «... مع صعود سهم مؤسسة الإمارات للاتصالات 1.1 في المائة.» / «وهبط السهم 5.4 في المائة اليوم السابق»:
            # «السهم» opening a sentence that names no company is the stock the sentence before moved last
            by_kb = self.by_kb.get(prev_move.args.get("subject_id"))
            subject = by_kb or Entity(prev_move.args["subject"], "ORG", kb_id=prev_move.args.get("subject_id"))
            self._how, self._subj = "carried_anaphor", None
            ev = self._move_event(subject, q, sign, prev_end)
            if prev_move.args.get("subject_span") and "subject" in _withheld(self.lang, "stock_move"):
                # where a move whose sentence names no company is withheld (checks.yaml), the evidence reaches
                # back to the antecedent's name
                ev.start, ev.text = prev_move.start, self.facts.text[prev_move.start:ev.end]
                ev.args["subject_span"] = list(prev_move.args["subject_span"])
            return ev
        if (self._last_move is not None and not between and anchor.cls == "stock" and anchor.end <= prev_end
                and self.pat.move_continued_gap.fullmatch(text, prev_end, q.start)
                and not any(c.cls in ("index", "market_scope", "metric") and prev_end <= c.start < q.start for c in self.cues)):
            # «وتراجعت أسهم آبل بنسبة 8% لتتعافى لاحقا بخسارة زادت قليلا على 4%», "fell as much as 8 percent before
            # recovering to close down 4 percent": the same stock's later move, told by a verb of result or sequence
            subject, self._subj = self._last_move
            self._how = "nearest"
            return self._move_event(subject, q, sign, prev_end)
        governed = self._governed(anchor, q, prev_end, listed=True)
        if (governed is None and anchor.cls == "stock" and anchor.end <= prev_end and not between
                and any(x.kind == "money" and x.end == prev_end for x in self.all_qs)
                and not self.pat.new_subject.search(self.facts.text, prev_end, q.start)
                and not [c for c in self.cues if c.cls in ("index", "market_scope", "comparison", "beat")
                         and prev_end <= c.start < q.start]):
            # "Adobe shares closed at $34.51 and fell 4.5 percent": a price between the stock noun
            # and the move does not end the noun's hold on the company named with it
            governed = self._stock_owner(anchor)
        if governed is not None:
            subject = governed
        elif anchor.end <= prev_end and between:
            subject = self._found(between[-1], "nearest")  # "..., while Alphabet slipped 0.4%"
        elif [c for c in self.cues if c.cls == "pronoun_stock" and c.start <= anchor.start < c.end] or \
                self.pat.result_clause_before.search(text, max(self.ss, anchor.start - 24), anchor.start):
            # "its shares", and "..., sending shares up 6 percent": the move the sentence's subject caused
            named = [m for m in self.ments if self.ss <= m.start < anchor.start and self._eligible(m, listed=True)]
            if not named and self.recent is not None and (self.main is None or self.recent.name != self.main.name):
                # "General Motors said it will pay a dividend. Its stock climbed 2.2 percent ... on the NYSE":
                # the company the sentence before named, not the story's subject
                subject, self._how, self._subj = self.recent, "carried_anaphor", None
            else:
                subject = self._subject(anchor.start, first=True)  # "its shares": the sentence's subject
            if self._how == "carried":
                # "its shares" points back at the company just named: the one this paragraph (or the
                # sentence before) named, which the lead's company does not outrank
                recent = self.recent is not None and subject is not None and self.recent.name == subject.name
                self._how = "carried_anaphor" if recent else "coref"
        else:
            if prev_end > self.ss and not between and self.pat.new_subject.search(text, prev_end, q.start):
                return None  # "..., and the cost of protecting its debt jumped 40 percent": another noun's move
            subject = self._subject(q.start, floor=prev_end if prev_end > self.ss else None, listed=True)
        if subject is None:
            return None
        return self._move_event(subject, q, sign, prev_end)

    def _move_event(self, subject: Entity, q: Quantity, sign: float, prev_end: int) -> Event:
        """The share move of ``subject`` by ``q``; remembered for "the stock" later in the sentence."""
        self._last_move = (subject, self._subj)
        return self._event("stock_move", {"subject": subject.name, "subject_id": subject.kb_id,
                                          "change_pct": sign * abs(q.value), "percent_span": [q.start, q.end],
                                          "period": self._move_horizon(q, prev_end),
                                          "weekday": self._weekday(q, prev_end)})

    def _stock_owner(self, anchor: Cue) -> Entity | None:
        """The company a stock noun is of: named right before it ("Adobe shares", "Adobe's
        shares") or governed right after it ("shares of Adobe", «أسهم أدوبي»)."""
        text = self.facts.text
        for m in self.ments:
            if m.end <= anchor.start and self._eligible(m, listed=True) and \
                    self.pat.stock_owner_gap.fullmatch(text, m.end, anchor.start):
                return self._found(m, "governed")
        gap = self.pat.governed_gap
        for m in self.ments:
            if anchor.end <= m.start and self._eligible(m, listed=True):
                return self._found(m, "governed") if gap.match(text[anchor.end:m.start]) else None
        return None

    def _unrealised(self, verb: Cue) -> bool:
        """"analysts predict Yahoo shares to fall as much as 30%": an expected move, not one that happened."""
        text = self.facts.text
        if not self.pat.to_before.search(text[max(self.ss, verb.start - 6):verb.start]):
            return False
        lo = roles.clause_start(text, self.ss, verb.start, self.lang)
        return bool(self._forecast_cues(lo, verb.start) or self._has("speculation", lo, verb.start)
                    or self._has("hedge", lo, verb.start) or self._has("target", lo, verb.start))

    def _move_horizon(self, q: Quantity, prev_end: int) -> str | None:
        """intraday, close, week, month, year_to_date, since_date or years: the nearest horizon
        word of this figure's clause, before it or just after it."""
        lo = max(prev_end, roles.clause_start(self.facts.text, self.ss, q.start, self.lang))
        hi = min(q.end + 40, roles.clause_end(self.facts.text, q.end, self.se, self.lang) + 2)
        near = [c for c in self.cues if c.cls == "move_horizon" and lo <= c.start < hi]  # +2: "after its debut"
        if not near:  # «في يوم الإعلان ... ارتفع سهم سامسونغ 3.5%، بينما قفز سهم هاينكس 10%»: the sentence's opening time
            near = [c for c in self.cues if c.cls == "move_horizon" and self.ss <= c.start < lo
                    and c.sub not in _SESSION_HORIZONS and c.sub != "debut"]
        # a period word outranks a session word: "fell as much as 50% after its debut" is not one session's
        near = [c for c in near if c.sub not in _SESSION_HORIZONS] or near
        near = [c for c in near if not any(o.start <= c.start and c.end <= o.end and o.end - o.start > c.end - c.start
                                           for o in near)]  # "since its debut", not "its debut"
        return min(near, key=lambda c: abs(c.start - q.start)).sub if near else None

    def _weekday(self, q: Quantity, prev_end: int) -> str | None:
        """The weekday this move's clause names ("fell 5% on Thursday"), for dating the move."""
        lo = max(prev_end, roles.clause_start(self.facts.text, self.ss, q.start, self.lang))
        hi = min(q.end + 40, roles.clause_end(self.facts.text, q.end, self.se, self.lang))
        near = [c for c in self.cues if c.cls == "weekday" and lo <= c.start < hi]
        return min(near, key=lambda c: abs(c.start - q.start)).sub if near else None

    def rankings(self) -> list[Event] | None:
        """«تصدر المرتفعة "X" بنسبة 8%، يليه سهم "Y" بنسبة 7.7%», "top gainers were X, up 5%, and
        Y, up 4%": in a ranking of movers each company is paired with the percentage after it."""
        cues = [c for c in self.cues if c.cls in ("ranking_up", "ranking_down")]
        if not cues:
            cont = self._continued_ranking()
            if cont is None:
                return None
            cues = [cont]
        context = cues + [c for c in self.cues if c.cls == "not_event"]
        out: list[Event] = []
        for q in (x for x in self.qs if x.kind == "percent"):
            rank = [c for c in cues if c.end <= q.start]
            nearest = max((c for c in context if c.end <= q.start), key=lambda c: c.end, default=None)
            if not rank or nearest is None or nearest.cls == "not_event":
                continue  # «من حيث القيمة المتداولة تصدرت ...»: a ranking by traded value, not by move
            if self._has("metric", self.ss, q.start) and not self._has("stock", self.ss, q.start):
                continue  # «الشركات المرتفعة أرباحها»: a ranking of profits, not of share prices
            if self.pat.range_before.search(self.facts.text, max(self.ss, q.start - 60), q.start):
                continue  # «وتراوحت الارتفاعات مابين 2.40%»: a bound of the whole list's moves, not the last name's
            lo = max((p.end for p in self.qs if p.kind == "percent" and p.end <= q.start), default=self.ss)
            names = [m for m in self.ments if lo <= m.start and m.end <= q.start and self._eligible(m, listed=True)
                     and q.start - m.end <= 60]
            if not names:
                continue
            subject = self._found(names[-1], "nearest")
            self._trigger = rank[-1]
            sign = -1.0 if rank[-1].cls == "ranking_down" else 1.0
            out.append(self._event("stock_move", {"subject": subject.name, "subject_id": subject.kb_id,
                                                  "change_pct": sign * abs(q.value),
                                                  "percent_span": [q.start, q.end]}))
        return out or None

    prev_rank: float | None = None  # the direction of the ranking of movers the sentence before gave (set by the caller)

    def _continued_ranking(self) -> Cue | None:
        """«تصدر المرتفعة "الكابلات" بنسبة 5.98%، يليه "العالمية" بنسبة 5.77%.» then «وحل ثالثا "أسيج" بنسبة 4.65%»:
        a sentence that opens on the next place of a ranking goes on with the ranking of the sentence before, its
        direction too; one that opens on a contrast and "topped" («بينما تصدر سهم "صناعات كهربائية" بنسبة 2.8%»)
        names the other side of that ranking. A ranking word of its own (ranking_up/down) outranks both."""
        if self.prev_rank is None:
            return None
        text = self.facts.text
        m = self.pat.ranking_continued.match(text, self.ss)
        sign = self.prev_rank
        if m is None:
            m = self.pat.ranking_contrast.match(text, self.ss)
            sign = -sign
        if m is None:
            return None
        return Cue(m.start(), m.end(), "ranking_up" if sign > 0 else "ranking_down", None)

    def respectively(self) -> list[Event] | None:
        """"Microsoft and Nvidia fell 2% and 3%, respectively": pair names and figures in order."""
        resp = self._has("respectively", self.ss, self.se)
        pcts = [q for q in self.qs if q.kind == "percent"]
        if not resp or len(pcts) < 2:
            return None
        names = [m for m in self.ments if m.end <= pcts[0].start and self._eligible(m)]
        moves = [c for c in self.cues if c.cls in ("move_up", "move_down") and c.end <= pcts[0].start]
        if len(names) < len(pcts) or not moves:
            return None
        if (self._has("metric", self.ss, pcts[0].start) and not self._has("stock", self.ss, pcts[0].start)) \
                or self._forecast_cues(self.ss, pcts[0].start) \
                or self.pat.noun_of.match(self.facts.text, moves[-1].end):  # "reported declines of 20% and 26%"
            return None  # "net profit is expected to fall 10% and 27% respectively": not share moves
        first = names[-len(pcts)]
        if self.pat.recipient.search(self.facts.text[max(self.ss, first.start - 16):first.start]):
            return None  # "The scores for IBM and Intel are lower with 70% and 66%": the names are not the subject
        sign = -1.0 if moves[-1].cls == "move_down" else 1.0
        out = []
        for m, q in zip(names[-len(pcts):], pcts):
            ent = self._found(m, "explicit")
            out.append(self._event("stock_move", {"subject": ent.name, "subject_id": ent.kb_id,
                                                  "change_pct": sign * abs(q.value),
                                                  "percent_span": [q.start, q.end]}))
        return out

    def _index_figure(self, q: Quantity) -> bool:
        """Is the percentage an index's, named right after it ("a 1 percent fall in the Nikkei")?"""
        text = self.facts.text
        return any(c.cls == "index" and q.end <= c.start <= q.end + 60
                   and self.pat.index_gap.match(text[q.end:c.start]) for c in self.cues)

    def _post_metric(self, q: Quantity) -> Cue | None:
        """A metric noun right after a figure, joined by "in/of/في": the figure measures it."""
        self._post_dir = None
        for c in self.cues:
            if c.cls == "metric" and q.end <= c.start <= q.end + 36:
                gap = self.facts.text[q.end:c.start].lower()
                m = self.pat.post_metric_gap.match(gap) or (
                    self.pat.post_metric_gap_money.match(gap) if q.kind == "money" else None)
                if m:
                    # "a 4.5 percent decline in profit": the noun between gives the sign
                    self._post_dir = "down" if m.groupdict().get("down") else "up" if m.groupdict().get("up") else None
                    return c
        return None

    def _bare_move(self, q: Quantity, prev_end: int) -> Event | None:
        """"Microsoft slipped 1.5%": a listed company, a move verb, a percentage, no other cue."""
        lo = max(prev_end, q.start - 40)
        moves = [c for c in self.cues if c.cls in ("move_up", "move_down") and lo <= c.start and c.end <= q.start]
        if not moves:
            return None
        verb = moves[-1]
        orgs = [m for m in self.ments if m.ent.type == "ORG" and max(prev_end, verb.start - 40) <= m.start
                and m.end <= verb.start and self._eligible(m) and not m.coref]  # "awards across the group were down"
        if not orgs:
            return None
        if not orgs[-1].ent.attrs.get("tickers") and not (
                any(self.pat.listing_after.match(self.facts.text, e) for _, e in orgs[-1].ent.mentions)
                and self.pat.listed_move_gap.match(self.facts.text[orgs[-1].end:verb.start])):
            return None  # listed: a ticker in the knowledge base, or after its name here ("Wachovia Corp WB.N") with the verb right after
        group = roles.coordinated(self.facts.text, orgs, len(orgs) - 1, self.lang)
        before = self.facts.text[max(self.ss, group[0].start - 16):group[0].start]
        lo = max(self.ss, group[0].start - 16)
        if self.pat.recipient.search(before) and not (self._has("stock", lo, group[0].start)
                                                      or self._has("stake", lo, group[0].start)):
            return None  # "The scores for IBM and Intel are lower" (but "Shares in Intel slid")
        if self._has("revenue_line", max(self.ss, group[0].start - 40), group[0].start) or \
                self._has("non_metric_noun", max(self.ss, group[0].start - 40), group[0].start) or \
                self._has("non_metric_noun", orgs[-1].end, verb.start) or self._volume_moved(q):
            # "Net investment income at The Hartford fell 8 percent", "PepsiCo saw volume rise 1 percent": that
            # noun moved, not the stock
            return None
        if self.pat.move_noun_before.search(self.facts.text[max(self.ss, verb.start - 8):verb.start]) \
                or self.pat.noun_of.match(self.facts.text, verb.end):
            return None  # "the drop was calculated at 66.5%", "(up) 30 percent": a noun, not the stock's move
        if self._unrealised(verb):
            return None
        if self.pat.bare_move_not.match(self.facts.text[orgs[-1].end:verb.start]):
            return None  # "Harman's inventories were up 40%", "AIG's credit default swaps rose": not the stock
        if sum(m.end <= q.start and self._eligible(m) for m in self.ments) > 1 and self.pat.range_before.search(self.facts.text, max(self.ss, q.start - 60), q.start):
            return None  # «... ومجموعة السعودية الأكثر ارتفاعا بنسب ارتفاع ما بين 9.78%»: a bound of a list's moves
        subject = self._found(orgs[-1], "nearest")
        self._trigger = verb
        sign = -1.0 if verb.cls == "move_down" else 1.0
        return self._event("stock_move", {"subject": subject.name, "subject_id": subject.kb_id,
                                          "change_pct": sign * abs(q.value), "percent_span": [q.start, q.end],
                                          "period": self._move_horizon(q, prev_end),
                                          "weekday": self._weekday(q, prev_end)})

    def _observer(self, ev: Event) -> bool:
        """Is the event's subject an outsider (a newspaper, a regulator, a government, an
        association) or named as the owner of estimates: its figure is of others, not its own forecast."""
        name = ev.args.get("subject")
        named = [m for m in self.all_ments if m.ent.name == name]
        if named and self.pat.estimate_owner_before.search(self.facts.text, max(self.ss, named[0].start - 30), named[0].start):
            return True  # «دون تقديرات إتش إس بي سي التي توقعت», "short of estimates by HSBC": an analyst's figure
        return any(m.ent.attrs.get("category") in _OUTSIDERS for m in named)

    def _firm_view(self, c: Cue) -> bool:
        """"Citigroup analysts expect ...": one named firm's estimate, not a consensus."""
        return c.cls == "analysts_expect" and any(m.ent.type == "ORG" and 0 <= c.start - m.end <= 2 for m in self.all_ments)

    def _consensus_after(self, q: Quantity) -> bool:
        """"in line with a forecast for 752 billion won from ten analysts surveyed by Reuters"."""
        if not any(c.cls == "consensus" or c.cls == "analysts_expect" for c in self.cues):
            return False  # no analysts' word in the sentence (most): no clause end to look for (speed)
        hi = roles.clause_end(self.facts.text, q.end, self.se, self.lang)
        cons = [c for c in self.cues if q.end <= c.start < min(hi, q.end + 90) and (c.cls == "consensus" or (
                c.cls == "analysts_expect" and c.start - q.end <= 3 and not self._firm_view(c)))]
        # "short of the $1.94 billion analysts had expected": the figure is what the analysts expected
        return bool(cons) and not self._has("beat", q.end, cons[0].start)

    def _not_event_after(self, q: Quantity) -> bool:
        """A non-event noun right after the figure names what it measures ("a $1 billion IPO")."""
        text = self.facts.text
        return any(c.cls == "amount_kind" and q.end <= c.start <= q.end + 28
                   # "$1 billion IPO", "$12bn global share offering"; "$18.1 billion of subprime-related writedowns"
                   and ((c.start - q.end <= 16 and len(text[q.end:c.start].split()) <= 1)
                        or self.pat.amount_kind_link.fullmatch(text, q.end, c.start) is not None)
                   and not [x for x in self.cues if q.end <= x.start < c.start and x.cls in AMOUNT_CLASSES]
                   for c in self.cues)

    def _baseline(self, q: Quantity) -> bool:
        """"from $5bn to $7bn", "rose to $7bn from $5bn": the figure after "from" is where a change
        started, when the sentence states another amount (currency-less ones included)."""
        text = self.facts.text
        if not self.pat.from_value.search(text[max(self.ss, q.start - 16):q.start]):
            return False
        return any(x is not q and x.kind in ("money", "count") for x in self.all_qs)

    def _share_of(self, q: Quantity) -> bool:
        """A percentage "of" a metric noun that follows it within a few words."""
        text = self.facts.text
        if not self.pat.share_of.match(text[q.end:q.end + 20]):
            return False
        return any(c.cls == "metric" and q.end < c.start <= q.end + _SHARE_REACH for c in self.cues)

    def _cut_by(self, q: Quantity, anchor: Cue) -> bool:
        """"cut capex by $1bn", «خفض الإنفاق بمقدار»: the size of a cut, not a level. ("cut capex
        to $5bn" states the new level and stays.)"""
        lo = roles.clause_start(self.facts.text, self.ss, anchor.start, self.lang)
        if not self._has("spend_cut", max(lo, anchor.start - 40), anchor.start):
            return False
        return not self.pat.new_level.search(self.facts.text[max(anchor.end, q.start - 12):q.start])

    def _metric(self, q: Quantity, anchor: Cue, prev_end: int) -> Event | None:
        if q.kind == "money" and self._cut_by(q, anchor):
            return None
        if q.kind == "money" and anchor.sub == "capex" and self.pat.capex_plan.search(
                self.facts.text, roles.clause_start(self.facts.text, self.ss, anchor.start, self.lang), q.start):
            # "plans capital spending of $1.5 billion", «تخطط لإنفاق رأسمالي قدره 1.5 مليار»: a capex plan
            # is the spender's investment (CONTRACT, "Capex plan"), not a change's step ("upped its budget
            # by $2 billion to $13 billion", "down $25 million") nor a saving
            if self.pat.capex_change.search(self.facts.text, max(self.ss, q.start - 14), q.start):
                return None
            return self._spend(q, anchor, prev_end, forced="investment")
        if q.kind == "money" and [c for c in self._forecast_cues(self._after_report(self._forecast_floor(anchor), q.start), q.start)
                                  if not (anchor.start <= c.start < anchor.end)]:
            return self._spend(q, anchor, prev_end, forced="forecast")  # guidance: "expects revenue of $54bn"
        if anchor.sub in _OUTLOOK_METRICS and self._outlook(q, anchor):
            # "third-quarter revenue would be $47.5 billion to $50.5 billion", "is on track to bring in more than $60
            # billion in revenue", "sales growth would slow to 5-9 percent": an outlook, not a reported figure
            first = next((p.start for p in self.qs if p.end <= q.start and p.qualifier == "range_from"
                          and q.qualifier == "range_to" and q.start - p.end <= 8), q.start)  # a range's first end
            if q.kind != "money" or (self.pat.outlook_change.search(self.facts.text, anchor.end if anchor.start < q.start else self.ss, q.start)
                                     and not self.pat.new_level.search(self.facts.text[max(self.ss, first - 12):first])):
                # "will defer $1.5 billion in revenue", "would fall another 80-90 billion yen": a change, no level (but
                # "is expected to slip 2 percent to $14.2 billion" names the level)
                return None
            if self.pat.outlook_change_by.search(self.facts.text, max(self.ss, first - 30), first):
                return None  # "will boost earnings by at least 500 million euros": a change's size, no level
            ev = self._spend(q, anchor, prev_end, forced="forecast")
            owner = next((m for m in self.all_ments if m.end <= anchor.start and anchor.start - m.end <= 4 and m.ent.type == "ORG"
                          and self.pat.possessive.match(self.facts.text[m.end:m.end + 3])), None)
            if ev is not None and owner is not None and ev.args.get("subject") != self._org_of(owner.ent).name:
                # "Sun's sales are seen falling 11 percent to $12 billion": the result's owner, named right before it
                own = self._org_of(owner.ent)
                ev.args.update(subject=own.name, subject_id=own.kb_id, subject_span=[owner.start, owner.end])
                if own.kb_id is None:
                    ev.args.pop("subject_id")
            return ev
        if anchor.sub in _NOT_EVENT_METRICS:
            return None  # market shares, assets under management: figures, not a company's results
        if q.kind == "money" and anchor.sub != "capex" and not self.pat.level_bound.match(self.facts.text, q.start) and (
                self.pat.change_amount_before.search(self.facts.text, max(self.ss, q.start - 60), q.start)
                or self.pat.change_amount_after.match(self.facts.text, q.end, min(self.se, q.end + 30))):
            return None  # "revenue fell by $210 million", «الانخفاض في الإيرادات بمبلغ 210 مليون ريال»: a change's size
        if q.kind == "percent" and (self.pat.effect_after.match(self.facts.text, q.end, min(self.se, q.end + 40))
                                    or self.pat.effect_before.search(self.facts.text, max(self.ss, q.start - 40), q.start)):
            return None  # "helped by a 10.8 percent favorable currency impact", «بتأثير العملة بنسبة 3%»: a factor's share
        if q.kind == "money" and anchor.sub == "market_cap" and anchor.start >= q.end and (
                self.pat.value_change_gap.fullmatch(self.facts.text, q.end, anchor.start)
                or (self.pat.value_of_gap.fullmatch(self.facts.text, q.end, anchor.start)
                    and self.pat.value_change_verb.search(self.facts.text, max(self.ss, q.start - 40), q.start))):
            return None  # "wiped $4 billion off its market value", «من قيمتها السوقية»: a change, not the value
        loss_sign = None
        if anchor.sub in _LOSS_METRICS and q.kind == "percent":
            # «تقليص خسائرها بنسبة 92%», «قلصت الشركة خسائرها بنسبة 26%»: the loss's own change, signed by the
            # direction word of its clause; with none stated ("net loss widened 20%") it is left out
            loss_sign = self._loss_direction(q, anchor, prev_end)
            if loss_sign is None:
                return None
        if anchor.sub in _CHANGE_TIED_METRICS and q.kind == "percent" and not (
                anchor.end <= q.start and q.start - anchor.end <= 40
                and self._has_any(("move_up", "move_down", "growth", "decline"), max(self.ss, anchor.start - 30), q.start)):
            return None  # "charges a fee of 2.7 percent", "a charge of 0.15 percent of total assets": a rate
        if anchor.sub == "charge" and (
                self.pat.charge_not_result_before.search(self.facts.text, max(self.ss, anchor.start - 40), anchor.start)
                or self.pat.charge_not_result_after.match(self.facts.text, anchor.end, self.se)):
            return None  # "to settle charges that", "fees it charges shops", "could charge as much as": no write-down
        # the figures before this one, its own range's first end left out ("15 percent to 20 percent")
        floor = max([self.ss] + [p.end for p in self.qs if p.end <= q.start and p.start != q.start and not (
            p.qualifier == "range_from" and q.qualifier == "range_to" and q.start - p.end <= 8)])
        if q.kind == "percent" and any(not any(a <= c.start < b for a, b in self._rel)
                                       for c in self._forecast_cues(floor, q.start)):
            # "the company expects the fastest growth next year from its infrastructure unit, with
            # operating profit up 15 percent to 20 percent": expected, not reported
            return None
        if self._has("promised", roles.clause_start(self.facts.text, self.ss, q.start, self.lang), max(q.start, anchor.end)):
            return None  # "included $2.3 billion in guaranteed annual revenue": a deal's promise, not a result
        if anchor.sub in _LEVEL_METRICS and self._valued_holding(anchor):
            return None  # "Apollo's investment in EP Energy was valued at $971 million": a stake's value, not the firm's
        if self._has("market_scope", anchor.end, anchor.end + 14) and self._governed(anchor, q, prev_end) is None:
            return None  # «مبيعات سوق العقار», "the industry's revenue": market-wide, nobody's result
        if self._has("non_metric_noun", anchor.end, q.start):
            return None  # "sales fell 6% while costs rose 16%", "raised fares and increased capacity by 10%"
        if q.kind == "percent" and (self._has("volume_noun", anchor.end, q.start) or self._volume_moved(q)):
            return None  # "sales volume rose 4 percent", «ارتفع حجم المبيعات 5%»: a volume, not the revenue
        scope = (self._has("market_before", max(self.ss, anchor.start - 16), anchor.start)
                 or (anchor.end <= q.start and self._has("market_before", max(anchor.end, q.start - 40), q.start)))
        if scope and not any(scope[-1].end <= m.start < max(anchor.start, q.start) for m in self.ments):
            return None  # "above the sector's growth of 8 to 9 percent", "industry sales fell 4%": market-wide
        indef = [c for c in self.cues if c.cls == "indefinite_actor" and self.ss <= c.start and c.end <= anchor.start]
        if indef and not any(indef[-1].end <= m.start < anchor.start for m in self.ments if m.ent.type == "ORG"):
            return None  # "too high for a company that posted $1 billion in profit on revenue of ...": nobody named
        if self._has("plural_firms", anchor.end, anchor.end + 8) or self._has("plural_firms", max(self.ss, anchor.start - 12), anchor.start):
            return None  # «أرباح شركات الأسمنت السعودية», "the banks' profits": a sector's figure, not one company's
        lo = roles.clause_start(self.facts.text, self.ss, q.start, self.lang)
        if q.kind == "percent" and (self._forecast_cues(max(prev_end, lo), q.start)
                                    or self._has("target", lo, q.start)):
            return None  # "expects net profit to rise 10%", "a sales growth target of 4-6%": no reported figure
        subject = self._at_company(q) or self._valued(anchor, q) or self._governed(anchor, q, prev_end) or \
            self._list_head(q, anchor)
        if subject is None and self._last_metric is not None and self._last_metric[0] is anchor:
            # "نمت 20.2% لتصل إلى 33 مليار": the same metric, the same company, found the same way
            _, subject, self._how, self._subj = self._last_metric
        if subject is None:
            subject = self._subject(anchor.start, products=True)
        if subject is None:
            return None
        self._last_metric = (anchor, subject, self._how, self._subj)
        metric = anchor.sub or "metric"
        if metric == "net_loss":
            metric = "profit"  # a net loss is a negative profit; the amount's sign is set below
        if q.kind == "money" and metric in _TOTAL_METRICS and self._has(
                "target", roles.clause_start(self.facts.text, self.ss, anchor.start, self.lang), anchor.start):
            # "Toshiba aims to more than double its operating profit to 500 billion yen": the company's
            # own goal for a future figure, a forecast and not a reported result
            return self._event("forecast", {"subject": subject.name, "subject_id": subject.kb_id,
                                            "metric": metric, **self._amount(q)})
        args = {"subject": subject.name, "subject_id": subject.kb_id, "metric": metric, "period": self._period()}
        if metric in _TOTAL_METRICS and self._segment_metric(anchor):
            # "medical device sales rose 8.8%": a part of the business, not the company's total
            args["metric"] = metric = f"segment_{metric}"
            args["scope"] = "segment"
        if q.kind == "percent":
            turns = [c for c in self.cues if c.cls in ("move_up", "move_down", "growth", "decline")
                     and max(prev_end, self.ss) <= c.start < q.start]
            if not turns:  # «تراجع صافي ربح إعمار إلى 50 مليون ريال وهو ما يعادل 76%»: the sentence's direction
                turns = [c for c in self.cues if c.cls in ("move_up", "move_down", "growth", "decline")
                         and self.ss <= c.start < q.start]
            sign = -1.0 if turns and turns[-1].cls in ("move_down", "decline") else 1.0
            after = [c for c in self.cues if c.cls in ("move_up", "move_down", "growth", "decline")
                     and q.end <= c.start <= q.end + 3 and not self.facts.text[q.end:c.start].strip()]
            if after:  # "including a 17 percent drop": the noun right after the figure decides
                sign = -1.0 if after[0].cls in ("move_down", "decline") else 1.0
            if getattr(self, "_post_dir", None):
                sign = -1.0 if self._post_dir == "down" else 1.0
            if metric in ("revenue", "segment_revenue"):
                args["metric"] = f"{metric}_growth"
            if loss_sign is not None:
                args["metric"], sign = anchor.sub, loss_sign
            args["change_pct"] = sign * abs(q.value)
            args["percent_span"] = [q.start, q.end]
        else:
            args.update(self._amount(q))
            if anchor.sub == "net_loss" or self._has("negative_amount", anchor.start, q.end):
                args["value"] = -abs(q.value)
                if q.usd is not None:
                    args["usd"] = -abs(q.usd)
        return self._event("financial_metric", args)

    def _volume_moved(self, q: Quantity) -> bool:
        """Does a volume word, then a move word, come right before the percentage ("saw volume rise 1 percent",
        "output slipped nearly 1 percent", «حجم المبيعات ارتفع 5%»): the percentage is the volume's change."""
        lo = max(self.ss, q.start - 40)
        nouns = [c for c in self.cues if c.cls == "volume_noun" and lo <= c.start and c.end <= q.start]
        return (bool(nouns) and self._has_any(("move_up", "move_down", "growth", "decline"), nouns[-1].end, q.start)
                and not self._has("metric", nouns[-1].end, q.start))  # "Mac units rose, revenue ... fell 8 percent"
    def _loss_direction(self, q: Quantity, anchor: Cue, prev_end: int) -> float | None:
        """Which way a loss moved by a percentage: the last direction word («تقليص», «انخفاض», "reduced",
        "rose") of the figure's clause, the loss word between it and the figure or right after it."""
        lo = max(prev_end, roles.clause_start(self.facts.text, self.ss, q.start, self.lang), self.ss)
        turns = [c for c in self.cues if c.cls in ("move_up", "move_down", "growth", "decline", "spend_cut")
                 and lo <= c.start and c.end <= q.start and not (anchor.start <= c.start < anchor.end)]
        if not turns or not self.pat.loss_change_word.fullmatch(self.facts.text, turns[-1].start, turns[-1].end):
            return None
        return 1.0 if turns[-1].cls in ("move_up", "growth") else -1.0

    def _outlook(self, q: Quantity, anchor: Cue) -> bool:
        """Do words of an outlook ("would", "is on track to") stand between the result word and its figure, with no
        other figure between ("revenue would be $47.5 billion to $50.5 billion"; not "sales growth would slow to 5-9
        percent from the 13 percent reported"), or before a figure the result word follows ("is expected to generate
        over $50 million in revenue")?"""
        text = self.facts.text
        if anchor.start < q.start:
            lo = anchor.end
        elif anchor.start - q.end <= 24:
            lo = roles.clause_start(text, self.ss, q.start, self.lang)
        else:
            return False
        first = q.start  # a range's second end goes with its first
        for p in self.qs:
            if p.end <= q.start and p.qualifier == "range_from" and q.qualifier == "range_to" and q.start - p.end <= 8:
                first = p.start
        if anchor.start < q.start and self.pat.metric_modal_before.search(
                text, max(roles.clause_start(text, self.ss, anchor.start, self.lang), anchor.start - 60), anchor.start):
            return True  # "should boost revenue ... to be between $2.8 billion and $3.0 billion"
        between = [p for p in self.all_qs if lo <= p.start and p.end <= first]
        if self.pat.metric_modal.search(text, max([lo] + [p.end for p in between]), first) is not None:
            return True
        # "revenue would rise about 11 percent to $12.5 billion": the outlook's own growth stands between
        modal = self.pat.metric_modal.search(text, lo, first)
        grows = [p for p in between if modal is not None and p.start >= modal.end()]
        return bool(grows) and all(p.kind == "percent" for p in grows) \
            and self.pat.outlook_growth_to.fullmatch(text, grows[-1].end, first) is not None

    def _prior_value(self, q: Quantity) -> bool:
        """«تراجعت أرباح الشركة 34% بعد أن كانت 42 مليون ريال»: the level before the change, which the
        text gives no results word of its own (unlike «مقابل أرباح بقيمة ...»), is no new figure."""
        return self.pat.prior_value.search(self.facts.text, max(self.ss, q.start - 70), q.start) is not None

    def _period_compared(self, q: Quantity) -> bool:
        """«وانخفضت أرباح الشركة مقارنة بالربع السابق بنسبة 17%»: the comparison names a period, not a
        figure, so the percentage after it is the change, not a baseline."""
        return q.kind == "percent" and self.pat.comparison_period.search(
            self.facts.text, max(self.ss, q.start - 60), q.start) is not None

    def _prior_result(self, q: Quantity) -> bool:
        """«مقابل أرباح بقيمة 403 ملايين ريال في نفس الفترة من العام الماضي»: a comparison that names its own
        results word states that result for the earlier period, a figure of the company like the first."""
        return q.kind == "money" and self.pat.comparison_metric.search(
            self.facts.text, max(self.ss, q.start - 60), q.start) is not None

    def _prior_period(self, q: Quantity) -> str:
        """The period an earlier-period result is for, as the text names it right after or before the figure
        («... 269.7 مليون دولار خلال الفترة نفسها من العام الماضي»), else ``prior_period``: never the period of
        the sentence's own result, which would show last year's figure as this year's."""
        text, pat = self.facts.text, self.pat.prior_period
        m = pat.search(text, q.end, min(self.se, q.end + 80)) or pat.search(text, max(self.ss, q.start - 80), q.start)
        return text[m.start():m.end()] if m else "prior_period"

    def _segment_metric(self, anchor: Cue) -> bool:
        """Is the revenue or profit word that of a part of the business: a segment word right before
        it ("server and networking revenue") or after it («المبيعات المحلية»), or a product ("iPhone sales")?"""
        text = self.facts.text
        if self.pat.metric_verb.fullmatch(text, anchor.start, anchor.end):
            return False  # "The bank earned $340 million": a verb of the whole company's result
        before = [m for m in self.all_ments if m.end <= anchor.start and anchor.start - m.end <= 3]
        if before and before[-1].ent.type == "PRODUCT":
            return True  # "iPhone sales": one product's figure
        if before:
            return False  # "Apple revenue", "Dell's revenue": the company's own
        if self.pat.metric_segment_before.search(text, max(self.ss, anchor.start - 40), anchor.start) \
                or self.pat.metric_region_before.search(text, max(self.ss, anchor.start - 60), anchor.start):
            return True
        after = self.pat.metric_segment_after.match(text, anchor.end, min(self.se, anchor.end + 60))
        # "profit from Bank of America": a company named there owns the figure, no part of it
        return after is not None and not any(after.start() < m.start < after.end() and m.ent.type == "ORG"
                                             and text[m.start].isupper() for m in self.all_ments)

    def _valuation_figure(self, q: Quantity) -> Cue | bool | None:
        """Is ``q`` a company's value ("valued at", "valuing X at", "a valuation of", "a $15 billion
        valuation")? The valuing verb's cue when the company it values is named after it, else True."""
        text = self.facts.text
        m = self.pat.valued_before.search(text, max(self.ss, q.start - 90), q.start)
        if m is not None:
            cue = Cue(m.start("v"), m.end("v"), "metric", "valuation")
            return cue if self._valued(cue, q) is not None else True
        if self.pat.valued_after.match(text, q.end, self.se):
            return True
        return None

    def _valued_company(self, name: str) -> bool:
        """Is ``name`` the company a valuing verb of this sentence values ("which valued Facebook at")?"""
        text = self.facts.text
        for m in self.all_ments:
            if m.ent.name != name or not self.pat.valued_at.match(text, m.end):
                continue
            v = self.pat.valued_verb_before.search(text, max(self.ss, m.start - 20), m.start)
            if v is not None:
                return True
        return False

    def _valued_holding(self, anchor: Cue) -> bool:
        """Is what is valued a holding ("Apollo's investment in EP Energy was valued at", «قيمة حصة
        أبولو»), not a company ("a funding round that values the company at")?"""
        text = self.facts.text
        for h in self.cues:
            if h.cls not in ("investment", "stake"):
                continue
            if h.end <= anchor.start and self.pat.holding_gap.fullmatch(text, h.end, anchor.start):
                return True
            if anchor.end <= h.start <= anchor.end + 2:
                return True
        return False

    def _valued(self, anchor: Cue, q: Quantity) -> Entity | None:
        """"TomTom's bid, which values Tele Atlas at 2.9 billion euros": the company named
        between a valuing verb and "at" is the one valued, not the bidder before it."""
        if anchor.sub not in _LEVEL_METRICS:
            return None
        text = self.facts.text
        m = next((m for m in self.all_ments if anchor.end <= m.start and m.end <= q.start and m.ent.type == "ORG"), None)
        if m is None or not self.pat.valued_gap.fullmatch(text, anchor.end, m.start) \
                or not self.pat.valued_at.match(text, m.end, q.start):
            return None
        return self._found(m, "explicit")

    def _at_company(self, q: Quantity) -> Entity | None:
        """"Profit rose 18 percent at Citigroup ... and 24 percent at Wachovia": the company
        named right after the figure is whose result it is."""
        text = self.facts.text
        m = next((m for m in self.ments if q.end < m.start <= q.end + 12 and m.ent.type == "ORG"
                  and self._eligible(m)), None)
        if m is None or not self.pat.metric_at.match(text[q.end:m.start]):
            return None
        return self._found(m, "explicit")

    def _spend(self, q: Quantity, anchor: Cue, prev_end: int, forced: str | None = None) -> Event | None:
        if self._cut_by(q, anchor):
            return None  # "scale back marketing spending by 231 million euros": a cut is not spending
        etype = forced or "investment"
        if q.kind == "money" and self._valuation_figure(q):
            return None  # "announced a plan ... in a deal valuing the payment processor at $4.25 billion": a value
        if self.pat.cumulative_past.search(self.facts.text, self.ss, min(self.se, q.end + 100)):
            return None  # "... $100 billion on acquisitions since Lewis became chief executive": a past total
        if self.pat.fund_size.search(self.facts.text, max(self.ss, q.start - 80), q.start):
            return None  # "Thrivent, which invests $70 billion": the size of a fund, not a commitment
        if self.pat.firm_size.match(self.facts.text, q.end, self.se):
            return None  # "MegaFon, the $20 billion Russian telecoms firm": a firm's value
        if self.pat.fundraise.search(self.facts.text, max(self.ss, q.start - 40), q.start):
            # "seeks to raise $25 million to invest in", «جمع 25 مليون دولار للاستثمار»: a fund's raise;
            # "Twitter raises $100 million in funding", «جمعت 526 مليون دولار في جولة تمويل»: the raiser
            # receives the money, and its investors are not named here
            return None
        # this statement's forecast words only («... الطرح المتوقع لكل شركة لكنه قال إن ميدور كانت تحتاج إلى ...»)
        forecasts = self._forecast_cues(max(prev_end, roles.anchor_start(self.facts.text, self.ss, q.start, self.lang)), q.start)
        if anchor.cls == "forecast":
            etype = "forecast"
        elif forecasts and not forced:
            f = forecasts[-1]
            if self._has("reach", f.end, q.start) or not self._has("investment", f.end, q.start):
                etype = "forecast"
            else:
                who = self._subject(q.start, floor=prev_end, first=True, observers=True)
                if who is not None and who.attrs.get("category") in FORECASTERS:
                    etype = "forecast"  # an analyst's expectation of others' spending
        if etype == "investment" and anchor.cls == "investment" and (self.pat.market_spend_before.search(
                self.facts.text, max(self.ss, anchor.start - 40), anchor.start)
                or self.pat.market_spend_after.match(self.facts.text, anchor.end)):
            return None  # "global IT spending in 2010 to $3.4 trillion", "consumer spending on console games": a market's
        if etype == "forecast" and self._has("economy_scope", q.end, min(self.se, q.end + 40)):
            return None  # "JPMorgan estimates the phone could provide a $3.2 billion boost to the U.S. economy"
        if etype == "forecast":
            floor = prev_end
            if prev_end == self._forecast_end and not any(prev_end <= m.start and m.end <= q.start
                                              and self._eligible(m, observers=True) for m in self.ments):
                # a further figure of the statement with no name of its own ("Yahoo forecast revenue of
                # $7.35 billion to $7.85 billion and operating income of $1.83 billion") is its subject's
                floor = roles.clause_start(self.facts.text, self.ss, prev_end, self.lang)
            subject = self._subject(q.start, floor=floor, first=True, observers=True)
            if self._subj is not None and subject is not None and subject.type == "ORG":
                self._joint_of(self._subj, [m for m in self.ments if prev_end <= m.start and m.end <= q.start])
            worded = self._subj is not None and bool(self.pat.forecaster_words.search(
                self.facts.text, max(self.ss, self._subj.start - 40), min(q.start, self._subj.end + 40)))
            if subject is not None and (subject.attrs.get("category") in FORECASTERS or worded) and any(
                    m.ent.type == "ORG" and m.ent.name != subject.name and self._subj is not None
                    and (self._subj.end <= m.start < q.start or worded) for m in self.all_ments):
                # «وتوقعت نعيم للسمسرة أرباحا تبلغ 1.09 مليار درهم» after «... لإعمار»: the broker's view of Emaar
                self._how = "analyst_view"  # "EFG Hermes expects Emaar Malls' profit of ...": another firm's view
            verb = anchor if anchor.cls == "forecast" else (forecasts[-1] if forecasts else None)
            if verb is not None and (self.pat.analyst_subject.search(self.facts.text, max(self.ss, verb.start - 40), verb.start)
                                     or self.pat.analyst_subject_after.match(self.facts.text, verb.end)):
                self._how = "analyst_view"  # "two analysts on Thursday projected that JPMorgan would suffer ..."
        else:
            subject = self._spender(q.start, prev_end, anchor)
            if subject is not None and self._official(self._subj):
                subject = None  # a state's spending, announced by its official
            if subject is not None and anchor.cls == "investment" and self._recipient_named(anchor, subject.name):
                subject = None  # "DST invested $100 million in Facebook": Facebook receives, whoever else is named
            officer = self._subj is not None and self._subj.ent.type == "ORG" and next(
                (m for m in self.all_ments if m.ent.type == "PERSON" and self._subj.end <= m.start <= self._subj.end + 60
                 and m.end <= q.start and self.pat.officer_gap.fullmatch(self.facts.text, self._subj.end, m.start)), None)
            if subject is not None and etype == "investment" and self._subj is not None and (officer or (
                    self._subj.ent.type == "PERSON" and subject.name != self._subj.ent.name
                    and any(m.ent.name == subject.name and m is not self._subj for m in self.all_ments))) \
                    and (self._has("stock", roles.clause_start(self.facts.text, self.ss, q.start, self.lang), self.se)
                         or self.pat.goods.match(self.facts.text, q.end)):
                # ("Dell Inc founder and chief executive Michael Dell is spending $100 million to snap up more of his
                # company's stock": the company names its officer, who buys)
                # "Michael Dell will roll over 273 million shares of Dell stock, invest up to $500 million": the person
                # buys his own company's shares with his money; the company invests nothing ("Buffett injected $9 billion
                # into Goldman through purchases of preferred stock" stays Berkshire's: Berkshire is not named there)
                subject = None
            if subject is not None and self._valued_company(subject.name):
                subject = None  # "$100 million ... which valued Facebook at $6.5 billion": the company valued receives
        if self._joint and self._has("respectively", self.ss, self.se):
            return None  # "Fortis and Santander will fund 24 and 19.5 billion euros, respectively": not joint
        args = {"subject": subject.name if subject else None, "subject_id": subject.kb_id if subject else None}
        args.update(self._amount(q))
        args["horizon"] = self._horizon(q)
        if etype == "forecast" and subject is not None:
            self._forecast_end = q.end
        return self._event(etype, args)

    # --- launches, acquisitions, supply deals ----------------------------------
    def launches(self) -> list[Event]:
        out = []
        for cue in (c for c in self.cues if c.cls == "launch"):
            lo = roles.clause_start(self.facts.text, self.ss, cue.start, self.lang)
            if (self._negated(max(self.ss, cue.start - 20), cue.start) or self._has("hedge", cue.start - 15, cue.start)
                    or self._has("speculation", lo, cue.start)):
                continue
            nxt = [c.start for c in self.cues if c.cls == "launch" and c.start > cue.start]
            stop = min(nxt) if nxt else self.se
            if self.pat.launch_not_product.match(self.facts.text, cue.end):
                continue  # "to release its April-June earnings results"
            span = next(((a, b) for a, b in self.rel if a <= cue.start and cue.end <= b), None)
            if span is not None:  # "Microsoft's Zune, which hits store shelves next week, ...": the head is launched
                head = [m for m in self.all_ments if m.ent.type == "PRODUCT" and m.end <= span[0]
                        and self.pat.head_gap.match(self.facts.text[m.end:span[0]])]
                products = head[-1:]
            else:
                products = [m for m in self.ments if m.ent.type == "PRODUCT" and cue.end <= m.start < min(stop, cue.end + 80)]
            # "... servers using the Xeon processor": a part of what is launched, not the launch
            products = [m for m in products if not self.pat.component_gap.search(self.facts.text, cue.end, m.start)]
            # "a music service on the Galaxy S3", "a Game Drive for Xbox": the platform, not the launch,
            # and no product named after it is launched either
            platform = next((i for i, m in enumerate(products) if cue.end <= m.start and self.pat.launch_platform_before.search(
                self.facts.text, max(cue.end, m.start - 30), m.start)), None)
            if platform is not None:
                products = products[:platform]
            unnamed = self._named_after(cue) if not products else None
            if unnamed is not None:
                products = [unnamed]  # "Philips launched "hue"", "released the Streak": a product we do not know
            if not products and platform is None:
                # passive: "the Hunyuan-T1 model launched earlier this year", "النموذج X الذي أطلقته"
                products = [m for m in self.ments if m.ent.type == "PRODUCT"
                            and max(self.ss, cue.start - 40) <= m.start and m.end <= cue.start][-1:]
            listed = products[:1]
            for prev, nxt_p in zip(products, products[1:]):
                gap = self.facts.text[prev.end:nxt_p.start].strip()
                same_family = nxt_p.ent.kb_id is not None and nxt_p.ent.kb_id == products[0].ent.kb_id
                if (not self.pat.product_list_gap.match(gap) and not same_family) or len(listed) >= 4:
                    break
                listed.append(nxt_p)  # a list, or the same family's next versions ("… تليها Ascend 950DT")
            for p in listed:
                self._trigger = cue
                subject = self._launcher(cue, p)
                if subject is None or self._names_company(p, subject):
                    continue  # "Zuckerberg launched Facebook in 2004": founding the company, not a launch
                if self._made_by_other(p, subject):
                    continue  # "T-Mobile started selling Apple's iPhone": a seller, not the maker, launches nothing
                if self._maker_differs(p, subject) and not self.pat.generic_copy.search(self.facts.text, self.ss, self.se):
                    self._how = "not_maker"  # "OnePlus launched a phone with Android": the known maker is another firm
                if self._has("hearsay", lo, self.se):
                    self._how = "hearsay"  # «كشفت تقارير صحافية عن عزم أبل ...», "... around 2016, analysts said"
                args = {"subject": subject.name, "subject_id": subject.kb_id, "product": p.ent.name,
                        "product_id": p.ent.kb_id, "product_span": [p.start, p.end]}
                out.append(self._event("product_launch", args))
        return out or self._new_products()

    def unnamed_launch(self) -> tuple[Entity, Cue] | None:
        """"HTC unveiled two smartphone models", «وطرحت شركة EE في الأسواق هاتفا ذكيا»: a launch whose object
        is a kind of product with no name (launch_unnamed_object), and its launcher (the clause's subject;
        in Arabic the first name after the verb), for the next sentence to name the products."""
        text = self.facts.text
        for cue in (c for c in self.cues if c.cls == "launch"):
            if not self.pat.launch_unnamed_object.match(text, cue.end, self.se):
                continue
            lo = roles.clause_start(text, self.ss, cue.start, self.lang)
            if (self._negated(max(self.ss, cue.start - 20), cue.start) or self._has("hedge", cue.start - 15, cue.start)
                    or self._has("speculation", lo, cue.start) or self._has("hearsay", lo, self.se)):
                continue
            if self.lang == "ar":
                names = [m for m in self.ments if cue.end <= m.start < cue.end + 40 and self._eligible(m)][:1]
            else:
                names = [m for m in self.ments if lo <= m.start and m.end <= cue.start and self._eligible(m)][-1:]
            if names and names[0].ent.type == "ORG":
                return self._org_of(names[0].ent), cue
        return None

    def named_launches(self, launcher: Entity) -> list[Event]:
        """"The two phones -- the Windows Phone 8X and the Windows Phone 8S -- ...", "The service, called
        Groupon Payments, ...", «ويحمل الهاتف اسم "روك"»: a sentence that opens on the kind of product the
        sentence before launched unnamed (launch_naming_opener) names it; each product named there, one after
        the other (launch_naming_gap), is the launcher's launch."""
        text = self.facts.text
        opener = self.pat.launch_naming_opener.match(text, self.ss, self.se)
        if opener is None:
            return []
        products, at = [], opener.end()
        for m in sorted((m for m in self.all_ments if m.ent.type == "PRODUCT" and m.start >= at), key=lambda m: m.start):
            if not self.pat.launch_naming_gap.fullmatch(text, at, m.start) or len(products) >= 4:
                break
            products.append(m)
            at = m.end
        out = []
        for p in products:
            if self._made_by_other(p, launcher) or self._names_company(p, launcher):
                continue
            self._trigger, self._subj, self._how = Cue(opener.start(), opener.end(), "launch"), None, "carried_anaphor"
            out.append(self._event("product_launch", {"subject": launcher.name, "subject_id": launcher.kb_id,
                                                      "product": p.ent.name, "product_id": p.ent.kb_id,
                                                      "product_span": [p.start, p.end]}))
        return out

    def _new_products(self) -> list[Event]:
        """"Palm's new Pre smartphone", "Microsoft's new Bing search engine", «هاتفها الجديد»: a
        company's product called new is its launch (the possessor, or the clause's subject for
        "its"); only products the company makes (its own, or one the knowledge base gives no maker)."""
        text = self.facts.text
        out = []
        for p in (m for m in self.ments if m.ent.type == "PRODUCT"):
            before = self.pat.new_product_before.search(text, max(self.ss, p.start - 60), p.start)
            if before is None and not self.pat.new_product_after.match(text, p.end):
                continue
            maker = None
            if before is not None and before.group("own"):
                maker = next((m for m in reversed(self.ments) if m.end == before.start() and m.ent.type == "ORG"), None)
            elif before is not None:  # "its new ...": the clause's subject
                lo = roles.clause_start(text, self.ss, p.start, self.lang)
                maker = next((m for m in self.ments if lo <= m.start < before.start() and m.ent.type == "ORG"
                              and self._eligible(m, deal=True)), None)
            else:  # «آيفون الجديد»: the company that makes it, named in the sentence
                made_by = self._as_org(p.ent)
                maker = next((m for m in self.ments if made_by is not None and m.ent.type == "ORG"
                              and m.ent.name == made_by.name), None)
            if maker is None or self._maker_differs(p, maker.ent) or self._names_company(p, maker.ent):
                continue  # "barred Samsung from selling its new Galaxy tablets", said Apple: not Apple's product
            if before is not None and not before.group("own") and (p.ent.kb_id is None or self._as_org(p.ent) is None):
                continue  # "its new X" with no known maker: whose "its" is too uncertain
            if self.pat.new_product_not_after.match(text, p.end):
                continue  # "its latest iPad rival": a rival of the product, not the product
            if self._has("hearsay", self.ss, self.se) or self._negated(max(self.ss, p.start - 40), p.start):
                continue
            self._trigger = Cue(before.start() if before is not None else p.end, p.start if before is not None else p.end,
                                "launch")
            self._how, self._subj = "nearest", maker
            out.append(self._event("product_launch", {"subject": maker.ent.name, "subject_id": maker.ent.kb_id,
                                                      "product": p.ent.name, "product_id": p.ent.kb_id,
                                                      "product_span": [p.start, p.end]}))
        return out

    def _other_maker(self, product: Ment, company: Entity):
        """The product's maker in the knowledge base when it is another company than ``company``
        (not the company itself, its parent or its owner), else None."""
        if not product.ent.kb_id or not company.kb_id:
            return None
        maker = self._maker(product.ent.kb_id)
        if maker is None or maker.id == company.kb_id:
            return None
        entry = self.kb.get(company.kb_id)
        if entry is not None and maker.id in (entry.data.get("parent"), getattr(self.kb.org_of(entry), "id", None)):
            return None
        return maker

    def _maker_differs(self, product: Ment, company: Entity) -> bool:
        """Does the knowledge base give the product a maker other than the company (or its parent)?"""
        return self._other_maker(product, company) is not None

    def _made_by_other(self, product: Ment, company: Entity) -> bool:
        """Is the product another named company's ("Apple's iPhone" sold by T-Mobile)? Only when
        the knowledge base knows its maker and the text names that maker, as its possessor."""
        maker = self._other_maker(product, company)
        if maker is None:
            return False
        text = self.facts.text
        return any(self._as_org(m.ent) is not None and self._as_org(m.ent).kb_id == maker.id
                   and 0 <= product.start - m.end <= 4 and roles.possessive(text, m.end, self.lang)
                   for m in self.all_ments if self.ss <= m.start < product.start)

    def _names_company(self, product: Ment, company: Entity) -> bool:
        """Is the product's name one of the company's own names ("launched Facebook")?"""
        name = fold(self.facts.text[product.start:product.end])
        entry = self.kb.get(company.kb_id) if company.kb_id else None
        names = [company.name] + (entry.all_aliases() if entry else []) + asof.former_names(company.kb_id)
        return any(fold(n) == name for n in names)

    def _named_after(self, cue: Cue) -> Ment | None:
        """A product the knowledge base does not know, named right after a launch verb: a quoted
        name or a capitalised one after "its (new)"/"the"/"a" ("launched "hue"", "released the Streak")."""
        m = self.pat.launched_name.match(self.facts.text, cue.end)
        if m is None:
            return None
        s, e = m.span("n") if m.group("n") else m.span("n2")
        name = self.facts.text[s:e].strip().rstrip(".,")
        e = s + len(name)
        if not name or name.split()[0] in self.pat.not_names or name.split()[0] + "." in self.pat.not_names \
                or any(x.start < e and s < x.end for x in self.all_ments):  # "U.S." read without its last dot
            return None
        return Ment(s, e, Entity(name, "PRODUCT", [(s, e)], extractor=EXTRACTOR))

    def _launcher(self, cue: Cue, product: Ment) -> Entity | None:
        before = [m for m in self.ments if m.end <= min(cue.start, product.start) and self._eligible(m)]
        after = [m for m in self.ments if cue.end <= m.start < product.start and self._eligible(m)]
        if after and self.facts.lang == "ar":  # verb-subject order: "كشفت علي بابا عن ..."
            return self._found(after[0], "explicit")
        maker = self._maker(product.ent.kb_id)
        own = [m for m in before if maker is not None and self._org_of(m.ent).kb_id == maker.id]
        if own:  # "Microsoft ... at Apple's lead ... the launch of its Zune": the product's maker, named
            return self._found(own[-1], "explicit")
        if before:
            return self._found(before[-1], "nearest")
        if product.ent.kb_id:
            maker = self._maker(product.ent.kb_id)
            if maker is not None:
                self._how, self._subj = "maker", None
                return self.by_kb.get(maker.id) or Entity(maker.name, "ORG", kb_id=maker.id)
        return self._fallback(self.ss, cue.start)

    def _parties(self, cue: Cue, window: int = 90) -> tuple[Entity | None, list[Entity]]:
        """(agent, candidates after the cue). With no actor before the cue (Arabic verb-first
        order, "ستزود إس كيه هاينكس إنفيديا"), the first name after the cue is the agent."""
        inner = self._relative_parties(cue, window)
        if inner is not None:
            return inner
        before = [m for m in self.ments if self.ss <= m.start and m.end <= cue.start and self._eligible(m, deal=True)]
        text = self.facts.text
        # "Publicis struck a deal with Microsoft to buy Razorfish": a name after a preposition is no buyer
        free = [m for m in before if not self.pat.prep_object_before.search(text, max(self.ss, m.start - 12), m.start)]
        if free and len(free) < len(before):
            before = free
        # the objects stand in the verb's own clause («... على المجموعة، بحسب أشخاص ...، لكن ... كريدي سويس»)
        hi = min(cue.end + window, roles.clause_end(text, cue.end, self.se, self.lang))
        near = [m for m in self.ments if cue.end <= m.start < hi and m.ent.type != "PERSON"]
        after = [e for e in (self._as_org(m.ent) for m in near) if e is not None]
        if before and self.pat.possessive_pronoun.search(text, max(self.ss, cue.start - 40), cue.start) \
                and len(text[self.ss:before[0].start].split()) <= 4:
            # "Comcast is the third owner of Hulu alongside News Corp and Disney, but ... its
            # acquisition of NBC Universal": "its" is the sentence's subject, not the nearest name;
            # "TomTom's U.S. rival Garmin Ltd abandoned its attempt to buy": not the rival's possessor
            first = next((m for m in before if not self.pat.relation_nouns.match(text, m.end)), before[0])
            return self._found(first, "explicit"), after
        if self.lang == "ar" and near and near[0].start - cue.end <= 2 and after and \
                self.pat.object_pronoun.match(text, near[0].end):
            self._how, self._subj = "explicit", near[0]  # «قبل أن تستحوذ مايكروسوفت عليها»: verb, agent, "it"
            return after[0], after[1:]
        if before and self.pat.by_means_before.search(text, max(self.ss, cue.start - 16), cue.start):
            # "HP in turn challenged Cisco by buying 3Com": the means' agent is the clause's subject
            lo = roles.clause_start(text, self.ss, cue.start, self.lang)
            first = next((m for m in before if m.start >= lo), None)
            if first is not None:
                return self._found(first, "explicit"), after
        if before:
            # «وتخلت غارمن منافسة توم توم عن محاولة الاستحواذ», "Garmin, a rival of TomTom, dropped its bid":
            # the company a relation noun names (the rival's, the partner's) is not the actor
            free = [m for m in before if not self.pat.relation_before.search(text, max(self.ss, m.start - 30), m.start)]
            return self._found((free or before)[-1], "nearest"), after
        if self.lang == "ar" and near and after and (near[0].start - cue.end <= 2
                                                    or self.pat.supply_verb_first.match(text, cue.end, near[0].start)):
            self._how, self._subj = "explicit", near[0]
            return after[0], after[1:]  # the name right after the verb («شركة» perhaps between) is its subject
        return None, after  # implicit subject ("استحوذت على ...", "it acquired ...")

    def _relative_parties(self, cue: Cue, window: int) -> tuple[Entity | None, list[Entity]] | None:
        """A deal verb inside a relative clause takes its roles there: "AXA, which bought Mony"
        (the head noun is the agent, the clause's names the objects), «أمازون، التي استحوذت على
        X». With a name between the pronoun and the verb ("Mony, which AXA bought") the roles are
        left to the object-relative rule. None when the cue is in no relative clause."""
        span = next(((a, b) for a, b in self.rel if a <= cue.start and cue.end <= b), None)
        if span is None:
            return None
        text = self.facts.text
        opener = self.pat.relative_open.match(text, span[0])
        lo = opener.end() if opener else span[0]
        head = next((m for m in reversed(self.ments) if m.end <= span[0] and self.ss <= m.start
                     and self.pat.head_gap.match(text[m.end:span[0]])), None)
        inside = [m for m in self.all_ments if lo <= m.start and m.end <= cue.start]
        if inside and inside[-1].ent.type == "ORG" and self._as_org(inside[-1].ent) is not None \
                and self.pat.offer_owner_gap.fullmatch(text, inside[-1].end, cue.start):
            # "pilots, who oppose Delta's bid to buy Northwest": the possessor of the deal word buys
            near = [m for m in self.all_ments if cue.end <= m.start < min(span[1], cue.end + window)
                    and m.ent.type != "PERSON"]
            return self._found(inside[-1], "explicit"), [e for e in (self._as_org(m.ent) for m in near) if e is not None]
        if inside:
            return self._object_relative(head, lo, inside[0], cue)
        if head is None or not self._eligible(head, deal=True):
            return None, []
        near = [m for m in self.all_ments if cue.end <= m.start < min(span[1], cue.end + window)
                and m.ent.type != "PERSON"]
        after = [e for e in (self._as_org(m.ent) for m in near) if e is not None]
        if after and (self.pat.resumptive_object.match(text, cue.end)
                      or self.pat.relative_passive_by.match(text[cue.end:near[0].start])):
            # "Northwestern Corp., which is set to be acquired by Babcock & Brown": the agent follows
            # «لينكد إن، التي استحوذت عليها مايكروسوفت»: the pronoun is the head, the name the agent;
            # a possessor names the agent's owner ("bought by SAP's arch-rival Oracle": Oracle buys)
            first = roles.past_possessors(text, near, self.lang)
            agent = self._as_org(first.ent)
            if agent is None:
                return None, []
            self._how, self._subj = "explicit", first
            return agent, [self._org_of(head.ent)]
        if self.pat.relative_passive_open.match(text, cue.end):
            return None, []  # "Forbes (which was later bought by a Hong Kong group, ...)": the head is bought, never the buyer
        return self._found(head, "explicit"), after

    def _pair(self, cue: Cue) -> tuple[Entity | None, Entity | None]:
        """The two distinct organisations nearest the cue: one on each side when there are,
        else the two nearest on one side (word order varies; the scorer's pair is unordered)."""
        orgs = []
        text = self.facts.text
        for m in self.all_ments:  # "X, whose customers include A and B": the relative clause counts here
            if self.pat.source_before.search(text[max(self.ss, m.start - 20):m.start]):
                continue  # "a French official told Reuters": a source, not a party
            if self.pat.analysts_after.match(text, m.end):
                continue  # "Citigroup Internet analysts attended": the analysts' firm is no party
            ent = self._as_org(m.ent) if m.ent.type != "PERSON" else None
            if (ent is not None and ent.attrs.get("category") not in _NOT_CUSTOMERS
                    and actors.kind(ent.name, ent.kb_id) not in ("supranational", "regulator")):
                orgs.append((m, ent))  # a government buys too ("the General Services Administration chose AT&T")
        before = [(m, e) for m, e in orgs if m.end <= cue.start]
        after = [(m, e) for m, e in orgs if m.start >= cue.end and m.start < cue.end + 90]
        if before and after and before[-1][1].name == after[0][1].name:
            # "producer of chips used to power the iPhone, and also supplies Apple with memory chips":
            # the party named right after the word is not also its party before it
            rest = [(m, e) for m, e in before if e.name != after[0][1].name]
            before = rest or before
        order = []
        if before and after:
            order = [before[-1][1]] + [e for _, e in after] + [e for _, e in reversed(before[:-1])]
        elif before:
            order = [e for _, e in reversed(before)][::-1][-2:] if len(before) >= 2 else []
        elif after:
            order = [e for _, e in after]
        first = order[0] if order else None
        second = next((e for e in order[1:] if first is not None and e.name != first.name), None)
        if (first is not None and second is not None and (not self._has("partnership", self.ss, self.se) or not before)
                and self._coordinated_pair(orgs, first, second)):
            return None, None  # "Dell and Lenovo had announced servers using the chips": one side, not a pair
        return first, second

    def _object_relative(self, head: Ment | None, lo: int, agent_m: Ment, cue: Cue) -> tuple[Entity | None, list[Entity]]:
        """"SuccessFactors, which SAP last month agreed to buy for $3.4 billion": the name opening the
        relative clause buys, the head it hangs on is bought, when nothing but time words stand between
        them and the verb and the verb has no object of its own (a preposition or the clause's end follows)."""
        text = self.facts.text
        if head is None or not self._eligible(head, deal=True) or text[lo:agent_m.start].strip() \
                or not self.pat.object_relative_mid.fullmatch(text, agent_m.end, cue.start) \
                or not self.pat.object_relative_end.match(text, cue.end):
            return None, []
        agent, target = self._as_org(agent_m.ent), self._org_of(head.ent)
        if agent is None or agent_m.ent.type == "PERSON" or _same_company(agent.name, target.name):
            return None, []
        self._how, self._subj = "explicit", agent_m
        return agent, [target]

    def _coordinated_pair(self, orgs: list, a: Entity, b: Entity) -> bool:
        """Are ``a`` and ``b`` named side by side in one list ("Dell and Lenovo")?"""
        ms = [m for m, e in orgs if m.ent.type == "ORG"]  # "the iPad and iPhone" are no list of firms
        for k, x in enumerate(ms):
            if self._as_org(x.ent).name != a.name:
                continue
            group = roles.coordinated(self.facts.text, ms, k, self.lang)  # "AT&T ( T.N ), Qwest and Verizon"
            if len(group) > 1 and any(self._as_org(y.ent).name == b.name for y in group if y is not x):
                return True
        return False

    def _asset_bought(self, cue: Cue, target: Entity) -> bool:
        """Is what the deal word buys an asset of the named company, not the company: securities,
        bonds, loans or patents between the word and the name ("buy mortgage securities backed by
        Fannie Mae") or owned by it right after ("purchase of AOL Inc's patent trove")?"""
        text = self.facts.text
        m = next((m for m in self.ments if m.start >= cue.end and self._as_org(m.ent) is not None
                  and self._as_org(m.ent).name == target.name), None)
        if m is None:
            return False
        return bool(self.pat.acq_asset.search(text, cue.end, m.start) or self.pat.acq_asset_after.match(text, m.end))

    def _accepted_offer(self) -> Event | None:
        """"Yahoo agreed to Microsoft's offer", "accepted X's bid": X acquires the clause's subject."""
        text = self.facts.text
        for cue in (c for c in self.cues if c.cls == "accept_offer"):
            bidder = next((m for m in self.ments if cue.end <= m.start <= cue.end + 6 and m.ent.type == "ORG"
                           and roles.possessive(text, m.end, self.lang)), None)
            if bidder is None or not self._has("offer", bidder.end, bidder.end + 60):
                continue
            target = [m for m in self.ments if self.ss <= m.start and m.end <= cue.start and m.ent.type == "ORG"]
            if not target or target[-1].ent.name == bidder.ent.name:
                continue
            if any(self.pat.shareholder_before.search(text, max(self.ss, m.start - 40), m.start) for m in target):
                continue  # "LSE's biggest shareholders Threadneedle and Scottish Widows reject": voters, not the target
            if not self._voters_ok(cue, target[-1]):
                continue
            self._trigger, self._how, self._subj = cue, "explicit", bidder
            return self._event("acquisition", {"subject": bidder.ent.name, "subject_id": bidder.ent.kb_id,
                                               "target": target[-1].ent.name, "target_id": target[-1].ent.kb_id,
                                               "target_span": [target[-1].start, target[-1].end]})
        return None

    def _voters_ok(self, accept: Cue, target: Ment) -> bool:
        """A vote on an offer ("Sprint shareholders will vote on SoftBank's offer") names the company bought
        as its voters' ("Sprint shareholders", "Shareholders of Sprint"); other accepting verbs need nothing."""
        text = self.facts.text
        if not self.pat.vote_cue.fullmatch(text, accept.start, accept.end):
            return True
        return bool(self.pat.voters_after.match(text, target.end)
                    or self.pat.voters_before.search(text, max(self.ss, target.start - 30), target.start))

    def _offer_from(self) -> Event | None:
        """"Snapchat rejected an acquisition offer from Facebook", «تلقت X عرض استحواذ من Y»:
        the bidder after "from" acquires the company the offer is for ("for X") or, failing
        that, the clause's subject that received it."""
        if not any(c.cls == "takeover_offer" for c in self.cues):
            return None  # no takeover word in the sentence (most): no names to read (speed)
        text = self.facts.text
        orgs = [m for m in self._org_ments() if self._as_org(m.ent) is not None]
        for cue in (c for c in self.cues if c.cls == "takeover_offer"):
            after = [m for m in orgs if cue.end <= m.start < cue.end + 120]
            bidder = next((m for m in after if self.pat.offer_from.match(text, cue.end, m.start)), None)
            if bidder is None:
                continue
            target = next((m for m in after if m.ent.name != bidder.ent.name
                           and self.pat.offer_for.search(text[cue.end:m.start])), None)
            if target is None:
                lo = roles.clause_start(text, self.ss, cue.start, self.lang)
                before = [m for m in self.ments if lo <= m.start and m.end <= cue.start
                          and m.ent.type == "ORG" and m.ent.name != bidder.ent.name]
                target = before[0] if before else None
            if target is None or self._negated(max(self.ss, cue.start - 20), cue.start):
                continue
            self._trigger, self._how, self._subj = cue, "explicit", bidder
            acq = self._org_of(bidder.ent)
            return self._event("acquisition", {"subject": acq.name, "subject_id": acq.kb_id,
                                               "target": target.ent.name, "target_id": target.ent.kb_id,
                                               "target_span": [target.start, target.end], "year": self._period()})
        return None

    def _offer_owner(self) -> Event | None:
        """"Microsoft's $47.5 billion offer for Yahoo", "Sprint raised its buyout offer for
        Clearwire", "a sweetened $8.5 billion bid by Oracle", «عرض مايكروسوفت لشراء ياهو»: the
        offer's owner (a possessor, "its" for the clause's subject, "by X", or in Arabic the name
        right after the noun) bids for the company named after "for", or, for a takeover word, a
        price or a bid, for the company that accepted or rejected it ("Yahoo rejected a $44.6
        billion offer from Microsoft")."""
        offers = [c for c in self.cues if c.cls in ("takeover_offer", "offer")]
        if not offers:
            return None  # most sentences: no offer word, nothing to read (and no names to sort)
        text = self.facts.text
        orgs = [m for m in self._org_ments() if self._as_org(m.ent) is not None and self._eligible(m, deal=True)
                and m.ent.attrs.get("category") not in _STATE_KINDS]
        # a person bids too ("Charoen's revised offer", "an offer by billionaire Kirk Kerkorian"), unless named as a
        # company's officer ("Microsoft CEO Steve Ballmer's offer": the company's)
        people = [m for m in self.all_ments if m.ent.type == "PERSON" and self.ss <= m.start
                  and not self.pat.officer_before.search(text, max(self.ss, m.start - 40), m.start)]
        bidders = sorted(orgs + people, key=lambda m: m.start)
        for cue in offers:
            lo = roles.clause_start(text, self.ss, cue.start, self.lang)
            priced = any(q.kind == "money" and lo <= q.start < cue.start and cue.start - q.end <= 40 for q in self.qs)
            takeover = cue.cls == "takeover_offer" or priced or bool(self.pat.bid_word.fullmatch(text, cue.start, cue.end))
            bidder = next((m for m in reversed(bidders) if lo <= m.start and m.end <= cue.start
                           and self.pat.offer_owner_gap.fullmatch(text, m.end, cue.start)), None)
            if bidder is None:
                # "accepted the tentative $4.7 billion Fairfax offer": a priced name right before the noun owns it
                bidder = next((m for m in reversed(orgs) if lo <= m.start and m.end <= cue.start
                               and self.pat.offer_modifier_gap.fullmatch(text, m.end, cue.start)
                               and self.pat.offer_modifier_before.search(text, max(lo, m.start - 60), m.start)), None)
            accept = next((c for c in self.cues if c.cls == "accept_offer" and 0 <= cue.start - c.end <= 40), None)
            if bidder is None and accept is not None and self.pat.possessive_pronoun.search(text, accept.end, cue.start):
                continue  # "after Yahoo rejected its $47.5 billion offer": "its" is the bidder's, not the rejecter's
            if bidder is None and self.pat.possessive_pronoun.search(text, max(lo, cue.start - 40), cue.start):
                # "its offer": the clause's subject, not a source ("told Reuters IBM reduced its offer")
                # nor an object ("Microsoft, rebuffed by Yahoo in its original takeover bid")
                bidder = next((m for m in orgs if lo <= m.start and m.end <= cue.start
                               and not self.pat.source_before.search(text[max(self.ss, m.start - 20):m.start])
                               and not self.pat.prep_object_before.search(text, max(self.ss, m.start - 12), m.start)), None)
            if bidder is None:
                bidder = next((m for m in bidders if cue.end <= m.start <= cue.end + 40
                               and self.pat.offer_owner_after.fullmatch(text, cue.end, m.start)), None)
            if bidder is None and takeover and self.pat.offer_made_before.search(text, max(lo, cue.start - 80), cue.start):
                # "TomTom made a takeover offer for Tele Atlas": the clause's subject makes the offer
                bidder = next((m for m in orgs if lo <= m.start and m.end <= cue.start
                               and not self.pat.source_before.search(text[max(self.ss, m.start - 20):m.start])
                               and not self.pat.prep_object_before.search(text, max(self.ss, m.start - 12), m.start)), None)
            if bidder is None or self._negated(max(self.ss, cue.start - 30), cue.start):
                continue
            after = [m for m in orgs if max(cue.end, bidder.end) <= m.start < cue.end + 80
                     and m.ent.name != bidder.ent.name]
            target = next((m for m in after if self.pat.offer_for.search(text[max(cue.end, bidder.end):m.start])), None)
            if target is not None and (roles.possessive(text, target.end, self.lang) or text[target.end:target.end + 1] == "-"):
                continue  # "for Portugal Telecom's stake", "for all Facebook-related claims": not the company
            if target is None and accept is not None and bidder.start >= cue.end:
                # verb first, «وافقت ياهو على عرض مايكروسوفت», «رفضت ياهو عرض مايكروسوفت»: the company named between
                # the accepting verb and the offer accepts it, so it is bought (an accepted offer is a takeover's)
                inner = [m for m in orgs if accept.end <= m.start and m.end <= cue.start and m.ent.name != bidder.ent.name]
                if inner and self.pat.accept_subject_gap.fullmatch(text, accept.end, inner[0].start) \
                        and self.pat.accept_offer_gap.fullmatch(text, inner[-1].end, cue.start) \
                        and not self.pat.offer_other_purpose.match(text, bidder.end):  # «عرض سابك لتوريد المواد»
                    target = inner[0]
            if target is None and not takeover:
                continue  # "an offer from Samsung to settle": a plain offer bids only for a company named after "for"
            if target is not None and self.pat.stake_seller_after.match(text, target.end):
                continue  # "raising its offer for Portugal Telecom's stake in Vivo": the owner sells a stake
            if target is None and accept is not None and takeover:
                # "led BEA to accept a sweetened $8.5 billion bid by Oracle": who accepts is bought
                # ("Yahoo may give in to pressure from its shareholders to reconsider Microsoft's offer":
                # the nearest company before the verb, when no other company stands between)
                target = next((m for m in reversed(orgs) if self.ss <= m.start and m.end <= accept.start
                               and m.ent.name != bidder.ent.name and not any(  # "BlackBerry, which competes with Apple,"
                                   a <= m.start and m.end <= b <= accept.start for a, b in self.rel)), None)
                if target is not None and (self.pat.shareholder_before.search(text, max(self.ss, target.start - 40), target.start)
                                           or self.pat.pronoun_between.search(text, target.end, accept.start)
                                           or not self._voters_ok(accept, target)):
                    target = None  # "LSE's biggest shareholders Threadneedle ... reject"; "granted it a waiver to consider"
            if target is None or _same_company(bidder.ent.name, target.ent.name):
                continue
            price = next((q for q in self.qs if q.kind == "money" and lo <= q.start < cue.start
                          and cue.start - q.end <= 40 and not self.pat.per_share.match(text, q.end)), None)
            if bidder.ent.type == "PERSON":  # the person bids, not the company the knowledge base links to
                self._trigger, self._how, self._subj = cue, "explicit", bidder
                tgt = self._org_of(target.ent)
                return self._event("acquisition", {"subject": bidder.ent.name, "subject_id": bidder.ent.kb_id,
                                                   "target": tgt.name, "target_id": tgt.kb_id,
                                                   "target_span": [target.start, target.end], "year": self._period(),
                                                   **(self._amount(price) if price is not None else {})})
            return self._takeover(cue, bidder, target, price)
        return None

    def _taken_over_by(self) -> Event | None:
        """"OfficeMax awaits approval for its acquisition by Office Depot", "West Ham United agreed
        a 85 million pound takeover by an Icelandic consortium led by Eggert Magnusson": the name
        after "by" buys the company the clause is about (the nearest name before, with no comma
        between)."""
        if not any(c.cls == "deal_by" for c in self.cues):
            return None  # no deal noun with "by" (most sentences)
        text = self.facts.text
        for hit in self.pat.deal_noun_agent.finditer(text, self.ss, self.se):
            lo = roles.clause_start(text, self.ss, hit.start(), self.lang)
            if self._negated(max(lo, hit.start() - 30), hit.start()) or \
                    self._has("deal_hedge", lo, hit.end()):
                continue  # "might agree to a takeover by", "its possible acquisition by"
            agent = next((m for m in self.all_ments if hit.end() <= m.start <= hit.end() + 60
                          and m.ent.type in ("ORG", "PERSON")), None)
            if agent is None or not self.pat.deal_noun_agent_gap.fullmatch(text, hit.end(), agent.start) or \
                    (agent.ent.type == "ORG" and self._as_org(agent.ent) is None):
                continue
            target = next((m for m in reversed(self._org_ments()) if lo <= m.start and m.end <= hit.start()), None)
            if target is None or self.pat.deal_noun_target_gap.search(text, target.end, hit.start()) or \
                    _same_company(target.ent.name, agent.ent.name):
                continue
            cue = Cue(hit.start(), hit.end(), "acquisition")
            if agent.ent.type == "PERSON":
                self._trigger, self._how, self._subj = cue, "explicit", agent
                tgt = self._org_of(target.ent)
                return self._event("acquisition", {"subject": agent.ent.name, "subject_id": agent.ent.kb_id,
                                                   "target": tgt.name, "target_id": tgt.kb_id,
                                                   "target_span": [target.start, target.end], "year": self._period()})
            return self._takeover(cue, agent, target, None)
        return None

    def _takeover(self, cue: Cue, buyer: Ment, target: Ment, price: Quantity | None) -> Event:
        """The acquisition of ``target`` by ``buyer`` (each as its group's company), found by ``cue``,
        priced by ``price`` when there is one."""
        self._trigger, self._how, self._subj = cue, "explicit", buyer
        acq = self._org_of(buyer.ent)
        # "eBay's takeover of Internet phone service Skype": a business named like a product is the
        # target itself, never the company that makes the product (today or then)
        tgt = target.ent if target.ent.type == "PRODUCT" else self._org_of(target.ent)
        args = {"subject": acq.name, "subject_id": acq.kb_id, "target": tgt.name, "target_id": tgt.kb_id,
                "target_span": [target.start, target.end], "year": self._period()}
        if price is not None:
            args.update(self._amount(price))
        return self._event("acquisition", args)

    def acquisitions(self) -> list[Event]:
        found = self._acquisitions()
        return found + self._rivals(found) if found else found

    def _rivals(self, found: list[Event]) -> list[Event]:
        """"... its bid for ABN AMRO as it attempts to beat rival suitor Barclays": a rival bidder
        named in the sentence of a bid bids for the same company."""
        deal = next((e for e in found if e.type == "acquisition" and e.args.get("target")), None)
        if deal is None:
            return []
        text, pat = self.facts.text, self.pat.rival_bidder_before
        out = []
        for m in self._org_ments():
            ent = self._org_of(m.ent)
            if ent.name in (deal.args["subject"], deal.args["target"]) or not self._eligible(m, deal=True):
                continue
            if pat.search(text, max(self.ss, m.start - 40), m.start):
                out.append(self._event("acquisition", {"subject": ent.name, "subject_id": ent.kb_id,
                                                       "target": deal.args["target"],
                                                       "target_id": deal.args.get("target_id")}))
        return out

    def _acquisitions(self) -> list[Event]:
        offer = self._accepted_offer() or self._offer_from() or self._offer_owner() or self._taken_over_by()
        if offer is not None:
            return [offer]
        out = []
        done = None  # the relative clause whose deal was read: the sentence may name another deal after it
        for cue in (c for c in self.cues if c.cls in ("acquisition", "offer_verb", "acq_noun")):
            if done is not None and (cue.start < done[1] or not any(a <= cue.start and cue.end <= b for a, b in self.rel)):
                continue  # after a deal told in a relative clause, only another relative clause's deal
            if self._negated(max(self.ss, cue.start - 45), cue.start):
                continue  # "would not have enough cash to fund the acquisition of"
            if self.pat.buy_noun_before.search(self.facts.text, max(self.ss, cue.start - 12), cue.end):
                continue  # "media units that were much better for premium buys": a noun, not a purchase
            lo = roles.clause_start(self.facts.text, self.ss, cue.start, self.lang)
            inner = next((a for a, b in self.rel if a <= cue.start and cue.end <= b), None)
            if inner is not None:
                lo = max(lo, inner)  # «بمحاولة شراء فوربس (التي استحوذت عليها X)»: the attempt is not the relative clause's deal
            own = self.pat.possessive_pronoun.search(self.facts.text, max(lo, cue.start - 40), cue.start) \
                if cue.cls == "acquisition" else None
            if any(c.cls == "deal_hedge" and lo <= c.start < cue.start and c.end <= cue.end for c in self.cues) and not (
                    own is not None and not self.pat.deal_noun_unreal.search(self.facts.text, own.start(), cue.end)
                    and not any(c.cls == "deal_hedge" and own.start() <= c.start for c in self.cues)):
                # "rumors that Nike is interested in buying Puma", "of any merger with": no deal was made; but "could
                # take a writedown for its $2.1 billion acquisition of Redback" names a deal made (the hedge is the writedown's)
                continue
            self._trigger = cue
            roles_found = self._deal_roles(cue)
            if roles_found is not None:
                out.append(roles_found)
                break
            if cue.cls == "acquisition" and self._noun_by(cue, [m for m in self._org_ments() if cue.end <= m.start < cue.end + 120]):
                continue  # a hypothetical "acquisition of X by Y": its roles are known, the nearest names would reverse them
            if cue.cls in ("offer_verb", "acq_noun"):
                continue
            subject, after = self._parties(cue)
            if subject is not None and self._subj is not None and self._subj.end <= cue.start and \
                    self._generic_bidder(self._subj, cue):
                continue  # "... as private equity firms prepared to buy the company": the firms buy
            head = self._factbox_head()
            if subject is not None and head is not None and subject.name == self._org_of(head.ent).name:
                # "Yahoo - After offering to buy the former internet company in 2008": the item's
                # name is the company bought; the buyer is the factbox's subject
                subject, after = None, [self._org_of(head.ent)] + [e for e in after if e.name != head.ent.name]
            if subject is None and self._generic_subject(cue):
                continue  # "Private equity firms have acquired several retailers, including Petco": nobody named buys
            fallback = subject is None
            if subject is None:
                subject = self._fallback(self.ss, cue.start)
            if fallback and subject is not None and after and after[0].name == subject.name:
                continue  # "buying Yahoo on the assumption ...," said RBC analyst: the story's subject is bought, the buyer unnamed
            first = next((m for m in self.ments if m.start >= cue.end and self._as_org(m.ent) is not None), None)
            if first is not None and first.ent.type == "PRODUCT" and self.pat.goods_gap.match(self.facts.text[cue.end:first.start]):
                continue  # "those who bought iPhones", "reluctant to buy an iPhone": goods, not the company that makes them
            if first is not None and first.coref and subject is not None and self._as_org(first.ent).name == subject.name:
                continue  # «للاستحواذ على المجموعة» read as the buyer itself: the company bought is not found
            target = next((e for e in after if subject is None or e.name != subject.name), None)
            if first is not None and first.ent.type == "PRODUCT" and subject is not None and first.ent.name != subject.name \
                    and self.pat.business_gap.match(self.facts.text[cue.end:first.start]) \
                    and (target is None or target.name == self._as_org(first.ent).name):
                # "eBay's takeover of Internet phone service Skype": the business of that name is bought, not its maker
                target = Entity(first.ent.name, "ORG", kb_id=None)
                business = first
            else:
                business = None
            if target is None and subject is not None and self._subj is not None and (
                    0 <= cue.start - self._subj.end <= 3 or 0 <= self._subj.start - cue.end <= 2) and self.pat.object_pronoun.match(
                    self.facts.text, self._subj.end if self._subj.start >= cue.end else cue.end):
                # "he was at PayPal Inc before eBay Inc bought it in 2002", «... التي استحوذت عليها»: the
                # company named before the buyer in the sentence is what "it" stands for
                prior = next((m for m in reversed(self.ments) if m.end <= min(self._subj.start, cue.start) and m.ent.type == "ORG"
                              and self._as_org(m.ent) is not None and self._as_org(m.ent).name != subject.name), None)
                if prior is not None:
                    target = self._as_org(prior.ent)
            if target is not None and self._asset_bought(cue, target):
                continue  # "a plan to buy $500 billion of mortgage securities backed by Fannie Mae": assets, not a company
            if subject is not None and target is None and self._has("stake", cue.end, cue.end + 40):
                # "Elevation Partners bought a 25 percent stake in Palm for $325 million" with a company
                # we do not know: the buyer still invests the price it paid
                text = self.facts.text
                price = next((q for q in self.qs if q.kind == "money" and cue.end <= q.start <= cue.end + 120
                              and self.pat.price_for.search(text, max(cue.end, q.start - 16), q.start)), None)
                if price is not None:
                    out.append(self._event("investment", {"subject": subject.name, "subject_id": subject.kb_id,
                                                          **self._amount(price)}))
                    break
            if subject is None or target is None:
                continue
            hit = business or next((m for m in self.ments if m.start >= cue.end and self._as_org(m.ent) is not None
                                    and self._as_org(m.ent).name == target.name), None)
            if hit is not None and self.pat.quote_close_said.search(self.facts.text, cue.end, hit.start):
                continue  # "... to buy any other company in the world," said John Orrico, portfolio manager at the Arbitrage Fund
            if hit is not None and self.pat.reporter_after.match(self.facts.text, hit.end) \
                    and "," in self.facts.text[cue.end:hit.start]:
                continue  # "... to acquire Palm, Taiwan's Economic Daily News reported": the source, not the target
            if hit is not None and roles.possessive(self.facts.text, hit.end, self.lang):
                # "to buy ABN's U.S. bank LaSalle": the owner sells, the company it owns is bought
                owned = next((m for m in self.ments if hit.end < m.start <= hit.end + 40 and m.ent.type == "ORG"
                              and self._as_org(m.ent).name not in (subject.name, target.name)
                              and self.pat.owner_gap.match(self.facts.text, hit.end, m.start)), None)
                if owned is not None:
                    target, hit = self._as_org(owned.ent), owned
            if hit is not None and hit.ent.type == "PRODUCT" and hit.start - cue.end > 30:
                continue  # "by buying database software from Borland and WordPerfect, an alternative to Microsoft Word"
            at, to = (hit.start, hit.end) if hit else (cue.end, cue.end)
            if head is not None and hit is None:
                at = self.se  # the target is the item's name before the verb: what follows the verb is what was bought
            text = self.facts.text
            minority = any(q.kind == "percent" and cue.end <= q.start < at and abs(q.value) < 50 for q in self.all_qs) \
                and not self.pat.remainder_stake.search(text, cue.end, min(self.se, to + 40))  # "the 44 percent it doesn't already own"
            control = any(q.kind == "percent" and cue.end <= q.start < at + 40 and abs(q.value) >= 50 for q in self.all_qs)
            if (minority or self._has("stake", cue.start, at)) and not control \
                    and not self.pat.bid_cue.search(text, cue.start, cue.end):
                # "Elevation Partners bought a 25 percent stake in Palm for $325 million": the
                # buyer invests the price; "acquire 48% of AC Milan" buys no control
                price = self._deal_price(cue, subject, target, to) if hit is not None or head is not None else None
                if price is not None and (self.pat.price_for.search(text, max(to, price.start - 12), price.start)
                                          or price.end <= cue.start):
                    out.append(self._event("investment", {"subject": subject.name, "subject_id": subject.kb_id,
                                                          **self._amount(price)}))
                if minority:
                    break
            if any(q.kind in ("count", "number") and cue.end <= q.start < at for q in self.all_qs) and hit is not None:
                break  # "signed a deal to buy 22 Boeing 787 Dreamliners": items bought, not the company
            if ((self._has("stake", cue.start, at) and not control) or self.pat.goods.search(text[cue.end:at])
                    or self.pat.goods.search(text[to:to + 16])):
                if self._has("supply_object", cue.start, self.se) and target.name != subject.name:
                    out.append(self._event("supply_deal", {"subject": target.name, "subject_id": target.kb_id,
                                                           "counterparty": subject.name,
                                                           "counterparty_id": subject.kb_id}))
                elif self.pat.asset_goods.search(text, cue.end, min(self.se, to + 30)):
                    # "buy the wireless airwave licenses of Aloha Partners for about $2.5 billion": the
                    # buyer spends the price on assets (an investment), it does not buy the company
                    price = self._deal_price(cue, subject, target, to)
                    if price is not None:
                        out.append(self._event("investment", {"subject": subject.name, "subject_id": subject.kb_id,
                                                              **self._amount(price)}))
                break  # buying chips, shares or capacity is not buying the company
            if self._sold_by(cue, target):
                continue  # "buy AssuraMed from Clayton Dubilier & Rice": the seller is no target
            if hit is not None and (self.pat.stake_seller_before.search(text, max(cue.end, hit.start - 40), hit.start)
                                    or self.pat.stake_seller_after.match(text, hit.end)):
                continue  # "bought Credit Suisse's stake in X", «الحصة التي يملكها كريدي سويس»: the owner sells
            args = {"subject": subject.name, "subject_id": subject.kb_id, "target": target.name,
                    "target_id": target.kb_id, "year": self._period(),
                    "target_span": [hit.start, hit.end] if hit else None}
            price = self._deal_price(cue, subject, target, to)
            if price is not None:
                args.update(self._amount(price))
            out.append(self._event("acquisition", args))
            done = next(((a, b) for a, b in self.rel if a <= cue.start and cue.end <= b), None)
            if done is None:
                break
            # «فوربس (التي استحوذت عليها ... إنتيجريتد)، وحاولت شراء أمريكا أون لاين، التي استحوذت عليها فيرايزون»:
            # a deal told inside a relative clause leaves the sentence's later deals to be read
        return out

    def _sold_by(self, cue: Cue, ent: Entity) -> bool:
        """Is ``ent``'s first name after the cue the seller ("from X", «من X»)?"""
        hit = next((m for m in self.all_ments if m.start >= cue.end and self._as_org(m.ent) is not None
                    and self._as_org(m.ent).name == ent.name), None)
        if hit is None:
            return False
        gap = self.pat.seller_gap.search(self.facts.text, cue.end, hit.start)
        # «استحوذت على 70 في المائة من سابك»: a share of the company, not a seller (but "49 percent from GE" is)
        return gap is not None and not (self.pat.percent_of_word.match(self.facts.text, gap.start()) and any(
            q.kind == "percent" and 0 <= gap.start() - q.end <= 2 for q in self.all_qs))

    def _deal_price(self, cue: Cue, subject: Entity, target: Entity, target_end: int) -> Quantity | None:
        """The deal's price: "Hewlett-Packard Co's $11.7 billion deal to buy Autonomy" states it
        before the verb; else the first figure after it, unless another company's name comes
        first ("... and Google's $12.5 billion purchase of Motorola") or it is a raise's step
        ("raise the price by $5 billion to $47.5 billion")."""
        text = self.facts.text
        lo = self._subj.end if self._subj is not None and self._subj.end <= cue.start else cue.start
        # "buy Bear Stearns for $2 a share": a price per share is not the deal's value
        per_share = [m.end() for q in self.qs if q.kind == "money" and q.start > cue.start
                     for m in [self.pat.per_share.match(text, q.end)] if m]
        money = [q for q in self.qs if q.kind == "money" and not self.pat.per_share.match(text, q.end)
                 and not (per_share and per_share[0] <= q.start  # "$54.50 per share, or about $1.5 billion" only
                          and not self.pat.per_share_total_gap.match(text, per_share[0], q.start))]
        before = [q for q in money if lo <= q.start and q.end <= cue.start and cue.start - q.end <= 30
                  and not [c for c in self.cues if c.cls in ("metric", "not_event") and q.end <= c.start < cue.start]]
        # "an $8.8 billion write-down on its acquisition of Autonomy": a charge, not the price
        if before:
            return before[-1]
        after = [q for q in money if q.start > cue.start]
        for i, q in enumerate(after):
            t_start = next((m.start for m in self.all_ments if m.end == target_end), target_end)
            if q.end <= t_start and self.pat.coordination_before.search(text, q.end, t_start):
                continue  # "buy 3Par for $2.4 billion and ArcSight Inc for $1.5 billion": an earlier item's price
            if any(max(cue.end, target_end) <= m.start < q.start and m.ent.type == "ORG"
                   and m.ent.name not in (subject.name, target.name) for m in self.all_ments):
                return None  # the figure is another company's deal
            if self.pat.by_step.search(text[max(self.ss, q.start - 6):q.start]) and i + 1 < len(after):
                continue  # "by $5 billion to $47.5 billion": the step, then the price
            return q
        return None

    def _org_ments(self) -> list[Ment]:
        return [m for m in self.all_ments if m.ent.type == "ORG"]

    def _deal_roles(self, cue: Cue) -> Event | None:
        """Acquirer and target read from the clause's shape rather than the nearest names:
        a passive ("EP Energy, bought last year by a consortium led by Apollo"), a relative
        object ("Bandag Inc., a supplier ... that Bridgestone acquired") or an offer for a
        target ("offered A$3 billion on Monday for Nufarm")."""
        text = self.facts.text
        orgs = self._org_ments()
        before = [m for m in orgs if self.ss <= m.start and m.end <= cue.start]
        after = [m for m in orgs if cue.end <= m.start < cue.end + 120]
        acquirer = target = None
        if cue.cls == "acq_noun":
            # «صفقة استحواذ هاليبرتون على منافستها بيكر هيوز»: the noun, its acquirer, then «على» the target
            agent = next((m for m in after if 0 <= m.start - cue.end <= 2
                          or self.pat.acq_noun_agent_gap.fullmatch(text, cue.end, m.start)), None)
            if agent is not None:
                target = next((m for m in after if m.start > agent.end
                               and self.pat.noun_agent_gap.match(text, agent.end, m.start)), None)
                acquirer = agent if target is not None else None
            else:
                # «ستحصل على دفعة عند اتمام صفقة استحواذ بقيمة 15.6 مليار يورو على الكاتيل-لانسيت»: a priced deal
                # noun with no buyer named in its clause is the story's subject's
                target = next((m for m in after if self.pat.acq_noun_priced_gap.fullmatch(text, cue.end, m.start)), None)
                lo = roles.clause_start(text, self.ss, cue.start, self.lang)
                if target is not None and not any(lo <= m.start for m in before) \
                        and not any(lo <= m.start < cue.start and m.ent.type == "PERSON" for m in self.all_ments):
                    buyer = self._fallback(lo, cue.start)
                    if buyer is not None and not _same_company(buyer.name, target.ent.name):
                        return self._event("acquisition", {"subject": buyer.name, "subject_id": buyer.kb_id,
                                                           "target": target.ent.name, "target_id": target.ent.kb_id,
                                                           "target_span": [target.start, target.end],
                                                           "year": self._period()})
                target = None
        elif cue.cls == "offer_verb":
            target = next((m for m in after if self.pat.offer_for.search(text[cue.end:m.start])), None)
            acquirer = before[-1] if before else None
        elif after and before and self.pat.passive_by.search(text[cue.end:after[0].start]) and not \
                self.pat.stake_seller_before.search(text, max(cue.end, after[0].start - 40), after[0].start) \
                and not self.pat.acq_asset.search(text, cue.end, after[0].start):  # "securities backed by X"
            # "bought by SAP's arch-rival Oracle": a possessor names the buyer's owner or rival
            acquirer = roles.past_possessors(text, after, self.lang)
            last = next((m for m in reversed(before) if not m.coref), before[-1])
            target = last if self.pat.passive_head_gap.match(text[last.end:cue.start]) else before[0]
        elif before and cue.start - before[-1].end <= 2 and \
                self.pat.relative_object.search(text[max(self.ss, before[-1].start - 10):before[-1].start]) and \
                self.pat.object_relative_end.match(text, cue.end) and (len(before) >= 2 or self._apposed_head(before[-1], cue) is not None):
            # "Instagram, the photo-sharing app that Facebook acquired for $750 million": the name the
            # apposition describes (an app's name too) is bought
            acquirer, target = before[-1], self._apposed_head(before[-1], cue) or before[-2]
        elif self._noun_by(cue, after) and not self._unreal_noun(cue, after[1]):
            # "the 2005 acquisition of US Airways by America West": the agent follows "by"
            acquirer, target = after[1], after[0]
        if acquirer is None or target is None or acquirer.ent.name == target.ent.name:
            return None
        if acquirer.end <= cue.start and self._generic_bidder(acquirer, cue):
            return None  # "Catalina hired Goldman Sachs as private equity firms prepared bids": the firms bid
        self._how, self._subj = "explicit", acquirer
        acq = self._org_of(acquirer.ent)
        return self._event("acquisition", {"subject": acq.name, "subject_id": acq.kb_id,
                                           "target": target.ent.name, "target_id": target.ent.kb_id,
                                           "target_span": [target.start, target.end], "year": self._period()})

    def _apposed_head(self, agent: Ment, cue: Cue) -> Ment | None:
        """"Instagram, the photo-sharing app that Facebook acquired for ...": the company or product
        named right before an apposition whose relative clause the agent opens, when the verb has
        no object of its own."""
        text = self.facts.text
        if not self.pat.object_relative_end.match(text, cue.end):
            return None
        head = next((m for m in reversed(self.all_ments) if self.ss <= m.start and m.end <= agent.start
                     and m.ent.type in ("ORG", "PRODUCT")), None)
        if head is None or not self.pat.relative_apposition_gap.fullmatch(text, head.end, agent.start):
            return None
        return head

    def _noun_by(self, cue: Cue, after: list[Ment]) -> bool:
        """A deal noun with "of", the company bought, then "by" its buyer ("the takeover of NYSE Euronext by
        IntercontinentalExchange"); not a stake ("the purchase of a stake in X by Y")."""
        text = self.facts.text
        return (len(after) >= 2 and text[cue.end - 2:cue.end] == "of" and not text[cue.end:after[0].start].strip()
                and bool(self.pat.deal_noun_by.fullmatch(text, after[0].end, after[1].start))
                and not self._has("stake", cue.start, after[1].start))

    def _unreal_noun(self, cue: Cue, buyer: Ment) -> bool:
        """Words of a hypothesis just before the deal noun or right after its buyer ("an acquisition of
        Citigroup by Goldman Sachs would add", "a clean acquisition of Yahoo by Microsoft is the likely scenario")."""
        text = self.facts.text
        return bool(self.pat.deal_noun_unreal.search(text, max(self.ss, cue.start - 30), cue.start)
                    or self.pat.deal_noun_unreal.search(text, buyer.end, min(self.se, buyer.end + 40)))

    def _generic_bidder(self, named: Ment, cue: Cue) -> bool:
        """Is an unnamed plural the deal verb's own subject, after the named company ("Catalina
        hired Goldman Sachs as private equity firms prepared bids")? Not when it is listed with
        the company ("ChemChina and two private equity firms offered")."""
        text = self.facts.text
        if self.pat.possessive_pronoun.search(text, max(self.ss, cue.start - 40), cue.start):
            return False  # "strips out overlapping businesses after its buyout of Sanyo": "its" is the subject's
        for g in self._has("generic_actor", named.end, cue.start):
            if cue.start - g.end <= 16 and not self.pat.coordination_before.search(text, named.end, g.start):
                return True
        return False

    def _generic_subject(self, cue: Cue) -> bool:
        """With no company named before the deal verb in its clause, is an unnamed plural its
        subject ("Private equity firms have acquired", «اشترت الشركات»)?"""
        lo = roles.clause_start(self.facts.text, self.ss, cue.start, self.lang)
        return any(cue.start - g.end <= 16 or g.start - cue.end in range(0, 3)
                   for g in self._has("generic_actor", lo, min(self.se, cue.end + 3)))

    def _factbox_head(self) -> Ment | None:
        """The organisation a factbox item opens with ("Yammer - Paid ...", "-- Skype - ..."),
        found once per sentence (every amount and deal word asks)."""
        if self._head is False:
            text = self.facts.text
            head = next((m for m in self.all_ments if m.ent.type in ("ORG", "PRODUCT")
                         and self.pat.factbox_head.fullmatch(text, self.ss, m.start)), None)
            self._head = head if head is not None and self.pat.factbox_dash.match(text, head.end) else None
        return self._head

    def paid_for(self) -> list[Event]:
        """"Paid $1.1 billion last year for online social network business Yammer": a price paid
        for a named company is its purchase. In a factbox item ("Danger - Reportedly paid $500
        million for the edgy smartphone designer") the item's name is the company bought."""
        text = self.facts.text
        for cue in (c for c in self.cues if c.cls == "paid"):
            if self._negated(max(self.ss, cue.start - 20), cue.start) or \
                    self._has("deal_hedge", roles.clause_start(text, self.ss, cue.start, self.lang), cue.start):
                continue
            after_verb = cue.end
            if self.lang == "ar":  # verb, subject, price: «دفع جهاز قطر للاستثمار نحو 1.8 مليار»
                agent = next((m for m in self.all_ments if 0 <= m.start - cue.end <= 2), None)
                after_verb = agent.end if agent is not None else cue.end
            price = next((q for q in self.qs if q.kind == "money" and 0 <= q.start - after_verb <= 16), None)
            if price is None:
                continue
            if self.pat.paid_for_equity.match(text, price.end) and not any(
                    q.kind == "percent" and price.end <= q.start < price.end + 60 and abs(q.value) >= 50 for q in self.all_qs):
                # "Challenger ... paid 300 million pounds to potentially give it a 2.8 percent stake",
                # "paid about 1.8 billion pounds for shares": the payer invests in the company
                self._trigger = cue
                payer = self._spender(price.start, self.ss, cue)
                if payer is not None and self._how in ("explicit", "nearest", "coordinated"):  # named, not the story's company
                    return [self._event("investment", {"subject": payer.name, "subject_id": payer.kb_id,
                                                       **self._amount(price)})]
                continue
            orgs = [m for m in self._org_ments() if self._as_org(m.ent) is not None]
            target = next((m for m in orgs if price.end <= m.start < price.end + 90
                           and self.pat.paid_for_gap.fullmatch(text, price.end, m.start)), None)
            if target is None:
                head = self._factbox_head()
                if head is None or not self.pat.paid_for_gap.match(text, price.end):
                    continue
                target = head
            if self.pat.goods.search(text[price.end:target.start]) or self._has("stake", price.end, target.start):
                continue
            if text[target.end:target.end + 1] == "-":
                continue  # "to pay $62 million for all Facebook-related claims": a name inside a modifier
            self._trigger = cue
            first = next((m for m in orgs if 0 <= m.start - cue.end <= 2 and m is not target), None)
            if first is not None and self.lang == "ar":  # verb first: «دفعت مايكروسوفت 6.3 مليار»
                subject = self._found(first, "explicit")
            else:
                subject = self._subject(cue.start, deal=True) if target.start > cue.start else None
            if subject is None or subject.name == target.ent.name:
                subject = self._fallback(self.ss, cue.start)  # a factbox item's name is no buyer
            if subject is None or subject.name == target.ent.name:
                continue
            args = {"subject": subject.name, "subject_id": subject.kb_id, "target": target.ent.name,
                    "target_id": target.ent.kb_id, "target_span": [target.start, target.end], "year": self._period()}
            args.update(self._amount(price))
            return [self._event("acquisition", args)]
        return []

    def sales(self) -> list[Event]:
        """"Nokia sold its handset unit to Microsoft", «باعت نوكيا وحدتها للهواتف لمايكروسوفت»:
        the buyer named after "to" acquires the unit sold (or the seller, when the unit is not named)."""
        text = self.facts.text
        # "Huntsman Corp. agreed to be sold to Hexion": a passive before "sold to" (read as a supply cue) sells the subject
        passive = [c for c in self.cues if c.cls == "supply_supplier_first" and " to" in text[c.start:c.end]
                   and self.pat.sold_passive_before.search(text, max(self.ss, c.start - 30), c.start)]
        for cue in (c for c in self.cues if c.cls == "sale" or c in passive):
            if self._negated(max(self.ss, cue.start - 20), cue.start) or \
                    self._has("deal_hedge", roles.clause_start(text, self.ss, cue.start, self.lang), cue.start):
                continue
            orgs = [m for m in self._org_ments() if self._eligible(m, deal=True)]
            seller = next((m for m in reversed(orgs) if self.ss <= m.start and m.end <= cue.start), None)
            at = cue.end
            if seller is None and self.lang == "ar":  # verb first: «باعت نوكيا وحدتها»
                seller = next((m for m in orgs if cue.end <= m.start <= cue.end + 2), None)
                at = seller.end if seller is not None else at
            sold = self._sold(at, orgs) if cue not in passive else None
            bare = self.pat.sold_passive_before.search(text, seller.end, cue.start) if seller is not None else None
            if bare is not None and (cue in passive or sold is None) and _APPOSITION_GAP.fullmatch(text, seller.end, bare.start()):
                # the subject itself is sold whole ("Intel chips were sold to Dell" sells chips); the buyer stands after "to"
                sold = (None, cue.start + text[cue.start:cue.end].rfind(" to") if cue in passive else cue.end)
            elif cue in passive:
                continue
            if seller is None or sold is None:
                continue
            if sold[0] is not None and sold[0].start - at <= 12 and self._unsure(cue) and not self.pat.sold_unit.match(text, at):
                continue  # "TPG said it may eventually sell Midwest to Northwest": a company named, but no sale yet
            owned, end = sold
            buyer = next((m for m in orgs if end <= m.start < end + 80 and m.ent.name != seller.ent.name
                          and self.pat.buyer_gap.fullmatch(text, end, m.start)), None)
            if buyer is None:
                continue
            owned = owned or seller
            self._trigger, self._how, self._subj = cue, "explicit", buyer
            acq = self._org_of(buyer.ent)
            return [self._event("acquisition", {"subject": acq.name, "subject_id": acq.kb_id,
                                                "target": owned.ent.name, "target_id": owned.ent.kb_id,
                                                "target_span": [owned.start, owned.end], "year": self._period()})]
        return []

    def stake_raised(self) -> list[Event]:
        """"Qtel has nearly doubled its stake in Wataniya to 92.1 percent", «رفعت الشركة حصتها في
        الوطنية إلى 92.1%»: a holding raised past half gives the raiser control (an acquisition,
        priced when "for $X" follows); a holding raised to half or less is no takeover."""
        text = self.facts.text
        cues = [c for c in self.cues if c.cls == "stake" and self.pat.stake_in.match(text, c.end)]
        if not cues or not any(q.kind == "percent" for q in self.all_qs):
            return []
        orgs = [m for m in self._org_ments() if self._eligible(m, deal=True)]
        for cue in cues:
            verb = self.pat.stake_raise_verb.search(text, max(self.ss, cue.start - 60), cue.start)
            if verb is None or self._unsure(Cue(verb.start(), cue.start, cue.cls)):
                continue
            target = next((m for m in orgs if cue.end <= m.start <= cue.end + 45
                           and not any(ch in text[cue.end:m.start] for ch in ",;،؛")), None)
            if target is None:
                continue
            level = next((q for q in self.all_qs if q.kind == "percent" and target.end <= q.start <= target.end + 60
                          and self.pat.stake_raise_to.fullmatch(text, target.end, q.start)), None)
            if level is None or not 50 < level.value <= 100:
                continue
            lo = roles.clause_start(text, self.ss, verb.start(), self.lang)
            raiser = next((m for m in orgs if verb.start() <= m.start and m.end <= cue.start), None) \
                or next((m for m in orgs if lo <= m.start and m.end <= verb.start()), None)
            if raiser is None or _same_company(raiser.ent.name, target.ent.name):
                continue
            price = next((q for q in self.qs if q.kind == "money" and level.end <= q.start <= level.end + 20
                          and self.pat.price_for.search(text, level.end, q.start)), None)
            return [self._takeover(cue, raiser, target, price)]
        return []

    def _sold(self, at: int, orgs: list) -> tuple | None:
        """What a sale verb at `at` sells: (the company named, or None for the seller's own
        unbranded unit; where the sold thing ends). A unit ("its handset unit"), with the name
        given to it ("its U.S. business LaSalle Bank", "its financing arm, GMAC,"), or a
        controlling stake in a unit or company ("a 51 percent stake in GMAC"); else None."""
        text = self.facts.text
        stake = self.pat.sold_stake.match(text, at)
        if stake is not None:
            at = stake.end()
        unit = self.pat.sold_unit.match(text, at)
        if unit is None:
            if stake is None:
                # "agreed to sell Barclays Global Investors to BlackRock", «بيع فاينانشيال تايمز إلى نيكاي»: a company
                # named right after the verb and right before "to" is sold (goods, shares or a product are not)
                named = next((m for m in orgs if at < m.start <= at + 12 and m.ent.type == "ORG" and not m.coref
                              and self.pat.sold_named_gap.fullmatch(text, at, m.start)), None)
                to = self.pat.sold_named_to.match(text, named.end) if named is not None else None
                return (named, to.start("to")) if to is not None else None  # its closing quote or ticker too
            named = next((m for m in orgs if at < m.start <= at + 3 and not text[at:m.start].strip()), None)
            return (named, named.end) if named is not None else None
        named = next((m for m in orgs if unit.start() <= m.start and m.end <= unit.end()), None)
        if named is not None:
            return named, unit.end()
        named = next((m for m in orgs if unit.end() <= m.start <= unit.end() + 3
                      and self.pat.unit_name_gap.fullmatch(text, unit.end(), m.start)), None)
        if named is None:
            return None, unit.end()
        after = self.pat.unit_name_gap.match(text, named.end)  # the comma closing the apposition
        return named, named.end + (len(after.group().rstrip()) if after else 0)

    def _supplier_noun(self) -> list[Event]:
        """"Apple's main China supplier Foxconn", "Foxconn, Apple's biggest supplier",
        «فوكسكون، مورد أبل الرئيسي»: the possessor of the supplier noun is the customer; the
        company named right after the noun, or in apposition before the possessor, supplies it."""
        if not any(c.cls == "supplier_noun" for c in self.cues):
            return []  # no supplier noun in the sentence (most): no names to read (speed)
        text = self.facts.text
        orgs = [m for m in self._org_ments() if self._eligible(m, deal=True)]
        for cue in (c for c in self.cues if c.cls == "supplier_noun"):
            pronoun = self.pat.supplier_pronoun.search(text, max(self.ss, cue.start - 40), cue.end)
            if pronoun is not None:  # "Apple and its main contract manufacturer Foxconn", «أبل وموردها الرئيسي فوكسكون»
                supplier = next((m for m in orgs if cue.end <= m.start <= cue.end + 3), None)
                # "its" is the sentence's subject, not the nearest name ("Nokia would not have to pay Qualcomm for
                # patents already paid for by its chipset supplier Texas Instruments": Nokia's supplier)
                customer = next((m for m in orgs if self.ss <= m.start and m.end <= pronoun.start()), None)
                if supplier is None or customer is None or _same_company(self._org_of(supplier.ent).name, self._org_of(customer.ent).name) \
                        or self._negated(customer.end, cue.start):
                    continue
                return [self._supply_event(self._org_of(supplier.ent), self._org_of(customer.ent), cue)]
            customer = next((m for m in reversed(orgs) if m.end <= cue.start
                             and self.pat.supplier_owner.fullmatch(text, m.end, cue.start)), None)
            if customer is None:  # Arabic: the customer follows the noun («مورد أبل»)
                customer = next((m for m in orgs if 0 <= m.start - cue.end <= 2 and self.lang == "ar"), None)
            if customer is None:  # "a major supplier of memory chips to Apple", «مورد رئيسي لأبل»
                customer = next((m for m in orgs if cue.end <= m.start <= cue.end + 60
                                 and self.pat.supplier_to.fullmatch(text, cue.end, m.start)), None)
            if customer is None:
                continue
            supplier = next((m for m in orgs if max(cue.end, customer.end) <= m.start <= max(cue.end, customer.end) + 3
                             and m.ent.name != customer.ent.name), None)
            if supplier is None:  # "Apple's key supplier for screens, Sharp Corp"
                at = max(cue.end, customer.end)
                supplier = next((m for m in orgs if at < m.start <= at + 50 and m.ent.name != customer.ent.name
                                 and self.pat.supplier_goods_gap.fullmatch(text, at, m.start)), None)
            if supplier is None:  # "Foxconn, Apple's biggest supplier"
                lead = min(cue.start, customer.start)
                supplier = next((m for m in reversed(orgs) if m.end <= lead and m.ent.name != customer.ent.name
                                 and (self.pat.head_gap.match(text[m.end:lead].rstrip(" \t،,") or "")
                                      or self.pat.supplier_subject_gap.match(text, m.end, lead))), None)
                # "Lianjian, which the group says is one of Apple's major suppliers", "TSMC is Apple's sole supplier"
            if supplier is None:
                continue
            sup, cust = self._org_of(supplier.ent), self._org_of(customer.ent)
            return [self._supply_event(sup, cust, cue)]
        return []

    def _customer_noun(self) -> list[Event]:
        """"loss of some business at customer Ericsson", "TI is bracing for its biggest wireless
        customer Nokia", «عميلها الرئيسي أبل»: a company named right after a customer noun is the
        customer of the company the sentence names first (with the names coordinated with it)."""
        text = self.facts.text
        if not self.pat.customer_word.search(text, self.ss, self.se):
            return []  # no customer noun in the sentence (most sentences): nothing to read
        orgs = [m for m in self._org_ments() if self._eligible(m, deal=True)]
        for i, m in enumerate(orgs):
            noun = self.pat.customer_before.search(text, max(self.ss, m.start - 60), m.start)
            if noun is None:
                continue
            if self._negated(max(self.ss, m.start - 60), m.start):
                return []
            supplier = next((s for s in orgs[:i] if self._org_of(s.ent).name != self._org_of(m.ent).name
                             and s.ent.attrs.get("category") not in OBSERVER_CATEGORIES
                             and not self.pat.analysts_after.match(text, s.end)), None)  # "Citigroup Internet analysts" 
            if supplier is None:
                return []
            sup = self._org_of(supplier.ent)
            hit = next(k for k, a in enumerate(self.all_ments) if a.start == m.start)
            out = []
            for c in self._supply_group(hit):
                cust = self._as_org(c.ent)
                if cust is None or cust.name == sup.name or c.ent.type == "PERSON":
                    continue
                out.append(self._supply_event(sup, cust, Cue(noun.start(), noun.end(), "supply_customer_noun"), how="nearest"))
            return out
        return []

    def _customer_owner(self) -> list[Event]:
        """"Apple is Samsung's biggest customer", "Amazon, which was one of Penguin's biggest customers":
        the possessor of a customer noun supplies the company named before it, as the subject of a
        copula or in apposition (the mirror of "TSMC is Apple's sole supplier")."""
        cues = [c for c in self.cues if c.cls == "customer_noun"]
        if not cues:
            return []
        text = self.facts.text
        orgs = [m for m in self._org_ments() if self._eligible(m, deal=True)]
        for cue in cues:
            owner = next((m for m in reversed(orgs) if m.end <= cue.start
                          and self.pat.customer_owner_gap.fullmatch(text, m.end, cue.start)), None)
            if owner is None:
                continue
            customer = next((m for m in reversed(orgs) if m.end <= owner.start and m.ent.name != owner.ent.name
                             and (self.pat.head_gap.match(text[m.end:owner.start].rstrip(" \t،,") or "")
                                  or self.pat.supplier_subject_gap.match(text, m.end, owner.start))), None)
            if customer is None:  # "Intel's two biggest customers are Dell and Hewlett-Packard"
                are = self.pat.customers_are.match(text, cue.end)
                customer = next((m for m in orgs if are is not None and m.start == are.end() and m.ent.name != owner.ent.name), None)
            if customer is None or self._negated(customer.end, owner.start):
                continue
            sup = self._org_of(owner.ent)
            hit = next(k for k, a in enumerate(self.all_ments) if a.start == customer.start)
            custs = [self._org_of(c.ent) for c in self._supply_group(hit)
                     if c in orgs]  # "JPMorgan Chase and Bank of America, two of First Marblehead's biggest customers"
            custs = [c for c in custs if not _same_company(sup.name, c.name)]
            if not custs:
                continue
            return self._supplies(cue, "explicit", sup, custs)
        return []

    def _counted_customers(self) -> list[Event]:
        """"State Street, which counts Bank of America and Charles Schwab among its clients", "Samsung counts
        Apple as its biggest customer", «فوكسكون التي تعد أبل عميلها الرئيسي»: the companies counted are the
        customers of the one that counts them (a supplier's phrase holding a customer noun counts too: «من أكبر عملائها»)."""
        text = self.facts.text
        cues = [c for c in self.cues if c.cls == "customer_noun" or (
            c.cls == "supply_supplier_first" and self.pat.customer_word.search(text, c.start, c.end))]
        if not cues:
            return []
        orgs = [m for m in self._org_ments() if self._eligible(m, deal=True)]
        for cue in cues:
            last = next((m for m in reversed(orgs) if m.end <= cue.start and self.pat.counts_among.fullmatch(text, m.end, cue.start)), None)
            if last is None:
                continue
            k = next(i for i, a in enumerate(self.all_ments) if a.start == last.start)
            group = [m for m in self._supply_group(k) if m in orgs]
            sup_m = next((m for m in reversed(orgs) if group and m.end <= group[0].start
                          and self.pat.counts_gap.fullmatch(text, m.end, group[0].start)), None)
            if sup_m is None or self._negated(sup_m.end, group[0].start):
                continue
            sup = self._org_of(sup_m.ent)
            custs = [self._org_of(m.ent) for m in group if not _same_company(sup.name, self._org_of(m.ent).name)]
            if not custs:
                continue
            return self._supplies(cue, "explicit", sup, custs)
        return []

    def _customer_list(self) -> list[Event]:
        """"SAP built its business on software systems sold to many of the world's biggest companies, such as
        Apple, GE and Pepsi", "supplies chips to phone makers such as Sony Ericsson": after a supplier's word,
        the customers listed after a plural of firms and "such as"/"including" are the clause subject's customers."""
        text = self.facts.text
        for cue in (c for c in self.cues if c.cls == "supply_supplier_first"):
            m = self.pat.customers_such_as.match(text, cue.end, self.se)
            if m is None or self._unsure(cue):
                continue
            k = next((i for i, a in enumerate(self.all_ments) if a.start == m.end() and a.ent.type == "ORG"), None)
            if k is None:
                continue
            lo = roles.clause_start(text, self.ss, cue.start, self.lang)
            sup_m = next((a for a in self._org_ments() if lo <= a.start and a.end <= cue.start and self._eligible(a, deal=True)
                          and not self.pat.prep_object_before.search(text, max(self.ss, a.start - 12), a.start)), None)
            if sup_m is None or len(text[lo:sup_m.start].split()) > 3:
                continue  # the clause's subject opens it ("Tellme, founded by former Netscape executive ..., provides": not Netscape)
            sup = self._org_of(sup_m.ent)
            custs = [self._org_of(a.ent) for a in self._supply_group(k) if a.ent.type == "ORG"]
            custs = [c for c in custs if not _same_company(c.name, sup.name) and c.attrs.get("category") not in _NOT_CUSTOMERS]
            if not custs:
                continue
            return self._supplies(cue, "nearest", sup, custs)
        return []

    def _other_suppliers(self) -> list[Event]:
        """"its bills from Walt Disney Co, Time Warner Inc's Warner Bros, CBS Corp and other Hollywood studios that provide
        it with movies": the companies listed right before "and other <firms> that" and a supplier's verb supply the
        company named right after the verb, or, for "it", the nearest company named before the list."""
        text = self.facts.text
        for cue in (c for c in self.cues if c.cls == "supply_supplier_first"):
            other = self.pat.other_suppliers_before.search(text, max(self.ss, cue.start - 80), cue.start)
            if other is None or self._unsure(cue) or self.pat.supply_finance.match(text, cue.end):
                continue
            k = next((i for i in range(len(self.all_ments) - 1, -1, -1) if self.all_ments[i].end <= other.start()), None)
            if k is None or self.all_ments[k].start < self.ss \
                    or not self.pat.head_gap.match(text[self.all_ments[k].end:other.start()].rstrip(" \t،,")):
                continue
            members, j = [self.all_ments[k]], k
            while j > 0 and self.all_ments[j - 1].start >= self.ss:
                a, b = self.all_ments[j - 1], self.all_ments[j]
                if roles.possessive(text, a.end, self.lang) and not self.pat.coordination.match(text[a.end:b.start]):
                    j -= 1  # "Time Warner Inc's Warner Bros": the listed unit's owner; the list goes on before it
                    continue
                if not self.pat.coordination.match(text[a.end:b.start]):
                    break
                members.append(a)
                j -= 1
            sups = [self._as_org(m.ent) for m in reversed(members) if m.ent.type != "PERSON"]
            sups = [e for e in sups if e is not None]
            if self.pat.supplied_pronoun.match(text, cue.end):
                cust_m = next((m for m in reversed(self.all_ments) if self.ss <= m.start and m.end <= members[-1].start
                               and self._as_org(m.ent) is not None and m.ent.type == "ORG" and self._eligible(m, deal=True)), None)
            else:
                cust_m = next((m for m in self.all_ments if cue.end < m.start <= cue.end + 3 and m.ent.type == "ORG"), None)
            if cust_m is None or not sups:
                continue
            cust = self._org_of(cust_m.ent)
            sups = [e for e in sups if not _same_company(e.name, cust.name)]
            if sups and cust.attrs.get("category") not in _NOT_CUSTOMERS:
                return [self._supply_event(e, cust, cue) for e in sups]
        return []

    def _made_by(self) -> list[Event]:
        """"Blockbuster's DVD rental kiosks, operated by NCR Corp", «أكشاك بلوكباستر، التي تشغلها إن سي آر»: a company's
        goods or service run, made or supplied by another company named after "by": that company supplies it."""
        text = self.facts.text
        if not self.pat.made_by.search(text, self.ss, self.se):
            return []  # no such verb in the sentence (most): nothing to read (speed)
        for k in range(1, len(self.all_ments)):
            cust_m, sup_m = self.all_ments[k - 1], self.all_ments[k]
            if cust_m.start < self.ss or sup_m.start - cust_m.end > 120 or cust_m.ent.type != "ORG" \
                    or not self.pat.made_by_gap.fullmatch(text, cust_m.end, sup_m.start):
                continue
            sup = self._as_org(sup_m.ent) if sup_m.ent.type != "PERSON" else None
            cust = self._org_of(cust_m.ent)
            if sup is None or _same_company(sup.name, cust.name) or not self._eligible(cust_m, deal=True) \
                    or cust.attrs.get("category") in _NOT_CUSTOMERS or self._negated(cust_m.end, sup_m.start):
                continue
            return [self._supply_event(sup, cust, None)]
        return []

    def _supply_group(self, hit: int) -> list[Ment]:
        """The mentions listed with ``self.all_ments[hit]`` (roles.coordinated), and a last item that carries its own
        description ("Japan's Toshiba Corp and South Korea's Samsung", "Nokia and Danish shipping group AP Moeller
        Maersk", "Verizon Wireless and its biggest rivals AT&T Inc and Sprint Nextel") with the names listed with it."""
        text, ms = self.facts.text, self.all_ments
        group = roles.coordinated(text, ms, hit, self.lang)
        hi = hit + sum(1 for m in group if m.start > ms[hit].start)
        if hi + 1 < len(ms) and ms[hi + 1].start < self.se and self.pat.supply_list_tail.match(text[ms[hi].end:ms[hi + 1].start]):
            group = list(group) + [m for m in roles.coordinated(text, ms, hi + 1, self.lang) if m.start > ms[hi].start]
        return group

    def _supplies(self, cue: Cue, how: str, sup: Entity, custs: list[Entity]) -> list[Event]:
        """A supply deal of ``sup`` to each of ``custs``, found by ``cue`` (its confidence by ``how``)."""
        self._trigger, self._how, self._subj = cue, how, None
        return [self._event("supply_deal", {"subject": sup.name, "subject_id": sup.kb_id,
                                            "counterparty": c.name, "counterparty_id": c.kb_id}) for c in custs]

    def _unsure(self, cue: Cue) -> bool:
        """A supply word that is negated or hedged just before ("no plans to carry", "may supply")."""
        return self._negated(max(self.ss, cue.start - 20), cue.start) or bool(
            self._has("hedge", max(self.ss, cue.start - 30), cue.start))

    def _named_before(self, orgs: list[Ment], cue: Cue) -> Ment | None:
        """The company named right before a seller's or maker's word ("AT&T, the exclusive carrier for",
        "Sharp, which makes", «موبايلي، الموزع الحصري»)."""
        return next((m for m in reversed(orgs) if self.ss <= m.start and m.end <= cue.start
                     and self.pat.reseller_seller_gap.match(self.facts.text, m.end, cue.start)), None)

    def _reseller(self) -> list[Event]:
        """"AT&T, the exclusive U.S. carrier for Apple's iPhone", "T-Mobile started selling Apple's
        iPhone", «ناغي للسيارات، الوكيل المعتمد لسيارات جاكوار»: a company that carries or sells
        another company's product is that maker's customer. "Dell started selling PCs at Wal-Mart
        Stores": the shop is the seller's customer."""
        cues = [c for c in self.cues if c.cls == "reseller"]
        if not cues:
            return []
        text = self.facts.text
        orgs = [m for m in self._org_ments() if self._eligible(m, deal=True)]
        for cue in cues:
            if self._unsure(cue):
                continue
            # a plain selling verb ("sells", «تبيع») mostly sells a business or shares: it names a seller of goods
            # only with a maker's product right after it, its seller right before it, and no hedge in its clause
            plain = bool(self.pat.reseller_plain.fullmatch(text, cue.start, cue.end))
            if plain and self._has("deal_hedge", roles.clause_start(text, self.ss, cue.start, self.lang), cue.start):
                continue  # "declined comment on speculation it will sell Apple Inc.'s iPhone"
            seller = self._named_before(orgs, cue)
            if plain and seller is not None and not self.pat.reseller_plain_gap.fullmatch(text, seller.end, cue.start):
                seller = None  # "Lynch told Reuters that deals to sell Nook": Reuters sells nothing
            sellers = None
            if seller is None:
                sellers = self._pronoun_sellers(orgs, cue)  # "China Unicom and China Telecom said they will carry"
                seller = sellers[0] if sellers else None
            if seller is None:
                continue
            if self.pat.parent_apposition.search(text, max(self.ss, seller.start - 40), seller.start):
                # "T-Mobile USA, a unit of Deutsche Telekom, also plans to carry": the unit sells
                seller = next((m for m in reversed(orgs) if self.ss <= m.start and m.end <= seller.start - 4), None)
                if seller is None:
                    continue
            seller_org = self._org_of(seller.ent)
            pairs = []
            k = next((i for i, m in enumerate(self.all_ments) if cue.end <= m.start <= cue.end + 80
                      and self.pat.reseller_product_gap.fullmatch(text, cue.end, m.start)), None)
            before = False
            if k is None and sellers:  # "pay Apple subsidies for each iPhone they sell": the product before the pronoun
                k = next((i for i, m in enumerate(self.all_ments) if m.ent.type == "PRODUCT" and self.ss <= m.start
                          and cue.start - 40 <= m.end <= cue.start and self.pat.reseller_object_gap.fullmatch(text, m.end, cue.start)), None)
                before = k is not None
            if k is not None:
                obj = self.all_ments[k]
                tail = next((m for m in self.all_ments if obj.end < m.start <= obj.end + 30
                             and self.pat.reseller_product_gap.fullmatch(text, obj.end, m.start)), obj)
                if plain and tail.ent.type != "PRODUCT":
                    continue  # "to actually sell Chrysler", "sold its Lehman shares": a company or its stock
                maker_org = self._as_org(tail.ent)
                if plain and sellers and maker_org is not None and not before and any(
                        self.ss <= m.start < cue.start and m.ent.type == "ORG" and _same_company(m.ent.name, maker_org.name)
                        for m in self.all_ments):
                    continue  # "Apple, which said it sold 26.9 million iPhones": "it" may be the maker itself
                if self.pat.reseller_not_after.match(text, tail.end):
                    continue  # "to sell its iPod unit": a business sold, not goods
                for m in roles.coordinated(text, self.all_ments, k, self.lang):
                    maker = self._as_org(m.ent)
                    if maker is not None and not _same_company(maker.name, seller_org.name):
                        pairs.append((maker, seller_org))
            elif not plain and not self.pat.reseller_not_goods.match(text, cue.end):
                shop = next((m for m in orgs if cue.end < m.start <= cue.end + 60
                             and self.pat.reseller_at.fullmatch(text, cue.end, m.start)), None)
                if shop is not None and not _same_company(self._org_of(shop.ent).name, seller_org.name) \
                        and shop.ent.attrs.get("category") not in _NOT_CUSTOMERS:
                    pairs.append((seller_org, self._org_of(shop.ent)))
            if not pairs:
                continue
            for other in (sellers or [])[1:]:  # "they": each listed seller
                pairs += [(maker, self._org_of(other.ent)) for maker, _ in pairs[:1]
                          if not _same_company(maker.name, self._org_of(other.ent).name)]
            return [self._supply_event(sup, cust, cue) for sup, cust in pairs]
        return []

    def _pronoun_sellers(self, orgs: list[Ment], cue: Cue) -> list[Ment]:
        """"AT&T's revenue helped by its exclusive rights to sell Apple's iPhone", "China Unicom and China
        Telecom said they will carry the iPhone": a pronoun right before a seller's word stands for the
        first company (with the names listed with it) the sentence names before it, other than the
        product's maker named after the word."""
        text = self.facts.text
        pro = self.pat.reseller_pronoun.search(text, max(self.ss, cue.start - 40), cue.start)
        if pro is None:
            return []
        after = {self._as_org(m.ent).name for m in self.all_ments if cue.end <= m.start <= cue.end + 60
                 and self._as_org(m.ent) is not None}
        first = next((i for i, m in enumerate(self.all_ments) if self.ss <= m.start and m.end <= pro.start()
                      and m in orgs and self._org_of(m.ent).name not in after
                      and not self.pat.clause_split.search(text, m.end, pro.start())  # "... shortly after it began offering"
                      and not self.pat.source_before.search(text[max(self.ss, m.start - 20):m.start])), None)
        if first is None:
            return []
        group = [m for m in self._supply_group(first) if m in orgs]
        return group if pro.group(0).lower().startswith(("they", "their")) else group[:1]

    def _makes_for(self) -> list[Event]:
        """"Avio, which makes components for the GE engine", "Foxconn assembles iPhones for Apple",
        «أفيو، التي تصنع مكونات لمحرك جنرال إلكتريك»: a maker of goods for a named company
        supplies it. The maker is named right before the verb (or, in Arabic, right after it)."""
        cues = [c for c in self.cues if c.cls == "makes_for"]
        if not cues:
            return []
        text = self.facts.text
        orgs = [m for m in self._org_ments() if self._eligible(m, deal=True)]
        for cue in cues:
            customer = next((m for m in self.all_ments if cue.end < m.start <= cue.end + 80 and self._as_org(m.ent) is not None
                             and self.pat.makes_for_goods.fullmatch(text, cue.end, m.start)), None)
            if customer is None:
                continue
            if self._unsure(cue):
                continue
            maker = self._named_before(orgs, cue)
            if maker is None and self.lang == "ar":  # «تصنع فوكسكون أجهزة آيفون لأبل»
                maker = next((m for m in orgs if 0 < m.start - cue.end <= 2 and m.end < customer.start), None)
            if maker is None:
                continue
            if self.pat.parent_apposition.search(text, max(self.ss, maker.start - 40), maker.start):
                continue  # "Foxconn, a unit of Hon Hai, makes ...": the unit makes; left to the general rule
            sup, cust = self._org_of(maker.ent), self._as_org(customer.ent)
            if _same_company(sup.name, cust.name) or cust.attrs.get("category") in _NOT_CUSTOMERS:
                continue
            return [self._supply_event(sup, cust, cue)]
        return []

    def _supply_event(self, sup: Entity, cust: Entity, trigger: Cue | None, how: str = "explicit") -> Event:
        """The supply_deal of supplier ``sup`` to customer ``cust``, stated by ``trigger``."""
        self._trigger, self._how, self._subj = trigger, how, None
        return self._event("supply_deal", {"subject": sup.name, "subject_id": sup.kb_id,
                                           "counterparty": cust.name, "counterparty_id": cust.kb_id})

    def _runs_on(self) -> list[Event]:
        """"Motorola started selling phones based on Google Inc's Android software", "HTC unveiled two
        smartphone models running Microsoft's Windows Phone 8", «أطلقت سامسونج هواتف تعمل بنظام أندرويد من
        جوجل»: the maker of devices built on another company's software or chips is its customer. The maker
        is the subject of a making or selling verb whose object, a device noun, the cue follows (runs_on_gap)."""
        cues = [c for c in self.cues if c.cls == "runs_on"]
        if not cues:
            return []
        text = self.facts.text
        orgs = [m for m in self._org_ments() if self._eligible(m, deal=True)]
        for cue in cues:
            sup_m = next((m for m in self.all_ments if cue.end <= m.start <= cue.end + 2 and self._as_org(m.ent) is not None), None)
            if sup_m is None:
                continue
            maker = next((m for m in reversed(orgs) if self.ss <= m.start and m.end <= cue.start
                          and self.pat.runs_on_gap.fullmatch(text, m.end, cue.start)), None)
            if maker is None and self.lang == "ar":  # verb first: «أطلقت سامسونج هواتف تعمل بنظام»
                maker = next((m for m in orgs if self.ss <= m.start and m.end <= cue.start
                              and self.pat.runs_on_verb_first.search(text, max(self.ss, m.start - 16), m.start)
                              and self.pat.runs_on_device.fullmatch(text, m.end, cue.start)), None)
            if maker is None:  # "..., when it started selling phones based on Google's Android": the first company named
                pro = next((p for p in reversed(list(self.pat.runs_on_pronoun.finditer(text, max(self.ss, cue.start - 160), cue.start)))
                            if self.pat.runs_on_gap.fullmatch(text, p.end(), cue.start)), None)
                sup_name = self._as_org(sup_m.ent).name
                maker = next((m for m in orgs if pro is not None and self.ss <= m.start and m.end <= pro.start()
                              and not _same_company(self._org_of(m.ent).name, sup_name)), None)
            if maker is None or self._unsure(Cue(maker.end, cue.start, cue.cls)) or self._negated(maker.end, cue.start):
                continue
            sup, cust = self._as_org(sup_m.ent), self._org_of(maker.ent)
            if _same_company(sup.name, cust.name) or cust.attrs.get("category") in _NOT_CUSTOMERS:
                continue
            return [self._supply_event(sup, cust, cue)]
        return []

    def _contract(self) -> list[Event]:
        """«وقعت إدارة مطار الملك فهد عقد بناء وتشغيل مبنى الطيران الخاص مع شركة أكس جت», «تعاقدت الخطوط
        السعودية مع شركة بوينج»: the firm named right after "with" is contracted to supply the signer,
        named between the verb and the contract word, else the nearest name before the verb in its
        clause. A state body named after "with" is the customer of a company that signs with it."""
        if not any(c.cls in ("contract", "supply_link", "supply_customer_first") for c in self.cues):
            return []  # no contract word in the sentence (most): no names to read (speed)
        text = self.facts.text
        # a state body contracts too («تعاقدت مصلحة الزكاة مع شركة ساب»); sources and regulators do not
        orgs = [m for m in self._org_ments() if m.ent.attrs.get("category") not in _NOT_CUSTOMERS | {"media"}
                and actors.kind(m.ent.name, m.ent.kb_id) not in ("supranational", "regulator", "news_agency", "media")
                and not self.pat.source_before.search(text[max(self.ss, m.start - 20):m.start])]
        for x in orgs:
            lo = max(self.ss, x.start - 240)
            m = self.pat.contract_signed.search(text, lo, x.start) or self.pat.contract_verb.search(text, lo, x.start)
            if m is None:
                continue
            clause = roles.clause_start(text, self.ss, m.start(), self.lang)
            if self._negated(max(self.ss, m.start() - 14), m.start()) or self._has("deal_hedge", clause, m.start()) \
                    or self._has("hedge", max(clause, m.start() - 24), m.start()):
                continue  # «لم توقع أي عقد مع», «تجري محادثات لتوقيع عقد مع»: no contract signed
            inner = [y for y in orgs if m.start("mid") <= y.start and y.end <= m.end("mid")]
            if not inner:
                inner = [y for y in orgs if clause <= y.start and y.end <= m.start()][-1:]
            if not inner:
                continue
            sup, cust = self._org_of(x.ent), self._org_of(inner[0].ent)
            if _same_company(sup.name, cust.name):
                continue
            if actors.kind(sup.name, sup.kb_id) == "government" and actors.is_company(cust.name, cust.kb_id):
                sup, cust = cust, sup  # «توقيع عقد مع وزارة الشؤون البلدية»: the ministry buys
            return [self._supply_event(sup, cust, None)]
        return []

    def supply_deals(self) -> list[Event]:
        noun = (self._supplier_noun() or self._customer_noun() or self._customer_owner() or self._counted_customers()
                or self._customer_list() or self._other_suppliers() or self._made_by() or self._reseller() or self._makes_for() or self._runs_on() or self._contract())
        if noun:
            return noun
        out = []
        for cue in (c for c in self.cues if c.cls in ("supply_customer_first", "supply_supplier_first",
                                                       "supply_link")):
            if self._unsure(cue):
                continue  # "it may also get to secure future orders from Cisco": a hope, not a deal
            if cue.cls == "supply_link" and not self._has("supply_object", self.ss, self.se):
                continue
            if cue.cls == "supply_link":
                lo = roles.clause_start(self.facts.text, self.ss, cue.start, self.lang)
                if self._has("deal_hedge", lo, cue.end) or self.pat.supply_failed_before.search(
                        self.facts.text, max(lo, cue.start - 40), cue.start):
                    continue  # "Yahoo has courted a possible deal with AOL", "after Yahoo failed to strike a deal with Microsoft"
                if self.pat.deal_noun_with.fullmatch(self.facts.text, cue.start, cue.end) and not any(
                        self.ss <= m.start and m.end <= cue.start and self._as_org(m.ent) is not None for m in self.all_ments):
                    continue  # "The company walked away from a search deal with Yahoo ... when the Justice Department": no party named before
            if self.pat.supply_compound.match(self.facts.text, cue.end):
                continue  # "medical supply distributor": a noun's modifier, not a verb
            if self.pat.supply_person_object.match(self.facts.text, cue.end):
                continue  # "chose former NATO Secretary General Rasmussen": a person hired, not a supplier
            if self.pat.supply_finance.match(self.facts.text, cue.end) or self.pat.supply_finance_before.search(
                    self.facts.text, max(self.ss, cue.start - 24), cue.start):
                continue  # "for providing financing to underpin trades", "debt financing provided by Lehman": money lent
            if self.pat.supply_list_cue.fullmatch(self.facts.text, cue.start, cue.end) and not [
                    m for m in self.all_ments if self.ss <= m.start and m.end <= cue.start]:
                continue  # "Its clients include Best Buy, Ford and McDonald's": the supplier is not named here
            if any(q.kind == "percent" and cue.end <= q.start <= cue.end + 20 for q in self.all_qs):
                continue  # "agreed to each deliver between 45 percent and ...": votes or a share, not goods
            if cue.cls == "supply_supplier_first" and self.pat.supply_passive.search(
                    self.facts.text, max(self.ss, cue.start - 24), cue.start):
                continue  # "Wachovia Corp to be sold to Wells Fargo": the name before is what is sold
            if cue.cls == "supply_supplier_first" and self._headless_relative(cue):
                break  # "the aviation business of Avio, which also supplies Rolls Royce": Avio (unknown) supplies, not GE
            if cue.cls == "supply_customer_first" and self.pat.customer_of_pronoun.match(self.facts.text, cue.end):
                pair = self._pronoun_supplier(cue)
                if pair is not None:
                    out.append(pair)
                    break
            left, right = self._pair(cue)
            if left is None or right is None:
                continue
            if _same_company(left.name, right.name):
                continue  # "Sun Microsystems ... Sun": one company named twice, not a pair
            if self._not_goods(cue, left, right):
                continue
            self._trigger, self._subj = cue, None
            weak = bool(self.pat.supply_weak_cue.fullmatch(self.facts.text, cue.start, cue.end))
            tied = self._tied_tight(cue, left, right) if weak else self._tied(cue, left, right)
            self._how = "nearest" if tied else "loose"
            supplier, customer = (right, left) if cue.cls != "supply_supplier_first" else (left, right)
            # «ومن بين عملاء فوكسكون أبل وسوني», "among the biggest customers of Intel are Dell and HP": a customer
            # noun governing the name right after it, with no party before it, lists that name's customers after it
            lead = cue.cls == "supply_customer_first" and bool(self.pat.customers_of_cue.search(self.facts.text, cue.start, cue.end)) \
                and not any(self.ss <= m.start and m.end <= cue.start and self._as_org(m.ent) is not None for m in self.all_ments)
            if lead:
                supplier, customer = left, right
            if self._other_purpose(cue, right):
                continue  # "signed a deal with Ericsson to end a patent dispute": no goods change hands
            if self._signer_supplies(cue, right):
                supplier, customer = left, right  # "TI signed a deal with Ericsson to make chips": TI makes them
            if cue.cls == "supply_supplier_first" and self.pat.supply_by_after.match(self.facts.text, cue.end):
                supplier, customer = customer, supplier  # "ads supplied by Google": the agent supplies
            if self._named_as_customer(cue, supplier):
                supplier, customer = customer, supplier
            out.append(self._event("supply_deal", {"subject": supplier.name, "subject_id": supplier.kb_id,
                                                   "counterparty": customer.name,
                                                   "counterparty_id": customer.kb_id}))
            # "whose customers include Apple and Samsung": one deal per listed customer
            other = right
            hit = next((i for i, m in enumerate(self.all_ments) if self._as_org(m.ent) is not None
                        and self._as_org(m.ent).name == other.name and m.start >= cue.end), None)
            if hit is not None:
                group = self._supply_group(hit)
                for m in group:
                    e = self._as_org(m.ent)
                    if e is None or e.name in (left.name, right.name):
                        continue
                    sup, cust = (e, left) if cue.cls != "supply_supplier_first" and not lead else (left, e)
                    out.append(self._event("supply_deal", {"subject": sup.name, "subject_id": sup.kb_id,
                                                           "counterparty": cust.name,
                                                           "counterparty_id": cust.kb_id}))
            break
        return out

    def _pronoun_supplier(self, cue: Cue) -> Event | None:
        """«بعد إعلان نتائج أبل وهي عميل رئيسي للشركة», "Apple, a major customer of the company": a customer
        word whose supplier is a pronoun or "the company" (customer_of_pronoun); the customer is the name
        right before the word, the supplier the sentence's first other company."""
        orgs = [m for m in self.all_ments if self._as_org(m.ent) is not None and m.ent.type != "PERSON"
                and self._as_org(m.ent).attrs.get("category") not in _NOT_CUSTOMERS and not m.coref]
        customer = next((m for m in reversed(orgs) if m.end <= cue.start and cue.start - m.end <= 12), None)
        if customer is None:
            return None
        cust = self._as_org(customer.ent)
        supplier = next((m for m in orgs if m.start < customer.start and not _same_company(self._as_org(m.ent).name, cust.name)), None)
        if supplier is None:
            return None
        return self._supply_event(self._as_org(supplier.ent), cust, cue, how="nearest")

    def _headless_relative(self, cue: Cue) -> bool:
        """Is a supplier's word the verb of a subject relative clause (", which also supplies") whose head
        is a name we do not know (a capitalised word, a quoted name: unknown_head)? The supplier is that
        head, so no name further back may stand in for it (nor for the sentence's other supply words)."""
        span = next(((a, b) for a, b in self.rel if a <= cue.start and cue.end <= b), None)
        text = self.facts.text
        if span is None or not self.pat.unknown_head.search(text, max(self.ss, span[0] - 40), span[0]):
            return False
        opener = self.pat.relative_open.match(text, span[0])
        lo = opener.end() if opener else span[0]
        if any(lo <= m.start and m.end <= cue.start for m in self.all_ments):
            return False  # "X, which Y supplies": an object relative, its subject named
        return not any(m.end <= span[0] and self.ss <= m.start and self.pat.head_gap.match(text[m.end:span[0]])
                       for m in self.all_ments)

    def _partner_after(self, cue: Cue, partner: Entity) -> Ment | None:
        """The mention of a deal's partner named after its deal word, in the deal word's clause."""
        hi = roles.clause_end(self.facts.text, cue.end, self.se, self.lang)
        return next((m for m in self.all_ments if cue.end <= m.start < hi and self._as_org(m.ent) is not None
                     and self._as_org(m.ent).name == partner.name), None)

    def _other_purpose(self, cue: Cue, partner: Entity) -> bool:
        """"X signed a deal with Y to end a patent dispute": an undirected deal word whose partner is
        followed by a purpose that is no supply (deal_other_purpose)."""
        text = self.facts.text
        if not (self.pat.undirected_deal.fullmatch(text, cue.start, cue.end)
                or self.pat.deal_noun_with.fullmatch(text, cue.start, cue.end)):
            return False
        named = self._partner_after(cue, partner)
        return named is not None and self.pat.deal_other_purpose.match(text, named.end) is not None

    def _signer_supplies(self, cue: Cue, partner: Entity) -> bool:
        """"X signed a deal with Y to supply chips": an undirected deal word, then the partner, then
        a supplier's verb (after "to") in the same clause: the signer supplies the partner."""
        text = self.facts.text
        if not self.pat.undirected_deal.fullmatch(text, cue.start, cue.end):
            return False
        hi = roles.clause_end(text, cue.end, self.se, self.lang)
        named = self._partner_after(cue, partner)
        return named is not None and (self.pat.deal_purpose_verb.match(text, named.end, hi) is not None or any(
            c.cls == "supply_supplier_first" and named.end <= c.start < hi
            and self.pat.deal_purpose_gap.fullmatch(text, named.end, c.start) for c in self.cues))

    def _not_goods(self, cue: Cue, left: Entity, right: Entity) -> bool:
        """No goods change hands: the supply word is barred ("barred Amazon from using"), the thing
        sold is a company ("LaSalle, which ABN agreed to sell to"), one party is the other's own
        product ("Facebook is using Instagram"), or what passes is documents, terms, revenue or money
        ("using Instagram's new terms", "provides Yahoo with $210 million")."""
        text = self.facts.text
        if self.pat.supply_barred_before.search(text, max(self.ss, cue.start - 40), cue.start):
            return True
        if cue.cls == "supply_supplier_first" and self.pat.supply_relative_object.search(
                text, roles.clause_start(text, self.ss, cue.start, self.lang), cue.start):
            return True
        if self._own_brand(left, right):
            return True
        hi = roles.clause_end(text, cue.end, self.se, self.lang)
        party = next((m for m in self.all_ments if cue.end <= m.start < hi and self._as_org(m.ent) is not None
                      and self._as_org(m.ent).name in (left.name, right.name)), None)
        stop = party.start if party is not None else min(hi, cue.end + 40)
        if self.pat.supply_non_goods.search(text, cue.end, stop):
            return True
        if party is not None and self.pat.supply_non_goods_after.match(text, party.end):
            return True
        end = party.end if party is not None else cue.end
        return bool(self.pat.supply_money_with.search(text, cue.end, min(hi, end + 30)))

    def _named_as_customer(self, cue: Cue, party: Entity) -> bool:
        """"orders from one mobile phone customer, identified as Nokia": a name after a customer noun
        in the supply word's clause is the customer, whatever the word's usual order."""
        text = self.facts.text
        hi = roles.clause_end(text, cue.end, self.se, self.lang)
        m = next((m for m in self.all_ments if cue.end <= m.start < hi and self._as_org(m.ent) is not None
                  and self._as_org(m.ent).name == party.name), None)
        return m is not None and bool(self.pat.supply_customer_noun.search(text, cue.end, m.start))

    def _own_brand(self, a: Entity, b: Entity) -> bool:
        """Is one party the other's own product or brand ("Facebook is using Instagram")? A listed
        subsidiary still buys from and sells to its parent («أرامكو من أكبر عملاء سابك»)."""
        for x, y in ((a, b), (b, a)):
            entry = self.kb.get(x.kb_id) if x.kb_id else self.kb.lookup(x.name)
            if entry is not None and y.kb_id and entry.type == "PRODUCT" and entry.data.get("maker") == y.kb_id:
                return True
        return False

    def _tied(self, cue: Cue, left: Entity, right: Entity) -> bool:
        """Are both parties tied to the supply word in its own clause: one named right before it
        ("Foxconn supplies", "a supplier to") and one right after it ("... Apple", "to Apple")? Two
        names merely in one sentence with a supply word are a candidate, not a fact."""
        text = self.facts.text
        lo = roles.clause_start(text, self.ss, cue.start, self.lang)
        hi = roles.clause_end(text, cue.end, self.se, self.lang)
        names = lambda e: [m for m in self.all_ments if self._as_org(m.ent) is not None and self._as_org(m.ent).name == e.name]
        near_before = lambda e: any(lo <= m.start and m.end <= cue.start and cue.start - m.end <= _TIE_BEFORE for m in names(e))
        rel_near = [(m.start(), m.end() + 40) for m in self.pat.object_relative.finditer(text, cue.end, min(hi, cue.end + 2 * _TIE_AFTER))]
        # "accelerators that T-Head develops", «مسرعات الذكاء الاصطناعي التي تطورها تي-هاد»
        near_after = lambda e: any(cue.end <= m.start < hi and (m.start - cue.end <= _TIE_AFTER or any(
            a <= m.start < b for a, b in rel_near)) for m in names(e))
        if (near_before(left) and near_after(right)) or (near_before(right) and near_after(left)) \
                or (near_after(left) and near_after(right)):  # Arabic verb-first: «ستزود إس كيه هاينكس إنفيديا»
            return True
        # the sentence's subject and a name right after the word («تعمل أوريدو على ... بعد أن وقعت اتفاقا مع إنفيديا»)
        first = next((m for m in self.ments if self.ss <= m.start < cue.start and self._as_org(m.ent) is not None), None)
        dealt = lambda e: any(near_before(e) and self.pat.deal_with.search(text, max(self.ss, m.start - 30), m.start)
                              for m in names(e))  # «بعد إعلان اتفاقها مع أوبن إيه آي لتزويدها»: the deal's other party
        if first is not None and any((near_after(e) or dealt(e)) and self._as_org(first.ent).name == o.name
                                     for e, o in ((left, right), (right, left))):
            return True
        # a joint subject before the word («أعلنت AMD وهيوماين شراكة ... لنشر بنية تحتية»)
        return self._coordinated_pair([(m, self._as_org(m.ent)) for m in self.all_ments if self._as_org(m.ent) is not None
                                       and self.ss <= m.start < cue.start], left, right)

    def _tied_tight(self, cue: Cue, left: Entity, right: Entity) -> bool:
        """For a weak supply word ("using", «توفير»): one party ends right before it and the other
        starts right after it ("Samsung ... and others using Google's Android"), its product or "from
        X" a little further."""
        names = lambda e: [m for m in self.all_ments if self._as_org(m.ent) is not None and self._as_org(m.ent).name == e.name]
        text = self.facts.text
        # "and"/"or" between a name and the word starts another user: "Apple's iPhone and phones using
        # Google's Android", "booking travel on Expedia or using Smith Barney cards" ("Samsung and others
        # using" still names Samsung)
        before = lambda e: any(self.ss <= m.start and m.end <= cue.start and cue.start - m.end <= _WEAK_BEFORE
                               and not self.pat.supply_other_user.search(text[m.end:cue.start])
                               for m in names(e))
        # a product of the party may stand a little further ("had ordered at least $16 billion worth of H20 chips")
        # or the supplier after the goods ("ordered up to $13.5 billion of aircraft from Airbus")
        # a name that is a modifier ("servers using Intel-compatible chips") is no party
        after = lambda e: any(cue.end <= m.start < self.se and text[m.end:m.end + 1] != "-" and (
            m.start - cue.end <= _WEAK_AFTER * (3 if m.ent.type == "PRODUCT" else 1)
            or (m.start - cue.end <= 4 * _WEAK_AFTER and self.pat.supply_from.search(text, max(cue.end, m.start - 40), m.start)))
            for m in names(e))
        # verb-first («وتستخدم سامسونج رقائق من كوالكوم»): the subject right after the word, the other after it
        first = lambda e: any(cue.end <= m.start < self.se and self.pat.supply_verb_first.match(text, cue.end, m.start)
                              for m in names(e))
        return any((before(a) or first(a)) and after(b) for a, b in ((left, right), (right, left)))

    def _maker(self, product_id: str | None) -> KBEntry | None:
        """The company that made the KB product ``product_id`` on the article's date (eBay's Skype
        in 2007, Microsoft's in 2012: kb/makers.yaml)."""
        entry = self.kb.get(product_id)
        if entry is None:
            return None
        today = entry.data.get("maker")
        return self.kb.get(asof.maker_as_of(entry.id, today, self.published))

    def _as_org(self, ent: Entity) -> Entity | None:
        if ent.type == "ORG":
            return ent
        if ent.type == "PRODUCT" and ent.kb_id:
            maker = self._maker(ent.kb_id)
            if maker is not None:
                return self.by_kb.get(maker.id) or Entity(maker.name, "ORG", kb_id=maker.id)
            if asof.standalone(ent.kb_id, self.published):  # Skype in 2010: a company of its own
                return Entity(ent.name, "ORG", kb_id=ent.kb_id)
        return None
