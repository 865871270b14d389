"""In-article consistency: every event gets a list of checks, each ``pass``, ``warn`` or ``fail``
with a reason. Facts that fail are kept and flagged; aggregates leave them out by default.

Checks (thresholds in ``lang/common/checks.yaml``, cue words in ``lang/<lang>/check_cues.yaml``):

- ``fx``: a stated conversion against the reference rate of that year; a figure that IS the
  stated conversion of another is the same fact (``conversion_of``).
- ``price_after_move``: the price after a stated % move against the price before, where both are given.
- ``parts``: parts against their total (a total and its own parts are not summed); a figure after
  "as part of", "package", "funding round", «ضمن» is a group's total, not the subject's.
- ``magnitude``: plausible size per event type ("an investment of $130" next to billions; an
  investment of $1 trillion or more by one company; a move of +500%).
- ``listing_date``: a stock move reported before the company's first listing day (kb/listings.yaml).
- ``not_a_move``: a stake, an index weight, a market share or a per-share figure is not a move.
- ``not_spending``: assets under management, a market's size, exports, a debt ceiling are not spending.
- ``subject``: the subject is a name, and the evidence sentence names it (not another company).
- ``confidence``: the extractor's own confidence, when it gives one.

Also tags each event with its ``topics`` (extractors/topics.py) and, for stock moves, the
``measure`` (close, intraday, extended hours, a period such as year to date, or unspecified).
"""
from __future__ import annotations

import datetime as dt
import re
from bisect import bisect_left
from functools import lru_cache
from typing import Any

from marsad import fx
from marsad.actors import is_generic, members
from marsad.extractors import phrases, roles, topics
from marsad.lexicon import load_yaml
from marsad.model import Document, Event, Facts, Quantity
from marsad.normalize import fold

NAME = "checks"
PASS, WARN, FAIL = "pass", "warn", "fail"
MONEY_TYPES = ("investment", "acquisition", "forecast", "financial_metric")


@lru_cache(maxsize=1)
def thresholds() -> dict[str, Any]:
    return load_yaml("lang/common/checks.yaml", "checks")


@lru_cache(maxsize=None)
def _cue_triples(lang: str) -> tuple[tuple[str, str, str | None], ...]:
    """(phrase, class, subclass) of every check cue of ``lang`` (read once)."""
    data = load_yaml(f"lang/{lang}/check_cues.yaml", "check_cues")
    triples = []
    for cls, words in data.items():
        if isinstance(words, dict):
            triples += [(str(w), cls, sub) for sub, ws in words.items() for w in ws]
        else:
            triples += [(str(w), cls, None) for w in words]
    return tuple(triples)


@lru_cache(maxsize=None)
def _cues(lang: str, only: str | None = None):
    """The check cues of ``lang`` as one automaton; with ``only``, those of that class alone (what
    ``cues_in`` keeps of a class is the same, and the scan meets far fewer phrases)."""
    triples = _cue_triples(lang)
    if only is not None:
        triples = tuple(t for t in triples if t[1] == only)
        if not triples:
            return None  # no phrase of that class: nothing to find
    return phrases.build(triples)


@lru_cache(maxsize=1)
def _caps_not_names() -> frozenset[str]:
    data = load_yaml("lang/en/check_cues.yaml", "check_cues")
    return frozenset(fold(str(w)) for w in data["caps_not_names"])


@lru_cache(maxsize=1)
def listings() -> dict[str, dt.date]:
    raw = load_yaml("kb/listings.yaml", "listings") or {}
    return {k: dt.date.fromisoformat(v) for k, v in raw.items()}


def cues_in(text: str, lang: str, start: int, end: int, cls: str | None = None) -> list[phrases.Cue]:
    """Check cues in ``text[start:end]`` (offsets relative to ``start``; folding keeps them close)."""
    start, end = max(0, start), max(0, min(len(text), end))
    if end <= start:
        return []
    automaton = _cues(lang if lang in ("ar", "en") else "en", cls)
    if automaton is None:
        return []
    found = phrases.find(fold(text[start:end]), automaton)
    return [c for c in found if cls is None or c.cls == cls]


# A move's horizon (events' ``period``) longer than one session, or one session on another day than
# the report's ("at the time", «في اليوم التالي»): either way not the report day's session.
LONG_PERIODS = frozenset({"week", "month", "year_to_date", "since_date", "years", "other_day"})


def measure(text: str, lang: str) -> str:
    """close | extreme | intraday | extended | period | unspecified, from the words of a move's clause."""
    kinds = [c.sub for c in cues_in(text, lang, 0, len(text), "measure")]
    for k in ("extended", "intraday", "period", "close"):
        if k in kinds:
            return k
    if "extreme" in kinds and "perfect" not in kinds:  # "has risen 30% ..., reaching its highest": a period
        return "extreme"
    if "day" in kinds:
        return "day"
    return "period" if "perfect" in kinds else "unspecified"


def status_of(checks: list[dict]) -> str:
    """The worst status of a list of checks (``pass`` when empty)."""
    st = {c.get("status") for c in checks or ()}
    return FAIL if FAIL in st else WARN if WARN in st else PASS


