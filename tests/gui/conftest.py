"""GUI test fixtures: a small library inserted through the core, and a window factory."""
from __future__ import annotations

import pytest
from gui_library import build_library

from quotedesk.core.store import open_store


@pytest.fixture(autouse=True)
def no_unanswered_dialogs(monkeypatch):
    """A standard dialog a test did not answer fails the test at once instead of waiting forever
    for a click that never comes (offscreen, nobody can press it): a test that expects one
    replaces it with its own answer (``monkeypatch.setattr(QInputDialog, "getText", ...)``)."""
    from PySide6.QtWidgets import QColorDialog, QFileDialog, QInputDialog, QMessageBox

    def refuse(owner, name):
        def unanswered(*args, **kwargs):
            text = " | ".join(str(a) for a in args[1:3] if isinstance(a, str))
            raise AssertionError(f"unanswered {owner.__name__}.{name}: {text}")
        return staticmethod(unanswered)

    for owner, names in ((QMessageBox, ("question", "warning", "information", "critical", "about")),
                         (QInputDialog, ("getText", "getItem", "getInt", "getDouble", "getMultiLineText")),
                         (QFileDialog, ("getOpenFileName", "getOpenFileNames", "getSaveFileName",
                                        "getExistingDirectory")),
                         (QColorDialog, ("getColor",))):
        for name in names:
            monkeypatch.setattr(owner, name, refuse(owner, name))


@pytest.fixture
def library(db_path):
    return build_library(db_path)


@pytest.fixture
def make_window(qtbot, db_path, settings_path):
    """``make_window()`` opens a MainWindow on the test database (closed and its store closed at teardown)."""
    from PySide6.QtWidgets import QApplication

    from quotedesk.gui.main_window import MainWindow
    from quotedesk.gui.settings import Settings

    opened = []

    def factory(*, path=None):
        store = open_store(path or db_path)
        window = MainWindow(store, Settings(settings_path))
        qtbot.addWidget(window)
        window.show()
        qtbot.waitExposed(window)
        window.activateWindow()
        qtbot.waitUntil(lambda: QApplication.activeWindow() is window, timeout=2000)
        opened.append(window)
        return window

    yield factory
    from quotedesk.gui.workers import wait_all

    wait_all(10_000)
    for window in opened:
        if window.isVisible():
            window.close()
        window.store.close()
