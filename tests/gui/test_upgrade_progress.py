"""Opening a library that needs migration 0012 (the identity repair, long on a large library):
the upgrade runs in a worker thread while the GUI thread keeps processing events and shows a
progress window fed by the repair's own progress; errors reach the caller."""
from __future__ import annotations

import shutil
import threading
from pathlib import Path

import pytest

from quotedesk.core.store import StoreError
from quotedesk.gui import upgrade

FIXTURE = Path(__file__).resolve().parents[1] / "data" / "db" / "merged-speakers-0008.db"


def test_the_upgrade_runs_off_the_gui_thread_with_progress(qtbot, tmp_path, settings_path, monkeypatch):
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QProgressDialog

    from quotedesk.gui.app import open_window
    from quotedesk.gui.settings import Settings

    path = tmp_path / "old.db"
    shutil.copyfile(FIXTURE, path)
    assert "0012_speaker_identity" in upgrade.pending_migrations(path)
    gui_thread = threading.current_thread()
    seen = {"threads": set(), "progress": [], "labels": set()}
    loop_turned = threading.Event()
    dialog_seen = threading.Event()
    real_open = upgrade.open_store

    def open_in_worker(p, **kw):
        seen["threads"].add(threading.current_thread())
        # the GUI thread must turn its event loop while the upgrade works: a timer it runs lets
        # the upgrade go on (if the GUI thread waited blocked, this would time out)
        assert loop_turned.wait(10), "the GUI thread did not process events during the upgrade"
        # and the progress window is on screen while the upgrade works (waiting for it here keeps
        # a fast upgrade from finishing between two turns of the watcher below)
        assert dialog_seen.wait(10), "no progress window was shown during the upgrade"
        listener = kw.pop("progress")
        return real_open(p, progress=lambda what, f: (seen["progress"].append((what, f)), listener(what, f)), **kw)

    monkeypatch.setattr(upgrade, "open_store", open_in_worker)
    QTimer.singleShot(0, loop_turned.set)

    def watch():
        for w in QApplication.topLevelWidgets():
            if isinstance(w, QProgressDialog) and w.isVisible():
                seen["labels"].add(w.labelText())
                dialog_seen.set()
    timer = QTimer()
    timer.timeout.connect(watch)
    timer.start(5)
    window = open_window(path, seed=False, settings=Settings(settings_path))
    timer.stop()
    qtbot.addWidget(window)
    try:
        assert seen["threads"] and gui_thread not in seen["threads"]  # migrated in a worker
        assert any(what.startswith("Checking speakers") for what, _f in seen["progress"])
        assert seen["progress"][-1][1] == pytest.approx(1.0)
        assert any("Upgrading the library old.db" in text for text in seen["labels"])  # the window showed it
        assert upgrade.pending_migrations(path) == []
        names = {r[0] for r in window.store.execute("SELECT name FROM speakers")}
        assert {"Boris Johnson", "Mike Johnson"} <= names  # the repair ran
    finally:
        window.close()
        window.store.close()


def test_an_upgrade_error_reaches_the_caller(qtbot, tmp_path, monkeypatch):
    path = tmp_path / "old.db"
    shutil.copyfile(FIXTURE, path)

    def failing(*_a, **_k):
        raise StoreError("cannot open old.db: the disk is full")

    monkeypatch.setattr(upgrade, "open_store", failing)
    with pytest.raises(StoreError, match="disk is full"):
        upgrade.migrate_with_progress(path)


def test_a_current_or_new_database_needs_no_upgrade_window(tmp_path):
    from quotedesk.core.store import open_store

    assert upgrade.migrate_with_progress(tmp_path / "new.db") is False
    open_store(tmp_path / "cur.db").close()
    assert upgrade.migrate_with_progress(tmp_path / "cur.db") is False
