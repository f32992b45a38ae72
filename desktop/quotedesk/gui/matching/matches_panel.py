"""The matches panel: earlier statements matching the selected quote, ranked, with decisions.

Matching runs off the GUI thread through :func:`quotedesk.gui.workers.run_in_background`: the
worker opens its own :class:`Store` on ``store.path``, matches the quote, saves the suggestions
(decisions are kept) and hands back plain rows. A result for a quote that is no longer the
selected one is dropped. Confirm/reject go through a thin ``QUndoCommand`` when the main window
gave an undo stack (:meth:`MatchesPanel.set_undo_stack`), else straight to the core.
"""
from __future__ import annotations

from dataclasses import replace
from html import escape

from PySide6.QtCore import QItemSelectionModel, Qt, QTimer, Signal, Slot
from PySide6.QtGui import QAction, QKeySequence, QUndoStack
from PySide6.QtWidgets import (QAbstractItemView, QCheckBox, QHBoxLayout, QHeaderView, QLabel,
                               QMessageBox, QPushButton, QTableView, QVBoxLayout, QWidget)

from quotedesk.core.matching import set_match_status
from quotedesk.core.matching.verdicts import (CHECKED_BEFORE_MIN_SCORE, CheckedBefore, get_verdict,
                                              verdicts_for)
from quotedesk.core.store.db import Store, open_store
from quotedesk.core.matching.panel_rows import (MatchesResult, MatchRow, StatementRef,
                                               compute_matches, match_id_for)
from quotedesk.gui.workers import debounced, run_in_background, weak_callback
from quotedesk.gui.write_queue import QueuedUndoCommand, WriteQueue
from quotedesk.core.matching.panel_rows import WEAK_SCORE
from quotedesk.core.matching.service import EARLIER, SAME_DAY, UNDATED
from quotedesk.gui.matching.match_model import (DATE, KIND, KIND_TEXT, SCORE, SOURCE, SPEAKER,
                                                STATUS, TEXT, VERDICT, MatchFilterProxy,
                                                MatchTableModel, short)


class MatchStatusCommand(QueuedUndoCommand):
    """Confirm or reject a match (thin adapter: the inverse is the old status). Saved through the
    window's write queue when the panel has one (it waits while another program writes).

    The match is named by (quote, matched statement), not by ``matches.id``: a re-match of the
    quote replaces its suggested rows, so an id kept in the undo stack could be gone.
    """

    def __init__(self, store: Store, quote_id: int, ref: StatementRef, new: str, old: str,
                 on_applied, label: str, *, queue: WriteQueue | None = None,
                 on_error=None, on_text_changed=None):
        super().__init__(label, queue=queue, on_error=on_error or (lambda message: None),
                         on_text_changed=on_text_changed)
        self._store, self._quote_id, self._ref = store, quote_id, ref
        self._new, self._old = new, old
        self._on_applied = on_applied

    def _write(self, forward: bool) -> None:
        status = self._new if forward else self._old
        match_id = match_id_for(self._store, self._quote_id, self._ref)
        if match_id is None:  # the suggestion is gone (quote deleted or re-matched without it)
            return
        set_match_status(self._store, match_id, status)
        self._on_applied(self._quote_id, self._ref, match_id, status)


def _label(row: MatchRow) -> str:
    """'Earlier: Jane Miller · 2019-03-01 · Campaign rally (statement memory)' (never an id)."""
    bits = [row.speaker or "unknown speaker", row.date or "no date",
            f"{row.source or 'no source'} ({row.origin})"]
    return "Earlier: " + " · ".join(bits)


def quote_label(speaker: str | None, date: str | None) -> str:
    """The right side's title in Compare: the selected (new) quote."""
    return "This quote (new): " + " · ".join([speaker or "unknown speaker", date or "no date"])


