"""WARC and ARC crawls (via warcio): one document per HTML or text response.

Each document keeps the record's target URI and date as metadata.  A broken
record is reported and skipped: reading resumes at the next record header
(or gzip member), so one bad record does not hide the rest of a crawl.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import re
from collections.abc import Generator, Iterator
from pathlib import Path
from typing import Any

from ..errors import InputError
from .compressed import GZIP_MAGIC, check_file, mb
from .items import Item, Options, Record, SourceError

#: A file with more broken records than this is given up.
MAX_BROKEN = 100
_WARC_HEADERS = (b"WARC/1.0\r\n", b"WARC/1.1\r\n", b"WARC/0.18\r\n", b"WARC/0.17\r\n")
_CHARSET = re.compile(r"charset\s*=\s*[\"']?([A-Za-z0-9_.:-]+)", re.IGNORECASE)


def is_warc(head: bytes) -> bool:
    return head.startswith((b"WARC/", b"filedesc://"))


def iter_warc(path: Path, options: Options, only: str | None) -> Iterator[Item]:
    name = str(path)
    try:
        check_file(path)
        handle = path.open("rb")
    except InputError as exc:
        yield SourceError(name, exc.message)
        return
    except OSError as exc:
        yield SourceError(name, f"cannot be read ({exc.strerror or exc})")
        return
    with handle:
        gzipped = handle.read(2) == GZIP_MAGIC
        head = _head(handle, gzipped)
        if not is_warc(head):
            shown = head[:24].decode("latin-1").encode("unicode_escape").decode("ascii")
            yield SourceError(name, "is not a WARC or ARC file (it should start with "
                                    f"'WARC/' or 'filedesc://', not '{shown}')")
            return
        markers = (GZIP_MAGIC + b"\x08",) if gzipped else _WARC_HEADERS
        state = _State()
        start: int | None = 0
        while start is not None:
            start = yield from _read_from(handle, start, name, options, only, state, markers)
            if only is not None and state.found:
                return
            if state.broken >= MAX_BROKEN:
                yield SourceError(name, f"gave up after {state.broken} broken records")
                return
    if only is not None and not state.found:
        what = f"record {only}" if only.isdigit() else f"record for {only}"
        yield SourceError(name, f"has no HTML or text {what}")


def _head(handle: io.BufferedReader, gzipped: bool) -> bytes:
    handle.seek(0)
    try:
        if gzipped:
            import gzip

            with gzip.GzipFile(fileobj=handle) as member:
                return member.read(16)
        return handle.read(16)
    except (OSError, EOFError):
        return b""
    finally:
        handle.seek(0)


class _State:
    def __init__(self) -> None:
        self.count = 0  # documents seen (HTML or text responses)
        self.broken = 0
        self.found = False
        self.last_bad = -1  # where the last broken record was reported


def _read_from(handle: io.BufferedReader, start: int, name: str, options: Options,
               only: str | None, state: _State,
               markers: tuple[bytes, ...]) -> Generator[Item, None, int | None]:
    """Records from ``start`` on; returns where to resume after a broken record, or None."""
    from warcio.archiveiterator import ArchiveIterator

    handle.seek(start)
    iterator = ArchiveIterator(handle, arc2warc=True)
    last_start: int | None = None
    try:
        while True:
            record, complaint = _next_record(iterator)
            if complaint:
                state.broken += 1
                yield SourceError(name, f"damaged record before byte {iterator.offset} "
                                        f"({complaint})")
            if record is None:
                return None
            last_start = iterator.offset  # (get_record_offset() would consume the record)
            item = _document(record, name, options, state)
            if item is None:
                continue
            if only is None or (only.isdigit() and state.count == int(only)) or (
                    isinstance(item, Record) and item.id == only):
                state.found = True
                yield item
                if only is not None:
                    return None
    except Exception as exc:  # warcio raises assorted errors on broken data
        bad_at = max(start, iterator.offset)
        if bad_at != state.last_bad:  # resuming can meet the same broken header again
            state.broken += 1
            state.last_bad = bad_at
            yield SourceError(name, f"broken record near byte {bad_at} ({_short(exc)}); "
                                    "skipped")
        resume = (last_start if last_start is not None else start) + 1
        return _next_marker(handle, resume, markers)
    finally:
        iterator.close()


def _next_record(iterator: Any) -> tuple[Any, str]:
    """The next record and what warcio complained about on the way.

    warcio reports a record whose Content-Length does not fit only by writing
    to stderr; the complaint is captured (for the moment of the call only)
    and reported as an error naming the file, like any broken record.
    """
    captured = io.StringIO()
    with contextlib.redirect_stderr(captured):
        record = next(iterator, None)
    lines = [line.strip() for line in captured.getvalue().splitlines() if line.strip()]
    return record, (lines[0].removeprefix("WARNING: ") if lines else "")


def _document(record: Any, name: str, options: Options, state: _State) -> Item | None:
    """A Record for an HTML/text response, an error for a bad one, None for the rest."""
    if record.rec_type not in ("response", "resource"):
        return None
    headers = record.http_headers if record.rec_type == "response" else None
    if record.rec_type == "response":
        if headers is None:
            return None
        status = headers.get_statuscode() or ""
        if not status.startswith("2"):
            return None  # redirects and error pages are not articles
        ctype = headers.get_header("Content-Type", "") or ""
    else:
        ctype = record.rec_headers.get_header("Content-Type", "") or ""
    lowered = ctype.lower()
    if "html" not in lowered and "text/plain" not in lowered:
        return None
    state.count += 1
    uri = record.rec_headers.get_header("WARC-Target-URI") or f"record{state.count}"
    date = record.rec_headers.get_header("WARC-Date") or ""
    try:
        body = record.content_stream().read(options.max_bytes + 1)
    except Exception as exc:  # a broken content or transfer encoding
        return SourceError(name, f"record {state.count} ({uri}) cannot be read: {_short(exc)}")
    if len(body) > options.max_bytes:
        return SourceError(name, f"record {state.count} ({uri}) is over the limit of "
                                 f"{mb(options.max_bytes)} (raise it with --max-mb)")
    metadata = {"url": uri, **({"date": date} if date else {})}
    data: bytes | str = body
    charset = _CHARSET.search(ctype)
    if charset and body:
        data = _decode_declared(body, charset.group(1), metadata)
    return Record(id=uri, name=f"{name}#{uri}", data=data, source=name,
                  kind="html" if "html" in lowered else "auto", metadata=metadata)


def _decode_declared(body: bytes, charset: str, metadata: dict[str, str]) -> bytes | str:
    """Use the HTTP header's charset when the bytes are not UTF-8 and it decodes them."""
    try:
        body.decode("utf-8")
        return body
    except UnicodeDecodeError:
        pass
    encoding = {"iso-8859-1": "cp1252", "latin1": "cp1252", "us-ascii": "cp1252"}.get(
        charset.lower(), charset)
    try:
        text = body.decode(encoding)
    except (UnicodeDecodeError, LookupError):
        return body
    metadata["encoding"] = f"{encoding} (HTTP header)"
    metadata["sha256"] = hashlib.sha256(body).hexdigest()
    return text


def _next_marker(handle: io.BufferedReader, pos: int, markers: tuple[bytes, ...]) -> int | None:
    """The offset of the next record header (or gzip member) at or after ``pos``."""
    handle.seek(pos)
    keep = max(len(m) for m in markers) - 1
    carry = b""
    base = pos
    while chunk := handle.read(1 << 20):
        window = carry + chunk
        hits = [i for i in (window.find(m) for m in markers) if i >= 0]
        if hits:
            return base + min(hits)
        carry = window[-keep:]
        base += len(window) - len(carry)
    return None


def _short(exc: BaseException) -> str:
    text = " ".join(str(exc).split()) or type(exc).__name__
    return text if len(text) <= 160 else text[:159] + "…"
