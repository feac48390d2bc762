"""Cleaning a stream of documents: outputs, decisions kept, progress and a summary.

The command line drives this; it consumes :func:`inspector.sources.records.iter_documents`
one document at a time and keeps nothing of a document once it is written,
so memory stays flat however long the batch.
"""

from __future__ import annotations

import json
import sys
import time
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from .errors import InspectorError, StoreError
from .model import Document
from .pipeline import inspect
from .rules import RuleSet
from .sources.records import Record, SourceError
from .store import apply_decisions, find_sidecar, output_paths, read_sidecar, safe_name, save

#: The summary lists this many failures; the rest are only counted (each was
#: already printed when it happened).
SHOWN_FAILURES = 20


class UniqueNames:
    """Output names from record ids: safe for file names and never the same twice.

    Names are compared without case, as macOS and Windows file systems do.
    """

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
    """One line on a terminal's stderr: counts, rate, and the current document."""

    def __init__(self, enabled: bool, stream: IO[str] | None = None) -> None:
        self.enabled = enabled
        self.stream = stream or sys.stderr
        self.start = time.monotonic()
        self.last = 0.0
        self.shown = False

    def update(self, ok: int, failed: int, name: str = "", *, force: bool = False) -> None:
        now = time.monotonic()
        if not self.enabled or (not force and now - self.last < 0.2):
            return
        self.last = now
        done = ok + failed
        rate = done / max(now - self.start, 1e-6)
        line = f"{done:,} documents ({ok:,} ok, {failed:,} failed), {rate:,.1f}/s"
        if name:
            room = 100 - len(line)
            short = name if len(name) <= room else "…" + name[-room + 1:]
            line = f"{line}  {short}" if room > 10 else line
        self.stream.write(f"\r\033[K{line}")
        self.stream.flush()
        self.shown = True

    def clear(self) -> None:
        if self.enabled and self.shown:
            self.stream.write("\r\033[K")
            self.stream.flush()
            self.shown = False


@dataclass
class Summary:
    ok: int = 0
    failed: int = 0
    failures: list[str] = field(default_factory=list)  # the first SHOWN_FAILURES
    removed_per_category: Counter[str] = field(default_factory=Counter)
    to_review: int = 0
    restored: int = 0
    seconds: float = 0.0

    def fail(self, message: str) -> None:
        self.failed += 1
        if len(self.failures) < SHOWN_FAILURES:
            self.failures.append(message)

    def lines(self) -> list[str]:
        rate = (self.ok + self.failed) / self.seconds if self.seconds > 0 else 0.0
        cats = ", ".join(f"{k} {v}" for k, v in sorted(
            self.removed_per_category.items(), key=lambda kv: (-kv[1], kv[0]))) or "none"
        out = [f"done: {self.ok} ok, {self.failed} failed in {self.seconds:.1f} s "
               f"({rate:.1f} documents/s)",
               f"removed spans per category: {cats}"]
        if self.to_review:
            out.append(f"spans to review (unsure): {self.to_review}")
        if self.restored:
            out.append(f"documents with your earlier decisions restored: {self.restored}")
        out.extend(f"  failed: {f}" for f in self.failures)
        if self.failed > len(self.failures):
            out.append(f"  … and {self.failed - len(self.failures)} more failures "
                       "(each printed above)")
        return out


@dataclass
class Settings:
    """What a batch does with each document."""

    out: Path | None = None
    jsonl: IO[str] | None = None
    force: bool = False
    kind: str = "auto"
    rules: RuleSet | None = None
    max_bytes: int = 200 * 1024 * 1024
    #: Re-apply the person's decisions from an earlier sidecar (see :meth:`Batch.restore`).
    keep_decisions: bool = True
    #: Resolved paths that must never be written (every input file named by the person).
    protected: set[Path] = field(default_factory=set)


