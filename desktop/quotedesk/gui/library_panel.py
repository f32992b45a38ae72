"""The library: a filter bar (text, outlet, date range, review state) over the paged article table."""
from __future__ import annotations

import re

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (QAbstractItemView, QComboBox, QHBoxLayout, QHeaderView, QLabel, QLineEdit,
                               QTableView, QVBoxLayout, QWidget)

from quotedesk.core.store import Store
from quotedesk.core.store.articles import outlets
from quotedesk.core.store.speakers import speaker_names
from quotedesk.gui.library_model import ArticleIdRole, ArticleTableModel, LibraryFilter
from quotedesk.gui.workers import debounced

_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
_REVIEW = (("All articles", None), ("With quotes to review", "unreviewed"), ("Fully reviewed", "reviewed"))


class LibraryPanel(QWidget):
    """Filter bar + article table."""

    sig_article_activated = Signal(int)
    """The user chose an article (click or Enter) to open."""

    def __init__(self, store: Store, *, page_size: int = 200, parent=None):
        super().__init__(parent)
        self._store = store
        self.model = ArticleTableModel(store, page_size=page_size, parent=self)
        self.search = QLineEdit()
        self.search.setPlaceholderText("Search titles and quotes…")
        self.search.setClearButtonEnabled(True)
        self.search.setToolTip("Full-text search over article titles and quote text (Ctrl+F)")
        self.outlet = QComboBox()
        self.outlet.setToolTip("Only articles from this outlet")
        self.date_from = QLineEdit()
        self.date_from.setPlaceholderText("from YYYY-MM-DD")
        self.date_from.setToolTip("Only articles published on or after this date")
        self.date_to = QLineEdit()
        self.date_to.setPlaceholderText("to YYYY-MM-DD")
        self.date_to.setToolTip("Only articles published on or before this date")
        for w in (self.date_from, self.date_to):
            w.setMinimumWidth(92)
            w.setMaximumWidth(120)
        self.speaker = QComboBox()
        self.speaker.setToolTip("Only articles quoting this speaker")
        self.review = QComboBox()
        for label, value in _REVIEW:
            self.review.addItem(label, value)
        self.review.setToolTip("Filter by review state")
        self.count = QLabel()
        self.count.setObjectName("LibraryCount")
        self.table = QTableView()
        self.table.setObjectName("LibraryTable")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSortingEnabled(True)
        self.table.horizontalHeader().setSortIndicator(2, Qt.SortOrder.DescendingOrder)
        self.table.verticalHeader().hide()
        self.table.setWordWrap(False)
        self.table.setAlternatingRowColors(True)
        hdr = self.table.horizontalHeader()
        hdr.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        hdr.resizeSection(1, 150)
        hdr.resizeSection(2, 90)
        hdr.resizeSection(3, 60)
        self.model.modelReset.connect(lambda: hdr.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch))
        self.table.setToolTip("Articles: click one to open it; click a header to sort")

        for combo in (self.outlet, self.speaker):
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            combo.setMinimumContentsLength(6)
        row1 = QHBoxLayout()
        row1.addWidget(self.search, 1)
        row1.addWidget(self.review)
        row2 = QHBoxLayout()
        row2.addWidget(self.outlet, 1)
        row2.addWidget(self.speaker, 1)
        row2.addWidget(self.date_from)
        row2.addWidget(self.date_to)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(4, 4, 4, 4)
        lay.addLayout(row1)
        lay.addLayout(row2)
        lay.addWidget(self.table, 1)
        lay.addWidget(self.count)

        self._debounce = debounced(self, 250, self.apply_filter)
        self.search.textChanged.connect(lambda _t: self._debounce.start())
        self.date_from.textChanged.connect(lambda _t: self._debounce.start())
        self.date_to.textChanged.connect(lambda _t: self._debounce.start())
        self.outlet.currentIndexChanged.connect(lambda _i: self.apply_filter())
        self.review.currentIndexChanged.connect(lambda _i: self.apply_filter())
        self.speaker.currentIndexChanged.connect(lambda _i: self.apply_filter())
        self.table.selectionModel().currentRowChanged.connect(self._on_current_changed)
        self.table.activated.connect(self._on_activated)
        self.model.modelReset.connect(self._update_count)
        self.model.rowsInserted.connect(self._update_count)
        self.refresh_outlets()
        self.refresh_speakers()
        self._update_count()

    def refresh_outlets(self) -> None:
        current = self.outlet.currentData()
        self.outlet.blockSignals(True)
        self.outlet.clear()
        self.outlet.addItem("All outlets", None)
        for name in outlets(self._store):
            self.outlet.addItem(name, name)
        i = self.outlet.findData(current)
        self.outlet.setCurrentIndex(max(0, i))
        self.outlet.blockSignals(False)

    def refresh_speakers(self) -> None:
        current = self.speaker.currentData()
        self.speaker.blockSignals(True)
        self.speaker.clear()
        self.speaker.addItem("All speakers", None)
        for sid, name in speaker_names(self._store):
            self.speaker.addItem(name, sid)
        self.speaker.setCurrentIndex(max(0, self.speaker.findData(current)))
        self.speaker.blockSignals(False)

    def current_filter(self) -> LibraryFilter:
        def date(edit: QLineEdit) -> str | None:
            text = edit.text().strip()
            ok = not text or bool(_DATE.match(text))
            edit.setStyleSheet("" if ok else "color: #c92a2a")
            return text if text and ok else None

        return LibraryFilter(search=self.search.text().strip() or None, outlet=self.outlet.currentData(),
                             date_from=date(self.date_from), date_to=self._end_of(date(self.date_to)),
                             speaker_id=self.speaker.currentData(), review=self.review.currentData())

    @staticmethod
    def _end_of(date: str | None) -> str | None:
        # "2017" or "2017-01" as an upper bound means the end of that year or month
        if date and len(date) < 10:
            return date + "-99" if len(date) == 7 else date + "-99-99"
        return date

    def apply_filter(self) -> None:
        self._debounce.stop()
        self.model.set_filter(self.current_filter())

    def reload(self) -> None:
        self.refresh_outlets()
        self.refresh_speakers()
        self.model.reload(keep_loaded=True)

    def select_article(self, article_id: int) -> None:
        row = self.model.row_of(article_id)
        if row is not None:
            self.table.blockSignals(True)
            self.table.selectRow(row)
            self.table.blockSignals(False)

    def _update_count(self, *_args) -> None:
        self.count.setText(f"{self.model.total:,} articles" + (
            f" (showing {self.model.rowCount():,})" if self.model.rowCount() < self.model.total else ""))

    def _on_current_changed(self, current, _previous) -> None:
        if current.isValid():
            self.sig_article_activated.emit(current.data(ArticleIdRole))

    def _on_activated(self, index) -> None:
        if index.isValid():
            self.sig_article_activated.emit(index.data(ArticleIdRole))
