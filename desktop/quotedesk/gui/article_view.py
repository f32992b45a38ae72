"""The article text, read-only, with its quotes highlighted (see ``highlighter``).

The view keeps its own span index (sorted starts, bisect) to answer "which quote is at this
click", since highlight formats are not part of the document. All offsets in and out of this
class are the core's code-point offsets; the :class:`OffsetMap` converts for Qt.
"""
from __future__ import annotations

from bisect import bisect_right

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QFont, QTextCursor
from PySide6.QtWidgets import QPlainTextEdit, QToolTip

from quotedesk.core.store.quotes import QuoteRow
from quotedesk.gui.highlighter import (PaintSpan, QuoteHighlighter, focus_selections, hover_selection,
                                      quote_format)
from quotedesk.gui.offsets import OffsetMap
from quotedesk.gui.quote_model import STATUS_TEXT


#: Longest article text shown in the window (characters; about 0.7 s of layout).
MAX_DISPLAY_CHARS = 2_000_000


def too_large_message(length: int) -> str:
    """What the view shows instead of an article over :data:`MAX_DISPLAY_CHARS`."""
    return (f"This article is {length:,} characters long: too long to show here (the window shows "
            f"articles up to {MAX_DISPLAY_CHARS:,} characters, so that it never freezes).\n\n"
            "Its quotes are in the list and can be reviewed there; to read the text, open the "
            "original file, or split it into smaller articles and import those.")


def _speaker_key(quote: QuoteRow):
    return quote.speaker_ids[0] if quote.speaker_ids else None


def quote_tooltip(q: QuoteRow) -> str:
    """What hovering a quote tells: speaker, kind, confidence, review state."""
    who = q.speaker_label or "unknown speaker"
    via = f" (“{q.resolved_from}”)" if q.resolved_from else ""
    return f"{who}{via} · {q.kind} · confidence {q.confidence:.2f} · {STATUS_TEXT.get(q.status, q.status)}"