class Batch:
    """Inspect and write each document; report each failure through ``error``."""

    def __init__(self, settings: Settings, *, error: Callable[[str], None],
                 warn: Callable[[str], None], info: Callable[[str], None] | None = None,
                 progress: Progress | None = None) -> None:
        self.settings = settings
        self.error, self.warn, self.info = error, warn, info
        self.progress = progress or Progress(False)
        self.names = UniqueNames()
        self.summary = Summary()

    def run(self, items: Iterable[Record | SourceError]) -> Summary:
        start = time.monotonic()
        try:
            for item in items:
                if isinstance(item, SourceError):
                    self._failed(str(item))
                else:
                    self.progress.update(self.summary.ok, self.summary.failed, item.name)
                    self.one(item)
        finally:
            self.progress.clear()
            self.summary.seconds = time.monotonic() - start
        return self.summary

    def _failed(self, message: str) -> None:
        self.summary.fail(message)
        self.progress.clear()
        self.error(message)

    def one(self, item: Record) -> Document | None:
        settings = self.settings
        try:
            doc = document_for(item, settings.kind, settings.rules, settings.max_bytes)
        except InspectorError as exc:
            self._failed(str(exc))
            return None
        try:
            if settings.out is not None:
                txt, side = output_paths(self.names.take(item.id), settings.out)
                for target in (txt, side):
                    if _resolved(target) in settings.protected:
                        raise StoreError(f"{target}: refusing to overwrite an input file")
                if settings.keep_decisions:
                    self.restore(doc, item, side)
                source = Path(item.source) if Path(item.source).is_file() else None
                save(doc, txt, side, force=settings.force, input_path=source)
            if settings.jsonl is not None:
                settings.jsonl.write(json.dumps(jsonl_record(item, doc), ensure_ascii=False)
                                     + "\n")
        except InspectorError as exc:
            self._failed(f"{item.where}: not saved: {exc}")
            return None
        except OSError as exc:  # the --jsonl file's disk filled up, and the like
            self._failed(f"{item.where}: not saved: {exc.strerror or exc}")
            return None
        self.summary.ok += 1
        stats = doc.stats()
        self.summary.to_review += stats["to_review"]
        self.summary.removed_per_category.update(
            s.category.value for s in doc.spans if s.removed)
        if self.info is not None:
            self.info(f"{item.name}: {stats['removed_spans']} of {stats['spans']} spans removed, "
                      f"{stats['raw_chars'] - stats['clean_chars']:,} of "
                      f"{stats['raw_chars']:,} characters")
        return doc

    def restore(self, doc: Document, item: Record, side: Path) -> None:
        """Keep the person's earlier decisions.

        With ``--force`` an existing output sidecar is the latest record of
        them; otherwise a sidecar the GUI saved beside the input file is used.
        Without ``--force`` an existing output is never replaced (``save``
        refuses), so there is nothing to restore into.
        """
        sidecar: Path | None = None
        if side.is_file() and self.settings.force:
            sidecar = side
        elif item.source == item.name and Path(item.source).is_file():
            sidecar = find_sidecar(Path(item.source))
        if sidecar is None:
            return
        try:
            warnings = apply_decisions(doc, read_sidecar(sidecar))
        except StoreError as exc:
            raise StoreError(f"{exc}; your earlier decisions cannot be kept (use "
                             "--discard-decisions to replace it anyway)") from exc
        if any(s.user_decision is not None or s.origin == "user" for s in doc.spans):
            self.summary.restored += 1
        for warning in warnings:
            self.warn(f"{item.where}: {sidecar}: {warning}")


def _resolved(path: Path) -> Path:
    try:
        return path.resolve()
    except OSError:
        return path.absolute()


def document_for(item: Record, kind: str, rules: RuleSet | None, max_bytes: int) -> Document:
    """Inspect one record, with what its source knew (URL, date…) in the metadata."""
    doc = inspect(item.data, kind=item.kind if kind == "auto" else kind, rules=rules,
                  max_bytes=max_bytes, name=item.where)
    meta = doc.metadata
    if Path(item.source).is_file():
        meta.source_path = item.source
    if item.name != item.source:
        meta.extra["record"] = item.name
        meta.extra["record_id"] = item.id
    meta.url = meta.url or item.metadata.get("url")
    meta.date = meta.date or item.metadata.get("date")
    meta.title = meta.title or item.metadata.get("title")
    if "encoding" in item.metadata:
        meta.encoding = item.metadata["encoding"]
    if "sha256" in item.metadata:
        meta.sha256 = item.metadata["sha256"]
    return doc


def jsonl_record(item: Record, doc: Document) -> dict[str, Any]:
    return {"id": item.id, "name": item.name, "text": doc.cleaned,
            "metadata": doc.metadata.to_dict(), "stats": doc.stats(),
            "spans": [dict(s.to_dict(), text=doc.raw[s.start:s.end]) for s in doc.spans],
            "edits": [e.to_dict() for e in doc.edits]}
