"""Golden cases: real scrapes in several languages with their gold article text."""

from __future__ import annotations

from pathlib import Path

import pytest

import inspector
from tests.golden import case_params, cases_in, precision_recall

CASES = cases_in(Path(__file__).parent)


@pytest.mark.parametrize(("case", "meta"), list(case_params(CASES)))
def test_case(case: Path, meta: dict):
    doc = inspector.inspect(case / "input.txt", kind="text")
    gold = (case / "expected.txt").read_text(encoding="utf-8")
    if meta.get("nothing_removed"):
        confident = [doc.raw[s.start:s.end] for s in doc.spans
                     if s.removed and s.confidence >= 0.75]
        assert confident == []
    precision, recall = precision_recall(doc.cleaned, gold)
    assert precision >= meta.get("min_precision", 0.9), f"precision {precision:.3f}"
    assert recall >= meta.get("min_recall", 0.9), f"recall {recall:.3f}"


@pytest.mark.parametrize(("case", "meta"), list(case_params(CASES)))
def test_cleaning_again_removes_nothing_confidently(case: Path, meta: dict):
    """Idempotence: the cleaned text holds no boilerplate the cleaner is sure about."""
    doc = inspector.inspect(case / "input.txt", kind="text")
    again = inspector.inspect(doc.cleaned, kind="text")
    confident = [(s.rule, again.raw[s.start:s.end][:60]) for s in again.spans
                 if s.removed and s.confidence >= 0.9]
    assert confident == []
