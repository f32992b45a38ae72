"""Search across all quotes (FTS5 text, speaker, date range, review state); a result opens its article
at the quote."""
from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (QAbstractItemView, QComboBox, QHBoxLayout, QLabel, QLineEdit,
                               QTableView, QVBoxLayout, QWidget)

from quotedesk.core.store import Store
from quotedesk.core.store.quotes import search_quotes
from quotedesk.core.store.speakers import speaker_names
from quotedesk.gui.quote_model import KIND, ArticleIdRole, QuoteIdRole, QuoteTableModel, stretch_quote_column
from quotedesk.gui.titles import article_titles
from quotedesk.gui.workers import debounced

RESULT_LIMIT = 500


class SearchPanel(QWidget):
    """Quote search with filters."""

    sig_quote_activated = Signal(int, int)
    """A result was chosen: (article id, quote id)."""

    def __init__(self, store: Store, parent=None):
        super().__init__(parent)
        self._store = store
        self.query = QLineEdit()
        self.query.setPlaceholderText("Words in the quote…")
        self.query.setClearButtonEnabled(True)
        self.query.setToolTip("Full-text search over every quote (any characters are safe)")
        self.speaker = QComboBox()
        self.speaker.setToolTip("Only quotes by this speaker")
        self.status = QComboBox()
        self.status.setToolTip("Only quotes in this review state")
        for label, value in (("Any state", None), ("To review", "auto"), ("Confirmed", "confirmed"),
                             ("Corrected", "corrected"), ("Added", "added")):
            self.status.addItem(label, value)
        self.date_from = QLineEdit()
        self.date_from.setPlaceholderText("from YYYY-MM-DD")
        self.date_to = QLineEdit()
        self.date_to.setPlaceholderText("to YYYY-MM-DD")
        for w in (self.date_from, self.date_to):
            w.setMaximumWidth(120)
            w.setToolTip("Article date range")
        self.model = QuoteTableModel(show_article=True, parent=self)
        self.table = QTableView()
        self.table.setObjectName("SearchTable")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        stretch_quote_column(self.table)
        self.table.setColumnHidden(KIND, True)
        self.table.setToolTip("Search results: click one to open its article at the quote")
        self.info = QLabel()
        row1 = QHBoxLayout()
        row1.addWidget(self.query, 1)
        row1.addWidget(self.speaker)
        row2 = QHBoxLayout()
        row2.addWidget(self.status)
        row2.addStretch(1)
        row2.addWidget(self.date_from)
        row2.addWidget(self.date_to)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(4, 4, 4, 4)
        lay.addLayout(row1)
        lay.addLayout(row2)
        lay.addWidget(self.table, 1)
        lay.addWidget(self.info)
        self._debounce = debounced(self, 250, self.run_search)
        for edit in (self.query, self.date_from, self.date_to):
            edit.textChanged.connect(lambda _t: self._debounce.start())
        self.speaker.currentIndexChanged.connect(lambda _i: self.run_search())
        self.status.currentIndexChanged.connect(lambda _i: self.run_search())
        self.table.clicked.connect(self._on_clicked)
        self.table.activated.connect(self._on_clicked)
        self.refresh_speakers()

    def refresh_speakers(self) -> None:
        current = self.speaker.currentData()
        self.speaker.blockSignals(True)
        self.speaker.clear()
        self.speaker.addItem("Any speaker", None)
        for sid, name in speaker_names(self._store):
            self.speaker.addItem(name, sid)
        self.speaker.setCurrentIndex(max(0, self.speaker.findData(current)))
        self.speaker.blockSignals(False)

    def set_speaker(self, speaker_id: int | None) -> None:
        self.speaker.setCurrentIndex(max(0, self.speaker.findData(speaker_id)))
        self.run_search()

    def run_search(self) -> None:
        self._debounce.stop()
        text = self.query.text()
        sid = self.speaker.currentData()
        dfrom, dto = self.date_from.text().strip() or None, self.date_to.text().strip() or None
        status = self.status.currentData()
        if not text.strip() and sid is None and not dfrom and not dto and status is None:
            self.model.set_quotes([])
            self.info.setText("Type words to search every quote, or pick a speaker.")
            return
        rows = search_quotes(self._store, text, speaker_id=sid, date_from=dfrom, date_to=dto, status=status,
                             limit=RESULT_LIMIT)
        self.model.set_quotes(rows, article_titles(self._store, [q.article_id for q in rows]))
        self.info.setText(f"{len(rows)} quotes" + (" (first 500)" if len(rows) >= RESULT_LIMIT else ""))

    def _on_clicked(self, index) -> None:
        if index.isValid():
            self.sig_quote_activated.emit(index.data(ArticleIdRole), index.data(QuoteIdRole))
