"""The main window: library / review / search / speakers on the left, the open article on the right,
the undo history in a dock, import progress and review counts in the status bar.

Every edit is a core op pushed on one ``QUndoStack`` (:meth:`MainWindow.push_ops`); the op's
``Changes`` are handed to each panel, which decides what to re-read (:meth:`_on_changes`).
"""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction, QActionGroup, QKeySequence, QUndoStack
from PySide6.QtWidgets import (QApplication, QDockWidget, QFileDialog, QLabel, QMainWindow, QMessageBox, QSplitter,
                               QTabWidget, QToolBar, QUndoView)

from quotedesk.core.ingest import SUPPORTED_SUFFIXES
from quotedesk.core.store import Store
from quotedesk.core.store.edits import AddQuote, Changes, DeleteQuote, SetSpeakers, SetStatus, UpdateArticle
from quotedesk.core.store.quotes import get_quote, review_counts
from quotedesk.core.store.speakers import get_speaker
from quotedesk.gui import dialogs, reading_place, span_ops, speaker_picker
from quotedesk.gui.statements_menu import StatementsMenu
from quotedesk.gui.article_panel import ArticlePanel
from quotedesk.gui.commands import EditCommand
from quotedesk.gui.export_actions import ExportController
from quotedesk.gui.icons import icon
from quotedesk.gui.importing import ImportController
from quotedesk.gui.library_panel import LibraryPanel
from quotedesk.gui.external_changes import refresh_matches_and_timeline, watch_external_changes
from quotedesk.gui.matches_tab import embed_matches
from quotedesk.gui.matching.plain import plain_tip
from quotedesk.gui.review import ReviewPanel
from quotedesk.gui.search_panel import SearchPanel
from quotedesk.gui.settings import THEMES, Settings
from quotedesk.gui.speakers_panel import SpeakersPanel
from quotedesk.gui.theme import apply_theme
from quotedesk.gui.workers import wait_all
from quotedesk.gui.write_queue import WriteQueue, waiting_message

LIBRARY_TAB, REVIEW_TAB, SEARCH_TAB, SPEAKERS_TAB, MATCHES_TAB = range(5)


def _exact(exact: bool | None) -> bool:
    """An edit's span is taken exactly as given when asked, or while Alt is held."""
    if exact is not None:
        return exact
    return bool(QApplication.keyboardModifiers() & Qt.KeyboardModifier.AltModifier)


