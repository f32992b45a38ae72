"""The speakers panel: every speaker with aliases, quote count and first/last date; rename, set the
role/description, merge two into one, split an alias off.

The panel only proposes edits (:attr:`SpeakersPanel.sig_edit_requested`); the main window pushes
them on the undo stack, so a merge (all of a speaker's quotes and aliases) is one undo step.
"""
from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, QSortFilterProxyModel, Qt, Signal
from PySide6.QtWidgets import (QAbstractItemView, QHBoxLayout, QHeaderView, QInputDialog, QLineEdit, QMessageBox,
                               QPushButton, QTableView, QVBoxLayout, QWidget)

from quotedesk.core.store import Store, open_store
from quotedesk.core.store.edits import MergeSpeakers, RenameSpeaker, SetSpeakerInfo, SplitAlias
from quotedesk.core.store.speakers import list_speakers
from quotedesk.gui import dialogs, speaker_picker
from quotedesk.gui.colors import speaker_color
from quotedesk.gui.workers import run_in_background
from quotedesk.gui.matching.plain import plain_tip

SpeakerIdRole = Qt.ItemDataRole.UserRole + 1
SortRole = Qt.ItemDataRole.UserRole + 2
_HEADERS = ("Speaker", "Kind", "Quotes", "First", "Last", "Aliases")


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
            values = (sp["name"], sp["kind"], sp["n_quotes"], sp["first_date"] or "", sp["last_date"] or "",
                      ", ".join(sp["aliases"]))
            value = values[col]
            return value if role == SortRole or col != 2 else str(value)
        if role == Qt.ItemDataRole.DecorationRole and col == 0:
            return speaker_color(sp["id"])
        if role == Qt.ItemDataRole.ToolTipRole:
            lines = [f"{sp['name']} ({sp['kind']})"]
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
        self.table.horizontalHeader().setSectionResizeMode(5, QHeaderView.ResizeMode.Stretch)
        for col, width in enumerate((160, 85, 55, 84, 84)):
            self.table.horizontalHeader().resizeSection(col, width)
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
        self.split_button.setToolTip("Make one of the selected speaker's aliases a speaker of its own, with the "
                                     "quotes attributed through it (future imports follow)")
        self.quotes_button = QPushButton("Show quotes")
        self.quotes_button.setToolTip("List this speaker's quotes in the Search tab")
        buttons = QHBoxLayout()
        for b in (self.rename_button, self.details_button, self.merge_button, self.split_button, self.quotes_button):
            buttons.addWidget(b)
        buttons.addStretch(1)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(4, 4, 4, 4)
        lay.addWidget(self.filter)
        lay.addWidget(self.table, 1)
        lay.addLayout(buttons)
        self.filter.textChanged.connect(self.proxy.setFilterFixedString)
        self.rename_button.clicked.connect(self._on_rename)
        self.merge_button.clicked.connect(self._on_merge)
        self.quotes_button.clicked.connect(self._on_show_quotes)
        self.details_button.clicked.connect(self._on_details)
        self.split_button.clicked.connect(self._on_split_alias)
        self.table.doubleClicked.connect(lambda _i: self._on_show_quotes())
        self._dirty = True
        self._loading = None

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
                return list_speakers(store)
            finally:
                store.close()

        self._loading = run_in_background(work, self._on_loaded, self._on_load_failed)

    def _on_loaded(self, rows: list[dict]) -> None:
        self.filter.setPlaceholderText("Filter speakers by name or alias…")
        self.model.set_speakers(rows)
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
                self.table.selectRow(row)
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
        sp = self._one_selected("Split alias")
        if sp is None:
            return
        aliases = [a for a in sp["aliases"] if a != sp["name"]]
        if not aliases:
            QMessageBox.information(self, "Split alias", f"{sp['name']} has no other names to split off.")
            return
        alias, ok = QInputDialog.getItem(self, "Split alias", f"Make a speaker of its own from this name of "
                                         f"{sp['name']}:", aliases, 0, False)
        if ok and alias:
            self.sig_edit_requested.emit([SplitAlias(sp["id"], alias)], f"Split {alias} off {sp['name']}")

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
