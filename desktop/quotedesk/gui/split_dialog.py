"""The "Split alias" dialog: which of a speaker's quotes belong to someone else, and who.

The analyst picks a name the quotes were made through (an alias, a name form, a mention such as
"Union"; only names some quote was made through are offered), or every quote of the speaker, ticks the quotes that move (all
ticked at first; each shows its text, article and date as plain text: it is imported) and gives
the new speaker's name, prefilled with the best name those quotes' articles give
(``speakers.split_name_for``) until the analyst types one. The dialog only asks; the panel turns
the answer into one ``SplitSpeaker`` edit on the undo stack.

It is opened with ``open()`` (window-modal, the event loop keeps running), so the caller reacts
to ``accepted`` rather than blocking in ``exec()``.
"""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (QComboBox, QDialog, QDialogButtonBox, QFormLayout, QHBoxLayout, QLabel, QLineEdit,
                               QListWidget, QListWidgetItem, QPushButton, QVBoxLayout)

from quotedesk.core.store import Store
from quotedesk.core.store.names import alias_key
from quotedesk.core.store.speakers import SpeakerQuote, speaker_quotes, split_name_for
from quotedesk.gui.matching.plain import plain_label, plain_tip

QuoteIdRole = Qt.ItemDataRole.UserRole + 1
#: the first choice of the name list: every quote of the speaker, whatever name it was made through
EVERY_NAME = "(every quote)"
_SHOWN = 160  # characters of a quote's text in its row (the tooltip has it whole)


def _one_line(text: str) -> str:
    return " ".join((text or "").split())


def _where(q: SpeakerQuote) -> str:
    return ", ".join(x for x in (_one_line(q.title) or "untitled", _one_line(q.outlet), q.date or "undated") if x)


def quote_row_text(q: SpeakerQuote) -> str:
    """The row of one quote: its text (cut), then where and when (plain text)."""
    text = _one_line(q.text)
    if len(text) > _SHOWN:
        text = text[:_SHOWN - 1] + "…"
    return f"“{text}” — {_where(q)}"


class SplitSpeakerDialog(QDialog):
    """Choose the quotes of ``speaker`` (a ``list_speakers`` row) that move to a new speaker."""

    def __init__(self, store: Store, speaker: dict, names: list[str], parent=None, *, alias: str | None = None):
        super().__init__(parent)
        self._store = store
        self._speaker = speaker
        self._typed = False   # the analyst typed a name: stop prefilling it
        self._filling = False
        self.setWindowTitle(f"Split quotes off {speaker['name']}")
        every = speaker_quotes(store, speaker["id"])
        mentions = [" ".join(q.mention.split()) for q in every if q.mention and q.mention.strip()]
        keys = {alias_key(q.mention) for q in every if q.mention}
        # the names quotes were made through: the given ones that have quotes, then the mentions
        offered: dict[str, str] = {}  # one name per alias key, the first given
        for n in (*names, *mentions):
            if alias_key(n) in keys and n != speaker["name"]:
                offered.setdefault(alias_key(n), n)
        names = list(offered.values())
        self.names = QComboBox()
        self.names.addItems([EVERY_NAME, *names])
        self.names.setToolTip("Show the quotes attributed through this name of the speaker")
        self.quotes = QListWidget()
        self.quotes.setObjectName("SplitQuotes")
        self.quotes.setToolTip("Ticked quotes move to the new speaker; the others stay")
        self.check_all = QPushButton("Tick all")
        self.check_none = QPushButton("Untick all")
        self.name = QLineEdit()
        self.name.setPlaceholderText("Who said the ticked quotes?")
        self.count = plain_label(QLabel())
        self.error = plain_label(QLabel())
        self.error.setStyleSheet("color: #c92a2a")
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText("Split off")
        form = QFormLayout()
        form.addRow("Quotes made through", self.names)
        ticks = QHBoxLayout()
        ticks.addWidget(self.count, 1)
        ticks.addWidget(self.check_all)
        ticks.addWidget(self.check_none)
        lay = QVBoxLayout(self)
        lay.addLayout(form)
        lay.addWidget(self.quotes, 1)
        lay.addLayout(ticks)
        new = QFormLayout()
        new.addRow("New speaker", self.name)
        lay.addLayout(new)
        lay.addWidget(self.error)
        lay.addWidget(self.buttons)
        self.resize(640, 420)
        self.names.currentIndexChanged.connect(self._on_name_chosen)
        self.quotes.itemChanged.connect(self._on_ticked)
        self.check_all.clicked.connect(lambda: self._tick_all(True))
        self.check_none.clicked.connect(lambda: self._tick_all(False))
        self.name.textEdited.connect(self._on_typed)
        self.name.textChanged.connect(lambda _text: self._update())
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        start = names.index(alias) + 1 if alias in names else (1 if names else 0)
        self.names.setCurrentIndex(start)
        self._on_name_chosen(start)

    def chosen_ids(self) -> tuple[int, ...]:
        """The ticked quotes, in list order."""
        return tuple(self.quotes.item(i).data(QuoteIdRole) for i in range(self.quotes.count())
                     if self.quotes.item(i).checkState() == Qt.CheckState.Checked)

    def new_name(self) -> str:
        return " ".join(self.name.text().split())

    def _on_name_chosen(self, index: int) -> None:
        alias = None if index <= 0 else self.names.itemText(index)
        self._filling = True
        self.quotes.clear()
        for q in speaker_quotes(self._store, self._speaker["id"], alias=alias):
            item = QListWidgetItem(quote_row_text(q))  # item text is never rich text
            item.setToolTip(plain_tip(f"{_one_line(q.text)}\n\n{_where(q)}\nSpeaker mention: "
                                      f"{_one_line(q.mention) or '—'}"))
            item.setData(QuoteIdRole, q.quote_id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked)
            self.quotes.addItem(item)
        self._filling = False
        self._prefill()
        self._update()

    def _tick_all(self, on: bool) -> None:
        self._filling = True
        for i in range(self.quotes.count()):
            self.quotes.item(i).setCheckState(Qt.CheckState.Checked if on else Qt.CheckState.Unchecked)
        self._filling = False
        self._prefill()
        self._update()

    def _on_ticked(self, _item) -> None:
        if not self._filling:
            self._prefill()
            self._update()

    def _on_typed(self, _text: str) -> None:
        self._typed = True

    def _prefill(self) -> None:
        if not self._typed:
            self.name.setText(split_name_for(self._store, self._speaker["id"], self.chosen_ids()))

    def _update(self) -> None:
        if self._filling:
            return
        ids = self.chosen_ids()
        n, total = len(ids), self.quotes.count()
        self.count.setText(f"{n} of {total} quote{'s' if total != 1 else ''} ticked to move")
        name = self.new_name()
        problem = ""
        if not total:
            problem = ("This speaker has no quotes." if self.names.currentIndex() <= 0 else
                       "No quote of this speaker is attributed through that name.")
        elif not n:
            problem = "Tick the quotes that belong to the new speaker."
        elif not name:
            problem = "Give the new speaker's name."
        elif name == self._speaker["name"]:
            problem = "The new speaker needs another name than this one."
        elif self._store.execute("SELECT 1 FROM speakers WHERE name = ?", (name,)).fetchone():
            problem = f"There is already a speaker called {name}: re-attribute the quotes to them instead."
        self.error.setText(problem)
        self.ok_button.setEnabled(not problem)
