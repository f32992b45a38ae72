"""Issue 12 in the window: an ambiguous surname shows a merge suggestion with both sides'
evidence; accepting or dismissing it is one undo step that restores the exact previous state;
splitting a generic name moves only those quotes and does not capture later ones."""
from __future__ import annotations

import sys
from pathlib import Path

from quotedesk.core.importer import import_draft
from quotedesk.core.model import ArticleDraft
from quotedesk.core.store import open_store

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "core"))
from test_speaker_suggestions import BARE, BORIS, MIKE, state  # noqa: E402

TIMEOUT = 10_000


def _import(path, texts, first=1):
    with open_store(path) as store:
        for n, text in enumerate(texts, start=first):
            import_draft(store, ArticleDraft(text, title=f"a{n}", outlet="Gazette", date=f"2024-05-0{n}"))


def _snapshot(path):
    with open_store(path, readonly=True) as store:
        return state(store)


def _speakers_tab(window, qtbot):
    panel = window.speakers
    window.show_speakers() if hasattr(window, "show_speakers") else panel.show()
    panel.load_now()
    return panel


def test_a_merge_suggestion_is_shown_and_accepting_then_undoing_restores_everything(qtbot, make_window, db_path):
    _import(db_path, (BORIS, MIKE, BARE))
    before = _snapshot(db_path)
    window = make_window()
    panel = _speakers_tab(window, qtbot)
    box = panel.suggestions
    assert box.list.count() >= 1
    asked = box.list.count()
    text = box.left.toPlainText() + box.right.toPlainText()
    assert "Johnson" in text and "Articles:" in text  # evidence of both sides, side by side
    names = {box.current().speaker.name, box.current().other.name}
    assert "Johnson" in names

    box.accept_button.click()
    qtbot.waitUntil(lambda: window.writes.pending == 0, timeout=TIMEOUT)
    after = _snapshot(db_path)
    assert after != before
    assert len(after["speakers"]) == len(before["speakers"]) - 1  # merged
    panel.load_now()  # the answered question (and any about the merged-away speaker) is gone
    assert box.list.count() < asked

    window.undo_stack.undo()
    qtbot.waitUntil(lambda: window.writes.pending == 0, timeout=TIMEOUT)
    assert _snapshot(db_path) == before  # exact previous state, the question open again


def test_dismissing_is_remembered_and_undoable(qtbot, make_window, db_path):
    _import(db_path, (BORIS, MIKE, BARE))
    before = _snapshot(db_path)
    window = make_window()
    panel = _speakers_tab(window, qtbot)
    n = panel.suggestions.list.count()
    assert n >= 1
    panel.suggestions.dismiss_button.click()
    qtbot.waitUntil(lambda: window.writes.pending == 0, timeout=TIMEOUT)
    panel.load_now()
    assert panel.suggestions.list.count() == n - 1
    assert _snapshot(db_path)["speakers"] == before["speakers"]  # nobody merged
    window.undo_stack.undo()
    qtbot.waitUntil(lambda: window.writes.pending == 0, timeout=TIMEOUT)
    assert _snapshot(db_path) == before


UNION_A = ('EASTBROOK - The Eastbrook Teachers Union rejected the offer on Monday. '
           '"This is not a serious proposal," the union said in a statement.')
UNION_B = ('The Harbor Nurses Union called a strike vote. "Our members are exhausted," '
           'the union said.')


def test_a_union_named_in_one_article_never_captures_another_unions_quotes(qtbot, make_window, db_path):
    _import(db_path, (UNION_A, UNION_B))
    window = make_window()
    panel = _speakers_tab(window, qtbot)
    names = {panel.model.speaker(r)["name"]: panel.model.speaker(r) for r in range(panel.model.rowCount())}
    assert {"Eastbrook Teachers Union", "Harbor Nurses Union"} <= set(names)
    assert names["Eastbrook Teachers Union"]["n_quotes"] == names["Harbor Nurses Union"]["n_quotes"] == 1
    with open_store(db_path, readonly=True) as store:
        assert store.execute("SELECT 1 FROM speaker_aliases WHERE key = 'union'").fetchone() is None


# Two unions named; the engine gives the three "the union" quotes to one of them, which the
# analyst then splits.
STRIKE = ('The Eastbrook Teachers Union and the Harbor Nurses Union met on Monday. '
          '"We will not go back without a contract," the union said. '
          '"The city has had a year to act," the union added. '
          '"Our members vote on Friday," the union said.')
LATER = 'Nurses marched to City Hall on Tuesday. "Our members are exhausted," the union said.'


def _open_split(panel, qtbot, speaker_id):
    panel.select_speaker(speaker_id)
    panel.split_button.click()
    dialog = panel.split_dialog
    qtbot.waitUntil(dialog.isVisible, timeout=TIMEOUT)
    return dialog


def _with_three_quotes(panel):
    return next(panel.model.speaker(r) for r in range(panel.model.rowCount())
                if panel.model.speaker(r)["n_quotes"] == 3)


def _speaker_of(store, quote_id):
    return [r[0] for r in store.execute("SELECT speaker_id FROM quote_speakers WHERE quote_id = ?", (quote_id,))]


