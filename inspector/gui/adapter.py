"""The one bridge from the Document's plain-Python observers to Qt signals.

Views never subscribe to the Document themselves; they connect to these
signals, so a change reaches every view in the same order and on the GUI
thread.
"""

from __future__ import annotations

from inspector.model import Change, Document

from .qt import QtCore, Signal


class DocumentAdapter(QtCore.QObject):
    #: span ids whose decision changed
    decisionsChanged = Signal(tuple)
    #: span ids added
    spansAdded = Signal(tuple)
    #: span ids deleted
    spansDeleted = Signal(tuple)
    #: edit ids enabled or disabled
    editsChanged = Signal(tuple)
    #: any change that can alter the cleaned text (after the specific signal)
    changed = Signal(object)

    def __init__(self, parent: QtCore.QObject | None = None) -> None:
        super().__init__(parent)
        self._doc: Document | None = None

    @property
    def document(self) -> Document | None:
        return self._doc

    def attach(self, doc: Document | None) -> None:
        if self._doc is not None:
            self._doc.unsubscribe(self._on_change)
        self._doc = doc
        if doc is not None:
            doc.subscribe(self._on_change)

    def _on_change(self, change: Change) -> None:
        if change.kind == "decision":
            self.decisionsChanged.emit(change.span_ids)
        elif change.kind == "span_added":
            self.spansAdded.emit(change.span_ids)
        elif change.kind == "span_deleted":
            self.spansDeleted.emit(change.span_ids)
        elif change.kind == "spans_replaced":
            # Views drop the old spans first (they still know where those were),
            # then add the new ones; ``changed`` follows once, for both.
            if change.removed_ids:
                self.spansDeleted.emit(change.removed_ids)
            if change.span_ids:
                self.spansAdded.emit(change.span_ids)
        elif change.kind == "edit":
            self.editsChanged.emit(change.edit_ids)
        self.changed.emit(change)
