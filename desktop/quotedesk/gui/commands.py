"""Thin ``QUndoCommand`` adapters over the core's invertible edits.

``redo()`` applies the current op and keeps its inverse; ``undo()`` applies that inverse and
keeps *its* inverse as the next redo (so a redo after undo restores the same ids, e.g. a
deleted quote comes back with its id). Errors go to ``on_error`` and make the command obsolete.

Saving goes through the window's :class:`~quotedesk.gui.write_queue.WriteQueue` when it has one:
while another program holds the write lock the step waits there, its text in the history says
"waiting to be saved" until it is, an undo before then simply drops it, and a step that finally
fails says "not saved". What the history shows as done is in the database.
"""
from __future__ import annotations

from typing import Callable

from PySide6.QtGui import QUndoCommand

from quotedesk.core.store import Store, StoreError
from quotedesk.core.store.edits import Applied, Changes, Edit, apply

WAITING = " (waiting to be saved)"
NOT_SAVED = " (not saved)"


class EditCommand(QUndoCommand):
    """One undo step = one core edit."""

    def __init__(self, store: Store, op: Edit, *, on_changes: Callable[[Changes, Applied], None],
                 on_error: Callable[[str], None], text: str | None = None, queue=None,
                 on_text_changed: Callable[[], None] | None = None):
        super().__init__(text or op.label)
        self._label = text or op.label
        self._store = store
        self._redo_op: Edit = op
        self._undo_op: Edit | None = None
        self._on_changes = on_changes
        self._on_error = on_error
        self._queue = queue
        self._job = None  # the redo or undo still waiting in the queue
        self._on_text_changed = on_text_changed or (lambda: None)
        self.last_applied: Applied | None = None

    def setText(self, text: str) -> None:  # noqa: N802 - Qt override
        self._label = text
        super().setText(text)

    @property
    def waiting(self) -> bool:
        """This step is not in the database yet (another program holds the write lock)."""
        return self._job is not None and self._job.state == "queued"

    def _run(self, op: Edit) -> Applied | None:
        try:
            applied = apply(self._store, op)
        except StoreError as exc:
            self.setObsolete(True)
            self._on_error(str(exc))
            return None
        self.last_applied = applied
        self._on_changes(applied.changes, applied)
        return applied

    def _save(self, forward: bool) -> None:
        def run() -> None:  # the op is read when it runs: an earlier step's inverse is known by then
            op = self._redo_op if forward else self._undo_op
            applied = apply(self._store, op)
            self.last_applied = applied
            if forward:
                self._undo_op = applied.inverse
            else:
                self._redo_op = applied.inverse
            if self._job is not None:  # saved late: the history and the views catch up
                self._job = None
                super(EditCommand, self).setText(self._label)
                self._on_text_changed()
            self._on_changes(applied.changes, applied)

        def failed(message: str) -> None:
            self._job = None
            super(EditCommand, self).setText(self._label + NOT_SAVED)
            if forward:
                self._undo_op = None  # nothing to undo
            self._on_text_changed()
            self._on_error(message)

        try:
            job = self._queue.submit(run, on_failed=failed)
        except StoreError as exc:  # saving now failed for another reason than the lock
            self.setObsolete(True)
            self._on_error(str(exc))
            return
        if job.state == "queued":
            self._job = job
            super().setText(self._label + WAITING)
            self._on_text_changed()

    def _drop_waiting(self) -> bool:
        """Cancel the opposite step if it is still waiting: it never reached the database."""
        if self._job is not None and self._queue.cancel(self._job):
            self._job = None
            super().setText(self._label)
            self._on_text_changed()
            return True
        return False

    def redo(self) -> None:
        if self._queue is not None:
            if not self._drop_waiting():
                self._save(forward=True)
            return
        applied = self._run(self._redo_op)
        if applied is not None:
            self._undo_op = applied.inverse

    def undo(self) -> None:
        if self._queue is not None:
            if not self._drop_waiting() and self._undo_op is not None:
                self._save(forward=False)
            return
        if self._undo_op is None:
            return
        applied = self._run(self._undo_op)
        if applied is not None:
            self._redo_op = applied.inverse
