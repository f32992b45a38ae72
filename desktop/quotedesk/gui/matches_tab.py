"""Embedding the statement-memory panel (``gui/matching``, issue 5) as a side tab of the main window.

The panel follows the selected quote only while its tab is showing (matching runs in the
background, no need to match quotes nobody looks at), shares the window's undo stack, and opens
a matched stored quote in the article view.
"""
from __future__ import annotations

import logging

from PySide6.QtWidgets import QFrame, QScrollArea

from quotedesk.core.store.quotes import get_quote

log = logging.getLogger(__name__)


def embed_matches(window) -> object | None:
    """Add the Matches tab to ``window``; returns the panel (None if it cannot be loaded)."""
    try:
        from quotedesk.gui.matching import MatchesPanel
    except ImportError:  # pragma: no cover - the matching widgets are optional for the rest of the app
        log.exception("the statement matches panel could not be loaded")
        return None
    panel = MatchesPanel()
    panel.set_store(window.store)
    panel.set_undo_stack(window.undo_stack, getattr(window, "writes", None))
    # in a scroll area, so its minimum width never squeezes the article beside the side tabs
    holder = QScrollArea()
    holder.setWidget(panel)
    holder.setWidgetResizable(True)
    holder.setFrameShape(QFrame.Shape.NoFrame)
    holder.setMinimumWidth(0)
    index = window.add_side_tab(holder, "Matches", tooltip="Earlier statements like the selected quote")

    def showing() -> bool:
        return window.tabs.currentIndex() == index

    def follow(quote_id) -> None:
        if showing() and quote_id != panel.current_quote_id():
            panel.show_quote(quote_id)

    def on_tab(i: int) -> None:
        if i == index:
            follow(window.article.current_quote_id())

    def open_quote(quote_id: int) -> None:
        q = get_quote(window.store, quote_id)
        if q is not None:
            window.open_quote(q.article_id, quote_id)

    window.article.sig_current_quote_changed.connect(follow)
    window.tabs.currentChanged.connect(on_tab)
    panel.sig_open_quote.connect(open_quote)
    return panel
