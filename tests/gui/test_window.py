"""The main window on the bundled sample: highlights, toggling, undo, marking, scrolling."""

from __future__ import annotations

from inspector.gui.highlight import highlighted_ranges
from inspector.gui.qt import QtCore, QtWidgets
from inspector.model import Category

Qt = QtCore.Qt


def removed_ids_painted(window) -> set[int]:
    return {sid for sid, _s, _e, removed in highlighted_ranges(window.raw.document()) if removed}


def click_span(qtbot, window, span) -> None:
    """Click the middle of a span's first line in the raw pane."""
    window.raw.scroll_to(span.start, center=True)
    cursor = window.raw.qt_cursor(span.start + 2)
    rect = window.raw.cursorRect(cursor)
    qtbot.mouseClick(window.raw.viewport(), Qt.MouseButton.LeftButton,
                     pos=QtCore.QPoint(rect.right() + 1, rect.center().y()))


def test_open_sample_highlights_every_removed_span(loaded):
    doc = loaded.session.doc
    removed = {s.id for s in doc.spans if s.removed}
    assert removed
    assert removed_ids_painted(loaded) == removed
    assert loaded.clean.toPlainText() == doc.cleaned
    assert loaded.span_list.model.rowCount() == len(doc.spans)
    assert "fr-summit-scrape.txt" in loaded.windowTitle()
    assert not loaded.isWindowModified()


def test_click_toggles_and_updates_cleaned_pane(qtbot, loaded):
    doc = loaded.session.doc
    span = next(s for s in doc.spans if s.category is Category.CAPTION)
    text = doc.raw[span.start:span.end]
    assert text not in loaded.clean.toPlainText()
    with qtbot.waitSignal(loaded.documentUpdated):
        click_span(qtbot, loaded, span)
    assert not span.removed
    assert text in loaded.clean.toPlainText()
    assert loaded.clean.toPlainText() == doc.cleaned
    assert span.id not in removed_ids_painted(loaded)
    assert loaded.isWindowModified()


