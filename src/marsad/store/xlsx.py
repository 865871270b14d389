"""``marsad export --format xlsx``: the analyst's views as one Excel workbook, a sheet per view.

Written with XlsxWriter in ``constant_memory`` mode: each row goes to disk as it is written,
so memory does not grow with the number of rows (benchmarks/xlsx_writers.py measures it
against openpyxl's write-only mode: half the CPU time and under half the memory on 100k rows).
The rows come from ``store/sheets.py``, the same rows as ``marsad export --format csv --view``.

Each sheet has:

- real cells: numbers (USD ``#,##0``, as-stated amounts, signed per cent, prices) and dates
  (Excel dates shown ``yyyy-mm-dd``), never numbers or dates as text;
- the evidence sentence, and the source title as a hyperlink to the article's URL (or its
  page in ``marsad serve``), with the link itself in its own column;
- a frozen, bold header row and an autofilter over every column;
- right to left when ``lang="ar"``, with Arabic sheet names and headers.

Excel's limits: a sheet holds 1,048,576 rows, so a longer view continues on
``<sheet> (2)``, ``(3)``... with the header repeated (each continuation is reported in the
returned notes); a sheet holds 65,530 hyperlinks, so titles beyond that are plain text
(the link column still has every URL); a cell holds 32,767 characters.
"""
from __future__ import annotations

import datetime as dt
import os
from pathlib import Path
from typing import Any

from marsad.store import sheets as S
from marsad.store.backends import map_error

MAX_ROWS = 1_048_576          # rows per sheet, header included
MAX_LINKS = 65_530            # hyperlinks per sheet
MAX_CELL = 32_767             # characters per cell
MAX_URL = 2_079               # characters per hyperlink
WIDTHS = {"long": 80, "text": 22, "id": 18, "value": 18, "url": 40, "date": 12, "int": 9, "usd": 18,
          "amount": 18, "pct": 11, "price": 12, "num": 18}
FORMATS = {"usd": "#,##0", "amount": "#,##0", "pct": '+0.00"%";-0.00"%";0.00"%"', "price": "#,##0.00",
           "num": "#,##0.##########", "date": "yyyy-mm-dd", "int": "0"}


def write_workbook(store, out: str, views: list[str] | None = None, filters: S.Filters | None = None,
                   lang: str = "en", max_rows: int = MAX_ROWS) -> list[str]:
    """Write ``views`` (default: every view) of ``store`` to the workbook ``out``.

    Returns notes for the user (a view continued on another sheet); raises StoreError
    (M310 bad option, M304 disk full, ...)."""
    import xlsxwriter

    views = S.check_views(views)
    lang = S.check_lang(lang)
    f = filters or S.Filters()
    notes: list[str] = []
    path = Path(out)
    tmp = path.with_name(path.name + ".part")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        wb = xlsxwriter.Workbook(str(tmp), {"constant_memory": True, "strings_to_numbers": False,
                                            "strings_to_formulas": False, "strings_to_urls": False,
                                            "default_date_format": FORMATS["date"]})
        try:
            styles = _styles(wb, lang)
            with store.backend.streaming():
                for view in views:
                    notes += _write_view(wb, styles, store, view, f, lang, max_rows)
        finally:
            wb.close()
        os.replace(tmp, path)
    except OSError as e:
        tmp.unlink(missing_ok=True)
        raise map_error(e, out) from None
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return notes


def _styles(wb, lang: str) -> dict[str, Any]:
    rtl = {"reading_order": 2} if lang == "ar" else {}
    out = {k: wb.add_format({"num_format": v}) for k, v in FORMATS.items()}
    out["head"] = wb.add_format({"bold": True, "bg_color": "#E8EEF4", "bottom": 1, **rtl})
    out["text"] = wb.add_format(rtl) if rtl else None
    out["long"] = out["text"]
    out["url"] = None
    out["link"] = wb.add_format({"font_color": "#0563C1", "underline": 1, **rtl})
    return out


def _write_view(wb, styles, store, view: str, f: S.Filters, lang: str, max_rows: int) -> list[str]:
    cols = S.COLUMNS[view]
    head = S.headers(view, lang)
    base = S.sheet_name(view, lang, f)
    notes: list[str] = []
    part, ws, row, links = 1, None, 0, 0
    keys = [c.key for c in cols]
    link_of = {i: keys.index(c.link) for i, c in enumerate(cols) if c.link}
    type_at = keys.index("type") if "type" in keys else None

    def new_sheet():
        nonlocal ws, row, links
        if ws is not None:
            _finish(ws, row, len(cols))
        name = base if part == 1 else f"{base[:31 - len(f' ({part})')]} ({part})"
        ws = wb.add_worksheet(name)
        if lang == "ar":
            ws.right_to_left()
        for i, c in enumerate(cols):
            ws.set_column(i, i, WIDTHS.get(c.kind, 22))
        ws.write_row(0, 0, head, styles["head"])
        ws.freeze_panes(1, 0)
        row, links = 1, 0

    new_sheet()
    for values in S.rows(store, view, f):
        if row >= max_rows:
            part += 1
            new_sheet()
            notes.append(f"view {view}: more than {max_rows - 1:,} rows, continued on sheet {ws.name!r}")
        for i, (c, v) in enumerate(zip(cols, values)):
            if v is None:
                continue
            if i in link_of and isinstance(v, str):
                url = values[link_of[i]]
                if (url and links < MAX_LINKS and len(url) <= MAX_URL
                        and ws.write_url(row, i, url, styles["link"], string=v[:MAX_CELL]) == 0):
                    links += 1
                    continue
            kind = c.kind
            if kind == "value":  # a move's per cent or an amount in USD, as the row's type says
                kind = "pct" if type_at is not None and values[type_at] == "stock_move" else "usd"
            _write_cell(ws, styles, row, i, kind, v)
        row += 1
    _finish(ws, row, len(cols))
    return notes


def _write_cell(ws, styles, row: int, col: int, kind: str, v: Any) -> None:
    if isinstance(v, bool):
        ws.write_boolean(row, col, v)
    elif isinstance(v, (int, float)):
        if kind in FORMATS and kind != "date":
            ws.write_number(row, col, v, styles[kind])
        else:
            ws.write_number(row, col, v)
    elif isinstance(v, dt.date):
        if v.year >= 1900:  # Excel's dates begin in 1900
            ws.write_datetime(row, col, dt.datetime(v.year, v.month, v.day), styles["date"])
        else:
            ws.write_string(row, col, v.isoformat())
    else:
        ws.write_string(row, col, str(v)[:MAX_CELL], styles.get(kind))


def _finish(ws, rows: int, ncols: int) -> None:
    ws.autofilter(0, 0, max(rows - 1, 0), ncols - 1)

