"""Claims: one fact as every source states it, reconciled within and across articles.

A *figure* is one stated value of one event (an amount with its qualifier, a range, a move).
Within one article the figures of the same subject, type and metric that agree are one
figure with every span as evidence: an amount and its stated conversion, "more than $50 bn"
and "380 bn yuan (53 bn dollars)" stated twice, both ends of a range. Parts of a total
(checks: ``parts``) go with their total and are never summed with it.

Across articles, figures about the same subject, type, metric and period (for stock moves:
the same day and measure) that agree are one *claim*: every source, the first-reported date
and a consensus value. Figures of one key that disagree beyond tolerance, yet are close
enough to be about the same thing, are a *conflict*: both claims are kept and shown
together. Thresholds are data (``lang/common/checks.yaml``: ``claims``).

Input rows are plain dicts (see ``FACT_KEYS``), as the store reads them; the functions here
know nothing of SQL.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import re
from dataclasses import dataclass, field
from statistics import median
from typing import Any, Iterable

from marsad.actors import is_company, kind, members
from marsad.extractors.checks import flagged, status_of, thresholds
from marsad.dates import as_date as _date
from marsad.normalize import fold

MONEY = ("investment", "forecast", "acquisition", "financial_metric")
# what one row carries (the events table joined with its document)
FACT_KEYS = ("doc", "idx", "type", "subject", "subject_id", "target", "usd", "value", "currency", "qualifier",
             "change_pct", "price", "metric", "period", "measure", "date", "source", "title", "evidence",
             "span", "amount_span", "percent_span", "checks", "topics", "dup_of", "lang")


@dataclass
class Figure:
    """One value as one article states it (possibly at several places)."""

    rows: list[dict]
    lo: float | None
    hi: float | None
    value: float | None          # the best point value (USD for money, % for moves)
    precise: bool                # an exact stated figure, not a bound or a reference-rate conversion
    parts: list[dict] = field(default_factory=list)

    @property
    def first(self) -> dict:
        return self.rows[0]


def _bounds() -> dict[str, list[float]]:
    return thresholds()["claims"]["bounds"]


def _subject_key(r: dict) -> str:
    names = members(r.get("subject"))
    if len(names) > 1:
        return "+".join(sorted(fold(n) for n in names))
    return r.get("subject_id") or fold(r.get("subject") or "")


def _reference_fx(r: dict) -> bool:
    return any(c.get("name") == "fx" and "reference rate" in (c.get("reason") or "") for c in r.get("checks") or ())


def _part_of(r: dict) -> list | None:
    for c in r.get("checks") or ():
        if c.get("name") == "parts" and c.get("part_of"):
            return list(c["part_of"])
    return None


def _money_figure(rows: list[dict]) -> Figure:
    b = _bounds()
    r = rows[0]
    usd = float(r["usd"])
    q = r.get("qualifier") or "exact"
    key = "reference_fx" if _reference_fx(r) and q == "exact" else q
    lo_m, hi_m = b.get(key, b["exact"])
    if _reference_fx(r):
        lo_m, hi_m = min(lo_m, b["reference_fx"][0]), max(hi_m, b["reference_fx"][1])
    precise = key in ("exact",) and not _reference_fx(r)
    return Figure(rows, usd * lo_m, usd * hi_m, usd, precise)


def figures_of_article(rows: list[dict]) -> list[Figure]:
    """The figures of one article's rows: ranges joined, restatements merged, parts attached."""
    money = [r for r in rows if r["type"] in MONEY and r.get("usd") is not None]
    other = [r for r in rows if r not in money]
    out: list[Figure] = []
    # both ends of a range are one figure
    ranges: list[dict[str, dict]] = []
    open_: dict[tuple, dict[str, dict]] = {}
    single = []
    for r in money:
        q = r.get("qualifier")
        key = (r["type"], _subject_key(r), r.get("metric"), r.get("evidence"))
        if q == "range_from":
            open_[key] = {"range_from": r}
            ranges.append(open_[key])
        elif q == "range_to" and key in open_ and "range_to" not in open_[key]:
            open_.pop(key)["range_to"] = r
        elif q == "range_to":
            ranges.append({"range_to": r})
        else:
            single.append(r)
    figs: list[Figure] = []
    for ends in ranges:
        lo_r, hi_r = ends.get("range_from"), ends.get("range_to")
        if lo_r and hi_r:
            lo, hi = sorted((float(lo_r["usd"]), float(hi_r["usd"])))
            figs.append(Figure([lo_r, hi_r], lo, hi, (lo + hi) / 2, False))
        else:
            single += [x for x in (lo_r, hi_r) if x]
    figs += [_money_figure([r]) for r in single]
    # parts go with their total
    by_span = {(f.first["doc"], tuple(f.first.get("amount_span") or ())): f for f in figs}
    kept = []
    for f in figs:
        p = _part_of(f.first)
        tot = by_span.get((f.first["doc"], tuple(p))) if p else None
        if tot is not None and tot is not f:
            tot.parts.extend(f.rows)
        else:
            kept.append(f)
    # restatements: the same subject, type and metric with agreeing values are one figure
    kept.sort(key=lambda f: (f.first["type"], _subject_key(f.first), f.first.get("metric") or "", f.value or 0))
    for f in kept:
        prev = out[-1] if out else None
        if (prev is not None and _same_key(prev.first, f.first) and _overlap(prev, f)
                and not _same_sentence_distinct(prev, f)):
            _absorb(prev, f)
        else:
            out.append(f)
    for r in other:
        if r["type"] == "stock_move":
            v = float(r["change_pct"]) if r.get("change_pct") is not None else None
            out.append(Figure([r], v, v, v, True))
        else:
            out.append(Figure([r], None, None, None, True))
    return out


