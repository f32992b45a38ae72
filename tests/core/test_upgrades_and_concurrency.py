"""Upgrades from every earlier schema version, and two writers on one database."""
from __future__ import annotations

import shutil
import sqlite3
import threading
import time
from pathlib import Path

import pytest

from quotedesk.core.store import StoreError, open_store
from quotedesk.core.store import edits
from quotedesk.core.store.migrations import migrations
from quotedesk.core.store.quotes import get_quote, search_quotes

FIXTURES = Path(__file__).resolve().parents[1] / "data" / "db"


@pytest.mark.parametrize("fixture", sorted(p.name for p in FIXTURES.glob("v*.db")))
def test_every_earlier_schema_migrates_with_data_intact(tmp_path, fixture):
    path = tmp_path / "old.db"
    shutil.copyfile(FIXTURES / fixture, path)
    with open_store(path) as store:
        assert [m.name for m in migrations.applied(store.db)] == [m.name for m in migrations._migrations]
        text = store.execute("SELECT text FROM articles WHERE id = 1").fetchone()[0]
        rows = store.execute('SELECT start, "end", text, status FROM quotes ORDER BY id').fetchall()
        assert [(text[s:e] == t, status) for s, e, t, status in rows] == [(True, "confirmed"), (True, "corrected")]
        assert get_quote(store, 1).speaker_label == "Ana Rivera"
        assert [q.id for q in search_quotes(store, "market")] == [2]
        assert store.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        edits.apply(store, edits.SetSpeakers(1, new_names=("Rivera",)))  # the alias table still steers
        assert get_quote(store, 1).speaker_label == "Ana Rivera"
        if int(fixture[1:5]) >= 2:  # statements, verdicts and matches survive and are still found
            from quotedesk.core.matching import find_matches
            from quotedesk.core.matching.verdicts import get_verdict

            found = find_matches(store, "rents are far too high for families in the city", top=3)
            assert found and found[0].statement_id == "pf-1"
            assert get_verdict(store, "pf-1").label == "misleading"
            assert store.execute("SELECT count(*) FROM matches").fetchone()[0] == 1
        if int(fixture[1:5]) >= 6:  # stored sentence vectors converted to int8 + scale (0009)
            sizes = {r[0] for r in store.execute(
                "SELECT length(text_vec) FROM statement_vectors UNION SELECT length(text_vec) "
                "FROM quote_vectors")}
            assert sizes == {388}
            n = store.execute("SELECT count(*) FROM statement_vectors").fetchone()[0]
            assert n and store.execute("SELECT n FROM vector_state").fetchone()[0] == n
    if len([m for m in migrations._migrations]) > int(fixture[1:5]):
        assert list(tmp_path.glob("old.db.before-*.bak"))


def test_a_second_writer_waits_instead_of_failing(tmp_path):
    path = tmp_path / "q.db"
    shutil.copyfile(FIXTURES / "v0001.db", path)
    first = open_store(path)
    second = open_store(path)
    released = threading.Event()

    def hold_lock():
        with first.transaction():
            first.execute("UPDATE articles SET title = 'held' WHERE id = 1")
            time.sleep(0.8)
        released.set()

    holder = threading.Thread(target=hold_lock)
    holder.start()
    time.sleep(0.2)
    started = time.monotonic()
    edits.apply(second, edits.SetStatus.same([2], "confirmed"))  # blocks on the lock, then succeeds
    waited = time.monotonic() - started
    holder.join()
    assert released.is_set() and waited > 0.3
    assert get_quote(first, 2).status == "confirmed"
    # readers are never blocked by a writer (WAL)
    with first.transaction():
        first.execute("UPDATE articles SET title = 'again' WHERE id = 1")
        assert second.execute("SELECT title FROM articles").fetchone()[0] == "held"
    first.close()
    second.close()


def test_read_only_database_opens_read_only_and_refuses_writes_clearly(tmp_path):
    path = tmp_path / "q.db"
    shutil.copyfile(FIXTURES / "v0001.db", path)
    open_store(path).close()  # migrate first
    before = path.read_bytes()
    with open_store(path, readonly=True) as store:
        assert store.readonly
        assert get_quote(store, 1).speaker_label == "Ana Rivera"
        with pytest.raises(StoreError, match="read-only"):
            edits.apply(store, edits.SetStatus.same([1], "confirmed"))
    assert path.read_bytes() == before


def test_old_schema_on_read_only_medium_is_not_migrated(tmp_path):
    path = tmp_path / "q.db"
    shutil.copyfile(FIXTURES / "v0001.db", path)
    with pytest.raises(StoreError, match="schema upgrade"):
        open_store(path, readonly=True)
    conn = sqlite3.connect(path)
    assert [r[0] for r in conn.execute("SELECT name FROM _sqlite_migrations")] == ["0001_core"]
    conn.close()


def test_every_schema_step_has_a_fixture():
    """A new migration needs ``python scripts/make_db_fixture.py <step> tests/data/db/v<NNNN>.db``."""
    steps = {int(m.name[:4]) for m in migrations._migrations}
    fixtures = {int(p.name[1:5]) for p in FIXTURES.glob("v*.db")}
    assert fixtures == steps
