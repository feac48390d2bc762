"""Golden cases: real scrapes in several languages with their gold article text."""

from __future__ import annotations

import re
import sys
from collections import Counter
from pathlib import Path

import pytest

import inspector

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

HERE = Path(__file__).parent
CASES = sorted(p for p in HERE.iterdir() if (p / "case.toml").exists())
_WORD = re.compile(r"\w+")


def _shingles(text: str) -> Counter:
    tokens = _WORD.findall(text)
    if len(tokens) < 4:
        return Counter([tuple(tokens)]) if tokens else Counter()
    return Counter(tuple(tokens[i:i + 4]) for i in range(len(tokens) - 3))


def precision_recall(predicted: str, gold: str) -> tuple[float, float]:
    p, g = _shingles(predicted), _shingles(gold)
    tp = sum((p & g).values())
    fp = sum((p - g).values())
    fn = sum((g - p).values())
    if fp == fn == 0:
        return 1.0, 1.0
    return (tp / (tp + fp) if tp + fp else 0.0), (tp / (tp + fn) if tp + fn else 0.0)


def _params():
    for case in CASES:
        meta = tomllib.loads((case / "case.toml").read_text(encoding="utf-8"))
        marks = [pytest.mark.xfail(reason=meta["xfail"], strict=True)] if "xfail" in meta else []
        yield pytest.param(case, meta, id=case.name, marks=marks)


@pytest.mark.parametrize(("case", "meta"), list(_params()))
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


@pytest.mark.parametrize(("case", "meta"), list(_params()))
def test_cleaning_again_removes_nothing_confidently(case: Path, meta: dict):
    """Idempotence: the cleaned text holds no boilerplate the cleaner is sure about."""
    doc = inspector.inspect(case / "input.txt", kind="text")
    again = inspector.inspect(doc.cleaned, kind="text")
    confident = [(s.rule, again.raw[s.start:s.end][:60]) for s in again.spans
                 if s.removed and s.confidence >= 0.9]
    assert confident == []