def test_split_moves_exactly_the_ticked_quotes_and_undo_restores_the_exact_state(qtbot, make_window, db_path):
    from PySide6.QtCore import Qt

    from quotedesk.core.store.speakers import split_name_for
    from quotedesk.gui.split_dialog import QuoteIdRole

    _import(db_path, (STRIKE,))
    before = _snapshot(db_path)
    window = make_window()
    panel = _speakers_tab(window, qtbot)
    union = _with_three_quotes(panel)
    dialog = _open_split(panel, qtbot, union["id"])
    items = [dialog.quotes.item(i) for i in range(dialog.quotes.count())]
    assert len(items) == 3 and all(i.checkState() == Qt.CheckState.Checked for i in items)  # all ticked
    assert "We will not go back" in items[0].text() and "a1" in items[0].text() and "2024-05-01" in items[0].text()
    ids = [i.data(QuoteIdRole) for i in items]
    assert dialog.name.text() == split_name_for(window.store, union["id"], ids) != ""  # prefilled
    items[1].setCheckState(Qt.CheckState.Unchecked)  # "The city has had a year" stays with "union"
    dialog.name.clear()
    qtbot.keyClicks(dialog.name, "Eastbrook Teachers Union")
    assert dialog.ok_button.isEnabled()
    dialog.ok_button.click()
    qtbot.waitUntil(lambda: window.writes.pending == 0, timeout=TIMEOUT)
    with open_store(db_path, readonly=True) as store:
        new = store.execute("SELECT id FROM speakers WHERE name = 'Eastbrook Teachers Union'").fetchone()[0]
        assert [_speaker_of(store, q) for q in ids] == [[new], [union["id"]], [new]]  # exactly the ticked ones
        assert store.execute("SELECT count(*) FROM quote_speakers").fetchone()[0] == len(before["links"])
    window.undo_stack.undo()
    qtbot.waitUntil(lambda: window.writes.pending == 0, timeout=TIMEOUT)
    assert _snapshot(db_path) == before


def test_the_split_dialog_refuses_no_quote_or_a_taken_name(qtbot, make_window, db_path):
    _import(db_path, (STRIKE, BORIS))
    window = make_window()
    panel = _speakers_tab(window, qtbot)
    union = _with_three_quotes(panel)["id"]
    dialog = _open_split(panel, qtbot, union)
    dialog.check_none.click()
    assert not dialog.ok_button.isEnabled() and "Tick the quotes" in dialog.error.text()
    dialog.check_all.click()
    dialog.name.setText("Boris Johnson")
    assert not dialog.ok_button.isEnabled() and "already a speaker" in dialog.error.text()
    dialog.reject()
    assert window.undo_stack.count() == 0


def test_quote_rows_in_the_split_dialog_are_plain_text(qtbot, make_window, db_path):
    with open_store(db_path) as store:  # imported text that looks like HTML: the title and the mention
        import_draft(store, ArticleDraft('The Harbor Nurses Union met on Monday. "We want a fair deal and '
                                         'respect now," the union said.', title="<b>Strike</b> <img src=x>",
                                         outlet="<i>Gazette</i>", date="2024-05-01"))
    window = make_window()
    panel = _speakers_tab(window, qtbot)
    dialog = _open_split(panel, qtbot, panel.model.speaker(0)["id"])
    item = dialog.quotes.item(0)
    assert "<b>Strike</b> <img src=x>, <i>Gazette</i>" in item.text()  # a list item's text is never rich text
    tip = item.toolTip()
    assert "We want a fair deal" in tip and "&lt;b&gt;Strike&lt;/b&gt;" in tip and "<b>" not in tip
    dialog.reject()


def test_splitting_union_does_not_capture_later_quotes(qtbot, make_window, db_path):
    from quotedesk.gui.split_dialog import QuoteIdRole

    _import(db_path, (STRIKE,))
    window = make_window()
    panel = _speakers_tab(window, qtbot)
    union = _with_three_quotes(panel)["id"]
    for name in ("Union", "Eastbrook Teachers Union"):  # a generic name and a specific one
        dialog = _open_split(panel, qtbot, union)
        moved = dialog.quotes.item(0).data(QuoteIdRole)
        dialog.check_none.click()
        dialog.quotes.item(0).setCheckState(dialog.quotes.item(0).checkState().Checked)
        dialog.name.setText(name)
        dialog.ok_button.click()
        qtbot.waitUntil(lambda: window.writes.pending == 0, timeout=TIMEOUT)
        panel.load_now()
        with open_store(db_path, readonly=True) as store:
            split_id = store.execute("SELECT id FROM speakers WHERE name = ?", (name,)).fetchone()[0]
            assert _speaker_of(store, moved) == [split_id]
    _import(db_path, (LATER,), first=2)  # "the union said" in a later article
    with open_store(db_path, readonly=True) as store:
        split_ids = {r[0] for r in store.execute("SELECT id FROM speakers WHERE name IN "
                                                 "('Union', 'Eastbrook Teachers Union')")} | {union}
        later = store.execute("SELECT q.id FROM quotes q JOIN articles a ON a.id = q.article_id "
                              "WHERE a.title = 'a2'").fetchall()
        assert len(later) == 1
        assert not set(_speaker_of(store, later[0][0])) & split_ids  # not captured by the split speakers
        assert store.execute("SELECT 1 FROM speaker_aliases WHERE key = 'union'").fetchone() is None
