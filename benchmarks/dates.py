"""Publication-date parsing speed: marsad.dates (month names as YAML data) against dateparser.

Parses the same common forms (Arabic and English month names, numeric, RFC 822 feed dates,
the corpus' "YYYY-MM-DD HH:MM TZ") many times and prints dates/s for each, the agreement
between the two, and dateparser's import time. dateparser is optional (``pip install
dateparser``); without it only Marsad's figure is printed. Never asserts on time.

    python benchmarks/dates.py [--rounds N]
"""
from __future__ import annotations

import argparse
import sys
import time

from marsad import dates

FORMS = [
    "30 نوفمبر 2025", "30 تشرين الثاني 2025", "الأحد 30 نوفمبر 2025", "١ أيار ٢٠٢٤",
    "Nov 30, 2025", "November 30, 2025", "30 Nov 2025", "2025/11/30", "2025-11-30",
    "Sun, 30 Nov 2025 14:05:00 GMT", "Tue, 03 Jun 2025 08:00:00 +0300",
    "2006-10-20 16:25 EDT", "2015-07-21 02:47:05", "2025-11-30T14:05:00Z",
]


def rate(fn, rounds: int) -> float:
    t = time.perf_counter()
    for _ in range(rounds):
        for s in FORMS:
            fn(s)
    return rounds * len(FORMS) / (time.perf_counter() - t)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--rounds", type=int, default=200)
    a = ap.parse_args()
    dates.parse(FORMS[0])  # load the YAML and compile once
    ours = rate(dates.parse, a.rounds)
    print(f"marsad.dates.parse   {ours:10.0f} dates/s   ({len(FORMS)} forms x {a.rounds})")
    try:
        t = time.perf_counter()
        import dateparser
        imp = time.perf_counter() - t
    except ImportError:
        print("dateparser: not installed (pip install dateparser) — skipped")
        return 0
    settings = {"PREFER_DAY_OF_MONTH": "first", "RETURN_AS_TIMEZONE_AWARE": False}
    dp = lambda s: dateparser.parse(s, languages=["ar", "en"], settings=settings)  # noqa: E731
    dp(FORMS[0])
    theirs = rate(dp, max(1, a.rounds // 10))
    print(f"dateparser.parse     {theirs:10.0f} dates/s   (import {imp:.2f} s, languages=['ar', 'en'])")
    print(f"ratio                {ours / theirs:10.1f}x")
    for s in FORMS:
        d = dp(s)
        print(f"  {s!r:40} marsad {dates.parse(s)!s:28} dateparser {d.isoformat() if d else None}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
