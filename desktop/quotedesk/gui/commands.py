"""Thin ``QUndoCommand`` adapters over the core's invertible edits.

``redo()`` applies the current op and keeps its inverse; ``undo()`` applies that inverse and
keeps *its* inverse as the next redo (so a redo after undo restores the same ids, e.g. a
deleted quote comes back with its id). Errors go to ``on_error`` and make the command obsolete.
"""
from __future__ import annotations

from typing import Callable

from PySide6.QtGui import QUndoCommand

from quotedesk.core.store import Store, StoreError
from quotedesk.core.store.edits import Applied, Changes, Edit, apply


class EditCommand(QUndoCommand):
    """One undo step = one core edit."""

    def __init__(self, store: Store, op: Edit, *, on_changes: Callable[[Changes, Applied], None],
                 on_error: Callable[[str], None], text: str | None = None):
        super().__init__(text or op.label)
        self._store = store
        self._redo_op: Edit = op
        self._undo_op: Edit | None = None
        self._on_changes = on_changes
        self._on_error = on_error
        self.last_applied: Applied | None = None

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

    def redo(self) -> None:
        applied = self._run(self._redo_op)
        if applied is not None:
            self._undo_op = applied.inverse

    def undo(self) -> None:
        if self._undo_op is None:
            return
        applied = self._run(self._undo_op)
        if applied is not None:
            self._redo_op = applied.inverse
