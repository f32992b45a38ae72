"""Imported text is never Qt rich text (issue 13 item 10): item tooltips guess rich text with
``Qt::mightBeRichText``, so an article title, a quote or a speaker's name that looks like HTML
would render as a fake headline or load a local file. Each tooltip must show the characters."""
from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import Qt

from quotedesk.core.store import open_store
from quotedesk.core.store.quotes import quotes_for_article
from quotedesk.core.store.speakers import list_speakers
from quotedesk.gui.library_model import ArticleTableModel
from quotedesk.gui.quote_model import QuoteTableModel
from quotedesk.gui.speakers_panel import SpeakerTableModel

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "core"))
from matching_helpers import add_quotes_article  # noqa: E402

HOSTILE = '<img src="file:///etc/passwd"><b>FAKE</b>'


def _literal(tip) -> None:
    assert tip and "<img" not in tip and "<b>" not in tip and "&lt;img" in tip


def test_tooltips_of_library_quotes_and_speakers_show_imported_html_literally(qtbot, tmp_path):
    store = open_store(tmp_path / "q.db")
    try:
        add_quotes_article(store, HOSTILE, "2024-03-01", "Outlet",
                           [(f"We will {HOSTILE} build it", "Ann Lee")])
        library = ArticleTableModel(store)
        _literal(library.data(library.index(0, 0), Qt.ItemDataRole.ToolTipRole))

        article_id = store.execute("SELECT id FROM articles").fetchone()[0]
        quotes = QuoteTableModel()
        quotes.set_quotes(quotes_for_article(store, article_id))
        quote_col = next(c for c in range(quotes.columnCount())
                         if quotes.data(quotes.index(0, c), Qt.ItemDataRole.ToolTipRole))
        _literal(quotes.data(quotes.index(0, quote_col), Qt.ItemDataRole.ToolTipRole))

        speakers = SpeakerTableModel()
        rows = list_speakers(store)
        rows[0] = {**rows[0], "description": HOSTILE}
        speakers.set_speakers(rows)
        _literal(speakers.data(speakers.index(0, 0), Qt.ItemDataRole.ToolTipRole))
    finally:
        store.close()
