"""Corrections become rules: the rule dialog, the rules manager, restart and the CLI."""

from __future__ import annotations

import threading
import time
from pathlib import Path

from inspector import user_rules
from inspector.cli import main as cli_main
from inspector.gui.qt import QtCore, QtWidgets
from inspector.gui.userrules import RuleDialog, RulesManager
from inspector.model import Category
from tests.test_user_rules import DOC_A, DOC_B, DOC_C, DOC_EN

from .conftest import open_file
from .test_window import removed_ids_painted

Qt = QtCore.Qt

CAPTION_A = "Cliché maison 12 : Jean Dupont pour Le Quotidien"
CAPTION_B = "Cliché maison 7 : Marie Curie pour La Gazette"


def _queue(tmp_path: Path) -> Path:
    folder = tmp_path / "queue"
    folder.mkdir()
    (folder / "a.txt").write_text(DOC_A, encoding="utf-8")
    (folder / "b.txt").write_text(DOC_B, encoding="utf-8")
    return folder


def _select(window, text: str) -> None:
    start = window.session.doc.raw.index(text)
    window.raw.setTextCursor(window.raw.qt_cursor(start, start + len(text)))


def _make_rule(qtbot, window, text: str, keep: bool = False) -> None:
    _select(window, text)
    dialog = window.open_rule_dialog(window.rule_text(), keep)
    assert "1 span" in dialog.preview.text()
    with qtbot.waitSignal(window.documentUpdated):
        dialog.accept()


def test_remove_everything_like_this_reaches_the_next_document(
        qtbot, make_window, tmp_path: Path, user_rules_path: Path) -> None:
    window = make_window()
    with qtbot.waitSignal(window.loadFinished, timeout=10_000):
        window.open_path(_queue(tmp_path))
    assert CAPTION_A in window.session.doc.cleaned
    _make_rule(qtbot, window, CAPTION_A)
    assert CAPTION_A not in window.session.doc.cleaned
    assert user_rules_path.exists()
    with qtbot.waitSignal(window.loadFinished, timeout=10_000):
        window.go_document(1)
    assert "Marie Curie" not in window.session.doc.cleaned
    span = next(s for s in window.session.doc.spans if s.rule.endswith(".user.1"))
    assert window.session.doc.raw[span.start:span.end] == CAPTION_B

    # A restart reads the same rule file.
    again = make_window()
    open_file(qtbot, again, tmp_path / "queue" / "b.txt")
    assert "Marie Curie" not in again.session.doc.cleaned

    # Disabling the rule in the manager restores the text of the open document.
    manager = again.open_rules_manager()
    assert manager.table.rowCount() == 1
    assert manager.table.item(0, 4).text() == "1"
    with qtbot.waitSignal(again.documentUpdated):
        manager.set_enabled(0, False)
    assert CAPTION_B in again.session.doc.cleaned
    manager.close()


def test_export_import_round_trip(qtbot, loaded, tmp_path: Path, user_rules_path: Path) -> None:
    first = user_rules.new_rule([], "cliché maison \\d+")
    user_rules.save_rules(user_rules_path, [first, user_rules.new_rule([first], "abc", keep=True)])
    manager = loaded.open_rules_manager()
    exported = tmp_path / "shared.toml"
    manager.export_file(exported)
    assert manager.table.rowCount() == 2
    manager.table.selectAll()
    manager.delete_selected()
    assert manager.table.rowCount() == 0
    manager.import_file(exported)
    assert user_rules.load_user_rules(user_rules_path) == user_rules.load_user_rules(exported)
    manager.close()


def test_cli_applies_a_rule_file_written_by_the_gui(qtbot, loaded, tmp_path: Path,
                                                    user_rules_path: Path) -> None:
    source = tmp_path / "b.txt"
    source.write_text(DOC_B, encoding="utf-8")
    open_file(qtbot, loaded, source)
    _make_rule(qtbot, loaded, CAPTION_B)
    out_dir = tmp_path / "out"
    assert cli_main(["clean", str(source), "--rules", str(user_rules_path),
                     "--out", str(out_dir), "--quiet"]) == 0
    out = next(out_dir.glob("*.txt")).read_text(encoding="utf-8")
    assert "Marie Curie" not in out and "La ministre" in out


