"""Undoable changes to a Document.

``QUndoStack.push()`` calls ``redo()``, so each command changes the Document
only in ``redo()`` and ``undo()``, and always through the Document's own
methods (which notify the views).  Undo restores the exact earlier state,
including the time stamp of a decision the person made before.
"""

from __future__ import annotations

from dataclasses import replace

from inspector.model import Category, Decision, Document, Span

from .palette import LABELS
from .qt import QtGui


class ToggleSpan(QtGui.QUndoCommand):
    """Keep a removed span or remove a kept one."""

    def __init__(self, doc: Document, span_id: int) -> None:
        span = doc.span(span_id)
        verb = "Keep" if span.removed else "Remove"
        super().__init__(f"{verb} {LABELS[span.category].lower()} span")
        self.doc = doc
        self.span_id = span_id
        self.before: tuple[Decision | None, str | None] = (span.user_decision, span.decided_at)
        self.after: tuple[Decision | None, str | None] | None = None

    def redo(self) -> None:
        if self.after is None:
            self.doc.toggle(self.span_id)
            span = self.doc.span(self.span_id)
            self.after = (span.user_decision, span.decided_at)
        else:
            self._apply(self.after)

    def undo(self) -> None:
        self._apply(self.before)

    def _apply(self, state: tuple[Decision | None, str | None]) -> None:
        # Undo and redo put back the decision with the time it originally had.
        self.doc.set_decision(self.span_id, state[0], state[1])


class ResetSpan(ToggleSpan):
    """Return a span to the automatic decision."""

    def __init__(self, doc: Document, span_id: int) -> None:
        super().__init__(doc, span_id)
        self.setText("Reset span to the automatic decision")
        self.after = (None, None)


class AddUserSpan(QtGui.QUndoCommand):
    """The person marks a selection of the raw text as boilerplate."""

    def __init__(self, doc: Document, start: int, end: int, category: Category,
                 reason: str = "") -> None:
        super().__init__(f"Mark selection as {LABELS[category].lower()}")
        self.doc = doc
        self.args = (start, end, category, reason)
        self.saved: dict | None = None
        self.span_id: int | None = None

    def redo(self) -> None:
        if self.saved is None:
            span = self.doc.add_user_span(*self.args)
            self.saved = span.to_dict()
        else:
            span = self.doc.add_span(Span.from_dict(self.saved))
        self.span_id = span.id

    def undo(self) -> None:
        assert self.span_id is not None
        self.doc.delete_span(self.span_id)


class DeleteSpan(QtGui.QUndoCommand):
    """Delete a span the person added."""

    def __init__(self, doc: Document, span_id: int) -> None:
        super().__init__("Delete my span")
        self.doc = doc
        self.saved = doc.span(span_id).to_dict()

    def redo(self) -> None:
        self.doc.delete_span(int(self.saved["id"]))

    def undo(self) -> None:
        self.doc.add_span(Span.from_dict(self.saved))


class SetEditEnabled(QtGui.QUndoCommand):
    """Apply or undo one repair (edit)."""

    def __init__(self, doc: Document, edit_id: int, enabled: bool) -> None:
        super().__init__("Apply repair" if enabled else "Undo repair")
        self.doc = doc
        self.edit_id = edit_id
        self.enabled = enabled

    def redo(self) -> None:
        self.doc.set_edit_enabled(self.edit_id, self.enabled)

    def undo(self) -> None:
        self.doc.set_edit_enabled(self.edit_id, not self.enabled)


class ReplaceSpans(QtGui.QUndoCommand):
    """Apply changed rules to the open document: the spans they add in, those they drop out.

    Saving, editing or disabling a rule changes what detection finds; as a
    command, that change joins the undo history instead of replacing it, so
    Ctrl+Z takes the rule's effect back from this document and the toggles
    made before stay undoable.  Spans are kept as copies (not dicts, which
    round the confidence), and undo puts back the very spans, ids and
    decisions it took out.
    """

    def __init__(self, doc: Document, text: str, removed: list[Span], added: list[Span]) -> None:
        super().__init__(text)
        self.doc = doc
        self.removed = [replace(s) for s in removed]
        self.added = [replace(s) for s in added]

    def redo(self) -> None:
        spans = self.doc.replace_spans([s.id for s in self.removed],
                                       [replace(s) for s in self.added])
        self.added = [replace(s) for s in spans]  # with their ids, for undo and the next redo

    def undo(self) -> None:
        self.doc.replace_spans([s.id for s in self.added], [replace(s) for s in self.removed])
