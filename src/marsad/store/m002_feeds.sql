-- Marsad store, migration 2: the feeds that `marsad feed pull` reads, and their items.
-- The store is the state: conditional-GET validators per feed, the items already ingested.
CREATE TABLE IF NOT EXISTS feeds (
    url TEXT PRIMARY KEY,
    name TEXT,
    etag TEXT,                          -- validators of the last 200 response
    last_modified TEXT,
    added_at TIMESTAMP,
    pulled_at TIMESTAMP,                -- last pull, whatever its outcome
    status TEXT,                        -- last outcome: 'ok N new', 'not modified', or the error line
    items INTEGER                       -- items ingested so far
);

CREATE TABLE IF NOT EXISTS feed_items (
    feed_url TEXT NOT NULL,             -- feeds.url
    item_key TEXT NOT NULL,             -- the entry's id (guid), else its link
    link TEXT,
    doc_id TEXT,                        -- documents.doc_id of what was ingested
    published_at TEXT,                  -- as given by the feed
    fetched_at TIMESTAMP,
    PRIMARY KEY (feed_url, item_key)
);
