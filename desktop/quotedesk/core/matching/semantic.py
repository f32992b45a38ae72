"""Stage 3 of matching: meaning. Sentence vectors from a small local model re-rank the lexical
candidates and add the nearest statements by meaning ("joblessness is at a 17-year low" finds
"the lowest unemployment rate in 17 years", which share no rare word).

The model is all-MiniLM-L6-v2 (22 M parameters, 384 dimensions), int8 ONNX run by onnxruntime
(``encoder``), its files inside the package: nothing is fetched at run time and no deep-learning
framework is imported. CPU only; the model loads once per process (~0.3 s). Collections of more than ``MAX_STATEMENTS`` are matched lexically.

Vectors are stored in ``statement_vectors`` / ``quote_vectors`` (float16, 768 bytes each):
``index_statements`` and ``index_quotes`` fill them (import, re-match, ``quotedesk statements
index``); the matcher computes a missing one on the fly. Semantic matching is used for a database
that has vectors; ``QUOTEDESK_SEMANTIC=0`` switches it off (lexical matching only), as does a
missing model package. Nearest-neighbour search is exact (one matrix product) over at most
``DENSE_MAX`` statements held in memory; above that only the re-ranking uses the vectors.
"""
from __future__ import annotations

import logging
import os
import sqlite3
import threading
from typing import Callable, Iterable, Sequence

import numpy as np

from quotedesk.core.store.db import Store

log = logging.getLogger(__name__)

MODEL_NAME = "all-MiniLM-L6-v2"
DIM = 384
#: Above this many imported statements the semantic stage is off and matching is lexical: the
#: vectors would take over 20 minutes to compute on 2 cores (~170 statements/s with titles), and
#: the lexical stage alone keeps 20 quotes under 100 ms at 1,000,000 statements.
MAX_STATEMENTS = 200_000
#: Statements kept in memory for the nearest-neighbour search (float32: 1.5 KB each; bench
#: match --vectors: 4.8 ms a quote at 10,000 statements, 7.0 ms at 50,000, query vector apart).
DENSE_MAX = 50_000
#: Weight of the title's vector in the nearest-neighbour score (text + 0.5 x title).
DENSE_TITLE = 0.5
#: Below this nearest-neighbour score a statement is unrelated, not a candidate (9 in 10 true
#: pairs of the CheckThat! training splits score above it; unrelated sentences score 0-0.2).
DENSE_MIN = 0.3
#: Texts per call into the encoder while indexing (it batches by length itself).
BATCH = 32

_lock = threading.Lock()
_model = None
_error: str | None = None


def disabled_by_env() -> bool:
    return os.environ.get("QUOTEDESK_SEMANTIC", "1").strip().lower() in ("0", "false", "no", "off")


def installed() -> bool:
    """True if the encoder's packages and model files are installed (without loading it)."""
    from quotedesk.core.matching import encoder

    return encoder.missing() is None


def available() -> bool:
    """True if semantic matching can run here: not switched off and the model loads."""
    if disabled_by_env() or not installed():
        return False
    return _get_model() is not None


def unavailable_reason() -> str | None:
    if disabled_by_env():
        return "switched off (QUOTEDESK_SEMANTIC=0)"
    from quotedesk.core.matching import encoder

    return encoder.missing() or _error


def _get_model():
    """The process's one encoder, loaded on first use (~0.3 s); None if it cannot load."""
    global _model, _error
    if _model is not None or _error is not None:
        return _model
    with _lock:
        if _model is None and _error is None:
            try:
                from quotedesk.core.matching.encoder import Encoder

                _model = Encoder()
            except Exception as exc:  # noqa: BLE001 - any failure means "lexical only", logged
                _error = f"the sentence model could not be loaded: {exc}"
                log.warning(_error)
    return _model


def encode(texts: Sequence[str]) -> np.ndarray:
    """Unit-length float32 vectors, one row per text (empty input: shape (0, DIM))."""
    if not texts:
        return np.zeros((0, DIM), dtype=np.float32)
    model = _get_model()
    if model is None:
        raise RuntimeError(unavailable_reason() or "semantic matching is not available")
    return model.encode(list(texts))


def to_blob(vec: np.ndarray) -> bytes:
    return np.asarray(vec, dtype="<f2").tobytes()


