"""Two statements side by side with a word-level diff, for spotting misquotes.

Left: the earlier statement, words missing from the right struck through in red. Right: the
new one, words not in the left underlined on green. The diff is :func:`diff_words` from the
core; this widget only maps segments to HTML (presentation only, nothing stored).
"""
from __future__ import annotations

import re
from html import escape

from PySide6.QtCore import Qt, Slot
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QGridLayout, QLabel, QTextBrowser, QWidget

from quotedesk.core.matching.diff import DELETE, EQUAL, INSERT, diff_words


_TOKEN = re.compile(r"\S+\s*|\s+")  # the core diff's tokens


def right_side(segments: list[tuple[str, str]], right_text: str) -> list[tuple[str, str]]:
    """The right column's segments written as in ``right_text``.

    ``diff_words`` gives equal segments as written on the left (case and punctuation may
    differ on the right); take the same number of tokens from the right text instead.
    """
    tokens = _TOKEN.findall(right_text)
    pos, out = 0, []
    for op, text in segments:
        if op == DELETE:
            continue
        n = len(_TOKEN.findall(text))
        out.append((op, "".join(tokens[pos:pos + n])))
        pos += n
    if pos < len(tokens) and out:  # never lose text, whatever the tokenisation did
        out[-1] = (out[-1][0], out[-1][1] + "".join(tokens[pos:]))
    return out


def _marked(text: str, fg: str, bg: str, decoration: str) -> str:
    """A coloured span for changed words; the trailing space stays outside (unmarked)."""
    body = text.rstrip()
    tail = text[len(body):]
    html = escape(body).replace("\n", "<br>")
    return (f'<span style="color:{fg}; background-color:{bg}; text-decoration: {decoration};">'
            f'{html}</span>{escape(tail).replace(chr(10), "<br>")}')


def _is_dark(widget: QWidget) -> bool:
    return widget.palette().color(QPalette.ColorRole.Base).lightnessF() < 0.5


def diff_colors(dark: bool) -> dict[str, tuple[str, str]]:
    """(text, background) per op, readable on the palette's base colour."""
    if dark:
        return {DELETE: ("#ffb3b3", "#5c1f24"), INSERT: ("#b8f5c4", "#1d4a2a")}
    return {DELETE: ("#8b0000", "#ffd7d7"), INSERT: ("#0b5d1e", "#d2f5d9")}


def summarize(segments: list[tuple[str, str]]) -> str:
    """One line: '3 words changed (2 removed, 1 added)', or 'identical wording'."""
    removed = sum(len(t.split()) for op, t in segments if op == DELETE)
    added = sum(len(t.split()) for op, t in segments if op == INSERT)
    total = removed + added
    if total == 0:
        return "Identical wording"
    same = sum(len(t.split()) for op, t in segments if op == EQUAL)
    return (f"{total} word{'s' if total != 1 else ''} changed ({removed} removed, {added} added; "
            f"{same} the same)")


class DiffView(QWidget):
    """Side-by-side statements with deletions (left) and insertions (right) marked."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("DiffView")
        self._left_text = self._right_text = ""
        self._segments: list[tuple[str, str]] = []
        self.left_title = QLabel()
        self.right_title = QLabel()
        for t in (self.left_title, self.right_title):
            t.setObjectName("DiffTitle")
            t.setWordWrap(True)
            t.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.left = QTextBrowser()
        self.right = QTextBrowser()
        for b in (self.left, self.right):
            b.setOpenLinks(False)
            b.setReadOnly(True)
        self.summary = QLabel()
        self.summary.setObjectName("DiffSummary")
        layout = QGridLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.left_title, 0, 0)
        layout.addWidget(self.right_title, 0, 1)
        layout.addWidget(self.left, 1, 0)
        layout.addWidget(self.right, 1, 1)
        layout.addWidget(self.summary, 2, 0, 1, 2)
        layout.setRowStretch(1, 1)
        self.set_statements("", "")

    @Slot(str, str, str, str)
    def set_statements(self, left_text: str, right_text: str, left_label: str = "Earlier statement",
                       right_label: str = "Quote") -> None:
        """Show two statements; the signature matches ``MatchesPanel.sig_compare_requested``."""
        self._left_text, self._right_text = left_text, right_text
        self._segments = diff_words(left_text, right_text) if (left_text or right_text) else []
        self.left_title.setText(f"<b>{escape(left_label)}</b>")
        self.right_title.setText(f"<b>{escape(right_label)}</b>")
        self._render()

    def clear(self) -> None:
        self.set_statements("", "")

    def segments(self) -> list[tuple[str, str]]:
        return list(self._segments)

    def deleted_words(self) -> list[str]:
        return [w for op, t in self._segments if op == DELETE for w in t.split()]

    def inserted_words(self) -> list[str]:
        return [w for op, t in self._segments if op == INSERT for w in t.split()]

    def summary_text(self) -> str:
        return self.summary.text()

    def left_html(self) -> str:
        return self.left.toHtml()

    def right_html(self) -> str:
        return self.right.toHtml()

    # --- rendering -------------------------------------------------------------------------------
    def changeEvent(self, event) -> None:  # noqa: N802 - Qt override
        super().changeEvent(event)
        if event.type() == event.Type.PaletteChange:
            self._render()

    def _render(self) -> None:
        colors = diff_colors(_is_dark(self))
        left, right = [], []
        for op, text in self._segments:
            if op == INSERT:
                continue
            html = escape(text).replace("\n", "<br>")
            if op == EQUAL:
                left.append(html)
            else:
                left.append(_marked(text, *colors[DELETE], "line-through"))
        for op, text in right_side(self._segments, self._right_text):
            html = escape(text).replace("\n", "<br>")
            if op == EQUAL:
                right.append(html)
            else:
                right.append(_marked(text, *colors[INSERT], "underline"))
        style = "font-size: 11pt; line-height: 140%;"
        self.left.setHtml(f'<div style="{style}">{"".join(left)}</div>')
        self.right.setHtml(f'<div style="{style}">{"".join(right)}</div>')
        if not self._segments:
            self.summary.setText("Choose a match and Compare to see the two statements side by side."
                                 if not (self._left_text or self._right_text) else "")
        else:
            self.summary.setText(summarize(self._segments))

