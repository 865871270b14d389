"""Typed events grounded to their sentence: who did what, for how much.

Within a sentence each money or percentage figure is typed by the nearest cue
before it (stock, metric, investment, forecast, acquisition): the same rule in
every language, the cue words come from ``lang/<lang>/event_cues.yaml``. The
subject is the nearest organisation or person before the figure (people map to
their company), else the document's main subject. Launches, acquisitions and
supply deals are read from their cue verb and the names around it.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from marsad.extractors import phrases, sentences
from marsad.extractors.phrases import Cue
from marsad.kb import OBSERVER_CATEGORIES, knowledge_base
from marsad.lexicon import load_yaml
from marsad.model import Document, Entity, Event, Facts, Quantity
from marsad.normalize import Normalized

NAME = "events"
VERSION = "1.0"
EXTRACTOR = f"{NAME}.v{VERSION}"

AMOUNT_CLASSES = ("stock", "index", "metric", "investment", "forecast", "acquisition")
_NEAR_AFTER = 24  # a cue right after a figure ("a $5bn investment") also types it


@dataclass(slots=True)
class Ment:
    start: int
    end: int
    ent: Entity


@lru_cache(maxsize=None)
def _automaton(lang: str):
    data = load_yaml(f"lang/{lang}/event_cues.yaml", "event_cues")
    triples = []
    for cls, words in data.items():
        if cls == "metrics":
            for metric, ws in words.items():
                triples += [(w, "metric", metric) for w in ws]
        else:
            triples += [(w, cls, None) for w in words]
    return phrases.build(triples)


def run(facts: Facts, norm: Normalized, doc: Document) -> None:
    """Add typed events to ``facts.events``."""
    cues_all = phrases.find(norm.text, _automaton(facts.lang))
    for c in cues_all:
        c.start, c.end = norm.span_to_raw(c.start, c.end)
    ments = sorted((Ment(s, e, ent) for ent in facts.entities for s, e in ent.mentions
                    if ent.type in ("ORG", "PERSON", "PRODUCT")), key=lambda m: m.start)
    main = _main(facts, ments)
    conversions = {tuple(q.fx["evidence"]) for q in facts.quantities if q.fx and q.fx.get("method") == "stated"}
    qs = [q for q in facts.quantities if q.kind in ("money", "percent") and (q.start, q.end) not in conversions]
    events: list[Event] = []
    ci = mi = qi = 0
    for ss, se in sentences.split(facts.text):
        s_cues = [c for c in cues_all if ss <= c.start < se]
        s_ments = [m for m in ments if ss <= m.start < se]
        s_qs = [q for q in qs if ss <= q.start < se]
        if not s_cues:
            continue
        ctx = _Sentence(facts, ss, se, s_cues, s_ments, s_qs, main)
        events.extend(ctx.amount_events())
        events.extend(ctx.launches())
        events.extend(ctx.acquisitions())
        events.extend(ctx.supply_deals())
    facts.events.extend(_dedupe(events))


def _main(facts: Facts, ments: list[Ment]) -> Entity | None:
    return next((e for e in facts.entities if e.attrs.get("main_subject")), None)


def _dedupe(events: list[Event]) -> list[Event]:
    seen = set()
    out = []
    for ev in events:
        a = ev.args
        key = (ev.type, a.get("subject"), round(float(a.get("usd") or a.get("value") or 0), -6),
               a.get("change_pct"), a.get("product"), a.get("target"), a.get("counterparty"), a.get("metric"))
        if key in seen:
            continue
        seen.add(key)
        out.append(ev)
    return out


class _Sentence:
    """The cues, mentions and figures of one sentence."""

    def __init__(self, facts, ss, se, cues, ments, qs, main):
        self.facts, self.ss, self.se = facts, ss, se
        self.cues, self.ments, self.qs, self.main = cues, ments, qs, main
        self.kb = knowledge_base()

    # --- helpers ---------------------------------------------------------------
    def _has(self, cls: str, start: int, end: int) -> list[Cue]:
        return [c for c in self.cues if c.cls == cls and start <= c.start and c.end <= end]

    def _anchor(self, q: Quantity) -> Cue | None:
        before = [c for c in self.cues if c.cls in AMOUNT_CLASSES and c.end <= q.start]
        if before:
            return max(before, key=lambda c: (c.end, c.cls == "metric"))
        after = [c for c in self.cues if c.cls in AMOUNT_CLASSES and q.end <= c.start <= q.end + _NEAR_AFTER]
        return min(after, key=lambda c: c.start) if after else None

    def _eligible(self, m: Ment, allow_person: bool = True) -> bool:
        if m.ent.type == "PRODUCT":
            return False
        if m.ent.type == "PERSON":
            return allow_person
        return m.ent.attrs.get("category") not in OBSERVER_CATEGORIES

    def _subject(self, pos: int, floor: int | None = None) -> Entity | None:
        """Nearest actor before ``pos`` (a person stands for their company), else the main subject."""
        lo = self.ss if floor is None else floor
        cands = [m for m in self.ments if lo <= m.start and m.end <= pos and self._eligible(m)]
        if cands:
            return self._org_of(cands[-1].ent)
        return self.main

    def _org_of(self, ent: Entity) -> Entity:
        if ent.type != "PERSON" or not ent.kb_id:
            return ent
        entry = self.kb.get(ent.kb_id)
        org = self.kb.org_of(entry) if entry else None
        if org is None:
            return ent
        return next((e for e in self.facts.entities if e.kb_id == org.id), Entity(org.name, "ORG", kb_id=org.id))

    def _negated(self, start: int, end: int) -> bool:
        return bool(self._has("negation", start, end))

    def _event(self, etype: str, args: dict) -> Event:
        return Event(type=etype, start=self.ss, end=self.se, args={k: v for k, v in args.items() if v is not None},
                     extractor=EXTRACTOR, text=self.facts.text[self.ss:self.se])

    @staticmethod
    def _amount(q: Quantity) -> dict:
        return {"value": q.value, "currency": q.unit, "usd": q.usd, "qualifier": q.qualifier,
                "amount_span": [q.start, q.end]}

    def _horizon(self, q: Quantity) -> dict | None:
        """The duration that goes with an amount: the first after it, else the last before it."""
        ds = [d for d in self.facts.quantities if d.kind == "duration" and self.ss <= d.start < self.se]
        after = [d for d in ds if q.end <= d.start <= q.end + 80]
        before = [d for d in ds if d.end <= q.start]
        d = after[0] if after else (before[-1] if before else None)
        return {"value": d.value, "unit": d.unit, "text": d.text} if d else None

    def _period(self) -> str | None:
        p = next((q for q in self.facts.quantities
                  if q.kind in ("fiscal_period", "year") and self.ss <= q.start < self.se), None)
        return p.text if p else None

    # --- figures: stock moves, metrics, investments, forecasts -----------------
    def amount_events(self) -> list[Event]:
        out: list[Event] = []
        last_move: Event | None = None
        prev_end = self.ss
        for q in self.qs:
            anchor = self._anchor(q)
            if self._has("comparison", max(prev_end, q.start - 30), q.start):
                prev_end = q.end
                continue  # "compared with 13 billion": a baseline, not a new fact
            if anchor is None or self._negated(max(self.ss, anchor.start - 30), anchor.start):
                prev_end = q.end
                continue
            if anchor.cls == "stock":
                if q.kind == "percent":
                    ev = self._stock_move(q, anchor, prev_end)
                    if ev:
                        out.append(ev)
                        last_move = ev
                elif q.kind == "money" and last_move is not None and "price" not in last_move.args:
                    last_move.args["price"] = q.value
                    last_move.args["price_currency"] = q.unit
            elif anchor.cls == "metric":
                ev = self._metric(q, anchor, prev_end)
                if ev:
                    out.append(ev)
            elif anchor.cls in ("investment", "forecast") and q.kind == "money":
                out.append(self._spend(q, anchor, prev_end))
            prev_end = q.end
        return out

    def _stock_move(self, q: Quantity, anchor: Cue, prev_end: int) -> Event | None:
        window = (max(anchor.start, prev_end), q.start)
        if self._has("unchanged", self.ss, self.se) and not self._has("move_up", *window) \
                and not self._has("move_down", *window):
            return None
        moves = [c for c in self.cues if c.cls in ("move_up", "move_down") and self.ss <= c.start < q.start]
        if not moves:
            moves = [c for c in self.cues if c.cls in ("move_up", "move_down") and q.end <= c.start < q.end + 20]
        if not moves:
            return None
        sign = -1.0 if moves[-1].cls == "move_down" else 1.0
        subject = self._subject(q.start, floor=prev_end if prev_end > self.ss else None)
        if subject is None:
            return None
        return self._event("stock_move", {"subject": subject.name, "subject_id": subject.kb_id,
                                          "change_pct": sign * abs(q.value), "percent_span": [q.start, q.end]})

    def _metric(self, q: Quantity, anchor: Cue, prev_end: int) -> Event | None:
        subject = self._subject(q.start)
        if subject is None:
            return None
        metric = anchor.sub or "metric"
        args = {"subject": subject.name, "subject_id": subject.kb_id, "metric": metric, "period": self._period()}
        between = (anchor.start, q.start)
        if q.kind == "percent":
            if self._has("decline", *between) or self._has("move_down", *between):
                sign = -1.0
            else:
                sign = 1.0
            if metric == "revenue":
                args["metric"] = "revenue_growth"
            args["change_pct"] = sign * abs(q.value)
            args["percent_span"] = [q.start, q.end]
        else:
            args.update(self._amount(q))
            if self._has("negative_amount", anchor.start, q.end):
                args["value"] = -abs(q.value)
                if q.usd is not None:
                    args["usd"] = -abs(q.usd)
        return self._event("financial_metric", args)

    def _spend(self, q: Quantity, anchor: Cue, prev_end: int) -> Event:
        etype = "investment"
        forecasts = [c for c in self.cues if c.cls == "forecast" and prev_end <= c.start and c.end <= q.start]
        if anchor.cls == "forecast":
            etype = "forecast"
        elif forecasts:
            f = forecasts[-1]
            if self._has("reach", f.end, q.start) or not self._has("investment", f.end, q.start):
                etype = "forecast"
        subject = self._subject(q.start)
        args = {"subject": subject.name if subject else None, "subject_id": subject.kb_id if subject else None}
        args.update(self._amount(q))
        args["horizon"] = self._horizon(q)
        return self._event(etype, args)

    # --- launches, acquisitions, supply deals ----------------------------------
    def launches(self) -> list[Event]:
        out = []
        for cue in (c for c in self.cues if c.cls == "launch"):
            if self._negated(max(self.ss, cue.start - 20), cue.start) or self._has("hedge", cue.start - 15, cue.start):
                continue
            nxt = [c.start for c in self.cues if c.cls == "launch" and c.start > cue.start]
            stop = min(nxt) if nxt else self.se
            products = [m for m in self.ments if m.ent.type == "PRODUCT" and cue.end <= m.start < min(stop, cue.end + 80)]
            for p in products[:3]:
                subject = self._launcher(cue, p)
                if subject is None:
                    continue
                out.append(self._event("product_launch", {"subject": subject.name, "subject_id": subject.kb_id,
                                                          "product": p.ent.name, "product_id": p.ent.kb_id}))
        return out

    def _launcher(self, cue: Cue, product: Ment) -> Entity | None:
        before = [m for m in self.ments if m.end <= cue.start and self._eligible(m)]
        after = [m for m in self.ments if cue.end <= m.start < product.start and self._eligible(m)]
        if after and self.facts.lang == "ar":  # verb-subject order: "كشفت علي بابا عن ..."
            return self._org_of(after[0].ent)
        if before:
            return self._org_of(before[-1].ent)
        if product.ent.kb_id:
            maker = self.kb.org_of(self.kb.get(product.ent.kb_id))
            if maker is not None:
                return next((e for e in self.facts.entities if e.kb_id == maker.id), Entity(maker.name, "ORG"))
        return self.main

    def acquisitions(self) -> list[Event]:
        out = []
        for cue in (c for c in self.cues if c.cls == "acquisition"):
            if self._negated(max(self.ss, cue.start - 20), cue.start):
                continue
            targets = [m for m in self.ments if m.ent.type == "ORG" and cue.end <= m.start < cue.end + 90]
            if not targets:
                continue
            target = targets[0].ent
            subject = self._subject(cue.start)
            if subject is None or subject.name == target.name:
                continue
            args = {"subject": subject.name, "subject_id": subject.kb_id, "target": target.name,
                    "target_id": target.kb_id, "year": self._period()}
            price = next((q for q in self.qs if q.kind == "money" and q.start > cue.start), None)
            if price is not None:
                args.update(self._amount(price))
            out.append(self._event("acquisition", args))
            break
        return out

    def supply_deals(self) -> list[Event]:
        out = []
        for cue in (c for c in self.cues if c.cls in ("supply_customer_first", "supply_supplier_first")):
            if self._negated(max(self.ss, cue.start - 20), cue.start):
                continue
            before = [m for m in self.ments if m.end <= cue.start and m.ent.type != "PERSON"]
            after = [m for m in self.ments if cue.end <= m.start < cue.end + 90 and m.ent.type != "PERSON"]
            if not before or not after:
                continue
            left, right = self._as_org(before[-1].ent), self._as_org(after[0].ent)
            if left is None or right is None or left.name == right.name:
                continue
            supplier, customer = (right, left) if cue.cls == "supply_customer_first" else (left, right)
            out.append(self._event("supply_deal", {"subject": supplier.name, "subject_id": supplier.kb_id,
                                                   "counterparty": customer.name,
                                                   "counterparty_id": customer.kb_id}))
        return out

    def _as_org(self, ent: Entity) -> Entity | None:
        if ent.type == "ORG":
            return ent
        if ent.type == "PRODUCT" and ent.kb_id:
            maker = self.kb.org_of(self.kb.get(ent.kb_id))
            if maker is not None:
                return next((e for e in self.facts.entities if e.kb_id == maker.id), Entity(maker.name, "ORG"))
        return None
