"""The extraction pipeline: ordered, declared, versioned steps over one document.

Each step says what it reads (``requires``) and what it writes (``assigns``), as spaCy's
components do; the order is checked once at import. A step's version is a hash of its
code (the modules it runs) and of the data files it reads, per language, so a stored
document is re-extracted exactly when something its language's facts depend on changed.
The reference date comes from the document (``published_at``), never the clock.
"""
from __future__ import annotations

import hashlib
import importlib.util
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Callable, Iterable, Iterator

from marsad.model import Document, Facts
from marsad.normalize import Normalized, detect_lang, normalize
from marsad import fx
from marsad.extractors import asof, brief, checks, entities, events, quantities

LANGS = ("ar", "en")
_COMMON_CODE = ("marsad.model", "marsad.normalize", "marsad.lexicon", "marsad.pipeline")
_KB = ("kb/orgs.yaml", "kb/products.yaml", "kb/people.yaml")


@dataclass(frozen=True)
class Step:
    """One pipeline step: what it reads and writes, and what its version is made of.

    ``code`` are module names; ``data`` are package paths, with ``{lang}`` for the
    document's language. ``version(lang)`` changes whenever any of them does.
    """

    name: str
    run: Callable[[Facts, object, Document], None]
    requires: tuple[str, ...]
    assigns: tuple[str, ...]
    code: tuple[str, ...]
    data: tuple[str, ...] = ()

    # the names earlier code used; kept as properties, not as a second API
    @property
    def NAME(self) -> str:  # noqa: N802
        return self.name

    def version(self, lang: str) -> str:
        """``<12 hex>``: the hash of this step's code and its data for ``lang``."""
        # kept on the step (its instance dict: the step is frozen), so that stamping a document
        # does not hash the whole step seven times (_version's cache key) for each document
        known = self.__dict__.setdefault("_versions", {})
        v = known.get(lang)
        if v is None:
            v = known[lang] = _version(self, lang)
        return v


@lru_cache(maxsize=None)
def _version(step: Step, lang: str) -> str:
    h = hashlib.sha256()
    for mod in _COMMON_CODE + step.code:
        spec = importlib.util.find_spec(mod)
        if spec is None or not spec.origin:
            raise RuntimeError(f"pipeline step {step.name}: module {mod} not found")
        h.update(mod.encode() + b"\0")
        with open(spec.origin, "rb") as fh:
            h.update(fh.read())
    root = resources.files("marsad")
    for path in step.data:
        rel = path.format(lang=lang)
        f = root.joinpath(rel)
        h.update(rel.encode() + b"\0")
        h.update(f.read_bytes() if f.is_file() else b"<absent>")
    return h.hexdigest()[:12]


