"""One BLAS thread in the window's process (best effort).

NumPy's bundled OpenBLAS starts a thread per core for a float32 product of some size. During an
in-window import the process already keeps both cores of a small machine busy (the import's
matching in Python, onnxruntime encoding its quotes on another thread, the GUI), and OpenBLAS's
threads then wait for each other: searching 17 quotes against 19,250 statement vectors took
30-90 ms with two BLAS threads on a busy 2-core machine and 8-13 ms with one; one query alone,
12-40 ms against 2-4 ms. :func:`use_one_thread` is called once when the window's application
starts, before any worker thread exists (changing the count while another thread is inside a
product is not something to rely on).

The library is found among those the process has loaded (``/proc/self/maps``, Linux) and called
through ctypes by its exported name (``scipy_openblas_set_num_threads64_`` in NumPy >= 2 wheels,
``openblas_set_num_threads`` in older builds). Where it is not found (another BLAS, another
platform) nothing changes: the products are the same, only their threads differ.
"""
from __future__ import annotations

import ctypes
import re

_NAMES = [("scipy_openblas_set_num_threads64_", "scipy_openblas_get_num_threads64_"),
          ("openblas_set_num_threads64_", "openblas_get_num_threads64_"),
          ("openblas_set_num_threads", "openblas_get_num_threads")]

_api: tuple | None = None
_looked = False


def _find() -> tuple | None:
    """(set, get) functions of the loaded OpenBLAS, or None."""
    global _api, _looked
    if _looked:
        return _api
    _looked = True
    import numpy  # noqa: F401 - loads its BLAS

    try:
        with open("/proc/self/maps", encoding="utf-8", errors="replace") as fh:
            paths = sorted(set(re.findall(r"(/\S*openblas\S*\.(?:so|dylib|dll)\S*)", fh.read())))
    except OSError:
        return None
    for path in paths:
        try:
            lib = ctypes.CDLL(path)
        except OSError:
            continue
        for set_name, get_name in _NAMES:
            if hasattr(lib, set_name) and hasattr(lib, get_name):
                setter, getter = getattr(lib, set_name), getattr(lib, get_name)
                setter.argtypes, setter.restype = [ctypes.c_int], None
                getter.argtypes, getter.restype = [], ctypes.c_int
                _api = (setter, getter)
                return _api
    return None


def threads() -> int | None:
    """OpenBLAS's thread count now (None: not found)."""
    api = _find()
    return api[1]() if api else None


def use_one_thread() -> bool:
    """Run OpenBLAS on one thread from now on, in the whole process; False if not found."""
    api = _find()
    if api is None:
        return False
    api[0](1)
    return True
