"""Starting the desktop app: QApplication, the store (migrated), first-run seeds, the window.

``run`` is what ``quotedesk gui`` calls. Opening errors (a newer database, a file that is not a
database) end in a clear dialog, never a traceback. Seeds are imported only into a new (empty)
database; files named on the command line are imported in the background once the window shows.
"""
from __future__ import annotations

import logging
import os
import sys
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from quotedesk.core.store import Store, StoreError, open_store
from quotedesk.core.store.articles import count_articles
from quotedesk.gui.main_window import MainWindow
from quotedesk.gui.settings import Settings
from quotedesk.gui.theme import apply_theme

log = logging.getLogger(__name__)


def make_app(argv: list[str] | None = None) -> QApplication:
    from quotedesk.gui.compat import guard_emit_refcount

    guard_emit_refcount()
    app = QApplication.instance()
    if app is None:
        app = QApplication(argv if argv is not None else sys.argv[:1])
    app.setApplicationName("Quotedesk")
    app.setOrganizationName("Quotedesk")
    app.setApplicationDisplayName("Quotedesk")
    return app


def seed_if_new(store: Store) -> None:
    """Import the bundled sample articles into an empty database (synchronously: a few files)."""
    from quotedesk.core.importer import import_seeds

    if count_articles(store) == 0:
        try:
            report = import_seeds(store)
            log.info("seeds: %s", report.summary())
        except Exception:  # noqa: BLE001 - a broken seed must not stop the app from starting
            log.exception("could not import the sample articles")


def open_window(db_path: str | os.PathLike | None, *, seed: bool = True, files=(),
                settings: Settings | None = None) -> MainWindow:
    """Open the store and build the window (raises ``StoreError``)."""
    path = Path(db_path) if db_path is not None else None
    is_new = path is None or not path.exists()
    store = open_store(path)
    if seed and is_new and not store.readonly:
        seed_if_new(store)
    window = MainWindow(store, settings or Settings())
    if store.readonly:
        window.statusBar().showMessage("The database is read-only: changes cannot be saved", 0)
    if files:
        QTimer.singleShot(0, lambda: window.import_paths(list(files)))
    return window


def _setup_logging() -> Path | None:
    """Log to ``log_dir()/quotedesk.log`` (errors from slots end up there with their traceback)."""
    from quotedesk.core.paths import log_dir

    try:
        folder = log_dir()
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / "quotedesk.log"
        handler = logging.FileHandler(path, encoding="utf-8")
    except OSError:
        return None
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    logging.getLogger().addHandler(handler)
    logging.getLogger().setLevel(logging.INFO)
    return path


def _install_excepthook(log_path: Path | None) -> None:
    """An unexpected error in a slot becomes a short dialog and a log entry, not a silent traceback."""
    previous = sys.excepthook

    def hook(exc_type, exc, tb):
        log.error("unexpected error", exc_info=(exc_type, exc, tb))
        if QApplication.instance() is not None and not issubclass(exc_type, KeyboardInterrupt):
            where = f"\n\nDetails are in {log_path}." if log_path else ""
            QMessageBox.critical(None, "Quotedesk: unexpected error",
                                 f"Something went wrong: {exc_type.__name__}: {exc}{where}\n\n"
                                 "Your changes so far are saved.")
        else:
            previous(exc_type, exc, tb)

    sys.excepthook = hook


def run(db_path, seed: bool = True, files: list[str] | None = None) -> int:
    """Start the app; returns the exit code."""
    app = make_app()
    _install_excepthook(_setup_logging())
    settings = Settings()
    apply_theme(app, settings.theme)
    try:
        window = open_window(db_path, seed=seed, files=files or (), settings=settings)
    except StoreError as exc:
        QMessageBox.critical(None, "Quotedesk cannot open the database", str(exc))
        return 2
    window.show()
    try:
        return app.exec()
    finally:
        window.store.close()
