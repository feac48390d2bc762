"""Helpers for the reader tests."""

from __future__ import annotations

from pathlib import Path

import pytest

from inspector.sources.records import Options, iter_documents

ARTICLE = ("The council approved the new budget on Tuesday after a long debate. Members said "
           "the plan would cut waiting times at the city's hospitals.")
PAGE = f"<html><body><nav>Home</nav><p>{ARTICLE}</p></body></html>"


@pytest.fixture(scope="session")
def inputs(fixtures) -> Path:
    return fixtures / "inputs"


def read_all(*inputs, **options) -> list:
    return list(iter_documents([str(i) for i in inputs], Options(**options)))


def kinds(items: list) -> list[str]:
    return [type(x).__name__ for x in items]
