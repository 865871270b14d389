"""Facts → what the article page shows: table rows, key points, readable numbers.

``facts_from_dict`` rebuilds model objects from the contract JSON (as the store
returns it), so stored and freshly extracted documents render through one path.
"""
from __future__ import annotations

from typing import Any

from marsad.i18n import NP_
from marsad.model import Entity, Event, Facts, KeyPoint, Quantity

KINDS = ["money", "percent", "percentage_point", "basis_point", "multiplier", "duration", "year",
         "fiscal_period", "count"]
ENTITY_TYPES = ["ORG", "PERSON", "PRODUCT", "PLACE"]


def is_arabic(s: Any) -> bool:
    return isinstance(s, str) and any("\u0600" <= c <= "\u06ff" for c in s)


def _missing(v: Any) -> bool:
    import jinja2

    return v is None or isinstance(v, jinja2.Undefined) or (isinstance(v, str) and not v)


def source_label(source: Any) -> str:
    """A document's source as the pages show it: a URL or agency name as is; a file path
    from the machine that ingested it reduced to the file name (no server paths on pages)."""
    if _missing(source):
        return ""
    s = str(source)
    if "://" in s or ("/" not in s and "\\" not in s):
        return s
    return s.replace("\\", "/").rstrip("/").rsplit("/", 1)[-1]


def fmt_num(v: Any, lang: str = "en", digits: str = "latn") -> str:
    from marsad.i18n import format_number

    return format_number(v, lang, digits)


def fmt_money(v: Any, unit: str | None = "USD", lang: str = "en", digits: str = "latn") -> str:
    from marsad.i18n import format_money

    return format_money(v, unit, lang, digits)


def fmt_stated(row: Any, lang: str = "en", digits: str = "latn") -> str:
    """An investment row's amount as the text states it: ``as_stated`` ('380000000000 CNY'),
    or ``value`` + ``currency``."""
    stated = row.get("as_stated") if hasattr(row, "get") else None
    if isinstance(stated, str) and stated:
        num, _, unit = stated.partition(" ")
        if not unit or (len(unit) == 3 and unit.isalpha() and unit.isupper()):  # '380000000000 CNY'
            try:
                return fmt_money(float(num), unit or None, lang, digits)
            except ValueError:
                pass
        # compact as the claims write it ('more than 380 bn CNY', '165 bn USD'): as is in English
        return stated if lang == "en" else localise_stated(stated, lang, digits)
    return fmt_money(row.get("value"), row.get("currency"), lang, digits) if hasattr(row, "get") else ""


_STATED = None
_SCALE = {None: 1.0, "mn": 1e6, "bn": 1e9, "tn": 1e12}


def localise_stated(stated: str, lang: str, digits: str = "latn") -> str:
    """A claim's compact as-stated amounts ('more than 380 bn CNY | 38 bn–42 bn USD', as
    ``marsad.claims`` writes them) in ``lang``: each figure re-read at its full value and
    written by ``fmt_money``, qualifiers named by the catalogue; a part it cannot read stays."""
    import re

    global _STATED
    if _STATED is None:
        _STATED = re.compile(r"^(?:(?P<q>[a-z][a-z ]*?) )?(?P<a>-?[\d,.]+)(?: (?P<sa>tn|bn|mn))?"
                             r"(?:–(?P<b>-?[\d,.]+)(?: (?P<sb>tn|bn|mn))?)? (?P<cur>[A-Z]{3})$")
    out = []
    for part in stated.split(" | "):
        m = _STATED.match(part.strip())
        if not m:
            out.append(part)
            continue
        try:
            a = float(m["a"].replace(",", "")) * _SCALE[m["sa"]]
            b = float(m["b"].replace(",", "")) * _SCALE[m["sb"]] if m["b"] else None
        except ValueError:
            out.append(part)
            continue
        text = fmt_money(a, m["cur"], lang, digits)
        if b is not None:
            text = f"{fmt_money(a, None, lang, digits)}–{fmt_money(b, m['cur'], lang, digits)}"
        if m["q"]:
            text = f"{label(m['q'].replace(' ', '_'), lang)} {text}"
        out.append(text)
    return " | ".join(out)


def fmt_pct(v: Any, lang: str = "en", digits: str = "latn") -> str:
    from marsad.i18n import format_percent

    return format_percent(v, lang, digits)


