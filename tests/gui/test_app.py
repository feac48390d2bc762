"""``app.py``: arguments, the screenshot mode, and the README's shortcut table."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from inspector.gui.app import DEFAULT_SAMPLE, parse_args
from inspector.gui.qt import QtGui

ROOT = Path(__file__).resolve().parents[2]
README = ROOT / "README.md"
APP = ROOT / "app.py"


def test_parse_args():
    args = parse_args(["a.txt", "b.html", "--kind", "html"])
    assert [p.name for p in args.paths] == ["a.txt", "b.html"] and args.kind == "html"
    assert parse_args(["--screenshot", "x.png", "--size", "800x600"]).size == (800, 600)
    with pytest.raises(SystemExit):
        parse_args(["--screenshot", "x.png", "a", "b"])
    with pytest.raises(SystemExit):
        parse_args(["--size", "big"])
    assert DEFAULT_SAMPLE.exists()


def run_app(*args: str) -> subprocess.CompletedProcess:
    """``python app.py …`` in its own process (it runs and quits its own event loop)."""
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    return subprocess.run([sys.executable, str(APP), *args], env=env, capture_output=True,
                          text=True, timeout=60, check=False)


def test_screenshot_mode_writes_a_png(qapp, tmp_path: Path, sample: Path):
    out = tmp_path / "shot.png"
    result = run_app("--screenshot", str(out), "--size", "1000x700", str(sample))
    assert result.returncode == 0, result.stderr
    image = QtGui.QImage(str(out))
    assert (image.width(), image.height()) == (1000, 700)


def test_screenshot_of_a_bad_input_fails(tmp_path: Path):
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    result = run_app("--screenshot", str(tmp_path / "x.png"), str(empty))
    assert result.returncode == 1
    assert "empty" in result.stderr and "Traceback" not in result.stderr


def test_readme_shortcuts_exist(window):
    text = README.read_text(encoding="utf-8")
    section = text[text.index("<!-- gui:start -->"):text.index("<!-- gui:end -->")]
    cells = [line.split("|")[1] for line in section.splitlines() if line.startswith("| `")]
    documented = [key for cell in cells for key in re.findall(r"`([^`]+)`", cell)]
    assert len(documented) >= 25
    bound = {s.toString() for a in window.actions() for s in a.shortcuts()}
    missing = [key for key in documented if key not in bound]
    assert not missing, f"README lists shortcuts no action has: {missing}"
