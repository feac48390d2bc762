"""``python app.py [PATH...]`` and ``python app.py --screenshot OUT.png [PATH]``."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from pathlib import Path

SAMPLES = Path(__file__).resolve().parents[2] / "resources" / "samples"
DEFAULT_SAMPLE = SAMPLES / "fr-summit-scrape.txt"


def parse_args(argv: Sequence[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="app.py", description="Article Inspector: review raw and cleaned scrapes.")
    parser.add_argument("paths", nargs="*", type=Path, metavar="PATH",
                        help="scrapes to open (default: a bundled sample)")
    parser.add_argument("--kind", choices=("auto", "text", "html"), default="auto",
                        help="how to read the inputs (default: sniff)")
    parser.add_argument("--screenshot", type=Path, metavar="OUT.png",
                        help="render the window after loading to OUT.png and exit")
    parser.add_argument("--size", default="1400x880", metavar="WxH",
                        help="window size for --screenshot (default 1400x880)")
    args = parser.parse_args(argv)
    try:
        width, height = (int(v) for v in args.size.lower().split("x"))
    except ValueError:
        parser.error(f"--size must look like 1400x880, not {args.size!r}")
    args.size = (width, height)
    if args.screenshot and len(args.paths) > 1:
        parser.error("--screenshot takes at most one PATH")
    return args


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(sys.argv[1:] if argv is None else argv)
    if args.screenshot and not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

    from .qt import QtCore, QtWidgets
    from .settings import APPLICATION, ORGANISATION
    from .window import MainWindow

    app = QtWidgets.QApplication.instance() or QtWidgets.QApplication(
        [sys.argv[0] if sys.argv else "app.py"])
    app.setOrganizationName(ORGANISATION)
    app.setApplicationName(APPLICATION)
    app.setApplicationDisplayName(APPLICATION)

    paths = args.paths or [DEFAULT_SAMPLE]
    windows: list[MainWindow] = []

    def new_window(path: Path | None) -> MainWindow:
        window = MainWindow(open_elsewhere=new_window)
        window.setAttribute(QtCore.Qt.WidgetAttribute.WA_DeleteOnClose)
        windows.append(window)
        window.show()
        if path is not None:
            window.open_path(path, args.kind)
        return window

    if args.screenshot:
        return _screenshot(app, args, paths[0])
    for path in paths:
        new_window(path)
    return app.exec()


def _screenshot(app, args: argparse.Namespace, path: Path) -> int:
    """Load ``path``, show a representative state, grab the window, quit."""
    from .qt import QtCore
    from .window import MainWindow

    settings_file = QtCore.QTemporaryFile()
    settings_file.open()
    window = MainWindow(settings=QtCore.QSettings(settings_file.fileName(),
                                                  QtCore.QSettings.Format.IniFormat))
    window.resize(*args.size)
    window.show()
    outcome: dict[str, int] = {}

    def grab() -> None:
        image = window.grab()
        args.screenshot.parent.mkdir(parents=True, exist_ok=True)
        if not image.save(str(args.screenshot)):
            print(f"{args.screenshot}: cannot write the screenshot", file=sys.stderr)
            outcome["code"] = 1
        else:
            print(f"wrote {args.screenshot}")
        window.session.undo_stack.setClean()
        window.close()
        app.quit()

    def loaded(ok: bool) -> None:
        if not ok:
            print(f"{path}: {window.banner.text()}", file=sys.stderr)
            outcome["code"] = 1
        elif window.session.doc is not None and window.session.doc.spans:
            doc = window.session.doc
            # Show a representative state: a caption selected in the list and panes,
            # once the window has laid itself out.
            target = next((s for s in doc.spans if s.category.value == "caption"), doc.spans[0])
            QtCore.QTimer.singleShot(100, lambda: window.focus_span(target.id))
        QtCore.QTimer.singleShot(400, grab)

    window.loadFinished.connect(loaded)
    window.open_path(path, args.kind)
    app.exec()
    return outcome.get("code", 0)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