def _same_key(a: dict, b: dict) -> bool:
    return (a["type"], _subject_key(a), a.get("metric")) == (b["type"], _subject_key(b), b.get("metric"))


def _overlap(a: Figure, b: Figure) -> bool:
    if a.lo is None or b.lo is None:
        return a.value == b.value
    return a.lo <= b.hi and b.lo <= a.hi


def _same_sentence_distinct(a: Figure, b: Figure) -> bool:
    """Two amounts of one sentence are two facts ("$1bn in Kenya and $1bn in India")."""
    return any(x.get("evidence") == y.get("evidence") and x.get("amount_span") != y.get("amount_span")
               and x.get("span") == y.get("span") for x in a.rows for y in b.rows)


def _absorb(into: Figure, f: Figure) -> None:
    into.rows.extend(f.rows)
    into.parts.extend(f.parts)
    if into.lo is not None and f.lo is not None:
        lo, hi = max(into.lo, f.lo), min(into.hi, f.hi)
        if lo <= hi:
            into.lo, into.hi = lo, hi
    value, precise = point_value(into.rows)
    if value is not None:
        into.value, into.precise = value, precise


def _rank(r: dict) -> int:
    """How precise a stated money figure is: 0 exact, 1 a bound or an approximation as stated
    (stated USD, or a stated conversion), 2 converted at the reference rate."""
    if _reference_fx(r):
        return 2
    return 0 if (r.get("qualifier") or "exact") == "exact" else 1


def point_value(rows: list[dict]) -> tuple[float | None, bool]:
    """The consensus USD of agreeing rows: the stated figures win over reference-rate
    conversions; exact ones over bounds; of lower bounds ("more than") the highest."""
    vals = [r for r in rows if r.get("usd") is not None and r.get("qualifier") not in ("range_from", "range_to")]
    if not vals:
        return None, False
    best = min(_rank(r) for r in vals)
    pick = [r for r in vals if _rank(r) == best]
    if best == 1 and all((r.get("qualifier") or "") in ("more_than", "at_least") for r in pick):
        return max(float(r["usd"]) for r in pick), False
    return float(median(float(r["usd"]) for r in pick)), best == 0


