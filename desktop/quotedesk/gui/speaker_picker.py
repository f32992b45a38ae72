"""A type-ahead speaker picker: filters existing speakers by name *and* alias, or takes a new name.

Keyboard: type to filter (word prefixes of names and aliases; exact and name matches first),
Up/Down to move in the list, Enter to choose the highlighted speaker (or, with nothing highlighted,
the typed text as a new speaker), Shift+Enter for a new speaker named as typed, Escape to cancel.
"""
from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QSortFilterProxyModel, Qt
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QLineEdit, QListView, QVBoxLayout

from quotedesk.core.store import Store
from quotedesk.core.store.speakers import speaker_aliases, speaker_names
from quotedesk.gui.colors import speaker_color
from quotedesk.gui.matching.plain import plain_label

SpeakerIdRole = Qt.ItemDataRole.UserRole + 1
SearchRole = Qt.ItemDataRole.UserRole + 2
NameRole = Qt.ItemDataRole.UserRole + 3
RecentRole = Qt.ItemDataRole.UserRole + 4  # 0 = used last
NO_SPEAKER = -1  # the "(no speaker)" entry


@dataclass(frozen=True)
class SpeakerChoice:
    """A picked speaker: an existing id, or a new name (both None = no speaker)."""

    speaker_id: int | None = None
    new_name: str | None = None

    def op_args(self) -> dict:
        """Keyword arguments for ``SetSpeakers``/``AddQuote``."""
        return {"speaker_ids": (self.speaker_id,) if self.speaker_id is not None else (),
                "new_names": (self.new_name,) if self.new_name else ()}


class _Filter(QSortFilterProxyModel):
    def __init__(self, parent=None):
        super().__init__(parent)
        self._needle = ""

    def set_needle(self, text: str) -> None:
        self.beginFilterChange()
        self._needle = " ".join(text.lower().split())
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(self, row, parent) -> bool:
        if not self._needle:
            return True
        # type-ahead: every typed word starts some word of the name or an alias
        hay = (self.sourceModel().index(row, 0, parent).data(SearchRole) or "").replace("-", " ").split()
        return all(any(h.startswith(word) for h in hay) for word in self._needle.replace("-", " ").split())

    def lessThan(self, left, right) -> bool:
        return self._rank(left) < self._rank(right)

    def _rank(self, index) -> tuple:
        """Exact name first, then names starting with the typed text, then alias matches; recently
        used speakers first within each group (so with nothing typed the list starts with them)."""
        if index.data(SpeakerIdRole) == NO_SPEAKER:
            return (3, 0, "")
        name = (index.data(NameRole) or "").lower()
        needle = self._needle
        recent = index.data(RecentRole)
        return (0 if needle and name == needle else 1 if name.startswith(needle) else 2,
                recent if recent is not None else 1_000_000, name)


