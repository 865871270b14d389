"""Load the example corpora under tests/corpus/<lang>/<kind>.yaml as pytest params."""
from __future__ import annotations

from pathlib import Path

import pytest
import yaml

CORPUS = Path(__file__).parent / "corpus"


def examples(kind: str):
    """pytest params (lang, example) for every example of ``kind`` in every language."""
    params = []
    for path in sorted(CORPUS.glob(f"*/{kind}.yaml")):
        lang = path.parent.name
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or []
        for i, ex in enumerate(data):
            label = ex["text"][:40].replace("\n", " ")
            params.append(pytest.param(lang, ex, id=f"{lang}-{i:03d}-{label}"))
    return params