def flagged(checks: list[dict]) -> bool:
    """True when a check's status keeps the fact out of aggregates by default."""
    excl = set(thresholds()["exclude_from_aggregates"])
    return any(c.get("status") in excl for c in checks or ())


def run(facts: Facts, norm: object, doc: Document) -> None:
    """Add ``checks`` (and ``topics``; ``measure`` for stock moves) to every event's args."""
    if not facts.events:
        return  # nothing to check (most articles): the article's indexes are not built
    _Article(facts, doc).run()


def step(facts: Facts, norm: object, doc: Document) -> None:
    """The pipeline's checks step: ``run``, then ``withhold``."""
    run(facts, norm, doc)
    withhold(facts)


def withhold(facts: Facts) -> None:
    """Move to ``facts.candidates`` (inspectable, never shown as a fact) the events whose failed check is
    one that this language's articles showed wrong far more often than right (``withhold`` in checks.yaml)."""
    held = (thresholds().get("withhold") or {}).get(facts.lang) or {}
    if not held or not facts.events:
        return
    out = [ev for ev in facts.events if any(c.get("status") == FAIL and c.get("name") in held.get(ev.type, ())
                                            for c in ev.args.get("checks") or ())]
    if out:
        floor = load_yaml("lang/common/event_rules.yaml", "event_rules")["min_confidence"]
        for ev in out:  # a candidate is an event below the confidence floor
            ev.args["confidence"] = min(ev.args.get("confidence", 1.0), round(floor - 0.01, 2))
        facts.candidates.extend(out)
        facts.events[:] = [ev for ev in facts.events if not any(ev is o for o in out)]


