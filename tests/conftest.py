"""Store fixtures: ``store`` runs each test on DuckDB and on a real PostgreSQL server.

PostgreSQL comes from tests/pg_server.py (``MARSAD_TEST_PG_URL`` or a throwaway
server started once per session). Without PostgreSQL binaries the postgres cases
are skipped locally and fail in CI (``CI`` set), where they must run.
"""
from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))


def pytest_configure(config):
    """One data cache for the session (marsad.datacache), shared with the CLI processes tests start,
    and not the user's own: the first process parses the lexicons and knowledge base, the rest reuse them."""
    if "MARSAD_CACHE_DIR" not in os.environ:
        import tempfile

        config._marsad_cache = tempfile.TemporaryDirectory(prefix="marsad-test-cache-")
        os.environ["MARSAD_CACHE_DIR"] = config._marsad_cache.name


def pytest_unconfigure(config):
    folder = getattr(config, "_marsad_cache", None)
    if folder is not None:
        os.environ.pop("MARSAD_CACHE_DIR", None)
        folder.cleanup()


@pytest.fixture(scope="session")
def pg_server():
    from pg_server import PgServer, PgUnavailable

    srv = PgServer()
    try:
        srv.start()
    except PgUnavailable as e:
        if os.environ.get("CI"):
            pytest.fail(f"PostgreSQL is required in CI: {e}")
        pytest.skip(f"PostgreSQL unavailable: {e}")
    yield srv
    srv.stop()


@pytest.fixture(params=["duckdb", pytest.param("postgres", marks=pytest.mark.postgres)])
def store_url(request, tmp_path):
    """A URL for an empty store: a DuckDB file, or a fresh PostgreSQL database."""
    if request.param == "duckdb":
        yield str(tmp_path / "store.duckdb")
        return
    srv = request.getfixturevalue("pg_server")
    url = srv.new_database()
    yield url
    srv.drop_database(url)


@pytest.fixture
def store(store_url):
    from marsad.store import open_store

    s = open_store(store_url)
    yield s
    s.close()


def _span(text: str, s: str) -> tuple[int, int]:
    i = text.index(s)
    return i, i + len(s)


