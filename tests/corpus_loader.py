"""Load the example corpora under tests/corpus/<lang>/<kind>.yaml as pytest params."""
from __future__ import annotations

from pathlib import Path

import pytest
import yaml

CORPUS = Path(__file__).parent / "corpus"


def known_gaps() -> dict[tuple[str, str, str], str]:
    """(kind, lang, text) → reason, from tests/corpus/known_gaps.yaml."""
    path = CORPUS / "known_gaps.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or [] if path.exists() else []
    return {(g["kind"], g["lang"], g["text"]): g["reason"] for g in data}


def examples(kind: str):
    """pytest params (lang, example) for every example of ``kind`` in every language.

    Examples listed in known_gaps.yaml run as strict xfails."""
    gaps = known_gaps()
    params = []
    for path in sorted(CORPUS.glob(f"*/{kind}.yaml")):
        lang = path.parent.name
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or []
        for i, ex in enumerate(data):
            label = ex["text"][:40].replace("\n", " ")
            reason = gaps.get((kind, lang, ex["text"]))
            marks = [pytest.mark.xfail(strict=True, reason=reason)] if reason else []
            params.append(pytest.param(lang, ex, id=f"{lang}-{i:03d}-{label}", marks=marks))
    return params
