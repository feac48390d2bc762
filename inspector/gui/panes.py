"""The raw and cleaned text panes, and the scroll link between them.

Both panes are read-only ``QPlainTextEdit``s.  Positions cross the Qt
boundary only through each pane's :class:`PositionMap`: the panes take and
return code points.
"""

from __future__ import annotations

from collections.abc import Callable

from inspector.model import Document

from . import palette
from .highlight import SpanHighlighter
from .positions import PositionMap, changed_region
from .qt import QtCore, QtGui, QtWidgets, Signal

_FOCUS = QtWidgets.QTextEdit.ExtraSelection


class TextPane(QtWidgets.QPlainTextEdit):
    """A read-only text pane addressed in code points."""

    #: the pane gained keyboard focus (the find bar searches the last one)
    focused = Signal()

    def __init__(self, name: str, parent: QtWidgets.QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(name)
        self.setReadOnly(True)
        self.setUndoRedoEnabled(False)
        self.setTextInteractionFlags(QtCore.Qt.TextInteractionFlag.TextSelectableByMouse
                                     | QtCore.Qt.TextInteractionFlag.TextSelectableByKeyboard)
        self.setAcceptDrops(False)  # files dropped anywhere open in the window
        self.viewport().setAcceptDrops(False)
        self.positions = PositionMap("")
        self._base_point_size = self.font().pointSizeF()
        self.setContextMenuPolicy(QtCore.Qt.ContextMenuPolicy.DefaultContextMenu)

    # -- text -------------------------------------------------------------------
    def set_text(self, text: str) -> None:
        self.positions = PositionMap(text)
        self.setPlainText(text)

    def qt_cursor(self, start: int, end: int | None = None) -> QtGui.QTextCursor:
        cursor = QtGui.QTextCursor(self.document())
        cursor.setPosition(self.positions.to_qt(start))
        if end is not None:
            cursor.setPosition(self.positions.to_qt(end),
                               QtGui.QTextCursor.MoveMode.KeepAnchor)
        return cursor

    def selection(self) -> tuple[int, int]:
        """The selected range in code points (empty when nothing is selected)."""
        cursor = self.textCursor()
        return (self.positions.to_cp(cursor.selectionStart()),
                self.positions.to_cp(cursor.selectionEnd()))

    def position_at(self, point: QtCore.QPoint) -> int | None:
        """Code point under a viewport point, or None when the point is past the text."""
        cursor = self.cursorForPosition(point)
        rect = self.cursorRect(cursor)
        if abs(rect.center().y() - point.y()) > rect.height():
            return None
        qt_pos = cursor.position()
        # cursorForPosition returns the nearest gap; take the character it is on.
        if point.x() < rect.left() and qt_pos > 0:
            qt_pos -= 1
        return self.positions.to_cp(qt_pos)

    # -- scrolling ----------------------------------------------------------------------
    def top_position(self) -> int:
        """Code point of the first character on the top visible line."""
        block = self.firstVisibleBlock()
        if not block.isValid():
            return 0
        line_no = self.verticalScrollBar().value() - block.firstLineNumber()
        layout = block.layout()
        qt_pos = block.position()
        if layout is not None and 0 <= line_no < layout.lineCount():
            qt_pos += layout.lineAt(line_no).textStart()
        return self.positions.to_cp(qt_pos)

    def scroll_to(self, pos: int, *, center: bool = False) -> None:
        """Scroll so that code point ``pos`` is on the top (or middle) line."""
        qt_pos = self.positions.to_qt(min(pos, self.positions.length))
        block = self.document().findBlock(qt_pos)
        if not block.isValid():
            return
        line_no = 0
        layout = block.layout()
        if layout is not None and layout.lineCount():
            line = layout.lineForTextPosition(qt_pos - block.position())
            if line.isValid():
                line_no = line.lineNumber()
        value = block.firstLineNumber() + line_no
        if center:
            line_height = max(1, self.fontMetrics().lineSpacing())
            value -= self.viewport().height() // line_height // 2
        self.verticalScrollBar().setValue(max(0, value))

    def is_visible(self, pos: int) -> bool:
        rect = self.cursorRect(self.qt_cursor(pos))
        return self.viewport().rect().intersects(rect)

    # -- zoom --------------------------------------------------------------------------
    def set_zoom(self, steps: int) -> None:
        font = self.font()
        font.setPointSizeF(max(4.0, self._base_point_size * (1.1 ** steps)))
        self.setFont(font)

    def focusInEvent(self, event: QtGui.QFocusEvent) -> None:  # noqa: N802 - Qt override
        super().focusInEvent(event)
        self.focused.emit()


class RawPane(TextPane):
    """The text as loaded, with spans highlighted by category."""

    #: a click (not a drag) on a highlighted span
    spanClicked = Signal(int)
    #: the context menu is about to show: (menu, code point under the mouse or -1)
    contextMenuRequested = Signal(object, int)

    def __init__(self, parent: QtWidgets.QWidget | None = None) -> None:
        super().__init__("rawPane", parent)
        self.highlighter = SpanHighlighter(self.document())
        self.doc: Document | None = None
        self._press: QtCore.QPoint | None = None

    def set_document(self, doc: Document | None) -> None:
        self.doc = doc
        text = doc.raw if doc else ""
        self.positions = PositionMap(text)
        # The highlighter must know the spans before the text arrives: setting
        # the text then highlights every block exactly once.
        self.highlighter.set_model(doc, self.positions)
        self.setPlainText(text)

    def span_at(self, pos: int | None) -> int | None:
        if pos is None or self.doc is None:
            return None
        from .highlight import innermost

        span = innermost(self.highlighter.spans.at(pos))
        return span.id if span is not None else None

    def edit_at(self, pos: int | None) -> int | None:
        if pos is None:
            return None
        edits = self.highlighter.edits.at(pos)
        return edits[0].id if edits else None

    def show_focus(self, span_id: int | None) -> None:
        """Outline the focused span with an ExtraSelection (the only one)."""
        if span_id is None or self.doc is None:
            self.setExtraSelections([])
            return
        span = self.doc.span(span_id)
        sel = _FOCUS()
        sel.cursor = self.qt_cursor(span.start, span.end)
        fmt = QtGui.QTextCharFormat()
        fmt.setBackground(palette.fill(span.category, self.palette(), strong=True))
        fmt.setUnderlineStyle(QtGui.QTextCharFormat.UnderlineStyle.SingleUnderline)
        fmt.setUnderlineColor(palette.colour(span.category))
        sel.format = fmt
        self.setExtraSelections([sel])

    # -- events --------------------------------------------------------------------------
    def viewportEvent(self, event: QtCore.QEvent) -> bool:  # noqa: N802 - Qt override
        if event.type() == QtCore.QEvent.Type.ToolTip and self.doc is not None:
            pos = self.position_at(event.pos())
            text = self.tooltip_at(pos)
            if text:
                QtWidgets.QToolTip.showText(event.globalPos(), text, self.viewport())
            else:
                QtWidgets.QToolTip.hideText()
                event.ignore()
            return True
        return super().viewportEvent(event)

    def tooltip_at(self, pos: int | None) -> str:
        if pos is None or self.doc is None:
            return ""
        from .tooltips import edit_tooltip, span_tooltip

        parts = [span_tooltip(s) for s in self.highlighter.spans.at(pos)]
        parts += [edit_tooltip(e, self.doc.raw) for e in self.highlighter.edits.at(pos)]
        return "<hr>".join(parts)

    def mousePressEvent(self, event: QtGui.QMouseEvent) -> None:  # noqa: N802 - Qt override
        self._press = event.position().toPoint()
        super().mousePressEvent(event)

    def mouseReleaseEvent(self, event: QtGui.QMouseEvent) -> None:  # noqa: N802 - Qt override
        super().mouseReleaseEvent(event)
        press, self._press = self._press, None
        point = event.position().toPoint()
        if (event.button() != QtCore.Qt.MouseButton.LeftButton or press is None
                or (point - press).manhattanLength()
                >= QtWidgets.QApplication.startDragDistance()
                or self.textCursor().hasSelection()):
            return
        span_id = self.span_at(self.position_at(point))
        if span_id is not None:
            self.spanClicked.emit(span_id)

    def contextMenuEvent(self, event: QtGui.QContextMenuEvent) -> None:  # noqa: N802
        menu = self.createStandardContextMenu(event.pos())
        pos = self.position_at(event.pos())
        self.contextMenuRequested.emit(menu, -1 if pos is None else pos)
        menu.exec(event.globalPos())
        menu.deleteLater()

    def changeEvent(self, event: QtCore.QEvent) -> None:  # noqa: N802 - Qt override
        super().changeEvent(event)
        if event.type() == QtCore.QEvent.Type.PaletteChange:  # light/dark switch
            self.highlighter.set_palette(self.palette())
            self.highlighter.rehighlight()


class CleanPane(TextPane):
    """The cleaned text, updated in place: only the changed stretch is replaced."""

    def __init__(self, parent: QtWidgets.QWidget | None = None) -> None:
        super().__init__("cleanPane", parent)
        self._text = ""
        self._mark: tuple[int, QtGui.QColor] | None = None

    @property
    def text(self) -> str:
        return self._text

    def set_text(self, text: str) -> None:
        self._text = text
        self._mark = None
        super().set_text(text)

    def update_text(self, new: str) -> None:
        """Replace only the region that differs (a toggle changes a few lines)."""
        old = self._text
        if new == old:
            return
        start, old_end, new_end = changed_region(old, new)
        q_start, q_end = self.positions.qt_range(start, old_end)
        cursor = QtGui.QTextCursor(self.document())
        cursor.setPosition(q_start)
        cursor.setPosition(q_end, QtGui.QTextCursor.MoveMode.KeepAnchor)
        cursor.insertText(new[start:new_end])
        self._text = new
        self.positions = self.positions.replaced(new, start, old_end, new_end)

    def show_focus(self, start: int, end: int, colour: QtGui.QColor | None) -> None:
        """Select the kept text of the focused span, or mark where it was cut."""
        self._mark = None
        if colour is None:
            self.setExtraSelections([])
        elif end > start:
            sel = _FOCUS()
            sel.cursor = self.qt_cursor(start, end)
            fmt = QtGui.QTextCharFormat()
            fmt.setUnderlineStyle(QtGui.QTextCharFormat.UnderlineStyle.SingleUnderline)
            fmt.setUnderlineColor(colour)
            fmt.setBackground(QtGui.QColor(colour.red(), colour.green(), colour.blue(), 60))
            sel.format = fmt
            self.setExtraSelections([sel])
        else:
            self.setExtraSelections([])
            self._mark = (start, colour)
        self.viewport().update()

    def paintEvent(self, event: QtGui.QPaintEvent) -> None:  # noqa: N802 - Qt override
        super().paintEvent(event)
        if self._mark is None:
            return
        pos, colour = self._mark
        rect = self.cursorRect(self.qt_cursor(min(pos, self.positions.length)))
        painter = QtGui.QPainter(self.viewport())
        painter.fillRect(QtCore.QRect(rect.left() - 1, rect.top(), 3, rect.height()), colour)
        painter.end()


class ScrollLink(QtCore.QObject):
    """Keeps the cleaned pane showing the text that corresponds to the raw pane's top line.

    The link goes both ways through the Document's offset map; a guard stops
    the echo.
    """

    synced = Signal()

    def __init__(self, raw: RawPane, clean: CleanPane,
                 parent: QtCore.QObject | None = None) -> None:
        super().__init__(parent)
        self.raw = raw
        self.clean = clean
        self.doc: Document | None = None
        self.enabled = True
        self._busy = False
        raw.verticalScrollBar().valueChanged.connect(self.from_raw)
        clean.verticalScrollBar().valueChanged.connect(self.from_clean)

    def from_raw(self, *_: object) -> None:
        if self.doc is not None:
            self._follow(self.raw, self.clean, self.doc.raw_to_clean)

    def from_clean(self, *_: object) -> None:
        if self.doc is not None:
            self._follow(self.clean, self.raw, self.doc.clean_to_raw)

    def _follow(self, leader: TextPane, follower: TextPane,
                to_follower: Callable[[int], int]) -> None:
        """Scroll ``follower`` to the text at the top of ``leader``, without echo."""
        if self._busy or not self.enabled:
            return
        self._busy = True
        try:
            follower.scroll_to(to_follower(leader.top_position()))
        finally:
            self._busy = False
        self.synced.emit()

