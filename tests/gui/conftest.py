"""GUI test fixtures: a small library inserted through the core, and a window factory."""
from __future__ import annotations

import pytest
from gui_library import build_library

from quotedesk.core.store import open_store


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
