"""Documents from many shapes of input: files, folders, gzip, JSONL, CSV, WARC.

Every input becomes a stream of :class:`Record` (one document each) or
:class:`SourceError` (one bad file, line or record, with the reason).  A bad
record never stops the stream, and nothing is held in memory beyond the
record being read, so a batch of ten thousand documents runs in flat memory.
"""

from __future__ import annotations

import csv
import gzip
import io
import json
import zlib
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from fnmatch import fnmatch
from pathlib import Path

from .text import DEFAULT_MAX_BYTES

TEXT_FIELDS = ("text", "content", "body", "article", "raw_text", "article_text", "maintext")
HTML_FIELDS = ("html", "raw_html", "page", "source", "content_html")
ID_FIELDS = ("id", "uuid", "doc_id", "key", "url")
URL_FIELDS = ("url", "link", "uri", "target_uri")
FILE_SUFFIXES = {".txt", ".text", ".html", ".htm", ".xhtml", ".jsonl", ".ndjson", ".csv",
                 ".warc", ".arc", ".gz"}


@dataclass
class Record:
    """One document to inspect."""

    id: str
    name: str  # what error messages and the GUI call it: path, path#line, URI
    data: bytes | str
    kind: str = "auto"
    metadata: dict[str, str] = field(default_factory=dict)
    #: The file the document came from (``name`` may add ``#line`` or ``#uri``).
    source: str = ""

    def __post_init__(self) -> None:
        self.source = self.source or self.name


@dataclass
class SourceError:
    """A file, line or record that could not be read; the batch goes on."""

    name: str
    message: str
    line: int | None = None

    def __str__(self) -> str:
        where = f"{self.name}:{self.line}" if self.line is not None else self.name
        return f"{where}: {self.message}"


@dataclass
class Options:
    max_bytes: int = DEFAULT_MAX_BYTES
    include: Sequence[str] = ()
    exclude: Sequence[str] = ()
    id_field: str | None = None
    text_field: str | None = None
    html_field: str | None = None
    url_field: str | None = None


Item = Record | SourceError


def iter_documents(inputs: Sequence[str | Path], options: Options | None = None) -> Iterator[Item]:
    """Every document of every input, in order; folders recursively and sorted."""
    options = options or Options()
    for item in inputs:
        text = str(item)
        path, _, fragment = text.partition("#") if "#" in text and not Path(text).exists() \
            else (text, "", "")
        source = Path(path)
        if source.is_dir():
            for child in sorted(p for p in source.rglob("*") if p.is_file()):
                rel = child.relative_to(source).as_posix()
                if _selected(child, rel, options):
                    yield from _read(child, options, None)
        else:
            yield from _read(source, options, int(fragment) if fragment.isdigit() else None)


def _selected(path: Path, rel: str, options: Options) -> bool:
    if options.include and not any(fnmatch(rel, g) or fnmatch(path.name, g)
                                   for g in options.include):
        return False
    if any(fnmatch(rel, g) or fnmatch(path.name, g) for g in options.exclude):
        return False
    return "".join(path.suffixes[-2:]).lower().endswith(tuple(FILE_SUFFIXES))


def _read(path: Path, options: Options, only: int | None) -> Iterator[Item]:
    name = str(path)
    suffixes = [s.lower() for s in path.suffixes]
    if not path.exists():
        yield SourceError(name, "does not exist")
        return
    if suffixes[-1:] == [".warc"] or suffixes[-2:] in ([".warc", ".gz"], [".arc", ".gz"]) \
            or suffixes[-1:] == [".arc"]:
        yield from _warc(path)
        return
    inner = suffixes[:-1] if suffixes[-1:] == [".gz"] else suffixes
    if inner[-1:] in ([".jsonl"], [".ndjson"], [".csv"]):
        # Streamed line by line: a batch file of any size is read in flat memory.
        try:
            with _open_stream(path, options.max_bytes) as stream:
                if inner[-1:] == [".csv"]:
                    yield from _csv(name, stream, options, only)
                else:
                    yield from _jsonl(name, stream, options, only)
        except _ReadError as exc:
            yield SourceError(name, str(exc))
        return
    try:
        data = _read_bytes(path, options.max_bytes)
    except _ReadError as exc:
        yield SourceError(name, str(exc))
        return
    yield Record(id=path.name.split(".")[0] or "document", name=name, data=data)