# --- claims ---------------------------------------------------------------------------------
def _group_key(f: Figure) -> tuple:
    r = f.first
    t = r["type"]
    if t == "stock_move":
        # an undated report's move is its own: without a day, nothing says two moves are one; the
        # measure separates claims when both reports state one (see _cluster_agrees). A debut
        # happens once; a named weekday dates the move to that session, not to the report.
        if r.get("period") == "debut":
            return (t, _subject_key(r), "debut")
        day = move_day(r)
        return (t, _subject_key(r), day.isoformat() if day else f"doc:{r['doc']}")
    if t in MONEY and f.lo is not None:
        # an acquisition (or an investment in a named target) is about its target: YouTube is not DoubleClick;
        # an investment is about the years it names (2012's spending is not 2013's plan)
        return (t, _subject_key(r), r.get("metric") or "", fold(r.get("period") or "") if t == "financial_metric" else "",
                fold(str(r.get("target") or "")), spend_years(r) if t == "investment" else "")
    return (t, _subject_key(r), fold(str(r.get("target") or "")))


_YEAR = re.compile(r"(?<!\d)(?:19|20)\d\d(?!\d)")


def _same_plan(a: dict, b: dict, later: dt.date) -> bool:
    """Two reports years apart of one multi-year plan: both name the same final year, and it
    is not yet past when the later one is published ("$23 billion from 2004 through 2010")."""
    ya = {int(y) for y in _YEAR.findall(a.get("evidence") or "")}
    yb = {int(y) for y in _YEAR.findall(b.get("evidence") or "")}
    return bool(ya and yb) and max(ya) == max(yb) >= later.year and len(ya) > 1 and len(yb) > 1


def spend_years(r: dict) -> str:
    """The years an investment figure is about: those its sentence names ("In 2012, Exxon spent",
    "from 2004 through 2010"), else the report's year ("this year")."""
    years = sorted({int(y) for y in _YEAR.findall(r.get("evidence") or "")})
    if years:
        return str(years[0]) if len(years) == 1 else f"{years[0]}-{years[-1]}"
    d = _date(r.get("date"))
    return str(d.year) if d else ""


_WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")


def move_day(r: dict) -> dt.date | None:
    """The session a move belongs to: the weekday its clause names, as the last such day on or
    before the report ("on Thursday" in Friday's paper), else the report's date."""
    d = _date(r.get("date"))
    wd = r.get("weekday")
    if d is None or wd not in _WEEKDAYS:
        return d
    return d - dt.timedelta(days=(d.weekday() - _WEEKDAYS.index(wd)) % 7)


def _agree_move(a: float, b: float) -> bool:
    c = thresholds()["claims"]
    return abs(a - b) <= max(c["move_abs_pp"], c["move_rel"] * max(abs(a), abs(b)))


def build(rows: Iterable[dict], include_flagged: bool = False) -> list[dict]:
    """Claims from fact rows (any order). Flagged facts are left out unless ``include_flagged``."""
    c = thresholds()["claims"]
    by_doc: dict[Any, list[dict]] = {}
    for r in rows:
        if not include_flagged and flagged(r.get("checks") or []):
            continue
        by_doc.setdefault(r["doc"], []).append(r)
    figs: list[Figure] = []
    for doc in sorted(by_doc, key=str):
        figs.extend(figures_of_article(sorted(by_doc[doc], key=lambda r: r["idx"])))
    groups: dict[tuple, list[Figure]] = {}
    for f in figs:
        groups.setdefault(_group_key(f), []).append(f)
    claims: list[dict] = []
    for key, fs in groups.items():
        fs.sort(key=lambda f: (_date(f.first.get("date")) or dt.date.max, str(f.first["doc"]), f.first["idx"]))
        clusters: list[list[Figure]] = []
        for f in fs:
            home = None
            for cl in clusters:
                first = _date(cl[0].first.get("date"))
                d = _date(f.first.get("date"))
                if (first and d and (d - first).days > c["window_days"] and not f.first.get("target")
                        and not _same_plan(cl[0].first, f.first, d)):
                    continue  # an untargeted figure years apart is another commitment
                if _cluster_agrees(cl, f):
                    home = cl
                    break
            if home is None:
                clusters.append([f])
            else:
                home.append(f)
        made = [_claim(key, cl) for cl in clusters]
        _mark_conflicts(made)
        claims.extend(made)
    return claims


