"""Issue 13 item 18: a database on a read-only medium opens read-only, with a notice, for real.

The medium is a real tmpfs remounted read-only (tests run as root, so file modes would not stop
a write; a read-only filesystem does)."""
from __future__ import annotations

import sqlite3

import pytest

from quotedesk.core.store import open_store

from tests.core.hostile_helpers import hostile_db, remount_read_only, tmpfs


def test_a_database_on_read_only_media_opens_read_only_with_a_notice(tmp_path):
    with tmpfs(tmp_path / "medium", "8m") as medium:
        db = hostile_db(medium)
        with open_store(db) as store:
            before = store.query("SELECT text FROM quotes ORDER BY id")
        assert before
        for leftover in (db.with_name(db.name + "-wal"), db.with_name(db.name + "-shm")):
            leftover.unlink(missing_ok=True)
        remount_read_only(medium)

        store = open_store(db)
        try:
            assert store.readonly
            assert store.notice and "read-only" in store.notice
            assert store.query("SELECT text FROM quotes ORDER BY id") == before
            with pytest.raises(sqlite3.Error):
                store.execute("DELETE FROM quotes")
        finally:
            store.close()
