"""The extraction pipeline: ordered, named, versioned steps over one document.

Steps run in a fixed order (quantities → fx → entities → events → key points);
each reads what earlier steps left on the ``Facts`` and adds its own layer.
The reference date comes from the document (``published_at``), never the clock.
"""
from __future__ import annotations

from marsad.model import Document, Facts
from marsad.normalize import detect_lang, normalize
from marsad import fx
from marsad.extractors import brief, entities, events, quantities

STEPS = [quantities, fx, entities, events, brief]


def extract(text: str, lang: str | None = None, doc_id: str = "doc",
            published_at: str | None = None) -> Facts:
    """Extract every fact from ``text``; ``lang`` ('ar'/'en') is detected when omitted."""
    return extract_document(Document(doc_id=doc_id, text=text, lang=lang,
                                     published_at=published_at))


def extract_document(doc: Document, steps=None) -> Facts:
    """Run the pipeline over ``doc`` and return its Facts (offsets into ``doc.text``).

    ``steps`` limits the run to a prefix of ``STEPS`` (e.g. quantities only, for benchmarks).
    """
    text = doc.text if isinstance(doc.text, str) else str(doc.text)
    lang = doc.lang if doc.lang in ("ar", "en") else detect_lang(text)
    facts = Facts(doc_id=doc.doc_id, lang=lang, text=text)
    norm = normalize(text)
    for step in (STEPS if steps is None else steps):
        step.run(facts, norm, doc)
        facts.extractors[step.NAME] = step.VERSION
    return facts
