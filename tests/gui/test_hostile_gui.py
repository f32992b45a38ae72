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
    (aside,) = tmp_path.glob("hostile.db.damaged-*")
    assert hashlib.sha256(aside.read_bytes()).hexdigest() == damaged  # the damaged file is kept
    window.close()
