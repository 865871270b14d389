"""``marsad export --format xlsx`` on a store: time, peak memory, and the rows LibreOffice reads.

Runs, each as its own process under ``/usr/bin/time -v`` when present (peak RSS):

1. ``marsad export --format xlsx --out DIR/views.xlsx --db DB`` (every view);
2. ``marsad export --format csv --view ... --out DIR/csv --db DB`` (the same views as CSV);
3. LibreOffice headless converting every sheet of the workbook to CSV;

then compares each sheet's CSV with its view CSV (numbers to 12 significant digits) and
prints the row counts. Figures only: nothing here asserts on time. Build a large store with

    python benchmarks/synthetic_archive.py --docs 102200 --out /tmp/archive.jsonl
    marsad ingest /tmp/archive.jsonl --db /tmp/big.duckdb --workers 2
    python benchmarks/xlsx_export.py --db /tmp/big.duckdb
"""
from __future__ import annotations

import argparse
import csv
import math
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

FILTER = "csv:Text - txt - csv (StarCalc):44,34,76,1,,1033,false,true,false,false,false,-1"


def timed(cmd: list[str]) -> dict:
    time = shutil.which("time") or ("/usr/bin/time" if Path("/usr/bin/time").exists() else None)
    full = [time, "-v", *cmd] if time else cmd
    p = subprocess.run(full, capture_output=True, text=True)
    if p.returncode:
        sys.exit(f"failed: {' '.join(cmd)}\n{p.stderr[-2000:]}")
    out = {"stderr": p.stderr}
    for key, pat in (("rss_mb", r"Maximum resident set size \(kbytes\): (\d+)"),
                     ("user", r"User time \(seconds\): ([\d.]+)"), ("sys", r"System time \(seconds\): ([\d.]+)"),
                     ("wall", r"Elapsed \(wall clock\) time \(h:mm:ss or m:ss\): ([\d:.]+)")):
        m = re.search(pat, p.stderr)
        out[key] = m.group(1) if m else "?"
    if out["rss_mb"] != "?":
        out["rss_mb"] = f"{int(out['rss_mb']) / 1024:.0f}"
    return out


def cells(path: Path) -> list[list]:
    def norm(v: str):
        try:
            return float(v)
        except ValueError:
            return v
    with open(path, encoding="utf-8-sig", newline="") as fh:
        return [[norm(v) for v in row] for row in csv.reader(fh)]


def differing(a: list[list], b: list[list]) -> int:
    bad = abs(len(a) - len(b))
    for x, y in zip(a, b):
        same = len(x) == len(y) and all(
            math.isclose(p, q, rel_tol=1e-12, abs_tol=1e-9) if isinstance(p, float) and isinstance(q, float)
            else p == q for p, q in zip(x, y))
        bad += not same
    return bad


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--db", required=True)
    ap.add_argument("--lang", default="en")
    ap.add_argument("--keep", help="write the files here instead of a temporary folder")
    a = ap.parse_args()
    from marsad.store import sheets as S

    marsad = str(Path(sys.executable).with_name("marsad"))
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(a.keep or tmp)
        out.mkdir(parents=True, exist_ok=True)
        book = out / "views.xlsx"
        runs = {"xlsx": timed([marsad, "export", "--format", "xlsx", "--lang", a.lang, "--out", str(book),
                               "--db", a.db]),
                "csv": timed([marsad, "export", "--format", "csv", "--lang", a.lang,
                              *[x for v in S.VIEWS for x in ("--view", v)], "--out", str(out / "csv"),
                              "--db", a.db])}
        if soffice:
            runs["libreoffice"] = timed([soffice, f"-env:UserInstallation=file://{out / 'lo-profile'}",
                                         "--headless", "--convert-to", FILTER, "--outdir", str(out / "lo"),
                                         str(book)])
        print(f"{'step':<12} {'user s':>7} {'sys s':>6} {'wall':>8} {'peak RSS MB':>11}")
        for k, r in runs.items():
            print(f"{k:<12} {r['user']:>7} {r['sys']:>6} {r['wall']:>8} {r['rss_mb']:>11}")
        print(f"workbook: {book.stat().st_size / 2**20:.1f} MB")
        if not soffice:
            print("LibreOffice not installed: rows not compared")
            return
        f = S.Filters()
        print(f"{'view':<12} {'csv rows':>9} {'sheet rows':>10} {'differing':>9}")
        for v in S.VIEWS:
            ours = cells(out / "csv" / f"{v}.csv")
            name = S.sheet_name(v, a.lang, f)
            theirs, part = [], 1
            while True:  # a view longer than a sheet continues on "<name> (2)", ...
                label = name if part == 1 else f"{name[:31 - len(f' ({part})')]} ({part})"
                sheet = out / "lo" / f"views-{label}.csv"
                if not sheet.exists():
                    break
                theirs += cells(sheet)[0 if part == 1 else 1:]
                part += 1
            print(f"{v:<12} {len(ours) - 1:>9,} {max(len(theirs) - 1, 0):>10,} {differing(ours, theirs):>9,}")


if __name__ == "__main__":
    main()
