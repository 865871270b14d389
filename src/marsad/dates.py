"""Publication dates: the common written forms → ISO 8601.

``published_at(value, text)`` turns what a source says about its date into ISO 8601:
``2025-11-30``, or ``2025-11-30T14:05:00+00:00`` when a time (and zone) is given, or
``2025-11`` for a month. It reads ISO and numeric forms (``2025/11/30``, ``30.11.2025``),
RFC 822 feed dates (``Sun, 30 Nov 2025 14:05:00 GMT``), the corpus form
``2006-10-20 16:25 EDT``, and day-month-year or month-day-year with month names in Arabic
(``30 نوفمبر 2025``, ``30 تشرين الثاني 2025``) or English (``Nov 30, 2025``). With no value,
a date on a line of its own among the first lines of the text is taken
(``Published: Nov 30, 2025``).

Month, weekday and zone names are data (``lang/<lang>/dates.yaml``, ``lang/common/dates.yaml``),
folded like the text. One compiled pattern, anchored scans: linear in the input, and ~50x faster
than dateparser on these forms (``benchmarks/dates.py``). Numeric day/month orders are read
day-first unless the day is impossible as a month (``11/30/2025`` is November 30).
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Any
from functools import lru_cache

from marsad.lexicon import LANGS, load_yaml
from marsad.normalize import fold

_HEAD_LINES = 6
_HEAD_CHARS = 600
_LINE_MAX = 90
_YEARS = (1900, 2100)


@dataclass(frozen=True)
class _Grammar:
    months: dict[str, int]
    zones: dict[str, int]
    am: frozenset[str]
    pm: frozenset[str]
    anywhere: re.Pattern  # a date (and time) anywhere in a short value
    line: re.Pattern      # a date line of its own at the top of an article


def _alt(words) -> str:
    """Longest first, whitespace-tolerant alternation of folded phrases."""
    ws = sorted({w for w in words if w}, key=len, reverse=True)
    return "(?:" + "|".join(r"\s+".join(map(re.escape, w.split())) for w in ws) + ")" if ws else "(?!)"


@lru_cache(maxsize=1)
def _grammar() -> _Grammar:
    months: dict[str, int] = {}
    weekdays: list[str] = []
    labels: list[str] = []
    era: list[str] = []
    am: set[str] = set()
    pm: set[str] = set()
    time_links: list[str] = []
    day_links: list[str] = []
    for lang in LANGS:
        d = load_yaml(f"lang/{lang}/dates.yaml", "dates")
        months.update({fold(k): int(v) for k, v in d["months"].items()})
        weekdays += [fold(w) for w in d.get("weekdays") or []]
        labels += [fold(w) for w in d.get("labels") or []]
        era += [fold(w) for w in d.get("era") or []]
        am |= {fold(w) for w in d.get("am") or []}
        pm |= {fold(w) for w in d.get("pm") or []}
        time_links += [fold(w) for w in d.get("time_links") or []]
        day_links += [fold(w) for w in d.get("day_links") or []]
    zones = {fold(k): int(v) for k, v in load_yaml("lang/common/dates.yaml", "common_dates")["zones"].items()}

    mon = _alt(months)
    era_re = rf"(?:\s*{_alt(era)}(?!\w))?" if era else ""
    year = rf"(?P<y>\d{{4}})(?!\d){era_re}"
    day = r"(?P<d>\d{1,2})(?:st|nd|rd|th)?(?!\d)"
    sep = r"\s*[,،]?\s*"
    forms = [
        # 2025-11-30, 2025/11/30, 2025.11.30 (and 2025-11-30T14:05)
        rf"(?P<y1>\d{{4}})(?P<s1>[-/.])(?P<m1>\d{{1,2}})(?P=s1)(?P<d1>\d{{1,2}})(?!\d)",
        # 30/11/2025, 30-11-2025, 30.11.2025
        rf"(?<!\d)(?P<d2>\d{{1,2}})(?P<s2>[-/.])(?P<m2>\d{{1,2}})(?P=s2)(?P<y2>\d{{4}})(?!\d)",
        # 30 Nov 2025, 30 نوفمبر 2025, 30 تشرين الثاني 2025, 30-Nov-2025
        rf"(?<![\w.]){day}(?:\s+{_alt(day_links)})?[\s-]*(?P<mn>{mon})(?!\w)\.?[\s,،-]*{year}",
        # Nov 30, 2025
        rf"(?<!\w)(?P<mn2>{mon})(?!\w)\.?\s*(?P<d3>\d{{1,2}})(?:st|nd|rd|th)?(?!\d){sep}(?P<y3>\d{{4}})(?!\d){era_re}",
        # RFC 822's two-digit year, only with a time after it: "30 Nov 25 14:05 GMT"
        rf"(?<![\w.])(?P<d5>\d{{1,2}})\s+(?P<mn5>{mon})(?!\w)\.?\s+(?P<y5>\d{{2}})(?=\s+\d{{1,2}}:\d{{2}})",
        # November 2025
        rf"(?<!\w)(?P<mn3>{mon})(?!\w)\.?{sep}(?P<y4>\d{{4}})(?!\d){era_re}",
    ]
    ampm = _alt(am | pm)
    time = (rf"(?:\s*(?:t|,|،|{_alt(time_links)})?\s*(?P<H>\d{{1,2}}):(?P<M>\d{{2}})(?::(?P<S>\d{{2}})(?:\.\d+)?)?"
            rf"(?:\s*(?P<ap>{ampm})(?!\w))?"
            rf"(?:\s*(?P<tz>z(?!\w)|[+-]\d{{2}}:?\d{{2}}(?!\d)|{_alt(zones)}(?!\w)))?"
            rf"(?:\s*\((?P<tzp>{_alt(zones)})\))?)?")
    date = "(?:" + "|".join(forms) + ")"
    wd = rf"(?:{_alt(weekdays)}\.?\s*[,،]?\s*)?"
    anywhere = re.compile(rf"{wd}{date}{time}")
    line = re.compile(rf"[\s\W]*(?:{_alt(labels)}\s*[:：\-–]?\s*)?{wd}{date}{time}[\s\W]*\Z")
    return _Grammar(months, zones, frozenset(am), frozenset(pm), anywhere, line)


def parse(value: str | None) -> str | None:
    """ISO 8601 for the first date in ``value`` (a date string or a short text), else None."""
    if not value:
        return None
    text = fold(str(value)[:_HEAD_CHARS])
    g = _grammar()
    for m in g.anywhere.finditer(text):
        iso = _iso(m, g)
        if iso:
            return iso
    return None


def from_text(text: str | None) -> str | None:
    """ISO 8601 of a date written on a line of its own among the first lines of an article."""
    if not text:
        return None
    g = _grammar()
    seen = 0
    for raw in text[:_HEAD_CHARS].splitlines():
        if not raw.strip():
            continue
        seen += 1
        if seen > _HEAD_LINES:
            break
        if len(raw) <= _LINE_MAX:
            m = g.line.match(fold(raw))
            if m:
                iso = _iso(m, g)
                if iso:
                    return iso
    return None


def published_at(value: str | None, text: str | None = None) -> str | None:
    """What to store as ``published_at``: ``value`` parsed to ISO 8601 (kept as given when it cannot
    be read, so that a bare year still counts), else a date line at the top of ``text``."""
    if value is not None and str(value).strip():
        return parse(str(value)) or str(value).strip()
    return from_text(text)


def _iso(m: re.Match, g: _Grammar) -> str | None:
    gd = m.groupdict()
    if gd["y1"]:
        y, mo, d = int(gd["y1"]), int(gd["m1"]), int(gd["d1"])
    elif gd["y2"]:
        y, d, mo = int(gd["y2"]), int(gd["d2"]), int(gd["m2"])
        if mo > 12 >= d:  # 11/30/2025
            d, mo = mo, d
    elif gd["y"]:
        y, mo, d = int(gd["y"]), g.months[_ws(gd["mn"])], int(gd["d"])
    elif gd["y3"]:
        y, mo, d = int(gd["y3"]), g.months[_ws(gd["mn2"])], int(gd["d3"])
    elif gd["y5"]:
        yy = int(gd["y5"])
        y, mo, d = yy + (2000 if yy < 70 else 1900), g.months[_ws(gd["mn5"])], int(gd["d5"])
    else:
        y, mo, d = int(gd["y4"]), g.months[_ws(gd["mn3"])], None
    if not (_YEARS[0] <= y <= _YEARS[1] and 1 <= mo <= 12):
        return None
    if d is None:
        return f"{y:04d}-{mo:02d}"
    if not 1 <= d <= _days_in(y, mo):
        return None
    out = f"{y:04d}-{mo:02d}-{d:02d}"
    if gd["H"] is None:
        return out
    h, mi, s = int(gd["H"]), int(gd["M"]), int(gd["S"] or 0)
    ap = _ws(gd["ap"]) if gd["ap"] else None
    if ap in g.pm and h < 12:
        h += 12
    elif ap in g.am and h == 12:
        h = 0
    if h > 23 or mi > 59 or s > 59:
        return out
    out += f"T{h:02d}:{mi:02d}:{s:02d}"
    tz = gd["tz"] or gd["tzp"]
    if tz:
        off = _offset(_ws(tz), g)
        if off is not None:
            sign = "+" if off >= 0 else "-"
            out += f"{sign}{abs(off) // 60:02d}:{abs(off) % 60:02d}"
    return out


def _offset(tz: str, g: _Grammar) -> int | None:
    if tz in g.zones:
        return g.zones[tz]
    if tz[:1] in "+-":
        digits = tz[1:].replace(":", "")
        hours, minutes = int(digits[:2]), int(digits[2:])
        if hours > 14 or minutes > 59:
            return None
        return (1 if tz[0] == "+" else -1) * (hours * 60 + minutes)
    return None


def _days_in(y: int, mo: int) -> int:
    if mo == 2:
        return 29 if y % 4 == 0 and (y % 100 != 0 or y % 400 == 0) else 28
    return 30 if mo in (4, 6, 9, 11) else 31


def _ws(s: str) -> str:
    return " ".join(s.split())


def as_date(v: Any) -> dt.date | None:
    """A stored date or timestamp (a ``date``, a ``datetime`` or an ISO 8601 string) as a ``date``."""
    if isinstance(v, dt.datetime):
        return v.date()
    if isinstance(v, dt.date):
        return v
    try:
        return dt.date.fromisoformat(str(v)[:10]) if v else None
    except ValueError:
        return None
