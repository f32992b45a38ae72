"""The painted timeline: one lane per claim thread, dots by date, never overlapping (issue 15).

:class:`TimelineCanvas` decides where each occurrence is drawn and how it is marked: each thread
of two or more occurrences gets its own lane (largest first), single statements share the last
lane. Within a lane, dots closer than ``STEP`` pixels on the date axis are stacked on levels
(0, +1, -1, +2, …) and the lane grows to hold them, so no two dots overlap at any zoom or width;
the canvas reports the height it needs (``minimumHeight``) and sits in a scroll area. The first
occurrence of a thread is a ringed dot, a change of wording a diamond, a repeat in the same
words a plain dot; a thin line joins a thread's occurrences in order. Zoom (Ctrl+wheel, +/-, 0)
narrows the date range shown around the cursor; Shift+wheel pans. Tooltips are plain text
(``plain_tip``) and never show internal ids.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from PySide6.QtCore import QPoint, QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QFontMetrics, QPainter, QPalette, QPen, QPolygonF
from PySide6.QtWidgets import QToolTip, QWidget

from quotedesk.core.matching.kinds import KIND_LABELS
from quotedesk.core.matching.threads import FIRST, Occurrence
from quotedesk.core.matching.timeline import TimelineItem
from quotedesk.gui.matching.plain import plain_tip

NO_DATE = "no date"
WORDING_LABELS = dict(KIND_LABELS) | {FIRST: "first occurrence"}
#: The shape of each mark (what the legend and the tests call it).
MARK_FIRST, MARK_CHANGED, MARK_SAME = "first", "changed", "same"


def parse_date(s: str | None) -> dt.date | None:
    if not s:
        return None
    try:
        return dt.date.fromisoformat(s[:10])
    except ValueError:
        try:
            return dt.date(int(s[:4]), 1, 1)
        except ValueError:
            return None


def short(text: str, limit: int = 120) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[:limit - 1] + "…"


def source_of(s: TimelineItem) -> str:
    """Where an item was said, as the analyst knows it (outlet, title, or which list it is in)."""
    return s.source or getattr(s, "title", None) or ("library" if s.is_quote else "statement memory")


def cluster_color(rank: int | None, *, dark: bool) -> QColor:
    """Colour of the ``rank``-th thread lane (None: single statements, grey)."""
    if rank is None:
        return QColor.fromHslF(0.0, 0.0, 0.62 if dark else 0.55)
    hue = (0.58 + rank * 0.618033988749895) % 1.0
    return QColor.fromHslF(hue, 0.65, 0.62 if dark else 0.45)


@dataclass
class _Point:
    index: int          # into the canvas's statements
    x: float
    y: float
    lane: int


def _level_offset(level: int) -> int:
    """0, +1, -1, +2, -2, … for levels 0, 1, 2, 3, 4, …"""
    return (level + 1) // 2 * (1 if level % 2 else -1)


class TimelineCanvas(QWidget):
    """Occurrences on a date axis, one lane per claim thread; click a dot to select it."""

    sig_point_clicked = Signal(int)
    """A dot was clicked (or reached by the keyboard): the index of its statement."""
    sig_zoom_changed = Signal(float)
    """The zoom factor changed (1 = every date shown)."""

    RADIUS = 5.0
    #: Centre-to-centre distance of neighbouring dots: more than a ringed dot plus a selected one.
    STEP = 16.0
    MIN_LANE = 30.0
    LEFT, RIGHT, TOP, BOTTOM = 270, 16, 10, 30
    GUTTER = 50  # the "no date" column
    MAX_ZOOM = 512.0
    #: Threads with more dots than this are drawn without the line joining them.
    MAX_LINE_POINTS = 40

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setMouseTracking(True)
        self.setMinimumHeight(160)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setAccessibleName("Claim timeline")
        self.setAccessibleDescription(
            "Dots are statements by date, one lane per claim thread. A ringed dot is the first "
            "occurrence, a diamond a change of wording. Arrow keys move between dots, plus and "
            "minus zoom.")
        self._statements: list[TimelineItem] = []
        self._clusters: list[int] = []
        self._occ: list[Occurrence | None] = []
        self._visible: list[int] = []
        self._rows: list[int | None] = []       # thread number per lane (None = "single")
        self._row_of_cluster: dict[int, int] = {}
        self._lane_members: list[list[int]] = []
        self._day: dict[int, object] = {}
        self._rank_of_cluster: dict[int, int] = {}
        self._lane_top: list[float] = []
        self._lane_h: list[float] = []
        self._points: list[_Point] = []
        self._selected_cluster: int | None = None
        self._selected_index: int | None = None
        self._range: tuple[dt.date, dt.date] | None = None   # all visible dates (padded)
        self._zoom = 1.0
        self._center: float | None = None                    # ordinal day at the view's centre

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt override
        return QSize(720, 260)

    # --- data ------------------------------------------------------------------------------------
    def set_data(self, statements: list[TimelineItem], clusters: list[int], visible: list[int],
                 occurrences: list[Occurrence | None] | None = None) -> None:
        """All statements, their thread numbers, the indexes passing the filters, and where each
        stands in its thread (marks)."""
        self._statements, self._clusters, self._visible = statements, clusters, visible
        self._occ = list(occurrences) if occurrences is not None else [None] * len(statements)
        sizes: dict[int, int] = {}
        first: dict[int, str] = {}
        for i in visible:
            c = clusters[i]
            sizes[c] = sizes.get(c, 0) + 1
            d = statements[i].date or "~"
            first[c] = min(first.get(c, d), d)
        multi = sorted((c for c, n in sizes.items() if n > 1), key=lambda c: (-sizes[c], first[c], c))
        self._rank_of_cluster = {c: r for r, c in enumerate(multi)}
        self._rows = list(multi) + ([None] if len(multi) < len(sizes) else [])
        self._row_of_cluster = {c: r for r, c in enumerate(multi)}
        # each lane's statements, once (painting and layout must not scan everything per lane)
        self._lane_members = [[] for _ in self._rows]
        for i in visible:
            self._lane_members[self._row_of_cluster.get(clusters[i], len(self._rows) - 1)].append(i)
        self._day = {i: parse_date(statements[i].date) for i in visible}  # parsed once
        dates = [d for d in self._day.values() if d]
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
        """Distinct threads among the dots shown (a single statement is its own thread)."""
        return len({self._clusters[p.index] for p in self._points})

    def row_count(self) -> int:
        return len(self._rows)

    def repeated_count(self) -> int:
        """Threads of two or more statements among those passing the filters."""
        return len(self._rank_of_cluster)

    def lane_of(self, index: int) -> int | None:
        """The lane statement ``index`` is drawn in (None when not shown)."""
        return next((p.lane for p in self._points if p.index == index), None)

    def point_position(self, index: int) -> QPoint | None:
        """Widget coordinates of statement ``index`` (None when filtered out or zoomed away)."""
        for p in self._points:
            if p.index == index:
                return QPoint(round(p.x), round(p.y))
        return None

    def point_centres(self) -> list[tuple[int, float, float]]:
        """``(index, x, y)`` of every dot drawn (for checking the layout)."""
        return [(p.index, p.x, p.y) for p in self._points]

    def mark(self, index: int) -> str | None:
        """How statement ``index`` is marked: ``first``, ``changed`` or ``same`` (None: a single
        statement, or not in a thread lane)."""
        occ = self._occ[index] if 0 <= index < len(self._occ) else None
        if occ is None or self._clusters[index] not in self._row_of_cluster:
            return None
        return MARK_FIRST if occ.wording == FIRST else MARK_CHANGED if occ.changed else MARK_SAME

    # --- zoom ------------------------------------------------------------------------------------
    def zoom(self) -> float:
        return self._zoom

    def set_zoom(self, factor: float, center: dt.date | float | None = None) -> None:
        """Show ``1/factor`` of the date range, centred on ``center`` (a date or ordinal)."""
        factor = max(1.0, min(self.MAX_ZOOM, float(factor)))
        if isinstance(center, dt.date):
            center = float(center.toordinal())
        if center is not None:
            self._center = center
        self._zoom = factor
        self._layout_points()
        self.update()
        self.sig_zoom_changed.emit(factor)

    def zoom_by(self, step: float, at_x: float | None = None) -> None:
        """Zoom in (``step`` > 1) or out, keeping the date under ``at_x`` where it is."""
        if self._range is None:
            return
        lo, hi = self._view_range()
        rect = self._plot_rect()
        x = rect.center().x() if at_x is None else max(rect.left(), min(rect.right(), at_x))
        frac = (x - rect.left()) / rect.width()
        day = lo + frac * (hi - lo)
        new = max(1.0, min(self.MAX_ZOOM, self._zoom * step))
        full = self._range[1].toordinal() - self._range[0].toordinal()
        span = full / new
        self.set_zoom(new, day - frac * span + span / 2)

    def pan_by(self, fraction: float) -> None:
        """Move the view by ``fraction`` of its width (negative: earlier)."""
        if self._range is None or self._zoom <= 1.0:
            return
        lo, hi = self._view_range()
        self.set_zoom(self._zoom, (lo + hi) / 2 + fraction * (hi - lo))

    def _view_range(self) -> tuple[float, float]:
        """The ordinal days at the plot's left and right edges."""
        lo, hi = self._range[0].toordinal(), self._range[1].toordinal()
        full = max(1.0, float(hi - lo))
        span = full / self._zoom
        c = (lo + hi) / 2 if self._center is None else self._center
        c = max(lo + span / 2, min(hi - span / 2, c))
        return c - span / 2, c + span / 2

    # --- geometry --------------------------------------------------------------------------------
    def _row_label(self, row: int) -> str:
        """'×9 since 2019-03 “text”' for a thread lane (its first wording), or the shared lane's."""
        c = self._rows[row]
        if c is None:
            return "single statements"
        members = list(self._lane_members[row])
        occ = self._occ
        members.sort(key=lambda i: occ[i].position if occ[i] is not None else 0)
        first = self._statements[members[0]]
        since = f" since {first.date[:7]}" if first.date else ""
        return f"×{len(members)}{since} “{' '.join(first.text.split())}”"

    def _row_tip(self, row: int) -> str:
        c = self._rows[row]
        if c is None:
            return "Statements said once (no repeat found)"
        members = self._lane_members[row]
        changes = sum(1 for i in members if self._occ[i] is not None and self._occ[i].changed)
        dates = sorted(self._statements[i].date[:10] for i in members if self._statements[i].date)
        span = f"{dates[0]} – {dates[-1]}" if dates else "no dates"
        return (f"{self._row_label(row)}\n{len(members)} occurrences, {span}; "
                f"wording changed {changes} time{'s' if changes != 1 else ''}")

    def _row_at(self, y: float) -> int | None:
        for r, (top, h) in enumerate(zip(self._lane_top, self._lane_h)):
            if top <= y < top + h:
                return r
        return None

    def _plot_rect(self) -> QRectF:
        total = sum(self._lane_h) if self._lane_h else max(10.0, self.height() - self.TOP - self.BOTTOM)
        return QRectF(self.LEFT + self.GUTTER, self.TOP,
                      max(10.0, self.width() - self.LEFT - self.GUTTER - self.RIGHT), total)

    def _row_y(self, row: int) -> float:
        return self._lane_top[row] + self._lane_h[row] / 2

    def _x_of(self, d: dt.date | float) -> float:
        rect = self._plot_rect()
        lo, hi = self._view_range()
        day = d.toordinal() if isinstance(d, dt.date) else d
        return rect.left() + (day - lo) / max(1e-9, hi - lo) * rect.width()

    def _layout_points(self) -> None:
        """Place every visible dot: x by date, stacked on levels where dots would touch."""
        self._points = []
        n_rows = len(self._rows)
        step = self.STEP
        rect_left = self.LEFT + self.GUTTER
        width = max(10.0, self.width() - self.LEFT - self.GUTTER - self.RIGHT)
        lo_v, hi_v = self._view_range() if self._range is not None else (0.0, 1.0)
        placed: list[list[tuple[int, float, int]]] = [[] for _ in range(n_rows)]  # (index, x, level)
        gutter_cols = max(1, int((self.GUTTER - 8) // step) + 1)
        for row in range(n_rows):
            members = self._lane_members[row]
            dated, undated = [], []
            for i in members:
                d = self._day.get(i)
                if d is None or self._range is None:
                    undated.append(i)
                    continue
                x = rect_left + (d.toordinal() - lo_v) / max(1e-9, hi_v - lo_v) * width
                if rect_left - 0.5 <= x <= rect_left + width + 0.5:
                    dated.append((x, i))
            dated.sort()
            last_x: list[float] = []  # per level, the x of the last dot put there
            for x, i in dated:
                level = 0
                while level < len(last_x) and x - last_x[level] < step:
                    level += 1
                if level == len(last_x):
                    last_x.append(x)
                else:
                    last_x[level] = x
                placed[row].append((i, x, level))
            for k, i in enumerate(undated):
                x = self.LEFT + 10 + (k % gutter_cols) * step
                placed[row].append((i, x, k // gutter_cols))
        self._lane_h, self._lane_top = [], []
        top = float(self.TOP)
        for row in range(n_rows):
            reach = max((abs(_level_offset(lv)) for _, _, lv in placed[row]), default=0)
            h = max(self.MIN_LANE, (2 * reach + 1) * step + 4)
            self._lane_top.append(top)
            self._lane_h.append(h)
            top += h
        for row in range(n_rows):
            yc = self._lane_top[row] + self._lane_h[row] / 2
            for i, x, level in placed[row]:
                self._points.append(_Point(i, x, yc + _level_offset(level) * step, row))
        need = max(160 if n_rows else 60, int(top + self.BOTTOM))  # empty: the message fits
        if self.minimumHeight() != need:
            self.setMinimumHeight(need)

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

    def tooltip_text(self, index: int) -> str:
        """What hovering a dot shows: date, source, wording, text (never an internal id)."""
        s = self._statements[index]
        occ = self._occ[index] if index < len(self._occ) else None
        wording = ""
        if occ is not None and self._clusters[index] in self._row_of_cluster:
            wording = f" · {WORDING_LABELS.get(occ.wording, occ.wording)}"
        return f"{s.date or NO_DATE} · {source_of(s)}{wording}\n{short(s.text, 240)}"

    # --- events ----------------------------------------------------------------------------------
    def mousePressEvent(self, event) -> None:  # noqa: N802 - Qt override
        if event.button() == Qt.MouseButton.LeftButton:
            p = self._hit(event.position())
            if p is not None:
                self.sig_point_clicked.emit(p.index)
                return
        super().mousePressEvent(event)

    def wheelEvent(self, event) -> None:  # noqa: N802 - Qt override
        dy = event.angleDelta().y() or event.angleDelta().x()
        mods = event.modifiers()
        if mods & Qt.KeyboardModifier.ControlModifier and dy:
            self.zoom_by(1.25 if dy > 0 else 0.8, event.position().x())
            event.accept()
        elif mods & Qt.KeyboardModifier.ShiftModifier and dy:
            self.pan_by(-0.1 if dy > 0 else 0.1)
            event.accept()
        else:
            super().wheelEvent(event)  # the scroll area scrolls the lanes

    def keyPressEvent(self, event) -> None:  # noqa: N802 - Qt override
        """Left/Right: previous/next dot in time; Up/Down: nearest dot in the next lane;
        +/-: zoom; 0: show every date."""
        key = event.key()
        if key in (Qt.Key.Key_Plus, Qt.Key.Key_Equal):
            self.zoom_by(2.0)
            return
        if key == Qt.Key.Key_Minus:
            self.zoom_by(0.5)
            return
        if key == Qt.Key.Key_0:
            self.set_zoom(1.0)
            return
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
            lanes = sorted({p.lane for p in self._points})
            k = lanes.index(current.lane) + (1 if key == Qt.Key.Key_Down else -1)
            if not 0 <= k < len(lanes):
                return
            target = min((p for p in self._points if p.lane == lanes[k]),
                         key=lambda p: (abs(p.x - current.x), abs(p.y - current.y)))
        self.sig_point_clicked.emit(target.index)

    def mouseMoveEvent(self, event) -> None:  # noqa: N802 - Qt override
        p = self._hit(event.position())
        row = self._row_at(event.position().y()) if event.position().x() < self.LEFT else None
        if p is None and row is not None:
            self.unsetCursor()
            QToolTip.showText(event.globalPosition().toPoint(), plain_tip(self._row_tip(row)), self)
        elif p is None:
            QToolTip.hideText()
            self.unsetCursor()
        else:
            self.setCursor(Qt.CursorShape.PointingHandCursor)
            QToolTip.showText(event.globalPosition().toPoint(), plain_tip(self.tooltip_text(p.index)),
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
        self._exposed = QRectF(event.rect())  # in a scroll area: only the lanes in view
        for r, c in enumerate(self._rows):  # lanes: a band, a label
            y, band_h = self._row_y(r), self._lane_h[r]
            if y + band_h / 2 < self._exposed.top() or y - band_h / 2 > self._exposed.bottom():
                continue
            if r % 2:
                painter.fillRect(QRectF(0, self._lane_top[r], self.width(), band_h),
                                 pal.color(QPalette.ColorRole.AlternateBase))
            colour = cluster_color(None if c is None else self._rank_of_cluster[c], dark=dark)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(colour)
            painter.drawEllipse(QPointF(10, y), 4, 4)
            painter.setPen(faint if c is None else text_col)
            elided = fm.elidedText(self._row_label(r), Qt.TextElideMode.ElideRight, self.LEFT - 24)
            painter.drawText(QRectF(20, y - fm.height() / 2, self.LEFT - 22, fm.height()),
                             Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft, elided)
        painter.setPen(QPen(grid, 1))  # the "no date" gutter and the axis
        painter.drawLine(QPointF(self.LEFT, rect.bottom()), QPointF(rect.right(), rect.bottom()))
        painter.drawLine(QPointF(rect.left() - 4, rect.top()), QPointF(rect.left() - 4, rect.bottom()))
        if any(not self._statements[p.index].date for p in self._points):
            painter.setPen(faint)
            painter.drawText(QRectF(self.LEFT - 20, rect.bottom() + 4, self.GUTTER + 16, fm.height()),
                             Qt.AlignmentFlag.AlignCenter, NO_DATE)
        if self._range is not None:
            self._paint_ticks(painter, rect, fm, grid, faint)
        self._paint_threads(painter, dark)
        self._paint_dots(painter, dark, text_col, pal.color(QPalette.ColorRole.Base))
        if self.hasFocus():
            painter.setPen(QPen(pal.color(QPalette.ColorRole.Highlight), 1, Qt.PenStyle.DashLine))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRect(self.rect().adjusted(1, 1, -2, -2))
        painter.end()

    def _paint_threads(self, painter: QPainter, dark: bool) -> None:
        """A thin line through each thread's occurrences, in order."""
        by_thread: dict[int, list[_Point]] = {}
        for p in self._points:
            c = self._clusters[p.index]
            if c in self._row_of_cluster and self._day.get(p.index):
                by_thread.setdefault(c, []).append(p)
        for c, pts in by_thread.items():
            if not 2 <= len(pts) <= self.MAX_LINE_POINTS:
                continue  # a thread of hundreds of dots: a line through them is only noise
            colour = QColor(cluster_color(self._rank_of_cluster[c], dark=dark))
            colour.setAlphaF(0.45)
            painter.setPen(QPen(colour, 1.5))
            pts.sort(key=lambda p: self._occ[p.index].position if self._occ[p.index] else p.x)
            painter.drawPolyline(QPolygonF([QPointF(p.x, p.y) for p in pts]))

    def _paint_dots(self, painter: QPainter, dark: bool, text_col: QColor, base: QColor) -> None:
        def order(p: _Point) -> int:
            c = self._clusters[p.index]
            return 2 if p.index == self._selected_index else 1 if c == self._selected_cluster else 0
        top, bottom = self._exposed.top() - 20, self._exposed.bottom() + 20
        for p in sorted((p for p in self._points if top <= p.y <= bottom), key=order):
            c = self._clusters[p.index]
            colour = cluster_color(self._rank_of_cluster.get(c), dark=dark)
            selected = c == self._selected_cluster
            r = self.RADIUS + (2 if p.index == self._selected_index else 0)
            mark = self.mark(p.index)
            centre = QPointF(p.x, p.y)
            if mark == MARK_FIRST:  # a ring around the first occurrence
                painter.setBrush(Qt.BrushStyle.NoBrush)
                painter.setPen(QPen(text_col, 1.5))
                painter.drawEllipse(centre, r + 3, r + 3)
            painter.setBrush(colour)
            painter.setPen(QPen(text_col, 2) if selected else QPen(base, 1))
            if mark == MARK_CHANGED:  # a diamond where the wording changed
                d = r + 1.5
                painter.drawPolygon(QPolygonF([QPointF(p.x, p.y - d), QPointF(p.x + d, p.y),
                                               QPointF(p.x, p.y + d), QPointF(p.x - d, p.y)]))
            else:
                painter.drawEllipse(centre, r, r)

    def _paint_ticks(self, painter: QPainter, rect: QRectF, fm: QFontMetrics, grid: QColor,
                     faint: QColor) -> None:
        lo_f, hi_f = self._view_range()
        lo, hi = dt.date.fromordinal(int(lo_f)), dt.date.fromordinal(int(hi_f))
        days = max(1, (hi - lo).days)
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
                ticks.append((d, d.strftime("%d %b %Y") if not ticks else d.strftime("%d %b")))
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
