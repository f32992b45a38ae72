"""Ctrl+D compares the selected quote (new, right) with the match selected in the Matches panel
(old, left), not with the top match, and keeps that order every time (issue 15)."""
from __future__ import annotations

from PySide6.QtCore import Qt

from quotedesk.core.store.db import open_store

from tests.core.matching_helpers import add_quotes_article, import_statements

QUOTE = "We will cut taxes for every working family in this country by two thousand dollars."


def test_ctrl_d_compares_the_selected_match_not_the_top_one(qtbot, db_path, make_window):
    s = open_store(db_path)
    import_statements(s, [
        ("s1", QUOTE, "Jane Miller", "2019-03-01", "Campaign rally"),
        ("s2", "Every working family in this country will get a tax cut of two thousand dollars.",
         "Jane Miller", "2020-02-11", "Town hall"),
    ])
    (qid,) = add_quotes_article(s, "Miller repeats her tax pledge", "2021-03-02", "Daily Bugle",
                                [(QUOTE, "Jane Miller")])
    aid = s.query("SELECT article_id FROM quotes WHERE id = ?", (qid,))[0]["article_id"]
    s.close()
    window = make_window()
    panel, menu = window.matches, window.statements_menu
    window.tabs.setCurrentIndex(next(i for i in range(window.tabs.count())
                                     if window.tabs.tabText(i).startswith("Matches")))
    window.open_quote(aid, qid)
    qtbot.waitUntil(lambda: panel.current_quote_id() == qid and not panel.busy
                    and panel.model.rowCount() >= 2, timeout=20_000)
    top = panel.model.match_row(0)
    assert top.statement_id == "s1"  # the same words rank first
    other = next(r for r in range(panel.model.rowCount())
                 if panel.model.match_row(r).statement_id == "s2")
    panel.select_row(other)
    assert panel.selected_row().statement_id == "s2"
    for _ in range(2):  # twice: the sides never swap
        window.article.setFocus()
        qtbot.keyClick(window, Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier)
        qtbot.waitUntil(lambda: menu.diff_view is not None and menu.diff_view.isVisible(), timeout=10_000)
        diff = menu.diff_view
        assert diff.left.toPlainText().strip().startswith("Every working family")  # the selected match, old
        assert diff.right.toPlainText().strip() == QUOTE                            # the quote, new
        assert "Town hall" in diff.left_title.text() and "2020-02-11" in diff.left_title.text()
        assert diff.deleted_words() and diff.inserted_words()
        menu._diff_dialog.close()
