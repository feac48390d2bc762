"""benchmarks/same_output.py: the check that speed work changed no decision."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from benchmarks import same_output
from inspector.detectors import REGISTRY

FIXTURE = Path(__file__).parent / "fixtures" / "fr-summit-scrape.txt"


def _data_set(tmp_path: Path) -> Path:
    root = tmp_path / "set"
    (root / "noisy_text" / "dump").mkdir(parents=True)
    shutil.copy(FIXTURE, root / "noisy_text" / "dump" / "fr.txt")
    (root / "truth").mkdir()
    (root / "truth" / "fr.txt").write_text("gold text is not inspected", encoding="utf-8")
    return root


def test_an_unchanged_tree_compares_equal(tmp_path, capsys):
    root = _data_set(tmp_path)
    record = tmp_path / "before.json"
    assert same_output.main(["record", str(root), "--to", str(record)]) == 0
    recorded = json.loads(record.read_text(encoding="utf-8"))
    assert list(recorded) == ["set/noisy_text/dump/fr.txt"]  # gold files are not inputs
    assert same_output.main(["compare", str(root), "--to", str(record)]) == 0
    assert "0 of 1 documents differ" in capsys.readouterr().out


def test_a_changed_detector_is_named(tmp_path, monkeypatch, capsys):
    root = _data_set(tmp_path)
    record = tmp_path / "before.json"
    same_output.main(["record", str(root), "--to", str(record)])
    captions = REGISTRY["captions"]
    monkeypatch.setitem(REGISTRY, "captions", lambda ctx: list(captions(ctx))[1:])
    assert same_output.main(["compare", str(root), "--to", str(record)]) == 1
    out = capsys.readouterr().out
    assert "set/noisy_text/dump/fr.txt: " in out and "detector captions" in out
    assert "1 of 1 documents differ" in out


def test_fingerprinting_leaves_the_detectors_as_they_were(tmp_path):
    before = dict(REGISTRY)
    same_output.fingerprint([_data_set(tmp_path)])
    assert before == REGISTRY
