"""The person's own rules in the GUI: where they live, the rule dialog and the rules manager.

``ARTICLE_INSPECTOR_RULES=/path/rules.toml`` redirects the rule file (the
tests use it); otherwise it is ``rules.toml`` in the application's config
folder (QStandardPaths.AppConfigLocation).
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path

from inspector import user_rules
from inspector.errors import RuleError
from inspector.model import Category, Document

from . import palette
from .qt import QtCore, QtWidgets, Signal
from .tasks import Tasks

ENV_OVERRIDE = "ARTICLE_INSPECTOR_RULES"


def rules_path() -> Path:
    override = os.environ.get(ENV_OVERRIDE)
    if override:
        return Path(override)
    folder = QtCore.QStandardPaths.writableLocation(
        QtCore.QStandardPaths.StandardLocation.AppConfigLocation)
    return Path(folder) / "rules.toml"


def rule_files() -> list[Path]:
    """What every inspection in the GUI passes as ``rule_files`` (none while no file)."""
    path = rules_path()
    return [path] if path.exists() else []


#: How long the pattern must rest before the queue is counted again (ms).
QUEUE_DELAY_MS = 300


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'s' if n != 1 else ''}"


class QueuePreview(QtCore.QObject):
    """Counts a candidate rule over the other documents of a queue, off the GUI thread.

    Each document is read and inspected once (``load``, on a worker, with the
    rules and decisions it has now) and kept as a light
    :class:`~inspector.user_rules.Baseline` while the dialog is open, so that
    a pattern edited again is counted without reading anything.  Only the
    newest request reports: an older one stops at its next document and its
    result, should it still arrive, is dropped.
    """

    #: Counts of the newest request (what the label shows)
    counted = Signal(object)
    #: the newest request failed (the message)
    failed = Signal(str)

    def __init__(self, tasks: Tasks, sources: Sequence[object],
                 load: Callable[[object], Document],
                 parent: QtCore.QObject | None = None) -> None:
        super().__init__(parent)
        self.tasks = tasks
        self.sources = list(sources)
        self.load = load
        self._baselines: dict[int, user_rules.Baseline | None] = {}
        self._generation = 0

    def __len__(self) -> int:
        return len(self.sources)

    @property
    def unreadable(self) -> int:
        """Documents that could not be read (they are left out of the counts)."""
        return sum(1 for b in list(self._baselines.values()) if b is None)

    def request(self, rules: Sequence[user_rules.UserRule]) -> None:
        """Count ``rules`` over the queue; earlier requests become stale."""
        self._generation += 1
        generation = self._generation

        def stale() -> bool:  # read on the worker: a plain int comparison
            return generation != self._generation

        def work() -> user_rules.Counts:  # worker thread: never touches widgets
            return user_rules.count_changes(list(rules), self._documents(stale), stale)

        self.tasks.run(work, lambda counts: self._deliver(generation, counts),
                       lambda exc: self._failed(generation, exc))

    def cancel(self) -> None:
        """Forget every request (the dialog closes, or the pattern became invalid)."""
        self._generation += 1

    def _documents(self, stale: Callable[[], bool]) -> Iterator[user_rules.Baseline]:
        for i, source in enumerate(self.sources):
            if stale():
                return
            if i not in self._baselines:
                try:
                    self._baselines[i] = user_rules.Baseline.of(self.load(source))
                except Exception:  # unreadable (or a bug): left out, and the label says so
                    self._baselines[i] = None
            baseline = self._baselines[i]
            if baseline is not None:
                yield baseline

    def _deliver(self, generation: int, counts: user_rules.Counts) -> None:
        if generation == self._generation and counts.complete:
            self.counted.emit(counts)

    def _failed(self, generation: int, exc: BaseException) -> None:
        if generation == self._generation:
            self.failed.emit(f"{type(exc).__name__}: {exc}")


class RuleDialog(QtWidgets.QDialog):
    """Propose a rule for a phrase, or edit a saved one; the pattern is previewed live.

    The preview counts the spans the rule would change in the open document
    at once, and in the other documents of the queue on the background
    helper, a moment after the pattern stops changing.
    """

    def __init__(self, text: str, keep: bool, documents: Callable[[], Sequence[Document]],
                 parent: QtWidgets.QWidget | None = None, *,
                 rule: user_rules.UserRule | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("ruleDialog")
        self.rule = rule
        self.text = text
        self.documents = documents
        self.queue: QueuePreview | None = None
        if rule is not None:
            keep = rule.keep
            self.setWindowTitle(f"Edit Rule {rule.id}")
        else:
            self.setWindowTitle("Always Keep Text Like This" if keep
                                else "Remove Everything Like This")
        self.pattern = QtWidgets.QLineEdit(
            rule.pattern if rule is not None else user_rules.propose_pattern(text),
            objectName="pattern")
        self.kind = QtWidgets.QComboBox(objectName="kind")
        self.kind.addItem("Remove everything like this", False)
        self.kind.addItem("Always keep text like this", True)
        self.kind.setCurrentIndex(1 if keep else 0)
        self.category = QtWidgets.QComboBox(objectName="category")
        for category in Category:
            self.category.addItem(palette.LABELS[category], category.value)
        if rule is not None:
            self.category.setCurrentIndex(self.category.findData(rule.category.value))
        self.language = QtWidgets.QLineEdit(rule.language if rule is not None else "",
                                            objectName="language")
        self.language.setPlaceholderText("any language (or e.g. fr, en, de)")
        self.reason = QtWidgets.QLineEdit(
            rule.reason if rule is not None and rule.reason != user_rules.default_reason(
                rule.keep) else "", objectName="reason")
        self.reason.setPlaceholderText("shown with every span the rule finds")
        self.preview = QtWidgets.QLabel(objectName="preview")
        self.preview.setWordWrap(True)
        self.error = QtWidgets.QLabel(objectName="error")
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #b00020")
        form = QtWidgets.QFormLayout(self)
        if rule is None:
            form.addRow("Selected text:", QtWidgets.QLabel(text[:200]))
        form.addRow("&Pattern:", self.pattern)
        form.addRow("&Kind:", self.kind)
        form.addRow("&Category:", self.category)
        form.addRow("&Language:", self.language)
        form.addRow("&Reason:", self.reason)
        form.addRow(self.preview)
        form.addRow(self.error)
        self.buttons = QtWidgets.QDialogButtonBox(
            QtWidgets.QDialogButtonBox.StandardButton.Save
            | QtWidgets.QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        form.addRow(self.buttons)
        self._here = ""
        self._queue_text = ""
        self.queue_timer = QtCore.QTimer(self, singleShot=True, interval=QUEUE_DELAY_MS)
        self.queue_timer.timeout.connect(self.request_queue_count)
        for signal in (self.pattern.textChanged, self.language.textChanged):
            signal.connect(self._edited)
        self.kind.currentIndexChanged.connect(self._edited)
        self.update_preview()

    def set_queue(self, queue: QueuePreview | None) -> None:
        """Count in the other documents of a queue too (created with the dialog as parent)."""
        self.queue = queue
        if queue is not None:
            queue.counted.connect(self._queue_counted)
            queue.failed.connect(self._queue_failed)
        self.update_preview()
        self.request_queue_count()

    @property
    def keep(self) -> bool:
        return bool(self.kind.currentData())

    def candidate(self, existing: Sequence[user_rules.UserRule] = ()) -> user_rules.UserRule:
        """The rule as set in the dialog (raises RuleError, PatternError for a bad pattern)."""
        category = Category(self.category.currentData())
        if self.rule is not None:
            return user_rules.edit_rule(self.rule, pattern=self.pattern.text(),
                                        category=category, language=self.language.text(),
                                        reason=self.reason.text(), keep=self.keep)
        where = "line" if "\n" not in self.text.strip() and not self.keep else "anywhere"
        rule = user_rules.new_rule(existing, self.pattern.text(), category, keep=self.keep,
                                   language=self.language.text().strip(), where=where,
                                   max_chars=2 * len(self.text) + 40, example=self.text.strip())
        if self.reason.text().strip():
            rule.reason = self.reason.text().strip()
        return rule

    def accept(self) -> None:
        """Save only a valid rule: the message says what is wrong otherwise."""
        try:
            self.candidate()
        except RuleError as exc:
            self.error.setText(str(exc))
            return
        super().accept()

    def done(self, result: int) -> None:
        self.queue_timer.stop()
        if self.queue is not None:
            self.queue.cancel()
        super().done(result)

    def _edited(self, *_: object) -> None:
        self.update_preview()
        self.queue_timer.start()  # restarted by every edit: counted once the typing rests

    def update_preview(self, *_: object) -> None:
        """Check the rule and count it in the open document (quick, on the GUI thread)."""
        save = self.buttons.button(QtWidgets.QDialogButtonBox.StandardButton.Save)
        try:
            rule = self.candidate()
        except RuleError as exc:
            self.error.setText(str(exc))
            self._here = ""
            if self.queue is not None:
                self.queue.cancel()
                self._queue_text = ""
            self._show()
            save.setEnabled(False)
            return
        self.error.setText("")
        docs = list(self.documents())
        count = user_rules.count_changes([rule], docs).spans
        self._here = (f"Would change {_plural(count, 'span')} in this document" if docs
                      else f"Would change {_plural(count, 'span')}")
        if self.queue is not None:
            self._queue_text = f"counting in {_plural(len(self.queue), 'other document')}…"
        self._show()
        save.setEnabled(True)

    def request_queue_count(self) -> None:
        """Count the rule over the other documents of the queue, in the background."""
        if self.queue is None:
            return
        try:
            rule = self.candidate()
        except RuleError:
            return
        self.queue.request([rule])

    def _queue_counted(self, counts: user_rules.Counts) -> None:
        others = len(self.queue) if self.queue is not None else 0
        if counts.spans:
            text = (f"{counts.spans} in {_plural(counts.documents, 'other document')} "
                    "of the queue")
        else:
            text = f"none in the {_plural(others, 'other document')} of the queue"
        unreadable = self.queue.unreadable if self.queue is not None else 0
        if unreadable:
            text += f" ({unreadable} could not be read)"
        self._queue_text = text
        self._show()

    def _queue_failed(self, message: str) -> None:
        self._queue_text = f"the queue could not be counted ({message})"
        self._show()

    def _show(self) -> None:
        parts = [p for p in (self._here, self._queue_text) if p]
        self.preview.setText(" · ".join(parts) + ("." if parts else ""))


class RulesManager(QtWidgets.QDialog):
    """Lists the user rules with hit counts; edit, disable, delete, import and export.

    Every change is written to the rule file at once (atomically) and handed
    to ``on_change`` with a label, which applies it to the open document.
    """

    def __init__(self, documents: Callable[[], Sequence[Document]],
                 on_change: Callable[[str], None],
                 parent: QtWidgets.QWidget | None = None, *,
                 queue_preview: Callable[[QtCore.QObject], QueuePreview | None] | None = None,
                 ) -> None:
        super().__init__(parent)
        self.setObjectName("rulesManager")
        self.setWindowTitle("My Rules")
        self.documents = documents
        self.on_change = on_change
        self.queue_preview = queue_preview
        self.table = QtWidgets.QTableWidget(0, 5, objectName="rulesTable")
        self.table.setHorizontalHeaderLabels(["On", "Id", "Kind", "Pattern", "Hits"])
        self.table.horizontalHeader().setStretchLastSection(False)
        self.table.setSelectionBehavior(
            QtWidgets.QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.itemChanged.connect(self._item_changed)
        self.table.cellDoubleClicked.connect(lambda row, _column: self.edit_row(row))
        edit = QtWidgets.QPushButton("&Edit…", objectName="editRule")
        edit.clicked.connect(self.edit_selected)
        delete = QtWidgets.QPushButton("&Delete", objectName="deleteRule")
        delete.clicked.connect(self.delete_selected)
        imp = QtWidgets.QPushButton("&Import…", objectName="importRules")
        imp.clicked.connect(self._import_dialog)
        exp = QtWidgets.QPushButton("&Export…", objectName="exportRules")
        exp.clicked.connect(self._export_dialog)
        close = QtWidgets.QPushButton("Close")
        close.clicked.connect(self.accept)
        row = QtWidgets.QHBoxLayout()
        for b in (edit, delete, imp, exp):
            row.addWidget(b)
        row.addStretch(1)
        row.addWidget(close)
        layout = QtWidgets.QVBoxLayout(self)
        layout.addWidget(QtWidgets.QLabel(f"Rule file: {rules_path()}"))
        layout.addWidget(self.table)
        layout.addLayout(row)
        self.rules: list[user_rules.UserRule] = []
        self.reload()

    def reload(self) -> None:
        self.rules = user_rules.load_user_rules(rules_path())
        counts = user_rules.hit_counts(self.rules, self.documents())
        self.table.blockSignals(True)
        self.table.setRowCount(len(self.rules))
        for i, rule in enumerate(self.rules):
            on = QtWidgets.QTableWidgetItem()
            on.setFlags(on.flags() | QtCore.Qt.ItemFlag.ItemIsUserCheckable)
            on.setCheckState(QtCore.Qt.CheckState.Checked if rule.enabled
                             else QtCore.Qt.CheckState.Unchecked)
            self.table.setItem(i, 0, on)
            kind = " · ".join(filter(None, ("keep" if rule.keep else "remove",
                                            palette.LABELS[rule.category],
                                            f"{rule.language} only" if rule.language else "")))
            for col, value in ((1, rule.id), (2, kind), (3, rule.pattern),
                               (4, str(counts.get(rule.id, 0)))):
                item = QtWidgets.QTableWidgetItem(value)
                item.setFlags(item.flags() & ~QtCore.Qt.ItemFlag.ItemIsEditable)
                self.table.setItem(i, col, item)
        self.table.blockSignals(False)

    def refresh_counts(self) -> None:
        """Hit counts again, once changed rules were applied to the open document."""
        counts = user_rules.hit_counts(self.rules, self.documents())
        self.table.blockSignals(True)
        for i, rule in enumerate(self.rules):
            item = self.table.item(i, 4)
            if item is not None:
                item.setText(str(counts.get(rule.id, 0)))
        self.table.blockSignals(False)

    def _write(self, label: str) -> None:
        user_rules.save_rules(rules_path(), self.rules)
        self.on_change(label)
        self.reload()

    def set_enabled(self, row: int, enabled: bool) -> None:
        self.rules[row].enabled = enabled
        self._write(f"{'Enable' if enabled else 'Disable'} rule {self.rules[row].id}")

    def _item_changed(self, item: QtWidgets.QTableWidgetItem) -> None:
        if item.column() == 0:
            self.set_enabled(item.row(), item.checkState() == QtCore.Qt.CheckState.Checked)

    def edit_selected(self) -> RuleDialog | None:
        rows = sorted({i.row() for i in self.table.selectedIndexes()})
        return self.edit_row(rows[0]) if rows else None

    def edit_row(self, row: int) -> RuleDialog | None:
        """Open the rule of ``row`` for editing; Save checks it, then writes and applies it."""
        if not 0 <= row < len(self.rules):
            return None
        rule = self.rules[row]
        dialog = RuleDialog("", rule.keep, self.documents, self, rule=rule)
        dialog.setAttribute(QtCore.Qt.WidgetAttribute.WA_DeleteOnClose)
        if self.queue_preview is not None:
            dialog.set_queue(self.queue_preview(dialog))
        dialog.accepted.connect(lambda: self._save_edit(rule.id, dialog))
        dialog.open()
        return dialog

    def _save_edit(self, rule_id: str, dialog: RuleDialog) -> None:
        row = next((i for i, r in enumerate(self.rules) if r.id == rule_id), None)
        if row is None:
            return
        try:
            edited = dialog.candidate()
            if edited == self.rules[row]:
                return
            self.rules[row] = edited
            self._write(f"Edit rule {rule_id}")
        except (RuleError, OSError) as exc:
            QtWidgets.QMessageBox.warning(self, "The rule was not saved", str(exc))
            self.reload()

    def delete_selected(self) -> None:
        rows = sorted({i.row() for i in self.table.selectedIndexes()}, reverse=True)
        ids = [self.rules[row].id for row in sorted(rows)]
        for row in rows:
            del self.rules[row]
        if rows:
            self._write(f"Delete rule{'s' if len(ids) > 1 else ''} {', '.join(ids)}")

    def import_file(self, path: Path) -> None:
        incoming = user_rules.load_user_rules(path)
        self.rules = user_rules.import_rules(self.rules, incoming)
        self._write(f"Import rules from {Path(path).name}")

    def export_file(self, path: Path) -> None:
        user_rules.save_rules(path, self.rules)

    def _import_dialog(self) -> None:
        path, _ = QtWidgets.QFileDialog.getOpenFileName(self, "Import rules", "",
                                                        "Rules (*.toml);;All files (*)")
        if path:
            try:
                self.import_file(Path(path))
            except RuleError as exc:
                QtWidgets.QMessageBox.warning(self, "Cannot import", str(exc))

    def _export_dialog(self) -> None:
        path, _ = QtWidgets.QFileDialog.getSaveFileName(self, "Export rules", "rules.toml",
                                                        "Rules (*.toml)")
        if path:
            self.export_file(Path(path))
