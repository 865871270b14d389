"""XlsxWriter (constant_memory) against openpyxl (write_only) on the rows of an export sheet.

Each writer runs in its own child process (so one's memory does not count against the
other), writes ``--rows`` rows shaped like the leaderboard sheet (text, USD and as-stated
numbers with a number format, a date, a hyperlinked title, an Arabic evidence sentence),
with a frozen header row, an autofilter and a right-to-left sheet. It prints CPU time,
wall time, peak RSS (``ru_maxrss`` of the child) and the file size. Figures only: nothing
here asserts on time.

    .venv/bin/python benchmarks/xlsx_writers.py --rows 100000
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import resource
import subprocess
import sys
import tempfile
import time

EVIDENCE = ("أعلنت علي بابا أنها ستستثمر 380 مليار يوان (53 مليار دولار) في الذكاء الاصطناعي "
            "والحوسبة السحابية خلال السنوات الثلاث المقبلة.")
HEADERS = ["#", "الشركة", "دولار أمريكي", "المبلغ كما ورد", "العملة", "أول نشر", "التقارير",
           "الدليل", "المصدر", "الرابط"]
LINKS = 65_530  # Excel's limit of hyperlinks per sheet


def row(i: int) -> list:
    url = f"https://news.example.com/a/{i}"
    return [i, f"Company {i % 997}", 1.0e9 + i * 1234.5, 380.0e9 + i, "CNY",
            dt.date(2025, 1, 1) + dt.timedelta(days=i % 365), i % 7 + 1, EVIDENCE,
            f"عنوان المقال {i}", url]


def xlsxwriter_run(path: str, n: int) -> None:
    import xlsxwriter

    wb = xlsxwriter.Workbook(path, {"constant_memory": True, "strings_to_urls": False})
    usd = wb.add_format({"num_format": "#,##0"})
    day = wb.add_format({"num_format": "yyyy-mm-dd"})
    bold = wb.add_format({"bold": True})
    ws = wb.add_worksheet("الاستثمارات")
    ws.right_to_left()
    ws.freeze_panes(1, 0)
    ws.write_row(0, 0, HEADERS, bold)
    for i in range(1, n + 1):
        r = row(i)
        ws.write_number(i, 0, r[0])
        ws.write_string(i, 1, r[1])
        ws.write_number(i, 2, r[2], usd)
        ws.write_number(i, 3, r[3], usd)
        ws.write_string(i, 4, r[4])
        ws.write_datetime(i, 5, dt.datetime.combine(r[5], dt.time()), day)
        ws.write_number(i, 6, r[6])
        ws.write_string(i, 7, r[7])
        if i <= LINKS:
            ws.write_url(i, 8, r[9], string=r[8])
        else:
            ws.write_string(i, 8, r[8])
        ws.write_string(i, 9, r[9])
    ws.autofilter(0, 0, n, len(HEADERS) - 1)
    wb.close()


def openpyxl_run(path: str, n: int) -> None:
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font

    wb = Workbook(write_only=True)
    ws = wb.create_sheet("الاستثمارات")
    ws.sheet_view.rightToLeft = True
    ws.freeze_panes = "A2"
    ws.auto_filter.ref = f"A1:J{n + 1}"
    bold = Font(bold=True)
    head = []
    for h in HEADERS:
        c = WriteOnlyCell(ws, h)
        c.font = bold
        head.append(c)
    ws.append(head)
    for i in range(1, n + 1):
        r = row(i)
        a, b = WriteOnlyCell(ws, r[2]), WriteOnlyCell(ws, r[3])
        a.number_format = b.number_format = "#,##0"
        d = WriteOnlyCell(ws, r[5])
        d.number_format = "yyyy-mm-dd"
        t = WriteOnlyCell(ws, r[8])
        if i <= LINKS:
            t.hyperlink = r[9]
        ws.append([r[0], r[1], a, b, r[4], d, r[6], r[7], t, r[9]])
    wb.save(path)


def child(name: str, path: str, n: int) -> None:
    t0, c0 = time.perf_counter(), time.process_time()
    {"xlsxwriter": xlsxwriter_run, "openpyxl": openpyxl_run}[name](path, n)
    print(json.dumps({"wall": time.perf_counter() - t0, "cpu": time.process_time() - c0,
                      "rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
                      "bytes": os.path.getsize(path)}))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--rows", type=int, default=100_000)
    ap.add_argument("--child", help=argparse.SUPPRESS)
    ap.add_argument("--path", help=argparse.SUPPRESS)
    a = ap.parse_args()
    if a.child:
        child(a.child, a.path, a.rows)
        return
    base = subprocess.run([sys.executable, "-c", "import resource, xlsxwriter, openpyxl; "
                           "print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)"],
                          capture_output=True, text=True, check=True)
    print(f"{a.rows:,} rows x {len(HEADERS)} columns; interpreter with both modules imported: "
          f"{float(base.stdout):.0f} MB RSS")
    print(f"{'writer':<28} {'CPU s':>7} {'wall s':>7} {'peak RSS MB':>11} {'file MB':>8}")
    with tempfile.TemporaryDirectory() as tmp:
        for name, label in (("xlsxwriter", "XlsxWriter constant_memory"), ("openpyxl", "openpyxl write_only")):
            path = os.path.join(tmp, f"{name}.xlsx")
            out = subprocess.run([sys.executable, __file__, "--child", name, "--path", path,
                                  "--rows", str(a.rows)], capture_output=True, text=True, check=True)
            r = json.loads(out.stdout)
            print(f"{label:<28} {r['cpu']:7.2f} {r['wall']:7.2f} {r['rss_mb']:11.0f} {r['bytes'] / 2**20:8.1f}")


if __name__ == "__main__":
    main()