class MainWindow(QMainWindow):
    """Quotedesk's one window."""

    sig_changes_applied = Signal(object)
    """An edit (or its undo/redo) was applied and the views refreshed (a core ``Changes``)."""

    def __init__(self, store: Store, settings: Settings | None = None, parent=None):
        super().__init__(parent)
        self.store = store
        self.settings = settings or Settings()
        self.setWindowTitle(f"Quotedesk — {Path(store.path).name}" if store.path else "Quotedesk")
        self.setAcceptDrops(True)
        self.undo_stack = QUndoStack(self)
        self._from_review = False  # the edit being applied was made in the review queue
        self._batch: Changes | None = None  # changes collected while a macro is being pushed
        self._recent_speakers: list[int] = []  # picked last first
        self._reading = None  # where the analyst was reading before the review queue (reading_place)

        self.library = LibraryPanel(store, page_size=self.settings.get("library/page_size"))
        self.review = ReviewPanel(store)
        self.search = SearchPanel(store)
        self.speakers = SpeakersPanel(store)
        self.tabs = QTabWidget()
        self.tabs.setObjectName("SideTabs")
        self.tabs.addTab(self.library, "Library")
        self.tabs.addTab(self.review, "Review queue")
        self.tabs.addTab(self.search, "Search")
        self.tabs.addTab(self.speakers, "Speakers")
        self.article = ArticlePanel(store)
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setObjectName("main_splitter")
        self.splitter.addWidget(self.tabs)
        self.splitter.addWidget(self.article)
        self.splitter.setStretchFactor(0, 2)
        self.splitter.setStretchFactor(1, 3)
        self.splitter.setSizes([540, 700])
        self.setCentralWidget(self.splitter)

        self.undo_view = QUndoView(self.undo_stack)
        self.undo_view.setEmptyLabel("Start of session")
        self.undo_view.setToolTip("Every change you made this session; click a step to go back to it")
        self.undo_dock = QDockWidget("History", self)
        self.undo_dock.setObjectName("HistoryDock")
        self.undo_dock.setWidget(self.undo_view)
        self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.undo_dock)
        self.resizeDocks([self.undo_dock], [165], Qt.Orientation.Horizontal)

        self.importer = ImportController(Path(store.path) if store.path else Path(":memory:"), self)
        self.counts = QLabel()
        self.counts.setObjectName("ReviewCounts")
        self.counts.setToolTip("Progress of the review: quotes reviewed, corrected by you, and still to review")
        self.statusBar().addPermanentWidget(self.importer.progress)
        self.statusBar().addPermanentWidget(self.importer.cancel_button)
        self.statusBar().addPermanentWidget(self.counts)
        self.writes = WriteQueue(store, self)  # edits wait here while another program writes
        self.unsaved = QLabel()
        self.unsaved.setObjectName("UnsavedChanges")
        self.unsaved.hide()
        self.statusBar().addPermanentWidget(self.unsaved)
        self.writes.sig_pending_changed.connect(self._on_pending_writes)

        self.exports = ExportController(self)
        self._make_actions()
        self._make_menus()
        self._connect()
        self.matches = embed_matches(self)  # before the settings, so the saved tab can be it
        self.statements_menu = StatementsMenu(self)
        self.external_changes = watch_external_changes(self)  # `quotedesk import` meanwhile
        self._restore_settings()
        self.update_counts()
        self._on_current_quote_changed(None)

    # -- actions -------------------------------------------------------------------------

    def _action(self, text: str, slot, *, keys=(), tip: str = "", icon_name: str | None = None,
                context=Qt.ShortcutContext.WindowShortcut) -> QAction:
        act = QAction(text, self)
        if keys:
            act.setShortcuts([QKeySequence(k) for k in keys])
        act.setShortcutContext(context)
        shortcut = f" ({act.shortcut().toString(QKeySequence.SequenceFormat.NativeText)})" if keys else ""
        act.setToolTip((tip or text.replace("&", "").rstrip("…")) + shortcut)
        act.setStatusTip(tip)
        if icon_name:
            act.setIcon(icon(icon_name))
        act.triggered.connect(lambda _checked=False: slot())
        self.addAction(act)
        return act

    def _make_actions(self) -> None:
        local = Qt.ShortcutContext.WidgetWithChildrenShortcut
        a = self._action
        self.act_import = a("&Import files…", self.import_files_dialog, keys=[QKeySequence.StandardKey.Open],
                            tip="Import .txt, .md, .html, .docx, .pdf or .jsonl articles (or drop files on "
                                "the window)", icon_name="import")
        self.act_import_folder = a("Import &folder…", self.import_folder_dialog,
                                   tip="Import every supported file in a folder and its subfolders")
        self.act_paste = a("&Paste as article", self.paste_article, keys=["Ctrl+Shift+V"],
                           tip="Make an article of the text on the clipboard (first line = title)", icon_name="paste")
        self.act_export = a("&Export article quotes…", self.exports.export_article,
                            tip="Save the open article's quotes as CSV or JSON", icon_name="export")
        self.act_export_sel = a("Export &selected quotes…", self.exports.export_selection,
                                tip="Save the quotes selected in the article, search results or review queue as "
                                    "CSV or JSON")
        self.act_export_all = a("Export &all quotes…", self.exports.export_all, tip="Save every quote as CSV or JSON")
        self.act_export_view = a("Export search &results…", self.exports.export_search_results,
                                 tip="Save every quote found by the current search as CSV or JSON")
        self.act_report = a("Save article &report…", self.exports.save_report, keys=["Ctrl+P"],
                            tip="A printable HTML or PDF page of the article with its quotes highlighted",
                            icon_name="report")
        self.act_quit = a("&Quit", self.close, keys=["Ctrl+Q"], tip="Close Quotedesk")

        self.act_undo = self.undo_stack.createUndoAction(self, "Undo")
        self.act_undo.setShortcuts([QKeySequence("Ctrl+Z")])
        self.act_undo.setToolTip("Undo the last change (Ctrl+Z)")
        self.act_undo.setStatusTip("Undo the last change")
        self.act_undo.setIcon(icon("undo"))
        self.act_undo.setIconText("Undo")  # the toolbar keeps a short label; the menu shows "Undo <step>"
        self.act_redo = self.undo_stack.createRedoAction(self, "Redo")
        self.act_redo.setShortcuts([QKeySequence("Ctrl+Shift+Z"), QKeySequence("Ctrl+Y")])
        self.act_redo.setToolTip("Redo the change you undid (Ctrl+Shift+Z)")
        self.act_redo.setStatusTip("Redo the change you undid")
        self.act_redo.setIcon(icon("redo"))
        self.act_redo.setIconText("Redo")
        self.addAction(self.act_undo)
        self.addAction(self.act_redo)
        self.act_details = a("Article &details…", self.edit_article_details, keys=["Ctrl+E"],
                             tip="Edit the open article's title, outlet, date and URL", icon_name="details")

        self.act_confirm = a("&Confirm quote", self.confirm_quotes, keys=["Return", "Enter"], context=local,
                             tip="Mark the selected quotes as reviewed and correct", icon_name="confirm")
        self.act_speaker = a("Change &speaker…", self.change_speaker, keys=["S"], context=local,
                             tip="Pick another speaker for the selected quote (type to search names and aliases, "
                                 "or type a new name)", icon_name="speaker")
        self.act_delete = a("&Delete quote", self.delete_quotes, keys=[QKeySequence.StandardKey.Delete],
                            context=local, tip="Delete the selected quotes (they were not quotes)", icon_name="delete")
        self.act_mark = a("&Mark selection as quote…", self.mark_selection, keys=["Q"], context=local,
                          tip="Make the text selected in the article a quote, and choose its speaker",
                          icon_name="mark")
        self.act_split = a("Spli&t quote at cursor", self.split_quote, keys=["/"], context=local,
                           tip="Cut the selected quote in two where the text cursor is (at the nearer "
                               "word edge; Alt+/ cuts exactly there)")
        self.act_split_exact = a("Split quote exactly at cursor", lambda: self.split_quote(exact=True),
                                 keys=["Alt+/"], context=local,
                                 tip="Cut the selected quote exactly at the text cursor, even inside a word")
        self.act_mark_exact = a("Mark exact selection as quote…", lambda: self.mark_selection(exact=True),
                                keys=["Alt+Q"], context=local,
                                tip="Make exactly the selected characters a quote (no snapping to words)")
        self.act_merge = a("Mer&ge quotes", self.merge_quotes, keys=["M"], context=local,
                           tip="Join the selected quotes (or the selected one and the next) into one")
        self.act_extend_end = a("Extend quote end by a word", lambda: self.resize_quote("end", +1),
                                keys=["Alt+Right"], context=local, tip="Move the quote's end one word right")
        self.act_shrink_end = a("Shrink quote end by a word", lambda: self.resize_quote("end", -1),
                                keys=["Alt+Left"], context=local, tip="Move the quote's end one word left")
        self.act_extend_start = a("Extend quote start by a word", lambda: self.resize_quote("start", -1),
                                  keys=["Alt+Shift+Left"], context=local, tip="Move the quote's start one word left")
        self.act_shrink_start = a("Shrink quote start by a word", lambda: self.resize_quote("start", +1),
                                  keys=["Alt+Shift+Right"], context=local,
                                  tip="Move the quote's start one word right")
        self.act_next = a("&Next quote", lambda: self.move_quote(+1), keys=["J"], context=local,
                          tip="Go to the next quote")
        self.act_prev = a("&Previous quote", lambda: self.move_quote(-1), keys=["K"], context=local,
                          tip="Go to the previous quote")
        self.act_recent = [a(f"Recent speaker {n}", lambda n=n: self.assign_recent_speaker(n), keys=[str(n)],
                             context=local, tip=f"Give the selected quotes the speaker you chose {n}. last "
                                                "(1 = the last one) without opening the picker")
                           for n in range(1, 10)]
        self.act_by_conf = a("Sort quotes by &confidence", self.article.sort_by_confidence,
                             tip="Least confident quotes of the article first")
        self.quote_actions = [self.act_confirm, self.act_speaker, self.act_delete, self.act_mark,
                              self.act_next, self.act_prev, self.act_split, self.act_merge, self.act_extend_end,
                              self.act_shrink_end, self.act_extend_start, self.act_shrink_start,
                              *self.act_recent]
        for w in (self.article, self.review.table):
            w.addActions(self.quote_actions)
        self.article.addActions([self.act_split_exact, self.act_mark_exact])  # keyboard only
        self.review.table.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
        self.library.table.addActions([self.act_details, self.act_export, self.act_report])
        self.library.table.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
        self.article.table.addActions([self.act_confirm, self.act_speaker, self.act_delete, self.act_merge])
        self.article.table.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
        self.article.view.set_context_actions([self.act_mark, self.act_speaker, self.act_confirm, self.act_delete,
                                               self.act_split])

        self.act_tabs = []
        for i, (name, key) in enumerate((("&Library", "Ctrl+1"), ("&Review queue", "Ctrl+2"),
                                         ("&Search quotes", "Ctrl+3"), ("S&peakers", "Ctrl+4"),
                                         ("&Matches", "Ctrl+5"))):
            self.act_tabs.append(a(name, lambda i=i: self.show_tab(i), keys=[key],
                                   tip=f"Show the {name.replace('&', '').lower()} tab"))
        self.act_find = a("&Find quotes", lambda: self.show_tab(SEARCH_TAB), keys=["Ctrl+Shift+F"],
                          tip="Search all quotes")
        self.act_filter = a("Filter &library", lambda: self.show_tab(LIBRARY_TAB), keys=["Ctrl+F"],
                            tip="Search the library's titles and quotes")
        self.act_zoom_in = a("&Larger text", lambda: self.zoom_article(+1), keys=["Ctrl++", "Ctrl+="],
                             tip="Make the article text larger")
        self.act_zoom_out = a("&Smaller text", lambda: self.zoom_article(-1), keys=["Ctrl+-"],
                              tip="Make the article text smaller")
        self.act_history = self.undo_dock.toggleViewAction()
        self.act_history.setText("&History")
        self.act_history.setToolTip("Show or hide the undo history")
        self.theme_group = QActionGroup(self)
        self.act_themes = {}
        for theme in THEMES:
            act = QAction(theme.capitalize(), self, checkable=True)
            act.setToolTip(f"Use the {theme} colour theme")
            act.setChecked(theme == self.settings.theme)
            act.triggered.connect(lambda _c=False, t=theme: self.set_theme(t))
            self.theme_group.addAction(act)
            self.act_themes[theme] = act
        self.act_shortcuts = a("&Keyboard shortcuts", self.show_shortcuts, keys=["F1"],
                               tip="List every keyboard shortcut")
        self.act_about = a("&About Quotedesk", self.show_about, tip="Version and database location")

    def _make_menus(self) -> None:
        bar = self.menuBar()
        m = bar.addMenu("&File")
        for act in (self.act_import, self.act_import_folder, self.act_paste, None, self.act_export,
                    self.act_export_sel, self.act_export_view, self.act_export_all, self.act_report, None,
                    self.act_quit):
            m.addSeparator() if act is None else m.addAction(act)
        m = bar.addMenu("&Edit")
        for act in (self.act_undo, self.act_redo, None, self.act_details):
            m.addSeparator() if act is None else m.addAction(act)
        m = bar.addMenu("Q&uote")  # Alt+Q is "mark exactly", not this menu
        for act in (*self.quote_actions[:6], None, *self.quote_actions[6:12], None, self.act_by_conf):
            m.addSeparator() if act is None else m.addAction(act)
        m = bar.addMenu("&View")
        for act in (*self.act_tabs, self.act_find, self.act_filter, None, self.act_zoom_in, self.act_zoom_out,
                    None, self.act_history):
            m.addSeparator() if act is None else m.addAction(act)
        tm = m.addMenu("&Theme")
        for act in self.act_themes.values():
            tm.addAction(act)
        m = bar.addMenu("&Help")
        m.addAction(self.act_shortcuts)
        m.addAction(self.act_about)
        tb = QToolBar("Main")
        tb.setObjectName("MainToolbar")
        tb.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        for act in (self.act_import, self.act_paste, None, self.act_undo, self.act_redo, None, self.act_confirm,
                    self.act_speaker, self.act_delete, self.act_mark, None, self.act_details, self.act_report):
            tb.addSeparator() if act is None else tb.addAction(act)
        self.addToolBar(tb)
        self.toolbar = tb

    def _connect(self) -> None:
        self.library.sig_article_activated.connect(self._on_article_activated)
        self.review.sig_quote_selected.connect(self._open_from_review)
        self.tabs.currentChanged.connect(self._on_tab_changed)
        self.search.sig_quote_activated.connect(self.open_quote)
        self.speakers.sig_edit_requested.connect(self.push_ops)
        self.speakers.sig_show_quotes.connect(self._on_show_speaker_quotes)
        self.article.sig_current_quote_changed.connect(self._on_current_quote_changed)
        self.article.sig_speaker_edit_requested.connect(lambda _qid: self.change_speaker())
        self.article.view.sig_selection_changed.connect(lambda has: self.act_mark.setEnabled(
            has and self.article.article_id is not None))
        self.importer.sig_finished.connect(self._on_import_finished)

    # -- settings ------------------------------------------------------------------------

    def _restore_settings(self) -> None:
        s = self.settings
        if not s.get("window/geometry").isEmpty():
            self.restoreGeometry(s.get("window/geometry"))
        else:
            self.resize(1400, 900)
        if not s.get("window/state").isEmpty():
            self.restoreState(s.get("window/state"))
        if not s.get("window/main_splitter").isEmpty():
            self.splitter.restoreState(s.get("window/main_splitter"))
        if not s.get("window/article_splitter").isEmpty():
            self.article.splitter.restoreState(s.get("window/article_splitter"))
        self.article.view.set_zoom(s.get("view/article_zoom"))
        self.tabs.setCurrentIndex(max(0, min(self.tabs.count() - 1, s.get("session/tab"))))
        if s.get("session/article_id") > 0:
            self.open_article(s.get("session/article_id"))

    def save_settings(self) -> None:
        s = self.settings
        s.set("window/geometry", self.saveGeometry())
        s.set("window/state", self.saveState())
        s.set("window/main_splitter", self.splitter.saveState())
        s.set("window/article_splitter", self.article.splitter.saveState())
        s.set("session/tab", self.tabs.currentIndex())
        s.set("session/article_id", self.article.article_id or 0)
        s.sync()

    def closeEvent(self, event) -> None:
        self.writes.flush()
        if self.writes.pending and not self._close_with_unsaved():
            event.ignore()
            return
        if self.importer.busy:
            self.importer.cancel()
        index_op = getattr(self, "index_op", None)  # vectors resumed at start (gui.app)
        if index_op is not None:
            try:
                index_op.cancel()  # committed chunks stay; the next start resumes
            except RuntimeError:  # finished and deleted already
                pass
        wait_all(30_000)
        self.save_settings()
        super().closeEvent(event)

    # -- edits ---------------------------------------------------------------------------

    def push_ops(self, ops, label: str | None = None) -> None:
        """Apply core edits as one undo step (a macro when there are several)."""
        ops = list(ops)
        if not ops:
            return
        if self.store.readonly:
            self._on_edit_error(f"{self.store.path} is open read-only; changes cannot be saved")
            return
        try:
            self._push(ops, label)
        finally:
            if self._from_review:
                self.review.table.setFocus()
            self._from_review = False

    def _push(self, ops: list, label: str | None) -> None:
        make = lambda op: EditCommand(self.store, op, on_changes=self._on_changes,  # noqa: E731
                                      on_error=self._on_edit_error, queue=self.writes,
                                      on_text_changed=self._refresh_history)
        if len(ops) == 1:
            cmd = make(ops[0])
            if label:
                cmd.setText(label)
            self.undo_stack.push(cmd)
            return
        self._batch = Changes()  # refresh the views once for the whole step
        try:
            self.undo_stack.beginMacro(label or ops[0].label)
            for op in ops:
                self.undo_stack.push(make(op))
            self.undo_stack.endMacro()
        finally:
            batch, self._batch = self._batch, None
            self._on_changes(batch)

    def _on_edit_error(self, message: str) -> None:
        # shown literally: the message may name a speaker from an imported article
        QMessageBox.warning(self, "Change not saved", plain_tip(message))

    def _refresh_history(self) -> None:
        """A step's text changed (waiting to be saved, saved): the history and Undo/Redo show it."""
        self.undo_stack.indexChanged.emit(self.undo_stack.index())

    def _on_pending_writes(self, n: int) -> None:
        if n:
            self.unsaved.setText(f"{n} change{'s' if n != 1 else ''} waiting to be saved")
            self.unsaved.setToolTip(waiting_message(n, self.store.path))
            self.unsaved.show()
            self.statusBar().showMessage(waiting_message(n, self.store.path), 0)
        elif self.unsaved.isVisible():
            self.unsaved.hide()
            self.statusBar().showMessage("All changes saved", 5000)

    def _close_with_unsaved(self) -> bool:
        """Changes still wait for another program's lock: wait for them, or close without them."""
        n = self.writes.pending
        answer = QMessageBox.question(
            self, "Changes not saved yet", f"{waiting_message(n, self.store.path)}\n\nClose anyway? "
            f"The {n} waiting change{'s' if n != 1 else ''} will be lost; choose No to keep the window "
            "open until they are saved.", QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No)
        return answer == QMessageBox.StandardButton.Yes

    def _on_changes(self, changes: Changes, _applied=None) -> None:
        if self._batch is not None:
            self._batch = self._batch | changes
            return
        review_focus = self.review.has_focus() or self._from_review
        if len(changes.articles) == 1 and self.article.article_id not in changes.articles and not review_focus:
            # an undo/redo of a change made in another article: show it where it happens
            self.article.open_article(next(iter(changes.articles)))
        self.article.apply_changes(changes)
        if changes.articles:
            self.library.model.refresh_articles(changes.articles)
        if changes.speakers:
            self.speakers.reload()
            self.search.refresh_speakers()
            self.library.refresh_speakers()
        if changes.quotes or changes.quote_set:
            self.review.reload()
            if review_focus:
                single = next(iter(changes.quotes)) if len(changes.quotes) == 1 else None
                row = self.review.model.row_of(single) if single is not None else None
                if row is not None:
                    self.review.select_row(row)
                else:
                    self.review.restore_row()
        self.update_counts()
        self.sig_changes_applied.emit(changes)

    def _target_quote_ids(self) -> list[int]:
        self._from_review = self.review.has_focus()
        if self._from_review:
            qid = self.review.current_quote_id()
            return [qid] if qid is not None else []
        ids = self.article.selected_quote_ids()
        if not ids and self.article.current_quote_id() is not None:
            ids = [self.article.current_quote_id()]
        return ids

    def confirm_quotes(self) -> None:
        ids = self._target_quote_ids()
        if ids:
            self.push_ops([SetStatus.same(ids, "confirmed")],
                          "Confirm quote" if len(ids) == 1 else f"Confirm {len(ids)} quotes")

    def delete_quotes(self) -> None:
        ids = self._target_quote_ids()
        if ids:
            self.push_ops([DeleteQuote(qid) for qid in ids],
                          "Delete quote" if len(ids) == 1 else f"Delete {len(ids)} quotes")

    def change_speaker(self) -> None:
        ids = self._target_quote_ids()
        if not ids:
            self.statusBar().showMessage("Select a quote first", 4000)
            return
        choice = speaker_picker.ask_speaker(self, self.store, title="Speaker of the selected quote",
                                            recent=self._recent_speakers)
        if choice is None:
            if self._from_review:
                self.review.table.setFocus()
            self._from_review = False
            return
        self._remember_speaker(choice)
        label = f"Speaker → {choice.new_name or self._speaker_name(choice.speaker_id) or 'none'}"
        self.push_ops([SetSpeakers(qid, **choice.op_args()) for qid in ids], label)

    def assign_recent_speaker(self, n: int) -> None:
        """Keys 1-9: the n-th most recently chosen speaker, for the selected quotes, with no dialog."""
        if n > len(self._recent_speakers):
            self.statusBar().showMessage(f"No speaker {n} yet: choose speakers with S first", 4000)
            return
        ids = self._target_quote_ids()
        if not ids:
            self._from_review = False
            return
        sid = self._recent_speakers[n - 1]
        name = self._speaker_name(sid) or "?"
        self.push_ops([SetSpeakers(qid, (sid,)) for qid in ids], f"Speaker → {name}")

    def _remember_speaker(self, choice) -> None:
        """Keep the last speakers chosen this session at the top of the picker."""
        if choice.speaker_id is not None:
            self._recent_speakers = [choice.speaker_id] + [s for s in self._recent_speakers
                                                           if s != choice.speaker_id][:8]

    def _speaker_name(self, speaker_id: int | None) -> str | None:
        sp = get_speaker(self.store, speaker_id) if speaker_id is not None else None
        return sp["name"] if sp else None

    def mark_selection(self, *, exact: bool | None = None) -> None:
        """The selected text becomes a quote, grown to whole words unless ``exact`` (default:
        whether Alt is held, e.g. while clicking the menu entry)."""
        rng = self.article.view.selected_range()
        aid = self.article.article_id
        if rng is None or aid is None:
            self.statusBar().showMessage("Select the words of the quote in the article text first", 4000)
            return
        text = self.article.view.text
        start, end = rng if _exact(exact) else span_ops.snap_range(text, *rng)
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        if start >= end:
            return
        choice = speaker_picker.ask_speaker(self, self.store, title="Who said it?", recent=self._recent_speakers)
        if choice is None:
            return
        self._remember_speaker(choice)
        self.push_ops([AddQuote(aid, start, end, **choice.op_args())], "Mark as quote")

    def _current_row(self):
        """The quote the keyboard acts on (review queue entry or the article's current quote)."""
        if self.review.has_focus():
            qid = self.review.current_quote_id()
            self._from_review = True
            return get_quote(self.store, qid) if qid is not None else None
        self._from_review = False
        return self.article.current_quote()

    def resize_quote(self, edge: str, step: int) -> None:
        q = self._current_row()
        if q is None or self.article.article_id != q.article_id:
            return
        self.push_ops(span_ops.resize_ops(self.article.view.text, q, edge=edge, step=step), "Change quote span")

    def split_quote(self, *, exact: bool | None = None) -> None:
        """Cut the current quote at the text cursor, moved to the nearer word edge unless
        ``exact`` (default: whether Alt is held)."""
        q = self.article.current_quote()
        if q is None:
            self.statusBar().showMessage("Select a quote, then put the text cursor where it should be cut", 4000)
            return
        at = self.article.view.caret_offset()
        if not _exact(exact):
            at = span_ops.snap_offset(self.article.view.text, at)
        ops = span_ops.split_ops(self.article.view.text, q, at)
        if not ops:
            self.statusBar().showMessage("Put the text cursor inside the selected quote to split it", 4000)
            return
        self.push_ops(ops, "Split quote")

    def merge_quotes(self) -> None:
        ids = self.article.selected_quote_ids()
        quotes = [q for q in self.article.model.quotes if q.id in ids]
        if len(quotes) == 1:
            later = [q for q in self.article.model.quotes if q.start >= quotes[0].end]
            if later:
                quotes.append(min(later, key=lambda q: q.start))
        ops = span_ops.merge_ops(self.store, quotes)
        if ops:
            self.push_ops(ops, f"Merge {len(quotes)} quotes")
            self.article.select_quote(min(quotes, key=lambda q: q.start).id)

    def move_quote(self, step: int) -> None:
        if self.review.has_focus():
            self.review.move(step)
        else:
            self.article.move_selection(step)

    def edit_article_details(self) -> None:
        if self.article.article is None:
            return
        changes = dialogs.ask_article_changes(self, self.article.article)
        if changes:
            self.push_ops([UpdateArticle(self.article.article["id"], changes)], "Edit article details")

    # -- extension points ----------------------------------------------------------------

    def add_side_tab(self, widget, title: str, *, tooltip: str = "") -> int:
        """Embed another panel (e.g. statement matches) as a tab beside the library; returns its index.

        The panel can follow the selected quote through ``window.article.sig_current_quote_changed``
        and refresh after edits through :attr:`sig_changes_applied`."""
        index = self.tabs.addTab(widget, title)
        if tooltip:
            self.tabs.setTabToolTip(index, tooltip)
        return index

    # -- navigation ----------------------------------------------------------------------

    def show_tab(self, index: int) -> None:
        self.tabs.setCurrentIndex(index)
        if index == REVIEW_TAB:
            self.review.focus()
        elif index == SEARCH_TAB:
            self.search.query.setFocus()
        elif index == LIBRARY_TAB:
            self.library.search.setFocus()

    def open_article(self, article_id: int) -> None:
        if self.article.article_id != article_id:
            self.article.open_article(article_id)
        self.library.select_article(article_id)

    def open_quote(self, article_id: int, quote_id: int) -> None:
        """Show an article with one of its quotes selected (from the review queue or search)."""
        if self.article.article_id != article_id:
            self.article.open_article(article_id, quote_id=quote_id)
        else:
            self.article.select_quote(quote_id)

    def _open_from_review(self, article_id: int, quote_id: int) -> None:
        """A queue entry is shown in the article pane; the first one remembers what the analyst
        was reading, given back when they leave the queue (:meth:`_on_tab_changed`)."""
        if self._reading is None:
            self._reading = reading_place.capture(self.article)
        self.open_quote(article_id, quote_id)

    def _on_tab_changed(self, index: int) -> None:
        if index == REVIEW_TAB or self._reading is None:
            return
        place, self._reading = self._reading, None
        if reading_place.restore(self.article, place):
            self.library.select_article(place.article_id)
            self.statusBar().showMessage("Back where you were reading", 3000)

    def _on_article_activated(self, article_id: int) -> None:
        self.open_article(article_id)

    def _on_show_speaker_quotes(self, speaker_id: int) -> None:
        self.tabs.setCurrentIndex(SEARCH_TAB)
        self.search.set_speaker(speaker_id)

    def _on_current_quote_changed(self, quote_id) -> None:
        has = quote_id is not None
        for act in (self.act_confirm, self.act_speaker, self.act_delete):
            act.setEnabled(has or self.review.current_quote_id() is not None)
        has_article = self.article.article_id is not None
        for act in (self.act_details, self.act_export, self.act_report):
            act.setEnabled(has_article)
        self.act_mark.setEnabled(has_article and self.article.view.textCursor().hasSelection())

    def update_counts(self) -> None:
        """Review progress in the status bar: the whole backlog, and what was reviewed today."""
        from datetime import datetime, timezone

        c = review_counts(self.store)
        midnight = datetime.now().astimezone().replace(hour=0, minute=0, second=0, microsecond=0)
        today = review_counts(self.store, since=midnight.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%S"))
        reviewed = c["confirmed"] + c["corrected"] + c["added"]
        done_today = today["confirmed"] + today["corrected"] + today["added"]
        self.counts.setText(f"Reviewed {reviewed:,}" + (f" (+{done_today:,} today)" if done_today else "")
                            + f" · corrected {c['corrected']:,} · added {c['added']:,} · remaining {c['auto']:,}")

    # -- import --------------------------------------------------------------------------

    def import_files_dialog(self) -> None:
        pattern = " ".join(f"*{s}" for s in SUPPORTED_SUFFIXES)
        files, _ = QFileDialog.getOpenFileNames(self, "Import articles", self.settings.get("import/last_dir"),
                                                f"Articles ({pattern});;All files (*)")
        if files:
            self.settings.set("import/last_dir", str(Path(files[0]).parent))
            self.import_paths(files)

    def import_folder_dialog(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, "Import a folder of articles",
                                                  self.settings.get("import/last_dir"))
        if folder:
            self.settings.set("import/last_dir", folder)
            self.import_paths([folder])

    def import_paths(self, paths):
        """Start a background import (returns the ``BackgroundOp``, or None)."""
        return self.importer.import_paths([str(p) for p in paths])

    def paste_article(self):
        return self.importer.import_text(QApplication.clipboard().text())

    def _on_import_finished(self, report) -> None:
        self.library.reload()
        if self.article.article_id is not None:
            self.library.select_article(self.article.article_id)
        self.review.reload()
        self.speakers.reload()
        self.search.refresh_speakers()
        self.update_counts()
        # read once now rather than every second while the import ran (refresh_window)
        refresh_matches_and_timeline(self)
        if report is None:
            return
        self.statusBar().showMessage(f"Import: {report.summary()}", 8000)
        if len(report.added) == 1:
            self.tabs.setCurrentIndex(LIBRARY_TAB)
            self.open_article(report.added[0][1])

    def dragEnterEvent(self, event) -> None:
        if event.mimeData().hasUrls() and any(u.isLocalFile() for u in event.mimeData().urls()):
            event.acceptProposedAction()

    def dropEvent(self, event) -> None:
        paths = [u.toLocalFile() for u in event.mimeData().urls() if u.isLocalFile()]
        if paths:
            event.acceptProposedAction()
            self.import_paths(paths)

    # -- misc ----------------------------------------------------------------------------

    def zoom_article(self, step: int) -> None:
        """Change the article text size by ``step`` points (remembered between sessions)."""
        zoom = max(-6, min(16, self.settings.get("view/article_zoom") + step))
        self.article.view.set_zoom(zoom)
        self.settings.set("view/article_zoom", zoom)

    def set_theme(self, theme: str) -> None:
        self.settings.theme = theme
        app = QApplication.instance()
        if app is not None:
            apply_theme(app, theme)
        self.article.apply_changes(Changes(speakers=True))

    def show_shortcuts(self) -> None:
        dialogs.ShortcutsDialog(self.actions(), self).show()

    def show_about(self) -> None:
        from quotedesk import __version__

        QMessageBox.about(self, "About Quotedesk",
                          f"<b>Quotedesk {__version__}</b><br>Find, attribute and review quotations in news."
                          f"<br><br>Database: {self.store.path}<br>Settings: {self.settings.path}")