class ArticleView(QPlainTextEdit):
    """Read-only article text; emits :attr:`sig_quote_clicked` when a quote is clicked."""

    sig_quote_clicked = Signal(int)
    """The user clicked inside the quote with this id (no text was selected)."""
    sig_selection_changed = Signal(bool)
    """Whether a stretch of text is now selected (enables "mark as quote")."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setReadOnly(True)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse
                                     | Qt.TextInteractionFlag.TextSelectableByKeyboard)
        self.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        self._base_size = max(QFont(self.font()).pointSizeF(), 10.5) * 1.1
        self.set_zoom(0)
        self.document().setDocumentMargin(14)
        self.setToolTip("The article text. Click a highlighted quote to select it; select text and "
                        "press Q to mark it as a quote.")
        self._highlighter = QuoteHighlighter(self.document())
        self._map = OffsetMap("")
        self._text = ""
        self._quotes: dict[int, QuoteRow] = {}
        self._index: list[tuple[int, int, int]] = []  # (qt start, qt end, quote id) by start
        self._starts: list[int] = []
        self._longest = 0
        self._focus_id: int | None = None
        self._hover_id: int | None = None
        self._focus_index = 0  # where the selected quote's selection sits in the overlay
        self.viewport().setMouseTracking(True)
        self._overlay = []  # keep the ExtraSelections (and their cursors) alive
        self.selectionChanged.connect(lambda: self.sig_selection_changed.emit(self.textCursor().hasSelection()))

    def set_zoom(self, steps: int) -> None:
        """Text size: the base size plus ``steps`` points."""
        font = QFont(self.font())
        font.setPointSizeF(max(6.0, self._base_size + steps))
        self.setFont(font)

    # -- content -------------------------------------------------------------------------

    @property
    def too_large(self) -> bool:
        """The article is over :data:`MAX_DISPLAY_CHARS`: its text is not shown (nor its quotes)."""
        return len(self._text) > MAX_DISPLAY_CHARS

    def set_article(self, text: str, quotes: list[QuoteRow]) -> None:
        if text != self._text:
            self._text = text
            if self.too_large:
                self._map = OffsetMap("")
                self.setPlainText(too_large_message(len(text)))
            else:
                self._map = OffsetMap(text)
                self.setPlainText(text)
        self.set_quotes(quotes)

    def clear_article(self) -> None:
        self._text = ""
        self.setPlainText("")
        self.set_quotes([])

    def set_quotes(self, quotes: list[QuoteRow]) -> None:
        """Repaint the quote spans (after an edit) and keep the focus quote if it still exists."""
        if self.too_large:
            quotes = []  # their offsets are in a text that is not shown
        self._quotes = {q.id: q for q in quotes}
        spans, index = [], []
        for q in quotes:
            a, b = self._map.to_qt(q.start), self._map.to_qt(q.end)
            spans.append(PaintSpan(a, b, quote_format(_speaker_key(q), floating=q.floating, status=q.status)))
            index.append((a, b, q.id))
        index.sort()
        self._index = index
        self._starts = [s for s, _, _ in index]
        self._longest = max((b - a for a, b, _ in index), default=0)
        self._highlighter.set_spans(spans)
        if self._focus_id not in self._quotes:
            self._focus_id = None
        self._paint_focus()

    @property
    def text(self) -> str:
        return self._text

    # -- focus ---------------------------------------------------------------------------

    @property
    def focus_quote_id(self) -> int | None:
        return self._focus_id

    def show_quote(self, quote_id: int | None, *, scroll: bool = True) -> None:
        """Mark the quote (with its cue and mention) and scroll it into view."""
        self._focus_id = quote_id if quote_id in self._quotes else None
        self._paint_focus()
        if scroll and self._focus_id is not None:
            q = self._quotes[self._focus_id]
            cursor = self.textCursor()
            cursor.setPosition(self._map.to_qt(q.start))
            top = self.cursorRect(cursor)
            cursor_end = QTextCursor(cursor)
            cursor_end.setPosition(self._map.to_qt(q.end))
            bottom = self.cursorRect(cursor_end)
            self.setTextCursor(cursor)
            view = self.viewport().rect()
            if not (view.contains(top.topLeft()) and view.contains(bottom.bottomLeft())):
                self.centerCursor()  # bring it to the middle, with context above and below

    def _paint_focus(self) -> None:
        # priority by order: the hovered quote first, the selected one (with evidence) on top
        self._overlay = []
        hover = self._quotes.get(self._hover_id) if self._hover_id not in (None, self._focus_id) else None
        if hover is not None:
            self._overlay.append(hover_selection(self.document(), self._map.to_qt(hover.start),
                                                 self._map.to_qt(hover.end), _speaker_key(hover)))
        q = self._quotes.get(self._focus_id) if self._focus_id is not None else None
        if q is not None:
            def span(a, b):
                return (self._map.to_qt(a), self._map.to_qt(b)) if a is not None and b is not None else None
            self._focus_index = len(self._overlay)
            self._overlay += focus_selections(
                self.document(), quote=span(q.start, q.end), speaker_key=_speaker_key(q),
                cue=span(q.cue_start, q.cue_end), mention=span(q.mention_start, q.mention_end))
        self.setExtraSelections(self._overlay)

    def focus_cursor_range(self) -> tuple[int, int] | None:
        """Document range currently outlined as the selected quote (for tests)."""
        if self._focus_id is None or not self._overlay:
            return None
        c = self._overlay[self._focus_index].cursor
        return c.selectionStart(), c.selectionEnd()

    # -- lookups -------------------------------------------------------------------------

    def quote_at(self, offset: int) -> int | None:
        """The id of the innermost quote containing code-point ``offset``."""
        pos = self._map.to_qt(offset)
        i = bisect_right(self._starts, pos) - 1
        best = None
        while i >= 0 and self._index[i][0] >= pos - self._longest:
            a, b, qid = self._index[i]
            if a <= pos < b and (best is None or b - a < best[1] - best[0]):
                best = (a, b, qid)
            i -= 1
        return best[2] if best else None

    def position_of(self, offset: int) -> int:
        return self._map.to_qt(offset)

    def selected_range(self) -> tuple[int, int] | None:
        """The selected stretch as code-point offsets, or None."""
        cursor = self.textCursor()
        if not cursor.hasSelection() or self.too_large:  # a selection in the notice is no quote
            return None
        return self._map.from_qt(cursor.selectionStart()), self._map.from_qt(cursor.selectionEnd())

    def caret_offset(self) -> int:
        """The text cursor's position as a code-point offset."""
        return self._map.from_qt(self.textCursor().position())

    def select_range(self, start: int, end: int) -> None:
        cursor = QTextCursor(self.document())
        cursor.setPosition(self._map.to_qt(start))
        cursor.setPosition(self._map.to_qt(end), QTextCursor.MoveMode.KeepAnchor)
        self.setTextCursor(cursor)

    def set_context_actions(self, actions) -> None:
        """Actions offered at the top of the right-click menu (mark as quote, change speaker, …)."""
        self._context_actions = list(actions)

    def contextMenuEvent(self, event) -> None:
        menu = self.createStandardContextMenu(event.pos())
        first = menu.actions()[0] if menu.actions() else None
        for act in getattr(self, "_context_actions", []):
            menu.insertAction(first, act)
        if first is not None and getattr(self, "_context_actions", []):
            menu.insertSeparator(first)
        menu.exec(event.globalPos())
        menu.deleteLater()

    # -- events --------------------------------------------------------------------------

    def mouseMoveEvent(self, event) -> None:
        super().mouseMoveEvent(event)
        pos = self.cursorForPosition(event.position().toPoint()).position()
        qid = self.quote_at(self._map.from_qt(pos))
        if qid != self._hover_id:
            self._hover_id = qid
            self._paint_focus()

    def leaveEvent(self, event) -> None:
        super().leaveEvent(event)
        if self._hover_id is not None:
            self._hover_id = None
            self._paint_focus()

    def viewportEvent(self, event) -> bool:
        if event.type() == QEvent.Type.ToolTip:
            pos = self.cursorForPosition(event.pos()).position()
            qid = self.quote_at(self._map.from_qt(pos))
            if qid is not None:
                QToolTip.showText(event.globalPos(), quote_tooltip(self._quotes[qid]), self.viewport())
            else:
                QToolTip.hideText()
                event.ignore()
            return True
        return super().viewportEvent(event)

    def mouseReleaseEvent(self, event) -> None:
        super().mouseReleaseEvent(event)
        if event.button() != Qt.MouseButton.LeftButton or self.textCursor().hasSelection():
            return
        pos = self.cursorForPosition(event.position().toPoint()).position()
        qid = self.quote_at(self._map.from_qt(pos))
        if qid is not None:
            self.sig_quote_clicked.emit(qid)
