"""The review queue, driven by the keyboard only (J/K, Enter, S, Del, Q, Ctrl+Z)."""
from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication

from quotedesk.gui.main_window import REVIEW_TAB


def _key(qtbot, widget, key, mod=Qt.KeyboardModifier.NoModifier):
    qtbot.keyClick(widget, key, mod)


def test_keyboard_review_flow(qtbot, make_window, library):
    w = make_window()
    qtbot.keyClick(w, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)  # Ctrl+2: review tab
    assert w.tabs.currentIndex() == REVIEW_TAB
    table = w.review.table
    assert table.hasFocus()
    queue = w.review.model
    assert queue.rowCount() == 4
    confs = [q.confidence for q in queue.quotes]
    assert confs == sorted(confs)  # least confident first
    first = queue.quote(0)
    assert w.article.current_quote_id() == first.id  # opening the queue opens the quote
    assert w.article.article_id == first.article_id

    _key(qtbot, table, Qt.Key.Key_J)
    assert w.review.current_quote_id() == queue.quote(1).id
    assert w.article.current_quote_id() == queue.quote(1).id
    _key(qtbot, table, Qt.Key.Key_K)
    assert w.review.current_quote_id() == first.id
    _key(qtbot, table, Qt.Key.Key_Down)
    _key(qtbot, table, Qt.Key.Key_Up)
    assert w.review.current_quote_id() == first.id

    # Enter confirms: the quote leaves the queue and the next one takes its row
    second = queue.quote(1)
    _key(qtbot, table, Qt.Key.Key_Return)
    assert queue.rowCount() == 3
    assert w.review.current_quote_id() == second.id
    assert "Reviewed 1 (+1 today)" in w.counts.text() and "remaining 3" in w.counts.text()

    # Ctrl+Z brings it back (and selects it again)
    _key(qtbot, table, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert queue.rowCount() == 4
    assert w.review.current_quote_id() == first.id

    # S opens the type-ahead picker; typing an alias-free prefix and Enter picks the speaker
    def drive_picker():
        dlg = QApplication.activeModalWidget()
        qtbot.keyClicks(dlg.edit, "ruiz")
        qtbot.keyClick(dlg.edit, Qt.Key.Key_Return)

    QTimer.singleShot(50, drive_picker)
    _key(qtbot, table, Qt.Key.Key_S)
    from quotedesk.core.store.quotes import get_quote
    changed = get_quote(w.store, first.id)
    assert changed.speaker_label == "Tom Ruiz" and changed.status == "corrected"
    assert queue.row_of(first.id) is None

    # Del deletes the current queue entry (once the window is active again after the dialog)
    w.activateWindow()  # the offscreen platform has no window manager to give it back
    qtbot.waitUntil(lambda: QApplication.activeWindow() is w and table.hasFocus(), timeout=3000)
    # 1 gives the current quote the speaker chosen last (Tom Ruiz), without the picker
    one = w.review.current_quote_id()
    _key(qtbot, table, Qt.Key.Key_1)
    assert get_quote(w.store, one).speaker_label == "Tom Ruiz"
    assert w.undo_stack.undoText() == "Speaker → Tom Ruiz"
    _key(qtbot, table, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    current = w.review.current_quote_id()
    _key(qtbot, table, Qt.Key.Key_Delete)
    assert get_quote(w.store, current) is None
    assert queue.rowCount() == 2
    assert w.undo_stack.count() == 2
    assert w.undo_stack.undoText() == "Delete quote"


def test_quote_table_keys(qtbot, make_window, library):
    w = make_window()
    w.open_quote(library["a"], w.review.model.quote(0).id if False else _first_quote(w, library["a"]))
    table = w.article.table
    table.setFocus()
    start = w.article.current_quote_id()
    _key(qtbot, table, Qt.Key.Key_J)
    assert w.article.current_quote_id() != start
    _key(qtbot, table, Qt.Key.Key_K)
    assert w.article.current_quote_id() == start
    _key(qtbot, table, Qt.Key.Key_Return)
    from quotedesk.core.store.quotes import get_quote
    assert get_quote(w.store, start).status == "confirmed"


def test_mark_selection_with_q(qtbot, make_window, library):
    from gui_library import TEXT_A

    w = make_window()
    w.open_article(library["a"])
    view = w.article.view
    start = TEXT_A.index("Critics were unconvinced")
    view.select_range(start, start + len("Critics were unconvinced"))
    view.setFocus()

    def drive_picker():
        dlg = QApplication.activeModalWidget()
        qtbot.keyClicks(dlg.edit, "A new voice")
        qtbot.keyClick(dlg.edit, Qt.Key.Key_Return)

    QTimer.singleShot(50, drive_picker)
    _key(qtbot, view, Qt.Key.Key_Q)
    added = [q for q in w.article.model.quotes if q.text == "Critics were unconvinced"]
    assert added and added[0].speaker_label == "A new voice" and added[0].status == "added"


def _first_quote(window, article_id):
    from quotedesk.core.store.quotes import quotes_for_article

    return quotes_for_article(window.store, article_id)[0].id
