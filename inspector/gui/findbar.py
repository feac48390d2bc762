"""Find in either pane (Ctrl+F): Enter finds the next match, Shift+Enter the previous."""

from __future__ import annotations

from .qt import QtCore, QtGui, QtWidgets, Signal

Qt = QtCore.Qt


class FindBar(QtWidgets.QWidget):
    #: (found, pane name) after every search
    searched = Signal(bool, str)

    def __init__(self, panes: dict[str, QtWidgets.QPlainTextEdit],
                 parent: QtWidgets.QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("findBar")
        self.panes = panes
        self.edit = QtWidgets.QLineEdit(objectName="findEdit")
        self.edit.setPlaceholderText("Find…")
        self.edit.setClearButtonEnabled(True)
        self.target = QtWidgets.QComboBox(objectName="findTarget")
        for name in panes:
            self.target.addItem(f"in {name} text", name)
        self.case = QtWidgets.QCheckBox("Match case")
        self.status = QtWidgets.QLabel()
        prev_button = QtWidgets.QToolButton(text="▲", toolTip="Previous match (Shift+Enter)")
        next_button = QtWidgets.QToolButton(text="▼", toolTip="Next match (Enter)")
        close_button = QtWidgets.QToolButton(text="✕", toolTip="Close (Esc)")
        prev_button.clicked.connect(lambda: self.find(backward=True))
        next_button.clicked.connect(lambda: self.find())
        close_button.clicked.connect(self.close_bar)
        self.edit.returnPressed.connect(self.find)
        self.edit.textEdited.connect(lambda _text: self.find(from_start_of_match=True))

        layout = QtWidgets.QHBoxLayout(self)
        layout.setContentsMargins(4, 2, 4, 2)
        layout.addWidget(QtWidgets.QLabel("Find"))
        layout.addWidget(self.edit, 1)
        layout.addWidget(self.target)
        layout.addWidget(self.case)
        layout.addWidget(prev_button)
        layout.addWidget(next_button)
        layout.addWidget(self.status)
        layout.addWidget(close_button)
        self.hide()

    def open_for(self, pane_name: str | None) -> None:
        if pane_name is not None:
            self.target.setCurrentIndex(self.target.findData(pane_name))
        self.show()
        self.edit.setFocus()
        self.edit.selectAll()

    def close_bar(self) -> None:
        self.hide()
        self.panes[self.target.currentData()].setFocus()

    def keyPressEvent(self, event: QtGui.QKeyEvent) -> None:  # noqa: N802 - Qt override
        if event.key() == Qt.Key.Key_Escape:
            self.close_bar()
        elif (event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
              and event.modifiers() & Qt.KeyboardModifier.ShiftModifier):
            self.find(backward=True)
        else:
            super().keyPressEvent(event)

    def find(self, *, backward: bool = False, from_start_of_match: bool = False) -> bool:
        text = self.edit.text()
        pane = self.panes[self.target.currentData()]
        if not text:
            self.status.clear()
            return False
        flags = QtGui.QTextDocument.FindFlag(0)
        if backward:
            flags |= QtGui.QTextDocument.FindFlag.FindBackward
        if self.case.isChecked():
            flags |= QtGui.QTextDocument.FindFlag.FindCaseSensitively
        cursor = pane.textCursor()
        if from_start_of_match:  # typing refines the match in place
            cursor.setPosition(cursor.selectionStart())
        found = pane.document().find(text, cursor, flags)
        if found.isNull():  # wrap around
            start = QtGui.QTextCursor(pane.document())
            if backward:
                start.movePosition(QtGui.QTextCursor.MoveOperation.End)
            found = pane.document().find(text, start, flags)
        ok = not found.isNull()
        if ok:
            pane.setTextCursor(found)
            pane.centerCursor()
        self.status.setText("" if ok else "Not found")
        self.searched.emit(ok, self.target.currentData())
        return ok