def count_text(c: dict[str, int]) -> str:
    """'3 earlier statements · 1 same day · 2 date unknown (+1 weak)'."""
    n = c.get(EARLIER, 0)
    parts = [f"{n} earlier statement{'s' if n != 1 else ''}" if n else "No earlier statement"]
    if c.get(SAME_DAY):
        parts.append(f"{c[SAME_DAY]} same day")
    if c.get(UNDATED):
        parts.append(f"{c[UNDATED]} date unknown")
    if c.get("rejected"):
        parts.append(f"{c['rejected']} rejected")
    text = " · ".join(parts)
    if c.get("weak"):
        text += f" (+{c['weak']} weak)"
    return text


class MatchesPanel(QWidget):
    """Earlier statements for one quote: score, kind, speaker, date, source, verdict, text."""

    sig_results_ready = Signal(int, int)
    """Matches for a quote are shown: ``(quote_id, number of rows)``. Never sent for stale results."""
    sig_match_failed = Signal(int, str)
    """Matching a quote failed: ``(quote_id, message)``; the panel shows the message."""
    sig_compare_requested = Signal(str, str, str, str)
    """Show two statements side by side: ``(left_text, right_text, left_label, right_label)``;
    always left = the selected match (old), right = the selected quote (new)."""
    sig_open_quote = Signal(int)
    """The user wants to see a matched statement that is a stored quote: ``quote_id``."""
    sig_match_status_changed = Signal(int, str)
    """A match was confirmed, rejected (or undone): ``(match_id, status)``."""
    sig_verdict_changed = Signal(str)
    """A verdict was set or removed from this panel: ``statement_id``."""

    def __init__(self, parent=None, *, top: int = 10, debounce_ms: int = 120):
        """``top`` matches per quote; matching starts ``debounce_ms`` after the last selection."""
        super().__init__(parent)
        self.setObjectName("MatchesPanel")
        self._debounce = debounced(self, debounce_ms, self._on_debounce_timeout)
        self._store: Store | None = None
        self._undo: QUndoStack | None = None
        self._writes: WriteQueue | None = None
        self._top = top
        self._quote_id: int | None = None
        self._result: MatchesResult | None = None
        self._generation = 0
        self._op = None
        self.busy = False
        self._actions: list[tuple[QPushButton, QAction]] = []

        self._quote_label = QLabel()
        self._quote_label.setObjectName("MatchesQuote")
        self._quote_label.setWordWrap(True)
        self._quote_label.setTextFormat(Qt.TextFormat.PlainText)  # imported text (issue 13.10)
        self._banner = QLabel()
        self._banner.setObjectName("VerdictBanner")
        self._banner.setWordWrap(True)
        self._banner.setTextFormat(Qt.TextFormat.RichText)
        self._banner.setHidden(True)
        self._status = QLabel()
        self._status.setObjectName("MatchesStatus")
        self._status.setMinimumWidth(80)  # its text never sets the panel's minimum width
        self._status_full = ""

        self.model = MatchTableModel(self)
        self.proxy = MatchFilterProxy(self)
        self.proxy.setSourceModel(self.model)
        self.table = QTableView()
        self.table.setModel(self.proxy)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(SCORE, Qt.SortOrder.DescendingOrder)
        # the statement first, wrapped (the whole text on hover); rows grow to fit it
        self.table.setWordWrap(True)
        self.table.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.setAlternatingRowColors(True)
        self.table.setHorizontalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        hh = self.table.horizontalHeader()
        for col in (SCORE, KIND, DATE, VERDICT, STATUS):
            hh.setSectionResizeMode(col, QHeaderView.ResizeMode.ResizeToContents)
        for col in (SPEAKER, SOURCE):
            hh.setSectionResizeMode(col, QHeaderView.ResizeMode.Interactive)
            hh.resizeSection(col, 120)
        hh.setSectionResizeMode(TEXT, QHeaderView.ResizeMode.Stretch)
        hh.setMinimumSectionSize(40)
        self.table.doubleClicked.connect(self._on_compare)
        self.table.selectionModel().selectionChanged.connect(self._on_selection_changed)

        self.confirm_button = QPushButton("Confirm")
        self.confirm_button.setToolTip("This is the same statement (keeps the match)")
        self.reject_button = QPushButton("Reject")
        self.reject_button.setToolTip("Not the same statement (the match goes to the bottom)")
        self.compare_button = QPushButton("Compare")
        self.compare_button.setToolTip("Show the quote and the earlier statement side by side")
        self.open_button = QPushButton("Open quote")
        self.open_button.setToolTip("Go to the article of this earlier quote")
        self.verdict_button = QPushButton("Verdict…")
        self.verdict_button.setToolTip("Set a verdict (true, false, misleading…) on the earlier statement")
        self.confirm_button.clicked.connect(lambda: self._on_decide("confirmed"))
        self.reject_button.clicked.connect(lambda: self._on_decide("rejected"))
        self.compare_button.clicked.connect(self._on_compare)
        self.open_button.clicked.connect(self._on_open_quote)
        self.verdict_button.clicked.connect(self._on_verdict)
        self._add_table_actions()
        self.weak_check = QCheckBox(f"Weak matches (score < {WEAK_SCORE:.0f})")
        self.weak_check.setToolTip("Also list earlier statements that are only loosely similar")
        self.weak_check.toggled.connect(self._on_weak_toggled)
        # two rows, so the panel fits a narrow tab: the actions, then the filter and the status
        buttons = QHBoxLayout()
        for b in (self.confirm_button, self.reject_button, self.compare_button, self.open_button,
                  self.verdict_button):
            buttons.addWidget(b)
        buttons.addStretch(1)
        status_row = QHBoxLayout()
        status_row.addWidget(self.weak_check)
        status_row.addStretch(1)
        status_row.addWidget(self._status)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self._quote_label)
        layout.addWidget(self._banner)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        layout.addLayout(status_row)
        self._verdict_dialog = None
        self._apply_banner_style()
        self._show_message("Select a quote to see earlier statements.")
        self._update_buttons()

    def _add_table_actions(self) -> None:
        """The buttons' actions as the table's context menu, with keys active in the table only."""
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
        for button, key in ((self.compare_button, "Space"), (self.confirm_button, "Y"),
                            (self.reject_button, "N"), (self.open_button, "O"),
                            (self.verdict_button, "V")):
            action = QAction(button.text(), self.table)
            action.setShortcut(QKeySequence(key))
            action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
            action.setToolTip(button.toolTip())
            action.triggered.connect(button.click)
            self.table.addAction(action)
            button.setToolTip(f"{button.toolTip()} ({key})")
            self._actions.append((button, action))

    # --- public API ------------------------------------------------------------------------------
    def set_store(self, store: Store | None) -> None:
        """Use this database (the GUI thread's store); clears the panel."""
        self._store = store
        self.show_quote(None)

    def set_undo_stack(self, stack: QUndoStack | None, writes: WriteQueue | None = None) -> None:
        """Push confirm/reject on this stack (None: apply directly, not undoable), saved through
        ``writes`` (the window's queue: they wait while another program writes)."""
        self._undo = stack
        self._writes = writes

    def current_quote_id(self) -> int | None:
        return self._quote_id

    def banner_text(self) -> str:
        """The verdict banner as plain text ('' when hidden)."""
        if self._banner.isHidden():
            return ""
        from PySide6.QtGui import QTextDocument
        doc = QTextDocument()
        doc.setHtml(self._banner.text())
        return doc.toPlainText()

    def status_text(self) -> str:
        """The whole status line (the label may show it elided)."""
        return self._status_full

    def counts(self) -> dict[str, int]:
        """What the list shows, counted from the rows on show (the status line says the same):
        ``earlier`` (not rejected), ``same_day``, ``undated``, ``weak`` (hidden), ``rejected``."""
        out = {EARLIER: 0, SAME_DAY: 0, UNDATED: 0, "weak": self.proxy.hidden_count(), "rejected": 0}
        for i in range(self.proxy.rowCount()):
            r = self.model.match_row(self.proxy.mapToSource(self.proxy.index(i, 0)).row())
            if r.status == "rejected":
                out["rejected"] += 1
            else:
                out[r.when] = out.get(r.when, 0) + 1
        return out

    def earlier_rows(self) -> list[MatchRow]:
        """The earlier statements on show (not rejected), in the table's order."""
        rows = [self.model.match_row(self.proxy.mapToSource(self.proxy.index(i, 0)).row())
                for i in range(self.proxy.rowCount())]
        return [r for r in rows if r.when == EARLIER and r.status != "rejected"]

    @Slot(object)
    def show_quote(self, quote_id: int | None) -> None:
        """Show the matches of a stored quote (None clears); matching runs in the background."""
        self._generation += 1
        self._keep_ref = None
        if self._op is not None and not self._op.finished:
            self._op.cancel()
        self._op = None
        self._quote_id = quote_id
        self._result = None
        self.model.clear()
        self._banner.setHidden(True)
        if quote_id is None or self._store is None:
            self._debounce.stop()
            self.busy = False
            self._quote_label.setText("")
            self._show_message("Select a quote to see earlier statements.")
            self._update_buttons()
            return
        self.busy = True
        self._show_message("Looking for earlier statements…")
        self._quote_label.setText("")
        self._update_buttons()
        # wait a moment: arrowing through a quote list starts one match, not one per row
        self._debounce.start()

    def _on_debounce_timeout(self) -> None:
        if self._quote_id is None or self._store is None:
            return
        gen, top, store, quote_id = self._generation, self._top, self._store, self._quote_id
        path, readonly = store.path, store.readonly
        if path is None:
            # an in-memory database cannot be opened from another thread: match here, later
            def run_here() -> None:
                if gen != self._generation:
                    return
                try:
                    result = compute_matches(store, quote_id, top=top)
                except Exception as exc:  # noqa: BLE001 - shown to the user
                    self._on_failed(gen, quote_id, exc)
                else:
                    self._on_results(gen, result)
            QTimer.singleShot(0, run_here)
            return

        def work(task):  # pool thread: no widgets, own store
            with open_store(path, readonly=readonly) as own:
                return compute_matches(own, quote_id, top=top)

        self._op = run_in_background(work, weak_callback(self, "_on_results", gen),
                                     weak_callback(self, "_on_failed", gen, quote_id))

    @Slot()
    def refresh(self, keep_selection: bool = False) -> None:
        """Match the current quote again (after an import or a re-match); ``keep_selection``:
        the selected match stays selected if it is found again."""
        row = self.selected_row() if keep_selection else None
        self.show_quote(self._quote_id)
        self._keep_ref = row.ref if row is not None else None

    def selected_row(self) -> MatchRow | None:
        idx = self.table.selectionModel().currentIndex()
        rows = self.table.selectionModel().selectedRows()
        if rows:
            idx = rows[0]
        if not idx.isValid():
            return None
        return self.model.match_row(self.proxy.mapToSource(idx).row())

    def set_show_weak(self, show: bool) -> None:
        """List weak matches (score under ``WEAK_SCORE``) too."""
        self.weak_check.setChecked(show)

    def select_row(self, row: int) -> None:
        """Select a row of the model (source row number), e.g. from tests or keyboard shortcuts."""
        idx = self.proxy.mapFromSource(self.model.index(row, 0))
        if not idx.isValid():
            return
        self.table.selectionModel().setCurrentIndex(
            idx, QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows)

    # --- results ---------------------------------------------------------------------------------
    def _on_results(self, gen: int, result: MatchesResult) -> None:
        if gen != self._generation:
            return  # a newer quote was selected meanwhile
        self._op = None
        self.busy = False
        self._result = result
        speaker = result.quote_speaker or "unknown speaker"
        self._quote_label.setText(
            f"{speaker}{', ' + result.quote_date if result.quote_date else ''}: "
            f"“{short(result.quote_text, 300)}”")
        self.model.set_rows(result.rows, quote_date=result.quote_date)
        self.table.sortByColumn(self.table.horizontalHeader().sortIndicatorSection(),
                                self.table.horizontalHeader().sortIndicatorOrder())
        n = len(result.rows)
        self._update_count()
        keep = getattr(self, "_keep_ref", None)
        self._keep_ref = None
        again = next((r for r in range(self.model.rowCount())
                      if self.model.match_row(r).ref == keep), None) if keep else None
        if again is not None:
            self.select_row(again)
        elif self.proxy.rowCount():
            self.table.selectRow(0)
        self._update_banner()
        self._update_buttons()
        self.sig_results_ready.emit(result.quote_id, n)

    def _on_failed(self, gen: int, quote_id: int, exc: BaseException) -> None:
        if gen != self._generation:
            return
        self._op = None
        self.busy = False
        message = str(exc) if not isinstance(exc, KeyError) else "this quote no longer exists"
        self._show_message(f"Matching failed: {message}")
        self._update_buttons()
        self.sig_match_failed.emit(quote_id, message)

    def _update_count(self) -> None:
        if self._result is None:
            return
        text = count_text(self.counts())
        if self._result.lexical_reason:
            text += " · by words only"
        if not self._result.saved:
            text += " — read-only: decisions cannot be saved"
        self._show_message(text)
        self._status.setToolTip(f"Matched by words only: {self._result.lexical_reason}"
                                if self._result.lexical_reason else
                                "Matched by words and by meaning (sentence vectors)")

    def _on_weak_toggled(self, show: bool) -> None:
        self.proxy.set_min_score(0.0 if show else WEAK_SCORE)
        self._update_count()
        self._update_buttons()

    #: the status line is elided beyond this width, so a long one never widens the panel
    STATUS_MAX_PX = 420

    def _show_message(self, text: str) -> None:
        self._status_full = text
        self._status.setText(self._status.fontMetrics().elidedText(
            text, Qt.TextElideMode.ElideMiddle, self.STATUS_MAX_PX))

    def _apply_banner_style(self) -> None:
        # amber, readable in light and dark palettes (text colour chosen against the fill)
        self._banner.setStyleSheet(
            "#VerdictBanner { background: #f6d77a; color: #2b2100; border: 1px solid #c9a53a;"
            " border-radius: 4px; padding: 4px 8px; }")

    def _update_banner(self) -> None:
        """"Checked before: false, 2019-10-22" for matched statements carrying a verdict.

        Shown for confirmed matches and for suggested ones scoring at least the core's
        ``CHECKED_BEFORE_MIN_SCORE``; rejected matches never count. The date is the checked
        statement's (the core's :meth:`CheckedBefore.summary`), the verdict's own date follows.
        """
        lines = []
        res = self._result
        if res is not None and res.quote_verdict is not None:
            v = res.quote_verdict
            lines.append(f"<b>Your verdict on this quote: {escape(v.label)}</b> ({escape(v.decided_at[:10])})"
                         + (f" — {escape(short(v.note, 120))}" if v.note else ""))
        rows = [r for r in self.model.rows() if r.verdict is not None and (
            r.status == "confirmed" or (r.status != "rejected" and r.score >= CHECKED_BEFORE_MIN_SCORE))]
        rows.sort(key=lambda r: (r.status != "confirmed", -r.score))
        if rows:
            r = rows[0]
            v = r.verdict
            summary = CheckedBefore(r, v).summary()
            lines.append(
                f"<b>{escape(summary[:1].upper() + summary[1:])}</b> — "
                f"“{escape(short(r.text, 110))}” ({escape(r.speaker or 'unknown speaker')}; "
                f"{KIND_TEXT.get(r.kind, r.kind)} match, score {r.score:.0f}; verdict of "
                f"{escape(v.decided_at[:10])})"
                + (f"<br><i>{escape(short(v.note, 160))}</i>" if v.note else ""))
            if len(rows) > 1:
                others = ", ".join(f"{escape(x.verdict.label)} ({escape(x.speaker or 'unknown speaker')}, "
                                   f"{escape(x.date or 'no date')})" for x in rows[1:4])
                lines.append(f"Also checked: {others}{' …' if len(rows) > 4 else ''}")
        self._banner.setText("<br>".join(lines))
        self._banner.setHidden(not lines)

    def _update_buttons(self) -> None:
        row = self.selected_row()
        can_decide = row is not None and row.match_id is not None and self._store is not None \
            and not self._store.readonly
        self.confirm_button.setEnabled(can_decide and row.status != "confirmed")
        self.reject_button.setEnabled(can_decide and row.status != "rejected")
        self.compare_button.setEnabled(row is not None)
        self.open_button.setEnabled(row is not None and row.is_quote)
        self.verdict_button.setEnabled(row is not None and self._store is not None
                                       and not self._store.readonly)
        for button, action in self._actions:
            action.setEnabled(button.isEnabled())

    # --- slots -----------------------------------------------------------------------------------
    def _on_selection_changed(self, *_):
        self._update_buttons()

    def _on_decide(self, status: str) -> None:
        row = self.selected_row()
        if row is None or row.match_id is None or self._store is None:
            return
        verb = "Confirm" if status == "confirmed" else "Reject"
        label = f"{verb} match “{short(row.text, 40)}”"
        if self._undo is not None:
            stack = self._undo
            self._undo.push(MatchStatusCommand(
                self._store, self._quote_id, row.ref, status, row.status, self._on_status_applied,
                label, queue=self._writes,
                on_error=lambda message: QMessageBox.warning(self, "Change not saved", message),
                on_text_changed=lambda: stack.indexChanged.emit(stack.index())))
        else:
            match_id = match_id_for(self._store, self._quote_id, row.ref)  # ids change on re-match
            if match_id is not None:
                set_match_status(self._store, match_id, status)
                self._on_status_applied(self._quote_id, row.ref, match_id, status)

    def _on_status_applied(self, quote_id: int, ref: StatementRef, match_id: int, status: str) -> None:
        """After a status change (also from undo/redo): update the row if it is on show."""
        i = self.model.row_of_ref(ref) if quote_id == self._quote_id else None
        if i is not None:
            self.model.replace_row(i, replace(self.model.match_row(i), status=status,
                                              match_id=match_id))
            self._update_banner()
            self._update_buttons()
        self.sig_match_status_changed.emit(match_id, status)

    def _on_compare(self, *_):
        row = self.selected_row()
        if row is None or self._result is None:
            return
        res = self._result
        # always old (the selected match) left, new (the selected quote) right
        self.sig_compare_requested.emit(row.text, res.quote_text, _label(row),
                                        quote_label(res.quote_speaker, res.quote_date))

    def _on_open_quote(self) -> None:
        row = self.selected_row()
        if row is not None and row.is_quote:
            self.sig_open_quote.emit(row.row_id)

    def _on_verdict(self) -> None:
        row = self.selected_row()
        if row is None or self._store is None:
            return
        from quotedesk.gui.matching.verdict_dialog import VerdictDialog
        dlg = VerdictDialog(self._store, row.statement_id, parent=self)
        dlg.sig_verdict_saved.connect(self._on_verdict_saved)
        self._verdict_dialog = dlg
        dlg.open()

    def _on_verdict_saved(self, statement_id: str, _label_text: str) -> None:
        self.reload_verdicts()
        self.sig_verdict_changed.emit(statement_id)

    @Slot()
    def reload_verdicts(self) -> None:
        """Re-read the verdicts of the rows on show (cheap; call after verdicts changed elsewhere)."""
        if self._store is None or self._result is None:
            return
        verdicts = verdicts_for(self._store, self.model.rows())
        for i, r in enumerate(self.model.rows()):
            v = verdicts.get(r.statement_id)
            if v != r.verdict:
                self.model.replace_row(i, replace(r, verdict=v))
        self._result.quote_verdict = get_verdict(self._store, f"q{self._result.quote_id}")
        self._update_banner()
