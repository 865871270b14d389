"""Regulation and analyst views: who restricts whom, and what observers think.

Both work on one sentence's context from ``events`` (its cues, mentions and the
document's main subject); they are not scored by the evaluation but are kept as
typed, grounded events for analysts.
"""
from __future__ import annotations

from marsad.model import Event

AUTHORITIES = {"regulator", "ministry", "government"}
SOURCES = {"research_firm", "bank", "broker", "media"}


def regulation(ctx) -> list[Event]:
    """An authority acting on companies or products: export bans, restrictions, guidance."""
    acts = [c for c in ctx.cues if c.cls == "regulation"]
    if not acts:
        return []
    act = acts[0]
    authorities = [m for m in ctx.ments if m.ent.attrs.get("category") in AUTHORITIES]
    if not authorities:
        return []
    authority = min(authorities, key=lambda m: abs(m.start - act.start)).ent
    targets = [m.ent for m in ctx.ments if m.ent is not authority and m.ent.type in ("ORG", "PRODUCT")
               and m.ent.attrs.get("category") not in AUTHORITIES and m.start >= act.start]
    if not targets:
        targets = [m.ent for m in ctx.ments if m.ent is not authority and m.ent.type in ("ORG", "PRODUCT")
                   and m.ent.attrs.get("category") not in AUTHORITIES]
    if not targets:
        return []
    return [ctx._event("regulation", {"authority": authority.name, "authority_id": authority.kb_id,
                                      "target": targets[0].name, "target_id": targets[0].kb_id,
                                      "action": act.sub, "cue_span": [act.start, act.end]})]


def analyst_view(ctx) -> list[Event]:
    """An analyst, research firm or bank saying something about a company, with its stance."""
    if not [c for c in ctx.cues if c.cls == "opinion"]:
        return []
    source = None
    for m in ctx.ments:
        cat = m.ent.attrs.get("category")
        role = str(m.ent.attrs.get("role") or "")
        if cat in SOURCES - {"media"} or (m.ent.type == "PERSON" and "analyst" in role.lower()):
            source = m
            break
    if source is None:
        return []
    # a bank or broker speaks for itself as often as about others ("Bank of America said it is ready to
    # settle"): its words are a view only when the sentence says an analyst speaks (cue class
    # ``analyst``: "analyst", «محلل») or the source is a research firm or an analyst
    if source.ent.attrs.get("category") in {"bank", "broker"} and not any(c.cls == "analyst" for c in ctx.cues):
        return []
    subjects = [m.ent for m in ctx.ments if m is not source and m.ent.type == "ORG"
                and m.ent.attrs.get("category") not in SOURCES | AUTHORITIES]
    subject = subjects[0] if subjects else ctx.main
    if subject is None or subject is source.ent or subject.name == source.ent.name:
        return []  # a firm on itself («بنك الرياض» on its own prize) is its own statement, not a view
    pos = sum(1 for c in ctx.cues if c.cls == "positive")
    neg = sum(1 for c in ctx.cues if c.cls == "negative")
    stance = "positive" if pos > neg else "negative" if neg > pos else "neutral"
    text = ctx.facts.text
    q = ctx.pat.quote.search(text, ctx.ss, ctx.se)
    quote = [q.start(1), q.end(1)] if q else [ctx.ss, ctx.se]
    return [ctx._event("analyst_view", {"source": source.ent.name, "source_id": source.ent.kb_id,
                                        "subject": subject.name, "subject_id": subject.kb_id,
                                        "stance": stance, "quote_span": quote})]
