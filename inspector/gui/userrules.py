"""The person's own rules in the GUI: where they live, the rule dialog and the rules manager.

``ARTICLE_INSPECTOR_RULES=/path/rules.toml`` redirects the rule file (the
tests use it); otherwise it is ``rules.toml`` in the application's config
folder (QStandardPaths.AppConfigLocation).
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from pathlib import Path

from inspector import user_rules
from inspector.errors import RuleError
from inspector.model import Category, Document

from . import palette
from .qt import QtCore, QtWidgets

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


class RuleDialog(QtWidgets.QDialog):
    """Propose a rule for a phrase; the pattern is editable and previewed live."""

    def __init__(self, text: str, keep: bool, documents: Callable[[], Sequence[Document]],
                 parent: QtWidgets.QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("ruleDialog")
        self.keep = keep
        self.text = text
        self.documents = documents
        self.setWindowTitle("Always Keep Text Like This" if keep
                            else "Remove Everything Like This")
        self.pattern = QtWidgets.QLineEdit(user_rules.propose_pattern(text),
                                           objectName="pattern")
        self.category = QtWidgets.QComboBox(objectName="category")
        for category in Category:
            self.category.addItem(palette.LABELS[category], category.value)
        self.language = QtWidgets.QLineEdit(objectName="language")
        self.language.setPlaceholderText("any language (or e.g. fr)")
        self.preview = QtWidgets.QLabel(objectName="preview")
        self.error = QtWidgets.QLabel(objectName="error")
        form = QtWidgets.QFormLayout(self)
        form.addRow("Selected text:", QtWidgets.QLabel(text[:200]))
        form.addRow("&Pattern:", self.pattern)
        form.addRow("&Category:", self.category)
        form.addRow("&Language:", self.language)
        form.addRow(self.preview)
        form.addRow(self.error)
        self.buttons = QtWidgets.QDialogButtonBox(
            QtWidgets.QDialogButtonBox.StandardButton.Save
            | QtWidgets.QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        form.addRow(self.buttons)
        self.pattern.textChanged.connect(self.update_preview)
        self.update_preview()

    def candidate(self, existing: Sequence[user_rules.UserRule] = ()) -> user_rules.UserRule:
        """The rule as set in the dialog (raises RuleError for a bad pattern)."""
        category = Category(self.category.currentData())
        where = "line" if "\n" not in self.text.strip() and not self.keep else "anywhere"
        return user_rules.new_rule(existing, self.pattern.text(), category, keep=self.keep,
                                   language=self.language.text().strip(), where=where,
                                   max_chars=2 * len(self.text) + 40, example=self.text.strip())

    def update_preview(self, *_: object) -> None:
        save = self.buttons.button(QtWidgets.QDialogButtonBox.StandardButton.Save)
        try:
            rule = self.candidate()
        except RuleError as exc:
            self.error.setText(str(exc))
            self.preview.setText("")
            save.setEnabled(False)
            return
        self.error.setText("")
        docs = list(self.documents())
        count = user_rules.count_matches([rule], docs)
        self.preview.setText(f"Would change {count} span{'s' if count != 1 else ''} "
                             f"in {len(docs)} loaded document{'s' if len(docs) != 1 else ''}.")
        save.setEnabled(True)


class RulesManager(QtWidgets.QDialog):
    """Lists the user rules with hit counts; disable, delete, import and export."""

    def __init__(self, documents: Callable[[], Sequence[Document]],
                 on_change: Callable[[str], None],
                 parent: QtWidgets.QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("rulesManager")
        self.setWindowTitle("My Rules")
        self.documents = documents
        self.on_change = on_change
        self.table = QtWidgets.QTableWidget(0, 5, objectName="rulesTable")
        self.table.setHorizontalHeaderLabels(["On", "Id", "Kind", "Pattern", "Hits"])
        self.table.horizontalHeader().setStretchLastSection(False)
        self.table.itemChanged.connect(self._item_changed)
        delete = QtWidgets.QPushButton("&Delete", objectName="deleteRule")
        delete.clicked.connect(self.delete_selected)
        imp = QtWidgets.QPushButton("&Import…", objectName="importRules")
        imp.clicked.connect(self._import_dialog)
        exp = QtWidgets.QPushButton("&Export…", objectName="exportRules")
        exp.clicked.connect(self._export_dialog)
        close = QtWidgets.QPushButton("Close")
        close.clicked.connect(self.accept)
        row = QtWidgets.QHBoxLayout()
        for b in (delete, imp, exp):
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
            for col, value in ((1, rule.id), (2, "keep" if rule.keep else "remove"),
                               (3, rule.pattern), (4, str(counts.get(rule.id, 0)))):
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
