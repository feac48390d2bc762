"""Code points in the model, UTF-16 in Qt: spans before, around and after emoji."""

from __future__ import annotations

from inspector.gui.highlight import highlighted_ranges
from inspector.gui.qt import QtCore, QtGui
from inspector.model import Category, Document, Span

Qt = QtCore.Qt

RAW = ("Intro 😀 text 👍🏽 here.\n"
       "Promo 🎉 line: subscribe 📰 now!\n"
       "Article 𝔄 body with U+2028\u2028inside and 中文 words.\n"
       "Emoji at the end 🇫🇷")


def _span(raw: str, text: str, category: Category, rule: str) -> Span:
    start = raw.index(text)
    return Span(start, start + len(text), category, rule, f"{rule} reason", "test", 0.9)


def make_doc() -> Document:
    spans = [_span(RAW, "👍🏽 here", Category.SOCIAL, "t.social"),
             _span(RAW, "Promo 🎉 line: subscribe 📰 now!", Category.PROMO, "t.promo"),
             _span(RAW, "inside and 中文", Category.ARTIFACT, "t.art"),
             _span(RAW, "end 🇫🇷", Category.SOURCE_LINK, "t.end")]
    return Document(RAW, spans=spans)


def qt_text(pane, qt_start: int, qt_end: int) -> str:
    cursor = QtGui.QTextCursor(pane.document())
    cursor.setPosition(qt_start)
    cursor.setPosition(qt_end, QtGui.QTextCursor.MoveMode.KeepAnchor)
    return cursor.selectedText().replace("\u2029", "\n")


def test_highlights_cover_exactly_the_span_text(window):
    doc = make_doc()
    window.set_document(doc)
    painted: dict[int, str] = {}
    for span_id, qs, qe, removed in highlighted_ranges(window.raw.document()):
        assert removed
        painted[span_id] = painted.get(span_id, "") + qt_text(window.raw, qs, qe)
    for span in doc.spans:
        # Ranges are per block: the block separator itself is not formatted.
        assert painted[span.id] == doc.raw[span.start:span.end].replace("\n", "")
    assert window.clean.toPlainText().replace("\u2028", "\n") == \
        doc.cleaned.replace("\u2028", "\n")


def test_click_after_emoji_hits_the_right_span(qtbot, window):
    doc = make_doc()
    window.set_document(doc)
    span = doc.spans[2]  # after 😀, 👍🏽, 🎉, 📰, 𝔄 and a U+2028
    rect = window.raw.cursorRect(window.raw.qt_cursor(span.start + 3))
    with qtbot.waitSignal(window.documentUpdated):
        qtbot.mouseClick(window.raw.viewport(), Qt.MouseButton.LeftButton,
                         pos=QtCore.QPoint(rect.right() + 1, rect.center().y()))
    assert window.focused_span == span.id
    assert not span.removed
    assert "inside and 中文" in window.clean.toPlainText()


def test_marking_a_selection_after_emoji_stores_code_points(window):
    doc = make_doc()
    window.set_document(doc)
    word = "Article 𝔄 body"
    start = doc.raw.index(word)
    window.raw.setTextCursor(window.raw.qt_cursor(start, start + len(word)))
    assert window.raw.textCursor().selectedText() == word  # Qt selected the same text
    span_id = window.mark_selection(Category.USER)
    span = doc.span(span_id)
    assert doc.raw[span.start:span.end] == word
    assert word not in window.clean.toPlainText()
    assert window.clean.toPlainText().replace("\u2028", "\n") == \
        doc.cleaned.replace("\u2028", "\n")


def test_toggles_keep_the_cleaned_pane_exact(window):
    doc = make_doc()
    window.set_document(doc)
    for span in [*doc.spans, *reversed(doc.spans)]:
        window.session.toggle(span.id)
        assert window.clean.toPlainText().replace("\u2028", "\n") == \
            doc.cleaned.replace("\u2028", "\n")
        assert window.clean.positions.qt_length == window.clean.document().characterCount() - 1
