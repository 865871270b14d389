"""The same text gives the same facts in every process, whatever Python's hash seed (a set's
order once chose between two makers of one short product name, "Maps")."""
from __future__ import annotations

import json
import os
import subprocess
import sys

TEXT = ("Google said on Tuesday that Apple dropped the Maps app from the iPhone, "
        "while Apple said Maps would return. Google shares rose 2 percent.")
CODE = ("import json, sys, marsad; f = marsad.extract(sys.argv[1], lang='en'); "
        "print(json.dumps([(e.name, e.kb_id) for e in f.entities if e.type == 'PRODUCT']))")


def _products(seed: str) -> list:
    env = {**os.environ, "PYTHONHASHSEED": seed}
    out = subprocess.run([sys.executable, "-c", CODE, TEXT], env=env, capture_output=True, text=True, check=True)
    return json.loads(out.stdout)


def test_short_product_maker_does_not_depend_on_hash_seed():
    runs = [_products(seed) for seed in ("1", "2", "3", "4")]
    assert all(r == runs[0] for r in runs), runs
    maps = [kb for name, kb in runs[0] if name == "Maps"]
    assert maps == ["google_maps"], runs[0]  # the maker named first in the document
