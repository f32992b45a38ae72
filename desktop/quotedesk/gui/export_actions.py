"""Export actions of the main window: quotes to CSV/JSON (article, selection, search results, all),
with each quote's earlier matches unless the analyst picks "quotes only", in the background with
progress and cancel; and the article report (HTML or PDF). File names come from a save dialog
(tests monkeypatch it)."""
from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QMessageBox, QProgressDialog

from quotedesk.core.output import write_error
from quotedesk.core.store import open_store
from quotedesk.core.store.quotes import quotes_for_article
from quotedesk.gui.exports import ExportCancelled, article_report_html, export_quotes, write_report
from quotedesk.gui.workers import BackgroundOp, run_in_background

#: The save dialog's choices; the first (the default) adds each quote's earlier matches, as
#: ``quotedesk export`` does.
EXPORT_FILTERS = ("CSV with earlier matches (*.csv)", "JSON with earlier matches (*.json)",
                  "CSV, quotes only (*.csv)", "JSON, quotes only (*.json)")
PLAIN_FILTERS = EXPORT_FILTERS[2:]


class ExportController:
    """Runs the exports for one main window (reads its store, article and lists)."""

    def __init__(self, window):
        self._w = window

    def _ask_export_path(self, title: str, stem: str) -> tuple[Path, bool] | None:
        """The file to write and whether the earlier matches go with it (the dialog's filter)."""
        folder = self._w.settings.get("export/last_dir") or str(Path.home())
        path, chosen = QFileDialog.getSaveFileName(self._w, title, str(Path(folder) / f"{stem}.csv"),
                                                   ";;".join(EXPORT_FILTERS), EXPORT_FILTERS[0])
        if not path:
            return None
        self._w.settings.set("export/last_dir", str(Path(path).parent))
        return Path(path), chosen not in PLAIN_FILTERS

    def _export(self, title: str, stem: str, **which) -> BackgroundOp | None:
        """Export in the background with a progress dialog that can cancel (the earlier matches
        cost a match per quote: minutes for a whole library), the window usable meanwhile."""
        asked = self._ask_export_path(title, stem)
        if asked is None:
            return None
        path, earlier = asked
        db_path = self._w.store.path
        if db_path is None:  # an in-memory database (tests): nothing to open a second connection on
            try:
                self._exported(path, export_quotes(self._w.store, path, earlier=earlier, **which))
            except OSError as exc:
                self._export_failed(path, exc)
            return None
        progress = QProgressDialog("Exporting quotes" + (" with their earlier matches…" if earlier else "…"),
                                   "Cancel", 0, 1000, self._w)
        progress.setWindowTitle("Export")
        progress.setMinimumDuration(300)

        def work(task):
            store = open_store(db_path, readonly=True, migrate=False)
            try:
                return export_quotes(store, path, earlier=earlier, task=task, **which)
            finally:
                store.close()

        op = run_in_background(work, lambda n: self._exported(path, n),
                               lambda exc: self._export_failed(path, exc),
                               progress=lambda f: progress.setValue(int(f * 1000)))
        progress.canceled.connect(op.cancel)
        op.sig_finished.connect(progress.close)
        self.export_op = op
        return op

    def _exported(self, path: Path, n: int) -> None:
        self._w.statusBar().showMessage(f"Exported {n} quotes to {path}", 8000)

    def _export_failed(self, path: Path, exc: BaseException) -> None:
        if isinstance(exc, ExportCancelled):
            self._w.statusBar().showMessage(f"Export cancelled: {path} was not written", 8000)
        elif isinstance(exc, OSError):
            QMessageBox.warning(self._w, "Export failed", write_error(path, exc).capitalize())
        else:
            QMessageBox.warning(self._w, "Export failed", f"The quotes could not be exported: {exc}")

    def export_article(self) -> None:
        if self._w.article.article_id is not None:
            self._export("Export the article's quotes", f"article-{self._w.article.article_id}-quotes",
                         article_ids=[self._w.article.article_id])

    def _view_selection(self) -> list[int]:
        """Quote ids selected in the current list: the search or review tab if it is showing and has a
        selection, else the open article's quotes table."""
        from quotedesk.gui.quote_model import QuoteIdRole

        tab = self._w.tabs.currentWidget()
        if tab in (self._w.search, self._w.review):
            ids = [i.data(QuoteIdRole) for i in tab.table.selectionModel().selectedRows()]
            if ids:
                return ids
        return self._w.article.selected_quote_ids()

    def export_selection(self) -> None:
        ids = self._view_selection()
        if not ids:
            self._w.statusBar().showMessage("Select quotes in the table first", 4000)
            return
        self._export("Export the selected quotes", "quotes", quote_ids=ids)

    def export_search_results(self) -> None:
        ids = [q.id for q in self._w.search.model.quotes]
        if not ids:
            self._w.statusBar().showMessage("Search for quotes first (Ctrl+Shift+F)", 4000)
            return
        self._export("Export the search results", "search-results", quote_ids=ids)

    def export_all(self) -> None:
        self._export("Export every quote", "all-quotes")

    def save_report(self) -> None:
        art = self._w.article.article
        if art is None:
            return
        folder = self._w.settings.get("export/last_dir") or str(Path.home())
        path, _ = QFileDialog.getSaveFileName(self._w, "Save a printable report",
                                              str(Path(folder) / f"article-{art['id']}.html"),
                                              "HTML (*.html);;PDF (*.pdf)")
        if not path:
            return
        try:
            write_report(Path(path), article_report_html(art, quotes_for_article(self._w.store, art["id"])))
        except OSError as exc:
            QMessageBox.warning(self._w, "Report not saved", f"Could not write {path}: {exc.strerror or exc}")
            return
        self._w.statusBar().showMessage(f"Report saved to {path}", 8000)
