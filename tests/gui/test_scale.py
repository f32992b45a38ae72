"""The window stays quick on a big library: it loads one page, not the table.

Default: 3,000 articles (a couple of seconds to build). ``QUOTEDESK_LONG=1``: 100,000 articles
with 1,000,000 quotes (minutes to build), the size issue 4 asks for. Limits are generous so a
slow CI machine does not flake; on a laptop the 100,000 case opens in about 0.2 s.
"""
from __future__ import annotations

import os
import time

from PySide6.QtCore import Qt

from quotedesk.core.model import ArticleDraft, ExtractedQuote
from quotedesk.core.store import open_store
from quotedesk.core.store.articles import add_article

LONG = os.environ.get("QUOTEDESK_LONG") == "1"
N_ARTICLES, N_QUOTES = (100_000, 10) if LONG else (3_000, 3)


def _build(path) -> None:
    store = open_store(path)
    with store.transaction():
        for i in range(N_ARTICLES):
            parts, quotes, pos = [f"Headline {i}\n"], [], len(f"Headline {i}\n")
            for k in range(N_QUOTES):
                name = f"Person{(i * 7 + k) % 500} Surname{(i * 7 + k) % 500}"
                sent = f'"Statement {k} of {i}," said {name}.\n'
                quotes.append(ExtractedQuote(pos + 1, pos + sent.index(',"') + 1, sent[1:sent.index(',"') + 1],
                                             speakers=(name,), confidence=((i * 31 + k) % 97) / 97,
                                             speaker_kind="person"))
                parts.append(sent)
                pos += len(sent)
            add_article(store, ArticleDraft(text="".join(parts), title=f"Headline {i}", outlet=f"Outlet {i % 40}",
                                            date=f"20{10 + i % 15}-{1 + i % 12:02d}-{1 + i % 28:02d}"), quotes)
    store.close()


def test_big_library_opens_and_scrolls_quickly(qtbot, make_window, db_path):
    _build(db_path)
    t = time.perf_counter()
    w = make_window()
    opened = time.perf_counter() - t
    assert w.library.model.total == N_ARTICLES and w.library.model.rowCount() == 200
    assert opened < 5.0, opened
    bar = w.library.table.verticalScrollBar()
    t = time.perf_counter()
    for _ in range(10):
        bar.setValue(bar.maximum())
        qtbot.wait(1)
    assert w.library.model.rowCount() >= 1000
    assert time.perf_counter() - t < 5.0
    t = time.perf_counter()
    w.library.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
    w.library.search.setText("Statement 2 of 17")
    w.library.apply_filter()
    assert w.library.model.total >= 1
    assert w.review.model.remaining == N_ARTICLES * N_QUOTES
    assert time.perf_counter() - t < 5.0
