"""The Statements menu: statement memory in the main window (issue 5).

Wires the matching widgets (``gui.matching``) to the window: compare two statements word by
word, a speaker's statements on a timeline, verdicts on quotes, importing statements recorded
elsewhere and re-matching everything in the background, exporting verdicts. Also File > Back up
database. Slow work goes through :func:`quotedesk.gui.workers.run_in_background`.
"""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QFileDialog, QMessageBox, QProgressDialog, QVBoxLayout

from quotedesk.core.store import open_store
from quotedesk.core.store.db import backup_to
from quotedesk.core.store.quotes import get_quote
from quotedesk.gui.matching import DiffView, RematchDialog, SpeakerTimeline, VerdictDialog
from quotedesk.gui.workers import run_in_background


def _window_dialog(parent, title: str, widget, size=(900, 560)) -> QDialog:
    dialog = QDialog(parent)
    dialog.setWindowTitle(title)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    layout = QVBoxLayout(dialog)
    layout.addWidget(widget)
    dialog.resize(*size)
    return dialog


#: share of the import's progress bar taken by the rows; the sentence vectors take the rest
ROWS_SHARE = 0.1


def _import_statements(db_path: Path, path: str, task):
    """Worker side: its own store; never touches widgets. The rows go in first (seconds), then
    their sentence vectors are computed (170-350 statements/s); a cancel keeps what is done."""
    from quotedesk.core.matching import semantic
    from quotedesk.core.store.statements import import_statements

    store = open_store(db_path)
    try:
        report = import_statements(store, path, progress=lambda f: task.progress(f * ROWS_SHARE),
                                   cancelled=task.cancelled)
        if not report.cancelled and not task.cancelled() and semantic.can_index(store.conn):
            report.vectors = semantic.index_statements(
                store, progress=lambda f: task.progress(ROWS_SHARE + (1 - ROWS_SHARE) * f),
                cancelled=task.cancelled)
            report.cancelled = task.cancelled()
        return report
    finally:
        store.close()


