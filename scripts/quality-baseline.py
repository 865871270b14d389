#!/usr/bin/env python3
"""Print (or with --write, pin) the scorer's F1 floors for every evaluation set.

Sets: the seed, the hand-written dev/ and holdout/ sets, and the real-news sets under
realnews/ (texts read from ../shared/corpus). Floors are rounded down; for the real-news sets
each event type with gold events gets its own floor (``events.<type>``). Raising a floor is a
deliberate commit: run this after an improvement, review the diff of
tests/quality_baseline.json, and commit it with the change that earned it.
"""
import argparse
import json
import math
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import evalsets  # noqa: E402


def floor(x: float, digits: int = 2) -> float:
    return math.floor(x * 10 ** digits + 1e-9) / 10 ** digits


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--write", action="store_true", help="write tests/quality_baseline.json")
    ap.add_argument("sets", nargs="*", help="set names (default: all)")
    a = ap.parse_args()
    base = {}
    with tempfile.TemporaryDirectory() as tmp:
        for name in a.sets or evalsets.NAMES:
            r = evalsets.score(name, Path(tmp))
            d = {layer: floor(r[layer]["f1"]) for layer in evalsets.LAYERS}
            d["grounded"] = floor(r["grounded"])
            d["mean_f1"] = floor(r["mean_f1"], 3)
            if name in evalsets.REAL:
                for t, v in r["events_by_type"].items():
                    d[f"events.{t}"] = floor(v["f1"])
            base[name] = d
            print(name, json.dumps(d))
    if a.write:
        path = evalsets.ROOT / "tests/quality_baseline.json"
        old = json.loads(path.read_text()) if path.exists() else {}
        old.update(base)
        path.write_text(json.dumps(old, indent=2) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
