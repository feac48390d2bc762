"""The main window: wires the panes, the span list, the details panel and the actions.

The window owns no document logic: decisions change through the
:class:`~inspector.gui.session.Session` (undoable commands on the Document),
and views follow the adapter's signals.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path

from inspector import user_rules
from inspector.errors import InspectorError, RuleError
from inspector.model import Category, Document, Span

from . import commands, palette, userrules
from . import settings as keys
from .banner import Banner
from .details import DetailsPanel
from .findbar import FindBar
from .htmlsource import HtmlSourceView
from .labels import count_label
from .panes import CleanPane, RawPane, ScrollLink
from .qt import QtCore, QtGui, QtWidgets, Signal
from .queue import DocumentQueue, QueueView, has_user_changes, is_queue_input, load_entry
from .session import Loaded, Session, load_document, save_as_paths
from .spanlist import SpanList
from .tasks import Tasks
from .userrules import QueuePreview, RuleDialog, RulesManager

Qt = QtCore.Qt
Key = QtGui.QKeySequence
log = logging.getLogger(__name__)

APP_NAME = "Article Inspector"
OPEN_FILTER = ("Scrapes (*.txt *.text *.html *.htm *.xhtml *.jsonl *.ndjson *.csv *.warc *.arc "
               "*.gz);;Text (*.txt *.text);;HTML (*.html *.htm *.xhtml);;"
               "Batches (*.jsonl *.ndjson *.csv *.warc *.arc *.gz);;All files (*)")
#: Categories offered when marking a selection, in menu order.
MARK_CATEGORIES = [Category.USER, *(c for c in Category if c is not Category.USER)]


def _shortcut_text(action: QtGui.QAction) -> str:
    return ", ".join(s.toString(Key.SequenceFormat.NativeText) for s in action.shortcuts())


class MainWindow(QtWidgets.QMainWindow):
    #: a document finished loading (or failed: the argument is False)
    loadFinished = Signal(bool)
    #: the view finished reacting to a change of the document
    documentUpdated = Signal()
    #: changed rules were applied to the open document (or could not be)
    rulesApplied = Signal()

    def __init__(self, settings: QtCore.QSettings | None = None,
                 open_elsewhere: Callable[[Path], None] | None = None) -> None:
        super().__init__()
        self.setObjectName("mainWindow")
        self.settings = settings or keys.open_settings(self)
        self.open_elsewhere = open_elsewhere
        self.session = Session(self)
        self.tasks = Tasks(self)
        self.queue = DocumentQueue(self.tasks, self)
        self.focused_span: int | None = None
        self._load_token = 0
        self._rules_token = 0
        self._zoom = keys.int_value(self.settings, keys.ZOOM, 0)

        self._build_central()
        self._build_docks()
        self._build_actions()
        self._build_status()
        self._details_timer = QtCore.QTimer(self, singleShot=True, interval=0)
        self._details_timer.timeout.connect(self.details.refresh)
        self._connect()
        self.setAcceptDrops(True)
        self.resize(1360, 860)
        self._restore_settings()
        self._update_title()
        self._update_enabled()

    # ------------------------------------------------------------------ construction
    def _build_central(self) -> None:
        self.raw = RawPane()
        self.clean = CleanPane()
        self.html = HtmlSourceView()
        self.raw_tabs = QtWidgets.QTabWidget(objectName="rawTabs")
        self.raw_tabs.setDocumentMode(True)
        self.raw_tabs.addTab(self.raw, "Raw text")
        self.raw_tabs.addTab(self.html, "HTML source")
        self.raw_tabs.setTabEnabled(1, False)
        self.raw_tabs.setTabToolTip(1, "The page around the selected span (HTML inputs, Ctrl+U)")
        self.raw_title = count_label("rawTitle")
        self.clean_title = count_label("cleanTitle")
        self.link = ScrollLink(self.raw, self.clean, self)

        def column(title: QtWidgets.QLabel, body: QtWidgets.QWidget) -> QtWidgets.QWidget:
            box = QtWidgets.QWidget()
            lay = QtWidgets.QVBoxLayout(box)
            lay.setContentsMargins(0, 0, 0, 0)
            lay.setSpacing(2)
            title.setContentsMargins(4, 2, 4, 0)
            lay.addWidget(title)
            lay.addWidget(body, 1)
            return box

        self.splitter = QtWidgets.QSplitter(Qt.Orientation.Horizontal, objectName="paneSplitter")
        self.splitter.addWidget(column(self.raw_title, self.raw_tabs))
        self.splitter.addWidget(column(self.clean_title, self.clean))
        self.splitter.setChildrenCollapsible(False)
        self.splitter.setStretchFactor(0, 1)
        self.splitter.setStretchFactor(1, 1)
        self.banner = Banner()
        self.find_bar = FindBar({"raw": self.raw, "cleaned": self.clean})
        central = QtWidgets.QWidget()
        layout = QtWidgets.QVBoxLayout(central)
        layout.setContentsMargins(4, 4, 4, 0)
        layout.setSpacing(4)
        layout.addWidget(self.banner)
        layout.addWidget(self.splitter, 1)
        layout.addWidget(self.find_bar)
        self.setCentralWidget(central)
        self._last_pane = "raw"
        for pane in (self.raw, self.clean):
            pane.set_zoom(self._zoom)

    def _build_docks(self) -> None:
        self.span_list = SpanList()
        self.details = DetailsPanel()
        self.spans_dock = QtWidgets.QDockWidget("Spans", self, objectName="spansDock")
        self.spans_dock.setWidget(self.span_list)
        self.details_dock = QtWidgets.QDockWidget("Details and legend", self,
                                                  objectName="detailsDock")
        self.details_dock.setWidget(self.details)
        self.queue_view = QueueView(self.queue)
        self.queue_dock = QtWidgets.QDockWidget("Documents", self, objectName="queueDock")
        self.queue_dock.setWidget(self.queue_view)
        self.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, self.spans_dock)
        self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.details_dock)
        self.addDockWidget(Qt.DockWidgetArea.LeftDockWidgetArea, self.queue_dock)
        self.queue_dock.hide()  # shown when a folder or a batch file is opened
        self.resizeDocks([self.spans_dock], [260], Qt.Orientation.Vertical)
        self.resizeDocks([self.details_dock], [300], Qt.Orientation.Horizontal)

    def _action(self, text: str, slot: Callable[[], object], shortcuts: tuple = (),
                tip: str = "", checkable: bool = False, name: str = "") -> QtGui.QAction:
        action = QtGui.QAction(text, self)
        action.setObjectName(name or text)
        if shortcuts:
            action.setShortcuts([Key(s) if not isinstance(s, Key) else s for s in shortcuts])
        if tip:
            action.setStatusTip(tip)
            action.setToolTip(f"{text.replace('&', '')} ({_shortcut_text(action)})"
                              if shortcuts else text.replace("&", ""))
        action.setCheckable(checkable)
        if checkable:
            action.toggled.connect(slot)
        else:
            action.triggered.connect(lambda _checked=False: slot())
        self.addAction(action)  # shortcuts work even when the menu bar is hidden
        return action

    def _build_actions(self) -> None:
        a = self._action
        std = Key.StandardKey
        self.act_open = a("&Open…", self.open_dialog, (std.Open,), "Open a scrape", name="open")
        self.act_open_folder = a("Open &Folder…", self.open_folder_dialog, ("Ctrl+Shift+O",),
                                 "Open every document of a folder as a queue",
                                 name="openFolder")
        self.act_next_doc = a("Ne&xt Document", lambda: self.go_document(1),
                              ("Ctrl+PgDown", "Alt+Right"), "Open the next document of the queue",
                              name="nextDocument")
        self.act_prev_doc = a("Pre&vious Document", lambda: self.go_document(-1),
                              ("Ctrl+PgUp", "Alt+Left"),
                              "Open the previous document of the queue", name="previousDocument")
        self.act_save = a("&Save", self.save, (std.Save,),
                          "Save the cleaned text and the decisions", name="save")
        self.act_save_as = a("Save &As…", self.save_as, ("Ctrl+Shift+S",),
                             "Save to another place", name="saveAs")
        self.act_quit = a("&Quit", self.close, ("Ctrl+Q",), name="quit")
        self.act_undo = self.session.undo_stack.createUndoAction(self, "&Undo")
        self.act_undo.setShortcuts([Key(std.Undo)])
        self.act_undo.setObjectName("undo")
        self.act_redo = self.session.undo_stack.createRedoAction(self, "&Redo")
        self.act_redo.setShortcuts([Key("Ctrl+Shift+Z"), Key("Ctrl+Y")])
        self.act_redo.setObjectName("redo")
        self.addActions([self.act_undo, self.act_redo])
        self.act_find = a("&Find…", self.open_find, (std.Find,), "Find in either pane",
                          name="find")
        self.act_find_next = a("Find &Next", lambda: self.find_bar.find(), (std.FindNext,),
                               name="findNext")
        self.act_find_prev = a("Find Pre&vious", lambda: self.find_bar.find(backward=True),
                               (std.FindPrevious,), name="findPrevious")
        self.act_toggle = a("&Toggle Keep/Remove", self.toggle_focused, ("Space",),
                            "Keep the selected span, or remove it", name="toggle")
        self.act_reset = a("&Reset to Automatic", self.reset_focused, ("Backspace",),
                           "Forget your decision on the selected span", name="reset")
        self.act_mark = a("&Mark Selection as Boilerplate…", self.mark_menu, ("M",),
                          "Add the selected raw text as a span", name="mark")
        self.act_delete = a("&Delete My Span", self.delete_focused, ("Delete",),
                            "Delete a span you added", name="delete")
        self.act_next = a("&Next Span", lambda: self.go(1), ("N", "Alt+Down"),
                          "Select the next span", name="next")
        self.act_prev = a("&Previous Span", lambda: self.go(-1), ("P", "Alt+Up"),
                          "Select the previous span", name="previous")
        self.act_review = a("Next Span to Re&view", lambda: self.go(1, review=True),
                            ("R",), "The least certain removals", name="nextReview")
        self.act_zoom_in = a("Zoom &In", lambda: self.zoom(1), (std.ZoomIn, "Ctrl+="),
                             name="zoomIn")
        self.act_zoom_out = a("Zoom &Out", lambda: self.zoom(-1), (std.ZoomOut,),
                              name="zoomOut")
        self.act_zoom_reset = a("&Actual Size", lambda: self.zoom(None), ("Ctrl+0",),
                                name="zoomReset")
        self.act_wrap = a("&Word Wrap", self.set_wrap, ("Alt+Z",), checkable=True, name="wrap")
        self.act_sync = a("&Scroll Panes Together", self.set_sync, (), checkable=True,
                          name="sync")
        self.act_html = a("&HTML Source", self.toggle_html, ("Ctrl+U",),
                          "Show the page's HTML around the selected span", name="html")
        self.act_focus_raw = a("Go to &Raw Text", lambda: self.raw.setFocus(), ("Ctrl+1",),
                               name="focusRaw")
        self.act_focus_clean = a("Go to &Cleaned Text", lambda: self.clean.setFocus(),
                                 ("Ctrl+2",), name="focusClean")
        self.act_focus_list = a("Go to Span &List", lambda: self.span_list.table.setFocus(),
                                ("Ctrl+L",), name="focusList")
        self.act_shortcuts = a("&Keyboard Shortcuts", self.show_shortcuts, ("F1",),
                               name="shortcuts")
        self.act_about = a("&About", self.show_about, name="about")
        self.act_rules = a("My &Rules…", self.open_rules_manager, ("Ctrl+Shift+R",),
                           "Your own rules: edit, disable, delete, import, export",
                           name="rules")

        bar = self.menuBar()
        file_menu = bar.addMenu("&File")
        file_menu.addActions([self.act_open, self.act_open_folder])
        self.recent_menu = file_menu.addMenu("Open &Recent")
        self.recent_menu.setObjectName("recentMenu")
        file_menu.addSeparator()
        file_menu.addActions([self.act_next_doc, self.act_prev_doc])
        file_menu.addSeparator()
        file_menu.addActions([self.act_save, self.act_save_as])
        file_menu.addSeparator()
        file_menu.addAction(self.act_quit)
        edit_menu = bar.addMenu("&Edit")
        edit_menu.addActions([self.act_undo, self.act_redo])
        edit_menu.addSeparator()
        edit_menu.addActions([self.act_find, self.act_find_next, self.act_find_prev])
        span_menu = bar.addMenu("&Span")
        span_menu.addActions([self.act_toggle, self.act_reset, self.act_mark, self.act_delete])
        span_menu.addSeparator()
        span_menu.addActions([self.act_next, self.act_prev, self.act_review])
        span_menu.addSeparator()
        span_menu.addAction(self.act_rules)
        view_menu = bar.addMenu("&View")
        view_menu.addActions([self.act_zoom_in, self.act_zoom_out, self.act_zoom_reset])
        view_menu.addSeparator()
        view_menu.addActions([self.act_wrap, self.act_sync, self.act_html])
        view_menu.addSeparator()
        view_menu.addActions([self.act_focus_raw, self.act_focus_clean, self.act_focus_list,
                              self.spans_dock.toggleViewAction(),
                              self.details_dock.toggleViewAction(),
                              self.queue_dock.toggleViewAction()])
        help_menu = bar.addMenu("&Help")
        help_menu.addActions([self.act_shortcuts, self.act_about])

        tools = self.addToolBar("Main")
        tools.setObjectName("mainToolBar")
        tools.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        tools.addActions([self.act_open, self.act_save])
        tools.addSeparator()
        tools.addActions([self.act_undo, self.act_redo])
        tools.addSeparator()
        tools.addActions([self.act_prev, self.act_next, self.act_review, self.act_toggle])
        tools.addSeparator()
        tools.addAction(self.act_find)
        self._rebuild_recent()

    def _build_status(self) -> None:
        self.progress = QtWidgets.QProgressBar(objectName="progress")
        self.progress.setRange(0, 0)  # busy indicator: inspection has no steps to count
        self.progress.setMaximumWidth(160)
        self.progress.setTextVisible(False)
        self.progress.hide()
        self.span_label = QtWidgets.QLabel(objectName="spanStatus")
        self.statusBar().addWidget(self.span_label, 1)
        self.statusBar().addPermanentWidget(self.progress)

    def _connect(self) -> None:
        s = self.session
        s.documentChanged.connect(self._on_document)
        s.undo_stack.cleanChanged.connect(self._update_title)
        s.undo_stack.indexChanged.connect(self._update_enabled)
        s.adapter.decisionsChanged.connect(self._on_decisions)
        s.adapter.spansAdded.connect(self._on_spans_added)
        s.adapter.spansDeleted.connect(self._on_spans_deleted)
        s.adapter.editsChanged.connect(self._on_edits)
        s.adapter.changed.connect(self._after_change)
        self.tasks.busyChanged.connect(self._on_busy)
        self.raw.spanClicked.connect(self._on_span_clicked)
        self.raw.contextMenuRequested.connect(self._fill_context_menu)
        self.raw.cursorPositionChanged.connect(self._update_enabled)
        self.raw.selectionChanged.connect(self._update_enabled)
        self.raw.focused.connect(lambda: self._set_last_pane("raw"))
        self.clean.focused.connect(lambda: self._set_last_pane("cleaned"))
        self.span_list.spanActivated.connect(lambda sid: self.focus_span(sid))
        self.queue_view.rowChosen.connect(self.open_entry)
        self.queue.listed.connect(self._on_queue_listed)
        self.queue.entriesAdded.connect(self._on_queue_rows)
        s.saved.connect(self._on_saved)
        self.raw_tabs.currentChanged.connect(lambda _i: self._show_html_for_focus())

    # ------------------------------------------------------------------ settings
    def _restore_settings(self) -> None:
        st = self.settings
        geometry = st.value(keys.GEOMETRY)
        if isinstance(geometry, QtCore.QByteArray):
            self.restoreGeometry(geometry)
        state = st.value(keys.STATE)
        if isinstance(state, QtCore.QByteArray):
            self.restoreState(state)
        splitter = st.value(keys.SPLITTER)
        if isinstance(splitter, QtCore.QByteArray):
            self.splitter.restoreState(splitter)
        else:
            self.splitter.setSizes([10_000, 10_000])  # equal halves at any width
        self.act_wrap.setChecked(keys.bool_value(st, keys.WRAP, True))
        self.set_wrap(self.act_wrap.isChecked())
        self.act_sync.setChecked(keys.bool_value(st, keys.SYNC, True))

    def save_settings(self) -> None:
        st = self.settings
        st.setValue(keys.GEOMETRY, self.saveGeometry())
        st.setValue(keys.STATE, self.saveState())
        st.setValue(keys.SPLITTER, self.splitter.saveState())
        st.setValue(keys.ZOOM, self._zoom)
        st.setValue(keys.WRAP, self.act_wrap.isChecked())
        st.setValue(keys.SYNC, self.act_sync.isChecked())
        st.sync()

    def _rebuild_recent(self) -> None:
        self.recent_menu.clear()
        files = keys.recent_files(self.settings)
        for i, path in enumerate(files, 1):
            label = f"&{i % 10} {Path(path).name}" if i <= 10 else Path(path).name
            action = self.recent_menu.addAction(label)
            action.setToolTip(path)
            action.setData(path)
            action.triggered.connect(lambda _c=False, p=path: self.open_path(Path(p)))
        if files:
            self.recent_menu.addSeparator()
            clear = self.recent_menu.addAction("Clear List")
            clear.triggered.connect(self._clear_recent)
        self.recent_menu.setEnabled(bool(files))

    def _clear_recent(self) -> None:
        self.settings.setValue(keys.RECENT, [])
        self._rebuild_recent()

    # ------------------------------------------------------------------ opening
    def open_dialog(self) -> None:
        start = str(self.settings.value(keys.LAST_DIR, "") or "")
        paths, _ = QtWidgets.QFileDialog.getOpenFileNames(self, "Open scrape", start,
                                                          OPEN_FILTER)
        self.open_paths([Path(p) for p in paths])

    def open_paths(self, paths: list[Path]) -> None:
        """The first path opens here, the others in their own windows."""
        if not paths:
            return
        self.open_path(paths[0])
        for extra in paths[1:]:
            if self.open_elsewhere is not None:
                self.open_elsewhere(extra)

    def open_folder_dialog(self) -> None:
        start = str(self.settings.value(keys.LAST_DIR, "") or "")
        folder = QtWidgets.QFileDialog.getExistingDirectory(self, "Open folder", start)
        if folder:
            self.open_path(Path(folder))

    def open_path(self, path: Path, kind: str = "auto") -> bool:
        """Inspect ``path`` on the background helper; returns False if the person cancelled.

        A folder or a multi-document file (JSONL, CSV, WARC, .gz) opens as a queue.
        """
        if is_queue_input(Path(path)):
            return self.open_queue(Path(path))
        if not self.maybe_save():
            return False
        if self.queue.active:
            self.queue.clear()
            self.queue_dock.hide()
        self._load_token += 1
        token = self._load_token
        self.settings.setValue(keys.LAST_DIR, str(Path(path).parent))
        self.statusBar().showMessage(f"Inspecting {Path(path).name}…")
        self.tasks.run(lambda: load_document(Path(path), kind),
                       lambda result: self._loaded(token, result),
                       lambda exc: self._load_failed(token, Path(path), exc))
        return True

    def _loaded(self, token: int, result: Loaded) -> None:
        if token != self._load_token:
            return  # a later open superseded this one
        self.banner.hide()
        self.set_document(result.doc, result.path)
        if result.path is not None:
            keys.add_recent(self.settings, result.path)
            self._rebuild_recent()
        if result.warnings:
            self.banner.show_message("warning", "Saved decisions restored, with warnings:",
                                     result.warnings)
        elif result.sidecar is not None:
            self.statusBar().showMessage(f"Restored your decisions from {result.sidecar.name}",
                                         8000)
        else:
            self.statusBar().showMessage(f"Opened {result.path.name if result.path else ''}",
                                         5000)
        self.loadFinished.emit(True)

    def _load_failed(self, token: int, path: Path, exc: BaseException) -> None:
        if token != self._load_token:
            return
        if isinstance(exc, (InspectorError, OSError)):
            message = str(exc)
        else:  # a bug: log the traceback, show one line
            log.error("inspecting %s failed", path, exc_info=exc)
            message = f"unexpected error ({type(exc).__name__}: {exc})"
        self.banner.show_message("error", f"Cannot open {path.name}", [message])
        self.statusBar().showMessage(f"Cannot open {path.name}: {message}", 10000)
        self.loadFinished.emit(False)

    def set_document(self, doc: Document | None, path: Path | None = None) -> None:
        self.session.load(doc, path)

    # ------------------------------------------------------------------ the document queue
    def open_queue(self, root: Path) -> bool:
        """List every document of a folder or batch file; the first one opens."""
        if not self.maybe_save():
            return False
        self._load_token += 1  # a load still running is for the previous document
        self.banner.hide()
        self.set_document(None)
        self.settings.setValue(keys.LAST_DIR, str(root if root.is_dir() else root.parent))
        keys.add_recent(self.settings, root)
        self._rebuild_recent()
        self.queue.open(root)
        self.queue_view.update_summary()
        self.queue_dock.show()
        self.statusBar().showMessage(f"Reading {root.name}…")
        return True

    def _on_queue_rows(self, first: int, _count: int) -> None:
        if self.queue.model.current is None and first == 0:
            row = next((i for i, e in enumerate(self.queue.model.entries) if e.error is None),
                       None)
            if row is not None:
                self.open_entry(row)

    def _on_queue_listed(self, count: int) -> None:
        if self.queue.model.current is None:
            row = next((i for i, e in enumerate(self.queue.model.entries) if e.error is None),
                       None)
            if row is not None:
                self.open_entry(row)
            else:
                message = (self.queue.model.entries[0].error if count
                           else "no documents found")
                self.banner.show_message("error", f"Nothing to open in {self.queue.root}",
                                         [message or ""])
                self.loadFinished.emit(False)

    def go_document(self, step: int) -> bool:
        """Open the next (1) or previous (-1) document of the queue."""
        entries = self.queue.model.entries
        if not entries:
            return False
        current = self.queue.model.current
        row = (0 if step > 0 else len(entries) - 1) if current is None else current + step
        if not 0 <= row < len(entries):
            self.statusBar().showMessage("Last document." if step > 0 else "First document.",
                                         3000)
            return False
        return self.open_entry(row)

    def _leave_entry(self) -> bool:
        """Ask about unsaved changes of the queued document shown; False if cancelled."""
        entry = self.queue.current
        if not self.maybe_save():
            return False
        if entry is not None and self.session.modified:
            entry.edited = entry.saved_edited  # discarded: back to what was saved
            self.queue.model.refresh(self.queue.model.current)
        return True

    def open_entry(self, row: int) -> bool:
        """Show the queued document at ``row`` (inspected on the background helper)."""
        entry = self.queue.entry(row)
        if entry is None:
            return False
        if row == self.queue.model.current and (self.session.doc is not None
                                                or entry.error is not None):
            self.queue_view.select(row)
            return True
        if not self._leave_entry():
            self.queue_view.select(self.queue.model.current)
            return False
        self._load_token += 1
        token = self._load_token
        # The previous document leaves now: a change made to it while the next one
        # loads would otherwise be counted on the wrong row and then dropped.
        self.set_document(None)
        self.queue.model.set_current(row)
        self.queue_view.select(row)
        self.queue_view.update_summary()
        if entry.error is not None:
            self.banner.show_message("error", f"Cannot open {entry.label}", [entry.error])
            self.loadFinished.emit(False)
            return True
        self.statusBar().showMessage(f"Inspecting {entry.label}…")
        self.tasks.run(lambda: load_entry(entry),
                       lambda result: self._entry_loaded(token, row, result),
                       lambda exc: self._entry_failed(token, row, exc))
        return True

    def _entry_loaded(self, token: int, row: int, result: Loaded) -> None:
        entry = self.queue.entry(row)
        if token != self._load_token or entry is None:
            return
        self.banner.hide()
        self.session.load(result.doc, result.path, save_paths=entry.save_paths(),
                          name=entry.label)
        entry.opened = True
        entry.edited = entry.saved_edited = has_user_changes(result.doc)
        entry.flags = result.doc.review_flags()
        self.queue.model.refresh(row)
        self.queue_view.update_summary()
        if result.warnings:
            self.banner.show_message("warning", "Saved decisions restored, with warnings:",
                                     result.warnings)
        elif entry.flags:
            self.statusBar().showMessage(f"{entry.label} needs review: "
                                         + "; ".join(entry.flags), 8000)
        else:
            self.statusBar().showMessage(f"Opened {entry.label}", 5000)
        self.loadFinished.emit(True)

    def _entry_failed(self, token: int, row: int, exc: BaseException) -> None:
        entry = self.queue.entry(row)
        if token != self._load_token or entry is None:
            return
        if isinstance(exc, (InspectorError, OSError)):
            entry.error = str(exc)
        else:
            log.error("inspecting %s failed", entry.name, exc_info=exc)
            entry.error = f"{entry.name}: unexpected error ({type(exc).__name__}: {exc})"
        self.queue.model.refresh(row)
        self.queue_view.update_summary()
        self.set_document(None)
        self.banner.show_message("error", f"Cannot open {entry.label}", [entry.error])
        self.loadFinished.emit(False)

    def _queue_after_change(self) -> None:
        entry, doc = self.queue.current, self.session.doc
        if entry is None or doc is None:
            return
        entry.edited = self.session.modified or has_user_changes(doc)
        entry.flags = doc.review_flags()
        self.queue.model.refresh(self.queue.model.current)
        self.queue_view.update_summary()

    def _on_saved(self, *_: object) -> None:
        entry = self.queue.current
        if entry is not None:
            entry.saved_edited = entry.edited

    def _on_document(self) -> None:
        doc = self.session.doc
        self.focused_span = None
        self.link.doc = doc
        self.raw.set_document(doc)
        self.clean.set_text(doc.cleaned if doc else "")
        self.span_list.set_document(doc)
        self.details.set_document(doc)
        self.html.set_document(doc)
        is_html = doc is not None and doc.kind == "html"
        self.raw_tabs.setTabEnabled(1, is_html)
        if not is_html:
            self.raw_tabs.setCurrentIndex(0)
        self.raw.show_focus(None)
        self.clean.show_focus(0, 0, None)
        self._update_titles()
        self._update_title()
        self._update_enabled()
        self.documentUpdated.emit()

    # ------------------------------------------------------------------ saving and closing
    def save(self) -> bool:
        paths = self.session.default_save_paths()
        if paths is None:
            return self.save_as()
        return self.save_to(*paths)

    def save_as(self) -> bool:
        if self.session.doc is None:
            return False
        default = self.session.default_save_paths()
        start = str(default[0]) if default else ""
        path, _ = QtWidgets.QFileDialog.getSaveFileName(
            self, "Save cleaned text", start, "Text (*.txt);;All files (*)")
        if not path:
            return False
        return self.save_to(*save_as_paths(Path(path)))

    def save_to(self, txt_path: Path, json_path: Path) -> bool:
        if self.session.doc is None:
            return False
        try:
            self.session.save(Path(txt_path), Path(json_path))
        except InspectorError as exc:
            self.banner.show_message("error", "Not saved", [str(exc)])
            self.statusBar().showMessage(f"Not saved: {exc}", 10000)
            return False
        self.statusBar().showMessage(f"Saved {Path(txt_path).name} and {Path(json_path).name}",
                                     8000)
        return True

    def ask_unsaved(self) -> str:
        """'save', 'discard' or 'cancel' (tests replace this)."""
        buttons = QtWidgets.QMessageBox.StandardButton
        answer = QtWidgets.QMessageBox.question(
            self, APP_NAME,
            f"Save your decisions on {self.session.title()} before closing it?",
            buttons.Save | buttons.Discard | buttons.Cancel, buttons.Save)
        return {buttons.Save: "save", buttons.Discard: "discard"}.get(answer, "cancel")

    def maybe_save(self) -> bool:
        if not self.session.modified:
            return True
        answer = self.ask_unsaved()
        if answer == "save":
            return self.save()
        return answer == "discard"

    def closeEvent(self, event: QtGui.QCloseEvent) -> None:  # noqa: N802 - Qt override
        if not self.maybe_save():
            event.ignore()
            return
        self.save_settings()
        self.queue.cancel()
        self.tasks.wait(5000)
        event.accept()

    # ------------------------------------------------------------------ reacting to changes
    def _on_decisions(self, span_ids: tuple[int, ...]) -> None:
        doc = self.session.doc
        assert doc is not None
        for span_id in span_ids:
            span = doc.span(span_id)
            self.raw.highlighter.rehighlight_range(span.start, span.end)
        self.span_list.model.on_decisions(span_ids)

    def _on_spans_added(self, span_ids: tuple[int, ...]) -> None:
        doc = self.session.doc
        assert doc is not None
        self.raw.highlighter.reindex()
        for span_id in span_ids:
            span = doc.span(span_id)
            self.raw.highlighter.rehighlight_range(span.start, span.end)
        self.span_list.model.on_added(span_ids)

    def _on_spans_deleted(self, span_ids: tuple[int, ...]) -> None:
        old = {s.id: s for s in self.raw.highlighter.spans.items if s.id in span_ids}
        self.raw.highlighter.reindex()
        for span in old.values():
            self.raw.highlighter.rehighlight_range(span.start, span.end)
        self.span_list.model.on_deleted(span_ids)
        if self.focused_span in span_ids:
            self.focused_span = None

    def _on_edits(self, edit_ids: tuple[int, ...]) -> None:
        doc = self.session.doc
        assert doc is not None
        for edit in doc.edits:
            if edit.id in edit_ids:
                self.raw.highlighter.rehighlight_range(edit.start, edit.end)

    def _after_change(self, _change: object) -> None:
        doc = self.session.doc
        assert doc is not None
        top = self.raw.top_position()
        self.clean.update_text(doc.cleaned)
        self._details_timer.start()  # statistics a moment later: the panes come first
        self._update_titles()
        self._refresh_focus()
        self._queue_after_change()
        if self.link.enabled:
            self.clean.scroll_to(doc.raw_to_clean(top))
        self._update_enabled()
        self.documentUpdated.emit()

    def _update_titles(self) -> None:
        doc = self.session.doc
        if doc is None:
            self.raw_title.setText("<b>Raw</b>")
            self.clean_title.setText("<b>Cleaned</b>")
            return
        self.raw_title.setText(f"<b>Raw</b> — {len(doc.raw):,} characters, "
                               f"{len(doc.spans):,} spans")
        removed = len(doc.raw) - len(doc.cleaned)
        self.clean_title.setText(f"<b>Cleaned</b> — {len(doc.cleaned):,} characters "
                                 f"({removed:,} removed)")

    def _update_title(self, *_: object) -> None:
        name = self.session.title()
        self.setWindowTitle(f"{name}[*] — {APP_NAME}" if name else APP_NAME)
        self.setWindowModified(self.session.modified)

    def _update_enabled(self, *_: object) -> None:
        has_doc = self.session.doc is not None
        span = self._focused()
        for action in (self.act_save, self.act_save_as, self.act_next, self.act_prev,
                       self.act_review, self.act_find):
            action.setEnabled(has_doc)
        for action in (self.act_next_doc, self.act_prev_doc):
            action.setEnabled(self.queue.active)
        self.act_toggle.setEnabled(span is not None)
        self.act_reset.setEnabled(span is not None and span.user_decision is not None)
        self.act_delete.setEnabled(span is not None and span.origin == "user")
        self.act_mark.setEnabled(has_doc and self.raw.textCursor().hasSelection())
        self.act_html.setEnabled(has_doc and self.session.doc.kind == "html")

    def _on_busy(self, busy: bool) -> None:
        self.progress.setVisible(busy)
        if not busy:
            self.statusBar().clearMessage()

    # ------------------------------------------------------------------ the focused span
    def _focused(self) -> Span | None:
        doc = self.session.doc
        if doc is None or self.focused_span is None:
            return None
        try:
            return doc.span(self.focused_span)
        except KeyError:
            return None

    def focus_span(self, span_id: int | None, *, scroll: bool = True) -> None:
        """Select a span: outline it, scroll both panes to it, select its row."""
        self.focused_span = span_id
        self._refresh_focus()
        span = self._focused()
        self.span_list.select(span_id)
        if span is not None and scroll and self.session.doc is not None:
            if not self.raw.is_visible(span.start):
                self.raw.scroll_to(span.start, center=True)
            clean_pos = self.session.doc.raw_to_clean(span.start)
            if not self.clean.is_visible(clean_pos):
                self.link.enabled = False
                self.clean.scroll_to(clean_pos, center=True)
                self.link.enabled = self.act_sync.isChecked()
        self._show_html_for_focus()
        self._update_enabled()

    def _refresh_focus(self) -> None:
        span = self._focused()
        doc = self.session.doc
        self.raw.show_focus(span.id if span else None)
        if span is None or doc is None:
            self.clean.show_focus(0, 0, None)
            self.span_label.clear()
            return
        start, end = doc.raw_to_clean(span.start), doc.raw_to_clean(span.end)
        self.clean.show_focus(start, end if not span.removed else start,
                              palette.colour(span.category))
        review = " · to review" if span.needs_review else ""
        self.span_label.setText(
            f"{palette.LABELS[span.category]} — {'removed' if span.removed else 'kept'}"
            f"{review} — {span.reason} ({span.rule}, {span.confidence:.2f})")

    def _show_html_for_focus(self) -> None:
        if self.raw_tabs.currentWidget() is self.html:
            self.html.show_span(self._focused())

    def _on_span_clicked(self, span_id: int) -> None:
        self.focus_span(span_id, scroll=False)
        self.session.toggle(span_id)

    # ------------------------------------------------------------------ span actions
    def toggle_focused(self) -> None:
        if self._focused() is not None:
            self.session.toggle(self.focused_span)

    def reset_focused(self) -> None:
        if self._focused() is not None:
            self.session.reset(self.focused_span)

    def delete_focused(self) -> None:
        span = self._focused()
        if span is not None and span.origin == "user":
            self.session.delete_span(span.id)

    def mark_selection(self, category: Category) -> int | None:
        """Add the raw pane's selection as a span of ``category`` (undoable)."""
        start, end = self.raw.selection()
        if self.session.doc is None or end <= start:
            self.statusBar().showMessage("Select some raw text first.", 5000)
            return None
        span_id = self.session.mark(start, end, category)
        self.focus_span(span_id, scroll=False)
        return span_id

    def category_menu(self, parent: QtWidgets.QWidget | None = None) -> QtWidgets.QMenu:
        menu = QtWidgets.QMenu("Mark Selection as", parent or self)
        menu.setObjectName("markMenu")
        for category in MARK_CATEGORIES:
            action = menu.addAction(palette.swatch(category), palette.LABELS[category])
            action.setData(category.value)
            action.triggered.connect(lambda _c=False, cat=category: self.mark_selection(cat))
        return menu

    def mark_menu(self) -> QtWidgets.QMenu | None:
        """Pop up the category menu at the selection (M)."""
        if not self.raw.textCursor().hasSelection():
            self.statusBar().showMessage("Select some raw text first.", 5000)
            return None
        menu = self.category_menu(self)
        menu.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        rect = self.raw.cursorRect()
        menu.popup(self.raw.viewport().mapToGlobal(rect.bottomLeft()))
        return menu

    def _fill_context_menu(self, menu: QtWidgets.QMenu, pos: int) -> None:
        span_id = self.raw.span_at(pos) if pos >= 0 else None
        edit_id = self.raw.edit_at(pos) if pos >= 0 else None
        menu.addSeparator()
        if span_id is not None and self.session.doc is not None:
            span = self.session.doc.span(span_id)
            verb = "Keep" if span.removed else "Remove"
            toggle = menu.addAction(f"{verb} This {palette.LABELS[span.category]} Span")
            toggle.triggered.connect(lambda: self._on_span_clicked(span_id))
            if span.user_decision is not None:
                reset = menu.addAction("Reset to Automatic Decision")
                reset.triggered.connect(lambda: self.session.reset(span_id))
            if span.origin == "user":
                delete = menu.addAction("Delete My Span")
                delete.triggered.connect(lambda: self.session.delete_span(span_id))
        if edit_id is not None and self.session.doc is not None:
            edit = next(e for e in self.session.doc.edits if e.id == edit_id)
            label = "Undo This Repair" if edit.enabled else "Apply This Repair"
            repair = menu.addAction(label)
            repair.triggered.connect(
                lambda: self.session.set_edit_enabled(edit_id, not edit.enabled))
        marks = self.category_menu(menu)
        marks.setEnabled(self.raw.textCursor().hasSelection())
        menu.addMenu(marks)
        text = self.rule_text(span_id)
        menu.addSeparator()
        for label, keep in (("Remove Everything Like This…", False),
                            ("Always Keep Text Like This…", True)):
            action = menu.addAction(label)
            action.setEnabled(bool(text))
            action.triggered.connect(lambda _c=False, k=keep, t=text: self.open_rule_dialog(t, k))

    # ------------------------------------------------------------------ user rules
    def rule_text(self, span_id: int | None = None) -> str:
        """The raw selection, or else the text of the span ``span_id``."""
        doc = self.session.doc
        if doc is None:
            return ""
        start, end = self.raw.selection()
        if end > start:
            return doc.raw[start:end]
        if span_id is not None:
            span = doc.span(span_id)
            return doc.raw[span.start:span.end]
        return ""

    def loaded_documents(self) -> list[Document]:
        """The document a rule preview counts on at once: the open one."""
        return [self.session.doc] if self.session.doc is not None else []

    def queue_preview(self, parent: QtCore.QObject) -> QueuePreview | None:
        """Counts for the other documents of the queue (None without a queue).

        They are read again from their sources on the background helper,
        with their saved decisions, as when they are opened.
        """
        current = self.queue.current
        others = [e for e in self.queue.model.entries if e is not current and e.error is None]
        if not self.queue.active or not others:
            return None
        return QueuePreview(self.tasks, others, lambda entry: load_entry(entry).doc, parent)

    def open_rule_dialog(self, text: str, keep: bool) -> RuleDialog:
        """Propose a rule for ``text``; saving it applies it (shown without blocking)."""
        dialog = RuleDialog(text, keep, self.loaded_documents, self)
        dialog.set_queue(self.queue_preview(dialog))
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(lambda: self._save_rule(dialog))
        dialog.open()
        return dialog

    def _save_rule(self, dialog: RuleDialog) -> None:
        path = userrules.rules_path()
        try:
            existing = user_rules.load_user_rules(path)
            rule = dialog.candidate(existing)
            user_rules.save_rules(path, [*existing, rule])
        except (RuleError, OSError) as exc:
            self.banner.show_message("error", "The rule was not saved", [str(exc)])
            return
        self.statusBar().showMessage(f"Saved rule {rule.id} to {path}", 8000)
        self.reapply_rules(f"Apply rule {rule.id}")

    def open_rules_manager(self) -> RulesManager:
        manager = RulesManager(self.loaded_documents, self.reapply_rules, self,
                               queue_preview=self.queue_preview)
        manager.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.rulesApplied.connect(manager.refresh_counts)
        manager.open()
        return manager

    def reapply_rules(self, label: str = "Apply my rules") -> None:
        """Apply the rule file as it is now to the open document, as one undoable step.

        The input is inspected again on the background helper; what the
        changed rules add or drop is then pushed as a command, so the undo
        history (and every decision) stays, and Ctrl+Z takes the rules'
        effect back from this document.  Only the newest request counts: an
        older result arriving late is dropped.
        """
        doc = self.session.doc
        entry = self.queue.current
        path = self.session.input_path
        self._rules_token += 1
        token = self._rules_token
        if doc is None or (entry is None and path is None):
            self.rulesApplied.emit()
            return
        load = (lambda: load_entry(entry)) if entry is not None else (
            lambda: load_document(path))
        self.statusBar().showMessage("Applying your rules…")
        self.tasks.run(load, lambda result: self._rules_reinspected(token, doc, label, result),
                       lambda exc: self._rules_failed(token, doc, exc))

    def _rules_reinspected(self, token: int, doc: Document, label: str, result: Loaded) -> None:
        from inspector import store

        if token != self._rules_token or self.session.doc is not doc:
            return  # a newer change of the rules, or another document, came since
        if result.doc.raw != doc.raw:
            self._rules_failed(token, doc, InspectorError(
                "the input changed since it was opened; open it again to apply your rules"))
            return
        warnings = store.apply_decisions(result.doc, store.to_json(doc))
        removed, added = user_rules.span_changes(doc, result.doc)
        if removed or added:
            self.session.push(commands.ReplaceSpans(doc, label, removed, added))
            self.statusBar().showMessage(
                f"{label}: {len(added)} span{'s' if len(added) != 1 else ''} added, "
                f"{len(removed)} dropped in this document (Ctrl+Z takes it back here)", 8000)
        else:
            self.statusBar().showMessage(f"{label}: nothing changes in this document", 8000)
        if warnings:
            self.banner.show_message("warning", "Rules applied; some decisions not restored:",
                                     warnings)
        self.rulesApplied.emit()
        self.documentUpdated.emit()

    def _rules_failed(self, token: int, doc: Document, exc: BaseException) -> None:
        if token != self._rules_token or self.session.doc is not doc:
            return
        if not isinstance(exc, (InspectorError, OSError)):
            log.error("applying the rules failed", exc_info=exc)
        self.banner.show_message("error", "Your rules were not applied to this document",
                                 [str(exc)])
        self.statusBar().clearMessage()
        self.rulesApplied.emit()

    # ------------------------------------------------------------------ navigation
    def go(self, step: int, *, review: bool = False) -> Span | None:
        """Select the next (step=1) or previous (-1) span, optionally only spans to review."""
        doc = self.session.doc
        if doc is None or not doc.spans:
            return None
        spans = doc.spans
        current = self._focused()
        if current is not None:
            index = spans.index(current)
        else:  # start from the raw pane's cursor
            pos = self.raw.positions.to_cp(self.raw.textCursor().position())
            index = next((i for i, s in enumerate(spans) if s.start >= pos), len(spans)) - (
                1 if step > 0 else 0)
        n = len(spans)
        for k in range(1, n + 1):
            candidate = spans[(index + step * k) % n]
            if review and not candidate.needs_review:
                continue
            wrapped = (index + step * k) >= n or (index + step * k) < 0
            if wrapped:
                self.statusBar().showMessage("Wrapped around", 3000)
            self.focus_span(candidate.id)
            return candidate
        self.statusBar().showMessage("No span to review." if review else "No span.", 5000)
        return None

    # ------------------------------------------------------------------ view
    def open_find(self) -> None:
        pane = "cleaned" if self.clean.hasFocus() else (
            "raw" if self.raw.hasFocus() else self._last_pane)
        self.find_bar.open_for(pane)

    def _set_last_pane(self, name: str) -> None:
        self._last_pane = name

    def zoom(self, step: int | None) -> None:
        self._zoom = 0 if step is None else max(-8, min(20, self._zoom + step))
        for pane in (self.raw, self.clean):
            pane.set_zoom(self._zoom)
        self.settings.setValue(keys.ZOOM, self._zoom)

    @property
    def zoom_level(self) -> int:
        return self._zoom

    def set_wrap(self, on: bool) -> None:
        mode = (QtWidgets.QPlainTextEdit.LineWrapMode.WidgetWidth if on
                else QtWidgets.QPlainTextEdit.LineWrapMode.NoWrap)
        for pane in (self.raw, self.clean):
            pane.setLineWrapMode(mode)
        self.settings.setValue(keys.WRAP, on)

    def set_sync(self, on: bool) -> None:
        self.link.enabled = on
        self.settings.setValue(keys.SYNC, on)
        if on:
            self.link.from_raw()

    def toggle_html(self) -> None:
        if self.raw_tabs.isTabEnabled(1):
            self.raw_tabs.setCurrentIndex(1 - self.raw_tabs.currentIndex())

    def show_shortcuts(self) -> None:
        rows = "".join(
            f"<tr><td>{a.text().replace('&', '')}</td><td><b>{_shortcut_text(a)}</b></td></tr>"
            for a in self.actions() if a.shortcuts())
        QtWidgets.QMessageBox.information(self, "Keyboard shortcuts",
                                          f"<table cellspacing=4>{rows}</table>")

    def show_about(self) -> None:
        from inspector import __version__

        QtWidgets.QMessageBox.about(
            self, f"About {APP_NAME}",
            f"<b>{APP_NAME}</b> {__version__}<br>Raw and cleaned scrapes side by side; "
            "every removal explained and reversible.")

    # ------------------------------------------------------------------ drag and drop
    def dragEnterEvent(self, event: QtGui.QDragEnterEvent) -> None:  # noqa: N802
        if any(url.isLocalFile() for url in event.mimeData().urls()):
            event.acceptProposedAction()

    def dropEvent(self, event: QtGui.QDropEvent) -> None:  # noqa: N802 - Qt override
        paths = [Path(u.toLocalFile()) for u in event.mimeData().urls() if u.isLocalFile()]
        if paths:
            event.acceptProposedAction()
            self.open_paths(paths)
