"""Re-match the whole database: progress bar, Cancel, and a report at the end.

``rematch_all`` runs through :func:`quotedesk.gui.workers.run_in_background` with a store the
worker opens itself; the GUI keeps painting. Cancel is cooperative: the core checks between
quotes and saves each quote's matches in its own transaction, so a cancelled run leaves every
quote with either its old or its new suggestions. Closing the dialog while it runs cancels and
waits for the worker to stop.
"""
from __future__ import annotations

from PySide6.QtCore import QTimer, Signal, Slot
from PySide6.QtWidgets import QDialog, QHBoxLayout, QLabel, QProgressBar, QPushButton, QVBoxLayout

from quotedesk.core.matching import rematch_all
from quotedesk.core.store.db import Store, open_store
from quotedesk.gui.workers import run_in_background, weak_callback

_STEPS = 1000


class RematchDialog(QDialog):
    """Progress of a whole-database re-match, with Cancel."""

    sig_finished = Signal(object)
    """The run ended (completed or cancelled): the core's ``RematchReport``."""
    sig_failed = Signal(str)
    """The run failed: the message (also shown in the dialog)."""

    def __init__(self, store: Store, parent=None, *, top: int = 5, quote_ids: list[int] | None = None):
        """Re-match every stored quote, or only ``quote_ids`` (e.g. those of new articles)."""
        super().__init__(parent)
        self.setWindowTitle("Re-match all quotes" if quote_ids is None else "Match new quotes")
        self.setObjectName("RematchDialog")
        self._store = store
        self._top = top
        self._quote_ids = list(quote_ids) if quote_ids is not None else None
        self._op = None
        self.report = None
        self.running = False
        if self._quote_ids is None:
            n = store.query("SELECT count(*) AS n FROM quotes")[0]["n"]
            what = f"each of the {n:,} stored quotes"
        else:
            n = len(self._quote_ids)
            what = f"the {n:,} new quote{'s' if n != 1 else ''}"
        self.explain = QLabel(
            f"Match {what} against every earlier statement again and save the best matches. "
            "Matches you confirmed or rejected are kept.")
        self.explain.setWordWrap(True)
        self.progress = QProgressBar()
        self.progress.setRange(0, _STEPS)
        self.progress.setValue(0)
        self.progress.setFormat("%p%")
        self.status = QLabel("Ready.")
        self.status.setObjectName("RematchStatus")
        self.start_button = QPushButton("Start")
        self.start_button.setDefault(True)
        self.start_button.clicked.connect(self.start)
        self.cancel_button = QPushButton("Cancel")
        self.cancel_button.clicked.connect(self._on_cancel)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.start_button)
        buttons.addWidget(self.cancel_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.explain)
        layout.addWidget(self.progress)
        layout.addWidget(self.status)
        layout.addLayout(buttons)
        self.resize(460, 160)
        if store.readonly:
            self.start_button.setEnabled(False)
            self.status.setText("The database is open read-only.")

    # --- public ----------------------------------------------------------------------------------
    @Slot()
    def start(self) -> None:
        """Start the re-match (no-op while one is running)."""
        if self.running or self._store.readonly:
            return
        self.running = True
        self.report = None
        self.progress.setValue(0)
        self.status.setText("Re-matching…")
        self.start_button.setEnabled(False)
        self.cancel_button.setText("Cancel")
        self.cancel_button.setEnabled(True)
        top, store, ids = self._top, self._store, self._quote_ids
        if store.path is None:
            # in-memory database: cannot be opened from another thread; run here, chunked by Qt
            QTimer.singleShot(0, lambda: self._run_here(store, top, ids))
            return
        path = store.path

        def work(task):  # pool thread: no widgets, own store
            with open_store(path) as own:
                return rematch_all(own, top=top, progress=task.progress, cancelled=task.cancelled,
                                   quote_ids=ids)

        self._op = run_in_background(work, weak_callback(self, "_on_done"),
                                     weak_callback(self, "_on_error"),
                                     progress=weak_callback(self, "_on_progress"))

    def cancel(self) -> None:
        """Ask the run to stop after the current quote."""
        if self.running and self._op is not None:
            self._op.cancel()
            self.status.setText("Cancelling…")
            self.cancel_button.setEnabled(False)

    def wait(self, timeout_ms: int = 30_000) -> bool:
        """Block until the worker has stopped (used on close); True when it did."""
        from PySide6.QtCore import QCoreApplication, QDeadlineTimer, QThread
        deadline = QDeadlineTimer(timeout_ms)
        while self.running and not deadline.hasExpired():
            QCoreApplication.processEvents()
            QThread.msleep(5)
        return not self.running

    # --- internals -------------------------------------------------------------------------------
    def _run_here(self, store: Store, top: int, ids: list[int] | None) -> None:
        try:
            report = rematch_all(store, top=top, progress=self._on_progress, quote_ids=ids)
        except Exception as exc:  # noqa: BLE001 - shown to the user
            self._on_error(exc)
        else:
            self._on_done(report)

    def _on_progress(self, fraction: float) -> None:
        self.progress.setValue(round(max(0.0, min(1.0, fraction)) * _STEPS))

    def _on_done(self, report) -> None:
        self.running = False
        self._op = None
        self.report = report
        if report.cancelled and not report.quotes:
            self.status.setText(f"Cancelled while computing sentence vectors ({report.vectors:,} "
                                "computed and kept); no quote was re-matched.")
        elif report.cancelled:
            self.status.setText(f"Cancelled after {report.quotes:,} quotes; their new matches are saved, "
                                "the others keep their earlier ones.")
        else:
            self.progress.setValue(_STEPS)
            self.status.setText(f"Done: {report.quotes:,} quotes re-matched, {report.matched:,} with "
                                "earlier statements.")
        self._finish_buttons()
        self.sig_finished.emit(report)

    def _on_error(self, exc: BaseException) -> None:
        self.running = False
        self._op = None
        self.status.setText(f"Re-matching failed: {exc}")
        self._finish_buttons()
        self.sig_failed.emit(str(exc))

    def _finish_buttons(self) -> None:
        self.start_button.setEnabled(not self._store.readonly)
        self.start_button.setText("Run again")
        self.cancel_button.setText("Close")
        self.cancel_button.setEnabled(True)

    def _on_cancel(self) -> None:
        if self.running:
            self.cancel()
        else:
            self.accept()

    def reject(self) -> None:  # Esc or the window's close button
        if self.running:
            self.cancel()
            self.wait()
        super().reject()

    def closeEvent(self, event) -> None:  # noqa: N802 - Qt override
        if self.running:
            self.cancel()
            self.wait()
        super().closeEvent(event)
