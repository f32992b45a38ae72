"""Extend/shrink a quote by a word, split and merge quotes, all from the keyboard and undoable."""
from __future__ import annotations

from gui_library import TEXT_A
from PySide6.QtCore import Qt


def _open_at(w, library, fragment):
    w.open_article(library["a"])
    q = next(q for q in w.article.model.quotes if fragment in q.text)
    w.article.select_quote(q.id)
    w.article.table.setFocus()
    return q


def _quote(w, qid):
    return next(q for q in w.article.model.quotes if q.id == qid)


def test_extend_and_shrink_with_alt_arrows(qtbot, make_window, library):
    w = make_window()
    q = _open_at(w, library, "fantasy")
    table = w.article.table
    qtbot.keyClick(table, Qt.Key.Key_Right, Qt.KeyboardModifier.AltModifier)
    assert _quote(w, q.id).text == 'This is a fantasy,"'
    qtbot.keyClick(table, Qt.Key.Key_Left, Qt.KeyboardModifier.AltModifier)
    qtbot.keyClick(table, Qt.Key.Key_Left, Qt.KeyboardModifier.AltModifier)
    assert _quote(w, q.id).text == "This is a fantasy"
    qtbot.keyClick(table, Qt.Key.Key_Left, Qt.KeyboardModifier.AltModifier | Qt.KeyboardModifier.ShiftModifier)
    assert _quote(w, q.id).text == '"This is a fantasy'
    qtbot.keyClick(table, Qt.Key.Key_Right, Qt.KeyboardModifier.AltModifier | Qt.KeyboardModifier.ShiftModifier)
    qtbot.keyClick(table, Qt.Key.Key_Right, Qt.KeyboardModifier.AltModifier | Qt.KeyboardModifier.ShiftModifier)
    assert _quote(w, q.id).text == "is a fantasy"
    assert w.undo_stack.count() == 6
    for _ in range(6):
        w.act_undo.trigger()
    assert _quote(w, q.id).text == "This is a fantasy,"


def test_split_at_cursor_and_merge_back(qtbot, make_window, library):
    w = make_window()
    q = _open_at(w, library, "reopen the bridge in May")
    view = w.article.view
    cut = TEXT_A.index(" the bridge in May")
    cursor = view.textCursor()
    cursor.setPosition(view.position_of(cut))
    view.setTextCursor(cursor)
    view.setFocus()
    qtbot.keyClick(view, Qt.Key.Key_Slash)
    texts = sorted(x.text for x in w.article.model.quotes if x.start >= q.start and x.end <= q.end)
    assert texts == ["We will reopen", "the bridge in May,"]
    second = next(x for x in w.article.model.quotes if x.text == "the bridge in May,")
    assert second.speaker_label == "Anna Berg"
    w.article.select_quote(q.id)
    w.article.table.setFocus()
    qtbot.keyClick(w.article.table, Qt.Key.Key_M)  # merge with the next quote
    merged = _quote(w, q.id)
    assert merged.text == "We will reopen the bridge in May,"
    assert second.id not in w.article.quote_ids()
    assert w.undo_stack.count() == 2 and w.undo_stack.undoText() == "Merge 2 quotes"
    w.act_undo.trigger()
    assert second.id in w.article.quote_ids() and _quote(w, q.id).text == "We will reopen"


def test_bulk_confirm_and_delete_are_one_step_each(qtbot, make_window, library):
    from PySide6.QtCore import QItemSelectionModel

    w = make_window()
    w.open_article(library["a"])
    table = w.article.table
    sel = table.selectionModel()
    for row in range(w.article.proxy.rowCount()):
        sel.select(w.article.proxy.index(row, 0), QItemSelectionModel.SelectionFlag.Select
                   | QItemSelectionModel.SelectionFlag.Rows)
    table.setFocus()
    qtbot.keyClick(table, Qt.Key.Key_Return)
    assert {q.status for q in w.article.model.quotes} == {"confirmed"}
    assert w.undo_stack.count() == 1 and w.undo_stack.undoText() == "Confirm 3 quotes"
    for row in range(w.article.proxy.rowCount()):
        sel.select(w.article.proxy.index(row, 0), QItemSelectionModel.SelectionFlag.Select
                   | QItemSelectionModel.SelectionFlag.Rows)
    qtbot.keyClick(table, Qt.Key.Key_Delete)
    assert w.article.model.rowCount() == 0
    assert w.library.model.index(w.library.model.row_of(library["a"]), 3).data() == 0
    w.act_undo.trigger()
    assert w.article.model.rowCount() == 3
    assert w.library.model.index(w.library.model.row_of(library["a"]), 3).data() == 3
