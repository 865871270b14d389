#!/usr/bin/env python3
"""Print (or with --write, pin) the scorer's F1 floors for the seed and the dev sets.

Raising a floor is a deliberate commit: run this after an improvement, review the diff of
tests/quality_baseline.json, and commit it with the change that earned it.
"""
import argparse
import json
import math
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SETS = {"seed": (ROOT.parent / "shared/eval/docs", ROOT.parent / "shared/eval/gold"),
        "dev-ar": (ROOT / "dev/ar/docs", ROOT / "dev/ar/gold"),
        "dev-en": (ROOT / "dev/en/docs", ROOT / "dev/en/gold"),
        "holdout-ar": (ROOT / "holdout/ar/docs", ROOT / "holdout/ar/gold"),
        "holdout-en": (ROOT / "holdout/en/docs", ROOT / "holdout/en/gold")}
LAYERS = ["money", "percent", "orgs", "people", "products", "events"]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--write", action="store_true", help="write tests/quality_baseline.json")
    a = ap.parse_args()
    marsad = [sys.executable, "-c", "from marsad.cli import main; main()"]
    base = {}
    with tempfile.TemporaryDirectory() as tmp:
        for name, (docs, gold) in SETS.items():
            out = Path(tmp) / f"{name}.jsonl"
            with out.open("w") as fh:
                subprocess.run(marsad + ["extract", "--format", "jsonl", str(docs)], stdout=fh, check=True)
            r = json.loads(subprocess.run([sys.executable, str(ROOT.parent / "shared/eval/score.py"), "--gold",
                                           str(gold), "--pred", str(out), "--json"],
                                          capture_output=True, text=True, check=True).stdout)
            d = {layer: math.floor(r[layer]["f1"] * 100) / 100 for layer in LAYERS}
            d["grounded"] = math.floor(r["grounded"] * 100) / 100
            d["mean_f1"] = math.floor(r["mean_f1"] * 1000) / 1000
            base[name] = d
            print(name, json.dumps(d))
    if a.write:
        (ROOT / "tests/quality_baseline.json").write_text(json.dumps(base, indent=2) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
