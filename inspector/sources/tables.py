"""JSONL and CSV exports: one document per record, read line by line in flat memory.

Fields are found by name (``text``, ``content``, ``html``, ``url``…, see the
tuples below) or chosen with ``--text-field`` and friends.  A malformed line
or a ragged row becomes a :class:`SourceError` naming ``file:line``; the
next record is read as usual.
"""

from __future__ import annotations

import codecs
import csv
import io
import json
from collections.abc import Iterator, Mapping, Sequence
from typing import Any

from ..errors import InputError
from .compressed import mb
from .items import Item, Options, Record, SourceError

# Exporters name fields in the journalist's language too (fr, de, es, it, pt, nl).
TEXT_FIELDS = ("text", "content", "body", "article", "raw_text", "article_text", "maintext",
               "plain_text", "texte", "contenu", "corps", "inhalt", "texto", "contenido",
               "cuerpo", "testo", "contenuto", "conteúdo", "tekst", "inhoud")
HTML_FIELDS = ("html", "raw_html", "page", "source", "content_html", "html_content")
ID_FIELDS = ("id", "uuid", "doc_id", "docid", "key", "url")
URL_FIELDS = ("url", "link", "uri", "target_uri", "source_url", "lien", "enlace",
              "collegamento", "ligação")
DATE_FIELDS = ("date", "published", "published_at", "date_published", "pub_date",
               "publish_date", "timestamp", "crawled_at", "fetched_at")
TITLE_FIELDS = ("title", "headline", "titre", "titel", "titulo", "título", "titolo")
#: After this many malformed rows in a row, a file is given up (it is not CSV at all).
MAX_CSV_ERRORS = 100


def _pick(keys: Sequence[Any], wanted: str | None, candidates: Sequence[str]) -> str | None:
    if wanted:
        return wanted if wanted in keys else None
    lowered = {str(k).lower(): str(k) for k in keys}
    for name in candidates:
        if name in lowered:
            return lowered[name]
    return None


class Fields:
    """Which field holds what, chosen once per file (CSV) or per record (JSONL)."""

    def __init__(self, keys: Sequence[Any], options: Options) -> None:
        chosen = options.text_field or options.html_field  # the person's choice: no guessing
        self.text = _pick(keys, options.text_field, () if chosen else TEXT_FIELDS)
        self.html = _pick(keys, options.html_field, () if chosen else HTML_FIELDS)
        self.id = _pick(keys, options.id_field, ID_FIELDS)
        self.url = _pick(keys, options.url_field, URL_FIELDS)
        self.date = _pick(keys, None, DATE_FIELDS)
        self.title = _pick(keys, None, TITLE_FIELDS)

    def missing(self, keys: Sequence[Any], options: Options) -> str | None:
        """Why no document can come from records with these fields, or None."""
        shown = ", ".join(sorted(map(str, keys))) or "none"
        for flag, wanted in (("--text-field", options.text_field),
                             ("--html-field", options.html_field),
                             ("--id-field", options.id_field),
                             ("--url-field", options.url_field)):
            if wanted and wanted not in keys:
                return f"has no field '{wanted}' (asked for with {flag}; fields: {shown})"
        if self.text is None and self.html is None:
            return (f"no text or html field (fields: {shown}; choose one with --text-field "
                    "or --html-field)")
        return None


def record_from(name: str, line: int, row: Mapping[str, Any], fields: Fields,
                max_bytes: int) -> Item:
    key = fields.html if fields.html and row.get(fields.html) else fields.text
    content = row.get(key) if key else None
    if not isinstance(content, str) or not content.strip():
        what = "empty" if content in (None, "") or isinstance(content, str) \
            else f"not text but {type(content).__name__}"
        return SourceError(name, f"field '{key}' is {what}", line)
    if len(content) > max_bytes:  # characters, a lower bound on the bytes
        return SourceError(name, f"field '{key}' is over the limit of {mb(max_bytes)} "
                                 "(raise it with --max-mb)", line)
    raw_id = row.get(fields.id) if fields.id else None
    record_id = str(raw_id) if raw_id not in (None, "") else f"line{line}"
    metadata = {}
    for meta_key, field_name in (("url", fields.url), ("date", fields.date),
                                 ("title", fields.title)):
        value = row.get(field_name) if field_name else None
        if value not in (None, "") and isinstance(value, (str, int, float)):
            metadata[meta_key] = str(value)
    return Record(id=record_id, name=f"{name}#{line}", data=content,
                  kind="html" if key == fields.html else "auto", metadata=metadata,
                  source=name, line=line)


