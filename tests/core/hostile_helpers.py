"""Shared by the hostile-input tests: real small filesystems (tmpfs mounts) and a database of
quotes whose text a spreadsheet or a terminal would obey."""
from __future__ import annotations

import contextlib
import json
import subprocess
from pathlib import Path

import pytest

HOSTILE_TITLE = "Budget \x1b]0;pwned\x07\x1b[2J title"
HOSTILE_TEXT = ('Budget\n\n"=HYPERLINK(1) we will win," said Ana Rivera.\n\n'
                '"@SUM(A1) is \x1b[31mfine," said Tom Becker.\n\n'
                '"+1 and -1 cancel out," said Ana Rivera.\n')


def hostile_batch(folder: Path, *, long_quotes: int = 0) -> Path:
    """A JSONL batch of one hostile article (and ``long_quotes`` long quotes in a second one)."""
    path = folder / "hostile.jsonl"
    rows = [{"id": "a1", "title": HOSTILE_TITLE, "text": HOSTILE_TEXT}]
    if long_quotes:
        body = "\n\n".join(f'"{"We will build the road number %d " % i * 12}now," said Ana Rivera.'
                           for i in range(long_quotes))
        rows.append({"id": "a2", "title": "Roads", "text": "Roads\n\n" + body + "\n"})
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return path


def hostile_db(folder: Path, **kwargs) -> Path:
    from quotedesk.core.importer import import_paths
    from quotedesk.core.store import open_store

    db = folder / "hostile.db"
    with open_store(db) as store:
        import_paths(store, [hostile_batch(folder, **kwargs)], match=False)
    return db


@contextlib.contextmanager
def tmpfs(mountpoint: Path, size: str):
    """A real tmpfs of ``size`` at ``mountpoint`` (tests run as root in the container); skipped
    where mounting is not allowed."""
    mountpoint.mkdir(parents=True, exist_ok=True)
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(mountpoint)],
                          capture_output=True, text=True)
    if done.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here ({done.stderr.strip()})")
    try:
        yield mountpoint
    finally:
        subprocess.run(["umount", "-l", str(mountpoint)], capture_output=True)


def remount_read_only(mountpoint: Path) -> None:
    subprocess.run(["mount", "-o", "remount,ro", str(mountpoint)], check=True)
