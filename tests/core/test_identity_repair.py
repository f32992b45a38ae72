"""Migration 0012's repair on a database in the bad state earlier versions left (the fixture
``merged-speakers-0008.db``, written by ``scripts/make_db_fixture.py --merged-speakers``): every
Johnson quote under "Mike Johnson", one of them confirmed by the analyst."""
from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from quotedesk.core.store import edits, open_store
from quotedesk.core.store.quotes import get_quote
from quotedesk.core.store.suggestions import AcceptSuggestion, DismissSuggestion, list_suggestions

FIXTURE = Path(__file__).resolve().parents[1] / "data" / "db" / "merged-speakers-0008.db"


@pytest.fixture
def store(tmp_path):
    path = tmp_path / "old.db"
    shutil.copyfile(FIXTURE, path)
    with open_store(path) as s:
        yield s


def speaker_of(store, quote_id):
    return get_quote(store, quote_id).speaker_label


def test_the_repair_splits_by_each_articles_own_name_and_renames_no_one(store):
    assert speaker_of(store, 4) == "Mike Johnson"  # the House Speaker's article keeps him
    assert [speaker_of(store, q) for q in (1, 2)] == ["Boris Johnson", "Boris Johnson"]
    assert store.execute("SELECT name FROM speakers WHERE id = 1").fetchone()[0] == "Mike Johnson"


def test_the_repair_leaves_analyst_confirmed_quotes_and_uncertain_articles_alone(store):
    assert speaker_of(store, 3) == "Mike Johnson"  # confirmed by the analyst: never moved
    assert speaker_of(store, 5) == "Mike Johnson"  # "Johnson" alone: nothing is guessed


def test_the_repair_is_recorded_for_review_with_what_it_moved(store):
    rows = list_suggestions(store)
    assert len(rows) == 1 and rows[0].kind == "repair"
    row = rows[0]
    assert (row.speaker.name, row.other.name) == ("Boris Johnson", "Mike Johnson")
    assert row.detail["quotes"] == [1, 2] and row.detail["articles"] == [1]
    assert "Boris Johnson" in row.reason and "Mike Johnson" in row.reason
    aliases = dict(store.execute("SELECT key, speaker_id FROM speaker_aliases").fetchall())
    assert aliases["boris johnson"] == row.speaker.speaker_id and aliases["mike johnson"] == 1
    assert "johnson" not in aliases  # a surname two named people share steers no one
    assert "union" not in aliases and aliases["eastbrook teachers union"] == 2  # a generic noun is no alias


def test_accepting_the_repair_undoes_it_and_that_is_undoable_too(store):
    row = list_suggestions(store)[0]
    applied = edits.apply(store, AcceptSuggestion(row.id))
    assert [speaker_of(store, q) for q in (1, 2, 3, 4, 5)] == ["Mike Johnson"] * 5
    edits.apply(store, applied.inverse)
    assert [speaker_of(store, q) for q in (1, 2)] == ["Boris Johnson", "Boris Johnson"]
    assert list_suggestions(store)[0].id == row.id


def test_dismissing_keeps_the_split(store):
    row = list_suggestions(store)[0]
    edits.apply(store, DismissSuggestion(row.id))
    assert list_suggestions(store) == [] and speaker_of(store, 1) == "Boris Johnson"
    assert json.loads(store.execute("SELECT detail FROM speaker_suggestions").fetchone()[0])["quotes"] == [1, 2]


def test_name_forms_and_evidence_are_backfilled_for_later_imports(store):
    forms = store.execute("SELECT s.name, f.article_id, f.mention, f.roles FROM speaker_forms f "
                          "JOIN speakers s ON s.id = f.speaker_id ORDER BY f.article_id, s.name").fetchall()
    assert ("Boris Johnson", 1, "Prime Minister Boris Johnson", "prime minister") in forms
    assert ("Mike Johnson", 2, "House Speaker Mike Johnson", "speaker") in forms
    from quotedesk.core.importer import import_draft
    from quotedesk.core.model import ArticleDraft

    article_id, _created, _n = import_draft(store, ArticleDraft('"Taxes stay," Prime Minister Johnson said.'))
    quote = store.execute("SELECT id FROM quotes WHERE article_id = ?", (article_id,)).fetchone()[0]
    assert speaker_of(store, quote) == "Boris Johnson"


def test_splitting_the_confirmed_quote_off_prefills_the_name_its_article_gives(store):
    from quotedesk.core.store.speakers import split_name_for

    assert split_name_for(store, 1, [3]) == "Boris Johnson"
