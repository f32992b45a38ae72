"""Export actions of the main window: quotes to CSV/JSON (article, selection, search results, all)
and the article report (HTML or PDF). File names come from a save dialog (tests monkeypatch it)."""
from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QMessageBox

from quotedesk.core.store.quotes import quotes_for_article
from quotedesk.gui.exports import article_report_html, export_quotes, write_report


class ExportController:
    """Runs the exports for one main window (reads its store, article and lists)."""

    def __init__(self, window):
        self._w = window

    def _ask_export_path(self, title: str, stem: str) -> Path | None:
        folder = self._w.settings.get("export/last_dir") or str(Path.home())
        path, _ = QFileDialog.getSaveFileName(self._w, title, str(Path(folder) / f"{stem}.csv"),
                                              "CSV (*.csv);;JSON (*.json)")
        if not path:
            return None
        self._w.settings.set("export/last_dir", str(Path(path).parent))
        return Path(path)

    def _export(self, title: str, stem: str, **which) -> None:
        path = self._ask_export_path(title, stem)
        if path is None:
            return
        try:
            n = export_quotes(self._w.store, path, **which)
        except OSError as exc:
            QMessageBox.warning(self._w, "Export failed", f"Could not write {path}: {exc.strerror or exc}")
            return
        self._w.statusBar().showMessage(f"Exported {n} quotes to {path}", 8000)

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
