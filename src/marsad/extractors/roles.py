"""Roles around an event trigger: clause bounds, relative clauses, coordinated names and
unknown names, all from the patterns in ``lang/<lang>/event_patterns.yaml``.

Every function works inside one sentence span, so the whole step stays linear in the text.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, fields
from functools import lru_cache

from marsad.errors import DataError
from marsad.lexicon import load_yaml


@dataclass(frozen=True)
class Patterns:
    """The compiled event patterns of one language."""

    governed_gap: re.Pattern
    goods: re.Pattern
    per_share: re.Pattern
    results_opening: re.Pattern
    results_unreal: re.Pattern
    loss_provision: re.Pattern
    cash_held_before: re.Pattern
    cash_held_after: re.Pattern
    metric_modal: re.Pattern
    outlook_change: re.Pattern
    recipient: re.Pattern
    relative_open: re.Pattern
    relative_close: re.Pattern
    relative_list_item: re.Pattern
    clause_split: re.Pattern
    coordination: re.Pattern
    coordination_final: re.Pattern
    trigger_compound: re.Pattern
    trigger_homograph: re.Pattern
    supply_weak_cue: re.Pattern
    supply_passive: re.Pattern
    supply_from: re.Pattern
    supply_verb_first: re.Pattern
    metric_segment_before: re.Pattern
    metric_segment_after: re.Pattern
    metric_region_before: re.Pattern
    launch_platform_before: re.Pattern
    stake_seller_before: re.Pattern
    stake_seller_after: re.Pattern
    relative_possessive: re.Pattern
    parent_apposition: re.Pattern
    owner_gap: re.Pattern
    prep_object_before: re.Pattern
    relation_nouns: re.Pattern
    post_metric_gap: re.Pattern
    post_metric_gap_money: re.Pattern
    share_of: re.Pattern
    amount_kind_link: re.Pattern
    charge_not_result_before: re.Pattern
    charge_not_result_after: re.Pattern
    forecast_beaten_before: re.Pattern
    forecast_figure_link: re.Pattern
    passive_by: re.Pattern
    relative_object: re.Pattern
    offer_for: re.Pattern
    launched_name: re.Pattern
    from_value: re.Pattern
    source_before: re.Pattern
    example_before: re.Pattern
    metric_person_before: re.Pattern
    result_clause_before: re.Pattern
    observer_role_before: re.Pattern
    metric_verb: re.Pattern
    price_for_after: re.Pattern
    spend_from: re.Pattern
    reported_agent_before: re.Pattern
    person_possessive_before: re.Pattern
    descriptor_of_before: re.Pattern
    anchor_split: re.Pattern
    possessive: re.Pattern
    product_list_gap: re.Pattern
    quote: re.Pattern
    unknown_name: re.Pattern
    new_level: re.Pattern
    index_gap: re.Pattern
    launch_not_product: re.Pattern
    component_gap: re.Pattern
    cumulative_past: re.Pattern
    fund_size: re.Pattern
    bare_move_not: re.Pattern
    other_growth: re.Pattern
    stock_compound: re.Pattern
    verb_form: re.Pattern
    pronoun_subject: re.Pattern
    relative_prep: re.Pattern
    firm_size: re.Pattern
    move_noun_before: re.Pattern
    to_before: re.Pattern
    by_step: re.Pattern
    coref_recent: re.Pattern
    noun_of: re.Pattern
    level_gap: re.Pattern
    head_gap: re.Pattern
    offer_from: re.Pattern
    seller_gap: re.Pattern
    supply_compound: re.Pattern
    possessive_pronoun: re.Pattern
    resumptive_object: re.Pattern
    supply_finance: re.Pattern
    supply_non_goods: re.Pattern
    supply_non_goods_after: re.Pattern
    supply_money_with: re.Pattern
    supply_barred_before: re.Pattern
    supply_relative_object: re.Pattern
    ticker_after: re.Pattern
    supply_customer_noun: re.Pattern
    customer_before: re.Pattern
    customer_word: re.Pattern
    analysts_after: re.Pattern
    relative_passive_by: re.Pattern
    passive_head_gap: re.Pattern
    listing_after: re.Pattern
    listed_move_gap: re.Pattern
    spend_by: re.Pattern
    supply_by_after: re.Pattern
    index_shares_gap: re.Pattern
    metric_compound: re.Pattern
    supply_other_user: re.Pattern
    supply_finance_before: re.Pattern
    expense_prep: re.Pattern
    forecaster_words: re.Pattern
    buyback: re.Pattern
    supply_person_object: re.Pattern
    analyst_subject: re.Pattern
    analyst_subject_after: re.Pattern
    coref_named: re.Pattern
    goods_gap: re.Pattern
    supplier_subject_gap: re.Pattern
    supplier_to: re.Pattern
    reseller_seller_gap: re.Pattern
    reseller_product_gap: re.Pattern
    reseller_not_after: re.Pattern
    reseller_at: re.Pattern
    reseller_not_goods: re.Pattern
    makes_for_goods: re.Pattern
    bare_scale_end: re.Pattern
    bare_amount_after: re.Pattern
    bare_amount_before: re.Pattern
    rival_bidder_before: re.Pattern
    per_share_total_gap: re.Pattern
    shareholder_before: re.Pattern
    pronoun_between: re.Pattern
    own_shares_after: re.Pattern
    own_shares_before: re.Pattern
    range_before: re.Pattern
    by_means_before: re.Pattern
    reported_metric: re.Pattern
    value_change_gap: re.Pattern
    value_of_gap: re.Pattern
    value_change_verb: re.Pattern
    asset_goods: re.Pattern
    coref_company_intro: re.Pattern
    coref_opening_verb: re.Pattern
    coref_after_clause: re.Pattern
    anaphor_opening: re.Pattern
    comparison_metric: re.Pattern
    cost_cue: re.Pattern
    cost_project: re.Pattern
    comparison_period: re.Pattern
    prior_value: re.Pattern
    prior_period: re.Pattern
    restated_change: re.Pattern
    offer_owner_gap: re.Pattern
    offer_owner_after: re.Pattern
    offer_modifier_gap: re.Pattern
    offer_modifier_before: re.Pattern
    relative_apposition_gap: re.Pattern
    deal_noun_agent: re.Pattern
    deal_noun_agent_gap: re.Pattern
    deal_noun_target_gap: re.Pattern
    acq_noun_priced_gap: re.Pattern
    relative_passive_open: re.Pattern
    vote_cue: re.Pattern
    voters_after: re.Pattern
    voters_before: re.Pattern
    bid_word: re.Pattern
    stock_anaphor: re.Pattern
    new_product_before: re.Pattern
    new_product_after: re.Pattern
    new_product_not_after: re.Pattern
    object_pronoun: re.Pattern
    percent_of_word: re.Pattern
    capex_plan: re.Pattern
    capex_change: re.Pattern
    acq_asset: re.Pattern
    acq_asset_after: re.Pattern
    observer_after: re.Pattern
    metric_at: re.Pattern
    fundraise: re.Pattern
    raise_to_invest: re.Pattern
    plan_noun: re.Pattern
    price_for: re.Pattern
    owned_by: re.Pattern
    noun_agent_gap: re.Pattern
    sold_unit: re.Pattern
    sold_stake: re.Pattern
    unit_name_gap: re.Pattern
    stake_raise_verb: re.Pattern
    stake_raise_to: re.Pattern
    stake_in: re.Pattern
    undirected_deal: re.Pattern
    deal_purpose_gap: re.Pattern
    deal_purpose_verb: re.Pattern
    acq_noun_agent_gap: re.Pattern
    deal_other_purpose: re.Pattern
    launch_unnamed_object: re.Pattern
    launch_naming_opener: re.Pattern
    launch_naming_gap: re.Pattern
    outlook_growth_to: re.Pattern
    metric_modal_before: re.Pattern
    outlook_change_by: re.Pattern
    customer_of_pronoun: re.Pattern
    excluded_before: re.Pattern
    estimate_owner_before: re.Pattern
    expense_purpose: re.Pattern
    supplier_goods_gap: re.Pattern
    report_verb: re.Pattern
    reporter_after: re.Pattern
    buyer_gap: re.Pattern
    valued_gap: re.Pattern
    valued_at: re.Pattern
    stock_owner_gap: re.Pattern
    market_move_gap: re.Pattern
    market_not_subject: re.Pattern
    market_noun_after: re.Pattern
    personal_money_after: re.Pattern
    change_amount_before: re.Pattern
    change_amount_after: re.Pattern
    level_bound: re.Pattern
    relative_forecast_before: re.Pattern
    unowned_estimate: re.Pattern
    estimate_owner: re.Pattern
    unit_of_before: re.Pattern
    offer_made_before: re.Pattern
    sold_passive_before: re.Pattern
    state_adjective_after: re.Pattern
    effect_after: re.Pattern
    effect_before: re.Pattern
    venue_before: re.Pattern
    paid_for_gap: re.Pattern
    factbox_head: re.Pattern
    factbox_dash: re.Pattern
    plural_possessive: re.Pattern
    supplier_owner: re.Pattern
    coordination_before: re.Pattern
    remainder_stake: re.Pattern
    bid_cue: re.Pattern
    new_subject: re.Pattern
    paid_for_equity: re.Pattern
    holding_gap: re.Pattern
    supply_list_cue: re.Pattern
    buy_noun_before: re.Pattern
    deal_with: re.Pattern
    object_relative: re.Pattern
    object_relative_mid: re.Pattern
    sold_named_gap: re.Pattern
    unknown_head: re.Pattern
    runs_on_gap: re.Pattern
    reseller_plain: re.Pattern
    accept_subject_gap: re.Pattern
    accept_offer_gap: re.Pattern
    offer_other_purpose: re.Pattern
    relation_before: re.Pattern
    quote_close_said: re.Pattern
    supply_failed_before: re.Pattern
    deal_noun_with: re.Pattern
    customers_of_cue: re.Pattern
    reseller_plain_gap: re.Pattern
    runs_on_verb_first: re.Pattern
    runs_on_device: re.Pattern
    sold_named_to: re.Pattern
    object_relative_end: re.Pattern
    generic_copy: re.Pattern
    contract_signed: re.Pattern
    contract_verb: re.Pattern
    move_after_move: re.Pattern
    index_object_before: re.Pattern
    business_gap: re.Pattern
    reseller_pronoun: re.Pattern
    customer_owner_gap: re.Pattern
    deal_noun_by: re.Pattern
    deal_noun_unreal: re.Pattern
    officer_before: re.Pattern
    counts_gap: re.Pattern
    counts_among: re.Pattern
    customers_such_as: re.Pattern
    other_suppliers_before: re.Pattern
    supplied_pronoun: re.Pattern
    made_by: re.Pattern
    made_by_gap: re.Pattern
    supplier_pronoun: re.Pattern
    runs_on_pronoun: re.Pattern
    reseller_object_gap: re.Pattern
    customers_are: re.Pattern
    supply_list_tail: re.Pattern
    list_item_before: re.Pattern
    list_item_after: re.Pattern
    each_after: re.Pattern
    each_before: re.Pattern
    each_joined: re.Pattern
    bound_before: re.Pattern
    loss_change_word: re.Pattern
    post_metric_owner_gap: re.Pattern
    continued_opening: re.Pattern
    ranking_continued: re.Pattern
    ranking_contrast: re.Pattern
    more_than_before: re.Pattern
    move_continued_gap: re.Pattern
    valued_before: re.Pattern
    valued_after: re.Pattern
    cash_pile_after: re.Pattern
    ad_spend_after: re.Pattern
    round_owner_after: re.Pattern
    received_before: re.Pattern
    received_from: re.Pattern
    valued_verb_before: re.Pattern
    funded_passive: re.Pattern
    officer_gap: re.Pattern
    cash_pile_before: re.Pattern
    source_said_after: re.Pattern
    market_spend_before: re.Pattern
    market_spend_after: re.Pattern
    not_names: frozenset


@lru_cache(maxsize=None)
def patterns(lang: str) -> Patterns:
    """Compiled once per language (never per document)."""
    path = f"lang/{lang}/event_patterns.yaml"
    d = load_yaml(path, "event_patterns")
    compiled = {}
    for k, v in d.items():
        if k == "not_names":
            continue
        try:
            compiled[k] = re.compile(v)
        except re.error as e:
            raise DataError(f"marsad/{path}: {k}: not a valid regular expression: {e}", code="M203") from None
    unknown = sorted(set(compiled) - {f.name for f in fields(Patterns)})
    if unknown:
        raise DataError(f"marsad/{path}: unknown pattern(s) {', '.join(unknown)}: add a field to "
                        "roles.Patterns (and the required list in lexicon.py) or remove them", code="M203")
    return Patterns(**compiled, not_names=frozenset(d.get("not_names") or ()))


def _bracket_close(text: str, start: int, end: int) -> int | None:
    """The offset of the ")" in [start, end) that closes a bracket opened before ``start`` (inner pairs skipped)."""
    depth = 0
    for k in range(start, end):
        ch = text[k]
        if ch == "(":
            depth += 1
        elif ch == ")":
            if depth == 0:
                return k
            depth -= 1
    return None


def relative_spans(text: str, ss: int, se: int, lang: str) -> list[tuple[int, int]]:
    """Spans of relative clauses in [ss, se): from ", whose/which ..." to the next comma."""
    p = patterns(lang)
    out = []
    for m in p.relative_open.finditer(text, ss, se):
        if text[m.start()] == "(":
            # «مجلة فوربس (التي استحوذت عليها ... مجموعة هونج كونج للاستثمارات، إنتيجريتت ...)»: a clause opened by a
            # bracket runs to its own closing bracket, commas and bracketed tickers inside it included
            end = _bracket_close(text, m.end(), se)
            if end is not None:
                out.append((m.start(), end))
                continue
        close = p.relative_close.search(text, m.end(), se)
        while close is not None and text[close.start()] == ",":
            before = text[max(m.end(), close.start() - 40):close.start()].split()
            item = p.relative_list_item.match(text, close.end(), se)  # "Canon Inc, Xerox Corp and Konica,"
            if item is None or not before or not before[-1][:1].isupper():
                break  # a list goes on from a name only ("which spent $8.1 million in 2012, and Google,")
            close = p.relative_close.search(text, item.end(), se)
        while close is not None and text[close.start()] == ")" and text.find("(", m.end(), close.start()) >= 0:
            # "Facebook, in which Microsoft Corp ( MSFT.O ) just invested $240 million": a bracket opened inside
            # the clause (a ticker) closes itself, not the clause
            close = p.relative_close.search(text, close.end(), se)
        out.append((m.start(), close.start() if close else se))
    return out


# clause_start, clause_end and anchor_start are pure functions of their arguments that the event
# rules call again and again with the same ones (several rules read one figure's clause): the last
# answers are kept (a few documents' worth; the key holds the text, whose hash str caches)
@lru_cache(maxsize=512)
def clause_start(text: str, ss: int, pos: int, lang: str) -> int:
    """Where the clause holding ``pos`` begins (after the last split before it)."""
    start = ss
    for m in patterns(lang).clause_split.finditer(text, ss, pos):
        start = m.end()
    return start


@lru_cache(maxsize=512)
def clause_end(text: str, pos: int, se: int, lang: str) -> int:
    """Where the clause holding ``pos`` ends (the next split after it, else the sentence's end)."""
    m = patterns(lang).clause_split.search(text, pos, se)
    return m.start() if m else se


@lru_cache(maxsize=512)
def anchor_start(text: str, ss: int, pos: int, lang: str) -> int:
    """Where the figure at ``pos`` stops looking back for the noun that types it."""
    start = ss
    for m in patterns(lang).anchor_split.finditer(text, ss, pos):
        start = m.end()
    return start


def inside(spans: list[tuple[int, int]], s: int, e: int) -> bool:
    return any(a <= s and e <= b for a, b in spans)


def coordinated(text: str, ments: list, i: int, lang: str) -> list:
    """The mentions coordinated with ``ments[i]`` ("X, Y and Z"; «X وY وZ»), in order."""
    coord = patterns(lang).coordination
    owner = lambda m: possessive(text, m.end, lang)  # "PIF, Humain's sole owner": an apposition
    lo = hi = i
    while lo > 0 and coord.match(text[ments[lo - 1].end:ments[lo].start]) and not owner(ments[lo]):
        lo -= 1
    while (hi + 1 < len(ments) and coord.match(text[ments[hi].end:ments[hi + 1].start])
           and not owner(ments[hi + 1])):
        hi += 1
    group = ments[lo:hi + 1]
    final = patterns(lang).coordination_final
    if len(group) > 1 and not any(final.match(text[a.end:b.start]) for a, b in zip(group, group[1:])):
        return ments[i:i + 1]  # "Under the proposal by fund X, Microsoft would ...": no list without "and"
    return group


def past_possessors(text: str, ments: list, lang: str):
    """The first of ``ments`` (names in text order) that owns nothing named after it ("bought by
    SAP's arch-rival Oracle": Oracle), else the first."""
    return next((m for m in ments if not possessive(text, m.end, lang)), ments[0])


def possessive(text: str, end: int, lang: str) -> bool:
    """Does a possessive ending follow the name that ends at ``end``?"""
    return bool(patterns(lang).possessive.match(text[end:end + 3]))


def possessor_of_relation(text: str, m_end: int, lang: str) -> bool:
    """"Nvidia's biggest customers": the name owns a relation noun and is not the actor."""
    return bool(patterns(lang).relation_nouns.match(text[m_end:m_end + 80]))


def unknown_names(text: str, ss: int, se: int, ments: list, lang: str) -> list[tuple[int, int]]:
    """Capitalised names in [ss, se) that no mention covers and that stand where an actor
    would ("Lehman said", "Puma's ( PUMG.DE )"): their figures are not the main company's."""
    p = patterns(lang)
    out = []
    for m in p.unknown_name.finditer(text, ss, se):
        s, e = m.span("n")
        if "(" in text[max(ss, s - 3):s]:
            continue  # the ticker itself: "( PUMG.DE )"
        words = text[s:e].split()
        while words and words[0].strip(".,") in p.not_names:
            s = text.index(words[1], s + 1) if len(words) > 1 else e
            words = words[1:]
        if not words or s >= e:
            continue
        if any(x.start < e and s < x.end for x in ments):
            continue
        out.append((s, e))
    return out
