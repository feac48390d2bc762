"""Shared test fixtures.  Tests never depend on ../shared; fixtures live in tests/."""

from __future__ import annotations

from pathlib import Path

import pytest

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture(scope="session")
def fixtures() -> Path:
    return FIXTURES


@pytest.fixture(scope="session")
def rules():
    from inspector.rules import load_rules

    return load_rules()
