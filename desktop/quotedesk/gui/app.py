"""Starting the desktop app: QApplication, the store (migrated), first-run seeds, the window.

``run`` is what ``quotedesk gui`` calls. Opening errors (a newer database, a file that is not a
database) end in a clear dialog, never a traceback; a damaged database offers its latest backup. Seeds are imported only into a new (empty)
database; files named on the command line are imported in the background once the window shows.
"""
from __future__ import annotations

import logging
import os
import sqlite3
import sys
from pathlib import Path

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from quotedesk.core.store import Store, StoreError, open_store
from quotedesk.core.store.articles import count_articles
from quotedesk.core.store.db import DamagedDatabaseError, damaged_error, is_damage, restore_backup
from quotedesk.gui.main_window import MainWindow
from quotedesk.gui.settings import Settings
from quotedesk.gui.theme import apply_theme
from quotedesk.gui.workers import run_in_background, weak_callback

log = logging.getLogger(__name__)


def make_app(argv: list[str] | None = None) -> QApplication:
    from quotedesk.core.matching import blas
    from quotedesk.gui.compat import guard_emit_refcount

    guard_emit_refcount()
    # before any worker thread: the window's threads share the cores already (see blas)
    blas.use_one_thread()
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
    if not is_new:
        from quotedesk.gui.upgrade import migrate_with_progress

        migrate_with_progress(path)  # a long schema step runs off the GUI thread, with progress
    store = open_store(path)
    try:
        if seed and is_new and not store.readonly:
            seed_if_new(store)
        window = MainWindow(store, settings or Settings())
    except BaseException:  # e.g. damage met while reading the library: nothing stays open on it
        store.close()  # (the half-built window's models see store.closed and read no more)
        raise
    if store.readonly:
        why = f" ({store.notice})" if store.notice else ""
        window.statusBar().showMessage(f"The database is read-only: changes cannot be saved{why}", 0)
    if files:
        QTimer.singleShot(0, lambda: window.import_paths(list(files)))
    # with the window as context: nothing runs if the window is gone by then
    QTimer.singleShot(0, window, lambda: preload_model_in_background(window))
    QTimer.singleShot(0, window, lambda: index_quotes_in_background(window))
    return window


def preload_model_in_background(window: MainWindow):
    """Load the sentence model in a pool thread once the window shows (it starts without it),
    so that the first semantic match finds it loaded; once per process."""
    from quotedesk.core.matching import semantic

    if semantic.loaded() or semantic.disabled_by_env() or not semantic.installed():
        return None
    window.model_op = run_in_background(
        lambda task: semantic.preload(),
        lambda ok: log.info("sentence model %s", "loaded" if ok else "not available"),
        lambda exc: log.warning("sentence model: %s", exc))
    return window.model_op


#: At start-up, quotes without sentence vectors are indexed in the background up to this many
#: (~2 ms each); a bigger backlog waits for Statements > Re-match all quotes (progress, cancel).
STARTUP_INDEX_MAX = 5_000


def index_quotes_in_background(window: MainWindow):
    """Compute the missing sentence vectors of the quotes (the seeds' on first run) and resume
    those of statements an interrupted indexing left without, off the GUI thread (progress in
    the status bar, stopped when the window closes), so matching in this database uses meaning
    too; then refresh the Matches panel."""
    from quotedesk.core.matching import semantic

    store = window.store
    if (store.closed or store.path is None or store.readonly or semantic.disabled_by_env()
            or not semantic.installed()):
        return None  # closed: the window was closed before this ran
    path = store.path
    status = weak_callback(window.statusBar(), "showMessage")

    def work(task):
        # what is missing is looked up here, not on the GUI thread: at 1,000,000 statements the
        # scan for statements without vectors takes about 2 s (13 s with a cold cache)
        s = open_store(path)
        try:
            missing = semantic.missing_quotes(s.conn)
            if len(missing) > STARTUP_INDEX_MAX:
                missing = []
            # statements an earlier indexing run left without vectors (the app was killed or
            # closed during a large import): resumed here, matching uses those computed so far
            resume = semantic.missing_statements(s.conn) if semantic.has_vectors(s.conn) else []
            if not missing and not resume:
                return None
            n = semantic.index_quotes(s, missing, cancelled=task.cancelled) if missing else 0
            if resume and not task.cancelled():
                n += semantic.index_statements(s, resume, progress=task.progress, cancelled=task.cancelled)
            return n, bool(resume)
        finally:
            s.close()

    def progress(f):
        status(f"Sentence vectors of the statements: {f:.0%} (matching uses those computed so "
               "far; closing the window stops, the next start resumes)", 0)

    panel = getattr(window, "matches", None)
    refresh = weak_callback(panel, "refresh") if panel is not None else None

    def done(result):
        if result is None:
            return  # nothing was missing
        n, resumed = result
        log.info("sentence vectors computed for %d quotes and statements", n)
        if resumed:
            status(f"Sentence vectors computed: {n:,}", 5_000)
        if refresh is not None:
            refresh()  # nothing if the window was closed meanwhile

    window.index_op = run_in_background(work, done, lambda exc: log.warning("vectors: %s", exc), progress)
    return window.index_op


