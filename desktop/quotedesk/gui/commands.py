"""Thin ``QUndoCommand`` adapters over the core's invertible edits.

``redo()`` applies the current op and keeps its inverse; ``undo()`` applies that inverse and
keeps *its* inverse as the next redo (so a redo after undo restores the same ids, e.g. a
deleted quote comes back with its id). Errors go to ``on_error`` and make the command obsolete.

Saving goes through the window's :class:`~quotedesk.gui.write_queue.WriteQueue`: while another
program holds the write lock the step waits there (see
:class:`~quotedesk.gui.write_queue.QueuedUndoCommand`), and the views change when it is saved.
"""
from __future__ import annotations

from typing import Callable

from quotedesk.core.store import Store
from quotedesk.core.store.edits import Applied, Changes, Edit, apply
from quotedesk.gui.write_queue import QueuedUndoCommand, WriteQueue


class EditCommand(QueuedUndoCommand):
    """One undo step = one core edit."""

    def __init__(self, store: Store, op: Edit, *, on_changes: Callable[[Changes, Applied], None],
                 on_error: Callable[[str], None], text: str | None = None,
                 queue: WriteQueue | None = None, on_text_changed: Callable[[], None] | None = None):
        super().__init__(text or op.label, queue=queue, on_error=on_error, on_text_changed=on_text_changed)
        self._store = store
        self._redo_op: Edit = op
        self._undo_op: Edit | None = None
        self._on_changes = on_changes
        self.last_applied: Applied | None = None

    def _can(self, forward: bool) -> bool:
        return forward or self._undo_op is not None

    def _write(self, forward: bool) -> None:
        # the op is read when the step runs: a waiting redo's inverse is known by its undo's turn
        applied = apply(self._store, self._redo_op if forward else self._undo_op)
        self.last_applied = applied
        if forward:
            self._undo_op = applied.inverse
        else:
            self._redo_op = applied.inverse
        self._on_changes(applied.changes, applied)

    def _failed(self, forward: bool) -> None:
        if forward:
            self._undo_op = None  # it never happened: nothing to undo
