"""The semantic stage: sentence vectors stored, kept fresh, and used to find reworded claims."""
from __future__ import annotations

from dataclasses import replace

import numpy as np
import pytest

from quotedesk.core.matching import find_matches, rematch_all, semantic
from quotedesk.core.matching.service import DEFAULT_OPTIONS, semantic_active
from quotedesk.core.store.db import open_store
from quotedesk.core.store.statements import add_statement, import_rows

# Claims written for this test: the paraphrase of each target shares no content word with it.
STATEMENTS = [
    ("jobs", "Joblessness has dropped to a seventeen-year low.", "Bureau chief Ray Ortiz", None),
    ("tax", "Income tax rates will be raised for the richest households next spring.", None, None),
    ("flu", "Flu vaccines are available free of charge at every pharmacy this winter.", None, None),
    ("bridge", "The river bridge will reopen in March after repairs to its cables.", None,
     "Bridge repairs finished by March"),
    ("rates", "The lowest rate of interest in a decade was set by the bank for new loans.", None, None),
    ("years", "We had seventeen hot years in a row, the longest run on record.", None, None),
]
QUERY = "Fewer people are out of work now than at any time since 2007."


def _rows():
    return [(i + 1, 0, {"id": sid, "text": text, "speaker": sp, "date": None, "source": "test",
                        "title": title, "url": None}, None)
            for i, (sid, text, sp, title) in enumerate(STATEMENTS)]


def _saved_and_panel(store, quote_id: int) -> tuple[list, list]:
    """A quote's saved matches and what the Matches panel computes for it now, comparably:
    ``(statement id, quote id, score to 0.1)`` best first."""
    from quotedesk.core.matching.panel_rows import compute_matches

    saved = [(r[0], r[1], round(r[2], 1)) for r in store.conn.execute(
        "SELECT other_statement_id, other_quote_id, score FROM matches WHERE quote_id = ? "
        "ORDER BY rank", (quote_id,))]
    panel = [(None if r.is_quote else r.row_id, r.row_id if r.is_quote else None, round(r.score, 1))
             for r in compute_matches(store, quote_id, top=5, save=False).rows]
    return saved, panel


@pytest.fixture()
def store():
    s = open_store(None)
    import_rows(s, _rows())
    yield s
    s.close()


def test_vectors_are_unit_length_and_closer_for_the_same_meaning():
    v = semantic.encode(["Unemployment is at its lowest level in years.",
                         "Joblessness has dropped to a multi-year low.",
                         "The cat slept on the warm windowsill."])
    assert v.shape == (3, semantic.DIM) and v.dtype == np.float32
    assert np.allclose(np.linalg.norm(v, axis=1), 1.0, atol=1e-3)
    assert v[0] @ v[1] > v[0] @ v[2] + 0.3
    assert semantic.encode([]).shape == (0, semantic.DIM)
    # stored as float16: what comes back is what went in, to float16 precision
    assert np.allclose(semantic.from_blob(semantic.to_blob(v[0])), v[0], atol=1e-3)


def test_index_fills_missing_vectors_only_and_text_changes_drop_them(store):
    assert not semantic.has_vectors(store.conn) and not semantic_active(store)
    assert semantic.index_statements(store) == len(STATEMENTS)
    assert semantic.index_statements(store) == 0            # nothing left to do
    assert semantic.has_vectors(store.conn) and semantic_active(store)
    titled = store.conn.execute("SELECT count(*) FROM statement_vectors WHERE title_vec IS NOT NULL")
    assert titled.fetchone()[0] == 1
    add_statement(store, "tax", "Income tax rates will be cut for every household next spring.")
    assert semantic.missing_statements(store.conn) == [2]   # re-worded: its vector was dropped
    add_statement(store, "flu", "Flu vaccines are available free of charge at every pharmacy this winter.")
    assert semantic.missing_statements(store.conn) == [2]   # unchanged text keeps its vector
    store.conn.execute("PRAGMA foreign_keys = ON")
    with store.transaction() as c:
        c.execute("DELETE FROM statements WHERE ext_id = 'jobs'")
    assert store.conn.execute("SELECT count(*) FROM statement_vectors WHERE statement_id = 1"
                              ).fetchone()[0] == 0