def from_blob(blob: bytes | None) -> np.ndarray | None:
    if blob is None:
        return None
    return np.frombuffer(blob, dtype="<f2").astype(np.float32)


# --- filling the vector tables -------------------------------------------------------------------

def in_scope(conn) -> bool:
    """True if the collection is small enough for the semantic stage (``MAX_STATEMENTS``)."""
    return conn.execute("SELECT coalesce(max(id), 0) FROM statements").fetchone()[0] <= MAX_STATEMENTS


def can_index(conn) -> bool:
    """True if vectors should be computed for this database: the collection is in scope and the
    model loads (the first call in a process loads it, ~4 s)."""
    return in_scope(conn) and available()


def has_vectors(conn) -> bool:
    """True if the database has a semantic index (any stored vector)."""
    return bool(conn.execute("SELECT EXISTS (SELECT 1 FROM statement_vectors) "
                             "OR EXISTS (SELECT 1 FROM quote_vectors)").fetchone()[0])


def missing_statements(conn) -> list[int]:
    return [r[0] for r in conn.execute(
        "SELECT s.id FROM statements s WHERE NOT EXISTS "
        "(SELECT 1 FROM statement_vectors v WHERE v.statement_id = s.id) ORDER BY s.id")]


def missing_quotes(conn, quote_ids: Iterable[int] | None = None) -> list[int]:
    ids = [r[0] for r in conn.execute(
        "SELECT q.id FROM quotes q WHERE NOT EXISTS "
        "(SELECT 1 FROM quote_vectors v WHERE v.quote_id = q.id) ORDER BY q.id")]
    if quote_ids is not None:
        wanted = set(quote_ids)
        ids = [i for i in ids if i in wanted]
    return ids


def _chunks(ids: list[int], n: int):
    for i in range(0, len(ids), n):
        yield ids[i:i + n]


def index_statements(store: Store, ids: list[int] | None = None, *,
                     progress: Callable[[float], None] | None = None,
                     cancelled: Callable[[], bool] | None = None, chunk: int = 512) -> int:
    """Compute and store the vectors of the statements that have none (or of ``ids``); returns
    how many were written. Each chunk is its own transaction: a cancel keeps what is done."""
    conn = store.conn
    todo = missing_statements(conn) if ids is None else list(ids)
    done = 0
    for part in _chunks(todo, chunk):
        if cancelled and cancelled():
            break
        rows = conn.execute("SELECT id, text, title FROM statements WHERE id IN "
                            f"({','.join('?' * len(part))})", part).fetchall()
        if not rows:
            continue
        text_vecs = encode([r[1] for r in rows])
        titled = [i for i, r in enumerate(rows) if r[2] and r[2].strip()]
        title_vecs = encode([rows[i][2] for i in titled])
        tv = dict(zip(titled, title_vecs))
        with store.transaction() as c:
            c.executemany("INSERT OR REPLACE INTO statement_vectors (statement_id, text_vec, title_vec) "
                          "VALUES (?, ?, ?)",
                          [(r[0], to_blob(text_vecs[i]), to_blob(tv[i]) if i in tv else None)
                           for i, r in enumerate(rows)])
        done += len(rows)
        if progress:
            progress(done / len(todo))
    _Dense.invalidate()
    return done


def index_quotes(store: Store, quote_ids: Iterable[int] | None = None, *,
                 progress: Callable[[float], None] | None = None,
                 cancelled: Callable[[], bool] | None = None, chunk: int = 256) -> int:
    """Compute and store the vectors of the quotes that have none (all, or among ``quote_ids``)."""
    conn = store.conn
    todo = missing_quotes(conn, quote_ids)
    done = 0
    for part in _chunks(todo, chunk):
        if cancelled and cancelled():
            break
        rows = conn.execute(f"SELECT id, text FROM quotes WHERE id IN ({','.join('?' * len(part))})",
                            part).fetchall()
        vecs = encode([r[1] for r in rows])
        with store.transaction() as c:
            c.executemany("INSERT OR REPLACE INTO quote_vectors (quote_id, text_vec) VALUES (?, ?)",
                          [(r[0], to_blob(v)) for r, v in zip(rows, vecs)])
        done += len(rows)
        if progress:
            progress(done / len(todo))
    return done


