"""Text + facts → highlighted HTML, built server-side with every text segment escaped.

Three layers of spans, outermost first: events (the sentence they are grounded
to, underlined; events sharing a sentence share one span), entity mentions
(ORG / PERSON / PRODUCT / ...), quantities (a colour per kind). Spans that
overlap without nesting are split at the crossing point, so the markup always
nests; every fragment of one fact carries the same ``data-fid`` and the first
one an ``id`` the facts tables link to. The text itself is only ever emitted
through ``markupsafe.escape``; attribute values are escaped too.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from markupsafe import Markup, escape

from marsad.model import Facts

PRIORITY = {"ev": 0, "ent": 1, "q": 2}


@dataclass
class Span:
    start: int
    end: int
    layer: str              # "ev" | "ent" | "q"
    fid: str                # fact id shared by all fragments: q3, e1-0, v0
    tag: str
    classes: str
    attrs: dict[str, Any] = field(default_factory=dict)
    order: int = 0

    def key(self):
        return (self.start, -self.end, PRIORITY[self.layer], self.order)

    def open(self, first: bool) -> str:
        parts = [f'<{self.tag} class="{self.classes}" data-fid="{self.fid}"']
        if first:
            parts.append(f' id="f-{self.fid}"')
        if self.layer != "ev":
            parts.append(' tabindex="0"')
        for k, v in self.attrs.items():
            if v is None or v == "":
                continue
            parts.append(f' data-{k}="{escape(plain(v))}"')
        return "".join(parts) + ">"

    def close(self) -> str:
        return f"</{self.tag}>"


def plain(v: Any) -> str:
    """A value as it goes in a data-* attribute: whole floats without '.0'."""
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, float):
        if v.is_integer() and abs(v) < 1e18:
            return str(int(v))
        return f"{v:.10g}"
    if isinstance(v, (list, tuple)):
        return ", ".join(plain(x) for x in v)
    return str(v)


def spans_of(facts: Facts) -> list[Span]:
    """Every highlightable span of ``facts``, clipped to the text."""
    n = len(facts.text)
    out: list[Span] = []
    by_sentence: dict[tuple[int, int], list[int]] = {}
    for i, ev in enumerate(facts.events):
        by_sentence.setdefault((ev.start, ev.end), []).append(i)
    for (s, e), idx in by_sentence.items():
        evs = [facts.events[i] for i in idx]
        out.append(Span(s, e, "ev", "v" + "-".join(map(str, idx)), "span", "ev", {
            "events": " ".join(ev.type for ev in evs),
            "subjects": "; ".join(sorted({str(ev.args.get("subject", "?")) for ev in evs})),
            "summary": " | ".join(event_summary(ev) for ev in evs),
            "extractor": evs[0].extractor}, order=idx[0]))
    for i, ent in enumerate(facts.entities):
        tickers = ent.attrs.get("tickers") or ent.attrs.get("ticker")
        for j, (s, e) in enumerate(ent.mentions):
            out.append(Span(s, e, "ent", f"e{i}-{j}", "span", f"ent ent-{css_token(ent.type)}", {
                "name": ent.name, "type": ent.type, "kb": ent.kb_id, "ticker": tickers,
                "country": ent.attrs.get("country"), "extractor": ent.extractor}, order=i))
    for i, q in enumerate(facts.quantities):
        fx = q.fx or {}
        out.append(Span(q.start, q.end, "q", f"q{i}", "mark", f"q q-{css_token(q.kind)}", {
            "kind": q.kind, "value": q.value, "value-max": q.value_max, "unit": q.unit,
            "qualifier": q.qualifier, "usd": q.usd, "fx-rate": fx.get("rate"),
            "fx-method": fx.get("method"), "fx-year": fx.get("year"), "fx-source": fx.get("source"),
            "extractor": q.extractor}, order=i))
    return [sp for sp in out if 0 <= sp.start < sp.end <= n]


def event_summary(ev) -> str:
    a = ev.args
    bits = [f"{k}={plain(a[k])}" for k in ("subject", "product", "target", "counterparty", "metric",
                                           "change_pct", "value", "currency", "usd", "price")
            if a.get(k) not in (None, "")]
    return f"{ev.type}: " + ", ".join(bits)


def css_token(s: str | None) -> str:
    """A safe CSS class fragment (letters, digits, '-', '_')."""
    return "".join(c if c.isascii() and (c.isalnum() or c in "-_") else "_" for c in (s or "x").lower())


def highlight(facts: Facts) -> Markup:
    """The text of ``facts`` as HTML with nested highlight elements (safe to embed)."""
    return render(facts.text, spans_of(facts))


def render(text: str, spans: list[Span]) -> Markup:
    """Escape ``text`` segment by segment, opening and closing ``spans`` so they nest."""
    starts: dict[int, list[Span]] = {}
    ends: dict[int, list[Span]] = {}
    for sp in spans:
        starts.setdefault(sp.start, []).append(sp)
        ends.setdefault(sp.end, []).append(sp)
    points = sorted({0, len(text), *starts, *ends})
    out: list[str] = []
    stack: list[Span] = []
    active: set[int] = set()
    opened: set[int] = set()
    by_id = {id(sp): sp for sp in spans}
    for p, nxt in zip(points, points[1:]):
        for sp in ends.get(p, ()):
            active.discard(id(sp))
        for sp in starts.get(p, ()):
            active.add(id(sp))
        desired = sorted((by_id[i] for i in active), key=Span.key)
        k = 0
        while k < len(stack) and k < len(desired) and stack[k] is desired[k]:
            k += 1
        for sp in reversed(stack[k:]):
            out.append(sp.close())
        stack = stack[:k]
        for sp in desired[k:]:
            out.append(sp.open(first=id(sp) not in opened))
            opened.add(id(sp))
            stack.append(sp)
        out.append(str(escape(text[p:nxt])))
    for sp in reversed(stack):
        out.append(sp.close())
    return Markup("".join(out))
