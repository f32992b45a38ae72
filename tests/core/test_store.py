"""The store: schema and migrations, deduplication, speaker resolution, safe search."""
from __future__ import annotations

import sqlite3

import pytest

from quotedesk.core.model import ArticleDraft, ExtractedQuote, Span
from quotedesk.core.store import StoreError, open_store
from quotedesk.core.store.articles import add_article, count_articles, list_articles
from quotedesk.core.store.migrations import migrations
from quotedesk.core.store.quotes import fts_phrase_query, quotes_for_article, search_quotes
from quotedesk.core.store.speakers import list_speakers, lookup_speaker, resolve_speaker

TEXT = 'Talks resumed. "We will not give up the port," said Russian President Vladimir Putin.'


def quote(text: str, needle: str, *speakers: str, **kw) -> ExtractedQuote:
    start = text.index(needle)
    return ExtractedQuote(start, start + len(needle), needle, speakers=tuple(speakers), **kw)


def test_schema_has_tables_foreign_keys_and_fts(tmp_path):
    path = tmp_path / "q.db"
    with open_store(path) as store:
        tables = set(store.db.table_names())
        assert {"articles", "speakers", "speaker_aliases", "quotes", "quote_speakers", "quotes_fts",
                "statements", "verdicts", "matches"} <= tables
        assert store.execute("PRAGMA foreign_keys").fetchone()[0] == 1
        assert store.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    # a plain sqlite3 connection (as the sqlite3 shell or Datasette would) reads it cleanly
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert conn.execute("SELECT count(*) FROM quotes_view").fetchone()[0] == 0
    conn.close()


def test_reopening_applies_nothing_twice(tmp_path):
    path = tmp_path / "q.db"
    open_store(path).close()
    with open_store(path) as store:
        assert [m.name for m in migrations.applied(store.db)] == [m.name for m in migrations._migrations]


def test_database_from_newer_version_is_refused_and_untouched(tmp_path):
    path = tmp_path / "q.db"
    with open_store(path) as store:
        store.execute("INSERT INTO _sqlite_migrations (migration_set, name, applied_at) "
                      "VALUES ('quotedesk', '9999_future', '2030-01-01')")
    before = path.read_bytes()
    with pytest.raises(StoreError, match="newer version"):
        open_store(path)
    assert path.read_bytes() == before


def test_backup_is_taken_before_a_migration(tmp_path):
    path = tmp_path / "q.db"
    from sqlite_utils import Database

    db = Database(path)
    migrations.apply(db, stop_before="0002_statements")
    db["articles"].insert({"title": "old", "sha256": "x", "text": "kept"})
    db.conn.close()
    with open_store(path) as store:
        assert store.execute("SELECT text FROM articles").fetchone()[0] == "kept"
        assert "statements" in store.db.table_names()
    backups = list(tmp_path.glob("q.db.before-0002_statements.bak"))
    assert len(backups) == 1
    old = sqlite3.connect(backups[0])
    assert old.execute("SELECT text FROM articles").fetchone()[0] == "kept"
    assert "statements" not in {r[0] for r in old.execute("SELECT name FROM sqlite_master")}
    old.close()


def test_not_a_database_gets_a_clear_message(tmp_path):
    path = tmp_path / "notes.db"
    path.write_bytes(b"this is a text file, not a database" * 100)
    with pytest.raises(StoreError, match="not a Quotedesk database"):
        open_store(path)


def test_same_article_twice_is_stored_once():
    store = open_store(None)
    q = [quote(TEXT, "We will not give up the port,", "Vladimir Putin")]
    first = add_article(store, ArticleDraft(TEXT, title="Port"), q)
    second = add_article(store, ArticleDraft(TEXT, title="Port again"), q)
    assert first == (first[0], True) and second == (first[0], False)
    assert count_articles(store) == 1
    assert store.execute("SELECT count(*) FROM quotes").fetchone()[0] == 1


def test_a_failing_article_leaves_no_partial_rows():
    store = open_store(None)
    bad = ExtractedQuote(0, 5, TEXT[:5], kind="not-a-kind")  # violates the CHECK constraint
    with pytest.raises(sqlite3.IntegrityError):
        add_article(store, ArticleDraft(TEXT), [quote(TEXT, "We will", "Putin"), bad])
    assert store.execute("SELECT count(*) FROM articles").fetchone()[0] == 0
    assert store.execute("SELECT count(*) FROM quotes").fetchone()[0] == 0
    assert store.execute("SELECT count(*) FROM speakers").fetchone()[0] == 0


