"""The speakers panel: every speaker with its name forms, quote and article counts and first/last
date; rename, set the role/description, merge two into one, split quotes off; and the merge
suggestions identity could not decide alone, with both sides' evidence, to accept or dismiss.

The panel only proposes edits (:attr:`SpeakersPanel.sig_edit_requested`); the main window pushes
them on the undo stack, so a merge (all of a speaker's quotes and aliases) is one undo step.
"""
from __future__ import annotations

from PySide6.QtCore import (QAbstractTableModel, QItemSelectionModel, QModelIndex, QPersistentModelIndex,
                            QSortFilterProxyModel, Qt, Signal)
from PySide6.QtWidgets import (QAbstractItemView, QHBoxLayout, QHeaderView, QInputDialog, QLabel, QLineEdit,
                               QListWidget, QListWidgetItem, QMessageBox, QPlainTextEdit, QPushButton, QSplitter,
                               QTableView, QVBoxLayout, QWidget)

from quotedesk.core.store import Store, open_store
from quotedesk.core.store.edits import MergeSpeakers, RenameSpeaker, SetSpeakerInfo, SplitSpeaker
from quotedesk.core.store.speakers import list_speakers
from quotedesk.core.store.suggestions import AcceptSuggestion, DismissSuggestion, SpeakerEvidence, list_suggestions
from quotedesk.gui import dialogs, speaker_picker
from quotedesk.gui.colors import speaker_color
from quotedesk.gui.workers import run_in_background
from quotedesk.gui.matching.plain import plain_tip
from quotedesk.gui.split_dialog import SplitSpeakerDialog

SpeakerIdRole = Qt.ItemDataRole.UserRole + 1
SortRole = Qt.ItemDataRole.UserRole + 2
_HEADERS = ("Speaker", "Kind", "Quotes", "First", "Last", "Name forms", "Articles", "Merge?")