class _ReadError(Exception):
    pass


def _read_bytes(path: Path, max_bytes: int) -> bytes:
    """File contents, gunzipped with a size limit (a gzip bomb is refused)."""
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise _ReadError(f"is {size / 1e6:.0f} MB, over the limit of "
                             f"{max_bytes / 1e6:.0f} MB (raise it with --max-mb)")
        raw = path.read_bytes()
    except PermissionError as exc:
        raise _ReadError("cannot be read (permission denied)") from exc
    except IsADirectoryError as exc:
        raise _ReadError("is a folder, not a file") from exc
    except OSError as exc:
        raise _ReadError(f"cannot be read ({exc.strerror or exc})") from exc
    if not raw.startswith(b"\x1f\x8b"):
        return raw
    return gunzip(raw, max_bytes)


def gunzip(raw: bytes, max_bytes: int) -> bytes:
    out = io.BytesIO()
    try:
        with gzip.GzipFile(fileobj=io.BytesIO(raw)) as handle:
            while chunk := handle.read(1 << 20):
                out.write(chunk)
                if out.tell() > max_bytes:
                    raise _ReadError(f"decompresses to more than {max_bytes / 1e6:.0f} MB "
                                     "(a gzip bomb, or raise the limit with --max-mb)")
    except EOFError as exc:
        raise _ReadError("is a truncated gzip file (it ends before its data does)") from exc
    except (OSError, zlib.error) as exc:
        raise _ReadError(f"is not a valid gzip file ({exc})") from exc
    return out.getvalue()


class _Limited(io.RawIOBase):
    """A byte stream that refuses to yield more than ``limit`` bytes."""

    def __init__(self, inner: io.BufferedIOBase, limit: int,
                 handle: io.BufferedIOBase | None = None) -> None:
        self.inner, self.limit, self.count = inner, limit, 0
        self.handle = handle  # the file under a GzipFile, which does not close it

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: bytearray) -> int:  # type: ignore[override]
        try:
            data = self.inner.read(len(buffer))
        except EOFError as exc:
            raise _ReadError("is a truncated gzip file (it ends before its data does)") from exc
        except (OSError, zlib.error) as exc:
            raise _ReadError(f"cannot be read ({exc})") from exc
        self.count += len(data)
        if self.count > self.limit:
            raise _ReadError(f"has more than {self.limit / 1e6:.0f} MB of data "
                             "(a gzip bomb, or raise the limit with --max-mb)")
        buffer[: len(data)] = data
        return len(data)

    def close(self) -> None:
        self.inner.close()
        if self.handle is not None:
            self.handle.close()
        super().close()


def _open_stream(path: Path, max_bytes: int) -> io.BufferedReader:
    try:
        handle = path.open("rb")
    except PermissionError as exc:
        raise _ReadError("cannot be read (permission denied)") from exc
    except OSError as exc:
        raise _ReadError(f"cannot be read ({exc.strerror or exc})") from exc
    gzipped = handle.read(2) == b"\x1f\x8b"
    handle.seek(0)
    if gzipped:
        inner: io.BufferedIOBase = gzip.GzipFile(fileobj=handle)  # type: ignore[assignment]
        return io.BufferedReader(_Limited(inner, max_bytes, handle))
    return io.BufferedReader(_Limited(handle, max_bytes))


def _pick(row: dict, wanted: str | None, candidates: Sequence[str]) -> str | None:
    if wanted:
        return wanted if wanted in row else None
    lowered = {str(k).lower(): k for k in row}
    for name in candidates:
        if name in lowered:
            return str(lowered[name])
    return None


