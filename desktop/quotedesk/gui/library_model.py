"""The library table: articles (title, outlet, date, quotes), loaded a page at a time.

``canFetchMore``/``fetchMore`` pull the next page from ``list_articles`` as the view scrolls,
so a library of 100,000 articles opens with one page and a ``count``. Sorting and filtering
are done by the database (``sort`` is overridden to reload), never by loading every row.
"""
from __future__ import annotations

from dataclasses import dataclass, replace

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from quotedesk.core.store import Store
from quotedesk.core.store.articles import ArticleRow, count_articles, get_article, list_articles
from quotedesk.gui.matching.plain import plain_tip

ArticleIdRole = Qt.ItemDataRole.UserRole + 1

COLUMNS = ("Title", "Outlet", "Date", "Quotes")
_SORT_KEYS = ("title", "outlet", "date", "quotes")


@dataclass(frozen=True)
class LibraryFilter:
    """What the library shows; every field maps to a ``list_articles`` argument."""

    search: str | None = None
    outlet: str | None = None
    date_from: str | None = None
    date_to: str | None = None
    speaker_id: int | None = None
    review: str | None = None  # None, "unreviewed", "reviewed"

    def kwargs(self) -> dict:
        return {"search": self.search, "outlet": self.outlet, "date_from": self.date_from,
                "date_to": self.date_to, "speaker_id": self.speaker_id, "review": self.review}


class ArticleTableModel(QAbstractTableModel):
    """Articles of the library, paged from the store."""

    def __init__(self, store: Store, *, page_size: int = 200, parent=None):
        super().__init__(parent)
        self._store = store
        self._page_size = page_size
        self._rows: list[ArticleRow] = []
        self._total = 0
        self._sort = "date"
        self._descending = True
        self._filter = LibraryFilter()
        self._fetching = False
        self.reload()

    # -- loading -------------------------------------------------------------------------

    @property
    def total(self) -> int:
        """Number of articles matching the filter (loaded or not)."""
        return self._total

    @property
    def filter(self) -> LibraryFilter:
        return self._filter

    def set_filter(self, flt: LibraryFilter) -> None:
        if flt != self._filter:
            self._filter = flt
            self.reload()

    def update_filter(self, **changes) -> None:
        self.set_filter(replace(self._filter, **changes))

    def reload(self, *, keep_loaded: bool = False) -> None:
        """Reset to the first page (or as many rows as were loaded, to keep the scroll place)."""
        want = max(len(self._rows), self._page_size) if keep_loaded else self._page_size
        self.beginResetModel()
        self._total = count_articles(self._store, **self._filter.kwargs())
        self._rows = self._page(0, want)
        self.endResetModel()

    def _page(self, offset: int, limit: int) -> list[ArticleRow]:
        return list_articles(self._store, offset=offset, limit=limit, sort=self._sort,
                             descending=self._descending, **self._filter.kwargs())

    def canFetchMore(self, parent=QModelIndex()) -> bool:
        return not parent.isValid() and len(self._rows) < self._total and not self._store.closed

    def fetchMore(self, parent=QModelIndex()) -> None:
        if parent.isValid() or self._fetching or self._store.closed:  # closed: a window gone
            return
        self._fetching = True  # a view (or the model tester) may ask again from rowsInserted
        try:
            more = self._page(len(self._rows), self._page_size)
            if not more:
                self._total = len(self._rows)
                return
            self.beginInsertRows(QModelIndex(), len(self._rows), len(self._rows) + len(more) - 1)
            self._rows.extend(more)
            self.endInsertRows()
        finally:
            self._fetching = False

    def refresh_articles(self, article_ids) -> None:
        """Re-read the given articles in place (title, outlet, date, quote count changed)."""
        for row, art in enumerate(self._rows):
            if art.id in article_ids:
                fresh = get_article(self._store, art.id)
                if fresh is None:
                    continue
                n = fresh.get("n_quotes", art.n_quotes)  # kept by a trigger in the store
                self._rows[row] = ArticleRow(art.id, fresh["title"], fresh["outlet"], fresh["date"],
                                             fresh["url"], n)
                self.dataChanged.emit(self.index(row, 0), self.index(row, len(COLUMNS) - 1))

    # -- Qt model API --------------------------------------------------------------------

    def rowCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole \
                and 0 <= section < len(COLUMNS):
            return COLUMNS[section]
        return None

    def data(self, index: QModelIndex | QPersistentModelIndex, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not (0 <= index.row() < len(self._rows)):
            return None
        art = self._rows[index.row()]
        col = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return (art.title or "(untitled)", art.outlet, art.date or "", art.n_quotes)[col]
        if role == Qt.ItemDataRole.ToolTipRole:
            return plain_tip(art.url or art.title)
        if role == Qt.ItemDataRole.TextAlignmentRole and col == 3:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == ArticleIdRole:
            return art.id
        return None

    def sort(self, column: int, order=Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < len(_SORT_KEYS):
            return
        self._sort = _SORT_KEYS[column]
        self._descending = order == Qt.SortOrder.DescendingOrder
        self.reload()

    def article_id(self, row: int) -> int | None:
        return self._rows[row].id if 0 <= row < len(self._rows) else None

    def row_of(self, article_id: int) -> int | None:
        for row, art in enumerate(self._rows):
            if art.id == article_id:
                return row
        return None
