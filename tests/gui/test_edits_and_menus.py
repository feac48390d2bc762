"""Repairs (edits), the context menu, palette changes and keys typed into the find bar."""

from __future__ import annotations

from inspector.gui.highlight import EDIT_ID, SPAN_REMOVED
from inspector.gui.qt import QtCore, QtGui, QtWidgets
from inspector.model import Category, Document, Edit, Span

Qt = QtCore.Qt
RAW = "Le cafÃ© est chaud.\nPartager sur Facebook\nFin de l’article."


def doc_with_edit() -> Document:
    start = RAW.index("cafÃ©")
    share = RAW.index("Partager")
    return Document(
        RAW,
        spans=[Span(share, share + len("Partager sur Facebook"), Category.SOCIAL, "social.fr.1",
                    "Share button text.", "phrases", 0.9)],
        edits=[Edit(start, start + len("cafÃ©"), "café", "mojibake.ftfy",
                    "Mis-decoded UTF-8 repaired.")])


def formats_with(document: QtGui.QTextDocument, prop: int) -> list[QtGui.QTextCharFormat]:
    found = []
    block = document.begin()
    while block.isValid():
        ranges = block.layout().formats()  # keep the list alive while copying formats
        found += [QtGui.QTextCharFormat(r.format) for r in ranges
                  if r.format.property(prop) is not None]
        block = block.next()
    return found


def test_repairs_are_marked_and_can_be_undone(window):
    doc = doc_with_edit()
    window.set_document(doc)
    assert formats_with(window.raw.document(), EDIT_ID)
    assert "café est chaud" in window.clean.toPlainText()
    assert "Mis-decoded" in window.raw.tooltip_at(RAW.index("Ã"))
    menu = QtWidgets.QMenu()
    window._fill_context_menu(menu, RAW.index("Ã"))
    undo_repair = next(a for a in menu.actions() if a.text() == "Undo This Repair")
    undo_repair.trigger()
    assert "cafÃ© est chaud" in window.clean.toPlainText()
    window.session.undo_stack.undo()
    assert "café est chaud" in window.clean.toPlainText()
    menu.deleteLater()


def test_context_menu_offers_span_actions_and_marking(window):
    doc = doc_with_edit()
    window.set_document(doc)
    span = doc.spans[0]
    window.raw.setTextCursor(window.raw.qt_cursor(0, 2))
    menu = QtWidgets.QMenu()
    window._fill_context_menu(menu, span.start + 1)
    texts = [a.text() for a in menu.actions()]
    assert "Keep This Social Span" in texts
    mark = next(a for a in menu.actions() if a.menu() is not None).menu()
    assert mark.isEnabled() and len(mark.actions()) == len(Category)
    next(a for a in menu.actions() if a.text() == "Keep This Social Span").trigger()
    assert "Partager sur Facebook" in window.clean.toPlainText()
    menu.deleteLater()


def removed_fills(window) -> list[QtGui.QColor]:
    return [f.background().color() for f in formats_with(window.raw.document(), SPAN_REMOVED)
            if f.property(SPAN_REMOVED)]


def test_dark_palette_is_followed(qtbot, qapp, window):
    window.set_document(doc_with_edit())
    assert removed_fills(window) and all(c.lightness() > 150 for c in removed_fills(window))
    original = QtGui.QPalette(qapp.palette())
    dark = QtGui.QPalette(original)
    dark.setColor(QtGui.QPalette.ColorRole.Base, QtGui.QColor("#1e1e1e"))
    dark.setColor(QtGui.QPalette.ColorRole.Text, QtGui.QColor("#e0e0e0"))
    try:
        qapp.setPalette(dark)
        qtbot.waitUntil(lambda: all(c.lightness() < 110 for c in removed_fills(window)))
    finally:
        qapp.setPalette(original)
    qtbot.waitUntil(lambda: all(c.lightness() > 150 for c in removed_fills(window)))


def test_typing_in_the_find_bar_is_not_taken_by_shortcuts(qtbot, window):
    doc = doc_with_edit()
    window.set_document(doc)
    window.focus_span(doc.spans[0].id)
    window.open_find()
    qtbot.keyClicks(window.find_bar.edit, "Fin m n")
    qtbot.keyClick(window.find_bar.edit, Qt.Key.Key_Backspace)
    qtbot.keyClick(window.find_bar.edit, Qt.Key.Key_Space)
    assert window.find_bar.edit.text() == "Fin m  "
    assert not window.isWindowModified()
    assert doc.spans[0].user_decision is None
