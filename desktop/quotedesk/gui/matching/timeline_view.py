"""A speaker's statements as claim threads on a date axis (issue 15).

:class:`SpeakerTimeline` = filters (date range, text, zoom) + :class:`TimelineCanvas` (one lane per
claim thread, painted, in a scroll area; ``timeline_canvas``) + the selected thread's occurrences
(:class:`ClusterStatementsModel`: date, source, wording, text; never an internal id) + the word
diff of the selected occurrence against an earlier one of its thread (the previous one unless
another is chosen); "Compare side by side" sends that pair on, old (earlier) left, the selected
one right. Threads come from the core (``quotedesk.core.matching.threads.load_threads``: the
Matches panel's ranking plus the lexical and vector grouping); loading runs in the background
(:func:`quotedesk.gui.workers.run_in_background`, own store in the worker, progress and cancel).
Filters apply to the loaded list at once, without a reload.
"""
from __future__ import annotations

from PySide6.QtCore import (QAbstractTableModel, QDate, QModelIndex, QPersistentModelIndex, Qt,
                            QTimer, Signal, Slot)
from PySide6.QtWidgets import (QAbstractItemView, QComboBox, QDateEdit, QHBoxLayout, QHeaderView,
                               QLabel, QLineEdit, QPushButton, QScrollArea, QSizePolicy, QSplitter,
                               QTableView, QVBoxLayout, QWidget)

from quotedesk.core.matching.threads import (FIRST, ClaimThreads, Occurrence, build_threads,
                                             load_threads, mark_occurrences)
from quotedesk.core.matching.timeline import TimelineItem
from quotedesk.core.store.db import Store, open_store
from quotedesk.core.store.speakers import get_speaker
from quotedesk.gui.matching.diff_view import DiffView
from quotedesk.gui.matching.plain import plain_label, plain_tip
from quotedesk.gui.matching.timeline_canvas import (NO_DATE, WORDING_LABELS, TimelineCanvas,
                                                    cluster_color, parse_date, short, source_of)
from quotedesk.gui.workers import run_in_background, weak_callback

__all__ = ["ClusterStatementsModel", "SpeakerTimeline", "TimelineCanvas", "cluster_color",
           "cluster_numbers", "load_speaker"]

StatementIdRole = Qt.ItemDataRole.UserRole + 1
"""The statement id (``q<id>`` or the imported id) of a row: for code, never shown."""

#: What the view shows: anything with ``statement_id, text, speaker, date, source`` attributes.
Statement = TimelineItem


def cluster_numbers(items: list[Statement], vectors: list | None = None) -> list[int]:
    """The lexical (and vector) threads as one number per item (0 = the largest), no store."""
    return build_threads(items, vectors=vectors).threads


def resolve_speaker(store: Store, speaker: str | int) -> str | None:
    if isinstance(speaker, int):
        row = get_speaker(store, speaker)
        return row["name"] if row is not None else None
    return speaker


def load_speaker(store: Store, speaker: str | int, *, progress=None, cancelled=None) -> ClaimThreads:
    """A speaker's claim threads (speaker by id or name); any thread, own store."""
    name = resolve_speaker(store, speaker)
    if name is None:
        return ClaimThreads()
    return load_threads(store, name, progress=progress, cancelled=cancelled)


def occurrence_label(s: Statement) -> str:
    """'2021-03-02 · Daily Bugle (library)': how an occurrence is named (never by its id)."""
    origin = "library" if s.is_quote else "statement memory"
    return f"{(s.date or NO_DATE)[:10]} · {source_of(s)} ({origin})"


# --- the list below ------------------------------------------------------------------------------

class ClusterStatementsModel(QAbstractTableModel):
    """The occurrences of one thread: date, source, wording, text (read-only)."""

    HEADERS = ("Date", "Source", "Wording", "Statement")

    def __init__(self, parent=None):
        super().__init__(parent)
        self._rows: list[Statement] = []
        self._wording: list[str] = []

    def set_statements(self, rows: list[Statement], wording: list[str] | None = None) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self._wording = list(wording) if wording is not None else [""] * len(self._rows)
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
            if role == Qt.ItemDataRole.ToolTipRole:
                if col == 1:
                    return plain_tip(occurrence_label(s) + (f"\n{s.title}" if s.title else ""))
                return plain_tip(s.text) if col == 3 else None
            if col == 0:
                return s.date or NO_DATE
            if col == 1:
                return source_of(s)
            if col == 2:
                return self._wording[index.row()]
            if col == 3:
                return short(s.text, 200)
        if role == StatementIdRole:
            return s.statement_id
        return None


# --- the whole view ------------------------------------------------------------------------------