# Fact kinds, entity types and event types as the pages name them: the codes on English pages,
# the catalogue's words (context "fact") on others.
FACT_LABELS = {NP_("fact", "money"), NP_("fact", "percent"), NP_("fact", "percentage_point"),
               NP_("fact", "basis_point"), NP_("fact", "multiplier"), NP_("fact", "duration"),
               NP_("fact", "year"), NP_("fact", "fiscal_period"), NP_("fact", "count"),
               NP_("fact", "ORG"), NP_("fact", "PERSON"), NP_("fact", "PRODUCT"), NP_("fact", "PLACE"),
               NP_("fact", "investment"), NP_("fact", "forecast"), NP_("fact", "stock_move"),
               NP_("fact", "financial_metric"), NP_("fact", "product_launch"), NP_("fact", "acquisition"),
               NP_("fact", "supply_deal"), NP_("fact", "close"), NP_("fact", "intraday"), NP_("fact", "extreme"),
               NP_("fact", "extended"), NP_("fact", "unspecified"), NP_("fact", "week"),
               NP_("fact", "month"), NP_("fact", "year_to_date"), NP_("fact", "since_date"),
               NP_("fact", "years"), NP_("fact", "more_than"), NP_("fact", "less_than"),
               NP_("fact", "about"), NP_("fact", "at_least"), NP_("fact", "nearly"), NP_("fact", "up_to"),
               NP_("fact", "period"), NP_("fact", "analyst_view"), NP_("fact", "range_from"),
               NP_("fact", "range_to"),
               # metrics (lang/<lang>/event_cues.yaml)
               NP_("fact", "capex"), NP_("fact", "free_cash_flow"), NP_("fact", "revenue"), NP_("fact", "profit"),
               NP_("fact", "operating_income"), NP_("fact", "assets_under_management"), NP_("fact", "market_share"),
               NP_("fact", "charge"), NP_("fact", "backlog"), NP_("fact", "operating_loss"), NP_("fact", "market_cap"),
               NP_("fact", "valuation"), NP_("fact", "export_ban"), NP_("fact", "restriction"),
               NP_("fact", "guidance"), NP_("fact", "ban"), NP_("fact", "probe"), NP_("fact", "revenue_growth"),
               # a part of the business, not the company's total ("medical device sales")
               NP_("fact", "segment_revenue"), NP_("fact", "segment_revenue_growth"), NP_("fact", "segment_profit"),
               NP_("fact", "segment_operating_income")}


TOPIC_LABELS = {NP_("topic", "ai"), NP_("topic", "models"), NP_("topic", "chips"), NP_("topic", "cloud"),
                NP_("topic", "data_centres"), NP_("topic", "telecom"), NP_("topic", "energy"), NP_("topic", "all")}


def topic_label(code: Any, lang: str = "en") -> str:
    from marsad.i18n import translations

    return translations(lang).pgettext("topic", code) if code in TOPIC_LABELS else ("" if code is None else str(code))


def label(code: Any, lang: str = "en") -> str:
    """A fact kind, entity type or event type as a page in ``lang`` shows it."""
    from marsad.i18n import translations

    if not isinstance(code, str) or not code:
        return "" if code is None else str(code)
    return translations(lang).pgettext("fact", code) if code in FACT_LABELS else code


def _f(v: Any) -> Any:
    return float(v) if isinstance(v, int) and not isinstance(v, bool) else v


def facts_from_dict(d: dict[str, Any], text: str) -> Facts:
    """Model objects from a contract dict (missing or odd fields tolerated)."""
    f = Facts(doc_id=str(d.get("doc_id") or "doc"), lang=d.get("lang") or "en", text=text,
              extractors=dict(d.get("extractors") or {}))
    for q in d.get("quantities") or []:
        f.quantities.append(Quantity(q.get("kind", "?"), _f(q.get("value")), q.get("unit"),
                                     int(q.get("start", 0)), int(q.get("end", 0)), q.get("text", ""),
                                     q.get("qualifier"), _f(q.get("usd")), _f(q.get("value_max")),
                                     q.get("extractor", ""), q.get("fx")))
    for e in d.get("entities") or []:
        attrs = {k: v for k, v in e.items()
                 if k not in ("name", "type", "mentions", "kb_id", "extractor")}
        f.entities.append(Entity(e.get("name", "?"), e.get("type", "?"),
                                 [(int(s), int(t)) for s, t in e.get("mentions") or []],
                                 e.get("kb_id"), e.get("extractor", ""), attrs))
    for ev in d.get("events") or []:
        args = {k: _f(v) for k, v in (ev.get("args") or {}).items()}
        s, t = int(ev.get("start", 0)), int(ev.get("end", 0))
        f.events.append(Event(ev.get("type", "?"), s, t, args, ev.get("extractor", ""), text[s:t]))
    for k in d.get("key_points") or []:
        s, t = int(k.get("start", 0)), int(k.get("end", 0))
        f.key_points.append(KeyPoint(s, t, text[s:t], float(k.get("score", 0)),
                                     list(k.get("events") or []), list(k.get("quantities") or [])))
    return f


