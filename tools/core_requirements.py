"""Print what the core and its tests need, without Qt: one requirement per line.

``make test`` installs these into a second environment without PySide6 and
runs the tests outside ``tests/gui`` there.  The import-linter contract
proves that the core never imports Qt by name; this proves that it runs
without it (a late import or a plugin could not hide).
"""

from __future__ import annotations

import sys
from pathlib import Path

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

#: Requirements that bring Qt in, by project name.
QT_PROJECTS = ("pyside6", "pytest-qt")


def core_requirements(pyproject: Path) -> list[str]:
    """The runtime and test requirements of ``pyproject``, without those of Qt."""
    project = tomllib.loads(pyproject.read_text(encoding="utf-8"))["project"]
    wanted = [*project["dependencies"], *project["optional-dependencies"]["test"]]
    return [r for r in wanted if not _name(r).startswith(QT_PROJECTS)]


def _name(requirement: str) -> str:
    return requirement.strip().lower().replace("_", "-")


if __name__ == "__main__":
    root = Path(__file__).resolve().parent.parent
    print("\n".join(core_requirements(root / "pyproject.toml")))
