"""The read-only HTML source of an HTML input, scrolled to the selected span's element."""

from __future__ import annotations

from pathlib import Path

from inspector.model import Document, Span

from .qt import QtGui, QtWidgets

_LINE = QtWidgets.QTextEdit.ExtraSelection


class HtmlSourceView(QtWidgets.QPlainTextEdit):
    """Shows the original page; the Document holds only its text layer."""

    def __init__(self, parent: QtWidgets.QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("htmlSource")
        self.setReadOnly(True)
        self.setUndoRedoEnabled(False)
        self.setLineWrapMode(QtWidgets.QPlainTextEdit.LineWrapMode.NoWrap)
        self.setAcceptDrops(False)
        font = QtGui.QFontDatabase.systemFont(QtGui.QFontDatabase.SystemFont.FixedFont)
        self.setFont(font)
        self.doc: Document | None = None
        self._loaded_for: Document | None = None
        self.message = ""

    def set_document(self, doc: Document | None) -> None:
        self.doc = doc
        self._loaded_for = None
        self.clear()

    def available(self) -> bool:
        return self.doc is not None and self.doc.kind == "html"

    def _ensure_loaded(self) -> bool:
        """Read the page from its source path the first time it is needed."""
        if self.doc is None or self._loaded_for is self.doc:
            return self.doc is not None
        self._loaded_for = self.doc
        path = self.doc.metadata.source_path
        if not path:
            self.setPlainText("(the HTML source is not available: the input was not a file)")
            return False
        try:
            data = Path(path).read_bytes()
        except OSError as exc:
            self.setPlainText(f"(cannot read {path}: {exc.strerror or exc})")
            return False
        encoding = self.doc.metadata.encoding or "utf-8"
        try:
            text = data.decode(encoding, errors="replace")
        except LookupError:
            text = data.decode("utf-8", errors="replace")
        self.setPlainText(text)
        return True

    def show_span(self, span: Span | None) -> None:
        """Scroll to the span's source line and mark it."""
        if not self.available() or not self._ensure_loaded():
            return
        if span is None or span.source_line is None:
            self.setExtraSelections([])
            return
        block = self.document().findBlockByNumber(max(0, span.source_line - 1))
        if not block.isValid():
            return
        sel = _LINE()
        sel.cursor = QtGui.QTextCursor(block)
        fmt = QtGui.QTextCharFormat()
        fmt.setBackground(self.palette().color(QtGui.QPalette.ColorRole.Highlight).lighter(170))
        fmt.setProperty(QtGui.QTextFormat.Property.FullWidthSelection, True)
        sel.format = fmt
        self.setExtraSelections([sel])
        self.setTextCursor(QtGui.QTextCursor(block))
        self.centerCursor()
