"""What a fresh install needs is declared (issue 12, item 7), and the suite is organised for CI (item 8)."""
from __future__ import annotations

import ast
import re
import sys
import tomllib
from importlib import metadata
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))


def _declared() -> dict[str, str]:
    extras = PROJECT["project"]["optional-dependencies"]
    deps = PROJECT["project"]["dependencies"] + extras["spark"] + extras["pdf"]  # the library's optional extras
    out = {}
    for d in deps:
        name = re.split(r"[\[<>=!~; ]", d, maxsplit=1)[0]
        out[re.sub(r"[-_.]+", "-", name).lower()] = d
    return out


def test_every_directly_imported_package_is_declared():
    """A module imported by src/marsad must come from a declared distribution, not from
    whatever another package happened to pull in (numpy did)."""
    declared = _declared()
    dists = metadata.packages_distributions()
    missing = set()
    for path in (ROOT / "src" / "marsad").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            names = [a.name for a in node.names] if isinstance(node, ast.Import) else \
                [node.module] if isinstance(node, ast.ImportFrom) and node.module and not node.level else []
            for name in names:
                top = name.split(".")[0]
                if top == "marsad" or top in sys.stdlib_module_names:
                    continue
                owners = {re.sub(r"[-_.]+", "-", d).lower() for d in dists.get(top, [])}
                if not owners & set(declared):
                    missing.add(f"{top} ({path.relative_to(ROOT)})")
    assert not missing, f"imported but not declared in pyproject.toml: {sorted(missing)}"


def test_trafilatura_has_its_html_cleaner_and_works():
    assert "lxml-html-clean" in _declared()  # trafilatura 2.x with lxml >= 5.2 imports it
    import trafilatura

    html = "<html><body><article><p>Nvidia shares rose 3% to $120 on Monday after the results.</p></article></body></html>"
    assert "Nvidia" in (trafilatura.extract(html) or "")


def test_pandas_and_pyspark_ranges_agree():
    """pyspark 4 supports pandas 2.2 to 2.x (pandas 3 gives 'not yet fully supported')."""
    d = _declared()
    assert re.search(r"pandas>=2\.2,<3", d["pandas"]) and re.search(r"pyspark>=4\.0,<5", d["pyspark"])
    import pandas

    assert 2 <= int(pandas.__version__.split(".")[0]) < 3


def test_license_is_an_spdx_string():
    assert PROJECT["project"]["license"] == "Apache-2.0"
    req = PROJECT["build-system"]["requires"]
    m = next(re.match(r"setuptools>=(\d+)", r) for r in req if r.startswith("setuptools"))
    assert int(m.group(1)) >= 77  # setuptools reads an SPDX license string from 77 on


def test_slow_tests_are_marked_and_make_has_a_fast_target():
    make = (ROOT / "Makefile").read_text("utf-8")
    assert re.search(r"^test-fast:.*\n\t.*-m ['\"]not slow['\"]", make, re.M)
    for path, name in [("test_read_bad_input.py", "test_large_file_is_processed"),
                       ("test_spark.py", "test_spark_local_equals_single_process"),
                       ("test_ingest.py", "test_kill_9_mid_ingest_then_rerun_gives_one_complete_copy")]:
        src = (ROOT / "tests" / path).read_text("utf-8")
        assert re.search(rf"@pytest\.mark\.slow\s*\ndef {name}\b", src), name


def test_no_test_waits_on_a_short_wall_clock_limit():
    """Hard limits in tests are hang guards only: at least 10 minutes for a subprocess, and no
    'so many in so many seconds' assertion (speed belongs in benchmarks/)."""
    short = []
    for path in (ROOT / "tests").glob("*.py"):
        src = path.read_text("utf-8")
        for m in re.finditer(r"\btimeout=(\d+(?:\.\d+)?)", src):
            line = src[:m.start()].count("\n") + 1
            text = src.splitlines()[line - 1]
            if "subprocess" in text or "run(" in text or "Popen" in text or "communicate" in text:
                if float(m.group(1)) < 600:
                    short.append(f"{path.name}:{line}")
    assert not short, f"subprocess timeouts under 600 s: {short}"
    api = (ROOT / "tests" / "test_api.py").read_text("utf-8")
    assert "time.monotonic() + 3.0" not in api
