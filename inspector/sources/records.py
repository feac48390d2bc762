"""Documents from many shapes of input: files, folders, gzip, JSONL, CSV, WARC, stdin.

Every input becomes a stream of :class:`Record` (one document each) or
:class:`SourceError` (one bad file, line or record, with the reason).  A bad
record never stops the stream, and nothing is held in memory beyond the
record being read, so a batch of ten thousand documents runs in flat memory.

An input is a path, a folder (walked recursively in sorted order, hidden
files and folders skipped), ``-`` for standard input, or an address of one
record: ``export.jsonl#42`` (the record on line 42), ``export.csv#a1`` (the
record whose id is ``a1``), ``crawl.warc#3`` (the third document) or
``crawl.warc#https://…`` (the response for that URI).
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator, Sequence
from fnmatch import fnmatch
from pathlib import Path
from typing import BinaryIO

from ..errors import InputError
from .compressed import GZIP_MAGIC, check_file, gunzip, mb, open_stream, read_file
from .items import Item, Options, Record, SourceError
from .tables import iter_csv, iter_jsonl
from .warc import is_warc, iter_warc

__all__ = ["FILE_SUFFIXES", "Item", "Options", "Record", "SourceError", "iter_documents",
           "split_address"]

#: Files a folder walk picks up (also under .gz); a file named on the command line
#: is read whatever its name.
FILE_SUFFIXES = (".txt", ".text", ".html", ".htm", ".xhtml", ".jsonl", ".ndjson", ".csv",
                 ".tsv", ".warc", ".arc")
_JSONL = (".jsonl", ".ndjson")
_CSV = (".csv", ".tsv")
_WARC = (".warc", ".arc")
STDIN = "-"


def iter_documents(inputs: Sequence[str | Path], options: Options | None = None, *,
                   stdin: BinaryIO | None = None) -> Iterator[Item]:
    """Every document of every input, in order; folders recursively and sorted."""
    options = options or Options()
    skip = {_resolved(p) for p in options.skip}
    for item in inputs:
        if str(item) == STDIN:
            yield _stdin(stdin or sys.stdin.buffer, options)
            continue
        path, fragment = split_address(str(item))
        source = Path(path)
        if fragment is None and source.is_dir():
            yield from _walk(source, source, options, skip)
        else:
            yield from read_path(source, options, fragment)


def split_address(text: str) -> tuple[str, str | None]:
    """``("export.jsonl", "42")`` for ``export.jsonl#42``; a real file's name wins."""
    if "#" not in text or Path(text).exists():
        return text, None
    pos = text.find("#")
    while pos >= 0:
        if Path(text[:pos]).is_file():
            return text[:pos], text[pos + 1:]
        pos = text.find("#", pos + 1)
    return text, None


def _resolved(path: Path) -> Path:
    try:
        return Path(path).resolve()
    except OSError:
        return Path(path).absolute()


def _stdin(stream: BinaryIO, options: Options) -> Item:
    try:
        data = stream.read(options.max_bytes + 1)
    except OSError as exc:
        return SourceError("<stdin>", f"cannot be read ({exc.strerror or exc})")
    if len(data) > options.max_bytes:
        return SourceError("<stdin>", f"is over the limit of {mb(options.max_bytes)} "
                                      "(raise it with --max-mb)")
    if data.startswith(GZIP_MAGIC):
        try:
            data = gunzip(data, options.max_bytes, "<stdin>")
        except InputError as exc:
            return SourceError("<stdin>", exc.message)
    return Record(id="stdin", name="<stdin>", data=data)


def _walk(root: Path, folder: Path, options: Options, skip: set[Path]) -> Iterator[Item]:
    try:
        with os.scandir(folder) as listing:
            entries = sorted(listing, key=lambda e: e.name)
    except OSError as exc:
        reason = "permission denied" if isinstance(exc, PermissionError) else \
            exc.strerror or str(exc)
        yield SourceError(str(folder), f"folder cannot be read ({reason})")
        return
    names = {e.name for e in entries}
    for entry in entries:
        if entry.name.startswith("."):
            continue  # hidden files, version control, our own temporary files
        path = Path(entry.path)
        try:
            is_dir = entry.is_dir(follow_symlinks=False)
        except OSError:
            is_dir = False
        if is_dir:
            if _resolved(path) not in skip:
                yield from _walk(root, path, options, skip)
            continue
        rel = path.relative_to(root).as_posix()
        if _selected(entry.name, rel, names, options):
            yield from read_path(path, options, None, record_id=_strip_suffixes(rel))


def _selected(name: str, rel: str, siblings: set[str], options: Options) -> bool:
    if options.include and not any(fnmatch(rel, g) or fnmatch(name, g)
                                   for g in options.include):
        return False
    if any(fnmatch(rel, g) or fnmatch(name, g) for g in options.exclude):
        return False
    lowered = name.lower()
    if lowered.endswith(".cleaned.txt") and \
            f"{name[:-len('.cleaned.txt')]}.inspect.json" in siblings:
        return False  # the GUI's saved output beside its input, not an input
    return lowered.removesuffix(".gz").endswith(FILE_SUFFIXES)


def _strip_suffixes(name: str) -> str:
    """``a/b.html.gz`` → ``a/b``: a file's id, stable from run to run."""
    stem = name[:-3] if name.lower().endswith(".gz") else name
    head, sep, last = stem.rpartition("/")
    if "." in last.lstrip("."):
        last = last[: last.rindex(".")]
    return f"{head}{sep}{last}" or "document"


def _format(path: Path) -> str:
    """``warc``, ``jsonl``, ``csv``, ``tsv`` or ``document``, from the name (or the content)."""
    lowered = path.name.lower().removesuffix(".gz")
    for suffixes, kind in ((_WARC, "warc"), (_JSONL, "jsonl"), ((".csv",), "csv"),
                           ((".tsv",), "tsv")):
        if lowered.endswith(suffixes):
            return kind
    try:
        with path.open("rb") as handle:
            head = handle.read(16)
    except OSError:
        return "document"  # reading it again will say what is wrong
    return "warc" if is_warc(head) else "document"


def read_path(path: Path, options: Options, fragment: str | None,
              record_id: str | None = None) -> Iterator[Item]:
    """The documents of one file (one, or one per record for JSONL, CSV and WARC)."""
    name = str(path)
    try:
        check_file(path)
    except InputError as exc:
        yield SourceError(name, exc.message)
        return
    kind = _format(path)
    if kind == "warc":
        yield from iter_warc(path, options, fragment)
        return
    if kind in ("jsonl", "csv", "tsv"):
        try:
            with open_stream(path, options.max_bytes) as stream:
                if kind == "jsonl":
                    yield from iter_jsonl(name, stream, options, fragment)
                else:
                    yield from iter_csv(name, stream, options, fragment,
                                        "\t" if kind == "tsv" else ",")
        except InputError as exc:
            yield SourceError(name, exc.message)
        return
    if fragment is not None:
        yield SourceError(name, f"'#{fragment}' addresses a record, but this is a single "
                                "document (only JSONL, CSV and WARC files hold records)")
        return
    try:
        data = read_file(path, options.max_bytes)
    except InputError as exc:
        yield SourceError(name, exc.message)
        return
    yield Record(id=record_id or _strip_suffixes(path.name), name=name, data=data)
