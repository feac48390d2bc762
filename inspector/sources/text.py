"""Load a scrape from a path, bytes or a str, decoding it carefully."""

from __future__ import annotations

import hashlib
import os
import re
from dataclasses import dataclass
from pathlib import Path

from ..errors import InputError
from .compressed import GZIP_MAGIC, gunzip, read_file, too_big

#: Inputs larger than this are refused with a clear message (configurable).
DEFAULT_MAX_BYTES = 200 * 1024 * 1024

_BOMS = (
    (b"\xef\xbb\xbf", "utf-8"),
    (b"\xff\xfe\x00\x00", "utf-32-le"),
    (b"\x00\x00\xfe\xff", "utf-32-be"),
    (b"\xff\xfe", "utf-16-le"),
    (b"\xfe\xff", "utf-16-be"),
)
_BINARY_MAGIC = {
    b"%PDF": "a PDF document",
    b"\x89PNG": "a PNG image",
    b"\xff\xd8\xff": "a JPEG image",
    b"GIF8": "a GIF image",
    b"PK\x03\x04": "a ZIP archive (or an Office document)",
    b"\x1f\x8b": "gzip-compressed data",
    b"RIFF": "a RIFF media file",
    b"\x7fELF": "an executable program",
}
_HTML_SNIFF = re.compile(
    rb"^\s*(?:<!--.*?-->\s*)*(?:<!doctype\s+html|<html|<head|<body|<meta|<title|<div|<p[\s>])",
    re.IGNORECASE | re.DOTALL,
)
_HTML_SNIFF_STR = re.compile(_HTML_SNIFF.pattern.decode(), re.IGNORECASE | re.DOTALL)


@dataclass
class Loaded:
    text: str
    kind: str
    name: str
    path: str | None
    sha256: str
    encoding: str
    data: bytes | None = None
    #: The text's UTF-8 form when loading made it anyway (a ``str`` source is
    #: encoded for its hash).
    encoded: bytes | None = None

    @property
    def utf8(self) -> bytes | None:
        """The text's UTF-8 bytes when they are at hand (nearly always), else None.

        Several detectors read the UTF-8 form (byte tables are fast); bytes
        decoded as UTF-8, without a byte-order mark and with no carriage
        return to normalise, are that form already.
        """
        if self.encoded is not None:
            return self.encoded
        data = self.data
        if (data is None or self.encoding != "utf-8" or data.startswith(b"\xef\xbb\xbf")
                or b"\r" in data):
            return None
        return data


def looks_like_html(head: bytes | str) -> bool:
    if isinstance(head, bytes):
        return bool(_HTML_SNIFF.match(head[:4096]))
    return bool(_HTML_SNIFF_STR.match(head[:4096]))


def normalise_newlines(text: str) -> str:
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text


def _binary_kind(data: bytes) -> str | None:
    for magic, what in _BINARY_MAGIC.items():
        if data.startswith(magic):
            return what
    sample = data[:8192]
    if b"\x00" in sample and not sample.startswith((b"\xff\xfe", b"\xfe\xff", b"\x00\x00\xfe\xff")):
        # UTF-16 without a BOM has NULs too; let the decoder judge those below.
        if sample.count(b"\x00") > len(sample) // 4 and _utf16_guess(sample):
            return None
        return "binary data (it contains NUL bytes)"
    return None


def _utf16_guess(sample: bytes) -> str | None:
    even = sample[0::2].count(0)
    odd = sample[1::2].count(0)
    half = len(sample) // 2 or 1
    if odd > 0.3 * half and even < 0.05 * half:
        return "utf-16-le"
    if even > 0.3 * half and odd < 0.05 * half:
        return "utf-16-be"
    return None


def decode_bytes(data: bytes, name: str = "<bytes>") -> tuple[str, str]:
    """Decode bytes to text and say which encoding was used.

    BOM first, then strict UTF-8 (by far the most common), then a declared
    HTML charset, then charset-normalizer's detection.
    """
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data[len(bom):].decode(encoding), encoding
            except UnicodeDecodeError as exc:
                raise InputError(name, f"starts with a {encoding} byte-order mark but is not "
                                       f"valid {encoding} at byte {exc.start}") from exc
    what = _binary_kind(data)
    if what:
        raise InputError(name, f"looks like {what}, not text or HTML")
    guess = _utf16_guess(data[:8192]) if b"\x00" in data[:8192] else None
    if guess:
        try:
            return data.decode(guess), guess
        except UnicodeDecodeError:
            pass
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    declared = _declared_charset(data)
    if declared:
        try:
            return data.decode(declared), declared
        except (UnicodeDecodeError, LookupError):
            pass
    from charset_normalizer import from_bytes

    best = from_bytes(data[:1_000_000]).best()
    if best is None or best.encoding is None:
        raise InputError(name, "cannot tell the character encoding (the bytes are not text "
                               "in any encoding tried)")
    try:
        return data.decode(best.encoding), best.encoding
    except UnicodeDecodeError as exc:
        raise InputError(name, f"undecodable bytes at offset {exc.start} "
                               f"(tried {best.encoding})") from exc


