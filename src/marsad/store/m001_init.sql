-- Marsad store, migration 1: documents and the facts extracted from them.
-- Portable SQL: runs unchanged on DuckDB and PostgreSQL. Offsets are Python
-- str indices into documents.text, end exclusive (shared/eval/CONTRACT.md).
CREATE TABLE IF NOT EXISTS documents (
    id BIGINT PRIMARY KEY,              -- first 53 bits of content_hash (JSON-safe integer)
    content_hash VARCHAR NOT NULL UNIQUE, -- sha256 of text (hex): the identity of a document
    doc_id TEXT,                        -- the id the source gave it
    source TEXT,
    title TEXT,
    lang TEXT,
    published_at TEXT,                  -- as given by the source
    published_on DATE,                  -- parsed day, when the source gives one
    year INTEGER,
    n_chars INTEGER,
    text TEXT NOT NULL,
    marsad_version TEXT,
    extractor_version TEXT,             -- marsad version + every step's name=version (hash of its code and data)
    extractors TEXT,                    -- JSON object {step: version}
    key_points TEXT,                    -- JSON list (Facts.key_points)
    dup_of BIGINT,                      -- near-duplicate of this earlier document (MinHash), else NULL
    dup_score DOUBLE PRECISION,         -- estimated Jaccard similarity to dup_of
    minhash BYTEA,                      -- MinHash signature (uint32 little-endian)
    ingested_at TIMESTAMP
);

CREATE TABLE IF NOT EXISTS quantities (
    doc BIGINT NOT NULL,                -- documents.id
    idx INTEGER NOT NULL,               -- position in Facts.quantities
    kind TEXT,
    value DOUBLE PRECISION,
    value_max DOUBLE PRECISION,
    unit TEXT,
    qualifier TEXT,
    usd DOUBLE PRECISION,
    span_start INTEGER,
    span_end INTEGER,
    text TEXT,
    extractor TEXT,
    fx TEXT                             -- JSON
);

CREATE TABLE IF NOT EXISTS entities (
    doc BIGINT NOT NULL,
    idx INTEGER NOT NULL,               -- position in Facts.entities
    name TEXT,
    type TEXT,
    kb_id TEXT,
    ticker TEXT,
    country TEXT,
    n_mentions INTEGER,
    attrs TEXT,                         -- JSON
    extractor TEXT
);

CREATE TABLE IF NOT EXISTS mentions (
    doc BIGINT NOT NULL,
    entity_idx INTEGER NOT NULL,        -- entities.idx
    idx INTEGER NOT NULL,
    span_start INTEGER,
    span_end INTEGER,
    text TEXT                           -- the surface form as written
);

CREATE TABLE IF NOT EXISTS events (
    doc BIGINT NOT NULL,
    idx INTEGER NOT NULL,               -- position in Facts.events
    type TEXT,
    span_start INTEGER,
    span_end INTEGER,
    subject TEXT,
    target TEXT,                        -- acquisition target, supply-deal counterparty or product
    usd DOUBLE PRECISION,
    value DOUBLE PRECISION,
    currency TEXT,
    change_pct DOUBLE PRECISION,
    price DOUBLE PRECISION,
    metric TEXT,
    args TEXT,                          -- JSON: every argument as extracted
    text TEXT,                          -- the evidence sentence
    extractor TEXT
);

CREATE TABLE IF NOT EXISTS event_args (
    doc BIGINT NOT NULL,
    event_idx INTEGER NOT NULL,         -- events.idx
    key TEXT NOT NULL,
    value_text TEXT,
    value_num DOUBLE PRECISION
);

CREATE TABLE IF NOT EXISTS lsh_bands (   -- MinHash LSH buckets for near-duplicate search
    bucket BIGINT NOT NULL,
    doc BIGINT NOT NULL
);
