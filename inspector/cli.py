"""Command line: ``python -m inspector clean|explain|bench …``.

``parse_args`` is kept apart from ``main`` so it can be tested directly.
Exit codes: 0 all good, 1 some inputs failed (each named with the reason),
2 usage error.  Bad input never produces a traceback.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from collections.abc import Iterator, Sequence
from pathlib import Path

from . import __version__
from .errors import InspectorError
from .model import Document
from .pipeline import inspect
from .rules import load_rules
from .store import apply_decisions, output_paths, read_sidecar, save

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2
_TEXT_SUFFIXES = {".txt", ".text", ".html", ".htm", ".xhtml"}


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # argparse exits 2 on usage errors too
        self.print_usage(sys.stderr)
        self.exit(EXIT_USAGE, f"{self.prog}: error: {message}\n")


def parse_args(argv: Sequence[str] | None = None) -> argparse.Namespace:
    parser = _Parser(prog="inspector",
                     description="Inspect and clean scraped news articles.")
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    sub = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)

    common = _Parser(add_help=False)
    common.add_argument("--kind", choices=("auto", "text", "html"), default="auto",
                        help="treat inputs as plain text or HTML (default: sniff)")
    common.add_argument("--rules", action="append", default=[], metavar="FILE", type=Path,
                        help="extra rule file in the resources/rules format (repeatable)")
    common.add_argument("--max-mb", type=float, default=200.0,
                        help="refuse inputs larger than this many MB (default 200)")

    clean = sub.add_parser("clean", parents=[common],
                           help="write <name>.txt and <name>.inspect.json per input")
    clean.add_argument("inputs", nargs="+", metavar="INPUT",
                       help="files or folders; '-' reads standard input and writes the "
                            "cleaned text to standard output")
    clean.add_argument("--out", type=Path, help="output folder (required unless INPUT is '-')")
    clean.add_argument("--force", action="store_true", help="replace existing outputs")
    clean.add_argument("--quiet", action="store_true", help="print only errors")

    explain = sub.add_parser("explain", parents=[common], help="list the spans and their reasons")
    explain.add_argument("input", metavar="INPUT")
    explain.add_argument("--json", action="store_true", help="machine-readable output")

    bench = sub.add_parser("bench", help="score the cleaner and its peers on a data set")
    try:
        from . import bench as bench_module

        bench_module.add_arguments(bench)
    except ImportError as exc:  # the benchmark's optional pieces are missing
        bench.add_argument("dataset", nargs="?")
        bench.set_defaults(bench_error=str(exc))

    args = parser.parse_args(argv)
    if args.command == "clean" and args.out is None and args.inputs != ["-"]:
        parser.error("clean needs --out DIR (or '-' to write to standard output)")
    return args


def main(argv: Sequence[str] | None = None) -> int:
    try:
        return _main(argv)
    except BrokenPipeError:  # output piped into `head` and the like
        sys.stderr.close()
        return EXIT_OK
    except KeyboardInterrupt:
        return 130


def _main(argv: Sequence[str] | None) -> int:
    try:
        args = parse_args(argv)
    except SystemExit as exc:
        return int(exc.code or 0) if isinstance(exc.code, int) else EXIT_USAGE
    try:
        rules = load_rules(tuple(str(p) for p in args.rules)) if hasattr(args, "rules") else None
    except InspectorError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    if args.command == "clean":
        return _clean(args, rules)
    if args.command == "explain":
        return _explain(args, rules)
    if getattr(args, "bench_error", None):
        print(f"error: the benchmark is unavailable: {args.bench_error}", file=sys.stderr)
        return EXIT_USAGE
    from . import bench as bench_module

    return int(bench_module.run(args))


def _expand(inputs: Sequence[str]) -> Iterator[Path]:
    for item in inputs:
        path = Path(item)
        if path.is_dir():
            yield from sorted(p for p in path.rglob("*")
                              if p.is_file() and p.suffix.lower() in _TEXT_SUFFIXES)
        else:
            yield path


def _clean(args: argparse.Namespace, rules) -> int:
    max_bytes = int(args.max_mb * 1024 * 1024)
    if args.inputs == ["-"]:
        try:
            data = sys.stdin.buffer.read()
            doc = inspect(data, kind=args.kind, rules=rules, max_bytes=max_bytes,
                          name="<stdin>")
        except InspectorError as exc:
            print(f"error: {exc}", file=sys.stderr)
            return EXIT_FAILED
        sys.stdout.write(doc.cleaned + "\n")
        return EXIT_OK
    failures: list[str] = []
    per_category: Counter[str] = Counter()
    done = 0
    for path in _expand(args.inputs):
        try:
            doc = inspect(path, kind=args.kind, rules=rules, max_bytes=max_bytes)
            txt, side = output_paths(path.stem, args.out)
            if args.force:
                _restore(doc, side)
            save(doc, txt, side, force=args.force, input_path=path)
        except InspectorError as exc:
            failures.append(str(exc))
            print(f"error: {exc}", file=sys.stderr)
            continue
        done += 1
        per_category.update(s.category.value for s in doc.spans if s.removed)
        if not args.quiet:
            print(f"{path} -> {txt} ({len(doc.spans)} spans, "
                  f"{len(doc.raw) - len(doc.cleaned)} characters removed)")
    if not args.quiet:
        cats = ", ".join(f"{k} {v}" for k, v in per_category.most_common()) or "none"
        print(f"done: {done} ok, {len(failures)} failed; removed spans: {cats}")
    return EXIT_FAILED if failures else EXIT_OK


def _restore(doc: Document, sidecar: Path) -> None:
    """Keep the person's earlier decisions when ``--force`` rewrites an output.

    An existing sidecar may hold decisions made in the GUI; replacing the
    output re-applies them rather than silently discarding them.
    """
    if not sidecar.exists():
        return
    for warning in apply_decisions(doc, read_sidecar(sidecar)):
        print(f"warning: {sidecar}: {warning}", file=sys.stderr)


def _excerpt(text: str, width: int = 60) -> str:
    text = text.replace("\n", "⏎")
    return text if len(text) <= width else text[: width - 1] + "…"


def _explain(args: argparse.Namespace, rules) -> int:
    try:
        doc = inspect(args.input if args.input != "-" else sys.stdin.buffer.read(),
                      kind=args.kind, rules=rules, max_bytes=int(args.max_mb * 1024 * 1024))
    except InspectorError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_FAILED
    if args.json:
        rows = [dict(s.to_dict(), excerpt=doc.raw[s.start:s.end]) for s in doc.spans]
        json.dump({"metadata": doc.metadata.to_dict(), "spans": rows,
                   "edits": [e.to_dict() for e in doc.edits]},
                  sys.stdout, ensure_ascii=False, indent=1)
        sys.stdout.write("\n")
        return EXIT_OK
    print(f"{'start':>7} {'end':>7}  {'category':<14} {'rule':<26} {'conf':>4}  "
          f"{'decision':<8} excerpt / reason")
    for s in doc.spans:
        print(f"{s.start:>7} {s.end:>7}  {s.category.value:<14} {s.rule:<26} "
              f"{s.confidence:>4.2f}  {s.decision:<8} {_excerpt(doc.raw[s.start:s.end])}")
        print(f"{'':>50}{s.reason}")
    for e in doc.edits:
        print(f"{e.start:>7} {e.end:>7}  {'edit':<14} {e.rule:<26} {'':>4}  "
              f"{'repair':<8} {e.reason}")
    return EXIT_OK
