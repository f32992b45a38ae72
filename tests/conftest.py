"""Shared test set-up: offscreen Qt, and no test ever touches the user's real data or settings.

``QT_QPA_PLATFORM`` is set before anything imports Qt. Every test gets its own database path
(``QUOTEDESK_DB``), its own XDG data/config folders, and a ``settings_path`` for an ini file.
"""
from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest  # noqa: E402


def pytest_configure(config):
    """Guard against PySide6 6.12.0's Signal.emit() reference leak on True (see gui/compat.py)."""
    try:
        from quotedesk.gui.compat import guard_emit_refcount
    except ImportError:  # Qt not installed: only the core tests can run
        return
    guard_emit_refcount()


@pytest.fixture(autouse=True)
def _isolated_user_dirs(tmp_path, monkeypatch):
    """Point the default database and the XDG folders at this test's tmp_path."""
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg-data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "xdg-config"))
    monkeypatch.setenv("QUOTEDESK_DB", str(tmp_path / "quotedesk.db"))
    monkeypatch.setenv("QUOTEDESK_SETTINGS", str(tmp_path / "settings.ini"))


@pytest.fixture
def db_path(tmp_path):
    """A fresh database file path for this test (the same one ``QUOTEDESK_DB`` points at)."""
    return tmp_path / "quotedesk.db"


@pytest.fixture
def settings_path(tmp_path):
    """An ini file for this test's settings (the same one ``QUOTEDESK_SETTINGS`` points at)."""
    return tmp_path / "settings.ini"
