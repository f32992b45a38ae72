"""Shared by the hostile-input tests: real small filesystems (tmpfs mounts) and a database of
quotes whose text a spreadsheet or a terminal would obey, and real damage to a database's pages."""
from __future__ import annotations

import contextlib
import json
import os
import sqlite3
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


def damage_pages(path: Path, *, page_type: bool = False) -> None:
    """Overwrite the middle of the pages holding the quotes table and its index with garbage.

    The page type byte is kept (a plausible-looking page, which only a check of the file finds)
    unless ``page_type``: then it is made invalid too, which any read of the page reports. Random
    cell bytes under a kept header can read as a valid page with no matching rows (3 seeds in 60)."""
    with sqlite3.connect(path) as conn:
        page_size = conn.execute("PRAGMA page_size").fetchone()[0]
        pages = [r[0] for r in conn.execute(
            "SELECT pageno FROM dbstat WHERE name IN ('quotes', 'idx_quotes_article', 'articles')")]
    assert pages
    with open(path, "r+b") as fh:
        for page in pages:
            fh.seek((page - 1) * page_size + 8)  # keep the page type byte: a plausible-looking page
            fh.write(os.urandom(page_size - 16))
            if page_type:
                fh.seek((page - 1) * page_size)
                fh.write(b"\x00")  # 2, 5, 10 and 13 are the b-tree page types


def hostile_db_with_backup(folder: Path) -> tuple[Path, Path]:
    """A real database of three quotes, and a backup of it as File > Back up writes it."""
    from quotedesk.core.store import open_store
    from quotedesk.core.store.db import backup_to

    db = hostile_db(folder)
    with open_store(db) as store:
        backup = backup_to(store, db.with_name("hostile-backup.db"))  # what File > Back up writes
        store.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    return db, backup


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


def pdf_bytes(objects: list[bytes], *, root: int = 1) -> bytes:
    """A real PDF file from its numbered objects (1-based), with a correct cross-reference table."""
    out, offsets = bytearray(b"%PDF-1.4\n"), []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root %d 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, root, xref)
    return bytes(out)


def many_page_pdf(pages: int) -> bytes:
    """A PDF of ``pages`` pages, page N reading ``Page N says hello.`` (Helvetica, uncompressed)."""
    font = 3 + 2 * pages
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>",
               b"<< /Type /Pages /Kids [%s] /Count %d >>" % (
                   b" ".join(b"%d 0 R" % (3 + 2 * i) for i in range(pages)), pages)]
    for i in range(pages):
        content = b"BT /F1 12 Tf 72 720 Td (Page %d says hello.) Tj ET" % (i + 1)
        objects.append(b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents %d 0 R "
                       b"/Resources << /Font << /F1 %d 0 R >> >> >>" % (4 + 2 * i, font))
        objects.append(b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream")
    objects.append(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>")
    return pdf_bytes(objects)
