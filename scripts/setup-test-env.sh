#!/usr/bin/env bash
# Install what the test suite needs beyond Python packages, if missing:
# PostgreSQL server binaries (store tests), Debian's chromium (browser tests),
# a Java runtime (Spark local mode), DejaVu Sans (the Arabic font of the test PDFs),
# LibreOffice Calc without its GUI (reads the exported XLSX back as CSV; the smallest
# Debian package with Calc's XLSX import),
# poppler-utils (pdftotext: the report PDF test) and Noto Naskh Arabic (fonts-noto-core: the
# report PDF's Arabic font, whose lam-alef pdftotext extracts in logical order).
# Idempotent; quick when all is present.
set -euo pipefail
need=()
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || command -v initdb >/dev/null 2>&1 || need+=(postgresql)
[ -x /usr/bin/chromium ] || need+=(chromium)
command -v java >/dev/null 2>&1 || need+=(default-jre-headless)
[ -f /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf ] || need+=(fonts-dejavu-core)
[ -f /usr/lib/libreoffice/program/libscfiltlo.so ] || need+=(libreoffice-calc-nogui)
command -v pdftotext >/dev/null 2>&1 || need+=(poppler-utils)
[ -f /usr/share/fonts/truetype/noto/NotoNaskhArabic-Regular.ttf ] || need+=(fonts-noto-core)
if [ ${#need[@]} -eq 0 ]; then
  echo "setup-test-env: PostgreSQL, chromium, Java, LibreOffice Calc, pdftotext and the DejaVu and Noto fonts are present"
  exit 0
fi
echo "setup-test-env: installing ${need[*]}"
SUDO=""
if [ "$(id -u)" != 0 ]; then
  if command -v sudo >/dev/null 2>&1; then SUDO=sudo; else
    echo "setup-test-env: [M401] need root (or sudo) to install: ${need[*]}" >&2; exit 1; fi
fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
# Debian's postgresql package starts a cluster; the tests start their own throwaway server.
if [[ " ${need[*]} " == *" postgresql "* ]] && command -v service >/dev/null 2>&1; then
  $SUDO service postgresql stop >/dev/null 2>&1 || true
fi
echo "setup-test-env: done"