def test_a_bare_surname_never_joins_on_the_surname_alone():
    """Issue 12: "Putin" alone in a later article is not silently joined to "Vladimir Putin": it
    keeps the article's own name and the analyst is asked; a role that agrees joins it."""
    store = open_store(None)
    add_article(store, ArticleDraft(TEXT, date="2024-01-02"),
                [quote(TEXT, "We will not give up the port,", "Vladimir Putin", speaker_kind="person",
                       mention="Russian President Vladimir Putin", mention_span=Span(52, 84))])
    later = 'Putin spoke again. "The port is ours," Putin said.'
    add_article(store, ArticleDraft(later, date="2024-02-03"), [quote(later, "The port is ours,", "Putin")])
    speakers = {s["name"]: s for s in list_speakers(store)}
    assert set(speakers) == {"Vladimir Putin", "Putin"}
    assert speakers["Vladimir Putin"]["n_quotes"] == 1 and speakers["Putin"]["suggestions"] == 1
    third = 'The president spoke. "The port stays," President Putin said.'
    add_article(store, ArticleDraft(third, date="2024-03-04"), [quote(third, "The port stays,", "Putin",
                                                                      speaker_kind="person")])
    speakers = {s["name"]: s for s in list_speakers(store)}
    assert speakers["Vladimir Putin"]["n_quotes"] == 2  # "President" agrees with the first article
    assert (speakers["Vladimir Putin"]["first_date"], speakers["Vladimir Putin"]["last_date"]) == (
        "2024-01-02", "2024-03-04")
    assert lookup_speaker(store, "Russian President Vladimir Putin") == speakers["Vladimir Putin"]["id"]
    with store.transaction():
        assert resolve_speaker(store, "Vladimir Putin") == speakers["Vladimir Putin"]["id"]
        assert resolve_speaker(store, "she") is None


def test_a_fuller_name_typed_by_the_analyst_never_renames_a_surname_only_speaker():
    store = open_store(None)
    with store.transaction():
        sid = resolve_speaker(store, "Rivera", kind="person")
        other = resolve_speaker(store, "Ana Rivera", kind="person")
    assert other != sid
    assert sorted(store.execute("SELECT name FROM speakers").fetchall()) == [("Ana Rivera",), ("Rivera",)]
    assert lookup_speaker(store, "rivera") == sid


def test_ambiguous_surname_is_not_guessed():
    store = open_store(None)
    with store.transaction():
        resolve_speaker(store, "Ana Rivera", kind="person")
        resolve_speaker(store, "Luis Rivera", kind="person")
    assert lookup_speaker(store, "Rivera") is None


@pytest.mark.parametrize("typed, found", [
    ('"', False), ("port*", True), ("NEAR(port", False), ("NEAR(port give", False), ("give) (port", True),
    ("port AND", False), ("(((", False), ("'; DROP TABLE quotes; --", False), ("port OR )", False),
    ("^", False), ("“port”", True), ("giv", True), ("will-not", True), ("po", True),
])
def test_search_treats_any_input_as_text(typed, found):
    """FTS5 operators are words like any other: every typed word must occur (the last as a prefix)."""
    store = open_store(None)
    add_article(store, ArticleDraft(TEXT), [quote(TEXT, "We will not give up the port,", "Vladimir Putin")])
    results = search_quotes(store, typed)  # must not raise
    assert [r.text for r in results] == (["We will not give up the port,"] if found else [])
    assert store.execute("SELECT count(*) FROM quotes").fetchone()[0] == 1
    assert list_articles(store, search=typed) is not None


def test_library_pages_sort_and_filter():
    store = open_store(None)
    for i in range(30):
        text = f"Article {i}. \"Statement number {i},\" the mayor said."
        add_article(store, ArticleDraft(text, title=f"A{i:02d}", outlet="Gazette" if i % 2 else "Herald",
                                        date=f"2024-01-{i + 1:02d}"),
                    [quote(text, f"Statement number {i},", "Ana Rivera")])
    page = list_articles(store, limit=10, offset=10, sort="date", descending=True)
    assert [a.title for a in page] == [f"A{i:02d}" for i in range(19, 9, -1)]
    assert all(a.n_quotes == 1 for a in page)
    assert count_articles(store, outlet="Gazette") == 15
    assert count_articles(store, date_from="2024-01-10", date_to="2024-01-19") == 10
    assert [a.title for a in list_articles(store, search="number 7")] == ["A07"]