def _wanted(only: str | None, line: int, record: Item) -> bool:
    if only is None:
        return True
    if only.isdigit():
        return line == int(only)
    return isinstance(record, Record) and record.id == only


def not_found(name: str, only: str) -> SourceError:
    if only.isdigit():
        return SourceError(name, f"has no record at line {only}")
    return SourceError(name, f"has no record with id {only!r}")


def _lines(stream: io.BufferedReader, limit: int) -> Iterator[tuple[int, bytes | None]]:
    """(line number, bytes) per line; ``None`` for a line over ``limit`` (skipped unread)."""
    number = 0
    while line := stream.readline(limit + 1):
        number += 1
        if len(line) > limit and not line.endswith(b"\n"):
            while (more := stream.readline(1 << 20)) and not more.endswith(b"\n"):
                pass
            yield number, None
        else:
            yield number, line


def iter_jsonl(name: str, stream: io.BufferedReader, options: Options,
               only: str | None) -> Iterator[Item]:
    found = False
    for number, line in _lines(stream, options.max_bytes):
        if only is not None and only.isdigit() and number != int(only):
            continue
        if line is None:
            item: Item = SourceError(name, f"line is over the limit of {mb(options.max_bytes)} "
                                           "(raise it with --max-mb)", number)
        elif not line.strip():
            continue
        else:
            item = _jsonl_item(name, number, line, options)
            if isinstance(item, Record):
                item.metadata["encoding"] = "utf-8 (JSON)"
        if _wanted(only, number, item):
            found = True
            yield item
            if only is not None and only.isdigit():
                return
    if only is not None and not found:
        yield not_found(name, only)


def _jsonl_item(name: str, number: int, line: bytes, options: Options) -> Item:
    try:
        row = json.loads(line)
    except json.JSONDecodeError as exc:
        return SourceError(name, f"not valid JSON: {exc.msg} (column {exc.colno})", number)
    except (UnicodeDecodeError, RecursionError) as exc:
        return SourceError(name, f"not valid JSON ({type(exc).__name__}: {exc})", number)
    if not isinstance(row, dict):
        return SourceError(name, f"a JSON line must be an object with fields, not a "
                                 f"{type(row).__name__}", number)
    fields = Fields(list(row), options)
    why = fields.missing(list(row), options)
    if why:
        return SourceError(name, why, number)
    return record_from(name, number, row, fields, options.max_bytes)


def _encoding(sample: bytes) -> str:
    """The encoding of a CSV file from its beginning: BOM, UTF-8, then detection."""
    if sample.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    if sample.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    try:
        codecs.getincrementaldecoder("utf-8")().decode(sample, final=False)
        return "utf-8"
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    best = from_bytes(sample).best()
    return best.encoding if best is not None and best.encoding else "cp1252"


def _delimiter(first_line: str, default: str) -> str:
    """The most frequent of , ; TAB | in the header line (Excel in Europe writes ';')."""
    counts = {d: first_line.count(d) for d in (",", ";", "\t", "|")}
    best = max(counts, key=lambda d: counts[d])
    return best if counts[best] else default


