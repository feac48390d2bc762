"""The document queue: a folder or a multi-document file as a list to work through.

Opening a folder, JSONL, CSV, WARC or ``.gz`` lists every document (names and
ids only, never their texts), then a background review pass inspects each one
in turn to fill in the core's "needs review" flags.  A document's data is read
again (re-iterating its source) only when the person opens it.

Both passes run through :class:`~inspector.gui.tasks.Tasks` in chunks: each
chunk takes the next few items of one generator on a worker thread, so the list
grows and the flags appear while the rest is still being read, and a new queue
or closing the window simply stops scheduling chunks.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from inspector import inspect, store
from inspector.errors import InspectorError, StoreError
from inspector.model import Document
from inspector.sources.records import Options, Record, SourceError, iter_documents

from .labels import count_label
from .qt import QtCore, QtGui, QtWidgets, Signal
from .session import Loaded, load_document
from .tasks import Tasks
from .userrules import rule_files

Qt = QtCore.Qt

#: Inputs that open as a queue besides folders (``.gz`` may hold a JSONL or CSV).
MULTI_SUFFIXES = {".jsonl", ".ndjson", ".csv", ".warc", ".arc", ".gz"}
#: Items per background chunk while listing, and documents per review chunk.
LIST_CHUNK = 500
REVIEW_CHUNK = 10


def is_queue_input(path: Path) -> bool:
    path = Path(path)
    return path.is_dir() or path.suffix.lower() in MULTI_SUFFIXES


@dataclass
class Entry:
    """One row of the queue: what is known about a document without its text."""

    name: str                 # the core's name: path, path#line, path#uri
    label: str                # what the list shows
    source: Path              # the file it is read from
    record_id: str = ""
    multi: bool = False       # one record among several in ``source``
    error: str | None = None  # failed: why (names the file and line)
    flags: list[str] | None = None  # None until inspected
    opened: bool = False
    edited: bool = False
    saved_edited: bool = False  # ``edited`` as of the last load or save
    stem: str = ""            # output file stem for records of a multi-document file

    @property
    def status(self) -> str:
        if self.error is not None:
            return "failed"
        if self.edited:
            return "edited"
        words = ["flagged"] if self.flags else []
        if self.opened:
            words.append("reviewed")
        return ", ".join(words) or "new"

    def save_paths(self) -> tuple[Path, Path] | None:
        """Where Save writes: beside the input file, named after the record."""
        if not self.multi:
            return None  # the session's usual default beside the file
        return store.output_paths(self.stem or self.record_id, self.source.parent)

    def sidecar(self) -> Path | None:
        if not self.multi:
            return store.find_sidecar(self.source)
        paths = self.save_paths()
        return paths[1] if paths and paths[1].exists() else None


def _label(root: Path, name: str, path: Path) -> str:
    fragment = name[len(str(path)):]
    if root.is_dir():
        try:
            return path.relative_to(root).as_posix() + fragment
        except ValueError:
            pass
    return path.name + fragment


def list_entries(root: Path) -> Iterator[Entry]:
    """Every document of ``root`` as an Entry; record data is dropped at once."""
    for item in iter_documents([root], Options()):
        if isinstance(item, SourceError):
            where = f":{item.line}" if item.line is not None else ""
            yield Entry(name=item.name, label=_label(root, item.name, Path(item.name)) + where,
                        source=Path(item.name), error=str(item))
        else:
            source = Path(item.source)
            multi = item.name != item.source
            label = _label(root, item.name, source)
            if multi and item.id and not item.name.endswith(f"#{item.id}") \
                    and item.id != f"line{item.name.rpartition('#')[2]}":
                label = f"{label} ({item.id})"
            yield Entry(name=item.name, label=label, source=source, record_id=item.id,
                        multi=multi)


def assign_stems(entries: list[Entry]) -> None:
    """Unique output stems per folder, as ``clean --out`` names them, never an input's."""
    inputs = {e.source.resolve() for e in entries}
    used: dict[Path, set[str]] = {}
    for entry in entries:
        if not entry.multi or entry.error is not None:
            continue
        folder = entry.source.parent
        taken = used.setdefault(folder, set())
        base = store.safe_name(entry.record_id)
        stem, n = base, 1
        while stem.lower() in taken or any(
                p.resolve() in inputs for p in store.output_paths(stem, folder)):
            n += 1
            stem = f"{base}-{n}"
        taken.add(stem.lower())
        entry.stem = stem


