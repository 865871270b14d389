#!/usr/bin/env bash
# The main job on the bundled samples: extract facts from every sample article.
set -euo pipefail
BIN=${1:-.venv/bin}
"$BIN/marsad" extract samples/ --format table
