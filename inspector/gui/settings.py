"""What the GUI remembers between runs (QSettings), and where.

``ARTICLE_INSPECTOR_SETTINGS=/path/file.ini`` redirects every setting to one
INI file; the tests use it so they never touch the person's own settings.
"""

from __future__ import annotations

import os
from pathlib import Path

from .qt import QtCore

ORGANISATION = "ArticleInspector"
APPLICATION = "Article Inspector"
ENV_OVERRIDE = "ARTICLE_INSPECTOR_SETTINGS"
MAX_RECENT = 10

GEOMETRY = "window/geometry"
STATE = "window/state"
SPLITTER = "window/panes"
VERTICAL = "window/vertical"
ZOOM = "view/zoom"
WRAP = "view/wrap"
SYNC = "view/sync"
RECENT = "files/recent"
LAST_DIR = "files/lastDir"


def open_settings(parent: QtCore.QObject | None = None) -> QtCore.QSettings:
    override = os.environ.get(ENV_OVERRIDE)
    if override:
        return QtCore.QSettings(override, QtCore.QSettings.Format.IniFormat, parent)
    return QtCore.QSettings(ORGANISATION, APPLICATION, parent)


def _str_list(value: object) -> list[str]:
    if value is None:
        return []
    if isinstance(value, str):
        return [value]
    return [str(v) for v in value]  # type: ignore[union-attr]


def recent_files(settings: QtCore.QSettings) -> list[str]:
    return _str_list(settings.value(RECENT))


def add_recent(settings: QtCore.QSettings, path: Path) -> list[str]:
    entry = str(path.resolve())
    files = [entry] + [f for f in recent_files(settings) if f != entry]
    files = files[:MAX_RECENT]
    settings.setValue(RECENT, files)
    return files


def forget_recent(settings: QtCore.QSettings, path: str) -> list[str]:
    files = [f for f in recent_files(settings) if f != path]
    settings.setValue(RECENT, files)
    return files


def int_value(settings: QtCore.QSettings, key: str, default: int) -> int:
    try:
        return int(settings.value(key, default))  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return default


def bool_value(settings: QtCore.QSettings, key: str, default: bool) -> bool:
    value = settings.value(key, default)
    if isinstance(value, str):
        return value.lower() in ("1", "true", "yes")
    return bool(value)
