"""Golden HTML cases: trimmed benchmark pages with their gold article text (see cases/README.md)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import inspector
from tests.golden import case_meta, case_params, cases_in, precision_recall, shingles

CASES_DIR = Path(__file__).parent / "cases"
CASES = cases_in(CASES_DIR)


def test_every_case_is_small_and_licensed():
    assert len(CASES) >= 5
    for case in CASES:
        assert (case / "input.html").stat().st_size < 40_000, case.name
        meta = case_meta(case)
        licence = re.search(r"tests/html/cases/(LICENSE\.\w+)", meta["licence"])
        assert licence and (CASES_DIR / licence.group(1)).is_file(), case.name


@pytest.mark.parametrize(("case", "meta"), list(case_params(CASES)))
def test_case(case: Path, meta: dict):
    doc = inspector.inspect(case / "input.html", kind="html")
    gold = (case / "expected.txt").read_text(encoding="utf-8")
    precision, recall = precision_recall(doc.cleaned, gold)
    if meta.get("article_intact"):
        assert recall == 1.0, f"recall {recall:.3f}"
        gold_shingles = shingles(gold)
        touched = [(s.rule, doc.raw[s.start:s.end][:60]) for s in doc.spans
                   if s.removed and any(sh in gold_shingles
                                        for sh in shingles(doc.raw[s.start:s.end]))]
        assert touched == []
    assert precision >= meta.get("min_precision", 0.9), f"precision {precision:.3f}"
    assert recall >= meta.get("min_recall", 0.9), f"recall {recall:.3f}"
