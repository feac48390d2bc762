"""Span lookup and the raw pane's syntax highlighter.

Highlighting goes through a ``QSyntaxHighlighter`` (formats per block) rather
than ExtraSelections: a full pass over thousands of spans takes milliseconds
and a toggle re-highlights only the blocks the span covers.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable, Sequence

from inspector.model import Category, Document, Edit, Span

from . import palette
from .positions import PositionMap
from .qt import QtGui

#: Format properties the tests (and tools) read back from block layouts.
SPAN_ID = QtGui.QTextFormat.Property.UserProperty + 1
SPAN_REMOVED = QtGui.QTextFormat.Property.UserProperty + 2
EDIT_ID = QtGui.QTextFormat.Property.UserProperty + 3


class IntervalIndex:
    """Items with ``start``/``end`` sorted by start; finds those overlapping a range."""

    def __init__(self, items: Iterable[Span | Edit]) -> None:
        self.items = sorted((i for i in items if i.end > i.start), key=lambda i: (i.start, -i.end))
        self._starts = [i.start for i in self.items]
        self._reach: list[int] = []  # running maximum of ends: monotone, so bisectable
        top = -1
        for item in self.items:
            top = max(top, item.end)
            self._reach.append(top)

    def overlapping(self, start: int, end: int) -> list:
        """Items with ``item.start < end`` and ``item.end > start``, by start."""
        hi = bisect.bisect_left(self._starts, end)
        lo = bisect.bisect_right(self._reach, start, 0, hi)
        return [i for i in self.items[lo:hi] if i.end > start]

    def at(self, pos: int) -> list:
        return self.overlapping(pos, pos + 1)


def innermost(items: Sequence[Span]) -> Span | None:
    """The shortest span at a point: the one a click most likely means."""
    return min(items, key=lambda s: (s.end - s.start, -s.start), default=None)


class SpanHighlighter(QtGui.QSyntaxHighlighter):
    """Colours removed spans by category; marks kept, to-review spans and repairs."""

    def __init__(self, document: QtGui.QTextDocument) -> None:
        super().__init__(document)
        self.doc: Document | None = None
        self.positions = PositionMap("")
        self.spans = IntervalIndex(())
        self.edits = IntervalIndex(())
        self._formats: dict[tuple[Category, bool, bool], QtGui.QTextCharFormat] = {}
        self._edit_format = QtGui.QTextCharFormat()
        self.set_palette(QtGui.QGuiApplication.palette())

    # -- state ----------------------------------------------------------------
    def set_model(self, doc: Document | None, positions: PositionMap) -> None:
        """Call before the text is set: setting the text then highlights it once."""
        self.doc = doc
        self.positions = positions
        self.reindex()

    def reindex(self) -> None:
        self.spans = IntervalIndex(self.doc.spans if self.doc else ())
        self.edits = IntervalIndex(self.doc.edits if self.doc else ())

    def set_palette(self, pal: QtGui.QPalette) -> None:
        self._formats = {(c, removed, review): span_char_format(c, removed, review, pal)
                         for c in Category for removed in (False, True)
                         for review in (False, True)}
        self._edit_format = edit_char_format()

    def span_format(self, span: Span) -> QtGui.QTextCharFormat:
        return self._formats[(span.category, span.removed, span.needs_review)]

    # -- incremental updates ----------------------------------------------------
    def rehighlight_range(self, start: int, end: int) -> None:
        """Re-highlight only the blocks holding code points ``[start, end)``."""
        qdoc = self.document()
        block = qdoc.findBlock(self.positions.to_qt(start))
        last = qdoc.findBlock(self.positions.to_qt(max(start, end - 1))).blockNumber()
        while block.isValid() and block.blockNumber() <= last:
            self.rehighlightBlock(block)
            block = block.next()

    # -- QSyntaxHighlighter ---------------------------------------------------------
    def highlightBlock(self, text: str) -> None:  # noqa: N802 - Qt override
        if self.doc is None:
            return
        block = self.currentBlock()
        q0 = block.position()
        to_qt = self.positions.to_qt
        a = self.positions.to_cp(q0)
        b = self.positions.to_cp(q0 + block.length() - 1)
        if b <= a:
            return
        for edit in self.edits.overlapping(a, b):
            qs, qe = to_qt(max(edit.start, a)) - q0, to_qt(min(edit.end, b)) - q0
            fmt = QtGui.QTextCharFormat(self._edit_format)
            fmt.setProperty(EDIT_ID, edit.id)
            self.setFormat(qs, qe - qs, fmt)
        spans = self.spans.overlapping(a, b)
        # Kept spans first, so a removed span inside or over them shows its fill.
        for span in sorted(spans, key=lambda s: s.removed):
            qs, qe = to_qt(max(span.start, a)) - q0, to_qt(min(span.end, b)) - q0
            fmt = QtGui.QTextCharFormat(self.span_format(span))
            fmt.setProperty(SPAN_ID, span.id)
            self.setFormat(qs, qe - qs, fmt)


def span_char_format(category: Category, removed: bool, review: bool,
                     pal: QtGui.QPalette) -> QtGui.QTextCharFormat:
    """Filled when removed, dashed underline when kept, wavy underline when to review."""
    fmt = QtGui.QTextCharFormat()
    if removed:
        fmt.setBackground(palette.fill(category, pal))
    else:
        fmt.setUnderlineStyle(QtGui.QTextCharFormat.UnderlineStyle.DashUnderline)
        fmt.setUnderlineColor(palette.colour(category))
    if review:
        fmt.setUnderlineStyle(QtGui.QTextCharFormat.UnderlineStyle.WaveUnderline)
        fmt.setUnderlineColor(QtGui.QColor(palette.REVIEW_COLOUR))
    fmt.setProperty(SPAN_REMOVED, removed)
    return fmt


def edit_char_format() -> QtGui.QTextCharFormat:
    fmt = QtGui.QTextCharFormat()
    fmt.setUnderlineStyle(QtGui.QTextCharFormat.UnderlineStyle.DotLine)
    fmt.setUnderlineColor(QtGui.QColor(palette.EDIT_COLOUR))
    return fmt


def highlighted_ranges(document: QtGui.QTextDocument) -> list[tuple[int, int, int, bool]]:
    """``(span_id, qt_start, qt_end, removed)`` for every span format applied to the text.

    Reads what the highlighter actually put into the block layouts (what is
    painted), not the model.
    """
    out: list[tuple[int, int, int, bool]] = []
    block = document.begin()
    while block.isValid():
        pos = block.position()
        for rng in block.layout().formats():
            span_id = rng.format.property(SPAN_ID)
            if span_id is not None:
                out.append((int(span_id), pos + rng.start, pos + rng.start + rng.length,
                            bool(rng.format.property(SPAN_REMOVED))))
        block = block.next()
    return out
