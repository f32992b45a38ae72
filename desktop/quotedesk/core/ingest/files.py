"""The checks every reader makes on a path before reading it, each with its user-facing reason."""
from __future__ import annotations

import os
import stat
from pathlib import Path

from quotedesk.core.ingest.errors import IngestError


def stat_regular_file(p: Path) -> os.stat_result:
    """``p``'s stat, or an ``IngestError``: missing, no permission, unopenable, a folder, not a file."""
    try:
        st = p.stat()
    except FileNotFoundError:
        raise IngestError(p, "no such file") from None
    except PermissionError:
        raise IngestError(p, "permission denied") from None
    except OSError as exc:
        raise IngestError(p, f"cannot be opened ({exc.strerror or exc})") from None
    if stat.S_ISDIR(st.st_mode):
        raise IngestError(p, "is a folder, not a file")
    if not stat.S_ISREG(st.st_mode):
        raise IngestError(p, "is not a regular file (a device, pipe or socket)")
    return st


def path_text(p: str | os.PathLike[str]) -> str:
    """A path as text that can be stored and printed. Python keeps the bytes of a file name that
    are not UTF-8 as lone surrogates, which SQLite and UTF-8 output refuse; they become ``\\xNN``
    escapes of the original bytes (``b"a\\xff.txt"`` -> ``"a\\\\xff.txt"``). Valid names are unchanged."""
    text = os.fspath(p)
    try:
        text.encode("utf-8")
        return text
    except UnicodeEncodeError:
        try:
            return text.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
        except UnicodeEncodeError:  # a surrogate that is not an escaped byte
            return text.encode("utf-8", "backslashreplace").decode("utf-8")
