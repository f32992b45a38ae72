"""Saving the analyst's changes while another program holds the database's write lock.

SQLite lets one writer at a time; ``quotedesk import`` in a terminal may hold the lock for a while
(one article at a time). The window never waits for it on its own thread: its store gives up on
the lock after :data:`EDIT_WAIT_MS` (:attr:`Store.write_wait_ms`), and a change that could not be
saved waits here, in order, retried every :data:`RETRY_MS` from the event loop until it is saved.
Changes made meanwhile queue behind it, so they reach the database in the order they were made.
:attr:`WriteQueue.sig_pending_changed` tells the window how many wait, to say so.

Threading: GUI thread only (jobs run on it, each a short transaction).
"""
from __future__ import annotations

import time
from collections import deque
from typing import Callable

import shiboken6
from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtGui import QUndoCommand

from quotedesk.core.store import Store, StoreError
from quotedesk.core.store.db import StoreBusyError

#: How long one attempt waits for another writer's lock, on the GUI thread.
EDIT_WAIT_MS = 20
#: Pause between attempts while another program writes.
RETRY_MS = 200


class WriteJob:
    """One change to save: ``run()`` does the write (a transaction), ``on_failed(message)`` is told
    if it fails for a reason other than the lock. ``state``: queued, saved, failed or cancelled."""

    def __init__(self, run: Callable[[], None], on_failed: Callable[[str], None]):
        self.run = run
        self.on_failed = on_failed
        self.state = "queued"


class WriteQueue(QObject):
    """The window's changes, saved now if the lock is free, else in order as soon as it is."""

    sig_pending_changed = Signal(int)
    """How many changes wait to be saved (0: everything is saved again)."""

    def __init__(self, store: Store, parent: QObject | None = None):
        super().__init__(parent)
        self._store = store
        store.write_wait_ms = EDIT_WAIT_MS
        self._jobs: deque[WriteJob] = deque()
        self._timer = QTimer(self)
        self._timer.setInterval(RETRY_MS)
        self._timer.timeout.connect(self._on_retry)
        self.waiting_since: float | None = None

    @property
    def pending(self) -> int:
        return len(self._jobs)

    def submit(self, run: Callable[[], None], *, on_failed: Callable[[str], None]) -> WriteJob:
        """Save now if nothing waits and the lock is free; otherwise queue behind the others.
        A failure other than the lock raises :class:`StoreError` when saving now (the caller
        reports it) and goes to ``on_failed`` when saving later."""
        job = WriteJob(run, on_failed)
        if not self._jobs:
            try:
                job.run()
                job.state = "saved"
                return job
            except StoreBusyError:
                pass
        self._jobs.append(job)
        if not self._timer.isActive():
            self.waiting_since = time.monotonic()
            self._timer.start()
        self.sig_pending_changed.emit(len(self._jobs))
        return job

    def cancel(self, job: WriteJob) -> bool:
        """Drop a change that is still waiting (its undo came first); False if it was saved."""
        if job.state != "queued" or job not in self._jobs:
            return False
        self._jobs.remove(job)
        job.state = "cancelled"
        self._changed()
        return True

    def flush(self) -> None:
        """Try the waiting changes now (as the timer does)."""
        self._on_retry()

    def _on_retry(self) -> None:
        while self._jobs and not self._store.closed:
            job = self._jobs[0]
            try:
                job.run()
            except StoreBusyError:
                return  # still locked: next tick
            except StoreError as exc:
                self._jobs.popleft()
                job.state = "failed"
                job.on_failed(str(exc))
            else:
                self._jobs.popleft()
                job.state = "saved"
            self._changed()
        self._changed()

    def _changed(self) -> None:
        if not self._jobs and self._timer.isActive():
            self._timer.stop()
            self.waiting_since = None
            self.sig_pending_changed.emit(0)
        elif self._jobs:
            self.sig_pending_changed.emit(len(self._jobs))


def waiting_message(n: int, path) -> str:
    """What the analyst is told while changes wait for the lock."""
    what = f"{n} change{'s' if n != 1 else ''}"
    return (f"{what} waiting to be saved: another program (for example `quotedesk import`) is writing "
            f"to {path}. {'They' if n != 1 else 'It'} will be saved as soon as it pauses; keep working.")


WAITING = " (waiting to be saved)"
NOT_SAVED = " (not saved)"


class QueuedUndoCommand(QUndoCommand):
    """An undo step saved through a :class:`WriteQueue` (or at once when there is none).

    Subclasses implement :meth:`_write` (the redo when ``forward``, else the undo: one
    transaction, raising :class:`StoreError`) and :meth:`_can` (whether there is anything to do).
    While the step waits for another program's lock its text says "waiting to be saved"; the
    opposite step before it is saved just drops it; a step that finally fails says "not saved"
    and ``on_error`` is told. What the history shows as done is in the database."""

    def __init__(self, text: str, *, queue: WriteQueue | None, on_error: Callable[[str], None],
                 on_text_changed: Callable[[], None] | None = None):
        super().__init__(text)
        self._label = text
        self._queue = queue
        self._on_error = on_error
        self._on_text_changed = on_text_changed or (lambda: None)
        self._job: WriteJob | None = None  # the redo or undo still waiting in the queue

    def setText(self, text: str) -> None:  # noqa: N802 - Qt override
        self._label = text
        super().setText(text)

    @property
    def waiting(self) -> bool:
        """This step is not in the database yet (another program holds the write lock)."""
        return self._job is not None and self._job.state == "queued"

    def _write(self, forward: bool) -> None:  # pragma: no cover - abstract
        raise NotImplementedError

    def _can(self, forward: bool) -> bool:
        return True

    def redo(self) -> None:
        self._step(True)

    def undo(self) -> None:
        self._step(False)

    def _show(self, suffix: str = "") -> None:
        # An undone step waiting to be saved is deleted by the undo stack as soon as a new step is
        # pushed; its undo is still saved (the history shows it undone), there is just no text left.
        if not shiboken6.isValid(self):
            return
        QUndoCommand.setText(self, self._label + suffix)
        self._on_text_changed()

    def _step(self, forward: bool) -> None:
        if self._job is not None and self._queue is not None and self._queue.cancel(self._job):
            self._job = None  # the opposite step never reached the database: nothing to do
            self._show()
            return
        if not self._can(forward):
            return

        def run() -> None:
            self._write(forward)
            if self._job is not None:  # saved late: the history catches up
                self._job = None
                self._show()

        def failed(message: str) -> None:
            self._job = None
            self._show(NOT_SAVED)
            self._failed(forward)
            self._on_error(message)

        try:
            job = self._queue.submit(run, on_failed=failed) if self._queue is not None else run()
        except StoreError as exc:  # saving now failed for another reason than the lock
            self.setObsolete(True)
            self._on_error(str(exc))
            return
        if job is not None and job.state == "queued":
            self._job = job
            self._show(WAITING)

    def _failed(self, forward: bool) -> None:
        """A step failed late (not while being pushed): forget what cannot be undone."""