def test_the_reworded_claim_is_found_only_with_the_semantic_stage(store):
    lexical = [m.statement_id for m in find_matches(store, QUERY, top=3)]
    assert "jobs" not in lexical[:1]                         # no shared word: lexical cannot
    semantic.index_statements(store)
    ms = find_matches(store, QUERY, top=3)
    assert ms[0].statement_id == "jobs"
    assert ms[0].features["semantic"] > 0.4
    assert all(m.features["semantic"] < ms[0].features["semantic"] for m in ms[1:])
    # an unrelated text gets no statement by meaning alone (below semantic.DENSE_MIN)
    assert find_matches(store, "zebra crossing paint colours", top=3) == []
    off = find_matches(store, QUERY, top=3, options=replace(DEFAULT_OPTIONS, semantic=False))
    assert [m.statement_id for m in off] == lexical
    assert all(m.features["semantic"] == -1.0 for m in off)


def test_missing_vectors_are_computed_on_the_fly(store):
    semantic.index_statements(store, ids=[2, 3])             # a partial index: 4 of 6 missing
    before = set(semantic.missing_statements(store.conn))
    ms = find_matches(store, "the river bridge and its cables reopen in March", top=6)
    assert ms[0].statement_id == "bridge" and all(m.features["semantic"] >= 0 for m in ms)
    kept = before - set(semantic.missing_statements(store.conn))   # computed once, then stored
    assert 4 in kept and kept <= before


def test_vectors_computed_on_the_fly_are_not_written_to_a_read_only_database(tmp_path):
    path = tmp_path / "ro.db"
    with open_store(path) as s:
        import_rows(s, _rows())
        semantic.index_statements(s, ids=[2])
    with open_store(path, readonly=True) as ro:
        ms = find_matches(ro, "the river bridge and its cables reopen in March", top=3)
        assert ms[0].statement_id == "bridge" and ms[0].features["semantic"] > 0.4
        assert semantic.missing_statements(ro.conn) == [1, 3, 4, 5, 6]


def test_switched_off_by_environment(store, monkeypatch):
    semantic.index_statements(store)
    monkeypatch.setenv("QUOTEDESK_SEMANTIC", "0")
    assert not semantic.available() and "QUOTEDESK_SEMANTIC=0" in semantic.unavailable_reason()
    ms = find_matches(store, "the river bridge reopens in March", top=2)
    assert ms[0].statement_id == "bridge" and ms[0].features["semantic"] == -1.0


def test_rematch_indexes_statements_and_quotes_first(store):
    with store.transaction() as conn:
        conn.execute("INSERT INTO articles (title, outlet, date, sha256, text) "
                     "VALUES ('T', 'Daily', '2024-01-01', 'x', ?)", (QUERY,))
        qid = conn.execute("INSERT INTO quotes (article_id, start, \"end\", text) VALUES (1, 0, ?, ?)",
                           (len(QUERY), QUERY)).lastrowid
    seen = []
    report = rematch_all(store, progress=seen.append)
    assert report.quotes == 1 and seen[-1] == 1.0 and seen == sorted(seen)
    assert not semantic.missing_statements(store.conn) and not semantic.missing_quotes(store.conn)
    best = store.conn.execute("SELECT s.ext_id FROM matches m JOIN statements s ON "
                              "s.id = m.other_statement_id WHERE m.quote_id = ? AND m.rank = 1",
                              (qid,)).fetchone()[0]
    assert best == "jobs"


