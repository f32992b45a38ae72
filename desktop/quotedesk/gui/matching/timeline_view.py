"""A speaker's statements on a date axis, grouped into clusters that say the same thing.

:class:`SpeakerTimeline` = filters (date range, text) + :class:`TimelineCanvas` (painted with
``QPainter``, no Qt Charts) + a table of the selected cluster's statements
(:class:`ClusterStatementsModel`). Each cluster with two or more statements gets its own row and
colour; single statements share the bottom row in grey. Statements and clusters come from the
core (``quotedesk.core.matching.timeline``: ``speaker_timeline`` and ``cluster``); loading and
clustering run in the background (:func:`quotedesk.gui.workers.run_in_background`, own store in
the worker). Filters apply to the loaded list at once, without a reload.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from PySide6.QtCore import (QAbstractTableModel, QDate, QModelIndex, QPersistentModelIndex, QPoint,
                            QPointF, QRectF, QSize, Qt, QTimer, Signal, Slot)
from PySide6.QtGui import QColor, QFontMetrics, QPainter, QPalette, QPen
from PySide6.QtWidgets import (QAbstractItemView, QDateEdit, QHBoxLayout, QHeaderView, QLabel,
                               QLineEdit, QSplitter, QTableView, QToolTip, QVBoxLayout, QWidget)

from quotedesk.core.matching.timeline import TimelineItem, cluster, item_vectors, speaker_timeline
from quotedesk.core.store.db import Store, open_store
from quotedesk.core.store.speakers import get_speaker
from quotedesk.gui.matching.plain import plain_label, plain_tip
from quotedesk.gui.workers import run_in_background, weak_callback

StatementIdRole = Qt.ItemDataRole.UserRole + 1
"""The statement id (``q<id>`` or the imported id) of a row."""

#: Clusters drawn on rows of their own (largest first); the rest share the bottom row.
MAX_ROWS = 8
_NO_DATE = "no date"


def _parse_date(s: str | None) -> dt.date | None:
    if not s:
        return None
    try:
        return dt.date.fromisoformat(s[:10])
    except ValueError:
        try:
            return dt.date(int(s[:4]), 1, 1)
        except ValueError:
            return None


#: What the view shows: anything with ``statement_id, text, speaker, date, source`` attributes.
Statement = TimelineItem


def cluster_numbers(items: list[Statement], vectors: list | None = None) -> list[int]:
    """The core's clusters as one number per item (0 = the largest cluster)."""
    number = {id(it): k for k, group in enumerate(cluster(items, vectors=vectors)) for it in group}
    return [number[id(it)] for it in items]


def load_speaker(store: Store, speaker: str | int) -> tuple[list[Statement], list[int]]:
    """A speaker's statements (by id or name) and their cluster numbers; any thread, own store."""
    if isinstance(speaker, int):
        row = get_speaker(store, speaker)
        if row is None:
            return [], []
        speaker = row["name"]
    items = speaker_timeline(store, speaker)
    return items, cluster_numbers(items, item_vectors(store, items))


def _short(text: str, limit: int = 120) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[:limit - 1] + "…"


def cluster_color(rank: int | None, *, dark: bool) -> QColor:
    """Colour of the ``rank``-th cluster row (None: single statements, grey)."""
    if rank is None:
        return QColor.fromHslF(0.0, 0.0, 0.62 if dark else 0.55)
    hue = (0.58 + rank * 0.618033988749895) % 1.0
    return QColor.fromHslF(hue, 0.65, 0.62 if dark else 0.45)


# --- the list below ------------------------------------------------------------------------------

