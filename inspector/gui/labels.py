"""Labels whose text changes with the document (counts, titles).

A QLabel asks for at least the width of its text, so a count growing from
"9" to "12" would widen its dock or pane and, with them, the whole window
(or refuse a size the person chose).  These labels ask for almost nothing
and show as much of their text as the layout gives them.
"""

from __future__ import annotations

from .qt import QtWidgets


def count_label(object_name: str = "") -> QtWidgets.QLabel:
    label = QtWidgets.QLabel(objectName=object_name)
    label.setMinimumWidth(label.fontMetrics().horizontalAdvance("000"))
    return label
