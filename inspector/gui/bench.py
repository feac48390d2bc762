"""GUI speed benchmark: ``python -m inspector.gui.bench`` (or ``python -m inspector bench-gui``).

A generated document of about 1 MB with 5,000 spans (emoji included, so the
position converter does real work) is opened in the real main window,
offscreen.  Measured, each until both panes have repainted:

- open-to-painted: set the document, highlight it, paint both panes (budget 1 s)
- toggle: one span's decision, cleaned pane updated in place (budget 50 ms)
- undo: the same, backwards (budget 50 ms)
- scroll-sync: scroll the raw pane, the cleaned pane follows (budget 50 ms)

Speed is reported, never asserted in the test suite.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import sys
import time
from collections.abc import Callable, Sequence

from inspector.model import Category, Document, Metadata, Span

BUDGETS_MS = {"open_to_painted": 1000.0, "toggle": 50.0, "undo": 50.0, "scroll_sync": 50.0}

_WORDS = ("le la les un une des et de du pour avec dans sur par est sont été sommet président "
          "russe accord armes guerre journalistes article texte nouvelles monde politique "
          "économie semaine Moscou Kremlin Pyongyang missiles satellites déjeuner").split()
_CATEGORIES = [c for c in Category if c is not Category.USER]


def generate(size: int = 1_000_000, spans: int = 5_000, seed: int = 7) -> Document:
    """A reproducible document of ``size`` characters with ``spans`` spans."""
    rng = random.Random(seed)
    parts: list[str] = []
    length = 0
    while length < size:
        sentences = []
        for _ in range(rng.randint(3, 7)):
            words = [rng.choice(_WORDS) for _ in range(rng.randint(8, 20))]
            if rng.random() < 0.05:
                words.insert(rng.randrange(len(words)), rng.choice(["😀", "👍🏽", "🇫🇷"]))
            sentences.append(" ".join(words).capitalize() + ".")
        paragraph = " ".join(sentences)
        parts.append(paragraph)
        length += len(paragraph) + 2
    raw = "\n\n".join(parts)[:size]
    step = len(raw) // spans
    made = []
    for i in range(spans):
        start = i * step + rng.randint(0, step // 3)
        end = min(len(raw), start + rng.randint(20, step // 2))
        confidence = rng.choice([0.95, 0.9, 0.8, 0.7, 0.55])
        made.append(Span(start=start, end=end, category=_CATEGORIES[i % len(_CATEGORIES)],
                         rule=f"bench.{i % 50}", reason="Generated for the benchmark.",
                         detector="bench", confidence=confidence,
                         auto_decision="remove" if confidence >= 0.6 else "keep"))
    return Document(raw, spans=made, metadata=Metadata(title="GUI benchmark", language="fr"))


def _ms(fn: Callable[[], object]) -> float:
    start = time.perf_counter()
    fn()
    return (time.perf_counter() - start) * 1000


def run(size: int = 1_000_000, spans: int = 5_000, repeat: int = 30,
        seed: int = 7) -> dict[str, dict[str, float]]:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from .qt import QtCore, QtWidgets
    from .window import MainWindow

    app = QtWidgets.QApplication.instance() or QtWidgets.QApplication(["bench"])
    settings_file = QtCore.QTemporaryFile()
    settings_file.open()
    window = MainWindow(settings=QtCore.QSettings(settings_file.fileName(),
                                                  QtCore.QSettings.Format.IniFormat))
    window.ask_unsaved = lambda: "discard"  # type: ignore[method-assign]
    window.resize(1400, 900)
    window.show()
    app.processEvents()
    doc = generate(size, spans, seed)
    rng = random.Random(seed)

    def paint() -> None:
        window.raw.viewport().repaint()
        window.clean.viewport().repaint()

    results: dict[str, list[float]] = {k: [] for k in BUDGETS_MS}

    def open_doc() -> None:
        window.set_document(doc)
        paint()

    for _ in range(3):  # open is slow enough that three runs tell the story
        window.set_document(None)
        app.processEvents()
        results["open_to_painted"].append(_ms(open_doc))
        app.processEvents()

    raw_bar = window.raw.verticalScrollBar()
    for _ in range(repeat):
        span = rng.choice(doc.spans)
        window.focus_span(span.id)
        app.processEvents()
        results["toggle"].append(_ms(lambda s=span: (window.session.toggle(s.id), paint())))
        app.processEvents()
        results["undo"].append(_ms(lambda: (window.session.undo_stack.undo(), paint())))
        app.processEvents()
        value = rng.randint(0, raw_bar.maximum())
        results["scroll_sync"].append(_ms(lambda v=value: (raw_bar.setValue(v), paint())))
        app.processEvents()
    window.close()
    window.deleteLater()
    app.processEvents()
    return {name: {"median_ms": round(statistics.median(times), 2),
                   "worst_ms": round(max(times), 2), "runs": len(times),
                   "budget_ms": BUDGETS_MS[name]}
            for name, times in results.items()}


def parse_args(argv: Sequence[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="python -m inspector.gui.bench",
        description="Measure the GUI offscreen on a generated document.")
    parser.add_argument("--size", type=int, default=1_000_000, help="characters (default 1e6)")
    parser.add_argument("--spans", type=int, default=5_000, help="spans (default 5000)")
    parser.add_argument("--repeat", type=int, default=30, help="toggles/undos/scrolls measured")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--json", action="store_true", help="print JSON instead of a table")
    parser.add_argument("--strict", action="store_true",
                        help="exit 1 when a worst time is over its budget")
    return parser.parse_args(argv)


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    results = run(args.size, args.spans, args.repeat, args.seed)
    over = [name for name, r in results.items() if r["worst_ms"] > r["budget_ms"]]
    if args.json:
        print(json.dumps({"size": args.size, "spans": args.spans, "results": results,
                          "over_budget": over}, indent=1))
    else:
        print(f"GUI benchmark: {args.size:,} characters, {args.spans:,} spans, offscreen")
        print(f"{'measure':<18}{'median ms':>11}{'worst ms':>11}{'budget ms':>11}  ok")
        for name, r in results.items():
            ok = "yes" if r["worst_ms"] <= r["budget_ms"] else "NO"
            print(f"{name:<18}{r['median_ms']:>11.1f}{r['worst_ms']:>11.1f}"
                  f"{r['budget_ms']:>11.0f}  {ok}")
    return 1 if (args.strict and over) else 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
