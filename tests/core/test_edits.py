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
        "speakers": "SELECT id, name, kind, description, n_quotes, first_date, last_date FROM speakers ORDER BY id",
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
    assert lookup_speaker(store, "Thomas Baker") == sp["Ana Rivera"]  # typed names follow the merge


def test_merge_of_a_joint_quote_undoes_cleanly(store):
    sp = ids(store)
    first = quotes_for_article(store, 1)[0]
    edits.apply(store, edits.SetSpeakers(first.id, (sp["Ana Rivera"], sp["Tom Baker"])))
    roundtrip(store, edits.MergeSpeakers(sp["Ana Rivera"], sp["Tom Baker"]))


def test_edit_of_a_vanished_quote_is_a_clear_error(store):
    with pytest.raises(StoreError, match="no longer exists"):
        edits.apply(store, edits.SetSpeakers(999, ()))


def test_split_quote_between_words_and_merge_back(store):
    second = quotes_for_article(store, 1)[1]  # "The market will correct itself,"
    at = TEXT.index("will correct")
    roundtrip(store, edits.SplitQuote(second.id, at))
    rows = quotes_for_article(store, 1)
    assert [r.text for r in rows[1:]] == ["The market", "will correct itself,"]
    assert {r.speaker_label for r in rows[1:]} == {"Tom Baker"}
    assert store.execute("SELECT n_quotes FROM speakers WHERE name = 'Tom Baker'").fetchone()[0] == 2
    merge = edits.merge_quotes(store, [r.id for r in rows[1:]])
    assert merge.label == "Merge quotes"
    roundtrip(store, merge)
    assert [r.text for r in quotes_for_article(store, 1)] == ["Rents are too high,", "The market will correct itself,"]


def test_split_outside_the_words_is_refused(store):
    second = quotes_for_article(store, 1)[1]
    with pytest.raises(StoreError, match="between two words"):
        edits.apply(store, edits.SplitQuote(second.id, second.start))


def test_merge_needs_quotes_of_one_article(store):
    first = quotes_for_article(store, 1)[0]
    with pytest.raises(StoreError, match="two or more"):
        edits.merge_quotes(store, [first.id])


def test_speaker_details(store):
    sid = ids(store)["Ana Rivera"]
    roundtrip(store, edits.SetSpeakerInfo(sid, kind="person", description="Mayor of Harbor City"))


def test_split_alias_moves_the_quotes_said_under_that_name(store):
    from quotedesk.core.store.speakers import lookup_speaker, speaker_aliases

    sp = ids(store)
    baker = quotes_for_article(store, 1)[1]
    rivera = quotes_for_article(store, 1)[0]
    store.execute("UPDATE quotes SET mention = 'Mr. Tom Baker' WHERE id = ?", (baker.id,))
    store.execute("UPDATE quotes SET mention = 'Rivera' WHERE id = ?", (rivera.id,))
    edits.apply(store, edits.MergeSpeakers(sp["Ana Rivera"], sp["Tom Baker"]))
    assert "Tom Baker" in speaker_aliases(store)[sp["Ana Rivera"]]
    applied = roundtrip(store, edits.SplitAlias(sp["Ana Rivera"], "Tom Baker"))
    new_id = lookup_speaker(store, "Tom Baker")
    assert new_id != sp["Ana Rivera"]
    assert get_quote(store, baker.id).speaker_label == "Tom Baker"  # said under that name: moves
    assert get_quote(store, rivera.id).speaker_label == "Ana Rivera"  # said under another name: stays
    assert applied.changes.speakers
    with pytest.raises(StoreError, match="own name"):
        edits.apply(store, edits.SplitAlias(sp["Ana Rivera"], "Ana Rivera"))


def test_speaker_stats_follow_every_change(store):
    from quotedesk.core.store.speakers import list_speakers

    first = quotes_for_article(store, 1)[0]
    stats = {s["name"]: (s["n_quotes"], s["first_date"], s["last_date"]) for s in list_speakers(store)}
    assert stats == {"Ana Rivera": (1, "2024-05-01", "2024-05-01"), "Tom Baker": (1, "2024-05-01", "2024-05-01")}
    edits.apply(store, edits.UpdateArticle(1, {"date": "2023-12-31"}))
    edits.apply(store, edits.SetSpeakers(first.id, (ids(store)["Tom Baker"],)))
    stats = {s["name"]: (s["n_quotes"], s["first_date"], s["last_date"]) for s in list_speakers(store)}
    assert stats == {"Tom Baker": (2, "2023-12-31", "2023-12-31"), "Ana Rivera": (0, None, None)}


