"""The matches of one quote as a table: the statement first, then speaker, date, source, similarity,
verdict, score, status (no internal ids). Earlier statements come first, then same-day and undated
ones (listed apart, whatever the sort column).

Rows are :class:`~quotedesk.core.matching.panel_rows.MatchRow` (frozen); the model never writes
to the store. Sorting and hiding weak matches go through :class:`MatchFilterProxy`.
"""
from __future__ import annotations

from PySide6.QtCore import (QAbstractTableModel, QModelIndex, QPersistentModelIndex,
                            QSortFilterProxyModel, Qt)
from PySide6.QtGui import QColor, QFont, QPalette
from PySide6.QtWidgets import QApplication

from quotedesk.core.matching.kinds import KIND_LABELS
from quotedesk.core.matching.panel_rows import WEAK_SCORE, MatchRow
from quotedesk.core.matching.service import EARLIER, SAME_DAY, UNDATED
from quotedesk.gui.matching.plain import plain_tip

MatchRowRole = Qt.ItemDataRole.UserRole + 1
"""The row's :class:`MatchRow`."""
StatementIdRole = Qt.ItemDataRole.UserRole + 2
"""The matched statement's id (``q<id>`` or the imported id); never displayed."""
SortRole = Qt.ItemDataRole.UserRole + 3
"""A value that sorts naturally (numbers as numbers)."""

TEXT, SPEAKER, DATE, SOURCE, KIND, VERDICT, SCORE, STATUS = range(8)
_HEADERS = ("Statement", "Speaker", "Date", "Source", "Similarity", "Verdict", "Score", "Status")
_TIPS = ("The earlier statement (hover for the whole text)", "Who said the earlier statement",
         "When it was said (article or statement date); same-day and undated ones are listed last",
         "Where it comes from: an article of your library, or the statement memory",
         "same words, part of it, reworded, or the same claim by a different speaker",
         "The verdict carried by the earlier statement, if any", "Similarity, 0-100",
         "suggested, or confirmed/rejected by you")
KIND_TEXT = dict(KIND_LABELS)
_KIND_HUE = {"verbatim": 0.33, "partial": 0.55, "reworded": 0.12, "other_speaker": 0.78}
#: order of the groups in the table, whatever column it is sorted on
_GROUP = {EARLIER: 0, SAME_DAY: 1, UNDATED: 2}
WHEN_TEXT = {SAME_DAY: "same day", UNDATED: "date unknown"}

#: the text cell shows this much (the tooltip has it all)
CELL_CHARS = 400


def short(text: str, limit: int = 160) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[:limit - 1] + "…"


def source_text(r: MatchRow) -> str:
    """'Daily Bugle (library)' / 'Campaign rally (statement memory)'."""
    return f"{r.source or 'no source'} ({r.origin})"


def _dark() -> bool:
    app = QApplication.instance()
    pal = app.palette() if app is not None else QPalette()
    return pal.color(QPalette.ColorRole.Base).lightnessF() < 0.5


def kind_color(kind: str, *, dark: bool | None = None) -> QColor:
    """A soft background for the kind cell, readable under the palette's text colour."""
    dark = _dark() if dark is None else dark
    hue = _KIND_HUE.get(kind, 0.0)
    return QColor.fromHslF(hue, 0.45 if dark else 0.6, 0.28 if dark else 0.88)


