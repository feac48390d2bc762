"""One open document: the Document, its Qt adapter, its undo stack and where it is saved.

Every change the person makes goes through :meth:`Session.push` (a
QUndoCommand), so undo/redo and the unsaved-changes marker cover all of them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from inspector import inspect
from inspector.errors import StoreError
from inspector.model import Category, Document

from . import commands
from .adapter import DocumentAdapter
from .qt import QtCore, QtGui, Signal


@dataclass
class Loaded:
    """What the background helper hands back after opening a file."""

    doc: Document
    path: Path | None
    warnings: list[str] = field(default_factory=list)
    sidecar: Path | None = None


def load_document(path: Path, kind: str = "auto") -> Loaded:
    """Inspect ``path`` and restore saved decisions.  Runs on a worker thread."""
    from inspector import store

    from .userrules import rule_files

    doc = inspect(Path(path), kind=kind, rule_files=rule_files())
    warnings: list[str] = []
    sidecar = store.find_sidecar(Path(path))
    if sidecar is not None:
        try:
            warnings = store.apply_decisions(doc, store.read_sidecar(sidecar))
        except StoreError as exc:
            warnings = [f"saved decisions were not restored: {exc}"]
    return Loaded(doc, Path(path), warnings, sidecar)


def save_as_paths(txt_path: Path) -> tuple[Path, Path]:
    """The sidecar that goes with a chosen cleaned-text path."""
    stem = txt_path.name
    for suffix in (".txt", ".cleaned"):
        stem = stem.removesuffix(suffix)
    return txt_path, txt_path.with_name(f"{stem or 'document'}.inspect.json")


class Session(QtCore.QObject):
    #: a new Document replaced the old one (or None)
    documentChanged = Signal()
    #: the document was saved to these paths
    saved = Signal(object, object)

    def __init__(self, parent: QtCore.QObject | None = None) -> None:
        super().__init__(parent)
        self.doc: Document | None = None
        self.input_path: Path | None = None
        self.save_paths: tuple[Path, Path] | None = None
        self.name: str | None = None
        self.adapter = DocumentAdapter(self)
        self.undo_stack = QtGui.QUndoStack(self)

    # -- the document ----------------------------------------------------------------
    def load(self, doc: Document | None, input_path: Path | None = None, *,
             save_paths: tuple[Path, Path] | None = None, name: str | None = None) -> None:
        """Show ``doc``; a queued record passes where it saves and what it is called."""
        self.undo_stack.clear()
        self.adapter.attach(doc)
        self.doc = doc
        self.input_path = input_path
        self.save_paths = save_paths
        self.name = name
        self.documentChanged.emit()
        self.undo_stack.setClean()

    @property
    def modified(self) -> bool:
        return not self.undo_stack.isClean()

    def title(self) -> str:
        if self.name:
            return self.name
        if self.input_path is not None:
            return self.input_path.name
        return "Untitled" if self.doc is not None else ""

    # -- changes (all undoable) -----------------------------------------------------------
    def push(self, command: QtGui.QUndoCommand) -> None:
        self.undo_stack.push(command)

    def toggle(self, span_id: int) -> None:
        assert self.doc is not None
        self.push(commands.ToggleSpan(self.doc, span_id))

    def reset(self, span_id: int) -> None:
        assert self.doc is not None
        if self.doc.span(span_id).user_decision is not None:
            self.push(commands.ResetSpan(self.doc, span_id))

    def mark(self, start: int, end: int, category: Category) -> int | None:
        assert self.doc is not None
        if end <= start:
            return None
        command = commands.AddUserSpan(self.doc, start, end, category)
        self.push(command)
        return command.span_id

    def delete_span(self, span_id: int) -> None:
        assert self.doc is not None
        self.push(commands.DeleteSpan(self.doc, span_id))

    def set_edit_enabled(self, edit_id: int, enabled: bool) -> None:
        assert self.doc is not None
        self.push(commands.SetEditEnabled(self.doc, edit_id, enabled))

    # -- saving ------------------------------------------------------------------------
    def default_save_paths(self) -> tuple[Path, Path] | None:
        from inspector import store

        if self.save_paths is not None:
            return self.save_paths
        if self.input_path is None:
            return None
        return store.default_paths_for(self.input_path)

    def save(self, txt_path: Path, json_path: Path) -> None:
        """Write both files atomically (raises StoreError); marks the stack clean."""
        from inspector import store

        assert self.doc is not None
        # The person asked for these paths (Save, or Save As after the dialog's
        # overwrite question), so earlier results are replaced; the store still
        # refuses to write over the input.
        store.save(self.doc, txt_path, json_path, force=True, input_path=self.input_path)
        self.save_paths = (txt_path, json_path)
        self.undo_stack.setClean()
        self.saved.emit(txt_path, json_path)
