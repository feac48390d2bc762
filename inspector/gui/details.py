"""The metadata and statistics panel, which is also the colour legend."""

from __future__ import annotations

from html import escape

from inspector.model import Category, Document

from . import palette
from .qt import QtCore, QtGui, QtWidgets

Qt = QtCore.Qt


class LegendKey(QtWidgets.QTextEdit):
    """How spans are drawn, written with the very formats the highlighter uses."""

    SAMPLES = (("removed", Category.NAVIGATION, True, False),
               ("kept", Category.NAVIGATION, False, False),
               ("to review", Category.NAVIGATION, False, True))

    def __init__(self, parent: QtWidgets.QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("legendKey")
        self.setReadOnly(True)
        self.setFrameShape(QtWidgets.QFrame.Shape.NoFrame)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.viewport().setAutoFillBackground(False)
        self.setFixedHeight(self.fontMetrics().lineSpacing() * 2 + 8)
        self.fill()

    def fill(self) -> None:
        from .highlight import edit_char_format, span_char_format

        self.clear()
        cursor = self.textCursor()
        plain = QtGui.QTextCharFormat()
        for i, (label, category, removed, review) in enumerate(self.SAMPLES):
            if i:
                cursor.insertText("  ", plain)
            cursor.insertText(label, span_char_format(category, removed, review,
                                                      self.palette()))
        cursor.insertText("  ", plain)
        cursor.insertText("repair", edit_char_format())

    def changeEvent(self, event: QtCore.QEvent) -> None:  # noqa: N802 - Qt override
        super().changeEvent(event)
        if event.type() == QtCore.QEvent.Type.PaletteChange:
            self.fill()


class DetailsPanel(QtWidgets.QWidget):
    """Title, date, author, language…, counts, and characters removed per category."""

    def __init__(self, parent: QtWidgets.QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("detailsPanel")
        self.doc: Document | None = None
        self.meta = QtWidgets.QLabel(objectName="metadataLabel")
        self.meta.setWordWrap(True)
        self.meta.setTextFormat(Qt.TextFormat.RichText)
        self.meta.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.meta.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.totals = QtWidgets.QLabel(objectName="totalsLabel")
        self.totals.setWordWrap(True)
        self.legend = QtWidgets.QTableWidget(0, 3, objectName="legendTable")
        self.legend.setHorizontalHeaderLabels(["Category", "Spans", "Removed chars"])
        self.legend.verticalHeader().hide()
        self.legend.setEditTriggers(QtWidgets.QAbstractItemView.EditTrigger.NoEditTriggers)
        self.legend.setSelectionMode(QtWidgets.QAbstractItemView.SelectionMode.NoSelection)
        self.legend.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.legend.setShowGrid(False)
        self.legend.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 4)
        header = self.legend.horizontalHeader()
        header.setSectionResizeMode(0, QtWidgets.QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QtWidgets.QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QtWidgets.QHeaderView.ResizeMode.ResizeToContents)

        layout = QtWidgets.QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(self.meta)
        layout.addWidget(self.totals)
        layout.addWidget(LegendKey())
        layout.addWidget(self.legend, 1)

    def set_document(self, doc: Document | None) -> None:
        self.doc = doc
        self.refresh()

    def refresh(self, *_: object) -> None:
        doc = self.doc
        if doc is None:
            self.meta.setText("<i>No document</i>")
            self.totals.clear()
            self.legend.setRowCount(0)
            return
        m = doc.metadata
        rows = [("Title", m.title), ("Date", m.date), ("Author", m.author),
                ("Site", m.site_name), ("URL", m.url), ("Language", m.language),
                ("Encoding", m.encoding), ("Kind", doc.kind),
                ("Captions kept", str(len(m.captions)) if m.captions else None),
                ("SHA-256", (m.sha256 or "")[:16] + "…" if m.sha256 else None)]
        self.meta.setText("<table>" + "".join(
            f"<tr><td><b>{k}</b>&nbsp;</td><td>{escape(v)}</td></tr>"
            for k, v in rows if v) + "</table>")
        stats = doc.stats()
        raw, clean = stats["raw_chars"], stats["clean_chars"]
        share = 100 * (raw - clean) / raw if raw else 0
        self.totals.setText(
            f"{stats['spans']:,} spans: {stats['removed_spans']:,} removed, "
            f"<b>{stats['to_review']:,} to review</b>, {stats['edits']:,} repairs.<br>"
            f"{raw:,} → {clean:,} characters ({share:.0f}% removed)."
        )
        self.totals.setTextFormat(Qt.TextFormat.RichText)
        counts = stats["spans_per_category"]
        removed = stats["removed_chars_per_category"]
        present = [c for c in Category if c.value in counts]
        self.legend.setRowCount(len(present))
        for row, category in enumerate(present):
            name = QtWidgets.QTableWidgetItem(palette.swatch(category),
                                              palette.LABELS[category])
            name.setToolTip(category.value)
            name.setBackground(QtGui.QBrush(palette.fill(category, self.palette())))
            self.legend.setItem(row, 0, name)
            for col, value in ((1, counts.get(category.value, 0)),
                               (2, removed.get(category.value, 0))):
                item = QtWidgets.QTableWidgetItem(f"{value:,}")
                item.setTextAlignment(Qt.AlignmentFlag.AlignRight
                                      | Qt.AlignmentFlag.AlignVCenter)
                self.legend.setItem(row, col, item)