def keep_vectors(store: Store, cands) -> None:
    """Store the vectors computed on the fly for candidates (statements and quotes with ``vec``
    set) so that the next match reads them. Best effort: a read-only or busy database skips it."""
    if getattr(store, "readonly", False):
        return
    st = [(c.row_id, to_blob(c.vec), to_blob(c.title_vec) if c.title_vec is not None else None)
          for c in cands if not c.is_quote and c.vec is not None]
    qs = [(c.row_id, to_blob(c.vec)) for c in cands if c.is_quote and c.vec is not None]
    try:
        with store.transaction() as c:
            c.executemany("INSERT OR IGNORE INTO statement_vectors (statement_id, text_vec, title_vec) "
                          "VALUES (?, ?, ?)", st)
            c.executemany("INSERT OR IGNORE INTO quote_vectors (quote_id, text_vec) VALUES (?, ?)", qs)
    except sqlite3.Error as exc:  # locked by another writer for 15 s, or read-only: next time
        log.info("sentence vectors not kept: %s", exc)


# --- reading them at match time ------------------------------------------------------------------

def statement_vectors(conn, ids: Sequence[int]) -> dict[int, tuple[np.ndarray, np.ndarray | None]]:
    if not ids:
        return {}
    rows = conn.execute("SELECT statement_id, text_vec, title_vec FROM statement_vectors WHERE "
                        f"statement_id IN ({','.join('?' * len(ids))})", list(ids)).fetchall()
    return {r[0]: (from_blob(r[1]), from_blob(r[2])) for r in rows}


def quote_vectors(conn, ids: Sequence[int]) -> dict[int, np.ndarray]:
    if not ids:
        return {}
    rows = conn.execute("SELECT quote_id, text_vec FROM quote_vectors WHERE "
                        f"quote_id IN ({','.join('?' * len(ids))})", list(ids)).fetchall()
    return {r[0]: from_blob(r[1]) for r in rows}


class _Dense:
    """The statements' vectors as one matrix (text + DENSE_TITLE x title), per database file,
    reloaded when the highest indexed statement id changes (new statements were indexed)."""

    _cache: dict[str, tuple[int, np.ndarray | None, np.ndarray | None]] = {}
    _cache_lock = threading.Lock()

    @classmethod
    def invalidate(cls) -> None:
        with cls._cache_lock:
            cls._cache.clear()

    @classmethod
    def get(cls, store: Store) -> tuple[np.ndarray, np.ndarray] | None:
        conn = store.conn
        top = conn.execute("SELECT coalesce(max(statement_id), 0) FROM statement_vectors").fetchone()[0]
        if not top:
            return None
        key = str(store.path) if store.path else f"memory:{id(conn)}"  # each in-memory db its own
        with cls._cache_lock:
            hit = cls._cache.get(key)
            if hit is not None and hit[0] == top:
                return None if hit[1] is None else (hit[1], hit[2])
        if conn.execute("SELECT coalesce(max(id), 0) FROM statements").fetchone()[0] > DENSE_MAX:
            with cls._cache_lock:  # remembered, so each query does not ask again
                cls._cache = {key: (top, None, None)}
            return None
        ids, rows = [], []
        for sid, tv, ti in conn.execute("SELECT statement_id, text_vec, title_vec FROM statement_vectors"):
            v = from_blob(tv)
            if ti is not None:
                v = v + DENSE_TITLE * from_blob(ti)
            ids.append(sid)
            rows.append(v)
        mat = np.vstack(rows).astype(np.float32) if rows else np.zeros((0, DIM), np.float32)
        arr = np.asarray(ids, dtype=np.int64)
        with cls._cache_lock:
            cls._cache = {key: (top, arr, mat)}  # one database at a time
        return arr, mat


def nearest_statements(store: Store, qvec: np.ndarray, k: int) -> list[tuple[int, float]]:
    """The ``k`` statements nearest in meaning to ``qvec`` scoring at least ``DENSE_MIN``:
    ``[(statements.id, score)]``; empty when the collection is larger than ``DENSE_MAX`` or has
    no vectors."""
    if k <= 0:
        return []
    got = _Dense.get(store)
    if got is None or not len(got[0]):
        return []
    ids, mat = got
    scores = mat @ qvec
    k = min(k, len(ids))
    top = np.argpartition(-scores, k - 1)[:k]
    top = top[np.argsort(-scores[top], kind="stable")]
    return [(int(ids[i]), float(scores[i])) for i in top if scores[i] >= DENSE_MIN]