class SpeakerPicker(QDialog):
    """Modal picker; read :attr:`choice` after ``exec()`` returns Accepted."""

    def __init__(self, store: Store, *, initial: str = "", title: str = "Choose speaker", recent=(), parent=None):
        super().__init__(parent)
        self.setWindowTitle(title)
        self.choice: SpeakerChoice | None = None
        self.edit = QLineEdit(initial)
        self.edit.setPlaceholderText("Type a name or alias; Enter picks the highlighted speaker")
        self.edit.setClearButtonEnabled(True)
        self.edit.setToolTip("Filter speakers by name or alias. A name that matches nobody makes a new speaker.")
        self.model = QStandardItemModel(self)
        all_aliases = speaker_aliases(store)
        for sid, name in speaker_names(store):
            aliases = all_aliases.get(sid, [])
            label = name + (f"   ({', '.join(aliases)})" if aliases else "")
            item = QStandardItem(label)
            item.setData(sid, SpeakerIdRole)
            item.setData(name, NameRole)
            if sid in recent:
                item.setData(list(recent).index(sid), RecentRole)
            item.setData(" ".join([name, *aliases]).lower(), SearchRole)
            item.setData(speaker_color(sid), Qt.ItemDataRole.DecorationRole)
            item.setEditable(False)
            self.model.appendRow(item)
        nobody = QStandardItem("(no speaker: unknown)")
        nobody.setData(NO_SPEAKER, SpeakerIdRole)
        nobody.setData("", NameRole)
        nobody.setData("no speaker unknown none nobody", SearchRole)
        nobody.setEditable(False)
        self.model.appendRow(nobody)
        self.proxy = _Filter(self)
        self.proxy.setSourceModel(self.model)
        self.list = QListView()
        self.list.setModel(self.proxy)
        self.list.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.hint = plain_label(QLabel())  # shows speaker names: imported text
        self.hint.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        lay = QVBoxLayout(self)
        lay.addWidget(self.edit)
        lay.addWidget(self.list)
        lay.addWidget(self.hint)
        lay.addWidget(buttons)
        self.resize(420, 360)
        self.edit.textChanged.connect(self._on_text_changed)
        self.list.doubleClicked.connect(lambda _i: self.accept())
        self.edit.installEventFilter(self)
        self._on_text_changed(initial)
        self.edit.selectAll()

    def _on_text_changed(self, text: str) -> None:
        self.proxy.set_needle(text)
        self.proxy.sort(0)
        if self.proxy.rowCount() and (text.strip() or self.proxy.index(0, 0).data(RecentRole) is not None):
            self.list.setCurrentIndex(self.proxy.index(0, 0))
        else:
            self.list.setCurrentIndex(self.proxy.index(-1, -1))
        self._update_hint()

    def _update_hint(self) -> None:
        idx = self.list.currentIndex()
        if idx.isValid() and idx.data(SpeakerIdRole) == NO_SPEAKER:
            self.hint.setText("Enter: no speaker")
        elif idx.isValid():
            typed = self.edit.text().strip()
            self.hint.setText(f"Enter: {idx.data(NameRole)}"
                              + (f" · Shift+Enter: a new speaker “{typed}”" if typed else ""))
        elif self.edit.text().strip():
            self.hint.setText(f"Enter: new speaker “{self.edit.text().strip()}”")
        else:
            self.hint.setText("Enter with no name: no speaker")

    def eventFilter(self, obj, event) -> bool:
        if obj is self.edit and event.type() == event.Type.KeyPress and event.key() in (Qt.Key.Key_Return,
                                                                                         Qt.Key.Key_Enter) \
                and event.modifiers() & Qt.KeyboardModifier.ShiftModifier and self.edit.text().strip():
            self.list.setCurrentIndex(self.proxy.index(-1, -1))  # Shift+Enter: a new speaker, as typed
            self.accept()
            return True
        if obj is self.edit and event.type() == event.Type.KeyPress and event.key() in (Qt.Key.Key_Return,
                                                                                         Qt.Key.Key_Enter):
            self.accept()
            return True
        if obj is self.edit and event.type() == event.Type.KeyPress and event.key() in (Qt.Key.Key_Down, Qt.Key.Key_Up):
            row = self.list.currentIndex().row()
            n = self.proxy.rowCount()
            if n:
                row = min(n - 1, row + 1) if event.key() == Qt.Key.Key_Down else max(0, row - 1)
                self.list.setCurrentIndex(self.proxy.index(row, 0))
                self._update_hint()
            return True
        return super().eventFilter(obj, event)

    def accept(self) -> None:
        idx = self.list.currentIndex()
        if idx.isValid() and idx.data(SpeakerIdRole) == NO_SPEAKER:
            self.choice = SpeakerChoice()
        elif idx.isValid():
            self.choice = SpeakerChoice(speaker_id=int(idx.data(SpeakerIdRole)))
        else:
            name = " ".join(self.edit.text().split())
            self.choice = SpeakerChoice(new_name=name or None)
        super().accept()


def ask_speaker(parent, store: Store, *, initial: str = "", title: str = "Choose speaker",
                recent=()) -> SpeakerChoice | None:
    """Show the picker (``recent``: speaker ids used last, listed first); None when cancelled.
    (Tests monkeypatch this function.)"""
    dlg = SpeakerPicker(store, initial=initial, title=title, recent=recent, parent=parent)
    return dlg.choice if dlg.exec() == QDialog.DialogCode.Accepted else None
