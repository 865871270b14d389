"""Start-up cost of a new process: CPU time of ``import marsad`` plus the first extraction, per
language, with the data cache (marsad.datacache) cold, warm, and turned off.

    python benchmarks/startup.py [--repeat 3]

Each figure is the child processes' user+system CPU time (not wall-clock: the machine is shared),
median of the runs; cold = an empty cache folder each run, warm = the folder the previous run filled.
Every ``marsad`` command and every ingest worker pays this once.
"""
from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile

TEXTS = {"ar": "أعلنت مجموعة علي بابا استثمار 50 مليار دولار في الذكاء الاصطناعي",
         "en": "Nvidia shares rose 3% after Microsoft agreed to buy chips for $2 billion"}


def child_cpu(lang: str, env: dict) -> float:
    code = f"import marsad; marsad.extract({TEXTS[lang]!r})"
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    subprocess.run([sys.executable, "-c", code], check=True, env={**os.environ, **env})
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--repeat", type=int, default=3, help="runs per figure (median printed)")
    args = ap.parse_args()
    print(f"{'lang':4} {'off':>7} {'cold':>7} {'warm':>7}   (CPU seconds, median of {args.repeat})")
    for lang in TEXTS:
        runs = {"off": [], "cold": [], "warm": []}
        with tempfile.TemporaryDirectory() as warm_dir:
            child_cpu(lang, {"MARSAD_CACHE_DIR": warm_dir})  # fill it
            for _ in range(args.repeat):  # alternate, so load on the machine hits all three alike
                runs["off"].append(child_cpu(lang, {"MARSAD_NO_CACHE": "1"}))
                with tempfile.TemporaryDirectory() as cold_dir:
                    runs["cold"].append(child_cpu(lang, {"MARSAD_CACHE_DIR": cold_dir}))
                runs["warm"].append(child_cpu(lang, {"MARSAD_CACHE_DIR": warm_dir}))
        print(f"{lang:4} " + " ".join(f"{statistics.median(v):7.2f}" for v in runs.values()))


if __name__ == "__main__":
    main()