def _cluster_agrees(cl: list[Figure], f: Figure) -> bool:
    t = f.first["type"]
    if any(x.first["doc"] == f.first["doc"] for x in cl):
        return False  # the article kept them apart: two facts (its restatements are merged already)
    if t == "stock_move":
        m = f.first.get("measure") or "unspecified"
        return f.value is not None and all(
            x.value is not None and _agree_move(x.value, f.value)
            and (m == "unspecified" or (x.first.get("measure") or "unspecified") in ("unspecified", m)) for x in cl)
    if t in MONEY:
        if f.lo is None or any(x.lo is None for x in cl):
            return f.lo is None and all(x.lo is None for x in cl)
        lo = max(x.lo for x in cl)
        hi = min(x.hi for x in cl)
        return f.lo <= hi and lo <= f.hi
    return True


def _claim(key: tuple, cl: list[Figure]) -> dict:
    rows = [r for f in cl for r in f.rows]
    first = rows[0]
    t = first["type"]
    docs = []
    for r in rows:
        if r["doc"] not in docs:
            docs.append(r["doc"])
    independent = {r["doc"] for r in rows if not r.get("dup_of")}
    dates = sorted(d for d in (_date(r.get("date")) for r in rows) if d)
    out: dict[str, Any] = {
        "claim_id": _claim_id(key, first),
        "type": t,
        "subject": first.get("subject"),
        "subject_id": first.get("subject_id"),
        "subject_kind": _kind(first),
        "metric": first.get("metric"),
        "period": first.get("period"),
        "target": first.get("target"),
        "first_reported": dates[0].isoformat() if dates else None,
        "last_reported": dates[-1].isoformat() if dates else None,
        "reports": len(docs),                          # documents that state it
        "independent_reports": len(independent) or len(docs),  # near-duplicate stories left out
    }
    if t == "stock_move":
        vals = [f.value for f in cl if f.value is not None]
        out["change_pct"] = round(median(vals), 4) if vals else None
        stated = [r.get("measure") for r in rows if r.get("measure") not in (None, "unspecified")]
        out["measure"] = stated[0] if stated else "unspecified"
        days = sorted(d for d in (move_day(r) for r in rows) if d)
        out["date"] = days[0].isoformat() if days else first.get("date")
        prices = [r.get("price") for r in rows if r.get("price") is not None]
        out["price"] = prices[0] if prices else None
        out["currency"] = next((r.get("price_currency") or r.get("currency") for r in rows
                                if r.get("price") is not None), None)
    elif t in MONEY and cl[0].lo is not None:
        lo = max(f.lo for f in cl)
        hi = min(f.hi for f in cl)
        value, _ = point_value(rows)
        if value is None:  # ranges only: their midpoint
            vals = [f.value for f in cl if f.value is not None]
            value = median(vals) if vals else (lo + hi) / 2
        out["usd"] = value
        out["low_usd"], out["high_usd"] = (min(lo, hi), max(lo, hi))
        ranges = [f for f in cl if len(f.rows) >= 2 and {r.get("qualifier") for r in f.rows} >= {"range_from", "range_to"}]
        if ranges:
            out["low_usd"], out["high_usd"] = ranges[0].lo, ranges[0].hi
        out["as_stated"] = _as_stated(rows)
        if t == "investment":
            out["spend_years"] = key[-1]
        out["parts"] = [{"usd": p.get("usd"), "doc": p["doc"], "span": p.get("amount_span")}
                        for f in cl for p in f.parts]
    checks = [ck for r in rows for ck in (r.get("checks") or [])]
    out["status"] = status_of(checks)
    out["flagged"] = any(flagged(r.get("checks") or []) for r in rows)
    out["topics"] = sorted({tp["topic"] for r in rows for tp in (r.get("topics") or []) if isinstance(tp, dict)})
    out["sources"] = [_source(r) for r in rows]
    out["is_company"] = out["subject_kind"] not in ("person", "product") and \
        is_company(first.get("subject"), first.get("subject_id"))
    out["joint"] = len(members(first.get("subject"))) > 1
    return out


