"""The document queue: folders and batch files as a list with status, flags and keys."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from inspector.gui.qt import QtCore, QtGui

Qt = QtCore.Qt

PROSE = (
    "The council met on Tuesday evening to discuss the new budget for the harbour. "
    "Several members argued that the repairs to the old pier could not wait another year, "
    "while others asked for a study of the costs first. The mayor said a decision would "
    "be taken before the summer, after a public meeting in the town hall. Residents who "
    "spoke at the meeting were mostly in favour of the repairs.\n"
)


def article(title: str) -> str:
    return f"{title}\n\n{PROSE}\n{PROSE}"


@pytest.fixture
def batch(tmp_path: Path) -> Path:
    """3 text files (one tiny) and a JSONL with 2 records and a malformed line 2."""
    root = tmp_path / "batch"
    root.mkdir()
    (root / "a.txt").write_text(article("Harbour budget"), encoding="utf-8")
    (root / "b.txt").write_text(article("Pier repairs"), encoding="utf-8")
    (root / "c.txt").write_text("Short note.\n", encoding="utf-8")
    lines = [json.dumps({"id": "r1", "text": article("First record")}),
             "{this is not json",
             json.dumps({"id": "r2", "text": article("Second record")})]
    (root / "feed.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return root


def open_queue(qtbot, window, root: Path) -> None:
    with (qtbot.waitSignal(window.loadFinished, timeout=10_000) as first,
          qtbot.waitSignal(window.queue.reviewed, timeout=10_000)):
        window.open_path(root)
    assert first.args == [True], window.banner.text()


def rows(window) -> list[tuple[str, str]]:
    model = window.queue.model
    return [(model.index(r, 0).data(), model.index(r, 1).data()) for r in range(model.rowCount())]


def tooltip(window, row: int) -> str:
    return window.queue.model.index(row, 1).data(Qt.ItemDataRole.ToolTipRole)


def test_folder_lists_every_document_and_the_failed_line(qtbot, window, batch: Path):
    open_queue(qtbot, window, batch)
    assert window.queue_dock.isVisible()
    labels = [label for label, _status in rows(window)]
    assert labels == ["a.txt", "b.txt", "c.txt", "feed.jsonl#1 (r1)", "feed.jsonl:2",
                      "feed.jsonl#3 (r2)"]
    statuses = dict(rows(window))
    assert statuses["feed.jsonl:2"] == "failed"
    failed_row = labels.index("feed.jsonl:2")
    assert "feed.jsonl:2:" in tooltip(window, failed_row)
    assert "not valid JSON" in tooltip(window, failed_row)
    assert sum(status != "failed" for status in statuses.values()) == 5
    assert "5 documents, 1 failed" in window.queue_view.summary.text()
    # The first document is open and marked as reviewed; texts are not kept in the queue.
    assert window.queue.model.current == 0
    assert statuses["a.txt"] == "reviewed"
    assert window.session.doc is not None and "Harbour budget" in window.session.doc.raw
    assert not any(hasattr(e, "data") for e in window.queue.model.entries)


def test_tiny_document_is_flagged_with_the_reason(qtbot, window, batch: Path):
    open_queue(qtbot, window, batch)
    labels = [label for label, _status in rows(window)]
    row = labels.index("c.txt")
    assert dict(rows(window))["c.txt"] == "flagged"  # known before it is opened
    assert "very little text kept" in tooltip(window, row)
    assert dict(rows(window))["b.txt"] == "new"


def test_next_and_previous_document_by_key(qtbot, window, batch: Path):
    open_queue(qtbot, window, batch)
    assert "Harbour budget" in window.session.doc.raw
    with qtbot.waitSignal(window.loadFinished, timeout=10_000):
        qtbot.keyClick(window, Qt.Key.Key_PageDown, Qt.KeyboardModifier.ControlModifier)
    assert window.queue.model.current == 1
    assert "Pier repairs" in window.session.doc.raw
    assert "b.txt" in window.windowTitle()
    with qtbot.waitSignal(window.loadFinished, timeout=10_000):
        qtbot.keyClick(window, Qt.Key.Key_Left, Qt.KeyboardModifier.AltModifier)
    assert window.queue.model.current == 0
    assert "Harbour budget" in window.session.doc.raw
    # Alt+Right walks on, onto a record of the JSONL file.
    labels = [label for label, _status in rows(window)]
    target = labels.index("feed.jsonl#1 (r1)")
    for _ in range(target):
        with qtbot.waitSignal(window.loadFinished, timeout=10_000):
            qtbot.keyClick(window, Qt.Key.Key_Right, Qt.KeyboardModifier.AltModifier)
    assert "First record" in window.session.doc.raw
    assert window.queue_view.table.currentIndex().row() == target


def test_clicking_a_row_loads_it_and_a_failed_row_shows_its_message(qtbot, window, batch: Path):
    open_queue(qtbot, window, batch)
    labels = [label for label, _status in rows(window)]
    table = window.queue_view.table
    row = labels.index("feed.jsonl#3 (r2)")
    with qtbot.waitSignal(window.loadFinished, timeout=10_000) as blocker:
        rect = table.visualRect(window.queue.model.index(row, 0))
        qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert blocker.args == [True]
    assert "Second record" in window.session.doc.raw
    failed = labels.index("feed.jsonl:2")
    with qtbot.waitSignal(window.loadFinished, timeout=10_000) as blocker:
        rect = table.visualRect(window.queue.model.index(failed, 0))
        qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert blocker.args == [False]
    assert window.session.doc is None
    assert "not valid JSON" in window.banner.text()


def test_editing_marks_the_row_edited_and_switching_asks(qtbot, window, batch: Path):
    open_queue(qtbot, window, batch)
    labels = [label for label, _status in rows(window)]
    row = labels.index("feed.jsonl#1 (r1)")
    with qtbot.waitSignal(window.loadFinished, timeout=10_000):
        window.open_entry(row)
    doc = window.session.doc
    assert doc.spans, "the record needs a span to toggle"
    window.focus_span(doc.spans[0].id)
    with qtbot.waitSignal(window.documentUpdated):
        window.raw.setFocus()
        qtbot.keyClick(window.raw, Qt.Key.Key_Space)
    assert dict(rows(window))["feed.jsonl#1 (r1)"] == "edited"
    assert window.isWindowModified()

    # Switching asks; Cancel keeps the document and its decision.
    asked: list[str] = []

    def cancel() -> str:
        asked.append("cancel")
        return "cancel"

    window.ask_unsaved = cancel
    qtbot.keyClick(window, Qt.Key.Key_PageDown, Qt.KeyboardModifier.ControlModifier)
    assert asked == ["cancel"]
    assert window.session.doc is doc and window.queue.model.current == row
    assert window.queue_view.table.currentIndex().row() == row

    # Save writes beside the JSONL, named after the record id; the row stays edited.
    window.ask_unsaved = lambda: "save"
    with qtbot.waitSignal(window.loadFinished, timeout=10_000):
        qtbot.keyClick(window, Qt.Key.Key_PageDown, Qt.KeyboardModifier.ControlModifier)
    assert (batch / "r1.txt").exists() and (batch / "r1.inspect.json").exists()
    assert dict(rows(window))["feed.jsonl#1 (r1)"] == "edited"

    # Going back restores the saved decision.
    window.ask_unsaved = lambda: "discard"
    with qtbot.waitSignal(window.loadFinished, timeout=10_000):
        window.open_entry(row)
    restored = window.session.doc
    assert restored.spans[0].user_decision is not None
    assert not window.isWindowModified()


def test_opening_a_single_file_after_a_queue_hides_it(qtbot, window, batch: Path):
    open_queue(qtbot, window, batch)
    with qtbot.waitSignal(window.loadFinished, timeout=10_000) as blocker:
        window.open_path(batch / "b.txt")
    assert blocker.args == [True]
    assert not window.queue.active and window.queue.model.rowCount() == 0
    assert not window.queue_dock.isVisible()
    assert not window.act_next_doc.isEnabled()


def test_dropping_a_batch_file_opens_it_as_a_queue(qtbot, window, batch: Path):
    mime = QtCore.QMimeData()
    mime.setUrls([QtCore.QUrl.fromLocalFile(str(batch / "feed.jsonl"))])
    point = QtCore.QPointF(window.rect().center())
    enter = QtGui.QDragEnterEvent(point.toPoint(), Qt.DropAction.CopyAction, mime,
                                  Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    QtCore.QCoreApplication.sendEvent(window, enter)
    assert enter.isAccepted()
    drop = QtGui.QDropEvent(point, Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
                            Qt.KeyboardModifier.NoModifier)
    with qtbot.waitSignal(window.loadFinished, timeout=10_000) as blocker:
        QtCore.QCoreApplication.sendEvent(window, drop)
    assert blocker.args == [True]
    assert [label for label, _status in rows(window)] == [
        "feed.jsonl#1 (r1)", "feed.jsonl:2", "feed.jsonl#3 (r2)"]
    assert "First record" in window.session.doc.raw
    assert window.windowTitle().startswith("feed.jsonl#1 (r1)")


def test_app_opens_a_folder_from_the_command_line(tmp_path: Path, batch: Path):
    from .test_app import run_app

    out = tmp_path / "shot.png"
    result = run_app("--screenshot", str(out), "--size", "900x600", str(batch))
    assert result.returncode == 0, result.stderr
    assert QtGui.QImage(str(out)).width() == 900
