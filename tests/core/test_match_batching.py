"""What an import reads once for many quotes gives what reading it quote by quote gave."""
from __future__ import annotations

from collections import defaultdict

import pytest

from quotedesk.core.matching import match_quote
from quotedesk.core.matching.candidates import _fts_string, speaker_statement_scores
from quotedesk.core.matching.service import article_contexts, quote_context, quote_speaker
from quotedesk.core.matching.text import speaker_key
from quotedesk.core.store.db import open_store

from tests.core.matching_helpers import add_quotes_article, import_statements

STATEMENTS = [
    ("s1", "We will cut taxes for every working family in this country.", "Jane Miller",
     "2019-03-01", "test"),
    ("s2", "Taxes on working families went up under the last government.", "Jane Miller",
     "2019-06-10", "test"),
    ("s3", "Every family in this country deserves a doctor close to home.", "Jane Miller",
     "2020-01-15", "test"),
    ("s4", "Our hospitals are overwhelmed and nobody hires nurses.", "Tom Baker", "2020-02-01",
     "test"),
]


@pytest.fixture()
def store():
    s = open_store(None)
    import_statements(s, STATEMENTS)
    yield s
    s.close()


def _per_term(conn, key, weights):
    """The speaker scores as they were computed before: one lookup a term."""
    acc = defaultdict(float)
    sql = "SELECT rowid FROM statement_speaker_fts WHERE statement_speaker_fts MATCH ?"
    for t, w in weights.items():
        for (rid,) in conn.execute(sql, (_fts_string([f"{key}_{t}"]),)):
            acc[rid] += w
    return acc


def test_speaker_scores_in_one_statement_equal_one_lookup_a_term(store):
    key = speaker_key("Jane Miller")
    weights = {"tax": 0.3, "famili": 0.1, "work": 0.7, "countri": 0.2, "nobodi": 0.9}
    got = speaker_statement_scores(store.conn, key, weights)
    assert got == _per_term(store.conn, key, weights) and set(got) == {1, 2, 3}
    # more terms than one statement takes (SQLite allows 500 SELECTs in a compound)
    many = {f"filler{i}": 1.0 / (i + 1) for i in range(450)} | weights
    assert speaker_statement_scores(store.conn, key, many) == _per_term(store.conn, key, many)
    assert speaker_statement_scores(store.conn, key, {}) == {}


def test_article_contexts_equal_what_match_quote_reads_per_quote(store):
    add_quotes_article(store, "Earlier", "2021-01-01", "Gazette",
                       [("We will cut taxes for every working family.", "Jane Miller")])
    ids = add_quotes_article(store, "Budget day", "2022-05-01", "Herald", [
        ("Taxes for working families will be cut, every one of them.", "Jane Miller"),
        ("Hospitals are overwhelmed.", "Tom Baker (2)"),
        ("Nobody knows.", "Ann Lee")])
    aid = quote_context(store, ids[0])[1]
    contexts = article_contexts(store, aid)
    assert [q for q, _ in contexts] == ids
    for qid, c in contexts:
        assert (c.text, c.article_id, c.date) == quote_context(store, qid)
        assert c.speaker == quote_speaker(store, qid)
        assert c.own == frozenset(ids)
    assert contexts[1][1].speaker == "Tom Baker"  # the library's qualifier left out
    for qid, c in contexts:
        assert match_quote(store, qid, context=c) == match_quote(store, qid)
    assert match_quote(store, ids[0])  # the earlier quote and statements are found


def test_session_rereads_the_vector_state_after_its_own_writes_only(tmp_path):
    import sqlite3

    from quotedesk.core.importer import MatchSession

    s = open_store(tmp_path / "lib.db")
    try:
        session = MatchSession(s.path)
        first = session.exact(s)
        assert session.exact(s, own_writes_only=True) is first
        with s.transaction() as conn:  # as vectors kept on the fly move it
            conn.execute("UPDATE vector_state SET version = version + 1 WHERE id = 1")
        mine = session.exact(s, own_writes_only=True)
        assert mine[0] != first[0]
        other = sqlite3.connect(tmp_path / "lib.db")
        other.execute("UPDATE vector_state SET version = version + 1 WHERE id = 1")
        other.commit()
        other.close()
        assert session.exact(s, own_writes_only=True) is mine  # the next article sees it
        assert session.exact(s)[0] != mine[0]
        session.close()
    finally:
        s.close()


def test_df_cache_gives_what_term_df_reads(store):
    from quotedesk.core.matching.candidates import DfCache, term_df

    cache = DfCache(store.conn)
    asked = ["tax", "famili", "nobodi-knows", "work", "tax"]
    assert cache.get(asked) == term_df(store.conn, asked)
    assert cache.get(["famili", "nobodi-knows"]) == term_df(store.conn, ["famili"])
    assert cache.get([]) == {}


def test_session_df_follows_statements_imported_by_another_connection(tmp_path):
    from quotedesk.core.importer import MatchSession

    s = open_store(tmp_path / "lib.db")
    import_statements(s, STATEMENTS)
    session = MatchSession(s.path)
    try:
        assert session.df_cache(s).get(["nurs", "dentist"]) == {"nurs": 1}
        assert session.df_cache(s) is session.df_cache(s)  # nothing changed: kept
        other = open_store(tmp_path / "lib.db")
        import_statements(other, [("s9", "Nurses and dentists are leaving.", "Ann Lee",
                                   "2021-01-01", "test")])
        other.close()
        assert session.df_cache(s).get(["nurs", "dentist"]) == {"nurs": 2, "dentist": 1}
    finally:
        session.close()
        s.close()
