"""Anything typed in a search box is text: FTS5 syntax and SQL fragments never raise, never show an
error dialog, and never change the database."""
from __future__ import annotations

import pytest
from PySide6.QtWidgets import QMessageBox

TYPED = ['"', "*", "NEAR(", "NEAR(bridge", "AND", "OR )", "((((", "bridge)", "'; DROP TABLE quotes; --",
         "\" OR 1=1 --", "col:bridge", "^bridge", "bridge NOT", "\\", "%_%", "\x00", "😀 « » „“", "a" * 5000]


@pytest.mark.parametrize("typed", TYPED)
def test_hostile_text_in_every_search_box(qtbot, make_window, library, monkeypatch, typed):
    dialogs = []
    for kind in ("critical", "warning", "information"):
        monkeypatch.setattr(QMessageBox, kind, staticmethod(lambda *a, **k: dialogs.append(a[1:3])))
    window = make_window()
    before = window.store.execute("SELECT count(*) FROM quotes").fetchone()[0]
    window.library.search.setText(typed)
    window.library.apply_filter()
    window.search.query.setText(typed)
    window.search.run_search()
    qtbot.wait(10)
    assert dialogs == []
    assert window.store.execute("SELECT count(*) FROM quotes").fetchone()[0] == before
    assert window.store.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    window.library.search.setText("")  # and the library still works afterwards
    window.library.apply_filter()
    assert window.library.model.total == len(library)  # the two articles of the test library
