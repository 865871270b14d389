-- PostgreSQL only: secondary indexes (DuckDB relies on zone maps instead).
CREATE INDEX IF NOT EXISTS quantities_doc ON quantities (doc);
CREATE INDEX IF NOT EXISTS entities_doc ON entities (doc);
CREATE INDEX IF NOT EXISTS entities_name ON entities (lower(name));
CREATE INDEX IF NOT EXISTS mentions_doc ON mentions (doc);
CREATE INDEX IF NOT EXISTS events_doc ON events (doc);
CREATE INDEX IF NOT EXISTS events_type ON events (type, lower(subject));
CREATE INDEX IF NOT EXISTS event_args_doc ON event_args (doc);
CREATE INDEX IF NOT EXISTS lsh_bands_bucket ON lsh_bands (bucket);
CREATE INDEX IF NOT EXISTS lsh_bands_doc ON lsh_bands (doc);