class SpeakerTableModel(QAbstractTableModel):
    """Rows of ``list_speakers``."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self._rows: list[dict] = []

    def set_speakers(self, rows: list[dict]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def rowCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(_HEADERS)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole \
                and 0 <= section < len(_HEADERS):
            return _HEADERS[section]
        return None

    def data(self, index: QModelIndex | QPersistentModelIndex, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        sp = self._rows[index.row()]
        col = index.column()
        if role in (Qt.ItemDataRole.DisplayRole, SortRole):
            forms = sp.get("forms") or sp["aliases"]
            pending = sp.get("suggestions", 0)
            values = (sp["name"], sp["kind"], sp["n_quotes"], sp["first_date"] or "", sp["last_date"] or "",
                      ", ".join(forms), sp.get("n_articles", 0),
                      pending if role == SortRole else (f"{pending} suggested" if pending else ""))
            value = values[col]
            return value if role == SortRole or col not in (2, 6) else str(value)
        if role == Qt.ItemDataRole.DecorationRole and col == 0:
            return speaker_color(sp["id"])
        if role == Qt.ItemDataRole.ToolTipRole:
            lines = [f"{sp['name']} ({sp['kind']})"]
            if sp.get("forms"):
                lines.append("Named in articles as: " + ", ".join(sp["forms"]))
            if sp["aliases"]:
                lines.append("Also called: " + ", ".join(sp["aliases"]))
            if sp.get("description"):
                lines.append(sp["description"])
            return plain_tip("\n".join(lines))
        if role == SpeakerIdRole:
            return sp["id"]
        return None

    def speaker(self, row: int) -> dict | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None


class SpeakersPanel(QWidget):
    """Speaker list with search, rename and merge."""

    sig_edit_requested = Signal(object, str)
    """An edit for the undo stack: (ops, label); ``ops`` is a list of core edits applied as one step."""
    sig_loaded = Signal()
    """The speaker list was (re)loaded."""
    sig_show_quotes = Signal(int)
    """Show this speaker's quotes (speaker id) in the search panel."""

    def __init__(self, store: Store, parent=None):
        super().__init__(parent)
        self._store = store
        self.model = SpeakerTableModel(self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setSortRole(SortRole)
        self.proxy.setFilterKeyColumn(-1)
        self.proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.filter = QLineEdit()
        self.filter.setPlaceholderText("Filter speakers by name or alias…")
        self.filter.setClearButtonEnabled(True)
        self.filter.setToolTip("Show only speakers whose name or aliases contain this text")
        self.table = QTableView()
        self.table.setObjectName("SpeakersTable")
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(2, Qt.SortOrder.DescendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        # name forms (the longest) shown last, stretched; the counts and the question flag before them
        header.moveSection(header.visualIndex(6), 5)
        header.moveSection(header.visualIndex(7), 6)
        header.setStretchLastSection(True)
        for col, width in ((0, 140), (1, 85), (2, 52), (3, 80), (4, 80), (6, 56), (7, 82), (5, 240)):
            header.resizeSection(col, width)
        self.table.setColumnHidden(1, True)  # kind: in the tooltip, and rarely needed here
        self.table.setToolTip("Every speaker; double-click to see their quotes")
        self.rename_button = QPushButton("Rename…")
        self.rename_button.setToolTip("Give the selected speaker a new name (the old one stays an alias)")
        self.merge_button = QPushButton("Merge into…")
        self.merge_button.setToolTip("Move the selected speakers' quotes and aliases to another speaker "
                                     "(one undo step)")
        self.details_button = QPushButton("Details…")
        self.details_button.setToolTip("Set the selected speaker's kind and role/description")
        self.split_button = QPushButton("Split alias…")
        self.split_button.setToolTip("Move the quotes you tick (all of them, or those made through one of the "
                                     "selected speaker's names) to a new speaker, whose name you give")
        self.quotes_button = QPushButton("Show quotes")
        self.quotes_button.setToolTip("List this speaker's quotes in the Search tab")
        buttons = QHBoxLayout()
        for b in (self.rename_button, self.details_button, self.merge_button, self.split_button, self.quotes_button):
            buttons.addWidget(b)
        buttons.addStretch(1)
        self.suggestions = SuggestionsBox(self)
        top = QWidget()
        top_lay = QVBoxLayout(top)
        top_lay.setContentsMargins(0, 0, 0, 0)
        top_lay.addWidget(self.filter)
        top_lay.addWidget(self.table, 1)
        top_lay.addLayout(buttons)
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(top)
        split.addWidget(self.suggestions)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 1)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(4, 4, 4, 4)
        lay.addWidget(split)
        self.suggestions.sig_answer.connect(self.sig_edit_requested)
        self.filter.textChanged.connect(self.proxy.setFilterFixedString)
        self.rename_button.clicked.connect(self._on_rename)
        self.merge_button.clicked.connect(self._on_merge)
        self.quotes_button.clicked.connect(self._on_show_quotes)
        self.details_button.clicked.connect(self._on_details)
        self.split_button.clicked.connect(self._on_split_alias)
        self.table.doubleClicked.connect(lambda _i: self._on_show_quotes())
        self._dirty = True
        self._loading = None
        self.split_dialog: SplitSpeakerDialog | None = None

    # Loading is lazy (only while the panel is visible) and, for a database file, runs in the
    # background: ``list_speakers`` aggregates every quote, which takes seconds at a million quotes.

    def reload(self) -> None:
        """Mark the list stale; re-read it now if the panel is visible."""
        self._dirty = True
        if self.isVisible():
            self._load()

    def showEvent(self, event) -> None:
        super().showEvent(event)
        if self._dirty:
            self._load()

    @property
    def is_loading(self) -> bool:
        return self._loading is not None and not self._loading.finished

    def load_now(self) -> None:
        """Re-read synchronously (tests, screenshots)."""
        self._dirty = False
        self.model.set_speakers(list_speakers(self._store))
        self.suggestions.set_rows(list_suggestions(self._store))

    def _load(self) -> None:
        self._dirty = False
        path = self._store.path
        if path is None:
            self.load_now()
            return
        if self._loading is not None and not self._loading.finished:
            self._dirty = True  # load again when this one ends
            return
        self.filter.setPlaceholderText("Loading speakers…")

        def work(_task):
            store = open_store(path, readonly=True)
            try:
                return list_speakers(store), list_suggestions(store)
            finally:
                store.close()

        self._loading = run_in_background(work, self._on_loaded, self._on_load_failed)

    def _on_loaded(self, result) -> None:
        rows, suggestions = result
        self.filter.setPlaceholderText("Filter speakers by name or alias…")
        keep = [s["id"] for s in self.selected()]  # a reload (e.g. another program wrote) keeps
        scroll = self.table.verticalScrollBar().value()  # the selection and the place
        self.model.set_speakers(rows)
        for sid in keep[:1]:
            self.select_speaker(sid)
        self.table.verticalScrollBar().setValue(scroll)
        self.suggestions.set_rows(suggestions)
        self.sig_loaded.emit()
        if self._dirty and self.isVisible():
            self._load()

    def _on_load_failed(self, exc: BaseException) -> None:
        self.filter.setPlaceholderText(f"Could not load the speakers: {exc}")
        self.sig_loaded.emit()

    def selected(self) -> list[dict]:
        rows = sorted({self.proxy.mapToSource(i).row() for i in self.table.selectionModel().selectedRows()})
        return [self.model.speaker(r) for r in rows]

    def select_speaker(self, speaker_id: int) -> None:
        for row in range(self.proxy.rowCount()):
            idx = self.proxy.index(row, 0)
            if idx.data(SpeakerIdRole) == speaker_id:
                # selects it alone (selectRow would toggle a row already selected off)
                self.table.selectionModel().setCurrentIndex(
                    idx, QItemSelectionModel.SelectionFlag.ClearAndSelect
                    | QItemSelectionModel.SelectionFlag.Rows)
                return

    def _on_rename(self) -> None:
        chosen = self.selected()
        if len(chosen) != 1:
            QMessageBox.information(self, "Rename speaker", "Select one speaker to rename.")
            return
        sp = chosen[0]
        name, ok = QInputDialog.getText(self, "Rename speaker", f"New name for {sp['name']}:", text=sp["name"])
        if ok and name.strip() and name.strip() != sp["name"]:
            self.sig_edit_requested.emit([RenameSpeaker(sp["id"], name.strip())], f"Rename {sp['name']}")

    def _one_selected(self, title: str) -> dict | None:
        chosen = self.selected()
        if len(chosen) != 1:
            QMessageBox.information(self, title, "Select one speaker first.")
            return None
        return chosen[0]

    def _on_details(self) -> None:
        sp = self._one_selected("Speaker details")
        if sp is None:
            return
        values = dialogs.ask_speaker_details(self, sp)
        if values and (values["kind"] != sp["kind"] or values["description"] != (sp.get("description") or "")):
            self.sig_edit_requested.emit([SetSpeakerInfo(sp["id"], **values)], f"Details of {sp['name']}")

    def _on_split_alias(self) -> None:
        """Open the split dialog (window-modal, not blocking): the analyst ticks exactly the
        quotes that move and names their speaker; its answer becomes one undoable edit."""
        sp = self._one_selected("Split alias")
        if sp is None:
            return
        names = list(dict.fromkeys(n for n in (*sp["aliases"], *sp.get("forms", ())) if n != sp["name"]))
        dialog = SplitSpeakerDialog(self._store, sp, names, self)
        dialog.accepted.connect(lambda: self._on_split_chosen(sp, dialog))
        dialog.finished.connect(dialog.deleteLater)
        self.split_dialog = dialog
        dialog.open()

    def _on_split_chosen(self, sp: dict, dialog: SplitSpeakerDialog) -> None:
        quote_ids, name = dialog.chosen_ids(), dialog.new_name()
        if quote_ids and name:
            self.sig_edit_requested.emit([SplitSpeaker(sp["id"], quote_ids, name)], f"Split {name} off {sp['name']}")

    def _on_merge(self) -> None:
        chosen = self.selected()
        if not chosen:
            QMessageBox.information(self, "Merge speakers", "Select the speakers to merge into another one.")
            return
        names = ", ".join(sp["name"] for sp in chosen)
        choice = speaker_picker.ask_speaker(self, self._store, title=f"Merge {names} into…")
        if choice is None or choice.speaker_id is None:
            return
        ops = [MergeSpeakers(choice.speaker_id, sp["id"]) for sp in chosen if sp["id"] != choice.speaker_id]
        if ops:
            self.sig_edit_requested.emit(ops, f"Merge {names}")

    def _on_show_quotes(self) -> None:
        chosen = self.selected()
        if chosen:
            self.sig_show_quotes.emit(chosen[0]["id"])


def _evidence_text(e: SpeakerEvidence) -> str:
    lines = [f"{e.name} ({e.kind}), {e.n_quotes} quote{'s' if e.n_quotes != 1 else ''}"]
    if e.forms:
        lines.append("Named as: " + ", ".join(e.forms))
    if e.roles:
        lines.append("Role: " + "; ".join(e.roles))
    if e.orgs:
        lines.append("Organisation: " + "; ".join(e.orgs))
    lines += ["", "Articles:"] + [f"  {a}" for a in e.articles]
    return "\n".join(lines)


class SuggestionsBox(QWidget):
    """Open merge suggestions: each pair's evidence side by side (plain text: it is imported),
    "Same person" merges them, "Two people" keeps them apart; both are undoable edits and the
    answer is remembered, so the question is not asked again."""

    sig_answer = Signal(object, str)

    def __init__(self, parent=None):
        super().__init__(parent)
        self._rows = []
        self.heading = QLabel()
        self.list = QListWidget()
        self.list.setObjectName("MergeSuggestions")
        self.left = QPlainTextEdit(readOnly=True)
        self.right = QPlainTextEdit(readOnly=True)
        self.accept_button = QPushButton("Same person: merge")
        self.accept_button.setToolTip("Merge the two speakers into one (undo with Ctrl+Z)")
        self.dismiss_button = QPushButton("Two people: keep apart")
        self.dismiss_button.setToolTip("Keep both speakers; this question is not asked again")
        sides = QHBoxLayout()
        sides.addWidget(self.left)
        sides.addWidget(self.right)
        buttons = QHBoxLayout()
        buttons.addWidget(self.accept_button)
        buttons.addWidget(self.dismiss_button)
        buttons.addStretch(1)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addWidget(self.heading)
        lay.addWidget(self.list, 1)
        lay.addLayout(sides, 2)
        lay.addLayout(buttons)
        self.list.currentRowChanged.connect(self._show)
        self.accept_button.clicked.connect(lambda: self._answer(True))
        self.dismiss_button.clicked.connect(lambda: self._answer(False))
        self.set_rows([])

    def set_rows(self, rows) -> None:
        keep = self.current().id if self.current() else None
        self._rows = list(rows)
        self.list.clear()
        for row in self._rows:
            item = QListWidgetItem(f"{row.speaker.name} — {row.other.name}?  {row.reason}")
            self.list.addItem(item)
        n = len(self._rows)
        self.heading.setText(f"{n} suggested merge{'s' if n != 1 else ''}: the same person?" if n else
                             "No suggested merges.")
        index = next((i for i, r in enumerate(self._rows) if r.id == keep), 0 if n else -1)
        self.list.setCurrentRow(index)
        self._show(index)

    def current(self):
        row = self.list.currentRow() if hasattr(self, "list") else -1
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def _show(self, row: int) -> None:
        s = self._rows[row] if 0 <= row < len(self._rows) else None
        self.left.setPlainText(_evidence_text(s.speaker) if s else "")
        self.right.setPlainText(_evidence_text(s.other) if s else "")
        self.accept_button.setEnabled(s is not None)
        self.dismiss_button.setEnabled(s is not None)

    def _answer(self, same: bool) -> None:
        s = self.current()
        if s is None:
            return
        if same:
            self.sig_answer.emit([AcceptSuggestion(s.id)], f"Merge {s.speaker.name} and {s.other.name}")
        else:
            self.sig_answer.emit([DismissSuggestion(s.id)], f"Keep {s.speaker.name} and {s.other.name} apart")
