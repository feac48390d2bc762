"""An in-window message bar for load errors and warnings (never a modal traceback)."""

from __future__ import annotations

from html import escape

from .qt import QtCore, QtGui, QtWidgets

Qt = QtCore.Qt

_COLOURS = {  # Okabe–Ito tints, readable in light and dark palettes with black text
    "info": ("#d6ecf8", "#0072B2"),
    "warning": ("#fbf5c2", "#8a6d00"),
    "error": ("#f8d9c6", "#D55E00"),
}


class Banner(QtWidgets.QFrame):
    def __init__(self, parent: QtWidgets.QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("banner")
        self.kind = "info"
        self.label = QtWidgets.QLabel(objectName="bannerText")
        self.label.setWordWrap(True)
        self.label.setTextFormat(Qt.TextFormat.RichText)
        self.label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        close = QtWidgets.QToolButton(text="✕", toolTip="Dismiss")
        close.setAutoRaise(True)
        close.clicked.connect(self.hide)
        layout = QtWidgets.QHBoxLayout(self)
        layout.setContentsMargins(8, 4, 4, 4)
        layout.addWidget(self.label, 1)
        layout.addWidget(close, 0, Qt.AlignmentFlag.AlignTop)
        self.hide()

    def show_message(self, kind: str, title: str, lines: list[str] | tuple[str, ...] = ()) -> None:
        self.kind = kind
        background, edge = _COLOURS[kind]
        self.setStyleSheet(
            f"#banner {{ background: {background}; border: 1px solid {edge}; "
            f"border-radius: 3px; }} #banner QLabel {{ color: #000000; }}")
        body = f"<b>{escape(title)}</b>"
        if lines:
            body += "<br>" + "<br>".join(f"• {escape(line)}" for line in lines)
        self.label.setText(body)
        self.show()

    def text(self) -> str:
        return QtGui.QTextDocumentFragment.fromHtml(self.label.text()).toPlainText()
