"""Step versions derive from code and data: editing a lexicon re-extracts exactly the stored
documents of that language, and nothing else; an unchanged pipeline re-extracts nothing."""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import marsad
from marsad import pipeline

ROOT = Path(__file__).resolve().parents[1]

INGEST = """
import json, sys
from marsad.ingest import ingest
from marsad.store import open_store
store = open_store(sys.argv[1])
s = ingest(store, sys.argv[3:], workers=0, reextract=sys.argv[2] == "1")
store.close()
print(json.dumps(s.to_dict()))
"""


def _run(pkg_root: Path, db: Path, reextract: bool, paths: list[str]) -> dict:
    env = dict(os.environ, PYTHONPATH=str(pkg_root))
    out = subprocess.run([sys.executable, "-c", INGEST, str(db), "1" if reextract else "0", *paths],
                         capture_output=True, text=True, env=env, check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


@pytest.fixture()
def package_copy(tmp_path):
    """A private copy of the marsad package, so the test can edit its data files."""
    dst = tmp_path / "pkg" / "marsad"
    shutil.copytree(Path(marsad.__file__).parent, dst, ignore=shutil.ignore_patterns("__pycache__"))
    return dst


def test_versions_are_per_language_and_follow_data(package_copy, tmp_path):
    docs = tmp_path / "docs.jsonl"
    with docs.open("w", encoding="utf-8") as fh:
        for lang in ("ar", "en"):
            for i, f in enumerate(sorted((ROOT / "dev" / lang / "docs").glob("*.txt"))[:3]):
                fh.write(json.dumps({"id": f"{lang}-{i}", "text": f.read_text(encoding="utf-8"), "lang": lang},
                                    ensure_ascii=False) + "\n")
    db = tmp_path / "store.duckdb"
    pkg_root = package_copy.parent
    first = _run(pkg_root, db, False, [str(docs)])
    assert first["new"] == 6 and first["failed"] == 0
    # nothing changed: nothing to re-extract
    assert _run(pkg_root, db, True, [])["reextracted"] == 0
    # an English lexicon changes: exactly the three English documents are re-extracted
    cues = package_copy / "lang" / "en" / "event_cues.yaml"
    cues.write_text(cues.read_text(encoding="utf-8") + "\n# edited by test_reextract\n", encoding="utf-8")
    again = _run(pkg_root, db, True, [])
    assert again["reextracted"] == 3, again
    assert _run(pkg_root, db, True, [])["reextracted"] == 0


def test_step_versions_depend_on_language_data():
    ar, en = pipeline.versions("ar"), pipeline.versions("en")
    assert set(ar) == {"quantities", "fx", "entities", "names_as_of", "events", "checks", "brief"}
    assert ar["checks"] != en["checks"]  # check cues and topics per language
    assert ar["events"] != en["events"]  # different lexicons
    assert ar["brief"] == en["brief"]    # no language data
    f = marsad.extract("ارتفعت أسهم علي بابا 5%")
    assert f.extractors == ar


def test_steps_declare_their_inputs():
    with pytest.raises(RuntimeError, match="requires"):
        marsad.extract_document(marsad.Document(doc_id="x", text="Nvidia rose 5%", lang="en"), steps=["events"])
    f = marsad.extract_document(marsad.Document(doc_id="x", text="Nvidia spent $5 billion", lang="en"),
                                steps=["quantities", "fx"])
    assert f.quantities and not f.entities and set(f.extractors) == {"quantities", "fx"}
