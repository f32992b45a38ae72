"""Indexing a large import (sentence vectors) survives a killed process: what was committed
stays, matching uses it meanwhile, and the next run computes only what is missing."""
from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time

import pytest

from quotedesk.core.matching import bench, semantic
from quotedesk.core.store.db import open_store
from quotedesk.core.store.statements import import_rows

N = 2_500

pytestmark = pytest.mark.skipif(not semantic.installed(), reason="the sentence model is not installed")


def _count(db) -> int:
    con = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=10)
    try:
        return con.execute("SELECT count(*) FROM statement_vectors").fetchone()[0]
    except sqlite3.OperationalError:  # not created yet / locked for a moment
        return 0
    finally:
        con.close()


def _index(db) -> subprocess.Popen:
    env = {**os.environ, "QUOTEDESK_SEMANTIC": "1", "QUOTEDESK_THREADS": "1"}
    return subprocess.Popen([sys.executable, "-m", "quotedesk", "statements", "index", "--db",
                             str(db), "-q"], env=env, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)


def test_killed_indexing_keeps_its_vectors_matches_with_them_and_resumes(tmp_path):
    db = tmp_path / "big.db"
    rows = list(bench.synthetic_statements(N, seed=7))
    store = open_store(db, backup_before_migrate=False)
    import_rows(store, [(i + 1, 0, {**r, "source": "t", "title": None, "url": None}, None)
                        for i, r in enumerate(rows)])
    store.close()

    proc = _index(db)
    try:
        deadline = time.monotonic() + 120
        while _count(db) < 512 and time.monotonic() < deadline and proc.poll() is None:
            time.sleep(0.02)
        proc.send_signal(signal.SIGKILL)  # a real kill, mid-run: no cleanup code runs
        proc.wait(timeout=30)
    finally:
        if proc.poll() is None:
            proc.kill()
    assert proc.returncode == -signal.SIGKILL
    done = _count(db)
    assert 512 <= done < N, f"killed after {done} of {N} vectors"

    # the database is intact and matching uses the vectors that exist meanwhile
    store = open_store(db, backup_before_migrate=False)
    try:
        assert store.conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        have = [r[0] for r in store.conn.execute(
            "SELECT statement_id FROM statement_vectors ORDER BY statement_id LIMIT 3")]
        text = store.conn.execute("SELECT text FROM statements WHERE id = ?", (have[0],)).fetchone()[0]
        near = semantic.nearest_statements(store, semantic.encode([text])[0], 5)
        # the same text, encoded alone here and in a batch of its length there: dynamic int8
        # quantisation scales each batch's activations together, and the stored vector is int8,
        # so the two agree to about 0.99 (0.9892 with onnxruntime 1.32), not to the last digit
        assert near and near[0][0] == have[0] and near[0][1] > 0.97 and near[0][1] - near[1][1] > 0.2
        assert len(semantic.missing_statements(store.conn)) == N - done
    finally:
        store.close()

    # resumed: only the missing ones are computed, and the count is whole
    proc = _index(db)
    out, err = proc.communicate(timeout=300)
    assert proc.returncode == 0, err
    assert f"semantic index: {N - done} vectors" in err
    store = open_store(db, backup_before_migrate=False)
    try:
        assert _count(db) == N
        assert store.conn.execute("SELECT n FROM vector_state WHERE id = 1").fetchone()[0] == N
        assert not semantic.missing_statements(store.conn)
    finally:
        store.close()
