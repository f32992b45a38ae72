"""Starting background work for the matching widgets: the house helper plus lifetime rules.

:func:`start` is :func:`quotedesk.gui.workers.run_in_background` (same contract: ``fn`` never
touches widgets; callbacks run on the GUI thread) and makes sure the op's QObject is destroyed
on the GUI thread: ``deleteLater`` once finished, and a strong reference kept here until Qt has
destroyed it. Why: a ``BackgroundOp`` references itself through its ``TaskState``, so without
this it is freed by Python's cyclic garbage collector, which may run in a pool thread and then
deletes a GUI-thread QObject there ("QObject: shared QObject was deleted directly", segfaults in
"Garbage-collecting" frames, seen in the screenshot script). Callbacks should hold widgets
weakly (:func:`weak_callback`) so that an op never keeps a widget alive into a collection
in another thread. The proper fix belongs in ``workers.py`` (see the report); then this goes.
"""
from __future__ import annotations

import weakref
from typing import Any, Callable

import shiboken6

from quotedesk.gui.workers import BackgroundOp, TaskState, run_in_background

_alive: dict[int, BackgroundOp] = {}


def start(fn: Callable[[TaskState], Any], on_done: Callable[[Any], None],
          on_error: Callable[[BaseException], None],
          progress: Callable[[float], None] | None = None) -> BackgroundOp:
    """Run ``fn(task)`` in a pool thread (never touching widgets); callbacks on the GUI thread."""
    op = run_in_background(fn, on_done, on_error, progress=progress)
    key = id(op)
    _alive[key] = op
    op.destroyed.connect(lambda *_: _alive.pop(key, None))
    op.sig_finished.connect(op.deleteLater)
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
