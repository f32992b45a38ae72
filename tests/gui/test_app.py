"""Start-up (seeds, errors as dialogs), the offset map, and a screenshot smoke test."""
from __future__ import annotations

import sys

from PySide6.QtWidgets import QMessageBox

from quotedesk.gui.offsets import OffsetMap


def test_offset_map_round_trip():
    text = "a😀b\n😀😀c"
    m = OffsetMap(text)
    for i in range(len(text) + 1):
        assert m.from_qt(m.to_qt(i)) == i
    assert m.to_qt(2) == 3 and m.to_qt(len(text)) == len(text) + 3
    assert OffsetMap("plain").to_qt(4) == 4


def test_open_window_seeds_a_new_database(qtbot, db_path, settings_path):
    from quotedesk.gui.app import open_window
    from quotedesk.gui.settings import Settings

    w = open_window(db_path, seed=True, settings=Settings(settings_path))
    qtbot.addWidget(w)
    try:
        assert w.library.model.total >= 5
    finally:
        w.close()
        w.store.close()


def test_run_shows_a_dialog_for_a_bad_database(qtbot, tmp_path, monkeypatch):
    from quotedesk.gui import app

    bad = tmp_path / "notadb.db"
    bad.write_bytes(b"this is not sqlite" * 100)
    shown = []
    monkeypatch.setattr(QMessageBox, "critical", staticmethod(lambda *a, **k: shown.append(a[2])))
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)  # restored after the test
    import functools
    import logging

    import quotedesk.core.logsetup as logsetup

    log_file = tmp_path / "logs" / "quotedesk.log"
    monkeypatch.setattr(logsetup, "setup_logging", functools.partial(logsetup.setup_logging, tmp_path / "logs"))
    boxes = []
    real_show = app.show_error_report
    monkeypatch.setattr(app, "show_error_report", lambda *a: boxes.append((a, real_show(*a))))
    assert app.run(bad, seed=False, files=[]) == 2
    assert shown and "not a Quotedesk database" in shown[0]
    # an unexpected error in a slot becomes a dialog with a copyable report, and goes to the log
    try:
        raise RuntimeError("boom")
    except RuntimeError:
        sys.excepthook(*sys.exc_info())
    (summary, report, log_path), box = boxes[-1]
    assert summary == "RuntimeError: boom" and log_path == log_file
    assert box.detailedText() == report and "Traceback" in report and "RuntimeError: boom" in report
    assert "quotedesk.log" in box.text()
    box.close()
    for handler in logging.getLogger("quotedesk").handlers:
        handler.flush()
    assert "RuntimeError: boom" in log_file.read_text(encoding="utf-8")


def test_screenshot_smoke(qtbot, make_window, library, tmp_path):
    w = make_window()
    w.open_article(library["a"])
    w.article.table.selectRow(0)
    pix = w.grab()
    assert not pix.isNull() and pix.width() > 600
    path = qtbot.screenshot(w, suffix="main")
    assert path and __import__("os").path.getsize(path) > 10_000