class SpeakerTimeline(QWidget):
    """All statements of one speaker as claim threads on a timeline, filterable by date and text."""

    sig_statement_selected = Signal(str)
    """A statement was picked (a dot or a row of the list): its id, ``q<id>`` or the imported id."""
    sig_loaded = Signal(int, int)
    """A speaker's statements are shown: ``(number of statements, number of threads)``."""
    sig_load_failed = Signal(str)
    """Loading failed: the message (also shown in the view)."""
    sig_compare_requested = Signal(str, str, str, str)
    """Compare side by side: ``(earlier text, selected text, earlier label, selected label)`` —
    the chosen earlier occurrence is old (left), the selected one new (right), always."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("SpeakerTimeline")
        self._store: Store | None = None
        self._speaker: str | int | None = None
        self._statements: list[Statement] = []
        self._clusters: list[int] = []
        self._occ: list[Occurrence | None] = []
        self._selected_cluster: int | None = None
        self._selected_index: int | None = None
        self._generation = 0
        self._op = None
        self._reselect: str | None = None
        self.busy = False

        self.title = plain_label(QLabel())  # a speaker's or claim's name: imported text
        self.title.setObjectName("TimelineTitle")
        bold = self.title.font()
        bold.setBold(True)
        self.title.setFont(bold)
        self.title.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
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
        # long texts are clipped, never widen the window (a click must not move the dots)
        self.info.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.canvas = TimelineCanvas()
        self.canvas.sig_point_clicked.connect(self._on_point_clicked)
        zoom_out, zoom_in, zoom_fit = QPushButton("−"), QPushButton("+"), QPushButton("All dates")
        for b, tip, fn in ((zoom_out, "Zoom out (−, Ctrl+wheel)", lambda: self.canvas.zoom_by(0.5)),
                           (zoom_in, "Zoom in (+, Ctrl+wheel)", lambda: self.canvas.zoom_by(2.0)),
                           (zoom_fit, "Show every date (0)", lambda: self.canvas.set_zoom(1.0))):
            b.setToolTip(tip)
            b.clicked.connect(fn)
        filters = QHBoxLayout()
        filters.addWidget(self.title, 1)
        filters.addWidget(QLabel("From"))
        filters.addWidget(self.date_from)
        filters.addWidget(QLabel("to"))
        filters.addWidget(self.date_to)
        filters.addWidget(self.text_filter, 1)
        for b in (zoom_out, zoom_in, zoom_fit):
            filters.addWidget(b)

        self.canvas_area = QScrollArea()
        self.canvas_area.setWidget(self.canvas)
        self.canvas_area.setWidgetResizable(True)
        self.canvas_area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
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
        self.cluster_label = plain_label(QLabel(), "Click a dot to see its claim thread.")
        self.cluster_label.setObjectName("ClusterLabel")
        self.earlier_combo = QComboBox()
        self.earlier_combo.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.earlier_combo.setMinimumContentsLength(24)
        self.earlier_combo.setToolTip("The earlier occurrence the selected one is compared with")
        self.earlier_combo.currentIndexChanged.connect(self._on_earlier_changed)
        self.compare_button = QPushButton("Compare side by side…")
        self.compare_button.setToolTip("Open the chosen earlier occurrence (left) and the selected "
                                       "one (right) in the Compare window")
        self.compare_button.clicked.connect(self._on_compare)
        self.diff_label = plain_label(QLabel(), "")
        self.diff_label.setObjectName("TimelineDiffLabel")
        self.diff_label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.diff = DiffView()
        self._earlier: list[int] = []
        compare_row = QHBoxLayout()
        compare_row.addWidget(self.diff_label, 1)
        compare_row.addWidget(QLabel("Against"))
        compare_row.addWidget(self.earlier_combo, 1)
        compare_row.addWidget(self.compare_button)
        lower = QWidget()
        lower_layout = QVBoxLayout(lower)
        lower_layout.setContentsMargins(0, 0, 0, 0)
        lower_layout.addWidget(self.cluster_label)
        lower_layout.addWidget(self.cluster_table)
        diff_box = QWidget()
        diff_layout = QVBoxLayout(diff_box)
        diff_layout.setContentsMargins(0, 0, 0, 0)
        diff_layout.addLayout(compare_row)
        diff_layout.addWidget(self.diff, 1)
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.canvas_area)
        split.addWidget(lower)
        split.addWidget(diff_box)
        split.setStretchFactor(0, 7)
        split.setStretchFactor(1, 2)
        split.setStretchFactor(2, 3)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(filters)
        layout.addWidget(self.info)
        layout.addWidget(split, 1)
        self._show_diff(None)
        self._refresh()

    # --- public API ------------------------------------------------------------------------------
    def set_store(self, store: Store | None) -> None:
        self._store = store
        self.show_speaker(None)

    @Slot(object)
    def show_speaker(self, speaker: str | int | None) -> None:
        """Load a speaker's claim threads (by speaker id or name) in the background; None clears."""
        self._generation += 1
        self._speaker = speaker
        if self._op is not None:
            self._op.cancel()  # a result for the previous speaker is dropped when it arrives
        self._op = None
        if speaker is None or self._store is None:
            self.busy = False
            self.set_statements([], [], title="")
            return
        self.busy = True
        self.info.setText("Building claim threads…")
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
                return load_speaker(own, speaker, progress=task.progress, cancelled=task.cancelled)

        self._op = run_in_background(work, weak_callback(self, "_on_loaded", gen),
                                     weak_callback(self, "_on_failed", gen),
                                     progress=weak_callback(self, "_on_progress", gen))

    def reload(self) -> None:
        """Load the current speaker again (the database changed), keeping the selected statement."""
        if self._speaker is not None:
            keep = self.selected_statement_id()
            self._reselect = keep
            self.show_speaker(self._speaker)

    def set_statements(self, statements: list[Statement], clusters: list[int] | None = None, *,
                       title: str | None = None,
                       occurrences: list[Occurrence | None] | None = None) -> None:
        """Show these statements directly (threads computed here, lexically, when not given)."""
        self._statements = list(statements)
        self._clusters = list(clusters) if clusters is not None else cluster_numbers(self._statements)
        self._occ = (list(occurrences) if occurrences is not None
                     else mark_occurrences(self._statements, self._clusters))
        if title is not None:
            self.title.setText(title or "")
        self._selected_cluster = self._selected_index = None
        self.canvas.set_selection(None, None)
        self.cluster_model.set_statements([])
        self.cluster_label.setText("Click a dot to see its claim thread.")
        self._show_diff(None)
        dates = sorted(d for d in (parse_date(x.date) for x in self._statements) if d)
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

    def occurrences(self) -> list[Occurrence | None]:
        return list(self._occ)

    def index_of(self, statement_id: str) -> int | None:
        return next((i for i, s in enumerate(self._statements) if s.statement_id == statement_id), None)

    def selected_statement_id(self) -> str | None:
        i = self._selected_index
        return self._statements[i].statement_id if i is not None and i < len(self._statements) else None

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
        """Select statement ``index`` (and its thread), as a click on its dot does."""
        self._on_point_clicked(index)

    def earlier_choices(self) -> list[int]:
        """Indexes of the occurrences the selected one can be compared with (latest first)."""
        return list(self._earlier)

    def choose_earlier(self, index: int) -> None:
        """Compare the selected occurrence with the earlier occurrence ``index``."""
        if index in self._earlier:
            self.earlier_combo.setCurrentIndex(self._earlier.index(index))

    # --- internals -------------------------------------------------------------------------------
    @staticmethod
    def _date_value(w: QDateEdit) -> str | None:
        return None if w.date() == w.minimumDate() else w.date().toString("yyyy-MM-dd")

    def _on_progress(self, gen: int, fraction: float) -> None:
        if gen == self._generation and self.busy:
            self.info.setText(f"Building claim threads… {int(fraction * 100)}%")

    def _on_loaded(self, gen: int, res: ClaimThreads) -> None:
        if gen != self._generation:
            return
        self._op = None
        self.busy = False
        items = res.items
        name = self._speaker if isinstance(self._speaker, str) else (items[0].speaker if items else "")
        self.set_statements(items, res.threads, title=name or "", occurrences=res.occurrences)
        keep = getattr(self, "_reselect", None)
        self._reselect = None
        if keep is not None and self.index_of(keep) is not None:
            self._on_point_clicked(self.index_of(keep), emit=False)
        self.sig_loaded.emit(len(items), len(set(res.threads)))

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
        self.canvas.set_data(self._statements, self._clusters, visible, self._occ)
        n_all = len(self._statements)
        n = len(visible)
        threads = len({self._clusters[i] for i in visible})
        repeated = self.canvas.repeated_count()
        undated = sum(1 for i in visible if not self._statements[i].date)
        changes = sum(1 for i in visible if self.canvas.mark(i) == "changed")
        if n_all == 0:
            self.info.setText("No statements." if self._speaker is not None or self.title.text() else
                              "Choose a speaker to see their statements over time.")
            return
        shown = f"{n} of {n_all} statements" if n != n_all else f"{n} statement{'s' if n != 1 else ''}"
        self.info.setText(f"{shown}, {threads} distinct claims ({repeated} repeated, wording "
                          f"changed {changes} times)" + (f", {undated} without a date" if undated else "")
                          + ".  ◯ first occurrence  ◆ wording changed  ● same words")
        if self._selected_cluster is not None:
            self._show_cluster(self._selected_cluster)

    def _members(self, cluster: int) -> list[int]:
        visible = set(self.visible_indexes())
        idx = [i for i in range(len(self._statements)) if self._clusters[i] == cluster and i in visible]
        return sorted(idx, key=lambda i: self._occ[i].position if self._occ[i] is not None else i)

    def _show_cluster(self, cluster: int) -> None:
        members = self._members(cluster)
        wording = []
        for i in members:
            occ = self._occ[i]
            wording.append("" if occ is None or len(members) < 2 else WORDING_LABELS.get(occ.wording, occ.wording))
        self.cluster_model.set_statements([self._statements[i] for i in members], wording)
        dates = [self._statements[i].date for i in members if self._statements[i].date]
        span = f", {min(dates)[:10]} – {max(dates)[:10]}" if dates else ""
        n = len(members)
        self.cluster_label.setText(f"Selected claim: {n} occurrence{'s' if n != 1 else ''}{span}")

    def _on_point_clicked(self, index: int, emit: bool = True) -> None:
        if not (0 <= index < len(self._statements)):
            return
        cluster = self._clusters[index]
        self._selected_cluster, self._selected_index = cluster, index
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
        self._show_diff(index)
        pos = self.canvas.point_position(index)
        if pos is not None:  # the dot may be in a lane scrolled out of view
            self.canvas_area.ensureVisible(pos.x(), pos.y(), 20, 30)
        if emit:
            self.sig_statement_selected.emit(sid)

    def _on_row_current_changed(self, idx: QModelIndex, _previous: QModelIndex | None = None) -> None:
        s = self.cluster_model.statement(idx.row()) if idx.isValid() else None
        if s is None or self._syncing:
            return
        index = self.index_of(s.statement_id)
        self._selected_index = index
        self.canvas.set_selection(self._selected_cluster, index)
        self._show_diff(index)
        self.sig_statement_selected.emit(s.statement_id)

    # --- the word diff against an earlier occurrence ---------------------------------------------
    def _show_diff(self, index: int | None) -> None:
        """The selected occurrence against the previous one of its thread (or the one chosen)."""
        self._earlier = []
        occ = self._occ[index] if index is not None and index < len(self._occ) else None
        if occ is not None:
            # every occurrence before this one in the thread, the previous one first
            thread = [i for i in range(len(self._statements)) if self._clusters[i] == self._clusters[index]]
            thread = [i for i in thread if self._occ[i] is not None and self._occ[i].position < occ.position]
            self._earlier = sorted(thread, key=lambda i: -self._occ[i].position)
        self.earlier_combo.blockSignals(True)
        self.earlier_combo.clear()
        for i in self._earlier:
            self.earlier_combo.addItem(occurrence_label(self._statements[i]))
        self.earlier_combo.blockSignals(False)
        self.earlier_combo.setEnabled(bool(self._earlier))
        self.compare_button.setEnabled(bool(self._earlier))
        self.diff.setVisible(index is not None)  # its empty labels speak of matches and quotes
        if index is None:
            self.diff_label.setText("Select a dot to see how its wording differs from the previous "
                                    "occurrence of the claim.")
            self.diff.clear()
        elif not self._earlier:
            s = self._statements[index]
            what = "First occurrence of this claim" if occ is not None and occ.wording == FIRST \
                and any(self._clusters[i] == self._clusters[index] for i in range(len(self._statements))
                        if i != index) else "Said once"
            self.diff_label.setText(f"{what}: nothing earlier to compare with.")
            self.diff.set_statements("", s.text, "—", occurrence_label(s))
        else:
            self._on_earlier_changed(0)

    def _on_earlier_changed(self, k: int) -> None:
        if self._selected_index is None or not (0 <= k < len(self._earlier)):
            return
        old, new = self._statements[self._earlier[k]], self._statements[self._selected_index]
        occ = self._occ[self._selected_index]
        wording = WORDING_LABELS.get(occ.wording, occ.wording) if occ is not None else ""
        prev = "the previous occurrence" if k == 0 else "an earlier occurrence"
        self.diff_label.setText(f"Against {prev}" + (f" ({wording})" if wording and k == 0 else "") + ":")
        self.diff.set_statements(old.text, new.text, f"Earlier: {occurrence_label(old)}",
                                 f"Selected: {occurrence_label(new)}")

    def compare_pair(self) -> tuple[Statement, Statement] | None:
        """``(earlier, selected)`` as Compare would show them (old left, new right)."""
        k = self.earlier_combo.currentIndex()
        if self._selected_index is None or not (0 <= k < len(self._earlier)):
            return None
        return self._statements[self._earlier[k]], self._statements[self._selected_index]

    def _on_compare(self) -> None:
        pair = self.compare_pair()
        if pair is None:
            return
        old, new = pair
        self.sig_compare_requested.emit(old.text, new.text, f"Earlier: {occurrence_label(old)}",
                                        f"Selected: {occurrence_label(new)}")
