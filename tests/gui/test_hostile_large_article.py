"""A very large article (issue 13 item 16): the window never lays out more than it can show
without freezing; above ``MAX_DISPLAY_CHARS`` it says so, and the quotes stay reviewable."""
from __future__ import annotations

import time

from quotedesk.core.importer import import_paths
from quotedesk.core.store.db import open_store
from quotedesk.gui import article_view
from quotedesk.gui.article_view import MAX_DISPLAY_CHARS, ArticleView


def test_an_article_over_the_display_limit_is_not_laid_out_and_the_view_says_why(qtbot):
    """The real limit: one line of 2,000,001 characters (a 50 MB line froze the window 24 s)."""
    view = ArticleView()
    qtbot.addWidget(view)
    view.show()
    text = "x" * (MAX_DISPLAY_CHARS + 1)
    started = time.perf_counter()
    view.set_article(text, [])
    qtbot.wait(1)
    elapsed = time.perf_counter() - started
    shown = view.toPlainText()
    assert shown.startswith(f"This article is {MAX_DISPLAY_CHARS + 1:,} characters long: too long to show here")
    assert f"up to {MAX_DISPLAY_CHARS:,} characters" in shown and "split it into smaller articles" in shown
    assert view.document().characterCount() < 1000 and view.too_large
    assert elapsed < 5, elapsed  # laying out the text itself takes ~0.7 s per 2 million characters
    view.set_article("A short article.", [])  # and a normal article shows again
    assert view.toPlainText() == "A short article." and not view.too_large


def test_a_large_imported_article_opens_with_its_quotes_listed_not_highlighted(
        qtbot, make_window, db_path, tmp_path, monkeypatch):
    """A real file imported, opened in the window; the limit lowered so the file stays small."""
    monkeypatch.setattr(article_view, "MAX_DISPLAY_CHARS", 50_000)
    sentence = 'The mayor said: "The tunnel will open in June." '
    path = tmp_path / "huge.txt"
    path.write_text("Tunnel\n\n" + sentence * 2_000)  # ~100,000 characters on one line
    with open_store(db_path) as store:
        report = import_paths(store, [path])
    [(_, article_id, n_quotes)] = report.added
    assert n_quotes >= 100
    window = make_window()
    window.open_article(article_id)
    panel = window.article
    assert panel.view.too_large
    assert panel.view.toPlainText().startswith("This article is ")
    assert panel.model.rowCount() == n_quotes  # the quotes are listed, reviewable there
    assert panel.view.selected_range() is None


def test_the_import_dialog_names_the_pdf_pages_not_imported(qtbot, make_window, tmp_path, monkeypatch):
    """Issue 13 item 5 in the window: a partly imported article is said, not silent."""
    from PySide6.QtWidgets import QMessageBox

    from tests.core.hostile_helpers import many_page_pdf

    shown = []
    monkeypatch.setattr(QMessageBox, "warning", staticmethod(lambda *a, **k: shown.append(a[1:3])))
    path = tmp_path / "long.pdf"
    path.write_bytes(many_page_pdf(503))
    window = make_window()
    with qtbot.waitSignal(window.importer.sig_finished, timeout=60_000) as blocker:
        window.import_paths([path])
    assert len(blocker.args[0].added) == 1
    [(title, body)] = shown
    assert title == "Some articles were imported in part"
    assert "long.pdf" in body and "pages 501\u2013503 not imported" in body