def has_user_changes(doc: Document) -> bool:
    return any(s.user_decision is not None or s.origin == "user" for s in doc.spans)


def _restore(doc: Document, sidecar: Path | None) -> list[str]:
    if sidecar is None:
        return []
    try:
        return store.apply_decisions(doc, store.read_sidecar(sidecar))
    except StoreError as exc:
        return [f"saved decisions were not restored: {exc}"]


def find_record(entry: Entry) -> Record:
    """Read ``entry``'s record again from its source (only that one is kept)."""
    fragment = entry.name.rpartition("#")[2] if entry.multi else ""
    address = entry.name if fragment.isdigit() else str(entry.source)
    for item in iter_documents([address], Options()):
        if isinstance(item, Record) and item.name == entry.name:
            return item
        if isinstance(item, SourceError) and not entry.multi:
            raise InspectorError(str(item))
    raise InspectorError(f"{entry.name}: no longer found in {entry.source.name}")


def load_entry(entry: Entry) -> Loaded:
    """Inspect one queued document and restore saved decisions.  Runs on a worker."""
    if not entry.multi and entry.source.suffix.lower() != ".gz":
        return load_document(entry.source)  # exactly as when the file is opened alone
    record = find_record(entry)
    doc = inspect(record.data, kind=record.kind, name=record.name, rule_files=rule_files())
    sidecar = entry.sidecar()
    return Loaded(doc, entry.source, _restore(doc, sidecar), sidecar)


def review_flags_of(record: Record, entry: Entry) -> list[str]:
    doc = inspect(record.data, kind=record.kind, name=record.name, rule_files=rule_files())
    _restore(doc, entry.sidecar())
    return doc.review_flags()


