"""Issue 13, window side: a damaged database at start-up (item 19) and an edit made while another
process holds the write lock (item 1). Both for real: damaged pages on disk, a second process
holding ``BEGIN IMMEDIATE``."""
from __future__ import annotations

import hashlib
import sys

import pytest
from PySide6.QtWidgets import QApplication, QMessageBox

from tests.core.hostile_helpers import damage_pages, hostile_db_with_backup


@pytest.fixture
def started(monkeypatch):
    """``app.run`` without its event loop: the windows it would have shown are collected."""
    shown = []
    monkeypatch.setattr(QApplication, "exec", lambda self: shown.append(
        [w for w in QApplication.topLevelWidgets() if w.isVisible() and hasattr(w, "store")]) or 0)
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)  # run() installs its own
    return shown


@pytest.mark.parametrize("answer", ["restore", "decline"])
def test_a_damaged_database_at_start_up_says_so_and_offers_the_latest_backup(
        qtbot, tmp_path, monkeypatch, started, answer):
    from quotedesk.gui import app

    db, backup = hostile_db_with_backup(tmp_path)
    damage_pages(db)
    damaged = hashlib.sha256(db.read_bytes()).hexdigest()
    asked = []
    yes = answer == "restore"
    monkeypatch.setattr(QMessageBox, "question", staticmethod(lambda *a, **k: asked.append(a[2]) or (
        QMessageBox.StandardButton.Yes if yes else QMessageBox.StandardButton.No)))
    monkeypatch.setattr(QMessageBox, "critical", staticmethod(lambda *a, **k: pytest.fail(a[2])))

    code = app.run(db, seed=False, files=[])

    assert len(asked) == 1  # never a silent exit: one message says what is wrong and offers the backup
    assert str(db) in asked[0] and "damaged" in asked[0] and str(backup) in asked[0]
    if not yes:
        assert code == 2 and started == []
        assert hashlib.sha256(db.read_bytes()).hexdigest() == damaged  # left untouched
        return
    assert code == 0
    (window,) = started[0]
    qtbot.addWidget(window)
    assert "Restored the backup" in window.statusBar().currentMessage()
    assert window.library.model.total == 1
    from quotedesk.core.store import open_store

    with open_store(db) as store:  # the backup is in place, whole
        assert store.execute("SELECT count(*) FROM quotes").fetchone()[0] == 3
    (aside,) = [p for p in tmp_path.glob("hostile.db.damaged-*") if not p.name.endswith(("-wal", "-shm"))]
    assert hashlib.sha256(aside.read_bytes()).hexdigest() == damaged  # the damaged file is kept
    window.close()


# Another program in the middle of a long write: it holds the write lock until told to commit.
LOCK_HOLDER = """
import sqlite3, sys
conn = sqlite3.connect(sys.argv[1], isolation_level=None)
conn.execute("BEGIN IMMEDIATE")  # the write lock, held (nothing the window lists is changed)
print("locked", flush=True)
sys.stdin.readline()
conn.execute("COMMIT")
"""


def _status(db_path, quote_id: int) -> str:
    import sqlite3

    with sqlite3.connect(db_path) as conn:  # what another program (or the next start) would read
        return conn.execute("SELECT status FROM quotes WHERE id = ?", (quote_id,)).fetchone()[0]


