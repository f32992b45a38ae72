"""One open article: header, highlighted text, its quotes table and the selected quote's details.

Selection is kept in sync both ways: a table row outlines its quote in the text (and scrolls to
it); a click on a highlighted quote selects its row. The panel reads the store; it never writes
(edits go through the main window's undo stack).
"""
from __future__ import annotations

from PySide6.QtCore import QEvent, QItemSelectionModel, Qt, Signal
from PySide6.QtWidgets import QAbstractItemView, QSplitter, QTableView, QVBoxLayout, QWidget

from quotedesk.core.store import Store
from quotedesk.core.store.articles import get_article
from quotedesk.core.store.edits import Changes
from quotedesk.core.store.quotes import QuoteRow, quotes_for_article
from quotedesk.core.store.speakers import get_speaker
from quotedesk.gui.article_view import ArticleView
from quotedesk.gui.details_pane import ArticleHeader, QuoteDetailsPane
from quotedesk.gui.quote_model import (CONFIDENCE, QUOTE, SPEAKER, QuoteIdRole, QuoteSortProxy, QuoteTableModel,
                                       stretch_quote_column)


class ArticlePanel(QWidget):
    """The article being read and reviewed."""

    sig_current_quote_changed = Signal(object)
    """The selected quote's id, or None (after a click, a row change or a refresh)."""
    sig_speaker_edit_requested = Signal(int)
    """The user double-clicked a quote's speaker cell (quote id)."""

    def __init__(self, store: Store, parent=None):
        super().__init__(parent)
        self._store = store
        self.article: dict | None = None
        self.header = ArticleHeader()
        self.view = ArticleView()
        self.model = QuoteTableModel(parent=self)
        self.proxy = QuoteSortProxy(self)
        self.proxy.setSourceModel(self.model)
        self.table = QTableView()
        self.table.setObjectName("QuotesTable")
        self.table.setModel(self.proxy)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(QUOTE, Qt.SortOrder.AscendingOrder)
        self.table.verticalHeader().hide()
        self.table.setWordWrap(False)
        self.table.setAlternatingRowColors(True)
        stretch_quote_column(self.table)
        self.table.setToolTip("Quotes of this article: click to show one in the text, sort by a column header "
                              "(Confidence puts the doubtful ones first)")
        self.details = QuoteDetailsPane()

        self.bottom = QSplitter(Qt.Orientation.Horizontal)
        self.bottom.setObjectName("article_bottom_splitter")
        self.bottom.addWidget(self.table)
        self.bottom.addWidget(self.details)
        self.bottom.setStretchFactor(0, 3)
        self.bottom.setStretchFactor(1, 1)
        top = QWidget()
        tl = QVBoxLayout(top)
        tl.setContentsMargins(0, 0, 0, 0)
        tl.addWidget(self.header)
        tl.addWidget(self.view, 1)
        self.splitter = QSplitter(Qt.Orientation.Vertical)
        self.splitter.setObjectName("article_splitter")
        self.splitter.addWidget(top)
        self.splitter.addWidget(self.bottom)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addWidget(self.splitter)

        self.table.selectionModel().currentRowChanged.connect(self._on_row_changed)
        self.table.doubleClicked.connect(self._on_double_clicked)
        self.view.sig_quote_clicked.connect(self._on_quote_clicked)
        self._scroll_on_select = True

    # -- loading -------------------------------------------------------------------------

    @property
    def article_id(self) -> int | None:
        return self.article["id"] if self.article else None

    def open_article(self, article_id: int, *, quote_id: int | None = None) -> bool:
        """Show an article (and select a quote in it). False if it no longer exists."""
        art = get_article(self._store, article_id)
        if art is None:
            return False
        self.article = art
        self.header.set_article(art)
        quotes = quotes_for_article(self._store, article_id)
        self.view.set_article(art["text"], quotes)
        self.model.set_quotes(quotes)
        if quote_id is not None:
            self.select_quote(quote_id)
        else:
            self.view.show_quote(None)
            self.details.show_quote(None)
            self.sig_current_quote_changed.emit(None)
        return True

    def close_article(self) -> None:
        self.article = None
        self.header.set_article(None)
        self.view.clear_article()
        self.model.set_quotes([])
        self.details.show_quote(None)
        self.sig_current_quote_changed.emit(None)

    def apply_changes(self, changes: Changes) -> None:
        """Refresh after an edit: re-read the article when it was touched, keep or move the selection."""
        if self.article is None:
            return
        if changes.articles and self.article["id"] not in changes.articles:
            if not changes.speakers:
                return
        if not changes.articles and not changes.speakers and not (changes.quotes & set(self.quote_ids())):
            return
        keep = self.current_quote_id()
        art = get_article(self._store, self.article["id"])
        if art is None:
            self.close_article()
            return
        self.article = art
        self.header.set_article(art)
        quotes = quotes_for_article(self._store, art["id"])
        ids = {q.id for q in quotes}
        touched = [q for q in changes.quotes if q in ids]
        if len(changes.quotes) == 1 and touched:
            keep = touched[0]
        self.view.set_quotes(quotes)
        self.model.set_quotes(quotes)
        if keep in ids:
            self.select_quote(keep)
        else:
            self.view.show_quote(None)
            self.details.show_quote(None)
            self.sig_current_quote_changed.emit(None)

    def changeEvent(self, event) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange and self.article is not None:
            # speaker colours depend on whether the palette is dark: repaint with the new shades
            self.apply_changes(Changes(speakers=True))

    # -- selection -----------------------------------------------------------------------

    def quote_ids(self) -> list[int]:
        return [q.id for q in self.model.quotes]

    def current_quote_id(self) -> int | None:
        idx = self.table.currentIndex()
        if not idx.isValid() or not self.table.selectionModel().isRowSelected(idx.row(), idx.parent()):
            return None
        return idx.data(QuoteIdRole)

    def current_quote(self) -> QuoteRow | None:
        qid = self.current_quote_id()
        row = self.model.row_of(qid) if qid is not None else None
        return self.model.quote(row) if row is not None else None

    def selected_quote_ids(self) -> list[int]:
        rows = self.table.selectionModel().selectedRows()
        return [r.data(QuoteIdRole) for r in rows]

    def select_quote(self, quote_id: int, *, scroll: bool = True) -> bool:
        row = self.model.row_of(quote_id)
        if row is None:
            return False
        proxy_index = self.proxy.mapFromSource(self.model.index(row, 0))
        self._scroll_on_select = scroll
        try:
            self.table.selectionModel().setCurrentIndex(
                proxy_index, QItemSelectionModel.SelectionFlag.ClearAndSelect
                | QItemSelectionModel.SelectionFlag.Rows)
            self.table.scrollTo(proxy_index)
            # currentRowChanged does not fire when the row was already current
            self._show(quote_id, scroll=scroll)
        finally:
            self._scroll_on_select = True
        return True

    def move_selection(self, step: int) -> None:
        """Select the next (+1) or previous (-1) quote in table order."""
        n = self.proxy.rowCount()
        if not n:
            return
        row = self.table.currentIndex().row()
        row = 0 if row < 0 else max(0, min(n - 1, row + step))
        self.select_quote(self.proxy.index(row, 0).data(QuoteIdRole))

    def sort_by_confidence(self) -> None:
        self.table.sortByColumn(CONFIDENCE, Qt.SortOrder.AscendingOrder)

    def _show(self, quote_id: int | None, *, scroll: bool) -> None:
        self.view.show_quote(quote_id, scroll=scroll)
        row = self.model.row_of(quote_id) if quote_id is not None else None
        quote = self.model.quote(row) if row is not None else None
        roles = {}
        for sid in quote.speaker_ids if quote is not None else ():
            sp = get_speaker(self._store, sid)
            if sp and sp.get("description"):
                roles[sid] = sp["description"]
        self.details.show_quote(quote, roles)
        self.sig_current_quote_changed.emit(quote_id)

    def _on_row_changed(self, current, _previous) -> None:
        qid = current.data(QuoteIdRole) if current.isValid() else None
        self._show(qid, scroll=self._scroll_on_select)

    def _on_quote_clicked(self, quote_id: int) -> None:
        self.select_quote(quote_id, scroll=False)

    def _on_double_clicked(self, index) -> None:
        if index.column() == SPEAKER:
            self.sig_speaker_edit_requested.emit(index.data(QuoteIdRole))