def _kind(r: dict) -> str:
    """The actor kind of a row's subject: a person or a product is not a company."""
    t = r.get("subject_type")
    if t == "PERSON":
        return "person"
    if t == "PRODUCT":
        return "product"
    return kind(r.get("subject"), r.get("subject_id"))


def _as_stated(rows: list[dict]) -> str:
    seen = []
    ends = {r.get("qualifier"): r for r in rows if r.get("qualifier") in ("range_from", "range_to")}
    if len(ends) == 2 and ends["range_from"].get("value") is not None and ends["range_to"].get("value") is not None:
        a, b = ends["range_from"], ends["range_to"]
        seen.append(f"{_short(float(a['value']))}–{_short(float(b['value']))} {b.get('currency') or ''}".strip())
        rows = [r for r in rows if r.get("qualifier") not in ("range_from", "range_to")]
    for r in rows:
        v, cur, q = r.get("value"), r.get("currency"), r.get("qualifier")
        if v is None:
            continue
        s = f"{_short(float(v))} {cur or ''}".strip()
        if q and q not in ("range_from", "range_to"):
            s = f"{q.replace('_', ' ')} {s}"
        if s not in seen:
            seen.append(s)
    return " | ".join(seen)


def _short(v: float) -> str:
    for div, unit in ((1e12, " tn"), (1e9, " bn"), (1e6, " mn")):
        if abs(v) >= div:
            return f"{v / div:,.4g}{unit}"
    return f"{v:,.4g}"


def _source(r: dict) -> dict:
    return {"doc": r["doc"], "idx": r["idx"], "date": r.get("date"), "title": r.get("title"),
            "source": r.get("source"), "evidence": r.get("evidence"), "span": r.get("span"),
            "amount_span": r.get("amount_span") or r.get("percent_span"), "usd": r.get("usd"),
            "value": r.get("value"), "currency": r.get("currency"), "qualifier": r.get("qualifier"),
            "change_pct": r.get("change_pct"), "status": status_of(r.get("checks") or []),
            "near_duplicate_of": r.get("dup_of"), "lang": r.get("lang")}


def _claim_id(key: tuple, first: dict) -> str:
    raw = "|".join(map(str, key)) + f"|{first['doc']}|{first['idx']}"
    return hashlib.sha1(raw.encode()).hexdigest()[:12]


def _mark_conflicts(made: list[dict]) -> None:
    """Claims of one key whose values disagree, yet within ``conflict_max_ratio``, conflict."""
    c = thresholds()["claims"]
    for i, a in enumerate(made):
        for b in made[i + 1:]:
            if not _conflict(a, b, c):
                continue
            a.setdefault("conflicts_with", []).append(b["claim_id"])
            b.setdefault("conflicts_with", []).append(a["claim_id"])


def _conflict(a: dict, b: dict, c: dict) -> bool:
    docs_a = {s["doc"] for s in a["sources"]}
    docs_b = {s["doc"] for s in b["sources"]}
    if not docs_a - docs_b or not docs_b - docs_a:
        return False  # one article stating two values states two facts, not a disagreement
    if a["type"] in ("financial_metric", "forecast"):
        if not (a.get("period") and fold(str(a["period"])) == fold(str(b.get("period") or ""))):
            return False  # results or outlooks of unstated or different periods do not disagree
        da, db = _date(a.get("first_reported")), _date(b.get("first_reported"))
        if not da or not db or abs((da - db).days) > c["metric_window_days"]:
            return False  # "the first quarter" of another year
    da, db = _date(a.get("first_reported")), _date(b.get("first_reported"))
    window = c["deal_window_days"] if a.get("target") else c["window_days"]
    if not da or not db or abs((da - db).days) > window:
        # only figures of the same period can disagree; a deal's price reported weeks apart is a
        # revised offer, a stock deal re-valued, or another measure (debt included, a write-down)
        return False
    if a["type"] == "stock_move":
        if not a.get("date") or a.get("date") != b.get("date"):
            return False
        if a.get("measure") in (None, "unspecified", "period") or a.get("measure") != b.get("measure"):
            return False  # only two closes (or two intraday moves) of one day can disagree
        va, vb = a.get("change_pct"), b.get("change_pct")
        if va is None or vb is None or (va > 0) != (vb > 0):
            return (va or 0) * (vb or 0) < 0  # up in one report, down in another
        return max(abs(va), abs(vb)) / max(min(abs(va), abs(vb)), 1e-9) <= c["conflict_max_ratio"]
    if a.get("usd") and b.get("usd"):
        hi, lo = max(a["usd"], b["usd"]), min(a["usd"], b["usd"])
        if not (lo > 0 and hi / lo <= c["conflict_max_ratio"]):
            return False
        if hi / lo <= 1 + c["rounding"] or _intervals_meet(a, b, c["rounding"]):
            return False  # "$12-13 billion" and "$13 billion", "$47 billion" and "$47.5 billion" agree
        return bool(a.get("target")) or _same_object(a, b)
    return False