class MatchTableModel(QAbstractTableModel):
    """Earlier statements matching a quote, best first, then same-day and undated (read-only)."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self._rows: list[MatchRow] = []
        self._quote_date: str | None = None

    # --- content ---------------------------------------------------------------------------------
    def set_rows(self, rows: list[MatchRow], *, quote_date: str | None = None) -> None:
        """Show these matches (each row's ``when`` says earlier / same day / undated)."""
        self.beginResetModel()
        self._rows = list(rows)
        self._quote_date = quote_date
        self.endResetModel()

    def clear(self) -> None:
        self.set_rows([])

    def rows(self) -> list[MatchRow]:
        return list(self._rows)

    def match_row(self, row: int) -> MatchRow | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def row_of_match(self, match_id: int) -> int | None:
        for i, r in enumerate(self._rows):
            if r.match_id == match_id:
                return i
        return None

    def row_of_ref(self, ref) -> int | None:
        """The row showing the statement ``ref`` (a ``StatementRef``), or None."""
        for i, r in enumerate(self._rows):
            if r.ref == ref:
                return i
        return None

    def replace_row(self, row: int, new: MatchRow) -> None:
        """Update one row in place (status or verdict changed)."""
        if 0 <= row < len(self._rows):
            self._rows[row] = new
            self.dataChanged.emit(self.index(row, 0), self.index(row, len(_HEADERS) - 1))

    # --- Qt overrides ----------------------------------------------------------------------------
    def rowCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(_HEADERS)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(_HEADERS):
            if role == Qt.ItemDataRole.DisplayRole:
                return _HEADERS[section]
            if role == Qt.ItemDataRole.ToolTipRole:
                return _TIPS[section]
        return None

    def flags(self, index):
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def data(self, index: QModelIndex | QPersistentModelIndex, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not (0 <= index.row() < len(self._rows)):
            return None
        r = self._rows[index.row()]
        col = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(r, col)
        if role == Qt.ItemDataRole.ToolTipRole:  # imported text: always escaped (plain_tip)
            if col == TEXT:
                return plain_tip(r.text + (f"\n\n{r.title}" if r.title and r.is_quote else ""))
            if col == DATE and r.when in WHEN_TEXT:
                return plain_tip(f"{r.date or 'no date'}: {WHEN_TEXT[r.when]} as this quote "
                                 f"({self._quote_date or 'no date'}), so not counted as earlier"
                                 if r.when == SAME_DAY else
                                 f"{r.date or 'no date'}: the order against this quote "
                                 f"({self._quote_date or 'no date'}) is unknown")
            if col == VERDICT and r.verdict is not None:
                v = r.verdict
                return plain_tip(f"{v.label} ({v.decided_at[:10]}){': ' + v.note if v.note else ''}")
            if col == SOURCE and r.is_quote and r.title:
                return plain_tip(f"{source_text(r)}: {r.title}")
            return plain_tip(self._display(r, col))
        if role == SortRole:
            if col == SCORE:
                return float(r.score)
            return self._display(r, col) or ""
        if role == MatchRowRole:
            return r
        if role == StatementIdRole:
            return r.statement_id
        if role == Qt.ItemDataRole.TextAlignmentRole:
            if col == SCORE:
                return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
            return int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        if role == Qt.ItemDataRole.BackgroundRole and col == KIND:
            return kind_color(r.kind)
        if role == Qt.ItemDataRole.ForegroundRole and (r.status == "rejected" or r.when != EARLIER):
            app = QApplication.instance()
            pal = app.palette() if app is not None else QPalette()
            if r.status == "rejected":
                return pal.color(QPalette.ColorGroup.Disabled, QPalette.ColorRole.Text)
            return pal.color(QPalette.ColorRole.PlaceholderText) if col == DATE else None
        if role == Qt.ItemDataRole.FontRole and ((r.status == "confirmed" and col in (SCORE, STATUS))
                                                  or (col == VERDICT and r.verdict is not None)):
            f = QFont()
            f.setBold(True)
            return f
        return None

    @staticmethod
    def _display(r: MatchRow, col: int) -> str | None:
        if col == SCORE:
            return f"{r.score:.0f}"
        if col == KIND:
            return KIND_TEXT.get(r.kind, r.kind)
        if col == SPEAKER:
            return r.speaker or "—"
        if col == DATE:
            d = r.date or "—"
            return f"{d} ({WHEN_TEXT[r.when]})" if r.when in WHEN_TEXT else d
        if col == SOURCE:
            return source_text(r)
        if col == VERDICT:
            return r.verdict.label if r.verdict is not None else ""
        if col == STATUS:
            return r.status
        if col == TEXT:
            return short(r.text, CELL_CHARS)
        return None


class MatchFilterProxy(QSortFilterProxyModel):
    """Sorts on :data:`SortRole`; hides matches under ``min_score`` (confirmed ones always show)."""

    def __init__(self, parent=None, *, min_score: float = WEAK_SCORE):
        super().__init__(parent)
        self._min_score = min_score
        self.setSortRole(SortRole)

    @property
    def min_score(self) -> float:
        return self._min_score

    def set_min_score(self, value: float) -> None:
        if value == self._min_score:
            return
        self.beginFilterChange()
        self._min_score = value
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def hidden_count(self) -> int:
        src = self.sourceModel()
        return 0 if src is None else src.rowCount() - self.rowCount()

    def filterAcceptsRow(self, source_row: int, source_parent) -> bool:  # noqa: N802 - Qt override
        src = self.sourceModel()
        r = src.match_row(source_row) if isinstance(src, MatchTableModel) else None
        return r is None or r.status == "confirmed" or r.score >= self._min_score

    def lessThan(self, left, right) -> bool:  # noqa: N802 - Qt override
        """Earlier statements first, then same day, then undated, in either sort order."""
        src = self.sourceModel()
        a, b = src.match_row(left.row()), src.match_row(right.row())
        if a is not None and b is not None and a.when != b.when:
            before = _GROUP.get(a.when, 3) < _GROUP.get(b.when, 3)
            # Qt reverses lessThan for a descending sort: reverse it back for the groups
            return before if self.sortOrder() == Qt.SortOrder.AscendingOrder else not before
        return super().lessThan(left, right)
