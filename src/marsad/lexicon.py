"""Language data loader: YAML lexicons under ``marsad/lang/<lang>/``, schema-checked.

Every phrase is folded with ``normalize.fold`` at load time, so lexicons are
written in ordinary spelling and matched against normalised text. Adding a
language is adding a folder with the same files.
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from marsad import datacache
from marsad.errors import DataError
from marsad.normalize import fold

LANGS = ("ar", "en")
# The reader's own code is part of the cache key of what it reads (schemas, parsing).
_READER_SOURCE = Path(__file__).read_bytes()

_STR_LIST = {"type": "array", "items": {"type": ["string", "number"]}}
_NUM_MAP = {"type": "object", "additionalProperties": {"type": "number"}}
_CONTEXT = {"type": "array", "items": {"type": "object", "required": ["code", "cues"],
                                         "properties": {"code": {"type": "string", "pattern": "^[A-Z]{3}$"},
                                                        "cues": _STR_LIST}}}
SCHEMAS: dict[str, dict[str, Any]] = {
    "numbers": {
        "type": "object",
        "required": ["words", "scales", "hundreds", "connectors", "dual_scales", "standalone_scales"],
        "properties": {
            "words": _NUM_MAP, "scales": _NUM_MAP, "dual_scales": _NUM_MAP,
            "hundreds": _STR_LIST, "connectors": _STR_LIST, "standalone_scales": _STR_LIST,
            "standalone_articles": _STR_LIST, "agency_decimal_mark": {"type": ["string", "null"]},
            "fraction_tails": _NUM_MAP, "fraction_nouns": _NUM_MAP, "fraction_links": _STR_LIST,
            "after_noun_words": _STR_LIST, "compound_scales": {"type": "boolean"},
        },
    },
    "currencies": {
        "type": "object",
        "required": ["words"],
        "properties": {
            "words": {"type": "array", "items": {
                "type": "object", "required": ["code", "words"],
                "properties": {"code": {"type": "string", "pattern": "^[A-Z]{3}$"}, "words": _STR_LIST,
                               "context": _CONTEXT}}},
            "subunits": _NUM_MAP,
        },
    },
    "quantity_cues": {
        "type": "object",
        "required": ["qualifiers", "percent", "percentage_point", "basis_point", "durations", "fiscal",
                     "multipliers", "range_openers", "range_connectors", "clitics"],
        "properties": {
            "qualifiers": {"type": "object", "additionalProperties": _STR_LIST},
            "durations": {"type": "object", "additionalProperties": _STR_LIST},
            "dual_durations": {"type": "object", "additionalProperties": _STR_LIST},
            "definite_durations": {"type": "object", "additionalProperties": _STR_LIST},
            "percent": _STR_LIST, "percentage_point": _STR_LIST, "basis_point": _STR_LIST,
            "range_openers": _STR_LIST, "range_connectors": _STR_LIST,
            "range_connectors_open_only": _STR_LIST, "clitics": _STR_LIST, "year_cues": _STR_LIST,
            "conversion_links": _STR_LIST,
            "percent_prefix": {"type": "boolean"},
            "sign_words": _NUM_MAP, "percent_before": _STR_LIST, "percent_glued": _STR_LIST,
            "fiscal": {"type": "object", "required": ["quarter", "half", "ordinals", "fiscal_year"]},
            "multipliers": {"type": "object",
                            "required": ["double_verbs", "fold_plural", "fold_words", "times_plural",
                                         "times_words"]},
        },
    },
    "renames": {
        "type": "array",
        "items": {"type": "object", "required": ["id", "former", "until"], "additionalProperties": False,
                  "properties": {"id": {"type": "string"}, "former": {"type": "string", "minLength": 1},
                                 "until": {"type": "string", "pattern": r"^\d{4}-\d{2}-\d{2}$"}}},
    },
    "makers": {
        "type": "array",
        "items": {"type": "object", "required": ["product", "maker", "until"], "additionalProperties": False,
                  "properties": {"product": {"type": "string"}, "maker": {"type": ["string", "null"]},
                                 "until": {"type": "string", "pattern": r"^\d{4}-\d{2}-\d{2}$"}}},
    },
    "entity_cues": {
        "type": "object",
        "required": ["coref", "org_heads", "product_heads", "person_titles", "speech_verbs", "role_words",
                     "name_stops", "org_suffixes"],
        "properties": {"subsidiary_countries": {"type": "object", "additionalProperties": {"type": "string"}},
                       "club_short_names": {"type": "object", "additionalProperties": {"type": "string"}},
                       "sports_club_names": {"type": "object", "additionalProperties": {"type": "string"}},
                       "version_tails": {"type": "object", "additionalProperties": {"type": "string"}},
                       "version_letters": {"type": "object", "additionalProperties": {"type": "string"}},
                       "shared_names": {"type": "object", "additionalProperties": _STR_LIST},
                       "nationality_countries": {"type": "object", "additionalProperties": {"type": "string"}},
                       "price_currency_countries": {"type": "object", "additionalProperties": {"type": "string"}},
                       "price_currency_qualified": {"type": "object", "additionalProperties": {"type": "string"}}},
        "additionalProperties": _STR_LIST,
    },
    "event_cues": {
        "type": "object",
        "required": ["stock", "index", "move_up", "move_down", "investment", "forecast", "reach", "metrics",
                     "launch", "acquisition", "supply_customer_first", "supply_supplier_first", "negation"],
        "properties": {"metrics": {"type": "object", "additionalProperties": _STR_LIST},
                       "regulation_actions": {"type": "object", "additionalProperties": _STR_LIST},
                       "move_horizon": {"type": "object", "additionalProperties": _STR_LIST},
                       "weekday": {"type": "object", "additionalProperties": _STR_LIST,
                                   "propertyNames": {"enum": ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]}}},
        "additionalProperties": _STR_LIST,
    },
    "event_patterns": {
        "type": "object",
        "required": ["governed_gap", "goods", "per_share", "recipient", "relative_open", "relative_close", "relative_list_item",
                     "clause_split", "coordination", "coordination_final", "trigger_compound", "trigger_homograph", "supply_weak_cue", "supply_passive", "supply_from", "supply_verb_first", "metric_segment_before", "metric_segment_after", "metric_region_before", "launch_platform_before", "stake_seller_before", "stake_seller_after", "relative_possessive", "parent_apposition", "owner_gap", "prep_object_before", "relation_nouns",
                     "post_metric_gap", "post_metric_gap_money", "share_of", "amount_kind_link", "charge_not_result_before", "charge_not_result_after", "forecast_beaten_before", "forecast_figure_link", "not_names", "unknown_name",
                     "results_opening", "results_unreal", "loss_provision", "cash_held_before", "cash_held_after", "metric_modal", "outlook_change",
                     "new_level", "passive_by", "relative_object", "head_gap", "offer_from", "seller_gap", "supply_compound", "possessive_pronoun", "resumptive_object", "supply_finance", "supply_non_goods", "supply_non_goods_after", "supply_money_with", "supply_barred_before", "supply_relative_object", "ticker_after", "supply_customer_noun", "customer_before", "customer_word", "analysts_after", "relative_passive_by", "passive_head_gap", "listing_after", "listed_move_gap", "spend_by", "supply_by_after", "index_shares_gap", "metric_compound", "supply_other_user", "supply_finance_before", "expense_prep", "forecaster_words", "buyback", "supply_person_object", "analyst_subject", "analyst_subject_after", "coref_named", "goods_gap", "supplier_subject_gap", "supplier_to", "reseller_seller_gap", "reseller_product_gap", "reseller_not_after", "reseller_at", "reseller_not_goods", "makes_for_goods", "bare_scale_end", "bare_amount_after", "bare_amount_before", "rival_bidder_before", "per_share_total_gap", "shareholder_before", "pronoun_between", "own_shares_after", "own_shares_before", "by_means_before", "reported_metric", "value_change_gap", "value_of_gap", "value_change_verb", "asset_goods", "coref_company_intro", "coref_opening_verb", "coref_after_clause", "anaphor_opening", "comparison_metric", "cost_cue", "cost_project", "comparison_period", "prior_value", "prior_period", "restated_change", "offer_owner_gap", "offer_owner_after", "bid_word", "stock_anaphor", "new_product_before", "new_product_after", "new_product_not_after", "object_pronoun", "percent_of_word", "capex_plan", "capex_change", "acq_asset", "acq_asset_after", "observer_after", "metric_at", "fundraise", "raise_to_invest", "plan_noun", "price_for", "owned_by", "noun_agent_gap", "sold_unit", "sold_stake", "unit_name_gap", "stake_raise_verb", "stake_raise_to", "stake_in", "undirected_deal", "deal_purpose_gap", "deal_purpose_verb", "acq_noun_agent_gap", "deal_other_purpose", "offer_modifier_gap", "offer_modifier_before", "relative_apposition_gap", "deal_noun_agent", "deal_noun_agent_gap", "deal_noun_target_gap", "acq_noun_priced_gap", "relative_passive_open", "vote_cue", "voters_after", "voters_before",  "ranking_continued", "ranking_contrast", "more_than_before", "move_continued_gap",  "other_suppliers_before", "supplied_pronoun", "made_by", "made_by_gap", "supplier_pronoun", "runs_on_pronoun", "reseller_object_gap", "customers_are", "supply_list_tail",  "launch_unnamed_object", "launch_naming_opener", "launch_naming_gap", "outlook_growth_to", "metric_modal_before", "outlook_change_by", "customer_of_pronoun", "excluded_before", "estimate_owner_before", "expense_purpose", "supplier_goods_gap", "report_verb", "reporter_after", "buyer_gap", "valued_gap", "valued_at", "stock_owner_gap", "market_move_gap", "market_not_subject", "market_noun_after", "personal_money_after", "change_amount_before", "change_amount_after", "level_bound", "relative_forecast_before", "unowned_estimate", "estimate_owner", "unit_of_before", "offer_made_before", "sold_passive_before", "state_adjective_after", "effect_after", "effect_before", "venue_before", "paid_for_gap", "factbox_head", "factbox_dash", "plural_possessive", "supplier_owner", "coordination_before", "remainder_stake", "bid_cue", "new_subject", "paid_for_equity", "holding_gap", "supply_list_cue", "buy_noun_before", "deal_with", "object_relative", "object_relative_mid", "sold_named_gap", "unknown_head", "runs_on_gap", "reseller_plain", "accept_subject_gap", "accept_offer_gap", "offer_other_purpose", "relation_before", "quote_close_said", "supply_failed_before", "deal_noun_with", "customers_of_cue", "reseller_plain_gap", "runs_on_verb_first", "runs_on_device", "sold_named_to", "object_relative_end", "generic_copy", "offer_for", "launched_name", "from_value", "source_before", "example_before", "metric_person_before", "result_clause_before", "observer_role_before", "metric_verb", "price_for_after", "spend_from", "reported_agent_before", "person_possessive_before", "descriptor_of_before", "contract_signed", "contract_verb", "move_after_move", "index_object_before", "business_gap", "reseller_pronoun", "customer_owner_gap", "deal_noun_by", "deal_noun_unreal", "officer_before", "counts_gap", "counts_among", "customers_such_as", "range_before", "anchor_split", "possessive",
                     "list_item_before", "list_item_after", "each_after", "each_before", "each_joined", "bound_before", "loss_change_word", "post_metric_owner_gap", "continued_opening",
                     "product_list_gap", "quote", "index_gap", "launch_not_product", "component_gap",
                     "cumulative_past", "fund_size", "bare_move_not", "other_growth", "stock_compound", "verb_form", "pronoun_subject", "relative_prep", "firm_size", "move_noun_before", "to_before", "by_step", "coref_recent", "noun_of", "level_gap", "valued_before", "valued_after", "cash_pile_after", "ad_spend_after", "round_owner_after", "received_before", "received_from", "valued_verb_before", "funded_passive", "officer_gap", "cash_pile_before", "source_said_after", "market_spend_before", "market_spend_after"],
        "properties": {"not_names": _STR_LIST},
        "additionalProperties": {"type": "string"},
    },
    "ticker_patterns": {
        "type": "object",
        "required": ["name_word", "name_joiners", "bracketed", "bare", "first", "leading"],
        "properties": {"name_word": {"type": "string"}, "name_joiners": _STR_LIST,
                       "bracketed": {"type": "string"}, "bare": {"type": "string"}, "first": {"type": "string"},
                       "leading": _STR_LIST},
        "additionalProperties": False,
    },
    "event_rules": {
        "type": "object",
        "required": ["min_confidence", "min_amount"],
        "properties": {"min_confidence": {"type": "number", "minimum": 0, "maximum": 1},
                       "min_amount": _NUM_MAP},
        "additionalProperties": False,
    },
    "dates": {
        "type": "object",
        "required": ["months"],
        "properties": {
            "months": {"type": "object", "additionalProperties": {"type": "integer", "minimum": 1, "maximum": 12}},
            "weekdays": _STR_LIST, "labels": _STR_LIST, "era": _STR_LIST, "am": _STR_LIST, "pm": _STR_LIST,
            "time_links": _STR_LIST, "day_links": _STR_LIST,
        },
    },
    "common_dates": {
        "type": "object",
        "required": ["zones"],
        "properties": {"zones": {"type": "object", "additionalProperties": {"type": "integer"}}},
    },
    "names": {
        "type": "object",
        "properties": {
            "given_names": _STR_LIST, "particles": _STR_LIST, "honorifics": _STR_LIST, "not_name": _STR_LIST,
            "places": _STR_LIST, "ordinary_words": _STR_LIST, "foreign_given_names": _STR_LIST,
            "licensing_titles": _STR_LIST, "letter_names": _STR_LIST,
            "cue_free_given_names": _STR_LIST, "licensing_with_nationality": _STR_LIST, "waw_surnames": _STR_LIST, "not_surnames": _STR_LIST, "not_a_person_after": _STR_LIST, "not_a_person_before": _STR_LIST,
            "foreign_name_parts": {"type": "object", "properties": {
                "glued_openers": _STR_LIST, "glued_then_vowel": _STR_LIST, "lam_then": _STR_LIST, "verb_openers": _STR_LIST,
                "verb_max_letters": {"type": "integer"}, "second_verb_openers": _STR_LIST, "second_accusative_openers": _STR_LIST, "not_parts": _STR_LIST, "closers": _STR_LIST},
                "additionalProperties": False},
            "not_a_name_after": {"type": "object", "additionalProperties": _STR_LIST},
            "quoted_only": {"type": "object", "additionalProperties": {"type": "string"}},
            "variants": {"type": "object", "properties": {
                "letter_classes": {"type": "array", "items": _STR_LIST},
                "initial_letter_classes": {"type": "array", "items": _STR_LIST},
                "vowel_letters": _STR_LIST, "min_skeleton": {"type": "integer"}, "min_ratio": {"type": "number"},
                "g_letters": _STR_LIST},
                "additionalProperties": False},
            "false_friends": {"type": "array", "items": {
                "type": "object", "required": ["alias"],
                "properties": {"alias": {"type": "string"}, "after": _STR_LIST, "before": _STR_LIST},
                "additionalProperties": False}},
        },
        "additionalProperties": False,
    },
    "check_cues": {
        "type": "object",
        "required": ["not_a_move", "not_spending", "container", "collective", "total", "includes", "recipient", "receives",
                     "measure", "caps_not_names", "index_after",
                     "stock_words", "per_share", "share_after", "hypothetical",
                     "not_names", "size_descriptor"],
        "properties": {"measure": {"type": "object", "additionalProperties": _STR_LIST}},
        "additionalProperties": _STR_LIST,
    },
    "sentences": {
        "type": "object",
        "required": ["company_suffixes", "openers"],
        "properties": {"company_suffixes": _STR_LIST, "openers": _STR_LIST},
        "additionalProperties": False,
    },
    "checks": {
        "type": "object",
        "required": ["exclude_from_aggregates", "fx", "price_after_move", "parts", "magnitude", "confidence",
                     "claims"],
        "properties": {
            "exclude_from_aggregates": {"type": "array", "items": {"enum": ["pass", "warn", "fail"]}},
            "fx": _NUM_MAP, "price_after_move": _NUM_MAP, "parts": _NUM_MAP, "confidence": _NUM_MAP,
            "magnitude": {"type": "object", "additionalProperties": _NUM_MAP},
            "withhold": {"type": "object", "additionalProperties": {"type": "object", "additionalProperties": _STR_LIST}},
            "claims": {"type": "object", "required": ["bounds", "conflict_max_ratio", "window_days", "deal_window_days", "rounding", "metric_window_days",
                                                      "move_abs_pp", "move_rel"],
                       "properties": {"bounds": {"type": "object", "additionalProperties": {
                           "type": "array", "items": {"type": "number"}, "minItems": 2, "maxItems": 2}}}},
        },
    },
    "topics": {"type": "object", "additionalProperties": _STR_LIST, "minProperties": 1},
    "actor_kinds": {
        "type": "object",
        "required": ["categories", "ids", "name_words", "company_kinds", "no_figure_kinds"],
        "properties": {"categories": {"type": "object", "additionalProperties": {"type": "string"}},
                       "ids": {"type": "object", "additionalProperties": {"type": "string"}},
                       "name_words": {"type": "object", "additionalProperties": _STR_LIST},
                       "company_kinds": _STR_LIST,
                       "no_figure_kinds": _STR_LIST},
    },
    "listings": {"type": "object", "additionalProperties": {"type": "string", "pattern": "^[0-9]{4}-[0-9]{2}-[0-9]{2}$"}},
    "export_labels": {
        "type": "object",
        "required": ["sheets", "columns"],
        "properties": {
            "sheets": {"type": "object", "additionalProperties": {
                "type": "object", "required": ["en", "ar"], "additionalProperties": {
                    "type": "string", "pattern": "^[^\\[\\]:*?/\\\\]{1,31}$"}}},
            "columns": {"type": "object", "additionalProperties": {
                "type": "object", "required": ["en", "ar"], "additionalProperties": {"type": "string", "minLength": 1}}},
        },
        "additionalProperties": False,
    },
    "common_currencies": {
        "type": "object",
        "required": ["symbols", "codes"],
        "properties": {
            "symbols": {"type": "array", "items": {
                "type": "object", "required": ["text", "code"],
                "properties": {"text": {"type": "string"}, "code": {"type": "string", "pattern": "^[A-Z]{3}$"},
                               "context": _CONTEXT}}},
            "codes": {"type": "array", "items": {"type": "string", "pattern": "^[A-Z]{3}$"}},
            "aliases": {"type": "object", "additionalProperties": {"type": "string"}},
            "scaled_codes": {"type": "object", "required": ["prefixes", "codes"], "properties": {
                "prefixes": _NUM_MAP,
                "codes": {"type": "array", "items": {"type": "string", "pattern": "^[A-Z]{3}$"}}}},
        },
    },
}


def load_yaml(package_path: str, schema: str) -> Any:
    """Load one YAML data file shipped in the package and validate it (cached on disk by content)."""
    try:
        text = resources.files("marsad").joinpath(package_path).read_text(encoding="utf-8")
    except FileNotFoundError:
        raise DataError(f"missing data file marsad/{package_path}", code="M201") from None
    parts = (text, json.dumps(SCHEMAS[schema], sort_keys=True, default=str), _READER_SOURCE)
    return datacache.load_or_build(f"data-{package_path}", parts,
                                   lambda: _parse_and_validate(text, package_path, schema))


def _parse_and_validate(text: str, package_path: str, schema: str) -> Any:
    import jsonschema

    try:
        data = yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    except yaml.YAMLError as e:
        raise DataError(f"marsad/{package_path} is not valid YAML: {e}", code="M202") from None
    try:
        jsonschema.validate(data, SCHEMAS[schema])
    except jsonschema.ValidationError as e:
        where = "/".join(str(p) for p in e.absolute_path)
        raise DataError(f"marsad/{package_path}: {where}: {e.message}", code="M203") from None
    return data


@dataclass
class CurrencyWord:
    code: str
    context: list[tuple[str, list[str]]] = field(default_factory=list)
    divisor: float = 1.0
    scale: float = 1.0  # a code with a scale prefix: MUSD is a million US dollars


@dataclass
class Lexicon:
    """All folded quantity data for one language."""

    lang: str
    words: dict[str, float]
    hundreds: set[str]
    connectors: list[str]
    scales: dict[str, float]
    dual_scales: dict[str, float]
    standalone_scales: list[str]
    standalone_articles: list[str]
    agency_mark: str | None
    fraction_tails: dict[str, float]
    fraction_nouns: dict[str, float]
    fraction_links: list[str]
    after_noun_words: list[str]
    compound_scales: bool
    prefix_currencies: dict[str, CurrencyWord]
    suffix_currencies: dict[str, CurrencyWord]
    qualifiers: dict[str, str]
    range_openers: list[str]
    range_connectors: list[str]
    range_connectors_open_only: list[str]
    clitics: list[str]
    percent: list[str]
    percent_prefix: bool
    percent_before: list[str]
    percent_glued: list[str]
    sign_words: dict[str, float]
    percentage_point: list[str]
    basis_point: list[str]
    durations: dict[str, str]
    dual_durations: dict[str, str]
    definite_durations: dict[str, str]
    year_cues: list[str]
    fiscal: dict[str, Any]
    multipliers: dict[str, Any]
    conversion_links: list[str]


def _f(items) -> list[str]:
    return [fold(str(x)) for x in items]


@lru_cache(maxsize=None)
def lexicon(lang: str) -> Lexicon:
    """The folded lexicon for ``lang`` ('ar' or 'en'), loaded once."""
    if lang not in LANGS:
        raise DataError(f"no lexicon for language {lang!r}; available: {', '.join(LANGS)}", code="M204")
    nums = load_yaml(f"lang/{lang}/numbers.yaml", "numbers")
    curs = load_yaml(f"lang/{lang}/currencies.yaml", "currencies")
    cues = load_yaml(f"lang/{lang}/quantity_cues.yaml", "quantity_cues")
    common = load_yaml("lang/common/currencies.yaml", "common_currencies")

    prefix: dict[str, CurrencyWord] = {}
    suffix: dict[str, CurrencyWord] = {}
    aliases = common.get("aliases") or {}
    for sym in common["symbols"]:
        ctx = [(c["code"], _f(c["cues"])) for c in sym.get("context", [])]
        prefix[fold(sym["text"])] = CurrencyWord(sym["code"], ctx)
    for code in common["codes"]:
        cw = CurrencyWord(aliases.get(code, code))
        prefix.setdefault(fold(code), cw)
        suffix.setdefault(fold(code), cw)
    for sym in common["symbols"]:
        if not any(ch.isascii() and ch.isalpha() for ch in sym["text"]):  # "10 $", "5 €", "5 元" may follow the number
            suffix.setdefault(fold(sym["text"]), prefix[fold(sym["text"])])
    scaled = common.get("scaled_codes") or {"prefixes": {}, "codes": []}
    for pre, factor in scaled["prefixes"].items():
        for code in scaled["codes"]:
            cw = CurrencyWord(aliases.get(code, code), scale=float(factor))
            prefix.setdefault(fold(pre + code), cw)
            suffix.setdefault(fold(pre + code), cw)
    subunits = {fold(k): float(v) for k, v in (curs.get("subunits") or {}).items()}
    for entry in curs["words"]:
        ctx = [(c["code"], _f(c["cues"])) for c in entry.get("context", [])]
        for w in _f(entry["words"]):
            suffix[w] = CurrencyWord(entry["code"], ctx, subunits.get(w, 1.0))

    quals = {}
    for code, phrases in cues["qualifiers"].items():
        for p in _f(phrases):
            quals.setdefault(p, code)

    def inv(d: dict[str, list]) -> dict[str, str]:
        return {w: unit for unit, ws in (d or {}).items() for w in _f(ws)}

    fiscal = cues["fiscal"]
    mult = cues["multipliers"]
    return Lexicon(
        lang=lang,
        words={fold(k): float(v) for k, v in nums["words"].items()},
        hundreds=set(_f(nums["hundreds"])),
        connectors=_f(nums["connectors"]),
        scales={fold(k): float(v) for k, v in nums["scales"].items()},
        dual_scales={fold(k): float(v) for k, v in nums["dual_scales"].items()},
        standalone_scales=_f(nums["standalone_scales"]),
        standalone_articles=_f(nums.get("standalone_articles") or []),
        agency_mark=nums.get("agency_decimal_mark"),
        fraction_tails={fold(k): float(v) for k, v in (nums.get("fraction_tails") or {}).items()},
        fraction_nouns={fold(k): float(v) for k, v in (nums.get("fraction_nouns") or {}).items()},
        fraction_links=_f(nums.get("fraction_links") or []),
        after_noun_words=_f(nums.get("after_noun_words") or []),
        compound_scales=bool(nums.get("compound_scales")),
        prefix_currencies=prefix,
        suffix_currencies=suffix,
        qualifiers=quals,
        range_openers=_f(cues["range_openers"]),
        range_connectors=_f(cues["range_connectors"]),
        range_connectors_open_only=_f(cues.get("range_connectors_open_only") or []),
        clitics=_f(cues["clitics"]),
        percent=_f(cues["percent"]),
        percent_prefix=bool(cues.get("percent_prefix")),
        percent_before=_f(cues.get("percent_before") or []),
        percent_glued=_f(cues.get("percent_glued") or []),
        sign_words={fold(k): float(v) for k, v in (cues.get("sign_words") or {}).items()},
        percentage_point=_f(cues["percentage_point"]),
        basis_point=_f(cues["basis_point"]),
        durations=inv(cues["durations"]),
        dual_durations=inv(cues.get("dual_durations")),
        definite_durations=inv(cues.get("definite_durations")),
        year_cues=_f(cues.get("year_cues") or []),
        fiscal={
            "quarter": _f(fiscal["quarter"]), "half": _f(fiscal["half"]),
            "ordinals": {fold(k): int(v) for k, v in fiscal["ordinals"].items()},
            "tails": _f(fiscal.get("tails") or []), "fiscal_year": _f(fiscal["fiscal_year"]),
            "clitic_forms": _f(fiscal.get("clitic_forms") or []),
        },
        multipliers={
            "double_verbs": _f(mult["double_verbs"]), "fold_plural": _f(mult["fold_plural"]),
            "fold_words": {fold(k): float(v) for k, v in mult["fold_words"].items()},
            "times_plural": _f(mult["times_plural"]),
            "times_words": {fold(k): float(v) for k, v in mult["times_words"].items()},
        },
        conversion_links=_f(cues.get("conversion_links") or []),
    )
