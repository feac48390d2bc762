"""Reading files with a size limit, gunzipping them safely (bombs and truncation refused)."""

from __future__ import annotations

import gzip
import io
import os
import stat
import zlib
from pathlib import Path
from typing import IO, TYPE_CHECKING

from ..errors import InputError

if TYPE_CHECKING:
    from _typeshed import WriteableBuffer

GZIP_MAGIC = b"\x1f\x8b"
_CHUNK = 1 << 20


def mb(n: int) -> str:
    return f"{n / 1e6:.0f} MB" if n >= 1e6 else f"{n / 1e6:.2f} MB"


def too_big(size: int, max_bytes: int) -> str:
    return (f"is {mb(size)}, over the limit of {mb(max_bytes)} "
            "(raise it with --max-mb)")


def _why(exc: OSError) -> str:
    if isinstance(exc, FileNotFoundError):
        return "does not exist"
    if isinstance(exc, PermissionError):
        return "cannot be read (permission denied)"
    if isinstance(exc, IsADirectoryError):
        return "is a folder, not a file"
    return f"cannot be read ({exc.strerror or exc})"


def check_file(path: Path) -> os.stat_result:
    """The file's ``stat``; an :class:`InputError` unless it is a readable regular file."""
    name = str(path)
    try:
        info = path.stat()
    except OSError as exc:
        raise InputError(name, _why(exc)) from exc
    if stat.S_ISDIR(info.st_mode):
        raise InputError(name, "is a folder, not a file")
    if not stat.S_ISREG(info.st_mode):
        raise InputError(name, "is not a regular file (a device, pipe or socket)")
    return info


def read_file(path: Path, max_bytes: int) -> bytes:
    """A file's bytes, gunzipped when it is gzip data; never more than ``max_bytes``."""
    name = str(path)
    info = check_file(path)
    if info.st_size > max_bytes:
        raise InputError(name, too_big(info.st_size, max_bytes))
    try:
        with path.open("rb") as handle:
            data = handle.read(max_bytes + 1)
    except OSError as exc:
        raise InputError(name, _why(exc)) from exc
    if len(data) > max_bytes:  # the file grew while we looked
        raise InputError(name, too_big(len(data), max_bytes))
    return gunzip(data, max_bytes, name) if data.startswith(GZIP_MAGIC) else data


def gunzip(data: bytes, max_bytes: int, name: str) -> bytes:
    """Decompress gzip ``data`` chunk by chunk, stopping as soon as it passes ``max_bytes``."""
    out = io.BytesIO()
    try:
        with gzip.GzipFile(fileobj=io.BytesIO(data)) as handle:
            while chunk := handle.read(_CHUNK):
                out.write(chunk)
                if out.tell() > max_bytes:
                    raise InputError(name, bomb(max_bytes))
    except EOFError as exc:
        raise InputError(name, TRUNCATED) from exc
    except (OSError, zlib.error) as exc:
        raise InputError(name, f"is not a valid gzip file ({exc})") from exc
    return out.getvalue()


TRUNCATED = "is a truncated gzip file (it ends before its data does)"


def bomb(max_bytes: int) -> str:
    return (f"decompresses to more than {mb(max_bytes)} (a gzip bomb? raise the limit "
            "with --max-mb if it is real)")


class LimitedReader(io.RawIOBase):
    """A byte stream that refuses to yield more than ``limit`` bytes (``None``: no limit)."""

    def __init__(self, inner: IO[bytes] | gzip.GzipFile, limit: int | None, name: str,
                 handle: IO[bytes] | None = None) -> None:
        self.inner, self.limit, self.name, self.count = inner, limit, name, 0
        self.handle = handle  # the file under a GzipFile, which does not close it

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: WriteableBuffer, /) -> int:
        view = memoryview(buffer)
        try:
            data = self.inner.read(len(view))
        except EOFError as exc:
            raise InputError(self.name, TRUNCATED) from exc
        except (OSError, zlib.error) as exc:
            raise InputError(self.name, f"cannot be read ({exc})") from exc
        self.count += len(data)
        if self.limit is not None and self.count > self.limit:
            raise InputError(self.name, bomb(self.limit))
        view[: len(data)] = data
        return len(data)

    def close(self) -> None:
        self.inner.close()
        if self.handle is not None:
            self.handle.close()
        super().close()


def open_stream(path: Path, max_bytes: int) -> io.BufferedReader:
    """A file as a byte stream, gunzipped on the fly.

    Plain files are streamed whole (each record is limited by its reader);
    gzip data is limited to ``max_bytes`` once decompressed, so a bomb stops early.
    """
    name = str(path)
    check_file(path)
    try:
        handle = path.open("rb")
    except OSError as exc:
        raise InputError(name, _why(exc)) from exc
    gzipped = handle.read(2) == GZIP_MAGIC
    handle.seek(0)
    if gzipped:
        inner = gzip.GzipFile(fileobj=handle)
        return io.BufferedReader(LimitedReader(inner, max_bytes, name, handle), 1 << 16)
    return io.BufferedReader(LimitedReader(handle, None, name), 1 << 16)