def test_an_edit_made_while_another_program_holds_the_write_lock_is_saved_and_never_freezes(
        qtbot, make_window, library, db_path, monkeypatch):
    import subprocess
    import time

    from PySide6.QtCore import QTimer

    import quotedesk.core.store.db as db_module
    from quotedesk.core.store.quotes import quotes_for_article

    monkeypatch.setattr(db_module, "BUSY_TIMEOUT_MS", 300)  # the 15 s busy timeout, made short
    errors = []
    monkeypatch.setattr(QMessageBox, "warning", staticmethod(lambda *a, **k: errors.append(a[2])))
    window = make_window()
    window.open_article(library["a"])
    first, second = [q.id for q in quotes_for_article(window.store, library["a"])][:2]
    assert _status(db_path, first) == _status(db_path, second) == "auto"
    holder = subprocess.Popen([sys.executable, "-c", LOCK_HOLDER, str(db_path)], stdin=subprocess.PIPE,
                              stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "locked"
        ticks = []
        beat = QTimer()
        beat.timeout.connect(lambda: ticks.append(time.monotonic()))
        beat.start(10)

        def confirm(quote_id):
            window.article.select_quote(quote_id)
            window.act_confirm.trigger()

        QTimer.singleShot(0, lambda: confirm(first))
        QTimer.singleShot(50, lambda: confirm(second))
        QTimer.singleShot(100, window.act_undo.trigger)  # the second, undone before it was saved
        qtbot.wait(900)  # three times the busy timeout: before, the edit failed (and was shown done)
        assert window.writes.pending == 1
        assert "waiting to be saved" in window.statusBar().currentMessage()
        assert window.unsaved.isVisible()
        history = [window.undo_stack.command(i).text() for i in range(window.undo_stack.count())]
        assert history[0] == "Confirm quote (waiting to be saved)"
        assert _status(db_path, first) == "auto"  # not in the database yet, and not shown as done
        asked = []
        monkeypatch.setattr(QMessageBox, "question", staticmethod(
            lambda *a, **k: asked.append(a[2]) or QMessageBox.StandardButton.No))
        window.close()  # closing now would lose it: asked, and the analyst keeps the window open
        assert window.isVisible() and asked and "1 change waiting to be saved" in asked[0]

        holder.stdin.write("\n")
        holder.stdin.close()
        assert holder.wait(timeout=10) == 0
        qtbot.waitUntil(lambda: window.writes.pending == 0, timeout=3000)
        beat.stop()
    finally:
        holder.kill()
    assert _status(db_path, first) == "confirmed"  # the edit the history shows as done is saved
    assert _status(db_path, second) == "auto"  # the one undone while waiting never was
    assert window.undo_stack.command(0).text() == "Confirm quote"
    assert window.undo_stack.index() == 1
    assert "All changes saved" in window.statusBar().currentMessage() and not window.unsaved.isVisible()
    assert errors == []
    gaps = [b - a for a, b in zip(ticks, ticks[1:])]
    print(f"longest event-loop gap: {max(gaps) * 1000:.0f} ms")
    assert len(gaps) > 50 and max(gaps) < 0.1  # the event loop never waited on the lock
    window.act_undo.trigger()  # the lock is free again: undo is immediate, as before
    assert _status(db_path, first) == "auto"


def test_damage_the_bounded_check_did_not_reach_still_offers_the_backup(qtbot, tmp_path, monkeypatch, started):
    """A huge file is checked in part on opening: damage found later says the same, never a silent exit."""
    import quotedesk.core.store.db as db_module
    from quotedesk.gui import app

    monkeypatch.setattr(db_module, "QUICK_CHECK_SECONDS", 0.0)  # the check stops at its first
    monkeypatch.setattr(db_module, "QUICK_CHECK_STEPS", 1)  # step, as it does part-way on a huge file
    db, backup = hostile_db_with_backup(tmp_path)
    damage_pages(db)
    asked = []
    monkeypatch.setattr(QMessageBox, "question", staticmethod(
        lambda *a, **k: asked.append(a[2]) or QMessageBox.StandardButton.No))
    monkeypatch.setattr(QMessageBox, "critical", staticmethod(lambda *a, **k: asked.append(a[2])))
    assert app.run(db, seed=False, files=[]) == 2
    assert len(asked) == 1 and str(db) in asked[0] and "damaged" in asked[0] and str(backup) in asked[0]


def test_an_undo_waiting_for_the_lock_is_saved_after_a_new_edit_replaces_it_in_the_history(
        qtbot, make_window, library, db_path, monkeypatch):
    """Confirm (saved), then, while another program holds the lock, undo it and confirm another
    quote: the new step drops the undone one from the history (Qt deletes it) before its undo is
    saved. Before, saving that undo later raised "Internal C++ object already deleted" and the
    first quote stayed confirmed in the database although the history showed it undone."""
    import subprocess

    import quotedesk.core.store.db as db_module
    from quotedesk.core.store.quotes import quotes_for_article

    monkeypatch.setattr(db_module, "BUSY_TIMEOUT_MS", 300)
    window = make_window()
    window.open_article(library["a"])
    first, second = [q.id for q in quotes_for_article(window.store, library["a"])][:2]
    window.article.select_quote(first)
    window.act_confirm.trigger()
    assert _status(db_path, first) == "confirmed"
    holder = subprocess.Popen([sys.executable, "-c", LOCK_HOLDER, str(db_path)], stdin=subprocess.PIPE,
                              stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "locked"
        window.act_undo.trigger()  # waits for the lock
        window.article.select_quote(second)
        window.act_confirm.trigger()  # waits behind it; the undone step leaves the history
        assert window.writes.pending == 2
        assert window.undo_stack.count() == 1
        holder.stdin.write("\n")
        holder.stdin.close()
        assert holder.wait(timeout=10) == 0
        qtbot.waitUntil(lambda: window.writes.pending == 0, timeout=3000)
    finally:
        holder.kill()
    assert _status(db_path, first) == "auto"  # the undo the history shows is in the database
    assert _status(db_path, second) == "confirmed"
    assert window.undo_stack.command(0).text() == "Confirm quote"


def test_an_edit_on_a_full_disk_says_the_disk_is_full_and_keeps_what_was_saved(
        qtbot, make_window, tmp_path, monkeypatch):
    """Issue 13 item 20 in the window: the database on a real 4 MB tmpfs, filled to the last byte.
    The edit is refused with "the disk ... is full", is not shown as done in the history, and the
    edit saved before the disk filled is still in the database."""
    import sqlite3

    from quotedesk.core.store.quotes import quotes_for_article
    from tests.core.hostile_helpers import tmpfs
    from tests.gui.gui_library import build_library

    with tmpfs(tmp_path / "small", "4m") as disk:
        db = disk / "quotedesk.db"
        library = build_library(db)
        errors = []
        monkeypatch.setattr(QMessageBox, "warning", staticmethod(lambda *a, **k: errors.append(a[2])))
        monkeypatch.setattr(QMessageBox, "critical", staticmethod(lambda *a, **k: errors.append(a[2])))
        window = make_window(path=db)
        window.open_article(library["a"])
        first, second = [q.id for q in quotes_for_article(window.store, library["a"])][:2]
        window.article.select_quote(first)
        window.act_confirm.trigger()  # saved while there is space
        assert _status(db, first) == "confirmed" and errors == []
        window.store.execute("PRAGMA wal_checkpoint(TRUNCATE)")  # the next write must grow a file
        with open(disk / "filler", "wb", buffering=0) as fh:  # fill the disk to the last byte
            for chunk in (65536, 1):
                try:
                    while fh.write(b"\0" * chunk):
                        pass
                except OSError:
                    pass
        steps = window.undo_stack.count()
        window.article.select_quote(second)
        window.act_confirm.trigger()
        qtbot.waitUntil(lambda: bool(errors), timeout=3000)
        assert len(errors) == 1 and "is full" in errors[0] and str(db) in errors[0], errors
        assert "Traceback" not in errors[0] and "OperationalError" not in errors[0]
        assert window.undo_stack.count() == steps  # the refused edit is not in the history as done
        (disk / "filler").unlink()
        window.close()
        window.store.close()
        with sqlite3.connect(db) as conn:
            assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert _status(db, first) == "confirmed"  # what was saved before the disk filled is kept
        assert _status(db, second) == "auto"  # the refused edit is not in the database


def test_a_database_on_a_really_read_only_medium_opens_in_the_window_read_only(
        qtbot, tmp_path, settings_path, monkeypatch):
    """Issue 13 item 18 in the window, for real: a tmpfs remounted read-only (as root, file modes
    would not stop a write). The window opens with the notice; an edit is refused with a message."""
    import hashlib

    from quotedesk.core.store.quotes import quotes_for_article
    from quotedesk.gui.app import open_window
    from quotedesk.gui.settings import Settings
    from tests.core.hostile_helpers import remount_read_only, tmpfs
    from tests.gui.gui_library import build_library

    with tmpfs(tmp_path / "medium", "8m") as medium:
        db = medium / "quotedesk.db"
        library = build_library(db)
        remount_read_only(medium)
        before = hashlib.sha256(db.read_bytes()).hexdigest()
        errors = []
        monkeypatch.setattr(QMessageBox, "warning", staticmethod(lambda *a, **k: errors.append(a[2])))
        window = open_window(db, seed=True, settings=Settings(settings_path))
        qtbot.addWidget(window)
        assert window.store.readonly
        assert "read-only" in window.statusBar().currentMessage()
        window.open_article(library["a"])
        window.article.select_quote(quotes_for_article(window.store, library["a"])[0].id)
        window.act_confirm.trigger()  # refused with a message, nothing written
        assert errors and "read-only" in errors[0]
        window.close()
        window.store.close()
        assert hashlib.sha256(db.read_bytes()).hexdigest() == before
