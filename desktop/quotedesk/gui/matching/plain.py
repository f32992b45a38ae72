"""Imported text shown as plain text, never as Qt rich text (issue 13, item 10).

Qt guesses: a label, tooltip or item text that *looks* like HTML (``Qt::mightBeRichText``) is
rendered as HTML, so an article could show a fake headline or load a local image. Labels showing
imported text get :func:`plain_label`; tooltips (which have no format switch) get
:func:`plain_tip`, which escapes the text inside an explicit rich-text wrapper (so it wraps).
"""
from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel


def plain_tip(text: str | None) -> str:
    """A tooltip showing ``text`` literally (escaped; line breaks kept; long lines wrap)."""
    if not text:
        return ""
    return "<qt>" + escape(text).replace("\n", "<br>") + "</qt>"


def plain_label(label: QLabel, text: str = "") -> QLabel:
    """Make ``label`` plain text (never rich) and show ``text``."""
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setText(text)
    return label
