"""Golden HTML cases: trimmed benchmark pages with their gold article text (see cases/README.md)."""

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

CASES_DIR = Path(__file__).parent / "cases"
CASES = sorted(p for p in CASES_DIR.iterdir() if (p / "case.toml").exists())
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


def test_every_case_is_small_and_licensed():
    assert len(CASES) >= 5
    for case in CASES:
        assert (case / "input.html").stat().st_size < 40_000, case.name
        meta = tomllib.loads((case / "case.toml").read_text(encoding="utf-8"))
        licence = re.search(r"tests/html/cases/(LICENSE\.\w+)", meta["licence"])
        assert licence and (CASES_DIR / licence.group(1)).is_file(), case.name


@pytest.mark.parametrize(("case", "meta"), list(_params()))
def test_case(case: Path, meta: dict):
    doc = inspector.inspect(case / "input.html", kind="html")
    gold = (case / "expected.txt").read_text(encoding="utf-8")
    precision, recall = precision_recall(doc.cleaned, gold)
    if meta.get("article_intact"):
        assert recall == 1.0, f"recall {recall:.3f}"
        gold_shingles = _shingles(gold)
        touched = [(s.rule, doc.raw[s.start:s.end][:60]) for s in doc.spans
                   if s.removed and any(sh in gold_shingles
                                        for sh in _shingles(doc.raw[s.start:s.end]))]
        assert touched == []
    assert precision >= meta.get("min_precision", 0.9), f"precision {precision:.3f}"
    assert recall >= meta.get("min_recall", 0.9), f"recall {recall:.3f}"
