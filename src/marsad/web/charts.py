"""Inline SVG charts drawn on the server: no script, no library, every label escaped.

``bar_chart`` is the investments leaderboard (USD by company), ``move_chart``
the stock-move timeline (signed per cent over publication dates) and
``lane_chart`` a company's facts over time (one lane per event type).

Each takes ``ui`` (a ``marsad.i18n.UI``; English without one): its words, numbers, dates
and names follow the reader's language. On right-to-left pages the leaderboard mirrors
(names on the right, bars growing leftwards) and the value axis and lane names move to the
right; time still runs left to right, as in Arabic financial charts.
"""
from __future__ import annotations

import datetime as dt
from typing import Any, Iterable

from markupsafe import Markup, escape

from marsad.i18n import UI

EVENT_COLOURS = {"investment": "#1f6feb", "forecast": "#8250df", "stock_move": "#1a7f37",
                 "financial_metric": "#bf8700", "product_launch": "#cf222e", "acquisition": "#0e7490",
                 "supply_deal": "#6e7781"}


def _e(v: Any) -> str:
    return str(escape("" if v is None else v))


def _at(edge: str, ui: UI) -> str:
    """The text-anchor that puts a label's ``edge`` ('left' or 'right') at its x: SVG anchors
    follow the text direction, and right-to-left charts are drawn with direction="rtl"."""
    return ("start" if edge == "left" else "end") if ui.dir == "ltr" else ("end" if edge == "left" else "start")


def _svg(width: int, height: int, label: str, body: Iterable[str], cls: str, ui: UI | None = None) -> Markup:
    direction = (ui or UI()).dir
    return Markup(f'<svg class="chart {cls}" role="img" aria-label="{_e(label)}" direction="{direction}" '
                  f'viewBox="0 0 {width} '
                  f'{height}" width="100%" preserveAspectRatio="xMinYMin meet" '
                  f'xmlns="http://www.w3.org/2000/svg">' + "".join(body) + "</svg>")


def bar_chart(items: list[dict[str, Any]], label: str | None = None, width: int = 760,
              ui: UI | None = None) -> Markup:
    """Horizontal bars: ``items`` have ``label``, ``value`` (USD), optional ``href``, ``note``."""
    ui = ui or UI()
    label = label or ui.gettext("Investments in USD by company")
    items = [i for i in items if isinstance(i.get("value"), (int, float)) and i["value"] > 0]
    if not items:
        return Markup(f'<p class="empty">{_e(ui.gettext("No investment figures in the store yet."))}</p>')
    row, left, right = 28, 230, 110
    rtl = ui.dir == "rtl"
    top = max(i["value"] for i in items)
    plot = width - left - right
    body = []
    for n, it in enumerate(items):
        y = 8 + n * row
        w = max(2.0, plot * it["value"] / top)
        shown = ui.name(it["label"])
        title = f'{shown}: {ui.money(it["value"])}' + (f' ({it["note"]})' if it.get("note") else "")
        # right to left: names at the right edge, bars grow leftwards from there
        lx, anchor = (width - left + 8, _at("left", ui)) if rtl else (left - 8, _at("right", ui))
        bx = width - left - w if rtl else left
        vx, vanchor = (width - left - w - 6, _at("right", ui)) if rtl else (left + w + 6, _at("left", ui))
        bar = (f'<g class="bar" data-label="{_e(it["label"])}" data-usd="{_e(it["value"])}">'
               f'<title>{_e(title)}</title>'
               f'<text x="{lx}" y="{y + 17}" text-anchor="{anchor}" class="lbl">{_e(shown)}</text>'
               f'<rect x="{bx:.1f}" y="{y + 3}" width="{w:.1f}" height="{row - 8}" rx="3"/>'
               f'<text x="{vx:.1f}" y="{y + 17}" text-anchor="{vanchor}" class="val">'
               f'{_e(ui.money(it["value"]))}</text></g>')
        if it.get("href"):
            bar = f'<a href="{_e(it["href"])}">{bar}</a>'
        body.append(bar)
    return _svg(width, 16 + len(items) * row, label, body, "bars", ui)


def _day(v: Any) -> dt.date | None:
    if not v:
        return None
    try:
        return dt.date.fromisoformat(str(v)[:10])
    except ValueError:
        return None


def _xscale(days: list[dt.date | None], left: int, plot: int):
    known = [d for d in days if d]
    if not known:
        return lambda d, i: left + plot * (i + 0.5) / max(1, len(days)), None, None
    lo, hi = min(known), max(known)
    span = max(1, (hi - lo).days)
    undated = left + plot  # undated points at the right edge

    def x(d, i):
        return undated if d is None else left + plot * ((d - lo).days / span if hi != lo else 0.5)
    return x, lo, hi


def robust_extent(values: list[float]) -> float:
    """The y half-range: the largest move, unless a few outliers would flatten the rest
    (then 1.5 x the 90th percentile; the outliers are drawn clipped at the edge)."""
    vals = sorted(values)
    top = max(1.0, vals[-1])
    p90 = vals[min(len(vals) - 1, int(len(vals) * 0.9))]
    return top if len(vals) < 10 or top <= 3 * p90 else max(1.0, 1.5 * p90)


