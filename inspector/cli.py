"""Command line: ``python -m inspector clean|explain|report|bench …``.

``parse_args`` is kept apart from ``main`` so it can be tested directly.
Exit codes: 0 all good, 1 some inputs failed (each named with the reason, as
``error: <file>[:<line>]: <why>``), 2 usage error.  Bad input never
produces a traceback.

Re-running ``clean`` never loses the person's decisions: an existing output
is only replaced with ``--force``, and then the decisions in its sidecar are
applied to the fresh result first (``--discard-decisions`` starts over).  A
sidecar the GUI saved beside an input file is applied too.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import IO, Literal, NoReturn

from . import __version__
from .batch import Batch, Progress, Settings, document_for
from .errors import InspectorError, StoreError
from .model import Document
from .rules import RuleSet, load_rules
from .sources.records import STDIN, Options, Record, SourceError, iter_documents, split_address
from .store import apply_decisions, atomic_open, find_sidecar, read_sidecar

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:  # argparse exits 2 on usage errors too
        self.print_usage(sys.stderr)
        self.exit(EXIT_USAGE, f"{self.prog}: error: {message}\n")


def _positive_mb(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number: {text!r}") from None
    if not value > 0:
        raise argparse.ArgumentTypeError("must be more than 0")
    return value


def parse_args(argv: Sequence[str] | None = None) -> argparse.Namespace:
    argv = list(sys.argv[1:] if argv is None else argv)
    parser = _Parser(prog="inspector",
                     description="Inspect and clean scraped news articles; every removal "
                                 "is explained.")
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    sub = parser.add_subparsers(dest="command", required=True, parser_class=_Parser,
                                metavar="{clean,explain,report,bench}")

    common = _Parser(add_help=False)
    common.add_argument("--kind", choices=("auto", "text", "html"), default="auto",
                        help="treat inputs as plain text or HTML (default: sniff each)")
    common.add_argument("--rules", action="append", default=[], metavar="FILE", type=Path,
                        help="extra rule file in the resources/rules format (repeatable)")
    common.add_argument("--max-mb", type=_positive_mb, default=200.0, metavar="N",
                        help="refuse documents (and .gz contents) over N MB (default 200)")
    reading = _Parser(add_help=False)
    reading.add_argument("--include", action="append", default=[], metavar="GLOB",
                         help="in folders, only files matching GLOB (repeatable)")
    reading.add_argument("--exclude", action="append", default=[], metavar="GLOB",
                         help="in folders, skip files matching GLOB (repeatable)")
    for name in ("id", "text", "html", "url"):
        reading.add_argument(f"--{name}-field", metavar="NAME",
                             help=f"JSONL/CSV field holding the {name} (default: guessed)")

    clean = sub.add_parser(
        "clean", parents=[common, reading],
        help="write <name>.txt and <name>.inspect.json per document",
        description="Clean documents: files, folders, .gz, JSONL/CSV exports, WARC/ARC crawls. "
                    "FILE#N picks one record of a JSONL/CSV/WARC file.")
    clean.add_argument("inputs", nargs="+", metavar="INPUT",
                       help="files, folders or FILE#N; '-' reads standard input (alone and "
                            "without --out it writes the cleaned text to standard output)")
    clean.add_argument("--out", type=Path, metavar="DIR", help="output folder")
    clean.add_argument("--jsonl", metavar="OUT",
                       help="write one JSON record per document (id, text, metadata, spans) "
                            "to OUT ('-': standard output)")
    clean.add_argument("--force", action="store_true",
                       help="replace existing outputs (the decisions in them are kept)")
    clean.add_argument("--discard-decisions", action="store_true",
                       help="do not re-apply decisions saved earlier for these documents")
    clean.add_argument("--quiet", action="store_true", help="print only errors and warnings")

    explain = sub.add_parser("explain", parents=[common, reading],
                             help="list one document's spans and their reasons")
    explain.add_argument("input", metavar="INPUT", help="a file, FILE#N, or '-'")
    explain.add_argument("--json", action="store_true", help="machine-readable output")

    report = sub.add_parser("report", parents=[common, reading],
                            help="one self-contained HTML review report for the inputs")
    report.add_argument("inputs", nargs="+", metavar="INPUT")
    report.add_argument("--out", type=Path, required=True, help="the report file to write")
    report.add_argument("--force", action="store_true", help="replace an existing report")

    bench = sub.add_parser("bench", help="score the cleaner and its peers on a data set",
                           add_help=not _wants(argv, "bench"))
    if _wants(argv, "bench"):  # imported only when asked for: it is large
        try:
            from . import bench as bench_module

            bench.add_argument("-h", "--help", action="help",
                               help="show this help message and exit")
            bench_module.add_arguments(bench)
        except ImportError as exc:  # not installed, or its optional pieces are missing
            bench.add_argument("rest", nargs=argparse.REMAINDER)
            bench.set_defaults(bench_error=str(exc))

    args = parser.parse_args(argv)
    if args.command == "clean":
        alone = args.inputs == [STDIN]
        if args.out is None and args.jsonl is None and not alone:
            parser.error("clean needs --out DIR or --jsonl OUT (or only '-', which writes the "
                         "cleaned text to standard output)")
        if args.inputs.count(STDIN) > 1:
            parser.error("'-' (standard input) can be given once")
    return args


def _wants(argv: Sequence[str], command: str) -> bool:
    first = next((a for a in argv if not a.startswith("-")), None)
    return first == command


def main(argv: Sequence[str] | None = None) -> int:
    try:
        return _main(argv)
    except BrokenPipeError:  # output piped into `head` and the like
        with contextlib.suppress(OSError):
            sys.stdout = None  # no flush at exit
        return EXIT_OK
    except KeyboardInterrupt:
        print("\ninterrupted; outputs written so far are complete", file=sys.stderr)
        return 130


def _main(argv: Sequence[str] | None) -> int:
    try:
        args = parse_args(argv)
    except SystemExit as exc:
        return exc.code if isinstance(exc.code, int) else EXIT_USAGE
    rules = None
    if getattr(args, "rules", None) is not None:
        try:
            rules = load_rules(tuple(str(p) for p in args.rules))
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


def _options(args: argparse.Namespace, skip: Sequence[Path] = ()) -> Options:
    return Options(max_bytes=_max_bytes(args), include=args.include, exclude=args.exclude,
                   id_field=args.id_field, text_field=args.text_field,
                   html_field=args.html_field, url_field=args.url_field, skip=skip)


def _max_bytes(args: argparse.Namespace) -> int:
    return int(args.max_mb * 1024 * 1024)


def _resolved(path: Path) -> Path:
    try:
        return path.resolve()
    except OSError:
        return path.absolute()


def _inside(path: Path, folder: Path) -> bool:
    return path == folder or folder in path.parents


def _layout(args: argparse.Namespace) -> tuple[list[Path], set[Path], str | None]:
    """Folders to skip, input files to protect, and why the outputs cannot go where asked."""
    out = _resolved(args.out) if args.out is not None else None
    jsonl = _resolved(Path(args.jsonl)) if args.jsonl not in (None, "-") else None
    skip: list[Path] = []
    protected: set[Path] = set()
    for text in args.inputs:
        if text == STDIN:
            continue
        path = Path(split_address(text)[0])
        resolved = _resolved(path)
        if path.is_dir():
            if out is not None and out == resolved:
                return [], set(), (f"--out {args.out} is the input folder; choose another "
                                   "folder so outputs never mix with or replace inputs")
            if out is not None and _inside(out, resolved):
                skip.append(out)  # never read our own outputs as inputs
            if jsonl is not None and _inside(jsonl, resolved):
                return [], set(), (f"--jsonl {args.jsonl} is inside the input folder {path}; "
                                   "it would be read as an input next time")
        else:
            protected.add(resolved)
    if jsonl is not None and jsonl in protected:
        return [], set(), f"--jsonl {args.jsonl} is one of the inputs"
    return skip, protected, None


def _clean(args: argparse.Namespace, rules: RuleSet | None) -> int:
    if args.inputs == [STDIN] and args.out is None:
        return _clean_stdout(args, rules)
    skip, protected, problem = _layout(args)
    if problem:
        print(f"inspector clean: error: {problem}", file=sys.stderr)
        return EXIT_USAGE
    if args.out is not None:
        try:
            args.out.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            print(f"error: {args.out}: output folder cannot be created "
                  f"({exc.strerror or exc})", file=sys.stderr)
            return EXIT_FAILED
    data_on_stdout = args.jsonl == "-"
    log = sys.stderr if data_on_stdout else sys.stdout
    progress = Progress(enabled=sys.stderr.isatty() and not args.quiet)
    info = None if args.quiet or progress.enabled else (lambda line: print(line, file=log))
    with _jsonl_output(args) as jsonl:
        if jsonl is False:
            return EXIT_FAILED
        settings = Settings(out=args.out, jsonl=jsonl, force=args.force,
                            kind=args.kind, rules=rules, max_bytes=_max_bytes(args),
                            keep_decisions=not args.discard_decisions, protected=protected)
        batch = Batch(settings, progress=progress, info=info,
                      error=lambda m: print(f"error: {m}", file=sys.stderr),
                      warn=lambda m: print(f"warning: {m}", file=sys.stderr))
        summary = batch.run(iter_documents(args.inputs, _options(args, skip)))
    if not args.quiet:
        for line in summary.lines():
            print(line, file=log)
    return EXIT_FAILED if summary.failed else EXIT_OK


@contextlib.contextmanager
def _jsonl_output(args: argparse.Namespace) -> Iterator[IO[str] | Literal[False] | None]:
    """The --jsonl handle (written atomically), None without --jsonl, False if unusable."""
    if args.jsonl is None:
        yield None
        return
    if args.jsonl == "-":
        yield sys.stdout
        return
    path = Path(args.jsonl)
    if path.exists() and not args.force:
        print(f"error: {path}: already exists (use --force to replace it)", file=sys.stderr)
        yield False
        return
    try:
        opened = atomic_open(path)
        handle = opened.__enter__()
    except OSError as exc:
        print(f"error: {path}: cannot write ({exc.strerror or exc})", file=sys.stderr)
        yield False
        return
    try:
        yield handle
    except BaseException:
        opened.__exit__(*sys.exc_info())
        raise
    try:
        opened.__exit__(None, None, None)
    except OSError as exc:
        print(f"error: {path}: cannot write ({exc.strerror or exc})", file=sys.stderr)


def _document_or_error(item: Record, args: argparse.Namespace,
                       rules: RuleSet | None) -> Document | None:
    """Inspect one record; a failure is printed as ``error: …`` and gives None."""
    try:
        return document_for(item, args.kind, rules, _max_bytes(args))
    except InspectorError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return None


def _clean_stdout(args: argparse.Namespace, rules: RuleSet | None) -> int:
    """``clean -``: standard input in, the cleaned text (or --jsonl -) out."""
    from .batch import jsonl_record

    (item,) = list(iter_documents([STDIN], _options(args)))
    if isinstance(item, SourceError):
        print(f"error: {item}", file=sys.stderr)
        return EXIT_FAILED
    doc = _document_or_error(item, args, rules)
    if doc is None:
        return EXIT_FAILED
    if args.jsonl == "-":
        sys.stdout.write(json.dumps(jsonl_record(item, doc), ensure_ascii=False) + "\n")
    else:
        sys.stdout.write(doc.cleaned + "\n")
    sys.stdout.flush()
    return EXIT_OK


def _one_document(args: argparse.Namespace) -> Record | str:
    """The single document ``explain`` was given, or why there is not exactly one."""
    items = iter_documents([args.input], _options(args))
    first = next(items, None)
    if first is None:
        return f"{args.input}: holds no document to explain"
    if isinstance(first, SourceError):
        return str(first)
    second = next(items, None)
    if second is not None:
        example = first.name if first.name != first.source else f"{args.input}#1"
        return (f"{args.input}: holds several documents; explain one at a time, "
                f"for example {example}")
    return first


def _explain(args: argparse.Namespace, rules: RuleSet | None) -> int:
    found = _one_document(args)
    if isinstance(found, str):
        print(f"error: {found}", file=sys.stderr)
        return EXIT_FAILED
    doc = _document_or_error(found, args, rules)
    if doc is None:
        return EXIT_FAILED
    warnings = _restore_beside(doc, found)
    for warning in warnings:
        print(f"warning: {warning}", file=sys.stderr)
    if args.json:
        rows = [dict(s.to_dict(), excerpt=doc.raw[s.start:s.end]) for s in doc.spans]
        json.dump({"name": found.name, "kind": doc.kind, "metadata": doc.metadata.to_dict(),
                   "stats": doc.stats(), "spans": rows,
                   "edits": [e.to_dict() for e in doc.edits]},
                  sys.stdout, ensure_ascii=False, indent=1)
        sys.stdout.write("\n")
        return EXIT_OK
    _print_table(found.name, doc)
    return EXIT_OK


def _restore_beside(doc: Document, item: Record) -> list[str]:
    """Apply decisions the GUI saved beside a single input file, as re-opening it would."""
    if item.source != item.name or not Path(item.source).is_file():
        return []
    sidecar = find_sidecar(Path(item.source))
    if sidecar is None:
        return []
    try:
        return [f"{sidecar}: {w}" for w in apply_decisions(doc, read_sidecar(sidecar))]
    except StoreError as exc:
        return [f"saved decisions were not applied: {exc}"]


def excerpt(text: str, width: int = 60) -> str:
    """One line: newlines shown as ⏎, tabs as spaces, cut with … past ``width``."""
    text = text.replace("\n", "⏎").replace("\t", " ")
    return text if len(text) <= width else text[: width - 1] + "…"


def _print_table(name: str, doc: Document) -> None:
    stats = doc.stats()
    meta = doc.metadata
    print(f"{name}: {doc.kind}, {meta.encoding or '?'}, language {meta.language or '?'}; "
          f"{stats['spans']} spans ({stats['removed_spans']} removed, {stats['to_review']} "
          f"to review), {stats['raw_chars'] - stats['clean_chars']:,} of "
          f"{stats['raw_chars']:,} characters removed")
    print(f"{'start':>7} {'end':>7}  {'category':<14} {'rule':<26} {'conf':>4}  "
          f"{'decision':<11} excerpt")
    for s in doc.spans:
        decision = f"{s.decision} (you)" if s.user_decision is not None else s.decision
        print(f"{s.start:>7} {s.end:>7}  {s.category.value:<14} {s.rule:<26} "
              f"{s.confidence:>4.2f}  {decision:<11} {excerpt(doc.raw[s.start:s.end])}")
        print(f"{'':>18}why: {s.reason}")
    for e in doc.edits:
        state = "repair" if e.enabled else "repair off"
        print(f"{e.start:>7} {e.end:>7}  {'edit':<14} {e.rule:<26} {'':>4}  {state:<11} "
              f"{excerpt(doc.raw[e.start:e.end], 28)} → {excerpt(e.replacement, 28)}")
        print(f"{'':>18}why: {e.reason}")


def _report(args: argparse.Namespace, rules: RuleSet | None) -> int:
    """Inspect every input (with the person's saved decisions) into one HTML report."""
    from .report import render
    from .store import atomic_write

    if args.out.exists() and not args.force:
        print(f"error: {args.out}: already exists (use --force to replace it)", file=sys.stderr)
        return EXIT_FAILED
    documents: list[tuple[str, Document]] = []
    failures = 0
    for item in iter_documents(args.inputs, _options(args)):
        if isinstance(item, SourceError):
            failures += 1
            print(f"error: {item}", file=sys.stderr)
            continue
        doc = _document_or_error(item, args, rules)
        if doc is None:
            failures += 1
            continue
        for warning in _restore_beside(doc, item):
            print(f"warning: {warning}", file=sys.stderr)
        documents.append((item.name, doc))
    try:
        atomic_write(args.out, render(documents))
    except OSError as exc:
        print(f"error: {args.out}: cannot write ({exc.strerror or exc})", file=sys.stderr)
        return EXIT_FAILED
    print(f"{args.out}: {len(documents)} document(s), {failures} failed")
    return EXIT_FAILED if failures else EXIT_OK