STEPS: list[Step] = [
    Step("quantities", quantities.run, requires=("text",), assigns=("quantities",),
         code=("marsad.extractors.quantities", "marsad.extractors.patterns", "marsad.spans", "marsad.normalize"),
         data=("lang/{lang}/numbers.yaml", "lang/{lang}/currencies.yaml", "lang/common/currencies.yaml",
               "lang/{lang}/quantity_cues.yaml")),
    Step("fx", fx.run, requires=("quantities",), assigns=("quantities.usd", "quantities.fx"),
         code=("marsad.fx", "marsad.extractors.patterns", "marsad.dates", "marsad.normalize"),
         data=("kb/fx_rates.csv", "lang/{lang}/quantity_cues.yaml")),
    Step("entities", entities.run, requires=("text",), assigns=("entities",),
         code=("marsad.extractors.entities", "marsad.extractors.entities_en", "marsad.extractors.names",
               "marsad.extractors.gazetteer", "marsad.extractors.patterns", "marsad.extractors.phrases",
               "marsad.extractors.tickers", "marsad.extractors.wordscan", "marsad.extractors.doccache", "marsad.kb",
               "marsad.spans", "marsad.normalize",
               # wordscan shares one scan with the events step's cue automaton
               "marsad.extractors.events", "marsad.extractors.roles", "marsad.extractors.opinions",
               "marsad.extractors.sentences", "marsad.extractors.asof", "marsad.actors"),
         data=("lang/{lang}/entity_cues.yaml", "lang/{lang}/ticker_patterns.yaml", "lang/{lang}/names.yaml",
               "lang/{lang}/event_cues.yaml") + _KB),
    Step("names_as_of", asof.run, requires=("entities",), assigns=("entities.name",),
         code=("marsad.extractors.asof",), data=("kb/renames.yaml",)),
    Step("events", events.run, requires=("quantities", "quantities.usd", "entities", "entities.name"),
         assigns=("events", "candidates"),
         code=("marsad.extractors.events", "marsad.extractors.roles", "marsad.extractors.opinions",
               "marsad.extractors.phrases", "marsad.extractors.sentences", "marsad.extractors.wordscan",
               "marsad.extractors.doccache", "marsad.extractors.asof", "marsad.kb", "marsad.actors",
               "marsad.extractors.entities", "marsad.extractors.entities_en", "marsad.extractors.names",
               "marsad.extractors.gazetteer", "marsad.extractors.patterns", "marsad.extractors.tickers",
               "marsad.normalize", "marsad.spans"),
         data=("lang/{lang}/event_cues.yaml", "lang/{lang}/event_patterns.yaml", "lang/{lang}/entity_cues.yaml",
               "lang/{lang}/names.yaml",
               "lang/common/event_rules.yaml", "lang/common/sentences.yaml", "kb/makers.yaml") + _KB),
    Step("checks", checks.step, requires=("quantities", "entities", "events"),
         assigns=("events.checks", "events.topics", "events.measure", "candidates"),
         code=("marsad.extractors.checks", "marsad.extractors.topics", "marsad.actors", "marsad.fx",
               "marsad.extractors.phrases", "marsad.kb", "marsad.dates", "marsad.extractors.patterns",
               "marsad.extractors.roles", "marsad.normalize"),
         data=("lang/common/checks.yaml", "lang/{lang}/check_cues.yaml", "lang/{lang}/topics.yaml",
               "lang/common/event_rules.yaml",
               "kb/actor_kinds.yaml", "kb/listings.yaml", "kb/fx_rates.csv") + _KB),
    Step("brief", brief.run, requires=("quantities", "events"), assigns=("key_points",),
         code=("marsad.extractors.brief", "marsad.extractors.sentences", "marsad.extractors.doccache"),
         data=("lang/common/sentences.yaml",)),
]


def _check_order(steps: list[Step]) -> None:
    """Every step's inputs are the text or something an earlier step assigns."""
    have = {"text"}
    for s in steps:
        missing = [r for r in s.requires if r not in have]
        if missing:
            raise RuntimeError(f"pipeline step {s.name} requires {missing}, which no earlier step assigns")
        have.update(s.assigns)


_check_order(STEPS)
STEP_BY_NAME = {s.name: s for s in STEPS}


def versions(lang: str) -> dict[str, str]:
    """{step name: version} that the pipeline stamps on a document of ``lang``."""
    return {s.name: s.version(lang) for s in STEPS}


def extract(text: str, lang: str | None = None, doc_id: str = "doc",
            published_at: str | None = None) -> Facts:
    """Extract every fact from ``text``; ``lang`` ('ar'/'en') is detected when omitted."""
    return extract_document(Document(doc_id=doc_id, text=text, lang=lang,
                                     published_at=published_at))


def extract_document(doc: Document, steps: list[Step] | list[str] | None = None) -> Facts:
    """Run the pipeline over ``doc`` and return its Facts (offsets into ``doc.text``).

    ``steps`` limits the run to some steps, by name or Step (e.g. quantities only, for
    benchmarks); they must still find what they require.
    """
    facts, norm = _start(doc)
    lang = facts.lang
    chosen = STEPS if steps is None else [STEP_BY_NAME[s] if isinstance(s, str) else s for s in steps]
    if steps is not None:
        _check_order(chosen)
    for step in chosen:
        step.run(facts, norm, doc)
        facts.extractors[step.name] = step.version(lang)
    return facts


_BATCH_CHARS = 200_000  # a batch of ``extract_documents`` holds at most this many characters (one document at least)


