"""Imports in the background: files, folders and pasted text, with a progress bar and a cancel button.

The worker opens its own store on the same database file (one store per thread); the GUI only
learns the outcome (an ``ImportReport``) and tells the main window to refresh.
"""
from __future__ import annotations

import html
import time
from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QMessageBox, QProgressBar, QPushButton, QWidget

from quotedesk.core.importer import ImportReport, import_draft, import_paths, match_article
from quotedesk.core.store import open_store
from quotedesk.gui.workers import BackgroundOp, TaskState, run_in_background


def _import_files(db_path: Path, paths: list[str], task: TaskState, match: bool = True) -> ImportReport:
    """Worker side (pool thread): never touches widgets."""
    counts = {"done": 0, "failed": 0}
    last = [0.0]

    def on_item(_name: str, outcome: str) -> None:
        ok = outcome.startswith("imported") or outcome == "already in the library"
        counts["done" if ok else "failed"] += 1
        now = time.monotonic()
        if now - last[0] >= 0.1 or not ok:  # at most ten status lines a second reach the GUI thread
            last[0] = now
            task.status(f"{counts['done']} done, {counts['failed']} failed")

    store = open_store(db_path)
    try:
        # each new article's quotes are matched against everything said before as it lands
        return import_paths(store, paths, progress=task.progress, cancelled=task.cancelled, on_item=on_item,
                            match=match)
    finally:
        store.close()


def _import_text(db_path: Path, text: str, task: TaskState) -> ImportReport:
    from quotedesk.core.ingest import IngestError, read_text_blob

    report = ImportReport()
    try:
        draft = read_text_blob(text)
    except IngestError as exc:
        report.failed.append(("pasted text", str(exc)))
        return report
    store = open_store(db_path)
    try:
        article_id, created, n = import_draft(store, draft)
        if created and n:
            match_article(store, article_id)
    finally:
        store.close()
    if created:
        report.added.append(("pasted text", article_id, n))
    else:
        report.duplicates.append(("pasted text", article_id))
    task.progress(1.0)
    return report


class ImportController(QObject):
    """Runs one import at a time and reports on the GUI thread."""

    sig_finished = Signal(object)
    """The import ended (an ``ImportReport``, or None when it crashed); the library should reload."""

    def __init__(self, db_path: Path, parent_widget: QWidget):
        super().__init__(parent_widget)
        self._db_path = db_path
        self._parent = parent_widget
        self.op: BackgroundOp | None = None
        #: match each new article's quotes against earlier statements as it lands (off: faster bulk loads)
        self.match_new = True
        self.progress = QProgressBar()
        self.progress.setRange(0, 1000)
        self.progress.setMaximumWidth(300)
        self.progress.setFormat("Importing… %p%")
        self.progress.setToolTip("Import progress")
        self.progress.hide()
        self.cancel_button = QPushButton("Cancel import")
        self.cancel_button.setToolTip("Stop after the current article; stored articles stay complete")
        self.cancel_button.hide()
        self.cancel_button.clicked.connect(self.cancel)

    @property
    def busy(self) -> bool:
        return self.op is not None and not self.op.finished

    def import_paths(self, paths: list[str]) -> BackgroundOp | None:
        paths = [str(p) for p in paths if str(p)]
        if not paths:
            return None
        match = self.match_new
        return self._start(lambda task: _import_files(self._db_path, paths, task, match))

    def import_text(self, text: str) -> BackgroundOp | None:
        if not text.strip():
            QMessageBox.information(self._parent, "Paste as article", "The clipboard holds no text to import.")
            return None
        return self._start(lambda task: _import_text(self._db_path, text, task))

    def cancel(self) -> None:
        if self.op is not None:
            self.op.cancel()
            self.cancel_button.setEnabled(False)

    def _start(self, fn) -> BackgroundOp | None:
        if self.busy:
            QMessageBox.information(self._parent, "Import", "An import is already running; wait for it or cancel it.")
            return None
        self.progress.setValue(0)
        self.progress.setFormat("Importing… %p%")
        self.progress.show()
        self.cancel_button.setEnabled(True)
        self.cancel_button.show()
        self.op = run_in_background(fn, self._on_done, self._on_error, progress=self._on_progress)
        self.op.sig_status.connect(self._on_status)
        return self.op

    def _on_status(self, text: str) -> None:
        self.progress.setFormat(f"Importing… %p% ({text})")

    def _on_progress(self, fraction: float) -> None:
        self.progress.setValue(int(fraction * 1000))

    def _finish(self) -> None:
        self.progress.hide()
        self.cancel_button.hide()

    def _on_done(self, report: ImportReport) -> None:
        self._finish()
        if report.failed:
            items = "".join(f"<li><b>{html.escape(Path(name).name)}</b>: {html.escape(reason)}</li>"
                            for name, reason in report.failed[:30])
            more = f"<p>…and {len(report.failed) - 30} more.</p>" if len(report.failed) > 30 else ""
            stopped = (f"<p><b>The import stopped: {html.escape(report.stopped)}</b> The rest of the "
                       "files were not read; import them again once there is space (articles "
                       "already imported are skipped).</p>" if report.stopped else "")
            if report.warnings:
                more += "<p>Imported, but not all of their text was kept:</p><ul>" + "".join(
                    f"<li><b>{html.escape(Path(name).name)}</b>: {html.escape(warning)}</li>"
                    for name, warning in report.warnings[:30]) + "</ul>"
            QMessageBox.warning(self._parent, "Some files were not imported",
                                f"<p>{html.escape(report.summary())}.</p>{stopped}<p>These could not be "
                                f"imported (nothing was stored for them):</p><ul>{items}</ul>{more}")
        elif report.warnings:  # imported, but the reader knows it did not keep everything
            items = "".join(f"<li><b>{html.escape(Path(name).name)}</b>: {html.escape(warning)}</li>"
                            for name, warning in report.warnings[:30])
            more = f"<p>…and {len(report.warnings) - 30} more.</p>" if len(report.warnings) > 30 else ""
            QMessageBox.warning(self._parent, "Some articles were imported in part",
                                f"<p>{html.escape(report.summary())}.</p><p>These were imported, but not "
                                f"all of their text was kept:</p><ul>{items}</ul>{more}")
        self.sig_finished.emit(report)

    def _on_error(self, exc: BaseException) -> None:
        self._finish()
        QMessageBox.critical(self._parent, "Import failed",
                             f"The import stopped with an error: {exc}\n\nArticles stored before it are kept.")
        self.sig_finished.emit(None)
