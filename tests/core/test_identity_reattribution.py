"""Later imports follow the analyst: a quote re-attributed to another speaker takes its
article's name form along (so that name no longer pulls later quotes back to the old speaker),
and an answered merge question is not asked again when a later article names the same people."""
from __future__ import annotations

from test_speaker_suggestions import BARE, BORIS, MIKE, state

from quotedesk.core.importer import import_draft
from quotedesk.core.model import ArticleDraft
from quotedesk.core.store import edits, open_store
from quotedesk.core.store.quotes import quotes_for_article
from quotedesk.core.store.speakers import list_speakers
from quotedesk.core.store.suggestions import AcceptSuggestion, DismissSuggestion, list_suggestions

MAYOR = 'Mayor Ana Ruiz opened the bridge on Monday. "It took ten years," Ruiz said.'
DOCTOR = 'Dr. Ana Ruiz, a surgeon at the clinic, treated patients all week. "Drink water," Ruiz said.'
MAYOR_LATER = 'Mayor Ana Ruiz cut the ribbon. "This is a good day," Ruiz said.'


def imp(store, text, n):
    return import_draft(store, ArticleDraft(text, title=f"a{n}", outlet="Gazette", date=f"2024-05-{n:02d}"))


def speaker_of(store, article_id):
    return [q.speaker_ids for q in quotes_for_article(store, article_id)]


def sid(store, name):
    return store.execute("SELECT id FROM speakers WHERE name = ?", (name,)).fetchone()[0]


def test_a_reattributed_name_form_sends_later_quotes_to_the_analysts_speaker():
    store = open_store(None)
    imp(store, MAYOR, 1)
    imp(store, DOCTOR, 2)
    mayor, doctor = speaker_of(store, 1)[0][0], speaker_of(store, 2)[0][0]
    assert mayor != doctor  # the role differs: two speakers and a question
    before = state(store)
    quote = quotes_for_article(store, 1)[0].id
    applied = edits.apply(store, edits.SetSpeakers(quote, (doctor,)))  # the analyst: she is the doctor
    forms = store.execute("SELECT speaker_id FROM speaker_forms WHERE article_id = 1").fetchall()
    assert forms == [(doctor,)]  # the article's "Mayor Ana Ruiz" is now the doctor's name form
    redo = edits.apply(store, applied.inverse)
    assert state(store) == before  # undo restores the forms exactly
    edits.apply(store, redo.inverse)
    imp(store, MAYOR_LATER, 3)
    assert speaker_of(store, 3) == [(doctor,)]  # not back to the speaker the analyst moved it away from
    assert speaker_of(store, 1) == [(doctor,)] and speaker_of(store, 2) == [(doctor,)]


def test_moving_one_articles_quotes_leaves_the_old_speakers_other_articles_as_they_are():
    store = open_store(None)
    imp(store, MAYOR, 1)
    imp(store, DOCTOR, 2)
    imp(store, MAYOR_LATER, 3)
    mayor, doctor = speaker_of(store, 1)[0][0], speaker_of(store, 2)[0][0]
    assert speaker_of(store, 3) == [(mayor,)]  # same full name and role
    edits.apply(store, edits.SetSpeakers(quotes_for_article(store, 3)[0].id, (doctor,)))
    owners = dict(store.execute("SELECT article_id, speaker_id FROM speaker_forms WHERE article_id IN (1, 3)"))
    assert owners == {1: mayor, 3: doctor}
    # a fourth "Mayor Ana Ruiz": the analyst said one such article is the doctor, the other the
    # mayor speaker, so it joins neither on its own: a new speaker and a question about each
    imp(store, 'Mayor Ana Ruiz spoke at the school. "Classes start in May," Ruiz said.', 4)
    (new,), = speaker_of(store, 4)
    assert new not in (mayor, doctor)
    asked = {r.other.speaker_id for r in list_suggestions(store, speaker_id=new) if r.speaker.speaker_id == new}
    assert asked == {mayor, doctor}


def test_a_partly_moved_article_keeps_its_form_with_the_speaker_still_quoted_there():
    store = open_store(None)
    imp(store, BORIS, 1)
    imp(store, MIKE, 2)
    boris, mike = sid(store, "Boris Johnson"), sid(store, "Mike Johnson")
    first, _second = (q.id for q in quotes_for_article(store, 1))
    edits.apply(store, edits.SetSpeakers(first, (mike,)))
    assert dict(store.execute("SELECT article_id, speaker_id FROM speaker_forms WHERE article_id = 1")) == {1: boris}


def test_a_dismissed_question_is_not_asked_again_by_later_imports():
    store = open_store(None)
    for n, text in enumerate((BORIS, MIKE, BARE), start=1):
        imp(store, text, n)
    bare = sid(store, "Johnson")
    for row in list_suggestions(store, speaker_id=bare):
        edits.apply(store, DismissSuggestion(row.id))  # "Johnson" of article 3 is neither
    assert list_suggestions(store) == []
    # later articles about the same people (joined by full name and role) ask nothing again
    imp(store, 'Prime Minister Boris Johnson visited the port. "Trade is up," Johnson said.', 4)
    imp(store, 'House Speaker Mike Johnson called a vote. "We have the numbers," Johnson said.', 5)
    assert speaker_of(store, 4) == [(sid(store, "Boris Johnson"),)]
    assert speaker_of(store, 5) == [(sid(store, "Mike Johnson"),)]
    assert list_suggestions(store) == []