def install_excepthook(log_path: Path | None) -> None:
    """An unexpected error anywhere in the GUI is logged with its traceback and shown in a
    dialog whose details hold a copyable report; the app stays usable."""
    from quotedesk.core.logsetup import format_exception

    previous = sys.excepthook

    def hook(exc_type, exc, tb):
        log.error("unexpected error", exc_info=(exc_type, exc, tb))
        if QApplication.instance() is None or issubclass(exc_type, KeyboardInterrupt):
            previous(exc_type, exc, tb)
            return
        show_error_report(f"{exc_type.__name__}: {exc}", format_exception(exc_type, exc, tb), log_path)

    sys.excepthook = hook


def show_error_report(summary: str, report: str, log_path: Path | None) -> QMessageBox:
    """A non-blocking error dialog: the summary, where the log is, and the full report under
    "Show Details…" (selectable, to paste into a bug report)."""
    box = QMessageBox(QApplication.activeWindow())
    box.setIcon(QMessageBox.Icon.Critical)
    box.setWindowTitle("Quotedesk: unexpected error")
    where = f"<p>The details are also in <code>{log_path}</code>.</p>" if log_path else ""
    box.setText(f"<p>Something went wrong: {summary}</p>{where}<p>Your changes so far are saved; "
                "you can go on working.</p>")
    box.setDetailedText(report)
    box.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.open()
    return box


def _offer_backup(exc: DamagedDatabaseError, *, files, settings: Settings) -> MainWindow | None:
    """A damaged database: say what is wrong and, when there is a backup, offer to put it in
    place (the damaged file is kept aside). Returns the window on the restored database, or
    ``None`` when the analyst declines (or there is no backup): the message was shown either way."""
    title = "Quotedesk: the database is damaged"
    if exc.backup is None:
        QMessageBox.critical(None, title, str(exc))
        return None
    answer = QMessageBox.question(
        None, title, f"{exc}\n\nRestore the latest backup now? ({exc.backup}, saved "
        f"{_mtime(exc.backup)}; the damaged file is kept beside it, renamed.)",
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, QMessageBox.StandardButton.Yes)
    if answer != QMessageBox.StandardButton.Yes:
        return None
    try:
        aside = restore_backup(exc.path, exc.backup)
        window = open_window(exc.path, seed=False, files=files, settings=settings)
    except (StoreError, OSError, sqlite3.DatabaseError) as again:
        QMessageBox.critical(None, title, f"The backup {exc.backup} could not be restored: {again}")
        return None
    window.statusBar().showMessage(f"Restored the backup {exc.backup.name}; the damaged file was "
                                   f"kept as {aside.name}", 0)
    return window


def _mtime(path: Path) -> str:
    import time

    return time.strftime("%Y-%m-%d %H:%M", time.localtime(path.stat().st_mtime))


def run(db_path, seed: bool = True, files: list[str] | None = None) -> int:
    """Start the app; returns the exit code."""
    app = make_app()
    from quotedesk.core.logsetup import setup_logging

    install_excepthook(setup_logging())
    settings = Settings()
    apply_theme(app, settings.theme)
    try:
        window = open_window(db_path, seed=seed, files=files or (), settings=settings)
    except DamagedDatabaseError as exc:
        window = _offer_backup(exc, files=files or (), settings=settings)
        if window is None:
            return 2
    except StoreError as exc:
        QMessageBox.critical(None, "Quotedesk cannot open the database", str(exc))
        return 2
    except sqlite3.DatabaseError as exc:  # damage the bounded check on open did not reach
        if db_path is None or not is_damage(exc):
            raise
        window = _offer_backup(damaged_error(Path(db_path), f"SQLite says: {exc}"),
                               files=files or (), settings=settings)
        if window is None:
            return 2
    window.show()
    try:
        return app.exec()
    finally:
        window.store.close()
