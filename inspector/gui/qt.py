"""The one place the GUI imports Qt from.

Every module in :mod:`inspector.gui` does ``from .qt import QtCore, QtGui,
QtWidgets, Qt, Signal, Slot``; version checks and workarounds live here and
nowhere else.
"""

from __future__ import annotations

import sys

import PySide6
from PySide6 import QtCore, QtGui, QtWidgets
from PySide6.QtCore import Qt, Signal, Slot

#: PySide6 6.12.0 on Python < 3.12 drops a reference to ``None`` on every call
#: of a method returning void; highlighting a long document makes thousands of
#: such calls and Python aborts with "none_dealloc".  pyproject excludes it, but
#: an environment may still carry it: refuse loudly instead of crashing later.
BROKEN_PYSIDE = {"6.12.0"}

if PySide6.__version__ in BROKEN_PYSIDE and sys.version_info < (3, 12):  # pragma: no cover
    raise ImportError(
        f"PySide6 {PySide6.__version__} leaks references to None on Python "
        f"{sys.version_info.major}.{sys.version_info.minor} and crashes on long documents; "
        "install another version (pip install 'PySide6!=6.12.0')."
    )

QT_VERSION = QtCore.qVersion()
PYSIDE_VERSION = PySide6.__version__

__all__ = ["PYSIDE_VERSION", "QT_VERSION", "Qt", "QtCore", "QtGui", "QtWidgets", "Signal", "Slot"]