def sample_corpus():
    """(Document, Facts) pairs with hand-made facts covering every view (no extractor needed)."""
    from marsad.model import Document, Entity, Event, Facts, Quantity

    out = []

    def add(doc_id, text, date, lang="en", ents=(), evs=(), qs=(), source="wire"):
        doc = Document(doc_id=doc_id, text=text, lang=lang, source=source, title=f"title {doc_id}",
                       published_at=date)
        f = Facts(doc_id=doc_id, lang=lang, text=text, extractors={"test": "1"})
        for name, typ, surface, attrs in ents:
            f.entities.append(Entity(name, typ, [_span(text, surface)], kb_id=name.lower().split()[0],
                                     extractor="t", attrs=attrs))
        for typ, surface, args in evs:
            s, e = _span(text, surface)
            f.events.append(Event(typ, s, e, args, extractor="t"))
        for kind, surface, value, unit, usd in qs:
            s, e = _span(text, surface)
            f.quantities.append(Quantity(kind, value, unit, s, e, surface, usd=usd, extractor="t"))
        out.append((doc, f))

    cn = {"country": "CN", "ticker": "BABA"}
    add("ali-1", "Alibaba will invest 380 billion yuan ($53 billion) in AI over three years, it said.",
        "2025-02-24", ents=[("Alibaba Group", "ORG", "Alibaba", cn)],
        evs=[("investment", "Alibaba will invest 380 billion yuan ($53 billion) in AI",
              {"subject": "Alibaba Group", "usd": 53e9, "value": 380e9, "currency": "CNY"})],
        qs=[("money", "380 billion yuan", 380e9, "CNY", 53e9), ("money", "$53 billion", 53e9, "USD", 53e9)])
    add("ali-2", "أعلنت علي بابا استثمار 53 مليار دولار في الذكاء الاصطناعي، وارتفع سهمها 6.34%.",
        "2025-02-25 10:00", lang="ar", source="argaam",
        ents=[("Alibaba Group", "ORG", "علي بابا", cn)],
        evs=[("investment", "أعلنت علي بابا استثمار 53 مليار دولار",
              {"subject": "Alibaba Group", "usd": 53e9, "value": 53e9, "currency": "USD"}),
             ("stock_move", "وارتفع سهمها 6.34%", {"subject": "Alibaba Group", "change_pct": 6.34})],
        qs=[("percent", "6.34%", 6.34, "%", None)])
    add("ten-1", "Tencent plans to spend $10 billion on AI data centres in 2025, and Tencent shares fell "
        "2.5 percent to 410 Hong Kong dollars.", "2025-03-19",
        ents=[("Tencent Holdings", "ORG", "Tencent", {"country": "CN", "ticker": "0700.HK"})],
        evs=[("investment", "Tencent plans to spend $10 billion on AI data centres",
              {"subject": "Tencent Holdings", "usd": 10e9, "value": 10e9, "currency": "USD"}),
             ("stock_move", "Tencent shares fell 2.5 percent",
              {"subject": "Tencent Holdings", "change_pct": -2.5, "price": 410.0})])
    add("msft-1", "Microsoft will spend $80 billion on AI data centers in fiscal 2025, and Nvidia will "
        "supply Microsoft with Blackwell chips. Microsoft launched Copilot.", "2025-01-03",
        ents=[("Microsoft", "ORG", "Microsoft", {"country": "US", "ticker": "MSFT"}),
              ("Nvidia", "ORG", "Nvidia", {"country": "US"}), ("Copilot", "PRODUCT", "Copilot", {})],
        evs=[("investment", "Microsoft will spend $80 billion on AI data centers",
              {"subject": "Microsoft", "usd": 80e9, "value": 80e9, "currency": "USD"}),
             ("supply_deal", "Nvidia will supply Microsoft with Blackwell chips",
              {"subject": "Nvidia", "counterparty": "Microsoft"}),
             ("product_launch", "Microsoft launched Copilot", {"subject": "Microsoft", "product": "Copilot"})])
    add("old-1", "In 2013 Baidu invested $1 billion in research, the company said in Beijing today.",
        "2013-05-01", ents=[("Baidu", "ORG", "Baidu", {"country": "CN"})],
        evs=[("investment", "Baidu invested $1 billion in research",
              {"subject": "Baidu", "usd": 1e9, "value": 1e9, "currency": "USD"})])
    return out


@pytest.fixture
def samples():
    return sample_corpus()


def fake_extract(doc):
    """A deterministic stand-in for the pipeline (``--extractor conftest:fake_extract``), so the
    ingest tests do not depend on the state of the real extractors. Stamps the real versions."""
    import re

    from marsad import pipeline
    from marsad.model import Entity, Event, Facts, Quantity

    text = doc.text
    f = Facts(doc_id=doc.doc_id, lang=doc.lang or "en", text=text,
              extractors=pipeline.versions(doc.lang or "en"))
    m = re.match(r"(Company\d+)", text)
    name = m.group(1) if m else None
    if name:
        f.entities.append(Entity(name, "ORG", [m.span()], extractor="fake"))
    for m in re.finditer(r"\$(\d+) million", text):
        usd = float(m.group(1)) * 1e6
        f.quantities.append(Quantity("money", usd, "USD", *m.span(), m.group(0), usd=usd, extractor="fake"))
        if name:
            f.events.append(Event("investment", *m.span(), {"subject": name, "usd": usd, "value": usd,
                                                             "currency": "USD"}, extractor="fake"))
    for m in re.finditer(r"rose ([\d.]+) percent", text):
        pct = float(m.group(1))
        f.quantities.append(Quantity("percent", pct, "%", *m.span(1), m.group(1), extractor="fake"))
        if name:
            f.events.append(Event("stock_move", *m.span(), {"subject": name, "change_pct": pct},
                                  extractor="fake"))
    return f