_SURROGATE = re.compile("[\ud800-\udfff]")  # a lone surrogate: no character, cannot be written as UTF-8


def _text_of(doc: Document) -> str:
    """The document's text, with each lone surrogate (text decoded from JSON's "\\ud800" escape)
    replaced by U+FFFD, one code point for one, so every offset stays the same and the facts can be
    written as UTF-8."""
    text = doc.text if isinstance(doc.text, str) else str(doc.text)
    if text.isascii():
        return text  # (no surrogate; known without reading the text)
    try:
        text.encode("utf-8")  # fails on a lone surrogate only (several times faster than the regex search)
    except UnicodeEncodeError:
        return _SURROGATE.sub("\ufffd", text)
    return text


def _start(doc: Document) -> tuple[Facts, Normalized]:
    """An empty Facts for ``doc`` (its text, its language given or detected) and the normalised text."""
    text = _text_of(doc)
    lang = doc.lang if doc.lang in LANGS else detect_lang(text)
    return Facts(doc_id=doc.doc_id, lang=lang, text=text), normalize(text)


def extract_documents(docs: Iterable[Document], batch: int = 32) -> Iterator[Facts]:
    """``extract_document`` of each of ``docs``, in order, with the same facts; the steps run one
    after another over a batch of documents (at most ``batch`` of them and ``_BATCH_CHARS``
    characters) instead of every step over one document before the next. Each step's data (the
    knowledge base's automaton, the regex programs, the lexicons) then stays in the CPU caches
    from one document to the next: about 10-15% less CPU time on news articles
    (benchmarks/throughput.py, benchmarks/step_batches.py)."""
    todo: list[Document] = []
    chars = 0
    for doc in docs:
        todo.append(doc)
        chars += len(doc.text) if isinstance(doc.text, str) else 0
        if len(todo) >= max(1, batch) or chars >= _BATCH_CHARS:
            yield from _extract_batch(todo)
            todo, chars = [], 0
    if todo:
        yield from _extract_batch(todo)


def _extract_batch(docs: list[Document]) -> list[Facts]:
    todo = []
    for doc in docs:
        todo.append((*_start(doc), doc))
    for step in STEPS:
        for facts, norm, doc in todo:
            step.run(facts, norm, doc)
            facts.extractors[step.name] = step.version(facts.lang)
    return [facts for facts, _, _ in todo]


def extract_each(items: Iterable, batch: int = 32) -> Iterator[tuple[object, Facts | Exception | None]]:
    """For each of ``items``, in order: (the item, its Facts) for a Document, (the item, the
    exception) when its extraction raised one, and (the item, None) for anything else (a read
    error, passed through in its place). The facts are ``extract_document``'s; the documents are
    extracted as ``extract_documents`` extracts them, each step over a batch (at most ``batch``
    items and ``_BATCH_CHARS`` characters). A batch that raised is extracted again one document at
    a time, so a bad document costs only itself. For the shells that extract many documents
    (``marsad ingest`` workers, ``marsad extract``, the Spark runner)."""
    held: list = []
    docs: list[Document] = []
    chars = 0
    for item in items:
        held.append(item)
        if isinstance(item, Document):
            docs.append(item)
            chars += len(item.text) if isinstance(item.text, str) else 0
        if len(held) >= max(1, batch) or chars >= _BATCH_CHARS:
            yield from _each(held, docs)
            held, docs, chars = [], [], 0
    if held:
        yield from _each(held, docs)


def _each(held: list, docs: list[Document]) -> Iterator[tuple[object, Facts | Exception | None]]:
    try:
        done: list[Facts] | None = _extract_batch(docs) if docs else []
    except Exception:  # noqa: BLE001 - one by one below: the document that raised is told apart
        done = None
    k = 0
    for item in held:
        if not isinstance(item, Document):
            yield item, None
            continue
        if done is not None:
            out: Facts | Exception = done[k]
        else:
            try:
                out = extract_document(item)
            except Exception as e:  # noqa: BLE001 - handed to the caller, as extract_document would raise it
                out = e
        k += 1
        yield item, out
