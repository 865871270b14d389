"""A step's version derives from its code and data: every marsad module its code imports (directly or through
another module of the step) is in its ``code`` list, so that a change to any of them re-extracts exactly the
documents the step's output may differ on (issue 8)."""
from __future__ import annotations

import ast
import importlib.util

import pytest

from marsad import pipeline

# Infrastructure that holds no rule or word of a step: loading, the data model, errors, the on-disk cache.
INFRA = {"marsad.lexicon", "marsad.model", "marsad.errors", "marsad.datacache"}


def _is_module(name: str) -> bool:
    try:
        return importlib.util.find_spec(name) is not None
    except (ImportError, ValueError):
        return False


def _imports(module: str) -> set[str]:
    """The marsad modules ``module`` imports (at top level or inside functions)."""
    tree = ast.parse(open(importlib.util.find_spec(module).origin, encoding="utf-8").read())
    out: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.level == 0 and (node.module or "").startswith("marsad"):
            for alias in node.names:
                sub = f"{node.module}.{alias.name}"
                out.add(sub if _is_module(sub) else node.module)
        elif isinstance(node, ast.Import):
            out |= {a.name for a in node.names if a.name.startswith("marsad")}
    return out - INFRA


@pytest.mark.parametrize("step", pipeline.STEPS, ids=lambda s: s.name)
def test_step_code_lists_every_module_it_imports(step):
    listed = set(step.code)
    missing = {m: sorted(_imports(m) - listed) for m in listed if _imports(m) - listed}
    assert not missing, f"add to {step.name}'s code list (pipeline.STEPS): {missing}"


def test_names_data_is_part_of_the_entities_version():
    step = next(s for s in pipeline.STEPS if s.name == "entities")
    assert "lang/{lang}/names.yaml" in step.data
