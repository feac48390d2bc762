"""Corrections become rules: the rule dialog, the rules manager, restart and the CLI."""

from __future__ import annotations

from pathlib import Path

from inspector import user_rules
from inspector.cli import main as cli_main
from tests.test_user_rules import DOC_A, DOC_B

from .conftest import open_file

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
