"""Saving through the store, the unsaved marker, closing, and re-opening saved decisions."""

from __future__ import annotations

import json
from pathlib import Path

from inspector import store
from inspector.gui.qt import QtCore

from .conftest import open_file

Qt = QtCore.Qt


def toggle_first_caption(window):
    doc = window.session.doc
    span = next(s for s in doc.spans if s.category.value == "caption")
    window.focus_span(span.id)
    window.raw.setFocus()
    return span


def test_ctrl_s_writes_both_files_atomically(qtbot, loaded, sample: Path):
    span = toggle_first_caption(loaded)
    qtbot.keyClick(loaded.raw, Qt.Key.Key_Space)
    assert loaded.isWindowModified()
    assert loaded.windowTitle().startswith(sample.name)
    qtbot.keyClick(loaded.raw, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    txt, sidecar = store.default_paths_for(sample)
    assert txt.read_text(encoding="utf-8") == loaded.session.doc.cleaned + "\n"
    data = json.loads(sidecar.read_text(encoding="utf-8"))
    saved = next(s for s in data["spans"] if s["id"] == span.id)
    assert saved["user_decision"] == "keep"
    # Atomic: the store wrote temporary files and renamed them; none is left behind.
    assert sorted(p.name for p in sample.parent.iterdir()) == sorted(
        [sample.name, txt.name, sidecar.name])
    assert not loaded.isWindowModified()
    assert sample.read_text(encoding="utf-8").startswith(" date 2023-09")  # input untouched


def test_failed_save_is_reported_and_keeps_the_changes_marked(qtbot, loaded, tmp_path: Path):
    toggle_first_caption(loaded)
    qtbot.keyClick(loaded.raw, Qt.Key.Key_Space)
    blocker = tmp_path / "not-a-dir"
    blocker.write_text("x")
    assert not loaded.save_to(blocker / "out.txt", blocker / "out.inspect.json")
    assert loaded.banner.isVisible() and "Not saved" in loaded.banner.text()
    assert loaded.isWindowModified()


def test_reopen_restores_decisions(qtbot, make_window, sample: Path):
    first = make_window()
    open_file(qtbot, first, sample)
    span = toggle_first_caption(first)
    qtbot.keyClick(first.raw, Qt.Key.Key_Space)
    kept_text = first.session.doc.raw[span.start:span.end]
    assert first.save()
    first.close()

    second = make_window()
    open_file(qtbot, second, sample)
    doc = second.session.doc
    restored = next(s for s in doc.spans if (s.start, s.end, s.rule) ==
                    (span.start, span.end, span.rule))
    assert restored.user_decision == "keep"
    assert kept_text in second.clean.toPlainText()
    assert not second.isWindowModified()
    assert not second.banner.isVisible()


def test_reopen_warns_when_the_input_changed(qtbot, make_window, sample: Path):
    first = make_window()
    open_file(qtbot, first, sample)
    toggle_first_caption(first)
    qtbot.keyClick(first.raw, Qt.Key.Key_Space)
    assert first.save()
    first.close()
    sample.write_text(sample.read_text(encoding="utf-8") + "\nUne ligne de plus.\n",
                      encoding="utf-8")
    second = make_window()
    open_file(qtbot, second, sample)
    assert second.banner.isVisible()
    assert "changed" in second.banner.text()


def test_close_asks_when_unsaved(qtbot, loaded, sample: Path):
    asked: list[str] = []

    def answer(reply: str):
        def ask() -> str:
            asked.append(reply)
            return reply
        return ask

    toggle_first_caption(loaded)
    qtbot.keyClick(loaded.raw, Qt.Key.Key_Space)
    loaded.ask_unsaved = answer("cancel")
    assert not loaded.close()
    assert loaded.isVisible() and asked == ["cancel"]
    loaded.ask_unsaved = answer("save")
    assert loaded.close()
    assert asked == ["cancel", "save"]
    assert store.default_paths_for(sample)[1].exists()


def test_unmodified_close_does_not_ask(loaded):
    loaded.ask_unsaved = lambda: (_ for _ in ()).throw(AssertionError("asked"))
    assert loaded.close()
