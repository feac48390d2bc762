"""Fixtures for HTML mode: small real snippets live in tests/html/snippets/."""

from __future__ import annotations

from pathlib import Path

import pytest

SNIPPETS = Path(__file__).parent / "snippets"


@pytest.fixture(scope="session")
def snippets() -> Path:
    return SNIPPETS
