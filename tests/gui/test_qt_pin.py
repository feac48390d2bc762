"""PySide6 6.12.0 loses a reference to None on every void call (Python < 3.12)."""

from __future__ import annotations

import sys

from inspector.gui.qt import QtGui


def test_void_calls_do_not_leak_none(qapp):
    doc = QtGui.QTextDocument()
    doc.setModified(True)  # warm up
    before = sys.getrefcount(None)
    for _ in range(1000):
        doc.setModified(True)
    after = sys.getrefcount(None)
    # A few references may come and go; the bug loses one per call (1,000).
    assert abs(after - before) < 50, f"None refcount {before} -> {after}: broken PySide6"