_CHARSET = re.compile(
    rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)"""
    rb"""|<\?xml[^>]+encoding\s*=\s*["']([A-Za-z0-9_.:-]+)""",
    re.IGNORECASE,
)


def _declared_charset(data: bytes) -> str | None:
    match = _CHARSET.search(data[:16384])
    if not match:
        return None
    name = (match.group(1) or match.group(2)).decode("ascii", "replace").lower()
    return {"iso-8859-1": "cp1252", "latin1": "cp1252", "ascii": "cp1252"}.get(name, name)


#: Control characters that plain text does not hold (tab, newline, form feed… excepted).
_CONTROLS = bytes([*range(0x00, 0x09), *range(0x0E, 0x20)])


#: The first characters looked at for control characters.
_SAMPLE = 20000


def _check_text(text: str, name: str, encoded: bytes | None = None) -> None:
    """Refuse a text that is blank or has many control characters in its
    first :data:`_SAMPLE` characters.

    ``encoded`` is the text's UTF-8 form if the caller has it.  Deleting the
    control bytes from a UTF-8 form and comparing lengths counts them at
    memory speed (they are ASCII, so each is one byte).  A character takes
    at most four bytes, so the sample's bytes lie in the first
    ``4 * _SAMPLE`` bytes of ``encoded``: if those hold few enough control
    characters, so does the sample, and the sample need not be encoded
    again (nearly always).
    """
    if not text or text.isspace():
        raise InputError(name, "is empty (no visible text)")
    allowed = max(8, min(len(text), _SAMPLE) // 50)
    if encoded is not None:
        window = encoded if len(encoded) <= 4 * _SAMPLE else encoded[:4 * _SAMPLE]
        if len(window) - len(window.translate(None, _CONTROLS)) <= allowed:
            return
    sample = text[:_SAMPLE].encode("utf-8", "surrogatepass")
    controls = len(sample) - len(sample.translate(None, _CONTROLS))
    if controls > allowed:
        raise InputError(name, "looks like binary data (many control characters), not text")


def load(
    source: str | bytes | os.PathLike[str],
    kind: str = "auto",
    max_bytes: int = DEFAULT_MAX_BYTES,
    name: str | None = None,
) -> Loaded:
    """Read ``source`` (a path, bytes, or the text itself) into a :class:`Loaded`.

    A ``str`` is taken as a path when it names an existing file and has no
    newline; otherwise it is the text.  Pass ``Path`` objects to be explicit.
    Gzip data (a ``.gz`` file or bytes) is decompressed, never past
    ``max_bytes``; ``sha256`` is the hash of the document's bytes, after
    decompression, so a record and the same text in a file hash alike.
    """
    path: Path | None = None
    data: bytes | None = None
    encoded: bytes | None = None
    if isinstance(source, os.PathLike) or (
        isinstance(source, str) and "\n" not in source and len(source) < 4096
        and _is_file(source)
    ):
        path = Path(source)
        name = name or str(path)
        data = read_file(path, max_bytes)  # gunzipped when it is gzip data
    elif isinstance(source, (bytes, bytearray, memoryview)):
        data = bytes(source)
        name = name or "<bytes>"
        if len(data) > max_bytes:
            raise InputError(name, too_big(len(data), max_bytes))
        if data.startswith(GZIP_MAGIC):
            data = gunzip(data, max_bytes, name)
    elif isinstance(source, str):
        name = name or "<text>"
        text = source
    else:
        raise TypeError(f"cannot inspect a {type(source).__name__}")
    if data is not None:
        if not data:
            raise InputError(name, "is empty (0 bytes)")
        text, encoding = decode_bytes(data, name)
        digest = hashlib.sha256(data).hexdigest()
    # Looked for once: the text is read to its end when it holds none (nearly always).
    carriage_returns = "\r" in text
    if data is None:
        encoding = "str"
        as_utf8 = text.encode("utf-8", "surrogatepass")
        digest = hashlib.sha256(as_utf8).hexdigest()
        if not carriage_returns:  # newlines are not normalised: the text's own UTF-8
            encoded = as_utf8
    utf8 = encoded
    if (data is not None and encoding == "utf-8" and not data.startswith(b"\xef\xbb\xbf")
            and not carriage_returns):
        utf8 = data  # decoded as it is: the text's own UTF-8
    if carriage_returns:
        text = normalise_newlines(text)
    _check_text(text, name, utf8)
    if kind == "auto":
        kind = "html" if looks_like_html(text) else "text"
    elif kind not in ("text", "html"):
        raise ValueError(f"kind must be 'auto', 'text' or 'html', not {kind!r}")
    return Loaded(text=text, kind=kind, name=name, path=str(path) if path else None,
                  sha256=digest, encoding=encoding, data=data, encoded=encoded)


def _is_file(candidate: str) -> bool:
    try:
        return Path(candidate).is_file()
    except (OSError, ValueError):
        return False
