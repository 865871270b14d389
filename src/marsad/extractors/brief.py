"""Key points: the 3 to 5 sentences that carry the most salient facts (extractive).

A sentence scores by the events and figures grounded in it, with a small bonus
for naming the main subject and for coming early; the best are returned in
document order, each with the facts it carries.
"""
from __future__ import annotations

from bisect import bisect_right

from marsad.extractors import sentences
from marsad.model import Facts, KeyPoint

NAME = "brief"

EVENT_WEIGHTS = {"investment": 3.0, "acquisition": 3.0, "forecast": 2.0, "stock_move": 2.0,
                 "financial_metric": 2.0, "product_launch": 2.0, "supply_deal": 2.0}
QUANTITY_WEIGHTS = {"money": 0.6, "percent": 0.4}


MAX_POINT_CHARS = 1200  # longer than any news sentence: key points are sentences a reader can take in


def key_points(facts: Facts, limit: int = 5, minimum: int = 3) -> list[KeyPoint]:
    """The ``limit`` most salient sentences (at least ``minimum`` when the text has them)."""
    main = next((e for e in facts.entities if e.attrs.get("main_subject")), None)
    spans = sentences.split(facts.text)
    starts = [s for s, _ in spans]
    ev_at: dict[int, list[int]] = {}
    q_at: dict[int, list[int]] = {}
    for j, ev in enumerate(facts.events):
        ev_at.setdefault(bisect_right(starts, ev.start) - 1, []).append(j)
    for j, q in enumerate(facts.quantities):
        if q.kind in QUANTITY_WEIGHTS:
            q_at.setdefault(bisect_right(starts, q.start) - 1, []).append(j)
    main_starts = sorted(ms for ms, _ in main.mentions) if main is not None else []
    events, quantities = facts.events, facts.quantities
    scored = []  # (score, sentence number, start, end, event indices, quantity indices)
    for i, (s, e) in enumerate(spans):
        if e - s > MAX_POINT_CHARS:
            continue  # a run-on block (a table, an unbroken 2 MB line) is no sentence to show
        evs = ev_at.get(i, [])
        in_q = q_at.get(i)
        qs = [j for j in in_q if quantities[j].start < e] if in_q else []
        # (most sentences carry nothing: the sums are 0 then, as ``sum`` of nothing is)
        score = sum(EVENT_WEIGHTS.get(events[j].type, 1.0) for j in evs) if evs else 0
        if qs:
            score += sum(QUANTITY_WEIGHTS[quantities[j].kind] for j in qs)
        k = bisect_right(main_starts, e - 1) - 1
        if k >= 0 and main_starts[k] >= s:
            score += 0.5
        score += max(0.0, 1.0 - i * 0.2)
        if e - s < 25:
            score -= 2.0
        scored.append((score, i, s, e, evs, qs))
    ranked = sorted(scored, key=lambda k: -k[0])
    chosen = [k for k in ranked if k[4] or k[5]][:limit]
    if len(chosen) < minimum:
        have = {k[1] for k in chosen}
        chosen += [k for k in ranked if k[1] not in have][: minimum - len(chosen)]
    text = facts.text
    return [KeyPoint(s, e, text[s:e], score, evs, qs)
            for score, _, s, e, evs, qs in sorted(chosen[:limit], key=lambda k: k[2])]


def describe(facts: Facts, point: KeyPoint) -> dict:
    """A key point with readable lines for the facts under it."""
    lines = []
    for j in point.events:
        ev = facts.events[j]
        a = ev.args
        detail = ", ".join(f"{k}={_fmt(v)}" for k, v in a.items()
                           if k in ("product", "target", "counterparty", "metric", "change_pct", "value",
                                    "currency", "usd", "price"))
        fails = [c.get("reason", "") for c in a.get("checks") or () if c.get("status") == "fail"]
        flag = f" — flagged: {fails[0]}" if fails else ""  # kept, shown, left out of aggregates
        lines.append(f"{ev.type}: {a.get('subject', '?')} ({detail}){flag}")
    for j in point.quantities:
        q = facts.quantities[j]
        usd = f" ≈ ${_fmt(q.usd)}" if q.usd is not None and q.unit != "USD" else ""
        lines.append(f"{q.kind}: {_fmt(q.value)} {q.unit or ''}{usd}")
    return {"start": point.start, "end": point.end, "text": point.text, "score": round(point.score, 2),
            "facts": lines}


def run(facts: Facts, norm, doc) -> None:
    """Pipeline step: attach key points to the facts."""
    facts.key_points = key_points(facts)


def _fmt(v) -> str:
    if isinstance(v, float):
        if abs(v) >= 1e9:
            return f"{v / 1e9:,.2f}bn"
        if abs(v) >= 1e6:
            return f"{v / 1e6:,.2f}m"
        return f"{v:,.4g}"
    return str(v)
