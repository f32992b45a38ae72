"""Small dialogs: article details (title, outlet, date), speaker details, keyboard shortcuts help."""
from __future__ import annotations

import html
import re

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (QComboBox, QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit,
                               QTextBrowser, QVBoxLayout)

_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


class ArticleDetailsDialog(QDialog):
    """Edit title, outlet, date and URL of an article; :meth:`changes` gives what differs."""

    def __init__(self, article: dict, parent=None):
        super().__init__(parent)
        self.setWindowTitle("Article details")
        self._article = article
        self.fields = {}
        form = QFormLayout()
        for key, label, tip in (("title", "Title", "The headline"),
                                ("outlet", "Outlet", "Newspaper, agency or site"),
                                ("date", "Date", "Publication date, YYYY-MM-DD"),
                                ("url", "URL", "Where the article was published")):
            edit = QLineEdit(article.get(key) or "")
            edit.setToolTip(tip)
            self.fields[key] = edit
            form.addRow(label, edit)
        self.fields["date"].setPlaceholderText("YYYY-MM-DD")
        self.error = QLabel()
        self.error.setStyleSheet("color: #c92a2a")
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        lay = QVBoxLayout(self)
        lay.addLayout(form)
        lay.addWidget(self.error)
        lay.addWidget(self.buttons)
        self.resize(520, 200)

    def changes(self) -> dict[str, str | None]:
        out = {}
        for key, edit in self.fields.items():
            value = edit.text().strip()
            new = value or (None if key in ("date", "url") else "")
            old = self._article.get(key) or (None if key in ("date", "url") else "")
            if new != old:
                out[key] = new
        return out

    def accept(self) -> None:
        date = self.fields["date"].text().strip()
        if date and not _DATE.match(date):
            self.error.setText("The date must look like 2017-01-28 (year-month-day).")
            return
        super().accept()


def ask_article_changes(parent, article: dict) -> dict | None:
    """Show the dialog; the changed fields, or None if cancelled. (Tests monkeypatch this.)"""
    dlg = ArticleDetailsDialog(article, parent)
    return dlg.changes() if dlg.exec() == QDialog.DialogCode.Accepted else None


class SpeakerDetailsDialog(QDialog):
    """Edit a speaker's kind and role/description."""

    KINDS = ("person", "organisation", "group", "unknown")

    def __init__(self, speaker: dict, parent=None):
        super().__init__(parent)
        self.setWindowTitle(f"Speaker: {speaker['name']}")
        self.kind = QComboBox()
        self.kind.addItems(self.KINDS)
        self.kind.setCurrentText(speaker.get("kind") or "unknown")
        self.kind.setToolTip("What kind of speaker this is")
        self.description = QLineEdit(speaker.get("description") or "")
        self.description.setPlaceholderText("Role, e.g. mayor of Port Halden")
        self.description.setToolTip("A role or description shown with the speaker")
        form = QFormLayout()
        form.addRow("Kind", self.kind)
        form.addRow("Role", self.description)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        lay = QVBoxLayout(self)
        lay.addLayout(form)
        lay.addWidget(buttons)
        self.resize(420, 140)


def ask_speaker_details(parent, speaker: dict) -> dict | None:
    """Show the dialog; ``{"kind", "description"}`` or None if cancelled. (Tests monkeypatch this.)"""
    dlg = SpeakerDetailsDialog(speaker, parent)
    if dlg.exec() != QDialog.DialogCode.Accepted:
        return None
    return {"kind": dlg.kind.currentText(), "description": dlg.description.text().strip()}


class ShortcutsDialog(QDialog):
    """Every action with a shortcut, listed from the window's actions (never out of date)."""

    def __init__(self, actions: list[QAction], parent=None):
        super().__init__(parent)
        self.setWindowTitle("Keyboard shortcuts")
        rows = []
        seen = set()
        for act in actions:
            keys = ", ".join(s.toString(s.SequenceFormat.NativeText) for s in act.shortcuts())
            name = act.text().replace("&", "")
            if not keys or (name, keys) in seen:
                continue
            seen.add((name, keys))
            rows.append(f"<tr><td style='padding:2px 16px 2px 0'><b>{html.escape(keys)}</b></td>"
                        f"<td>{html.escape(name)}</td><td style='color:gray'>{html.escape(act.statusTip())}</td></tr>")
        view = QTextBrowser()
        view.setHtml("<table>" + "".join(rows) + "</table>")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        lay = QVBoxLayout(self)
        lay.addWidget(view)
        lay.addWidget(buttons)
        self.resize(640, 480)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