def test_review_progress_of_the_day(store):
    from quotedesk.core.store.quotes import review_counts

    first = quotes_for_article(store, 1)[0]
    edits.apply(store, edits.SetStatus.same([first.id], "confirmed"))
    assert review_counts(store) == {"auto": 1, "confirmed": 1, "corrected": 0, "added": 0}
    assert review_counts(store, since="2000-01-01")["confirmed"] == 1
    assert review_counts(store, since="2999-01-01") == {"auto": 1, "confirmed": 0, "corrected": 0, "added": 0}


def test_article_titles_in_one_query(store):
    from quotedesk.core.store.articles import article_titles

    assert article_titles(store, [1, 1, 99]) == {1: "Rents"}


def test_undo_never_overwrites_a_speaker_another_program_set_since(tmp_path):
    """The window changes a speaker; another program (a second connection) then attributes the
    quote to someone else; undoing the window's change must refuse, not put the old speaker
    back over the later attribution. With nobody else writing, undo and redo still work."""
    path = tmp_path / "q.db"
    mine = open_store(path)
    add_article(mine, ArticleDraft(TEXT, title="Rents", date="2024-05-01"),
                [q("Rents are too high,", "Ana Rivera"), q("The market will correct itself,", "Tom Baker")])
    first = quotes_for_article(mine, 1)[0]
    applied = edits.apply(mine, edits.SetSpeakers(first.id, (ids(mine)["Tom Baker"],)))
    other = open_store(path)
    edits.apply(other, edits.SetSpeakers(first.id, new_names=("Lena Park",)))
    other.close()
    before = snapshot(mine)
    with pytest.raises(StoreError, match="changed in another window or program.*Lena Park"):
        edits.apply(mine, applied.inverse)
    assert snapshot(mine) == before
    assert get_quote(mine, first.id).speaker_label == "Lena Park"
    # with nobody else writing in between, undo and redo work as before
    second = quotes_for_article(mine, 1)[1]
    step = edits.apply(mine, edits.SetSpeakers(second.id, (ids(mine)["Ana Rivera"],)))
    back = edits.apply(mine, step.inverse)
    assert get_quote(mine, second.id).speaker_label == "Tom Baker"
    edits.apply(mine, back.inverse)
    assert get_quote(mine, second.id).speaker_label == "Ana Rivera"
    mine.close()


def forms_of(store, name):
    return store.execute("SELECT f.* FROM speaker_forms f JOIN speakers s ON s.id = f.speaker_id "
                         "WHERE s.name = ? ORDER BY f.id", (name,)).fetchall()


def test_deleting_a_speakers_only_quote_drops_the_name_forms_and_undo_restores_them(store):
    """A false quote deleted must not leave "Ana Rivera, the mayor" in the article's name forms
    (later imports would still pull quotes of that name to her through it)."""
    rivera = next(x for x in quotes_for_article(store, 1) if x.speaker_label == "Ana Rivera")
    kept = forms_of(store, "Ana Rivera")
    assert kept, "the import recorded no name form to test with"
    applied = edits.apply(store, edits.DeleteQuote(rivera.id))
    assert forms_of(store, "Ana Rivera") == []
    redo = edits.apply(store, applied.inverse)
    assert forms_of(store, "Ana Rivera") == kept  # the same rows, the same ids
    edits.apply(store, redo.inverse)
    assert forms_of(store, "Ana Rivera") == []


def test_deleting_one_of_two_quotes_keeps_the_name_forms(store):
    baker = next(x for x in quotes_for_article(store, 1) if x.speaker_label == "Tom Baker")
    rivera = next(x for x in quotes_for_article(store, 1) if x.speaker_label == "Ana Rivera")
    edits.apply(store, edits.SetSpeakers(rivera.id, (ids(store)["Tom Baker"],)))
    kept = forms_of(store, "Tom Baker")
    assert kept
    edits.apply(store, edits.DeleteQuote(baker.id))
    assert forms_of(store, "Tom Baker") == kept  # Baker still speaks in the article