class _Article:
    def __init__(self, facts: Facts, doc: Document):
        self.facts, self.doc = facts, doc
        self.text, self.lang = facts.text, facts.lang
        self.t = thresholds()
        self.q_by_span = {(q.start, q.end): q for q in facts.quantities}
        self.conversion_spans = {tuple(q.fx["evidence"]): q for q in facts.quantities
                                 if q.fx and q.fx.get("method") == "stated" and q.fx.get("role") != "conversion"}
        self.year = fx.reference_year(doc)
        self.published = _date(doc.published_at)
        self.ments = sorted(((s, e, ent) for ent in facts.entities for s, e in ent.mentions),
                            key=lambda m: m[0])
        # sorted by start, so a sentence's figures and names are found by bisection (linear time)
        self._quants = sorted(facts.quantities, key=lambda q: q.start)
        self._qstarts = [q.start for q in self._quants]
        self._mstarts = [m[0] for m in self.ments]
        self._figures: set | None = None
        self.doc_topics = topics.tag(facts.text[:2000], self.lang, counts=True)
        self._span_topics: dict[tuple[int, int], dict] = {}

    def _qs(self, lo: int, hi: int) -> list:
        """Quantities starting in [lo, hi)."""
        return self._quants[bisect_left(self._qstarts, lo):bisect_left(self._qstarts, hi)]

    def _ms(self, lo: int, hi: int) -> list:
        """Mentions (start, end, entity) starting in [lo, hi)."""
        return self.ments[bisect_left(self._mstarts, lo):bisect_left(self._mstarts, hi)]

    def run(self) -> None:
        evs = self.facts.events
        for ev in evs:
            ev.args["checks"] = []
        for ev in evs:
            chk = ev.args["checks"]
            if ev.type == "stock_move":
                chk += self._move_checks(ev)
                m = measure(self._clause(ev), self.lang)
                ps = (ev.args.get("percent_span") or [ev.end])[0]
                if m == "unspecified" and measure(self.text[ev.start:ps], self.lang) == "period":
                    m = "period"  # "Honda has risen 50% since mid-November, Nissan 37% and Toyota 43%"
                if m in ("unspecified", "day", "close", "intraday", "extreme") and ev.args.get("period") in LONG_PERIODS:
                    m = "period"  # "rebounded 170% from their October lows", "plunged 70% in March"
                if ev.args.get("period") == "debut" and not ev.args.get("weekday"):
                    m = "period"  # "its shares opened 55% higher on the first day of trading": a debut the
                    # story recalls, on a day it does not give ("in their debut on Friday" keeps its day)
                ev.args["measure"] = "unspecified" if m == "day" else m
            if ev.type in MONEY_TYPES and ev.args.get("amount_span"):
                chk += self._money_checks(ev)
            chk += self._subject_checks(ev)
            chk += self._confidence(ev)
            ev.args["topics"] = self._topics(ev)
            ev.args["checks"] = [c for c in chk if c]
        self._parts(evs)
        self._propagate(evs)
        for ev in evs:
            ev.args["checks"] = [c for c in ev.args["checks"] if c]

    # --- helpers -------------------------------------------------------------------------
    def _q(self, ev: Event, key: str = "amount_span") -> Quantity | None:
        span = ev.args.get(key)
        return self.q_by_span.get(tuple(span)) if span else None

    def _clause(self, ev: Event) -> str:
        """The part of the sentence around a move's percentage (between the neighbouring figures)."""
        span = ev.args.get("percent_span") or [ev.start, ev.end]
        others = [q for q in self._qs(ev.start, ev.end) if q.kind == "percent" and ev.start <= q.start < ev.end
                  and (q.start, q.end) != tuple(span)]
        lo = max([q.end for q in others if q.end <= span[0]] + [ev.start])
        hi = min([q.start for q in others if q.start >= span[1]] + [ev.end])
        # "plummeted 48% to a low but recovered to close down 19%": the close is the next clause's
        hi = min(hi, roles.clause_end(self.text, span[1], hi, self.lang))
        return self.text[lo:hi]

    def _mentioned(self, ev: Event, name: str, kb_id: str | None = None) -> bool:
        from marsad.kb import knowledge_base

        kb = knowledge_base()
        for s, e, ent in self._ms(ev.start, ev.end):
            if s >= ev.end:
                break
            if s < ev.start:
                continue
            if ent.name == name or (kb_id and ent.kb_id == kb_id):
                return True
            if ent.type in ("PERSON", "PRODUCT") and ent.kb_id and kb_id:
                entry = kb.get(ent.kb_id)
                org = kb.org_of(entry) if entry else None
                if org is not None and org.id == kb_id:
                    return True
        return False

    def _other_company(self, ev: Event, names: set[str], lo: int, hi: int) -> str | None:
        from marsad.kb import OBSERVER_CATEGORIES

        for s, e, ent in self._ms(lo, hi):
            if lo <= s and e <= hi and ent.type == "ORG" and ent.name not in names \
                    and ent.attrs.get("category") not in OBSERVER_CATEGORIES \
                    and not ent.attrs.get("main_subject") and not is_generic(self.text[s:e], self.lang):
                return ent.name
        return None

    # --- stock moves ---------------------------------------------------------------------
    def _move_checks(self, ev: Event) -> list[dict]:
        out = []
        a = ev.args
        span = a.get("percent_span")
        pct = a.get("change_pct")
        if span:
            s, e = span
            prev = [q.end for q in self._qs(ev.start, s) if q.kind == "percent" and ev.start <= q.start and q.end <= s]
            clause = max([ev.start, s - 150] + prev)
            stock = cues_in(self.text, self.lang, clause, s, "stock_words")
            per = cues_in(self.text, self.lang, clause, s, "per_share")
            lo = clause  # a bare move: the whole clause ("The scores for IBM are lower with 70%")
            if stock:  # words about the stock bound the clause: "sending its shares up 5%"
                lo = max(clause, clause + stock[-1].start - 2)
            tail = self.text[e:min([ev.end, e + 50] + [q.start for q in self._qs(e, e + 51)
                                                        if q.kind == "percent" and q.start >= e])]
            cut = re.search(r"[,،;]|\s(?:as|after|while|on|following|when|but|and)\s|\s(?:فيما|بينما|بعد|وسط)\s", tail)
            after = cues_in(self.text, self.lang, e, e + (cut.start() if cut else len(tail)), "not_a_move")
            sizes = cues_in(self.text, self.lang, lo, s, "size_descriptor")  # "largest ... in terms of sales"
            before = [c for c in cues_in(self.text, self.lang, lo, s, "not_a_move")
                      if not any(z.start <= c.start < z.end for z in sizes)]
            if per and stock and per[-1].end >= stock[-1].end - 1:
                before = per[-1:]
                lo = clause
            void = cues_in(self.text, self.lang, max(ev.start, s - 150), min(ev.end, e + 100), "void_trades")
            if void:
                word = _as_written(self.text[max(ev.start, s - 150):min(ev.end, e + 100)], void[0])
                out.append(_c("void_trades", FAIL, f"«{word}»: trades that were cancelled, not a session's move"))
            hit = after[:1] or before[-1:]
            if hit:
                where = (e if after else lo)
                word = _as_written(self.text[where:where + 160], hit[0])
                out.append(_c("not_a_move", FAIL, f"«{word}» next to the percentage: a stake, weight, share "
                                                    "or per-share figure, not a move"))
            else:
                out.append(_c("not_a_move", PASS, "no stake, weight or share words next to the percentage"))
            nxt = [q.start for q in self._qs(e, e + 31) if q.kind == "percent" and q.start >= e]
            share = cues_in(self.text, self.lang, e, min([ev.end, e + 30] + nxt), "share_after")
            if share and share[0].start <= 2 and not hit:
                out.append(_c("not_a_move", FAIL, "a share of a market, of revenue or of a company follows the "
                                                  "percentage, not a move"))
                hit = share[:1]
            hypo = cues_in(self.text, self.lang, max(clause, s - 35), s, "hypothetical")
            if hypo and not hit:
                out.append(_c("not_a_move", FAIL, "a hypothetical or predicted move (could, would, expected to)"))
                hit = hypo[-1:]
            itail = self.text[e:min([ev.end, e + 45] + nxt)]
            icut = re.search(r"[,،;]|\s(?:while|but|and|فيما|بينما)\s", itail)
            idx = cues_in(self.text, self.lang, e, e + (icut.start() if icut else len(itail)), "index_after")
            if idx and not hit:
                out.append(_c("not_a_move", FAIL, "an index's move follows the percentage"))
            other = self._clause_name(ev)
            if other:
                out.append(_c("subject", FAIL, f"the clause of the move names {other}, not {a.get('subject')}"))
        m = self.t["magnitude"]["stock_move"]
        if isinstance(pct, (int, float)):
            if pct >= m["fail_up_pct"] or pct <= -m["fail_down_pct"]:
                out.append(_c("magnitude", FAIL, f"a move of {pct:+g}% is not plausible for one day"))
            elif abs(pct) >= m["warn_abs_pct"]:
                out.append(_c("magnitude", WARN, f"a move of {pct:+g}% is unusually large (a period's move?)"))
            else:
                out.append(_c("magnitude", PASS, f"{pct:+g}% is a plausible move"))
        out.append(self._price_after(ev))
        sid = a.get("subject_id")
        listed = listings().get(sid) if isinstance(sid, str) else None
        if listed and self.published:
            if self.published < listed:
                out.append(_c("listing_date", FAIL, f"reported {self.published} before {a.get('subject')} "
                                                     f"was listed ({listed})"))
            else:
                out.append(_c("listing_date", PASS, f"listed since {listed}"))
        return out

    def _clause_name(self, ev: Event) -> str | None:
        """English: the capitalised name in a move's clause when the subject is not named there
        ("Kohl's rose 51%, while Penney's shares advanced 41%": 41% is not Kohl's)."""
        if self.lang != "en" or not ev.args.get("percent_span"):
            return None
        s = ev.args["percent_span"][0]
        prev = [q.end for q in self._qs(ev.start, s) if q.kind == "percent" and ev.start <= q.start and q.end <= s]
        lo = max([ev.start] + prev)
        subj, sid = ev.args.get("subject") or "", ev.args.get("subject_id")
        named = [ms for ms, me, ent in self._ms(ev.start, s) if ev.start <= ms and me <= s
                 and (ent.name == subj or (sid and ent.kb_id == sid))]
        skip = _caps_not_names()
        poss = list(re.finditer(r"(\w*[A-Z][\w&.\-]*(?:\s+[A-Z][\w&.\-]*)*)'s\s+(?:stock|shares|share price)\b"
                                r"|\b[Ss]hares\s+(?:of|in)\s+(\w*[A-Z][\w&.\-]*(?:\s+[A-Z][\w&.\-]*)*)", self.text[lo:s]))
        if poss:  # "drove aQuantive's stock up 78%": whose stock, said outright
            owner = (poss[-1].group(1) or poss[-1].group(2) or "").strip()
            names = [ent.name.lower() for ms, me, ent in self._ms(lo, s) if lo <= ms < s and
                     self.text[ms:me].lower() in owner.lower()]
            if owner and fold(owner) not in skip and not subj.lower().startswith(owner.lower()[:4]) \
                    and subj.lower() not in names and not (sid and any(
                        ent.kb_id == sid for ms, me, ent in self._ms(lo, s) if lo <= ms < s and self.text[ms:me] in owner)):
                return owner
        if any(ms >= lo for ms in named):
            return None
        if not named:
            lo = ev.start  # the subject is not named before the move at all: look at the whole lead-in
        for m in re.finditer(r"[A-Z][\w&.\-]*(?:'s)?(?:\s+(?:[A-Z][\w&.\-]*(?:'s)?|&))*", self.text[lo:s]):
            words = [w for w in re.split(r"\s+", m.group(0)) if w]
            name = " ".join(w for w in words if fold(re.sub(r"'s$", "", w)) not in skip and not w.isupper()
                            or len(w) > 5 and fold(w) not in skip).strip()
            name = re.sub(r"'s$", "", name)
            if name and fold(name) not in skip and len(name) > 1 and not subj.lower().startswith(name.lower()):
                return name
        return None

    def _price_after(self, ev: Event) -> dict | None:
        a = ev.args
        price, pct, span = a.get("price"), a.get("change_pct"), a.get("percent_span")
        if price is None or pct is None or not span:
            return None
        cur = a.get("price_currency")
        before = [q for q in self._qs(ev.start, ev.end) if q.kind == "money" and ev.start <= q.start < ev.end
                  and q.unit == cur and q.value != price and q.value > 0
                  and 0.2 < price / q.value < 5]
        if not before:
            return None
        b = min(before, key=lambda q: abs(q.value * (1 + pct / 100) - price))
        implied = b.value * (1 + pct / 100)
        off = abs(implied - price) / abs(price)
        t = self.t["price_after_move"]
        st = FAIL if off > t["fail_ratio"] else WARN if off > t["warn_ratio"] else PASS
        return _c("price_after_move", st, f"{b.value:g} {pct:+g}% = {implied:.4g}, stated {price:g} "
                                          f"({off:.1%} apart)")

    # --- money ---------------------------------------------------------------------------
    def _money_checks(self, ev: Event) -> list[dict]:
        out = []
        a = ev.args
        q = self._q(ev)
        s, e = a["amount_span"]
        if tuple(a["amount_span"]) in self.conversion_spans:
            src = self.conversion_spans[tuple(a["amount_span"])]
            out.append(_c("fx", FAIL, f"the stated conversion of {src.text!r}: one fact, counted with it",
                          conversion_of=[src.start, src.end]))
        elif q is not None and q.fx and q.fx.get("method") == "stated" and q.unit and q.unit != "USD":
            out.append(self._fx_stated(q))
        elif q is not None and q.fx and q.fx.get("method") == "reference":
            out.append(_c("fx", PASS, f"converted at the reference rate of {q.fx.get('year')} "
                                      f"({q.fx.get('rate'):.4g} USD per {q.unit})"))
        out.append(self._magnitude(ev, q))
        lo = self._before(ev, s, 100)
        sp = cues_in(self.text, self.lang, lo, min(ev.end, e + 45), "not_spending")
        if ev.type == "investment" and sp:
            word = _as_written(self.text[lo:e + 45], sp[0])
            out.append(_c("not_spending", FAIL, f"«{word}» next to the figure: a value, size or flow, "
                                                "not spending"))
        cond = cues_in(self.text, self.lang, max(ev.start, s - 60), min(ev.end, e + 60), "conditional")
        if ev.type == "investment" and cond:
            word = _as_written(self.text[max(ev.start, s - 60):min(ev.end, e + 60)], cond[0])
            out.append(_c("conditional", FAIL, f"«{word}»: money promised only on a condition, or the "
                                               "rest of a commitment counted elsewhere"))
        off = cues_in(self.text, self.lang, max(ev.start, s - 120), s, "cancelled")
        if ev.type == "investment" and off:
            word = _as_written(self.text[max(ev.start, s - 120):s], off[-1])
            out.append(_c("cancelled", FAIL, f"«{word}» before the figure: a plan that is off or on hold"))
        past = cues_in(self.text, self.lang, self._before(ev, s, 40), min(ev.end, e + 30), "past_total")
        if ev.type == "investment" and past:
            word = _as_written(self.text[self._before(ev, s, 40):min(ev.end, e + 30)], past[0])
            out.append(_c("past_total", FAIL, f"«{word}» next to the figure: a total already spent, "
                                              "not a new commitment"))
        if ev.type in ("investment", "acquisition"):
            lo = self._before(ev, s, 160)
            cont = cues_in(self.text, self.lang, lo, s, "container")
            if not cont and cues_in(self.text, self.lang, e, min(ev.end, e + 16), "container"):
                lo, s = e, min(ev.end, e + 16)  # "a $75 million funding round"
                cont = cues_in(self.text, self.lang, lo, s, "container")
            if cont and not members(a.get("subject"))[1:]:
                w = _as_written(self.text[lo:s], cont[-1])
                out.append(_c("attribution", FAIL, f"«{w}» before the figure: a group's, round's or package's "
                                                   f"total, not {a.get('subject')}'s own"))
            got = cues_in(self.text, self.lang, lo, s, "receives")
            if got and ev.type == "investment":
                w = _as_written(self.text[lo:s], got[-1])
                out.append(_c("attribution", FAIL, f"«{w}» before the figure: {a.get('subject')} receives this "
                                                   "money (funding), it does not spend it"))
            rec = self._recipient(ev) or self._coordinated(ev) or self._seller(ev) or self._clause_actor(ev)
            if rec:
                out.append(_c("attribution", FAIL, rec))
            coll = cues_in(self.text, self.lang, max(ev.start, s - 40), min(ev.end, e + 40), "collective")
            owner = [c for c in cues_in(self.text, self.lang, e, min(ev.end, e + 30), "collective")
                     if not re.search(r"(?:\b(?:in|into|for|on)|(?<!\w)(?:في|على))\s+(?:the\s+)?\S*\s*$",
                                      fold(self.text[e:min(ev.end, e + 30)])[:c.start])]
            if owner and ev.type == "investment":  # "China's 4.5 trillion yuan insurance industry"
                out.append(_c("attribution", FAIL, "the figure is a market's, an industry's or an economy's"))
            elif coll and not self._mentioned(ev, a.get("subject") or "", a.get("subject_id")):
                out.append(_c("attribution", FAIL, "a world, industry or economy figure; "
                                                   f"the sentence does not name {a.get('subject')}"))
            subj0 = a.get("subject") if isinstance(a.get("subject"), str) else None
            lo_p, hi_p = max(0, ev.start - 300), min(len(self.text), ev.end + 300)
            for c in cues_in(self.text, self.lang, lo_p, hi_p, "with_partners") if subj0 and ev.type == "investment" else ():
                before = fold(self.text[max(0, lo_p + c.start - 30):lo_p + c.start])
                if fold(subj0.split()[0]) in before:
                    w = _as_written(self.text[lo_p:hi_p], c)
                    out.append(_c("attribution", FAIL, f"«{subj0.split()[0]} {w}» nearby: a plan shared with "
                                                       f"partners, not {subj0}'s alone"))
                    break
            grp = cues_in(self.text, self.lang, ev.start, s, "conglomerate")
            subj = a.get("subject")
            if grp and ev.type == "investment" and isinstance(subj, str) and not cues_in(subj, self.lang, 0, len(subj), "group_name"):
                w = _as_written(self.text[ev.start:s], grp[0])
                out.append(_c("attribution", FAIL, f"«{w}»: the sentence's actor is the whole group, not {subj}"))
            summed = cues_in(self.text, self.lang, max(ev.start, s - 30), s, "combined")
            if summed and ev.type == "investment" and members(a.get("subject"))[1:]:
                w = _as_written(self.text[max(ev.start, s - 30):s], summed[-1])
                out.append(_c("attribution", FAIL, f"«{w}»: the sum of several companies' own spending, "
                                                   "not one commitment"))
        return [c for c in out if c]

    def _before(self, ev: Event, s: int, cap: int) -> int:
        """Where the clause of a figure at ``s`` begins: after the previous money figure of the
        sentence, at most ``cap`` characters back."""
        if self._figures is None:
            self._figures = {tuple(e.args["amount_span"]) for e in self.facts.events if e.args.get("amount_span")}
        figures = self._figures
        prev = [q.end for q in self._qs(ev.start, s) if q.kind == "money" and ev.start <= q.start and q.end <= s
                and (q.start, q.end) in figures]
        ending = [a for a in self._qs(ev.start, s) if a.kind == "money" and a.end == s]  # the figure at s
        prev = [p for p in prev if not any(a.start <= p <= a.end for a in ending)]
        return max([ev.start, s - cap] + prev)

    def _recipient(self, ev: Event) -> str | None:
        """The subject is only named as the receiver of money ("a funding round of X", "in X")."""
        a = ev.args
        subj, sid = a.get("subject") or "", a.get("subject_id")
        spots = [(s, e) for s, e, ent in self._ms(ev.start, ev.end) if ev.start <= s < ev.end
                 and (ent.name == subj or (sid and ent.kb_id == sid))]
        if not spots:
            return None
        for s, _ in spots:
            if not cues_in(self.text, self.lang, max(ev.start, s - 16), s, "recipient") or \
                    not self._ends_with_cue(max(ev.start, s - 16), s):
                return None
        return f"{subj} is named only as a receiver of the money or a partner in this sentence"

    def _clause_actor(self, ev: Event) -> str | None:
        """"X expects to spend $8.8 bn, while the ministry said the country will invest 280 bn yuan": a
        figure after a clause break belongs to that clause's actor unless the clause names the subject."""
        a = ev.args
        s_amt = (a.get("amount_span") or [ev.end])[0]
        seg = self.text[ev.start:s_amt]
        brk = [m.end() for m in re.finditer(r";|\s(?:while|whereas|but)\s|(?<!\w)(?:فيما|بينما|في حين)\s", seg)]
        if not brk:
            return None
        lo = ev.start + brk[-1]
        subj, sid = a.get("subject") or "", a.get("subject_id")
        names = set(members(subj))
        inside = [(ms, me, ent) for ms, me, ent in self._ms(lo, s_amt) if lo <= ms and me <= s_amt]
        if any(ent.name in names or (isinstance(sid, str) and ent.kb_id == sid) for _, _, ent in inside):
            return None
        other = [ent.name for _, _, ent in inside if ent.type in ("ORG", "PERSON")]
        if other:
            return f"the figure's clause names {other[0]}, not {subj}"
        if self.lang == "en" and re.search(r"\b(?:the country|the government|the state|[A-Z][a-z]+'s (?:Ministry|government))\b",
                                           self.text[lo:s_amt]):
            return f"the figure's clause is about a country or government, not {subj}"
        return None

    def _seller(self, ev: Event) -> str | None:
        """"buy out Vodafone's 45 percent stake for $130 billion": the stake's owner is paid, it does not spend."""
        a = ev.args
        subj, sid = a.get("subject") or "", a.get("subject_id")
        s_amt = (a.get("amount_span") or [ev.end])[0]
        for ms, me, ent in self._ms(ev.start, s_amt):
            if ev.start <= ms and me <= s_amt and (ent.name == subj or (sid and ent.kb_id == sid)):
                tail = self.text[me:min(s_amt, me + 60)]
                if re.match(r"^(?:\s+\S+){0,3}?\s*['’]s\b[^;]{0,40}?\bstake\b", tail):
                    return f"{subj} owns the stake being bought: it is paid, it does not spend"
        return None

    def _coordinated(self, ev: Event) -> str | None:
        """"Blackstone and Carlyle ... to invest $1 billion": a joint figure, not the first name's own."""
        a = ev.args
        if members(a.get("subject"))[1:]:
            return None
        subj, sid = a.get("subject") or "", a.get("subject_id")
        s_amt = (a.get("amount_span") or [ev.end])[0]
        orgs = [(s, e, ent) for s, e, ent in self._ms(ev.start, s_amt) if ev.start <= s and e <= s_amt and ent.type == "ORG"]
        for i, (s, e, ent) in enumerate(orgs):
            if not (ent.name == subj or (sid and ent.kb_id == sid)):
                continue
            for s2, e2, ent2 in orgs[i + 1:i + 2] + orgs[max(0, i - 1):i]:
                if ent2.name == subj:
                    continue
                lo, hi = (e, s2) if s2 > s else (e2, s)
                gap = self.text[lo:hi]
                if re.fullmatch(r"\s*(?:\S+\.UL\s*)?(?:\(\s*\S+\s*\)\s*)?(?:and|&|،?\s*و)\s*", gap) or \
                        (gap.strip() == "" and self.text[hi - 1:hi] == "و"):
                    return f"{subj} and {ent2.name} together: a joint figure, not {subj}'s own"
        return None

    def _ends_with_cue(self, lo: int, hi: int) -> bool:
        seg = fold(self.text[lo:hi]).rstrip(" \"'(«")
        seg = re.sub(r"\s+\S+'s$", "", seg)  # "from Britain's Vodafone"
        return any(c.end >= len(seg) - 1 for c in phrases.find(seg, _cues(self.lang if self.lang in ("ar", "en")
                                                                          else "en")) if c.cls == "recipient")

    def _propagate(self, evs: list[Event]) -> None:
        """A figure that continues a group's total in the same sentence ("..., starting with $100 bn
        at once") is that group's too."""
        for i, ev in enumerate(evs):
            bad = [c for c in ev.args.get("checks", []) if c.get("name") == "attribution" and c["status"] == FAIL
                   and "total" in c["reason"]]
            if not bad or not ev.args.get("amount_span"):
                continue
            end = ev.args["amount_span"][1]
            for nxt in evs[i + 1:]:
                sp = nxt.args.get("amount_span")
                if nxt.start != ev.start or not sp or sp[0] < end or nxt.type not in ("investment", "acquisition"):
                    continue
                if any(end <= s and e <= sp[0] for s, e, ent in self._ms(end, sp[0]) if ent.type == "ORG"):
                    break
                if not any(c.get("name") == "attribution" for c in nxt.args["checks"]):
                    nxt.args["checks"].append(_c("attribution", FAIL, "continues the group total stated before it "
                                                                      "in the same sentence"))
                end = sp[1]

    def _fx_stated(self, q: Quantity) -> dict:
        year = self.year or fx.latest_year()
        ref = fx.rate(q.unit, year)
        if ref is None:
            return _c("fx", WARN, f"no reference rate for {q.unit}")
        r = ref[0]
        stated = q.fx.get("rate") or 0
        off = abs(stated / r - 1) if r else 1.0
        t = self.t["fx"]
        st = FAIL if off > t["fail_ratio"] else WARN if off > t["warn_ratio"] else PASS
        return _c("fx", st, f"stated {stated:.4g} USD per {q.unit}; reference {r:.4g} ({ref[1]}): "
                            f"{off:.0%} apart", reference_usd=round(q.value * r, 2))

    def _magnitude(self, ev: Event, q: Quantity | None) -> dict | None:
        m = self.t["magnitude"].get(ev.type)
        usd = ev.args.get("usd")
        if not m or usd is None:
            return None
        usd = abs(float(usd))
        if usd < m["min_usd"]:
            return _c("magnitude", FAIL, f"${usd:,.0f} is too small for a {ev.type}")
        if usd >= m["max_usd"] and len(members(ev.args.get("subject"))) <= 1:
            return _c("magnitude", FAIL, f"${usd / 1e12:,.2f} tn by one company is not plausible "
                                         "(a misread year or scale, or someone else's total)")
        big = [x.usd for x in self._qs(ev.start, ev.end) if x.kind == "money" and x.usd and ev.start <= x.start < ev.end]
        if big and max(big) / max(usd, 1) >= m["neighbour_ratio"]:
            return _c("magnitude", FAIL, f"${usd:,.0f} next to ${max(big):,.0f} in the same sentence: "
                                         "a price or a misread, not this figure")
        return _c("magnitude", PASS, f"${usd:,.0f} is plausible for a {ev.type}")

    def _parts(self, evs: list[Event]) -> None:
        """A total and its own parts: the parts are marked and not summed with the total."""
        tol = self.t["parts"]["tolerance"]
        groups: dict[tuple, list[Event]] = {}
        for ev in evs:
            if ev.type in ("investment", "forecast") and ev.args.get("usd") and ev.args.get("subject") \
                    and ev.args.get("qualifier") not in ("range_from", "range_to"):
                if any(c.get("name") == "fx" and c.get("conversion_of") for c in ev.args["checks"]):
                    continue
                groups.setdefault((ev.type, " + ".join(members(ev.args["subject"]))), []).append(ev)
        for group in groups.values():
            if len(group) < 2:
                continue
            for i, x in enumerate(group):  # "$7.3bn ..., of which $1.5bn": a part of the figure before it
                s = x.args["amount_span"][0]
                prev = [y for y in group[:i] if y.start == x.start and abs(y.args["usd"]) > abs(x.args["usd"])]
                if prev and cues_in(self.text, self.lang, max(x.start, s - 25), s, "includes"):
                    x.args["checks"].append(_c("parts", WARN, f"part of {prev[-1].args['usd'] / 1e9:g} bn "
                                                              "stated before it (counted once, with it)",
                                               part_of=prev[-1].args["amount_span"]))
            vals = sorted(group, key=lambda x: abs(x.args["usd"]))
            for total in reversed(vals):
                t = abs(total.args["usd"])
                smaller = [x for x in vals if abs(x.args["usd"]) < t * (1 - tol)]
                parts = _subset_sum(smaller, t, tol) if len(smaller) <= 12 else None
                marked = "sum"
                if not parts:
                    # "its total ... rises to X": the other figures of the sentence are parts of it
                    s = total.args["amount_span"][0]
                    if cues_in(self.text, self.lang, self._before(total, s, 100), s, "total"):
                        parts = [x for x in smaller if x.start == total.start]
                        marked = "total"
                if not parts:
                    continue
                names = ", ".join(f"{x.args['usd'] / 1e9:g} bn" for x in parts)
                total.args["checks"].append(_c(
                    "parts", PASS, f"total of {names}" if marked == "sum" else f"a total that includes {names}"))
                for x in parts:
                    if any(c.get("name") == "parts" and c.get("part_of") for c in x.args["checks"]):
                        continue
                    x.args["checks"].append(_c("parts", WARN, f"part of the total {t / 1e9:g} bn "
                                                              "(counted once, with the total)",
                                               part_of=total.args["amount_span"]))

    # --- everyone --------------------------------------------------------------------------
    def _subject_checks(self, ev: Event) -> list[dict]:
        a = ev.args
        subj = a.get("subject")
        if not subj:
            return []
        names = members(subj) if isinstance(subj, str) else [str(s) for s in subj]
        bad = [n for n in names if is_generic(n, self.lang)]
        if bad:
            return [_c("subject", FAIL, f"«{bad[0]}» is not a name")]
        if ev.type not in ("stock_move", "investment", "acquisition"):
            return []
        span = a.get("subject_span")
        if isinstance(span, (list, tuple)) and len(span) == 2 and all(isinstance(x, int) for x in span):
            # the events step says where it read the subject: that span must be in the evidence, and
            # for a move before the percentage
            inside = ev.start <= span[0] and span[1] <= ev.end
            before = not a.get("percent_span") or span[1] <= a["percent_span"][0]
            if inside and before:
                return [_c("subject", PASS, f"the evidence names {subj} at {span[0]}–{span[1]}")]
        ids = a.get("subject_id") if isinstance(a.get("subject_id"), list) else [a.get("subject_id")] * len(names)
        named = [n for n, i in zip(names, ids + [None] * len(names)) if self._mentioned(ev, n, i)]
        if named and ev.type == "stock_move" and a.get("percent_span"):
            before = [n for n, i in zip(names, ids + [None] * len(names))
                      if self._mentioned(Event(ev.type, ev.start, a["percent_span"][0], {}), n, i)]
            if not before:
                return [_c("subject", FAIL, f"{named[0]} is named only after the move: whose shares moved is "
                                            "not said before it")]
        if named:
            return [_c("subject", PASS, f"the evidence names {named[0]}")]
        hi = (a.get("percent_span") or a.get("amount_span") or [ev.end])[0]
        other = self._other_company(ev, set(names), ev.start, hi)
        # money and moves are credited only to a company the evidence sentence itself names
        if other:
            return [_c("subject", FAIL, f"the evidence names {other}, not {subj}")]
        return [_c("subject", FAIL, f"{subj} comes from the context: the sentence names no company")]

    def _confidence(self, ev: Event) -> list[dict]:
        c = ev.args.get("confidence")
        if not isinstance(c, (int, float)):
            return []
        t = self.t["confidence"]
        st = FAIL if c < t["fail_below"] else WARN if c < t["warn_below"] else PASS
        return [_c("confidence", st, f"extractor confidence {c:.2f}")]

    def _topics(self, ev: Event) -> list[dict]:
        found = self._span_topics.get((ev.start, ev.end))
        if found is None:  # events of one sentence share their span: tagged once (read only below)
            found = self._span_topics[(ev.start, ev.end)] = topics.tag(self.text[ev.start:ev.end], self.lang)
        out = topics.as_list(found)
        for t, ws in self.doc_topics.items():
            if t not in found and ws["n"] >= 2:
                out.append({"topic": t, "evidence": ws["words"][:5], "via": "document"})
        return out


