"""Qt-free helpers shared by the matching tests (core and GUI): articles made of given quotes, and
statements recorded from plain tuples."""
from __future__ import annotations

from quotedesk.core.model import ArticleDraft, ExtractedQuote
from quotedesk.core.store.articles import add_article
from quotedesk.core.store.statements import import_rows


def add_quotes_article(store, title: str, date: str, outlet: str, quotes) -> list[int]:
    """Store an article made of the given ``(quote text, speaker)`` pairs; returns the new quote ids."""
    text, extracted = "", []
    for qtext, speaker in quotes:
        lead = f"{speaker} said: \u201c"
        start = len(text) + len(lead)
        text += lead + qtext + "\u201d\n\n"
        extracted.append(ExtractedQuote(start, start + len(qtext), qtext, speakers=(speaker,)))
    aid, _ = add_article(store, ArticleDraft(text, title, outlet=outlet, date=date), extracted)
    return [r["id"] for r in store.query("SELECT id FROM quotes WHERE article_id = ? ORDER BY start", (aid,))]


def import_statements(store, statements) -> None:
    """Record ``(id, text, speaker, date, source)`` statements, each with an example URL."""
    rows = [(i + 1, 0, {"id": sid, "text": text, "speaker": sp, "date": d, "source": src,
                        "title": None, "url": f"https://example.org/{sid}"}, None)
            for i, (sid, text, sp, d, src) in enumerate(statements)]
    import_rows(store, rows)


def build_library(db_path, statements, articles):
    """A file store holding ``statements`` and ``articles`` (title, date, outlet, quotes); the new
    quotes' ids in import order are kept as ``store.quote_ids``."""
    from quotedesk.core.store.db import open_store

    s = open_store(db_path)
    import_statements(s, statements)
    s.quote_ids = []
    for title, date, outlet, quotes in articles:
        s.quote_ids += add_quotes_article(s, title, date, outlet, quotes)
    return s
