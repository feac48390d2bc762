"""The one background helper: run slow work off the GUI thread.

``Tasks.run(fn, on_success, on_failure)`` runs ``fn()`` on a thread pool.  The
worker never touches widgets: it only returns a value or raises, and a signal
(queued across threads) delivers the outcome to the callbacks on the GUI
thread.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable
from typing import Any

from .qt import QtCore, Signal


class _Relay(QtCore.QObject):
    done = Signal(int, bool, object)


class _Job(QtCore.QRunnable):
    def __init__(self, task_id: int, fn: Callable[[], Any], relay: _Relay) -> None:
        super().__init__()
        self.task_id = task_id
        self.fn = fn
        self.relay = relay

    def run(self) -> None:  # worker thread
        try:
            result = self.fn()
        except BaseException as exc:  # delivered to on_failure, never lost
            self.relay.done.emit(self.task_id, False, exc)
        else:
            self.relay.done.emit(self.task_id, True, result)


class Tasks(QtCore.QObject):
    """Runs callables in a thread pool and reports back on the GUI thread."""

    #: True while at least one task runs
    busyChanged = Signal(bool)
    #: emitted after a task's callback ran (tests wait for it)
    finished = Signal(int)

    def __init__(self, parent: QtCore.QObject | None = None) -> None:
        super().__init__(parent)
        self._pool = QtCore.QThreadPool(self)
        self._relay = _Relay(self)
        self._relay.done.connect(self._deliver, QtCore.Qt.ConnectionType.QueuedConnection)
        self._ids = itertools.count(1)
        self._pending: dict[int, tuple[Callable[[Any], None],
                                       Callable[[BaseException], None]]] = {}

    @property
    def busy(self) -> bool:
        return bool(self._pending)

    def run(self, fn: Callable[[], Any], on_success: Callable[[Any], None],
            on_failure: Callable[[BaseException], None]) -> int:
        task_id = next(self._ids)
        self._pending[task_id] = (on_success, on_failure)
        if len(self._pending) == 1:
            self.busyChanged.emit(True)
        self._pool.start(_Job(task_id, fn, self._relay))
        return task_id

    def _deliver(self, task_id: int, ok: bool, value: object) -> None:
        on_success, on_failure = self._pending.pop(task_id)
        try:
            if ok:
                on_success(value)
            else:
                assert isinstance(value, BaseException)
                on_failure(value)
        finally:
            if not self._pending:
                self.busyChanged.emit(False)
            self.finished.emit(task_id)

    def wait(self, msecs: int = -1) -> bool:
        """Wait for the workers (used when the application quits)."""
        return self._pool.waitForDone(msecs)
