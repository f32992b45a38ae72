"""Who publishes the ClaimReview export: the organisation's name, web address and logo, and the
pattern of each review's address, kept in Settings (``publisher/*``).

Decides when to ask: :func:`ask_publisher` returns the saved publisher when it is complete
(:meth:`Publisher.missing` is empty) and otherwise opens :class:`PublisherDialog`, pre-filled,
which says what is still missing and enables OK only once nothing is.
"""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit,
                               QVBoxLayout)

from quotedesk.core.matching.claimreview import Publisher

_FIELDS = (("name", "Organisation name", "Harbor Fact Check"),
           ("url", "Organisation web address", "https://news.example"),
           ("logo_url", "Logo address (optional)", "https://news.example/logo.png"),
           ("review_url_pattern", "Review address pattern", "https://news.example/checks/{id}"))


def publisher_from_settings(settings) -> Publisher:
    return Publisher(*(settings.get(f"publisher/{key}") for key, _, _ in _FIELDS))


def save_publisher(settings, publisher: Publisher) -> None:
    for key, _, _ in _FIELDS:
        settings.set(f"publisher/{key}", getattr(publisher, key))
    settings.sync()


class PublisherDialog(QDialog):
    """Edit the publishing organisation; OK only when the reviews can be published."""

    def __init__(self, publisher: Publisher, parent=None):
        super().__init__(parent)
        self.setWindowTitle("ClaimReview publisher")
        form = QFormLayout()
        self.edits: dict[str, QLineEdit] = {}
        for key, label, example in _FIELDS:
            edit = QLineEdit(getattr(publisher, key))
            edit.setPlaceholderText(example)
            edit.textChanged.connect(self._update)
            form.addRow(label, edit)
            self.edits[key] = edit
        intro = QLabel("Fact-check search engines show each review with its publisher and its own "
                       "web address. {id} in the pattern becomes the statement's id, {date} the "
                       "review's date.")
        intro.setWordWrap(True)
        intro.setTextFormat(Qt.TextFormat.PlainText)
        self.missing_label = QLabel()
        self.missing_label.setWordWrap(True)
        self.missing_label.setTextFormat(Qt.TextFormat.PlainText)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                        | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.missing_label)
        layout.addWidget(self.buttons)
        self._update()

    def publisher(self) -> Publisher:
        return Publisher(*(self.edits[key].text().strip() for key, _, _ in _FIELDS))

    def _update(self) -> None:
        missing = self.publisher().missing()
        self.missing_label.setText("Still missing: " + "; ".join(missing) if missing else "")
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(not missing)


def ask_publisher(parent, settings) -> Publisher | None:
    """The saved publisher if complete, else what the user enters (saved); None if cancelled."""
    publisher = publisher_from_settings(settings)
    if not publisher.missing():
        return publisher
    dialog = PublisherDialog(publisher, parent)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    publisher = dialog.publisher()
    save_publisher(settings, publisher)
    return publisher
