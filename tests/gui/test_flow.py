"""The issue-2 flow driven through the window: load → open → select → click → correct → undo/redo →
delete → undo → mark as quote → reopen on the same database file and find every change."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from quotedesk.gui import speaker_picker
from quotedesk.gui.library_model import ArticleIdRole
from quotedesk.gui.quote_model import QuoteIdRole
from quotedesk.gui.speaker_picker import SpeakerChoice

from gui_library import TEXT_A


def _open(window, article_id):
    lib = window.library
    row = next(r for r in range(lib.model.rowCount()) if lib.model.index(r, 0).data(ArticleIdRole) == article_id)
    lib.table.selectRow(row)
    assert window.article.article_id == article_id


def _quote_by_text(window, fragment):
    return next(q for q in window.article.model.quotes if fragment in q.text)


def _select_row(window, quote_id):
    panel = window.article
    row = next(r for r in range(panel.proxy.rowCount()) if panel.proxy.index(r, 0).data(QuoteIdRole) == quote_id)
    rect = panel.table.visualRect(panel.proxy.index(row, 1))
    QTest.mouseClick(panel.table.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, rect.center())


def test_full_flow_survives_reopen(qtbot, make_window, library, db_path, monkeypatch):
    w = make_window()
    assert w.library.model.rowCount() == 2
    _open(w, library["a"])
    view = w.article.view
    assert view.toPlainText() == TEXT_A.rstrip("\n") or view.toPlainText() == TEXT_A
    assert w.article.model.rowCount() == 3
    assert not view.document().isModified() and view.document().availableUndoSteps() == 0

    # a table row outlines its quote in the text, with evidence in the details pane
    ruiz = _quote_by_text(w, "fantasy")
    _select_row(w, ruiz.id)
    assert view.focus_cursor_range() == (ruiz.start, ruiz.end)
    assert w.article.details.text_of("cue") == "said"
    assert "Tom Ruiz" in w.article.details.text_of("speaker")
    assert view.textCursor().position() == ruiz.start  # scrolled/moved there

    # a click on a highlighted quote selects its row
    berg = _quote_by_text(w, "reopen the bridge in May")
    rect = view.cursorRect(_cursor_at(view, berg.start + 5))
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert w.article.current_quote_id() == berg.id
    assert view.focus_cursor_range() == (berg.start, berg.end)

    # change the speaker to a new name, undo, redo
    monkeypatch.setattr(speaker_picker, "ask_speaker", lambda *a, **k: SpeakerChoice(new_name="Ben Ortiz"))
    w.act_speaker.trigger()
    assert _quote_by_text(w, "reopen the bridge").speaker_label == "Ben Ortiz"
    assert _quote_by_text(w, "reopen the bridge").status == "corrected"
    assert w.undo_stack.count() == 1
    w.article.table.setFocus()
    qtbot.keyClick(w.article.table, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert _quote_by_text(w, "reopen the bridge").speaker_label == "Anna Berg"
    assert _quote_by_text(w, "reopen the bridge").status == "auto"
    qtbot.keyClick(w.article.table, Qt.Key.Key_Z,
                   Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert _quote_by_text(w, "reopen the bridge").speaker_label == "Ben Ortiz"

    # delete a false quote, undo brings it back with the same id
    _select_row(w, ruiz.id)
    assert w.article.selected_quote_ids() == [ruiz.id], (w.article.selected_quote_ids(), w.act_delete.isEnabled())
    w.act_delete.trigger()
    assert w.article.model.rowCount() == 2
    assert ruiz.id not in w.article.quote_ids()
    w.act_undo.trigger()
    assert ruiz.id in w.article.quote_ids()
    assert _quote_by_text(w, "fantasy").speaker_label == "Tom Ruiz"

    # mark a stretch of text as a quote by an existing speaker (surrounding spaces are trimmed)
    start = TEXT_A.index(" the bridge would reopen soon")
    view.select_range(start, start + len(" the bridge would reopen soon"))
    anna = next(sid for sid, name in _speakers(w) if name == "Anna Berg")
    monkeypatch.setattr(speaker_picker, "ask_speaker", lambda *a, **k: SpeakerChoice(speaker_id=anna))
    w.act_mark.trigger()
    added = _quote_by_text(w, "the bridge would reopen soon")
    assert (added.start, added.end) == (start + 1, start + len(" the bridge would reopen soon"))
    assert added.status == "added" and added.speaker_label == "Anna Berg"
    assert w.article.current_quote_id() == added.id
    assert w.undo_stack.count() == 2  # the undone deletion was dropped by the new step
    assert w.undo_view.model().rowCount() == 3  # "Start of session" + two steps
    assert "remaining 3" in w.counts.text()

    # edit the article's details through the dialog helper
    from quotedesk.gui import dialogs
    monkeypatch.setattr(dialogs, "ask_article_changes", lambda *a, **k: {"title": "Bridge to reopen in May"})
    w.act_details.trigger()
    assert "Bridge to reopen in May" in w.article.header.text()
    assert w.library.model.index(w.library.model.row_of(library["a"]), 0).data() == "Bridge to reopen in May"

    w.close()
    w.store.close()

    # everything is still there after reopening the same file
    w2 = make_window(path=db_path)
    _open(w2, library["a"])
    quotes = {q.text: q for q in w2.article.model.quotes}
    assert len(quotes) == 4
    assert quotes["We will reopen the bridge in May,"].speaker_label == "Ben Ortiz"
    assert quotes["This is a fantasy,"].speaker_label == "Tom Ruiz"
    assert quotes["the bridge would reopen soon"].status == "added"
    assert w2.article.article["title"] == "Bridge to reopen in May"


def _cursor_at(view, offset):
    from PySide6.QtGui import QTextCursor

    c = QTextCursor(view.document())
    c.setPosition(view.position_of(offset))
    return c


def _speakers(window):
    from quotedesk.core.store.speakers import speaker_names

    return speaker_names(window.store)


def test_hover_underlines_and_explains_a_quote(qtbot, make_window, library):
    from quotedesk.gui.article_view import quote_tooltip

    w = make_window()
    _open(w, library["a"])
    view = w.article.view
    ruiz = _quote_by_text(w, "fantasy")
    _select_row(w, ruiz.id)
    berg = _quote_by_text(w, "reopen the bridge in May")
    from PySide6.QtCore import QEvent, QPointF
    from PySide6.QtGui import QMouseEvent
    from PySide6.QtWidgets import QApplication

    pos = QPointF(view.cursorRect(_cursor_at(view, berg.start + 3)).center())
    QApplication.sendEvent(view.viewport(), QMouseEvent(
        QEvent.Type.MouseMove, pos, view.viewport().mapToGlobal(pos), Qt.MouseButton.NoButton,
        Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier))
    assert len(view.extraSelections()) == 4  # hover + the selected quote, its cue and its mention
    assert view.focus_cursor_range() == (ruiz.start, ruiz.end)
    assert "Anna Berg" in quote_tooltip(berg) and "0.90" in quote_tooltip(berg)


def test_click_outside_quotes_keeps_selection(qtbot, make_window, library):
    w = make_window()
    _open(w, library["a"])
    view = w.article.view
    rect = view.cursorRect(_cursor_at(view, 3))  # in the title line, no quote there
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert w.article.current_quote_id() is None


def test_sort_by_confidence(make_window, library):
    w = make_window()
    _open(w, library["a"])
    w.act_by_conf.trigger()
    confs = [float(w.article.proxy.index(r, 3).data()) for r in range(w.article.proxy.rowCount())]
    assert confs == sorted(confs)
