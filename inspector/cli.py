"""Command line: ``python -m inspector clean|explain|bench …``.

``parse_args`` is kept apart from ``main`` so it can be tested directly.
Exit codes: 0 all good, 1 some inputs failed (each named with the reason),
2 usage error.  Bad input never produces a traceback.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

from . import __version__
from .errors import InspectorError
from .model import Document
from .pipeline import inspect
from .rules import load_rules
from .sources.records import Options, Record, SourceError, iter_documents
from .store import apply_decisions, output_paths, read_sidecar, safe_name, save

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2


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
    clean.add_argument("--jsonl", type=Path, metavar="OUT",
                       help="also write one JSON record per document (id, text, metadata, spans)")
    clean.add_argument("--include", action="append", default=[], metavar="GLOB",
                       help="in folders, only files matching GLOB (repeatable)")
    clean.add_argument("--exclude", action="append", default=[], metavar="GLOB",
                       help="in folders, skip files matching GLOB (repeatable)")
    for name in ("id", "text", "html", "url"):
        clean.add_argument(f"--{name}-field", metavar="NAME",
                           help=f"JSONL/CSV field holding the {name} (default: guessed)")

    explain = sub.add_parser("explain", parents=[common], help="list the spans and their reasons")
    explain.add_argument("input", metavar="INPUT")
    explain.add_argument("--json", action="store_true", help="machine-readable output")

    report = sub.add_parser("report", parents=[common],
                            help="one self-contained HTML review report for the inputs")
    report.add_argument("inputs", nargs="+", metavar="INPUT")
    report.add_argument("--out", type=Path, required=True, help="the report file to write")
    report.add_argument("--force", action="store_true", help="replace an existing report")

    bench = sub.add_parser("bench", help="score the cleaner and its peers on a data set")
    try:
        from . import bench as bench_module

        bench_module.add_arguments(bench)
    except ImportError as exc:  # the benchmark's optional pieces are missing
        bench.add_argument("dataset", nargs="?")
        bench.set_defaults(bench_error=str(exc))

    args = parser.parse_args(argv)
    if (args.command == "clean" and args.out is None and args.jsonl is None
            and args.inputs != ["-"]):
        parser.error("clean needs --out DIR or --jsonl OUT (or '-' to write to standard output)")
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
    if args.command == "report":
        return _report(args, rules)
    if getattr(args, "bench_error", None):
        print(f"error: the benchmark is unavailable: {args.bench_error}", file=sys.stderr)
        return EXIT_USAGE
    from . import bench as bench_module

    return int(bench_module.run(args))


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
    options = Options(max_bytes=max_bytes, include=args.include, exclude=args.exclude,
                      id_field=args.id_field, text_field=args.text_field,
                      html_field=args.html_field, url_field=args.url_field)
    progress = Progress(enabled=sys.stderr.isatty() and not args.quiet)
    jsonl = _open_jsonl(args.jsonl, args.force) if args.jsonl else None
    if args.jsonl and jsonl is None:
        return EXIT_FAILED
    failures: list[str] = []
    per_category: Counter[str] = Counter()
    names = UniqueNames()
    done = 0
    try:
        for item in iter_documents(args.inputs, options):
            progress.tick(done + len(failures))
            if isinstance(item, SourceError):
                failures.append(str(item))
                progress.clear()
                print(f"error: {item}", file=sys.stderr)
                continue
            try:
                doc = _inspect_record(item, args.kind, rules, max_bytes)
                if args.out is not None:
                    txt, side = output_paths(names.take(item.id), args.out)
                    if args.force:
                        _restore(doc, side)
                    input_path = Path(item.name) if Path(item.name).exists() else None
                    save(doc, txt, side, force=args.force, input_path=input_path)
                if jsonl is not None:
                    jsonl.write(json.dumps(_jsonl_record(item.id, doc), ensure_ascii=False) + "\n")
            except InspectorError as exc:
                failures.append(str(exc))
                progress.clear()
                print(f"error: {exc}", file=sys.stderr)
                continue
            done += 1
            per_category.update(s.category.value for s in doc.spans if s.removed)
            if not args.quiet and not progress.enabled:
                print(f"{item.name}: {len(doc.spans)} spans, "
                      f"{len(doc.raw) - len(doc.cleaned)} characters removed")
    finally:
        progress.clear()
        if jsonl is not None:
            jsonl.close()
    if not args.quiet:
        cats = ", ".join(f"{k} {v}" for k, v in per_category.most_common()) or "none"
        print(f"done: {done} ok, {len(failures)} failed; removed spans: {cats}")
        for failure in failures[:20]:
            print(f"  failed: {failure}")
    return EXIT_FAILED if failures else EXIT_OK


def _inspect_record(item: Record, kind: str, rules, max_bytes: int) -> Document:
    doc = inspect(item.data, kind=item.kind if kind == "auto" else kind, rules=rules,
                  max_bytes=max_bytes, name=item.name)
    if Path(item.name).exists():
        doc.metadata.source_path = item.name
    doc.metadata.url = doc.metadata.url or item.metadata.get("url")
    doc.metadata.date = doc.metadata.date or item.metadata.get("date")
    if item.name != doc.metadata.source_path:
        doc.metadata.extra["record"] = item.name
    return doc


def _jsonl_record(record_id: str, doc: Document) -> dict:
    return {"id": record_id, "text": doc.cleaned, "metadata": doc.metadata.to_dict(),
            "spans": [s.to_dict() for s in doc.spans]}


def _open_jsonl(path: Path, force: bool):
    if path.exists() and not force:
        print(f"error: {path}: already exists (use --force to replace it)", file=sys.stderr)
        return None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        return path.open("w", encoding="utf-8")
    except OSError as exc:
        print(f"error: {path}: cannot write ({exc.strerror or exc})", file=sys.stderr)
        return None


class UniqueNames:
    """Output names from record ids: safe for file names and never the same twice."""

    def __init__(self) -> None:
        self.used: set[str] = set()

    def take(self, record_id: str) -> str:
        base = safe_name(record_id)
        name, n = base, 1
        while name.lower() in self.used:
            n += 1
            name = f"{base}-{n}"
        self.used.add(name.lower())
        return name


class Progress:
    """A one-line counter with the rate, on a terminal only."""

    def __init__(self, enabled: bool) -> None:
        self.enabled = enabled
        self.start = time.monotonic()
        self.last = 0.0

    def tick(self, count: int) -> None:
        now = time.monotonic()
        if not self.enabled or now - self.last < 0.2:
            return
        self.last = now
        rate = count / max(now - self.start, 1e-6)
        print(f"\r{count} documents, {rate:.1f}/s", end="", file=sys.stderr, flush=True)

    def clear(self) -> None:
        if self.enabled:
            print("\r\033[K", end="", file=sys.stderr, flush=True)


def _restore(doc: Document, sidecar: Path) -> None:
    """Keep the person's earlier decisions when ``--force`` rewrites an output.

    An existing sidecar may hold decisions made in the GUI; replacing the
    output re-applies them rather than silently discarding them.
    """
    if not sidecar.exists():
        return
    for warning in apply_decisions(doc, read_sidecar(sidecar)):
        print(f"warning: {sidecar}: {warning}", file=sys.stderr)


def _report(args: argparse.Namespace, rules) -> int:
    """Inspect every input (with the person's saved decisions) into one HTML report."""
    from .report import render
    from .store import atomic_write, find_sidecar

    if args.out.exists() and not args.force:
        print(f"error: {args.out}: already exists (use --force to replace it)", file=sys.stderr)
        return EXIT_FAILED
    max_bytes = int(args.max_mb * 1024 * 1024)
    documents: list[tuple[str, Document]] = []
    failures = 0
    for item in iter_documents(args.inputs, Options(max_bytes=max_bytes)):
        if isinstance(item, SourceError):
            failures += 1
            print(f"error: {item}", file=sys.stderr)
            continue
        try:
            doc = _inspect_record(item, args.kind, rules, max_bytes)
            sidecar = find_sidecar(Path(item.name)) if Path(item.name).is_file() else None
            if sidecar is not None:
                for warning in apply_decisions(doc, read_sidecar(sidecar)):
                    print(f"warning: {sidecar}: {warning}", file=sys.stderr)
        except InspectorError as exc:
            failures += 1
            print(f"error: {exc}", file=sys.stderr)
            continue
        documents.append((item.name, doc))
    try:
        atomic_write(args.out, render(documents))
    except OSError as exc:
        print(f"error: {args.out}: cannot write ({exc.strerror or exc})", file=sys.stderr)
        return EXIT_FAILED
    print(f"{args.out}: {len(documents)} document(s), {failures} failed")
    return EXIT_FAILED if failures else EXIT_OK


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
