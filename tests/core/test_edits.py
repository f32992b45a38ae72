"""Invertible edits: applying an edit and then its inverse restores the database exactly, and
re-applying the inverse of the inverse (redo after undo) keeps the same ids."""
from __future__ import annotations

import pytest

from quotedesk.core.model import ArticleDraft, ExtractedQuote
from quotedesk.core.store import StoreError, open_store
from quotedesk.core.store import edits
from quotedesk.core.store.articles import add_article, get_article
from quotedesk.core.store.quotes import get_quote, quotes_for_article

TEXT = ('"Rents are too high," said Ana Rivera, the mayor. Council member Tom Baker disagreed. '
        '"The market will correct itself," Baker said.')


def q(needle: str, *speakers: str) -> ExtractedQuote:
    start = TEXT.index(needle)
    return ExtractedQuote(start, start + len(needle), needle, speakers=speakers, speaker_kind="person")


@pytest.fixture
def store():
    s = open_store(None)
    add_article(s, ArticleDraft(TEXT, title="Rents", date="2024-05-01"),
                [q("Rents are too high,", "Ana Rivera"), q("The market will correct itself,", "Tom Baker")])
    return s


def snapshot(store) -> dict:
    """Everything an edit may touch, ignoring timestamps."""
    tables = {
        "quotes": 'SELECT id, article_id, start, "end", text, kind, status, confidence FROM quotes ORDER BY id',
        "quote_speakers": "SELECT * FROM quote_speakers ORDER BY quote_id, speaker_id",
        "speakers": "SELECT id, name, kind FROM speakers ORDER BY id",
        "aliases": "SELECT * FROM speaker_aliases ORDER BY key",
        "articles": "SELECT id, title, outlet, date, url FROM articles",
        "fts": "SELECT rowid, text FROM quotes_fts ORDER BY rowid",
    }
    return {k: store.execute(sql).fetchall() for k, sql in tables.items()}


def roundtrip(store, op):
    before = snapshot(store)
    applied = edits.apply(store, op)
    after = snapshot(store)
    assert after != before, "the edit changed nothing"
    redo = edits.apply(store, applied.inverse)
    assert snapshot(store) == before
    edits.apply(store, redo.inverse)
    assert snapshot(store) == after  # redo after undo gives the same state, same ids
    return applied


def ids(store):
    return {name: sid for sid, name in store.execute("SELECT id, name FROM speakers")}


def test_change_speaker_to_existing_one(store):
    first = quotes_for_article(store, 1)[0]
    applied = roundtrip(store, edits.SetSpeakers(first.id, (ids(store)["Tom Baker"],)))
    assert get_quote(store, first.id).speaker_label == "Tom Baker"
    assert get_quote(store, first.id).status == "corrected"
    assert applied.changes.quotes == {first.id}


def test_change_speaker_to_a_new_name_creates_and_undo_removes_link(store):
    first = quotes_for_article(store, 1)[0]
    edits.apply(store, edits.SetSpeakers(first.id, new_names=("Maria Chen",)))
    assert get_quote(store, first.id).speaker_label == "Maria Chen"
    assert "Maria Chen" in ids(store)


def test_joint_speakers(store):
    first = quotes_for_article(store, 1)[0]
    sp = ids(store)
    roundtrip(store, edits.SetSpeakers(first.id, (sp["Ana Rivera"], sp["Tom Baker"])))
    assert get_quote(store, first.id).speaker_label == "Ana Rivera & Tom Baker"


def test_delete_and_restore_keeps_id_and_speakers(store):
    first = quotes_for_article(store, 1)[0]
    applied = roundtrip(store, edits.DeleteQuote(first.id))
    assert get_quote(store, first.id) is None
    assert store.execute("SELECT count(*) FROM quotes_fts WHERE quotes_fts MATCH 'rents'").fetchone()[0] == 0
    edits.apply(store, applied.inverse)
    assert get_quote(store, first.id).speaker_label == "Ana Rivera"


def test_mark_selection_as_quote(store):
    start = TEXT.index("Council member")
    applied = roundtrip(store, edits.AddQuote(1, start, start + 14, new_names=("Tom Baker",)))
    added = [r for r in quotes_for_article(store, 1) if r.status == "added"]
    assert [(r.text, r.speaker_label) for r in added] == [("Council member", "Tom Baker")]
    assert isinstance(applied.inverse, edits.DeleteQuote)


def test_mark_outside_the_article_is_refused(store):
    with pytest.raises(StoreError, match="outside the article"):
        edits.apply(store, edits.AddQuote(1, 5, len(TEXT) + 10))
    assert len(quotes_for_article(store, 1)) == 2


def test_confirm_many_is_one_step(store):
    all_ids = [r.id for r in quotes_for_article(store, 1)]
    roundtrip(store, edits.SetStatus.same(all_ids, "confirmed"))
    assert {r.status for r in quotes_for_article(store, 1)} == {"confirmed"}


def test_change_span_follows_article_text(store):
    second = quotes_for_article(store, 1)[1]
    roundtrip(store, edits.SetSpan(second.id, second.start, second.end - 1))
    assert get_quote(store, second.id).text == "The market will correct itself"


def test_article_metadata(store):
    roundtrip(store, edits.UpdateArticle(1, {"title": "Rents soar", "outlet": "Gazette", "date": "2024-05-02"}))
    with pytest.raises(StoreError):
        edits.apply(store, edits.UpdateArticle(1, {"text": "rewritten"}))
    assert get_article(store, 1)["text"] == TEXT


def test_rename_and_merge_speakers(store):
    sp = ids(store)
    roundtrip(store, edits.RenameSpeaker(sp["Tom Baker"], "Thomas Baker"))
    applied = roundtrip(store, edits.MergeSpeakers(sp["Ana Rivera"], sp["Tom Baker"]))
    assert {r.speaker_label for r in quotes_for_article(store, 1)} == {"Ana Rivera"}
    assert len(applied.changes.quotes) == 1
    from quotedesk.core.store.speakers import lookup_speaker
    assert lookup_speaker(store, "Baker") == sp["Ana Rivera"]  # future imports follow the merge


def test_merge_of_a_joint_quote_undoes_cleanly(store):
    sp = ids(store)
    first = quotes_for_article(store, 1)[0]
    edits.apply(store, edits.SetSpeakers(first.id, (sp["Ana Rivera"], sp["Tom Baker"])))
    roundtrip(store, edits.MergeSpeakers(sp["Ana Rivera"], sp["Tom Baker"]))


def test_edit_of_a_vanished_quote_is_a_clear_error(store):
    with pytest.raises(StoreError, match="no longer exists"):
        edits.apply(store, edits.SetSpeakers(999, ()))
