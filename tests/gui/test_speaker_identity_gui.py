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
