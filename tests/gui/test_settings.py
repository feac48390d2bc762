"""QSettings (isolated per test), recent files, drag and drop, errors, progress."""

from __future__ import annotations

from pathlib import Path

from inspector.gui.qt import QtCore, QtGui

from .conftest import open_file


def test_zoom_wrap_splitter_and_geometry_persist(qtbot, make_window, _isolated_settings: Path):
    first = make_window()
    size = first.raw.font().pointSizeF()
    first.raw.setFocus()
    qtbot.keyClick(first.raw, QtCore.Qt.Key.Key_Equal, QtCore.Qt.KeyboardModifier.ControlModifier)
    assert first.zoom_level == 1 and first.raw.font().pointSizeF() > size
    first.act_wrap.setChecked(False)
    first.splitter.setSizes([700, 300])
    sizes = first.splitter.sizes()
    first.resize(1000, 700)
    first.close()
    assert _isolated_settings.exists()  # written to the test's own file

    second = make_window()
    assert second.zoom_level == 1
    assert second.raw.font().pointSizeF() == first.raw.font().pointSizeF()
    assert not second.act_wrap.isChecked()
    assert second.raw.lineWrapMode() == second.raw.LineWrapMode.NoWrap
    assert abs(second.splitter.sizes()[0] - sizes[0]) <= 2


def test_recent_files(qtbot, window, sample: Path, tmp_path: Path):
    open_file(qtbot, window, sample)
    other = tmp_path / "other.txt"
    other.write_text("Un article.\n\nPour plus d'histoires comme celle-ci, abonnez-vous.\n",
                     encoding="utf-8")
    open_file(qtbot, window, other)
    actions = [a for a in window.recent_menu.actions() if a.data()]
    assert [Path(a.data()).name for a in actions] == ["other.txt", sample.name]
    with qtbot.waitSignal(window.loadFinished):
        actions[1].trigger()
    assert window.session.input_path == sample


def test_drop_a_file_opens_it(qtbot, window, sample: Path):
    mime = QtCore.QMimeData()
    mime.setUrls([QtCore.QUrl.fromLocalFile(str(sample))])
    point = QtCore.QPointF(window.rect().center())
    enter = QtGui.QDragEnterEvent(point.toPoint(), QtCore.Qt.DropAction.CopyAction, mime,
                                  QtCore.Qt.MouseButton.LeftButton,
                                  QtCore.Qt.KeyboardModifier.NoModifier)
    QtCore.QCoreApplication.sendEvent(window, enter)
    assert enter.isAccepted()
    drop = QtGui.QDropEvent(point, QtCore.Qt.DropAction.CopyAction, mime,
                            QtCore.Qt.MouseButton.LeftButton,
                            QtCore.Qt.KeyboardModifier.NoModifier)
    with qtbot.waitSignal(window.loadFinished):
        QtCore.QCoreApplication.sendEvent(window, drop)
    assert window.session.input_path == sample


def test_error_is_shown_not_raised(qtbot, window, tmp_path: Path):
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    with qtbot.waitSignal(window.loadFinished) as blocker:
        window.open_path(empty)
        assert window.progress.isVisible()  # busy while inspecting
    assert blocker.args == [False]
    assert window.banner.isVisible()
    assert "empty" in window.banner.text() and "Traceback" not in window.banner.text()
    assert not window.progress.isVisible()
    assert window.session.doc is None


def test_missing_file(qtbot, window, tmp_path: Path):
    with qtbot.waitSignal(window.loadFinished) as blocker:
        window.open_path(tmp_path / "nope.txt")
    assert blocker.args == [False]
    assert "nope.txt" in window.banner.text()