def test_nearest_statements_is_exact_on_a_small_collection(store, monkeypatch):
    semantic.index_statements(store)
    q = semantic.encode([QUERY])[0]
    assert [i for i, _ in semantic.nearest_statements(store, q, 3)] == [1]   # the rest: < DENSE_MIN
    monkeypatch.setattr(semantic, "DENSE_MIN", -1.0)
    near = semantic.nearest_statements(store, q, 3)
    vecs = semantic.statement_vectors(store.conn, list(range(1, len(STATEMENTS) + 1)))
    brute = sorted(((float(q @ (t + (0.5 * ti if ti is not None else 0))), i)
                    for i, (t, ti) in vecs.items()), reverse=True)[:3]
    assert [i for i, _ in near] == [i for _, i in brute]
    assert np.allclose([s for _, s in near], [s for s, _ in brute], atol=2e-3)


def test_the_model_loads_and_runs_with_every_network_connection_refused_and_no_deep_learning_framework():
    import subprocess
    import sys

    code = (
        "import socket\n"
        "def refuse(*a, **k):\n    raise OSError('network used')\n"
        "socket.socket.connect = refuse\nsocket.create_connection = refuse\n"
        "socket.getaddrinfo = refuse\n"
        "from quotedesk.core.matching import semantic\n"
        "v = semantic.encode(['a claim'])\n"
        "assert semantic.available() and v.shape == (1, semantic.DIM)\n"
        "import sys\n"
        "heavy = sorted(m for m in ('torch', 'transformers', 'sentence_transformers', 'huggingface_hub')\n"
        "               if m in sys.modules)\n"
        "assert not heavy, heavy\n"
        "print('ok')\n")
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120,
                       env={**__import__("os").environ, "HF_HUB_OFFLINE": "0"})
    assert r.returncode == 0 and r.stdout.strip() == "ok", r.stderr[-2000:]


def test_large_collections_keep_the_semantic_stage(store, monkeypatch):
    """There is no size above which the semantic stage is switched off: with the inverted file
    in use (its threshold lowered to this collection) a reworded claim is still found by
    meaning, and the vectors are still computed."""
    from quotedesk.core.matching import vectors

    monkeypatch.setattr(vectors, "IVF_MIN", 3)
    monkeypatch.setattr(vectors, "MIN_CELLS", 2)
    semantic.index_statements(store)
    assert store.conn.execute("SELECT count(*) FROM vector_cells").fetchone()[0] == 2
    assert store.conn.execute("SELECT count(*) FROM statement_vectors WHERE cell IS NULL").fetchone()[0] == 0
    assert semantic_active(store)
    ms = find_matches(store, QUERY, top=1)
    assert ms[0].statement_id == "jobs" and ms[0].features["semantic"] > 0


def test_a_quote_too_generic_for_the_lexical_stage_still_finds_its_statement(store):
    """Every word common (here: the generic guard set so low that it always fires): the rare-term
    stage gives nothing, and the nearest-neighbour stage supplies the statement."""
    from quotedesk.core.matching.service import find_matches_plan

    semantic.index_statements(store)
    text = "Income tax rates will be raised for the wealthiest households next spring."
    opts = replace(DEFAULT_OPTIONS, generic_postings=0, use_quotes=False)
    ms, plan = find_matches_plan(store, text, top=1, options=opts)
    assert plan.mode == "generic"
    assert ms and ms[0].statement_id == "tax"
    lexical = replace(opts, semantic=False)
    ms, plan = find_matches_plan(store, text, top=1, options=lexical)
    assert plan.mode == "generic" and not ms        # what happened before: no candidate at all


