"""Work around a PySide6 6.12.0 reference-count bug that crashes long sessions on Python < 3.12.

``SignalInstance.emit()`` returns ``Py_True`` without taking a reference; the interpreter then
drops one, so every ``.emit()`` called from Python steals a reference to ``True``. ``True``
starts with a few hundred, so after some hundreds of emits (progress reports, results of
background ops, test runs) CPython deallocates ``True`` and the process dies: "Fatal Python
error: bool_dealloc: deallocating True or False" or a segfault in a random place (seen here
with PySide6-Essentials 6.12.0 on CPython 3.11.7; 100 emits -> 100 references lost, while
signals emitted by Qt itself are unaffected). On Python >= 3.12 ``True`` is immortal.

``pyproject.toml`` excludes 6.12.0; for an environment that has it anyway,
:func:`guard_emit_refcount` (called by ``gui.app.make_app`` and ``tests/conftest.py``) detects the
leak and then gives ``True`` a huge reference count once per process. Remove when no supported
PySide6 has the bug.
"""
from __future__ import annotations

import ctypes
import sys

_PINNED = False


def emit_leaks_true() -> bool:
    """True when ``Signal.emit()`` loses a reference to ``True`` in this process."""
    from PySide6.QtCore import QObject, Signal

    class _Probe(QObject):
        sig = Signal()

    probe = _Probe()
    before = sys.getrefcount(True)
    for _ in range(10):
        probe.sig.emit()
    return sys.getrefcount(True) < before


def pin_true() -> bool:
    """Make ``True`` effectively immortal (once per process); returns whether it was needed."""
    global _PINNED
    if _PINNED or sys.version_info >= (3, 12) or sys.implementation.name != "cpython":
        return False
    ctypes.c_ssize_t.from_address(id(True)).value += 1 << 40
    _PINNED = True
    return True


def guard_emit_refcount() -> bool:
    """Pin ``True`` only if this PySide6 has the emit() leak; returns whether it did."""
    return emit_leaks_true() and pin_true()
