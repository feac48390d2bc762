"""The requirements of the run without Qt (``tools/core_requirements.py``)."""

from __future__ import annotations

import importlib.util
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
_spec = importlib.util.spec_from_file_location("core_requirements",
                                               ROOT / "tools" / "core_requirements.py")
assert _spec is not None and _spec.loader is not None
core_requirements_module = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(core_requirements_module)
core_requirements = core_requirements_module.core_requirements


def _names(requirements: list[str]) -> set[str]:
    return {re.split(r"[<>=!~;\[ ]", r, maxsplit=1)[0].lower() for r in requirements}


def test_the_projects_own_requirements_lose_qt_and_keep_the_rest() -> None:
    names = _names(core_requirements(ROOT / "pyproject.toml"))
    assert "pyside6" not in names
    assert "pytest-qt" not in names
    assert {"beautifulsoup4", "ftfy", "lxml", "pyahocorasick", "pytest", "hypothesis"} <= names


def test_qt_is_recognised_however_its_name_is_written(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text(
        '[project]\nname = "x"\n'
        'dependencies = ["PySide6_Essentials>=6.7", "ftfy>=6.2", '
        '"tomli>=2.0; python_version < \'3.11\'"]\n'
        '[project.optional-dependencies]\ntest = ["pytest_qt>=4", "pytest>=8"]\n',
        encoding="utf-8")
    assert core_requirements(tmp_path / "pyproject.toml") == [
        "ftfy>=6.2", "tomli>=2.0; python_version < '3.11'", "pytest>=8"]