def _state(window) -> dict:
    """What the person sees of the open document, to compare before and after undo."""
    doc = window.session.doc
    return {"spans": [(s.id, s.start, s.end, s.rule, s.user_decision) for s in doc.spans],
            "cleaned": doc.cleaned}


def _views_follow(window) -> None:
    doc = window.session.doc
    assert window.clean.toPlainText() == doc.cleaned
    assert removed_ids_painted(window) == {s.id for s in doc.spans if s.removed}
    assert window.span_list.model.rowCount() == len(doc.spans)


def test_a_saved_rule_is_one_undoable_step_after_the_earlier_ones(
        qtbot, window, tmp_path: Path, user_rules_path: Path) -> None:
    source = tmp_path / "c.txt"
    source.write_text(DOC_C, encoding="utf-8")
    open_file(qtbot, window, source)
    doc = window.session.doc
    opened = _state(window)
    # An earlier decision: keep the "Lien source" line.
    qtbot.keyClick(window.raw, Qt.Key.Key_N)
    with qtbot.waitSignal(window.documentUpdated):
        qtbot.keyClick(window.raw, Qt.Key.Key_Space)
    toggled = _state(window)
    assert "Lien source" in doc.cleaned

    _select(window, CAPTION_B)
    dialog = window.open_rule_dialog(window.rule_text(), False)
    with qtbot.waitSignal(window.rulesApplied, timeout=10_000):
        dialog.accept()
    assert window.session.doc is doc  # the same document: nothing was reloaded
    assert window.session.undo_stack.count() == 2
    assert "Apply rule" in window.session.undo_stack.undoText()
    assert CAPTION_B not in doc.cleaned and "Lien source" in doc.cleaned
    ruled = _state(window)
    _views_follow(window)

    # Ctrl+Z takes the rule's effect back from this document; the toggle stays.
    window.activateWindow()  # offscreen does not hand activation back from the dialog
    qtbot.waitUntil(lambda: QtWidgets.QApplication.activeWindow() is window)
    qtbot.keyClick(window.raw, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert _state(window) == toggled
    _views_follow(window)
    assert user_rules.load_user_rules(user_rules_path)  # the rule itself stays saved
    # …and the earlier toggle is still undoable.
    qtbot.keyClick(window.raw, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert _state(window) == opened
    assert not window.isWindowModified()
    # Redo brings both back, the rule's span with the same id.
    redo = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    qtbot.keyClick(window.raw, Qt.Key.Key_Z, redo)
    qtbot.keyClick(window.raw, Qt.Key.Key_Z, redo)
    assert _state(window) == ruled
    _views_follow(window)

    # Disabling the rule in the manager is one more undoable step.
    manager = window.open_rules_manager()
    with qtbot.waitSignal(window.rulesApplied, timeout=10_000):
        manager.set_enabled(0, False)
    assert CAPTION_B in doc.cleaned and window.session.undo_stack.count() == 3
    assert manager.table.item(0, 4).text() == "0"
    window.session.undo_stack.undo()
    assert _state(window) == ruled
    manager.close()
    qtbot.waitUntil(lambda: not window.findChildren(RulesManager))  # deleted on close
    with qtbot.waitSignal(window.rulesApplied, timeout=10_000):
        window.reapply_rules()  # the closed manager no longer listens
    # The file still says "disabled": applying it again drops the rule's span once more.
    assert CAPTION_B in doc.cleaned
    assert window.session.undo_stack.undoText() == "Apply my rules"
    _views_follow(window)


def _queue_of_three(tmp_path: Path) -> Path:
    folder = _queue(tmp_path)
    (folder / "c.txt").write_text(DOC_EN, encoding="utf-8")
    return folder


ANY_CAPTION = "cliché maison \\d+ : .*"  # the whole caption line, in French or English


def test_preview_counts_the_other_documents_of_the_queue_in_the_background(
        qtbot, window, tmp_path: Path) -> None:
    with qtbot.waitSignal(window.loadFinished, timeout=10_000):
        window.open_path(_queue_of_three(tmp_path))
    assert window.queue.current.label == "a.txt"
    _select(window, CAPTION_A)
    dialog = window.open_rule_dialog(window.rule_text(), False)
    # This document at once; the queue a moment later, off the GUI thread.
    assert dialog.preview.text().startswith(
        "Would change 1 span in this document · counting in 2 other documents")
    qtbot.waitUntil(lambda: dialog.preview.text() == (
        "Would change 1 span in this document · 1 in 1 other document of the queue."),
        timeout=10_000)

    # Typing is counted once it rests (one request for the whole word), not per key.
    requests = []
    request = dialog.queue.request
    dialog.queue.request = lambda rules: (requests.append(rules[0].pattern), request(rules))
    dialog.pattern.setText("cliché ")
    qtbot.keyClicks(dialog.pattern, ANY_CAPTION.removeprefix("cliché "))  # QTest types ASCII
    assert "counting" in dialog.preview.text()
    qtbot.waitUntil(lambda: "· 2 in 2 other documents of the queue." in dialog.preview.text(),
                    timeout=10_000)
    assert requests == [ANY_CAPTION]

    # A language counts only documents in it: b.txt is French, c.txt English.
    qtbot.keyClicks(dialog.language, "fr")
    qtbot.waitUntil(lambda: dialog.preview.text() == (
        "Would change 1 span in this document · 1 in 1 other document of the queue."),
        timeout=10_000)
    dialog.language.setText("en")
    qtbot.waitUntil(lambda: dialog.preview.text() == (
        "Would change 0 spans in this document · 1 in 1 other document of the queue."),
        timeout=10_000)
    dialog.language.clear()

    # A bad pattern says what is wrong, counts nothing and cannot be saved.
    dialog.pattern.setText("cliché (maison")
    assert "never closed" in dialog.error.text() and dialog.preview.text() == ""
    save = dialog.buttons.button(QtWidgets.QDialogButtonBox.StandardButton.Save)
    assert not save.isEnabled()
    dialog.reject()


def test_a_stale_queue_count_never_replaces_a_newer_one(
        qtbot, window, tmp_path: Path, monkeypatch) -> None:
    with qtbot.waitSignal(window.loadFinished, timeout=10_000):
        window.open_path(_queue_of_three(tmp_path))
    _select(window, CAPTION_A)
    dialog = window.open_rule_dialog(window.rule_text(), False)
    qtbot.waitUntil(lambda: "1 in 1 other document of the queue" in dialog.preview.text(),
                    timeout=10_000)
    old, new = "cliché maison 12 : .*", ANY_CAPTION
    real = user_rules.count_changes

    def slow_for_the_old_pattern(rules, documents, stop=None):
        counts = real(rules, documents)  # as if it had passed its last check already
        if rules[0].pattern == old and threading.current_thread() is not threading.main_thread():
            time.sleep(0.6)
        return counts

    monkeypatch.setattr(user_rules, "count_changes", slow_for_the_old_pattern)
    dialog.pattern.setText(old)
    dialog.request_queue_count()
    dialog.pattern.setText(new)
    dialog.request_queue_count()
    qtbot.waitUntil(lambda: "· 2 in 2 other documents of the queue." in dialog.preview.text(),
                    timeout=10_000)
    qtbot.waitUntil(lambda: not window.tasks.busy, timeout=10_000)  # the old count ended too
    assert "· 2 in 2 other documents of the queue." in dialog.preview.text()
    dialog.reject()


def test_editing_a_rule_in_the_manager_checks_saves_and_applies_it(
        qtbot, window, tmp_path: Path, user_rules_path: Path) -> None:
    rule = user_rules.new_rule([], ANY_CAPTION, Category.CAPTION, where="line")
    user_rules.save_rules(user_rules_path, [rule])
    source = tmp_path / "b.txt"
    source.write_text(DOC_B, encoding="utf-8")
    open_file(qtbot, window, source)
    doc = window.session.doc
    assert CAPTION_B not in doc.cleaned
    manager = window.open_rules_manager()
    assert manager.table.item(0, 2).text() == "remove · Caption"
    assert manager.table.item(0, 4).text() == "1"
    manager.table.selectRow(0)
    qtbot.mouseClick(manager.findChild(QtWidgets.QPushButton, "editRule"),
                     Qt.MouseButton.LeftButton)
    dialog = manager.findChild(RuleDialog)
    assert dialog is not None and dialog.windowTitle() == f"Edit Rule {rule.id}"
    assert dialog.pattern.text() == ANY_CAPTION
    save = dialog.buttons.button(QtWidgets.QDialogButtonBox.StandardButton.Save)

    # A broken pattern: the message shows the wrong part, and nothing is saved.
    dialog.pattern.clear()
    qtbot.keyClicks(dialog.pattern, "photo (maison")
    assert "the “(” at character 7 is never closed" in dialog.error.text()
    assert "▶(maison" in dialog.error.text()
    assert not save.isEnabled()
    qtbot.keyClick(dialog.pattern, Qt.Key.Key_Return)
    assert dialog.isVisible()
    assert user_rules.load_user_rules(user_rules_path) == [rule]
    # So is a language that is not a code.
    dialog.pattern.setText(ANY_CAPTION)
    qtbot.keyClicks(dialog.language, "French")
    assert "not a language code" in dialog.error.text() and not save.isEnabled()
    dialog.language.clear()

    # A valid edit: pattern, category, language and reason, saved and applied.
    dialog.pattern.setText("cliché maison 7 : .*")
    dialog.category.setCurrentIndex(dialog.category.findData(Category.PROMO.value))
    qtbot.keyClicks(dialog.language, "fr")
    qtbot.keyClicks(dialog.reason, "House photo credits.")
    assert save.isEnabled() and dialog.error.text() == ""
    with qtbot.waitSignal(window.rulesApplied, timeout=10_000):
        qtbot.mouseClick(save, Qt.MouseButton.LeftButton)
    saved = user_rules.load_user_rules(user_rules_path)
    assert [(r.id, r.pattern, r.category, r.language, r.reason, r.keep) for r in saved] == [
        (rule.id, "cliché maison 7 : .*", Category.PROMO, "fr", "House photo credits.", False)]
    assert sorted(p.name for p in user_rules_path.parent.iterdir()) == ["rules.toml"]
    span = next(s for s in doc.spans if s.rule == rule.id)
    assert (span.category, span.reason, span.removed) == (Category.PROMO,
                                                          "House photo credits.", True)
    assert window.session.undo_stack.undoText() == f"Edit rule {rule.id}"
    assert manager.table.item(0, 2).text() == "remove · Promo · fr only"
    assert manager.table.item(0, 4).text() == "1"

    # Keep instead of remove (double-click opens the editor too): the caption is back.
    manager.table.cellDoubleClicked.emit(0, 3)
    dialog = next(d for d in manager.findChildren(RuleDialog) if d.isVisible())
    dialog.kind.setCurrentIndex(dialog.kind.findData(True))
    with qtbot.waitSignal(window.rulesApplied, timeout=10_000):
        qtbot.mouseClick(dialog.buttons.button(QtWidgets.QDialogButtonBox.StandardButton.Save),
                         Qt.MouseButton.LeftButton)
    assert user_rules.load_user_rules(user_rules_path)[0].keep
    assert CAPTION_B in doc.cleaned
    window.session.undo_stack.undo()
    assert CAPTION_B not in doc.cleaned
    manager.close()