def _interval(c: dict) -> tuple[float, float]:
    """A claim's value range; "at least $38.25 bn" has no upper end, "up to $5 bn" no lower one."""
    lo, hi = c.get("low_usd") or c["usd"], c.get("high_usd") or c["usd"]
    quals = {s.get("qualifier") for s in c.get("sources", [])}
    if quals and quals <= {"at_least", "more_than"}:
        hi = float("inf")
    if quals and quals <= {"up_to", "less_than"}:
        lo = 0.0
    return lo, hi


def _intervals_meet(a: dict, b: dict, tol: float) -> bool:
    """Do two claims' value ranges overlap, within ``tol``?"""
    la, ha = _interval(a)
    lb, hb = _interval(b)
    return la <= hb * (1 + tol) and lb <= ha * (1 + tol)


def _names(c: dict) -> set[str]:
    """The names an investment's evidence mentions besides its subject (what it is about)."""
    import re

    subj = {w.lower() for m in members(c.get("subject")) for w in m.split()}
    out: set[str] = set()
    for s in c.get("sources", []):
        text = s.get("evidence") or ""
        out |= {w.lower() for w in re.findall(r"\b[A-Z][a-zA-Z]{3,}\b", text)} - subj
        out |= {w for w in fold(text).split() if len(w) >= 5 and not w.isascii()}
    return out - _COMMON


_COMMON = {"reuters", "said", "would", "will", "billion", "million", "percent", "company", "shares", "the",
           "monday", "tuesday", "wednesday", "thursday", "friday", "january", "february", "march", "april",
           "june", "july", "august", "september", "october", "november", "december", "analysts", "this",
           "that", "with", "from", "which", "their", "after", "before", "about", "year"}


def _same_object(a: dict, b: dict) -> bool:
    """Two investment figures of one company are one disputed fact only when they are about the same
    thing: their evidence shares a name besides the company's (Yahoo, Vietnam, «اليمامة»)."""
    na, nb = _names(a), _names(b)
    return bool(na and nb) and len(na & nb) >= 2


def conflicts(claims: list[dict]) -> list[dict]:
    """Pairs of disagreeing claims, each with both sides' values and sources."""
    by_id = {c["claim_id"]: c for c in claims}
    out, seen = [], set()
    for a in claims:
        for bid in a.get("conflicts_with", []):
            pair = tuple(sorted((a["claim_id"], bid)))
            if pair in seen or bid not in by_id:
                continue
            seen.add(pair)
            b = by_id[bid]
            value = "change_pct" if a["type"] == "stock_move" else "usd"
            out.append({"type": a["type"], "subject": a["subject"], "metric": a.get("metric"),
                        "measure": a.get("measure"), "date": a.get("date"),
                        "value_a": a.get(value), "value_b": b.get(value),
                        "as_stated_a": a.get("as_stated"), "as_stated_b": b.get("as_stated"),
                        "claim_a": a["claim_id"], "claim_b": bid,
                        "source_a": _brief(a), "source_b": _brief(b),
                        "sources_a": a["sources"], "sources_b": b["sources"]})
    out.sort(key=lambda x: (x["type"], str(x["subject"])))
    return out


def _brief(c: dict) -> str:
    s = c["sources"][0]
    return f"{s.get('date') or ''} {s.get('title') or s.get('source') or s['doc']}".strip()
