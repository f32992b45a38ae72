"""Identity through the store: imports that never rewrite what is stored, merge suggestions the
analyst accepts or dismisses (undoable, remembered), splitting chosen quotes off a speaker."""
from __future__ import annotations

import pytest

from quotedesk.core.importer import import_draft
from quotedesk.core.model import ArticleDraft
from quotedesk.core.store import StoreError, edits, open_store
from quotedesk.core.store.quotes import quotes_for_article
from quotedesk.core.store.speakers import list_speakers, split_name_for
from quotedesk.core.store.suggestions import AcceptSuggestion, DismissSuggestion, list_suggestions

BORIS = ('Prime Minister Boris Johnson defended the budget on Monday. "We will not raise taxes," '
         'Johnson said. "Growth is coming," he added.')
MIKE = 'House Speaker Mike Johnson rejected the plan. "This bill is dead," Johnson told reporters.'
BARE = 'The debate went on for hours. "Nothing changes tonight," Johnson said.'


def state(store):
    """Everything an identity edit could touch, for exact before/after comparisons."""
    q = {name: store.execute(sql).fetchall() for name, sql in {
        "speakers": "SELECT id, name, kind, description, n_quotes, first_date, last_date, scope_article "
                    "FROM speakers ORDER BY id",
        "links": "SELECT quote_id, speaker_id, position FROM quote_speakers ORDER BY quote_id, speaker_id",
        "aliases": "SELECT key, alias, speaker_id FROM speaker_aliases ORDER BY key",
        "forms": "SELECT * FROM speaker_forms ORDER BY id",
        "suggestions": "SELECT id, speaker_id, other_id, kind, status FROM speaker_suggestions ORDER BY id",
    }.items()}
    return q


def speakers_by_name(store):
    return {s["name"]: s for s in list_speakers(store)}


def imp(store, text, n):
    return import_draft(store, ArticleDraft(text, title=f"a{n}", outlet="Gazette", date=f"2024-05-0{n}"))


@pytest.fixture
def store():
    s = open_store(None)
    for n, text in enumerate((BORIS, MIKE, BARE), start=1):
        imp(s, text, n)
    return s


def labels(store, article_id):
    return [q.speaker_label for q in quotes_for_article(store, article_id)]


def test_a_second_johnson_never_renames_the_first(store):
    assert labels(store, 1) == ["Boris Johnson", "Boris Johnson"]
    assert labels(store, 2) == ["Mike Johnson"]
    assert labels(store, 3) == ["Johnson"]  # the article's own name, not a guess


def test_an_ambiguous_surname_gets_a_suggestion_with_evidence_side_by_side(store):
    rows = list_suggestions(store)
    assert {(r.speaker.name, r.other.name) for r in rows} == {("Johnson", "Boris Johnson"), ("Johnson", "Mike Johnson")}
    boris = next(r for r in rows if r.other.name == "Boris Johnson")
    assert boris.other.forms == ("Prime Minister Boris Johnson",) and boris.other.roles == ("Prime Minister",)
    assert boris.speaker.articles == ("Gazette, 2024-05-03: a3",)
    speakers = speakers_by_name(store)
    assert speakers["Johnson"]["suggestions"] == 2
    assert (speakers["Boris Johnson"]["forms"], speakers["Boris Johnson"]["n_articles"]) == (
        ["Prime Minister Boris Johnson"], 1)


def test_accepting_merges_and_undo_restores_the_exact_previous_state(store):
    before = state(store)
    row = next(r for r in list_suggestions(store) if r.other.name == "Boris Johnson")
    applied = edits.apply(store, AcceptSuggestion(row.id))
    assert labels(store, 3) == ["Boris Johnson"]
    assert speakers_by_name(store)["Boris Johnson"]["n_quotes"] == 3
    assert list_suggestions(store) == []  # the other question was about the merged-away speaker
    assert [r.id for r in list_suggestions(store, status="accepted")] == []  # its speaker is gone
    redo = edits.apply(store, applied.inverse)
    assert state(store) == before
    edits.apply(store, redo.inverse)
    assert labels(store, 3) == ["Boris Johnson"]


def test_an_accepted_merge_teaches_later_imports(store):
    row = next(r for r in list_suggestions(store) if r.other.name == "Boris Johnson")
    edits.apply(store, AcceptSuggestion(row.id))
    with pytest.raises(StoreError, match="already accepted"):
        edits.apply(store, AcceptSuggestion(row.id))


def test_dismissing_is_remembered_and_undoable(store):
    before = state(store)
    row = next(r for r in list_suggestions(store) if r.other.name == "Mike Johnson")
    applied = edits.apply(store, DismissSuggestion(row.id))
    assert {r.other.name for r in list_suggestions(store)} == {"Boris Johnson"}
    assert [r.id for r in list_suggestions(store, status="dismissed")] == [row.id]
    assert labels(store, 3) == ["Johnson"]
    edits.apply(store, applied.inverse)
    assert state(store) == before