def test_an_imported_article_encodes_each_quote_once_and_ranks_as_the_panel_does(store, monkeypatch):
    from quotedesk.core.importer import match_article
    from tests.core.matching_helpers import add_quotes_article

    semantic.index_statements(store)
    quote_ids = add_quotes_article(store, "Jobs", "2024-05-01", "Daily", [
        (QUERY, "Ray Ortiz"), ("The bridge over the river opens again in March once the cables are mended.", "Ana Rivera")])
    encoded = []
    real, real_alone = semantic.encode, semantic.encode_alone

    def counting(texts):
        encoded.extend(texts)
        return real(texts)

    def counting_alone(texts):
        encoded.extend(texts)
        return real_alone(texts)

    monkeypatch.setattr(semantic, "encode", counting)
    monkeypatch.setattr(semantic, "encode_alone", counting_alone)
    match_article(store, 1)
    assert len(encoded) == 2  # one encoding per quote: its query and its place in the index
    assert not semantic.missing_quotes(store.conn)
    monkeypatch.setattr(semantic, "encode", real)
    monkeypatch.setattr(semantic, "encode_alone", real_alone)
    first = store.conn.execute("SELECT s.ext_id, round(m.score, 1) FROM matches m JOIN statements s "
                               "ON s.id = m.other_statement_id WHERE m.quote_id = ? AND m.rank = 1",
                               (quote_ids[0],)).fetchone()
    assert first[0] == "jobs"  # found by meaning: the paraphrase shares no content word
    for qid in quote_ids:  # what the import saved is what the Matches panel computes later
        saved, panel = _saved_and_panel(store, qid)
        assert saved and saved == panel


def test_an_articles_quotes_searched_at_once_find_what_each_finds_alone(store):
    """The import searches an article's quotes in one matrix product: the same nearest statements
    (and scores) as one query at a time, the statements added since the index was read included."""
    semantic.index_statements(store)
    queries = [QUERY, "The bridge over the river opens again in March once the cables are mended.",
               "Taxes go up next year for the wealthiest.", "Nothing of the sort was ever said here."]
    vecs = semantic.encode(queries)
    semantic.nearest_statements(store, vecs[0], 3)  # the index is read now ...
    add_statement(store, "bridge2", "In March the cables of the river bridge are repaired and it reopens.")
    semantic.index_statements(store)  # ... and this one is appended to it
    many = semantic.nearest_statements_many(store, list(vecs), 3)
    alone = [semantic.nearest_statements(store, v, 3) for v in vecs]
    assert [[i for i, _ in m] for m in many] == [[i for i, _ in a] for a in alone]
    assert np.allclose([s for m in many for _, s in m], [s for a in alone for _, s in a], atol=1e-5)
    bridge2 = store.conn.execute("SELECT id FROM statements WHERE ext_id = 'bridge2'").fetchone()[0]
    assert bridge2 in [i for i, _ in many[1]]
    assert semantic.nearest_statements_many(store, [], 3) == []


def test_a_text_encoded_alone_gets_the_vector_of_a_batch_of_one():
    """Queries and imported quotes are encoded on a session of their own (one thread): the same
    vector as the bulk session gives a text alone, so stored and live vectors agree."""
    texts = [QUERY, "Yes.", STATEMENTS[3][1] + " " + STATEMENTS[4][1]]
    alone = semantic.encode_alone(texts)
    assert alone.shape == (3, semantic.DIM)
    for text, vec in zip(texts, alone):
        assert np.array_equal(vec, semantic.encode([text])[0])
    assert semantic.encode_alone([]).shape == (0, semantic.DIM)


def test_one_import_finds_statements_indexed_between_two_of_its_articles(store):
    """An import keeps its widened statement vectors from one article to the next
    (``MatchSession``): a statement indexed meanwhile is still found by meaning, as the panel
    finds it."""
    from quotedesk.core.importer import MatchSession, match_article
    from tests.core.matching_helpers import add_quotes_article

    semantic.index_statements(store)
    session = MatchSession()
    first = add_quotes_article(store, "Jobs", "2024-05-01", "Daily", [(QUERY, "Ray Ortiz")])
    match_article(store, 1, session=session)
    # shares no content word with the query: only the search by meaning finds it
    add_statement(store, "jobs2", "Joblessness is at its lowest point in seventeen years, the bureau says.")
    semantic.index_statements(store)
    second = add_quotes_article(store, "Jobs again", "2024-05-02", "Daily", [(QUERY, "Ana Rivera")])
    match_article(store, 2, session=session)
    jobs2 = store.conn.execute("SELECT id FROM statements WHERE ext_id = 'jobs2'").fetchone()[0]
    saved = {r[0] for r in store.conn.execute(
        "SELECT other_statement_id FROM matches WHERE quote_id = ?", (second[0],))}
    assert jobs2 in saved
    assert first and second
    for qid in second:  # what the import saved is what the Matches panel computes later
        saved, panel = _saved_and_panel(store, qid)
        assert saved and saved == panel


