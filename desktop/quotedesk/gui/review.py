"""The review queue: unreviewed quotes across all articles, least confident first.

Keyboard flow (the main window's quote actions apply while this table has focus): J/K or
arrows move, Enter confirms, S changes the speaker, Del deletes, Q marks the text selection.
After a confirm or delete the queue reloads and the next quote takes the same row.
"""
from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, QModelIndex, Qt, Signal
from PySide6.QtWidgets import QAbstractItemView, QLabel, QTableView, QVBoxLayout, QWidget

from quotedesk.core.store import Store
from quotedesk.core.store.quotes import review_counts, review_queue
from quotedesk.gui.quote_model import (KIND, STATUS, ArticleIdRole, QuoteIdRole, QuoteTableModel,
                                       stretch_quote_column)
from quotedesk.gui.titles import article_titles

PAGE = 200


class ReviewQueueModel(QuoteTableModel):
    """The queue, paged from ``review_queue`` as the view scrolls (never the whole backlog)."""

    def __init__(self, store: Store, parent=None):
        super().__init__(show_article=True, parent=parent)
        self._store = store
        self.remaining = 0
        self._fetching = False

    def reload(self, at_least: int = 0) -> None:
        """Re-read the first page (or as many rows as ``at_least``, to keep the scroll place)."""
        self.remaining = review_counts(self._store)["auto"]
        quotes = review_queue(self._store, limit=max(at_least, PAGE))
        self.set_quotes(quotes, article_titles(self._store, [q.article_id for q in quotes]))

    def canFetchMore(self, parent=QModelIndex()) -> bool:
        return not parent.isValid() and self.rowCount() < self.remaining

    def fetchMore(self, parent=QModelIndex()) -> None:
        if parent.isValid() or self._fetching:
            return
        self._fetching = True  # a view (or the model tester) may ask again from rowsInserted
        try:
            more = review_queue(self._store, limit=PAGE, offset=self.rowCount())
            if not more:
                self.remaining = self.rowCount()
                return
            self.append_quotes(more, article_titles(self._store, [q.article_id for q in more]))
        finally:
            self._fetching = False


class ReviewPanel(QWidget):
    """The queue of quotes to review."""

    sig_quote_selected = Signal(int, int)
    """The current queue entry changed: (article id, quote id)."""

    def __init__(self, store: Store, parent=None):
        super().__init__(parent)
        self._store = store
        self.model = ReviewQueueModel(store, parent=self)
        self.table = QTableView()
        self.table.setObjectName("ReviewTable")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.setWordWrap(False)
        self.table.setAlternatingRowColors(True)
        stretch_quote_column(self.table)
        self.table.setColumnHidden(KIND, True)
        self.table.setColumnHidden(STATUS, True)  # always 'to review' here
        self.table.setToolTip("Quotes to review, least confident first. J/K move, Enter confirms, "
                              "S changes the speaker, Del deletes, Q marks the selected text as a quote")
        self.info = QLabel()
        self.info.setWordWrap(True)
        self.info.setObjectName("ReviewInfo")
        lay = QVBoxLayout(self)
        lay.setContentsMargins(4, 4, 4, 4)
        lay.addWidget(self.info)
        lay.addWidget(self.table, 1)
        self.table.selectionModel().currentRowChanged.connect(self._on_row_changed)
        self.reload()

    def reload(self) -> None:
        """Re-read the queue, keeping the current row number (so the next quote moves up into it)."""
        row = max(self.table.currentIndex().row(), 0)
        self.table.selectionModel().blockSignals(True)
        self.model.reload(at_least=min(self.model.rowCount(), 5 * PAGE))
        self.table.selectionModel().blockSignals(False)
        self.info.setText(f"<b>{self.model.remaining:,}</b> quotes to review, least confident first"
                          " · J/K next/previous · Enter confirm · S speaker · Del delete")
        self._had_row = row

    def restore_row(self) -> None:
        """Select the row the queue was on before :meth:`reload` (clamped)."""
        n = self.model.rowCount()
        if n:
            self.select_row(min(self._had_row, n - 1))

    def select_row(self, row: int) -> None:
        n = self.model.rowCount()
        if not n:
            return
        row = max(0, min(n - 1, row))
        idx = self.model.index(row, 0)
        self.table.selectionModel().setCurrentIndex(
            idx, QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows)
        self.table.scrollTo(idx)
        self._emit(idx)

    def move(self, step: int) -> None:
        row = self.table.currentIndex().row()
        self.select_row(0 if row < 0 else row + step)

    def current_quote_id(self) -> int | None:
        idx = self.table.currentIndex()
        return idx.data(QuoteIdRole) if idx.isValid() else None

    def _emit(self, idx) -> None:
        if idx.isValid():
            self.sig_quote_selected.emit(idx.data(ArticleIdRole), idx.data(QuoteIdRole))

    def _on_row_changed(self, current, _previous) -> None:
        if current.isValid():
            self._emit(current)

    def has_focus(self) -> bool:
        return self.table.hasFocus()

    def focus(self) -> None:
        self.table.setFocus(Qt.FocusReason.OtherFocusReason)
        if self.table.currentIndex().row() < 0:
            self.select_row(0)
