"""The span list: a table model over the Document's spans, a sort/filter proxy and its view."""

from __future__ import annotations

import bisect
from typing import Any

from inspector.model import Category, Document, Span

from .labels import count_label
from .palette import LABELS, swatch
from .qt import QtCore, QtGui, QtWidgets, Signal
from .tooltips import decision_text, span_tooltip

Qt = QtCore.Qt
SORT_ROLE = Qt.ItemDataRole.UserRole + 1
SPAN_ID_ROLE = Qt.ItemDataRole.UserRole + 2

COLUMNS = ("Position", "Category", "Decision", "Confidence", "Excerpt")
POSITION, CATEGORY, DECISION, CONFIDENCE, EXCERPT = range(len(COLUMNS))
EXCERPT_CHARS = 90


def _key(span: Span) -> tuple[int, int, int]:
    return (span.start, -span.end, span.id)


class SpanTableModel(QtCore.QAbstractTableModel):
    """One row per span, in document order; rows follow the Document's changes."""

    def __init__(self, parent: QtCore.QObject | None = None) -> None:
        super().__init__(parent)
        self.doc: Document | None = None
        self._ids: list[int] = []
        self._keys: list[tuple[int, int, int]] = []
        self._rows: dict[int, int] = {}

    def set_document(self, doc: Document | None) -> None:
        self.beginResetModel()
        self.doc = doc
        spans = sorted(doc.spans, key=_key) if doc else []
        self._ids = [s.id for s in spans]
        self._keys = [_key(s) for s in spans]
        self._reindex()
        self.endResetModel()

    def _reindex(self) -> None:
        self._rows = {span_id: row for row, span_id in enumerate(self._ids)}

    def row_of(self, span_id: int) -> int:
        return self._rows.get(span_id, -1)

    def span_id(self, row: int) -> int:
        return self._ids[row]

    # -- following the document -------------------------------------------------------
    def on_decisions(self, span_ids: tuple[int, ...]) -> None:
        for span_id in span_ids:
            row = self.row_of(span_id)
            if row >= 0:
                self.dataChanged.emit(self.index(row, 0), self.index(row, len(COLUMNS) - 1))

    def on_added(self, span_ids: tuple[int, ...]) -> None:
        assert self.doc is not None
        for span_id in span_ids:
            key = _key(self.doc.span(span_id))
            row = bisect.bisect_left(self._keys, key)
            self.beginInsertRows(QtCore.QModelIndex(), row, row)
            self._ids.insert(row, span_id)
            self._keys.insert(row, key)
            self._reindex()
            self.endInsertRows()

    def on_deleted(self, span_ids: tuple[int, ...]) -> None:
        for span_id in span_ids:
            row = self.row_of(span_id)
            if row < 0:
                continue
            self.beginRemoveRows(QtCore.QModelIndex(), row, row)
            del self._ids[row]
            del self._keys[row]
            self._reindex()
            self.endRemoveRows()

    # -- QAbstractTableModel --------------------------------------------------------------
    def rowCount(self, parent: QtCore.QModelIndex = QtCore.QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self._ids)

    def columnCount(self, parent: QtCore.QModelIndex = QtCore.QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return COLUMNS[section]
        return None

    def data(self, index: QtCore.QModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or self.doc is None:
            return None
        span = self.doc.span(self._ids[index.row()])
        col = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if col == POSITION:
                return f"{span.start:,}"
            if col == CATEGORY:
                return LABELS[span.category]
            if col == DECISION:
                return decision_text(span) + (" · review" if span.needs_review else "")
            if col == CONFIDENCE:
                return f"{span.confidence:.2f}"
            if col == EXCERPT:
                text = " ".join(self.doc.raw[span.start:min(span.end, span.start + 200)].split())
                return text[:EXCERPT_CHARS] + ("…" if len(text) > EXCERPT_CHARS else "")
        elif role == SORT_ROLE:
            return (span.start, span.category.value, span.decision, span.confidence,
                    self.doc.raw[span.start:span.start + 40])[col]
        elif role == SPAN_ID_ROLE:
            return span.id
        elif role == Qt.ItemDataRole.DecorationRole and col == CATEGORY:
            return swatch(span.category)
        elif role == Qt.ItemDataRole.ToolTipRole:
            return span_tooltip(span)
        elif role == Qt.ItemDataRole.ForegroundRole and not span.removed:
            return QtGui.QGuiApplication.palette().color(QtGui.QPalette.ColorRole.PlaceholderText)
        elif role == Qt.ItemDataRole.FontRole and span.needs_review:
            font = QtGui.QFont()
            font.setBold(True)
            return font
        elif role == Qt.ItemDataRole.TextAlignmentRole and col in (POSITION, CONFIDENCE):
            return Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
        return None


DECISION_FILTERS = {
    "all": "All decisions",
    "removed": "Removed",
    "kept": "Kept",
    "review": "To review",
    "mine": "Changed or marked by me",
}


class SpanFilterProxy(QtCore.QSortFilterProxyModel):
    """Filters rows by category and decision; sorts on raw values."""

    def __init__(self, parent: QtCore.QObject | None = None) -> None:
        super().__init__(parent)
        self.category: Category | None = None
        self.decision = "all"
        self.setSortRole(SORT_ROLE)

    def set_filters(self, category: Category | None, decision: str) -> None:
        if hasattr(self, "beginFilterChange"):  # Qt >= 6.9
            self.beginFilterChange()
            self.category, self.decision = category, decision
            self.endFilterChange(QtCore.QSortFilterProxyModel.Direction.Rows)
        else:  # pragma: no cover - older Qt
            self.category, self.decision = category, decision
            self.invalidateRowsFilter()

    def filterAcceptsRow(self, row: int, parent: QtCore.QModelIndex) -> bool:  # noqa: N802
        model = self.sourceModel()
        assert isinstance(model, SpanTableModel)
        if model.doc is None:
            return False
        span = model.doc.span(model.span_id(row))
        if self.category is not None and span.category != self.category:
            return False
        return {
            "all": True,
            "removed": span.removed,
            "kept": not span.removed,
            "review": span.needs_review,
            "mine": span.user_decision is not None or span.origin == "user",
        }[self.decision]


class SpanList(QtWidgets.QWidget):
    """Filters above a sortable table of spans."""

    #: the person selected a row
    spanActivated = Signal(int)

    def __init__(self, parent: QtWidgets.QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = SpanTableModel(self)
        self.proxy = SpanFilterProxy(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setDynamicSortFilter(True)

        self.category_box = QtWidgets.QComboBox(objectName="categoryFilter")
        self.category_box.addItem("All categories", None)
        for category in Category:
            self.category_box.addItem(swatch(category), LABELS[category], category)
        self.decision_box = QtWidgets.QComboBox(objectName="decisionFilter")
        for key, label in DECISION_FILTERS.items():
            self.decision_box.addItem(label, key)
        self.count_label = count_label()
        self.category_box.currentIndexChanged.connect(self._filters_changed)
        self.decision_box.currentIndexChanged.connect(self._filters_changed)

        self.table = QtWidgets.QTableView(objectName="spanTable")
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(POSITION, Qt.SortOrder.AscendingOrder)
        self.table.setSelectionBehavior(QtWidgets.QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QtWidgets.QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(
            self.table.fontMetrics().height() + 6)
        header = self.table.horizontalHeader()
        header.setStretchLastSection(True)
        for col, width in ((POSITION, 70), (CATEGORY, 130), (DECISION, 150), (CONFIDENCE, 80)):
            self.table.setColumnWidth(col, width)
        self.table.selectionModel().currentRowChanged.connect(self._row_changed)
        self.proxy.rowsInserted.connect(self._update_count)
        self.proxy.rowsRemoved.connect(self._update_count)
        self.proxy.modelReset.connect(self._update_count)
        self.proxy.layoutChanged.connect(self._update_count)

        filters = QtWidgets.QHBoxLayout()
        filters.setContentsMargins(0, 0, 0, 0)
        filters.addWidget(QtWidgets.QLabel("Show"))
        filters.addWidget(self.category_box)
        filters.addWidget(self.decision_box)
        filters.addStretch(1)
        filters.addWidget(self.count_label)
        layout = QtWidgets.QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(filters)
        layout.addWidget(self.table)
        self._selecting = False

    def set_document(self, doc: Document | None) -> None:
        self.model.set_document(doc)
        self._update_count()

    def set_filters(self, category: Category | None = None, decision: str = "all") -> None:
        self.category_box.setCurrentIndex(self.category_box.findData(category))
        self.decision_box.setCurrentIndex(self.decision_box.findData(decision))

    def _filters_changed(self) -> None:
        self.proxy.set_filters(self.category_box.currentData(), self.decision_box.currentData())
        self._update_count()

    def _update_count(self, *_: object) -> None:
        self.count_label.setText(f"{self.proxy.rowCount():,} of {self.model.rowCount():,} spans")

    def visible_ids(self) -> list[int]:
        return [self.proxy.index(r, 0).data(SPAN_ID_ROLE) for r in range(self.proxy.rowCount())]

    def select(self, span_id: int | None) -> None:
        """Select a span's row without announcing it again."""
        self._selecting = True
        try:
            row = self.model.row_of(span_id) if span_id is not None else -1
            proxy_index = self.proxy.mapFromSource(self.model.index(row, 0)) if row >= 0 \
                else QtCore.QModelIndex()
            if not proxy_index.isValid():
                self.table.clearSelection()
                return
            self.table.selectionModel().setCurrentIndex(
                proxy_index,
                QtCore.QItemSelectionModel.SelectionFlag.ClearAndSelect
                | QtCore.QItemSelectionModel.SelectionFlag.Rows)
            self.table.scrollTo(proxy_index)
        finally:
            self._selecting = False

    def _row_changed(self, current: QtCore.QModelIndex, _previous: QtCore.QModelIndex) -> None:
        if self._selecting or not current.isValid():
            return
        self.spanActivated.emit(current.data(SPAN_ID_ROLE))


__all__ = ["SpanFilterProxy", "SpanList", "SpanTableModel"]
