"""The quality gate: F1 floors pinned in benchmarks/baseline.json (with the corpus hash).

Runs only where the public benchmark data sits beside the checkout (as in CI);
lowering a floor needs ``bench --update-gate --allow-lower`` on purpose.
Speed is measured by ``python -m inspector bench``, never asserted here.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from inspector.bench import main

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT.parent / "shared" / "evaldata" / "scrapinghub"
BASELINE = ROOT / "benchmarks" / "baseline.json"


@pytest.mark.skipif(not DATA.is_dir(), reason="benchmark data (../shared/evaldata) not present")
@pytest.mark.parametrize("input_kind", ["text:html-text", "text:html2text", "text:inscriptis",
                                        "text:beautifulsoup", "xpath"])
def test_f1_stays_above_its_floor(input_kind, capsys):
    code = main([str(DATA), "--input", input_kind, "--peers", "none", "--gate", str(BASELINE)])
    out = capsys.readouterr()
    assert code == 0, out.err
    assert "≥ floor" in out.out, out.err


_SCRIPT_SIGNS = (
    r"function\s*\(|\bvar\s+\w+\s*=|window\.\w+|document\.\w+|=>|\w+\.push\(|googletag"
    r"|\{\s*\"[\w@]+\"\s*:|!important|@media|\w+\s*\{[^}]*:[^}]*;"
)


@pytest.mark.skipif(not DATA.is_dir(), reason="benchmark data (../shared/evaldata) not present")
def test_no_xpath_page_keeps_script_text():
    import re

    import inspector
    from inspector.bench import load_pages

    signs = re.compile(_SCRIPT_SIGNS)
    leaks = []
    for page in load_pages(DATA, "xpath"):
        cleaned = inspector.inspect(page.input, kind="text").cleaned
        hits = [line for line in cleaned.split("\n") if signs.search(line)]
        if hits:
            leaks.append((page.id[:12], hits[0][:80]))
    assert leaks == []