class QueueModel(QtCore.QAbstractTableModel):
    COLUMNS = ("Document", "Status", "Needs review")

    def __init__(self, parent: QtCore.QObject | None = None) -> None:
        super().__init__(parent)
        self.entries: list[Entry] = []
        self.current: int | None = None

    def rowCount(self, parent: QtCore.QModelIndex = QtCore.QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self.entries)

    def columnCount(self, parent: QtCore.QModelIndex = QtCore.QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self.COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.COLUMNS[section]
        return None

    def data(self, index: QtCore.QModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        entry = self.entries[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if column == 0:
                return entry.label
            if column == 1:
                return entry.status
            if entry.error is not None:
                return entry.error
            return "; ".join(entry.flags or ()) if entry.flags is not None else "…"
        if role == Qt.ItemDataRole.ToolTipRole:
            if entry.error is not None:
                return entry.error
            if entry.flags:
                return "Needs review:\n" + "\n".join(f"• {f}" for f in entry.flags)
            return entry.name if entry.flags is not None else f"{entry.name}\n(not checked yet)"
        if role == Qt.ItemDataRole.FontRole and index.row() == self.current:
            font = QtGui.QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.ForegroundRole and entry.error is not None:
            return QtGui.QBrush(QtGui.QColor("#b00020"))
        return None

    # -- changes (GUI thread only) -------------------------------------------------------
    def reset_entries(self) -> None:
        self.beginResetModel()
        self.entries = []
        self.current = None
        self.endResetModel()

    def append(self, entries: list[Entry]) -> None:
        if not entries:
            return
        first = len(self.entries)
        self.beginInsertRows(QtCore.QModelIndex(), first, first + len(entries) - 1)
        self.entries.extend(entries)
        self.endInsertRows()

    def refresh(self, row: int | None) -> None:
        if row is not None and 0 <= row < len(self.entries):
            self.dataChanged.emit(self.index(row, 0), self.index(row, len(self.COLUMNS) - 1))

    def set_current(self, row: int | None) -> None:
        old, self.current = self.current, row
        self.refresh(old)
        self.refresh(row)


@dataclass
class _Run:
    """One opened queue; a later open or closing the window cancels it."""

    root: Path
    cancelled: bool = False
    listed: bool = False
    reviewed: int = 0
    items: Iterator[Any] | None = field(default=None, repr=False)


class DocumentQueue(QtCore.QObject):
    """Lists a folder or multi-document file and runs the review pass, in the background."""

    #: rows were added (the first chunk, then more)
    entriesAdded = Signal(int, int)
    #: listing finished (argument: number of entries)
    listed = Signal(int)
    #: a row's status, flags or error changed
    entryChanged = Signal(int)
    #: the review pass finished
    reviewed = Signal()

    def __init__(self, tasks: Tasks, parent: QtCore.QObject | None = None) -> None:
        super().__init__(parent)
        self.tasks = tasks
        self.model = QueueModel(self)
        self._run: _Run | None = None

    @property
    def root(self) -> Path | None:
        return self._run.root if self._run else None

    @property
    def active(self) -> bool:
        return self._run is not None

    @property
    def busy(self) -> bool:
        return self._run is not None and not self._run.cancelled and (
            not self._run.listed or self._run.reviewed < len(self.model.entries))

    def entry(self, row: int | None) -> Entry | None:
        if row is None or not 0 <= row < len(self.model.entries):
            return None
        return self.model.entries[row]

    @property
    def current(self) -> Entry | None:
        return self.entry(self.model.current)

    def open(self, root: Path) -> None:
        self.clear()
        run = _Run(Path(root))
        run.items = list_entries(run.root)
        self._run = run
        self._next_chunk(run, LIST_CHUNK, self._listed_chunk, self._listing_failed)

    def clear(self) -> None:
        if self._run is not None:
            self._run.cancelled = True
        self._run = None
        self.model.reset_entries()

    def cancel(self) -> None:
        if self._run is not None:
            self._run.cancelled = True

    # -- background chunks -------------------------------------------------------------
    def _next_chunk(self, run: _Run, size: int,
                    deliver: Callable[[_Run, list[Any], bool], None],
                    on_error: Callable[[_Run, BaseException], None]) -> None:
        items = run.items
        assert items is not None

        def take() -> tuple[list[Any], bool]:  # worker thread: only this run's generator
            chunk = []
            for item in items:
                chunk.append(item)
                if len(chunk) >= size or run.cancelled:
                    return chunk, False
            return chunk, True

        self.tasks.run(take, lambda result: deliver(run, *result),
                       lambda exc: on_error(run, exc))

    def _listing_failed(self, run: _Run, exc: BaseException) -> None:
        # The core reports bad input as SourceError items; anything raised is a bug,
        # shown as one failed row so that the rows read so far stay usable.
        if run.cancelled:
            return
        message = f"{run.root}: reading stopped ({type(exc).__name__}: {exc})"
        self._listed_chunk(run, [Entry(name=str(run.root), label=run.root.name,
                                       source=run.root, error=message)], True)

    def _review_failed(self, run: _Run, exc: BaseException) -> None:
        if run.cancelled:
            return
        run.reviewed = len(self.model.entries)  # flags still come when a document is opened
        self.reviewed.emit()

    def _listed_chunk(self, run: _Run, entries: list[Entry], done: bool) -> None:
        if run.cancelled:
            return
        first = len(self.model.entries)
        self.model.append(entries)
        if entries:
            self.entriesAdded.emit(first, len(entries))
        if not done:
            self._next_chunk(run, LIST_CHUNK, self._listed_chunk, self._listing_failed)
            return
        run.listed = True
        assign_stems(self.model.entries)
        self.listed.emit(len(self.model.entries))
        run.items = self._review_items(run)
        self._next_chunk(run, REVIEW_CHUNK, self._reviewed_chunk, self._review_failed)

    def _review_items(self, run: _Run) -> Iterator[tuple[int, list[str] | str | None]]:
        """(row, flags or error message) per document; consumed on the worker thread."""
        entries = list(self.model.entries)  # a snapshot: rows never move during a run

        def results() -> Iterator[tuple[int, list[str] | str | None]]:
            for row, item in enumerate(iter_documents([run.root], Options())):
                if run.cancelled or row >= len(entries):
                    return
                if isinstance(item, SourceError):
                    yield row, None
                    continue
                try:
                    yield row, review_flags_of(item, entries[row])
                except InspectorError as exc:
                    yield row, str(exc)
                except Exception as exc:  # a bug: one failed row, the pass goes on
                    yield row, f"{item.name}: unexpected error ({type(exc).__name__}: {exc})"

        return results()

    def _reviewed_chunk(self, run: _Run, results: list[Any], done: bool) -> None:
        if run.cancelled:
            return
        for row, outcome in results:
            run.reviewed = row + 1
            entry = self.entry(row)
            if entry is None:
                continue
            if isinstance(outcome, str):
                entry.error = outcome
            elif outcome is not None and not entry.opened:
                entry.flags = outcome  # an opened document's flags come from its live state
            self.model.refresh(row)
            self.entryChanged.emit(row)
        if done:
            run.reviewed = len(self.model.entries)
            self.reviewed.emit()
        else:
            self._next_chunk(run, REVIEW_CHUNK, self._reviewed_chunk, self._review_failed)

    def summary(self) -> str:
        entries = self.model.entries
        failed = sum(e.error is not None for e in entries)
        flagged = sum(bool(e.flags) and e.error is None for e in entries)
        edited = sum(e.edited for e in entries)
        parts = [f"{len(entries) - failed:,} documents"]
        if failed:
            parts.append(f"{failed:,} failed")
        if flagged:
            parts.append(f"{flagged:,} flagged")
        if edited:
            parts.append(f"{edited:,} edited")
        text = ", ".join(parts)
        return f"{text} — checking…" if self.busy else text


class QueueView(QtWidgets.QWidget):
    """The Documents dock: a summary line and the list."""

    #: the person chose a row (click, arrow keys)
    rowChosen = Signal(int)

    def __init__(self, queue: DocumentQueue, parent: QtWidgets.QWidget | None = None) -> None:
        super().__init__(parent)
        self.queue = queue
        self.summary = count_label("queueSummary")
        self.table = QtWidgets.QTableView(objectName="queueTable")
        self.table.setModel(queue.model)
        self.table.setSelectionBehavior(QtWidgets.QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QtWidgets.QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QtWidgets.QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QtWidgets.QHeaderView.ResizeMode.Interactive)
        header.resizeSection(0, 220)
        header.resizeSection(1, 110)
        header.setStretchLastSection(True)
        layout = QtWidgets.QVBoxLayout(self)
        layout.setContentsMargins(2, 2, 2, 2)
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 1)
        self._quiet = False
        self.table.selectionModel().currentRowChanged.connect(self._on_current)
        for signal in (queue.listed, queue.entryChanged, queue.reviewed, queue.entriesAdded):
            signal.connect(self.update_summary)
        queue.model.modelReset.connect(self.update_summary)

    def _on_current(self, current: QtCore.QModelIndex, _previous: QtCore.QModelIndex) -> None:
        if not self._quiet and current.isValid():
            self.rowChosen.emit(current.row())

    def select(self, row: int | None) -> None:
        """Show ``row`` as selected without asking for it to be loaded."""
        self._quiet = True
        try:
            if row is None:
                self.table.clearSelection()
                return
            index = self.queue.model.index(row, 0)
            self.table.selectionModel().setCurrentIndex(
                index, QtCore.QItemSelectionModel.SelectionFlag.ClearAndSelect
                | QtCore.QItemSelectionModel.SelectionFlag.Rows)
            self.table.scrollTo(index)
        finally:
            self._quiet = False

    def update_summary(self, *_: object) -> None:
        self.summary.setText(self.queue.summary() if self.queue.active else "")
