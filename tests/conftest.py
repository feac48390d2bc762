"""Shared test fixtures.  Tests never depend on ../shared; fixtures live in tests/."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

FIXTURES = Path(__file__).parent / "fixtures"


def pytest_addoption(parser: pytest.Parser) -> None:
    if importlib.util.find_spec("pytestqt") is None:
        # The run without Qt (``make test`` runs the tests outside tests/gui
        # without PySide6 too) has no pytest-qt to declare its setting in
        # pyproject.toml, which --strict-config would reject as unknown.
        parser.addini("qt_api", "the Qt binding pytest-qt would use (no pytest-qt here)")


@pytest.fixture(scope="session")
def fixtures() -> Path:
    return FIXTURES


@pytest.fixture(scope="session")
def rules():
    from inspector.rules import load_rules

    return load_rules()
