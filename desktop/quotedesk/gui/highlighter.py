"""Highlighting as presentation only: nothing here modifies the document.

* :class:`QuoteHighlighter` (a ``QSyntaxHighlighter``) paints every quote span in its
  speaker's colour; spans are document positions and may run over several paragraphs.
* :func:`focus_selections` builds the ``ExtraSelections`` overlay for the selected quote:
  the quote outlined in the speaker's accent colour, the cue and the speaker mention marked.
"""
from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass

from PySide6.QtGui import QColor, QFont, QSyntaxHighlighter, QTextCharFormat, QTextCursor, QTextDocument
from PySide6.QtWidgets import QTextEdit

from quotedesk.gui.colors import is_dark, speaker_accent, speaker_color


@dataclass(frozen=True)
class PaintSpan:
    """A document range (Qt positions) painted with one format."""

    start: int
    end: int
    fmt: QTextCharFormat


def quote_format(speaker_key, *, floating: bool = False, status: str = "auto") -> QTextCharFormat:
    fmt = QTextCharFormat()
    fmt.setBackground(speaker_color(speaker_key))
    if status == "auto":
        # not reviewed yet: a dotted underline says "check me"
        fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.DotLine)
        fmt.setUnderlineColor(speaker_accent(speaker_key))
    if floating:
        fmt.setFontItalic(True)
    return fmt


class QuoteHighlighter(QSyntaxHighlighter):
    """Paints quote spans over the blocks they cover."""

    def __init__(self, document: QTextDocument):
        super().__init__(document)
        self._spans: list[PaintSpan] = []
        self._starts: list[int] = []
        self._longest = 0

    def set_spans(self, spans: list[PaintSpan]) -> None:
        self._spans = sorted(spans, key=lambda s: (s.start, s.end))
        self._starts = [s.start for s in self._spans]
        self._longest = max((s.end - s.start for s in self._spans), default=0)
        self.rehighlight()

    def highlightBlock(self, text: str) -> None:
        if not self._spans:
            return
        pos = self.currentBlock().position()
        end = pos + len(text)
        i = bisect_left(self._starts, pos - self._longest)
        while i < len(self._spans) and self._spans[i].start < end:
            span = self._spans[i]
            if span.end > pos:
                a = max(span.start, pos) - pos
                b = min(span.end, end) - pos
                if b > a:
                    self.setFormat(a, b - a, span.fmt)
            i += 1


def _selection(doc: QTextDocument, start: int, end: int, fmt: QTextCharFormat) -> QTextEdit.ExtraSelection:
    sel = QTextEdit.ExtraSelection()
    cursor = QTextCursor(doc)
    cursor.setPosition(max(0, start))
    cursor.setPosition(min(end, doc.characterCount() - 1), QTextCursor.MoveMode.KeepAnchor)
    sel.cursor = cursor
    sel.format = fmt
    return sel


def hover_selection(doc: QTextDocument, start: int, end: int, speaker_key) -> QTextEdit.ExtraSelection:
    """The overlay under the mouse: the quote underlined in its speaker's accent colour."""
    fmt = QTextCharFormat()
    fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.SingleUnderline)
    fmt.setUnderlineColor(speaker_accent(speaker_key))
    return _selection(doc, start, end, fmt)


def focus_selections(doc: QTextDocument, *, quote: tuple[int, int], speaker_key,
                     cue: tuple[int, int] | None = None,
                     mention: tuple[int, int] | None = None) -> list[QTextEdit.ExtraSelection]:
    """The overlay for the selected quote (positions are document positions)."""
    dark = is_dark()
    out = []
    qfmt = QTextCharFormat()
    accent = speaker_accent(speaker_key, dark=dark)
    qfmt.setBackground(accent)
    qfmt.setForeground(QColor("white") if not dark else QColor("black"))
    out.append(_selection(doc, *quote, qfmt))
    for span, colour in ((cue, QColor("#d9480f") if not dark else QColor("#ffa94d")),
                         (mention, accent)):
        if span is None or span[1] <= span[0]:
            continue
        fmt = QTextCharFormat()
        fmt.setFontWeight(QFont.Weight.Bold)
        fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.SingleUnderline)
        fmt.setUnderlineColor(colour)
        if span is cue:
            fmt.setForeground(colour)
        else:
            fmt.setBackground(speaker_color(speaker_key, dark=dark))
        out.append(_selection(doc, *span, fmt))
    return out