def _as_written(segment: str, cue: phrases.Cue) -> str:
    """The cue's words as the text writes them (folding keeps offsets unless it deleted marks)."""
    folded = fold(segment)
    if len(folded) == len(segment):
        return segment[cue.start:cue.end]
    return folded[cue.start:cue.end]


def _c(name: str, status: str, reason: str, **extra) -> dict:
    return {"name": name, "status": status, "reason": reason, **extra}


def _subset_sum(items: list[Event], total: float, tol: float) -> list[Event] | None:
    """Two or more of ``items`` whose USD values add up to ``total`` (within ``tol``)."""
    n = len(items)
    best = None
    for mask in range(1, 1 << n):
        if mask & (mask - 1) == 0:
            continue  # a single figure is not a sum
        s = sum(abs(items[i].args["usd"]) for i in range(n) if mask >> i & 1)
        if abs(s - total) <= tol * total:
            chosen = [items[i] for i in range(n) if mask >> i & 1]
            if best is None or len(chosen) > len(best):
                best = chosen
    return best


def _date(value: str | None) -> dt.date | None:
    m = re.search(r"(\d{4})-(\d{1,2})-(\d{1,2})", value or "")
    if not m:
        return None
    try:
        return dt.date(int(m[1]), int(m[2]), int(m[3]))
    except ValueError:
        return None
