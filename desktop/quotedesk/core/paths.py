"""Where Quotedesk keeps the user's data: one SQLite file in the user's data directory.

``QUOTEDESK_DB`` overrides the default database path (tests and batch jobs use it).
"""
from __future__ import annotations

import os
from importlib import resources
from pathlib import Path

APP_NAME = "Quotedesk"


def data_dir() -> Path:
    from platformdirs import user_data_dir

    return Path(user_data_dir(APP_NAME, appauthor=False))


def default_db_path() -> Path:
    env = os.environ.get("QUOTEDESK_DB")
    if env:
        return Path(env).expanduser()
    return data_dir() / "quotedesk.db"


def log_dir() -> Path:
    return data_dir() / "logs"


def _bundled(name: str) -> Path:
    """A folder shipped in the wheel (``quotedesk/<name>``), or the repository's top-level one
    when running from a source checkout or an editable install."""
    try:
        candidate = Path(str(resources.files("quotedesk") / name))
        if candidate.is_dir():
            return candidate
    except (ModuleNotFoundError, TypeError):  # pragma: no cover - odd loaders
        pass
    return Path(__file__).resolve().parents[3] / name


def resources_dir() -> Path:
    """Icons and themes (top-level ``resources/``)."""
    return _bundled("resources")


def seeds_dir() -> Path:
    """Sample articles opened on first run (top-level ``seeds/``)."""
    return _bundled("seeds")
