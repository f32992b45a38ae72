"""Issue 15, smaller items: the review queue gives the reader's place back, Ctrl+Z in a filter box
undoes the typed text (not a quote edit), split and mark-as-quote snap to whole words unless Alt."""
from __future__ import annotations

from gui_library import TEXT_A, _q
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from quotedesk.core.model import ArticleDraft
from quotedesk.core.store import open_store
from quotedesk.core.store.articles import add_article
from quotedesk.gui import speaker_picker
from quotedesk.gui.main_window import LIBRARY_TAB, REVIEW_TAB
from quotedesk.gui.speaker_picker import SpeakerChoice

LONG = "Harbour council minutes\n" + "".join(
    f"Paragraph {i}: the council discussed the ferry timetable and the new quay at length.\n"
    for i in range(120)) + '"We will not raise the ferry fares this year," said Ida Lind.\n'


def _long_article(db_path) -> int:
    store = open_store(db_path)
    try:
        aid, _ = add_article(store, ArticleDraft(text=LONG, title="Council minutes", outlet="Harbor Gazette",
                                                 date="2024-05-01"),
                             [_q(LONG, "We will not raise the ferry fares this year,", "Ida Lind", conf=0.99,
                                 cue="said", mention="Ida Lind")])
    finally:
        store.close()
    return aid


def _confirm(w, qid):
    w.article.select_quote(qid)
    w.article.table.setFocus()
    w.act_confirm.trigger()


def test_review_queue_gives_back_the_article_being_read(qtbot, make_window, library, db_path):
    aid = _long_article(db_path)
    w = make_window()
    w.open_article(aid)
    (ida,) = w.article.model.quotes
    _confirm(w, ida.id)  # reviewed: not in the queue
    w.article.view.show_quote(ida.id)  # scrolled down to the end of the long article
    bar = w.article.view.verticalScrollBar()
    qtbot.waitUntil(lambda: bar.value() > 0)
    place = bar.value()

    w.show_tab(REVIEW_TAB)  # the queue shows its least confident quote: in another article
    qtbot.waitUntil(lambda: w.article.article_id == library["a"])
    w.review.move(+1)  # next queue entry, still in the pane
    assert w.article.article_id in (library["a"], library["b"])

    w.show_tab(LIBRARY_TAB)  # leaving the queue: back where the analyst was reading
    assert w.article.article_id == aid
    assert w.article.current_quote_id() == ida.id
    assert bar.value() == place
    assert w.article.view.toPlainText().startswith("Harbour council minutes")


def test_reading_place_without_a_quote_selected_is_kept_too(qtbot, make_window, library, db_path):
    aid = _long_article(db_path)
    w = make_window()
    w.open_article(aid)
    bar = w.article.view.verticalScrollBar()
    qtbot.waitUntil(lambda: bar.maximum() > 50)
    bar.setValue(bar.maximum() // 2)
    place = bar.value()
    w.show_tab(REVIEW_TAB)
    qtbot.waitUntil(lambda: w.article.article_id != aid)
    w.show_tab(LIBRARY_TAB)
    assert w.article.article_id == aid and w.article.current_quote_id() is None
    assert bar.value() == place


def test_ctrl_z_in_a_filter_box_undoes_the_typing_not_the_last_edit(qtbot, make_window, library):
    w = make_window()
    w.open_article(library["a"])
    q = w.article.model.quotes[0]
    _confirm(w, q.id)
    assert w.undo_stack.index() == 1
    for tab, box in ((LIBRARY_TAB, w.library.search), (2, w.search.query), (3, w.speakers.filter)):
        w.tabs.setCurrentIndex(tab)
        box.setFocus()
        qtbot.waitUntil(box.hasFocus)
        QTest.keyClicks(box, "harb")
        QTest.keyClick(box, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
        assert box.text() == ""
        QTest.keyClick(box, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)  # nothing left to undo
        assert w.undo_stack.index() == 1, box.objectName() or box.placeholderText()
    status = next(x.status for x in w.article.model.quotes if x.id == q.id)
    assert status == "confirmed"


def _open_quote(w, library, fragment):
    w.open_article(library["a"])
    q = next(x for x in w.article.model.quotes if fragment in x.text)
    w.article.select_quote(q.id)
    return q


def _put_cursor(w, offset):
    view = w.article.view
    cursor = view.textCursor()
    cursor.setPosition(view.position_of(offset))
    view.setTextCursor(cursor)
    view.setFocus()


def test_split_inside_a_word_cuts_at_the_nearer_word_edge(qtbot, make_window, library):
    w = make_window()
    q = _open_quote(w, library, "reopen the bridge in May")
    _put_cursor(w, TEXT_A.index("bridge in May") + 2)  # "br|idge"
    qtbot.keyClick(w.article.view, Qt.Key.Key_Slash)
    texts = sorted(x.text for x in w.article.model.quotes if q.start <= x.start and x.end <= q.end)
    assert texts == ["We will reopen the", "bridge in May,"]


def test_split_with_alt_cuts_exactly_at_the_cursor(qtbot, make_window, library):
    w = make_window()
    q = _open_quote(w, library, "reopen the bridge in May")
    _put_cursor(w, TEXT_A.index("bridge in May") + 2)
    qtbot.keyClick(w.article.view, Qt.Key.Key_Slash, Qt.KeyboardModifier.AltModifier)
    texts = sorted(x.text for x in w.article.model.quotes if q.start <= x.start and x.end <= q.end)
    assert texts == ["We will reopen the br", "idge in May,"]


def test_mark_as_quote_grows_a_selection_to_whole_words_unless_alt(qtbot, make_window, library,
                                                                  monkeypatch):
    w = make_window()
    w.open_article(library["a"])
    view = w.article.view
    anna = w.article.model.quotes[0].speaker_ids[0]
    monkeypatch.setattr(speaker_picker, "ask_speaker", lambda *a, **k: SpeakerChoice(speaker_id=anna))
    start = TEXT_A.index("bridge would reopen soon") + 3  # "bri|dge"
    end = TEXT_A.index("reopen soon") + 3  # "reo|pen"
    view.select_range(start, end)
    view.setFocus()
    qtbot.keyClick(view, Qt.Key.Key_Q)
    assert any(x.text == "bridge would reopen" for x in w.article.model.quotes)
    w.act_undo.trigger()
    view.select_range(start, end)
    view.setFocus()
    qtbot.keyClick(view, Qt.Key.Key_Q, Qt.KeyboardModifier.AltModifier)
    assert any(x.text == "dge would reo" for x in w.article.model.quotes)


def test_snapping_rules():
    from quotedesk.gui.span_ops import snap_offset, snap_range

    text = "Don't cut well-known words, at 3.5 per cent."
    assert snap_offset(text, text.index("n't") + 1) == text.index(" cut")  # after the apostrophe
    assert snap_offset(text, 1) == 0  # "D|on't": nearer the start
    assert snap_offset(text, text.index(" cut")) == text.index(" cut")  # already on an edge
    assert snap_range(text, text.index("ll-known") , text.index("own") + 1) == (
        text.index("well"), text.index(" words"))
    assert snap_range(text, 0, len(text)) == (0, len(text))
