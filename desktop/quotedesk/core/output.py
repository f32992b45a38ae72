"""What Quotedesk writes out: whole files or nothing, cells that are never formulas, and text that
cannot drive a terminal.

One place decides, for every writer (quote and verdict exports, the ``match`` run, backups,
reports, screenshots):

* :func:`atomic_write` / :func:`atomic_path`: a file is written to a temporary file in the same
  folder, flushed to disk, and renamed over the target only when complete; on any failure the
  temporary file is removed and an existing target is left as it was.
* :func:`csv_cell`: a text cell that a spreadsheet would read as a formula (it starts with ``=``,
  ``+``, ``-``, ``@``, a tab or a carriage return: OWASP's CSV injection list) gets a leading
  ``'``; other control characters are shown as ``\\xNN`` (the csv module quotes tabs and newlines
  inside a cell, so they cannot start a new row).
* :func:`tsv_field`: a field of an unquoted tab-separated file escapes backslash, tab, newline,
  carriage return and every other control character, so one value is one field on one line.
* :func:`terminal_safe`: text printed to a terminal shows control characters (ANSI escapes, C1
  controls, bidirectional overrides) as visible escapes instead of obeying them.
"""
from __future__ import annotations

import contextlib
import errno
import json
import os
import re
import tempfile
from pathlib import Path
from typing import IO, Iterator

# -- whole files or nothing ---------------------------------------------------------------------


def _check_folder(target: Path) -> None:
    folder = target.parent
    if not folder.exists():
        raise FileNotFoundError(errno.ENOENT, f"the folder {folder} does not exist "
                                "(create it first, or choose another place)", str(target))
    if not folder.is_dir():
        raise NotADirectoryError(errno.ENOTDIR, f"{folder} is not a folder", str(target))
    if target.is_dir():
        raise IsADirectoryError(errno.EISDIR, f"{target} is a folder; give a file name", str(target))


def _default_mode(target: Path) -> int:
    try:
        return target.stat().st_mode & 0o7777
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


def _fsync_folder(folder: Path) -> None:
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:  # pragma: no cover - e.g. Windows
        return
    try:
        os.fsync(fd)
    except OSError:  # pragma: no cover
        pass
    finally:
        os.close(fd)


@contextlib.contextmanager
def atomic_path(target: str | os.PathLike) -> Iterator[Path]:
    """A temporary path beside ``target`` (same suffix, so writers that go by it still work) for a
    writer that needs a file name (SQLite's backup, Qt's image and PDF writers). When the block
    ends normally and the file exists, it is flushed and renamed over ``target``; otherwise it is
    removed and ``target`` is untouched."""
    target = Path(target)
    _check_folder(target)
    fd, name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=f".tmp{target.suffix}",
                                dir=target.parent)
    os.close(fd)
    tmp = Path(name)
    tmp.unlink()  # the writer creates it (SQLite refuses nothing, Qt writers want a fresh file)
    try:
        yield tmp
        if not tmp.exists():
            raise OSError(errno.EIO, f"nothing was written to {target}", str(target))
        fd = os.open(tmp, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
        os.chmod(tmp, _default_mode(target))
        os.replace(tmp, target)
        _fsync_folder(target.parent)
    finally:
        with contextlib.suppress(FileNotFoundError):
            tmp.unlink()


@contextlib.contextmanager
def atomic_write(target: str | os.PathLike, mode: str = "w", *, encoding: str | None = "utf-8",
                 newline: str | None = None) -> Iterator[IO]:
    """Open a temporary file beside ``target`` for writing; on normal exit it is flushed, synced
    and renamed over ``target``; on an exception it is removed and ``target`` keeps its old
    content. Raises ``OSError`` (``FileNotFoundError`` with a message saying so when the folder
    does not exist)."""
    if "b" in mode:
        encoding = newline = None
    with atomic_path(target) as tmp:
        with open(tmp, mode, encoding=encoding, newline=newline) as fh:
            yield fh
            fh.flush()


def atomic_write_text(target: str | os.PathLike, text: str, *, encoding: str = "utf-8") -> None:
    with atomic_write(target, encoding=encoding) as fh:
        fh.write(text)


def write_error(target: str | os.PathLike, exc: OSError) -> str:
    """One line for a failed write: which file, and why in words ("the disk is full")."""
    if exc.errno in (errno.ENOSPC, errno.EDQUOT):
        why = "the disk is full (free some space and try again)"
    elif exc.errno in (errno.EROFS,):
        why = "the disk is read-only"
    elif exc.errno in (errno.EACCES, errno.EPERM):
        why = "permission denied (choose a folder you can write to)"
    else:
        why = exc.strerror or str(exc)
    return f"cannot write {target}: {why}; nothing was written"


# -- cells and fields ---------------------------------------------------------------------------

#: Control characters other than tab, newline and carriage return, DEL, the C1 range, and the
#: invisible bidirectional controls (which reorder what a terminal or spreadsheet shows).
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]")
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _visible(m: re.Match) -> str:
    c = ord(m.group())
    return f"\\x{c:02x}" if c < 0x100 else f"\\u{c:04x}"


def csv_cell(value):
    """A value as a safe CSV cell: numbers and None unchanged; text with control characters made
    visible and a leading ``'`` if a spreadsheet would take it for a formula."""
    if not isinstance(value, str):
        return value
    value = _CONTROL.sub(_visible, value)
    if value.startswith(_FORMULA_START):
        value = "'" + value
    return value


def csv_row(row: dict) -> dict:
    return {k: csv_cell(v) for k, v in row.items()}


_TSV_ESCAPES = {"\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r"}
_TSV_SPECIAL = re.compile("[\\\\\t\n\r\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029\u200e\u200f"
                          "\u202a-\u202e\u2066-\u2069]")


def tsv_field(value) -> str:
    """A value as one field of an unquoted TSV line (backslash escapes, as in PostgreSQL's text
    format): it can never split into two fields or two lines."""
    text = "" if value is None else str(value)
    return _TSV_SPECIAL.sub(lambda m: _TSV_ESCAPES.get(m.group()) or _visible(m), text)


_ANY_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def has_control(text: str) -> bool:
    """True if ``text`` holds a tab, newline or any other control character (not allowed in ids)."""
    return bool(_ANY_CONTROL.search(text))


_JSON_UNSAFE = re.compile("[\x7f-\x9f\u2028\u2029\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def json_dumps(obj, **kwargs) -> str:
    """``json.dumps`` keeping non-ASCII text readable, with the characters JSON leaves raw but a
    terminal or a browser would obey (DEL, C1 controls, bidirectional overrides, line separators)
    written as ``\\uXXXX`` escapes: the same JSON value, safe to print."""
    text = json.dumps(obj, ensure_ascii=False, **kwargs)
    return _JSON_UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


# -- terminals ----------------------------------------------------------------------------------

_TERMINAL_NO_TAB_CR = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e"
                                 "\u2066-\u2069]")
_TERMINAL_TABS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e"
                            "\u2066-\u2069]")


def terminal_safe(text: str, *, keep_tabs: bool = False) -> str:
    """``text`` with every control character but newline (and tab, carriage return if
    ``keep_tabs``: data on standard output) shown as a visible escape: an article title cannot
    clear the screen, move the cursor, rename the terminal window or hide text."""
    pattern = _TERMINAL_NO_TAB_CR if not keep_tabs else _TERMINAL_TABS
    return pattern.sub(_visible, text)

