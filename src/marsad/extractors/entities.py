"""Entities: organisations, people and products, linked to the knowledge base.

Order of evidence: KB aliases (gazetteer), then patterns for names the KB
lacks (Latin-script names inside Arabic text, "X Inc"-style names, people after
titles and speech verbs), then surnames of people already found, then
"الشركة"/"the company" resolved to the document's main subject.
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from functools import lru_cache

import ahocorasick

from marsad.extractors import entities_en, names, phrases, tickers, wordscan
from marsad.extractors.gazetteer import AliasHit, find_aliases
from marsad.extractors.patterns import trie
from marsad.kb import KBEntry, knowledge_base
from marsad.lexicon import load_yaml
from marsad.model import Document, Entity, Facts
from marsad.normalize import Normalized, fold, normalize
from marsad.spans import SpanSet

NAME = "entities"
EXTRACTOR = NAME  # the version is in Facts.extractors (pipeline.Step.version)

# "(?<![A-Za-z])[A-Z]...", with the look-behind after the capital so that re skips ahead to one
_LATIN_RUN = re.compile(r"[A-Z](?<![A-Za-z][A-Z])[\w&'\-]*(?:[.:](?=[A-Za-z]))?[\w&'\-]*"
                        r"(?:[ \t]+(?:\([A-Z][\w\-]*\)|[A-Z0-9][\w&'\-\.:]*|&|of|de|and|for|[a-z]{1,4}(?=[ \t]+[A-Z])))*")
_GENERIC_TAIL = re.compile(r"\s+(?:chips?|GPUs?|processors?|accelerators?|architecture|assistant|models?|platform|"
                           r"series|servers?|memory|LLM)$", re.IGNORECASE)
_MORE_VERSIONS = re.compile(r"\s*(?:،|,|و|and|or|أو|&)\s*(\d+(?:\.\d+)?[A-Za-z]{0,3}|[A-Z]\d+[A-Za-z]{0,2})(?![\w.%])")
_ORG_NAME = r"[A-Z][\w:.&'\-]*[\w](?:\s+(?:[A-Z][\w:.&'\-]*[\w]|&))*"
_ORG_NAME_RE = re.compile(_ORG_NAME)
_NAME_BEFORE = re.compile(rf"(?<![\w.&'\-])(?P<n>{_ORG_NAME})\Z")  # a name that ends where the search window does
_LOWER_TAIL = re.compile(r"\s+(?:cloud|app|platform|computers?|(?:music )?players?|tablets?|laptops?|devices?)$")
# ("Azure cloud", "Mac computers": the kind is no part of the name; but "Google Cloud" is a name)
# (?<!\w[A-Z]) right after the first letter is a \b before it, written so that re can skip
# ahead to the next capital letter instead of trying the pattern at every offset.
_MODEL_CODE = re.compile(r"(?P<n>[A-Z](?<!\w[A-Z])[A-Za-z]{0,6}-?\d{2,4}[A-Za-z0-9\-]{0,6})(?=\s+(?:chips?|GPUs?|accelerators?|"
                         r"processors?|models?|series|servers?|memory|platform)\b)")
_VERSION = re.compile(r"[ \t]+((?:\d+(?:\.\d+)?[A-Za-z]{0,2}|[A-Z]\d+|(?:II|III|IV|VI{0,3}|IX|X)(?![A-Za-z]))(?:[ \t]+(?:Pro|Max|Turbo|Mini|Ultra|Flash|Plus|Lite|Fast|Heavy|Thinking|Nano|Omni|Air|Edge))?"
                      r"|(?:Pro|Max|Turbo|Mini|Ultra|Flash|Plus|Lite|Fast|Heavy|Thinking|Nano|Omni|Air|Touch|Classic|SE|XL"
                      # editions ("the Xbox 360 Elite", "Windows 8 Enterprise"; issue 9, h9ent15)
                      r"|Elite|Arcade|Slim|Enterprise|Ultimate|Professional|Starter|Deluxe)"
                      # Apple's lower-case line names ("the iPod nano", "iPod touch"; not "the iPhone touch screen")
                      r"|(?:mini|nano|shuffle|touch|classic)(?![ \t\-]*(?:screens?|pads?|panels?|displays?|technology|interface|controls?)\b))(?![\w%$]|\.\w)")
# "iPhone 5, 5S, 5C": more versions of a versioned product's name, each with a letter (not a count:
# "the iPhone 5, 4 million of them")
_MORE_LETTER_VERSIONS = re.compile(r"[ \t]*(?:,[ \t]*(?:and[ \t]+|or[ \t]+)?|[ \t]+(?:and|or)[ \t]+)(\d{1,2}[A-Za-z]{1,2}|[A-Z]\d{1,2})(?![\w.%$\-])")
_TITLE_ENDS = frozenset({"Officer", "Director", "President", "Chairman", "Executive", "Analyst", "Manager", "Strategist",
                         "Economist", "Counsel", "Treasurer", "Secretary"})
_CAPS_TAIL = re.compile(r"(?:[ \t]+[A-Z][\w\-]*){1,2}(?![\w\-'’])")
_CAPS_WORD = re.compile(r"[A-Z][A-Z&.\-]+(?:[ \t]+[A-Z][A-Z&.\-]+)?(?![\w])")
_NAME_VERSION = re.compile(r"(?P<b>.*\S)[ \t]+\d{1,2}[A-Za-z]{0,2}\Z")
_HEAD_BEFORE_VERSION = re.compile(r"[ \t]+(?:processors?|chips?|series)(?=[ \t]+\d)")
_WORD_RUN = re.compile(r"\S+")  # a word as ``str.split`` cuts it
_CORPORATE_TAIL = re.compile(r"\s+(?:Group|Holdings?|Inc\.?|PLC|plc|S\.A\.|SA|AG|Ltd\.?|Co\.?)$")
# Where an English person match can start: a capitalised word (the name itself) ...
_EN_NAME_START = re.compile(r"[A-Z](?=[a-z]|\.?\s+[A-Z][a-z]|['’][A-Z])")  # "Walkley", "T Michael", "O'Meara"
# ... or a title / speech verb, which the person pattern matches case-insensitively: fold ASCII
# case, and the four non-ASCII letters that Python's re treats as case variants of ASCII ones.
_CASE_FOLD = str.maketrans({**{chr(c): chr(c + 32) for c in range(65, 91)},
                            "\u0130": "i", "\u0131": "i", "\u017f": "s", "\u212a": "k"})
# A name word: "Walkley", "McGranahan", "O'Meara", "Hewlett-Packard"'s-like hyphenations; an initial
# may open the name ("T Michael Walkley") or stand between its words ("Brian J. White"), and
# lower-case particles join the surname ("Henri de Castries", "Frans van Houten").
# (its letter runs are possessive: nothing that can follow a name word starts with a letter, so
# giving letters back never finds another match; re then gives up on a capital at once: 111 -> 70 us
# an English article for the person starts, _name_first_at)
_EN_WORD = r"(?:[A-Z]['’](?=[A-Z]))?[A-Z][a-z]++(?:[A-Z][a-z]++)?(?:[\-'’][A-Za-z]++)?"
_EN_PARTICLES = r"(?:(?:de|van|von|der|den|da|di|du|la|le|del|dos|bin|ter|[Bb]in|[Bb]int|[Ii]bn|[Aa]l|[Ee]l|Abu)\s+){0,2}"
_EN_PERSON = (rf"(?:[A-Z]\.?\s+(?=[A-Z][a-z]))?{_EN_WORD}"
              rf"(?:\s+(?:[A-Z]\.\s*)?{_EN_PARTICLES}{_EN_WORD}){{1,2}}")
# "Janney analyst David Strasser", "CCS Insight analyst John Jackson": the firm an analyst works for
# a sentence that ends inside a capitalised run ("Advisers LLC.  Macroeconomic Advisers"): the word
# before the full stop has two letters at least (not an initial), the next is capitalised
_SENTENCE_INSIDE = re.compile(r"(?<=[A-Za-z]{2}\.)[ \t\n]+(?=([A-Z][\w&'\-]*\.?))")
_EN_ANALYST = re.compile(r"analysts?[ \t]+")  # starts with a literal: re skips ahead to it
_EN_FIRM_BEFORE = re.compile(rf"(?<![\w&.'])(?P<n>(?:[a-z][A-Z][\w&'\-]*(?:\s+(?:[A-Z][\w:.&'\-]*[\w]|&))*|{_ORG_NAME}))\Z")
# (a name may open with a lower-case letter before a capital: "eQ Bank analyst", "iShares")
_EN_PERSON_AT = re.compile(_EN_PERSON)
# "analysts T Michael Walkley and Matthew Ramsay": the next names of a list that starts with a person
_EN_PERSON_MORE = re.compile(rf"(?:\s*,\s*and\s+|\s+and\s+)(?P<n>{_EN_PERSON})(?=\s*[,.;:)]|\s+(?:said|say|says|of|at|from|who|in|on|agreed|added|noted|wrote|told|estimated|expect|expected|believe|forecast|had|have|has|were|are|will|would|also|both)\b)"
                             rf"|\s*,\s*(?P<m>{_EN_PERSON})(?=\s*,\s*(?:and\s+)?[A-Z]|\s+and\s+[A-Z])")


@dataclass
class Mention:
    """A mention in raw coordinates, linked or not."""

    start: int
    end: int
    type: str
    name: str
    entry: KBEntry | None = None
    source: str = "kb"
    place: str | None = None


@dataclass
class EntityCues:
    lang: str
    coref: list[str]
    org_heads: list[str]
    product_heads: list[str]
    person_titles: list[str]
    speech_verbs: list[str]
    role_words: list[str]
    name_stops: set[str]
    org_suffixes: set[str]
    extra: dict = field(default_factory=dict)


@lru_cache(maxsize=None)
def cues(lang: str) -> EntityCues:
    """Entity cue words of ``lang`` (lang/<lang>/entity_cues.yaml)."""
    d = load_yaml(f"lang/{lang}/entity_cues.yaml", "entity_cues")
    return EntityCues(lang, d["coref"], d["org_heads"], d["product_heads"], d["person_titles"],
                      d["speech_verbs"], d["role_words"], set(d["name_stops"]), set(d["org_suffixes"]),
                      {"folded_stops": {fold(x) for x in d["name_stops"]},
                       "generic_heads": d.get("generic_heads") or [], "generic_tails": d.get("generic_tails") or [],
                       "stock_heads": d.get("stock_heads") or [],
                       "coref_relations": d.get("coref_relations") or [],
                       "coref_relation_after": d.get("coref_relation_after") or [],
                       "share_count_words": d.get("share_count_words") or [],
                       "latin_not_names": set(d.get("latin_not_names") or []),
                       "stock_name_stops": d.get("stock_name_stops") or [],
                       "stock_name_ends": d.get("stock_name_ends") or [],
                       "title_heads": d.get("title_heads") or [], "not_name": d.get("not_name") or [],
                       "plural_title_heads": d.get("plural_title_heads") or [],
                       "org_intro": d.get("org_intro") or [],
                       "market_before": d.get("market_before") or [], "market_after": d.get("market_after") or [],
                       "market_joiners": d.get("market_joiners") or [],
                       "market_descr_before": d.get("market_descr_before") or [],
                       "market_list_heads": d.get("market_list_heads") or ["(?!)"],
                       "named_org_stops": d.get("named_org_stops") or ["(?!)"],
                       "unknown_org_heads": d.get("unknown_org_heads") or ["(?!)"],
                       "unknown_org_not": d.get("unknown_org_not") or ["(?!)"],
                       "unknown_org_ends": d.get("unknown_org_ends") or ["(?!)"],
                       "person_intro_verbs": d.get("person_intro_verbs") or [],
                       "person_after_verbs": d.get("person_after_verbs") or [],
                       "org_intro_nouns": d.get("org_intro_nouns") or [], "demonyms": set(d.get("demonyms") or []),
                       "index_before": d.get("index_before") or [], "index_after": d.get("index_after") or [],
                       "not_org_after": d.get("not_org_after") or ["(?!)"],
                       "ministry_heads": d.get("ministry_heads") or [],
                       "ministry_adjectives": d.get("ministry_adjectives") or ["(?!)"],
                       "short_product_before": d.get("short_product_before") or [],
                       "product_company_verbs": d.get("product_company_verbs") or [],
                       "product_company_nouns": d.get("product_company_nouns") or [],
                       "org_words": set(d.get("org_words") or []),
                       "paper_words": set(d.get("paper_words") or []),
                       "latin_org_words": set(d.get("latin_org_words") or []),
                       "codename_cues": d.get("codename_cues") or [],
                       "institution_heads": set(d.get("institution_heads") or []),
                       "legal_forms": set(d.get("legal_forms") or []),
                       "short_name_tails": set(d.get("short_name_tails") or []),
                       "short_name_stops": set(d.get("short_name_stops") or []),
                       "coref_described": d.get("coref_described") or [],
                       "coref_described_hints": d.get("coref_described_hints") or [],
                       "org_list_nouns": d.get("org_list_nouns") or [],
                       "person_nouns": d.get("person_nouns") or [],
                       "product_intro": d.get("product_intro") or [],
                       "device_heads": d.get("device_heads") or [],
                       "owned_kinds": d.get("owned_kinds") or [],
                       "device_not_names": set(d.get("device_not_names") or []),
                       "device_adjectives": set(d.get("device_adjectives") or []),
                       "device_head_not_before": set(d.get("device_head_not_before") or []),
                       "launch_name_verbs": d.get("launch_name_verbs") or [],
                       "share_move_verbs": d.get("share_move_verbs") or [],
                       "stock_not_names": set(d.get("stock_not_names") or []),
                       "appositive_org_heads": d.get("appositive_org_heads") or [],
                       "apposition_stops": d.get("apposition_stops") or [],
                       "partner_words": d.get("partner_words") or [],
                       "role_openers": d.get("role_openers") or ["(?!)"],
                       "appos_person_titles": d.get("appos_person_titles") or [],
                       "speaker_role_titles": d.get("speaker_role_titles") or [],
                       "person_titles_capitalised": d.get("person_titles_capitalised") or [],
                       "player_nationalities": d.get("player_nationalities") or [],
                       "player_nationality_after": {fold(x) for x in d.get("player_nationality_after") or []},
                       "player_nationality_modifiers": d.get("player_nationality_modifiers") or [],
                       "unknown_org_adjectives": d.get("unknown_org_adjectives") or [],
                       "holding_org_tails": d.get("holding_org_tails") or [],
                       "capital_org_tails": d.get("capital_org_tails") or [],
                       "quoted_org_words": d.get("quoted_org_words") or [],
                       "quoted_org_first_heads": d.get("quoted_org_first_heads") or [],
                       "capital_org_not_first": d.get("capital_org_not_first") or [],
                       "version_tails": d.get("version_tails") or {},
                       "version_letters": d.get("version_letters") or {},
                       "owned_product_heads": d.get("owned_product_heads") or ["(?!)"],
                       "owned_product_adjectives": d.get("owned_product_adjectives") or ["(?!)"],
                       "owned_product_ends": d.get("owned_product_ends") or ["(?!)"],
                       "etf_tails": d.get("etf_tails") or ["(?!)"],
                       "owned_product_not": d.get("owned_product_not") or [],
                       "market_not_after": d.get("market_not_after") or [],
                       "bank_heads": d.get("bank_heads") or [], "bank_places": d.get("bank_places") or [],
                       "bank_adjectives": d.get("bank_adjectives") or [],
                       "paren_org_heads": d.get("paren_org_heads") or [],
                       "latin_product_heads": d.get("latin_product_heads") or [],
                       "product_naming_words": d.get("product_naming_words") or ["(?!)"],
                       "model_letter_heads": {fold(x) for x in d.get("model_letter_heads") or []},
                       "model_after_not": d.get("model_after_not") or [],
                       "model_maker_categories": set(d.get("model_maker_categories") or []),
                       "org_lam_tails": d.get("org_lam_tails") or [],
                       "org_long_not_first": d.get("org_long_not_first") or [],
                       "state_body_categories": d.get("state_body_categories") or [],
                       "launch_nouns": d.get("launch_nouns") or ["(?!)"],
                       "described_product_heads": d.get("described_product_heads") or ["(?!)"],
                       "initialism_org_heads": d.get("initialism_org_heads") or [],
                       "shared_names": d.get("shared_names") or {},
                       "nationality_countries": d.get("nationality_countries") or {},
                       "sector_heads": d.get("sector_heads") or [],
                       "sector_name_anchors": d.get("sector_name_anchors") or [],
                       "org_appositive_nouns": d.get("org_appositive_nouns") or [],
                       "adjective_title_heads": d.get("adjective_title_heads") or [],
                       "unit_words": set(d.get("unit_words") or []),
                       "acronym_org_heads": d.get("acronym_org_heads") or [],
                       "acronym_skip_words": d.get("acronym_skip_words") or [],
                       "caps_quote_titles": d.get("caps_quote_titles") or [],
                       "drug_heads": d.get("drug_heads") or [],
                       "caps_quote_heads": set(d.get("caps_quote_heads") or []),
                       "leading_descriptors": set(d.get("leading_descriptors") or []),
                       "said_its_not": set(d.get("said_its_not") or []),
                       "org_name_joiners": d.get("org_name_joiners") or ["(?!)"],
                       "foreign_particles": d.get("foreign_particles") or ["(?!)"],
                       "vessel_heads": d.get("vessel_heads") or [],
                       "quoted_org_heads": d.get("quoted_org_heads") or [],
                       "quoted_phrase_heads": d.get("quoted_phrase_heads") or ["(?!)"],
                       "title_nouns": {fold(x) for x in d.get("quoted_title_nouns") or []},
                       "quoted_product_heads": d.get("quoted_product_heads") or [],
                       "club_before": d.get("club_before") or ["(?!)"],
                       "club_nationalities": d.get("club_nationalities") or ["(?!)"],
                       "sports_cues": d.get("sports_cues") or ["(?!)"],
                       "club_not": {fold(x) for x in d.get("club_not") or []},
                       "club_short_names": {fold(k): v for k, v in (d.get("club_short_names") or {}).items()},
                       "sports_club_names": {(fold(k) if lang == "ar" else k): v
                                             for k, v in (d.get("sports_club_names") or {}).items()},
                       "club_context_before": d.get("club_context_before") or ["(?!)"],
                       "model_tails": d.get("model_tails") or ["(?!)"],
                       "institution_heads": d.get("institution_heads") or ["(?!)"],
                       "institution_nationalities": d.get("institution_nationalities") or [],
                       "tail_not_set": {fold(x) for x in d.get("institution_tail_not") or []},
                       "nationality_set": {fold(x) for x in (d.get("institution_nationalities") or []) + (d.get("club_nationalities") or [])},
                       "not_name_set": {fold(x) for x in d.get("not_name") or []},
                       "institution_generic": {fold(x) for x in d.get("institution_generic_words") or []},
                       "plural_heads": {fold(x) for x in d.get("plural_org_heads") or []},
                       "model_not_before": d.get("model_not_before") or ["(?!)"],
                       "completes_head": {fold(x) for x in d.get("quoted_completes_head") or []},
                       "short_product_after": d.get("short_product_after") or [],
                       "short_name_after": d.get("short_name_after") or [],
                       "person_or_org_nouns": set(d.get("person_or_org_nouns") or []),
                       "countries": sorted(((k, v) for k, v in (d.get("subsidiary_countries") or {}).items()),
                                           key=lambda kv: -len(kv[0]))})


@lru_cache(maxsize=None)
def _patterns(lang: str) -> dict[str, re.Pattern]:
    c = cues(lang)
    alt = lambda ws: "|".join(re.escape(w) for w in sorted(ws, key=len, reverse=True))
    def folded(ws) -> str:
        """Folded phrases as one trie-shaped alternation (fast to reject); never matches if empty."""
        t = trie(fold(w) for w in ws)
        return t if t == "(?!)" else t[3:-1]
    pats = {
        "coref": re.compile(rf"(?<!\w)[وبلف]?(?P<m>{folded(c.coref)})(?!\w)"),
        # «الشركة الأم لبتروكيم»: a coref phrase followed by the company it relates to describes another company
        "coref_relation": re.compile(rf"(?:{folded(c.extra.get('coref_relations') or [])})"
                                     rf"(?:{'|'.join(c.extra.get('coref_relation_after') or ['(?!)'])})"),
        "product_head": re.compile(rf"(?:{folded(c.product_heads)})\s*[\"']?\s*\Z"),
        # «تطبيق خدماتي MySTC», «خدمة باسم Ele.me», «طائرات DJI»: a product noun, perhaps one word without the
        # article or a naming word, right before a Latin-script name (issue 9, h9ent12)
        "product_head_near": re.compile(rf"(?<!\w)[وبل]?(?:{folded(c.product_heads + c.extra['latin_product_heads'])})"
                                        rf"(?:\s+(?!ال)[\u0621-\u064a]{{2,}})?(?:\s+(?:{folded(c.extra['product_naming_words'])}))?"
                                        rf"\s*[\"'(]?\s*\Z"),
        # «محرك البحث بنج»: one word after a product head (a spelling variant of a known product)
        "product_word": re.compile(rf"(?<!\w)[وبل]?(?:{folded(c.product_heads)})\s+\"?(?P<n>[\u0621-\u064a]{{3,}})(?!\w)"),
        "org_head": re.compile(rf"(?:{folded(c.org_heads)})(?:\s+\w+){{0,3}}\s*[\"']?\s*\Z"),
    }
    if lang == "en":
        cap = c.extra["person_titles_capitalised"]  # ("Judge Lucy Koh", not "the 13-judge Grand Chamber")
        titles = "(?:(?i:" + alt(c.person_titles) + ")" + ("|" + alt(cap) if cap else "") + ")"
        # the name is matched once, then what follows it: ", the chief executive" (", 51, its chief
        # executive": an age may come first) or "said"
        name_first = (rf"(?P<b>{_EN_PERSON})(?:,(?:\s+\d\d,)?\s+(?:the\s+|a\s+|an\s+)?(?:[\w\-'’]+\s+){{0,2}}(?:{alt(c.role_words)})\b"
                      rf"|\s+(?:{alt(c.extra['person_after_verbs'])})\b"
                      # "Toni Sacconaghi of Bernstein said" (the name must start with a given name: _people)
                      rf"|\s+(?:of|at)\s+[A-Z][\w&.'\-]*(?:\s+[A-Z][\w&.'\-]*){{0,2}}\s+(?:{alt(c.extra['person_after_verbs'])})\b)")
        pats["person"] = re.compile(  # a name never starts inside a word ("FTN Midwest's Costa")
            rf"(?<![\w.])(?:(?:(?:{titles})\s+(?:of\s+[A-Z][\w&]+\s+)?(?P<a>{_EN_PERSON}))"
            rf"|{name_first}"
            rf"|(?:{alt(c.extra['person_intro_verbs'])})\s+"
            rf"(?P<c>{_EN_PERSON})(?=[,.;]|\s+(?:of|and|who|at|from|in)\b)"
            # "The chairman of ABN's supervisory board, Arthur Martinez,", "A Dell spokeswoman, Anne
            # Camden,": a name between commas after a title (it must open with a given name: _people)
            rf"|(?:{titles})(?P<hof>\s+(?:of|at|for)\s+[^,.;\n]{{1,50}}?)?,\s+(?P<h>{_EN_PERSON})(?=\s*,|\.\s))")
        # where no title or speech verb starts, only the alternatives that start with the name can match
        pats["person_name_first"] = re.compile(rf"(?<![\w.])(?:{name_first})")
        # where a sentence runs into the next with no space ("forecasts.Brian Marshall, an analyst"):
        # tried only after such a full stop (_RUN_ON)
        pats["person_run_on"] = re.compile(rf"(?:{name_first})")
        suffix = alt(c.org_suffixes)
        if c.extra["ministry_heads"]:
            heads = alt(c.extra["ministry_heads"])
            pats["ministry"] = re.compile(rf"(?:{heads}) of (?:the )?[A-Z][a-z]+(?:,? (?:and |& )?[A-Z][a-z]+){{0,3}}(?!\w)"
                                          rf"|[A-Z][a-z]+ (?:{heads})(?!\w)(?!\s+of\b)")
        pats["org_intro"] = re.compile(
            rf"\b(?:(?:{alt(c.extra['org_intro'])})\s+(?:(?:the|a|an|[a-z][\w\-]*)\s+){{0,3}}"
            rf"|(?:{alt(c.extra['org_intro_nouns'])})\s+(?:the\s+)?)"
            rf"(?P<n>{_ORG_NAME})(?P<more>(?:\s*(?:,|and|, and)\s+{_ORG_NAME})*)")
        # "(?<!\w)(?:(?:[A-Z][\w&'\-\.]*|&)\s+){1,4}SUFFIX", with the look-behind after the first
        # character so that the pattern starts with a character set (re skips ahead to it); the runs
        # are possessive (a blank follows each word, a word each blank: giving back finds nothing)
        pats["org_suffix"] = re.compile(
            rf"(?P<n>[A-Z&](?<!\w[A-Z&])(?:(?<=&)|(?<=[A-Z])[\w&'\-\.]*+)\s++"
            rf"(?:(?:[A-Z][\w&'\-\.]*+|&)\s++){{0,3}}(?:{suffix}))(?![\w])(?!(?:\s+[A-Z0-9][\w&.\-]*){{0,2}}\s+(?:{alt(c.extra['not_org_after'])})\b)")
    else:
        letters = r"[\u0621-\u064a][\u0621-\u064a\-]+"
        stop = rf"(?:{folded(c.extra['not_name'])})(?!\w)"
        # given names written with the article («الفاتح»; not «ألكسندر», which only folds to «الكسندر»)
        # (a given name that folds to an article's shape too: «ألان», «ألكسندر», «آلان» fold to «الان», «الكسندر»)
        # (and those that open as a clitic and the article do: «فالنتين», «والتر»; issue 9, h9ent18)
        al_given = sorted(g for g in names.data("ar").given if g.startswith(("ال", "فال", "وال", "بال"))) or ["(?!)"]
        # («الفاتح عروة»; a future verb «فسأكون» opens no name)
        # («عبد الباسط بن سالم صيرفي»: «عبد» and a word with the article are one given name, as «عبدالباسط» is, so the
        # lineage after it is read whole; issue 9, h9ar)
        first = rf"(?:[وب]?عبد\s+ال(?!{stop}){letters}(?=\s)|(?:(?=(?:{folded(al_given)})\s)|(?![وبف]?ال|لل))(?!{stop})(?!فس[انتي]){letters})"
        # up to two more parts, or a lineage after «بن» («زيدان بن محمد عمر يوسف»)
        given_w = rf"(?:{folded([g for g in names.data('ar').given if g.startswith('و')] + sorted(names.data('ar').waw_surnames) or ['(?!)'])})(?!\w)"
        part = rf"(?!{stop})(?:(?={given_w})|(?!و))(?:ال)?{letters}"  # «وأهالي» continues no name («وليد» may)
        more = (rf"(?:\s+(?:بن|بنت)(?:\s+{part}){{1,3}}"
                rf"|(?:\s+{part}){{0,2}})")
        # a name ends at punctuation, a function word, a word joined by «و», or the title or role
        # that follows it
        # («يوسف الظاهري مدير المطار», «أسامة البار أمين العاصمة»)
        ends = rf"(?:{stop}|(?:ال)?(?:{folded(c.extra['title_heads'] + c.role_words)})(?!\w))"
        end = rf"(?=\s*[،,؛:.\"(\-–]|\s+{ends}|\s+و(?!{given_w})[\u0621-\u064a]|\s*$)"  # «جون ماكين والمهاجرين»
        # «وزير المالية», «المدير التنفيذي للشركة»; a given name that starts with ل is no modifier («التلميذة ليلى»)
        l_given = folded([g for g in names.data('ar').given if g.startswith("ل")] or ["(?!)"])
        modifiers = rf"(?:\s+(?!(?:{l_given})(?!\w))(?:ال|لل|ل){letters}){{0,3}}"
        # a longer title («المتحدث الرسمي للبنك السعودي للتسليف والادخار»), when a comma closes the name
        long_modifiers = rf"(?:\s+(?!(?:{l_given})(?!\w))(?:ال|لل|ل|وال|بال){letters}){{4,6}}"
        heads = folded(c.extra['title_heads'] + c.extra['plural_title_heads'])
        pats["person"] = re.compile(
            rf"(?<!\w)[وب]?(?:{heads}){modifiers}\s*[،,/]?\s+(?P<a>{first}{more}){end}"
            # "المحللة في شركة الأبحاث X، ليلى حداد، ..." and "جون جياناندريا، رئيس قسم ..."
            rf"|(?<!\w)[وب]?(?:{heads})[^.،,\n]{{0,60}}[،,]\s*(?P<c>{first}{more})\s*(?=[،,:\"])"
            # (the paper it was said to may come between: «قال لـ"الاقتصادية" طلعت حافظ الأمين العام»)
            rf"|(?<!\w)(?:{folded(c.speech_verbs)})\s+(?:لـ?\s*\"[^\"\n]{{2,30}}\"\s*[،,]?\s*)?(?P<b>{first}{more})(?:(?:\s*[،,؛\-–]\s*(?:(?:{folded(c.extra['role_openers'])})\s+)?|\s+)(?:ال)?(?:{folded(c.role_words)})"
            # («ويشير نيك سميثي، من "المستشارين العالميين"»: the speaker's firm after a comma; the name must then
            # open with a given name: names.arabic_person; issue 9, h9ar)
            rf"|\s*[،,]\s*(?=من\s))"
            # «المحلل المالي ماجد الشبيب سبب التراجعات»: a given name and a family name with the
            # article after a title end the name whatever follows (the first part must be a listed
            # given name: the match is not licensed by its title)
            rf"|(?<!\w)[وب]?(?:{heads}){modifiers}\s+(?P<e>{first}\s+(?:(?!{stop})ال{letters}(?<!ه)|ال\s+(?!{stop}){letters}))(?=\s)(?!\s+الله(?!\w))"
            # «مدربه خورخي دا سيلفا بالعناصر»: likewise a foreign given name, a particle and a surname
            rf"|(?<!\w)[وب]?(?:{heads}){modifiers}\s+(?P<f>(?:{folded(names.data('ar').foreign)})\s+"
            rf"(?:(?:{folded(c.extra['foreign_particles'])})\s+)?(?!{stop})(?!ال)(?!(?:{folded(names.data('ar').given)})(?!\w))"
            rf"[\u0621-\u064a]{{3,}}(?<!ه))(?=\s)"
            rf"|(?<!\w)[وب]?(?:{heads}){long_modifiers}\s+(?P<g>{first}{more})(?=\s*[،,])"
            # «الأمير مشعل بن عبدالله أميرا للحدود»: a chain of «بن» names after a title is a name
            # whatever follows it (and a family name with the article or after «آل»)
            rf"|(?<!\w)[وب]?(?:{heads}){modifiers}\s+(?P<i>{first}(?:\s+(?:بن|بنت)\s+(?:عبد\s+)?(?!{stop})[\u0621-\u064a]{{2,}}){{1,4}}"
            rf"(?:\s+ال\s+[\u0621-\u064a]{{2,}}|\s+(?!(?:{folded(sorted(names.data('ar').not_surnames))})(?!\w))ال[\u0621-\u064a]{{2,}}(?<!ه))?)"
            rf"(?=[\s،,.؛:\"(]|$)")
        # (no Arabic given name as the surname: «ماريو سعيد للغاية»)
        # every person alternative starts with a title or a speech verb: find those first (fast)
        pats["person_trigger"] = re.compile(trie(fold(w) for w in c.extra["title_heads"] + c.extra["plural_title_heads"] + c.speech_verbs))
        # "جون جياناندريا، رئيس قسم ...": a two-word name right before ", <title>" (found from the title back)
        # ... or with no comma: «يوسف البنيان الرئيس التنفيذي», «صالح خبري وزير الطاقة» (the name's
        # first part must then be a given name: names.arabic_person)
        # («الكبيرة» with the article is an adjective, "the big": no title after a name)
        adjectival = folded(c.extra["adjective_title_heads"]) if c.extra["adjective_title_heads"] else "(?!)"
        # («يقول سام ديدريتش، وهو مدير محفظة»: «وهو/وهي» may open the apposition; issue 9, h9ent14)
        if c.extra["appos_person_titles"]:
            # (the same titles right after a speaker's name, with no comma: «وقال جيسي دونز الرئيس التنفيذي للشركة»)
            pats["strong_title"] = re.compile(rf"\s+(?:{folded(c.extra['appos_person_titles'] + c.extra['speaker_role_titles'])})(?!\w)")
            pats["appos_strong"] = re.compile(rf"[،,]\s*(?:(?:{folded(c.extra['role_openers'])})\s+)?(?:{folded(c.extra['appos_person_titles'])})(?!\w)")
        pats["appos_title"] = re.compile(rf"(?:[،,\-–]\s*(?:وهو\s+|وهي\s+)?|\s)(?:ال(?!(?:{adjectival})(?!\w)))?(?:{heads})(?!\w)")
        # («عبد الوهاب البدر رئيس الصندوق»: «عبد» and a word with the article are one given name)
        # («عبد الرحمن بن خلف وزير المالية»: a chain of «بن» names before the title)
        pats["appos_name"] = re.compile(rf"(?<!\w)(?P<d>(?:عبد\s+ال{letters}|{first})(?:\s+(?:بن|بنت)\s+(?:عبد\s+)?(?!{stop}){letters}){{1,3}}"
                                        rf"|(?:عبد\s+ال{letters}|{first}(?:\s+(?!{stop})(?!ال){letters})?)\s+(?!{stop})(?:ال)?{letters})\s*[،,\-–]?\s*\Z")
        # no word of the name is a participle or a relative («سوداتل المملوكة للدولة التي», «متخصصة للتقييم»)
        no = rf"(?!(?:{folded(c.extra['named_org_stops'])})(?!\w))"
        # a transliterated name word: no article, no feminine, nisba or pronoun ending, no plural, no verb's shape
        # («تستخدم», «نتائجها»), no ordinary word of unknown_org_not or not_name; «ييه» ends names («أودييه»)
        tnw = (rf"(?!(?:{folded(c.extra['unknown_org_not'] + sorted(names.data('ar').not_name))})(?!\w))"
               rf"(?![يتنس][^اوي\s][\u0621-\u064a]{{1,3}}(?![\u0621-\u064a]))(?!(?:[يتنا]?ست|[يت]ت)[\u0621-\u064a]{{2,}})"
               rf"(?![لبكف][^اوي\s])(?!و)(?!ال)[\u0621-\u064a]{{3,}}(?:(?<=ييه)|(?<![ه]))(?<!ها)(?<!هم)(?<!ات)(?![\u0621-\u064a])")
        # after «للY», a noun joined by «و» or an adjective (ending in ي or ة: «للحوسبة السحابية»);
        # not a bare noun («شركة الفجر للحوسبة السوق السعودية»: the market is the object)
        org_tail = (rf"(?:\s+وال{no}[\u0621-\u064a]{{2,}}|\s+ال{no}[\u0621-\u064a]{{1,}}(?:ي|يه|ه)(?![\u0621-\u064a])"
                    rf"|\s+(?:{folded(c.extra['org_name_joiners'])})\s+ال[\u0621-\u064a]{{2,}}){{0,2}}")  # «وإعادة التأمين»
        pats["named_org"] = re.compile(
            rf"(?<!\w)[وبل]?(?:{folded(c.org_heads)})\s+(?P<n>{no}(?:ال)?{no}[\u0621-\u064a]{{2,}}(?:\s+ال{no}[\u0621-\u064a]{{2,}})?"
            rf"\s+لل{no}[\u0621-\u064a]{{2,}}{org_tail})")
        # «شركة لومبارد أودييه لإدارة الاستثمارات», «شركة جلوبال فيجن للاتصالات»: after «شركة» or «مجموعة», one to
        # three transliterated words and a sector after «لل» or after «لإدارة ال…» and the like (issue 9, h9ent14)
        pats["named_org_long"] = re.compile(
            # (a later word may open with «ال» as folded «أل» does: «باسيفيك ألتيرناتيف»; then it ends in no ي or ة)
            rf"(?<!\w)[وبلف]?(?:{folded(c.extra['unknown_org_heads'])})\s+(?P<n>{no}(?!(?:{folded(c.extra['org_long_not_first'] or ['(?!)'])})(?!\w)){tnw}(?:\s+{no}(?:{tnw}|ال[\u0621-\u064a]{{3,}}(?<![يه])(?![\u0621-\u064a]))){{0,2}}"
            rf"\s+(?:لل|(?:{folded(c.extra['org_lam_tails'] or ['(?!)'])})\s+ال){no}[\u0621-\u064a]{{2,}}{org_tail})")
        stock_stop = rf"(?:{folded(c.extra['not_name'] + c.extra['stock_name_stops'])})(?!\w)"
        # "148 مليون سهم متداول": a count of shares, not a company's stock
        counted = "".join(rf"(?<!{re.escape(w)}\s)" for w in {fold(x) for x in c.extra["share_count_words"]}) + r"(?<!\d\s)"
        pats["stock_org"] = re.compile(
            rf"(?<!\w){counted}[وب]?(?:{folded(c.extra['stock_heads'])})\s+(?:شركه\s+)?[\"«“]?"  # «سهم "تكوين"»
            rf"(?P<n>(?!{stock_stop})(?![\u0621-\u064a]+(?:ها|هم|هما)(?!\w))[\u0621-\u064a]{{2,}}"
            rf"(?:\s+(?!{stock_stop})[\u0621-\u064a]{{2,}}){{0,3}})"
            rf"(?=[\"»”]?\s*(?:\(|،|,|\d|%|(?:{folded(c.extra['stock_name_ends'])})(?!\w)))")
        # starts with the head itself (a literal: re skips ahead to it); a clitic before it is checked in code
        w = r"[\u0621-\u064a]{2,}"
        # (no time word after the name: «وزارة الصحة البارحة الأولى» is the ministry of health the day before)
        tail_not = rf"(?!(?:{folded([w for w in load_yaml('lang/ar/entity_cues.yaml', 'entity_cues').get('authority_tail_not') or [] if w.startswith('ال')] or ['(?!)'])})(?!\w))"
        pats["ministry"] = re.compile(rf"(?:{folded(c.extra['ministry_heads'])})\s+ال{w}(?:\s+{tail_not}ال{w}ه(?!\w)|\s+(?:{folded(c.extra['ministry_adjectives'])})(?!\w))?(?:\s+وال{w})?(?:\s+ال{w}يه(?!\w))?(?!\w)")
        # «السيارة "إكس"», «تطبيق "صحتي"»: a short quoted name right after a device or app noun is a product
        # (adjectives may come between: «منتجه التمويلي الجديد "النقد الميسر"»; after a launching noun, the
        # quoted name is what is launched: «إطلاق «حلا 19»»)
        pats["quoted_product"] = re.compile(
            rf"(?<!\w)[وبل]?(?:(?:{folded(c.extra['quoted_product_heads'])})"
            rf"(?:\s+ال[\u0621-\u064a]{{2,}}(?:ي|يه)(?!\w)|\s+(?:{folded(c.extra['owned_product_adjectives'])})(?!\w)){{0,2}}"
            rf"(?:\s+(?:{folded(c.extra['product_naming_words'])})(?!\w))?"  # («ويحمل الهاتف الذكي اسم "إليكيا"»)
            rf"|(?:{folded(c.extra['launch_nouns'])})(?=\s+\"[^\"\n\d]{{1,20}}\d{{1,4}}\"))"  # (a name with a number)
            rf"\s+\"(?P<n>[^\"\n\d]{{2,30}}|[^\"\n]{{1,20}}\d[^\"\n]{{0,10}})\"")
        pats["quoted_org"] = re.compile(rf"(?<!\w)[وبل]?(?:{folded(c.org_heads)})\s+\"(?P<n>[^\"\n]{{2,40}})\"")
        # «مستشفى «بهية»», «لشبكة "ان بي سي نيوز" و"ماريست"»: the quoted name after an institution
        # noun, and any more quoted names joined to it by «و» (each then checked: _quoted_name)
        quoted = r"[^\"\n\d]{2,40}"
        pats["quoted_inst"] = re.compile(rf"(?<!\w)[وبل]?(?:{folded(c.org_heads + c.extra['quoted_org_heads'])})\s+"
                                         rf"\"(?P<n>{quoted})\"(?P<more>(?:\s*[،,]?\s*و\s*\"{quoted}\")*)")
        # «بالتعاون مع «بنك الطعام» المصري»: a short quoted phrase made of a head and nouns with the article
        pats["quoted_head_org"] = re.compile(
            rf"\"(?P<n>(?:{folded(c.extra['quoted_phrase_heads'])})(?:\s+(?!{stop})و?ال[\u0621-\u064a]{{2,}}){{1,3}})\"")
        # «أمام كونيا سبور التركي»: a club, one or two words and a masculine nationality adjective
        pats["club"] = re.compile(
            rf"(?<!\w)(?:{folded(c.extra['club_before'])})\s+(?:نظيره\s+)?"
            rf"(?P<n>(?!ال)(?!{stop})[\u0621-\u064a]{{3,}}(?:\s+(?!ال)(?!{stop})[\u0621-\u064a]{{3,}})?)"
            rf"\s+(?:{folded(c.extra['club_nationalities'])})(?!\w)")
        pats["sports"] = re.compile(rf"(?<!\w)(?:{folded(c.extra['sports_cues'])})(?!\w)")
        # «والإسباني أندير هيريرا»: in sports news, a player after his nationality (two or three words, no article)
        if c.extra["player_nationalities"]:
            # (modifiers may come between: «الكوري الجنوبي كواك تاي هاي»; a word glued to «ل/ب» ends the name as
            # punctuation does: «جناحه الأرجنتيني أنخل دي ماريا لباريس سان جرمان»; issue 9, h9ar)
            nats = folded(c.extra['player_nationalities'])
            mods = rf"(?:\s+(?:{folded(c.extra['player_nationality_modifiers'] or ['(?!)'])})(?!\w)){{0,3}}"
            pats["nationality_person"] = re.compile(
                rf"(?<!\w)[وبل]?(?:{nats}){mods}\s+(?P<n>(?!ال)(?![لبك][^اوي\s]){first}"
                rf"(?:\s+(?:(?:{folded(c.extra['foreign_particles'])})\s+)?(?!ال)(?![لب][^اوي\s])(?!{stop}){letters}){{1,2}})"
                rf"(?:{end}|(?=\s+[لب][^اوي\s][\u0621-\u064a]{{2,}}))")
            # «والبرتغالي مورينيو، والفرنسي فينجر،», «البرازيلي ميراندا الذي»: one word after the nationality is the
            # player's or the coach's (sur)name when punctuation, «الذي» or the next nationality closes it (checked: _people)
            pats["nationality_one"] = re.compile(
                rf"(?<!\w)[وبل]?(?:{nats}){mods}\s+(?P<n>(?!ال)(?!{stop})[\u0621-\u064a]{{3,}})"
                rf"(?=\s*[،,؛.(\"“”]|\s+(?:الذي|و(?:{nats}))(?!\w))")
        # «هاتف ميت 8», «جهاز يوجا تاب 3 برو»: a product head, one to three words and a model number
        mw = rf"(?!ال)(?!{stop})(?!(?:{folded(c.extra['model_not_before'])})(?!\w))[\u0621-\u064a]{{2,}}(?<![ةه])"
        pats["product_model"] = re.compile(
            rf"(?<!\w)[وبل]?(?:{folded(c.product_heads)})\s+(?P<n>{mw}(?:\s+{mw}){{0,2}}\s+\d{{1,4}}(?![\d,٫%])(?![.]\d)"
            rf"(?:\s+(?:{folded(c.extra['model_tails'])})(?!\w))?)"
            rf"(?!\s+(?:{folded(c.extra['model_not_before'])})(?!\w))")
        # «سيارتها الجديدة كويد», «مركبتها ديسكفري سبورت»: an owned product noun, adjectives, one or two
        # transliterated words up to a clear boundary
        tw = (rf"(?!ال)(?!{stop})(?!(?:{folded(c.extra['unknown_org_not'] + c.extra['owned_product_not'] + sorted(names.data('ar').not_name))})(?!\w))"
              rf"(?![يت][^اوي\s][\u0621-\u064a]{{1,3}}(?![\u0621-\u064a]))"
              # no word joined by «و», no glued preposition before a consonant («لتقلص», «بمران»), no short past verb («شاركت»)
              rf"(?!و)(?![لبكف][^اوي\s])(?!(?:بال|كال|فال|لل))(?!س[تين][\u0621-\u064a]{{3,}}(?![\u0621-\u064a]))"
              rf"[\u0621-\u064a]{{3,}}(?<![ه])(?<!ات)(?![\u0621-\u064a])")
        past = r"(?![\u0621-\u064a]{2,4}ت(?![\u0621-\u064a]))"  # a name opens with no past verb («شاركت»)
        pats["owned_product"] = re.compile(
            rf"(?<!\w)[وبل]?(?:{folded(c.extra['owned_product_heads'])})(?:\s+(?:{folded(c.extra['owned_product_adjectives'])})(?!\w)){{0,2}}"
            rf"\s+[\"(]?(?P<n>{past}{tw}(?:\s+{tw})?)[\")]?"
            rf"(?=\s*[،,.:;\"»)(]|\s+(?:{folded(c.extra['owned_product_ends'])})(?!\w)|\s+و|\s+\d|\s*$)")
        pats["described_product"] = re.compile(
            rf"(?<!\w)[وبل]?(?:{folded(c.extra['described_product_heads'])})\s+ال(?!{stop})[\u0621-\u064a]{{2,}}"
            rf"\s+[\"(]?(?P<n>{past}{tw}(?:\s+{tw})?)[\")]?"
            rf"(?=\s*[،,.:;\"»)(]|\s+(?:{folded(c.extra['owned_product_ends'])})(?!\w)|\s*$)")
        # «من طراز ميسترال», «من طراز مي-28», «من طراز روبنسون آر44»: after «طراز», a letter-and-number code or one or
        # two transliterated words (no word of kind or quality: «من طراز رفيع», «طراز معماري») up to a clear boundary
        nx = rf"(?!(?:{folded(c.extra['model_after_not'] or ['(?!)'])})(?!\w))"
        code = r"(?:[\u0621-\u064a]{1,3}\s)?[\u0621-\u064a]{1,4}\s?-\s?\d{1,4}(?!\d)"
        pats["model_after"] = re.compile(
            rf"طراز\s+[\"(]?(?P<n>{code}|{past}{nx}{tw}(?<!ي)(?:\s+{nx}{tw})?(?:\s+[\u0621-\u064a]{{1,3}}\d{{1,4}}|\s?-\s?\d{{1,4}})?)[\")]?"
            rf"(?=\s*[،,.:;\"»)(]|\s+(?:{folded(c.extra['owned_product_ends'])})(?!\w)|\s+و|\s+\d|\s*$)")
        # «صندوق فالكم المتداول»: an exchange-traded fund
        pats["etf"] = re.compile(
            rf"(?<!\w)[وبل]?(?P<n>صندوق\s+(?:(?!{stop})[\u0621-\u064a]{{2,}}\s+){{1,2}}(?:{folded(c.extra['etf_tails'])})(?!\w)(?:\s+في\s+البورصه(?!\w))?"
            rf"(?:\s+لل[\u0621-\u064a]{{2,}}(?:\s+ال[\u0621-\u064a]{{2,}})?)?)")
        # «أمام الهلال», «لاعب النصر»: a club whose name is an ordinary word, after a club or sports word
        pats["club_short"] = re.compile(
            rf"(?<!\w)(?:{folded(c.extra['club_before'] + c.extra['club_context_before'])})\s+(?:نظيره\s+)?"
            rf"(?P<n>(?:{folded(list(c.extra['club_short_names']) or ['(?!)'])}))(?!\w)(?!\s+ال)")  # «الهلال الأحمر»
        # «بين النصر والهلال»: two such clubs joined by «و» name each other as clubs (issue 9, h9ent19)
        short_clubs = folded(list(c.extra['club_short_names']) or ['(?!)'])
        pats["club_pair"] = re.compile(
            rf"(?<!\w)[وبل]?(?P<n>(?:{short_clubs}))\s+و(?P<n2>(?:{short_clubs}))(?!\w)(?!\s+ال)")
        # «شركة وابل حيث ...»: one unknown word after a feminine head, up to a clear boundary; an
        # adjective agrees with the head (ends in ة or ى/ي: «شركة ناشئة»), a sector noun is no name
        # («شركة نفط»), nor is a plural («شركة عقارات») or an article-prefixed word
        no_word = rf"(?!(?:{folded(c.extra['unknown_org_not'])})(?!\w))"
        pats["partners_org"] = re.compile(
            rf"(?<!\w)[وبلف]?(?:{folded(c.extra['unknown_org_heads'])})\s+"
            rf"(?P<n>(?:(?!{stop})[\u0621-\u064a]{{2,}}\s+){{1,5}}(?:{folded(c.extra['partner_words'] or ['(?!)'])})"
            rf"(?:\s+(?:القابضه|التجاريه|المحدوده))?)(?!\w)")
        pats["bare_org"] = re.compile(
            rf"(?<!\w)[وبلف]?(?:{folded(c.extra['unknown_org_heads'])})\s+"
            rf"(?P<n>(?!ال){no_word}(?![يت][^اوي\s][\u0621-\u064a]{{1,3}}(?![\u0621-\u064a]))[\u0621-\u064a]{{3,}}(?<![هيات])"
            # («شركة سوما البريطانية»: a transliteration may end in ا before a nationality adjective; issue 9, h9ent16)
            rf"|(?!ال){no_word}(?![يت][^اوي\s][\u0621-\u064a]{{1,3}}(?![\u0621-\u064a]))[\u0621-\u064a]{{2,}}[^\sاي]ا"
            rf"(?=\s+(?:{folded(c.extra['institution_nationalities'])})ه(?!\w)))"
            rf"(?=\s*[،,.:;\"»)(]|\s+(?:{folded(c.extra['unknown_org_ends'])})(?!\w)"
            # «شركة أدابتيميون البريطانية»: a nationality adjective follows
            rf"|\s+(?:{folded(c.extra['institution_nationalities'])})ه(?!\w)"
            # «الرئيس التنفيذي لشركة زوربكس سامي الخالدي»: a person's given name and family name follow
            rf"|\s+(?:{folded(sorted(names.data('ar').given - names.data('ar').foreign) or ['(?!)'])})\s+ال[\u0621-\u064a]{{2,}}(?!\w))")
        # «شركة سان جوبان الفرنسية»: two unknown words before a nationality adjective
        pats["bare_org_nat"] = re.compile(
            rf"(?<!\w)[وبلف]?(?:{folded(c.extra['unknown_org_heads'])})\s+"
            rf"(?P<n>(?!ال){no_word}[\u0621-\u064a]{{3,}}(?<![هيت])\s+(?!ال){no_word}[\u0621-\u064a]{{2,}}(?<![هيا])(?<!ات))"
            rf"(?=\s+ال[\u0621-\u064a]{{2,}}يه(?!\w))")  # «شركة أكس جت الأمريكية» (a final ت, not ات);
        # («لشركة انجكاسا بورا الإندونيسية»: a transliterated first word may end in ا)
        # «مجموعة جونستون بريس،», «شركة بيل هانت "»: two unknown words (a transliterated name) up to a
        # clear boundary; the second is no feminine or plural noun, no adjective and no verb («شركة
        # فلان أعلنت»: a final ت; «تقول», «يعمل»: a short word opening with ي/ت and a consonant)
        verb = r"(?![يت][^اوي\s][\u0621-\u064a]{1,3}(?![\u0621-\u064a]))"
        pats["bare_org_pair"] = re.compile(
            rf"(?<!\w)[وبلف]?(?:{folded(c.extra['unknown_org_heads'])})\s+"
            rf"(?P<n>(?!ال)(?!{stop}){no_word}{verb}[\u0621-\u064a]{{3,}}(?<![هات])\s+(?!ال)(?!{stop}){no_word}{verb}[\u0621-\u064a]{{3,}}(?<![هيات])"
            # («شركة فريبورت ماك موران 3.7 مليار»: three such words, before a figure too; issue 9, h9ent18)
            rf"(?:\s+(?!ال)(?!{stop}){no_word}{verb}[\u0621-\u064a]{{3,}}(?<![هيات])(?=\s+\d))?)"
            rf"(?=\s*[،,.:;\"»)(]|\s+(?:{folded(c.extra['unknown_org_ends'])})(?!\w)|\s+\d)")
        # «شركة صلة الرياضية», «شركة كينجستون المالية», «شركة فنون المتحدة الإعلامية»: one unknown word and one or
        # two of a company's naming adjectives are its name (issue 9, h9ent16)
        pats["bare_org_sector"] = re.compile(
            rf"(?<!\w)[وبلف]?(?:{folded(c.extra['unknown_org_heads'])})\s+"
            rf"(?P<n>(?!ال){no_word}{verb}[\u0621-\u064a]{{3,}}(?<![يا])(?<!ات)(?<!يه)"
            rf"(?:\s+(?:{folded(c.extra['unknown_org_adjectives'] or ['(?!)'])})(?!\w)){{1,2}})"
            rf"(?!\s+ل?ل[\u0621-\u064a])")
        # «شركة ديار النعيم القابضة», «شركة محمد بن إبراهيم القاضي القابضة»: after a company head, one to four words
        # (the first without the article, none a stop or a participle) and a holding or legal-form tail are a name
        # (issue 9, h9ent16)
        hstop = rf"(?!(?:{folded(list(c.name_stops) + c.extra['named_org_stops'] + c.org_heads)})(?!\w))"
        pats["holding_org"] = re.compile(
            rf"(?<!\w)[وبلف]?(?:{folded(c.extra['unknown_org_heads'])})\s+"
            rf"(?P<n>(?!ال){hstop}[\u0621-\u064a]{{2,}}(?:\s+{hstop}(?!(?:{folded(c.extra['holding_org_tails'] or ['(?!)'])})(?!\w))[\u0621-\u064a]{{2,}}){{0,3}}"
            rf"\s+(?:{folded(c.extra['holding_org_tails'] or ['(?!)'])}))(?!\w)")
        # «وشركة تدوير البيئة الأهلية برأسمال»: likewise one to six words before a registered capital (issue 9, h9ar)
        cstop = rf"(?!(?:{folded(list(c.name_stops) + c.org_heads + c.extra['capital_org_tails'])})(?!\w))"
        pats["capital_org"] = re.compile(
            rf"(?<!\w)[وبلف]?(?:{folded(c.extra['unknown_org_heads'])})\s+"
            rf"(?P<n>{hstop}(?!(?:{folded(c.extra['capital_org_not_first'] or ['(?!)'])})(?!\w))(?![لب][^اوي\s])[\u0621-\u064a]{{2,}}"
            rf"(?:\s+{cstop}[\u0621-\u064a]{{2,}}){{0,5}})"
            rf"\s+(?:{folded(c.extra['capital_org_tails'] or ['(?!)'])})(?!\w)")
    return pats


def run(facts: Facts, norm: Normalized, doc: Document) -> None:
    """Add entities (with all their mentions) to ``facts.entities``."""
    mentions = find_mentions(norm, facts.lang)
    entities = group_mentions(mentions)
    main = main_subject(mentions)
    if main is not None:
        key = main.entry.id if main.entry else main.name
        for ent in entities:
            if (ent.kb_id or ent.name) == key:
                ent.attrs["main_subject"] = True
    facts.entities.extend(entities)


# A line break inside a sentence of a hard-wrapped wire story ("Broadcom \nCorp.", "Royal Bank of\nScotland",
# "analyst Ed\nSnyder"): after a word, a comma or "&", before a word or "(" (no paragraph break)
# (the pattern starts with the line break itself, a literal that re skips ahead to)
_SOFT_BREAK = re.compile(r"\n(?:(?<=[A-Za-z0-9,&'’)\-]\n)|(?<=[A-Za-z0-9,&'’)\-][ \t]\n))(?=[A-Za-z0-9(&$])")


def _unwrapped(norm: Normalized, lang: str) -> Normalized:
    """``norm``, or (English with line breaks inside sentences) a view of the same text with those
    breaks read as spaces: the same length, so every offset holds and names run across the break."""
    if lang != "en" or "\n" not in norm.raw:
        return norm
    raw = norm.raw
    breaks = [m.start() for m in _SOFT_BREAK.finditer(raw)]
    if not breaks:
        return norm
    flat = _SOFT_BREAK.sub(" ", raw)
    if not norm.is_identity() or not raw.isascii():
        return normalize(flat)
    # a break after a space ("Broadcom \nCorp."): left out of the matching text, where the knowledge
    # base's names are found with one space (as ``normalize`` leaves out a deleted character)
    parts, norm_starts, raw_starts, last = [], [0], [0], 0
    for i in breaks:
        if raw[i - 1] in " \t":
            parts.append(flat[last:i])
            last = i + 1
            norm_starts.append(i - (len(norm_starts) - 1))
            raw_starts.append(i + 1)
    parts.append(flat[last:])
    return Normalized(flat, "".join(parts).replace("\t", " ").lower(), norm_starts, raw_starts)


def find_mentions(norm: Normalized, lang: str) -> list[Mention]:
    kb = knowledge_base()
    norm_in, norm = norm, _unwrapped(norm, lang)
    raw = norm.raw
    taken = SpanSet()
    out: list[Mention] = []

    def free(s: int, e: int) -> bool:
        return not taken.overlaps(s, e)

    def add(m: Mention) -> None:
        out.append(m)
        taken.add(m.start, m.end)

    heads, tails = _trimmers(lang)
    index_word = "ndex" if lang == "en" else "مؤشر"
    appos = _ar_appositions(norm) if lang == "ar" else []
    caps = _caps_quotes(raw) if lang == "en" else []  # "EDWIN MOK, ANALYST, NEEDHAM": read whole below
    caps_starts = [m.start() for m in caps]
    prev_org = (-1, None)  # (end, country) of the last known organisation: «وبوبا للتأمين 13.12% و سيسكو»
    for h in find_aliases(norm, lang):
        s, e = norm.span_to_raw(h.start, h.end)
        s, e = _trim(raw, s, e, heads, tails)
        if caps and (k := bisect.bisect_right(caps_starts, s) - 1) >= 0 and s < caps[k].end("f"):
            continue  # ("TIM BEYERS, SENIOR ANALYST": no Telecom Italia)
        if appos and any(a <= s and e < b for a, b in appos):
            continue  # «تيمو» inside «تيمو إينرجي هولدنجز، وهي شركة»: the longer name introduced here
        if names.false_friend(raw, s, e, lang):
            continue  # "the Amazon river", "born under Gemini"
        if lang == "ar" and h.entry.type == "ORG" and " " not in raw[s:e].strip() and names.surname_of_foreign_name(raw, s, e):
            continue  # «مارسيلو باهيا أودبريشت», «دالتون دوس سانتوس»: a family's name, not its company
        # "NEW YORK (Reuters) -", "Merrill Lynch Technology 100 Index", "Michael Lehman" (cheap tests
        # inline: most hits have no parenthesis before, no index word near, no capitalised word before)
        if h.entry.type == "ORG" and ((raw[s - 1:s] == "(" and _dateline_credit(raw, s, e))
                                      or (index_word in (raw[e:e + 60] if lang == "en" else raw[max(0, s - 12):s])
                                          and h.entry.category not in _PUBLISHERS and _index_name(raw, s, e, lang))):
            continue
        if h.entry.type == "PERSON" and lang == "en" and _named_after(lang).match(raw, e):
            continue  # "King Abdullah Economic City": a place named after the person
        if lang == "ar" and h.entry.type == "PERSON" and _ar_named_after(raw, s):
            continue  # «طريق الملك عبدالله», «مركز الملك سلمان لرعاية الأطفال»: a place named after the person
        if lang == "ar" and h.entry.type == "PERSON" and " " not in raw[s:e].strip() \
                and _ar_org_head_before().search(norm.text, max(0, h.start - 20), h.start) is not None:
            add(Mention(s, e, "ORG", raw[s:e], None, "pattern"))
            continue  # «مجموعة "مياموتو"»: a firm named after a surname, not the person (issue 9, h9ar)
        if h.entry.type == "ORG" and raw[s - 1:s] in ('(', '"', "«", "“") and _vessel_name(raw, s, lang):
            continue  # «السفينة (ميرسك شيرنيس)»: a ship named after its owner
        if lang == "en" and h.entry.type != "PERSON" and s >= 4 and raw[s - 1] == " " and raw[s - 2].islower() \
                and raw[max(0, raw.rfind(" ", max(0, s - 20), s - 1) + 1)].isupper() and _after_given_name(raw, s, e):
            continue
        if lang == "en" and (h.entry.type == "ORG" and _en_alias_not_org(raw, s, e)
                             or h.entry.type == "PRODUCT" and _en_given_name_before_surname(raw, s, e)):
            continue  # "OfficeMax Inc OMX.N", "Grupo Modelo SAB de CV", "ICDs", "(Editing by Tiffany Wu)", "Claude Dauphin"
        if lang == "ar" and h.entry.type == "PRODUCT" and _ar_given_name_before_surname(raw, s, e):
            continue  # «كلود بيفر رئيس وحدة الساعات»: a person's given name, not the model
        if lang == "en" and h.entry.type == "ORG" and s >= 3 and raw[s - 1] == " " and raw[s - 2].islower() \
                and (pw := raw[max(0, s - 24):s - 1].rsplit(None, 1)) and pw[-1][:1].isupper() and pw[-1].isalpha() \
                and entities_en._in_credit(raw, s):
            continue  # "(Reporting by Josie Cox; ...)": a reporter's surname, no company (issue 9, h9ent15)
        if lang == "en" and h.entry.type == "ORG" and raw[e:e + 1] == " " and raw[s:e].isupper() and raw[e + 1:e + 2].isupper() \
                and (w2 := _CAPS_WORD.match(raw, e + 1)) is not None \
                and (longer_entry := kb.lookup(raw[s:w2.end()])) is not None and longer_entry.type == "ORG" and longer_entry is not h.entry:
            add(Mention(s, w2.end(), "ORG", longer_entry.name, longer_entry, "kb"))
            continue  # "HYUNDAI SECURITIES" in a capitals block is Hyundai Securities, not Hyundai (issue 9, h9ent15)
        if lang == "en" and h.entry.type in ("ORG", "PRODUCT"):
            if raw[s - 1:s] != "(" and _WIRE_TICKER_TAIL.match(raw, e) and raw[max(0, s - 3):s].strip() in ("(", ""):
                continue  # "( SSP.N )": the ticker of the company named before it, not an alias
            longer = _longer_org(raw, s, e, lang, h.entry.type == "PRODUCT")
            if longer is not None:  # "Charter Equity Research" is not Charter Communications
                known = _known_org(raw[s:longer])  # ("NTT DoCoMo Inc." after the alias "NTT" is known)
                add(Mention(s, longer, "ORG", known.name if known else raw[s:longer], known, "kb" if known else "pattern"))
                continue
        if h.entry.type == "ORG" and h.entry.id in _makers() and (mc := _MAKER_MODEL.match(raw, e)) is not None \
                and raw[s:e].rsplit(None, 1)[-1] not in _LEGAL_WORDS \
                and not _NOT_MODEL.match(mc.group("code")) and kb.lookup(mc.group("code")) is None:
            # «BMW SUV I 3», "the BMW X5": a maker's name and a model code are its product (the maker
            # stays named); "BMW 2014", "Samsung Q2" are no models
            full = raw[s:mc.end()]
            known = kb.lookup(full)
            add(Mention(s, e, "ORG", h.entry.name, h.entry, "kb"))
            add(Mention(s, mc.end(), "PRODUCT", known.name if known else full, known, "kb" if known else "pattern"))
            continue
        if lang == "ar" and h.entry.type == "ORG" and raw[s - 1:s] == " " and _ar_in_product_name(norm, h.start, h.end):
            continue  # «مركبتها ديسكفري سبورت», «صندوق فالكم المتداول»: the product's name, not the company
        if lang == "ar" and h.entry.type == "ORG" and (other := _shared_name_entry(raw, norm, h, kb, prev_org)) is not None:
            h = AliasHit(h.start, h.end, other, h.alias)  # «يو.بي.إس الأمريكية»: UPS, not UBS
        if lang == "ar" and h.entry.type == "ORG" and h.entry.category in _ar_state_categories() \
                and _foreign_body(norm.text, h.end, h.entry.data.get("country")):
            continue  # «مصلحة الجمارك الصينية»: China's customs, not the Saudi body of that name
        if lang == "ar" and h.entry.type == "ORG":
            prev_org = (h.end, h.entry.data.get("country"))
        name = _former_name(h.entry, h.alias) or h.entry.name
        if lang == "en" and h.entry.type == "PERSON":
            name = entities_en.person_as_written(raw[s:e], name)  # "Daniel Ives" (the KB's "Dan Ives")
        v_base = None
        if h.entry.type == "PRODUCT":
            name = _GENERIC_TAIL.sub("", name)
            v = _VERSION.match(raw, e)
            if v is None and (g := _HEAD_BEFORE_VERSION.match(raw, e)) is not None:
                v = _VERSION.match(raw, g.end())  # "Xeon processor 5500 series": the 5500
            if v is None and lang == "ar" and (lv := _ar_letter_version().match(raw, e)) is not None:
                e = lv.end()  # «جالاكسي إس6»: the Galaxy S6
                v_base = _without_maker(name, h.entry, versioned=True)
                name = f"{v_base} {_ar_version_letters()[fold(lv.group(1))]}{lv.group(2)}"
            elif v and not name.endswith(v.group(1)):
                e = v.end()
                v_base = _without_maker(name, h.entry, versioned=True)
                name = f"{v_base} {v.group(1)}"  # "Llama 4", "Grok 4", "Ernie 4.5 Turbo", "Ascend 950PR"
        entry = h.entry
        if h.entry.type == "PRODUCT" and lang == "ar" and raw[e - 1:e].isdigit() \
                and (tail := _ar_version_tail().match(raw, e)) is not None:
            e = tail.end()  # «آيفون 6 إس بلس»: the iPhone 6s Plus (the tails in Latin letters)
            words = [_ar_version_tails()[fold(w)] for w in raw[tail.start():e].split()]
            name = name + ("s" if words[0] == "s" else "") + "".join(" " + w for w in words if w != "s")
            known = kb.lookup(name)
            entry = known if known is not None and known.type == "PRODUCT" else h.entry
        if lang == "en" and h.entry.type == "PRODUCT" and raw[s:e].isdigit() \
                and (raw[s - 1:s] in (",", ".") and raw[s - 2:s - 1].isdigit() or raw[e:e + 1] in (",", ".") and raw[e + 1:e + 2].isdigit()):
            continue  # "to finish at 1,767.69": a figure, no Boeing 767
        if h.entry.type == "PRODUCT" and lang == "en" and v_base is None \
                and (x := _device_tail(lang).match(raw, e)) is not None and kb.lookup(raw[e:x.end()].strip()) is None \
                and not any(w in cues(lang).extra["device_not_names"] for w in raw[e:x.end()].split()):
            e = x.end()  # "the Kindle Paperwhite e-reader": the model named before its kind
        if h.entry.type == "PRODUCT":
            surface = _without_maker(_LOWER_TAIL.sub("", _GENERIC_TAIL.sub("", raw[s:e])), h.entry)
            if surface.endswith("s") and fold(surface[:-1]) in {fold(a) for a in h.entry.all_aliases()}:
                surface = surface[:-1]  # "new iPads" is the iPad
            if surface.isascii() and len(surface) > 1 and fold(surface) != fold(name):
                name = surface  # products keep the specific name as written ("Ernie 4.5 Turbo", "Hunyuan-T1"; not «نموذج T» cut to "T")
        add(Mention(s, e, h.entry.type, name, entry, "kb"))
        if lang == "en" and h.entry.type == "PRODUCT" and v_base is None and raw[e:e + 1] in (",", " ") \
                and (nv := _NAME_VERSION.match(name)) is not None:
            pos = e  # "iPhone 5, 5S, 5C": the iPhone 5S and the iPhone 5C too (issue 9, h9ent15)
            while (more := _MORE_LETTER_VERSIONS.match(raw, pos)) is not None and free(*more.span(1)):
                add(Mention(more.start(1), more.end(1), "PRODUCT", f"{nv.group('b')} {more.group(1)}", None, "pattern"))
                pos = more.end()
        if h.entry.type == "PRODUCT" and v_base is not None:
            # "أسيند 950PR و950DT و960": each version in the list is its own product
            pos = e
            while (more := _MORE_VERSIONS.match(raw, pos)) is not None:
                add(Mention(more.start(1), more.end(1), "PRODUCT", f"{v_base} {more.group(1)}", h.entry, "kb"))
                pos = more.end()
    for m in caps:
        _caps_quote_mentions(raw, m, add)
    hits = _ar_scan(norm.text) if lang == "ar" else None  # one automaton pass for the word cues
    if lang == "ar":
        for s, e in _ar_sector_names(norm, hits["sector"]) + _ar_head_appositions(norm) + _ar_and_names(norm):
            if free(s, e):
                entry = kb.lookup(raw[s:e]) or _market_entries().get(fold(raw[s:e]))  # (a list of companies)
                if entry is not None and entry.type != "ORG":
                    continue
                add(Mention(s, e, "ORG", entry.name if entry else raw[s:e], entry, "kb" if entry else "pattern"))
    for s, e in appos:
        if free(s, e):
            entry = kb.lookup(raw[s:e])
            add(Mention(s, e, "ORG", entry.name if entry else raw[s:e], entry, "kb" if entry else "pattern"))
    for s, e, entry in names.quoted_names(norm.text, lang):  # «بيرنستاين», «خزنة»: quoted known names
        s, e = norm.span_to_raw(s, e)
        if free(s, e):
            add(Mention(s, e, entry.type, entry.name, entry, "kb"))
    pats = _patterns(lang)
    c = cues(lang)
    _sports_clubs(norm, lang, c, kb, free, add, hits)
    if hits is not None:
        _market_names(norm, out, c, free, add, hits["market"])
    _subsidiaries(raw, out, c)
    _ministries(raw, norm, pats, c, lang, kb, free, add)
    _people(raw, norm, pats, c, lang, free, add, hits)
    if lang == "ar":
        _ar_person_lists(raw, out, free, add)
        _ar_org_lists(norm, out, c, kb, free, add)
        for s, e, entry in names.variant_people(norm.text):  # «رحيم ستيرلينج»: a known person spelt otherwise
            s, e = norm.span_to_raw(s, e)
            if free(s, e):
                add(Mention(s, e, "PERSON", entry.name, entry, "kb"))
        _ar_known_surnames(norm, kb, free, add)
        if "(" in raw:
            _ar_aged_people(raw, norm, c, kb, free, add)
    if lang == "en":
        for m in _MODEL_CODE.finditer(raw):
            s, e = m.span("n")
            if free(s, e):
                add(Mention(s, e, "PRODUCT", raw[s:e], None, "pattern"))
    if lang == "en":
        _acronym_names(raw, c, kb, free, add)
    _ticker_names(raw, lang, kb, cues(lang), free, add)
    if lang == "ar":
        _latin_runs(raw, norm, pats, c, free, add, kb)
        text = norm.text
        word_at = lambda found: sorted({end - k + 1 for end, k, _ in found
                                        if (end - k < 0 or not text[end - k].isalnum())
                                        and (end + 1 >= len(text) or not text[end + 1].isalnum())})
        if any(True for _ in word_at(hits["sport"])):  # sports news: «أمام كونيا سبور التركي» is a club
            for m in _matches(pats["club_short"], text, word_at(hits["club"] + hits["clubctx"])):
                s, e = norm.span_to_raw(*m.span("n"))
                entry = kb.get(c.extra["club_short_names"].get(m.group("n"), ""))
                if entry is not None and free(s, e):
                    add(Mention(s, e, "ORG", entry.name, entry, "kb"))
            if len({text[end - k + 1:end + 1] for end, k, _ in hits["sport"]}) >= 2:  # (as _sports_clubs)
                for m in pats["club_pair"].finditer(text):
                    for g in ("n", "n2"):
                        s, e = norm.span_to_raw(*m.span(g))
                        entry = kb.get(c.extra["club_short_names"].get(m.group(g), ""))
                        if entry is not None and free(s, e):
                            add(Mention(s, e, "ORG", entry.name, entry, "kb"))
            for m in _matches(pats["club"], text, word_at(hits["club"])):
                s, e = norm.span_to_raw(*m.span("n"))
                words = m.group("n").split()
                if any(w.endswith("ه") or w.startswith("و") for w in words) or words[0] in c.extra["club_not"]:
                    continue  # «أمام منافسه الإسباني» (his rival), «إيران والغزو»
                if free(s, e) and not names.looks_like_person(raw[s:e], "ar"):
                    entry = kb.lookup(raw[s:e])
                    if entry is None or entry.type == "ORG":
                        add(Mention(s, e, "ORG", entry.name if entry else raw[s:e], entry, "pattern"))
        for s, e in _institutions(text, hits["inst"], c):
            s, e = norm.span_to_raw(s, e)
            if free(s, e):
                entry = kb.lookup(raw[s:e]) or names.variant_entry(raw[s:e], "ORG", "ar")
                add(Mention(s, e, "ORG", entry.name if entry else raw[s:e], entry, "kb" if entry else "pattern"))
        for s, e, lam in _ar_authorities(text, hits["auth"], c):
            s, e = norm.span_to_raw(s, e)
            if free(s, e):
                entry = kb.lookup(raw[s:e] if not lam else "ا" + raw[s:e])
                name = entry.name if entry else (raw[s:e] if not lam else "ا" + raw[s:e])
                add(Mention(s, e, "ORG", name, entry, "kb" if entry else "pattern"))
        if '"' in text:
            _ar_quoted_orgs(norm, c, kb, out, free, add)
        nheads = _head_words(text, hits["nhead"])
        for s, e, name, entry in _ar_named_banks(norm, c, kb, nheads) + _ar_initialisms(norm, kb, nheads):
            if free(s, e):
                add(Mention(s, e, "ORG", entry.name if entry else name, entry, "kb" if entry else "pattern"))
        pstarts = _head_starts(text, lang, hits["phead"])
        for m in _matches(pats["product_model"], text, [p for p in pstarts if _DIGIT.search(text, p, p + 60)]):
            words = m.group("n").split()
            if not words[1][:1].isalpha() and words[0][:1] in "تي" and len(words[0]) <= 4:
                continue  # «منصة تضم 20 شركة»: a verb and a count
            s, e = norm.span_to_raw(*m.span("n"))
            if free(s, e):
                entry = kb.lookup(raw[s:e]) or names.variant_entry(raw[s:e], "PRODUCT", "ar")
                add(Mention(s, e, "PRODUCT", entry.name if entry else raw[s:e], entry, "kb" if entry else "pattern"))
        _ar_new_products(norm, pats, pstarts, kb, free, add, nheads)
        if "طراز" in text:
            _ar_models_after(norm, pats, c, kb, out, free, add)
        for m in _quoted_products(text, pats["quoted_product"]):
            n = m.group("n").strip()
            if not n or len(n.split()) > 3 or any(w in c.extra["folded_stops"] for w in n.split()):
                continue
            s, e = norm.span_to_raw(*m.span("n"))
            if free(s, e):
                entry = kb.lookup(raw[s:e].strip())
                if entry is None and " " not in n and n.endswith("يه"):
                    continue  # «والدواء "علمية"»: an adjective, no name
                if entry is None or entry.type == "PRODUCT":
                    add(Mention(s, e, "PRODUCT", entry.name if entry else raw[s:e].strip(), entry,
                                "kb" if entry else "pattern"))
        for m in _matches(pats["product_word"], text, pstarts):
            s, e = norm.span_to_raw(*m.span("n"))
            if free(s, e) and (entry := names.product_variant(m.group("n"))) is not None:
                add(Mention(s, e, "PRODUCT", entry.name, entry, "kb"))
        starts = _head_starts(norm.text, lang, hits["head"] if hits is not None else None)  # all start at a head word
        qstarts = sorted(set(starts) | set(_head_starts(norm.text, lang, hits["qhead"]))) if hits["qhead"] else starts
        qstarts = [p for p in qstarts if '"' in norm.text[p:p + 30]]  # (cheap: the quote must come soon)
        inst = [m for m in _matches(pats["quoted_inst"], norm.text, qstarts) if _quoted_name(m.group("n"), c)]
        for m in inst:
            hs = m.start() + (1 if norm.text[m.start()] in "وبل" and norm.text[m.start():m.start() + 2] != "ال" else 0)
            if m.group("n").startswith("ال") and norm.text[hs:m.start("n")].split()[0] in c.extra["completes_head"]:
                # «هيئة "الغذاء والدواء"»: the quoted noun completes the head
                s, e = norm.span_to_raw(hs, m.end("n"))
                name = " ".join(raw[s:e].replace('"', " ").replace("«", " ").replace("»", " ")
                                .replace("“", " ").replace("”", " ").split())
                if free(s, e):
                    entry = kb.lookup(name)
                    add(Mention(s, e, "ORG", entry.name if entry else name, entry, "pattern"))
            if m.group("more"):  # «"ان بي سي نيوز" و"ماريست"»: each quoted name of the list
                base = m.start("more")
                for q in _QUOTED_MORE.finditer(m.group("more")):
                    s, e = norm.span_to_raw(base + q.start(1), base + q.end(1))
                    if _quoted_name(q.group(1), c) and free(s, e):
                        add(Mention(s, e, "ORG", raw[s:e].strip(), kb.lookup(raw[s:e].strip()), "pattern"))
        for m in (_matches(pats["partners_org"], norm.text, starts)  # (first: «شركة سعد الهداب وأولاده» is one name)
                  + _matches(pats["quoted_org"], norm.text, qstarts) + inst + _matches(pats["named_org"], norm.text, starts) + _matches(pats["named_org_long"], norm.text, starts)
                  + [m for m in _matches(pats["quoted_head_org"], norm.text, [p for p in qstarts if norm.text[p] == '"'])
                     if not _title_before(norm.text, m.start(), c)]
                  + _matches(pats["stock_org"], norm.text, starts) + _matches(pats["bare_org"], norm.text, starts)
                  + _matches(pats["bare_org_nat"], norm.text, starts) + _matches(pats["bare_org_pair"], norm.text, starts)
                  + _matches(pats["bare_org_sector"], norm.text, starts) + _matches(pats["holding_org"], norm.text, starts)
                  + _matches(pats["capital_org"], norm.text, starts)):
            s, e = norm.span_to_raw(m.start("n"), m.end("n"))
            w0 = m.group("n").split()[0]
            if "ال" + w0 in c.extra["nationality_set"] or (w0.endswith("ه") and "ال" + w0[:-1] in c.extra["nationality_set"]):
                continue  # «شركة أمريكية للأدوية», «مجموعة أوروبية للتكنولوجيا الأحيائية»: a description (issue 9, h9ar)
            if m.group("n").startswith("ال") \
                    and norm.text[max(0, m.start() - 1):m.start("n")].split()[0].lstrip("وبل") in c.extra["plural_heads"]:
                continue  # «شركات "النمو"», «لشركات التوزيع للحد من خسائرها»: a kind of companies, no name
            if free(s, e):
                add(Mention(s, e, "ORG", raw[s:e].strip(), None, "pattern"))
    else:
        taken_to = 0
        for m in pats["org_suffix"].finditer(raw):
            s, e = m.span("n")
            if e <= taken_to:
                continue
            if s < taken_to:  # "... Technologies Ltd Brady Corporation": "Ltd" went to the name before
                s = taken_to + len(raw[taken_to:e]) - len(raw[taken_to:e].lstrip())
            while (x := _NEXT_WORD.match(raw, e)) is not None and x.group(1) in c.extra["legal_forms"]:
                e = x.end()  # "Avago Technologies Ltd": the legal form after the suffix belongs to the name
            taken_to = e
            for s, e in _legal_form_split(raw, s, e, c):
                _suffix_name(raw, s, e, c, lang, kb, free, add)
        for m in _EN_ANALYST.finditer(raw):  # "Janney analyst David Strasser": the firm before the word
            if m.start() and raw[m.start() - 1] in " \t" and _EN_PERSON_AT.match(raw, m.end()):
                end = len(raw[:m.start()].rstrip(" \t"))
                firm = _EN_FIRM_BEFORE.search(raw, max(0, end - 60), end)
                if firm and not firm.group("n").endswith("-based") \
                        and firm.group("n") not in names.data("en").places:
                    _intro_org(raw, *firm.span("n"), c, kb, free, add)
        _factbox_items(raw, c, kb, free, add)
        for m in _first_word_matches(pats["org_intro"], raw, lang, "org_intro"):
            if m.start() and raw[m.start() - 1] == "-":
                continue  # "the U.N.-backed Millennium development goals": an adjective, no verb
            spans = [m.span("n")]
            more = m.group("more")
            if more and not re.search(r"(?:^|[\s,])and\s", more):
                more = None  # "bank Landsbanki, Bjorgolfur Gudmundsson": no "and", so an apposition, no list
            if more:  # "led by ICONIQ, Fidelity Management & Research and Lightspeed"
                base = m.start("more")
                spans += [(base + x.start(), base + x.end()) for x in _ORG_NAME_RE.finditer(m.group("more"))]
            for s, e in spans:
                _intro_org(raw, s, e, c, kb, free, add)
        _org_lists(raw, c, kb, free, add)
        _org_appositions(raw, c, kb, free, add)
        _share_names(raw, out, c, kb, free, add)
        _device_names(raw, out, c, kb, free, add)
        _drug_names(raw, c, kb, free, add)
        entities_en.drug_names(raw, c, kb, free, add)  # "medicine prasugrel", "its Protonix ulcer drug"
        _codenamed_products(raw, c, kb, free, add)
        _ampersand_names(raw, c, kb, free, add)
    for m in out:
        if m.entry is None and m.source == "pattern" and m.type in ("ORG", "PERSON"):
            m.entry = names.link_unknown(m.name, m.type, lang, c.org_heads[:3])
            if m.entry is not None:
                m.name = m.entry.name
    if lang == "en":
        _given_name_people(raw, out, c, kb, free, add)
        entities_en.more_people(raw, out, c, kb, free, add)  # "hedge fund manager David Einhorn"
        entities_en.org_fixes(raw, out, c, kb)  # "Westlake (Chemical Corp.)", "the Chinese Bank", "in Bridgewater, New Jersey"
        _product_short_names(raw, out, c, free, add)
        entities_en.quoted_products(raw, out, c, kb, free, add)  # "titles such as "Brain Age""
        entities_en.product_lists(raw, out, c, kb, free, add)  # "the Atrix, Backflip and the Xoom tablet"
        entities_en.plural_products(raw, out, kb)  # "buy Kindles": the Kindle, no company
        entities_en.called_products(raw, out, c, kb, free, add)  # "a video service called U-Verse"
        entities_en.maker_named_products(raw, out, c, kb, free, add)  # "the Google Voice app"
        entities_en.sales_of_products(raw, out, c, kb, free, add)  # "sales of Depakote"
        entities_en.consumer_brands(raw, out, c, kb, free, add)  # "Pampers diapers"
        entities_en.launched_products(raw, out, c, kb, free, add)  # "Microsoft launched Bing", "Kyprolis, a cancer drug for"
        entities_en.maker_of_products(raw, out, c, kb, free, add)  # "the maker of Tide, Pampers and Gillette"
        entities_en.kind_lists(raw, c, kb, free, add)  # "brands such as Twizzlers, Rolo and Jolly Rancher"
        entities_en.i_names(raw, c, kb, free, add)  # "its iTV"
        entities_en.model_numbers(raw, out, c, kb, free, add)  # "Nokia ... a full-touch 306 feature phone"
        entities_en.version_names(raw, out, free, add)  # "the 5C is cheaper than the premium 5S"
        _products_as_companies(raw, out, c)
        _former_era_products(raw, out, c)
    _surnames(norm, out, free, add)
    if lang == "en":
        _said_its(raw, out, c, kb, free, add)
    _surname_not_company(raw, out)
    _company_not_person(raw, out)
    if lang == "ar":
        _ar_family_members(raw, out)
        _ar_title_org_person(norm, out, free, add)
    if appos:
        _ar_short_names(raw, out, appos)
    if lang == "ar":
        _ar_cut_names(raw, out)
    if lang == "en":
        _short_names(raw, out, c, free, add)
    out.sort(key=lambda m: m.start)
    _makers_in_product_lists(raw, out)
    _link_glosses(raw, out)
    main = main_subject(out)
    if main is not None:
        for m in _first_word_matches(pats["coref"], norm.text, lang, "coref"):
            if pats["coref_relation"].match(norm.text, m.start("m")):
                continue  # «وسجلت المجموعة ... الشركة الأم لبتروكيم»: the parent of the story's company, not it
            s, e = norm.span_to_raw(m.start("m"), m.end("m"))
            if free(s, e):
                add(Mention(s, e, "ORG", main.name, main.entry, "coref"))
        described = _coref_described(lang) if any(h in raw for h in c.extra["coref_described_hints"]) else ()
        for p in described:  # "The Los Gatos, California-based company"
            for m in p.finditer(raw):
                if free(m.start("m"), m.end("m")):
                    add(Mention(m.start("m"), m.end("m"), "ORG", main.name, main.entry, "coref"))
        out.sort(key=lambda m: m.start)
    if raw is not norm_in.raw:
        for m in out:  # a name read across a line break ("Jonathan \nMiller") is written with one space
            if "  " in m.name:
                m.name = " ".join(m.name.split())
    return out


@lru_cache(maxsize=None)
def _sports_patterns(lang: str) -> tuple[re.Pattern, re.Pattern] | None:
    """(sports cue words, clubs' bare city names) of ``lang``; None when it lists no such clubs."""
    c = cues(lang)
    names_ = c.extra["sports_club_names"]
    if not names_ or not c.extra["sports_cues"]:
        return None
    if lang == "ar":
        cue = re.compile(rf"(?<!\w)[وبل]?(?P<w>{trie(fold(w) for w in c.extra['sports_cues'])})(?!\w)")
        # (not before a feminine nisba: «في ميلان الإيطالية», «معسكره في فالنسيا الإسبانية» are the cities; issue 9, h9ent19)
        club = re.compile(rf"(?<!\w)[وبل]?(?P<n>{trie(names_)})(?!\w)(?!\s+ال[\u0621-\u064a]{{2,}}ي[ةه](?!\w))")
    else:
        cue = re.compile(rf"(?<![\w-])(?P<w>{trie(c.extra['sports_cues'])})(?![\w-])")
        club = re.compile(rf"(?<![\w&'’.-])(?P<n>{trie(names_)})(?![\w&-])(?!['’]s\s+[A-Z])(?![ \t]+[A-Z][a-z])")
    return cue, club


@lru_cache(maxsize=None)
def _sports_cue_automaton(lang: str) -> ahocorasick.Automaton:
    ws = cues(lang).extra["sports_cues"]
    a = ahocorasick.Automaton()
    for w in ({fold(w) for w in ws} if lang == "ar" else set(ws)):
        a.add_word(w, w)
    if not ws:
        a.add_word("\x00\x00", "\x00\x00")
    a.make_automaton()
    return phrases.Automaton(a)  # (a DFA's pass over English text)


def _sports_clubs(norm: Normalized, lang: str, c: EntityCues, kb, free, add, hits=None) -> None:
    """In sports news (two different sports cue words at least), a club's bare name that is also a
    place («تشيلسي», "Premier League champions Chelsea") is the club (entity_cues.yaml
    sports_club_names)."""
    pats = _sports_patterns(lang)
    if pats is None:
        return
    cue, club = pats
    text = norm.text if lang == "ar" else norm.raw
    if hits is not None:  # Arabic: the cue words found by the document's one automaton pass
        n = len(text)
        words = {text[end - k + 1:end + 1] for end, k, _ in hits["sport"]
                 if (end + 1 >= n or not text[end + 1].isalnum())
                 and (end - k < 0 or not text[end - k].isalnum() or (text[end - k] in "وبل" and (end - k == 0 or not text[end - k - 1].isalnum())))}
        if len(words) < 2:
            return
    else:
        seen_words: set[str] = set()
        for _end, w in _sports_cue_automaton(lang).iter(text):  # (cheap: one automaton pass, stopped early)
            seen_words.add(w.lower())
            if len(seen_words) >= 2:
                break
        else:
            return  # fewer than two cue words occur at all
    seen: set[str] = set()
    for m in cue.finditer(text):
        seen.add(m.group("w").lower())
        if len(seen) >= 2:
            break
    else:
        return
    for m in club.finditer(text):
        s, e = m.span("n")
        if lang == "ar":
            s, e = norm.span_to_raw(s, e)
        entry = kb.get(c.extra["sports_club_names"][m.group("n")])
        if entry is not None and free(s, e):
            # named as English news names the club ("Chelsea" for Chelsea FC; but "Villa" is Aston Villa);
            # Arabic text by its English name
            short = lang == "en" and entry.name.startswith(norm.raw[s:e] + " ")
            add(Mention(s, e, "ORG", norm.raw[s:e] if short else entry.name, entry, "kb"))


_NEXT_WORD = re.compile(r"[ \t]+(\S+)")
_BASED_AFTER = re.compile(r",[ \t]+(?:[A-Z][\w.]*[ \t]+){0,3}[A-Z][\w.]*-based")


def _legal_form_split(raw: str, s: int, e: int, c: EntityCues) -> list[tuple[int, int]]:
    """[s, e) cut after each legal form that a capitalised word other than a legal form follows
    ("Advanced Micro Devices Inc Amperex Technology Ltd": two names)."""
    legal = c.extra["legal_forms"]
    if not any(w in legal for w in raw[s:e].split()[:-1]):
        return [(s, e)]  # (the common case: no legal form inside the name)
    out, start = [], s
    for w in re.finditer(r"\S+", raw[s:e]):
        nxt = re.match(r"\s+(\S+)", raw[s + w.end():e])
        if w.group(0) in legal and nxt and nxt.group(1)[:1].isupper() and nxt.group(1) not in legal \
                and nxt.group(1).rstrip(".,") not in legal \
                and any(x not in legal for x in raw[start:s + w.start()].split()):  # ("Limited Stores")
            out.append((start, s + w.end()))
            start = s + w.end() + len(nxt.group(0)) - len(nxt.group(1))
    out.append((start, e))
    return out


_OF_BEFORE = re.compile(r"([A-Z][\w&'.\-]*)[ \t]+(?:of|for)[ \t]+\Z")
_CAPS_AFTER = re.compile(r"(?:[ \t]+[A-Z][\w\-]*){1,3}")


def _suffix_name(raw: str, s: int, e: int, c: EntityCues, lang: str, kb, free, add) -> None:
    """An unknown name that ends in an organisation suffix ("Solarfun Power Holdings Co")."""
    for b in _SENTENCE_INSIDE.finditer(raw, s, e):  # "... on Wednesday. Solarfun Power Holdings Co"
        if b.group(1).rstrip(".") not in c.org_suffixes:
            s = b.end()
    words = raw[s:e].split()
    k = 0
    while k < len(words) - 1 and len(words[k]) >= 3 and words[k].isalpha() and words[k].isupper():
        k += 1
    if k >= 2 and not words[k].isupper() and any(len(w) >= 5 for w in words[:k]):
        s = raw.index(words[k], s)  # "MARGIN RELIEF Group gross margin": a heading in capitals before the
        words = words[k:]           # text (issue 9, h9ent11; not "LCM VII Ltd")
    while words and (words[0] in c.name_stops or words[0] in c.extra["leading_descriptors"]):
        s = raw.index(words[1], s) if len(words) > 1 else e  # "Drugmaker Flamel Technologies"
        words = words[1:]
    cut = [i for i, w in enumerate(words[:-1]) if w.endswith(_NOT_NAME_WORD_ENDS)]
    if cut:  # "Great Depression-era Exchange Stabilization Fund", "Chicago-based Equity Office"
        s = raw.index(words[cut[-1] + 1], s)
        words = words[cut[-1] + 1:]
    s0 = s
    s, place = names.strip_possessive(raw, s, e, lang, c.org_suffixes)  # "France's Lumen SA"
    if s > s0 and place is None and all(w in c.org_suffixes or w in c.extra["org_words"] or w in c.extra["legal_forms"]
                                        for w in raw[s:e].split()):
        s = s0  # "Papa John's International Inc": only business words after the possessive, which is the name's
    if all(w in c.extra["legal_forms"] for w in raw[s:e].split()):
        return  # "Co Ltd" left over from "Catcher Technology Co Ltd"
    if ((before := _OF_BEFORE.search(raw, max(0, s - 40), s)) is not None and before.group(1) in c.extra["institution_heads"]) \
            or ((after := _CAPS_AFTER.match(raw, e)) is not None
                                                    and any(w in c.extra["institution_heads"] for w in after.group(0).split())):
        return  # the end or the middle of a longer name: "National Bureau of Economic Research", "Natural
        # Resources Defense Council", "Senate Energy and Natural Resources Committee" (issue 9, h9ent11)
    if len(raw[s:e].split()) >= 2 and free(s, e):
        entry = _known_org(raw[s:e])
        add(Mention(s, e, "ORG", entry.name if entry else raw[s:e], entry, "kb" if entry else "pattern", place))


@lru_cache(maxsize=None)
def _named_after(lang: str) -> re.Pattern:
    """What follows a person's name in the name of a place or an institution named after them
    (lang/<lang>/names.yaml ``not_a_person_before``)."""
    words = load_yaml(f"lang/{lang}/names.yaml", "names").get("not_a_person_before") or []
    alt = "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True)) or "(?!)"
    return re.compile(rf"(?:[ \t]+[A-Z][a-z]+){{0,2}}[ \t]+(?:{alt})(?![\w])")


@lru_cache(maxsize=1)
def _market_entries() -> dict[str, KBEntry]:
    """Folded market short names of the knowledge base («عسير», «البلاد») → their entries."""
    return {fold(n): e for e in knowledge_base().entries for n in e.data.get("market") or ()}


@lru_cache(maxsize=1)
def _price_currencies() -> tuple[re.Pattern, dict[str, str], dict[str, str]]:
    d = load_yaml("lang/ar/entity_cues.yaml", "entity_cues")
    cur = {fold(k): v for k, v in (d.get("price_currency_countries") or {}).items()}
    qual = {fold(k): v for k, v in (d.get("price_currency_qualified") or {}).items()}
    alt = "|".join(sorted(cur, key=len, reverse=True)) or "(?!)"
    return re.compile(rf"\d\s*(?P<c>{alt})(?:ا|ات|ات)?(?:\s+(?P<q>[\u0621-\u064a]+))?"), cur, qual


def _price_country(text: str, end: int) -> str | None:
    """The country of the currency of a share price within 80 characters after a name («سهم "سيسكو"
    بنسبة 2.99 في المائة ليغلق عند 20.35 ريال»: SA), or None."""
    pat, cur, qual = _price_currencies()
    m = pat.search(text, end, end + 80)
    if m is None:
        return None
    return qual.get(m.group("q") or "") or cur.get(m.group("c"))


@lru_cache(maxsize=1)
def _ar_named_after_heads() -> frozenset[str]:
    d = load_yaml("lang/ar/entity_cues.yaml", "entity_cues")
    return frozenset(fold(x) for x in d.get("named_after_heads") or [])


@lru_cache(maxsize=1)
def _ar_org_head_before() -> re.Pattern:
    """An Arabic organisation head (entity_cues org_heads, folded), perhaps after a clitic and before a quote, right
    before where a search of folded text ends."""
    return re.compile(rf"(?<!\w)[وبل]?(?:{trie(fold(w) for w in cues('ar').org_heads)[3:-1]})\s*[\"«“]?\s*\Z")


def _ar_named_after(raw: str, s: int) -> bool:
    """The word before ``s`` (a clitic و/ب/ل/ف allowed) is a place's or an institution's noun
    (entity_cues.yaml ``named_after_heads``): «طريق الملك عبدالله» names a road, not the king."""
    j = s
    while j > 0 and raw[j - 1] in " \t":
        j -= 1
    if j == s or j == 0:
        return False
    i = j
    while i > 0 and raw[i - 1].isalpha():
        i -= 1
    w = fold(raw[i:j])
    heads = _ar_named_after_heads()
    return w in heads or (len(w) > 3 and w[0] in "وبلف" and w[1:] in heads)


@lru_cache(maxsize=1)
def _shared_names() -> tuple[dict[str, list[str]], dict[str, str]]:
    c = cues("ar")
    shared = {fold(k): v for k, v in (c.extra.get("shared_names") or {}).items()}
    shared.update({k.replace(" ", "."): v for k, v in shared.items()})  # «يو.بي.إس»
    return shared, {fold(k): v for k, v in (c.extra.get("nationality_countries") or {}).items()}


@lru_cache(maxsize=1)
def _ar_state_categories() -> frozenset[str]:
    return frozenset(cues("ar").extra.get("state_body_categories") or ())


_NEXT_AR_WORD = re.compile(r"[ \t]+([\u0621-\u064a]+)")


def _foreign_body(text: str, end: int, country: str | None) -> bool:
    """Whether the nationality adjective right after a state body's name (folded ``text``) is another country's
    («مصلحة الجمارك الصينية» after the Saudi «مصلحة الجمارك»)."""
    m = _NEXT_AR_WORD.match(text, end)
    other = _shared_names()[1].get(m.group(1)) if m else None
    return other is not None and country is not None and other != country


def _shared_name_entry(raw: str, norm: Normalized, h, kb, prev=(-1, None)) -> KBEntry | None:
    """The other company of a spelling two companies share, when the nationality adjective after
    the name is its country's (entity_cues.yaml ``shared_names``, ``nationality_countries``)."""
    shared, countries = _shared_names()
    ids = shared.get(norm.text[h.start:h.end])
    if not ids:
        return None
    m = re.match(r"\s+([\u0621-\u064a]+)", norm.text[h.end:h.end + 30])
    country = countries.get(m.group(1)) if m else None
    if country is None:
        country = _price_country(norm.text, h.end)
    if country is None and prev[1] and 0 <= h.start - prev[0] <= 40 \
            and re.search(r"[،,]|(?<![\u0621-\u064a])و", norm.text[prev[0]:h.start]):
        country = prev[1]  # a list of companies: «وبترورابغ 13.61% وبوبا للتأمين 13.12% و سيسكو»
    if country is None or h.entry.data.get("country") == country:
        return None
    return next((e for i in ids if (e := kb.get(i)) is not None and e.data.get("country") == country), None)


@lru_cache(maxsize=1)
def _ar_version_tails() -> dict[str, str]:
    """Arabic model tails after a version number → their Latin form (lang/ar/entity_cues.yaml)."""
    return {fold(k): v for k, v in (cues("ar").extra.get("version_tails") or {}).items()}


@lru_cache(maxsize=1)
def _ar_version_tail() -> re.Pattern:
    words = "|".join(re.escape(w) for w in sorted(
        (k for k in (cues("ar").extra.get("version_tails") or {})), key=len, reverse=True)) or "(?!)"
    return re.compile(rf"(?:[ \t]+(?:{words})(?![\w])){{1,2}}")


@lru_cache(maxsize=1)
def _ar_version_letters() -> dict[str, str]:
    """Arabic letter names → Latin letters of model names (lang/ar/entity_cues.yaml ``version_letters``)."""
    return {fold(k): v for k, v in (cues("ar").extra.get("version_letters") or {}).items()}


@lru_cache(maxsize=1)
def _ar_letter_version() -> re.Pattern:
    words = "|".join(re.escape(w) for w in sorted(cues("ar").extra.get("version_letters") or {}, key=len, reverse=True)) or "(?!)"
    return re.compile(rf"[ \t]+({words})[ \t]?(\d{{1,2}})(?![\d.,٫%])(?![ \t]*(?:%|في المائة|بالمائة|بالمئة))")


# a model code after a maker's name: "X5", "A380", "i3", "I 3", "C-30", "787" (an optional class word before it)
_MAKER_MODEL = re.compile(r"[ \t]+(?:(?:SUV|EV|MPV)[ \t]+)?(?P<code>(?:[A-Z]{1,3}[ \t-]?\d{1,4}|[a-z]\d{1,3}|\d{3}|(?!(?:19|20)\d\d)\d{4})[A-Za-z]{0,3})"
                          r"(?![\w%])(?![.,]\d)(?![.][A-Z])")  # ("Nintendo 7974.OS": a ticker)
# ("Intel Corp x86 chips": a company named in full is followed by no model of its own)
_LEGAL_WORDS = frozenset({"Inc", "Inc.", "Corp", "Corp.", "Co", "Co.", "Ltd", "Ltd.", "Corporation", "Company", "Group", "Holdings", "AG", "SA", "NV", "PLC", "plc"})
_NOT_MODEL = re.compile(r"(?:Q|H|FY|CY|[A-Z]?\d{3}$)")  # a quarter or half year; (a bare three-digit figure needs the KB)


@lru_cache(maxsize=1)
def _makers() -> frozenset[str]:
    """Ids of the organisations that make a product of the knowledge base."""
    kb = knowledge_base()
    return frozenset(e.data.get("maker") for e in kb.entries if e.type == "PRODUCT" and e.data.get("maker"))


# a factbox item: "Yammer - Paid $1.1 billion ...", "Great Plains/Navision - the acquisition ...", at the
# start of the text, a line or a sentence
_FACTBOX_NAME = r"(?:[A-Z]|[a-z]{1,2}(?=[A-Z]))[\w&'’.]*(?:[ ][A-Z][\w&'’.]*){0,2}"
_FACTBOX_ITEM = re.compile(rf"(?:(?<=[.!?\"”][ ])|(?<=\n)|(?<=\A))(?P<n>{_FACTBOX_NAME})(?:/(?P<m>{_FACTBOX_NAME}))?[ ]+[-–][ ]+(?=\w)")


def _factbox_items(raw: str, c: EntityCues, kb, free, add) -> None:
    """The items of a factbox of companies ("Yammer - Paid $1.1 billion ... Bungie - Paid only ..."):
    where a text has three items or more, each unknown item name is an organisation, unless it is a
    place or starts with a given name (a factbox of people)."""
    if raw.count(" - ") < 3:
        return
    items = list(_FACTBOX_ITEM.finditer(raw))
    if len(items) < 3:
        return
    given, places = _en_given_names(), names.data("en").places
    for m in items:
        if m.group("m"):
            continue  # "Great Plains/Navision - the acquisition of these two companies": not read (the
            # events step would take the second name for the buyer of the company named after it)
        for g in ("n",):
            s, e = m.span(g)
            e = s + len(raw[s:e].rstrip("."))
            name = raw[s:e]
            words = name.split()
            if name in places or words[0] in c.name_stops or words[0].lower() in given or name in c.extra["demonyms"]:
                continue
            if free(s, e):
                entry = kb.lookup(name)
                if entry is None or entry.type == "ORG":
                    add(Mention(s, e, "ORG", entry.name if entry else name, entry, "kb" if entry else "pattern"))


_RIC = re.compile(r"[A-Z0-9][A-Za-z0-9]*\.[A-Z]{1,2}")  # a Reuters instrument code ("AZPIa.MI", "TXN.N")
_NOT_NAME_WORD_ENDS = ("-era", "-based", "-owned", "-listed", "-born", "-run", "-backed", "-controlled")


_DIGIT = re.compile(r"\d")
_TOKEN = re.compile(r"\s+([\u0621-\u064a]+)(?![\w])")
_DASH_TOKEN = re.compile(r"(?:[ \t]*[\-–][ \t]*|[ \t]+)([\u0621-\u064a]+)(?![\w])")  # a word after blanks or a dash


def _institutions(text: str, found, c: EntityCues) -> list[tuple[int, int]]:
    """Spans (in folded ``text``) of «هيئة الإحصاء البرتغالية», «المركز الوطني للإحصاء والمعلومات
    العماني», «المعهد البرازيلي للجغرافيا والإحصاء»: an institution's head (entity_cues
    `institution_heads`, ``found`` by the Arabic automaton), up to three nouns or adjectives with the
    article (or «لل», or «وال» after a «لل» word) and a nationality adjective, masculine or feminine,
    then perhaps «للY» («والZ»). A head and a nationality alone («البنك الفرنسي») name no one body."""
    nats, stops, tail_not = c.extra["nationality_set"], c.extra["folded_stops"] | c.extra["not_name_set"], c.extra["tail_not_set"]
    n = len(text)
    out, last = [], -1
    for end, k, _ in found:
        hs, he = end - k + 1, end + 1
        if hs < last or (he < n and text[he].isalnum()):
            continue
        if hs and text[hs - 1].isalnum() and not (text[hs - 1] in "وبل" and (hs < 2 or not text[hs - 2].isalnum())):
            continue
        pos, mid, span_end = he, [], None
        for _ in range(4):
            t = _TOKEN.match(text, pos)
            if t is None:
                break
            w = t.group(1)
            if w in nats or (w.endswith("ه") and w[:-1] in nats):
                span_end = t.end()
                t2 = _DASH_TOKEN.match(text, span_end)  # «غرفة التجارة السويسرية ـ الأمريكية»: two nations (issue 9, h9ar)
                if t2 is not None and (t2.group(1) in nats or (t2.group(1).endswith("ه") and t2.group(1)[:-1] in nats)):
                    span_end = t2.end()
                break
            if w in stops or not (w.startswith(("ال", "لل")) or (w.startswith("وال") and mid and mid[-1].startswith("لل"))):
                break
            mid.append(w)
            pos = t.end()
        if span_end is None:
            continue
        t = _TOKEN.match(text, span_end)
        if t is not None and t.group(1).startswith("لل") and t.group(1) not in tail_not and t.group(1) not in stops:
            span_end = t.end()
            t2 = _TOKEN.match(text, span_end)
            if t2 is not None and t2.group(1).startswith("ال") and t2.group(1).endswith(("ي", "يه")) and len(t2.group(1)) >= 5 \
                    and t2.group(1) not in tail_not and t2.group(1) not in stops:
                span_end = t2.end()  # «الوكالة المغربية للطاقة الشمسية»: the complement's nisba adjective (issue 9, h9ar)
                t2 = _TOKEN.match(text, span_end)
            if t2 is not None and t2.group(1).startswith("وال"):
                span_end = t2.end()
        elif not mid or all(w in c.extra["institution_generic"] for w in mid):
            continue  # «المؤسسة العامة السويسرية», «المجموعة الكبرى الألمانية»: a description, no name
        out.append((hs, span_end))
        last = span_end
    return out


@lru_cache(maxsize=1)
def _ar_authority_words() -> tuple[frozenset[str], frozenset[str], frozenset[str], frozenset[str]]:
    """Folded heads, naming adjectives, tail stops and nationality adjectives of «الهيئة العامة للاستثمار»
    (lang/ar/entity_cues.yaml ``authority_*``)."""
    d = load_yaml("lang/ar/entity_cues.yaml", "entity_cues")
    f = lambda key: frozenset(fold(x) for x in d.get(key) or [] if fold(x).strip())
    nats = f("institution_nationalities") | f("club_nationalities")
    return f("authority_heads"), f("authority_adjectives"), f("authority_tail_not") | f("name_stops") | f("not_name"), \
        nats | frozenset(w + "ه" for w in nats)


@lru_cache(maxsize=1)
def _ar_body_nouns() -> frozenset[str]:
    """Folded heads of bodies without the article («وكاله», «هيئه»): a second body, not a name's part."""
    d = load_yaml("lang/ar/entity_cues.yaml", "entity_cues")
    words = (d.get("institution_heads") or []) + (d.get("authority_heads") or []) + d["org_heads"] \
        + (d.get("quoted_org_heads") or []) + (d.get("ministry_heads") or [])
    return frozenset(w[2:] if w.startswith("ال") else w for w in (fold(x) for x in words) if " " not in w)


def _ar_authorities(text: str, found, c: EntityCues) -> list[tuple[int, int, bool]]:
    """Spans (in folded ``text``) of «الهيئة العامة للاستثمار», «المؤسسة العامة لصوامع الغلال ومطاحن
    الدقيق», «الرئاسة العامة للأرصاد وحماية البيئة», «الشركة الوطنية الإيرانية للبتروكيماويات»: a head
    with the article and a naming adjective (``found``: the «auth» hits of the Arabic automaton), perhaps
    a second adjective or a nationality, then what the body is for («للY», or «لY» and a noun with the
    article), then up to three nisba adjectives or nouns joined by «و», and a nationality. With no «ل»
    complement there is no name («الهيئة العامة» alone is a description). The flag: the text has «للهيئة»,
    the span starts at the article's ل (its alif is not written)."""
    heads, adjs, stops, nats = _ar_authority_words()
    bodies = _ar_body_nouns()
    n = len(text)
    out, last = [], -1
    for end, k, lam in found:
        hs, he = end - k + 1, end + 1
        if hs < last or (he < n and text[he].isalnum()):
            continue
        if lam:
            if hs and text[hs - 1].isalnum() and not (text[hs - 1] in "وف" and (hs < 2 or not text[hs - 2].isalnum())):
                continue
        elif hs and text[hs - 1].isalnum() and not (text[hs - 1] in "وب" and (hs < 2 or not text[hs - 2].isalnum())):
            continue
        pos = he
        t = _TOKEN.match(text, pos)
        if t is not None and (t.group(1) in adjs or t.group(1) in nats):
            pos = t.end()  # «الشركة الوطنية الإيرانية», «المنظمة العربية الدولية»
            t = _TOKEN.match(text, pos)
        if t is None or t.group(1) in stops:
            continue
        w = t.group(1)
        if w.startswith("لل") and len(w) >= 5 and w not in c.extra["tail_not_set"]:
            pos = t.end()
        elif w.startswith("ل") and not w.startswith("لل") and len(w) >= 4:
            t2 = _TOKEN.match(text, t.end())
            if t2 is None or not t2.group(1).startswith("ال") or t2.group(1) in stops or t2.group(1) in nats \
                    or knowledge_base().lookup(text[hs + (1 if lam else 0):he]) is not None:
                continue  # «الاتحاد الدولي لخلافة السويسري», «مؤشر البنك الدولي لأسعار المواد الغذائية»
            pos = t2.end()  # «لصوامع الغلال», «لنقابات العمال»
        else:
            continue
        for _ in range(3):
            t = _TOKEN.match(text, pos)
            if t is None:
                break
            w = t.group(1)
            if w in stops or w[1:] in stops:
                break
            if w in nats:
                pos = t.end()
                break
            if w.startswith("ال") and w.endswith(("ي", "يه")) and len(w) >= 5:
                pos = t.end()  # «للطيران المدني», «للتأمينات الاجتماعية»
            elif w.startswith("ال") and w.endswith("ه") and len(w) >= 5 and w not in c.extra["tail_not_set"] \
                    and (t2 := _TOKEN.match(text, t.end())) is not None and t2.group(1).startswith("وال") \
                    and t2.group(1)[1:] not in stops:
                pos = t.end()  # «للمعادن الثمينة والأحجار الكريمة»: an adjective, as the name goes on after «و» (issue 9, h9ar)
            elif w.startswith(("وال", "ولل")) and len(w) >= 6:
                pos = t.end()  # «للإحصاء والمعلومات»
                t2 = _TOKEN.match(text, pos)
                if t2 is not None and t2.group(1).startswith("ال") and t2.group(1).endswith("ه") \
                        and t2.group(1) not in stops and t2.group(1) not in nats:
                    pos = t2.end()  # «للمعادن والأحجار الكريمة»: the joined noun's adjective
            elif w.startswith("و") and not w.startswith("وال") and w.endswith("ه") and len(w) >= 5 \
                    and w[1:] not in bodies and (t2 := _TOKEN.match(text, t.end())) is not None \
                    and t2.group(1).startswith("ال") and t2.group(1) not in stops:
                pos = t2.end()  # «وحماية البيئة» (not «ووكالة الأحوال المدنية», a second body)
            else:
                break
        out.append((hs + (1 if lam else 0), pos, lam))
        last = pos
    return out


# "Zentrix said on Tuesday its revenue rose": one capitalised word opening a sentence, "said", and
# "its" before any "his"/"her" in the sentence
_WORD_END = re.compile(r"[A-Z][a-z]+[A-Za-z]*\Z")
_SAID_REST = re.compile(r"said\b(?P<rest>[^.!?\n]{0,80}?)\b(?:its|it)\b")


def _said_its(raw: str, mentions: list[Mention], c: EntityCues, kb, free, add) -> None:
    """An unknown one-word company that speaks of itself as "it"/"its" ("Zentrix said on Tuesday
    its revenue rose"); not a given name, a place, a surname of a person named in the text, nor a
    word that opens sentences ("Analysts said it ..."). One pass over the text for each test."""
    if " said" not in raw:
        return
    found = []
    i = raw.find(" said")
    while i != -1:  # (the word before each " said", then the rest of the sentence: no scan at every offset)
        w = _WORD_END.search(raw, max(0, i - 40), i)
        if w is not None and (w.start() == 0 or raw[w.start() - 1] == "\n"
                              or (w.start() >= 2 and raw[w.start() - 1] == " " and raw[w.start() - 2] in '.!?"”')):
            r = _SAID_REST.match(raw, i + 1)
            if r is not None:
                found.append((w.span(), w.group(0), r.group("rest")))
        i = raw.find(" said", i + 5)
    if not found:
        return
    given, places = _en_given_names(), names.data("en").places
    found = [(span, w, rest) for span, w, rest in found
             if not (_PERSON_PRONOUN.search(rest) or w.lower() in given or w in places or w in c.name_stops
                     or w in c.extra["demonyms"] or w in c.extra["said_its_not"])
             and free(*span) and kb.lookup(w) is None]
    if not found:
        return  # (most candidates are known companies: the text's name pairs are read only when needed)
    surnames = {m.name.split()[-1] for m in mentions if m.type == "PERSON"}
    surnames |= {p.group(2) for p in _GIVEN_SURNAME.finditer(raw) if p.group(1).lower() in given}
    first_word: dict[str, Mention] = {}
    for x in sorted(mentions, key=lambda x: x.start):
        if x.type == "ORG":
            for name in (raw[x.start:x.end], x.name):
                if " " in name:
                    first_word.setdefault(name.split()[0], x)
    for (s, e), w, rest in found:
        if w in surnames or not free(s, e):
            continue  # "Meredith Whitney ... Whitney said it": a person's surname
        full = first_word.get(w)  # "Sun Microsystems ... Sun said its": the company named in full before
        if full is not None and full.start < s:
            add(Mention(s, e, "ORG", full.name, full.entry, "pattern"))
        else:
            add(Mention(s, e, "ORG", w, None, "pattern"))


_GIVEN_SURNAME = re.compile(r"\b([A-Z][a-z]+)[ ]+([A-Z][a-z]+[A-Za-z]*)\b")
_PERSON_PRONOUN = re.compile(r"\b(?:he|she|his|her)\b")


_QUOTED_MORE = re.compile(r"\"([^\"\n]+)\"")


def _quoted_name(name: str, c: EntityCues) -> bool:
    """Whether a quoted phrase after an institution noun may be a name: one to five words, none
    of them a function word (a quoted saying or slogan is no name) unless it is a known name."""
    words = name.split()
    return 1 <= len(words) <= 5 and (not any(w in c.extra["folded_stops"] for w in words)
                                     or knowledge_base().lookup(name) is not None)  # «"ان بي سي نيوز"»


def _title_before(text: str, p: int, c: EntityCues) -> bool:
    """Whether the word before ``p`` names a programme, campaign or work («برنامج "بنك المعلومات"»)."""
    w = (text[max(0, p - 20):p].split() or [""])[-1]
    return w in c.extra["title_nouns"] or (w[:1] in "وبل" and w[1:] in c.extra["title_nouns"])


@lru_cache(maxsize=None)
def _trimmers(lang: str) -> tuple[re.Pattern, re.Pattern]:
    c = cues(lang)
    words = phrases.alternation
    # an owner's possessive goes ("Nvidia's Blackwell"), a common noun's stays ("Men's Wearhouse")
    keep = words(sorted(names._name_possessors()) or ["(?!)"])
    heads = re.compile(rf"^(?:(?:{words(c.extra['generic_heads'])})\s+|(?!(?:{keep})['’]s\s)[A-Z][\w&.\-]*['’]s\s+)+")
    tails = re.compile(rf"(?:\s+(?:{words(c.extra['generic_tails'])}))+$")
    return heads, tails


# bodies that publish the index named after them ("the FAO food price index"): they are named there
_PUBLISHERS = frozenset({"government", "regulator", "ministry"})
_DATELINE = re.compile(r"\)[ \t]*[-–—]")


@lru_cache(maxsize=None)
def _vessel_pattern(lang: str) -> re.Pattern:
    words = "|".join(re.escape(w) for w in sorted(cues(lang).extra["vessel_heads"], key=len, reverse=True)) or "(?!)"
    return re.compile(rf"(?<!\w)(?:{words})[ \t]*[(\"«“][ \t]*\Z")


def _vessel_name(raw: str, s: int, lang: str) -> bool:
    return _vessel_pattern(lang).search(raw, max(0, s - 20), s) is not None


def _dateline_credit(raw: str, s: int, e: int) -> bool:
    """"NEW YORK (Reuters) -", «دبي (رويترز) -»: the agency credited in a dateline at the start of
    a line is a byline, not a body mention (the contract puts it among the optional names)."""
    if raw[s - 1:s] != "(" or not _DATELINE.match(raw, e):
        return False
    line_start = raw.rfind("\n", 0, s) + 1
    return s - line_start <= 40 and not re.search(r"[a-z.,;:]", raw[line_start:s - 1])


@lru_cache(maxsize=None)
def _index_context(lang: str) -> tuple[re.Pattern, re.Pattern, re.Pattern]:
    """(an index word right before a name, an index word after a name and up to three
    capitalised words, an index word at most 30 characters before a folded position)."""
    c = cues(lang)
    words = phrases.alternation
    before = re.compile(rf"(?<!\w)(?:{words(c.extra['index_before'])})\s*[\"«(]?\s*\Z")
    after = re.compile(rf"(?:[ \t]+[A-Z0-9][\w&.\-]*){{0,3}}[ \t]+(?:{words(c.extra['index_after'])})(?!\w)")
    near = re.compile(rf"(?<!\w)(?:{words({fold(w) for w in c.extra['index_before']})})[^.،,\n]{{0,30}}\Z")
    return before, after, near


def _index_name(raw: str, s: int, e: int, lang: str) -> bool:
    """A company named in an index's name ("Merrill Lynch Technology 100 Index", «المؤشر
    فايننشال تايمز 100»): the index, not the company."""
    before, after, _ = _index_context(lang)
    if lang == "en":  # cheap tests first: most names are not followed by an index word
        return "ndex" in raw[e:e + 60] and after.match(raw, e) is not None
    return before.search(raw, max(0, s - 12), s) is not None


@lru_cache(maxsize=1)
def _en_given_names() -> frozenset[str]:
    """English given names: the lexicon's (lang/en/names.yaml) and the first names of the KB's people."""
    out = set(names.data("en").given)
    for e in knowledge_base().entries:
        if e.type == "PERSON":
            parts = e.name.split()
            if len(parts) >= 2 and len(parts[0]) >= 3 and parts[0].isalpha() and parts[0][0].isupper():
                out.add(parts[0].lower())
    return frozenset(out - {w.lower() for w in cues("en").name_stops})


_WORD_BEFORE = re.compile(r"(?<![\w.])([A-Z][a-z]+)[ \t]\Z")
# after an all-capitals alias: a Reuters instrument code's exchange ("OMX.N") or a Latin legal form
# ("SAB de CV": the Mexican Sociedad Anonima Bursatil of the name before it)
_RIC_OR_FORM_AFTER = re.compile(r"\.[A-Z]{1,2}(?![\w.])|[ \t]+de[ \t]+C\.?V\b")
_SURNAME_AFTER = re.compile(r"[ \t]+([A-Z][a-z]+)(?![\w&'’-]|[ \t]+[A-Z&])")


def _en_alias_not_org(raw: str, s: int, e: int) -> bool:
    """A known company's one-word alias that names no company here: an all-capitals alias that is an
    instrument code ("OfficeMax Inc OMX.N") or a legal form ("Grupo Modelo SAB de CV"), or that the
    text also writes as a plural ("ICDs": a common noun, "the ICD market"); a given name before a
    surname ("(Editing by Tiffany Wu)": a person, not Tiffany & Co)."""
    word = raw[s:e]
    if " " in word:
        return False
    if word in cues("en").extra["legal_forms"] and _WORD_BEFORE.search(raw, max(0, s - 30), s):
        return True  # "Lagardere SCA's Hachette": the legal form of the name before it
    if word.isupper() and len(word) >= 2:
        if _RIC_OR_FORM_AFTER.match(raw, e):
            return True
        return tickers._occurs(raw, word + "s")
    return _en_given_name_before_surname(raw, s, e)


@lru_cache(maxsize=1)
def _product_name_words() -> frozenset[str]:
    """The words of known products' English names and aliases ("Sonnet" of "Claude 3.5 Sonnet")."""
    return frozenset(w for e in knowledge_base().entries if e.type == "PRODUCT"
                     for a in [e.name, *e.aliases.get("en", [])] for w in a.split())


@lru_cache(maxsize=1)
def _role_word_set() -> frozenset[str]:
    """Folded Arabic role words, title heads and source nouns: never a word of a speaker's name."""
    c = cues("ar")
    words = c.role_words + c.extra["title_heads"] + c.extra.get("person_nouns", []) + c.extra["unknown_org_not"]
    return frozenset(fold(x) for w in words for x in w.split()) | frozenset("ال" + fold(x) for x in c.role_words)


_AR_NEXT_WORD_RAW = re.compile(r"[ \t]+([\u0621-\u064a]{3,})(?![\u0621-\u064a])")


def _ar_given_name_before_surname(raw: str, s: int, e: int) -> bool:
    """«كلود بيفر», «ويلو سميث»: a one-word product alias that is also a listed given name, followed by a
    word that may be a surname (no article, no stop or ordinary word, no verb's shape), is a person's
    given name, not the product (issue 9, h9ent16)."""
    surface = raw[s:e].strip()
    d = names.data("ar")
    if " " in surface or fold(surface) not in d.given:
        return False
    m = _AR_NEXT_WORD_RAW.match(raw, e)
    if m is None:
        return False
    w = fold(m.group(1))
    return not w.startswith(("ال", "لل")) and w not in d.not_name and w not in cues("ar").extra["folded_stops"] \
        and not names._verb_shaped_surname(w) and knowledge_base().lookup(m.group(1)) is None


def _en_given_name_before_surname(raw: str, s: int, e: int) -> bool:
    """A known one-word name that is a given name, before a capitalised word that is no business
    word, no known name and makes no known name with it: a person ("Tiffany Wu", "Claude Dauphin";
    not "Claude Sonnet" when the KB knows it)."""
    word = raw[s:e]
    if " " in word or word.lower() not in _en_given_names() or (m := _SURNAME_AFTER.match(raw, e)) is None:
        return False
    nxt, c, kb = m.group(1), cues("en"), knowledge_base()
    return nxt not in c.org_suffixes and nxt not in c.extra["org_words"] and nxt not in c.extra["unit_words"] \
        and nxt not in c.extra["stock_not_names"] and nxt not in c.name_stops and nxt not in c.product_heads \
        and kb.lookup(nxt) is None and nxt not in _product_name_words()


def _after_given_name(raw: str, s: int, e: int) -> bool:
    """"Michael Lehman": a one-word company name right after a given name is a person's surname."""
    if s < 4 or raw[s - 1] != " " or not raw[s - 2].islower() or " " in raw[s:e]:
        return False
    m = _WORD_BEFORE.search(raw, max(0, s - 20), s)
    return m is not None and m.group(1).lower() in _en_given_names()


def _trim(raw: str, s: int, e: int, heads: re.Pattern, tails: re.Pattern) -> tuple[int, int]:
    """Drop generic words an alias carries ("نموذج إرني", "Blackwell chips") from the mention."""
    surface = raw[s:e]
    h = heads.match(surface)
    t = tails.search(surface)
    ns = s + (h.end() if h and h.end() < len(surface) else 0)
    ne = e - (len(t.group(0)) if t and t.start() > (ns - s) else 0)
    return (ns, ne) if ne > ns else (s, e)


@lru_cache(maxsize=1)
def _person_surnames() -> frozenset[str]:
    """Last names of the KB's people ("Zuckerberg"): alone, they are people, not companies."""
    kb = knowledge_base()
    return frozenset(e.name.split()[-1] for e in kb.entries if e.type == "PERSON" and len(e.name.split()) > 1)


def _not_a_name(word: str) -> bool:
    """A single capitalised word that is an acronym of a field (AI, GPU) or a known surname."""
    return len(word) <= 2 or word.upper() in {"AI", "GPU", "GPUS", "IPO", "CEO", "CFO", "EU", "UK", "US"} \
        or word in _person_surnames()


@lru_cache(maxsize=4096)
def _maker_names(product_id: str) -> tuple[tuple[str, ...], frozenset[str]]:
    """(the maker's aliases, longest first; the product's own folded names) for a KB product."""
    kb = knowledge_base()
    entry = kb.get(product_id)
    maker = kb.org_of(entry) if entry else None
    if maker is None:
        return (), frozenset()
    return (tuple(sorted(maker.all_aliases(), key=len, reverse=True)),
            frozenset(fold(a) for a in entry.all_aliases()))


def _without_maker(surface: str, entry: KBEntry, versioned: bool = False) -> str:
    """"Nvidia RTX Pro 6000D" → "RTX Pro 6000D": the maker's name is not part of the product's."""
    maker_aliases, names = _maker_names(entry.id)
    for alias in maker_aliases:
        rest = surface[len(alias) + 1:]
        if surface.startswith(alias + " ") and (versioned or fold(rest) in names):
            return rest  # only when what remains is itself the product's name ("Meta AI" stays whole)
    return surface


_LIST_GAP = re.compile(r"\s*(?:(?:,|،)\s*(?:and\s+|or\s+|و)?|and\s+|or\s+|و|أو\s+)\s*\Z")


_WIRE_TICKER_TAIL = re.compile(r"\.[A-Z]{1,2}\s*\)")


@lru_cache(maxsize=None)
def _org_tail(lang: str) -> re.Pattern:
    suffixes = "|".join(re.escape(x) for x in sorted(cues(lang).org_suffixes, key=len, reverse=True))
    return re.compile(rf"(?:[ \t]+(?:[A-Z][\w&'\-]*|&)){{0,2}}[ \t]+(?:{suffixes})(?![\w])")


@lru_cache(maxsize=1)
def _caps_quote_pattern() -> re.Pattern:
    titles = "|".join(sorted(cues("en").extra["caps_quote_titles"], key=len, reverse=True)) or "(?!)"
    word = r"[A-Z][A-Z&.'\-/]*"
    return re.compile(
        rf"(?P<p>[A-Z](?<![A-Za-z][A-Z])[A-Z'\-]+(?:[ \t]+[A-Z][A-Z'\-.]*){{1,3}}),[ \t]+"
        rf"(?:(?P<t>(?:{word}[ \t]+){{0,5}}?(?:{titles})\b(?:[ \t]+{word}){{0,4}}?)"
        rf"(?:,[ \t]*|[ \t]+(?:WITH|AT|OF)[ \t]+))?(?P<f>{word}(?:[ \t]+(?:{word}|&)){{0,5}}?)"
        rf"(?=[ \t]*[.,:]?[ \t]*(?:[\"“(]|\n|\Z))")


def _caps_quotes(raw: str) -> list[re.Match]:
    """The wire's commentary headers in capitals ("EDWIN MOK, ANALYST, NEEDHAM \"...")."""
    if not _CAPS_COMMA.search(raw):
        return []  # (cheap: no capitalised word before a comma and another)
    # ("GREGER JOHANSSON, REDEYE \"...": with no title, only right after a closing quote or a rule line,
    # and no business word or known company among the person's words)
    c, kb = cues("en"), knowledge_base()
    return [m for m in _caps_quote_pattern().finditer(raw)
            if m.group("t") is not None
            or (raw[max(0, m.start() - 80):m.start()].rstrip()[-1:] in ('"', "”", "*")
                and not any(w.title() in c.org_suffixes or w.title() in c.extra["org_words"] or w in c.extra["legal_forms"]
                            for w in m.group("p").split())
                and not any(w in _caps_title_words() for w in (m.group("p") + " " + m.group("f")).split())
                and kb.lookup(m.group("p").split()[0]) is None
                and (m.group("p").split()[0].lower() in _en_given_names() or _known_org(m.group("f").title()) is not None))]


@lru_cache(maxsize=1)
def _caps_title_words() -> frozenset[str]:
    """Title words in capitals ("MINISTER", "CHAIRMAN", "ANALYST"): no part of a name or a firm."""
    c = cues("en")
    return frozenset(w.upper() for t in c.person_titles + c.extra["caps_quote_titles"] for w in t.split())


# "[A-Z]{2}, [A-Z]{2}", written as the comma first (re skips ahead to each ", " instead of trying
# every capital letter; 30x faster over English news); only whether it occurs is read
_CAPS_COMMA = re.compile(r", (?<=[A-Z]{2}, )(?=[A-Z]{2})")
_CAPS_AT = re.compile(r"[ \t](?:AT|WITH)[ \t]+")


def _caps_quote_mentions(raw: str, m: re.Match, add) -> None:
    """The person and the firm of a commentary header, named as a text in ordinary case would."""
    c = cues("en")
    s, e = m.span("p")
    while raw[s:e].split()[0] in c.extra["caps_quote_heads"] and len(raw[s:e].split()) > 2:
        s = raw.index(raw[s:e].split()[1], s + len(raw[s:e].split()[0]))  # "COMMENTARY NICK BROWN"
    add(Mention(s, e, "PERSON", raw[s:e].title(), None, "pattern"))
    s, e = m.span("f")
    places = names.data("en").places
    if (at := _CAPS_AT.search(raw, *m.span("t"))) is not None:
        s, e = at.end(), m.end("t")  # "SHAW WU, ANALYST AT KAUFMAN BROS., SAN FRANCISCO": the firm, not the city
    firm = re.split(r" (?:IN|ON) ", raw[s:e])[0].rstrip(".,")  # "VFINANCE INVESTMENTS IN NEW YORK", "... ON LLOYDS"
    if firm.startswith("THE "):
        s, firm = s + 4, firm[4:]
    if firm.title() in places:
        return
    if not firm or firm in cues("en").extra["caps_quote_titles"]:
        return
    entry = _known_org(firm) or _known_org(firm.title())
    add(Mention(s, s + len(firm), "ORG", entry.name if entry else firm.title(), entry, "kb" if entry else "pattern"))


# " (CGAP)": the match starts at the bracket, with the space or tab before it in a look-behind, so
# that re skips ahead to each "(" (20x faster than "[ \t]\(...", which tries every blank); the
# name before it ends one character before the match
_ACRONYM = re.compile(r"\((?<=[ \t]\()([A-Z][A-Za-z]{1,7})\)")
_NAME_WORDS_BEFORE = re.compile(r"(?:[A-Za-z][\w&'’\-]*[ \t]+){1,12}\Z")


def _acronym_names(raw: str, c: EntityCues, kb, free, add) -> None:
    """"The Consultative Group to Assist the Poor (CGAP)": a name glossed by its initials (function
    words skipped) is one organisation when an organisation word is among its words."""
    if " (" not in raw:
        return
    heads = set(c.extra["acronym_org_heads"]) | set(c.org_suffixes)
    skip = set(c.extra["acronym_skip_words"])
    for m in _ACRONYM.finditer(raw):
        at = m.start() - 1  # the blank before the bracket
        letters = [ch for ch in m.group(1) if ch.isupper()]
        if len(letters) < 3 or len(letters) != sum(1 for ch in m.group(1) if ch.isalpha() and ch.isupper()):
            continue
        w = _NAME_WORDS_BEFORE.search(raw, max(0, at - 120), at + 1)
        if w is None:
            continue
        toks = [(x.start(), x.group()) for x in _WORD_RUN.finditer(raw, w.start(), at)]
        k, start, words = len(letters) - 1, None, []
        for pos, word in reversed(toks):
            if word in skip and words:
                continue
            if not word[:1].isupper() or k < 0 or word[0] != letters[k]:
                break
            words.append(word)
            k -= 1
            if k < 0:
                start = pos
                break
        if start is None or not any(x in heads for x in words) or (kb.lookup(raw[start:at]) is not None):
            continue
        if free(start, at):
            add(Mention(start, at, "ORG", raw[start:at], None, "pattern"))


def _known_org(name: str) -> KBEntry | None:
    """The known organisation ``name`` names, with or without its legal form ("NTT DoCoMo Inc.")."""
    kb, words = knowledge_base(), name.split()
    entry = kb.lookup(name)
    while entry is None and len(words) >= 2 and words[-1] in cues("en").extra["legal_forms"]:
        words = words[:-1]
        entry = kb.lookup(" ".join(words))
    return entry if entry is not None and entry.type == "ORG" else None


def _longer_org(raw: str, s: int, e: int, lang: str, product: bool) -> int | None:
    """End of a longer unknown organisation name that a known alias only starts
    ("Charter Equity Research", "Athlon Energy"), else None. A company's own longer name
    ("Mylan Laboratories Inc.") adds only corporate suffixes: that is the company itself."""
    if raw[e:e + 1] not in (" ", "\t") or not raw[e + 1:e + 2].isupper():
        return None  # the tail starts with a capitalised word
    m = _org_tail(lang).match(raw, e)
    if m is None or knowledge_base().lookup(raw[s:m.end()]) is not None:
        return None
    suffixes = cues(lang).org_suffixes
    tail = [w.rstrip(".,") for w in raw[e:m.end()].split()]
    legal = cues(lang).extra["legal_forms"]
    if (raw[s:e].split() or [""])[-1] in legal or (tail and tail[0] in legal and any(w not in legal for w in tail[1:])):
        return None  # "Advanced Micro Devices Inc Amperex Technology Ltd": the name ends at its legal form
    if not product and all(w in suffixes or w == "&" for w in tail) \
            and not any(w in cues(lang).extra["unit_words"] for w in tail):
        return None  # "Mylan Laboratories Inc." is Mylan; "Citic Securities", "Guggenheim Digital" are units
    return m.end()


_CLAUSE_VERB_AFTER = re.compile(r"[ \t]+(?:has|have|had|is|was|were|are|will|would|said|says|can|could|may|might|must|should|did|does|[a-z]+ed)\b")


@lru_cache(maxsize=1)
def _title_words() -> frozenset[str]:
    """English titles' and speech verbs' words, lower case ("spokesman", "chief", "said")."""
    c = cues("en")
    return frozenset(w.lower() for t in c.person_titles + c.speech_verbs for w in t.split()) | {"shares", "stock"}


def _title_word(word: str) -> bool:
    return word.lower() in _title_words()


def _makers_in_product_lists(raw: str, mentions: list[Mention]) -> None:
    """"available across Facebook, Instagram and WhatsApp": a company named in a list of its own
    products is the product of that name (Facebook the app, not Meta's former name)."""
    if not any(m.type == "PRODUCT" and m.entry is not None for m in mentions):
        return
    kb = knowledge_base()
    for i, m in enumerate(mentions):
        if m.type != "ORG" or m.entry is None:
            continue
        for j in (i - 1, i + 1):
            if not 0 <= j < len(mentions):
                continue
            o = mentions[j]
            a, b = (o, m) if j < i else (m, o)
            if o.type == "PRODUCT" and o.entry is not None and o.entry.data.get("maker") == m.entry.id \
                    and b.start - a.end <= 6 and _LIST_GAP.match(raw[a.end:b.start]):
                surface = raw[m.start:m.end]
                if surface.rsplit(None, 1)[-1] in cues("en").extra["legal_forms"]:
                    break  # "his Kindle, Amazon.com Inc Chief Executive ...": the company, named with its legal form
                if raw[m.end:m.end + 2] in ("'s", "’s"):
                    break  # "Globex, CME's electronic trading platform": the product glossed by its maker
                if j < i and raw[a.end:b.start].strip() in (",", "،") and _CLAUSE_VERB_AFTER.match(raw, m.end):
                    break  # "such as the BlackBerry Pearl, RIM has been changing that": the subject of a clause
                if (nw := raw[m.end:m.end + 30].split(None, 1)) and _title_word(nw[0].rstrip(".,;:")):
                    break  # "Alimta and antidepressant Cymbalta, Lilly spokesman Ed Sagabiel": the company (issue 9, h9ent15)
                product = next((e for e in kb.entries if e.type == "PRODUCT" and e.data.get("maker") == m.entry.id
                                and fold(e.name).startswith(fold(surface) + " ")), None)
                m.type, m.name, m.entry, m.source = "PRODUCT", surface, product, "kb"
                break


def _link_glosses(raw: str, mentions: list[Mention]) -> None:
    """"شركة تصنيع أشباه الموصلات الدولية (SMIC)": a name glossed by a known name in
    parentheses is that entity."""
    for a, b in zip(mentions, mentions[1:]):
        if a.entry is None and b.entry is not None and a.type == b.type:
            gap = raw[a.end:b.start]
            if gap.strip() in ('(', '"(', '" (', "«(") and raw[b.end:b.end + 1] == ")":
                a.entry, a.name = b.entry, b.entry.name


def _intro_org(raw: str, s: int, e: int, c: EntityCues, kb, free, add) -> None:
    """One organisation name after an introducing verb or noun, unless the KB knows it."""
    if raw[e:e + 1] == "$":
        return  # "HK$80 billion" is money, not a name
    words = raw[s:e].split()
    while words and words[0] in c.extra["demonyms"]:
        words = words[1:]
    while len(words) > 1 and _RIC.fullmatch(words[-1]):  # "Alitalia AZPIa.MI": the ticker after the name
        e -= len(raw[s:e]) - len(raw[s:e].rstrip()[:-len(words[-1])].rstrip())
        words = words[:-1]
    if not words or words[0] in c.name_stops or (len(words) == 1 and (_not_a_name(words[0])
                                                                       or words[0] in c.org_suffixes)):
        return
    if len(words) == 1 and (words[0] in c.extra["stock_not_names"] or words[0] in c.extra["device_not_names"]):
        return  # "to buy the struggling Internet search company": a sector or technology word, no name
    toks = [m.start() for m in _WORD_RUN.finditer(raw, s, e)]
    s = toks[len(toks) - len(words)]  # the first kept word ("Bear  Stearns": runs of spaces stay inside)
    if raw[s:e].endswith("'s"):
        e -= 2
    s2, place = names.strip_possessive(raw, s, e, "en", c.org_suffixes)
    if place is not None:  # "a stake in Algeria's Nedjma": the place is no part of the name
        s, words = s2, raw[s2:e].split()
    if raw[s:e] in names.data("en").places or any(w.endswith(("-based", "-listed", "-owned", "-born")) for w in words):
        return  # "acquired Australia's top producer", "led by Singapore-listed property firm"
    name = " ".join(raw[s:e].split())  # "Bear \nStearns" across a line break is "Bear Stearns"
    known = kb.lookup(name)
    if free(s, e) and known is not None and name != raw[s:e] and known.type == "ORG":
        add(Mention(s, e, "ORG", known.name, known, "kb"))  # a KB name the alias scan missed over a line break
    elif free(s, e) and known is None:
        before = raw[max(0, s - 25):s].split()
        person = 2 <= len(words) <= 3 and words[0].lower() in _en_given_names() and words[-1] not in c.org_suffixes \
            and all(w[:1].isupper() and w[1:].islower() for w in words) \
            and bool(before) and before[-1] in c.extra["person_or_org_nouns"]
        add(Mention(s, e, "PERSON" if person else "ORG", name, None, "pattern"))  # "investor Carl Icahn"


@lru_cache(maxsize=None)
def _org_list_patterns(lang: str) -> tuple[re.Pattern, re.Pattern]:
    """(a plural noun of companies and the list of names after it; a name, a comma and an
    appositive noun phrase with an organisation noun as its head)."""
    c = cues(lang)
    alt = lambda ws: "|".join(re.escape(w) for w in sorted(ws, key=len, reverse=True)) or "(?!)"
    lists = re.compile(rf"\b(?:{alt(c.extra['org_list_nouns'])})(?:\s+(?:including|such\s+as|like))?\s*[,:]?\s+"
                       rf"(?P<n>{_ORG_NAME})(?P<more>(?:\s*,\s+{_ORG_NAME})*\s*,?\s+and\s+{_ORG_NAME})")
    appos = re.compile(rf",[ \t]+(?:a|an|another|the)[ \t]+(?:[\w\-]+[ \t]+){{0,3}}?(?:{alt(c.extra['org_appositive_nouns'])})"
                       rf"(?:[ \t]+(?:that|which|whose|based|owned|backed|with|in|of|for|from|run|founded|set)\b|,)")
    return lists, appos


_LITERAL_KEYS = ("org_list_nouns", "device_heads", "person_nouns", "launch_name_verbs", "drug_heads", "owned_kinds")


@lru_cache(maxsize=None)
def _literal_automaton(lang: str):
    """One automaton of the phrases of entity_cues ``_LITERAL_KEYS`` (as written): value (keys, length)."""
    table: dict[str, set] = {}
    for key in _LITERAL_KEYS:
        for w in cues(lang).extra[key]:
            table.setdefault(w, set()).add(key)
    if not table:
        return None
    a = ahocorasick.Automaton()
    for w, keys in table.items():
        a.add_word(w, (frozenset(keys), len(w)))
    a.make_automaton()
    return phrases.Automaton(a)  # (a DFA's pass over English text)


@lru_cache(maxsize=2)
def _literal_starts(raw: str, lang: str) -> dict[str, list[int]]:
    """Offsets where a phrase of each ``_LITERAL_KEYS`` list starts as a whole word (one pass)."""
    out: dict[str, set[int]] = {k: set() for k in _LITERAL_KEYS}
    a = _literal_automaton(lang)
    if a is not None:
        n = len(raw)
        for end, (keys, k) in a.iter(raw):
            if (end - k < 0 or not raw[end - k].isalnum()) and (end + 1 >= n or not raw[end + 1].isalnum()):
                for key in keys:
                    out[key].add(end - k + 1)
    return {k: sorted(v) for k, v in out.items()}


def _word_starts(raw: str, lang: str, key: str) -> list[int]:
    """Offsets where a phrase of ``key`` starts as a whole word (ascending)."""
    return _literal_starts(raw, lang)[key]


def _org_lists(raw: str, c: EntityCues, kb, free, add) -> None:
    """"two separate businesses, Independence Medical and Edgepark Medical Supplies", "rivals
    Expedia and Orbitz": the names of a list after a plural noun of companies (a list: "and" before
    its last name)."""
    if not c.extra["org_list_nouns"]:
        return
    lists, _ = _org_list_patterns(c.lang)
    for m in _matches(lists, raw, _word_starts(raw, c.lang, "org_list_nouns")):
        spans = [m.span("n")]
        base = m.start("more")
        spans += [(base + x.start(), base + x.end()) for x in _ORG_NAME_RE.finditer(m.group("more"))]
        for s, e in spans:
            if not _RIC.fullmatch(raw[s:e]):
                _intro_org(raw, s, e, c, kb, free, add)


@lru_cache(maxsize=None)
def _share_patterns(lang: str) -> tuple[re.Pattern, re.Pattern]:
    c = cues(lang)
    verbs = "|".join(re.escape(w) for w in sorted(c.extra["share_move_verbs"], key=len, reverse=True)) or "(?!)"
    of = re.compile(rf"[Ss](?<![\w][Ss])(?:hares|tock)[ \t]+(?:of|in)[ \t]+(?P<n>{_ORG_NAME})")  # (a character first: re skips ahead)
    before = re.compile(rf"[ \t]+(?:shares|stock)[ \t]+(?:{verbs})\b")
    return of, before


def _share_names(raw: str, mentions: list[Mention], c: EntityCues, kb, free, add) -> None:
    """"Shares of Zorbex rose", "Zorbex shares jumped 10 percent": the company whose stock moves
    (not a sector, a market or a share class: `stock_not_names`; a single word only when the text
    never writes it in lower case)."""
    if not c.extra["share_move_verbs"]:
        return
    if not any(w in raw for w in ("hares of ", "hares in ", "tock of ", "tock in ", " shares ", " stock ")):
        return
    of, before = _share_patterns(c.lang)
    verbs = set(c.extra["share_move_verbs"]) | {"were", "was", "are", "is", "in", "on", "at", "after", "and", "traded",
                                                 "have", "had", "also", "slipped", "shed", "briefly"}
    spans = [m.span("n") for m in of.finditer(raw)]
    # "Nufarm shares surged as much as 12.3 percent": the name right before "shares" and a move verb
    named_before = set()
    for m in before.finditer(raw):
        h = _NAME_BEFORE.search(raw, max(0, m.start() - 60), m.start())
        if h is None:
            continue
        s, e = h.span("n")
        if raw[e - 2:e] in ("'s", "’s"):
            e -= 2  # "Sharp's shares": the possessor, then linked to the full name the text gives ("Sharp Corp")
        words = raw[s:e].split()
        if any(w.endswith(("'s", "’s")) or "-" in w for w in words):
            continue  # "Virgin Media's New York-traded shares": the possessor is named elsewhere, the rest describes
        named_before.add((s, e))
    spans += sorted(named_before)
    for s, e in spans:
        words = [re.sub(r"['’]s$", "", w) for w in raw[s:e].split()]
        if not words or words[0] in c.extra["stock_not_names"] or _RIC.fullmatch(words[-1]) or (
                raw[e:e + 2] in ("'s", "’s") and (s, e) not in named_before):
            continue  # ("Shares of X's unit": not X's shares; "Dish's shares" are Dish's)
        nxt = _NEXT_WORD.match(raw, e)
        if raw[e:e + 1] == "," and _BASED_AFTER.match(raw, e):
            continue  # "Shares of Sunnyvale, California-based Palm": a place
        if (s, e) not in named_before and nxt is not None and raw[e:e + 1] in " \t" and nxt.group(1)[:1].islower() \
                and nxt.group(1).rstrip(".,") not in verbs:
            continue  # "Shares of Internet search leader Google": a descriptor, not the name
        if len(words) == 1 and (tickers._occurs(raw, words[0].lower()) or words[0].isupper() and len(words[0]) <= 3):
            continue  # "Property shares", "UK shares": an ordinary word, an abbreviation
        # the short form of a company the text names in full ("Sun Microsystems Inc ... Shares of Sun")
        full = next((m for m in mentions if m.type == "ORG" and m.end - m.start > e - s
                     and raw[m.start:m.end].split()[:len(words)] == raw[s:e].split()), None)
        if full is not None:
            if free(s, e):
                add(Mention(s, e, "ORG", full.name, full.entry, full.source))
            continue
        _intro_org(raw, s, e, c, kb, free, add)


_PREV_WORD = re.compile(r"(?<![\w\-.])([A-Za-z][\w\-]*)[ \t]+\Z")  # the word right before a position, no punctuation after it
_SENTENCE_START = re.compile(r"(?:\A|[.!?][\"”’)]?[ \t]+|\n[ \t]*)\Z")
_POSSESSIVE = re.compile(r"([A-Z][\w\-]*)['’]s[ \t]")
_SHORT_CODE = re.compile(r"[A-Z][1-9]")  # "the A5 processor", "its G1 smartphone", "the N8 phone"


@lru_cache(maxsize=None)
def _device_pattern(lang: str) -> re.Pattern | None:
    c = cues(lang)
    if not c.extra["device_heads"] or not c.extra["product_intro"]:
        return None
    alt = lambda ws: "|".join(re.escape(w) for w in sorted(ws, key=len, reverse=True))
    # matched backwards from each kind noun (found by an automaton): the window ends right before it
    # (one or two adjectives may follow the determiner: "its long-awaited PlayBook tablet"; one
    # hyphenated one may stand before the kind: "the Cypher drug-coated stent")
    return re.compile(rf"(?:\b(?:{alt(c.extra['product_intro'])})|[A-Z][\w\-]*['’]s)[ \t]+(?:new[ \t]+|latest[ \t]+)?"
                      rf"(?:(?:[a-z]+|\d+)(?:-[a-z]+|['’]s)?[ \t]+){{0,2}}"
                      rf"(?P<n>(?:[A-Z][\w\-+]*|i[A-Z][\w\-+]*|\d{{3}}-\w+)(?:[ \t]+(?:[A-Z][\w\-+]*|\d[\w.]*)){{0,3}})"
                      rf"(?:[ \t]+(?:[a-z]+-[a-z]+|{alt(c.extra['device_adjectives'] or ['(?!)'])}))?[ \t]+\Z")


@lru_cache(maxsize=1)
def _products_by_last_words() -> dict[str, list[KBEntry]]:
    """Known products by their name without its first word ("Vista" → Windows Vista)."""
    out: dict[str, list[KBEntry]] = {}
    for e in knowledge_base().entries:
        if e.type == "PRODUCT" and len(e.name.split()) >= 2:
            out.setdefault(e.name.split(" ", 1)[1], []).append(e)
    return out


@lru_cache(maxsize=None)
def _device_tail(lang: str) -> re.Pattern:
    """One or two capitalised words between a known product and the kind it names."""
    heads = "|".join(re.escape(w) for w in sorted(cues(lang).extra["device_heads"], key=len, reverse=True)) or "(?!)"
    return re.compile(rf"(?:[ \t]+[A-Z][\w\-+]*){{1,2}}(?=[ \t]+(?:{heads})\b)")


def _device_names(raw: str, mentions: list[Mention], c: EntityCues, kb, free, add) -> None:
    """"the Zorbex Pro 3 tablet", "its Charge HR tracker": a name before the kind of product it names
    is a product (not a known company, a place or a nationality; a known maker's name before it is
    left out; one word only when the text never writes it in lower case)."""
    pat = _device_pattern(c.lang)
    if pat is None:
        return
    places, demonyms = names.data("en").places, c.extra["demonyms"]
    adjectives = c.extra["device_adjectives"]
    known_products = [m_ for m_ in mentions if m_.type == "PRODUCT"]
    found = []
    owned = set(_word_starts(raw, c.lang, "owned_kinds"))  # kinds named so only after a company's possessive
    org_ends = {m_.end for m_ in mentions if m_.type == "ORG"} if owned else set()
    devices = set(_word_starts(raw, c.lang, "device_heads"))
    for h in sorted(devices | owned):
        if h < 2 or raw[h - 1] not in " \t":
            continue
        w = h - 1
        while w > 0 and not raw[w - 1].isspace():
            w -= 1
        if raw[w:w + 1].islower() and ("-" in raw[w:h] or raw[w:h - 1] in adjectives) and w >= 2:
            # "drug-coated", "portable": the word before it
            w -= 1
            while w > 0 and not raw[w - 1].isspace():
                w -= 1
        if not (raw[w:w + 1].isupper() or raw[w:w + 1].isdigit() or raw[w:w + 1] == "i" and raw[w + 1:w + 2].isupper()):
            continue  # (cheap: the word before the kind opens no name: "the chip")
        if len(nxt := raw[h:h + 40].split(None, 2)) > 1 and nxt[1].rstrip(".,;:") in c.extra["device_head_not_before"]:
            continue  # "the Fox TV network": a channel, no device
        if (m := pat.search(raw, max(0, h - 80), h)) is not None:
            if h in owned and h not in devices and not (_POSSESSIVE.match(m.group(0)) and m.start() + len(_POSSESSIVE.match(m.group(0)).group(1)) in org_ends):
                continue  # "Dish's AutoHop feature", "Tesla's Supercharger network": a known company's possessive first
            found.append(m)
    for m in found:
        s, e = m.span("n")
        words = raw[s:e].split()
        while words:  # "the LG G Watch R smartwatch": the maker is no part of the product's name
            k = next((k for k in (2, 1) if len(words) > k and (o := kb.lookup(" ".join(words[:k]))) is not None
                      and o.type == "ORG"), None)
            if k is None:
                break
            s = raw.index(words[k], s + len(" ".join(words[:k])))
            words = words[k:]
        if not words or words[0] in c.name_stops or words[0] in c.extra["stock_not_names"] or " ".join(words) in demonyms \
                or any(w in places or w in demonyms or w in c.extra["device_not_names"] or re.search(r"-[a-z]+$", w)
                       for w in words):
            continue  # "the Chinese smartphone", "its China-specific chip", "the Wi-Fi chip", "North American phones"
        if any(m_.type == "PRODUCT" and m_.end - m_.start > e - s and raw[s:e] in m_.name for m_ in known_products):
            continue  # "the Vista operating system": a short form of a product the text names in full
        entry = kb.lookup(raw[s:e])
        if entry is not None and entry.type != "PRODUCT":
            continue  # "the Nokia phone": the maker
        if entry is None:  # "Microsoft's new Vista operating system": Windows Vista, its maker named here
            makers = {m_.entry.id for m_ in mentions if m_.type == "ORG" and m_.entry is not None}
            entry = next((p for p in _products_by_last_words().get(raw[s:e], ()) if p.data.get("maker") in makers), None)
        if len(words) == 1 and (tickers._occurs(raw, words[0].lower()) or len(words[0]) < 3 and not _SHORT_CODE.fullmatch(words[0])):
            continue  # "the Flagship phone": an ordinary word (a letter and a digit is a model: "the A5 processor"; two
            # capitals are an acronym, even where a known product ends with them: "Meta's AI model", "the mobile TV device")
        if free(s, e):  # named as written, like other products ("the Kin phone" is the Kin, linked to Microsoft Kin)
            add(Mention(s, e, "PRODUCT", raw[s:e], entry, "kb" if entry else "pattern"))


@lru_cache(maxsize=None)
def _drug_pattern(lang: str) -> re.Pattern | None:
    heads = cues(lang).extra["drug_heads"]
    if not heads:
        return None
    alt = "|".join(re.escape(w) for w in sorted(heads, key=len, reverse=True))
    return re.compile(rf"\b(?:{alt})[ \t]+(?:(?:called|named|known as)[ \t]+)?"
                      rf"(?P<n>[A-Z][a-z]{{2,}}[A-Za-z\-]*(?:[ \t]+(?:XR|XL|CR|ER|SR|LA|HCT))?)(?![\w\-])")  # ("FluMist")


@lru_cache(maxsize=None)
def _drug_head_automaton(lang: str):
    """The medicines' kinds (``drug_heads``) as one automaton: a text without any of them has no
    match of `_drug_pattern` (each match starts with one), found in one pass."""
    heads = cues(lang).extra["drug_heads"]
    if not heads or not all(heads):
        return None  # (none: no pattern; an empty one: no prefilter)
    a = ahocorasick.Automaton()
    for w in heads:
        a.add_word(w, w)
    a.make_automaton()
    return phrases.Automaton(a)  # (a DFA's pass over English text)


def _drug_names(raw: str, c: EntityCues, kb, free, add) -> None:
    """"the cholesterol drug Zetia", "heart drug Brilinta": a capitalised word right after a medicine's
    kind is the medicine (not a name stop, a place, a nationality, a given name or a known company)."""
    pat = _drug_pattern(c.lang)
    a = _drug_head_automaton(c.lang)
    if pat is None or a is not None and next(a.iter(raw), None) is None:
        return  # (cheap: no medicine's kind in the text, most articles)
    places, demonyms = names.data("en").places, c.extra["demonyms"]
    for m in pat.finditer(raw):
        s, e = m.span("n")
        word = raw[s:e].split()[0]
        if word in c.name_stops or word in places or word in demonyms or word.lower() in _en_given_names() \
                or word in c.extra["stock_not_names"] or not free(s, e):
            continue
        entry = kb.lookup(raw[s:e])
        if entry is not None and entry.type != "PRODUCT":
            continue  # "the drug Pfizer makes": the company
        add(Mention(s, e, "PRODUCT", entry.name if entry else raw[s:e], entry, "kb" if entry else "pattern"))


# "the next version of Mac OS X, code-named Leopard", "a phone codenamed Meltemi": the code name of a
# product (one or two capitalised words right after the cue; entity_cues `codename_cues`)
@lru_cache(maxsize=None)
def _codename_pattern(lang: str) -> re.Pattern | None:
    cues_ = cues(lang).extra["codename_cues"]
    if not cues_:
        return None
    alt = "|".join(re.escape(w) for w in sorted(cues_, key=len, reverse=True))
    return re.compile(rf"(?:{alt})[ \t]+[\"“']?(?P<n>[A-Z][\w\-]*(?:[ \t]+[A-Z][\w\-]*)?)")


def _codenamed_products(raw: str, c: EntityCues, kb, free, add) -> None:
    pat = _codename_pattern(c.lang)
    if pat is None or "ode" not in raw:  # every cue holds "code"/"Code" (a cheap literal test first)
        return
    for m in pat.finditer(raw):
        s, e = m.span("n")
        words = raw[s:e].split()
        if words[0] in c.name_stops or words[0] in names.data("en").places:
            continue
        entry = kb.lookup(raw[s:e])
        if entry is not None and entry.type != "PRODUCT":
            continue
        if free(s, e):
            add(Mention(s, e, "PRODUCT", entry.name if entry else raw[s:e], entry, "kb" if entry else "pattern"))


# "Guilfoil Petzall & Shoemake", "Marks & Spencer": capitalised names joined by " & " (a firm's partners)
_AMPERSAND_NAME = re.compile(r"(?<![\w&.'-])(?P<n>[A-Z][a-z]{2,}(?:,?[ \t]+[A-Z][a-z]{2,}){0,3}[ \t]+&[ \t]+[A-Z][a-z]{2,})(?![\w&-])")


def _ampersand_names(raw: str, c: EntityCues, kb, free, add) -> None:
    """A firm named after its partners ("Guilfoil Petzall & Shoemake"): capitalised names joined by
    " & ", none of them a word the text also writes in lower case ("Oil & Gas", "Research &
    Development") or a name stop, a place or a nationality."""
    if " & " not in raw:
        return
    places, demonyms = names.data("en").places, c.extra["demonyms"]
    found, p, last = [], raw.find(" & "), 0
    while p != -1:  # matched around each " & " (a window), not tried at every capital letter
        if p >= last and (m := _AMPERSAND_NAME.search(raw, max(last, p - 80), p + 40)) is not None \
                and m.start() <= p < m.end():
            found.append(m)
            last = m.end()
        p = raw.find(" & ", p + 3)
    for m in found:
        s, e = m.span("n")
        if raw[e:e + 2] in ("'s", "’s") or re.match(r"[ \t]+[A-Z0-9]", raw[e:e + 3]):
            continue  # "Standard & Poor's 500", "Industrial & Commercial Bank": a longer name
        words = [w.strip(",") for w in raw[s:e].split() if w != "&"]
        while words and (words[0] in c.name_stops or words[0] in c.extra["leading_descriptors"]):
            s = raw.index(words[1], s) if len(words) > 1 else e
            words = words[1:]
        if len(words) < 2 or any(w in places or w in demonyms or w in c.name_stops or w in c.extra["stock_not_names"]
                                 or tickers._occurs(raw, w.lower()) for w in words):
            continue
        if free(s, e):
            entry = kb.lookup(raw[s:e])
            if entry is None or entry.type == "ORG":
                add(Mention(s, e, "ORG", entry.name if entry else raw[s:e], entry, "kb" if entry else "pattern"))


def _org_appositions(raw: str, c: EntityCues, kb, free, add) -> None:
    """"ICOMP, another lobby group that ...", "Movielink, a service that ...": a name before an
    appositive whose head is an organisation noun (not a name that opens with a given name)."""
    if not c.extra["org_appositive_nouns"]:
        return
    _, appos = _org_list_patterns(c.lang)
    for m in appos.finditer(raw):
        firm = _EN_FIRM_BEFORE.search(raw, max(0, m.start() - 60), m.start())
        if firm is None:
            continue
        s, e = firm.span("n")
        words = raw[s:e].split()
        if words[0].lower() in _en_given_names() or words[0] in c.name_stops or raw[s:e] in names.data("en").places \
                or _RIC.fullmatch(words[-1]):
            continue  # ("Charming Shoppes Inc. CHRS.O, a retailer": the ticker is no name)
        _intro_org(raw, s, e, c, kb, free, add)


@lru_cache(maxsize=None)
def _ar_apposition_pattern() -> re.Pattern | None:
    c = cues("ar")
    if not c.extra["appositive_org_heads"]:
        return None
    heads = trie(fold(w) for w in c.extra["appositive_org_heads"])
    return re.compile(rf"[،,]\s*(?:وهي|وهو)\s+(?:{heads})(?!\w)")  # (starts with the comma: re skips ahead to it)


@lru_cache(maxsize=1)
def _ar_apposition_stops() -> frozenset[str]:
    """The words `_ar_appositions` stops at, built once, not per document."""
    c = cues("ar")
    return frozenset(c.extra["folded_stops"] | c.extra["not_name_set"] | {fold(w) for w in c.speech_verbs}
                     | {fold(w) for w in c.extra["apposition_stops"]} | names.data("ar").not_name)


def _ar_appositions(norm: Normalized) -> list[tuple[int, int]]:
    """Raw spans of the names before «، وهي شركة» («تيمو إينرجي هولدنجز، وهي شركة استثمارية»): the
    words back from the comma up to a function word, a verb or head noun of `apposition_stops`, or
    punctuation (one word at least), or up to a word with the article (two words at least); four
    words at most, else no name."""
    pat = _ar_apposition_pattern()
    text = norm.text
    if pat is None or not any(w in text for w in ("، وه", ",وه", ", وه", "،وه")):
        return []  # (cheap: no «، وهي/وهو» at all)
    stops = _ar_apposition_stops()
    out = []
    for m in pat.finditer(text):
        comma = m.start()
        while comma and text[comma - 1].isspace():
            comma -= 1
        base = max(0, comma - 80)
        words = list(re.finditer(r"[\u0621-\u064a]+", text[base:comma]))
        keep, why = [], "cap"
        for w in reversed(words):
            end = base + w.end()
            gap = text[end:keep[-1][0] if keep else comma]
            if gap.strip():
                why = "punct"
                break
            if w.group(0) in stops:
                why = "stop"
                break
            if w.group(0).startswith(("ال", "لل")) or len(w.group(0)) < 2:
                why = "article"
                break
            if len(keep) == 4:
                break
            keep.append((base + w.start(), end))
        else:
            why = "punct" if len(keep) <= 4 else "cap"
        if keep and (why in ("stop", "punct") or (why == "article" and len(keep) >= 2)):
            out.append(norm.span_to_raw(keep[-1][0], keep[0][1]))
    return out


@lru_cache(maxsize=1)
def _ar_sector_pattern() -> re.Pattern | None:
    c = cues("ar")
    if not c.extra["sector_heads"]:
        return None
    return re.compile(rf"(?<!\w)(?:{trie(fold(w) for w in c.extra['sector_heads'])})(?!\w)")


@lru_cache(maxsize=1)
def _ar_sector_heads() -> tuple[str, ...]:
    return tuple(fold(w) for w in cues("ar").extra["sector_heads"])


@lru_cache(maxsize=1)
def _ar_sector_head_automaton():
    """Every folded sector head, for one pass that tells whether any is in a text (None: the empty
    head, which every text has)."""
    heads = _ar_sector_heads()
    if any(not h for h in heads):
        return None
    a = ahocorasick.Automaton()
    for h in heads:
        a.add_word(h, h)
    if heads:
        a.make_automaton()
    return a


def _has_sector_head(text: str) -> bool:
    """``any(h in text for h in _ar_sector_heads())``, in one automaton pass over ``text``."""
    a = _ar_sector_head_automaton()
    if a is None:
        return True
    if not len(a):
        return False
    return next(a.iter(text), None) is not None


@lru_cache(maxsize=1)
def _ar_head_apposition_pattern() -> re.Pattern:
    """«شركة تطوير الطاقة الشمسية الإسبانية، جيستامب،»: an organisation head, up to four words and a
    nationality adjective, a comma, then one to three words without the article (the name) and a
    comma, a full stop or a preposition (heads: entity_cues.yaml `appositive_org_heads`)."""
    c = cues("ar")
    heads = trie(fold(w) for w in c.extra["appositive_org_heads"])
    nat = trie(fold(w) for w in c.extra["institution_nationalities"] + c.extra["club_nationalities"])
    return re.compile(rf"(?<!\w)[وبل]?(?:ال)?{heads}(?:\s+[\u0621-\u064a]+){{0,4}}\s+{nat}(?:ه)?\s*،\s*"
                      rf"(?P<n>(?!ال)[\u0621-\u064a]{{2,}}(?:\s+(?!ال)[\u0621-\u064a]{{2,}}){{0,2}})"
                      rf"(?=\s*[،.]|\s+(?:علي|الي|في|من|التي|الذي)(?!\w))")


# (the words first, the look-behind after them: re skips ahead to their first letter, not every offset)
_AR_AND = re.compile(r"(?:اند|آند|أند)(?<![\u0621-\u064a]...)(?![\u0621-\u064a])")
_AR_WORD = re.compile(r"[\u0621-\u064a]{2,}")


def _ar_and_names(norm: Normalized) -> list[tuple[int, int]]:
    """Raw spans of «برجرين آند بلاك», «بايدن آند ريجيل»: one or two words, the transliterated "and"
    and one or two words, none with the article, a clitic or a name stop, is a firm's name."""
    text = norm.text
    if "اند" not in text:
        return []
    bad = _ar_name_stop_words()
    ok = lambda w: not (w in bad or w.startswith(("ال", "لل", "وال", "بال")) or w.endswith("ه") or w[1:] in bad)
    index_near = _index_context("ar")[2]
    out = []
    for m in _AR_AND.finditer(text):
        left, start = [], None
        for w in reversed(list(_AR_WORD.finditer(text, max(0, m.start() - 40), m.start()))):
            gap = text[w.end():left[-1].start() if left else m.start()]
            if gap.strip() or len(left) == 2 or not ok(w.group(0)):
                break
            left.append(w)
            start = w.start()
            if w.group(0)[0] == "و":  # «وبروكتر آند جامبل»: the «و» joins the name to the one before
                start += 1
                break
        right = []
        pos = m.end()
        while len(right) < 2:
            w = _AR_WORD.match(text, pos + len(text[pos:]) - len(text[pos:].lstrip(" \t")))
            if w is None or w.start() == pos or not ok(w.group(0)) or w.group(0)[0] == "و":
                break
            right.append(w)
            pos = w.end()
        if left and right and not index_near.search(text, max(0, start - 40), start):
            out.append(norm.span_to_raw(start, right[-1].end()))  # (not «مؤشر ستاندرد آند بورز 500», an index)
    return out


@lru_cache(maxsize=1)
def _ar_name_stop_words() -> frozenset[str]:
    """Folded words that are no part of an unknown organisation's name (stops, titles, heads)."""
    c = cues("ar")
    return frozenset(c.extra["folded_stops"] | c.extra["not_name_set"] | names.data("ar").not_name
                     | {fold(w) for w in c.org_heads + c.extra["apposition_stops"] + c.speech_verbs + c.extra["index_before"]})




@lru_cache(maxsize=1)
@lru_cache(maxsize=1)
def _ar_name_or_given_words() -> frozenset[str]:
    return frozenset(_ar_name_stop_words() | names.data("ar").given)  # built once, not per document


_AR_WORD_COMMA = re.compile(r"(?<![\u0621-\u064a])(ال[\u0621-\u064a]+ي(?:ه)?)[ \t]*،")


def _ar_words_before_commas(text: str) -> list[tuple[str, int]]:
    """(word, index of its comma) of each match of `_AR_WORD_COMMA` in ``text``, in order: a whole
    Arabic word with the article and a final «ي» or «يه» (one letter between at least), then spaces
    or tabs and «،». Read back from each comma (C-speed ``find``), not tried at every position."""
    out = []
    c = text.find("،")
    while c != -1:
        j = c
        while j and text[j - 1] in " \t":
            j -= 1
        i = j
        while i and "\u0621" <= text[i - 1] <= "\u064a":
            i -= 1
        if j - i >= 4 and text.startswith("ال", i):
            w = text[i:j]
            if w[-1] == "ي" or (w[-1] == "ه" and w[-2] == "ي" and j - i >= 5):
                out.append((w, c))
        c = text.find("،", c + 1)
    return out


def _ar_head_appositions(norm: Normalized) -> list[tuple[int, int]]:
    """Raw spans of the names of `_ar_head_apposition_pattern`, none of whose words is a name stop, a
    title, a given name or an ordinary word of the lexicons."""
    text = norm.text
    if "،" not in text:
        return []
    bad = _ar_name_or_given_words()
    nats = cues("ar").extra["nationality_set"]
    out, seen, pat = [], set(), _ar_head_apposition_pattern()
    found = []
    for w, c in _ar_words_before_commas(text):  # (the pattern is tried only after a nationality adjective and a comma)
        if w not in nats and not (w.endswith("ه") and w[:-1] in nats):
            continue
        x = pat.search(text, max(0, c - 90), min(len(text), c + 60))
        if x is not None and x.span("n") not in seen:
            seen.add(x.span("n"))
            found.append(x)
    for m in found:
        words = m.group("n").split()
        if any(w in bad or (w[:1] in "وبل" and w[1:] in bad) for w in words) or words[0].endswith("ه"):
            continue
        if len(words) == 1 and (words[0][0] in "تين" and len(words[0]) <= 5
                                or words[0][0] == "س" and words[0][1:2] in ("ت", "ي", "ن") and len(words[0]) <= 6):
            continue  # «صحيفة باللغة الإنجليزية، تركز على الأعمال», «والاتحاد الأوروبي، ستصل إلى»: a verb, no name
        w0 = words[0]
        if w0.endswith("ا") and (w0[0] == "م" or (len(w0) == 5 and w0[1] == "ا")):
            continue  # «البنك المركزي المصري، لافتا إلى», «مشيرا إلى»: a participle in the accusative
        ns, ne = m.span("n")
        if w0[0] == "و" and len(w0) > 4 and w0[1] != "و":
            ns += 1  # «والبنك السعودي الهولندي، وعسير على»: the next company of a list, its «و» left out
        out.append(norm.span_to_raw(ns, ne))
    return out


@lru_cache(maxsize=1)
def _ar_sector_word_sets() -> tuple[frozenset[str], frozenset[str]]:
    """(anchor words, words that are no part of a sector name) of `_ar_sector_names`, built once."""
    c = cues("ar")
    anchors = frozenset(fold(w) for w in c.extra["sector_name_anchors"])
    bad = c.extra["folded_stops"] | c.extra["not_name_set"] | names.data("ar").not_name | \
        {fold(w) for w in c.org_heads + c.extra["apposition_stops"]} | names.data("ar").given
    return anchors, frozenset(bad)


def _ar_sector_names(norm: Normalized, found=None) -> list[tuple[int, int]]:
    """Raw spans of «زوربكس القابضة», «زوربكس للاستثمار»: one or two unknown words (no article, no
    final ة, no ordinary or name-stop word) after an anchor word or punctuation, then a sector or
    holding head (and an adjective with the article after a «لل» head: «للتطوير العقاري»)."""
    pat = _ar_sector_pattern()
    text = norm.text
    if pat is None or not (found if found is not None and all(_ar_sector_heads()) else _has_sector_head(text)):
        return []  # (``found``: the sector heads of the document's cue pass, ``_ar_scan``)
    anchors, bad = _ar_sector_word_sets()
    kb = knowledge_base()
    out = []
    for m in pat.finditer(text):
        base = max(0, m.start() - 50)
        words = list(re.finditer(r"[\u0621-\u064a]+", text[base:m.start()]))
        keep, ok = [], False
        for w in reversed(words):
            end = base + w.end()
            gap = text[end:keep[-1][0] if keep else m.start()]
            if gap.strip():
                # («إم. إم. إل. ميديست ليمتد»: the full stop of an initial is no boundary)
                ok = bool(keep) and not gap.strip().isdigit() \
                    and not (gap.strip() == "." and len(w.group(0)) <= 2)
                break
            word = w.group(0)
            if word in anchors:
                ok = bool(keep)
                break
            if len(keep) == 2 or word.startswith(("ال", "لل")) or word.endswith("ه") or len(word) < 3 or word in bad \
                    or (word[:1] in "وبل" and word[1:] in bad):
                break
            keep.append((base + w.start(), end))
        else:
            ok = bool(keep)
        if not ok:
            continue
        e = m.end()
        adj = re.match(r"\s+ال[\u0621-\u064a]{2,}ي(?!\w)", text[e:e + 30]) if m.group(0).startswith("لل") else None
        if adj:
            e += adj.end()  # «للتطوير العقاري»
        s = keep[-1][0]
        first = text[s:keep[-1][1]]
        if first[0] == "و" and first[1] != "و" and len(first) >= 5 and text[:s].rstrip()[-1:] in ("،", ",", "؛"):
            s += 1  # «، وهاوايان هولدنجز»: the «و» of a list of companies is no part of the name
            keep[-1] = (s, keep[-1][1])
        known = kb.lookup(text[keep[-1][0]:keep[0][1]])
        if known is not None and known.type != "ORG":
            continue
        out.append(norm.span_to_raw(s, e))
    return out


def _ar_cut_names(raw: str, mentions: list[Mention]) -> None:
    """An unknown organisation's name that opens the name of a known one the text also names is that
    one cut short («الهيئة العامة للغذاء» after «الهيئة العامة للغذاء والدواء», «الرئاسة العامة للأرصاد»)."""
    known = [(fold(raw[m.start:m.end]), m) for m in mentions if m.type == "ORG" and m.entry is not None]
    if not known:
        return
    for m in mentions:
        if m.type == "ORG" and m.entry is None and m.source == "pattern" and " " in m.name:
            short = fold(m.name) + " "
            k = next((k for f, k in known if f.startswith(short)), None)
            if k is not None:
                m.name, m.entry, m.source = k.name, k.entry, "kb"


def _ar_short_names(raw: str, mentions: list[Mention], appos: list[tuple[int, int]]) -> None:
    """A name introduced by an apposition («تيمو إينرجي هولدنجز، وهي شركة») is what its first word
    alone names later in the text («وتسعى تيمو»), not a known entity of that name (Temu)."""
    firsts = {}
    for m in mentions:
        if m.type == "ORG" and m.entry is None and (m.start, m.end) in appos and len(raw[m.start:m.end].split()) >= 2:
            first = raw[m.start:m.end].split()[0]
            if len(first) >= 3:
                firsts.setdefault(fold(first), m.name)
    if not firsts:
        return
    for m in mentions:
        if m.type == "ORG" and m.entry is not None and fold(raw[m.start:m.end]) in firsts:
            m.name, m.entry, m.source = firsts[fold(raw[m.start:m.end])], None, "pattern"


def _subsidiaries(raw: str, mentions: list[Mention], c: EntityCues) -> None:
    """"فودافون مصر" / "Vodafone Egypt": a company followed by a country is its local arm."""
    pattern = _country_pattern(c.lang)
    if pattern is None:
        return
    names = dict(c.extra["countries"])
    for m in mentions:
        if m.type != "ORG" or m.entry is None:
            continue
        hit = pattern.match(raw, m.end)
        if hit:
            base = _CORPORATE_TAIL.sub("", m.entry.name)
            m.end = hit.end()
            m.name = f"{base} {names[hit.group(1)]}"
            m.entry = None


@lru_cache(maxsize=None)
def _country_pattern(lang: str) -> re.Pattern | None:
    countries = cues(lang).extra["countries"]
    if not countries:
        return None
    return re.compile(r"[ \t]+(" + "|".join(re.escape(k) for k, _ in countries) + r")(?!\w)")


def _ministries(raw, norm, pats, c, lang, kb, free, add) -> None:
    """«وزارة المالية», «لوزارة الطاقة», "Ministry of Communications", "Japan's Finance Ministry"."""
    if "ministry" not in pats:
        return
    text = raw if lang == "en" else norm.text
    if not any(fold(h) in text if lang != "en" else h in text for h in c.extra["ministry_heads"]):
        return  # most documents name no ministry: one substring test instead of a scan
    for m in pats["ministry"].finditer(text):
        p = m.start()
        if lang == "en":
            if p and (raw[p - 1].isalnum() or raw[p - 1] in "'’") or m.group(0).split()[0] in c.name_stops:
                continue
            s, e = m.span()
        else:
            if p and (text[p - 1] in "وبل" and p > 1 and text[p - 2].isalnum()
                      or text[p - 1] not in "وبل" and text[p - 1].isalnum()):
                continue  # inside a word, or glued to something other than a clitic
            s, e = norm.span_to_raw(*m.span())
        if free(s, e):
            add(Mention(s, e, "ORG", raw[s:e], kb.lookup(raw[s:e]), "pattern"))


def _people(raw, norm, pats, c, lang, free, add, hits=None) -> None:
    kb = knowledge_base()
    text = raw if lang == "en" else norm.text
    if "person_trigger" in pats:
        matches, last = [], -1
        starts = sorted({end - k + 1 for end, k, _ in hits["trig"]}) if hits is not None \
            else [t.start() for t in pats["person_trigger"].finditer(text)]
        for p in starts:
            if p > 0 and text[p - 1] in "وب" and (p < 2 or not text[p - 2].isalnum()):
                p -= 1  # a glued و/ب belongs to the match
            if p <= last or (p > 0 and text[p - 1].isalnum()):
                continue
            m = pats["person"].match(text, p)
            if m:
                matches.append(m)
                last = m.end()
    else:
        # Same matches as ``finditer`` over the whole text, but the pattern is only tried where
        # a match can start: a capitalised word, or a title or speech verb (found in one pass).
        matches, last = [], 0
        full, name_first = pats["person"], pats["person_name_first"]
        for p, cued in _en_person_starts(text, lang):
            if p < last:
                continue
            m = (full if cued else name_first).match(text, p)
            if m:
                matches.append(m)
                last = m.end()
        i = text.find(".")
        while i != -1:  # "forecasts.Brian Marshall": a full stop glued to the next sentence's name
            if i >= 2 and text[i + 1:i + 2].isupper() and text[i - 2:i].isalpha() and text[i - 2:i].islower():
                m = pats["person_run_on"].match(text, i + 1)
                if m:
                    matches.append(m)
            i = text.find(".", i + 1)
    strong_ids: set[int] = set()
    if "appos_title" in pats:
        strong = pats.get("appos_strong")
        for start in _appos_title_starts(text, lang, hits["title"] if hits is not None else None):
            # «ليون كامهي، المدير التنفيذي لشركة هيرميس»: an executive's title after a comma names a person
            # whatever the given name (issue 9, h9ent16); a listed given name there opens the name as before
            vouched = not names.name_may_end_at(text, start)
            if vouched and (strong is None or strong.match(text, start) is None):
                continue  # no given name or particle among the words before: no name (cheap test)
            m = pats["appos_name"].search(text, max(0, start - 40), start)
            if m:
                matches.append(m)
                if vouched:
                    strong_ids.add(id(m))
    spans = []
    for m in matches:
        g = next((k for k in ("a", "b", "c", "d", "e", "f", "g", "h", "i") if m.groupdict().get(k)), None)
        if g == "h" and (m.group("h") in names.data("en").places or m.group("h").split()[0] in c.extra["stock_not_names"]):
            continue  # "the governor of the state, New Jersey,": a place
        if g == "h" and m.group("h").split()[0].lower() not in _en_given_names() \
                and not (m.group("hof") and raw[m.end("h"):m.end("h") + 1] in ",."):
            continue  # "president of the company, Acme Holdings,": a given name opens the name, or the title
            # names its body ("chairman of Icelandic bank Landsbanki, Bjorgolfur Gudmundsson.")
        if g == "a" and lang == "en" and " of " in text[m.start():m.start("a")] \
                and m.group("a").split()[0].lower() not in _en_given_names():
            continue  # "the CEO of National Public Radio": the body, no name
        if g == "b" and lang == "en" and text[m.end("b"):m.end("b") + 4] in (" of ", " at ") \
                and m.group("b").split()[0].lower() not in _en_given_names():
            continue  # "Standard Life of Britain said": only a given name opens a name there
        if g is not None:
            titled = g in ("a", "g", "i")
            if id(m) in strong_ids:
                titled = "role"
            if g == "b" and lang == "ar" and (any(ch in "،," for ch in text[m.end("b"):m.end()])
                                              and not text[m.end():m.end() + 1].isalpha()
                                              or (strong_nc := pats.get("strong_title")) is not None
                                              and strong_nc.match(text, m.end("b")) is not None):
                # «وقال رودريش إجلر، رئيس المكتب», «وقال جيسي دونز الرئيس التنفيذي للشركة»: the speaker (no role
                # word inside the name: «وقال مصدر مسؤول الرئيس ...»)
                if not any(w in _role_word_set() for w in m.group("b").split()):
                    titled = "role"
            spans.append((*m.span(g), titled))
    if lang == "ar" and (nat := pats.get("nationality_person")) is not None \
            and len(_sports_words(text, hits, pats["sports"])) >= 2:
        # sports news: «والبرازيلي رافايل دا سيلفا» is a player whatever his given name (issue 9, h9ent18)
        for m in nat.finditer(text):
            if _nationality_noun(text, m.start(), c):  # a noun, no club's adjective
                spans.append((*m.span("n"), "role"))
        _ar_nationality_one(raw, norm, pats["nationality_one"], c, kb, free, add)
    cued = len(spans)
    if lang == "ar":
        foreign = names.foreign_people(text, [(end, k) for end, k, _ in hits["foreign"]] if hits is not None else None)
        spans += [(s, e, False) for s, e in foreign]  # «هيلاري كلينتون»: no cue needed
        spans += [(s, e, False) for s, e in names.cue_free_people(
            text, [(end, k) for end, k, _ in hits["cuefree"]] if hits is not None else None)]  # «إبراهيم غالب»
    surnames: dict[str, set[str]] = {}
    for i, (s, e, titled) in enumerate(spans):
        if i >= cued:  # «ليندسي غراهام» ... «ليندسي اتصل»: a given name seen with its surname
            first, last = text[s:e].split()[0], text[s:e].split()[-1]
            if surnames.get(first, {last}) != {last} and not last.startswith("ال") \
                    and text[e:e + 1] not in ("،", ","):
                continue  # (a surname with the article is no verb: «عبدالله الحافظ، عبدالله الزوري»; nor is a
                # name a comma closes: «مارك تلوسيز» ... «رائد "نتسكيب"، مارك آندرسن، جولة»)
        ts, te = s, e  # (in ``text``) a name accepted below records its given name and surname
        licensed = False
        if lang == "ar":
            licensed = titled == "role" or (titled and names.licensed_by(text[max(0, s - 40):s]))
            words = norm.text[s:e].split()
            keep = []
            for w in words:
                if w in c.extra["folded_stops"]:
                    break
                keep.append(w)
            if not keep or not (licensed or names.may_be_person(keep)):
                continue
            e = s + len(" ".join(keep))
            s, e = norm.span_to_raw(s, e)
            if raw[s:e].lstrip("وب").startswith("الآ"):
                continue  # «ألان» folds as «الآن» (now) does: a word written with the article and «آ» opens no name
        if raw[e - 2:e] in ("'s", "’s"):
            e -= 2  # "Hillary Clinton's"
        if lang == "en":
            # "Deutsche's Hammoud": a possessor is no part of the name; "Alabama-based Protective
            # Life" is no name
            words = raw[s:e].split()
            if any(w.endswith(("-based", "-owned", "-listed", "-born")) for w in words):
                continue
            cut = [i for i, w in enumerate(words[:-1]) if w.endswith(("'s", "’s"))]
            if cut and titled:
                continue  # "Prince Alwaleed's Kingdom Hotels": what the titled person owns
            if cut:
                rest = words[cut[-1] + 1:]
                if len(rest) < 2:
                    continue
                toks = [m.start() for m in _WORD_RUN.finditer(raw, s, e)]
                s = toks[len(toks) - len(rest)]
        if lang == "ar":
            span = names.arabic_person(raw, s, e, licensed)  # must look like a name; kept whole
            if span is None and len(raw[s:e].split()) >= 3:  # «وكان صالح خبري»: the name is what follows
                first = raw[s:e].split()[0]
                span = names.arabic_person(raw, raw.index(first, s) + len(first) + 1, e, False)
            if span is None:
                continue
            if span[0] < s and not free(*span) and free(s, span[1]):
                span = (s, span[1])  # «شركة جبل عمر عبد العزيز السبيعي»: «عمر» ends the company's name
            s, e = span
            e = names.longer_foreign_name(raw, s, e)  # «سابقا أندريس فوج راسموسين مستشارا له»
        if not free(s, e):
            continue
        if lang == "ar" and names.known_person_after(raw, e):
            continue  # «الرئيس السابق لويس ايناسيو» + «لولا دا سيلفا»: the first names of a known person
        surface = raw[s:e]
        if lang == "en" and (surface.split()[0] in c.name_stops or surface.split()[-1] in c.org_suffixes
                             or surface in names.data("en").places or surface.split()[-1] in _TITLE_ENDS):
            continue  # (and "shops in Hong Kong said": a place; "chief Operating Officer said": a title; issue 9, h9ent15)
        entry = kb.lookup(surface)
        if entry is not None and entry.type != "PERSON":
            continue
        if lang == "en" and entry is None and any(w in c.extra["org_words"] or w in c.extra["paper_words"] for w in surface.split()[1:]) \
                and surface.split()[0].lower() not in _en_given_names():
            # "National Mortgage News said", "United Surgical said": a name with a business word is a body
            add(Mention(s, e, "ORG", surface, None, "pattern"))
            continue
        if lang == "en" and entry is None and len(surface.split()) >= 2 and surface.split()[-1] in names.data("en").places \
                and surface.split()[0].lower() not in _en_given_names():
            add(Mention(s, e, "ORG", surface, None, "pattern"))  # "Borse Dubai says": a body named after its place
            continue
        add(Mention(s, e, "PERSON", entry.name if entry else surface, entry, "pattern"))
        if lang == "ar" and te > ts:
            surnames.setdefault(text[ts:te].split()[0], set()).add(text[ts:te].split()[-1])
        while lang == "en" and (more := _EN_PERSON_MORE.match(raw, e)) is not None:
            s, e = more.span("n") if more.group("n") else more.span("m")
            surface = raw[s:e]
            entry = kb.lookup(surface)
            if not free(s, e) or any(w in c.name_stops for w in surface.split()) \
                    or surface.split()[-1] in c.org_suffixes or (entry is not None and entry.type != "PERSON"):
                break
            add(Mention(s, e, "PERSON", entry.name if entry else surface, entry, "pattern"))


def _nationality_noun(text: str, start: int, c: EntityCues) -> bool:
    """Whether the nationality word at ``start`` (folded ``text``) is a noun naming a player or a coach, not a club's
    or a league's adjective: glued to «و/ب/ل», after punctuation, or after a word of ``player_nationality_after``
    (perhaps with a clitic: «بالمدرب الروماني»)."""
    if text[start] in "وبل":
        return True
    before = text[max(0, start - 30):start].split()
    if not before or before[-1][-1] in "،,:(\"":
        return True
    w, after = before[-1], c.extra["player_nationality_after"]
    return w in after or (len(w) > 3 and w[0] in "وبل" and w[1:] in after)


@lru_cache(maxsize=1)
def _ar_person_last_words() -> dict[str, KBEntry | None]:
    """The last word (folded) of each Arabic alias of the KB's people with two words or more: the person, or None
    when two people share it («فيرجسون»: Alex Ferguson)."""
    out: dict[str, KBEntry | None] = {}
    for e in knowledge_base().entries:
        if e.type != "PERSON":
            continue
        for a in {fold(x).split()[-1] for x in e.aliases.get("ar", []) if len(x.split()) >= 2}:
            out[a] = e if out.get(a, e) is e else None
    return out


@lru_cache(maxsize=1)
def _ar_long_surnames() -> tuple[frozenset[str], frozenset[str]]:
    """(the surnames of _ar_person_last_words that _ar_known_surnames may take alone whatever the text: six letters at
    least, one person's, no listed given name, no word never in a name, a transliteration's shape; the same after a
    clitic و/ب/ل): a text with none of them has no surname for _ar_known_surnames."""
    d = names.data("ar")
    long = frozenset(w for w, e in _ar_person_last_words().items() if len(w) >= 6 and e is not None
                     and w not in d.given and w not in d.not_name and names._foreign_part(w))
    return long, frozenset(c + w for c in "وبل" for w in long)


_AR_WORD_RUN = re.compile(r"[\u0621-\u064a]{4,}")
# a person's age in brackets after his name («ويقول رابي بارال (41 عاما)», «إن أوستن هووت (18 عاما) الطالب»)
_AR_AGE = re.compile(r"[ \t]*\([ \t]*\d{1,2}[ \t]*(?:عاما|عام|سنة|سنه)[ \t]*\)")
_AR_TWO_WORDS_BEFORE = re.compile(r"(?:^|(?<=[\s،,:\"]))([\u0621-\u064a]{2,})[ \t]+([\u0621-\u064a]{2,})\Z")


def _ar_aged_people(raw: str, norm: Normalized, c: EntityCues, kb, free, add) -> None:
    """Two words right before an age in brackets («رابي بارال (41 عاما)») are a person's name when they look like one
    as a title would license it (names.arabic_person): no article on the first, no function word, no glued preposition,
    no verb («ضم راموس», «يفصح ستيوارت») or pronoun-ended word («ابنه جادن») first unless a listed given name (issue 9, h9ar)."""
    text = norm.text
    i = text.find("(")
    while i != -1:
        m = _AR_AGE.match(text, i)
        if m is not None and (b := _AR_TWO_WORDS_BEFORE.search(text, max(0, i - 40), len(text[:i].rstrip()))) is not None:
            w1, w2 = b.group(1), b.group(2)
            given = names.data("ar").given
            if not w1.startswith("ال") and w1 not in c.extra["folded_stops"] and w2 not in c.extra["folded_stops"] \
                    and (w1 in given or len(w1) >= 3 and not w1.endswith("ه") and not _VERB_SHAPED.match(w1)) \
                    and not names._is_glued(w1, names.data("ar")) and (names._foreign_part(w2) or w2.startswith("ال")):
                s, e = norm.span_to_raw(b.start(1), b.end(2))
                span = names.arabic_person(raw, s, e, True)
                if span is not None and free(*span):
                    entry = kb.lookup(raw[span[0]:span[1]])
                    if entry is None or entry.type == "PERSON":
                        add(Mention(span[0], span[1], "PERSON", entry.name if entry else raw[span[0]:span[1]], entry, "pattern"))
        i = text.find("(", i + 1)


def _ar_known_surnames(norm: Normalized, kb, free, add) -> None:
    """«ويأمل مورينيو ... مع مورينيو باللقب»: the surname alone of a known foreign person, written twice or more in the
    text, names that person: the last word of one person's Arabic alias alone (_ar_person_last_words), of six letters
    at least (shorter ones are often words: «رايت», «فيلا», «كوين»), shaped like a transliteration (names._foreign_part),
    no listed given name and no alias of anything else; perhaps after a clitic و/ب/ل. One pass over the words; no given
    name before it makes a relative of it (_ar_family_members) (issue 9, h9ar)."""
    surnames = _ar_person_last_words()
    d = names.data("ar")
    long, glued = _ar_long_surnames()
    ws = names.ar_word_runs(norm.text)  # (the runs of two letters or more: those of six are the same runs)
    if long.isdisjoint(ws) and glued.isdisjoint(ws):
        return  # no known surname of six letters in the text (most texts): no pass over the words (speed)
    hits: dict[str, list[tuple[int, int]]] = {}
    for m in _AR_WORD_RUN.finditer(norm.text):
        w, s = m.group(0), m.start()
        if w not in surnames and w[0] in "وبل" and w[1:] in surnames:
            w, s = w[1:], s + 1
        if w in surnames and surnames[w] is not None:
            hits.setdefault(w, []).append((s, m.end()))
    for w, spans in hits.items():
        if len(spans) < 2 or len(w) < 6 or w in d.given or w in d.not_name or not names._foreign_part(w) or kb.lookup(w) is not None:
            continue
        entry = surnames[w]
        for s, e in spans:
            s, e = norm.span_to_raw(s, e)
            if free(s, e):
                add(Mention(s, e, "PERSON", entry.name, entry, "kb_surname"))


def _ar_nationality_one(raw: str, norm: Normalized, pat: re.Pattern, c: EntityCues, kb, free, add) -> None:
    """In sports news, one word between a nationality noun and punctuation, «الذي» or the next nationality
    («والبرتغالي مورينيو، والفرنسي فينجر،», «البرازيلي ميراندا الذي») is a player's or a coach's name: the known
    person whose surname it is, else the word itself. Not a word that reads as Arabic (a glued preposition, a verb's
    shape: names._foreign_part), a nationality, nor a known company or club (issue 9, h9ar)."""
    text = norm.text
    for m in pat.finditer(text):
        w = m.group("n")
        if not _nationality_noun(text, m.start(), c) or not names._foreign_part(w) \
                or w in c.extra["nationality_set"] or w in names.data("ar").given:
            continue
        s, e = norm.span_to_raw(*m.span("n"))
        entry = kb.lookup(raw[s:e])
        if entry is not None and entry.type != "PERSON":
            continue
        entry = entry or _ar_person_last_words().get(w)
        if free(s, e):
            add(Mention(s, e, "PERSON", entry.name if entry else raw[s:e], entry, "pattern"))


# the next item of a list of companies, each with its nationality («جينماب الدنماركية، وسوبي السويدية، وجالاباجوس
# البلجيكية»): the nationality after the item found, «، و» or «و», one or two words, a nationality with the article
_AR_ORG_LIST_NEXT = re.compile(r"[ \t]+(?P<nat0>ال[\u0621-\u064a]{3,})[ \t]*[،,]?[ \t]*و(?P<n>(?!ال)[\u0621-\u064a]{3,}(?:[ \t]+(?!ال)[\u0621-\u064a]{3,})?)"
                               r"[ \t]+(?P<nat>ال[\u0621-\u064a]{3,})(?![\u0621-\u064a])")


def _ar_org_lists(norm: Normalized, out: list[Mention], c: EntityCues, kb, free, add) -> None:
    """Companies listed with one found, each followed by its nationality («شركات مثل جينماب الدنماركية، وسوبي
    السويدية، وجالاباجوس البلجيكية»): after an organisation and its nationality, an item joined by «و» of one or two
    transliterated words (names._foreign_part: no article, no glued preposition, no verb's shape) and a nationality
    is an organisation too (issue 9, h9ar)."""
    text = norm.text
    nats = c.extra["nationality_set"]
    is_nat = lambda w: w in nats or (w.endswith("ه") and w[:-1] in nats)
    orgs = [m for m in out if m.type == "ORG"]
    seen = {(m.start, m.end) for m in out}
    while orgs:
        m = orgs.pop()
        x = _AR_ORG_LIST_NEXT.match(text, norm.to_norm(m.end))
        if x is None or not is_nat(x.group("nat0")) or not is_nat(x.group("nat")):
            continue
        words = x.group("n").split()
        if any(not names._foreign_part(w) or is_nat("ال" + w) for w in words):
            continue
        s, e = norm.span_to_raw(*x.span("n"))
        entry = kb.lookup(norm.raw[s:e])
        if (s, e) in seen or not free(s, e) or (entry is not None and entry.type != "ORG"):
            continue
        new = Mention(s, e, "ORG", entry.name if entry else norm.raw[s:e], entry, "kb" if entry else "pattern")
        add(new)
        seen.add((s, e))
        orgs.append(new)


_AR_QUOTED = re.compile(r'"([^"\n]{2,60})"')


@lru_cache(maxsize=1)
def _ar_quoted_org_words() -> tuple[frozenset[str], frozenset[str]]:
    """(folded words that make a quoted name an organisation's, folded first words that do)."""
    c = cues("ar")
    words = {fold(w) for w in c.extra["sector_heads"] + c.extra["holding_org_tails"] + c.extra["quoted_org_words"]}
    return frozenset(words), frozenset(fold(w) for w in c.extra["quoted_org_first_heads"])


def _ar_quoted_orgs(norm: Normalized, c: EntityCues, kb, out: list[Mention], free, add) -> None:
    """«"إليوت كابيتال أدفيزرز"», «"مجموعة مصافي الذهب الأوروبية"»: a quoted name of two to five words, none a function
    word, with an organisation's word after its first (sector_heads, holding_org_tails, quoted_org_words; one word or
    two: «لإدارة الأصول») or opening with a company head (quoted_org_first_heads) and a name (no article, no glued
    preposition: «"شركة النشر الرقمية الرائدة"», «"مصرف للديون المتعثرة"» describe) is an organisation (issue 9, h9ar)."""
    text, raw = norm.text, norm.raw
    words_set, first_heads = _ar_quoted_org_words()
    stops = c.extra["folded_stops"]
    for m in _AR_QUOTED.finditer(text):
        ws = m.group(1).split()
        if not 2 <= len(ws) <= 5 or any(w in stops for w in ws):
            continue
        named = not ws[1].startswith("ال") and not (ws[1][0] in "لب" and ws[1][1:2] not in ("ا", "و", "ي"))
        if not (ws[0] in first_heads and named or any(w in words_set for w in ws[1:])
                or any(f"{a} {b}" in words_set for a, b in zip(ws[1:], ws[2:]))):
            continue
        s, e = norm.span_to_raw(m.start(1), m.end(1))
        while s < e and raw[s].isspace():
            s += 1
        while e > s and raw[e - 1].isspace():
            e -= 1
        if free(s, e):
            entry = kb.lookup(raw[s:e])
            if entry is None or entry.type == "ORG":
                add(Mention(s, e, "ORG", entry.name if entry else raw[s:e], entry, "kb" if entry else "pattern"))


# the next or the previous item of a list of names: «، وخالد الفريح», «، ود. زياد الحقيل» (two to six words, cut below)
# (or by «و» alone: «حسين عبد الغني وحسن الراهب ومحمد عيد»; issue 9, h9ar)
_AR_LIST_NEXT = re.compile(r"[ \t]*(?:[،,][ \t]*)?(?P<w>و)[ \t]?(?:[دم]\.[ \t]*)?(?P<n>[\u0621-\u064a]{2,}(?:[ \t]+[\u0621-\u064a]{2,}){1,5})")
_AR_LIST_PREV = re.compile(r"(?:^|(?<=[:：،,\n]))[ \t]*(?:[دم]\.[ \t]*)?(?P<n>[\u0621-\u064a]{2,}(?:[ \t]+[\u0621-\u064a]{2,}){1,3})[ \t]*[،,][ \t]*و?[ \t]?(?:[دم]\.[ \t]*)?\Z")


def _ar_list_name_words(words: list[str]) -> int:
    """How many of the folded ``words`` a listed name takes: an honorific, a given name (two words after «عبد»/«أبو»
    or before «الدين»), a surname, and more parts joined by particles («بن», «آل»); no word after («وناصر الشمراني
    برامجهم»: his programme)."""
    d = names.data("ar")
    i = 1 if words and words[0] in d.honorifics else 0
    n = i + 2 + (1 if len(words) > i + 1 and (words[i] in names._OPENING_PARTICLES or words[i + 1] == "الدين") else 0)
    while n < len(words) and (words[n - 1] in d.particles or words[n] in d.particles):
        n += 1
    return min(n, len(words))


def _ar_person_lists(raw: str, out: list[Mention], free, add) -> None:
    """People listed with a person found («أعضاء اللجنة: طارق فقيه، وخالد الفريح، وعبد الرحمن بن حسين»): each item
    joined by «، و» (perhaps after «د.» or «م.») or opening the list after a colon or a comma is a person when it
    opens with a given name or a particle and looks like a name (names.arabic_person; issue 9, h9ent14)."""
    d = names.data("ar")
    people = [m for m in out if m.type == "PERSON"]
    seen = {(m.start, m.end) for m in people}
    while people:
        m = people.pop()
        found = []
        if (x := _AR_LIST_NEXT.match(raw, m.end)) is not None \
                and fold("و" + x.group("n").split()[0]) not in d.not_name:  # «، ولي العهد» (the crown prince)
            found.append(x.span("n"))
        if (x := _AR_LIST_PREV.search(raw, max(0, m.start - 60), m.start)) is not None:
            found.append(x.span("n"))
        for s, e in found:
            words = raw[s:e].split()
            k = _ar_list_name_words([fold(w) for w in words])
            e = s + len(" ".join(words[:k]))
            if (fold(words[0]) in names._title_words() and fold(words[0]) not in d.honorifics) \
                    or not names.may_be_person([fold(w) for w in words[:2]]) or (span := names.arabic_person(raw, s, e)) is None:
                continue  # («، وأمين الطائف»: the mayor)
            s, e = span
            if (s, e) in seen or not free(s, e):
                continue
            entry = knowledge_base().lookup(raw[s:e])
            if entry is not None and entry.type != "PERSON":
                continue
            new = Mention(s, e, "PERSON", entry.name if entry else raw[s:e], entry, "pattern")
            add(new)
            seen.add((s, e))
            people.append(new)


@lru_cache(maxsize=1)
def _latin_org_word_set() -> frozenset[str]:
    """English organisation words and suffixes (lang/en/entity_cues.yaml), upper-cased: a Latin-script run of
    two or more words in Arabic text is an organisation only with one of them (not "Electric Vehicle", a
    book's title or a gloss)."""
    en = cues("en")
    return frozenset(w.upper().rstrip(".") for w in set(en.org_suffixes) | en.extra["org_words"] | en.extra["paper_words"]
                     | en.extra["latin_org_words"])


def _latin_org_words(tokens: list[str]) -> bool:
    words = _latin_org_word_set()
    return any(t.strip("().,").upper() in words for t in tokens)


def _latin_runs(raw, norm, pats, c, free, add, kb) -> None:
    runs = list(_LATIN_RUN.finditer(raw))
    works = set()  # «فيلم (Inside Out)»: the title of a work, wherever else the text repeats it
    for m in runs:
        ns = _norm_index(norm, m.start())
        if _work_title_before().search(norm.text, max(0, ns - 20), ns):
            works.add(raw[m.start():m.end()].rstrip(" .,-"))
    for m in runs:
        s, e = m.span()
        surface = raw[s:e].rstrip(" .,-")
        e = s + len(surface)
        if not surface or not free(s, e):
            continue
        tokens = surface.split()
        if all(t.strip("().,") in c.extra["latin_not_names"] for t in tokens) or tokens[-1] in ("Act", "Law", "Bill"):
            continue  # "Next Previous" (page furniture), "CHIPS Act" (a law)
        entry = kb.lookup(surface)
        ns = _norm_index(norm, s)
        before = norm.text[max(0, ns - 40):ns]
        if _index_context("ar")[2].search(before):
            continue  # «مؤشر البورصة الرئيسي (EGX30)»: an index
        if entry is None and surface in works:
            continue
        if len(surface) == 1 and before.split() and (before.split()[-1] in c.extra["model_letter_heads"]
                                                      or before.split()[-1][1:] in c.extra["model_letter_heads"]):
            # «لنموذج T»: Ford's Model T; «الطراز X»: Tesla's Model X, not X Development
            known = kb.lookup("Model " + surface)
            add(Mention(s, e, "PRODUCT", known.name if known else "Model " + surface, known, "kb" if known else "pattern"))
        elif entry is not None:
            add(Mention(s, e, entry.type, entry.name, entry, "kb"))
        elif any(ch.isdigit() for ch in surface) or pats["product_head"].search(before) \
                or (len(tokens) <= 3 and pats["product_head_near"].search(before)):
            add(Mention(s, e, "PRODUCT", surface, None, "pattern"))
        elif tokens[-1] in c.org_suffixes or pats["org_head"].search(before) or (len(tokens) >= 2 and _latin_org_words(tokens)):
            add(Mention(s, e, "ORG", surface, None, "pattern"))


_DEVICE_DETERMINER = re.compile(r"(?:\b(?:a|an|the|his|her|my|its|their|your|new|own)(?:[ \t]+(?:popular|new|latest|old|first|original))?"
                                r"|\w['’]s|\w\.[A-Z]{1,2})[ \t]+\Z", re.I)
_FOLLOWING_WORD = re.compile(r"(s?)[ \t]+([a-z][\w-]*)")


def _former_era_products(raw: str, mentions: list[Mention], c: EntityCues) -> None:
    """"Research In Motion ... a new crop of BlackBerrys", "uses a Blackberry for its email": where the
    text names a company by its former name, its present one-word name, which it took from its
    product line, is that product when it reads as a thing: after an article or possessive, as a
    plural, or before a product or device noun ("BlackBerry smartphones", "the BlackBerry maker")."""
    former_used = {m.entry.id for m in mentions if m.type == "ORG" and m.entry is not None and m.entry.data.get("former")
                   and fold(raw[m.start:m.end]) in _folded_former(m.entry.id)}
    # "BlackBerry Ltd, formerly Research In Motion": a text naming it by its present name in full is of its time
    former_used -= {m.entry.id for m in mentions if m.type == "ORG" and m.entry is not None and m.entry.id in former_used
                    and " " in raw[m.start:m.end].strip()
                    and not any(fold(raw[m.start:m.end]).startswith(f) for f in _folded_former(m.entry.id))}
    if not former_used:
        return
    nouns = set(c.product_heads) | set(c.extra["device_heads"]) | set(c.extra["short_product_after"]) \
        | {"maker", "makers", "users", "subscribers", "service", "devices"}
    for m in mentions:
        if m.type != "ORG" or m.entry is None or m.entry.id not in former_used:
            continue
        surface = raw[m.start:m.end]
        if " " in surface or fold(surface) != fold(m.entry.name):
            continue
        after = _FOLLOWING_WORD.match(raw, m.end)
        plural = raw[m.end:m.end + 1] == "s" and not raw[m.end + 1:m.end + 2].isalnum()
        if plural or _DEVICE_DETERMINER.search(raw, max(0, m.start - 20), m.start) \
                or (after is not None and not after.group(1) and after.group(2) in nouns):
            if plural:
                m.end += 1
            m.type, m.name, m.entry, m.source = "PRODUCT", m.entry.name, None, "pattern"
# a letter or a numeral other than a decimal digit with no letter or digit before it (``str.isalnum``
# is ``\w`` less "_"): each k of ``(k == 0 or not text[k - 1].isalnum()) and text[k].isalpha()``
_LETTER_AT_WORD_START = re.compile(r"(?<![^\W_])[^\W\d_]")


_ETF_WORD = "صندوق"


@lru_cache(maxsize=1)
def _described_heads() -> frozenset[str]:
    return frozenset(fold(w) for w in cues("ar").extra.get("described_product_heads") or [])


def _head_words(text: str, found) -> list[tuple[int, str]]:
    """(offset, word) of the head words the automaton pass found (``found``: its "nhead" hits), where each
    starts a word or follows a clitic و/ب/ل that does; the offset is the clitic's when there is one."""
    out = []
    n = len(text)
    for end, k, _ in found:
        i = end - k + 1
        if end + 1 < n and text[end + 1].isalnum():
            continue
        if i == 0 or not text[i - 1].isalnum():
            out.append((i, text[i:end + 1]))
        elif text[i - 1] in "وبل" and (i == 1 or not text[i - 2].isalnum()):
            out.append((i - 1, text[i:end + 1]))
    out.sort()
    return out
# a future or imperfect verb («ستستفيد», «يعمل»), no name
_VERB_SHAPED = re.compile(r"(?:س[تينا]|[يت][^اوي\s])[\u0621-\u064a]{1,4}$")


@lru_cache(maxsize=1)
def _ar_bank_patterns() -> tuple[frozenset[str], re.Pattern, re.Pattern, frozenset[str], re.Pattern]:
    """(bank heads, «مصرف بغداد» pattern, «البنك الأردني الكويتي» pattern, org heads, parenthesised name pattern),
    folded (lang/ar/entity_cues.yaml ``bank_heads``, ``bank_places``, ``bank_adjectives``, ``paren_org_heads``)."""
    c = cues("ar")
    alt = lambda ws: phrases.alternation(ws, fold)
    heads = frozenset(fold(w) for w in c.extra.get("bank_heads") or [])
    place = re.compile(rf"(?:{alt(c.extra.get('bank_places') or ['(?!)'])})(?!\w)"
                       rf"(?:\s+(?:{alt(c.extra.get('bank_adjectives') or ['(?!)'])})(?!\w))?(?!\s+(?:ال|لل)?[\u0621-\u064a]{3,}(?:ي|يه)(?!\w))")
    nats = sorted(c.extra["nationality_set"])
    two = re.compile(rf"(?:البنك|المصرف)\s+(?:{'|'.join(map(re.escape, nats))})\s+(?:{'|'.join(map(re.escape, nats))})(?!\w)")
    oheads = frozenset(fold(w) for w in c.extra.get("paren_org_heads") or [])
    paren = re.compile(r"(?:\s+ال[\u0621-\u064a]{2,}){0,3}\s*[(\"]\s*(?P<n>(?!ال)[\u0621-\u064a]{2,}(?:\s+(?!ال)[\u0621-\u064a]{2,}){0,2})"
                       r"\s*(?:[-–]\s*(?P<c>[\u0621-\u064a]{3,})\s*)?[)\"]")
    return heads, place, two, oheads, paren


_AR_WORD_LETTERS = frozenset({"في", "ال", "ان", "او", "اي", "اف", "ام"})  # letter names that are also words (folded)


@lru_cache(maxsize=1)
def _ar_initialism_pattern() -> tuple[frozenset[str], re.Pattern]:
    """(folded heads, pattern of two to six Arabic letter names joined by full stops or spaces)."""
    from marsad.extractors.gazetteer import _letter_names

    letters = "|".join(re.escape(w) for w in sorted(_letter_names(), key=len, reverse=True))
    heads = frozenset(fold(w).split()[0] for w in cues("ar").extra.get("initialism_org_heads") or [] if fold(w).strip())
    return heads, re.compile(rf"\s+[\"(]?(?P<n>(?:{letters})(?:(?:\.\s?|\s)(?:{letters})){{1,5}})(?![\u0621-\u064a])\.?")


def _ar_initialisms(norm: Normalized, kb, nheads=()) -> list[tuple[int, int, str, KBEntry | None]]:
    """«مؤسسة آي.أو.بي.إي اليونانية للأبحاث»: an organisation named by an initialism after its head, and the
    same initialism elsewhere in the text («توقعت آي.أو.بي.إي»). ``nheads``: (offset, head word) (``_head_words``)."""
    text, raw = norm.text, norm.raw
    heads, pat = _ar_initialism_pattern()
    c_stops = cues("ar").extra["folded_stops"]
    out, seen = [], set()
    for i, h in nheads:
        if h not in heads:
            continue
        if text[i] != h[0]:
            i += 1  # (after the clitic)
        if (m := pat.match(text, i + len(h))) is None:
            continue
        n = m.group("n")
        while " " in n and not n.rsplit(" ", 1)[0].endswith(".") and n.rsplit(" ", 1)[1] in _AR_WORD_LETTERS:
            n = n.rsplit(" ", 1)[0]  # «شركة إم إس سي في السعودية»: «في» (in) is a word there
        end = m.start("n") + len(n)
        after = _NEXT_WORD.match(text, end + (text[end:end + 1] == "."))
        nxt = after.group(1).lstrip(".") if after is not None else ""
        if nxt[:1].isalpha() and not nxt.startswith(("ال", "لل")) and nxt not in _AR_WORD_LETTERS and nxt not in c_stops \
                and not (len(nxt) > 3 and nxt[0] in "لب" and nxt[1] not in "اوي"):
            continue  # «إم. إم. إل. ميديست ليمتد»: the initialism opens a longer name (the quoted-name pattern's); a word
            # glued to ل/ب does not («شركة إس.إي.إس لتشغيل الأقمار الصناعية»; issue 9, h9ar)
        if len(n.replace(".", " ").split()) >= 2:
            s, e = norm.span_to_raw(m.start("n"), m.start("n") + len(n))
            out.append((s, e, raw[s:e], kb.lookup(raw[s:e])))
            seen.add(n)
    for key in seen:  # the same initialism elsewhere
        i = text.find(key)
        while i != -1:
            j = i + len(key)
            if (i == 0 or not text[i - 1].isalnum()) and (j >= len(text) or not text[j].isalnum()):
                s, e = norm.span_to_raw(i, j)
                out.append((s, e, raw[s:e], kb.lookup(raw[s:e])))
            i = text.find(key, j)
    return out


@lru_cache(maxsize=1)
def _ar_paren_words() -> tuple[dict[str, str], frozenset[str]]:
    """(folded country → its English name for an arm, folded words that open no parenthesised name)."""
    c = cues("ar")
    return ({fold(k): v for k, v in c.extra["countries"]},
            frozenset(c.extra["not_name_set"] | {fold(w) for w in c.org_heads + c.extra["unknown_org_not"]}))


def _ar_named_banks(norm: Normalized, c: EntityCues, kb, nheads=()) -> list[tuple[int, int, str, KBEntry | None]]:
    """(raw start, raw end, name, entry) of banks named after their place («مصرف بغداد», «بنك تونس العالمي»), by
    two nationality adjectives («البنك الأردني الكويتي»), and of organisations named in parentheses after their head
    and its description («شركة الأبحاث البريطانية (ويلث انسايت)», «بنك (بيريوس - مصر)»). ``nheads``: (offset,
    head word) of the head words in the text (``_head_words``)."""
    text, raw = norm.text, norm.raw
    heads, place, two, oheads, paren = _ar_bank_patterns()
    out = []
    word_start = lambda i: i == 0 or not text[i - 1].isalnum() or (text[i - 1] in "وبل" and (i == 1 or not text[i - 2].isalnum()))
    quoted = "(" in text or '"' in text
    if quoted:
        countries, not_first = _ar_paren_words()
    for i, h in nheads:
        if text[i] != h[0]:
            i += 1  # (after the clitic)
        j = i + len(h)
        if h in heads and text[j:j + 1] == " " and (m := place.match(text, j + 1)) is not None:
            s, e = norm.span_to_raw(i, m.end())
            out.append((s, e, raw[s:e], kb.lookup(raw[s:e])))
        if not quoted or h not in oheads or not ("(" in text[j:j + 45] or '"' in text[j:j + 45]) \
                or (m := paren.match(text, j)) is None:
            continue
        n = m.group("n")
        first = n.split()[0]
        if first in not_first or _VERB_SHAPED.match(first):
            continue  # «شركة الاتحاد التجاري (شركة تأمين)», «منظمة التجارة "ستستفيد"»: no name
        # «وكالة الأنباء القطرية (قنا)»: the short name of the body named before it
        ds, de = norm.span_to_raw(i, m.start("n"))
        entry = kb.lookup(n) or kb.lookup(h + " " + n) or kb.lookup(raw[ds:de].rstrip(' ("«“').strip())
        if entry is None or entry.type == "ORG":
            s, e = norm.span_to_raw(m.start("n"), m.end("n"))
            name = entry.name if entry else raw[s:e]
            if m.group("c") and m.group("c") in countries and entry is not None:
                s, e = norm.span_to_raw(m.start("n"), m.end("c"))
                name, entry = f"{_CORPORATE_TAIL.sub('', entry.name)} {countries[m.group('c')]}", None
            if not names.looks_like_person(n, "ar") and n not in c.extra["not_name_set"]:
                out.append((s, e, name, entry))
    for h in ("البنك", "المصرف"):
        i = text.find(h)
        while i != -1:
            if word_start(i) and (m := two.match(text, i)) is not None:
                s, e = norm.span_to_raw(i, m.end())
                out.append((s, e, raw[s:e], kb.lookup(raw[s:e])))
            i = text.find(h, i + len(h))
    return out


@lru_cache(maxsize=1)
def _ar_product_context_words() -> tuple[frozenset[str], frozenset[str], tuple[str, ...]]:
    """(owned product heads' last words, their adjectives, the ETF tails), folded (entity_cues.yaml)."""
    c = cues("ar")
    return (frozenset(fold(w).split()[-1] for w in c.extra["owned_product_heads"] if fold(w).strip()),
            frozenset(fold(w) for w in c.extra["owned_product_adjectives"]),
            tuple(" " + fold(w) for w in c.extra["etf_tails"]))


def _ar_in_product_name(norm: Normalized, s: int, e: int) -> bool:
    """Whether a known company's name at [s, e) of folded text opens a product's name: after an owned
    product noun and its adjectives («مركبتها ديسكفري سبورت»), or an ETF's («صندوق فالكم المتداول»)."""
    text = norm.text
    words = text[max(0, s - 40):s].split()
    if not words:
        return False
    heads, adjs, tails = _ar_product_context_words()
    if words[-1] == _ETF_WORD or words[-1][1:] == _ETF_WORD:
        after = text[e:e + 40]
        return after.startswith(tails) or any(after[after.find(" ", 1):].startswith(t) for t in tails if " " in after[1:])
    while words and words[-1] in adjs:
        words.pop()
    return bool(words) and (words[-1] in heads or words[-1][1:] in heads)


def _ar_new_products(norm: Normalized, pats, pstarts: list[int], kb, free, add, nheads=()) -> None:
    """Products the knowledge base lacks, named by their owner's product noun («سيارتها الجديدة كويد»)
    or as an exchange-traded fund («صندوق فالكم المتداول»); each name is the same product wherever
    else the text writes it (before the organisation patterns read «صندوق X» as a fund body)."""
    text, raw = norm.text, norm.raw
    found = []
    dheads = _described_heads()
    for m in _matches(pats["owned_product"], text, pstarts) + _matches(pats["described_product"], text, [p for p, w in nheads if w in dheads]):
        s, e = norm.span_to_raw(*m.span("n"))
        entry = kb.lookup(raw[s:e])
        if entry is not None and entry.type != "PRODUCT":
            continue  # «سيارتها تويوتا»: the maker
        if free(s, e):
            add(Mention(s, e, "PRODUCT", entry.name if entry else raw[s:e], entry, "kb" if entry else "pattern"))
            found.append(m.group("n"))
    if _ETF_WORD in text:
        starts, i = [], text.find(_ETF_WORD)
        while i != -1:
            starts += [i - 1, i] if i else [i]
            i = text.find(_ETF_WORD, i + 1)
        for m in _matches(pats["etf"], text, starts):
            s, e = norm.span_to_raw(*m.span("n"))
            name = raw[s:e]
            if free(s, e):
                add(Mention(s, e, "PRODUCT", name, None, "pattern"))
                found.append(fold(name))
    for key in set(found):  # the same name elsewhere in the text
        if len(key) < 4:
            continue
        i = text.find(key)
        while i != -1:
            j = i + len(key)
            if (i == 0 or not text[i - 1].isalnum()) and (j >= len(text) or not text[j].isalnum()):
                s, e = norm.span_to_raw(i, j)
                if free(s, e):
                    entry = kb.lookup(raw[s:e])
                    add(Mention(s, e, "PRODUCT", entry.name if entry and entry.type == "PRODUCT" else raw[s:e],
                                entry if entry and entry.type == "PRODUCT" else None, "pattern"))
            i = text.find(key, j)


def _ar_models_after(norm: Normalized, pats, c: EntityCues, kb, out: list[Mention], free, add) -> None:
    """Models named after «طراز» («حاملتي مروحيات من طراز «ميسترال»», «مروحية من طراز ام آي-17»): the name is a
    product; a known organisation's name there is the model too («ميسترال» is no Mistral AI), unless it makes
    vehicles («طائرات من طراز بوينج»: the maker, an organisation)."""
    text, raw = norm.text, norm.raw
    i = text.find("طراز")
    while i != -1:
        if (i == 0 or not text[i - 1].isalnum() or text[i - 1] in "وبل" or text[max(0, i - 2):i] == "ال") \
                and (m := pats["model_after"].match(text, i)) is not None:
            s, e = norm.span_to_raw(*m.span("n"))
            name = raw[s:e].strip()
            entry = kb.lookup(name)
            if entry is None or entry.type == "PRODUCT":
                if free(s, e):
                    add(Mention(s, e, "PRODUCT", entry.name if entry else name, entry, "kb" if entry else "pattern"))
            elif entry.type == "ORG" and entry.category not in c.extra["model_maker_categories"]:
                for x in out:
                    if x.start == s and x.end == e and x.type == "ORG":
                        x.type, x.name, x.entry, x.source = "PRODUCT", name, None, "pattern"
        i = text.find("طراز", i + 4)


def _quoted_products(text: str, pat: re.Pattern):
    """The matches of the quoted-product pattern, tried only a few words before each opening quote."""
    q, last = text.find('"'), -1
    while q != -1:
        start = max(0, q - 30, last)
        m = None
        for w in _LETTER_AT_WORD_START.finditer(text, start, q):  # (the head starts at a word start within 30 characters of the quote)
            k = w.start()
            if text[k].isalpha():  # (the class also admits numerals that are no decimal digits)
                m = pat.match(text, k)
                if m is not None:
                    break
        if m is not None:
            last = m.end()
            yield m
            q = text.find('"', m.end())
        else:
            q = text.find('"', text.find('"', q + 1) + 1) if text.find('"', q + 1) != -1 else -1
    return


@lru_cache(maxsize=1)
def _work_title_before() -> re.Pattern:
    """A title noun of a work (entity_cues.yaml `quoted_title_nouns`: «فيلم», «برنامج», «كتاب») right
    before a position of the folded text, perhaps with the article, a clitic and an opening bracket."""
    nouns = cues("ar").extra["title_nouns"]
    return re.compile(rf"(?<!\w)[وبل]?(?:ال)?(?:{phrases.alternation(nouns)})\s*[\"«“(]?\s*\Z")


@lru_cache(maxsize=None)
def _folded_former(entry_id: str) -> frozenset[str]:
    return frozenset(fold(f) for f in knowledge_base().get(entry_id).data.get("former") or ())


def _former_name(entry: KBEntry, alias: str) -> str | None:
    """The entity's name when the text uses a former one («مؤسسة النقد», "Facebook"): an article
    of that time names it as it was then called (the English former name)."""
    former = entry.data.get("former")
    if not former or fold(alias) not in _folded_former(entry.id):
        return None
    if alias.isascii():
        return alias
    return next((f for f in former if f.isascii()), None)


@lru_cache(maxsize=1)
def _market_automaton():
    """Market short names of the knowledge base (folded) → entry; None when there are none."""
    a = ahocorasick.Automaton()
    for e in knowledge_base().entries:
        for name in e.data.get("market") or ():
            key = fold(name)
            if len(key) >= 3:
                a.add_word(key, (key, e))
    if len(a) == 0:
        return None
    a.make_automaton()
    return phrases.Automaton(a)  # (a DFA's pass over English text)


@lru_cache(maxsize=None)
def _market_context(lang: str) -> tuple[re.Pattern, re.Pattern, re.Pattern]:
    c = cues(lang)
    words = lambda ws: phrases.alternation(ws, fold)
    before = re.compile(rf"(?:(?<!\w)[وبل]?(?:{words(c.extra['market_before'])})\s*[\"«“]?|[\"«“])\s*\Z")
    # a percent figure («معادن 2.38%»), a ticker code in parentheses, or a market verb
    after = re.compile(rf"\s*[\"»”]?\s*(?:\(\s*\d{{4}}\s*\)|[-+]?\d+(?:[.,]\d+)?\s*(?:%|في الم)|%"
                       rf"|(?:{words(c.extra['market_after'])})(?!\w))")
    # (a comma, «و» or a joiner word between them: two names side by side are no list, «جمارك دبي العالمية»)
    # (the next name may open with a head word of its own: «والباحة، ومجموعة المعجل»)
    joiner = re.compile(rf"\s*[\"»”«“]?\s*(?:[،,]\s*(?:و\s*|(?:{words(c.extra['market_joiners'])})\s+)?|و\s*"
                        rf"|(?:{words(c.extra['market_joiners'])})\s+)"
                        rf"(?:(?:{words(c.extra['market_list_heads'])})\s+)?[\"«“]?\s*\Z")
    return before, after, joiner


@lru_cache(maxsize=None)
def _market_descr(lang: str) -> re.Pattern | None:
    """«شركة الاتصالات المتنقلة زين»: a company noun and a descriptive name of one or two words with the
    article right before a market short name (entity_cues ``market_descr_before``)."""
    ws = cues(lang).extra.get("market_descr_before")
    if not ws:
        return None
    return re.compile(rf"(?<!\w)[وبل]?(?:{phrases.alternation(ws, fold)})\s+(?:ال[^\s\d]+\s+){{1,2}}[\"«“]?\s*\Z")


@lru_cache(maxsize=1)
def _market_not_after() -> frozenset[str]:
    """Folded adjectives after which a market short name is a kind of companies (entity_cues ``market_not_after``)."""
    return frozenset(fold(w) for w in cues("ar").extra.get("market_not_after") or [])


_QUOTE_CLOSE = re.compile(r"\s*[\"»”]")


def _market_names(norm: Normalized, out: list[Mention], c: EntityCues, free, add, found=None) -> None:
    """Market short names («الراجحي», «العالمية», «معادن»): ordinary words or family names when
    bare, a listed company where the text is about shares: after «سهم»/«شركة» or an opening
    quote, before «بنسبة» or a figure, or in a list next to another company."""
    from marsad.extractors.gazetteer import _left_ok

    a = _market_automaton()
    if a is None or not c.extra.get("market_before"):
        return
    text, raw = norm.text, norm.raw
    n = len(text)
    hits, key_of = [], {}
    for end_idx, _, (key, entry) in (found if found is not None else ((x, 0, v) for x, v in a.iter(text))):
        e = end_idx + 1
        s = e - len(key)
        if (e < n and (text[e].isalnum() or text[e] == "_")) or _left_ok(text, s) is None:
            continue
        hits.append((s, e, entry))
        key_of[(s, e)] = key
    if not hits:
        return
    hits.sort(key=lambda h: (h[0], -(h[1] - h[0])))
    before, after, joiner = _market_context(c.lang)
    pending, last = [], -1
    for s, e, entry in hits:
        if s < last:
            continue
        last = e
        rs, re_ = norm.span_to_raw(s, e)
        if not free(rs, re_):
            continue
        name = _former_name(entry, key_of[(s, e)]) or entry.name
        if (nxt := _NEXT_WORD.match(text, e)) is not None and (nxt.group(1) in _market_not_after() or (
                (nat := _shared_names()[1].get(nxt.group(1)) or ((n2 := _NEXT_WORD.match(text, nxt.end())) is not None
                                                               and _shared_names()[1].get(n2.group(1))))
                and entry.data.get("country") and nat != entry.data.get("country"))):
            continue  # «شركات المصافي الآسيوية», «الكابلات الكهربائية المصرية»: a kind, or another country's company
        if (b := before.search(text, max(0, s - 25), s)) is not None \
                and (b.group(0).strip() not in ('"', "«", "“") or _QUOTE_CLOSE.match(text, e) is not None):
            # (a quote alone counts when it opens the name: «مجموعة «جوتاشيلد» المتطورة» closes one)
            add(Mention(rs, re_, "ORG", name, entry, "kb"))
        elif _adjective(text, s):
            continue  # «الأزمة العالمية 2008»: an adjective of the noun before it, not a name
        elif not text.startswith("ال", s) and (descr := _market_descr(c.lang)) is not None \
                and descr.search(text, max(0, s - 40), s) is not None \
                and ((rn := _NEXT_WORD.match(raw, re_)) is None or not rn.group(1).startswith("ال")):
            # «شركة الاتصالات المتنقلة زين»: the brand after its description (not «... زين العابدين», a person)
            add(Mention(rs, re_, "ORG", name, entry, "kb"))
        elif after.match(text, e):
            add(Mention(rs, re_, "ORG", name, entry, "kb"))
        else:
            pending.append((rs, re_, entry, name))
    # in a list with another company: «وسابك والخضري، ينساب، مجموعة الحكير والكيميائية»; a name
    # found joins the list, so a long list («وصدق، وأنابيب، ومسك، ومدينة المعرفة») is followed link
    # by link: forward in text order, then backward, until a pass finds nothing
    orgs = sorted((m.start, m.end) for m in out if m.type == "ORG")
    starts = [x[0] for x in orgs]
    for order in (1, -1, 1, -1):
        if not pending:
            break
        keep = []
        for rs, re_, entry, name in (pending if order == 1 else reversed(pending)):
            i = bisect.bisect_left(starts, rs)
            prev_ok = i > 0 and orgs[i - 1][1] <= rs and rs - orgs[i - 1][1] <= 12 \
                and joiner.match(fold(raw[orgs[i - 1][1]:rs])) is not None
            next_ok = i < len(orgs) and orgs[i][0] >= re_ and orgs[i][0] - re_ <= 12 \
                and joiner.match(fold(raw[re_:orgs[i][0]])) is not None
            if (prev_ok or next_ok) and free(rs, re_):
                add(Mention(rs, re_, "ORG", name, entry, "kb"))
                orgs.insert(i, (rs, re_))
                starts.insert(i, rs)
            else:
                keep.append((rs, re_, entry, name))
        if order == -1:
            keep.reverse()
        if len(keep) == len(pending) and order == -1:
            break
        pending = keep


def _adjective(text: str, s: int) -> bool:
    """Whether the article-prefixed word at ``s`` follows an article-prefixed word (folded text):
    then it agrees with that noun as its adjective («الأزمة العالمية»)."""
    if not text.startswith("ال", s):
        return False
    m = re.search(r"(\S+)\s+\Z", text[max(0, s - 30):s])
    # (the noun may carry a clitic before its article: «للشركة العالمية», «والشركة المتقدمة»;
    # a colon or comma after it ends the phrase: «الشركات الخاسرة: العربي للتأمين» opens a list)
    return m is not None and m.group(1)[-1].isalpha() \
        and m.group(1).startswith(("ال", "لل", "وال", "بال", "فال", "كال"))


def _norm_index(norm: Normalized, raw_pos: int) -> int:
    """Approximate normalised index of a raw offset (exact when nothing was deleted before it)."""
    if norm.is_identity():
        return min(max(raw_pos, 0), len(norm.text))  # (the search below, when offsets are the same)
    lo, hi = 0, len(norm.text)
    while lo < hi:
        mid = (lo + hi) // 2
        if norm.to_raw(mid) < raw_pos:
            lo = mid + 1
        else:
            hi = mid
    return lo


def _ticker_names(raw: str, lang: str, kb, c: EntityCues, free, add) -> None:
    """"Puma's ( PUMG.DE )": a listed company, known or not, and its later short forms
    ("Lehman Brothers Holdings Inc LEH.N ... Lehman said")."""
    found = list(tickers.find(raw, lang))
    if lang == "en":  # "Long Term Evolution (LTE)": the initials of a name with no organisation word are no ticker
        heads = set(c.extra["acronym_org_heads"]) | set(c.org_suffixes)
        found = [t for t in found if not ("".join(w[0] for w in t.name.split() if w[:1].isupper()) == t.ticker
                                          and not any(w in heads for w in t.name.split()))]
    forms_of = [tickers.short_forms(t.name, c.org_suffixes, c.name_stops, raw) for t in found]
    # one pass over the text for every short form (a scan per form is quadratic in a long text)
    where = _occurrences(raw, {f for forms in forms_of for f in forms})
    for t, forms in zip(found, forms_of):
        entry = kb.lookup(t.name)
        entry = entry if entry is not None and entry.type == "ORG" else None
        if not free(t.start, t.end):
            if entry is None:
                continue  # (a known alias found already: its short forms below)
        else:
            add(Mention(t.start, t.end, "ORG", entry.name if entry else t.name, entry, "ticker"))
        name = entry.name if entry else t.name
        for form in forms:
            if entry is not None:
                # a known company introduced with its ticker ("Simon Property Group Inc. ( SPG.N )"):
                # its later short forms ("Simon shares closed up") are it too, unless a form is
                # another entry's name or a place ("Dubai" of Dubai World, "Tokyo" of Tokyo Electric)
                other = kb.lookup(form)
                if other is not None and other is not entry or form in names.data("en").places:
                    continue
            n, last = len(form), -1
            for s in where.get(form, ()):
                e = s + n
                if s < t.end or s < last or not tickers.whole_word(raw, s, e):
                    continue
                last = e
                if _CODE_NEXT.match(raw, e) or entry is not None and _CAPITAL_NEXT.match(raw, e):
                    continue  # "JFE Steel Co" after "JFE Holdings Inc ( 5411.T )": part of a longer name;
                    # "( EMC.N )": a ticker
                if free(s, e):
                    add(Mention(s, e, "ORG", name, entry, "ticker"))


_CAPITAL_NEXT = re.compile(r"[ \t]+[A-Z]")
_CODE_NEXT = re.compile(r"[._:][A-Za-z0-9]")


def _short_names(raw: str, mentions: list[Mention], c: EntityCues, free, add) -> None:
    """"Palm Inc" found by pattern: later "Palm" alone is the same company."""
    shorts = {}
    for m in mentions:
        if m.type == "ORG" and m.entry is None and m.source == "pattern":
            words = m.name.split()
            if len(words) >= 2 and words[-1] in c.org_suffixes:
                short = " ".join(words[:-1])
                if len(short) >= 3 and short.split()[0] not in c.name_stops:
                    shorts.setdefault(short, m.name)
    owners = set()
    for m in mentions:  # "agreed to buy Avio": later "Avio's revenue" too (possessives only; issue 9, h9ent15)
        if m.type == "ORG" and m.entry is None and m.source == "pattern" and " " not in m.name and len(m.name) >= 4 \
                and raw[m.start:m.end] == m.name and m.name[0].isupper() and m.name[1:].islower() and m.name not in shorts \
                and m.name not in c.name_stops and m.name not in names.data("en").places and m.name.lower() not in _en_given_names():
            owners.add(m.name)
            shorts[m.name] = m.name
    linked = _kb_short_names(raw, mentions, c)  # "Palm Inc" in the knowledge base: later "Palm shares"
    if not shorts and not linked:
        return
    # one pass over the text for every short name (not one regex, and one scan, per name)
    found = _occurrences(raw, shorts.keys() | linked.keys())
    for short, entry in linked.items():
        last = 0
        for s in found.get(short, ()):
            e = s + len(short)
            if s < last or not _whole_word(raw, s, e):
                continue
            last = e
            if _CAPITALISED_BEFORE.search(raw, max(0, s - 30), s):
                continue  # "Chicago Tribune": the end of another name
            if free(s, e):
                add(Mention(s, e, "ORG", entry.name, entry, "kb"))
    for short, name in shorts.items():
        last = 0
        for s in found.get(short, ()):
            e = s + len(short)
            if s < last or not _whole_word(raw, s, e):
                continue
            if short in owners and raw[e:e + 2] not in ("'s", "’s"):
                continue
            last = e
            if free(s, e):
                add(Mention(s, e, "ORG", name, None, "pattern"))


_CAPITALISED_BEFORE = re.compile(r"[A-Z][\w&.'-]*[ \t]+\Z")


def _kb_short_names(raw: str, mentions: list[Mention], c: EntityCues) -> dict[str, KBEntry]:
    """{short form: entry} for each knowledge-base company the text names with a legal form or a
    group word ("Palm Inc", "Borders Group Inc", "Dow Jones & Co"): the name without them is the same
    company later in this text ("Borders shed 2.2 percent"). Not when the short form names another
    entry of the knowledge base, or is a place, a given name or a word that starts sentences."""
    tails = c.extra["legal_forms"] | c.extra["short_name_tails"]
    kb = knowledge_base()
    out: dict[str, KBEntry] = {}
    for m in mentions:
        if m.type != "ORG" or m.entry is None or m.source != "kb":
            continue
        words = raw[m.start:m.end].split()
        cut = len(words)
        while cut >= 2 and (words[cut - 1] in tails or words[cut - 1] == "&"):
            cut -= 1
        if cut == len(words) or cut == 0:
            continue
        short = " ".join(words[:cut])
        if len(short) < 3 or not short[0].isupper() or short in out or words[0] in c.name_stops:
            continue
        if not any(fold(a).startswith(fold(short) + " ") for a in m.entry.all_aliases()):
            continue  # "Domino's Pizza Inc": "Pizza" does not open any of its names
        other = kb.lookup(short)  # case-insensitive: "Palm" finds PaLM, which is no "Palm" as written
        if (other is not None and short in other.all_aliases()) or short in names.data("en").places or short.lower() in _en_given_names() \
                or short in c.extra["short_name_stops"]:
            continue
        out[short] = m.entry
    return out


def _whole_word(raw: str, s: int, e: int) -> bool:
    """Is raw[s:e] a whole word: no letter, digit, "_" or "&" right before or after it?"""
    return not ((s > 0 and _is_word_or_amp(raw[s - 1])) or (e < len(raw) and _is_word_or_amp(raw[e])))


def _sports_words(text: str, hits, pattern: re.Pattern) -> set[str]:
    """The sports cue words (``sports_cues``, folded) ``pattern`` finds in ``text``, each once: ``{m.group(0)
    for m in pattern.finditer(text)}``. Where every cue is one word, those are the cue words the
    document's automaton pass found (``hits["sport"]``) standing as whole words: no second pass of
    the cues' regex over the text (about 3% of an Arabic article's time)."""
    if hits is None or not _sports_cues_one_word():
        return {m.group(0) for m in pattern.finditer(text)}
    n = len(text)
    return {text[end - k + 1:end + 1] for end, k, _ in hits["sport"]
            if (end - k < 0 or not _is_word(text[end - k])) and (end + 1 >= n or not _is_word(text[end + 1]))}


@lru_cache(maxsize=1)
def _sports_cues_one_word() -> bool:
    """Whether every Arabic sports cue (folded) is one word of ``\\w`` characters: then a whole-word match
    of their alternation is exactly a cue standing between non-word characters."""
    words = [fold(x) for x in cues("ar").extra["sports_cues"]]
    return all(all(_is_word(ch) for ch in w) for w in words if w)


def _is_word(ch: str) -> bool:
    """``re``'s ``\\w`` for one character."""
    return ch.isalnum() or ch == "_"


def _is_word_or_amp(ch: str) -> bool:
    return ch == "&" or ch.isalnum() or ch == "_"


_FIND_KEYS = 8  # ``_occurrences`` finds this many keys or fewer one by one


def _occurrences(text: str, keys) -> dict[str, list[int]]:
    """Start offsets of every (possibly overlapping) occurrence of each key (ascending).

    Many keys: one automaton pass, built from this document's names: linear in their length,
    and the text is scanned once whatever their number. Up to ``_FIND_KEYS`` keys (the usual case: a
    name or two) each is found with ``str.find`` instead (a bounded number of scans, cheaper
    than building an automaton); the same offsets (``_occurrences_by_automaton`` for any number).
    """
    if len(keys) > _FIND_KEYS:
        return _occurrences_by_automaton(text, keys)
    found: dict[str, list[int]] = {}
    for k in keys:
        if k and (i := text.find(k)) >= 0:
            at = found[k] = []
            while i >= 0:
                at.append(i)
                i = text.find(k, i + 1)
    return found


def _occurrences_by_automaton(text: str, keys) -> dict[str, list[int]]:
    """``_occurrences`` with one automaton pass for all the keys."""
    a = ahocorasick.Automaton()
    for k in keys:
        if k:
            a.add_word(k, k)
    if len(a) == 0:
        return {}
    a.make_automaton()
    out: dict[str, list[int]] = {}
    for end, k in a.iter(text):
        out.setdefault(k, []).append(end - len(k) + 1)
    return out


def _en_person_starts(text: str, lang: str) -> list[tuple[int, bool]]:
    """Every offset where the English person pattern could match, ascending, each with
    whether a title or speech verb starts there (else only a name can: only where
    ``person_name_first`` does match, found in one regex pass)."""
    starts = dict.fromkeys((m.start() for m in _name_first_at(lang).finditer(text)), False)
    a = _person_trigger_automaton(lang)
    if a is not None:
        for end, n in a.iter(text.lower() if text.isascii() else text.translate(_CASE_FOLD)):  # the same for ASCII
            starts[end - n + 1] = True
    return sorted(starts.items())


@lru_cache(maxsize=None)
def _name_first_at(lang: str) -> re.Pattern:
    """Matches the capital letter at each offset where ``person_name_first`` matches. Written as
    a capital letter first, with the test in a look-behind, so that the regex engine skips ahead
    to capital letters (every match of the name pattern starts with one); the matches' starts
    are where ``_people`` must try it, without one call per capitalised word."""
    return re.compile(rf"[A-Z](?<=(?={_patterns(lang)['person_name_first'].pattern})[A-Z])")


def _appos_title_starts(text: str, lang: str, found=None) -> list[int]:
    """Where ``(?:[،,-–]\\s*|\\s)(?:ال)?<title head>`` matches (the separator's offset),
    found from the title heads (one automaton pass) instead of trying every space."""
    if found is None:
        a = _title_automaton(lang)
        found = [] if a is None else [(end, k, None) for end, k in a.iter(text)]
    n, out = len(text), []
    for end, k, _ in found:
        s, e = end - k + 1, end + 1
        if s == 0 or (e < n and _is_word(text[e])):
            continue
        j = s
        while j > 0 and text[j - 1].isspace():
            j -= 1
        if lang == "ar" and text[max(0, j - 3):j] in ("وهو", "وهي") and j > 3 and text[j - 4].isspace():
            j -= 3  # «سام ديدريتش، وهو مدير محفظة»: «وهو» opens the apposition
            while j > 0 and text[j - 1].isspace():
                j -= 1
            if not (j > 0 and text[j - 1] in "،,"):
                continue
        if j > 0 and text[j - 1] in "،,-–":
            out.append(j - 1)
        elif text[s - 1].isspace():
            out.append(s - 1)
    return sorted(set(out))


@lru_cache(maxsize=1)
def _ar_automaton():
    """One automaton for the Arabic word cues looked for in every document (folded): person
    triggers (titles, speech verbs), title heads (a name may stand before one), foreign given
    names and market short names; each key's value lists (kind, length, payload)."""
    c = cues("ar")
    table: dict[str, list] = {}
    def put(word: str, kind: str, payload=None) -> None:
        if word:
            table.setdefault(word, []).append((kind, len(word), payload))
    for w in {fold(x) for x in c.extra["title_heads"] + c.extra["plural_title_heads"] + c.speech_verbs}:
        put(w, "trig")
    heads = {fold(x) for x in c.extra["title_heads"] if fold(x).strip()}
    adjectival = {fold(x) for x in c.extra["adjective_title_heads"]}  # «الكبيرة» is an adjective
    for w in heads | {"ال" + w for w in heads if not w.startswith("ال") and w not in adjectival}:
        put(w, "title")
    for w in names.data("ar").foreign:
        put(w, "foreign")
    for w in names.cue_free_names():
        put(w, "cuefree")
    heads = {fold(x).split(" ")[0] for x in c.org_heads + c.extra["stock_heads"] if fold(x).strip()}
    for w in heads:
        put(w, "head")  # where the organisation patterns may start (_head_starts)
    for w in {fold(x).split(" ")[0] for x in c.extra["quoted_org_heads"] + c.extra["quoted_phrase_heads"]
              if fold(x).strip()} - heads:
        put(w, "qhead")  # where only the quoted-name patterns may start
    for w in {fold(x).split(" ")[0] for x in c.product_heads if fold(x).strip()}:
        put(w, "phead")  # where «محرك البحث بنج» may start (a product head)
    for w in {fold(x).split(" ")[0] for x in c.extra["described_product_heads"] + c.extra["bank_heads"]
              + c.extra["paren_org_heads"] + c.extra["initialism_org_heads"] if fold(x).strip()}:
        put(w, "nhead")  # where the described products, banks, parenthesised names and initialisms may start
    for w in {fold(x) for x in c.extra["sports_cues"] if fold(x).strip()}:
        put(w, "sport")
    for w in {fold(x) for x in c.extra["institution_heads"] if fold(x).strip()}:
        put(w, "inst")
    for w in {fold(x) for x in c.extra["club_before"] if fold(x).strip()}:
        put(w, "club")
    heads, adjs = _ar_authority_words()[:2]
    for h in heads:  # «الهيئة العامة», «للهيئة العامة» (the name then starts at the article's ل)
        for a in adjs:
            put(f"{h} {a}", "auth", False)
            put(f"ل{h[1:]} {a}", "auth", True)
    for w in {fold(x).split(" ")[0] for x in c.extra["club_context_before"] if fold(x).strip()}:
        put(w, "clubctx")
    for w in _ar_sector_heads():
        put(w, "sector")  # is any sector head in the text (_ar_sector_names)
    for e in knowledge_base().entries:
        for name in e.data.get("market") or ():
            key = fold(name)
            if len(key) >= 3:
                put(key, "market", (key, e))
    a = ahocorasick.Automaton()
    for key, values in table.items():
        a.add_word(key, values)
    a.make_automaton()
    return a


def _ar_scan(text: str) -> dict[str, list[tuple[int, int, object]]]:
    """(end index, length, payload) of every cue word in ``text``, by kind, in one pass."""
    out: dict[str, list] = {"trig": [], "title": [], "foreign": [], "cuefree": [], "market": [], "head": [], "nhead": [],
                            "qhead": [], "phead": [], "sport": [], "club": [], "clubctx": [], "inst": [], "sector": [], "auth": []}
    for end, values in wordscan.hits(text, "ar", "entity_cues"):
        for kind, k, payload in values:
            out[kind].append((end, k, payload))
    return out


@lru_cache(maxsize=None)
def _title_automaton(lang: str):
    words = {fold(w) for w in cues(lang).extra["title_heads"] if fold(w).strip()}
    adjectival = {fold(x) for x in cues(lang).extra["adjective_title_heads"]}
    return phrases.word_automaton(words | {"ال" + w for w in words if not w.startswith("ال") and w not in adjectival})


def _matches(pattern: re.Pattern, text: str, starts: list[int]) -> list[re.Match]:
    """What ``pattern.finditer(text)`` finds, given every offset where a match can start."""
    out, last = [], 0
    for p in starts:
        if p >= last and (m := pattern.match(text, p)):
            out.append(m)
            last = m.end()
    return out


@lru_cache(maxsize=None)
def _coref_described(lang: str) -> tuple[re.Pattern, ...]:
    """The language's patterns of a company described by its home town (entity_cues
    ``coref_described``): each names the story's company, as "the company" does."""
    return tuple(re.compile(p) for p in cues(lang).extra.get("coref_described") or ())


def _first_word_matches(pattern: re.Pattern, text: str, lang: str, which: str) -> list[re.Match]:
    """What ``pattern.finditer(text)`` finds, for a pattern each of whose matches starts with the
    first word of one of its phrases (or, for ``coref``, one clitic letter before it): the
    pattern is tried only where such a word occurs (one automaton pass), not at every offset."""
    a, clitic = _first_word_automaton(lang, which)
    if a is None:
        return list(pattern.finditer(text))
    starts = set()
    for end, k in a.iter(text):
        s = end - k + 1
        starts.add(s)
        if clitic and s:
            starts.add(s - 1)
    return _matches(pattern, text, sorted(starts))


@lru_cache(maxsize=None)
def _first_word_automaton(lang: str, which: str):
    """(automaton of the first words of the phrases ``_patterns(lang)[which]`` starts with, whether
    a clitic letter may come first); no automaton when a phrase list is empty (then an empty
    alternative could match anywhere and the pattern is run as is)."""
    c = cues(lang)
    if which == "org_intro":
        lists, clitic = [c.extra["org_intro"], c.extra["org_intro_nouns"]], False
    else:  # coref: folded phrases, \s+ between words, after an optional clitic
        lists, clitic = [[fold(w) for w in c.coref]], True
    if any(not [w for w in ws if w] for ws in lists) or any(w != w.strip() for ws in lists for w in ws):
        return None, clitic
    firsts = {w.split()[0] for ws in lists for w in ws if w.split()}
    if any(not w[:1].isalnum() for w in firsts):
        return None, clitic
    return phrases.word_automaton(firsts), clitic


def _head_starts(text: str, lang: str, found=None) -> list[int]:
    """Offsets where an organisation or stock head word starts, or the clitic glued before it."""
    if found is None:
        a = _head_automaton(lang)
        if a is None:
            return []
        found = [(end, n, None) for end, n in a.iter(text)]
    starts = set()
    for end, n, _ in found:
        s = end - n + 1
        starts.add(s)
        if s:
            starts.add(s - 1)  # "وشركة", "بسهم": the pattern may start at the clitic
    return sorted(starts)


@lru_cache(maxsize=None)
def _head_automaton(lang: str):
    """First words (folded) of the head nouns the Arabic organisation patterns start with."""
    c = cues(lang)
    words = {fold(w).split(" ")[0] for w in c.org_heads + c.extra["stock_heads"] if fold(w).strip()}
    words.discard("")
    return phrases.word_automaton(words)


@lru_cache(maxsize=None)
def _person_trigger_automaton(lang: str):
    """Titles and speech verbs (case folded) that start the person pattern's alternatives."""
    c = cues(lang)
    return phrases.word_automaton({w.translate(_CASE_FOLD) for w in c.person_titles + c.extra["person_intro_verbs"]
                                   + c.extra["person_titles_capitalised"] if w})




def _surnames(norm: Normalized, mentions: list[Mention], free, add) -> None:
    """A person's last name alone ("وو"، "Huang") refers to the person already named."""
    people = {}
    for m in mentions:
        if m.type != "PERSON":
            continue
        forms = [m.name] + (m.entry.all_aliases() if m.entry else []) + [norm.raw[m.start:m.end]]
        for f in forms:
            parts = f.replace("-", " ").split()
            if len(parts) >= 2 and len(parts[-1]) >= 2:
                people.setdefault(fold(parts[-1]), m)
    if not people:
        return
    text = norm.text
    n = len(text)
    # What ``(?<!\w)[وبلف]?(name|...)(?!\w)`` (longest name first) finds, from one automaton pass:
    # at each offset, the longest name that ends at a word boundary.
    best: dict[int, int] = {}
    for key, starts in _occurrences(text, people).items():
        k = len(key)
        for s in starts:
            if (s + k >= n or not _is_word(text[s + k])) and best.get(s, 0) < k:
                best[s] = k
    candidates = set(best)
    candidates.update(s - 1 for s in best if s > 0 and text[s - 1] in _SURNAME_CLITICS)
    last = 0
    for p in sorted(candidates):
        if p < last or (p > 0 and _is_word(text[p - 1])):
            continue
        if text[p] in _SURNAME_CLITICS and p + 1 in best:
            gs = p + 1
        elif p in best:
            gs = p
        else:
            continue
        ge = gs + best[gs]
        last = ge
        s, e = norm.span_to_raw(gs, ge)
        who = people[text[gs:ge]]
        if free(s, e) and norm.raw[s:e][:1].isupper() == who.name[:1].isupper() \
                and not (norm.raw[e:e + 1] == "." and norm.raw[s:e].isupper() and norm.raw[e + 1:e + 2].isupper()):
            add(Mention(s, e, "PERSON", who.name, who.entry, "surname"))  # (not "DELL.O", a wire code)


_SURNAME_CLITICS = frozenset("وبلف")


# "Deutsche Bank's Chris Whitmore", "filed by Paul Ceglia,", "Sonny Dickson, who lives": a name
# that starts with a listed given name, after a possessive or "by", or before ", who" / ", a"
# (found from the cue: the cues start with literals that re skips ahead to, the name is matched
# right after, or found right before ", who" in a short window)
# (one pattern per cue: each starts with a literal, which re finds fast; an alternation of them
# would be tried at every offset)
_GIVEN_NAME_CUES = (re.compile(r"'s[ \t]+"), re.compile(r"’s[ \t]+"), re.compile(r"by[ \t]+"),
                    re.compile(r",[ \t]+(?:who|an?)[ \t]"))


def _word_starts_before(raw: str, p: int, n: int) -> list[int]:
    """Start offsets of the ``n`` words before offset ``p``, farthest first."""
    out, k = [], p
    while len(out) < n and k > 0:
        sp = max(raw.rfind(" ", 0, k - 1), raw.rfind("\n", 0, k - 1), raw.rfind("\t", 0, k - 1))
        out.append(sp + 1)
        if sp < 0:
            break
        k = sp
        while k > 0 and raw[k - 1] in " \t\n":
            k -= 1
    return out[::-1]


_CREDIT = re.compile(r"(?i:reporting|editing|writing|compiled|edited|written|graphics)[ \t]+by\b[^()]*\Z")


_NOUN_THEN_SPACE = re.compile(r"[\w\-]+[ \t]+")


def _given_name_people(raw: str, mentions: list[Mention], c: EntityCues, kb, free, add) -> None:
    given = _en_given_names()
    cues_found = [m for p in _GIVEN_NAME_CUES for m in p.finditer(raw)]
    # "financier Carl Icahn ended", "inventor George Eastman's": a name after a noun of a person's
    # occupation (entity_cues `person_nouns`, found by the literal automaton; lower case only)
    cues_found += [m for p in _word_starts(raw, c.lang, "person_nouns")
                   if raw[p:p + 1].islower() and (m := _NOUN_THEN_SPACE.match(raw, p)) is not None]
    for cue in sorted(cues_found, key=lambda m: m.start()):
        if cue.group(0)[0] == ",":
            p = cue.start()
            w = raw.rfind(" ", max(0, p - 30), p)  # cheap test first: the word before is capitalised
            if w < 0 or not raw[w + 1:w + 2].isupper():
                continue
            m = None  # the name ending at the comma: tried from each of the four words before it
            for st in _word_starts_before(raw, p, 4):
                m = _EN_PERSON_AT.match(raw, st, p)
                if m is not None and m.end() == p and (st == 0 or not (raw[st - 1].isalnum() or raw[st - 1] in ".'’")):
                    break
                m = None
        else:
            if not raw[cue.end():cue.end() + 1].isupper() or (cue.group(0)[0] == "b" and cue.start()
                                                                 and _is_word(raw[cue.start() - 1])):
                continue  # "by" inside a word ("Abby Smith")
            m = _EN_PERSON_AT.match(raw, cue.end())
        if m is None:
            continue
        s, e = m.span()
        if raw[e - 2:e] in ("'s", "’s"):
            e -= 2  # "inventor George Eastman's": the possessive is no part of the name
        words = raw[s:e].split()
        if words[0].lower() not in given or words[0] in c.name_stops or any(w in c.org_suffixes or w in c.extra["org_words"] for w in words) \
                or not free(s, e) or (s and raw[s - 1] in ".-") or _CREDIT.search(raw, max(0, s - 40), s):
            continue  # "(Reporting by Jim Finkle; Editing by ...)": a credit line, not the story's people
        entry = kb.lookup(raw[s:e])
        if entry is None or entry.type == "PERSON":
            add(Mention(s, e, "PERSON", entry.name if entry else " ".join(words), entry, "pattern"))


@lru_cache(maxsize=None)
def _company_context(lang: str) -> tuple[re.Pattern, re.Pattern]:
    c = cues(lang)
    words = phrases.alternation
    nouns = words(c.extra["product_company_nouns"])
    before = re.compile(rf"(?<!\w)(?:{words(c.extra['product_company_verbs'])}|{nouns})[ \t]+\Z")
    after = re.compile(rf",[ \t]+(?:a|an)[ \t]+(?:[\w\-]+[ \t]+){{0,3}}(?:{nouns})(?!\w)")
    return before, after


def _products_as_companies(raw: str, mentions: list[Mention], c: EntityCues) -> None:
    """"to buy Hulu", "chat company Skype", "Skype, a provider of ...": a product that is
    also the name of the company selling it is that company where the text treats it as one."""
    before, after = _company_context(c.lang)
    heads = _short_product_context(c.lang)[1]  # "buying Xeon chips": the product
    ids = {m.entry.id for m in mentions if m.type == "PRODUCT" and m.entry is not None and m.source == "kb"
           and " " not in m.name and not heads.match(raw, m.end)
           and (before.search(raw, max(0, m.start - 30), m.start) or after.match(raw, m.end))}
    for m in mentions:
        if m.type == "PRODUCT" and m.entry is not None and m.entry.id in ids:
            m.type, m.entry, m.source = "ORG", None, "pattern"


@lru_cache(maxsize=1)
def _short_product_table() -> dict[str, dict[str, KBEntry]]:
    """{maker id: {short name: product}}: "Streak" for "Dell Streak", "Accord" for "Honda Accord",
    one capitalised word that is not itself a name of the knowledge base (nor of two products)."""
    kb = knowledge_base()
    table: dict[str, dict[str, KBEntry | None]] = {}
    brands: dict[str, list[KBEntry]] = {}  # {maker id: its units}
    for o in kb.entries:
        if o.type == "ORG" and o.data.get("parent"):
            brands.setdefault(o.data["parent"], []).append(o)
    for e in kb.entries:
        maker = kb.org_of(e) if e.type == "PRODUCT" else None
        if maker is None:
            continue
        makers = sorted(maker.all_aliases(), key=len, reverse=True)
        makers.append(maker.name.split()[0])  # "Ford Escape" of Ford Motor ("Ford" alone is no alias: a surname)
        # "Chevrolet Volt" of General Motors: a brand that is a unit of the maker opens the name too ("GM's Volt")
        makers += sorted((a for b in brands.get(maker.id, ()) for a in b.all_aliases()), key=len, reverse=True)
        for a in [e.name] + list(e.aliases.get("en") or []):
            m = next((x for x in makers if a.startswith(x + " ")), None)
            rest = a[len(m) + 1:] if m else ""
            if re.fullmatch(r"[A-Z][a-z]{2,}", rest) and kb.lookup(rest) is None:
                shorts = table.setdefault(maker.id, {})
                shorts[rest] = e if shorts.get(rest, e) is e else None  # two products: neither
    return {k: {s: e for s, e in v.items() if e is not None} for k, v in table.items()}


@lru_cache(maxsize=1)
def _short_product_automaton():
    """Every short product name (case as written) → (the name, {maker id: product})."""
    by_short: dict[str, dict[str, KBEntry]] = {}
    for maker, shorts in _short_product_table().items():
        for short, entry in shorts.items():
            by_short.setdefault(short, {})[maker] = entry
    a = ahocorasick.Automaton()
    for short, by_maker in by_short.items():
        a.add_word(short, (short, by_maker))
    if len(a):
        a.make_automaton()
    return phrases.Automaton(a)  # (a DFA's pass over English text)


@lru_cache(maxsize=None)
def _short_product_context(lang: str) -> tuple[re.Pattern, re.Pattern]:
    c = cues(lang)
    words = phrases.alternation
    # ... or a possessive, perhaps with the wire's ticker after it ("Microsoft's ( MSFT.O ) Vista")
    before = re.compile(rf"(?:(?<!\w)(?:{words(c.extra['short_product_before'])})|['’]s|['’]s?[ \t]*\([ \t]*[\w.]{{1,12}}[ \t]*\))[ \t]+\Z")
    after = re.compile(rf"[ \t]+(?:{words(c.product_heads + c.extra['short_product_after'] + c.extra['short_name_after'])})(?!\w)")
    return before, after


def _product_short_names(raw: str, mentions: list[Mention], c: EntityCues, free, add) -> None:
    """A product called by its name without its maker's ("the Streak", "Palm's new Pre", "the Kin
    phone", "Photoshop, InDesign, Flash and Dreamweaver"), where the maker is named in the document."""
    table = _short_product_table()
    # the makers in the order the document first names them: with two makers of one short name
    # ("Maps": Apple's and Google's) the one named first wins, the same in every process
    makers = list(dict.fromkeys(m.entry.id for m in sorted(mentions, key=lambda m: (m.start, m.end))
                                if m.type == "ORG" and m.entry is not None and m.entry.id in table))
    if not makers:
        return
    before, after = _short_product_context(c.lang)
    products = sorted((m.start, m.end) for m in mentions if m.type == "PRODUCT")
    shorts = {}
    for end, (short, by_maker) in _short_product_automaton().iter(raw):  # one pass for every short name
        entry = next((by_maker[mk] for mk in makers if mk in by_maker), None)
        if entry is not None:
            shorts.setdefault(short, (entry, []))[1].append(end - len(short) + 1)
    found = sorted((s, short, entry) for short, (entry, starts) in shorts.items() for s in starts)
    # in text order and then backwards: a short name in a list next to one found ("such as Outlook, Word and
    # Excel") is found too, the chain in either direction (issue 9, h9prod)
    for s, short, entry in found + found[::-1]:
        e = s + len(short)
        if (s and _is_word(raw[s - 1])) or (e < len(raw) and (_is_word(raw[e]) or raw[e:e + 2].rstrip(".").startswith(".")
                                                             and _is_word(raw[e + 1:e + 2]))) or not free(s, e):
            continue  # inside a word, or a web address ("Database.com")
        i = bisect.bisect_left(products, (s, s))
        near = products[max(0, i - 2):i + 2]
        listed = any((0 < s - b <= 7 and _LIST_GAP.match(raw[b:s])) or (0 < a - e <= 7 and _LIST_GAP.match(raw[e:a]))
                     for a, b in near)
        prev = _PREV_WORD.search(raw, max(0, s - 40), s)
        if prev is not None and prev.group(1)[:1].isupper() and not before.search(raw, max(0, s - 30), s):
            continue  # "Adobe Reader", "Yahoo's Search sales": the last word of a longer name (issue 9, h9prod)
        if not listed and _SENTENCE_START.search(raw, max(0, s - 4), s) is not None:
            continue  # "Video game developer Activision ...": an ordinary word that opens a sentence
        v = _VERSION.match(raw, e)  # "its Galaxy S5 smartphone": the version is part of the name
        ve = v.end() if v is not None and free(s, v.end()) else e
        if ve == e and raw[e:e + 1] == " " and raw[e + 1:e + 2].isupper() and not listed:
            # "Samsung's Music Hub", "Microsoft's Exchange ActiveSync": the first word of a longer name,
            # another product named as written (issue 9, h9ent15)
            x = _CAPS_TAIL.match(raw, e)
            words = x.group(0).split() if x is not None else []
            if not words or any(w in c.name_stops or w in c.org_suffixes or w in c.extra["legal_forms"]
                                or w in c.extra["device_not_names"] for w in words):
                continue  # (and "the Safari Web browser": a technology's word, no name)
            if (before.search(raw, max(0, s - 30), s) or after.match(raw, x.end())) and free(s, x.end()) \
                    and not raw[x.end():x.end() + 2].lstrip(" ")[:1].isupper():  # (not part of "the Video Privacy Protection Act")
                add(Mention(s, x.end(), "PRODUCT", raw[s:x.end()], None, "pattern"))
            continue
        if listed or before.search(raw, max(0, s - 30), s) or after.match(raw, e) or after.match(raw, ve):
            # named as written, like other products ("the Streak" is the Streak; linked to Dell Streak)
            add(Mention(s, ve, "PRODUCT", raw[s:ve] if ve > e else short, entry, "kb"))
            bisect.insort(products, (s, ve))


@lru_cache(maxsize=None)
def _org_head_before() -> re.Pattern:
    """An organisation head word of either language (entity_cues.yaml `org_heads`) right before a
    name, perhaps with a clitic and an opening quote: «مجموعة «أودبريشت»», «لشركة أودبريشت»."""
    heads = sorted({fold(h) for lang in ("ar", "en") for h in cues(lang).org_heads}, key=len, reverse=True)
    alt = "|".join(re.escape(h) for h in heads) or "(?!)"
    return re.compile(rf"(?<!\w)[وبل]?(?:{alt})\s*[\"«“]?\s*\Z", re.IGNORECASE)


def _after_org_head(raw: str, s: int) -> bool:
    return _org_head_before().search(fold(raw[max(0, s - 20):s])) is not None


@lru_cache(maxsize=1)
def _ar_title_org_patterns() -> tuple[re.Pattern, re.Pattern]:
    """(a title and «ل» or «لشركة» right before an organisation, the one to three words of a name
    right after it up to a boundary), in folded text."""
    c = cues("ar")
    heads = trie(fold(w) for w in c.extra["title_heads"])
    org_words = trie(fold(w) for w in c.extra["appositive_org_heads"])
    before = re.compile(rf"(?<!\w)[وب]?{heads}(?:\s+ال[\u0621-\u064a]+){{0,2}}\s+ل(?:ـ)?(?:{org_words}\s+)?\"?\s*\Z")
    stops = trie(fold(w) for w in list(c.name_stops) + list(c.speech_verbs))
    after = re.compile(rf"\"?\s+(?P<n>(?!{stops}(?!\w))[\u0621-\u064a]{{2,}}(?:\s+(?!{stops}(?!\w))[\u0621-\u064a]{{2,}}){{1,2}}?)"
                       rf"(?=\s*[،,.؛:(\"]|\s+(?:ل\s*\"|ل\S*\"|{stops}(?!\w)))")
    return before, after


_AR_LAM_BEFORE = re.compile(r"(?:[لـ\"]|ل[\u0621-\u064a]{2,}\s+)\Z")


def _ar_title_org_person(norm: Normalized, mentions: list[Mention], free, add) -> None:
    """«الرئيس التنفيذي لشركة زين السعودية حسان قباني لـ"الوطن"»: after a title, its organisation
    and then a name that looks like a person's («حسان قباني») is that person."""
    before, after = _ar_title_org_patterns()
    text, raw = norm.text, norm.raw
    for m in [m for m in mentions if m.type == "ORG"]:
        if not _AR_LAM_BEFORE.search(raw, max(0, m.start - 16), m.start):
            continue  # (cheap: «ل» or an organisation noun right before the organisation)
        ns, ne = _norm_index(norm, m.start), _norm_index(norm, m.end)
        if not before.search(text, max(0, ns - 60), ns):
            continue
        x = after.match(text, ne)
        if x is None:
            continue
        s, e = norm.span_to_raw(*x.span("n"))
        if not free(s, e):
            continue
        span = names.arabic_person(raw, s, e, licensed=True)
        if span is None or not free(*span):
            continue
        entry = knowledge_base().lookup(raw[span[0]:span[1]])
        if entry is not None and entry.type != "PERSON":
            continue
        add(Mention(span[0], span[1], "PERSON", entry.name if entry else raw[span[0]:span[1]], entry, "pattern"))


_WORD_BEFORE_AR = re.compile(r"(?:^|(?<=[\s،,:\"«(]))([\u0621-\u064a]{2,})[ \t]+\Z")


def _ar_family_members(raw: str, mentions: list[Mention]) -> None:
    """«وابنته باربارا بيرلسكوني»: a known person named by the surname alone («برلسكوني» is Silvio
    Berlusconi) right after a given name that is not that person's is another member of the family,
    an unknown person with both words; likewise a one-word product or company name right after a
    foreign given name («ماركوس هوبر» is no Hopper chip)."""
    d = names.data("ar")
    taken = {m.end for m in mentions}
    for m in mentions:
        if m.entry is None or " " in raw[m.start:m.end].strip() or m.source == "kb_surname":
            continue
        if m.type != "PERSON":  # «ماركوس هوبر»: a one-word product or company name after a foreign given name
            w = _WORD_BEFORE_AR.search(raw, max(0, m.start - 30), m.start)
            if w is None or w.end(1) in taken or fold(w.group(1)) not in d.foreign:
                continue
            m.start, m.type, m.entry, m.source = w.start(1), "PERSON", None, "pattern"
            m.name = raw[m.start:m.end]
            continue
        w = _WORD_BEFORE_AR.search(raw, max(0, m.start - 30), m.start)
        if w is None or w.end(1) in taken:
            continue
        first = fold(w.group(1))
        first = first[1:] if first[:1] in "وب" and first not in d.given and (first[1:] in d.given or first[1:] in d.foreign) else first
        if first not in d.given and first not in d.foreign or first in d.not_name:
            continue
        if any(fold(a).split()[0] == first for a in m.entry.aliases.get("ar", []) if " " in a):
            continue  # the person's own given name («فلاديمير بوتين» is an alias)
        start = w.end(1) - len(first) if fold(w.group(1)) != first else w.start(1)
        m.start, m.entry, m.source = start, None, "pattern"
        m.name = raw[m.start:m.end]


_TICKER_AFTER = re.compile(r"[ \t]*\(?[ \t]*[A-Z0-9]{1,6}\.[A-Z]{1,2}\b|\.[A-Z]{1,2}\b")


def _surname_not_company(raw: str, mentions: list[Mention]) -> None:
    """"Michael Lehman ... Lehman also said": a one-word company name that is the surname of a
    person named in the document is that person, unless the company is also named in full."""
    people = {}
    for m in mentions:
        if m.type == "PERSON" and len(m.name.split()) >= 2:
            people.setdefault(m.name.split()[-1], m)
    if not people:
        return
    full = {m.entry.id for m in mentions if m.type == "ORG" and m.entry is not None
            and (" " in raw[m.start:m.end] or _TICKER_AFTER.match(raw, m.end))}  # ("Dell DELL.O, the ... maker")
    for m in mentions:
        # (a one-word name an introducing phrase made a company, "led by Icahn", likewise)
        if m.type == "ORG" and (m.entry.id not in full if m.entry is not None
                                else m.source == "pattern" and " " not in raw[m.start:m.end].strip()):
            who = people.get(raw[m.start:m.end])
            if who is not None and not _after_org_head(raw, m.start):  # «مجموعة أودبريشت» stays the company
                m.type, m.name, m.entry, m.source = "PERSON", who.name, who.entry, "surname"


def _company_not_person(raw: str, mentions: list[Mention]) -> None:
    """"Dow Jones & Co. Inc. reported ... Dow Jones said": a person-shaped name that is the part
    before "&" of a company named in the document is that company, not a person."""
    firms = {}
    for m in mentions:
        if m.type == "ORG" and "&" in raw[m.start:m.end]:
            head = raw[m.start:m.end].split("&")[0].strip()
            if " " in head:
                firms.setdefault(head, m)
    if not firms:
        return
    for m in mentions:
        if m.type == "PERSON" and m.entry is None and raw[m.start:m.end] in firms:
            org = firms[raw[m.start:m.end]]
            m.type, m.name, m.entry, m.source = "ORG", org.name, org.entry, "short"


def main_subject(mentions: list[Mention]) -> Mention | None:
    """The organisation the document is mostly about: frequent and early."""
    from marsad.kb import OBSERVER_CATEGORIES

    scores: dict[str, float] = {}
    first: dict[str, Mention] = {}
    for i, m in enumerate(mentions):
        if m.type != "ORG" or (m.entry and m.entry.category in OBSERVER_CATEGORIES
                               and not (m.entry.category == "broker" and i < 3)):
            continue  # sources are not the story's subject, unless a bank's story leads with it
        key = m.entry.id if m.entry else m.name
        scores[key] = scores.get(key, 0.0) + 1.0 + (2.0 if i < 3 else 0.0)
        first.setdefault(key, m)
    if not scores:
        return None
    # a company and its units (Amazon, AWS) form one family; the family must dominate the story
    family: dict[str, float] = {}
    fam_of = {}
    for key, m in first.items():
        parent = m.entry.data.get("parent") if m.entry else None
        fam_of[key] = parent if parent in scores else key
        family[fam_of[key]] = family.get(fam_of[key], 0.0) + scores[key]
    ranked = sorted(family, key=lambda k: -family[k])
    if len(ranked) > 1 and (family[ranked[0]] < 4.0 or family[ranked[0]] < 1.3 * family[ranked[1]]):
        return None
    members = [k for k in scores if fam_of[k] == ranked[0]]
    best = max(members, key=lambda k: (scores[k], -first[k].start))
    return first[best]


def group_mentions(mentions: list[Mention]) -> list[Entity]:
    """One Entity per linked KB id (or per unlinked name and type)."""
    ents: dict[tuple, Entity] = {}
    for m in mentions:
        specific = m.entry is not None and m.type == "PRODUCT" and fold(m.name) != fold(m.entry.name)
        key = (m.entry.id,) if m.entry and not specific else (m.type, fold(m.name))
        ent = ents.get(key)
        if ent is None:
            attrs = {}
            if m.entry is not None:
                for k in ("category", "country", "tickers", "role", "maker", "org", "parent"):
                    if m.entry.data.get(k):
                        attrs[k] = m.entry.data[k]
            if m.place:
                attrs["place"] = m.place
            ent = ents[key] = Entity(name=m.name, type=m.type, kb_id=m.entry.id if m.entry else None,
                                     extractor=EXTRACTOR, attrs=attrs)
        ent.mentions.append((m.start, m.end))
    return list(ents.values())