def _from_row(name: str, line: int, row: dict, options: Options) -> Item:
    text_key = _pick(row, options.text_field, TEXT_FIELDS)
    html_key = _pick(row, options.html_field, HTML_FIELDS)
    if text_key is None and html_key is None:
        fields = ", ".join(sorted(map(str, row))) or "none"
        return SourceError(name, f"no text or html field (fields: {fields}; "
                                 "choose one with --text-field or --html-field)", line)
    key = html_key if html_key and row.get(html_key) else text_key
    content = row.get(key) if key else None
    if not isinstance(content, str) or not content.strip():
        return SourceError(name, f"field '{key}' is empty or not text", line)
    id_key = _pick(row, options.id_field, ID_FIELDS)
    url_key = _pick(row, options.url_field, URL_FIELDS)
    record_id = str(row.get(id_key)) if id_key and row.get(id_key) else f"line{line}"
    metadata = {"url": str(row[url_key])} if url_key and row.get(url_key) else {}
    return Record(id=record_id, name=f"{name}#{line}", data=content,
                  kind="html" if key == html_key else "auto", metadata=metadata, source=name)


def _jsonl(name: str, stream: io.BufferedReader, options: Options,
           only: int | None) -> Iterator[Item]:
    for number, line in enumerate(stream, start=1):
        if only is not None and number != only:
            continue
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except (json.JSONDecodeError, UnicodeDecodeError) as exc:
            yield SourceError(name, f"not valid JSON ({exc.msg if hasattr(exc, 'msg') else exc})",
                              number)
            continue
        if not isinstance(row, dict):
            yield SourceError(name, "a JSON line must be an object with fields", number)
            continue
        yield _from_row(name, number, row, options)


def _csv(name: str, stream: io.BufferedReader, options: Options,
         only: int | None) -> Iterator[Item]:
    text = io.TextIOWrapper(stream, encoding="utf-8-sig", newline="")
    csv.field_size_limit(max(options.max_bytes, 1 << 20))
    reader = csv.DictReader(text)
    try:
        header = reader.fieldnames or []
    except (csv.Error, UnicodeDecodeError) as exc:
        yield SourceError(name, f"has no readable header row ({exc})")
        return
    if not header:
        yield SourceError(name, "has no header row")
        return
    try:
        for row in reader:
            number = reader.line_num
            if only is not None and number != only:
                continue
            if None in row or any(v is None for v in row.values()):
                yield SourceError(name, f"row has {len(row) + len(row.get(None) or []) - 1} "
                                        f"fields, the header has {len(header)}", number)
                continue
            yield _from_row(name, number, row, options)
    except csv.Error as exc:
        yield SourceError(name, f"is not valid CSV ({exc})", reader.line_num)
    except UnicodeDecodeError as exc:
        yield SourceError(name, f"is not UTF-8 ({exc.reason})", reader.line_num)


def _warc(path: Path) -> Iterator[Item]:
    from warcio.archiveiterator import ArchiveIterator

    name = str(path)
    count = 0
    try:
        with path.open("rb") as handle:
            for record in ArchiveIterator(handle, arc2warc=True):
                if record.rec_type != "response":
                    continue
                headers = record.http_headers
                ctype = headers.get_header("Content-Type", "") if headers else ""
                if "html" not in ctype.lower() and "text" not in ctype.lower():
                    continue
                count += 1
                uri = record.rec_headers.get_header("WARC-Target-URI") or f"record{count}"
                date = record.rec_headers.get_header("WARC-Date") or ""
                try:
                    body = record.content_stream().read()
                except Exception as exc:
                    yield SourceError(name, f"record {count} ({uri}) is broken: {exc}")
                    continue
                meta = {"url": uri, **({"date": date} if date else {})}
                yield Record(id=uri, name=f"{name}#{uri}", data=body, source=name,
                             kind="html" if "html" in ctype.lower() else "auto", metadata=meta)
    except Exception as exc:  # warcio raises assorted errors on broken data
        yield SourceError(name, f"broken WARC/ARC data after {count} records ({exc})")
