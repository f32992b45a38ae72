"""Quote tables: one article's quotes, the review queue and search results share this model.

Rows are :class:`~quotedesk.core.store.quotes.QuoteRow`; the model never writes. Sorting is
a ``QSortFilterProxyModel`` over :data:`SortRole` (confidence sorts as a number).
"""
from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, QSortFilterProxyModel, Qt
from PySide6.QtGui import QColor

from quotedesk.core.store.quotes import QuoteRow
from quotedesk.gui.colors import speaker_color
from quotedesk.gui.matching.plain import plain_tip

QuoteIdRole = Qt.ItemDataRole.UserRole + 1
SortRole = Qt.ItemDataRole.UserRole + 2
ArticleIdRole = Qt.ItemDataRole.UserRole + 3

SPEAKER, QUOTE, KIND, CONFIDENCE, STATUS, ARTICLE = range(6)
_HEADERS = ("Speaker", "Quote", "Kind", "Conf.", "Status", "Article")
_TIPS = ("Who said it (double-click or S to change)", "The quoted text",
         "direct, indirect or mixed", "How sure the attribution engine was (0-1)",
         "auto = not reviewed yet; confirmed, corrected or added by you", "The article the quote is in")
STATUS_TEXT = {"auto": "to review", "confirmed": "confirmed", "corrected": "corrected", "added": "added"}


def short(text: str, limit: int = 140) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[:limit - 1] + "…"


class QuoteTableModel(QAbstractTableModel):
    """A list of quotes as a table (speaker, quote, kind, confidence, status[, article])."""

    def __init__(self, *, show_article: bool = False, parent=None):
        super().__init__(parent)
        self._rows: list[QuoteRow] = []
        self._titles: dict[int, str] = {}
        self._ncols = 6 if show_article else 5

    def set_quotes(self, rows: list[QuoteRow], titles: dict[int, str] | None = None) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self._titles = dict(titles or {})
        self.endResetModel()

    def append_quotes(self, rows: list[QuoteRow], titles: dict[int, str] | None = None) -> None:
        if not rows:
            return
        self.beginInsertRows(QModelIndex(), len(self._rows), len(self._rows) + len(rows) - 1)
        self._rows.extend(rows)
        self._titles.update(titles or {})
        self.endInsertRows()

    def update_quote(self, quote: QuoteRow) -> None:
        """Replace one row in place (speaker or status changed)."""
        row = self.row_of(quote.id)
        if row is not None:
            self._rows[row] = quote
            self.dataChanged.emit(self.index(row, 0), self.index(row, self._ncols - 1))

    def remove_quote(self, quote_id: int) -> None:
        row = self.row_of(quote_id)
        if row is not None:
            self.beginRemoveRows(QModelIndex(), row, row)
            del self._rows[row]
            self.endRemoveRows()

    @property
    def quotes(self) -> list[QuoteRow]:
        return list(self._rows)

    def quote(self, row: int) -> QuoteRow | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def row_of(self, quote_id: int) -> int | None:
        for row, q in enumerate(self._rows):
            if q.id == quote_id:
                return row
        return None

    # -- Qt model API --------------------------------------------------------------------

    def rowCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else self._ncols

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < self._ncols:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return _HEADERS[section]
        if role == Qt.ItemDataRole.ToolTipRole:
            return _TIPS[section]
        return None

    def data(self, index: QModelIndex | QPersistentModelIndex, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        q = self._rows[index.row()]
        col = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if col == SPEAKER:
                return q.speaker_label or "(unknown)"
            if col == QUOTE:
                return short(q.text)
            if col == KIND:
                return q.kind
            if col == CONFIDENCE:
                return f"{q.confidence:.2f}"
            if col == STATUS:
                return STATUS_TEXT.get(q.status, q.status)
            return self._titles.get(q.article_id, f"#{q.article_id}")
        if role == SortRole:
            if col == CONFIDENCE:
                return float(q.confidence)
            if col == QUOTE:
                return q.start
            return self.data(index, Qt.ItemDataRole.DisplayRole)
        if role == Qt.ItemDataRole.ToolTipRole:
            return plain_tip(q.text) if col == QUOTE else None
        if role == Qt.ItemDataRole.DecorationRole and col == SPEAKER:
            return speaker_color(q.speaker_ids[0] if q.speaker_ids else None)
        if role == Qt.ItemDataRole.ForegroundRole and col == STATUS and q.status == "auto":
            return QColor("#c77700")
        if role == Qt.ItemDataRole.TextAlignmentRole and col == CONFIDENCE:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == QuoteIdRole:
            return q.id
        if role == ArticleIdRole:
            return q.article_id
        return None


_WIDTHS = {SPEAKER: 140, KIND: 62, CONFIDENCE: 50, STATUS: 82, ARTICLE: 130}


def stretch_quote_column(view, column: int = QUOTE, widths: dict[int, int] | None = None) -> None:
    """Let the quote column take the spare width (re-applied after each model reset, which
    re-initialises the header's sections)."""
    from PySide6.QtWidgets import QHeaderView

    widths = {**_WIDTHS, **(widths or {})}

    def apply() -> None:
        hdr = view.horizontalHeader()
        if hdr.count() > column:
            hdr.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)
        for col, width in widths.items():
            if col < hdr.count():
                hdr.resizeSection(col, width)

    view.model().modelReset.connect(apply)
    apply()


class QuoteSortProxy(QSortFilterProxyModel):
    """Sorts quotes by :data:`SortRole` (numbers as numbers)."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setSortRole(SortRole)
        self.setDynamicSortFilter(True)