class StatementsMenu:
    """Adds the Statements menu and File > Back up database to a ``MainWindow``."""

    def __init__(self, window):
        self.window = window
        a = window._action
        self.act_compare = a("&Compare with the selected match", self.compare_best, keys=["Ctrl+D"],
                             tip="Word-by-word differences between the selected earlier statement "
                                 "(old, left) and the selected quote (new, right); the closest "
                                 "earlier statement when no match is selected")
        self.act_timeline = a("Speaker &timeline", self.show_timeline, keys=["Ctrl+T"],
                              tip="Everything the selected speaker said, on a date axis, one lane per claim thread")
        self.act_verdict = a("&Verdict on this quote…", self.set_verdict, keys=["Ctrl+Shift+D"],
                             tip="Mark the selected quote true, false, misleading, unverified or your own label")
        self.act_import = a("&Import statements…", self.import_statements, keys=["Ctrl+Shift+I"],
                            tip="Add statements recorded elsewhere (JSON Lines or CSV: id, text, speaker, date, …)")
        self.act_rematch = a("&Re-match all quotes…", self.rematch_all, keys=["Ctrl+Shift+R"],
                             tip="Match every quote again against all statements (runs in the background)")
        self.act_export_jsonld = a("Export verdicts as &ClaimReview JSON-LD…", lambda: self.export_verdicts("jsonld"),
                                   tip="All verdicts as schema.org ClaimReview objects")
        self.act_publisher = a("ClaimReview &publisher…", self.edit_publisher,
                               tip="The organisation, web address and review addresses the "
                                   "ClaimReview export names")
        self.act_export_csv = a("Export verdicts as C&SV…", lambda: self.export_verdicts("csv"),
                                tip="All verdicts as a spreadsheet")
        self.act_backup = a("&Back up database…", self.backup, tip="Save a consistent copy of the whole database")
        bar = window.menuBar()
        help_menu = bar.actions()[-1]
        menu = window.menuBar().addMenu("&Statements")
        bar.insertMenu(help_menu, menu)
        for act in (self.act_compare, self.act_timeline, self.act_verdict, None, self.act_import,
                    self.act_rematch, None, self.act_export_jsonld, self.act_export_csv,
                    self.act_publisher):
            menu.addSeparator() if act is None else menu.addAction(act)
        self.menu = menu
        file_menu = bar.actions()[0].menu()
        file_menu.insertAction(window.act_quit, self.act_backup)
        file_menu.insertSeparator(window.act_quit)
        self.diff_view: DiffView | None = None
        self.import_op = None
        panel = getattr(window, "matches", None)
        if panel is not None:
            panel.sig_compare_requested.connect(self.compare)

    # -- helpers ---------------------------------------------------------------------------

    def _current_quote(self):
        qid = self.window.article.current_quote_id() or self.window.review.current_quote_id()
        return get_quote(self.window.store, qid) if qid is not None else None

    def _tell(self, text: str) -> None:
        self.window.statusBar().showMessage(text, 8000)

    # -- compare ---------------------------------------------------------------------------

    def compare(self, left: str, right: str, left_label: str, right_label: str) -> None:
        """Show two statements side by side with their word-level differences."""
        if self.diff_view is None or not self.diff_view.isVisible():
            self.diff_view = DiffView()
            self._diff_dialog = _window_dialog(self.window, "Compare statements", self.diff_view, (900, 380))
        self.diff_view.set_statements(left, right, left_label, right_label)
        self._diff_dialog.show()
        self._diff_dialog.raise_()

    def compare_best(self) -> None:
        """Ctrl+D: the match selected in the Matches panel (old, left) against the selected quote
        (new, right); with no match selected there, the closest earlier statement."""
        quote = self._current_quote()
        if quote is None:
            self._tell("Select a quote first")
            return
        panel = self.window.matches
        if panel is not None and panel.current_quote_id() == quote.id and not panel.busy \
                and panel.selected_row() is not None:
            panel.compare_button.click()  # the same path as the panel's own Compare
            return
        from quotedesk.core.matching import match_quote
        from quotedesk.gui.matching.matches_panel import quote_label

        db_path = self.window.store.path
        art = self.window.store.query("SELECT date FROM articles WHERE id = ?", (quote.article_id,))
        quote_date = art[0]["date"] if art else None

        def work(task):  # off the GUI thread: the first semantic match loads the model (~4 s)
            store = open_store(db_path, readonly=self.window.store.readonly)
            try:
                return match_quote(store, quote.id, top=1)
            finally:
                store.close()

        def done(found):
            if not found:  # match_quote gives earlier statements and undated ones only
                self._tell("Nothing like this quote was said before")
                return
            best = found[0]
            origin = "library" if best.is_quote else "statement memory"
            self.compare(best.text, quote.text,
                         f"{'Earlier' if best.when == 'earlier' else 'Date unknown'}: {best.speaker or 'unknown speaker'} · {best.date or 'no date'} · "
                         f"{best.source or 'no source'} ({origin})",
                         quote_label(quote.speaker_label or None, quote_date))

        if db_path is None:  # an in-memory database cannot be opened from another thread
            done(match_quote(self.window.store, quote.id, top=1))
            return
        self._tell("Looking for the closest earlier statement…")
        self.compare_op = run_in_background(
            work, done, lambda exc: self._tell(f"Matching failed: {exc}"))

    # -- timeline and verdicts -------------------------------------------------------------

    def show_timeline(self) -> None:
        chosen = self.window.speakers.selected() if self.window.tabs.currentWidget() is self.window.speakers else []
        speaker_id = chosen[0]["id"] if chosen else None
        if speaker_id is None:
            quote = self._current_quote()
            speaker_id = quote.speaker_ids[0] if quote is not None and quote.speaker_ids else None
        if speaker_id is None:
            self._tell("Select a quote or a speaker first")
            return
        timeline = SpeakerTimeline()
        timeline.set_store(self.window.store)
        timeline.sig_statement_selected.connect(self._open_statement)
        timeline.sig_compare_requested.connect(self.compare)  # earlier left, selected right
        dialog = _window_dialog(self.window, "Speaker timeline", timeline, (1000, 620))
        timeline.show_speaker(speaker_id)
        dialog.show()
        self.timeline_dialog = dialog

    def _open_statement(self, statement_id: str) -> None:
        if statement_id.startswith("q") and statement_id[1:].isdigit():
            quote = get_quote(self.window.store, int(statement_id[1:]))
            if quote is not None:
                self.window.open_quote(quote.article_id, quote.id)

    def set_verdict(self) -> None:
        quote = self._current_quote()
        if quote is None:
            self._tell("Select a quote first")
            return
        dialog = VerdictDialog(self.window.store, f"q{quote.id}", self.window)
        dialog.sig_verdict_saved.connect(lambda _sid, label: self._tell(
            f"Verdict saved: {label}" if label else "Verdict removed"))
        if self.window.matches is not None:
            dialog.sig_verdict_saved.connect(lambda *_: self.window.matches.reload_verdicts())
        dialog.open()
        self.verdict_dialog = dialog

    # -- background work -------------------------------------------------------------------

    def import_statements(self, path: str | None = None):
        """Import a JSONL/CSV file of statements in the background (progress and cancel)."""
        if path is None:
            path, _ = QFileDialog.getOpenFileName(self.window, "Import statements", "",
                                                  "Statements (*.jsonl *.csv);;All files (*)")
        if not path or self.window.store.path is None:
            return None
        progress = QProgressDialog("Importing statements and computing their sentence vectors…",
                                   "Cancel", 0, 1000, self.window)
        progress.setWindowTitle("Import statements")
        progress.setMinimumDuration(300)
        op = run_in_background(lambda task: _import_statements(Path(self.window.store.path), path, task),
                               self._on_statements_imported, self._on_statements_failed,
                               progress=lambda f: progress.setValue(int(f * 1000)))
        progress.canceled.connect(op.cancel)
        op.sig_finished.connect(progress.close)
        self.import_op = op
        return op

    def _on_statements_imported(self, report) -> None:
        lines = [f"{report.kept:,} statements imported."] if hasattr(report, "kept") else [str(report)]
        errors = getattr(report, "errors", []) or []
        if errors:
            lines.append(f"{len(errors):,} rows were skipped:")
            lines += [str(e) for e in errors[:20]]
        if getattr(report, "cancelled", False):
            lines.append("Cancelled: the statements imported before stay; sentence vectors still "
                         "missing are computed by Statements > Re-match all quotes.")
        self._tell(lines[0])
        if errors or getattr(report, "cancelled", False):
            QMessageBox.information(self.window, "Import statements", "\n".join(lines))
        if self.window.matches is not None:
            self.window.matches.refresh()

    def _on_statements_failed(self, exc: BaseException) -> None:
        QMessageBox.warning(self.window, "Import statements", f"The statements could not be imported: {exc}")

    def rematch_all(self) -> None:
        dialog = RematchDialog(self.window.store, self.window)
        dialog.sig_finished.connect(lambda *_: self.window.matches.refresh() if self.window.matches else None)
        dialog.show()
        dialog.start()
        self.rematch_dialog = dialog

    # -- files -----------------------------------------------------------------------------

    def export_verdicts(self, fmt: str, path: str | None = None) -> None:
        """Export every verdict; ClaimReview first asks for the publisher if Settings lack it."""
        from quotedesk.gui.matching.publisher_dialog import ask_publisher
        from quotedesk.gui.matching.verdict_dialog import export_verdicts

        publisher = None
        if fmt == "jsonld":
            publisher = ask_publisher(self.window, self.window.settings)
            if publisher is None:
                return
        if path is None:
            suffix = "jsonld" if fmt == "jsonld" else "csv"
            path, _ = QFileDialog.getSaveFileName(self.window, "Export verdicts", f"verdicts.{suffix}",
                                                  f"*.{suffix}")
        if not path:
            return
        notes: list[str] = []
        try:
            export_verdicts(self.window.store, path, fmt, publisher, notes)
        except OSError as exc:
            QMessageBox.warning(self.window, "Export verdicts", f"Cannot write {path}: {exc.strerror}")
            return
        if notes:  # window-modal but not blocking: the export is already written
            box = QMessageBox(QMessageBox.Icon.Information, "ClaimReview export",
                              "\n".join(notes[:20]) + (f"\n… and {len(notes) - 20} more"
                                                       if len(notes) > 20 else ""),
                              parent=self.window)
            box.setTextFormat(Qt.TextFormat.PlainText)
            box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            box.open()
            self.notes_box = box
        self._tell(f"Verdicts written to {path}")

    def edit_publisher(self) -> None:
        """Statements > ClaimReview publisher…: the organisation named in the exports."""
        from quotedesk.gui.matching.publisher_dialog import (PublisherDialog, publisher_from_settings,
                                                              save_publisher)

        dialog = PublisherDialog(publisher_from_settings(self.window.settings), self.window)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            save_publisher(self.window.settings, dialog.publisher())

    def backup(self, path: str | None = None) -> Path | None:
        """File > Back up database: a consistent copy made with SQLite's backup API."""
        if path is None:
            default = Path(self.window.store.path or "quotedesk.db")
            path, _ = QFileDialog.getSaveFileName(self.window, "Back up database",
                                                  str(default.with_name(default.stem + "-backup.db")),
                                                  "SQLite database (*.db)")
        if not path:
            return None
        try:
            target = backup_to(self.window.store, Path(path))
        except (OSError, Exception) as exc:  # noqa: BLE001 - any failure is told, nothing is lost
            QMessageBox.warning(self.window, "Back up database", f"The backup could not be written: {exc}")
            return None
        self._tell(f"Database backed up to {target}")
        return target
