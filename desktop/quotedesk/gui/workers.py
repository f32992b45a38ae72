"""The one way to run slow work off the GUI thread: :func:`run_in_background`.

Contract:

* ``fn(task)`` runs in a pool thread. It must never touch widgets, models or the GUI's
  ``Store`` (a worker opens its own store on the same database file). It may call
  ``task.progress(fraction)`` and ``task.status(text)``, and poll ``task.cancelled()``.
* ``on_done(result)``, ``on_error(exc)`` and ``progress(fraction)`` always run on the GUI
  thread (queued signal connections), exactly one of ``on_done``/``on_error`` per call.
* The returned :class:`BackgroundOp` can be cancelled (cooperatively) and emits
  ``sig_finished`` after the callback ran, which tests wait for.
* Lifetime: the op is kept alive here until Qt has destroyed it with ``deleteLater`` on the GUI
  thread after ``sig_finished``. (A ``BackgroundOp`` references itself through its
  ``TaskState``; left to Python's cyclic garbage collector it could be freed in a pool thread,
  deleting a GUI-thread QObject there: "shared QObject was deleted directly", then a crash.)
  Callbacks that may outlive their widget should hold it weakly: :func:`weak_callback`.
"""
from __future__ import annotations

import logging
import threading
import traceback
import weakref
from typing import Any, Callable

import shiboken6
from PySide6.QtCore import QObject, QRunnable, Qt, QThreadPool, QTimer, Signal, Slot

log = logging.getLogger(__name__)

_running: dict[int, "BackgroundOp"] = {}  # keeps ops alive until Qt destroyed them (GUI thread)


class TaskState:
    """What the worker function sees: report progress, ask whether to stop. Thread-safe."""

    def __init__(self, op: "BackgroundOp"):
        self._op = op
        self._cancel = threading.Event()

    def progress(self, fraction: float) -> None:
        self._op._sig_progress_raw.emit(float(fraction))

    def status(self, text: str) -> None:
        """A short line of news for the user ("12 done, 1 failed")."""
        self._op._sig_status_raw.emit(str(text))

    def cancelled(self) -> bool:
        return self._cancel.is_set()


class BackgroundOp(QObject):
    """A handle on one background call (lives on the GUI thread)."""

    sig_progress = Signal(float)
    """Progress of the work, 0..1 (GUI thread)."""
    sig_status = Signal(str)
    """A status line from the work (GUI thread)."""
    sig_finished = Signal()
    """Emitted after ``on_done`` or ``on_error`` has run (GUI thread)."""

    _sig_progress_raw = Signal(float)
    _sig_status_raw = Signal(str)
    _sig_result = Signal(object, object)  # (result, error)

    def __init__(self, on_done, on_error, progress):
        super().__init__()
        self.task = TaskState(self)
        self._on_done = on_done
        self._on_error = on_error
        self._progress = progress
        self.finished = False
        self._sig_progress_raw.connect(self._on_progress, Qt.ConnectionType.QueuedConnection)
        self._sig_result.connect(self._on_result, Qt.ConnectionType.QueuedConnection)
        self._sig_status_raw.connect(self.sig_status, Qt.ConnectionType.QueuedConnection)

    def cancel(self) -> None:
        """Ask the work to stop; it stops at its next check of ``task.cancelled()``."""
        self.task._cancel.set()

    @Slot(float)
    def _on_progress(self, fraction: float) -> None:
        if self._progress is not None:
            self._progress(fraction)
        self.sig_progress.emit(fraction)

    @Slot(object, object)
    def _on_result(self, result: Any, error: BaseException | None) -> None:
        try:
            if error is None:
                self._on_done(result)
            else:
                self._on_error(error)
        finally:
            self.finished = True
            self.sig_finished.emit()


class _Runner(QRunnable):
    def __init__(self, fn, op: BackgroundOp):
        super().__init__()
        self._fn = fn
        self._op = op

    def run(self) -> None:  # pool thread
        try:
            result = self._fn(self._op.task)
        except BaseException as exc:  # noqa: BLE001 - handed to on_error on the GUI thread
            log.error("background task failed:\n%s", traceback.format_exc())
            self._op._sig_result.emit(None, exc)
        else:
            self._op._sig_result.emit(result, None)


def run_in_background(fn: Callable[[TaskState], Any], on_done: Callable[[Any], None],
                      on_error: Callable[[BaseException], None],
                      progress: Callable[[float], None] | None = None) -> BackgroundOp:
    """Run ``fn(task)`` in a pool thread; callbacks run on the GUI thread (see module doc)."""
    op = BackgroundOp(on_done, on_error, progress)
    key = id(op)
    _running[key] = op
    op.destroyed.connect(lambda *_: _running.pop(key, None))
    op.sig_finished.connect(op.deleteLater)
    QThreadPool.globalInstance().start(_Runner(fn, op))
    return op


def weak_callback(obj: object, method: str, *args) -> Callable[..., None]:
    """``obj.method(*args, *more)`` if ``obj`` (and, for a Qt object, its C++ side) still exists.

    Holds ``obj`` weakly, so a pending background op never keeps a closed widget alive.
    """
    ref = weakref.ref(obj)

    def call(*more) -> None:
        target = ref()
        if target is None or (isinstance(target, shiboken6.Shiboken.Object)
                              and not shiboken6.isValid(target)):
            return
        getattr(target, method)(*args, *more)
    return call


def wait_all(timeout_ms: int = 30_000) -> bool:
    """Wait for every pool thread (used when closing the window and in tests)."""
    return QThreadPool.globalInstance().waitForDone(timeout_ms)


def debounced(parent: QObject, ms: int, slot: Callable[[], None]) -> QTimer:
    """A single-shot timer that runs ``slot`` ``ms`` after the last ``start()`` (typing, selection)."""
    timer = QTimer(parent)
    timer.setSingleShot(True)
    timer.setInterval(ms)
    timer.timeout.connect(slot)
    return timer