class _DecodedLines:
    """A CSV file's lines as text, one by one, remembering those that would not decode.

    A line that is not in the file's encoding is decoded with replacement
    characters so the CSV reader keeps its place, and the row holding it is
    reported instead of read: the run goes on, and no text is silently altered.
    """

    def __init__(self, stream: io.BufferedReader, encoding: str, limit: int, name: str) -> None:
        self.stream, self.encoding, self.limit, self.name = stream, encoding, limit, name
        self.number = 0
        self.bad: set[int] = set()

    def __iter__(self) -> _DecodedLines:
        return self

    def __next__(self) -> str:
        line = self.stream.readline(self.limit + 1)
        if not line:
            raise StopIteration
        self.number += 1
        if len(line) > self.limit and not line.endswith(b"\n"):
            raise InputError(self.name, f"line {self.number} is over the limit of "
                                        f"{mb(self.limit)}; the rest of the file was not read")
        try:
            return line.decode(self.encoding)
        except UnicodeDecodeError:
            self.bad.add(self.number)
            return line.decode(self.encoding, "replace")


def iter_csv(name: str, stream: io.BufferedReader, options: Options, only: str | None,
             default_delimiter: str = ",") -> Iterator[Item]:
    encoding = _encoding(stream.peek(1 << 16)[: 1 << 16])
    if encoding == "utf-16":  # lines cannot be split on b"\n": decode as one stream
        lines: Any = io.TextIOWrapper(stream, encoding=encoding, newline="")
        bad: set[int] = set()
    else:
        lines = _DecodedLines(stream, encoding, options.max_bytes, name)
        bad = lines.bad
    csv.field_size_limit(max(options.max_bytes, 1 << 20))
    try:
        header_line = next(lines, "")
    except UnicodeDecodeError as exc:
        yield SourceError(name, f"has a header that is not {encoding} ({exc.reason})", 1)
        return
    header_line = header_line.removeprefix("\ufeff")
    if not header_line.strip() or 1 in bad:
        what = "no header row (the first line names the fields)" if not header_line.strip() \
            else f"a header that is not {encoding}"
        yield SourceError(name, f"has {what}", 1)
        return
    delimiter = _delimiter(header_line, default_delimiter)
    try:
        header = next(csv.reader([header_line], delimiter=delimiter))
    except (csv.Error, StopIteration) as exc:
        yield SourceError(name, f"has an unreadable header row ({exc})", 1)
        return
    fields = Fields(header, options)
    why = fields.missing(header, options)
    if why:
        yield SourceError(name, why, 1)
        return
    reader = csv.reader(lines, delimiter=delimiter)
    found = False
    errors = 0
    while True:
        number = 2 + reader.line_num  # the line the record starts on (the header is line 1)
        try:
            values = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:
            errors += 1
            yield SourceError(name, f"is not valid CSV here ({exc})", number)
            if errors >= MAX_CSV_ERRORS:
                yield SourceError(name, f"gave up after {errors} malformed rows in a row")
                return
            continue
        except UnicodeDecodeError as exc:
            yield SourceError(name, f"is not {encoding} from here on ({exc.reason}); "
                                    "the rest of the file was not read", number)
            return
        except InputError as exc:  # a gzip bomb or truncation under the CSV, a giant line
            yield SourceError(name, exc.message)
            return
        if only is not None and only.isdigit() and number != int(only):
            continue
        if not any(v.strip() for v in values):
            continue
        bad_lines = [n for n in range(number, 2 + reader.line_num) if n in bad]
        if bad_lines:
            bad.difference_update(bad_lines)
            item: Item = SourceError(name, f"row has bytes that are not {encoding}; "
                                           "it was skipped", number)
        elif len(values) != len(header):
            item = SourceError(
                name, f"row has {len(values)} fields, the header has {len(header)}", number)
            errors += 1
        else:
            errors = 0
            item = record_from(name, number, dict(zip(header, values, strict=True)), fields,
                               options.max_bytes)
            if isinstance(item, Record):
                item.metadata["encoding"] = f"{encoding} (CSV file)"
        if _wanted(only, number, item):
            found = True
            yield item
            if only is not None and only.isdigit():
                return
        if errors >= MAX_CSV_ERRORS:
            yield SourceError(name, f"gave up after {errors} malformed rows in a row")
            return
    if only is not None and not found:
        yield not_found(name, only)
