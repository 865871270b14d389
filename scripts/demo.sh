#!/usr/bin/env bash
# The main job on the bundled sample articles (dev/ar/docs, dev/en/docs: 20 hand-written
# Arabic and English stories): ingest them into the embedded DuckDB store, then ask the
# store the analyst's questions and show one article's facts.
set -euo pipefail
BIN=${1:-.venv/bin}
DB=${2:-var/demo.duckdb}
mkdir -p "$(dirname "$DB")"
"$BIN/marsad" ingest dev/ar/docs dev/en/docs --db "$DB"
"$BIN/marsad" query investments --db "$DB" --limit 15
"$BIN/marsad" query moves --db "$DB" --sort change --limit 10
"$BIN/marsad" query conflicts --db "$DB"
"$BIN/marsad" brief dev/ar/docs/ar-humain-pif.txt
echo "Store: $DB — try: $BIN/marsad query company Nvidia --db $DB ; $BIN/marsad serve --db $DB"