def test_space_toggles_selected_span_and_undo_redo_restore_exactly(qtbot, loaded):
    doc = loaded.session.doc
    original_clean = loaded.clean.toPlainText()
    original = [(s.id, s.user_decision, s.decided_at) for s in doc.spans]
    loaded.raw.setFocus()
    qtbot.keyClick(loaded.raw, Qt.Key.Key_N)  # first span
    first = loaded._focused()
    assert first is not None
    qtbot.keyClick(loaded.raw, Qt.Key.Key_N)
    span = loaded._focused()
    assert span is not None and span is not first
    with qtbot.waitSignal(loaded.documentUpdated):
        qtbot.keyClick(loaded.raw, Qt.Key.Key_Space)
    toggled_clean = loaded.clean.toPlainText()
    assert toggled_clean != original_clean
    assert toggled_clean == doc.cleaned
    toggled = [(s.id, s.user_decision, s.decided_at) for s in doc.spans]

    qtbot.keyClick(loaded.raw, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert loaded.clean.toPlainText() == original_clean
    assert [(s.id, s.user_decision, s.decided_at) for s in doc.spans] == original
    assert removed_ids_painted(loaded) == {s.id for s in doc.spans if s.removed}
    assert not loaded.isWindowModified()

    qtbot.keyClick(loaded.raw, Qt.Key.Key_Z,
                   Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert loaded.clean.toPlainText() == toggled_clean
    assert [(s.id, s.user_decision, s.decided_at) for s in doc.spans] == toggled
    assert loaded.isWindowModified()


def test_mark_selection_adds_a_user_span_via_menu(qtbot, loaded):
    doc = loaded.session.doc
    word = "Kim Jong-un a déclaré"
    start = doc.raw.index(word)
    loaded.raw.setFocus()
    loaded.raw.setTextCursor(loaded.raw.qt_cursor(start, start + len(word)))
    before = len(doc.spans)
    qtbot.keyClick(loaded.raw, Qt.Key.Key_M)
    qtbot.waitUntil(lambda: isinstance(QtWidgets.QApplication.activePopupWidget(),
                                       QtWidgets.QMenu))
    menu = QtWidgets.QApplication.activePopupWidget()
    with qtbot.waitSignal(loaded.documentUpdated):
        qtbot.keyClick(menu, Qt.Key.Key_Down)
        qtbot.keyClick(menu, Qt.Key.Key_Return)
    assert len(doc.spans) == before + 1
    span = loaded._focused()
    assert (span.start, span.end, span.origin) == (start, start + len(word), "user")
    assert word not in doc.cleaned
    assert loaded.clean.toPlainText() == doc.cleaned
    assert span.id in removed_ids_painted(loaded)
    assert loaded.span_list.model.rowCount() == before + 1
    # Undo removes it again, redo restores the same span.
    loaded.session.undo_stack.undo()
    assert len(doc.spans) == before and word in loaded.clean.toPlainText()
    loaded.session.undo_stack.redo()
    assert doc.span(span.id).start == start and word not in loaded.clean.toPlainText()


def test_scrolling_one_pane_moves_the_other(qtbot, loaded):
    doc = loaded.session.doc
    loaded.zoom(6)  # bigger text: both panes need scrolling
    raw_bar = loaded.raw.verticalScrollBar()
    clean_bar = loaded.clean.verticalScrollBar()
    qtbot.waitUntil(lambda: raw_bar.maximum() > 20 and clean_bar.maximum() > 10)
    target = doc.raw.index("Les responsables américains")
    with qtbot.waitSignal(loaded.link.synced):
        loaded.raw.scroll_to(target)
    assert clean_bar.value() > 0
    top_clean = loaded.clean.top_position()
    # The cleaned pane's top line holds the text at the raw pane's top line.
    expected = doc.raw_to_clean(loaded.raw.top_position())
    block = loaded.clean.document().findBlock(loaded.clean.positions.to_qt(expected))
    assert loaded.clean.positions.to_cp(block.position()) <= top_clean <= expected
    # And back: scrolling the cleaned pane moves the raw pane.
    raw_before = raw_bar.value()
    with qtbot.waitSignal(loaded.link.synced):
        clean_bar.setValue(0)
    assert raw_bar.value() < raw_before


def test_selecting_a_row_scrolls_both_panes(qtbot, loaded):
    doc = loaded.session.doc
    loaded.zoom(6)
    last = doc.spans[-1]
    table = loaded.span_list.table
    row = loaded.span_list.proxy.mapFromSource(
        loaded.span_list.model.index(loaded.span_list.model.row_of(last.id), 0))
    table.setFocus()
    table.scrollTo(row)
    rect = table.visualRect(row)
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert loaded.focused_span == last.id
    assert loaded.raw.is_visible(last.start)
    assert loaded.clean.is_visible(doc.raw_to_clean(last.start))


def test_filters(loaded):
    doc = loaded.session.doc
    lst = loaded.span_list
    lst.set_filters(Category.CAPTION)
    assert set(lst.visible_ids()) == {s.id for s in doc.spans if s.category is Category.CAPTION}
    lst.set_filters(None, "kept")
    assert lst.visible_ids() == []
    loaded.session.toggle(doc.spans[0].id)
    assert lst.visible_ids() == [doc.spans[0].id]
    lst.set_filters(None, "mine")
    assert lst.visible_ids() == [doc.spans[0].id]
    lst.set_filters(None, "all")
    assert len(lst.visible_ids()) == len(doc.spans)


def test_tooltip_names_category_rule_reason_confidence(loaded):
    span = loaded.session.doc.spans[1]
    tip = loaded.raw.tooltip_at(span.start + 1)
    assert span.rule in tip and f"{span.confidence:.2f}" in tip
    assert "Video fallback" in tip or span.category.value in tip.lower()


def test_find_in_either_pane(qtbot, loaded):
    loaded.clean.setFocus()
    qtbot.keyClick(loaded.clean, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert loaded.find_bar.isVisible()
    assert loaded.find_bar.target.currentData() == "cleaned"
    qtbot.keyClicks(loaded.find_bar.edit, "Vostochny")
    qtbot.keyClick(loaded.find_bar.edit, Qt.Key.Key_Return)
    assert loaded.clean.textCursor().selectedText() == "Vostochny"
    loaded.find_bar.target.setCurrentIndex(0)  # raw
    loaded.find_bar.edit.setText("Lien source")
    assert loaded.find_bar.find()
    assert loaded.raw.textCursor().selectedText() == "Lien source"
    qtbot.keyClick(loaded.find_bar.edit, Qt.Key.Key_Escape)
    assert not loaded.find_bar.isVisible()


def test_next_to_review(qtbot, loaded):
    doc = loaded.session.doc
    span = doc.spans[3]
    span.confidence = 0.5  # made unsure for the test: kept, offered for review
    span.auto_decision = "keep"
    loaded.set_document(doc, loaded.session.input_path)
    loaded.raw.setFocus()
    qtbot.keyClick(loaded.raw, Qt.Key.Key_R)
    assert loaded.focused_span == span.id
    assert "review" in loaded.span_label.text()
