"""Shared by the golden-case tests (text in tests/cases, HTML in tests/html/cases).

A case is a folder with an input, ``expected.txt`` (the gold article text)
and ``case.toml`` (its source, licence and thresholds).  Cleaned text is
compared with the gold by 4-word shingles, as the ScrapingHub benchmark
scores pages, so a case reads like a one-page benchmark.
"""

from __future__ import annotations

import re
import sys
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

_WORD = re.compile(r"\w+")


def cases_in(folder: Path) -> list[Path]:
    return sorted(p for p in folder.iterdir() if (p / "case.toml").exists())


def case_meta(case: Path) -> dict:
    return tomllib.loads((case / "case.toml").read_text(encoding="utf-8"))


def case_params(cases: list[Path]) -> Iterator:
    """One pytest param per case; ``xfail = "why"`` in case.toml marks a known miss."""
    for case in cases:
        meta = case_meta(case)
        marks = [pytest.mark.xfail(reason=meta["xfail"], strict=True)] if "xfail" in meta else []
        yield pytest.param(case, meta, id=case.name, marks=marks)


def shingles(text: str) -> Counter:
    tokens = _WORD.findall(text)
    if len(tokens) < 4:
        return Counter([tuple(tokens)]) if tokens else Counter()
    return Counter(tuple(tokens[i:i + 4]) for i in range(len(tokens) - 3))


def precision_recall(predicted: str, gold: str) -> tuple[float, float]:
    p, g = shingles(predicted), shingles(gold)
    tp = sum((p & g).values())
    fp = sum((p - g).values())
    fn = sum((g - p).values())
    if fp == fn == 0:
        return 1.0, 1.0
    return (tp / (tp + fp) if tp + fp else 0.0), (tp / (tp + fn) if tp + fn else 0.0)
