"""Two programs on one database: the window keeps working while the command line imports, and a
database on a read-only medium opens read-only with a notice."""
from __future__ import annotations

import json
import os
import subprocess
import sys

from PySide6.QtWidgets import QMessageBox

from quotedesk.core.store.quotes import quotes_for_article


def test_window_edits_while_the_command_line_imports(qtbot, make_window, library, db_path, tmp_path,
                                                    monkeypatch):
    complaints = []
    for kind in ("critical", "warning", "information"):
        monkeypatch.setattr(QMessageBox, kind, staticmethod(lambda *a, **k: complaints.append(a[1:3])))
    window = make_window()
    batch = tmp_path / "batch.jsonl"
    with open(batch, "w", encoding="utf-8") as out:
        for i in range(1500):
            out.write(json.dumps({"id": i, "text": f"Budget {i}\n\"We cannot fund line {i},\" said Tom Becker."}) + "\n")
    cli = subprocess.Popen([sys.executable, "-m", "quotedesk", "import", str(batch), "--db", str(db_path),
                            "--no-match", "--quiet"], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                           env=dict(os.environ))
    window.open_article(library["a"])
    ids = [q.id for q in quotes_for_article(window.store, library["a"])]
    edits = 0
    while cli.poll() is None and edits < 200:  # edit the whole time the other process writes
        window.article.select_quote(ids[edits % len(ids)])
        window.act_confirm.trigger()
        window.act_undo.trigger() if edits % 3 == 2 else None
        qtbot.wait(5)
        edits += 1
    out, err = cli.communicate(timeout=300)
    assert cli.returncode == 0, err
    assert "1500 imported" in out
    assert complaints == []  # never "database is locked", never any error dialog
    assert edits > 3
    qtbot.waitUntil(lambda: window.writes.pending == 0, timeout=5000)  # edits that waited for the lock
    statuses = {q.status for q in quotes_for_article(window.store, library["a"])}
    assert "confirmed" in statuses  # the window's edits were saved beside the import
    window.library.reload()
    assert window.library.model.total >= 1500


def test_read_only_medium_opens_read_only_with_a_notice(qtbot, db_path, settings_path, monkeypatch, library):
    import quotedesk.core.store.db as db_module
    from quotedesk.gui.app import open_window
    from quotedesk.gui.settings import Settings

    real_access = os.access
    monkeypatch.setattr(db_module.os, "access", lambda p, mode: False if mode == os.W_OK else real_access(p, mode))
    before = db_path.read_bytes()
    errors = []
    window = open_window(db_path, seed=True, settings=Settings(settings_path))
    qtbot.addWidget(window)
    monkeypatch.setattr(window, "_on_edit_error", errors.append)
    assert window.store.readonly
    assert "read-only" in window.statusBar().currentMessage()
    window.open_article(library["a"])
    window.article.select_quote(quotes_for_article(window.store, library["a"])[0].id)
    window.act_confirm.trigger()  # refused with a message, nothing written
    assert errors and "read-only" in errors[0]
    window.close()
    window.store.close()
    assert db_path.read_bytes() == before