def test_an_answered_question_is_not_asked_again(store):
    from quotedesk.core.store.speakers import suggest

    row = next(r for r in list_suggestions(store) if r.other.name == "Mike Johnson")
    edits.apply(store, DismissSuggestion(row.id))
    with store.transaction():
        suggest(store, row.other.speaker_id, row.speaker.speaker_id, "asked the other way round")
    assert store.execute("SELECT count(*) FROM speaker_suggestions").fetchone()[0] == 2


def test_merged_away_speaker_ids_are_never_reused(store):
    row = next(r for r in list_suggestions(store) if r.other.name == "Boris Johnson")
    gone = row.speaker.speaker_id
    edits.apply(store, AcceptSuggestion(row.id))
    imp(store, 'Talks ended. "We are done," Johnson said.', 4)
    assert gone not in {s["id"] for s in list_speakers(store)}


def test_importing_never_changes_stored_attributions(store):
    before = {a: labels(store, a) for a in (1, 2, 3)}
    imp(store, 'Mike Johnson, the speaker, said "no deal". Boris Johnson said "we will see".', 4)
    imp(store, '"Taxes stay," Prime Minister Johnson said.', 5)
    assert {a: labels(store, a) for a in (1, 2, 3)} == before
    assert labels(store, 5) == ["Boris Johnson"]  # the title agrees with exactly one Johnson


UNION_A = ('Teachers and nurses walked out. "We will strike," the union said. The Eastbrook Teachers Union '
           'and the Harbor Nurses Union both voted.')
UNION_B = 'Nurses marched. "Pay us," the union said. Unions had called the march.'


def test_a_generic_name_is_a_speaker_of_its_article_only():
    s = open_store(None)
    imp(s, UNION_A, 1)
    imp(s, UNION_B, 2)
    unions = [sp for sp in list_speakers(s) if sp["name"].startswith("union")]
    assert len(unions) == 2 and all(u["scope_article"] for u in unions)
    assert s.execute("SELECT count(*) FROM speaker_aliases WHERE key = 'union'").fetchone()[0] == 0


def test_a_generic_noun_is_the_one_organisation_its_article_names():
    s = open_store(None)
    imp(s, 'The Eastbrook Teachers Union met. "We will strike," the union said.', 1)
    imp(s, 'The Nurses Union called a strike. "We have no beds," a hospital spokeswoman said.', 2)
    imp(s, '"Talks failed," a spokeswoman for the Health Ministry said. The ministry said "no comment".', 3)
    assert labels(s, 1) == ["Eastbrook Teachers Union"]
    assert labels(s, 2) == ["hospital spokeswoman"]  # not the union named before her
    assert labels(s, 3) == ["Health Ministry", "Health Ministry"]


def test_splitting_moves_exactly_the_chosen_quotes_and_captures_nothing_later():
    s = open_store(None)
    imp(s, UNION_A, 1)
    union = next(sp for sp in list_speakers(s) if sp["name"] == "union")
    quote_ids = [q.id for q in quotes_for_article(s, 1)]
    assert split_name_for(s, union["id"], quote_ids) == "Eastbrook Teachers Union"
    before = state(s)
    applied = edits.apply(s, edits.SplitSpeaker(union["id"], tuple(quote_ids), "Eastbrook Teachers Union"))
    assert labels(s, 1) == ["Eastbrook Teachers Union"]
    imp(s, UNION_B, 2)
    imp(s, 'Talks failed. "No," the union said.', 3)
    assert labels(s, 2)[0].startswith("union") and labels(s, 3)[0].startswith("union (")
    assert speakers_by_name(s)["Eastbrook Teachers Union"]["n_quotes"] == 1
    s.execute("DELETE FROM quotes WHERE article_id IN (2, 3)")  # back to what the undo must restore
    s.execute("DELETE FROM speaker_forms WHERE article_id IN (2, 3)")
    s.execute("DELETE FROM speakers WHERE id > ?", (max(r[0] for r in before["speakers"]) + 1,))
    edits.apply(s, applied.inverse)
    assert state(s) == before


def test_split_refuses_quotes_of_someone_else_and_a_taken_name(store):
    boris = speakers_by_name(store)["Boris Johnson"]["id"]
    mike_quote = quotes_for_article(store, 2)[0].id
    with pytest.raises(StoreError, match="not attributed"):
        edits.apply(store, edits.SplitSpeaker(boris, (mike_quote,), "Someone"))
    first = quotes_for_article(store, 1)[0].id
    with pytest.raises(StoreError, match="already a speaker"):
        edits.apply(store, edits.SplitSpeaker(boris, (first,), "Mike Johnson"))


def test_a_speaker_the_analyst_emptied_is_no_candidate_any_more():
    s = open_store(None)
    imp(s, 'Johnson, the prime minister, said "we will win".', 1)
    quote = quotes_for_article(s, 1)[0].id
    edits.apply(s, edits.SetSpeakers(quote, new_names=("Boris Johnson",)))  # the analyst's correction
    imp(s, 'Johnson, the prime minister, said "we will see".', 2)
    assert labels(s, 2) != ["Johnson"]  # not the speaker the analyst emptied
    # article 1's "Johnson, the prime minister" went with the quote to Boris Johnson: the same
    # name and role in a later article is him, and the question is not asked again
    assert labels(s, 2) == ["Boris Johnson"]
    assert list_suggestions(s) == []
