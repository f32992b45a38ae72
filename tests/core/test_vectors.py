"""Stored sentence vectors (int8 + scale) and the inverted-file search over them, on vectors made
up here (no model): what is searched is what was stored, near-copies are found by cells as by
brute force, and the in-memory index follows additions and deletions made by anyone."""
from __future__ import annotations

import numpy as np
import pytest

from quotedesk.core.matching import vectors
from quotedesk.core.store.db import open_store

DIM = vectors.DIM


def _unit(x):
    return (x / np.linalg.norm(x, axis=-1, keepdims=True)).astype(np.float32)


def _clustered(n, rng, centres=40):
    """Unit vectors around ``centres`` topics, as sentence vectors of a collection are."""
    c = _unit(rng.standard_normal((centres, DIM)))
    return _unit(c[rng.integers(0, centres, n)] + 0.6 * rng.standard_normal((n, DIM)) / np.sqrt(DIM) * 4)


def _store_with(vecs, path=None):
    store = open_store(path, backup_before_migrate=False) if path else open_store(None)
    with store.transaction() as c:
        c.executemany("INSERT INTO statements (id, ext_id, text, canonical_hash) VALUES (?, ?, ?, 0)",
                      [(i + 1, f"s{i + 1}", f"statement {i + 1}") for i in range(len(vecs))])
        c.executemany("INSERT INTO statement_vectors (statement_id, text_vec) VALUES (?, ?)",
                      [(i + 1, vectors.to_blob(v)) for i, v in enumerate(vecs)])
    return store


def test_a_stored_vector_is_388_bytes_and_keeps_its_direction():
    rng = np.random.default_rng(1)
    v = _unit(rng.standard_normal(DIM))
    blob = vectors.to_blob(v)
    assert len(blob) == DIM + 4
    back = vectors.decode(blob)
    assert back @ v / np.linalg.norm(back) > 0.9999
    # the float16 vectors of schema 0006 are still read
    assert np.allclose(vectors.decode(v.astype("<f2").tobytes()), v, atol=1e-3)
    with pytest.raises(ValueError, match="100 bytes"):
        vectors.decode(b"\0" * 100)


def test_search_by_cells_finds_near_copies_like_brute_force(monkeypatch):
    rng = np.random.default_rng(2)
    vecs = _clustered(6_000, rng)
    monkeypatch.setattr(vectors, "IVF_MIN", 1_000)
    monkeypatch.setattr(vectors, "CELL_SIZE", 20)
    store = _store_with(vecs)
    assert vectors.maintain(store).startswith("trained")
    k = store.conn.execute("SELECT count(*) FROM vector_cells").fetchone()[0]
    assert k == vectors.n_cells_for(6_000) >= 4 * vectors.NPROBE
    assert store.conn.execute("SELECT count(*) FROM statement_vectors WHERE cell IS NULL").fetchone()[0] == 0
    idx = vectors.Index(store.conn)
    targets = rng.choice(len(vecs), 100, replace=False)
    queries = _unit(vecs[targets] + 0.25 * rng.standard_normal((100, DIM)) / np.sqrt(DIM))
    found = sum(idx.search(q, 1)[0][0] == t + 1 for q, t in zip(queries, targets))
    assert found >= 97
    # and it scores a small share of the collection, not all of it
    scored = sum(len(i) for i, _, _ in idx._slices(queries[0], vectors.NPROBE))
    assert scored < len(vecs) * 0.5


def test_the_index_follows_additions_and_deletions_by_another_connection(tmp_path, monkeypatch):
    rng = np.random.default_rng(3)
    vecs = _clustered(2_000, rng)
    monkeypatch.setattr(vectors, "IVF_MIN", 500)
    path = tmp_path / "v.db"
    store = _store_with(vecs, path)
    vectors.maintain(store)
    vectors.invalidate()
    assert len(vectors.index_for(str(path), store.conn)) == 2_000
    new = _unit(rng.standard_normal(DIM))
    other = open_store(path, backup_before_migrate=False)   # e.g. the CLI while the window is open
    with other.transaction() as c:
        c.execute("INSERT INTO statements (id, ext_id, text, canonical_hash) VALUES (2001, 'n', 'new', 0)")
        c.execute("INSERT INTO statement_vectors (statement_id, text_vec) VALUES (2001, ?)",
                  (vectors.to_blob(new),))
    idx = vectors.index_for(str(path), store.conn)
    assert len(idx) == 2_001 and idx.search(new, 1)[0][0] == 2001   # not yet in a cell: scored
    with other.transaction() as c:
        c.execute("DELETE FROM statements WHERE id = 5")                # its vector goes with it
    idx = vectors.index_for(str(path), store.conn)
    assert len(idx) == 2_000 and 5 not in [i for i, _ in idx.search(vecs[4], 3)]
    assert vectors.maintain(other) == "assigned"                       # the new row gets a cell
    assert vectors.index_for(str(path), store.conn).starts[0] == 0      # read again: none unassigned
    other.close()
    store.close()


def test_below_the_threshold_the_search_is_exact_and_cells_go(monkeypatch):
    rng = np.random.default_rng(4)
    vecs = _clustered(300, rng)
    monkeypatch.setattr(vectors, "IVF_MIN", 200)
    monkeypatch.setattr(vectors, "MIN_CELLS", 4)
    store = _store_with(vecs)
    vectors.maintain(store)
    with store.transaction() as c:
        c.execute("DELETE FROM statements WHERE id > 150")
    assert vectors.maintain(store) == "cells dropped"
    idx = vectors.Index(store.conn)
    q = vecs[10]
    brute = np.argsort(-(vecs[:150] @ q))[:5] + 1
    assert [i for i, _ in idx.search(q, 5)] == brute.tolist()


def test_search_scores_are_the_cosines_of_the_stored_vectors(monkeypatch):
    """The score a search returns is what the semantic threshold (DENSE_MIN) is compared with:
    the cosine of the query with the stored vector, whether the rows are scored by cells, as
    unassigned rows or exactly."""
    rng = np.random.default_rng(5)
    vecs = _clustered(3_000, rng)
    monkeypatch.setattr(vectors, "IVF_MIN", 1_000)
    monkeypatch.setattr(vectors, "CELL_SIZE", 20)
    store = _store_with(vecs)
    vectors.maintain(store)
    with store.transaction() as c:   # one row not in a cell yet
        c.execute("INSERT INTO statements (id, ext_id, text, canonical_hash) VALUES (3001, 'n', 'n', 0)")
        c.execute("INSERT INTO statement_vectors (statement_id, text_vec) VALUES (3001, ?)",
                  (vectors.to_blob(vecs[7]),))
    stored = {i + 1: vectors.decode(vectors.to_blob(v)) for i, v in enumerate(vecs)}
    stored[3001] = stored[8]
    idx = vectors.Index(store.conn)
    assert idx.starts[0] == 1
    q = _unit(vecs[7] + 0.1 * rng.standard_normal(DIM) / np.sqrt(DIM))
    got = idx.search(q, 10)
    assert {8, 3001} <= {i for i, _ in got}
    for i, score in got:
        assert score == pytest.approx(float(stored[i] @ q), abs=1e-5)
    # and the order is by that cosine
    assert [s for _, s in got] == sorted((s for _, s in got), reverse=True)