def test_an_accepted_merge_is_followed_by_later_imports():
    store = open_store(None)
    for n, text in enumerate((BORIS, MIKE, BARE), start=1):
        imp(store, text, n)
    row = next(r for r in list_suggestions(store) if r.other.name == "Boris Johnson")
    edits.apply(store, AcceptSuggestion(row.id))
    boris = sid(store, "Boris Johnson")
    imp(store, 'Prime Minister Boris Johnson spoke again. "Growth is here," Johnson said.', 4)
    assert speaker_of(store, 4) == [(boris,)]
    assert list_suggestions(store) == []  # nothing re-opened about the merged pair


def test_a_quote_left_with_no_speaker_drops_that_articles_forms_and_undo_restores_them():
    store = open_store(None)
    imp(store, MAYOR, 1)
    imp(store, 'Ana Ruiz spoke at the school. "Classes start in May," Ruiz said.', 2)
    (ruiz,), = speaker_of(store, 1)
    assert speaker_of(store, 2) == [(ruiz,)]  # same full name, nothing conflicts
    before = state(store)
    applied = edits.apply(store, edits.SetSpeakers(quotes_for_article(store, 1)[0].id, ()))  # "not hers"
    assert store.execute("SELECT count(*) FROM speaker_forms WHERE article_id = 1").fetchone() == (0,)
    row = next(r for r in list_speakers(store) if r["id"] == ruiz)
    assert row["n_articles"] == 1 and row["forms"] == ["Ana Ruiz"]  # the panel no longer shows "Mayor Ana Ruiz"
    redo = edits.apply(store, applied.inverse)
    assert state(store) == before  # undo gives back the same rows, ids included
    edits.apply(store, redo.inverse)
    # the mayor's role was that article's evidence: it no longer stands against a Dr. Ana Ruiz
    imp(store, DOCTOR, 3)
    assert speaker_of(store, 3) == [(ruiz,)]


def test_the_mayors_role_left_behind_would_have_kept_the_doctor_apart():
    """The control for the test above: with the speaker still on the mayor's quote, the same
    Dr. Ana Ruiz is a new speaker and a question (role mayor vs doctor)."""
    store = open_store(None)
    imp(store, MAYOR, 1)
    imp(store, 'Ana Ruiz spoke at the school. "Classes start in May," Ruiz said.', 2)
    (ruiz,), = speaker_of(store, 1)
    imp(store, DOCTOR, 3)
    (doctor,), = speaker_of(store, 3)
    assert doctor != ruiz
    assert {r.other.speaker_id for r in list_suggestions(store, speaker_id=doctor)} == {ruiz}


def test_several_new_speakers_take_the_form_only_when_one_has_that_name():
    store = open_store(None)
    imp(store, MAYOR, 1)
    imp(store, DOCTOR, 2)
    mayor, doctor = speaker_of(store, 1)[0][0], speaker_of(store, 2)[0][0]
    quote = quotes_for_article(store, 1)[0].id
    before = state(store)
    # the analyst: the doctor and a Tom Berg said it together; "Mayor Ana Ruiz" is the doctor's name
    applied = edits.apply(store, edits.SetSpeakers(quote, (doctor,), ("Tom Berg",)))
    assert store.execute("SELECT speaker_id FROM speaker_forms WHERE article_id = 1").fetchall() == [(doctor,)]
    edits.apply(store, applied.inverse)
    after = state(store)  # (the speaker the analyst typed stays, as after any undo of a typed name)
    assert after["forms"][:2] == before["forms"] and after["links"] == before["links"]
    # Tom Berg and a new "Eve Stone": neither is an Ana Ruiz, so the article's form is dropped
    applied = edits.apply(store, edits.SetSpeakers(quote, (), ("Tom Berg", "Eve Stone")))
    assert store.execute("SELECT count(*) FROM speaker_forms WHERE article_id = 1").fetchone() == (0,)
    assert mayor not in {sid for (sid,) in store.execute("SELECT speaker_id FROM speaker_forms")}
    undone = edits.apply(store, applied.inverse)
    restored = state(store)
    assert restored["forms"][:2] == before["forms"] and restored["links"] == before["links"]
    edits.apply(store, undone.inverse)  # redo drops them again
    assert store.execute("SELECT count(*) FROM speaker_forms WHERE article_id = 1").fetchone() == (0,)


def test_undo_after_a_later_import_took_the_dropped_forms_id_keeps_both_rows():
    store = open_store(None)
    imp(store, MAYOR, 1)
    imp(store, 'Ana Ruiz spoke at the school. "Classes start in May," Ruiz said.', 2)
    (ruiz,), = speaker_of(store, 2)
    quote = quotes_for_article(store, 2)[0].id  # the newest form row: its id is free again once dropped
    dropped = store.execute("SELECT * FROM speaker_forms WHERE article_id = 2").fetchall()
    applied = edits.apply(store, edits.SetSpeakers(quote, ()))
    imp(store, 'Tom Berg opened the fair. "Welcome," Berg said.', 3)  # reuses the freed id
    edits.apply(store, applied.inverse)
    back = store.execute("SELECT * FROM speaker_forms WHERE article_id = 2").fetchall()
    assert [r[1:] for r in back] == [r[1:] for r in dropped]  # same row, under a new id
    assert store.execute("SELECT count(*) FROM speaker_forms WHERE article_id = 3").fetchone() == (1,)
    assert speaker_of(store, 2) == [(ruiz,)]