PART_CHARS = 50_000  # a stored document longer than this is shown in parts of about this size


def part_bounds(text: str, size: int = PART_CHARS) -> list[tuple[int, int]]:
    """[start, end) of each part: about ``size`` characters, cut after a line break or a space."""
    bounds, a, n = [], 0, len(text)
    while a < n:
        b = min(n, a + size)
        if b < n:
            cut = max(text.rfind("\n", a + size // 2, b), text.rfind(" ", a + size // 2, b))
            b = cut + 1 if cut > a else b
        bounds.append((a, b))
        a = b
    return bounds or [(0, 0)]


def document_part(facts: Facts, part: int, size: int = PART_CHARS) -> tuple[Facts, dict[str, Any] | None]:
    """The facts of one part of a long document, offsets into that part's text (facts that start
    in the part; spans cut at its end), and {part, parts, start, end}; short ones are returned
    whole with None. Rendering stays proportional to the part, not the document."""
    bounds = part_bounds(facts.text, size)
    if len(bounds) == 1:
        return facts, None
    part = min(max(part, 1), len(bounds))
    a, b = bounds[part - 1]
    inside = lambda s: a <= s < b  # noqa: E731
    out = Facts(doc_id=facts.doc_id, lang=facts.lang, text=facts.text[a:b], extractors=facts.extractors)
    qmap, emap = {}, {}
    for i, q in enumerate(facts.quantities):
        if inside(q.start):
            qmap[i] = len(out.quantities)
            out.quantities.append(Quantity(q.kind, q.value, q.unit, q.start - a, min(q.end, b) - a, q.text,
                                           q.qualifier, q.usd, q.value_max, q.extractor, q.fx))
    for e in facts.entities:
        ments = [(s - a, min(t, b) - a) for s, t in e.mentions if inside(s)]
        if ments:
            out.entities.append(Entity(e.name, e.type, ments, e.kb_id, e.extractor, e.attrs))
    for i, ev in enumerate(facts.events):
        if inside(ev.start):
            emap[i] = len(out.events)
            out.events.append(Event(ev.type, ev.start - a, min(ev.end, b) - a, ev.args, ev.extractor, ev.text))
    for k in facts.key_points:
        if inside(k.start):
            out.key_points.append(KeyPoint(k.start - a, min(k.end, b) - a, k.text, k.score,
                                           [emap[i] for i in k.events if i in emap],
                                           [qmap[i] for i in k.quantities if i in qmap]))
    return out, {"part": part, "parts": len(bounds), "start": a, "end": b}


def quantity_rows(facts: Facts, lang: str = "en", digits: str = "latn") -> list[dict[str, Any]]:
    rows = []
    for i, q in enumerate(facts.quantities):
        fx = q.fx or {}
        rows.append({"fid": f"q{i}", "kind": q.kind, "text": q.text, "value": fmt_num(q.value, lang, digits),
                     "value_max": fmt_num(q.value_max, lang, digits), "unit": q.unit or "",
                     "qualifier": q.qualifier or "",
                     "usd": fmt_money(q.usd, "USD", lang, digits) if q.usd is not None else "",
                     "fx": (f"{fx.get('rate'):.4g} ({fx.get('method', '?')}"
                            f"{', ' + str(fx['year']) if fx.get('year') else ''})"
                            if isinstance(fx.get("rate"), (int, float)) else ""),
                     "extractor": q.extractor})
    return rows


def entity_rows(facts: Facts) -> list[dict[str, Any]]:
    rows = []
    for i, e in enumerate(facts.entities):
        tickers = e.attrs.get("tickers") or e.attrs.get("ticker") or []
        rows.append({"fid": f"e{i}-0", "name": e.name, "type": e.type, "kb_id": e.kb_id or "",
                     "mentions": len(e.mentions),
                     "surface": facts.text[e.mentions[0][0]:e.mentions[0][1]] if e.mentions else "",
                     "ticker": ", ".join(tickers) if isinstance(tickers, list) else str(tickers),
                     "country": e.attrs.get("country") or "", "extractor": e.extractor,
                     "link": e.type == "ORG"})
    return rows


def event_rows(facts: Facts, lang: str = "en", digits: str = "latn") -> list[dict[str, Any]]:
    groups: dict[tuple[int, int], list[int]] = {}
    for i, ev in enumerate(facts.events):
        groups.setdefault((ev.start, ev.end), []).append(i)
    fid_of = {i: "v" + "-".join(map(str, idx)) for idx in groups.values() for i in idx}
    rows = []
    for i, ev in enumerate(facts.events):
        a = ev.args
        amount = ""
        if a.get("value") is not None:
            amount = fmt_money(a.get("value"), a.get("currency"), lang, digits)
            if a.get("usd") is not None and a.get("currency") != "USD":
                amount += f" ≈ {fmt_money(a.get('usd'), 'USD', lang, digits)}"
        other = a.get("product") or a.get("target") or a.get("counterparty") or ""
        if not other and a.get("metric"):
            other = label(a["metric"], lang)
        rows.append({"fid": fid_of[i], "type": ev.type, "subject": a.get("subject", ""),
                     "other": other, "amount": amount,
                     "change": fmt_pct(a.get("change_pct"), lang, digits) if a.get("change_pct") is not None else "",
                     "extractor": ev.extractor})
    return rows


def _fact_lines(facts: Facts, k: KeyPoint, lang: str, digits: str) -> list[str]:
    """The facts under a key point in the page's language: 'استثمار: علي بابا — 53.00 مليار دولار'."""
    from marsad.i18n import translations
    from marsad.kb import display_name

    lines = []
    for j in k.events:
        a = facts.events[j].args
        parts = [display_name(x, lang) for x in (a.get("product"), a.get("target"), a.get("counterparty"))
                 if isinstance(x, str) and x]
        if a.get("metric"):
            parts.append(label(a["metric"], lang))
        if a.get("value") is not None:
            parts.append(fmt_money(a.get("value"), a.get("currency"), lang, digits))
        if a.get("usd") is not None and a.get("currency") != "USD":
            parts.append("≈ " + fmt_money(a.get("usd"), "USD", lang, digits))
        if a.get("change_pct") is not None:
            parts.append(fmt_pct(a.get("change_pct"), lang, digits))
        subject = display_name(a.get("subject") or "?", lang)
        comma = translations(lang).gettext(", ")
        lines.append(f"{label(facts.events[j].type, lang)}: {subject}" + (" — " + comma.join(parts) if parts else ""))
    for j in k.quantities:
        q = facts.quantities[j]
        value = (fmt_money(q.value, q.unit, lang, digits) if q.kind == "money" else
                 fmt_num(q.value, lang, digits) + (" " + q.unit if q.unit else ""))
        if q.usd is not None and q.unit != "USD" and q.kind == "money":
            value += " ≈ " + fmt_money(q.usd, "USD", lang, digits)
        lines.append(f"{label(q.kind, lang)}: {value}")
    return lines


def key_point_rows(facts: Facts, lang: str = "en", digits: str = "latn") -> list[dict[str, Any]]:
    from marsad.extractors import brief

    out = []
    for k in facts.key_points:
        try:
            d = brief.describe(facts, k)
            if lang != "en":
                d["facts"] = _fact_lines(facts, k, lang, digits)
        except (IndexError, KeyError, TypeError, ValueError):
            d = {"text": k.text, "facts": []}
        d["start"] = k.start
        out.append(d)
    return out


def legend(facts: Facts) -> dict[str, list[str]]:
    """The kinds and entity types present, for the colour legend."""
    kinds = sorted({q.kind for q in facts.quantities}, key=lambda k: (k not in KINDS, KINDS.index(k)
                                                                      if k in KINDS else 0, k))
    types = sorted({e.type for e in facts.entities})
    return {"kinds": kinds, "types": types}