class ClusterStatementsModel(QAbstractTableModel):
    """The statements of one cluster: date, source, statement id, text (read-only)."""

    HEADERS = ("Date", "Source", "Id", "Statement")

    def __init__(self, parent=None):
        super().__init__(parent)
        self._rows: list[Statement] = []

    def set_statements(self, rows: list[Statement]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def statement(self, row: int) -> Statement | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def rowCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.HEADERS)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if (orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole
                and 0 <= section < len(self.HEADERS)):
            return self.HEADERS[section]
        return None

    def data(self, index: QModelIndex | QPersistentModelIndex, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not (0 <= index.row() < len(self._rows)):
            return None
        s = self._rows[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            col = index.column()
            if role == Qt.ItemDataRole.ToolTipRole and col != 3:
                return None  # the cell shows it whole; a tooltip of imported text would be rich text
            if col == 0:
                return s.date or _NO_DATE
            if col == 1:
                return s.source or "—"
            if col == 2:
                return s.statement_id
            if col == 3:
                return plain_tip(s.text) if role == Qt.ItemDataRole.ToolTipRole else _short(s.text, 200)
        if role == StatementIdRole:
            return s.statement_id
        return None


# --- the painted plot ----------------------------------------------------------------------------

@dataclass
class _Point:
    index: int          # into the canvas's statements
    x: float
    y: float


class TimelineCanvas(QWidget):
    """Points on a date axis, one row per cluster; click a point to select it."""

    sig_point_clicked = Signal(int)
    """A point was clicked: the index of its statement in :meth:`set_data`'s list."""

    RADIUS = 5.0
    LEFT, RIGHT, TOP, BOTTOM = 190, 16, 10, 30
    GUTTER = 46  # the "no date" column

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setMouseTracking(True)
        self.setMinimumHeight(160)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setAccessibleName("Statements timeline")
        self.setAccessibleDescription("Points are statements by date, one row per group of statements "
                                      "saying the same thing. Arrow keys move between points.")
        self._statements: list[Statement] = []
        self._clusters: list[int] = []
        self._visible: list[int] = []
        self._rows: list[int | None] = []       # cluster number per row (None = "single")
        self._row_of_cluster: dict[int, int] = {}
        self._rank_of_cluster: dict[int, int] = {}
        self._points: list[_Point] = []
        self._selected_cluster: int | None = None
        self._selected_index: int | None = None
        self._range: tuple[dt.date, dt.date] | None = None

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt override
        return QSize(720, 260)

    # --- data ------------------------------------------------------------------------------------
    def set_data(self, statements: list[Statement], clusters: list[int], visible: list[int]) -> None:
        """All statements, their cluster numbers, and the indexes passing the filters."""
        self._statements, self._clusters, self._visible = statements, clusters, visible
        sizes: dict[int, int] = {}
        first: dict[int, str] = {}
        for i in visible:
            c = clusters[i]
            sizes[c] = sizes.get(c, 0) + 1
            first.setdefault(c, statements[i].date or "")
        multi = sorted((c for c, n in sizes.items() if n > 1), key=lambda c: (-sizes[c], first[c], c))
        own = multi[:MAX_ROWS]
        self._rank_of_cluster = {c: r for r, c in enumerate(multi)}
        self._rows = list(own) + ([None] if len(own) < len(sizes) else [])
        self._row_of_cluster = {c: r for r, c in enumerate(own)}
        dates = [d for d in (_parse_date(statements[i].date) for i in visible) if d]
        if dates:
            lo, hi = min(dates), max(dates)
            pad = max(dt.timedelta(days=3), (hi - lo) / 30)
            self._range = (lo - pad, hi + pad)
        else:
            self._range = None
        if self._selected_index is not None and self._selected_index not in set(visible):
            self._selected_index = None
        self._layout_points()
        self.update()

    def set_selection(self, cluster: int | None, index: int | None) -> None:
        self._selected_cluster, self._selected_index = cluster, index
        self.update()

    def point_count(self) -> int:
        return len(self._points)

    def cluster_count(self) -> int:
        """Distinct clusters among the points shown (a single statement is its own cluster)."""
        return len({self._clusters[p.index] for p in self._points})

    def row_count(self) -> int:
        return len(self._rows)

    def repeated_count(self) -> int:
        """Clusters of two or more statements among the points shown."""
        return len(self._rank_of_cluster)

    def point_position(self, index: int) -> QPoint | None:
        """Widget coordinates of statement ``index`` (None when filtered out)."""
        for p in self._points:
            if p.index == index:
                return QPoint(round(p.x), round(p.y))
        return None

    # --- geometry --------------------------------------------------------------------------------
    def _row_label(self, row: int) -> str:
        """'×9 “text”' for a cluster row (its shortest statement), or the shared row's name."""
        c = self._rows[row]
        if c is None:
            overflow = any(self._clusters[i] in self._rank_of_cluster for i in self._visible
                           if self._clusters[i] not in self._row_of_cluster)
            return "other statements" if overflow else "single statements"
        members = [self._statements[i].text for i in self._visible if self._clusters[i] == c]
        return f"×{len(members)} “{' '.join(min(members, key=len).split())}”"

    def _row_at(self, y: float) -> int | None:
        rect = self._plot_rect()
        if not self._rows or not (rect.top() <= y <= rect.bottom()):
            return None
        return min(len(self._rows) - 1, int((y - rect.top()) / (rect.height() / len(self._rows))))

    def _plot_rect(self) -> QRectF:
        return QRectF(self.LEFT + self.GUTTER, self.TOP,
                      max(10.0, self.width() - self.LEFT - self.GUTTER - self.RIGHT),
                      max(10.0, self.height() - self.TOP - self.BOTTOM))

    def _row_y(self, row: int) -> float:
        rect = self._plot_rect()
        n = max(1, len(self._rows))
        return rect.top() + (row + 0.5) * rect.height() / n

    def _x_of(self, d: dt.date) -> float:
        rect = self._plot_rect()
        lo, hi = self._range
        span = max(1, (hi - lo).days)
        return rect.left() + (d - lo).days / span * rect.width()

    def _layout_points(self) -> None:
        self._points = []
        if not self._visible:
            return
        undated_row_count: dict[int, int] = {}
        rows = {i: self._row_of_cluster.get(self._clusters[i], len(self._rows) - 1) for i in self._visible}
        per_row: dict[int, int] = {}
        for row in rows.values():
            per_row[row] = per_row.get(row, 0) + 1
        band = self._plot_rect().height() / max(1, len(self._rows))
        spread = max(0.0, band / 2 - self.RADIUS - 2)
        for i in self._visible:
            row = rows[i]
            y = self._row_y(row)
            d = _parse_date(self._statements[i].date)
            if d is None or self._range is None:
                k = undated_row_count.get(row, 0)
                undated_row_count[row] = k + 1
                x = self.LEFT + 10 + (k % 4) * 8.0
                y += ((k // 4) % 3 - 1) * min(6.0, spread)
            else:
                x = self._x_of(d)
                if per_row[row] > 40 and spread > 0:
                    # a crowded row: spread its points over the band (stable for each statement)
                    y += ((i * 0.618033988749895) % 1.0 * 2 - 1) * spread
            self._points.append(_Point(i, x, y))

    def resizeEvent(self, event) -> None:  # noqa: N802 - Qt override
        super().resizeEvent(event)
        self._layout_points()

    def _hit(self, pos: QPointF) -> _Point | None:
        best, best_d = None, (self.RADIUS + 4) ** 2
        for p in reversed(self._points):  # topmost (painted last) first
            d = (p.x - pos.x()) ** 2 + (p.y - pos.y()) ** 2
            if d <= best_d:
                best, best_d = p, d
        return best

    # --- events ----------------------------------------------------------------------------------
    def mousePressEvent(self, event) -> None:  # noqa: N802 - Qt override
        if event.button() == Qt.MouseButton.LeftButton:
            p = self._hit(event.position())
            if p is not None:
                self.sig_point_clicked.emit(p.index)
                return
        super().mousePressEvent(event)

    def keyPressEvent(self, event) -> None:  # noqa: N802 - Qt override
        """Left/Right: previous/next point in time; Up/Down: nearest point on the next row."""
        key = event.key()
        if not self._points or key not in (Qt.Key.Key_Left, Qt.Key.Key_Right, Qt.Key.Key_Up,
                                           Qt.Key.Key_Down, Qt.Key.Key_Home, Qt.Key.Key_End):
            super().keyPressEvent(event)
            return
        ordered = sorted(self._points, key=lambda p: (p.x, p.y, p.index))
        current = next((p for p in ordered if p.index == self._selected_index), None)
        if current is None or key == Qt.Key.Key_Home:
            target = ordered[0]
        elif key == Qt.Key.Key_End:
            target = ordered[-1]
        elif key in (Qt.Key.Key_Left, Qt.Key.Key_Right):
            i = ordered.index(current) + (1 if key == Qt.Key.Key_Right else -1)
            target = ordered[max(0, min(len(ordered) - 1, i))]
        else:
            below = key == Qt.Key.Key_Down
            rows = [p for p in self._points if (p.y > current.y + 1 if below else p.y < current.y - 1)]
            if not rows:
                return
            row_y = min(p.y for p in rows) if below else max(p.y for p in rows)
            target = min((p for p in rows if abs(p.y - row_y) < 1e-6 or abs(p.y - row_y) <= 6),
                         key=lambda p: abs(p.x - current.x))
        self.sig_point_clicked.emit(target.index)

    def mouseMoveEvent(self, event) -> None:  # noqa: N802 - Qt override
        p = self._hit(event.position())
        row = self._row_at(event.position().y()) if event.position().x() < self.LEFT else None
        if p is None and row is not None:
            self.unsetCursor()
            QToolTip.showText(event.globalPosition().toPoint(), plain_tip(self._row_label(row)), self)
        elif p is None:
            QToolTip.hideText()
            self.unsetCursor()
        else:
            s = self._statements[p.index]
            self.setCursor(Qt.CursorShape.PointingHandCursor)
            QToolTip.showText(event.globalPosition().toPoint(),
                              plain_tip(f"{s.date or _NO_DATE} · {s.source or s.statement_id}\n"
                                        f"{_short(s.text, 240)}"),
                              self)
        super().mouseMoveEvent(event)

    # --- painting --------------------------------------------------------------------------------
    def paintEvent(self, event) -> None:  # noqa: N802 - Qt override
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        pal = self.palette()
        dark = pal.color(QPalette.ColorRole.Base).lightnessF() < 0.5
        painter.fillRect(self.rect(), pal.color(QPalette.ColorRole.Base))
        text_col = pal.color(QPalette.ColorRole.Text)
        faint = pal.color(QPalette.ColorRole.PlaceholderText)
        grid = pal.color(QPalette.ColorRole.Mid)
        rect = self._plot_rect()
        fm = QFontMetrics(self.font())
        if not self._visible:
            painter.setPen(faint)
            msg = "No statements" if not self._statements else "No statement matches the filters"
            painter.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter, msg)
            return
        # rows: a band, a label
        for r, c in enumerate(self._rows):
            y = self._row_y(r)
            band_h = rect.height() / max(1, len(self._rows))
            if r % 2:
                painter.fillRect(QRectF(0, y - band_h / 2, self.width(), band_h),
                                 pal.color(QPalette.ColorRole.AlternateBase))
            label = self._row_label(r)
            colour = cluster_color(None if c is None else self._rank_of_cluster[c], dark=dark)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(colour)
            painter.drawEllipse(QPointF(10, y), 4, 4)
            painter.setPen(faint if c is None else text_col)
            elided = fm.elidedText(label, Qt.TextElideMode.ElideRight, self.LEFT - 24)
            painter.drawText(QRectF(20, y - fm.height() / 2, self.LEFT - 22, fm.height()),
                             Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft, elided)
        # the "no date" gutter and the axis
        painter.setPen(QPen(grid, 1))
        painter.drawLine(QPointF(self.LEFT, rect.bottom()), QPointF(rect.right(), rect.bottom()))
        painter.drawLine(QPointF(rect.left() - 4, rect.top()), QPointF(rect.left() - 4, rect.bottom()))
        if any(not self._statements[p.index].date for p in self._points):
            painter.setPen(faint)
            painter.drawText(QRectF(self.LEFT - 20, rect.bottom() + 4, self.GUTTER + 16, fm.height()),
                             Qt.AlignmentFlag.AlignCenter, _NO_DATE)
        if self._range is not None:
            self._paint_ticks(painter, rect, fm, grid, faint)
        # points: others first, the selected cluster on top
        def sort_key(p: _Point) -> int:
            c = self._clusters[p.index]
            return 2 if p.index == self._selected_index else 1 if c == self._selected_cluster else 0
        for p in sorted(self._points, key=sort_key):
            c = self._clusters[p.index]
            rank = self._rank_of_cluster.get(c)  # None for a single statement
            colour = cluster_color(rank, dark=dark)
            selected = c == self._selected_cluster
            r = self.RADIUS + (2 if p.index == self._selected_index else 0)
            painter.setBrush(colour)
            painter.setPen(QPen(text_col, 2) if selected else QPen(pal.color(QPalette.ColorRole.Base), 1))
            painter.drawEllipse(QPointF(p.x, p.y), r, r)
        if self.hasFocus():
            painter.setPen(QPen(pal.color(QPalette.ColorRole.Highlight), 1, Qt.PenStyle.DashLine))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRect(self.rect().adjusted(1, 1, -2, -2))
        painter.end()

    def _paint_ticks(self, painter: QPainter, rect: QRectF, fm: QFontMetrics, grid: QColor,
                     faint: QColor) -> None:
        lo, hi = self._range
        days = (hi - lo).days
        ticks: list[tuple[dt.date, str]] = []
        if days > 3 * 365:
            step = max(1, round(days / 365 / 8))
            for y in range(lo.year + 1, hi.year + 1, step):
                ticks.append((dt.date(y, 1, 1), str(y)))
        elif days > 75:
            step = max(1, round(days / 30 / 8))
            y, m = lo.year, lo.month
            while True:
                m += 1
                if m > 12:
                    y, m = y + 1, 1
                d = dt.date(y, m, 1)
                if d > hi:
                    break
                if (y * 12 + m) % step == 0:
                    ticks.append((d, d.strftime("%b %Y") if m == 1 or not ticks else d.strftime("%b")))
        else:
            step = max(1, days // 8)
            d = lo + dt.timedelta(days=1)
            while d <= hi:
                ticks.append((d, d.strftime("%d %b")))
                d += dt.timedelta(days=step)
        last_right = -1e9
        for d, label in ticks:
            x = self._x_of(d)
            painter.setPen(QPen(grid, 1, Qt.PenStyle.DotLine))
            painter.drawLine(QPointF(x, rect.top()), QPointF(x, rect.bottom()))
            w = fm.horizontalAdvance(label)
            if x - w / 2 > last_right + 6 and x + w / 2 < self.width():
                painter.setPen(faint)
                painter.drawText(QPointF(x - w / 2, rect.bottom() + 4 + fm.ascent()), label)
                last_right = x + w / 2


# --- the whole view ------------------------------------------------------------------------------

class SpeakerTimeline(QWidget):
    """All statements of one speaker on a timeline, clustered, filterable by date and text."""

    sig_statement_selected = Signal(str)
    """A statement was picked (a point or a row of the list): its id, ``q<id>`` or the imported id."""
    sig_loaded = Signal(int, int)
    """A speaker's statements are shown: ``(number of statements, number of clusters)``."""
    sig_load_failed = Signal(str)
    """Loading failed: the message (also shown in the view)."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("SpeakerTimeline")
        self._store: Store | None = None
        self._speaker: str | int | None = None
        self._statements: list[Statement] = []
        self._clusters: list[int] = []
        self._selected_cluster: int | None = None
        self._generation = 0
        self._op = None
        self.busy = False

        self.title = plain_label(QLabel())  # a speaker's or claim's name: imported text
        self.title.setObjectName("TimelineTitle")
        bold = self.title.font()
        bold.setBold(True)
        self.title.setFont(bold)
        self.date_from = QDateEdit()
        self.date_to = QDateEdit()
        for w in (self.date_from, self.date_to):
            w.setCalendarPopup(True)
            w.setDisplayFormat("yyyy-MM-dd")
            w.setMinimumDate(QDate(1800, 1, 1))
            w.setSpecialValueText("any")
            w.setDate(w.minimumDate())
            w.dateChanged.connect(self._on_filters_changed)
        self.text_filter = QLineEdit()
        self.text_filter.setPlaceholderText("Filter statements by text…")
        self.text_filter.setClearButtonEnabled(True)
        self.text_filter.textChanged.connect(self._on_filters_changed)
        self.info = plain_label(QLabel())
        self.info.setObjectName("TimelineInfo")
        filters = QHBoxLayout()
        filters.addWidget(self.title, 1)
        filters.addWidget(QLabel("From"))
        filters.addWidget(self.date_from)
        filters.addWidget(QLabel("to"))
        filters.addWidget(self.date_to)
        filters.addWidget(self.text_filter, 1)

        self.canvas = TimelineCanvas()
        self.canvas.sig_point_clicked.connect(self._on_point_clicked)
        self.cluster_model = ClusterStatementsModel(self)
        self.cluster_table = QTableView()
        self.cluster_table.setModel(self.cluster_model)
        self.cluster_table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.cluster_table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.cluster_table.verticalHeader().setVisible(False)
        self.cluster_table.setWordWrap(False)
        hh = self.cluster_table.horizontalHeader()
        for col in (0, 1, 2):
            hh.setSectionResizeMode(col, QHeaderView.ResizeMode.ResizeToContents)
        hh.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self.cluster_table.selectionModel().currentRowChanged.connect(self._on_row_current_changed)
        self._syncing = False
        self.cluster_label = plain_label(QLabel(), "Click a point to see its cluster.")
        self.cluster_label.setObjectName("ClusterLabel")
        lower = QWidget()
        lower_layout = QVBoxLayout(lower)
        lower_layout.setContentsMargins(0, 0, 0, 0)
        lower_layout.addWidget(self.cluster_label)
        lower_layout.addWidget(self.cluster_table)
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.canvas)
        split.addWidget(lower)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(filters)
        layout.addWidget(self.info)
        layout.addWidget(split, 1)
        self._refresh()

    # --- public API ------------------------------------------------------------------------------
    def set_store(self, store: Store | None) -> None:
        self._store = store
        self.show_speaker(None)

    @Slot(object)
    def show_speaker(self, speaker: str | int | None) -> None:
        """Load a speaker's statements (by speaker id or name) in the background; None clears."""
        self._generation += 1
        self._speaker = speaker
        self._op = None  # a result for the previous speaker is dropped when it arrives
        if speaker is None or self._store is None:
            self.busy = False
            self.set_statements([], [], title="")
            return
        self.busy = True
        self.info.setText("Loading statements…")
        gen, store = self._generation, self._store
        if store.path is None:
            def run_here() -> None:
                if gen != self._generation:
                    return
                try:
                    res = load_speaker(store, speaker)
                except Exception as exc:  # noqa: BLE001 - shown to the user
                    self._on_failed(gen, exc)
                else:
                    self._on_loaded(gen, res)
            QTimer.singleShot(0, run_here)
            return
        path, readonly = store.path, store.readonly

        def work(task):  # pool thread: no widgets, own store
            with open_store(path, readonly=readonly) as own:
                return load_speaker(own, speaker)

        self._op = run_in_background(work, weak_callback(self, "_on_loaded", gen),
                                     weak_callback(self, "_on_failed", gen))

    def set_statements(self, statements: list[Statement], clusters: list[int] | None = None, *,
                       title: str | None = None) -> None:
        """Show these statements directly (clusters computed here when not given)."""
        self._statements = list(statements)
        self._clusters = list(clusters) if clusters is not None else cluster_numbers(self._statements)
        if title is not None:
            self.title.setText(title or "")
        self._selected_cluster = None
        self.cluster_model.set_statements([])
        self.cluster_label.setText("Click a point to see its cluster.")
        dates = sorted(d for d in (_parse_date(x.date) for x in self._statements) if d)
        if dates:  # open the calendars on the statements' years, not on the "any" sentinel
            for w, d in ((self.date_from, dates[0]), (self.date_to, dates[-1])):
                w.calendarWidget().setCurrentPage(d.year, d.month)
        self._refresh()

    def set_date_range(self, date_from: str | None, date_to: str | None) -> None:
        """Filter by date (ISO strings, inclusive); None is no limit. Undated statements stay."""
        for w, v in ((self.date_from, date_from), (self.date_to, date_to)):
            w.setDate(QDate.fromString(v, "yyyy-MM-dd") if v else w.minimumDate())

    def set_text_filter(self, text: str) -> None:
        self.text_filter.setText(text)

    def statements(self) -> list[Statement]:
        return list(self._statements)

    def clusters(self) -> list[int]:
        return list(self._clusters)

    def visible_indexes(self) -> list[int]:
        lo = self._date_value(self.date_from)
        hi = self._date_value(self.date_to)
        needle = " ".join(self.text_filter.text().casefold().split())
        out = []
        for i, s in enumerate(self._statements):
            d = (s.date or "")[:10]
            if d and ((lo and d < lo) or (hi and d > hi)):
                continue
            if needle and needle not in " ".join(s.text.casefold().split()):
                continue
            out.append(i)
        return out

    def select_statement(self, index: int) -> None:
        """Select statement ``index`` (and its cluster), as a click on its point does."""
        self._on_point_clicked(index)

    # --- internals -------------------------------------------------------------------------------
    @staticmethod
    def _date_value(w: QDateEdit) -> str | None:
        return None if w.date() == w.minimumDate() else w.date().toString("yyyy-MM-dd")

    def _on_loaded(self, gen: int, res) -> None:
        if gen != self._generation:
            return
        self._op = None
        self.busy = False
        statements, clusters = res
        name = self._speaker if isinstance(self._speaker, str) else (
            statements[0].speaker if statements else "")
        self.set_statements(statements, clusters, title=name or "")
        self.sig_loaded.emit(len(statements), len(set(clusters)))

    def _on_failed(self, gen: int, exc: BaseException) -> None:
        if gen != self._generation:
            return
        self._op = None
        self.busy = False
        self.info.setText(f"Could not load statements: {exc}")
        self.sig_load_failed.emit(str(exc))

    def _on_filters_changed(self, *_):
        self._refresh()

    def _refresh(self) -> None:
        visible = self.visible_indexes()
        self.canvas.set_data(self._statements, self._clusters, visible)
        n_all = len(self._statements)
        n = len(visible)
        clusters = self.canvas.cluster_count()
        repeated = self.canvas.repeated_count()
        undated = sum(1 for i in visible if not self._statements[i].date)
        if n_all == 0:
            self.info.setText("No statements." if self._speaker is not None or self.title.text() else
                              "Choose a speaker to see their statements over time.")
            return
        shown = f"{n} of {n_all} statements" if n != n_all else f"{n} statement{'s' if n != 1 else ''}"
        self.info.setText(f"{shown}, {clusters} distinct (repeated: {repeated})"
                          + (f", {undated} without a date" if undated else ""))
        if self._selected_cluster is not None:
            self._show_cluster(self._selected_cluster)

    def _show_cluster(self, cluster: int) -> None:
        visible = set(self.visible_indexes())
        members = [s for i, s in enumerate(self._statements)
                   if self._clusters[i] == cluster and i in visible]
        self.cluster_model.set_statements(members)
        dates = [s.date for s in members if s.date]
        span = f", {min(dates)[:10]} – {max(dates)[:10]}" if dates else ""
        self.cluster_label.setText(f"Selected cluster: {len(members)} statement"
                                   f"{'s' if len(members) != 1 else ''}{span}")

    def _on_point_clicked(self, index: int) -> None:
        if not (0 <= index < len(self._statements)):
            return
        cluster = self._clusters[index]
        self._selected_cluster = cluster
        self.canvas.set_selection(cluster, index)
        self._show_cluster(cluster)
        sid = self._statements[index].statement_id
        self._syncing = True
        try:
            for r in range(self.cluster_model.rowCount()):
                if self.cluster_model.statement(r).statement_id == sid:
                    self.cluster_table.selectRow(r)
                    break
        finally:
            self._syncing = False
        self.sig_statement_selected.emit(sid)

    def _on_row_current_changed(self, idx: QModelIndex, _previous: QModelIndex | None = None) -> None:
        s = self.cluster_model.statement(idx.row()) if idx.isValid() else None
        if s is None or self._syncing:
            return
        index = next((i for i, x in enumerate(self._statements) if x.statement_id == s.statement_id), None)
        self.canvas.set_selection(self._selected_cluster, index)
        self.sig_statement_selected.emit(s.statement_id)