def move_chart(moves: list[dict[str, Any]], width: int = 760, height: int = 260, ui: UI | None = None) -> Markup:
    """Stock moves as stems from the zero line: date on x, signed per cent on y."""
    ui = ui or UI()
    moves = [m for m in moves if isinstance(m.get("change_pct"), (int, float))]
    if not moves:
        return Markup(f'<p class="empty">{_e(ui.gettext("No stock moves in the store yet."))}</p>')
    rtl = ui.dir == "rtl"
    left, right, top, bottom = (24, 64, 16, 34) if rtl else (56, 24, 16, 34)
    plot_w, plot_h = width - left - right, height - top - bottom
    ext = robust_extent([abs(m["change_pct"]) for m in moves])
    days = [_day(m.get("date")) for m in moves]
    x, lo, hi = _xscale(days, left, plot_w)

    def y(v):
        return top + plot_h / 2 - (plot_h / 2) * v / ext

    body = [f'<line class="axis" x1="{left}" x2="{width - right}" y1="{y(0):.1f}" y2="{y(0):.1f}"/>']
    tx, tanchor = (width - right + 6, _at("left", ui)) if rtl else (left - 6, _at("right", ui))
    for v in (ext, ext / 2, -ext / 2, -ext):
        body.append(f'<text class="tick" x="{tx}" y="{y(v) + 4:.1f}" text-anchor="{tanchor}">'
                    f'{_e(ui.pct(v))}</text><line class="grid" x1="{left}" x2="{width - right}" '
                    f'y1="{y(v):.1f}" y2="{y(v):.1f}"/>')
    if lo:
        body.append(f'<text class="tick" x="{left}" y="{height - 10}" text-anchor="{_at("left", ui)}">'
                    f'{_e(ui.date(lo, short=True))}</text>')
        if hi != lo:
            body.append(f'<text class="tick" x="{width - right}" y="{height - 10}" text-anchor="{_at("right", ui)}">'
                        f'{_e(ui.date(hi, short=True))}</text>')
    for i, (m, d) in enumerate(zip(moves, days)):
        v = m["change_pct"]
        cx, cy = x(d, i), y(max(-ext, min(ext, v)))
        cls = ("up" if v >= 0 else "down") + (" clipped" if abs(v) > ext else "")
        tip = ui.gettext("%(company)s %(change)s on %(date)s", company=ui.name(m.get("company") or "?"),
                         change=ui.pct(m["change_pct"]), date=ui.date(d) if d else ui.gettext("an undated day"))
        dot = (f'<g class="move {cls}" data-company="{_e(m.get("company"))}" data-change="{_e(m["change_pct"])}">'
               f'<title>{_e(tip)}</title><line x1="{cx:.1f}" x2="{cx:.1f}" y1="{y(0):.1f}" y2="{cy:.1f}"/>'
               f'<circle cx="{cx:.1f}" cy="{cy:.1f}" r="5"/></g>')
        if m.get("doc") is not None:
            dot = f'<a href="/documents/{_e(m["doc"])}">{dot}</a>'
        body.append(dot)
    return _svg(width, height, ui.gettext("Stock moves over time (per cent)"), body, "moves", ui)


def lane_chart(events: list[dict[str, Any]], width: int = 760, ui: UI | None = None) -> Markup:
    """A company's events over time: one lane per event type, one dot per event."""
    from marsad.web.view import label

    ui = ui or UI()
    if not events:
        return Markup(f'<p class="empty">{_e(ui.gettext("No events for this company yet."))}</p>')
    types = sorted({e.get("type") or "?" for e in events})
    rtl = ui.dir == "rtl"
    left, right, lane = (24, 130, 30) if rtl else (130, 24, 30)
    height = 34 + lane * len(types)
    days = [_day(e.get("date")) for e in events]
    x, lo, hi = _xscale(days, left, width - left - right)
    body = []
    for n, t in enumerate(types):
        yy = 14 + n * lane + lane / 2
        lx, anchor = (width - right + 8, _at("left", ui)) if rtl else (left - 8, _at("right", ui))
        body.append(f'<text class="tick" x="{lx}" y="{yy + 4:.1f}" text-anchor="{anchor}">'
                    f'{_e(label(t, ui.lang))}</text>'
                    f'<line class="grid" x1="{left}" x2="{width - right}" y1="{yy:.1f}" y2="{yy:.1f}"/>')
    for i, (ev, d) in enumerate(zip(events, days)):
        t = ev.get("type") or "?"
        yy = 14 + types.index(t) * lane + lane / 2
        detail = ui.money(ev.get("usd")) if ev.get("usd") is not None else ui.pct(ev.get("change_pct"))
        tip = f'{label(t, ui.lang)} {detail} — {ev.get("title") or ""} ({ui.date(d) if d else ui.gettext("undated")})'
        dot = (f'<g class="lane-dot"><title>{_e(tip)}</title><circle cx="{x(d, i):.1f}" cy="{yy:.1f}" r="6" '
               f'fill="{EVENT_COLOURS.get(t, "#57606a")}"/></g>')
        if ev.get("doc") is not None:
            dot = f'<a href="/documents/{_e(ev["doc"])}">{dot}</a>'
        body.append(dot)
    if lo:
        body.append(f'<text class="tick" x="{left}" y="{height - 4}" text-anchor="{_at("left", ui)}">'
                    f'{_e(ui.date(lo, short=True))}</text>')
        if hi != lo:
            body.append(f'<text class="tick" x="{width - right}" y="{height - 4}" text-anchor="{_at("right", ui)}">'
                        f'{_e(ui.date(hi, short=True))}</text>')
    return _svg(width, height, ui.gettext("Facts over time"), body, "lanes", ui)
