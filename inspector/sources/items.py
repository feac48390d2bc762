"""What every reader yields: a :class:`Record` (one document) or a :class:`SourceError`."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from .text import DEFAULT_MAX_BYTES


@dataclass
class Record:
    """One document to inspect.

    ``id`` is stable across runs (a file's path without its suffix, a record's
    id field or line, a WARC record's URI) and names the outputs; ``name`` is
    its address, which :func:`~inspector.sources.records.iter_documents`
    accepts again (``export.jsonl#42``, ``crawl.warc#https://…``).
    """

    id: str
    name: str
    data: bytes | str
    kind: str = "auto"
    #: What the source knew: ``url``, ``date``, ``title``, ``encoding``…
    metadata: dict[str, str] = field(default_factory=dict)
    #: The file the document came from (``name`` may add ``#line`` or ``#uri``).
    source: str = ""
    #: The line of a JSONL/CSV record in ``source``, for messages.
    line: int | None = None

    def __post_init__(self) -> None:
        self.source = self.source or self.name

    @property
    def where(self) -> str:
        """``file`` or ``file:line``, as error messages name a place."""
        return f"{self.source}:{self.line}" if self.line is not None else self.name


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
    """How inputs are read.  Every field has a default that suits a first run."""

    #: A document (and a .gz file's decompressed content) may be at most this big.
    max_bytes: int = DEFAULT_MAX_BYTES
    #: In folders, only files whose relative path or name matches one of these.
    include: Sequence[str] = ()
    #: In folders, skip files whose relative path or name matches one of these.
    exclude: Sequence[str] = ()
    id_field: str | None = None
    text_field: str | None = None
    html_field: str | None = None
    url_field: str | None = None
    #: Folders never entered (the output folder when it lies inside an input folder).
    skip: Sequence[Path] = ()


Item = Record | SourceError
