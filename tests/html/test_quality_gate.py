"""The quality gate for HTML mode: F1 floors pinned in benchmarks/baseline.json.

The floors (``scrapinghub/html``, ``readability/html``) sit beside the text
inputs' floors, with the corpus hash; they are raised with
``python -m inspector bench DATASET --input html --gate benchmarks/baseline.json
--update-gate`` and lowered only with ``--allow-lower``.  Runs only where the
public benchmark data sits beside the checkout (``../shared/evaldata``);
speed is measured by ``bench``, never asserted here.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from inspector.bench import main

ROOT = Path(__file__).resolve().parent.parent.parent
DATA = ROOT.parent / "shared" / "evaldata"
BASELINE = ROOT / "benchmarks" / "baseline.json"


@pytest.mark.parametrize("dataset", ["scrapinghub", "readability"])
def test_html_f1_stays_above_its_floor(dataset, capsys):
    if not (DATA / dataset / "html").is_dir():
        pytest.skip(f"benchmark data ({DATA / dataset}) not present")
    assert f"{dataset}/html" in json.loads(BASELINE.read_text(encoding="utf-8"))
    code = main([str(DATA / dataset), "--input", "html", "--peers", "none",
                 "--gate", str(BASELINE)])
    out = capsys.readouterr()
    assert code == 0, out.err
    assert "≥ floor" in out.out, out.err