def test_an_import_into_a_database_file_reads_ahead_and_ranks_as_the_panel_does(tmp_path):
    """On a database file the import reads the statements' index for the next quotes on a
    connection of its own: what it saves is still what the Matches panel computes."""
    from quotedesk.core.importer import match_article
    from tests.core.matching_helpers import add_quotes_article

    store = open_store(tmp_path / "lib.db")
    try:
        import_rows(store, _rows())
        semantic.index_statements(store)
        quote_ids = add_quotes_article(store, "Jobs", "2024-05-01", "Daily", [
            (QUERY, "Ray Ortiz"), ("Income tax rates go up next spring for the richest.", "Lee Park"),
            ("The bridge over the river opens again in March once the cables are mended.", "Ana Rivera")])
        assert match_article(store, 1) == 3
        for qid in quote_ids:
            saved, panel = _saved_and_panel(store, qid)
            assert saved and saved == panel
    finally:
        store.close()


def test_a_lexical_stage_read_ahead_ranks_as_one_made_on_the_spot(store):
    """A full-text stage read ahead (an import's) gives the ranking of one made by the matcher,
    also when it is given twice; one made for another query is not used."""
    from quotedesk.core.matching.service import find_matches_plan, lexical_stage

    text = "Income tax rates will be raised for the richest households."
    alone = [(m.statement_id, m.score) for m in find_matches_plan(store, text, top=3)[0]]
    assert alone[0][0] == "tax"
    other = lexical_stage(store.conn, "Flu vaccines are free at every pharmacy.")

    def ranked(lexical):
        return [(m.statement_id, m.score) for m in find_matches_plan(store, text, top=3, lexical=lexical)[0]]

    assert ranked(other) == alone
    ahead = lexical_stage(store.conn, text)
    assert ranked(ahead) == alone and ranked(ahead) == alone
def test_importing_files_with_matching_encodes_ahead_and_keeps_order_and_rankings(tmp_path):
    """import_paths reads the next article and finds its quotes before matching the current one
    (so they are encoded meanwhile): each file is still reported in order, a bad file after them
    fails on its own, progress reaches 1, and every quote's saved matches are the panel's."""
    from quotedesk.core.importer import import_paths

    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text(f"Jobs report\n\nRay Ortiz said: \u201c{QUERY}\u201d\n", encoding="utf-8")
    (folder / "c.txt").write_bytes(b"")  # nothing to import: fails on its own
    (folder / "b.txt").write_text(
        "Bridge news\n\nAna Rivera said: \u201cThe bridge over the river opens again in March once "
        "the cables are mended.\u201d Lee Park said: \u201cIncome tax rates go up next spring for the "
        "richest.\u201d\n", encoding="utf-8")
    store = open_store(tmp_path / "lib.db")
    try:
        import_rows(store, _rows())
        semantic.index_statements(store)
        items, fractions = [], []
        report = import_paths(store, [folder], match=True, progress=fractions.append,
                              on_item=lambda name, outcome: items.append((name, outcome)))
        assert [n for n, _ in items] == ["a.txt", "b.txt", "c.txt"]
        assert [a[0] for a in report.added] == ["a.txt", "b.txt"] and len(report.failed) == 1
        assert fractions == sorted(fractions) and fractions[-1] == 1.0
        quote_ids = [r[0] for r in store.conn.execute("SELECT id FROM quotes ORDER BY id")]
        assert len(quote_ids) == 3
        for qid in quote_ids:
            saved, panel = _saved_and_panel(store, qid)
            assert saved == panel
    finally:
        store.close()
