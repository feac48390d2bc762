"""GUI test fixtures: real widgets, offscreen, isolated settings, Qt warnings fail the test."""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

SAMPLE = Path(__file__).resolve().parents[2] / "resources" / "samples" / "fr-summit-scrape.txt"

#: Qt messages that may appear without failing a test.  Each needs a reason.
QT_WARNING_ALLOW_LIST = [
    # The offscreen platform plugin cannot resize windows to size hints; it
    # says so whenever a window is shown.  Harmless, and absent on real screens.
    re.compile(r"This plugin does not support propagateSizeHints\(\)"),
    # Offscreen has no window manager to raise or activate windows.
    re.compile(r"This plugin does not support raise\(\)"),
    # Popup menus grab the keyboard; offscreen cannot, and the menu still gets
    # the keys qtbot sends to it.
    re.compile(r"This plugin does not support grabbing the keyboard"),
]


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    here = Path(__file__).parent
    for item in items:
        if here in Path(str(item.fspath)).parents:
            item.add_marker(pytest.mark.gui)


@pytest.fixture(autouse=True)
def _isolated_settings(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Never read or write the person's real settings."""
    path = tmp_path / "settings" / "article-inspector.ini"
    path.parent.mkdir()
    monkeypatch.setenv("ARTICLE_INSPECTOR_SETTINGS", str(path))
    return path


@pytest.fixture(autouse=True)
def user_rules_path(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Never read or write the person's own rule file."""
    path = tmp_path / "config" / "rules.toml"
    monkeypatch.setenv("ARTICLE_INSPECTOR_RULES", str(path))
    return path


@pytest.fixture(autouse=True)
def _fail_on_qt_warnings(qtlog):
    """Any Qt warning, critical or fatal message not allow-listed fails the test."""
    yield
    from pytestqt.qt_compat import qt_api

    bad_types = {qt_api.QtCore.QtMsgType.QtWarningMsg, qt_api.QtCore.QtMsgType.QtCriticalMsg,
                 qt_api.QtCore.QtMsgType.QtFatalMsg}
    bad = [r.message for r in qtlog.records if r.type in bad_types
           and not any(p.search(r.message) for p in QT_WARNING_ALLOW_LIST)]
    if bad:
        pytest.fail("Qt warnings:\n" + "\n".join(bad), pytrace=False)


@pytest.fixture
def sample(tmp_path: Path) -> Path:
    """The bundled sample, copied so that saving beside it stays in tmp."""
    target = tmp_path / "input" / SAMPLE.name
    target.parent.mkdir()
    shutil.copyfile(SAMPLE, target)
    return target


@pytest.fixture
def make_window(qtbot, _isolated_settings: Path):
    from inspector.gui.qt import QtCore, QtWidgets
    from inspector.gui.window import MainWindow

    def make() -> MainWindow:
        settings = QtCore.QSettings(str(_isolated_settings), QtCore.QSettings.Format.IniFormat)
        window = MainWindow(settings=settings)
        window.ask_unsaved = lambda: "discard"  # no modal question at teardown
        qtbot.addWidget(window)
        window.resize(1200, 800)
        window.show()
        qtbot.waitExposed(window)
        window.activateWindow()  # window shortcuts need the active window
        qtbot.waitUntil(lambda: QtWidgets.QApplication.activeWindow() is window)
        return window

    return make


@pytest.fixture
def window(make_window):
    return make_window()


def open_file(qtbot, window, path: Path, timeout: int = 10_000) -> None:
    with qtbot.waitSignal(window.loadFinished, timeout=timeout) as blocker:
        window.open_path(path)
    assert blocker.args == [True], window.banner.text()


@pytest.fixture
def loaded(qtbot, window, sample: Path):
    open_file(qtbot, window, sample)
    return window
